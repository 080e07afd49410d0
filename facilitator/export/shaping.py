"""Words into drawable pieces, and a line's pieces into the order they are drawn in.

A word is cut into items: runs of right-to-left letters (shaped by uharfbuzz
through reportlab's `shapeStr`, glyphs come back in visual order) and runs of
anything else, each cut again into pieces in one bundled font (`fonts`). A
line is put in visual order with the levels of the Unicode bidirectional
algorithm as python-bidi resolves them (brackets, numbers, embeddings and
isolates included); on a right-to-left level unshaped text is reversed and
mirrored, `(` drawn as `)`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bidi import get_display
from bidi.mirror import MIRRORED
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

from facilitator.export import fonts

Span = tuple[str, bool]   # (text, bold)

_RTL, _OTHER, _WS = "R", "N", "WS"
#: Bidi classes that may put a line's characters on a right-to-left level.
_RTL_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI"})


@dataclass(frozen=True)
class Piece:
    """Drawn in one font: `text` is a ShapedStr (glyphs in visual order) when shaped."""

    font: str
    text: str
    width: float


@dataclass(frozen=True)
class Item:
    """A run of right-to-left letters (R) or of anything else (N) in a word, or a space (WS).

    `spans` is the item's text in logical order; `pieces` are what is drawn.
    """

    kind: str
    pieces: tuple[Piece, ...]
    width: float
    spans: tuple[Span, ...]


Word = tuple[Item, ...]


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]
    base_rtl: bool
    width: float
    size: float


@lru_cache(maxsize=65536)
def _is_rtl_letter(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


@lru_cache(maxsize=65536)
def _may_be_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in _RTL_CLASSES


def _kinds(chars: Sequence[str]) -> list[str]:
    """Per character: a right-to-left letter or not; combining marks go with the letter before."""
    out: list[str] = []
    for ch in chars:
        if out and unicodedata.bidirectional(ch) in ("NSM", "BN"):
            out.append(out[-1])
        else:
            out.append(_RTL if _is_rtl_letter(ch) else _OTHER)
    return out


@lru_cache(maxsize=131072)
def shaped_piece(font: str, text: str, size: float, shape: bool) -> Piece:
    if shape:
        shaped = shapeStr(text, font, size)
        if isinstance(shaped, ShapedStr):
            width = sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
            return Piece(font, shaped, width)
    return Piece(font, text, stringWidth(text, font, size))


def _mirrored(text: str) -> str:
    """Unshaped text on a right-to-left level, in visual order: reversed, `(` drawn as `)`."""
    return "".join(MIRRORED.get(ch, ch) for ch in reversed(text))


@lru_cache(maxsize=65536)
def item(kind: str, spans: tuple[Span, ...], size: float, rtl: bool = False) -> Item:
    """`rtl`: the item lies on a right-to-left level (shaped runs come back visual already)."""
    pieces: list[Piece] = []
    for text, bold in spans:
        for run in fonts.font_runs(text, bold):
            shape = run.shape or kind == _RTL
            if rtl and not shape:
                piece = shaped_piece(run.font, _mirrored(run.text), size, False)
            else:
                piece = shaped_piece(run.font, run.text, size, shape)
            pieces.append(piece)
    return Item(kind, tuple(pieces), sum(p.width for p in pieces), spans)


def _spans_of(chars: Sequence[tuple[str, bool]]) -> tuple[Span, ...]:
    """(character, bold) pairs joined into runs of one weight."""
    out: list[Span] = []
    for ch, bold in chars:
        if out and out[-1][1] == bold:
            out[-1] = (out[-1][0] + ch, bold)
        else:
            out.append((ch, bold))
    return tuple(out)


@lru_cache(maxsize=65536)
def word(text: str, bold: bool, size: float) -> Word:
    """Words repeat a lot (a thousand ideas say "kylän" often): measure each once."""
    return chars_word([(ch, bold) for ch in text], size)


def chars_word(chars: Sequence[tuple[str, bool]], size: float) -> Word:
    kinds = _kinds([ch for ch, _ in chars])
    items: list[Item] = []
    start = 0
    for i in range(1, len(chars) + 1):
        if i == len(chars) or kinds[i] != kinds[start]:
            items.append(item(kinds[start], _spans_of(chars[start:i]), size))
            start = i
    return tuple(items)


def word_width(word: Word) -> float:
    return sum(i.width for i in word)


# python-bidi answers `debug=True` with the unicode-bidi crate's `BidiInfo`, whose
# `levels` hold one level per UTF-8 byte. Its text comes first and escapes line
# breaks, so the last "\n    levels: [" is the crate's own.
_LEVELS_AT = "\n    levels: ["
_PARAGRAPHS_AT = "\n    paragraphs: ["
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


@lru_cache(maxsize=8192)
def bidi_levels(text: str, rtl: bool) -> tuple[int, ...]:
    """Each character's embedding level (odd: right to left), as python-bidi resolves it."""
    info = str(get_display(text, base_dir="R" if rtl else "L", debug=True))
    start = info.rindex(_LEVELS_AT)
    per_byte = [int(n) for n in _LEVEL.findall(info, start, info.index(_PARAGRAPHS_AT, start))]
    out: list[int] = []
    pos = 0
    for ch in text:
        out.append(per_byte[pos])
        pos += len(ch.encode("utf-8"))
    if pos != len(per_byte):
        raise RuntimeError("python-bidi's levels no longer read as expected")
    return tuple(out)


def _slice(spans: tuple[Span, ...], start: int, end: int) -> tuple[Span, ...]:
    out: list[Span] = []
    pos = 0
    for text, bold in spans:
        a, b = max(start - pos, 0), min(end - pos, len(text))
        if a < b:
            out.append((text[a:b], bold))
        pos += len(text)
    return tuple(out)


def visual_order(line: Line, space: Piece) -> list[tuple[Item, int]]:
    """The line's items left to right, each with its embedding level (odd: right to left).

    The levels are python-bidi's; an item whose characters lie on different
    levels is cut where the level changes, and runs are reversed from the
    highest level down to the lowest odd one (rule L2).
    """
    seq: list[Item] = []
    gap = Item(_WS, (space,), space.width, ((" ", False),))
    for i, word in enumerate(line.words):
        if i:
            seq.append(gap)
        seq.extend(word)
    if not seq:
        return []
    text = "".join(t for it in seq for t, _ in it.spans)
    if not line.base_rtl and not any(_may_be_rtl(ch) for ch in text):
        return [(it, 0) for it in seq]    # plain left-to-right text: nothing to reorder
    levels = bidi_levels(text, line.base_rtl)
    units: list[tuple[Item, int]] = []
    pos = 0
    for it in seq:
        n = sum(len(t) for t, _ in it.spans)
        own = levels[pos:pos + n]
        start = 0
        for k in range(1, n + 1):
            if k == n or own[k] != own[start]:
                level = own[start]
                if it.kind == _WS or (level % 2 == 0 and start == 0 and k == n):
                    units.append((it, level))
                else:
                    part = _slice(it.spans, start, k)
                    units.append((item(it.kind, part, line.size, level % 2 == 1), level))
                start = k
        pos += n
    order = list(range(len(units)))
    top = max(level for _, level in units)
    lowest_odd = min((level for _, level in units if level % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if units[order[i]][1] >= level:
                j = i
                while j < len(order) and units[order[j]][1] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [units[i] for i in order]
