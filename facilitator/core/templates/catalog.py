"""The template library: the template files found in folders, and picking one by key."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from facilitator.core.templates.model import Template, ThemeSpec
from facilitator.core.templates.validation import load_template
from facilitator.errors import NotFound, TemplateError


@dataclass(frozen=True)
class TemplateEntry:
    """One template file found in a folder: loaded, or the error that stops it."""

    path: Path
    template: Template | None
    error: TemplateError | None
    shipped: bool


def scan_templates(dirs: Iterable[Path], shipped_dir: Path | None = None) -> list[TemplateEntry]:
    """Every *.toml in the given folders, shipped ones first; broken files are listed too."""
    entries: list[TemplateEntry] = []
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted(d.glob("*.toml")):
            shipped = shipped_dir is not None and d.resolve() == shipped_dir.resolve()
            try:
                entries.append(TemplateEntry(path, load_template(path), None, shipped))
            except TemplateError as exc:
                entries.append(TemplateEntry(path, None, exc, shipped))
    return entries


def find_template(key: str, dirs: Iterable[Path]) -> Template:
    """The template with this key; a facilitator's own template wins over a shipped one."""
    dirs = list(dirs)
    found: Template | None = None
    broken: TemplateError | None = None
    for entry in scan_templates(dirs):
        if entry.template and entry.template.key == key:
            found = entry.template  # later folders (the user's) override
        elif entry.error and entry.path.stem == key:
            broken = entry.error
    if found:
        return found
    if broken:
        raise broken
    known = sorted({e.template.key for e in scan_templates(dirs) if e.template})
    raise NotFound("error.unknown_template", key=key, known=", ".join(known))


def themes_from_titles(template: Template, titles: Iterable[str], lang: str = "fi"
                       ) -> list[ThemeSpec]:
    """Themes for a new workshop from the titles a facilitator typed, one per line.

    A title that is one of the template's themes (in any language) keeps that
    theme with its translations and question; a new title becomes a theme in
    the typed language (and Finnish, the fallback). Blank lines are skipped.
    """
    from facilitator.paths import slugify

    known = {text.casefold(): t for t in template.themes for text in t.title.values()}
    out: list[ThemeSpec] = []
    for n, raw in enumerate(titles, start=1):
        title = " ".join(raw.split())
        if not title:
            continue
        found = known.get(title.casefold())
        if found is not None:
            out.append(found)
            continue
        key = slugify(title) or f"teema-{n}"
        out.append(ThemeSpec(key=key, title={"fi": title, lang: title}))
    return out
