"""The printed handouts: the QR codes scan to exactly the join URL and the Wi-Fi login."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facilitator import qr
from facilitator.core.workshop import Workshop
from facilitator.export.bundle import export_handouts
from facilitator.i18n import Translator

from .export_builders import BASE_URL, PASSWORD, SSID
from .pdf_tools import contains, pages_of, poppler, text_of

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")

DPI = 150
fi = Translator("fi")


def scan(pdf: Path, tmp: Path, page: int = 1) -> list:
    """Render a page as a printer would and read every QR code on it."""
    stem = tmp / f"{pdf.stem}-{page}"
    poppler("pdftoppm", "-r", str(DPI), "-png", "-f", str(page), "-l", str(page),
            "-singlefile", str(pdf), str(stem))
    image = Image.open(f"{stem}.png").convert("L")
    return [(r, image) for r in zxingcpp.read_barcodes(image)
            if r.format == zxingcpp.BarcodeFormat.QRCode]


def cm(pixels: float) -> float:
    return pixels / DPI * 2.54


def test_poster_qr_is_the_join_url_large_with_its_quiet_zone(
        paja: Workshop, paja_files: dict[str, Path], tmp_path: Path) -> None:
    poster = paja_files["kirkonkyla-juliste.pdf"]
    join = qr.join_url(BASE_URL, paja.join_code)
    codes = {r.text: (r, image) for r, image in scan(poster, tmp_path)}
    assert set(codes) == {join, qr.wifi_payload(SSID, PASSWORD)}
    result, image = codes[join]
    p = result.position
    width = p.top_right.x - p.top_left.x
    assert cm(width) >= 8.9, f"join code only {cm(width):.1f} cm wide"
    # The quiet zone: four modules of white on every side of the symbol.
    modules = qr.size_in_modules(qr.make_qr(join), border=0)
    module = width / modules
    x0, y0 = p.top_left.x, p.top_left.y
    x1, y1 = p.bottom_right.x, p.bottom_right.y
    margin = int(4 * module) - 2
    pixels = image.load()
    ring = [pixels[x, y] for x in range(int(x0 - margin), int(x1 + margin))
            for y in (int(y0 - margin), int(y1 + margin))]
    ring += [pixels[x, y] for y in range(int(y0 - margin), int(y1 + margin))
             for x in (int(x0 - margin), int(x1 + margin))]
    assert min(ring) > 200


def test_poster_says_it_in_words(paja: Workshop, paja_files: dict[str, Path]) -> None:
    text = text_of(paja_files["kirkonkyla-juliste.pdf"])
    assert qr.join_url(BASE_URL, paja.join_code) in text   # the URL printed under the code
    for key in ("pdf.poster.lead", "pdf.poster.step2_wifi", "pdf.poster.step3_vote",
                "pdf.poster.paper"):
        assert contains(text, fi(key)), key
    assert contains(text, fi("pdf.poster.wifi_step"))
    assert contains(text, f"Verkko: {SSID}") and contains(text, f"Salasana: {PASSWORD}")
    assert pages_of(paja_files["kirkonkyla-juliste.pdf"]) == 1


def test_poster_without_wifi_has_one_code_and_three_steps(paja: Workshop, tmp_path: Path) -> None:
    paths = export_handouts(paja, tmp_path, base_url="http://10.20.30.40:8080/")
    poster = next(p for p in paths if p.name.endswith("juliste.pdf"))
    codes = [r.text for r, _ in scan(poster, tmp_path)]
    assert codes == ["http://10.20.30.40:8080/j/" + paja.join_code]
    text = text_of(poster)
    for key in ("pdf.poster.step1", "pdf.poster.step2", "pdf.poster.step3_vote"):
        assert contains(text, fi(key)), key
    assert "Wifi" not in text and "Salasana" not in text


def test_table_cards_one_per_theme_readable_from_both_sides(
        paja: Workshop, paja_files: dict[str, Path], tmp_path: Path) -> None:
    cards = paja_files["kirkonkyla-poytakortit.pdf"]
    themes = paja.themes()
    assert pages_of(cards) == len(themes)
    join = qr.join_url(BASE_URL, paja.join_code)
    for page, theme in enumerate(themes, start=1):
        codes = scan(cards, tmp_path, page)
        assert [r.text for r, _ in codes] == [join, join]   # the front and the back
        tops = sorted(r.position.top_left.y for r, _ in codes)
        height = Image.open(tmp_path / f"{cards.stem}-{page}.png").height
        assert tops[0] < height / 2 < tops[1]               # one on each half of the fold
        text = text_of(cards, first=page, last=page)
        assert contains(text, fi.text(theme.title)) and contains(text, fi.text(theme.question))


def test_paper_ballots_number_every_idea_and_say_the_rules(
        paja: Workshop, paja_files: dict[str, Path]) -> None:
    ballots = paja_files["kirkonkyla-aanestysliput.pdf"]
    text = text_of(ballots)
    assert contains(text, "Sinulla on 5 ääntä. Voit antaa yhdelle idealle enintään 3 ääntä. "
                          "Rastita yksi ruutu jokaista antamaasi ääntä kohden.")
    assert contains(text, "Ääniä käytetty yhteensä: ______ / 5")
    vote = paja.phase("aanestys")
    options = paja.ballots.options(vote)
    ideas = {i.id: i for i in paja.ideas.all()}
    for target in options:
        idea = ideas[int(target)]
        if all(ord(ch) < 0x0590 for ch in idea.text):   # not the RTL or emoji ones
            assert contains(text, f"{idea.id} {idea.text}"), idea.text
    hidden = [i for i in ideas.values() if i.status != "visible"]
    assert hidden and all(not contains(text, f"{i.id} {i.text}") for i in hidden)


def test_budget_ballot_shows_costs_and_the_budget(budget: Workshop, tmp_path: Path) -> None:
    paths = export_handouts(budget, tmp_path, base_url=BASE_URL)
    text = text_of(next(p for p in paths if p.name.endswith("aanestysliput.pdf")))
    assert contains(text, "Valitse ideoita, joiden hinnat ovat yhteensä enintään 20 000 €. "
                          "Voit valita enintään 5 ideaa.")
    for idea in budget.ideas.all():
        assert contains(text, f"{idea.id} {idea.text} {fi.money(idea.cost_cents)}")


def test_blank_ballot_before_there_are_ideas(tmp_path: Path) -> None:
    from . import export_builders as builders

    ws = Workshop.create(tmp_path / "uusi.db", builders.template("kumppanuuspoyta"),
                         title="Kumppanuuspöytä", date="2026-12-01")
    paths = export_handouts(ws, tmp_path, base_url=BASE_URL)
    text = text_of(next(p for p in paths if p.name.endswith("aanestysliput.pdf")))
    assert contains(text, fi("pdf.ballot.blank_help"))
    assert text.count("____") >= 10
    ws.close()


def test_erätauko_rules_card_in_large_type_and_a_feedback_form(
        era: Workshop, era_files: dict[str, Path]) -> None:
    card = era_files["eratauko-pelisaannot.pdf"]
    text = text_of(card)
    rules = era.template.rules
    assert rules is not None and len(rules.rules["fi"]) == 4
    assert contains(text, "Keskustelun pelisäännöt")
    for n, rule in enumerate(rules.rules["fi"], start=1):
        assert contains(text, f"{n}. {rule}"), rule
    html = poppler("pdftotext", "-bbox", "-enc", "UTF-8", str(card), "-")
    heights = [float(b) - float(a) for a, b in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Kerro</word>', html)]
    assert heights and min(heights) >= 24   # large type: readable across a circle
    assert "eratauko-aanestysliput.pdf" not in era_files    # no votes in Erätauko
    form = text_of(era_files["eratauko-palautelomake.pdf"])
    assert contains(form, "PALAUTELOMAKE") and contains(form, "Tulin kuulluksi.")
    assert "ääni" not in form.lower().replace("äänestetty", "")


def test_the_rules_card_says_when_the_wording_is_our_translation(tmp_path: Path) -> None:
    from facilitator.export.rules_card import write_rules_card

    from .export_builders import Clock, template

    for version, says in (("2025", True), ("2019", False)):
        tpl = template("eratauko").with_rules(version)
        ws = Workshop.create(tmp_path / f"{version}.db", tpl, title="Dialogi", clock=Clock())
        path = write_rules_card(ws, tmp_path / f"{version}.pdf")
        assert path is not None
        text = text_of(path)
        assert contains(text, "oma käännös") is says, version
        assert contains(text, f"versio {version}") or version in text
        assert pages_of(path) == 1
        ws.close()


def test_paper_ballots_printed_after_the_dots_changed_say_the_new_numbers(
        tmp_path: Path) -> None:
    from facilitator.export.paper_ballots import write_ballots

    from . import export_builders as builders

    ws = Workshop.create(tmp_path / "pisteet.db", builders.template("palvelupaja"),
                         title="Kylän ilta", date="2026-12-01")
    for text in ("Nuorisotila", "Tuolijumppa", "Kesätori", "Laavu"):
        ws.ideas.submit(text, theme="nuoret", source="paper")
    ws.goto("aanestys")
    ws.ballots.set_dots("aanestys", 3, 1)
    text = text_of(write_ballots(ws, tmp_path / "liput.pdf"))
    assert contains(text, "Sinulla on 3 ääntä. Voit antaa yhdelle idealle enintään 1 ääntä.")
    assert contains(text, "Ääniä käytetty yhteensä: ______ / 3")
    assert not contains(text, "/ 5")
    ws.close()
