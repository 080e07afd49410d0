"""Ideas: who may send them when, and the facilitator's moderation (edit, merge, hide, cost)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from facilitator.core import build_ons
from facilitator.core.limits import (
    IDEA_MAX_CHARS,
    IDEAS_PER_MINUTE,
    at_most_per_minute,
    clean_text,
)
from facilitator.core.receipts import PhoneGate, Submitted, submit_once
from facilitator.errors import Closed, InvalidInput, NotFound
from facilitator.kinds import IdeaStatus, Source

__all__ = ["IdeaDesk", "Submitted", "resolve_in"]
from facilitator.store.records import BuildOnRow, IdeaRow, ThemeRow

if TYPE_CHECKING:
    from facilitator.core.duplicates import DuplicateIndex, Suggestion
    from facilitator.core.workshop import PhaseState, Workshop

MAX_COST_CENTS = 100_000_000_000
_IDEA_GATE = PhoneGate(lambda s: s.accepts_ideas, "error.ideas_closed")


class IdeaDesk:
    def __init__(self, workshop: Workshop) -> None:
        self.ws = workshop

    # -- reading -----------------------------------------------------------------------
    def get(self, idea_id: int) -> IdeaRow:
        idea = self.ws.store.idea(idea_id) if isinstance(idea_id, int) else None
        if idea is None:
            raise NotFound("error.unknown_idea", idea=idea_id)
        return idea

    def all(self) -> list[IdeaRow]:
        return self.ws.store.ideas()

    def visible(self, theme_id: int | None = None) -> list[IdeaRow]:
        return self.ws.store.ideas(statuses=[IdeaStatus.VISIBLE], theme_id=theme_id)

    def of_device(self, device_id: int) -> list[IdeaRow]:
        return self.ws.store.ideas(device_id=device_id)

    def by_theme(self, statuses: tuple[str, ...] = (IdeaStatus.VISIBLE,)
                 ) -> dict[int | None, list[IdeaRow]]:
        out: dict[int | None, list[IdeaRow]] = {t.id: [] for t in self.ws.themes()}
        for idea in self.ws.store.ideas(statuses=list(statuses)):
            out.setdefault(idea.theme_id, []).append(idea)
        return out

    def resolve(self, idea_id: int) -> IdeaRow | None:
        """The visible idea this one counts as now (itself, or what it was merged into)."""
        ideas = {i.id: i for i in self.ws.store.ideas()}
        return resolve_in(ideas, idea_id)

    # -- sending -------------------------------------------------------------------------
    def submit(self, text: str, *, theme: str | None = None, source: str = Source.PHONE,
               device_id: int | None = None, idem_key: str | None = None,
               cost_cents: int | None = None) -> Submitted:
        """Accept an idea: from phones only in an open ideas phase; paper and facilitator always."""
        if source not in tuple(Source):
            raise InvalidInput("error.bad_source")
        lead = build_ons.parse(text)
        if lead is not None:
            return self._build_on(lead, source=source, device_id=device_id, idem_key=idem_key)
        ws = self.ws

        def save(phone_phase: PhaseState | None, idem_key: str | None) -> int:
            current = phone_phase or ws.current()
            allowed = phone_phase.spec.themes if phone_phase is not None else ()
            theme_row = self._theme(theme, allowed)
            clean = clean_text(text, max_chars=IDEA_MAX_CHARS, allow_markup=source != Source.PHONE,
                               field="text")
            cost = _check_cost(cost_cents)
            if source == Source.PHONE and device_id is not None:
                at_most_per_minute(ws.clock, lambda since: ws.store.count_ideas_since(
                    device_id, since), IDEAS_PER_MINUTE)
            idea_id = ws.store.add_idea(
                text=clean, source=source, created_at=ws.now(),
                theme_id=theme_row.id if theme_row else None,
                phase_key=current.key if current else None,
                device_id=device_id, cost_cents=cost)
            if source != Source.PHONE:
                ws.log("idea_added", idea=idea_id, source=source,
                       theme=theme_row.key if theme_row else None)
            return idea_id

        return submit_once(ws, "idea", source=source, device_id=device_id, idem_key=idem_key,
                           gate=_IDEA_GATE, save=save)

    def _build_on(self, lead: build_ons.Lead, *, source: str, device_id: int | None,
                  idem_key: str | None) -> Submitted:
        """`#20: ...`: the note is kept with idea 20 (see core/build_ons.py)."""
        ws = self.ws
        kept_with: list[int] = []

        def save(phone_phase: PhaseState | None, idem_key: str | None) -> int:
            current = phone_phase or ws.current()
            idea = build_ons.target(ws, lead.idea_id)
            clean = clean_text(lead.text, max_chars=IDEA_MAX_CHARS,
                               allow_markup=source != Source.PHONE, field="text")
            if source == Source.PHONE and device_id is not None:
                at_most_per_minute(ws.clock, lambda since: (
                    ws.store.count_ideas_since(device_id, since)
                    + ws.store.count_build_ons_since(device_id, since)), IDEAS_PER_MINUTE)
            kept_with.append(idea.id)
            note_id = ws.store.add_build_on(
                idea_id=idea.id, text=clean, source=source, at=ws.now(),
                phase_key=current.key if current else None,
                device_id=device_id if source == Source.PHONE else None)
            if source != Source.PHONE:
                ws.log("build_on_added", idea=idea.id, note=note_id, source=source)
            return note_id

        done = submit_once(ws, "build_on", source=source, device_id=device_id,
                           idem_key=idem_key, gate=_IDEA_GATE, save=save)
        if kept_with:
            return Submitted(done.id, done.duplicate, kept_with[0])
        row = ws.store.build_on(done.id)   # a retry: the note was kept before
        return Submitted(done.id, done.duplicate, row.idea_id if row else None)

    def build_ons(self) -> dict[int, list[BuildOnRow]]:
        """The notes of further ideation by the idea they build on."""
        return build_ons.by_idea(self.ws)

    def build_ons_of(self, device_id: int) -> list[BuildOnRow]:
        """One phone's own notes of further ideation, oldest first."""
        return self.ws.store.build_ons(device_id=device_id)

    def _theme(self, key: str | None, allowed: tuple[str, ...]) -> ThemeRow | None:
        themes = self.ws.themes()
        if not themes:
            if key:
                raise NotFound("error.unknown_theme", field="theme", theme=key, known="-")
            return None
        if not key:
            if len(themes) == 1:
                return themes[0]
            raise InvalidInput("error.theme_required", field="theme",
                               known=", ".join(t.key for t in themes))
        try:
            row = self.ws.theme_by_key(key)
        except NotFound as exc:
            raise exc.on_field("theme") from None
        if allowed and row.key not in allowed:
            raise Closed("error.theme_closed", field="theme", theme=key)
        return row

    # -- moderation (facilitator) -------------------------------------------------------------
    def edit(self, idea_id: int, text: str) -> IdeaRow:
        """Change an idea's text; the participant's original is kept."""
        idea = self.get(idea_id)
        text = clean_text(text, max_chars=IDEA_MAX_CHARS)
        if text == idea.text:
            return idea
        with self.ws.store.write():
            self.ws.store.edit_idea(idea_id, text, self.ws.now())
            self.ws.log("idea_edited", idea=idea_id, before=idea.text, after=text)
        return self.get(idea_id)

    def merge(self, idea_id: int, into_id: int) -> IdeaRow:
        """Merge a duplicate into another idea: its votes count for that one from now on."""
        idea, target = self.get(idea_id), self.get(into_id)
        if idea.id == target.id:
            raise InvalidInput("error.merge_self")
        if target.status != IdeaStatus.VISIBLE:
            raise InvalidInput("error.merge_into_hidden", idea=into_id)
        if idea.status == IdeaStatus.MERGED:
            raise InvalidInput("error.already_merged", idea=idea_id, into=idea.merged_into)
        with self.ws.store.write():
            self.ws.store.set_idea_status(idea_id, IdeaStatus.MERGED, merged_into=into_id)
            self.ws.log("idea_merged", idea=idea_id, into=into_id, text=idea.text,
                        into_text=target.text)
        return self.get(into_id)

    def hide(self, idea_id: int, reason: str) -> IdeaRow:
        """Hide an idea from phones, the wall and the vote; it stays in the minutes."""
        idea = self.get(idea_id)
        reason = clean_text(reason, max_chars=200, multiline=False)
        if idea.status == IdeaStatus.MERGED:
            raise InvalidInput("error.already_merged", idea=idea_id, into=idea.merged_into)
        with self.ws.store.write():
            self.ws.store.set_idea_status(idea_id, IdeaStatus.HIDDEN, hide_reason=reason)
            self.ws.log("idea_hidden", idea=idea_id, reason=reason, text=idea.text)
        return self.get(idea_id)

    def restore(self, idea_id: int) -> IdeaRow:
        """Undo a hide or a merge."""
        idea = self.get(idea_id)
        if idea.status == IdeaStatus.VISIBLE:
            return idea
        with self.ws.store.write():
            self.ws.store.set_idea_status(idea_id, IdeaStatus.VISIBLE)
            self.ws.log("idea_restored", idea=idea_id, was=idea.status)
        return self.get(idea_id)

    # -- likely duplicates (suggested to the facilitator, never merged by themselves) ----------
    def duplicates(self, index: DuplicateIndex, ideas: Iterable[IdeaRow] | None = None
                   ) -> list[Suggestion]:
        """The visible ideas' likely duplicates, minus the pairs said to be not the same.

        `index` is the caller's cache: it is brought up to date with the ideas as they are
        now (new and edited ones compared, hidden and merged ones dropped), so a refresh
        costs one comparison per new idea, not every pair again. `ideas`: the rows the
        caller has just read (their visible ones count), else they are read here.
        """
        # Here, not at the top: the participant server imports this module and never needs
        # the stemmers (suggestions are the TUI's work, off the phones' path).
        from facilitator.core.duplicates import Idea

        rows = self.visible() if ideas is None else [i for i in ideas if i.visible]
        index.sync(Idea(i.id, i.text, i.theme_id) for i in rows)
        return index.suggestions(self.ws.store.not_duplicates())

    def not_the_same(self, idea_id: int, other_id: int) -> None:
        """The facilitator says two suggested ideas are different: never suggest the pair again."""
        idea, other = self.get(idea_id), self.get(other_id)
        if idea.id == other.id:
            raise InvalidInput("error.merge_self")
        with self.ws.store.write():
            self.ws.store.add_not_duplicate(idea.id, other.id, self.ws.now())
            self.ws.log("ideas_not_duplicates", ideas=sorted((idea.id, other.id)))

    def set_cost(self, idea_id: int, cost_cents: int | None) -> IdeaRow:
        self.get(idea_id)
        cost_cents = _check_cost(cost_cents)
        with self.ws.store.write():
            self.ws.store.set_idea_cost(idea_id, cost_cents)
            self.ws.log("idea_cost", idea=idea_id, cost_cents=cost_cents)
        return self.get(idea_id)

    def move(self, idea_id: int, theme: str) -> IdeaRow:
        self.get(idea_id)
        row = self.ws.theme_by_key(theme)
        with self.ws.store.write():
            self.ws.store.set_idea_theme(idea_id, row.id)
            self.ws.log("idea_moved", idea=idea_id, theme=row.key)
        return self.get(idea_id)


def resolve_in(ideas: dict[int, IdeaRow], idea_id: int) -> IdeaRow | None:
    """Follow merges to the idea that counts; None for hidden or unknown ideas."""
    seen: set[int] = set()
    idea = ideas.get(idea_id)
    while idea is not None and idea.status == IdeaStatus.MERGED and idea.id not in seen:
        seen.add(idea.id)
        idea = ideas.get(idea.merged_into) if idea.merged_into is not None else None
    if idea is None or idea.status != IdeaStatus.VISIBLE:
        return None
    return idea


def _check_cost(cost_cents: int | None) -> int | None:
    if cost_cents is None:
        return None
    if isinstance(cost_cents, bool) or not isinstance(cost_cents, int) or not (
            0 <= cost_cents <= MAX_COST_CENTS):
        raise InvalidInput("error.bad_cost")
    return cost_cents
