"""QR codes for the join URL and the Wi-Fi login: one matrix, drawn for terminals, PDFs and SVG.

Always a full QR code (`segno.make_qr`), never a Micro QR: phone cameras
seldom read those. The quiet zone (4 modules) is part of every rendering.
"""

from __future__ import annotations

from collections.abc import Iterator

import segno

QUIET_ZONE = 4
# Fixed black on bright white, whatever the terminal's colours: a QR code in the
# terminal's inverted or themed colours often does not scan.
ANSI_BLACK_ON_WHITE = "\x1b[30;107m"
ANSI_RESET = "\x1b[0m"


def join_url(base_url: str, code: str) -> str:
    """`http://192.168.1.20:8000` + `K7MQ4X` → `http://192.168.1.20:8000/j/K7MQ4X`."""
    return f"{base_url.rstrip('/')}/j/{code}"


def make_qr(data: str) -> segno.QRCode:
    """A QR code (error correction M or better) for the given text."""
    return segno.make_qr(data, error="m", boost_error=True)


def wifi_escape(value: str) -> str:
    """Escape `\\ ; , : "` with a backslash, as the WIFI: payload format requires."""
    out = []
    for ch in value:
        if ch in '\\;,:"':
            out.append("\\")
        out.append(ch)
    return "".join(out)


def wifi_payload(ssid: str, password: str | None = None, security: str = "WPA",
                 hidden: bool = False) -> str:
    """`WIFI:T:WPA;S:<ssid>;P:<password>;;` — what phone cameras offer to join."""
    if not password:
        security = "nopass"
    parts = [f"WIFI:T:{security}", f"S:{wifi_escape(ssid)}"]
    if password:
        parts.append(f"P:{wifi_escape(password)}")
    if hidden:
        parts.append("H:true")
    return ";".join(parts) + ";;"


def matrix(qr: segno.QRCode, border: int = QUIET_ZONE) -> list[list[bool]]:
    """Rows of dark (True) and light (False) modules, quiet zone included."""
    return [[bool(v) for v in row] for row in qr.matrix_iter(border=border)]


def dark_runs(qr: segno.QRCode, border: int = QUIET_ZONE) -> Iterator[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules: few, big rectangles."""
    for y, row in enumerate(matrix(qr, border)):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                yield y, start, x - start
            else:
                x += 1


def half_block_lines(qr: segno.QRCode, border: int = QUIET_ZONE) -> list[str]:
    """The matrix as text, two module rows per line (▀ ▄ █ and space), for black on white.

    The characters are the *dark* parts, meant to be drawn in black on a
    white background. Each module is one character wide and half a line high,
    which is square in a usual terminal font.
    """
    rows = matrix(qr, border)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    lines = []
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        lines.append("".join(
            "█" if t and b else "▀" if t else "▄" if b else " " for t, b in zip(top, bottom,
                                                                              strict=True)))
    return lines


def terminal_text(qr: segno.QRCode, border: int = QUIET_ZONE) -> str:
    """The QR code for printing in a terminal, in fixed black on white (ANSI colours)."""
    return "\n".join(f"{ANSI_BLACK_ON_WHITE}{line}{ANSI_RESET}"
                     for line in half_block_lines(qr, border))


def size_in_modules(qr: segno.QRCode, border: int = QUIET_ZONE) -> int:
    width, _ = qr.symbol_size(scale=1, border=border)
    return int(width)
