"""Paper ballots: every vote phase's ideas with boxes to mark, and feedback questionnaires."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from facilitator.core.workshop import PhaseState
from facilitator.export.doc import Doc, method_rules, num
from facilitator.export.flowables import Boxes, Table, head, title_block
from facilitator.export.pages import build, frame_width
from facilitator.export.styles import (
    BALLOT_IDEA,
    BALLOT_NUMBER,
    BALLOT_RULES,
    BALLOT_TURN,
    CELL,
    H2,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NOTE,
)
from facilitator.export.text import Text, draw_text
from facilitator.kinds import PhaseKind, VoteMethod

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

BLANK_BALLOT_ROWS = 14
TURN_BAND = 0.8 * cm   # above the footer, below the text: where "turn over" is printed


class _BallotEnd(Flowable):
    """Marks the page a ballot ends on: every other page of it says "turn over"."""

    def __init__(self, ends: set[int]) -> None:
        super().__init__()
        self.ends = ends

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.ends.add(self.canv.getPageNumber())


def _turn_over(text: str, ends: set[int]) -> Callable[[Canvas, int, int], None]:
    def overlay(canv: Canvas, page: int, pages: int) -> None:
        if page not in ends and page < pages:
            width = canv._pagesize[0] - 2 * MARGIN_X
            draw_text(canv, text, BALLOT_TURN, MARGIN_X, MARGIN_BOTTOM + TURN_BAND - 0.1 * cm,
                      width)
    return overlay


def _ballot(doc: Doc, phase: PhaseState, width: float) -> list[Flowable]:
    tr, ws = doc.tr, doc.ws
    spec = phase.spec.vote
    assert spec is not None
    feedback = phase.kind == PhaseKind.FEEDBACK
    kind = tr("pdf.ballot.feedback_kind" if feedback else "pdf.ballot.kind")
    out: list[Flowable] = title_block(kind, tr.text(phase.spec.title),
                                             doc.subtitle() or ws.info.title)
    out.append(Text(ws.info.title, H2.but(space_before=0)))
    rated = phase.kind == PhaseKind.FEEDBACK or spec.method == VoteMethod.SCALE
    how = ("pdf.ballot.how_scale" if rated else
           "pdf.ballot.how_marks" if spec.method == VoteMethod.DOTS else "pdf.ballot.how_one")
    rules = method_rules(spec, tr) + " " + tr(how)
    if spec.method == VoteMethod.BUDGET:
        rules += " " + tr("pdf.ballot.over_budget", budget=tr.money(spec.budget_cents))
    out.append(Text(rules, BALLOT_RULES))
    if phase.kind == PhaseKind.FEEDBACK:
        scale = [str(v) for v in range(spec.scale_min, spec.scale_max + 1)]
        box_w = len(scale) * (6 * mm + 2.2 * mm) + 2 * mm
        widths = [width - box_w - 0.4 * cm, box_w + 0.4 * cm]
        rows: list[list[Flowable]] = [[Text(tr.text(q.text), BALLOT_IDEA),
                                       Boxes(len(scale), labels=scale)]
                                      for q in phase.spec.questions]
        out.append(Table(head([tr("pdf.col.question"), tr("pdf.col.mark")]),
                                rows, widths, pad_y=2 * mm))
    else:
        marks = spec.per_idea if spec.method == VoteMethod.DOTS else 1
        box_w = max(marks, 1) * (6 * mm + 2.2 * mm) + 2 * mm
        cost = spec.method == VoteMethod.BUDGET
        fixed = [1.3 * cm] + ([3.2 * cm] if cost else []) + [max(box_w + 0.4 * cm, 2.0 * cm)]
        widths = [fixed[0], width - sum(fixed)] + fixed[1:]
        labels = [tr("pdf.col.number"), tr("pdf.col.idea")] + (
            [tr("pdf.col.cost")] if cost else []) + [tr("pdf.col.mark")]
        aligns = ["start", "start"] + (["end"] if cost else []) + ["start"]
        header = head(labels, aligns)
        options = ws.ballots.options(phase)
        ideas = {i.id: i for i in ws.ideas.visible()}
        titles = doc.theme_titles()
        groups: dict[str | None, list[int]] = {}
        for target, option in options.items():
            groups.setdefault(option.theme, []).append(int(target))
        if not groups:
            out.append(Text(tr("pdf.ballot.blank_help"), NOTE))
            rows = [[Text("____", BALLOT_NUMBER), Text("", CELL)]
                    + ([Text("", CELL)] if cost else []) + [Boxes(marks)]
                    for _ in range(BLANK_BALLOT_ROWS)]
            out.append(Table(header, rows, widths, pad_y=2.2 * mm))
        for theme, ids in groups.items():
            rows = []
            for idea_id in ids:
                idea = ideas[idea_id]
                row = [Text(str(idea_id), BALLOT_NUMBER), Text(idea.text, BALLOT_IDEA)]
                if cost:
                    row.append(num(tr.money(idea.cost_cents or 0),
                                   BALLOT_IDEA.but(align="end")))
                row.append(Boxes(marks))
                rows.append(row)
            if len(groups) > 1:
                out += [CondPageBreak(3 * cm), Text(titles.get(theme, ""), H2)]
            out.append(Table(header, rows, widths, pad_y=2 * mm))
        total = {"dots": tr("pdf.ballot.total_dots", dots=spec.dots),
                 "approval": tr("pdf.ballot.total_choices", max=spec.max_choices or "–"),
                 "budget": tr("pdf.ballot.total_budget", budget=tr.money(spec.budget_cents))
                 }.get(spec.method, "")
        if total:
            out.append(KeepTogether([Spacer(1, 4), Text(total, BALLOT_RULES)]))
    out.append(Text(tr("pdf.ballot.return_feedback" if feedback else "pdf.ballot.return"),
                    NOTE.but(space_before=6, size=11, leading=14)))
    if spec.method == VoteMethod.BUDGET and not feedback:
        out.append(Text(tr("pdf.ballot.over_budget_facilitator"), NOTE))
    return out


def write_ballots(ws: Workshop, path: Path) -> Path:
    doc = Doc.of(ws)
    width = frame_width()
    out: list[Flowable] = []
    ends: set[int] = set()   # the page each ballot ends on
    for phase in ws.ballots.vote_phases():
        if out:
            out.append(PageBreak())
        out += _ballot(doc, phase, width)
        out.append(_BallotEnd(ends))
    kind = "pdf.ballot.kind" if ws.template.has_votes else "pdf.ballot.feedback_kind"
    return build(path, out, doc.meta(doc.tr(kind)),
                 margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM + TURN_BAND),
                 overlay=_turn_over(doc.tr("pdf.ballot.turn_over"), ends))
