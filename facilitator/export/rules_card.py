"""The ground-rules card (Erätauko): the rules in large type, shrunk until they fit one page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from facilitator.export.doc import Doc
from facilitator.export.pages import build_canvas
from facilitator.export.styles import ACCENT, PAGE_LANDSCAPE, RULES_ITEM, RULES_TITLE, SMALL
from facilitator.export.text import draw_lines, draw_text, layout

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop


def write_rules_card(ws: Workshop, path: Path) -> Path | None:
    doc = Doc.of(ws)
    tr = doc.tr
    rules = ws.template.rules
    if rules is None:
        return None
    items = list(rules.rules.get(tr.lang) or rules.rules.get("fi") or ())
    w, h = PAGE_LANDSCAPE
    margin = 2 * cm

    def draw(canv: Canvas, _: object) -> None:
        width = w - 2 * margin
        top = h - margin
        top -= draw_text(canv, tr("pdf.ground.title"), RULES_TITLE, margin, top, width)
        top -= 0.5 * cm
        style = RULES_ITEM
        num_w = 1.6 * cm
        room = top - margin - 1.2 * cm
        while True:   # shrink until every rule fits on the card
            heights = [len(layout(((r, False),), style, width - num_w)) * style.leading
                       for r in items]
            gap = style.leading * 0.45
            if sum(heights) + gap * len(items) <= room or style.size <= 14:
                break
            style = style.but(size=style.size - 1, leading=(style.size - 1) * 1.3)
        for n, (rule, rh) in enumerate(zip(items, heights, strict=True), start=1):
            mark = style.but(bold=True, color=ACCENT)
            draw_lines(canv, layout(((f"{n}.", True),), mark, num_w), mark, margin, top, num_w)
            draw_text(canv, rule, style, margin + num_w, top, width - num_w)
            top -= rh + gap
        source = " · ".join(x for x in (rules.source, tr("pdf.ground.version",
                                                          version=rules.version)) if x)
        note = rules.note.get(tr.lang, "")  # a language's wording that is our translation
        bottom = margin + (SMALL.leading * 2.2 if note else 0)
        draw_text(canv, source, SMALL, margin, bottom, width)
        if note:
            draw_text(canv, note, SMALL, margin, margin + SMALL.leading, width)

    return build_canvas(path, doc.meta(tr("pdf.ground.kind")), PAGE_LANDSCAPE, draw, [None])
