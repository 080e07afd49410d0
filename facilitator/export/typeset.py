"""Published documents through typst: plain data in, a tagged PDF/UA-1 and PDF/A-2a out.

Each document is a typst source in `typst/` that reads its data with
`json(bytes(sys.inputs.at("data")))`; no string is ever pasted into typst source,
so participants' text prints as typed. Typst writes the structure tree, the XMP
identification of both standards, and refuses what they forbid (a figure without
alternative text, a missing title). Only the bundled fonts are used, so a PDF
looks the same on every machine.
"""

from __future__ import annotations

import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

import typst

from facilitator.core.clock import parse_iso
from facilitator.export.files import write_bytes
from facilitator.export.fonts import FONT_DIR

SOURCES = Path(__file__).resolve().parent / "typst"
STANDARDS: list[Any] = ["a-2a", "ua-1"]
_lock = threading.Lock()   # one compiler, its font book loaded once; compiles one at a time


@cache
def _compiler() -> typst.Compiler:
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(FONT_DIR)])
    return typst.Compiler(root=str(SOURCES), font_paths=fonts, ignore_system_fonts=True)


def render(source: str, data: dict[str, Any], when: str) -> bytes:
    """The PDF of `typst/<source>.typ` over `data`, dated `when` (ISO time)."""
    return render_inputs(source, {"data": json.dumps(data, ensure_ascii=False)}, when)


def render_inputs(source: str, inputs: dict[str, str], when: str | None = None) -> bytes:
    """The PDF of `typst/<source>.typ` over its `sys.inputs` (strings; `data` is JSON),
    dated `when` (ISO time; now when None)."""
    stamp = parse_iso(when).replace(microsecond=0) if when else None
    with _lock:
        pdf = _compiler().compile(input=str(SOURCES / f"{source}.typ"), sys_inputs=inputs,
                                  pdf_standards=STANDARDS, timestamp=stamp)
    assert isinstance(pdf, bytes)
    return pdf


def write(path: Path, source: str, data: dict[str, Any], when: str) -> Path:
    """Render and write atomically, as every export file is written."""
    return write_bytes(path, render(source, data, when))
