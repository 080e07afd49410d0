"""The minutes PDF (muistio): who, when, the agenda as run, all ideas, results, decisions, notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable

from facilitator.core.clock import parse_iso
from facilitator.export import flowables, pages
from facilitator.export.doc import Doc, ballots_sentence, feedback_table, num, rank_text
from facilitator.export.styles import BODY, CELL, CELL_BOLD, H1, H2, NOTE, SMALL, TIE
from facilitator.export.text import Text
from facilitator.store.records import IdeaRow

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

#: Facilitator actions worth a line in the minutes (phase changes are in the agenda).
LOGGED = ("idea_added", "idea_edited", "idea_merged", "idea_hidden", "idea_restored",
          "idea_moved", "idea_cost", "paper_ballot", "paper_ballot_removed", "paper_tally",
          "room_count", "paper_count", "reveal", "decision", "decision_removed")


def _minutes_between(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    return max(0, round((parse_iso(end) - parse_iso(start)).total_seconds() / 60))


def agenda(doc: Doc, width: float) -> list[Flowable]:
    tr, ws = doc.tr, doc.ws
    phases = ws.phases()
    first_start = next((p.row.started_at for p in phases if p.row.started_at), None)
    planned_at = parse_iso(first_start) if first_start else None
    fixed = [0.8 * cm, 2.2 * cm, 3.9 * cm, 3.9 * cm]
    widths = [fixed[0], width - sum(fixed)] + fixed[1:]
    header = flowables.head(["#", tr("pdf.col.phase"), tr("pdf.col.kind"), tr("pdf.col.planned"),
                          tr("pdf.col.actual")])
    rows = []
    for n, p in enumerate(phases, start=1):
        if planned_at is not None:
            end = planned_at + dt.timedelta(minutes=p.minutes)
            planned = tr("pdf.span", start=tr.time(planned_at), end=tr.time(end),
                         minutes=p.minutes)
            planned_at = end
        else:
            planned = tr("pdf.min", minutes=p.minutes)
        actual = "–"
        if p.row.started_at:
            took = _minutes_between(p.row.started_at, p.row.ended_at)
            actual = (tr("pdf.span", start=doc.clock(p.row.started_at),
                         end=doc.clock(p.row.ended_at), minutes=took) if took is not None
                      else tr("pdf.started_at", start=doc.clock(p.row.started_at)))
        rows.append([num(n, CELL), Text(tr.text(p.spec.title), CELL_BOLD),
                     Text(tr(f"kind.{p.kind}"), CELL), Text(planned, CELL), Text(actual, CELL)])
    return [Text(tr("pdf.minutes.agenda"), H1), flowables.Table(header, rows, widths),
            Text(tr("pdf.minutes.agenda_note"), NOTE)]


def _status(idea: IdeaRow, doc: Doc) -> str:
    tr = doc.tr
    if idea.status == "merged":
        return tr("pdf.idea.merged", into=idea.merged_into or "?")
    if idea.status == "hidden":
        return tr("pdf.idea.hidden", reason=idea.hide_reason) if idea.hide_reason else tr(
            "status.hidden")
    return tr("status.visible")


def ideas(doc: Doc, width: float) -> list[Flowable]:
    tr, ws = doc.tr, doc.ws
    everything = ws.ideas.all()
    counts = {s: sum(1 for i in everything if i.status == s) for s in
              ("visible", "merged", "hidden")}
    sources = {s: sum(1 for i in everything if i.source == s) for s in
               ("phone", "paper", "facilitator")}
    out: list[Flowable] = [CondPageBreak(4 * cm), Text(tr("pdf.minutes.ideas"), H1),
                           Text(tr("pdf.minutes.idea_counts", total=len(everything), **counts,
                                   **sources), BODY)]
    if not everything:
        return out
    by_theme: dict[int | None, list[IdeaRow]] = {t.id: [] for t in ws.themes()}
    for idea in everything:
        by_theme.setdefault(idea.theme_id, []).append(idea)
    titles = {t.id: tr.text(t.title) for t in ws.themes()}
    fixed = [1.2 * cm, 2.0 * cm, 3.6 * cm]
    widths = [fixed[0], width - sum(fixed)] + fixed[1:]
    header = flowables.head([tr("pdf.col.number"), tr("pdf.col.idea"), tr("pdf.col.source"),
                          tr("pdf.col.status")])
    for theme_id, rows_of in by_theme.items():
        if not rows_of:
            continue
        rows = []
        for idea in rows_of:
            cell: Flowable = Text(idea.text, CELL)
            if idea.edited:
                cell = flowables.Stack(cell, Text(tr("pdf.idea.original", text=idea.original_text),
                                        SMALL.but(space_after=0)))
            muted = idea.status != "visible"
            rows.append([Text(f"#{idea.id}", CELL_BOLD), cell,
                         Text(tr(f"source.{idea.source}"), CELL),
                         Text(_status(idea, doc), CELL.but(color=SMALL.color) if muted else CELL)])
        title = titles.get(theme_id, tr("pdf.no_theme")) if theme_id is not None else tr(
            "pdf.no_theme")
        out += [CondPageBreak(3 * cm),
                Text(tr("pdf.minutes.theme_ideas", theme=title, n=len(rows_of)), H2),
                flowables.Table(header, rows, widths)]
    return out


def results(doc: Doc, width: float) -> list[Flowable]:
    tr, ws = doc.tr, doc.ws
    held = [p for p in ws.ballots.vote_phases() if p.row.started_at is not None]
    if not held:
        return []
    out: list[Flowable] = [CondPageBreak(4 * cm), Text(tr("pdf.minutes.results"), H1)]
    titles = doc.theme_titles()
    decide = next((p for p in ws.phases() if p.kind == "decide"), None)
    top = decide.spec.top if decide else 3
    for phase in held:
        result = ws.ballots.result(phase.key)
        out += [Text(tr.text(phase.spec.title), H2), Text(ballots_sentence(result, tr), BODY)]
        if phase.kind == "feedback":
            out.append(feedback_table(result, tr, width))
            continue
        out.append(Text(tr("pdf.minutes.top", n=top), NOTE))
        fixed = [1.25 * cm, 3.5 * cm, 1.6 * cm]
        widths = [fixed[0], width - sum(fixed)] + fixed[1:]
        header = flowables.head([tr("pdf.col.rank"), tr("pdf.col.idea"), tr("pdf.col.theme"),
                              tr("pdf.col.votes")], ["start", "start", "start", "end"])
        rows = []
        for key, items in result.top(top).items():
            for item in items:
                rows.append([Text(rank_text(item), CELL_BOLD.but(
                                 color=TIE if item.tied else CELL.color)),
                             Text(f"#{item.target} {item.label}", CELL),
                             Text(titles.get(key, ""), CELL),
                             num(item.phone + item.paper)])
        if rows:
            out.append(flowables.Table(header, rows, widths))
        else:
            out.append(Text(tr("pdf.results.no_votes"), NOTE))
        if result.budget is not None:
            b = result.budget
            out.append(Text(tr("pdf.minutes.budget", spent=tr.money(b.spent_cents),
                               budget=tr.money(b.budget_cents), left=tr.money(b.left_cents),
                               n=len(b.funded)), BODY))
    out.append(Text(tr("pdf.minutes.results_note"), NOTE))
    return out


def decisions(doc: Doc, width: float) -> list[Flowable]:
    tr, ws = doc.tr, doc.ws
    rows_of = ws.records.decisions()
    out: list[Flowable] = [CondPageBreak(4 * cm), Text(tr("pdf.minutes.decisions"), H1)]
    if not rows_of:
        return out + [Text(tr("pdf.minutes.no_decisions"), NOTE)]
    ideas_by_id = {i.id: i for i in ws.ideas.all()}
    fixed = [3.9 * cm, 2.2 * cm, 3.4 * cm]   # owners are long Finnish compounds
    rest = width - sum(fixed)
    widths = [rest * 0.5, fixed[0], rest * 0.5, fixed[1], fixed[2]]
    header = flowables.head([tr("pdf.col.idea"), tr("pdf.col.owner"), tr("pdf.col.next_step"),
                          tr("pdf.col.due"), tr("pdf.col.outcome")])
    rows = []
    for d in rows_of:
        idea = ideas_by_id.get(d.idea_id)
        rows.append([Text(f"#{d.idea_id} {idea.text if idea else ''}", CELL),
                     Text(d.owner or "–", CELL), Text(d.next_step or "–", CELL),
                     Text(tr.date(d.due) if d.due else "–", CELL),
                     Text(tr(f"outcome.{d.outcome}"), CELL)])
    return out + [flowables.Table(header, rows, widths)]


def notes(doc: Doc, width: float) -> list[Flowable]:
    tr, ws = doc.tr, doc.ws
    out: list[Flowable] = [CondPageBreak(3 * cm), Text(tr("pdf.minutes.notes"), H1)]
    phase_titles = {p.key: tr.text(p.spec.title) for p in ws.phases()}
    rows_of = ws.records.notes()
    if not rows_of:
        out.append(Text(tr("pdf.minutes.no_notes"), NOTE))
    for note in rows_of:
        when = " · ".join(x for x in (doc.clock(note.created_at),
                                      phase_titles.get(note.phase_key or "", "")) if x)
        out += [Text(when, SMALL.but(bold=True, space_before=4)), Text(note.text, BODY)]
    summary = ws.records.summary()
    fields = [(f, summary.get(f.key, "")) for f in ws.template.summary_fields]
    if any(text for _, text in fields):
        out.append(Text(tr("pdf.minutes.summary"), H1))
        for f, text in fields:
            out += [Text(tr.text(f.title), H2), Text(text or tr("pdf.not_recorded"),
                                                     BODY if text else NOTE)]
    insights = ws.records.insights()
    if insights:
        out.append(Text(tr("pdf.minutes.insights", n=len(insights)), H1))
        out += [Text("– " + i.text, BODY) for i in insights]
    return out


def _event_text(kind: str, data: dict, doc: Doc) -> str:
    tr = doc.tr
    params = {k: v for k, v in data.items() if isinstance(v, str | int | float)}
    if kind == "idea_cost":
        cents = data.get("cost_cents")
        params["cost"] = tr.money(cents) if isinstance(cents, int) else "–"
    if kind in ("paper_ballot", "paper_ballot_removed"):
        marks = data.get("marks") or {}
        params["marks"] = ", ".join(f"#{k}: {v}" for k, v in marks.items())
    if kind == "decision":
        params["outcome"] = tr(f"outcome.{data.get('outcome', '')}")
    if kind == "idea_added":
        params["source"] = tr(f"source.{data.get('source', '')}")
    if kind == "idea_restored":
        params["was"] = tr(f"status.{data.get('was', '')}")
    return tr(f"pdf.event.{kind}", **params)


def log(doc: Doc, width: float) -> list[Flowable]:
    tr, ws = doc.tr, doc.ws
    events = ws.store.events(LOGGED)
    if not events:
        return []
    widths = [3.4 * cm, width - 3.4 * cm]
    header = flowables.head([tr("pdf.col.time"), tr("pdf.col.action")])
    rows = [[Text(tr.datetime(e.at), CELL), Text(_event_text(e.kind, e.data, doc), CELL)]
            for e in events]
    return [CondPageBreak(4 * cm), Text(tr("pdf.minutes.log"), H1),
            Text(tr("pdf.minutes.log_note"), NOTE), flowables.Table(header, rows, widths)]


def story(ws: Workshop) -> tuple[list[Flowable], pages.Meta]:
    doc = Doc.of(ws)
    tr, info = doc.tr, ws.info
    width = pages.frame_width()
    kind = tr("pdf.minutes.kind")
    out = doc.opening(kind, [(tr("pdf.fact.facilitator"), info.facilitator),
                             (tr("pdf.fact.template"), tr.text(ws.template.title)),
                             (tr("pdf.fact.time"), doc.worked_time()),
                             (tr("pdf.fact.people"), doc.people())])
    for part in (agenda, ideas, results, decisions, notes, log):
        out += part(doc, width)
    return out, doc.meta(kind)


def write(ws: Workshop, path: Path) -> Path:
    flowables, meta = story(ws)
    return pages.build(path, flowables, meta)
