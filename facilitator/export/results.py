"""The results PDF: ranked ideas per theme and overall, phone and paper votes, ties, budgets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.core.ballots import PhaseResult, RankedItem
from facilitator.export import blocks, typeset
from facilitator.export.blocks import Block
from facilitator.export.doc import (
    Doc,
    ballots_sentence,
    feedback_table,
    method_rules,
    rank_cell,
    rank_text,
)
from facilitator.kinds import PhaseKind

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

#: How many ideas the chart at the top of a vote shows (the table has them all).
CHART_TOP = 10


def ranking_table(items: list[RankedItem], doc: Doc, *, with_theme: bool) -> Block:
    tr = doc.tr
    themes = doc.theme_titles()
    return {
        "type": "ranking", "with_theme": with_theme,
        "scale": max((i.phone + i.paper for i in items), default=0),
        "header": [tr("pdf.col.rank"), tr("pdf.col.idea"), tr("pdf.col.phone"),
                   tr("pdf.col.paper"), tr("pdf.col.total"), tr("pdf.col.chart")],
        "rows": [{"rank": rank_text(i), "tied": i.tied, "idea": i.label,
                  "theme": themes.get(i.theme, ""), "phone": i.phone, "paper": i.paper,
                  "total": i.phone + i.paper} for i in items],
    }


def _short(text: str, limit: int = 40) -> str:
    """A bar's label on one line; the table below has the whole text."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def chart(items: list[RankedItem], doc: Doc) -> Block:
    """The most-voted ideas as bars, with the same ranking in words for a screen reader."""
    tr = doc.tr
    top = items[:CHART_TOP]
    words = "; ".join(tr("pdf.chart.item", rank=rank_text(i), idea=i.label,
                         votes=i.phone + i.paper, phone=i.phone, paper=i.paper) for i in top)
    return {
        "type": "chart", "caption": tr("pdf.chart.caption", n=len(top)),
        "alt": tr("pdf.chart.alt", n=len(top)) + " " + words,
        "scale": max((i.phone + i.paper for i in top), default=0),
        "bars": [{"rank": rank_text(i), "tied": i.tied, "label": _short(i.label),
                  "phone": i.phone, "paper": i.paper, "total": i.phone + i.paper}
                 for i in top],
    }


def budget_table(result: PhaseResult, doc: Doc) -> list[Block]:
    tr = doc.tr
    b = result.budget
    assert b is not None
    ranked = {i.target: i for i in result.overall}
    out: list[Block] = [
        blocks.heading(tr("pdf.budget.title"), 2),
        blocks.facts([(tr("pdf.budget.total"), tr.money(b.budget_cents)),
                      (tr("pdf.budget.spent"), tr.money(b.spent_cents)),
                      (tr("pdf.budget.left"), tr.money(b.left_cents))]),
    ]
    rows: list[list[blocks.Cell]] = []
    for n, line in enumerate(b.lines, start=1):  # in the order money is given out
        tone = "good" if line.status == "funded" else "tie" if line.status == "tie" else None
        item = ranked.get(line.target)
        rows.append([rank_cell(item) if item else str(n),
                     item.label if item else f"#{line.target}",
                     tr.money(line.cost_cents), str(line.votes),
                     blocks.cell(tr(f"budget.{line.status}"), bold=tone is not None, tone=tone),
                     tr.money(line.running_total_cents)])
    out.append(blocks.table(
        [tr("pdf.col.rank"), tr("pdf.col.idea"), tr("pdf.col.cost"), tr("pdf.col.votes"),
         tr("pdf.col.status"), tr("pdf.col.running_total")], rows,
        [1.35, "fr", 2.5, 1.75, 3.1, 2.6], ["start", "start", "end", "end", "start", "end"]))
    if b.undecided:
        out.append(blocks.para(tr("pdf.budget.tie_note"), "tie"))
    out.append(blocks.para(tr("pdf.budget.note"), "note"))
    return out


def top_per_theme(result: PhaseResult, doc: Doc) -> list[Block]:
    """The wrap-up's list: the first places of each theme (the template's number, ties in)."""
    tr = doc.tr
    titles = doc.theme_titles()
    n = result.top_per_theme
    out: list[Block] = [blocks.heading(tr("pdf.results.top", n=n), 2),
                        blocks.para(tr("pdf.results.top_note", n=n), "note")]
    for key, items in result.top().items():
        out.append(blocks.heading(titles.get(key, "") or tr("pdf.no_theme"), 3))
        out.append(ranking_table(items, doc, with_theme=False) if items else
                   blocks.para(tr("pdf.results.no_votes"), "note"))
    return out


def phase_section(result: PhaseResult, doc: Doc) -> list[Block]:
    tr = doc.tr
    phase = result.phase
    out: list[Block] = [blocks.heading(tr.text(phase.spec.title), 1)]
    if phase.kind == PhaseKind.FEEDBACK:
        return out + [blocks.para(method_rules(result.spec, tr)),
                      blocks.para(ballots_sentence(result, tr)), feedback_table(result, tr)]
    out += [blocks.para(tr(f"method.{result.spec.method}").capitalize() + ": "
                        + method_rules(result.spec, tr)),
            blocks.para(ballots_sentence(result, tr))]
    if not result.overall:
        return out + [blocks.para(tr("pdf.results.no_ideas"), "note")]
    if result.budget is not None:
        out += budget_table(result, doc)
    if len(result.by_theme) > 1 and result.budget is None:
        out += top_per_theme(result, doc)
    out += [chart(result.overall, doc), blocks.heading(tr("pdf.results.overall"), 2),
            blocks.legend(tr("pdf.legend.phone"), tr("pdf.legend.paper")),
            ranking_table(result.overall, doc, with_theme=len(result.by_theme) > 1)]
    if any(i.tied for i in result.overall):
        out.append(blocks.para(tr("pdf.results.tie_note"), "note"))
    if len(result.by_theme) > 1:
        themes = {t.key: t for t in doc.ws.themes()}
        titles = doc.theme_titles()
        for key, items in result.by_theme.items():
            out.append(blocks.heading(titles.get(key, ""), 2))
            if key in themes and themes[key].question:
                out.append(blocks.para(tr.text(themes[key].question), "note"))
            out.append(ranking_table(items, doc, with_theme=False))
    return out


def document(ws: Workshop) -> dict[str, Any]:
    doc = Doc.of(ws)
    tr = doc.tr
    body: list[Block] = []
    held = [p for p in ws.ballots.vote_phases() if p.row.started_at is not None]
    if not held:
        body.append(blocks.para(tr("pdf.results.none")))
    for phase in held:
        body += phase_section(ws.ballots.result(phase.key), doc)
    body += doc.build_ons()   # further ideation on the voted ideas
    current = ws.current()
    open_vote = current is not None and current.spec.accepts_ballots
    return doc.document(tr("pdf.results.kind"),
                        [(tr("pdf.fact.facilitator"), ws.info.facilitator),
                         (tr("pdf.fact.people"), doc.people())], body,
                        flag=tr("pdf.results.preliminary") if open_vote else None,
                        flag_note=tr("pdf.results.preliminary_note") if open_vote else None)


def write(ws: Workshop, path: Path) -> Path:
    return typeset.write(path, "results", document(ws), ws.now())
