"""Two high-contrast themes that stay readable on a washed-out village-hall projector."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="facilitator-dark",
    primary="#5fb0ff",
    secondary="#9ecbff",
    accent="#ffd000",
    warning="#ffb000",
    error="#ff6b6b",
    success="#45e08a",
    foreground="#ffffff",
    background="#000000",
    surface="#101010",
    panel="#1c1c1c",
    dark=True,
    variables={"footer-key-foreground": "#ffd000"},
)

LIGHT = Theme(
    name="facilitator-light",
    primary="#0046a0",
    secondary="#0b5cc2",
    accent="#7a3e00",
    warning="#8a4b00",
    error="#b0001e",
    success="#136b2f",
    foreground="#000000",
    background="#ffffff",
    surface="#f3f3f3",
    panel="#e4e4e4",
    dark=False,
    variables={"footer-key-foreground": "#0046a0", "block-cursor-text-style": "bold"},
)

THEMES = (DARK, LIGHT)
