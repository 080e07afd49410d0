"""The text engine for everything printed: wrapping, font fallback, shaping and right-to-left order.

Participants write in any language, so no text goes through reportlab's
paragraph markup: a `Text` is plain characters, drawn as typed (an idea
`<b>&<img src="/etc/passwd"/>` prints exactly so, and opens nothing). It

- picks a bundled font per run (emoji from the emoji font, see `fonts`),
- shapes Arabic, Hebrew, combining marks and emoji sequences with uharfbuzz
  (reportlab's `shapeStr`, the machinery behind `shaping=1`),
- orders words right to left where the text is Arabic or Hebrew (a word-level
  version of the Unicode bidirectional algorithm: reportlab's own needs the
  `rlbidi` package, which has no wheels),
- wraps at spaces, breaks a word longer than the line (5,000 characters with
  no space still wrap), keeps line breaks, and splits across pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.platypus import Flowable

from facilitator.export import fonts
from facilitator.export.styles import Style

Span = tuple[str, bool]   # (text, bold)

# Bidi classes, reduced to what a word-level algorithm needs.
_L, _R, _EN, _N = "L", "R", "EN", "N"
_ATTACH = {"NSM", "BN"}   # combining marks and joiners take the class before them


@dataclass(frozen=True)
class Piece:
    """Drawn in one font: `text` is a ShapedStr (glyphs in visual order) when shaped."""

    font: str
    text: str
    width: float


@dataclass(frozen=True)
class Item:
    """A run of one direction inside a word, or the space between words."""

    kind: str          # L | R | EN | N | WS
    pieces: tuple[Piece, ...]
    width: float


Word = tuple[Item, ...]


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]
    base_rtl: bool
    width: float


@lru_cache(maxsize=65536)
def _bidi_class(ch: str) -> str:
    c = unicodedata.bidirectional(ch)
    if c == "L":
        return _L
    if c in ("R", "AL"):
        return _R
    if c in ("EN", "AN"):
        return _EN
    if c in _ATTACH:
        return "ATTACH"
    return c if c in ("ES", "ET", "CS") else _N


def _classes(chars: Sequence[str]) -> list[str]:
    """Per character, after W1 (marks attach), W4 (1,5 and 1.5) and W5 (12 € , 5 %)."""
    raw = [_bidi_class(ch) for ch in chars]
    out: list[str] = []
    for c in raw:
        if c == "ATTACH":
            out.append(out[-1] if out else _N)
        else:
            out.append(c)
    for i, c in enumerate(out):
        if c in ("ES", "CS") and 0 < i < len(out) - 1 and out[i - 1] == _EN and out[i + 1] == _EN:
            out[i] = _EN
    for i, c in enumerate(out):
        if c == "ET" and ((i > 0 and out[i - 1] == _EN) or (i + 1 < len(out)
                                                             and out[i + 1] == _EN)):
            out[i] = _EN
    return [c if c in (_L, _R, _EN) else _N for c in out]


@lru_cache(maxsize=131072)
def _piece(font: str, text: str, size: float, shape: bool) -> Piece:
    if shape:
        shaped = shapeStr(text, font, size)
        if isinstance(shaped, ShapedStr):
            width = sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
            return Piece(font, shaped, width)
    return Piece(font, text, stringWidth(text, font, size))


def _item(kind: str, chars: Sequence[tuple[str, bool]], size: float) -> Item:
    pieces: list[Piece] = []
    i = 0
    while i < len(chars):
        bold = chars[i][1]
        j = i
        while j < len(chars) and chars[j][1] == bold:
            j += 1
        for run in fonts.font_runs("".join(ch for ch, _ in chars[i:j]), bold):
            pieces.append(_piece(run.font, run.text, size, run.shape or kind == _R))
        i = j
    return Item(kind, tuple(pieces), sum(p.width for p in pieces))


@lru_cache(maxsize=65536)
def _word_cached(text: str, bold: bool, size: float) -> Word:
    """Words repeat a lot (a thousand ideas say "kylän" often): measure each once."""
    return _word_uncached([(ch, bold) for ch in text], size)


def _word_uncached(chars: Sequence[tuple[str, bool]], size: float) -> Word:
    classes = _classes([ch for ch, _ in chars])
    items: list[Item] = []
    start = 0
    for i in range(1, len(chars) + 1):
        if i == len(chars) or classes[i] != classes[start]:
            items.append(_item(classes[start], chars[start:i], size))
            start = i
    return tuple(items)


def _width(word: Word) -> float:
    return sum(i.width for i in word)


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


def _base_rtl(chars: Iterable[tuple[str, bool]]) -> bool:
    """The paragraph's direction: that of its first strong letter (P2, P3)."""
    for ch, _ in chars:
        c = _bidi_class(ch)
        if c == _R:
            return True
        if c == _L:
            return False
    return False


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
        return _word_cached(parts[0][0], parts[0][1], size)
    return _word_uncached([(ch, bold) for text, bold in parts for ch in text], size)


def layout(spans: Sequence[Span], style: Style, width: float) -> list[Line]:
    """Break text into lines that fit `width` points."""
    return list(_layout(tuple(spans), style.size, width))


@lru_cache(maxsize=16384)
def _layout(spans: tuple[Span, ...], size: float, width: float) -> tuple[Line, ...]:
    """Cached: a thousand cells say "0" or "=14." in the same column."""
    fonts.register()
    space = _piece(fonts.SANS, " ", size, False)
    lines: list[Line] = []
    for para in _paragraphs(spans):
        rtl = _base_rtl((ch, b) for parts in para for text, b in parts for ch in text)
        current: list[Word] = []
        used = 0.0
        for raw in para:
            word = _word_of(raw, size)
            w = _width(word)
            if w > width:
                chars = [(ch, bold) for text, bold in raw for ch in text]
                parts = [_word_uncached(p, size) for p in _cut_long(chars, width, size)]
            else:
                parts = [word]
            for part in parts:
                pw = _width(part)
                extra = pw + (space.width if current else 0)
                if current and used + extra > width:
                    lines.append(Line(tuple(current), rtl, used))
                    current, used = [], 0.0
                    extra = pw
                current.append(part)
                used += extra
        lines.append(Line(tuple(current), rtl, used))
    return tuple(lines)


def visual_order(line: Line, space: Piece) -> list[tuple[Item, int]]:
    """The line's items left to right, each with its embedding level (odd: right to left).

    A word-level reading of the Unicode bidirectional algorithm: numbers
    follow the letters before them (W7), neutrals between two runs of one
    direction take it and otherwise the paragraph's (N1, N2), levels as in
    I1/I2, then runs are reversed from the highest level down (L2).
    """
    seq: list[Item] = []
    ws = Item("WS", (space,), space.width)
    for i, word in enumerate(line.words):
        if i:
            seq.append(ws)
        seq.extend(word)
    if not seq:
        return []
    if not line.base_rtl and all(it.kind != _R for it in seq):
        return [(it, 0) for it in seq]    # plain left-to-right text: nothing to reorder
    base = 1 if line.base_rtl else 0
    kinds = [it.kind for it in seq]
    prev_strong = _R if base else _L
    for i, k in enumerate(kinds):          # W7: numbers after Latin text are Latin
        if k == _EN and prev_strong == _L:
            kinds[i] = _L
        elif k in (_L, _R):
            prev_strong = k
    strong = [_R if k == _EN else k for k in kinds]   # numbers count as R for neutrals
    i = 0
    while i < len(strong):
        if strong[i] in (_N, "WS"):
            j = i
            while j < len(strong) and strong[j] in (_N, "WS"):
                j += 1
            before = strong[i - 1] if i > 0 else (_R if base else _L)
            after = strong[j] if j < len(strong) else (_R if base else _L)
            resolved = before if before == after else (_R if base else _L)
            for k in range(i, j):
                kinds[k] = resolved
            i = j
        else:
            i += 1
    levels = []
    for k in kinds:
        if base == 0:
            levels.append(1 if k == _R else 2 if k == _EN else 0)
        else:
            levels.append(1 if k == _R else 2)
    order = list(range(len(seq)))
    top = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [(seq[i], levels[i]) for i in order]


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

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
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

    def emit(self, t, x: float, top: float) -> None:  # noqa: ANN001 - a PDFTextObject
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


def emit_lines(t, lines: Sequence[Line], style: Style, x: float, top: float,  # noqa: ANN001
               width: float) -> None:
    """Write laid-out lines into a text object, their top at `top`, within [x, x + width]."""
    size = style.size
    space = _piece(fonts.SANS, " ", size, False)
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


def draw_lines(canv, lines: Sequence[Line], style: Style, x: float, top: float,  # noqa: ANN001
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
