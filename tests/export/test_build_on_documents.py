"""Further ideation in the documents: each note under the idea it builds on, in the minutes and
the results (PDF and .docx), the hostile corpus printed as typed, hidden ideas' notes left out
of the copy to publish."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.core.workshop import Workshop
from facilitator.export import minutes, results, word
from tests.hostile import CASES

from . import export_builders as builders
from .pdf_tools import prints_as_typed, squeeze, text_of

HELP = "Koulun vanhempainyhdistys voisi auttaa talkoissa"


@pytest.fixture(scope="module")
def built_on(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workshop, int, int]]:
    ws = builders.palvelupaja(tmp_path_factory.mktemp("bo") / "paja.db", ideas_per_theme=2,
                              hostile=False, phones=8)
    first, second = (int(i.target) for i in ws.ballots.result("aanestys").overall[:2])
    ws.ideas.submit(f"#{first}: {HELP}", source="paper")
    for case in CASES:
        ws.ideas.submit(f"#{second}: {case.text}", source="paper")
    yield ws, first, second
    ws.close()


@pytest.mark.parametrize("kind", ["minutes", "results"])
def test_notes_stand_under_their_idea(built_on: tuple[Workshop, int, int], tmp_path: Path,
                                      kind: str) -> None:
    ws, first, second = built_on
    module = {"minutes": minutes, "results": results}[kind]
    pdf = module.write(ws, tmp_path / f"{kind}.pdf")
    text = text_of(pdf, raw=False)
    section = text[text.index("Jatkoideointi\nJatkoideoita"):]
    flat = squeeze(section)
    assert squeeze(f"Jatkoideoita {len(CASES) + 1} kappaletta 2 idealle") in flat
    idea = ws.ideas.get(first)
    # the idea most built on first; each idea's number and text, then its notes
    at_first = flat.index(f"#{first}", flat.index(f"#{second}"))
    assert at_first < flat.index(squeeze(idea.text), at_first) < flat.index(squeeze(HELP))
    raw = text_of(pdf)
    raw = raw[raw.index("Jatkoideoita"):]
    for case in CASES:
        assert prints_as_typed(raw, case), (kind, case.name)
    assert len([i for i in ws.ideas.all() if i.text == HELP]) == 0   # never a new idea

    document = word.write(tmp_path / f"{kind}.docx", module.document(ws))
    docx = pytest.importorskip("docx")
    cells = [c.text for t in docx.Document(str(document)).tables for r in t.rows for c in r.cells]
    row = len(cells) - 1 - cells[::-1].index(f"#{first}")   # the further ideation table
    assert cells[row + 1] == idea.text and HELP in cells[row + 2]


def test_a_hidden_ideas_notes_are_left_out_of_the_copy_to_publish(
        built_on: tuple[Workshop, int, int], tmp_path: Path) -> None:
    ws, first, _ = built_on
    ws.ideas.hide(first, "Henkilötietoja")
    try:
        flat = squeeze(text_of(minutes.write(ws, tmp_path / "pub.pdf", leave_out_hidden=True),
                               raw=False))
        assert squeeze(HELP) not in flat and f"#{first}" in flat
        assert squeeze(HELP) in squeeze(text_of(minutes.write(ws, tmp_path / "all.pdf"),
                                                raw=False))
    finally:
        ws.ideas.restore(first)
