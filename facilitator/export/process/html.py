"""The resident report as static HTML: one folder a municipality can put on its website.

`index.html` (Finnish), `sv.html`, `en.html` and `style.css`: no JavaScript, nothing
fetched from anywhere else, every text escaped by Jinja2's autoescape.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

from facilitator.export.files import write_bytes
from facilitator.i18n import LANGS

TEMPLATES = Path(__file__).parent / "templates"
#: The page of each language; Finnish is the front page.
FILES = {"fi": "index.html", "sv": "sv.html", "en": "en.html"}
STYLE = "style.css"


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                       keep_trailing_newline=True)


def render(model: dict[str, Any], pdf: str = "") -> str:
    """One language's page from its model; `pdf` names the printable file beside it."""
    return _env().get_template("report.html").render(**model, files=FILES, pdf=pdf)


def write(models: dict[str, dict[str, Any]], folder: Path,
          pdfs: dict[str, str] | None = None) -> list[Path]:
    """Every language's page and the style sheet into `folder`; returns the files written."""
    written = [write_bytes(folder / STYLE, (TEMPLATES / STYLE).read_bytes())]
    for lang in LANGS:
        if lang in models:
            page = render(models[lang], (pdfs or {}).get(lang, ""))
            written.append(write_bytes(folder / FILES[lang], page.encode("utf-8")))
    return written
