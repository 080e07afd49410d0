"""Insight slips (oivalluslaput) for Erätauko: cut-out slips with the closing rounds'
questions and room to write, for those who answer on paper."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from facilitator.export.doc import Doc
from facilitator.export.pages import build_canvas
from facilitator.export.styles import (
    MUTED,
    PAGE,
    SLIP_KICKER,
    SLIP_QUESTION,
    SLIP_SMALL,
    WRITING_LINE,
)
from facilitator.export.text import draw_text, layout, shrink_to_fit

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

SLIPS_PER_PAGE = 2     # room for a few handwritten lines on each
MARGIN = 1.2 * cm
PAD = 0.8 * cm
LINE_GAP = 1.15 * cm    # room for a hand's writing between the lines


def slip_questions(ws: Workshop) -> list[tuple[str, str]]:
    """(round title, question) of every round that collects insights, in the session's
    language: the template's own words."""
    tr = Doc.of(ws).tr
    return [(tr.text(p.title), tr.text(p.prompt)) for p in ws.template.phases
            if p.accepts_insights and tr.text(p.prompt)]


def _slip(canv: Canvas, doc: Doc, kicker: str, question: str, x: float, top: float,
          width: float, height: float) -> None:
    tr = doc.tr
    inner = width - 2 * PAD
    y = top - PAD
    y -= draw_text(canv, kicker.upper(), SLIP_KICKER, x + PAD, y, inner)
    small = tr("pdf.slip.facilitator")
    small_h = len(layout(((small, False),), SLIP_SMALL, inner)) * SLIP_SMALL.leading
    style, q_h = shrink_to_fit(question, SLIP_QUESTION, inner, height * 0.4, 14)
    y -= draw_text(canv, question, style, x + PAD, y, inner) + 0.2 * cm
    bottom = top - height + PAD + small_h + 0.3 * cm
    canv.saveState()
    canv.setStrokeColor(WRITING_LINE)
    canv.setLineWidth(0.8)
    line_y = y - LINE_GAP
    while line_y >= bottom:
        canv.line(x + PAD, line_y, x + width - PAD, line_y)
        line_y -= LINE_GAP
    canv.restoreState()
    draw_text(canv, small, SLIP_SMALL, x + PAD, top - height + PAD + small_h, inner)


def _page(canv: Canvas, doc: Doc, kicker: str, question: str) -> None:
    w, h = PAGE
    width = w - 2 * MARGIN
    slip_h = (h - 2 * MARGIN) / SLIPS_PER_PAGE
    for n in range(SLIPS_PER_PAGE):
        top = h - MARGIN - n * slip_h
        _slip(canv, doc, kicker, question, MARGIN, top, width, slip_h)
        if n:   # where to cut: a dashed line between slips
            canv.saveState()
            canv.setStrokeColor(MUTED)
            canv.setLineWidth(0.7)
            canv.setDash(5, 4)
            canv.line(0.6 * cm, top, w - 0.6 * cm, top)
            canv.restoreState()
            draw_text(canv, "✂", SLIP_KICKER.but(color=MUTED, size=14, leading=16),
                      0.6 * cm, top + 15, 1 * cm)


def write_insight_slips(ws: Workshop, path: Path) -> Path | None:
    """A page of slips per round that asks for insights; None if no round does."""
    doc = Doc.of(ws)
    questions = slip_questions(ws)
    if not questions:
        return None
    return build_canvas(path, doc.meta(doc.tr("pdf.slip.kind")), PAGE,
                        lambda c, q: _page(c, doc, q[0], q[1]), questions)
