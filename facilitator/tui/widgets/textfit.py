"""Fitting text and bars into a given number of terminal cells."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

_EIGHTHS = " ▏▎▍▌▋▊▉"


def fit(text: str, width: int) -> str:
    """One line of exactly `width` cells: cut with … or padded with spaces."""
    text = " ".join(text.split())
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of `width` cells, filled in eighths of a cell."""
    if width <= 0:
        return ""
    if maximum <= 0 or value <= 0:
        return " " * width
    eighths = round(min(value, maximum) / maximum * width * 8)
    full, part = divmod(eighths, 8)
    out = "█" * full + (_EIGHTHS[part] if part and full < width else "")
    return out.ljust(width)
