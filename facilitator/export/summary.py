"""The Erätauko summary PDF: the national dialogue report's fields, insights, feedback; no votes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.export import blocks, typeset
from facilitator.export.blocks import Block
from facilitator.export.doc import Doc, ballots_sentence, feedback_table
from facilitator.i18n import Translator
from facilitator.kinds import PhaseKind, Source
from facilitator.store.records import InsightRow

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop


def participant_count(ws: Workshop) -> int:
    """People in the circle: the facilitator's count, else phones and paper together."""
    info = ws.info
    return info.room_count or ws.participants.count() + info.paper_count


def paper_mark(insight: InsightRow, tr: Translator) -> str:
    """Insights from the paper slips are marked; the phones' need no mark."""
    return f" ({tr('pdf.summary.from_paper')})" if insight.source == Source.PAPER else ""


def insights(doc: Doc) -> list[Block]:
    tr, ws = doc.tr, doc.ws
    rows = ws.records.insights()
    out = [blocks.heading(tr("pdf.summary.insights"))]
    if not rows:
        return out + [blocks.para(tr("pdf.summary.no_insights"), "note")]
    out.append(blocks.para(tr("pdf.summary.insights_note", n=len(rows)), "note"))
    phase_titles = {p.row.id: tr.text(p.spec.title) for p in ws.phases()}
    several = len({i.phase_id for i in rows}) > 1
    last = None
    for insight in rows:
        if several and insight.phase_id != last:
            out.append(blocks.heading(phase_titles.get(insight.phase_id, ""), 2))
            last = insight.phase_id
        out.append(blocks.para("– " + insight.text + paper_mark(insight, tr)))
    return out


def document(ws: Workshop) -> dict[str, Any]:
    doc = Doc.of(ws)
    tr, info = doc.tr, ws.info
    themes = ", ".join(tr.text(t.title) for t in ws.themes()) or info.title
    body: list[Block] = [blocks.para(tr("pdf.summary.no_votes"), "note")]
    summary = ws.records.summary()
    for field in ws.template.summary_fields:
        text = summary.get(field.key, "")
        body += [blocks.heading(tr.text(field.title)),
                 blocks.para(text) if text else blocks.para(tr("pdf.not_recorded"), "note")]
    body += insights(doc)
    feedback = [p for p in ws.ballots.vote_phases((PhaseKind.FEEDBACK,)) if p.row.started_at]
    body.append(blocks.heading(tr("pdf.summary.feedback")))
    if not feedback:
        body.append(blocks.para(tr("pdf.summary.no_feedback"), "note"))
    for phase in feedback:
        result = ws.ballots.result(phase.key)
        body += [blocks.para(ballots_sentence(result, tr)), feedback_table(result, tr),
                 blocks.para(tr("pdf.summary.scale_note", min=result.spec.scale_min,
                                max=result.spec.scale_max), "note")]
    return doc.document(tr("pdf.summary.kind"),
                        [(tr("pdf.fact.organiser"), info.facilitator),
                         (tr("pdf.fact.participants"), str(participant_count(ws))),
                         (tr("pdf.fact.theme"), themes),
                         (tr("pdf.fact.time"), doc.worked_time()),
                         (tr("pdf.fact.method"), tr.text(ws.template.title))], body)


def write(ws: Workshop, path: Path) -> Path:
    return typeset.write(path, "summary", document(ws), ws.now())
