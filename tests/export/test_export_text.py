"""The text engine: font runs, shaping, right-to-left order, wrapping, page splits."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import ShapedStr

from facilitator.export import fonts, pages
from facilitator.export.shaping import Line, shaped_piece, visual_order
from facilitator.export.styles import BODY, CELL
from facilitator.export.text import Text, layout, text_width

from .pdf_tools import squeeze, text_of


def words_of(line: Line) -> list[str]:
    return ["".join(str(p.text) for item in word for p in item.pieces) for word in line.words]


def test_emoji_get_their_own_font_run() -> None:
    runs = fonts.font_runs("Kiva 👍 ja 🥳!")
    assert [(r.font, r.text) for r in runs] == [
        (fonts.SANS, "Kiva "), (fonts.EMOJI, "👍"), (fonts.SANS, " ja "), (fonts.EMOJI, "🥳"),
        (fonts.SANS, "!")]
    flag = fonts.font_runs("🇫🇮")[0]
    assert flag.font == fonts.EMOJI and flag.shape       # a flag is a ligature: shaped
    family = fonts.font_runs("👨‍👩‍👧")
    assert len(family) == 1 and family[0].font == fonts.EMOJI and family[0].shape
    assert fonts.font_runs("👍🏽")[0].text == "👍"       # no skin tones in a monochrome font
    assert fonts.font_runs("€ ✓")[0].font == fonts.SANS   # plain symbols stay in the text font


def test_the_bundled_fonts_cover_every_script_we_promise() -> None:
    fonts.register()
    from reportlab.pdfbase import pdfmetrics

    sans = pdfmetrics.getFont(fonts.SANS).face.charToGlyph
    bold = pdfmetrics.getFont(fonts.SANS_BOLD).face.charToGlyph
    emoji = pdfmetrics.getFont(fonts.EMOJI).face.charToGlyph
    for text in ("äöåÄÖÅ", "áčđŋšŧžÁČĐŊŠŦŽ", "Soomaali", "Нужна библиотека", "نريد مكتبة",
                 "€–—“”«»"):
        for ch in text.replace(" ", ""):
            assert ord(ch) in sans, ch
            if not ("\u0600" <= ch <= "\u06ff"):
                assert ord(ch) in bold, ch
    for ch in "👍🥳❤🫶🙂":
        assert ord(ch) in emoji, ch
    for name in ("LICENSE-DejaVu.txt", "OFL-NotoEmoji.txt"):
        assert (fonts.FONT_DIR / name).stat().st_size > 1000


def test_arabic_is_shaped_into_joined_forms() -> None:
    fonts.register()
    piece = shaped_piece(fonts.SANS, "نريد", 10, True)
    assert isinstance(piece.text, ShapedStr)
    glyphs = str(piece.text)
    assert all(0xFE70 <= ord(ch) <= 0xFEFF for ch in glyphs)   # initial/medial/final forms
    assert unicodedata.normalize("NFKC", glyphs[::-1]) == "نريد"  # drawn right to left


def test_right_to_left_words_and_numbers_are_ordered_as_unicode_says() -> None:
    line = layout((("نريد مكتبة جديدة", False),), BODY, 400)[0]
    assert line.base_rtl
    space = shaped_piece(fonts.SANS, " ", BODY.size, False)
    drawn = [unicodedata.normalize("NFKC", "".join(str(p.text) for p in item.pieces)[::-1])
             for item, _ in visual_order(line, space) if item.kind != "WS"]
    assert drawn == ["جديدة", "مكتبة", "نريد"]                  # left to right on the page
    mixed = layout((("Kirjasto نريد مكتبة 2026", False),), BODY, 400)[0]
    assert not mixed.base_rtl
    order = [("".join(str(p.text) for p in item.pieces)) for item, _ in visual_order(mixed, space)
             if item.kind != "WS"]
    assert order[0] == "Kirjasto" and order[1] == "2026"         # the number follows the Arabic
    assert unicodedata.normalize("NFKC", order[-1][::-1]) == "نريد"


def test_long_words_wrap_within_the_width_without_losing_a_character() -> None:
    lines = layout((("x" * 5000, False),), CELL, 150)
    assert len(lines) > 20
    assert all(line.width <= 150 for line in lines)
    assert "".join(w for line in lines for w in words_of(line)) == "x" * 5000


def test_line_breaks_are_kept_and_no_break_spaces_hold() -> None:
    lines = layout((("eka\ntoka\n\nneljäs 20\u00a0000\u00a0€", False),), BODY, 1000)
    assert [words_of(ln) for ln in lines] == [
        ["eka"], ["toka"], [], ["neljäs", "20\u00a0000\u00a0€"]]
    narrow = layout((("summa 20\u00a0000\u00a0€", False),), BODY,
                    text_width("20\u00a0000\u00a0€", BODY) + 1)
    assert words_of(narrow[-1]) == ["20\u00a0000\u00a0€"]


def test_bold_label_and_plain_value_in_one_block() -> None:
    lines = layout((("Paikka: ", True), ("Kylätalo", False)), BODY, 1000)
    by_word = [{p.font for item in word for p in item.pieces} for word in lines[0].words]
    assert by_word == [{fonts.SANS_BOLD}, {fonts.SANS}]


def test_a_long_text_splits_across_pages(tmp_path: Path) -> None:
    body = " ".join(f"sana{n}" for n in range(3000))
    meta = pages.Meta(title="T", author="A", subject="S", lang="fi-FI", header="H",
                      kind="K", footer="F", page_label=lambda p, n: f"sivu {p} / {n}")
    path = pages.build(tmp_path / "long.pdf", [Text(body, BODY)], meta)
    text = text_of(path)
    assert "sivu 3 / " in text
    cleaned = "".join(line for line in text.splitlines() if not line.startswith(("H", "F")))
    assert squeeze(body) == squeeze(cleaned.replace("\f", ""))


@pytest.mark.parametrize("hostile", ['<b>&<img src="/etc/passwd"/>', "<font size=40>x",
                                     "&amp;&#65;", "<para>", "</b>"])
def test_markup_is_only_text(hostile: str, tmp_path: Path) -> None:
    meta = pages.Meta(title="T", author="A", subject="S", lang="fi-FI", header="H",
                      kind="K", footer="F", page_label=lambda p, n: "")
    path = pages.build(tmp_path / "m.pdf", [Text(hostile, BODY)], meta)
    assert hostile in text_of(path)
    assert b"/XObject" not in path.read_bytes()


def visual_text(line: Line) -> str:
    """The line's characters left to right as drawn, before shaping and mirroring."""
    out = []
    for item, level in visual_order(line, shaped_piece(fonts.SANS, " ", line.size, False)):
        text = "".join(t for t, _ in item.spans)
        out.append(text[::-1] if level % 2 else text)
    return "".join(out)


@pytest.mark.parametrize("text", [
    "نريد مكتبة (جديدة) في 2026 بسعر 1500 € [للشباب]",       # Arabic, brackets and numbers
    "Kirjasto نريد (مكتبة جديدة) 2026 ja [uusi] nuorisotila!",  # Finnish with Arabic inside
    "Nuorisotila (نريد 12 مكانا) avataan 1.5.2027",
    "\u2067Kylän tila 12\u2069 نريد",                           # an isolate
])
def test_line_order_is_python_bidis(text: str) -> None:
    from bidi import get_display

    fonts.register()
    [line] = layout(((text, False),), BODY, 2000)
    assert visual_text(line) == get_display(text, base_dir="R" if line.base_rtl else "L")


def test_brackets_on_a_right_to_left_level_are_mirrored() -> None:
    fonts.register()
    [line] = layout((("نريد (مكتبة)", False),), BODY, 400)
    space = shaped_piece(fonts.SANS, " ", BODY.size, False)
    brackets = [(str(item.pieces[0].text), "".join(t for t, _ in item.spans), level)
                for item, level in visual_order(line, space) if item.kind == "N"]
    # Left to right: the closing bracket comes first and is drawn as "(".
    assert brackets == [("(", ")", 1), (")", "(", 1)]
