"""The resident report and the board summary as tagged PDF/UA-1, typeset with typst.

The typst source is `report.typ` beside this module; the model reaches it only as JSON in
`sys.inputs`, so nothing a person typed is ever read as typst markup. The bundled fonts
(facilitator/fonts) print Latin with Sami letters, Cyrillic, Arabic, Hebrew and emoji.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Literal

import typst

from facilitator.export.files import write_bytes
from facilitator.qr import make_qr

SOURCE = Path(__file__).parent / "report.typ"
FONTS = Path(__file__).resolve().parents[2] / "fonts"
STANDARDS: tuple[Literal["a-2a", "ua-1"], ...] = ("a-2a", "ua-1")
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
    pdf = typst.compile(str(SOURCE), sys_inputs=inputs, pdf_standards=list(STANDARDS),
                        font_paths=[str(FONTS)], ignore_system_fonts=True)
    assert isinstance(pdf, bytes)
    return pdf


def write(model: dict[str, Any], doc: str, path: Path) -> Path:
    return write_bytes(path, render(model, doc))
