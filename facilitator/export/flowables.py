"""The building blocks of the printed handouts: title block, tables, ballot boxes, QR codes.

All are reportlab flowables (or draw on a canvas) and print text only through
`export.text`, so participants' words are never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from facilitator import qr as qrmod
from facilitator.export.pages import frame_height
from facilitator.export.styles import (
    ACCENT,
    CELL_HEAD,
    CELL_PAD_X,
    CELL_PAD_Y,
    HEAD_BG,
    INK,
    MUTED,
    RULE,
    SMALL,
    SUBTITLE,
    TITLE,
    ZEBRA,
)
from facilitator.export.text import Text, draw_lines, layout

# -- title block and small pieces ---------------------------------------------------

class Rule(Flowable):
    """A thin horizontal line across the frame."""

    def __init__(self, color=RULE, thickness: float = 0.8, space: float = 6) -> None:
        super().__init__()
        self.color, self.thickness = color, thickness
        self.spaceBefore = self.spaceAfter = space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.thickness

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)


def title_block(kicker: str, title: str, subtitle: str) -> list[Flowable]:
    out: list[Flowable] = [Text(kicker.upper(), SMALL.but(color=ACCENT, bold=True, size=9)),
                           Text(title, TITLE)]
    if subtitle:
        out.append(Text(subtitle, SUBTITLE))
    out.append(Rule(ACCENT, 1.6, 8))
    return out


# -- tables ---------------------------------------------------------------------------

class Table(Flowable):
    """Rows of cells that split across pages, repeating the header on every page.

    reportlab's own Table re-measures all remaining rows at every page break,
    which is slow for a thousand ideas; here each row is measured once.
    """

    def __init__(self, header: Sequence[Flowable], rows: Sequence[Sequence[Flowable]],
                 widths: Sequence[float], *, zebra: bool = True, rules: bool = True,
                 shade: Sequence[object | None] | None = None, pad_y: float = CELL_PAD_Y,
                 max_height: float | None = None) -> None:
        super().__init__()
        self.header = list(header)
        self.rows = [list(r) for r in rows]
        self.widths = list(widths)
        self.zebra, self.rules = zebra, rules
        self.shade = list(shade) if shade is not None else [None] * len(self.rows)
        self.pad_y = pad_y
        self.max_height = max_height or frame_height()
        self.spaceBefore, self.spaceAfter = 2, 8
        self._heights: list[float] | None = None
        self._head_h = 0.0

    def _measure(self) -> list[float]:
        if self._heights is None:
            def row_h(row: Sequence[Flowable]) -> float:
                return max((c.wrap(w - 2 * CELL_PAD_X, 1e9)[1] + 2 * self.pad_y
                            for c, w in zip(row, self.widths, strict=False)), default=0)
            self._head_h = row_h(self.header) if self.header else 0.0
            self._heights = [row_h(r) for r in self.rows]
        return self._heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        heights = self._measure()
        self.width = sum(self.widths)
        self.height = self._head_h + sum(heights)
        return self.width, self.height

    def _part(self, rows: list[list[Flowable]], heights: list[float], shade: list) -> Table:
        part = Table(self.header, rows, self.widths, zebra=self.zebra, rules=self.rules,
                     shade=shade, pad_y=self.pad_y, max_height=self.max_height)
        part._heights, part._head_h = heights, self._head_h
        return part

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        heights = self._measure()
        room = availHeight - self._head_h
        used, k = 0.0, 0
        while k < len(heights) and used + heights[k] <= room + 0.01:
            used += heights[k]
            k += 1
        if k == len(heights):
            return [self]
        if k == 0:
            # One row taller than a whole page (a very long text): cut the row itself.
            if heights[0] + self._head_h > self.max_height and room > 40:
                return self._split_row(room)
            return []
        first = self._part(self.rows[:k], heights[:k], self.shade[:k])
        first.spaceAfter = 0
        rest = self._part(self.rows[k:], heights[k:], self.shade[k:])
        rest.spaceBefore = 0
        return [first, rest]

    def _split_row(self, room: float) -> list[Flowable]:
        top: list[Flowable] = []
        bottom: list[Flowable] = []
        for cell, w in zip(self.rows[0], self.widths, strict=False):
            parts = cell.split(w - 2 * CELL_PAD_X, room - 2 * self.pad_y)
            if len(parts) == 2:
                top.append(parts[0])
                bottom.append(parts[1])
            elif parts:
                top.append(parts[0])
                bottom.append(Spacer(1, 1))
            else:
                top.append(Spacer(1, 1))
                bottom.append(cell)
        rows = [top, bottom] + self.rows[1:]
        shade = [self.shade[0], self.shade[0]] + self.shade[1:]
        whole = Table(self.header, rows, self.widths, zebra=self.zebra, rules=self.rules,
                      shade=shade, pad_y=self.pad_y, max_height=self.max_height)
        whole._measure()
        return whole.split(sum(self.widths), room + whole._head_h)

    def draw(self) -> None:
        canv = self.canv
        heights = self._measure()
        y = self.height
        total_w = sum(self.widths)
        if self.header:
            canv.setFillColor(HEAD_BG)
            canv.rect(0, y - self._head_h, total_w, self._head_h, stroke=0, fill=1)
            self._draw_row(self.header, y, self._head_h)
            y -= self._head_h
        for i, (row, h) in enumerate(zip(self.rows, heights, strict=True)):
            fill = self.shade[i] or (ZEBRA if self.zebra and i % 2 else None)
            if fill is not None:
                canv.setFillColor(fill)
                canv.rect(0, y - h, total_w, h, stroke=0, fill=1)
            self._draw_row(row, y, h)
            if self.rules:
                canv.setStrokeColor(RULE)
                canv.setLineWidth(0.4)
                canv.line(0, y - h, total_w, y - h)
            y -= h
        if self.header:
            canv.setStrokeColor(ACCENT)
            canv.setLineWidth(0.9)
            canv.line(0, self.height - self._head_h, total_w, self.height - self._head_h)

    def _draw_row(self, row: Sequence[Flowable], top: float, height: float) -> None:
        # All the row's text goes into one text object: a thousand rows stay fast.
        canv = self.canv
        t = canv.beginText()
        others = []
        x = 0.0
        for cell, w in zip(row, self.widths, strict=False):
            _, h = cell.wrap(w - 2 * CELL_PAD_X, 1e9)
            emit = getattr(cell, "emit", None)
            if emit is not None:
                emit(t, x + CELL_PAD_X, top - self.pad_y)
            else:
                others.append((cell, x + CELL_PAD_X, top - self.pad_y - h))
            x += w
        canv.drawText(t)
        for cell, cx, cy in others:
            cell.drawOn(canv, cx, cy)


def head(labels: Sequence[str], align: Sequence[str] | None = None) -> list[Flowable]:
    align = align or ["start"] * len(labels)
    return [Text(label, CELL_HEAD.but(align=a)) for label, a in zip(labels, align, strict=True)]


class Boxes(Flowable):
    """Empty boxes to mark on a paper ballot."""

    def __init__(self, count: int, size: float = 6 * mm, gap: float = 2.2 * mm,
                 labels: Sequence[str] | None = None) -> None:
        super().__init__()
        self.count, self.size, self.gap = count, size, gap
        self.labels = list(labels) if labels else None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.size + (9 if self.labels else 0)
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.9)
        style = SMALL.but(size=7.5, leading=9, align="center", color=MUTED)
        for i in range(self.count):
            x = i * (self.size + self.gap)
            canv.rect(x, 0, self.size, self.size, stroke=1, fill=0)
            if self.labels:
                label = self.labels[i]
                draw_lines(canv, layout(((label, False),), style, self.size + 4), style,
                           x - 2, self.size + 9, self.size + 4)


def draw_qr(canv: Canvas, data: str, x: float, y: float, size: float) -> None:
    """A QR code as vector rectangles (one per run of dark modules), quiet zone included.

    (x, y) is the lower left corner of the quiet zone; `size` its full width.
    """
    code = qrmod.make_qr(data)
    n = qrmod.size_in_modules(code)
    m = size / n
    canv.saveState()
    canv.setFillColorRGB(1, 1, 1)
    canv.rect(x, y, size, size, stroke=0, fill=1)
    canv.setFillColorRGB(0, 0, 0)
    path = canv.beginPath()
    for row, col, length in qrmod.dark_runs(code):
        path.rect(x + col * m, y + size - (row + 1) * m, length * m, m)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()


class QR(Flowable):
    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data, self.size = data, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self.height = self.size
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.data, 0, 0, self.size)
