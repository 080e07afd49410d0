"""The resident report and the board summary as tagged PDF/UA-1 and PDF/A-2a, typeset with typst.

The typst source is `export/typst/process-report.typ`, on the same style (`style.typ`) as the
results and the minutes; the model reaches it only as JSON in `sys.inputs`, so nothing a
person typed is ever read as typst markup. The bundled fonts (facilitator/fonts) print Latin
with Sami letters, Cyrillic, Arabic, Hebrew and emoji.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from facilitator.export import typeset
from facilitator.export.files import write_bytes
from facilitator.qr import make_qr

SOURCE = "process-report"   # export/typst/process-report.typ
DOCS = ("resident", "board")


def qr_svg(url: str) -> str:
    """The online version's address as a QR code (SVG, black on white, quiet zone kept)."""
    out = io.BytesIO()
    make_qr(url).save(out, kind="svg", scale=4, border=4, dark="#000", light="#fff",
                      xmldecl=False, svgns=True)
    return out.getvalue().decode("utf-8")


def render(model: dict[str, Any], doc: str) -> bytes:
    """One of `DOCS` as PDF bytes."""
    if doc not in DOCS:
        raise ValueError(f"unknown document {doc!r}")
    inputs = {"data": json.dumps(model, ensure_ascii=False), "doc": doc,
              "qr": qr_svg(model["url"]) if model.get("url") and doc == "resident" else ""}
    return typeset.render_inputs(SOURCE, inputs)


def write(model: dict[str, Any], doc: str, path: Path) -> Path:
    return write_bytes(path, render(model, doc))
