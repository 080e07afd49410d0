"""Table cards: a tent card per theme, its title, question and join QR, front and back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from facilitator.export.doc import Doc
from facilitator.export.flowables import draw_qr
from facilitator.export.pages import build_canvas
from facilitator.export.styles import (
    CARD_QUESTION,
    CARD_SMALL,
    CARD_THEME,
    INK,
    MUTED,
    PAGE_LANDSCAPE,
    SMALL,
)
from facilitator.export.text import draw_lines, draw_text, layout, shrink_to_fit, shrink_to_line

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

CARD_QR = 4.2 * cm


def _card_half(canv: Canvas, doc: Doc, title: str, question: str, url: str, w: float,
               h: float) -> None:
    """One side of a tent card, drawn upright in a w × h box at the origin."""
    margin = 1.4 * cm
    qr_box = CARD_QR
    text_w = w - 2 * margin - qr_box - 2.4 * cm
    title_style, title_h = shrink_to_fit(title, CARD_THEME.but(align="start"), text_w, h * 0.45, 16)
    q_style, q_h = shrink_to_fit(question, CARD_QUESTION.but(align="start"), text_w,
                        h - 2 * margin - title_h - 0.3 * cm, 11) if question else (
                            CARD_QUESTION, 0.0)
    block = title_h + (0.3 * cm + q_h if question else 0)
    top = h / 2 + block / 2
    top -= draw_text(canv, title, title_style, margin, top, text_w)
    if question:
        draw_text(canv, question, q_style.but(color=INK), margin, top - 0.3 * cm, text_w)
    qx = w - margin - qr_box - 1.2 * cm   # room for the label under it, inside the margin
    qy = (h - qr_box) / 2 + 0.35 * cm
    draw_qr(canv, url, qx, qy, qr_box)
    small = CARD_SMALL.but(align="center", size=9.5, leading=12)
    label_w = qr_box + 2.4 * cm
    draw_text(canv, doc.tr("pdf.card.join"), small.but(bold=True, color=INK),
               qx - 1.2 * cm, qy - 0.05 * cm, label_w)
    url_style = shrink_to_line(url, small, label_w, 6.5)
    draw_text(canv, url, url_style, qx - 1.2 * cm, qy - 0.05 * cm - small.leading, label_w)


def write_table_cards(ws: Workshop, path: Path, url: str) -> Path:
    doc = Doc.of(ws)
    tr = doc.tr
    themes = [(tr.text(t.title), tr.text(t.question)) for t in ws.themes()]
    if not themes:
        themes = [(ws.info.title, "")]
    meta = doc.meta(tr("pdf.card.kind"))
    return build_canvas(path, meta, PAGE_LANDSCAPE,
                       lambda c, title_q: _draw_card(c, doc, title_q, url), themes)


def _draw_card(canv: Canvas, doc: Doc, title_q: tuple[str, str], url: str) -> None:
    w, h = PAGE_LANDSCAPE
    half = h / 2
    title, question = title_q
    _card_half(canv, doc, title, question, url, w, half)        # the front, upright
    canv.saveState()
    canv.translate(w, h)                                        # the back, upside down
    canv.rotate(180)
    _card_half(canv, doc, title, question, url, w, half)
    canv.restoreState()
    canv.saveState()
    canv.setStrokeColor(MUTED)
    canv.setLineWidth(0.5)
    canv.setDash(4, 4)
    canv.line(0.8 * cm, half, w - 0.8 * cm, half)
    canv.restoreState()
    label = doc.tr("pdf.card.fold")
    style = SMALL.but(size=7.5, leading=9)
    draw_lines(canv, layout(((label, False),), style, 6 * cm), style, 0.9 * cm, half + 10,
               6 * cm)
