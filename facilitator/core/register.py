"""The idea register (ideapankki): an idea's journey and the one rule for changing it.

Every change to an entry, whoever makes it (the CLI, the TUI, a sync of a workshop, a
later import), goes through `Register.change`, which validates it once and writes one
dated history row; nothing is overwritten without a trace.

Linked entries are the same idea from two places (a palvelupaja and the e-collection):
the canonical entry carries the journey (status, outcome, owner, ...), the linked ones
keep their own origin and votes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from facilitator.core import voting
from facilitator.core.limits import NAME_MAX_CHARS, NOTE_MAX_CHARS, clean_text, parse_date
from facilitator.core.proceedings import OUTCOMES
from facilitator.errors import InvalidInput, NotFound
from facilitator.store.process import (
    ENTRY_STATUSES,
    EntryRow,
    HistoryRow,
    ProcessWorkshopRow,
)

if TYPE_CHECKING:
    from facilitator.core.process import Process

STATUSES = ENTRY_STATUSES
#: Ideas still waiting for the partnership table.
OPEN_STATUSES = ("new", "considering")
#: The status machine: new → considering → decided → in_progress → done; any state but
#: done → not_taken (with a reason); not_taken → considering (reopened).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("considering", "not_taken"),
    "considering": ("decided", "not_taken"),
    "decided": ("in_progress", "not_taken"),
    "in_progress": ("done", "not_taken"),
    "done": (),
    "not_taken": ("considering",),
}
#: Once decided, an idea knows where it goes (a–f).
NEEDS_OUTCOME = ("decided", "in_progress", "done")
#: Seed 003's letters: "Näin asiat etenevät a) … f)".
OUTCOME_LETTERS = dict(zip("abcdef", OUTCOMES, strict=True))
PUBLIC_NOTE_MAX_CHARS = 1000
#: Bookkeeping that is not part of an idea's journey (no history row of its own).
_QUIET = ("imported_decision",)


#: Ideas whose journey has ended: a due date no longer makes them late.
CLOSED_STATUSES = ("done", "not_taken")
#: How the register can be ordered: most votes first, or the nearest due date first.
SORTS = ("votes", "due")


def is_overdue(entry: EntryRow, today: dt.date) -> bool:
    """The due date has passed and the idea is neither done nor set aside."""
    return bool(entry.due) and entry.status not in CLOSED_STATUSES and (
        entry.due < today.isoformat())


def sort_ideas(ideas: Iterable[RegisterIdea], by: str) -> list[RegisterIdea]:
    """`votes`: most votes first (no vote last); `due`: nearest due date first (none last)."""
    if by not in SORTS:
        raise InvalidInput("error.bad_sort", sort=by, known=", ".join(SORTS))
    if by == "votes":
        return sorted(ideas, key=lambda i: (i.votes is None, -(i.votes or 0), i.id))
    return sorted(ideas, key=lambda i: (not i.entry.due, i.entry.due, i.id))


def check_transition(before: str, after: str) -> None:
    """The one check of a status change; `InvalidInput` says which changes are allowed."""
    if after not in STATUSES:
        raise InvalidInput("error.bad_status", status=after, known=", ".join(STATUSES))
    if after not in TRANSITIONS[before]:
        raise InvalidInput("error.status_not_allowed", before=before, after=after,
                           allowed=", ".join(TRANSITIONS[before]) or "-")


def steps_to(before: str, after: str) -> list[str]:
    """The shortest chain of allowed changes from `before` to `after` (empty if none)."""
    seen = {before}
    queue: deque[tuple[str, list[str]]] = deque([(before, [])])
    while queue:
        status, path = queue.popleft()
        if status == after:
            return path
        for nxt in TRANSITIONS[status]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, [*path, nxt]))
    return []


def parse_outcome(value: str) -> str:
    """`budget` or seed 003's letter `a` → the outcome key; anything else is refused."""
    key = OUTCOME_LETTERS.get(value.strip().lower(), value.strip())
    if key not in OUTCOMES:
        known = ", ".join(f"{letter}={o}" for letter, o in OUTCOME_LETTERS.items())
        raise InvalidInput("error.bad_outcome", outcome=value, known=known)
    return key


@dataclass(frozen=True)
class Origin:
    """Where one entry of an idea came from."""

    entry: EntryRow
    workshop: ProcessWorkshopRow | None


@dataclass(frozen=True)
class RegisterIdea:
    """An idea as the register shows it: the canonical entry and every origin."""

    entry: EntryRow
    origins: tuple[Origin, ...]   # the canonical entry's own first, then the linked ones

    @property
    def id(self) -> int:
        return self.entry.id

    @property
    def votes(self) -> int | None:
        counted = [o.entry.votes for o in self.origins if o.entry.votes is not None]
        return sum(counted) if counted else None

    def public(self) -> dict[str, Any]:
        """What a resident may see: the owner only where it was marked public."""
        e = self.entry
        return {
            "id": e.id, "text": e.text, "theme": e.theme, "status": e.status,
            "outcome": e.outcome, "next_step": e.next_step, "due": e.due,
            "note": e.public_note, "owner": e.owner if e.owner_public else "",
            "origins": [{"workshop": o.workshop.title if o.workshop else "",
                         "date": o.workshop.date if o.workshop else "",
                         "source": o.entry.source, "votes": o.entry.votes}
                        for o in self.origins],
        }


def _line(value: str) -> str:
    return clean_text(value, max_chars=NAME_MAX_CHARS, multiline=False) if value.strip() else ""


def _text(value: str, max_chars: int = NOTE_MAX_CHARS) -> str:
    return clean_text(value, max_chars=max_chars) if value.strip() else ""


class Register:
    def __init__(self, process: Process) -> None:
        self.p = process

    # -- reading -----------------------------------------------------------------------
    def entry(self, entry_id: int) -> EntryRow:
        row = self.p.store.entry(entry_id) if isinstance(entry_id, int) else None
        if row is None:
            raise NotFound("error.unknown_entry", idea=entry_id)
        return row

    def canonical(self, entry: EntryRow) -> EntryRow:
        return self.entry(entry.linked_to) if entry.linked_to is not None else entry

    def ideas(self, *, status: str | None = None, theme: str | None = None,
              outcome: str | None = None) -> list[RegisterIdea]:
        """Every idea once (linked entries inside their canonical one), filtered."""
        if status is not None and status not in STATUSES:
            raise InvalidInput("error.bad_status", status=status, known=", ".join(STATUSES))
        outcome = parse_outcome(outcome) if outcome is not None else None
        entries = self.p.store.entries()
        workshops = {w.uid: w for w in self.p.store.workshops()}
        out = []
        for e in entries:
            if e.linked_to is not None:
                continue
            if ((status and e.status != status) or (theme is not None and e.theme != theme)
                    or (outcome and e.outcome != outcome)):
                continue
            members = [e] + [m for m in entries if m.linked_to == e.id]
            out.append(RegisterIdea(e, tuple(Origin(m, workshops.get(m.workshop_uid))
                                             for m in members)))
        return out

    def idea(self, entry_id: int) -> RegisterIdea:
        """The whole idea an entry belongs to (a linked entry shows its canonical one)."""
        canonical = self.canonical(self.entry(entry_id))
        return next(i for i in self.ideas() if i.id == canonical.id)

    def history(self, idea: RegisterIdea) -> list[HistoryRow]:
        return self.p.store.history([o.entry.id for o in idea.origins])

    def reached(self, idea: RegisterIdea) -> dict[str, str]:
        """Status → when the idea (its canonical entry) first reached it, from its history."""
        out: dict[str, str] = {}
        for h in self.p.store.history([idea.id]):
            change = h.changes.get("status")
            if change and change[1] and change[1] not in out:
                out[str(change[1])] = h.at
        return out

    def top_open(self, n: int | None) -> list[RegisterIdea]:
        """Open ideas for a follow-up: the top n of each theme by votes, ties at the edge
        included (never cut silently); all open ones when n is None."""
        open_ideas = [i for i in self.ideas() if i.entry.status in OPEN_STATUSES]
        if n is None:
            return open_ideas
        out: list[RegisterIdea] = []
        for theme in dict.fromkeys(i.entry.theme for i in open_ideas):
            members = {str(i.id): i for i in open_ideas if i.entry.theme == theme}
            scores = {k: float(i.votes or 0) for k, i in members.items()}
            out += [members[r.target] for r in voting.rank(scores, list(members))
                    if r.rank <= n and r.score > 0]
        return sorted(out, key=lambda i: i.id)

    # -- changing ------------------------------------------------------------------------
    def change(self, entry_id: int, *, status: str | None = None, outcome: str | None = None,
               owner: str | None = None, owner_public: bool | None = None,
               next_step: str | None = None, due: str | None = None, note: str | None = None,
               reason: str | None = None, actor: str = "") -> EntryRow:
        """Change an idea's journey: validated here, whoever calls; one history row."""
        entry = self.entry(entry_id)
        if entry.linked_to is not None:
            raise InvalidInput("error.entry_linked", idea=entry.id, into=entry.linked_to)
        fields: dict[str, Any] = {}
        if outcome is not None:
            fields["outcome"] = parse_outcome(outcome)
        if owner is not None:
            fields["owner"] = _line(owner)
        if owner_public is not None:
            fields["owner_public"] = bool(owner_public)
        if next_step is not None:
            fields["next_step"] = _text(next_step)
        if due is not None:
            fields["due"] = parse_date(due)
        if note is not None:
            fields["public_note"] = _text(note, PUBLIC_NOTE_MAX_CHARS)
        if reason is not None:
            fields["reason"] = _text(reason)
        if status is not None and status != entry.status:
            check_transition(entry.status, status)
            fields["status"] = status
            if entry.status == "not_taken":
                fields.setdefault("reason", "")  # reopened; the old reason stays in history
        if fields.get("status", entry.status) == "not_taken" and not fields.get(
                "reason", entry.reason):
            raise InvalidInput("error.reason_required", idea=entry.id)
        if fields.get("status", entry.status) in NEEDS_OUTCOME and not fields.get(
                "outcome", entry.outcome):
            raise InvalidInput("error.outcome_required", idea=entry.id)
        return self._apply(entry.id, fields, actor)

    def link(self, entry_id: int, into_id: int, *, actor: str = "") -> EntryRow:
        """The same idea from two places: `entry` joins `into` (both origins and votes kept)."""
        entry, into = self.entry(entry_id), self.entry(into_id)
        target = self.canonical(into)
        if target.id == entry.id:
            raise InvalidInput("error.link_self", idea=entry.id)
        if entry.linked_to == target.id:
            return entry
        with self.p.store.write():
            for member in self.p.store.entries():
                if member.linked_to == entry.id:
                    self._apply(member.id, {"linked_to": target.id}, actor)
            return self._apply(entry.id, {"linked_to": target.id}, actor)

    # -- what a sync and a follow-up use ----------------------------------------------------
    def add(self, *, workshop_uid: str, idea_id: int, source: str, linked_to: int | None,
            fields: dict[str, Any], actor: str) -> EntryRow:
        """A new entry for a workshop's idea; `fields` holds its theme, text and votes."""
        at = self.p.now()
        with self.p.store.write():
            entry_id = self.p.store.add_entry(
                workshop_uid=workshop_uid, idea_id=idea_id, theme=fields["theme"],
                text=fields["text"], source=source, votes=fields["votes"], rank=fields["rank"],
                tied=fields["tied"], linked_to=linked_to, at=at)
            created: dict[str, list[Any]] = {"status": [None, "new"],
                                             "text": [None, fields["text"]],
                                             "votes": [None, fields["votes"]]}
            if linked_to is not None:
                created["linked_to"] = [None, linked_to]
            self.p.store.add_history(entry_id, created, at, actor)
        return self.entry(entry_id)

    def update_origin(self, entry_id: int, fields: dict[str, Any], actor: str) -> bool:
        """What a workshop says about its own idea now (text, theme, votes); True if changed."""
        before = self.entry(entry_id)
        return self._apply(entry_id, fields, actor) != before

    def import_decision(self, origin: EntryRow, *, outcome: str, owner: str, next_step: str,
                        due: str, actor: str) -> bool:
        """A workshop's decision on its idea, into the canonical entry, once per change."""
        signature = json.dumps([outcome, owner, next_step, due], ensure_ascii=False)
        if origin.imported_decision == signature:
            return False
        with self.p.store.write():
            target = self.canonical(origin)
            steps = (steps_to(target.status, "decided")
                     if target.status in (*OPEN_STATUSES, "not_taken") else [])
            for step in steps[:-1]:
                self.change(target.id, status=step, actor=actor)
            self.change(target.id, status=steps[-1] if steps else None, outcome=outcome,
                        owner=owner, next_step=next_step, due=due, actor=actor)
            self._apply(origin.id, {"imported_decision": signature}, actor)
        return True

    def _apply(self, entry_id: int, fields: dict[str, Any], actor: str) -> EntryRow:
        entry = self.entry(entry_id)
        diff = {k: [getattr(entry, k), v] for k, v in fields.items() if getattr(entry, k) != v}
        if not diff:
            return entry
        at = self.p.now()
        with self.p.store.write():
            self.p.store.update_entry(entry_id, {k: v[1] for k, v in diff.items()}, at)
            shown = {k: v for k, v in diff.items() if k not in _QUIET}
            if shown:
                self.p.store.add_history(entry_id, shown, at, actor)
        return self.entry(entry_id)
