"""The PDF document and its page furniture: metadata, page header and footer, "sivu 2 / 5".

Every PDF the program prints is written through `build` (flowing documents)
or `build_canvas` (fixed pages drawn straight on the canvas), so they share
one look: the workshop in the page header, the page count in the footer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from facilitator.export import fonts
from facilitator.export.files import replacing
from facilitator.export.styles import (
    ACCENT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    RULE,
    SMALL,
)
from facilitator.export.text import draw_lines, layout, text_width


@dataclass(frozen=True)
class Meta:
    """What a document says about itself: in its metadata, header and footer."""

    title: str            # the document's title, e.g. "Tulokset – Kirkonkylän palvelupaja"
    author: str           # the facilitator or organiser
    subject: str
    lang: str
    header: str           # left of the page header: the workshop
    kind: str             # right of the page header: the kind of document
    footer: str           # left of the footer: made with, when
    page_label: Callable[[int, int], str]  # (page, pages) → "sivu 2 / 5"
    creator: str = "facilitator"


class _NumberedCanvas(Canvas):
    """Keeps pages until the end so the footer can say how many there are."""

    def __init__(self, *args, meta: Meta, numbered: bool = True,
                 overlay: Callable[[Canvas, int, int], None] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._meta = meta
        self._numbered = numbered
        self._overlay = overlay
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for n, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if self._numbered:
                _furniture(self, self._meta, n, total)
            if self._overlay is not None:
                self._overlay(self, n, total)
            super().showPage()
        super().save()


def _furniture(canv: Canvas, meta: Meta, page: int, total: int) -> None:
    width, height = canv._pagesize
    top = height - MARGIN_TOP + 0.75 * cm
    usable = width - 2 * MARGIN_X
    head_style = SMALL.but(size=8, leading=10)
    kind_w = text_width(meta.kind, head_style.but(bold=True)) + 6
    left = layout(((meta.header, False),), head_style, max(usable - kind_w - 12, 20))[:1]
    draw_lines(canv, left, head_style, MARGIN_X, top + 8, usable - kind_w - 12)
    kind_lines = layout(((meta.kind, True),), head_style.but(color=ACCENT, align="end"), kind_w)
    draw_lines(canv, kind_lines[:1], head_style.but(color=ACCENT, align="end"),
               width - MARGIN_X - kind_w, top + 8, kind_w)
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.6)
    canv.line(MARGIN_X, top - 3, width - MARGIN_X, top - 3)
    bottom = MARGIN_BOTTOM - 0.9 * cm
    canv.line(MARGIN_X, bottom + 11, width - MARGIN_X, bottom + 11)
    canv.restoreState()
    label = meta.page_label(page, total)
    label_w = text_width(label, head_style) + 6
    draw_lines(canv, layout(((meta.footer, False),), head_style, usable - label_w - 12)[:1],
               head_style, MARGIN_X, bottom + 8, usable - label_w - 12)
    draw_lines(canv, layout(((label, False),), head_style.but(align="end"), label_w)[:1],
               head_style.but(align="end"), width - MARGIN_X - label_w, bottom + 8, label_w)


def build(path: Path, story: list[Flowable], meta: Meta, *, pagesize: tuple[float, float] = PAGE,
          numbered: bool = True, margins: tuple[float, float, float, float] | None = None,
          overlay: Callable[[Canvas, int, int], None] | None = None) -> Path:
    """Write the story to `path` (atomically) with the shared page furniture.

    `overlay(canvas, page, pages)` draws on each page once the page count is known.
    """
    fonts.register()
    left, right, top, bottom = margins or (MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM)
    with replacing(path) as tmp:
        doc = BaseDocTemplate(
            str(tmp), pagesize=pagesize, leftMargin=left, rightMargin=right, topMargin=top,
            bottomMargin=bottom, title=meta.title, author=meta.author, subject=meta.subject,
            creator=meta.creator, producer=meta.creator, lang=meta.lang, displayDocTitle=1,
            initialFontName=fonts.SANS)
        frame = Frame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=functools.partial(_NumberedCanvas, meta=meta,
                                                        numbered=numbered, overlay=overlay))
    return path


P = TypeVar("P")  # what one fixed-layout page is drawn from


def build_canvas(path: Path, meta: Meta, pagesize: tuple[float, float],
                 draw: Callable[[Canvas, P], None], pages: Sequence[P]) -> Path:
    """A document of fixed-layout pages drawn straight on the canvas, one per item."""
    fonts.register()
    with replacing(path) as tmp:
        canv = Canvas(str(tmp), pagesize=pagesize, lang=meta.lang, initialFontName=fonts.SANS)
        canv.setTitle(meta.title)
        canv.setAuthor(meta.author)
        canv.setSubject(meta.subject)
        canv.setCreator(meta.creator)
        canv.setProducer(meta.creator)
        for page in pages:
            draw(canv, page)
            canv.showPage()
        canv.save()
    return path


def frame_height(pagesize: tuple[float, float] = PAGE) -> float:
    return pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM


def frame_width(pagesize: tuple[float, float] = PAGE) -> float:
    return pagesize[0] - 2 * MARGIN_X
