"""Everything in a session as plain data: the JSON export, and what CSV and PDFs are built from.

The shape is documented in docs/export-format.md and versioned by
`EXPORT_VERSION`. Nothing in it identifies a device: no tokens, no device ids,
and phone ballots appear only without their device, in a canonical order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from facilitator import __version__
from facilitator.core.ballots import PhaseResult, RankedItem
from facilitator.kinds import VoteMethod

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

EXPORT_FORMAT = "facilitator-session"
EXPORT_VERSION = 1


def _item(i: RankedItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rank": i.rank, "tied": i.tied, "phone": i.phone, "paper": i.paper,
        "total": i.phone + i.paper,
    }
    if i.idea is not None:
        out["idea"] = i.idea.id
        out["text"] = i.idea.text
        out["theme"] = i.theme
        if i.cost_cents is not None:
            out["cost_cents"] = i.cost_cents
    else:
        out["question"] = i.target
    if i.mean is not None:
        out["mean"] = round(i.mean, 3)
    if i.distribution:
        out["distribution"] = {str(k): v for k, v in sorted(i.distribution.items())}
    return out


def result_data(result: PhaseResult) -> dict[str, Any]:
    spec = result.spec
    params: dict[str, Any] = {}
    if spec.method == VoteMethod.DOTS:
        params = {"dots": spec.dots, "per_idea": spec.per_idea}
    elif spec.method in (VoteMethod.APPROVAL, VoteMethod.BUDGET):
        params = {"max_choices": spec.max_choices}
        if spec.method == VoteMethod.BUDGET:
            params["budget_cents"] = spec.budget_cents
    else:
        params = {"min": spec.scale_min, "max": spec.scale_max}
    data: dict[str, Any] = {
        "phase": result.phase.key,
        "kind": result.phase.kind,
        "method": spec.method,
        "parameters": params,
        "revealed": result.revealed,
        "ballots": {"phone": result.tally.ballots_phone, "paper": result.tally.ballots_paper},
        "ranking": [_item(i) for i in result.overall],
        "by_theme": {str(k): [_item(i) for i in v] for k, v in result.by_theme.items()},
    }
    if result.budget is not None:
        b = result.budget
        data["budget"] = {
            "budget_cents": b.budget_cents, "spent_cents": b.spent_cents,
            "left_cents": b.left_cents, "undecided_tie": b.undecided,
            "lines": [{"idea": int(line.target), "votes": line.votes,
                       "cost_cents": line.cost_cents, "status": line.status,
                       "running_total_cents": line.running_total_cents} for line in b.lines],
        }
    return data


def snapshot(ws: Workshop) -> dict[str, Any]:
    """The whole session as JSON-ready data."""
    info = ws.info
    themes = {t.id: t.key for t in ws.themes()}
    phase_keys = {p.row.id: p.key for p in ws.phases()}
    votes = []
    for phase in ws.ballots.vote_phases():
        if phase.row.started_at is None:
            continue
        data = result_data(ws.ballots.result(phase.key))
        ballots = ws.store.ballots(phase.row.id)
        data["ballot_list"] = sorted(
            ({"source": b.source, "marks": b.marks} for b in ballots),
            key=lambda b: (b["source"], json.dumps(b["marks"], sort_keys=True)))
        data["paper_tallies"] = {str(k): v for k, v in
                                 sorted(ws.store.paper_tallies(phase.row.id).items())}
        votes.append(data)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generator": f"facilitator {__version__}",
        "generated_at": ws.now(),
        "workshop": {
            "title": info.title, "template": info.template_key, "place": info.place,
            "date": info.date, "lang": info.lang, "facilitator": info.facilitator,
            "join_code": info.join_code, "created_at": info.created_at,
            "finished_at": info.finished_at, "current_phase": info.current_phase,
            "participants": {"phones": ws.participants.count(), "paper": info.paper_count,
                             "in_room": info.room_count},
        },
        "phases": [{
            "key": p.key, "kind": p.kind, "title": dict(p.spec.title),
            "planned_minutes": p.minutes, "started_at": p.row.started_at,
            "ended_at": p.row.ended_at, "revealed_at": p.row.revealed_at, "status": p.status,
        } for p in ws.phases()],
        "themes": [{"key": t.key, "title": t.title, "question": t.question} for t in ws.themes()],
        "ideas": [{
            "id": i.id, "theme": themes.get(i.theme_id) if i.theme_id is not None else None,
            "text": i.text, "original_text": i.original_text, "edited": i.edited,
            "source": i.source, "status": i.status, "merged_into": i.merged_into,
            "hide_reason": i.hide_reason, "cost_cents": i.cost_cents, "phase": i.phase_key,
            "created_at": i.created_at, "edited_at": i.edited_at,
        } for i in ws.ideas.all()],
        "votes": votes,
        "decisions": [{
            "idea": d.idea_id, "owner": d.owner, "next_step": d.next_step,
            "outcome": d.outcome, "due": d.due, "updated_at": d.updated_at,
        } for d in ws.records.decisions()],
        "notes": [{"phase": n.phase_key, "text": n.text, "created_at": n.created_at}
                  for n in ws.records.notes()],
        "summary": ws.records.summary(),
        "insights": [{"phase": phase_keys.get(i.phase_id), "text": i.text, "source": i.source,
                      "created_at": i.created_at} for i in ws.records.insights()],
        "questions": [{"id": q.id, "phase": phase_keys.get(q.phase_id), "text": q.text,
                       "source": q.source, "status": q.status, "votes": q.votes,
                       "created_at": q.created_at} for q in ws.questions.all()],
        "events": [{"at": e.at, "kind": e.kind, "data": e.data} for e in ws.store.events()],
    }
