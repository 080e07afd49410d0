"""The minutes PDF (muistio): who, when, the agenda as run, all ideas, results, decisions, notes.

A dialogue (Erätauko: no ideas, no votes, no decisions) gets the minutes in its own words:
no empty idea, result or decision sections.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.core.ballots import PhaseResult
from facilitator.core.clock import parse_iso
from facilitator.core.process import collection_of
from facilitator.export import blocks, typeset
from facilitator.export.blocks import Block, Cell
from facilitator.export.doc import Doc, ballots_sentence, feedback_table, rank_cell
from facilitator.export.questions_part import questions
from facilitator.export.summary import paper_mark
from facilitator.kinds import IdeaStatus, PhaseKind, Source
from facilitator.store.records import IdeaRow

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

#: Facilitator actions worth a line in the minutes (phase changes are in the agenda).
LOGGED = ("idea_added", "build_on_added", "idea_edited", "idea_merged", "idea_hidden",
          "idea_restored", "idea_moved", "idea_cost", "paper_ballot", "paper_ballot_removed",
          "paper_tally", "room_count", "paper_count", "reveal", "decision", "decision_removed",
          "dots", "paper_question", "question")


def _minutes_between(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    return max(0, round((parse_iso(end) - parse_iso(start)).total_seconds() / 60))


def agenda(doc: Doc) -> list[Block]:
    tr, ws = doc.tr, doc.ws
    phases = ws.phases()
    first_start = next((p.row.started_at for p in phases if p.row.started_at), None)
    planned_at = parse_iso(first_start) if first_start else None
    rows: list[list[Cell]] = []
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
        rows.append([str(n), blocks.cell(tr.text(p.spec.title), bold=True), tr(f"kind.{p.kind}"),
                     planned, actual])
    return [blocks.heading(tr("pdf.minutes.agenda")),
            blocks.table(["#", tr("pdf.col.phase"), tr("pdf.col.kind"), tr("pdf.col.planned"),
                          tr("pdf.col.actual")], rows, [0.8, "fr", 2.2, 3.9, 3.9]),
            blocks.para(tr("pdf.minutes.agenda_note"), "note")]


def _status(idea: IdeaRow, doc: Doc) -> str:
    tr = doc.tr
    if idea.status == IdeaStatus.MERGED:
        return tr("pdf.idea.merged", into=idea.merged_into or "?")
    if idea.status == IdeaStatus.HIDDEN:
        return tr("pdf.idea.hidden", reason=idea.hide_reason) if idea.hide_reason else tr(
            "status.hidden")
    return tr("status.visible")


def ideas(doc: Doc) -> list[Block]:
    tr, ws = doc.tr, doc.ws
    everything = ws.ideas.all()
    counts = {s.value: sum(1 for i in everything if i.status == s) for s in
              (IdeaStatus.VISIBLE, IdeaStatus.MERGED, IdeaStatus.HIDDEN)}
    sources = {s.value: sum(1 for i in everything if i.source == s) for s in
               (Source.PHONE, Source.PAPER, Source.FACILITATOR)}
    if not everything and doc.dialogue:
        return []
    out: list[Block] = [blocks.heading(tr("pdf.minutes.ideas")),
                        blocks.para(tr("pdf.minutes.idea_counts", total=len(everything),
                                       **counts, **sources))]
    if doc.leave_out_hidden and counts[IdeaStatus.HIDDEN]:
        out.append(blocks.para(tr("pdf.minutes.hidden_left_out", n=counts[IdeaStatus.HIDDEN]),
                               "note"))
    if not everything:
        return out
    by_theme: dict[int | None, list[IdeaRow]] = {t.id: [] for t in ws.themes()}
    for idea in everything:
        by_theme.setdefault(idea.theme_id, []).append(idea)
    titles = {t.id: tr.text(t.title) for t in ws.themes()}
    header = [tr("pdf.col.number"), tr("pdf.col.idea"), tr("pdf.col.source"),
              tr("pdf.col.status")]
    for theme_id, rows_of in by_theme.items():
        if not rows_of:
            continue
        rows: list[list[Cell]] = []
        for idea in rows_of:
            left_out = doc.idea_text(idea) != idea.text
            original = (tr("pdf.idea.original", text=idea.original_text)
                        if idea.edited and not left_out else None)
            muted = "muted" if idea.status != IdeaStatus.VISIBLE else None
            rows.append([blocks.cell(f"#{idea.id}", bold=True),
                         blocks.cell(doc.idea_text(idea), sub=original,
                                     tone="muted" if left_out else None),
                         tr(f"source.{idea.source}"),
                         blocks.cell(_status(idea, doc), tone=muted)])
        title = titles.get(theme_id, tr("pdf.no_theme")) if theme_id is not None else tr(
            "pdf.no_theme")
        out += [blocks.heading(tr("pdf.minutes.theme_ideas", theme=title, n=len(rows_of)), 2),
                blocks.table(header, rows, [1.2, "fr", 2.0, 3.6])]
    return out


def results(doc: Doc) -> list[Block]:
    tr, ws = doc.tr, doc.ws
    held = [p for p in ws.ballots.vote_phases() if p.row.started_at is not None]
    if not held:
        return []
    dialogue = doc.dialogue
    out: list[Block] = [blocks.heading(tr("pdf.minutes.feedback" if dialogue
                                          else "pdf.minutes.results"))]
    titles = doc.theme_titles()
    decide = next((p for p in ws.phases() if p.kind == PhaseKind.DECIDE), None)
    top = decide.spec.top if decide else 3
    for phase in held:
        result = ws.ballots.result(phase.key)
        out += [blocks.heading(tr.text(phase.spec.title), 2),
                blocks.para(ballots_sentence(result, tr))]
        if phase.kind == PhaseKind.FEEDBACK:
            out.append(feedback_table(result, tr))
            continue
        out.append(blocks.para(tr("pdf.minutes.top", n=top), "note"))
        rows = [[rank_cell(item), f"#{item.target} {item.label}", titles.get(key, ""),
                 str(item.phone + item.paper)]
                for key, items in result.top(top).items() for item in items]
        if rows:
            out.append(blocks.table([tr("pdf.col.rank"), tr("pdf.col.idea"), tr("pdf.col.theme"),
                                     tr("pdf.col.votes")], rows, [1.25, "fr", 3.5, 1.6],
                                    ["start", "start", "start", "end"]))
            decided = {d.idea_id for d in ws.records.decisions()}
            open_top = [f"#{item.target}" for items in result.top(top).values()
                        for item in items if item.phone + item.paper > 0
                        and item.idea is not None and item.idea.id not in decided]
            if open_top:  # the core group should not leave a most-voted idea without a taker
                out.append(blocks.para(tr("pdf.minutes.undecided", ideas=", ".join(open_top)),
                                       "tie"))
        else:
            out.append(blocks.para(tr("pdf.results.no_votes"), "note"))
        if result.budget is not None:
            out += budget_part(result, doc)
    if ws.template.has_votes:   # a dialogue's feedback has no results file to point to
        out.append(blocks.para(tr("pdf.minutes.results_note"), "note"))
    return out


def budget_part(result: PhaseResult, doc: Doc) -> list[Block]:
    """What the money goes to: the funded ideas with their costs, the money left, a tie that
    left the result open said plainly, and every idea without a cost named as such."""
    tr, ws = doc.tr, doc.ws
    b = result.budget
    assert b is not None
    labels = {i.target: i.label for i in result.overall}
    out: list[Block] = [blocks.para(tr("pdf.minutes.budget", spent=tr.money(b.spent_cents),
                                       budget=tr.money(b.budget_cents),
                                       left=tr.money(b.left_cents), n=len(b.funded)))]
    rows: list[list[Cell]] = [
        [f"#{line.target} {labels.get(line.target, '')}", tr.money(line.cost_cents),
         blocks.cell(tr(f"budget.{line.status}"), bold=True,
                     tone="good" if line.status == "funded" else "tie")]
        for line in b.lines if line.status in ("funded", "tie")]
    themes = ws.template.phase(result.phase.key)
    allowed = themes.vote.themes if themes is not None and themes.vote else ()
    keys = {t.id: t.key for t in ws.themes()}
    rows += [[f"#{i.id} {i.text}", tr("pdf.budget.no_cost"), tr("pdf.budget.not_on_ballot")]
             for i in ws.ideas.visible() if i.cost_cents is None
             and (not allowed or keys.get(i.theme_id or -1) in allowed)]
    if rows:
        out.append(blocks.table([tr("pdf.col.idea"), tr("pdf.col.cost"), tr("pdf.col.status")],
                                rows, ["fr", 2.8, 3.4], ["start", "end", "start"]))
    if b.undecided:
        out.append(blocks.para(tr("pdf.budget.tie_note"), "tie"))
    return out


def decisions(doc: Doc) -> list[Block]:
    tr, ws = doc.tr, doc.ws
    rows_of = ws.records.decisions()
    if not rows_of and doc.dialogue:
        return []
    out: list[Block] = [blocks.heading(tr("pdf.minutes.decisions"))]
    if not rows_of:
        return out + [blocks.para(tr("pdf.minutes.no_decisions"), "note")]
    ideas_by_id = {i.id: i for i in ws.ideas.all()}
    rows: list[list[Cell]] = []
    for d in rows_of:
        idea = ideas_by_id.get(d.idea_id)
        rows.append([f"#{d.idea_id} {doc.idea_text(idea)}", d.owner or "–",
                     d.next_step or "–", tr.date(d.due) if d.due else "–",
                     tr(f"outcome.{d.outcome}")])
    # owners are long Finnish compounds: their column is wide
    return out + [blocks.table([tr("pdf.col.idea"), tr("pdf.col.owner"), tr("pdf.col.next_step"),
                                tr("pdf.col.due"), tr("pdf.col.outcome")], rows,
                               ["fr", 3.9, "fr", 2.2, 3.4])]


def what_next(doc: Doc) -> list[Block]:
    """The next meeting, what happens next for residents, and the line the board signs."""
    tr, details = doc.tr, doc.ws.records.details()
    out: list[Block] = [blocks.heading(tr("pdf.minutes.next"))]
    rows = [(tr(f"pdf.detail.{key}"), details[key])
            for key in ("next_meeting", "next_for_residents") if key in details]
    if rows:
        out.append(blocks.facts(rows))
    if "approval" in details:   # approved already: how and when, instead of the blank line
        return out + [blocks.facts([(tr("pdf.detail.approval"), details["approval"])])]
    return out + [blocks.para(tr("pdf.minutes.approval"))]


def notes(doc: Doc) -> list[Block]:
    tr, ws = doc.tr, doc.ws
    out: list[Block] = [blocks.heading(tr("pdf.minutes.notes"))]
    phase_titles = {p.key: tr.text(p.spec.title) for p in ws.phases()}
    rows_of = ws.records.notes()
    if not rows_of:
        out.append(blocks.para(tr("pdf.minutes.no_notes"), "note"))
    for note in rows_of:
        when = " · ".join(x for x in (doc.clock(note.created_at),
                                      phase_titles.get(note.phase_key or "", "")) if x)
        out += [blocks.para(when, "note"), blocks.para(note.text)]
    summary = ws.records.summary()
    fields = [(f, summary.get(f.key, "")) for f in ws.template.summary_fields]
    if any(text for _, text in fields):
        out.append(blocks.heading(tr("pdf.minutes.summary")))
        for f, text in fields:
            out += [blocks.heading(tr.text(f.title), 2),
                    blocks.para(text, "body") if text else blocks.para(tr("pdf.not_recorded"),
                                                                        "note")]
    insights = ws.records.insights()
    if insights:
        out.append(blocks.heading(tr("pdf.minutes.insights", n=len(insights))))
        out += [blocks.para("– " + i.text + paper_mark(i, tr)) for i in insights]
    return out


def _event_text(kind: str, data: dict, doc: Doc, hidden: set[int]) -> str:
    tr = doc.tr
    params = {k: v for k, v in data.items() if isinstance(v, str | int | float)}
    if data.get("idea") in hidden:   # publishing: no trace of a hidden idea's words
        params.update({k: tr("pdf.idea.text_left_out") for k in ("before", "after", "text")
                       if k in params})
    if kind == "idea_cost":
        cents = data.get("cost_cents")
        params["cost"] = tr.money(cents) if isinstance(cents, int) else "–"
    if kind in ("paper_ballot", "paper_ballot_removed"):
        marks = data.get("marks") or {}
        params["marks"] = ", ".join(f"#{k}: {v}" for k, v in marks.items())
    if kind == "decision":
        params["outcome"] = tr(f"outcome.{data.get('outcome', '')}")
    if kind in ("idea_added", "build_on_added"):
        params["source"] = tr(f"source.{data.get('source', '')}")
    if kind == "idea_restored":
        params["was"] = tr(f"status.{data.get('was', '')}")
    if kind == "question":
        params["status"] = tr(f"pdf.minutes.question_{data.get('status', '')}")
    return tr(f"pdf.event.{kind}", **params)


def log(doc: Doc) -> list[Block]:
    """The facilitator's actions, in an appendix: the minutes proper stay readable."""
    tr, ws = doc.tr, doc.ws
    events = ws.store.events(LOGGED)
    if not events:
        return []
    hidden = ({i.id for i in ws.ideas.all() if i.status == IdeaStatus.HIDDEN}
              if doc.leave_out_hidden else set())
    rows: list[list[Cell]] = [[tr.datetime(e.at), _event_text(e.kind, e.data, doc, hidden)]
                              for e in events]
    return [blocks.appendix(), blocks.heading(tr("pdf.minutes.log")),
            blocks.para(tr("pdf.minutes.log_note"), "note"),
            blocks.table([tr("pdf.col.time"), tr("pdf.col.action")], rows, [3.4, "fr"])]


def document(ws: Workshop, *, leave_out_hidden: bool = False) -> dict[str, Any]:
    """The minutes as data for typst and Word; `leave_out_hidden` for the public copy."""
    doc = Doc.of(ws, leave_out_hidden=leave_out_hidden)
    tr, info = doc.tr, ws.info
    body: list[Block] = []
    for part in (agenda, ideas, results, Doc.build_ons, questions, decisions, notes, what_next,
                 log):
        body += part(doc)
    details = ws.records.details()
    facts = [(tr("pdf.detail.organiser"), details.get("organiser", "")),
             (tr("pdf.fact.facilitator"), info.facilitator),
             (tr("pdf.detail.writer"), details.get("writer", "")),
             (tr("pdf.fact.template"), tr.text(ws.template.title)),
             (tr("pdf.fact.time"), doc.worked_time()),
             (tr("pdf.fact.people"), doc.people())]
    facts += [(tr(f"pdf.detail.{key}"), details[key]) for key in ("core_group", "contact")
              if key in details]
    collection = collection_of(ws)
    if collection is not None:  # where those who could not come can still send ideas
        facts.append((tr("pdf.fact.collection"), tr("pdf.minutes.collection",
                                                   url=collection.public_url,
                                                   until=tr.date(collection.until))))
    elif "collection" in details:   # typed in: a collection outside a process
        until = details.get("collection_until")
        facts.append((tr("pdf.fact.collection"),
                      tr("pdf.minutes.collection", url=details["collection"],
                         until=tr.date(until)) if until else details["collection"]))
    return doc.document(tr("pdf.minutes.kind"), facts, body)


def write(ws: Workshop, path: Path, *, leave_out_hidden: bool = False) -> Path:
    return typeset.write(path, "minutes", document(ws, leave_out_hidden=leave_out_hidden),
                         ws.now())
