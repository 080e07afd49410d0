"""A process's public documents, read back the way people read them: poppler for the PDFs,
Chromium with axe-core for the HTML, python-docx for the Word file.

Each proves the same promise from its side: every public idea and note is there as typed,
and nothing private is (an owner not marked public, the coordinator, next steps, reasons,
anything from a device).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock
from hostile import CASES
from machine import CHROMIUM, CHROMIUM_ARGS, require_tool
from test_cli import run

from facilitator.core.process import Process
from facilitator.export.process import file_stem, write_reports
from facilitator.export.process.html import FILES
from facilitator.export.process.model import build
from facilitator.paths import Settings
from tests.export.pdf_tools import contains, poppler, text_of
from tests.tui.tui_support import hostile_process, kirkonkyla_process

AXE = Path(__file__).resolve().parents[2] / ".cache/axe/node_modules/axe-core/axe.min.js"
URL = "https://mansikkala.fi/osallisuus/kirkonkyla/"
#: Typed into the register but never public: a private owner (also the coordinator), a
#: next step, a reason. Device tokens never reach the process file at all.
PRIVATE = ["Aino Virtanen", "Hinta-arvio"]
PUBLIC = ["Skeittiramppi urheilukentälle", "Nuorisotila koulun tyhjään luokkaan",
          "Iltabussi kaupunkiin", "Vanha koulu kylätaloksi", "Kirjastoauto syrjäkylille",
          "Kyläyhdistys avaa koulun ovet keväällä.", "Nuorisotoimi", "Kirkonkylän osallisuus 2027"]
#: pdftotext gives right-to-left runs in its own order, and repeats a letter that carries two
#: combining marks (the page shows it once: looked at); the HTML and .docx check them whole.
RTL = {"arabic", "hebrew", "mixed-rtl", "rtl-override", "combining"}


def pdf_text(pdf: Path) -> str:
    """What pdftotext reads; the zero-width spaces that let a long word break are dropped."""
    return text_of(pdf).replace("\u200b", "")


@pytest.fixture
def home(tmp_path: Path) -> Settings:
    return Settings.load(home=tmp_path, lang="fi", env={})


@pytest.fixture
def kirkonkyla(home: Settings) -> Iterator[Process]:
    proc = kirkonkyla_process(home, FakeClock())
    proc.register.change(proc.register.ideas()[2].id, status="not_taken",
                         reason="Vuoro on jo olemassa.")
    yield proc
    proc.close()


@pytest.fixture
def hostile(home: Settings) -> Iterator[Process]:
    proc, _ = hostile_process(home, FakeClock())
    yield proc
    proc.close()


def write(proc: Process, home: Settings, *formats: str, lang: str = "fi") -> dict[str, Path]:
    out = home.exports_dir / "processes" / proc.folder.name
    return {p.name: p for p in write_reports(proc, out, formats, lang=lang, url=URL)}


# -- the model: the one place that decides what is public ---------------------------------

def test_the_model_holds_only_what_may_be_public(kirkonkyla: Process) -> None:
    model = build(kirkonkyla, "fi")
    text = json.dumps(model, ensure_ascii=False)
    for private in [*PRIVATE, "Vuoro on jo olemassa."]:
        assert private not in text, private
    assert not re.search(r'"(device|token|cookie|coordinator|next_step|reason)', text)
    assert model["counts"] == {"took_part": 23, "workshops": 1, "ideas": 5, "decided": 2,
                               "in_progress": 0, "done": 0, "not_taken": 1, "open": 2}
    groups = {g["key"]: [i["text"] for i in g["ideas"]] for g in model["groups"]}
    assert groups == {"budget": ["Skeittiramppi urheilukentälle"],
                      "joint_doing": ["Vanha koulu kylätaloksi"],
                      "open": ["Nuorisotila koulun tyhjään luokkaan",
                               "Kirjastoauto syrjäkylille"],
                      "not_taken": ["Iltabussi kaupunkiin"]}
    skate = model["groups"][0]["ideas"][0]
    assert (skate["owner"], skate["decided_on"], skate["due"]) == ("Nuorisotoimi",
                                                                   "22.11.2026", "1.11.2026")
    school = model["groups"][1]["ideas"][0]
    assert school["owner"] == ""  # typed, not marked public
    assert build(kirkonkyla, "sv")["texts"]["title"] == "Vad hände med idéerna?"


# -- PDF --------------------------------------------------------------------------------

def test_pdfs_are_tagged_and_say_every_public_thing_and_nothing_private(
        kirkonkyla: Process, home: Settings, tmp_path: Path) -> None:
    files = write(kirkonkyla, home, "pdf")
    resident = files["mita-ideoille-tapahtui.pdf"]
    board = files["prosessin-yhteenveto.pdf"]
    for pdf in (resident, board):
        info = poppler("pdfinfo", str(pdf))
        assert re.search(r"^Tagged:\s+yes", info, re.M), info
        import pikepdf

        with pikepdf.open(pdf) as doc:   # archival and accessible, as the minutes are
            meta = doc.open_metadata()
            assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "A"
            assert meta.get("pdfuaid:part") == "1" and str(doc.Root.Lang).startswith("fi")
        text = text_of(pdf)
        for private in PRIVATE:
            assert private not in text, (pdf.name, private)
    text = text_of(resident)
    for public in PUBLIC:
        assert contains(text, public), public
    assert contains(text, "23 osallistui") and contains(text, "2 päätettiin viedä eteenpäin")
    assert contains(text, "a) Kunnan talousarvioon") and contains(text, "Vielä harkinnassa")
    # the one look: the shared title block (kicker above the title) and page furniture
    assert "MITÄ IDEOILLE TAPAHTUI?" in text and "1 / 2" in text
    board_text = text_of(board)
    assert "OSALLISUUSPROSESSIN YHTEENVETO" in board_text and "1 / 2" in board_text
    assert contains(board_text, "Syksyn palvelupaja Palvelupaja 0 0 23 23 5")
    assert contains(board_text, "b) Yhteiseen tekemiseen, tilojen yhteiskäyttöön 1 0 0")
    # The notice-board copy carries the online version's address as a QR code.
    from tests.e2e.support import qr_codes_in_pdf

    require_tool("pdftoppm")
    assert qr_codes_in_pdf(resident, tmp_path) == [URL]


def test_hostile_text_prints_literally_in_the_pdfs(hostile: Process, home: Settings) -> None:
    files = write(hostile, home, "pdf")
    text = pdf_text(files["mita-ideoille-tapahtui.pdf"])
    assert [c.name for c in CASES if c.name not in RTL and not contains(text, c.text)] == []
    board = pdf_text(files["prosessin-yhteenveto.pdf"])
    assert [c.name for c in CASES if c.name not in RTL and not contains(board, c.line)] == []


# -- .docx ------------------------------------------------------------------------------

def test_the_board_summary_docx_has_real_headings_and_tables(kirkonkyla: Process,
                                                              home: Settings) -> None:
    import docx

    kirkonkyla.register.change(kirkonkyla.register.ideas()[0].id, status="in_progress",
                               note="Ramppi tilattu.")
    path = write(kirkonkyla, home, "docx")["prosessin-yhteenveto.docx"]
    doc = docx.Document(str(path))
    headings = [(p.style.name, p.text) for p in doc.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings[:3] == [("Heading 1", "Osallisuusprosessin yhteenveto"),
                            ("Heading 2", "Lyhyesti"), ("Heading 2", "Työpajat")]
    assert ("Heading 3", "Skeittiramppi urheilukentälle") in headings  # what was done
    assert len(doc.tables) == 3
    for table in doc.tables:  # the header row repeats on every page
        assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    workshops = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert workshops[1] == ["1.10.2026", "Syksyn palvelupaja", "Palvelupaja", "0", "0",
                            "23", "23", "5"]
    everything = "\n".join([p.text for p in doc.paragraphs] + [
        c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "Ramppi tilattu." in everything
    for private in PRIVATE:
        assert private not in everything
    assert doc.core_properties.language == "fi"


def test_hostile_text_is_literal_in_the_docx(hostile: Process, home: Settings) -> None:
    import docx

    for idea in hostile.register.ideas():  # under way: listed under what was done
        hostile.register.change(idea.id, status="decided", outcome="a")
        hostile.register.change(idea.id, status="in_progress")
    path = write(hostile, home, "docx")["prosessin-yhteenveto.docx"]
    doc = docx.Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert headings == [c.text for c in CASES]
    notes = {p.text for p in doc.paragraphs}
    assert [c.name for c in CASES if c.text not in notes] == []  # each public note, whole
    assert doc.paragraphs[1].text.startswith(hostile.info.name)


# -- static HTML in Chromium ---------------------------------------------------------------

def axe_violations(page: Any) -> list[dict[str, Any]]:
    if not AXE.exists():
        require_tool("npm")
        pytest.fail(f"axe-core is missing: {AXE} (make test installs it from npm)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',
            'wcag21aa', 'best-practice'], resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")


@pytest.fixture
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    require_tool(CHROMIUM)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("which", ["kirkonkyla", "hostile"])
def test_the_html_folder_is_accessible_self_contained_and_literal(
        which: str, request: pytest.FixtureRequest, home: Settings, chromium: Any) -> None:
    proc: Process = request.getfixturevalue(which)
    files = write(proc, home, "html", "pdf")
    folder = files["index.html"].parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["index.html", "sv.html", "en.html", "style.css", "mita-ideoille-tapahtui.pdf",
         "prosessin-yhteenveto.pdf"])
    for lang, name in FILES.items():
        html = (folder / name).read_text(encoding="utf-8")
        assert "<script" not in html.replace("&lt;script", "")
        assert f'<html lang="{lang}">' in html
        for private in PRIVATE:
            assert private not in html
        requests: list[str] = []
        context = chromium.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        page.on("request", lambda r, seen=requests: seen.append(r.url))
        page.goto((folder / name).as_uri())
        page.wait_for_load_state("load")
        assert [u for u in requests if not u.startswith("file://")] == [], requests
        assert page.evaluate("() => getComputedStyle(document.body).maxWidth") != "none"
        assert axe_violations(page) == [], (which, lang)
        headings = page.locator("h3").all_inner_texts()
        if which == "hostile":  # the DOM holds each idea exactly as it was typed
            dom = page.evaluate("() => [...document.querySelectorAll('h3')]"
                                ".map(h => h.textContent)")
            assert sorted(dom) == sorted(c.text for c in CASES)
        else:
            assert set(headings) == set(PUBLIC[:5])
            assert page.locator("th[scope=col]").count() == 5
            if lang == "fi":
                link = page.get_by_role("link", name="Tulostettava versio (PDF)")
                assert link.get_attribute("href") == "mita-ideoille-tapahtui.pdf"
        context.close()


# -- the command ------------------------------------------------------------------------

def test_the_report_command_writes_the_folder_and_refuses_bad_input(kirkonkyla: Process,
                                                                   home: Settings) -> None:
    kirkonkyla.close()
    result = run(home.home, "process", "report", "kirkonkyla", "--url", URL)
    assert result.exit_code == 0, result.output
    folder = home.exports_dir / "processes" / "kirkonkyla"
    assert f"7 tiedostoa kansiossa {folder}" in result.output
    assert {p.name for p in folder.iterdir()} >= {"index.html", "sv.html", "en.html",
                                                  "mita-ideoille-tapahtui.pdf",
                                                  "prosessin-yhteenveto.pdf",
                                                  "prosessin-yhteenveto.docx"}
    result = run(home.home, "process", "report", "kirkonkyla", "--format", "docx",
                 "-o", str(home.home / "muistio"), lang="sv")
    assert result.exit_code == 0, result.output
    assert (home.home / "muistio" / f"{file_stem('sv', 'board')}.docx").is_file()
    result = run(home.home, "process", "report", "kirkonkyla", "--format", "odt")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Raportin muotoa ”odt” ei ole. Valitse yksi: all, html, pdf, docx, json."]
    result = run(home.home, "process", "report", "kirkonkyla", "--url", "mansikkala.fi")
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    result = run(home.home, "process", "report", "ei-ole")
    assert result.exit_code == 1 and "ei-ole" in result.output
