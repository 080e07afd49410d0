"""Handouts that work on paper: the poster on one page whatever its title, ballots an
80-year-old can read, the Erätauko poster that lets phones rest, insight slips, contrast.

Sizes and colours are read back from the PDFs with pdfplumber; the QR codes are decoded
from the rendered page with zxing-cpp."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from facilitator import qr
from facilitator.core.workshop import Workshop
from facilitator.errors import InvalidInput
from facilitator.export import styles
from facilitator.export.bundle import export_handouts
from facilitator.export.insight_slips import slip_questions
from facilitator.export.paper_ballots import write_ballots
from facilitator.export.poster import poster_text, write_poster
from facilitator.i18n import Translator
from tests.hostile import RICH

from . import export_builders as builders
from .export_builders import BASE_URL, PASSWORD, SSID, Clock
from .pdf_tools import contains, pages_of, text_of
from .test_export_handouts import cm, scan

pdfplumber = pytest.importorskip("pdfplumber")

fi = Translator("fi")
HOSTILE_TITLE = " ".join(c.line for c in RICH)
TITLES = {
    "short": "Kylä",
    "hostile-500": (HOSTILE_TITLE * 3)[:500],
    "words-500": ("Kirkonkylän ja lähikylien yhteinen palvelupaja " * 12)[:500],
    "one-word-5000": "x" * 5000,
}


def words(pdf: Path, page: int = 1) -> list[dict]:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[page - 1].extract_words(extra_attrs=["size"], keep_blank_chars=False)


def lines(pdf: Path, page: int = 1) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [ln.strip() for ln in (doc.pages[page - 1].extract_text() or "").splitlines()]


def size_of(found: list[dict], word: str) -> float:
    """The largest size `word` is printed in (a word may also be in a small note)."""
    sizes = [w["size"] for w in found if w["text"] == word]
    assert sizes, f"{word!r} not on the page"
    return max(sizes)


# -- the join poster -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Workshop:
    tpl = builders.template("palvelupaja")
    ws = Workshop.create(tmp_path_factory.mktemp("poster") / "p.db", tpl,
                         title="x" * 200, place="Kylätalo", date="2026-12-01",
                         facilitator="Aino Virtanen", clock=Clock())
    return ws


@pytest.mark.parametrize("name,wifi", [
    ("short", False), ("short", True), ("hostile-500", True), ("words-500", False),
    ("one-word-5000", True)])
def test_poster_is_one_page_whatever_the_title(session: Workshop, tmp_path: Path,
                                               name: str, wifi: bool) -> None:
    join = qr.join_url(BASE_URL, session.join_code)
    said = poster_text(session, join, SSID if wifi else None, PASSWORD if wifi else None)
    said = dataclasses.replace(said, title=TITLES[name])
    pdf = write_poster(session, tmp_path / "poster.pdf", join, text=said)
    assert pages_of(pdf) == 1
    codes = {r.text: r for r, _ in scan(pdf, tmp_path)}
    assert join in codes
    p = codes[join].position
    assert cm(p.top_right.x - p.top_left.x) >= 8.9, "the join code's symbol under 9 cm"
    text = text_of(pdf)
    # Nothing pushed off the page: the paper note, the steps and the Wi-Fi are all there.
    assert contains(text, fi("pdf.poster.paper"))
    assert contains(text, fi("pdf.poster.step3_vote"))
    if wifi:
        assert set(codes) == {join, qr.wifi_payload(SSID, PASSWORD)}
        assert contains(text, f"Salasana: {PASSWORD}")
    printed = words(pdf)
    # Readable from 2 m: the steps in 20 pt or more.
    for step in said.steps:
        for word in step.split()[:3]:
            assert size_of(printed, word) >= 19.9, word
    below_code = max(w["top"] for w in printed if w["text"] == session.join_code)
    step_words = {x for step in said.steps for x in step.split()}
    paper_top = min(w["top"] for w in printed if w["text"] == "puhelinta?")
    under = [w for w in printed if below_code < w["top"] < paper_top
             and w["text"] in step_words]
    assert len(under) >= len(step_words) and min(w["size"] for w in under) >= 19.9
    # The join code on a line of its own, larger than the address.
    code_line = fi("pdf.poster.code", code=session.join_code)
    assert code_line in lines(pdf)
    assert size_of(printed, session.join_code) >= 20
    # The title: as typed while it fits (500 characters do), never below 12 pt.
    with pdfplumber.open(pdf) as doc:
        title_chars = [c for c in doc.pages[0].chars
                       if _key(c["non_stroking_color"]) == _key(styles.ACCENT)
                       and c["text"].strip() and not c["text"].isdigit()]
    assert title_chars and 11.9 <= min(c["size"] for c in title_chars) <= 30.1
    if name == "short":
        assert min(c["size"] for c in title_chars) == pytest.approx(30)
    if name != "one-word-5000":
        assert contains(text, TITLES[name][-30:]), "the end of the title is missing"


def test_the_hostile_titles_print_as_typed_on_the_poster(session: Workshop,
                                                         tmp_path: Path) -> None:
    join = qr.join_url(BASE_URL, session.join_code)
    for case in RICH:
        said = dataclasses.replace(poster_text(session, join, None, None), title=case.line)
        pdf = write_poster(session, tmp_path / f"{case.name}.pdf", join, text=said)
        assert pages_of(pdf) == 1 and contains(text_of(pdf), case.line), case.name


def test_a_200_character_title_is_printed_whole(session: Workshop, tmp_path: Path) -> None:
    pdf = write_poster(session, tmp_path / "p.pdf", qr.join_url(BASE_URL, session.join_code),
                       SSID, PASSWORD)
    assert pages_of(pdf) == 1
    assert contains(text_of(pdf), "x" * 200)


# -- Erätauko: phones rest during the dialogue ----------------------------------------------

@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_eratauko_poster_says_phones_are_for_insights_and_feedback_only(
        tmp_path: Path, lang: str) -> None:
    tr = Translator(lang)
    ws = Workshop.create(tmp_path / "e.db", builders.template("eratauko"), title="Dialogi",
                         lang=lang, clock=Clock())
    pdf = write_poster(ws, tmp_path / "e.pdf", qr.join_url(BASE_URL, ws.join_code))
    text = text_of(pdf)
    assert not contains(text, tr("pdf.poster.lead")), "leads with 'take part with your phone'"
    assert contains(text, tr("pdf.poster.lead_dialogue"))
    assert contains(text, tr("pdf.poster.phones_later"))
    assert contains(text, tr("pdf.poster.step3_dialogue"))
    first = lines(pdf)
    assert first.index(next(ln for ln in first if tr("pdf.poster.lead_dialogue") in ln)) < 4
    ws.close()


# -- paper ballots ----------------------------------------------------------------------------

TURN = fi("pdf.ballot.turn_over")


def idea_words(pdf: Path, page: int) -> list[dict]:
    return [w for w in words(pdf, page) if w["text"] in ("idea", "numero", "kylän")]


@pytest.mark.parametrize("per_theme", [2, 9], ids=["short", "three-pages"])
def test_ballot_ideas_in_12_pt_and_turn_over_on_all_but_the_last_page(
        tmp_path: Path, per_theme: int) -> None:
    ws = builders.palvelupaja(tmp_path / "b.db", ideas_per_theme=per_theme, hostile=False)
    pdf = write_ballots(ws, tmp_path / "b.pdf")
    ws.close()
    pages = pages_of(pdf)
    assert pages == (2 if per_theme == 2 else 3)
    for page in range(1, pages + 1):
        found = idea_words(pdf, page)
        assert found and min(w["size"] for w in found) >= 11.99, page
        says = contains(text_of(pdf, first=page, last=page), TURN)
        assert says is (page < pages), f"page {page} of {pages}"


def test_a_one_page_ballot_has_no_turn_over(budget: Workshop, tmp_path: Path) -> None:
    pdf = write_ballots(budget, tmp_path / "b.pdf")
    assert pages_of(pdf) == 1
    assert not contains(text_of(pdf), TURN)


def test_budget_ballot_says_the_rule_and_what_happens_over_budget(
        budget: Workshop, tmp_path: Path) -> None:
    text = text_of(write_ballots(budget, tmp_path / "b.pdf"))
    assert contains(text, "Valitse ideoita, joiden hinnat ovat yhteensä enintään 20 000 €.")
    assert contains(text, fi("pdf.ballot.over_budget", budget="20 000 €"))
    assert contains(text, fi("pdf.ballot.over_budget_facilitator"))
    assert "yli 20 000 €, lippu hylätään" in text.replace("\n", " ")


def test_what_the_ballot_says_is_what_the_program_does(tmp_path: Path) -> None:
    """An over-budget paper ballot typed in is refused whole, as the ballot says."""
    ws = builders.budget(tmp_path / "k.db")
    vote = next(p for p in ws.phases() if p.kind == "vote")
    options = ws.ballots.options(vote)
    costs = sorted(options, key=lambda t: -(options[t].cost_cents or 0))
    marks = {t: 1 for t in costs[:3]}     # the dearest three: over 20 000 €
    assert sum(options[t].cost_cents or 0 for t in marks) > vote.spec.vote.budget_cents
    before = ws.ballots.result(vote.key).tally.ballots_paper
    with pytest.raises(InvalidInput) as refused:
        ws.ballots.cast(marks, phase=vote.key, source="paper")
    assert refused.value.key == "error.ballot_over_budget"
    assert ws.ballots.result(vote.key).tally.ballots_paper == before
    ws.close()


# -- insight slips ------------------------------------------------------------------------------

def test_eratauko_handouts_have_insight_slips_with_the_rounds_questions(
        era: Workshop, era_files: dict[str, Path]) -> None:
    slips = era_files["eratauko-oivalluslaput.pdf"]
    questions = slip_questions(era)
    assert len(questions) == 2 and pages_of(slips) == len(questions)
    for page, (_, question) in enumerate(questions, start=1):
        text = text_of(slips, first=page, last=page)
        assert contains(text, question)
        assert text.count(question.split()[0]) >= 2       # several slips to cut out
        assert contains(text, "facilitator insight")
        big = [w for w in words(slips, page) if w["text"] == question.split()[0]]
        assert big and min(w["size"] for w in big) >= 14
    assert contains(text_of(slips), "Mikä oli tärkein oivallus")


@pytest.mark.parametrize("lang,name", [("sv", "insiktslappar"), ("en", "insight-slips")])
def test_insight_slips_in_the_sessions_language(tmp_path: Path, lang: str, name: str) -> None:
    ws = Workshop.create(tmp_path / "s.db", builders.template("eratauko"), title="T",
                         lang=lang, clock=Clock())
    paths = export_handouts(ws, tmp_path, base_url=BASE_URL)
    slips = next(p for p in paths if p.name == f"s-{name}.pdf")
    tr = Translator(lang)
    phase = next(p for p in ws.template.phases if p.accepts_insights)
    assert contains(text_of(slips), tr.text(phase.prompt))
    ws.close()


def test_palvelupaja_has_no_insight_slips(paja_files: dict[str, Path]) -> None:
    assert not any("oivallus" in name for name in paja_files)


# -- contrast -------------------------------------------------------------------------------------

def luminance(color) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = color.rgb() if hasattr(color, "rgb") else color
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg, bg) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_wcag_contrast_of_every_pair() -> None:
    assert contrast(styles.BLACK, styles.WHITE) == pytest.approx(21)
    assert contrast(styles.RULE, styles.WHITE) < 3    # the check can fail
    for fg, bg in styles.TEXT_ON:
        assert contrast(fg, bg) >= 4.5, (fg.hexval(), bg.hexval())
    for fg, bg in styles.GRAPHICS_ON:
        assert contrast(fg, bg) >= 3, (fg.hexval(), bg.hexval())


def _key(color) -> tuple[float, ...]:
    rgb = color.rgb() if hasattr(color, "rgb") else color
    if len(rgb) == 1:
        rgb = (rgb[0],) * 3
    return tuple(round(c, 2) for c in rgb)


@pytest.fixture(scope="module")
def handout_pdfs(paja_files: dict[str, Path], era_files: dict[str, Path],
                 budget: Workshop, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    names = ("juliste", "poytakortit", "aanestysliput", "palautelomake", "pelisaannot",
             "oivalluslaput")
    out = [p for files in (paja_files, era_files) for n, p in files.items()
           if any(k in n for k in names)]
    out += export_handouts(budget, tmp_path_factory.mktemp("budget-h"), base_url=BASE_URL,
                           wifi_ssid=SSID)
    return out


def test_every_colour_a_handout_draws_with_is_a_checked_one(handout_pdfs: list[Path]) -> None:
    text_ok = {_key(fg) for fg, _ in styles.TEXT_ON}
    graphic_ok = {_key(fg) for fg, _ in styles.GRAPHICS_ON} | {
        _key(c) for c in styles.DECORATIVE}
    kinds = set()
    for pdf in handout_pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                for ch in page.chars:
                    kinds.add(pdf.stem)
                    assert _key(ch["non_stroking_color"]) in text_ok, (pdf.name, ch["text"])
                for shape in page.rects + page.lines + page.curves:
                    for side in ("non_stroking_color", "stroking_color"):
                        if shape.get(side) is not None and (
                                side == "stroking_color" and shape.get("stroke")
                                or side == "non_stroking_color" and shape.get("fill")):
                            assert _key(shape[side]) in graphic_ok, (pdf.name, side, shape[side])
    assert len(kinds) >= 6


def test_the_published_documents_use_the_same_colours() -> None:
    style_typ = (Path(styles.__file__).parent / "typst" / "style.typ").read_text("utf-8")
    typst = {name.replace("-", "_").upper(): value.lower() for name, value in
             re.findall(r'#let ([a-z-]+) = rgb\("(#[0-9a-f]{6})"\)', style_typ)}
    assert typst
    for name, value in typst.items():
        assert getattr(styles, name).hexval().replace("0x", "#").lower() == value, name
