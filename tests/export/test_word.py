"""The editable copies: results and minutes as .docx with Word's headings and real tables,
every idea in them exactly as typed (the hostile corpus included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.workshop import Workshop

docx = pytest.importorskip("docx")


def all_text(document: object) -> str:
    parts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    for table in document.tables:  # type: ignore[attr-defined]
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def open_docx(files: dict[str, Path], name: str) -> object:
    return docx.Document(str(files[name]))


@pytest.mark.parametrize("name", ["kirkonkyla-tulokset.docx", "kirkonkyla-muistio.docx"])
def test_word_copies_have_headings_tables_and_every_idea_as_typed(
        paja: Workshop, paja_files: dict[str, Path], name: str) -> None:
    document = open_docx(paja_files, name)
    styles = [p.style.name for p in document.paragraphs if p.text.strip()]
    assert styles[0] == "Heading 1" and "Heading 2" in styles  # Word's own, in its outline
    assert document.core_properties.title and document.core_properties.language == "fi-FI"
    assert document.tables
    head = document.tables[-1].rows[0]
    assert head._tr.trPr is not None and head._tr.trPr.xpath("./w:tblHeader")  # repeats
    text = all_text(document)
    for idea in paja.ideas.visible():
        assert idea.text in text, idea.id
    assert "Kirkonkylän palvelupaja" in text


def test_the_results_copy_has_the_ranking_in_words_and_its_numbers(
        paja: Workshop, paja_files: dict[str, Path]) -> None:
    text = all_text(open_docx(paja_files, "kirkonkyla-tulokset.docx"))
    result = paja.ballots.result("aanestys")
    top = result.overall[0]
    assert top.label in text and str(top.phone + top.paper) in text
