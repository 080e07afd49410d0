"""The printed handouts show the hostile corpus as typed: the workshop's title on the poster,
theme names on the table cards, ideas on the paper ballots (reportlab draws plain strings)."""

from __future__ import annotations

import pytest

from facilitator.core.templates import themes_from_titles
from facilitator.core.workshop import Workshop
from facilitator.export.bundle import export_handouts
from tests.hostile import CASES, RICH, Case

from .export_builders import BASE_URL, Clock, template
from .pdf_tools import contains, prints_as_typed, text_of

TITLES = [*RICH, *(c for c in CASES if not c.phone)]


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One palvelupaja per title case would be slow: the title cases share one poster each
    run below; themes and ideas carry the whole corpus."""
    tmp = tmp_path_factory.mktemp("hostile-handouts")
    clock = Clock()
    tpl = template("palvelupaja")
    ws = Workshop.create(tmp / "h.db", tpl, title=" ".join(c.line for c in RICH)[:200],
                         themes=themes_from_titles(tpl, [c.line for c in CASES]), clock=clock)
    ws.start()
    for phase in ws.phases():
        if phase.kind == "ideas":
            ws.goto(phase.key)
            break
    for case, theme in zip(CASES, ws.themes(), strict=True):
        ws.ideas.submit(case.text, theme=theme.key, source="paper")
    vote = next(p for p in ws.phases() if p.kind == "vote")
    ws.goto(vote.key)
    files = export_handouts(ws, tmp / "out", base_url=BASE_URL)
    ws.close()
    return {f.name: text_of(f) for f in files if f.suffix == ".pdf"}


def _one(texts: dict[str, str], kind: str) -> str:
    return next(text for name, text in texts.items() if kind in name)


def found(text: str, case: Case, typed: str) -> bool:
    if case.name == "emoji":
        # pdftotext reads the monochrome emoji font's glyphs back by their own names;
        # the words around them are the check (the rendering tests look at the glyphs).
        return all(contains(text, w) for w in ("Emoji:", "kiva", "juhla"))
    return contains(text, typed) or prints_as_typed(text, case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_case_prints_as_typed_on_cards_and_ballots(handouts: dict[str, str],
                                                         case: Case) -> None:
    assert found(_one(handouts, "poytakortit"), case, case.line), "table cards"
    assert found(_one(handouts, "aanestysliput"), case, case.text), "paper ballots"


def test_the_poster_title_is_as_typed(handouts: dict[str, str]) -> None:
    poster = _one(handouts, "juliste")
    for case in RICH:
        assert contains(poster, case.line), case.name


def test_insight_slips_of_a_hostile_session(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The slips print the template's questions; the typed title only reaches the metadata,
    as typed."""
    import pikepdf

    from facilitator.export.insight_slips import slip_questions, write_insight_slips

    tmp = tmp_path_factory.mktemp("hostile-slips")
    title = " ".join(c.line for c in RICH)[:200]
    ws = Workshop.create(tmp / "e.db", template("eratauko"), title=title, clock=Clock())
    path = write_insight_slips(ws, tmp / "slips.pdf")
    assert path is not None
    text = text_of(path)
    assert all(contains(text, q) for _, q in slip_questions(ws))
    with pikepdf.open(path) as pdf:
        assert title in str(pdf.docinfo["/Title"])
    ws.close()
