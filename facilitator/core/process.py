"""A participation process over months: its themes, its workshops and the idea register.

One process is one folder (``processes/<slug>/``): the process file and the process's
workshops as ordinary session files, each of which still opens alone. Copying the folder
moves the whole process. `Process` is the handle every edge uses, like `Workshop`;
the register's rules are in core/register.py (`proc.register`).

The register learns from the workshops by `sync()`, which reads every workshop file in
the folder and is idempotent: a repeated sync adds nothing and changes nothing unless a
workshop changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from facilitator.core.clock import Clock, iso, utcnow
from facilitator.core.limits import NAME_MAX_CHARS, clean_text
from facilitator.core.register import Register, RegisterIdea
from facilitator.core.templates import Template, ThemeSpec
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError, InvalidInput, NotFound
from facilitator.paths import PROCESS_FILE, SESSION_SUFFIX, slugify
from facilitator.store.process import (
    ProcessCollectionRow,
    ProcessRow,
    ProcessStore,
    ProcessWorkshopRow,
)


def collection_of(ws: Workshop) -> ProcessCollectionRow | None:
    """The online idea collection of the process `ws` belongs to, if one was prepared:
    what the palvelupaja's closing phase and its minutes tell the room."""
    if ws.path is None:
        return None
    folder = ws.path.parent
    if not (folder / PROCESS_FILE).is_file():
        return None
    try:
        with Process.open(folder, ws.clock) as proc:
            return proc.collection()
    except FacilitatorError:  # a damaged process file must not stop the evening
        return None


#: Templates whose workshops are the partnership table: they set the process's themes
#: and, inside a process, start with the register's open ideas on their agenda.
FOLLOW_UP_TEMPLATES = ("kumppanuuspoyta",)
DEFAULT_TOP = 3
#: Who made a change, as the history records it.
BY_SYNC, BY_SEED = "sync", "seed"


def list_processes(processes_dir: Path) -> list[Path]:
    """The process folders under `processes_dir`, by name."""
    if not processes_dir.is_dir():
        return []
    return sorted(p.parent for p in processes_dir.glob(f"*/{PROCESS_FILE}"))


def find_process(processes_dir: Path, name: str) -> Path:
    """A process folder by its folder name, or by its name as typed (any case)."""
    folders = list_processes(processes_dir)
    for folder in folders:
        if folder.name in (name, slugify(name)):
            return folder
    for folder in folders:
        try:
            with Process.open(folder) as proc:
                if proc.info.name.casefold() == " ".join(name.split()).casefold():
                    return folder
        except Exception:
            continue
    raise NotFound("error.unknown_process", name=name,
                   known=", ".join(f.name for f in folders) or "-")


@dataclass(frozen=True)
class WorkshopStats:
    """One workshop of the process as a report counts it (no one is named or identified)."""

    file: str
    title: str
    template_key: str
    date: str
    phones: int     # devices that joined
    paper: int      # took part on paper, as the facilitator counted
    in_room: int    # people in the room, as the facilitator counted
    ideas: int      # visible ideas it brought (not those put on its agenda)

    @property
    def took_part(self) -> int:
        """Phones are in the room too: the larger of the head count and phones plus paper."""
        return max(self.in_room, self.phones + self.paper)


@dataclass(frozen=True)
class SyncReport:
    workshops: int
    added: int
    updated: int
    decided: int
    themes_from: str = ""             # the workshop whose themes became the process's
    skipped: tuple[str, ...] = ()     # files that could not be read, or copies of another


def _spec(key: str, title: dict[str, str], question: dict[str, str]) -> ThemeSpec:
    return ThemeSpec(key=key, title=dict(title), question=dict(question))


class Process:
    def __init__(self, store: ProcessStore, clock: Clock = utcnow) -> None:
        assert store.path is not None
        self.store = store
        self.clock = clock
        self.folder = store.path.parent
        self.register = Register(self)

    # -- opening and creating -----------------------------------------------------------
    @classmethod
    def create(cls, folder: Path, *, name: str, municipality: str = "",
               coordinator: str = "", clock: Clock = utcnow) -> Process:
        """A new process folder with its process file."""
        name = clean_text(name, max_chars=NAME_MAX_CHARS, multiline=False)
        municipality = (clean_text(municipality, max_chars=NAME_MAX_CHARS, multiline=False)
                        if municipality.strip() else "")
        coordinator = (clean_text(coordinator, max_chars=NAME_MAX_CHARS, multiline=False)
                       if coordinator.strip() else "")
        store = ProcessStore.create(folder / PROCESS_FILE)
        with store.write():
            store.init_process(name=name, municipality=municipality, coordinator=coordinator,
                               created_at=iso(clock()))
        return cls(store, clock)

    @classmethod
    def open(cls, folder: Path | str, clock: Clock = utcnow) -> Process:
        """A process folder (or its process file)."""
        path = Path(folder)
        if path.name != PROCESS_FILE:
            path = path / PROCESS_FILE
        return cls(ProcessStore.open(path), clock)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Process:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def now(self) -> str:
        return iso(self.clock())

    @property
    def info(self) -> ProcessRow:
        return self.store.process()

    # -- themes ---------------------------------------------------------------------------
    def themes(self) -> list[ThemeSpec]:
        return [_spec(t.key, t.title, t.question) for t in self.store.themes()]

    def themes_set_by(self) -> str:
        rows = self.store.themes()
        return rows[0].set_by if rows else ""

    def set_themes(self, themes: Sequence[ThemeSpec], *, set_by: str = "") -> list[ThemeSpec]:
        keys = [t.key for t in themes]
        if not keys:
            raise InvalidInput("error.theme_required", known="-")
        if len(set(keys)) != len(keys):
            raise InvalidInput("error.duplicate_theme")
        self.store.replace_themes([(t.key, dict(t.title), dict(t.question)) for t in themes],
                                  set_by)
        return self.themes()

    def themes_from(self, workshop: str) -> list[ThemeSpec]:
        """The themes of one of the process's workshops (by file name) become the process's."""
        path = self.workshop_file(workshop)
        with Workshop.open(path, self.clock) as ws:
            return self.set_themes([_spec(t.key, t.title, t.question) for t in ws.themes()],
                                   set_by=ws.info.uid)

    # -- the online idea collection (step 3 of seed 003) -------------------------------------
    def collection(self) -> ProcessCollectionRow | None:
        """The latest online collection prepared for the process: where and until when.

        What the palvelupaja's closing phase and its minutes tell the room.
        """
        rows = self.store.collections()
        return rows[-1] if rows else None

    def record_collection(self, *, uid: str, file: str, public_url: str, opens: str,
                          until: str) -> ProcessCollectionRow:
        with self.store.write():
            self.store.put_collection(uid=uid, file=file, public_url=public_url, opens=opens,
                                      until=until, at=self.now())
        row = next(c for c in self.store.collections() if c.uid == uid)
        return row

    def put_origin(self, *, uid: str, file: str, kind: str, title: str, date: str) -> None:
        """A place ideas came from that is not a workshop file (a collection, a survey)."""
        with self.store.write():
            self.store.put_workshop(uid=uid, file=file, template_key=kind, title=title,
                                    date=date, at=self.now())

    # -- workshops ------------------------------------------------------------------------
    def workshop_files(self) -> list[Path]:
        return sorted(p for p in self.folder.glob(f"*{SESSION_SUFFIX}")
                      if p.name != PROCESS_FILE)

    def workshop_file(self, name: str) -> Path:
        files = self.workshop_files()
        for path in files:
            if name in (path.stem, path.name):
                return path
        raise NotFound("error.unknown_process_workshop", name=name,
                       known=", ".join(p.stem for p in files) or "-")

    def workshops(self) -> list[ProcessWorkshopRow]:
        return self.store.workshops()

    def workshop_stats(self) -> list[WorkshopStats]:
        """Every readable workshop file of the process, by date: who took part, how many ideas."""
        out = []
        for path in self.workshop_files():
            try:
                ws = Workshop.open(path, self.clock)
            except Exception:  # a broken file is sync's to report; a report counts the rest
                continue
            with ws:
                info = ws.info
                seeded = self.store.seeded(info.uid)  # on its agenda, not new ideas
                out.append(WorkshopStats(
                    file=path.name, title=info.title, template_key=info.template_key,
                    date=info.date, phones=ws.participants.count(), paper=info.paper_count,
                    in_room=info.room_count,
                    ideas=sum(i.id not in seeded for i in ws.ideas.visible())))
        return sorted(out, key=lambda w: (w.date, w.file))

    def new_workshop(self, path: Path, template: Template, *, title: str, place: str = "",
                     date: str = "", lang: str = "fi", facilitator: str = "",
                     themes: Sequence[ThemeSpec] | None = None,
                     top: int | None = DEFAULT_TOP) -> Workshop:
        """A workshop in the process folder with the process's themes (or `themes`).

        A partnership table also gets the register's open ideas on its agenda: the top
        `top` of each theme (all open ones if None), as ideas it can vote on and decide.
        """
        path = Path(path)
        if path.parent.resolve() != self.folder.resolve() or path.name == PROCESS_FILE:
            raise InvalidInput("error.not_in_process", path=str(path), folder=str(self.folder))
        chosen = list(themes if themes is not None else (self.themes() or template.themes))
        seeds = (self.register.top_open(top) if template.key in FOLLOW_UP_TEMPLATES else [])
        known = {t.key for t in chosen}
        for seed in seeds:  # an open idea's theme the table would otherwise lack
            if seed.entry.theme and seed.entry.theme not in known:
                chosen.append(ThemeSpec(key=seed.entry.theme, title={"fi": seed.entry.theme}))
                known.add(seed.entry.theme)
        ws = Workshop.create(path, template, title=title, place=place, date=date, lang=lang,
                             facilitator=facilitator, themes=chosen, clock=self.clock)
        try:
            with ws.store.write():
                ws.store.update_workshop(process=self.info.name)
                ws.log("process", name=self.info.name)
            self._put_workshop(ws, path)
            self._seed(ws, seeds)
        except BaseException:
            ws.close()
            path.unlink(missing_ok=True)
            raise
        return ws

    def _put_workshop(self, ws: Workshop, path: Path) -> None:
        info = ws.info
        self.store.put_workshop(uid=info.uid, file=path.name, template_key=info.template_key,
                                title=info.title, date=info.date, at=self.now())

    def _seed(self, ws: Workshop, seeds: list[RegisterIdea]) -> None:
        has_themes = bool(ws.themes())
        uid = ws.info.uid
        for seed in seeds:
            if has_themes and not seed.entry.theme:
                continue  # an idea with no theme has no place on a themed agenda
            idea_id = ws.ideas.submit(seed.entry.text, theme=seed.entry.theme or None,
                                      source="facilitator").id
            with self.store.write():
                self.store.add_seeded(uid, idea_id, seed.id)
                if seed.entry.status == "new":
                    self.register.change(seed.id, status="considering", actor=BY_SEED)

    # -- sync: the register learns from the workshops ----------------------------------------
    def sync(self) -> SyncReport:
        seen: set[str] = set()
        skipped: list[str] = []
        added = updated = decided = 0
        themes_from = ""
        for path in self.workshop_files():
            try:
                ws = Workshop.open(path, self.clock)
            except Exception:
                skipped.append(path.name)
                continue
            with ws:
                uid = ws.info.uid
                if not uid or uid in seen:  # a copy of another workshop's file
                    skipped.append(path.name)
                    continue
                seen.add(uid)
                with self.store.write():
                    self._put_workshop(ws, path)
                    if not self.store.themes() and ws.info.template_key in FOLLOW_UP_TEMPLATES:
                        self.set_themes([_spec(t.key, t.title, t.question)
                                         for t in ws.themes()], set_by=uid)
                        themes_from = path.stem
                    a, u, d = self._sync_workshop(ws)
                added, updated, decided = added + a, updated + u, decided + d
        return SyncReport(len(seen), added, updated, decided, themes_from, tuple(skipped))

    def _sync_workshop(self, ws: Workshop) -> tuple[int, int, int]:
        uid = ws.info.uid
        themes = {t.id: t.key for t in ws.themes()}
        votes = _votes(ws)
        seeded = self.store.seeded(uid)
        decisions = {d.idea_id: d for d in ws.records.decisions()}
        added = updated = decided = 0
        for idea in ws.ideas.visible():
            votes_of = votes.get(idea.id)
            theme = themes.get(idea.theme_id, "") if idea.theme_id is not None else ""
            fields: dict[str, object] = {
                "theme": theme, "text": idea.text,
                "votes": votes_of[0] if votes_of else None,
                "rank": votes_of[1] if votes_of else None,
                "tied": votes_of[2] if votes_of else False}
            entry = self.store.entry_of(uid, idea.id)
            if entry is None:
                linked = seeded.get(idea.id)
                if linked is not None:
                    linked = self.register.canonical(self.register.entry(linked)).id
                entry = self.register.add(workshop_uid=uid, idea_id=idea.id,
                                          source=idea.source, linked_to=linked,
                                          fields=fields, actor=BY_SYNC)
                added += 1
            elif self.register.update_origin(entry.id, fields, BY_SYNC):
                updated += 1
                entry = self.register.entry(entry.id)
            d = decisions.get(idea.id)
            if d is not None and self.register.import_decision(
                    entry, outcome=d.outcome, owner=d.owner, next_step=d.next_step, due=d.due,
                    actor=BY_SYNC):
                decided += 1
        return added, updated, decided


def _votes(ws: Workshop) -> dict[int, tuple[int, int, bool]]:
    """Idea id → (votes, rank within its theme, tied) in the workshop's vote, if one began."""
    phase = ws.ballots.result_phase(("vote",))
    if phase is None:
        return {}
    result = ws.ballots.result(phase.key)
    return {item.idea.id: (item.phone + item.paper, item.rank, item.tied)
            for items in result.by_theme.values() for item in items if item.idea is not None}
