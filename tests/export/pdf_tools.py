"""Reading PDFs the way a person's tools do: poppler's pdftotext, pdfinfo, pdffonts, pdftoppm."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

# -- reading PDFs the way a person's tools do --------------------------------------------

def poppler(tool: str, *args: str) -> str:
    exe = shutil.which(tool)
    if exe is None:  # as tests/conftest.py's require_tool: CI must have it, a laptop may not
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing in CI: scripts/system-deps.sh should install it")
        pytest.skip(f"{tool} is not installed")
    out = subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def text_of(pdf: Path, *, raw: bool = True, first: int | None = None,
            last: int | None = None) -> str:
    """pdftotext's text: `raw` keeps the order things were drawn in (row by row)."""
    args = ["-raw"] if raw else []
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return poppler("pdftotext", "-enc", "UTF-8", *args, str(pdf), "-")


def lang_of(pdf: Path) -> str:
    """The document's language (`/Lang` in the catalogue), read with pikepdf."""
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return str(doc.Root.Lang)


def pages_of(pdf: Path) -> int:
    info = poppler("pdfinfo", str(pdf))
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


# Bidi marks, and U+200B: the break opportunity typst/style.typ gives a very long word.
_BIDI_MARKS = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# typst maps every glyph of a stacked cluster (Z + two marks) to the whole cluster, so
# pdftotext repeats the cluster once per glyph: one copy is the text.
_REPEATED_CLUSTER = re.compile(r"(.[\u0300-\u036f]+)\1+")


def squeeze(text: str) -> str:
    """For finding text that wrapped: NFKC (Arabic presentation forms), no spaces, no marks."""
    text = _REPEATED_CLUSTER.sub(r"\1", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", "", _BIDI_MARKS.sub("", text))


_EXPLICIT = re.compile("[\u202a-\u202e\u2066-\u2069]")


def contains(haystack: str, needle: str) -> bool:
    """`needle` is in the text as typed, or as the Unicode bidi algorithm shows it.

    Text with explicit direction controls (an RLO override, an isolate) is drawn in the
    order the bidi algorithm gives, as every reader shows it; pdftotext reads that order.
    """
    if squeeze(needle) in squeeze(haystack):
        return True
    if _EXPLICIT.search(needle):
        from bidi import get_display

        return squeeze(str(get_display(needle))) in squeeze(haystack)
    return False


def body_text(text: str, *, header_first: bool = True) -> str:
    """pdftotext -raw output without each page's header and footer.

    The published documents (typst) draw the header first and the footer last; the
    handouts (reportlab) draw both last (`header_first=False`).
    """
    pages = []
    for page in text.split("\f"):
        lines = page.rstrip("\n").split("\n")
        if lines and re.search(r"sivu \d+ / \d+$", lines[-1]):
            lines = lines[1:-1] if header_first else lines[:-2]
        pages.append("\n".join(lines))
    return "\n".join(pages)
