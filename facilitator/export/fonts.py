"""The bundled fonts, and which one draws each character: text in DejaVu Sans, emoji in Noto Emoji.

reportlab never falls back from one font to another by itself: a character the
font lacks prints as an empty box. So every piece of text is cut into runs,
each run in the first bundled font that has all its characters. Runs that need
OpenType shaping (Arabic and Hebrew joining, combining marks, emoji sequences
such as flags and family ligatures) are marked so that the text engine shapes
them with uharfbuzz through reportlab.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

SANS = "FacilitatorSans"
SANS_BOLD = "FacilitatorSans-Bold"
EMOJI = "FacilitatorEmoji"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    EMOJI: "NotoEmoji-Regular.ttf",
}

#: Characters that only make sense glued to the emoji before them.
_EMOJI_JOINERS = {0x200D, 0xFE0F, 0xFE0E, 0x20E3}
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_TAGS = range(0xE0020, 0xE0080)
_REGIONAL = range(0x1F1E6, 0x1F200)
#: Scripts whose letters change shape with their neighbours, or stack marks.
_COMPLEX = (
    (0x0590, 0x08FF),    # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Arabic ext.
    (0x0900, 0x0DFF),    # Indic
    (0x0E00, 0x0EFF),    # Thai, Lao
    (0x0F00, 0x10FF),    # Tibetan, Myanmar
    (0x1780, 0x18AF),    # Khmer, Mongolian
    (0xFB1D, 0xFDFF),    # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),
)


#: reportlab's own ToUnicode writer, kept for the test that checks what our patch relies on.
REPORTLAB_TO_UNICODE_CMAP = ttfonts.makeToUnicodeCMap


@dataclass(frozen=True)
class FontRun:
    """A piece of text drawn in one font; `shape` when it goes through uharfbuzz."""

    font: str
    text: str
    shape: bool


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF as UTF-16 pairs.

    reportlab writes `<1F44D>` for 👍, which PDF readers misread (copying
    text, screen readers, pdftotext); the PDF format wants `<D83DDC4D>`.
    """
    def hexcode(cp: int) -> str:
        return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{hexcode(cp)}>" for i, cp in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


@cache
def register() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, filename in _FILES.items():
        path = FONT_DIR / filename
        if not path.is_file():
            raise FileNotFoundError(f"bundled font missing: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS,
                                  boldItalic=SANS_BOLD)


@cache
def _cmap(font: str) -> frozenset[int]:
    register()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@cache
def _emoji_char(cp: int) -> bool:
    """Drawn from the emoji font: pictographs and the joiners that belong to them."""
    if cp < 0x2000:
        return False
    if cp in _EMOJI_JOINERS or cp in _SKIN_TONES or cp in _TAGS or cp in _REGIONAL:
        return True
    in_emoji = cp in _cmap(EMOJI)
    if not in_emoji:
        return False
    # Prefer the text font for plain symbols it has (arrows, ✓, €), unless the
    # character is an emoji-presentation pictograph (U+1F000 and above).
    return cp >= 0x1F000 or cp not in _cmap(SANS)


@cache
def needs_shaping(cp: int) -> bool:
    if any(lo <= cp <= hi for lo, hi in _COMPLEX):
        return True
    if cp in _EMOJI_JOINERS or cp in _REGIONAL or cp in _TAGS or cp in _SKIN_TONES:
        return True
    return unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc")


def font_runs(text: str, bold: bool = False) -> list[FontRun]:
    """`text` cut into runs of one font each; emoji go to the emoji font."""
    base = SANS_BOLD if bold else SANS
    runs: list[FontRun] = []
    font = ""
    buf: list[str] = []
    shape = False
    for ch in text:
        cp = ord(ch)
        if font == EMOJI and cp in _SKIN_TONES and buf:
            continue           # a monochrome font has no skin tones: its swatch looks like a box
        if font == EMOJI and (cp in _EMOJI_JOINERS or cp in _TAGS):
            want = EMOJI       # a joiner continues the emoji before it
        elif cp in (0x200D, 0xFE0F, 0xFE0E) and font:
            want = font        # a stray joiner: keep it with its neighbour (zero width)
        else:
            want = EMOJI if _emoji_char(cp) else base
        if want != font and buf:
            runs.append(FontRun(font, "".join(buf), shape))
            buf, shape = [], False
        font = want
        buf.append(ch)
        shape = shape or needs_shaping(cp)
    if buf:
        runs.append(FontRun(font, "".join(buf), shape))
    return runs
