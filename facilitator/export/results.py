"""The results PDF: ranked ideas per theme and overall, phone and paper votes, ties, budgets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from facilitator.core.ballots import PhaseResult, RankedItem
from facilitator.export import flowables, pages
from facilitator.export.doc import (
    Doc,
    ballots_sentence,
    feedback_table,
    method_rules,
    num,
    rank_cell,
)
from facilitator.export.styles import (
    BODY,
    CELL,
    CELL_BOLD,
    GOOD,
    H1,
    H2,
    NOTE,
    SMALL,
    TIE,
)
from facilitator.export.text import Text

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop


def ranking_table(items: list[RankedItem], doc: Doc, width: float, *, with_theme: bool
                  ) -> Flowable:
    tr = doc.tr
    themes = doc.theme_titles()
    scale = max((i.phone + i.paper for i in items), default=0)
    fixed = [1.25 * cm, 1.8 * cm, 1.6 * cm, 1.35 * cm, 2.4 * cm]
    widths = [fixed[0], width - sum(fixed)] + fixed[1:]
    header = flowables.head([tr("pdf.col.rank"), tr("pdf.col.idea"), tr("pdf.col.phone"),
                          tr("pdf.col.paper"), tr("pdf.col.total"), tr("pdf.col.chart")],
                         ["start", "start", "end", "end", "end", "start"])
    rows = []
    for item in items:
        idea: Flowable = Text(item.label, CELL)
        if with_theme:
            idea = flowables.Stack(idea, Text(themes.get(item.theme, ""), SMALL.but(space_after=0)))
        rows.append([rank_cell(item), idea, num(item.phone), num(item.paper),
                     num(item.phone + item.paper, CELL_BOLD.but(align="end")),
                     flowables.Bar(item.phone, item.paper, scale)])
    return flowables.Table(header, rows, widths)


def budget_table(result: PhaseResult, doc: Doc, width: float) -> list[Flowable]:
    tr = doc.tr
    b = result.budget
    assert b is not None
    ranked = {i.target: i for i in result.overall}
    out: list[Flowable] = [
        Text(tr("pdf.budget.title"), H2),
        flowables.facts([(tr("pdf.budget.total"), tr.money(b.budget_cents)),
                      (tr("pdf.budget.spent"), tr.money(b.spent_cents)),
                      (tr("pdf.budget.left"), tr.money(b.left_cents))], width),
    ]
    fixed = [1.35 * cm, 2.5 * cm, 1.75 * cm, 3.1 * cm, 2.6 * cm]
    widths = [fixed[0], width - sum(fixed)] + fixed[1:]
    header = flowables.head([tr("pdf.col.rank"), tr("pdf.col.idea"), tr("pdf.col.cost"),
                          tr("pdf.col.votes"), tr("pdf.col.status"),
                          tr("pdf.col.running_total")],
                         ["start", "start", "end", "end", "start", "end"])
    rows: list[list[Flowable]] = []
    shade: list[object | None] = []
    for n, line in enumerate(b.lines, start=1):  # in the order money is given out
        status_color = GOOD if line.status == "funded" else TIE if line.status == "tie" else None
        status_style = CELL.but(bold=line.status in ("funded", "tie"),
                                color=status_color or CELL.color)
        item = ranked.get(line.target)
        rows.append([rank_cell(item) if item else num(n, CELL),
                     Text(item.label if item else f"#{line.target}", CELL),
                     num(tr.money(line.cost_cents)), num(line.votes),
                     Text(tr(f"budget.{line.status}"), status_style),
                     num(tr.money(line.running_total_cents))])
        shade.append(None)
    out.append(flowables.Table(header, rows, widths, shade=shade))
    if b.undecided:
        out.append(Text(tr("pdf.budget.tie_note"), NOTE.but(color=TIE, bold=True)))
    out.append(Text(tr("pdf.budget.note"), NOTE))
    return out


def phase_section(result: PhaseResult, doc: Doc, width: float) -> list[Flowable]:
    tr = doc.tr
    phase = result.phase
    out: list[Flowable] = [CondPageBreak(5 * cm), Text(tr.text(phase.spec.title), H1)]
    if phase.kind == "feedback":
        out += [Text(method_rules(result.spec, tr), BODY),
                Text(ballots_sentence(result, tr), BODY),
                feedback_table(result, tr, width)]
        return out
    out += [Text(tr(f"method.{result.spec.method}").capitalize() + ": "
                 + method_rules(result.spec, tr), BODY),
            Text(ballots_sentence(result, tr), BODY)]
    if not result.overall:
        out.append(Text(tr("pdf.results.no_ideas"), NOTE))
        return out
    if result.budget is not None:
        out += budget_table(result, doc, width)
    out.append(KeepTogether([Text(tr("pdf.results.overall"), H2),
                             flowables.Legend(tr("pdf.legend.phone"), tr("pdf.legend.paper"))]))
    out.append(ranking_table(result.overall, doc, width, with_theme=len(result.by_theme) > 1))
    if any(i.tied for i in result.overall):
        out.append(Text(tr("pdf.results.tie_note"), NOTE))
    if len(result.by_theme) > 1:
        themes = {t.key: t for t in doc.ws.themes()}
        titles = doc.theme_titles()
        for key, items in result.by_theme.items():
            head: list[Flowable] = [CondPageBreak(4 * cm), Text(titles.get(key, ""), H2)]
            if key in themes and themes[key].question:
                head.append(Text(tr.text(themes[key].question), NOTE))
            out += head
            out.append(ranking_table(items, doc, width, with_theme=False))
    return out


def story(ws: Workshop) -> tuple[list[Flowable], pages.Meta]:
    doc = Doc.of(ws)
    tr = doc.tr
    width = pages.frame_width()
    kind = tr("pdf.results.kind")
    out = doc.opening(kind, [(tr("pdf.fact.facilitator"), ws.info.facilitator),
                             (tr("pdf.fact.people"), doc.people())])
    held = [p for p in ws.ballots.vote_phases() if p.row.started_at is not None]
    if not held:
        out.append(Text(tr("pdf.results.none"), BODY))
    for phase in held:
        out += phase_section(ws.ballots.result(phase.key), doc, width)
    return out, doc.meta(kind)


def write(ws: Workshop, path: Path) -> Path:
    flowables, meta = story(ws)
    return pages.build(path, flowables, meta)
