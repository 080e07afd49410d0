"""The blocks a published document is made of, as plain data for its typst source.

A block is a dict of strings, numbers and lists (JSON as it is); `typst/style.typ`
draws each kind. Nothing here is markup: the typst side shows every string as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Block = dict[str, Any]
Cell = str | dict[str, Any]
#: A column width: centimetres, or "fr" for the rest of the line.
Width = float | str


def heading(text: str, level: int = 1) -> Block:
    """A heading: a bookmark and a heading in the structure tree."""
    return {"type": "heading", "level": level, "text": text}


def para(text: str, tone: str = "body") -> Block:
    """A paragraph; `tone` is body, note (quieter), tie (a warning) or good."""
    return {"type": "para", "text": text, "tone": tone}


def facts(rows: Sequence[tuple[str, str]]) -> Block:
    return {"type": "facts", "rows": [[label, value or "–"] for label, value in rows]}


def cell(text: str, *, bold: bool = False, tone: str | None = None,
         sub: str | None = None) -> Cell:
    if not (bold or tone or sub):
        return text
    out: dict[str, Any] = {"text": text, "bold": bold}
    if tone:
        out["tone"] = tone
    if sub:
        out["sub"] = sub
    return out


def table(header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[Width],
          align: Sequence[str] | None = None) -> Block:
    """A table with header cells, repeated on every page it runs to."""
    assert len(header) == len(widths) and all(len(r) == len(widths) for r in rows)
    return {"type": "table", "header": list(header), "widths": list(widths),
            "align": list(align or ["start"] * len(widths)), "rows": [list(r) for r in rows]}


def legend(phone: str, paper: str) -> Block:
    return {"type": "legend", "phone": phone, "paper": paper}


def appendix() -> Block:
    """What follows starts on a new page: the appendix."""
    return {"type": "appendix"}
