"""The text engine for everything printed: wrapping, font fallback, shaping and right-to-left order.

Participants write in any language, so no text goes through reportlab's
paragraph markup: a `Text` is plain characters, drawn as typed (an idea
`<b>&<img src="/etc/passwd"/>` prints exactly so, and opens nothing). It

- picks a bundled font per run, shapes Arabic, Hebrew, combining marks and
  emoji sequences with uharfbuzz, and orders each line as the Unicode
  bidirectional algorithm says (python-bidi): all three in `shaping`,
- wraps at spaces, breaks a word longer than the line (5,000 characters with
  no space still wrap), keeps line breaks, and splits across pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from bidi import get_base_level
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from facilitator.export import fonts
from facilitator.export.shaping import (
    Line,
    Piece,
    Span,
    Word,
    chars_word,
    shaped_piece,
    visual_order,
    word,
    word_width,
)
from facilitator.export.styles import Style


@lru_cache(maxsize=65536)
def _char_width(ch: str, bold: bool, size: float) -> float:
    runs = fonts.font_runs(ch, bold)
    return sum(stringWidth(r.text, r.font, size) for r in runs)


def _breakable(chars: Sequence[tuple[str, bool]], i: int) -> bool:
    """May a long word be cut before character i (not inside a letter + its marks)?"""
    ch = chars[i][0]
    cp = ord(ch)
    if unicodedata.category(ch) in ("Mn", "Mc", "Me") or cp in (0x200D, 0xFE0F, 0xFE0E):
        return False
    if 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:
        return False
    return not (i > 0 and ord(chars[i - 1][0]) == 0x200D)


def _cut_long(chars: Sequence[tuple[str, bool]], width: float, size: float
              ) -> list[Sequence[tuple[str, bool]]]:
    """A word wider than the line, cut into pieces that fit (no hyphen added)."""
    limit = width * 0.97  # shaped glyphs may be a little wider than the estimate
    parts: list[Sequence[tuple[str, bool]]] = []
    start, used = 0, 0.0
    for i, (ch, bold) in enumerate(chars):
        w = _char_width(ch, bold, size)
        if i > start and used + w > limit and _breakable(chars, i):
            parts.append(chars[start:i])
            start, used = i, 0.0
        used += w
    parts.append(chars[start:])
    return parts


def _base_rtl(text: str) -> bool:
    """The paragraph's direction: that of its first strong letter (P2, P3)."""
    return bool(text.strip()) and get_base_level(text) == 1


_SPACES = re.compile(r"[^\S\u00a0\u202f\n]+")   # break at spaces, never at no-break spaces


def _paragraphs(spans: Sequence[Span]) -> list[list[list[tuple[str, bool]]]]:
    """Paragraphs (split at line breaks) of words, each word a list of (text, bold) parts."""
    paragraphs: list[list[list[tuple[str, bool]]]] = [[]]
    glued = False   # does the next part continue the last word (no space between spans)?
    for text, bold in spans:
        for p, para in enumerate(text.replace("\r", "").split("\n")):
            if p:
                paragraphs.append([])
                glued = False
            pieces = _SPACES.split(para)
            for i, piece in enumerate(pieces):
                if i:
                    glued = False
                if not piece:
                    continue
                words = paragraphs[-1]
                if glued and words:
                    words[-1].append((piece, bold))
                else:
                    words.append([(piece, bold)])
                glued = True
            if pieces and not pieces[-1]:
                glued = False
    return paragraphs


def _word_of(parts: list[tuple[str, bool]], size: float) -> Word:
    if len(parts) == 1:
        return word(parts[0][0], parts[0][1], size)
    return chars_word([(ch, bold) for text, bold in parts for ch in text], size)


def layout(spans: Sequence[Span], style: Style, width: float) -> list[Line]:
    """Break text into lines that fit `width` points."""
    return list(_layout(tuple(spans), style.size, width))


@lru_cache(maxsize=16384)
def _layout(spans: tuple[Span, ...], size: float, width: float) -> tuple[Line, ...]:
    """Cached: a thousand cells say "0" or "=14." in the same column."""
    fonts.register()
    space = shaped_piece(fonts.SANS, " ", size, False)
    lines: list[Line] = []
    for para in _paragraphs(spans):
        rtl = _base_rtl("".join(text for parts in para for text, _ in parts))
        current: list[Word] = []
        used = 0.0
        for raw in para:
            word = _word_of(raw, size)
            w = word_width(word)
            if w > width:
                chars = [(ch, bold) for text, bold in raw for ch in text]
                parts = [chars_word(p, size) for p in _cut_long(chars, width, size)]
            else:
                parts = [word]
            for part in parts:
                pw = word_width(part)
                extra = pw + (space.width if current else 0)
                if current and used + extra > width:
                    lines.append(Line(tuple(current), rtl, used, size))
                    current, used = [], 0.0
                    extra = pw
                current.append(part)
                used += extra
        lines.append(Line(tuple(current), rtl, used, size))
    return tuple(lines)


class Text(Flowable):
    """A block of plain text in one style; bold may be given per span."""

    def __init__(self, text: str | Sequence[Span], style: Style, *,
                 _lines: list[Line] | None = None) -> None:
        super().__init__()
        self.spans: tuple[Span, ...] = ((text, style.bold),) if isinstance(text, str) else tuple(
            text)
        self.style = style
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self._lines = _lines
        self._lines_width: float | None = None
        self._frozen = _lines is not None   # a part split off: its lines are final
        self.width = 0.0
        self.height = 0.0

    def __repr__(self) -> str:
        return f"Text({''.join(t for t, _ in self.spans)[:40]!r})"

    @property
    def plain(self) -> str:
        return "".join(t for t, _ in self.spans)

    def lines(self, width: float) -> list[Line]:
        if self._lines is None or (self._lines_width != width and not self._frozen):
            self._lines = layout(self.spans, self.style, width)
            self._lines_width = width
        return self._lines

    def natural_width(self, width: float) -> float:
        return max((ln.width for ln in self.lines(width)), default=0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines(availWidth)
        fit = int((availHeight + 0.01) // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        first = Text(self.spans, self.style.but(space_after=0), _lines=lines[:fit])
        rest = Text(self.spans, self.style.but(space_before=0), _lines=lines[fit:])
        return [first, rest]

    def draw(self) -> None:
        draw_lines(self.canv, self.lines(self.width), self.style, 0, self.height, self.width)

    def emit(self, t: PDFTextObject, x: float, top: float) -> None:
        """Write into a text object shared with neighbours (a table row draws as one)."""
        emit_lines(t, self.lines(self.width), self.style, x, top, self.width)


def _runs(line: Line, space: Piece) -> list[tuple[str, str, float]]:
    """The line's pieces left to right, neighbours in one font merged into one string."""
    out: list[tuple[str, str, float]] = []
    for item, level in visual_order(line, space):
        for piece in (item.pieces[::-1] if level % 2 else item.pieces):
            shaped = isinstance(piece.text, ShapedStr)
            if out and not shaped and out[-1][0] == piece.font and not isinstance(
                    out[-1][1], ShapedStr):
                font, text, width = out[-1]
                out[-1] = (font, text + piece.text, width + piece.width)
            else:
                out.append((piece.font, piece.text, piece.width))
    return out


def emit_lines(t: PDFTextObject, lines: Sequence[Line], style: Style, x: float, top: float,
               width: float) -> None:
    """Write laid-out lines into a text object, their top at `top`, within [x, x + width]."""
    size = style.size
    space = shaped_piece(fonts.SANS, " ", size, False)
    t.setFillColor(style.color)
    baseline = top - (style.leading - size) / 2 - size * 0.8
    font = ""
    for line in lines:
        if line.words:
            align = style.align
            if align == "start":
                align = "right" if line.base_rtl else "left"
            elif align == "end":
                align = "left" if line.base_rtl else "right"
            cx = x + (width - line.width if align == "right" else
                      (width - line.width) / 2 if align == "center" else 0)
            for run_font, text, run_width in _runs(line, space):
                t.setTextOrigin(cx, baseline)
                if run_font != font:
                    t.setFont(run_font, size)
                    font = run_font
                t.textOut(text)
                cx += run_width
        baseline -= style.leading


def draw_lines(canv: Canvas, lines: Sequence[Line], style: Style, x: float, top: float,
               width: float) -> None:
    """Draw laid-out lines with their top at `top`, within [x, x + width]."""
    canv.saveState()
    t = canv.beginText()
    emit_lines(t, lines, style, x, top, width)
    canv.drawText(t)
    canv.restoreState()


def text_width(text: str, style: Style) -> float:
    """The width of `text` on one line, unwrapped."""
    lines = layout(((text, style.bold),), style, 1e9)
    return max((ln.width for ln in lines), default=0.0)


def draw_text(canv: Canvas, text: str, style: Style, x: float, top: float, width: float
              ) -> float:
    """Draw wrapped text with its top at `top`; returns the height used."""
    lines = layout(((text, style.bold),), style, width)
    draw_lines(canv, lines, style, x, top, width)
    return len(lines) * style.leading


def shrink_to_fit(text: str, style: Style, width: float, max_height: float,
                  smallest: float = 10) -> tuple[Style, float]:
    """The style shrunk until the text fits the box; its height."""
    while True:
        h = len(layout(((text, style.bold),), style, width)) * style.leading
        if h <= max_height or style.size <= smallest:
            return style, h
        factor = max(smallest, style.size - 2) / style.size
        style = style.but(size=style.size * factor, leading=style.leading * factor)


def shrink_to_line(text: str, style: Style, width: float, smallest: float) -> Style:
    """The style shrunk until the text fits on one line (a URL must not break)."""
    while text_width(text, style) > width and style.size > smallest:
        style = style.but(size=style.size - 0.5, leading=style.leading * (style.size - 0.5)
                          / style.size)
    return style
