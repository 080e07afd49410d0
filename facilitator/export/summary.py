"""The Erätauko summary PDF: the national dialogue report's fields, insights, feedback; no votes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable

from facilitator.export import pages
from facilitator.export.doc import Doc, ballots_sentence, feedback_table
from facilitator.export.styles import BODY, H1, H2, NOTE
from facilitator.export.text import Text

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop


def participant_count(ws: Workshop) -> int:
    """People in the circle: the facilitator's count, else phones and paper together."""
    info = ws.info
    return info.room_count or ws.participants.count() + info.paper_count


def story(ws: Workshop) -> tuple[list[Flowable], pages.Meta]:
    doc = Doc.of(ws)
    tr, info = doc.tr, ws.info
    width = pages.frame_width()
    kind = tr("pdf.summary.kind")
    phases = ws.phases()
    themes = ", ".join(tr.text(t.title) for t in ws.themes()) or info.title
    out = doc.opening(kind, [(tr("pdf.fact.organiser"), info.facilitator),
                             (tr("pdf.fact.participants"), str(participant_count(ws))),
                             (tr("pdf.fact.theme"), themes),
                             (tr("pdf.fact.time"), doc.worked_time()),
                             (tr("pdf.fact.method"), tr.text(ws.template.title))])
    out.append(Text(tr("pdf.summary.no_votes"), NOTE))

    summary = ws.records.summary()
    for field in ws.template.summary_fields:
        text = summary.get(field.key, "")
        out += [CondPageBreak(3 * cm), Text(tr.text(field.title), H1)]
        if text:
            out.append(Text(text, BODY))
        else:
            out.append(Text(tr("pdf.not_recorded"), NOTE))

    insights = ws.records.insights()
    out += [CondPageBreak(3 * cm), Text(tr("pdf.summary.insights"), H1)]
    if insights:
        out.append(Text(tr("pdf.summary.insights_note", n=len(insights)), NOTE))
        phase_titles = {p.row.id: tr.text(p.spec.title) for p in phases}
        last = None
        for insight in insights:
            if insight.phase_id != last and len({i.phase_id for i in insights}) > 1:
                out.append(Text(phase_titles.get(insight.phase_id, ""), H2))
                last = insight.phase_id
            out.append(Text("– " + insight.text, BODY))
    else:
        out.append(Text(tr("pdf.summary.no_insights"), NOTE))

    feedback = [p for p in ws.ballots.vote_phases(("feedback",)) if p.row.started_at]
    out += [CondPageBreak(4 * cm), Text(tr("pdf.summary.feedback"), H1)]
    if not feedback:
        out.append(Text(tr("pdf.summary.no_feedback"), NOTE))
    for phase in feedback:
        result = ws.ballots.result(phase.key)
        out += [Text(ballots_sentence(result, tr), BODY), feedback_table(result, tr, width),
                Text(tr("pdf.summary.scale_note", min=result.spec.scale_min,
                        max=result.spec.scale_max), NOTE)]
    return out, doc.meta(kind)


def write(ws: Workshop, path: Path) -> Path:
    flowables, meta = story(ws)
    return pages.build(path, flowables, meta)
