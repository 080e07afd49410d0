"""Reading PDFs the way a person's tools do: poppler's pdftotext, pdfinfo, pdffonts, pdftoppm."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.hostile import Case

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


# -- a hostile case as a reader finds it on the page -------------------------------------

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_MARKS = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _letters(word: str) -> str:
    """A word by its letters: pdftotext gives right-to-left words in visual order, and a
    ligature's two letters (lam-alef) in their own order, so letters are compared."""
    word = unicodedata.normalize("NFKC", _MARKS.sub("", word))
    if any(unicodedata.combining(ch) for ch in word):
        # typst maps every glyph of a stacked cluster (Z + two marks) to the whole
        # cluster, so pdftotext repeats it: one copy is the text.
        word = re.sub(r"^(.+?)\1+$", r"\1", word)
    return "".join(sorted(word))


def prints_as_typed(text: str, case: Case) -> bool:
    """Left-to-right text is found whole (spaces folded); right-to-left text word by word,
    its words in reverse order on the page (pdftotext lists a line left to right)."""
    if squeeze(case.text) in squeeze(text):
        return True
    tokens = [_letters(t) for t in _MARKS.sub("", text).split()]
    words = _MARKS.sub(" ", case.text).split()
    runs: list[list[str]] = []
    for word in words:
        if _RTL.search(word) and runs and _RTL.search(runs[-1][-1]):
            runs[-1].append(word)
        else:
            runs.append([word])
    for run in runs:
        wanted = [_letters(w) for w in (run[::-1] if _RTL.search(run[0]) else run)]
        if not any(tokens[i:i + len(wanted)] == wanted for i in range(len(tokens))):
            return False
    return True
