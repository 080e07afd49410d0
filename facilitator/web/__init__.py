"""The participant server: phones join by QR, write ideas and vote (Starlette, JS optional)."""
