"""Bringing collected ideas into a process's register, once.

Each idea becomes a register entry with the origin "e-collection", keyed by (the
collection's uid, the idea's id): the register's UNIQUE(workshop_uid, idea_id) makes a
repeated import add nothing. The collection (or the survey export) is listed among the
process's origins, so the register can say where an idea came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from facilitator.core.process import Process
from facilitator.errors import InvalidInput
from facilitator.store.collection import CollectionStore

SOURCE = "e-collection"
BY_IMPORT = "import"
KIND_COLLECTION = "e-collection"
KIND_SURVEY = "survey"


@dataclass(frozen=True)
class Incoming:
    """One idea to bring in: its id in its origin (idea id, or row number), theme and text."""

    idea_id: int
    theme: str
    text: str


@dataclass(frozen=True)
class ImportReport:
    read: int
    added: int
    already: int
    skipped: int = 0      # empty answers in a survey export


def add_ideas(proc: Process, *, uid: str, file: str, kind: str, title: str, date: str,
              ideas: Iterable[Incoming], skipped: int = 0) -> ImportReport:
    """All in one transaction: a file that fails halfway adds nothing."""
    read = added = already = 0
    with proc.store.write():
        proc.put_origin(uid=uid, file=file, kind=kind, title=title, date=date)
        for idea in ideas:
            read += 1
            if proc.store.entry_of(uid, idea.idea_id) is not None:
                already += 1
                continue
            proc.register.add(workshop_uid=uid, idea_id=idea.idea_id, source=SOURCE,
                              linked_to=None, fields={"theme": idea.theme, "text": idea.text,
                                                      "votes": None, "rank": None,
                                                      "tied": False}, actor=BY_IMPORT)
            added += 1
    return ImportReport(read, added, already, skipped)


def import_collection(proc: Process, path: Path, *, title: str) -> ImportReport:
    """A collection file taken back from the server."""
    with CollectionStore.open(path) as cs:
        meta = cs.meta()
        ideas = cs.ideas()
    prepared_here = any(c.uid == meta.uid for c in proc.store.collections())
    if not prepared_here and meta.process != proc.info.name:
        raise InvalidInput("error.collect_other_process", path=str(path),
                           other=meta.process, process=proc.info.name)
    return add_ideas(proc, uid=meta.uid, file=Path(path).name, kind=KIND_COLLECTION,
                     title=title, date=meta.until,
                     ideas=[Incoming(i.id, i.theme, i.text) for i in ideas])
