"""The one reportlab internal we replace, `ttfonts.makeToUnicodeCMap`, is still what we think.

fonts.py swaps the function for the whole process so that emoji beyond U+FFFF
copy and read aloud right. If a reportlab release renames it, changes its
arguments, stops calling it by its module name, or changes the map it writes
for ordinary characters, these tests fail before a PDF silently loses its text.
"""

from __future__ import annotations

import inspect

from reportlab.pdfbase import ttfonts

from facilitator.export import fonts


def test_reportlab_still_calls_the_function_we_replace() -> None:
    original = fonts.REPORTLAB_TO_UNICODE_CMAP
    assert list(inspect.signature(original).parameters) == ["fontname", "subset"]
    # Looked up as a module global at the moment a font is written, so replacing the
    # module's attribute is enough.
    assert "makeToUnicodeCMap(baseFontName, subset)" in inspect.getsource(
        ttfonts.TTFont.addObjects)


def test_the_replacement_only_changes_characters_beyond_the_bmp() -> None:
    subset = [0x20, 0x41, 0xE4, 0x0646, 0x20AC]
    assert fonts._to_unicode_cmap("F1", subset) == fonts.REPORTLAB_TO_UNICODE_CMAP("F1", subset)
    astral = fonts._to_unicode_cmap("F1", [0x41, 0x1F44D])
    assert "<01> <D83DDC4D>" in astral


def test_registering_the_fonts_installs_the_replacement() -> None:
    fonts.register()
    assert ttfonts.makeToUnicodeCMap is fonts._to_unicode_cmap
