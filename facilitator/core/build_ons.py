"""Further ideation: a note written as `#20: ...` builds on idea 20 instead of being a new idea.

Palvelupaja's "jatkoideointi" develops the most-voted ideas further. A participant starts
the note with the idea's number (it is on the phones' lists, the paper ballot and the wall);
the note is kept with that idea (store table `build_ons`) and never counts as a new idea
or goes on a ballot. The rule is here once, for the phone, the TUI and the CLI alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facilitator.errors import InvalidInput, NotFound
from facilitator.kinds import IdeaStatus, PhaseKind
from facilitator.store.records import BuildOnRow, IdeaRow

if TYPE_CHECKING:
    from facilitator.core.workshop import PhaseState, Workshop

#: `#20: text`, `#20 text`, `# 20. text`, `#20 – text`: the number, then the note.
_LEAD = re.compile(r"\A\s*#\s*(\d{1,9})(?![\d\w])\s*[:.,;)\-–—]?\s*", re.UNICODE)


@dataclass(frozen=True)
class Lead:
    """What a note's first characters say: which idea it builds on, and the note itself."""

    idea_id: int
    text: str


def parse(text: str) -> Lead | None:
    """`#20: text` → Lead(20, "text"); anything else is a new idea (None)."""
    match = _LEAD.match(text)
    if match is None:
        return None
    return Lead(int(match.group(1)), text[match.end():])


def target(ws: Workshop, idea_id: int) -> IdeaRow:
    """The idea a note may build on: it exists, is not hidden, and (once a vote on ideas
    has begun) was on that ballot. A merged idea's notes go to the idea it was merged into.
    Refusals name the text field, so a phone shows them next to it."""
    ideas = {i.id: i for i in ws.store.ideas()}
    idea = ideas.get(idea_id)
    if idea is None:
        raise NotFound("error.build_on_unknown", field="text", idea=idea_id)
    seen: set[int] = set()
    while (idea.status == IdeaStatus.MERGED and idea.merged_into is not None
           and idea.merged_into in ideas and idea.id not in seen):
        seen.add(idea.id)
        idea = ideas[idea.merged_into]
    if idea.status != IdeaStatus.VISIBLE:
        raise InvalidInput("error.build_on_hidden", field="text", idea=idea_id)
    vote = _vote_before(ws)
    if vote is not None:
        started = vote.row.started_at or ""
        on_ballot = ws.ballots.options(vote)
        if str(idea.id) not in on_ballot or idea.created_at > started:
            raise InvalidInput("error.build_on_not_on_ballot", field="text", idea=idea_id)
    return idea


def _vote_before(ws: Workshop) -> PhaseState | None:
    """The vote on ideas that has begun, if any: its ballot is what further ideation builds on."""
    begun = [p for p in ws.ballots.vote_phases((PhaseKind.VOTE,)) if p.row.started_at]
    return begun[-1] if begun else None


def open_for_build_ons(ws: Workshop) -> bool:
    """Whether notes may build on voted ideas now: an ideas phase after a vote has begun."""
    current = ws.current()
    return (current is not None and current.spec.accepts_ideas
            and _vote_before(ws) is not None)


def by_idea(ws: Workshop) -> dict[int, list[BuildOnRow]]:
    """Every build-on note by the idea it builds on, oldest first."""
    out: dict[int, list[BuildOnRow]] = {}
    for row in ws.store.build_ons():
        out.setdefault(row.idea_id, []).append(row)
    return out
