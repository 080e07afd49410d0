"""The join QR code drawn with half-blocks in fixed black on white, quiet zone included."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from facilitator.qr import QUIET_ZONE, make_qr, matrix
from facilitator.tui.widgets.literal import Static

_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_lines(data: str, scale: int = 1, border: int = QUIET_ZONE) -> list[str]:
    """Rows of ▀ ▄ █ for the dark modules; a module is `scale` columns by `scale` half-lines.

    A terminal cell is about twice as tall as it is wide, so one column by one
    half-line is a square module. Scale 1 equals `facilitator.qr.half_block_lines`.
    """
    rows = matrix(make_qr(data), border)
    pixels = [[dark for dark in row for _ in range(scale)] for row in rows for _ in range(scale)]
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))
    return ["".join(_HALF[t, b] for t, b in zip(top, bottom, strict=True))
            for top, bottom in zip(pixels[0::2], pixels[1::2], strict=True)]


def qr_size(data: str, scale: int = 1) -> tuple[int, int]:
    """Width and height in terminal cells."""
    lines = qr_lines(data, scale)
    return len(lines[0]), len(lines)


def best_scale(data: str, width: int, height: int, most: int = 4) -> int:
    """The largest scale that fits in width x height cells (at least 1)."""
    base_w, _ = qr_size(data, 1)
    for scale in range(most, 1, -1):
        if base_w * scale <= width and (base_w * scale + 1) // 2 <= height:
            return scale
    return 1


class QRCode(Static):
    """A scannable code: black modules on white, whatever the theme."""

    DEFAULT_CSS = """
    QRCode {
        width: auto;
        height: auto;
        color: #000000;
        background: #ffffff;
        text-style: none;
    }
    """

    def __init__(self, data: str = "", scale: int = 1, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.data = data
        self.scale = scale
        self.lines: list[str] = []
        if data:
            self._draw()

    def show(self, data: str, scale: int | None = None) -> None:
        if data == self.data and (scale is None or scale == self.scale):
            return
        self.data = data
        if scale is not None:
            self.scale = scale
        self._draw()

    def _draw(self) -> None:
        self.lines = qr_lines(self.data, self.scale)
        self.update(Text("\n".join(self.lines), no_wrap=True))
