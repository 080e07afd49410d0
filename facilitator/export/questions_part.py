"""The minutes' section on questions to officials: each question with its support and
whether it was answered (a part of its own, so the minutes' other sections stay apart)."""

from __future__ import annotations

from facilitator.export import blocks
from facilitator.export.blocks import Block
from facilitator.export.doc import Doc
from facilitator.kinds import QuestionStatus, Source


def questions(doc: Doc) -> list[Block]:
    """One table per questions phase that was held, most supported first; hidden questions
    are counted, not printed (they were hidden for a reason)."""
    tr, ws = doc.tr, doc.ws
    out: list[Block] = []
    held = [p for p in ws.questions.phases() if p.row.started_at is not None]
    for phase in held:
        ranked = ws.questions.ranked(phase, hidden=True)
        if not ranked and not out:
            continue
        if not out:
            out.append(blocks.heading(tr("pdf.minutes.questions")))
        shown = [q for q in ranked if not q.hidden]
        answered = sum(1 for q in shown if q.answered)
        out += [blocks.heading(tr.text(phase.spec.title), 2),
                blocks.para(tr("pdf.minutes.questions_count", n=len(shown), answered=answered,
                               votes=sum(q.votes for q in shown)))]
        rows = [[f"{q.rank}.{'=' if q.tied else ''}",
                 q.text + (" " + tr("pdf.minutes.question_paper")
                           if q.row.source != Source.PHONE else ""),
                 str(q.votes),
                 blocks.cell(tr("pdf.minutes.question_answered"), bold=True) if q.answered
                 else tr("pdf.minutes.question_open")] for q in shown]
        if rows:
            out.append(blocks.table([tr("pdf.col.rank"), tr("pdf.col.question"),
                                     tr("pdf.minutes.question_votes"),
                                     tr("pdf.minutes.question_status")],
                                    rows, [1.25, "fr", 2.2, 2.6],
                                    ["start", "start", "end", "start"]))
        hidden = sum(1 for q in ranked if q.row.status == QuestionStatus.HIDDEN)
        if hidden:
            out.append(blocks.para(tr("pdf.minutes.questions_hidden", n=hidden), "note"))
    return out
