"""`collect prepare`: a collection file from a process: its themes and dates, nothing else.

No idea, no name and no coordinator of the process goes into the file: it is put on a
server on the internet. The process file remembers where and until when the collection is
open (`Process.collection()`), for the palvelupaja's closing phase and its minutes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from facilitator.collect.collection import local_day, parse_until
from facilitator.core.process import Process
from facilitator.errors import InvalidInput
from facilitator.i18n import normalize_lang
from facilitator.store.collection import CollectionMeta, CollectionStore, CollectionTheme

#: Not `.db`: a `.db` file in the process folder is read as one of its workshops.
COLLECTION_SUFFIX = ".sqlite"


@dataclass(frozen=True)
class Prepared:
    path: Path
    meta: CollectionMeta


def check_url(value: str, *, option: str) -> str:
    """An http(s) address with a host, or blank."""
    raw = value.strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(
            c.isspace() for c in raw):
        raise InvalidInput("error.collect_bad_url", option=option, value=raw[:200])
    return raw.rstrip("/") if option == "--public-url" else raw


def default_path(proc: Process) -> Path:
    return proc.folder / f"{proc.folder.name}-ideankeruu{COLLECTION_SUFFIX}"


def prepare(proc: Process, *, until: str, out: Path | None = None, public_url: str = "",
            privacy_url: str = "", opens: str = "", lang: str = "fi") -> Prepared:
    themes = proc.themes()
    if not themes:
        raise InvalidInput("error.collect_no_themes", process=proc.info.name)
    today = local_day(proc.clock)
    until_day = parse_until(until, today)
    opens_day = parse_until(opens, today) if opens.strip() else today.isoformat()
    if opens_day > until_day:
        raise InvalidInput("error.collect_opens_after", opens=opens_day, until=until_day)
    info = proc.info
    meta = CollectionMeta(
        uid=f"collection-{uuid.uuid4().hex}", process=info.name,
        municipality=info.municipality,
        privacy_url=check_url(privacy_url, option="--privacy-url"),
        public_url=check_url(public_url, option="--public-url"), opens=opens_day,
        until=until_day, lang=normalize_lang(lang),
        themes=tuple(CollectionTheme(t.key, dict(t.title), dict(t.question)) for t in themes),
        prepared_at=proc.now())
    path = Path(out) if out is not None else default_path(proc)
    if path.suffix == ".db" and path.parent.resolve() == proc.folder.resolve():
        raise InvalidInput("error.collect_not_db", path=str(path))
    CollectionStore.prepare(path, meta).close()
    proc.record_collection(uid=meta.uid, file=path.name, public_url=meta.public_url,
                           opens=meta.opens, until=meta.until)
    return Prepared(path, meta)
