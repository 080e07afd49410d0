"""Where sessions, exports and workshop templates live.

Settings are read once, at the entry point (CLI, TUI, server), and passed down;
nothing here reads the environment at import time.

HOME is the working folder that holds ``sessions/`` (one SQLite file per
workshop) and ``exports/`` (handouts and results, one folder per session).
It is the current folder unless ``--home`` or ``FACILITATOR_HOME`` says
otherwise.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.errors import NotFound
from facilitator.i18n import normalize_lang

SESSION_SUFFIX = ".db"
#: The process file inside ``processes/<slug>/``; every other .db there is a workshop.
PROCESS_FILE = "process" + SESSION_SUFFIX
PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_templates_dir() -> Path:
    """`templates/` of a checkout, or the copy inside an installed wheel."""
    checkout = PACKAGE_DIR.parent / "templates"
    if checkout.is_dir() and (PACKAGE_DIR.parent / "pyproject.toml").exists():
        return checkout
    return PACKAGE_DIR / "_templates"


@dataclass(frozen=True)
class Settings:
    home: Path
    lang: str = "fi"
    user_templates: Path | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        home: Path | str | None = None,
        lang: str | None = None,
        templates: Path | str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Settings:
        """Explicit arguments win over the environment, which wins over defaults."""
        env = os.environ if env is None else env
        home_path = Path(home or env.get("FACILITATOR_HOME") or Path.cwd())
        tpl = templates or env.get("FACILITATOR_TEMPLATES")
        return cls(
            home=home_path.expanduser().resolve(),
            lang=normalize_lang(lang or env.get("FACILITATOR_LANG")),
            user_templates=Path(tpl).expanduser().resolve() if tpl else None,
        )

    @property
    def sessions_dir(self) -> Path:
        return self.home / "sessions"

    @property
    def exports_dir(self) -> Path:
        return self.home / "exports"

    @property
    def processes_dir(self) -> Path:
        return self.home / "processes"

    def process_dir(self, slug: str) -> Path:
        return self.processes_dir / slug

    def process_sessions(self) -> list[Path]:
        """The workshop files inside every process folder (not the process files)."""
        if not self.processes_dir.is_dir():
            return []
        return [p for p in self.processes_dir.glob(f"*/*{SESSION_SUFFIX}")
                if p.name != PROCESS_FILE]

    @property
    def template_dirs(self) -> list[Path]:
        dirs = [shipped_templates_dir()]
        if self.user_templates:
            dirs.append(self.user_templates)
        return dirs

    def export_dir_for(self, session_path: Path) -> Path:
        return self.exports_dir / session_path.stem

    def list_sessions(self) -> list[Path]:
        own = (list(self.sessions_dir.glob(f"*{SESSION_SUFFIX}"))
               if self.sessions_dir.is_dir() else [])
        return sorted(own + self.process_sessions(),
                      key=lambda p: p.stat().st_mtime, reverse=True)

    def resolve_session(self, name_or_path: str | Path) -> Path:
        """A path to a session file, or a name in the sessions folder (with or without .db)."""
        raw = str(name_or_path)
        candidates = [Path(raw).expanduser()]
        if not raw.endswith(SESSION_SUFFIX):
            candidates.append(Path(raw + SESSION_SUFFIX).expanduser())
        names = [c.name for c in candidates]
        candidates += [self.sessions_dir / n for n in names]
        candidates += [p for p in self.process_sessions() if p.name in names]
        for c in candidates:
            if c.is_file():
                return c.resolve()
        raise NotFound("error.unknown_session", name=raw, folder=str(self.sessions_dir))

    def new_session_path(self, title: str, date: str | None, folder: Path | None = None
                         ) -> Path:
        """A free file name in the sessions folder (or `folder`) made from the title and date."""
        folder = folder or self.sessions_dir
        base = slugify(title) or "tyopaja"
        if date:
            base = f"{base}-{date}"
        path = folder / f"{base}{SESSION_SUFFIX}"
        n = 2
        while path.exists() or path.name == PROCESS_FILE:
            path = folder / f"{base}-{n}{SESSION_SUFFIX}"
            n += 1
        return path


def slugify(text: str, max_len: int = 48) -> str:
    """`Kylätalon palvelupaja!` → `kylatalon-palvelupaja` (ASCII, safe on every file system)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_len].strip("-")
