"""A process's public documents, built from its register: the resident report ("Mitä
ideoille tapahtui?") as static HTML and PDF, and the board summary as PDF and .docx.

`model.build` is the one place that decides what may be public; the writers only print it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from facilitator.core.process import Process
from facilitator.export.files import write_bytes
from facilitator.export.process import model as report_model
from facilitator.i18n import LANGS, Translator
from facilitator.paths import slugify

FORMATS = ("html", "pdf", "docx", "json")
#: What `all` writes (the JSON is for other tools: asked for by name).
ALL = ("html", "pdf", "docx")


def file_stem(lang: str, doc: str) -> str:
    """`mita-ideoille-tapahtui`, `processens-sammanfattning`: the document's name in `lang`."""
    return slugify(Translator(lang)(f"pdf.process.file_{doc}")) or doc


def write_reports(proc: Process, folder: Path, formats: Iterable[str], *, lang: str,
                  url: str = "") -> list[Path]:
    """The chosen formats into `folder`: HTML in every language, the rest in `lang`."""
    formats = set(formats)
    unknown = formats - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown formats: {sorted(unknown)}")
    models = {code: report_model.build(proc, code, url=url) for code in LANGS}
    written: list[Path] = []
    pdfs: dict[str, str] = {}
    if "pdf" in formats:
        from facilitator.export.process import pdf

        resident = folder / f"{file_stem(lang, 'resident')}.pdf"
        written.append(pdf.write(models[lang], "resident", resident))
        written.append(pdf.write(models[lang], "board", folder / f"{file_stem(lang, 'board')}.pdf"))
        pdfs[lang] = resident.name
    if "docx" in formats:
        from facilitator.export.process import docx

        written.append(docx.write_board_summary(
            models[lang], folder / f"{file_stem(lang, 'board')}.docx"))
    if "json" in formats:
        text = json.dumps(models[lang], ensure_ascii=False, indent=2) + "\n"
        written.append(write_bytes(folder / f"{file_stem(lang, 'resident')}.json",
                                   text.encode("utf-8")))
    if "html" in formats:
        from facilitator.export.process import html

        written += html.write(models, folder, pdfs)
    return written
