"""The published documents (results, minutes, summary) as archives and screen readers see them.

PDF/A-2a and PDF/UA-1 as typst writes them: the XMP identification and the structure
tree read with pikepdf, the text read with pdftotext, and the whole hostile corpus of
tests/hostile.py printed as typed in every document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from facilitator.core.workshop import Workshop
from facilitator.export import minutes, results, summary
from facilitator.i18n import Translator
from tests.hostile import BY_NAME, CASES, Case

from . import export_builders as builders
from .pdf_tools import pages_of, poppler, prints_as_typed, squeeze, text_of

TYPST = BY_NAME["typst"].line   # the case that matters most for typst: the workshop's title


@pytest.fixture(scope="module")
def hostile_paja(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workshop]:
    """A palvelupaja whose every idea, note and decision is a case of the hostile corpus."""
    ws = builders.palvelupaja(tmp_path_factory.mktemp("hp") / "h.db", ideas_per_theme=2,
                              hostile=False, phones=8)
    ws.store.update_workshop(title=TYPST, place=BY_NAME["html"].line,
                             facilitator=BY_NAME["mixed-rtl"].line)
    themes = [t.key for t in ws.themes()]
    for n, case in enumerate(CASES):
        ws.ideas.submit(case.text, theme=themes[n % len(themes)], source="paper")
        ws.records.note(case.text)
    first = ws.ballots.result("aanestys").overall[0]
    ws.records.decide(int(first.target), outcome="budget", owner=BY_NAME["typst"].text,
                      next_step=BY_NAME["html-link"].text)
    # Questions to officials from paper (the current-affairs phase has been held).
    asked = [ws.questions.ask(case.text, source="paper").id for case in CASES]
    ws.questions.set_status(asked[0], "answered")
    ws.questions.set_status(ws.questions.ask("Piilotettu kysymys", source="paper").id, "hidden")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def hostile_era(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workshop]:
    """An Erätauko whose first summary field and its insights from paper are the corpus."""
    ws = builders.eratauko(tmp_path_factory.mktemp("he") / "e.db",
                           paper_insights=tuple(c.text for c in CASES))
    ws.store.update_workshop(title=TYPST)
    keys = ws.records.summary_keys()
    ws.records.set_summary(keys[0], "\n".join(c.text for c in CASES))
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def published(hostile_paja: Workshop, hostile_era: Workshop,
              tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("published")
    return {"results": results.write(hostile_paja, out / "tulokset.pdf"),
            "minutes": minutes.write(hostile_paja, out / "muistio.pdf"),
            "summary": summary.write(hostile_era, out / "yhteenveto.pdf")}


# -- archival and tagged ------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["results", "minutes", "summary"])
def test_tagged_pdf_a_2a_and_pdf_ua_1(published: dict[str, Path], kind: str) -> None:
    path = published[kind]
    info = poppler("pdfinfo", str(path))
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "A"
        assert meta.get("pdfuaid:part") == "1"
        assert str(meta.get("dc:title")).endswith(TYPST)       # the title, as typed
        assert str(pdf.Root.Lang) == "fi-FI"
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def _structure(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    """The structure tree's headings, tables and figures in reading order, with the alt text."""
    out: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
            return
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return
        tag = str(node.S)[1:]
        if re.fullmatch(r"H\d|Title|Table|Figure", tag):
            out.append((tag, str(node.get("/Alt", ""))))
        if tag == "TH":
            out.append((tag, ""))
        walk(node.get("/K"))

    walk(pdf.Root.StructTreeRoot.K)
    return out


def _outline(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles: list[str] = []

        def walk(items: list) -> None:
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
        return titles


def _expected(document: dict) -> list[tuple[str, str]]:
    """What the data sent to typst says the structure is, block by block."""
    out: list[tuple[str, str]] = [("Title", "")]
    for block in document["body"]:
        if block["type"] == "heading":
            out.append((f"H{block['level']}", ""))
        elif block["type"] in ("table", "ranking"):
            out += [("Table", "")] + [("TH", "")] * len(block["header"])
        elif block["type"] == "chart":
            out.append(("Figure", block["alt"]))
    return out


@pytest.mark.parametrize("kind", ["results", "minutes", "summary"])
def test_structure_tree_has_headings_tables_and_figures_in_reading_order(
        published: dict[str, Path], hostile_paja: Workshop, hostile_era: Workshop,
        kind: str) -> None:
    module = {"results": results, "minutes": minutes, "summary": summary}[kind]
    document = module.document(hostile_era if kind == "summary" else hostile_paja)
    with pikepdf.open(published[kind]) as pdf:
        found = _structure(pdf)
        assert found == _expected(document)
        # Every heading is a bookmark, in the same order, with its text as typed.
        headings = [b["text"] for b in document["body"] if b["type"] == "heading"]
        assert [squeeze(t) for t in _outline(pdf)] == [squeeze(h) for h in headings]
    tags = [tag for tag, _ in found]
    assert "H1" in tags and "Table" in tags and "TH" in tags
    if kind == "results":
        alt = next(a for tag, a in found if tag == "Figure")
        top = hostile_paja.ballots.result("aanestys").overall[0]
        assert alt.startswith("Pylväskaavio") and top.label in alt   # the ranking in words


@pytest.mark.parametrize("kind", ["results", "minutes", "summary"])
def test_running_header_and_page_numbers_are_artifacts(published: dict[str, Path],
                                                       kind: str) -> None:
    with pikepdf.open(published[kind]) as pdf:
        for page in pdf.pages:
            kinds = [str(operands[1].get("/Subtype")) for operands, op
                     in pikepdf.parse_content_stream(page)
                     if str(op) == "BDC" and str(operands[0]) == "/Artifact"
                     and str(operands[1].get("/Type")) == "/Pagination"]
            assert "/Header" in kinds and "/Footer" in kinds


def test_a_figure_without_alternative_text_is_refused() -> None:
    """The engine enforces PDF/UA: a chart can never be published without its words."""
    import typst

    from facilitator.export import typeset

    source = b'#set document(title: "t")\n#set text(lang: "fi")\n#figure(rect())'
    with pytest.raises(typst.TypstError):
        typeset._compiler().compile(input=source, pdf_standards=typeset.STANDARDS)


# -- every hostile case prints as typed ------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("kind", ["results", "minutes", "summary"])
def test_every_hostile_case_prints_as_typed(published: dict[str, Path], kind: str,
                                            case: Case) -> None:
    text = text_of(published[kind])
    assert prints_as_typed(text, case), (kind, case.name)
    assert "\ufffd" not in text


def test_the_typst_case_changes_nothing(published: dict[str, Path]) -> None:
    """`#set text(red)` in the title, an idea, a note: still black on white, still text."""
    from PIL import Image

    for path in published.values():
        assert contains_line(text_of(path, first=1, last=1), TYPST)
        out = path.with_suffix("")
        out.mkdir(exist_ok=True)
        poppler("pdftoppm", "-r", "30", "-png", str(path), str(out / "p"))
        assert len(list(out.glob("*.png"))) == pages_of(path)
        for png in out.glob("*.png"):
            colours = Image.open(png).convert("RGB").getcolors(1 << 20) or []
            red = sum(n for n, (r, g, b) in colours if r > 150 and g < 90 and b < 90)
            assert red == 0, png.name   # no red anywhere


def contains_line(text: str, line: str) -> bool:
    return squeeze(line) in squeeze(text)


def test_results_exported_while_the_vote_is_open_say_preliminary_on_every_page(
        tmp_path: Path) -> None:
    from facilitator.export import results

    from .export_builders import palvelupaja

    ws = palvelupaja(tmp_path / "auki.db", ideas_per_theme=2, hostile=False)
    vote = next(p for p in ws.phases() if p.kind == "vote")
    ws.goto(vote.key)  # the vote is open again
    open_pdf = results.write(ws, tmp_path / "auki.pdf")
    pages = pages_of(open_pdf)
    assert pages >= 2
    for page in range(1, pages + 1):
        assert "ALUSTAVA" in text_of(open_pdf, first=page, last=page), page
    assert "äänestys on vielä auki" in text_of(open_pdf, first=1, last=1)
    ws.next()  # the vote closed: final
    closed_pdf = results.write(ws, tmp_path / "kiinni.pdf")
    assert "ALUSTAVA" not in text_of(closed_pdf)
    ws.close()


def test_insights_from_paper_stand_beside_the_phones_and_say_so(tmp_path: Path) -> None:
    from facilitator.export import minutes, summary

    from .export_builders import eratauko

    ws = eratauko(tmp_path / "dialogi.db")
    ws.records.add_insight("Lapulla: kylätalo on meidän", source="paper")
    phone = next(i for i in ws.records.insights() if i.source == "phone")
    for module, name in ((summary, "s.pdf"), (minutes, "m.pdf")):
        text = squeeze(text_of(module.write(ws, tmp_path / name)))
        assert squeeze("Lapulla: kylätalo on meidän (paperilta)") in text, name
        assert squeeze(phone.text) in text and squeeze(phone.text + " (paperilta)") not in text
    ws.close()


def test_budget_minutes_list_what_is_funded_the_money_left_a_tie_and_ideas_without_a_cost(
        tmp_path: Path) -> None:
    from facilitator.export import minutes

    from .export_builders import budget

    ws = budget(tmp_path / "rahat.db")
    ws.ideas.submit("Uimarannan laituri ilman hintaa", source="paper",
                    theme=ws.themes()[0].key)
    result = ws.ballots.result("aanestys")
    b = result.budget
    assert b is not None and b.funded and b.undecided  # the builder leaves a tie open
    text = text_of(minutes.write(ws, tmp_path / "m.pdf"))
    labels = {i.target: i.label for i in result.overall}
    fi = Translator("fi")
    for line in b.lines:
        if line.status in ("funded", "tie"):
            assert prints_as_typed(text, Case("x", f"#{line.target} {labels[line.target]}"))
            assert squeeze(fi.money(line.cost_cents)) in squeeze(text), line.target
    assert squeeze(fi("pdf.minutes.budget", spent=fi.money(b.spent_cents),
                      budget=fi.money(b.budget_cents), left=fi.money(b.left_cents),
                      n=len(b.funded))) in squeeze(text)
    assert squeeze(fi("pdf.budget.tie_note")) in squeeze(text)
    assert squeeze("Uimarannan laituri ilman hintaa ei hintaa annettu") in squeeze(text)
    ws.close()


def test_the_minutes_flag_most_voted_ideas_without_a_decision(tmp_path: Path) -> None:
    from facilitator.export import minutes

    from .export_builders import palvelupaja

    ws = palvelupaja(tmp_path / "p.db", ideas_per_theme=2, hostile=False)
    result = ws.ballots.result("aanestys")
    decided = {d.idea_id for d in ws.records.decisions()}
    top = [i for items in result.top(3).values() for i in items
           if i.phone + i.paper > 0 and i.idea is not None]
    open_ones = [i for i in top if i.idea is not None and i.idea.id not in decided]
    assert open_ones and len(open_ones) < len(top)  # some decided, some not
    text = squeeze(text_of(minutes.write(ws, tmp_path / "m.pdf")))
    flagged = text[text.index(squeeze("ei ole vielä päätöstä")):][:400]
    for item in open_ones:
        assert f"#{item.target}," in flagged or f"#{item.target}." in flagged, item.target
    for item in top:
        if item.idea is not None and item.idea.id in decided:
            assert f"#{item.target}," not in flagged and f"#{item.target}." not in flagged
    ws.close()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_minutes_list_hostile_questions_as_typed_with_support_and_answer(
        published: dict[str, Path], case: Case) -> None:
    text = text_of(published["minutes"])
    start = text.index("Kysymykset virkahenkilöille")
    section = text[start:text.index("Ohjaaja piilotti 1 kysymystä", start)]
    assert f"Kysymyksiä {len(CASES)}, joista vastattiin 1." in squeeze(section) or \
        f"Kysymyksiä {len(CASES)}, joista vastattiin 1." in section
    assert prints_as_typed(section, case), case.name
    assert "Piilotettu kysymys" not in text
