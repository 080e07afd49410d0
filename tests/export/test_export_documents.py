"""The results, minutes and summary PDFs, read back with poppler as a reader's tools would."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from facilitator.core.workshop import Workshop
from facilitator.export import minutes, results
from facilitator.export.bundle import export_all
from facilitator.export.doc import method_rules, rank_text
from facilitator.i18n import Translator

from . import export_builders as builders
from .pdf_tools import body_text, contains, lang_of, pages_of, poppler, squeeze, text_of

fi = Translator("fi")
RTL = (builders.ARABIC, builders.HEBREW, "Kirjasto " + builders.ARABIC + " 2026")
EMOJI = next(t for t in builders.HOSTILE if t.startswith("Emoji"))


def ltr(text: str) -> bool:
    """Drawn left to right in the order typed (bidi text and its controls are checked whole)."""
    return text not in RTL and text != EMOJI and not any(
        "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in text)


def pdf(files: dict[str, Path], kind: str, stem: str = "kirkonkyla") -> Path:
    return files[f"{stem}-{kind}.pdf"]


# -- what each document says ----------------------------------------------------------------

def test_results_show_the_workshop_the_counts_and_every_idea(paja: Workshop,
                                                             paja_files: dict[str, Path]) -> None:
    text = text_of(pdf(paja_files, "tulokset"))
    for expected in ("TULOKSET", "Kirkonkylän palvelupaja", "22.11.2026", "Kylätalo, Kirkonkylä",
                     "Aino Virtanen", "Äänestys", "Kaikki ideat, eniten ääniä saanut ensin",
                     "24 puhelimella, 5 paperilla (salissa 31 henkeä)"):
        assert contains(text, expected), expected
    result = paja.ballots.result("aanestys")
    assert result.tally.ballots_phone == 20 and result.tally.ballots_paper == 2
    paper_votes = sum(result.tally.paper.values())
    assert paper_votes == 3 + 2 + 1 + 4
    assert contains(text, f"Äänestyslippuja 20 puhelimella ja 2 paperilla. Paperilta kirjattuja "
                          f"ääniä yhteensä {paper_votes}.")
    assert contains(text, method_rules(result.spec, fi))
    for item in result.overall:
        if ltr(item.label):
            assert contains(text, item.label), item.label


def test_results_rank_ideas_in_order_with_votes_from_phones_and_paper(
        paja: Workshop, paja_files: dict[str, Path]) -> None:
    text = squeeze(text_of(pdf(paja_files, "tulokset")))
    start = text.index(squeeze("Kaikki ideat, eniten ääniä saanut ensin"))
    end = text.index(squeeze(fi("pdf.results.tie_note")), start)
    overall = text[start:end]
    themes = {t.key: fi.text(t.title) for t in paja.themes()}
    result = paja.ballots.result("aanestys")
    pos = 0
    ranks = []
    for item in result.overall:
        ranks.append(item.rank)
        if not ltr(item.label):
            continue
        # One row as drawn: rank, idea, its theme, phone, paper, total.
        row = squeeze(f"{rank_text(item)} {item.label} {themes[item.theme]} "
                      f"{item.phone} {item.paper} {item.phone + item.paper}")
        found = overall.find(row, pos)
        assert found >= 0, f"row out of order or missing: {row[:80]}"
        pos = found + len(row)
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert any(i.paper and i.phone for i in result.overall)  # both kinds of votes shown
    tied = [i for i in result.overall if i.tied]
    assert tied and all(f"={i.rank}." in text for i in tied)


def test_results_rank_each_theme_too(paja: Workshop, paja_files: dict[str, Path]) -> None:
    text = squeeze(text_of(pdf(paja_files, "tulokset")))
    start = text.index(squeeze(fi("pdf.results.tie_note")))
    result = paja.ballots.result("aanestys")
    pos = start
    for theme in paja.themes():
        heading = squeeze(fi.text(theme.title) + fi.text(theme.question))
        pos = text.index(heading, pos)
        for item in result.by_theme[theme.key]:
            if ltr(item.label):
                row = squeeze(f"{rank_text(item)} {item.label} {item.phone} {item.paper} "
                              f"{item.phone + item.paper}")
                found = text.find(row, pos)
                assert found >= 0, row[:80]
                pos = found


def test_results_list_the_top_of_each_theme_ties_included(
        paja: Workshop, paja_files: dict[str, Path]) -> None:
    text = squeeze(text_of(pdf(paja_files, "tulokset")))
    result = paja.ballots.result("aanestys")
    n = result.top_per_theme
    assert n == 3
    start = text.index(squeeze(fi("pdf.results.top", n=n)))
    end = text.index(squeeze(fi("pdf.results.overall")), start)
    section = text[start:end]
    titles = {t.key: fi.text(t.title) for t in paja.themes()}
    top = result.top()
    pos = 0
    for key, items in top.items():
        pos = section.index(squeeze(titles.get(key) or fi("pdf.no_theme")), pos)
        for item in items:
            assert item.rank <= n and item.phone + item.paper > 0
            if ltr(item.label):
                row = squeeze(f"{rank_text(item)} {item.label} {item.phone} {item.paper} "
                              f"{item.phone + item.paper}")
                found = section.find(row, pos)
                assert found >= 0, row[:80]
                pos = found
    beyond = [i for items in result.by_theme.values() for i in items if i.rank > n
              and ltr(i.label) and len(i.label) > 12]
    for item in beyond:  # the fourth place is not in the top list (it is in the tables below)
        assert squeeze(f"{rank_text(item)} {item.label}") not in section


def test_results_draw_a_bar_chart(paja_files: dict[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    poppler("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile",
            str(pdf(paja_files, "tulokset")), str(tmp_path / "page"))
    image = Image.open(tmp_path / "page.png").convert("RGB")
    colors = image.getcolors(maxcolors=1_000_000) or []
    phone_bar = sum(n for n, c in colors if c == (0x1D, 0x4F, 0x91))
    paper_bar = sum(n for n, c in colors if c == (0x5A, 0x84, 0xBD))
    assert phone_bar > 400 and paper_bar > 20   # dark phone bars, light paper bars


def test_budget_results_fund_in_order_with_running_total_and_money_left(
        budget: Workshop, tmp_path: Path) -> None:
    path = results.write(budget, tmp_path / "tulokset.pdf")
    text = text_of(path)
    for expected in ("Budjetti: mitkä ideat rahoitetaan", "Jaettava raha 20 000 €",
                     "Rahoitetaan yhteensä 10 000,50 €", "Rahaa jää 9 999,50 €",
                     "Hanke 1: lähiliikuntapaikka 9 000,50 € 4 rahoitetaan 9 000,50 €",
                     "Hanke 5: lähiliikuntapaikka 1 000 € 3 rahoitetaan 10 000,50 €",
                     "tasapeli – ratkaiskaa", "odottaa tasapelin ratkaisua",
                     "Tasapeli: kaikki yhtä monta ääntä saaneet ideat eivät mahdu"):
        assert contains(text, expected), expected
    assert re.search(r"9\s000,50\s€", text)  # money as Finns write it


def test_budget_results_say_what_no_longer_fits(tmp_path: Path) -> None:
    ws = builders.budget(tmp_path / "b.db")
    hanke2 = next(i for i in ws.ideas.all() if i.text.startswith("Hanke 2"))
    ws.ballots.cast({str(hanke2.id): 1}, source="paper", phase="aanestys")   # the tie is gone
    text = text_of(results.write(ws, tmp_path / "tulokset.pdf"))
    for expected in ("Hanke 2: kylätalon katto 8 000 € 3 rahoitetaan 17 000,50 €",
                     "Hanke 5: lähiliikuntapaikka 1 000 € 3 rahoitetaan 18 000,50 €",
                     "Hanke 3: lähiliikuntapaikka 6 000 € 2 ei mahdu 18 000,50 €",
                     "Rahaa jää 1 999,50 €"):
        assert contains(text, expected), expected
    ws.close()


def test_minutes_account_for_every_idea_agenda_decisions_and_notes(
        paja: Workshop, paja_files: dict[str, Path]) -> None:
    text = text_of(pdf(paja_files, "muistio"))
    for expected in ("MUISTIO", "Päivämäärä 22.11.2026", "Paikka Kylätalo, Kirkonkylä",
                     "Ohjaaja Aino Virtanen", "Työtapa Palvelupaja",
                     "Osallistujat 24 puhelimella, 5 paperilla (salissa 31 henkeä)",
                     "Ohjelma", "Ideat teemoittain", "Päätökset: ideat eteenpäin",
                     "Ohjaajan muistiinpanot", "Ohjaajan kirjaukset"):
        assert contains(text, expected), expected
    ideas = paja.ideas.all()
    counts = {s: sum(1 for i in ideas if i.status == s) for s in ("visible", "merged", "hidden")}
    assert counts["merged"] == 1 and counts["hidden"] == 1
    assert contains(text, f"Ideoita yhteensä {len(ideas)}: {counts['visible']} näkyvissä, 1 "
                          f"yhdistetty toiseen ideaan, 1 piilotettu. Puhelimella 24, paperilla "
                          f"{len(builders.HOSTILE)}, ohjaajan kirjaamana 0.")
    for idea in ideas:
        if ltr(idea.text):
            assert contains(text, f"#{idea.id} {idea.text}"), idea.text
    merged = next(i for i in ideas if i.status == "merged")
    hidden = next(i for i in ideas if i.status == "hidden")
    edited = next(i for i in ideas if i.edited)
    assert contains(text, f"#{merged.id} {merged.text} puhelin yhdistetty ideaan #"
                          f"{merged.merged_into}")
    assert contains(text, f"#{hidden.id} {hidden.text} puhelin piilotettu: Loukkaava kieli")
    assert contains(text, f"Alkuperäinen teksti: {edited.original_text}")
    assert contains(text, f"Idea #{merged.id} yhdistetty ideaan #{merged.merged_into}.")
    for decision in paja.records.decisions():
        assert contains(text, decision.owner) and contains(text, decision.next_step)
    assert contains(text, "Sivistyslautakunta Kustannusarvio talousarvioon 15.2.2027 "
                          "Kunnan talousarvioon")
    assert contains(text, "Kyläyhdistys Talkoot keväällä – Yhteiseen tekemiseen")
    body = body_text(text)   # a note split over pages continues after the page furniture
    for note in paja.records.notes():
        assert contains(body, note.text)
    assert "y" * 5000 in squeeze(body)


def test_minutes_agenda_has_planned_and_actual_times(paja: Workshop,
                                                     paja_files: dict[str, Path]) -> None:
    import datetime as dt

    text = text_of(pdf(paja_files, "muistio"))
    phases = paja.phases()
    planned = dt.datetime.fromisoformat(phases[0].row.started_at)
    late = 0
    for n, phase in enumerate(phases, start=1):
        end = planned + dt.timedelta(minutes=phase.minutes)
        row = f"{n} {fi.text(phase.spec.title)} {fi(f'kind.{phase.kind}')} " \
              f"{fi.time(planned)}–{fi.time(end)} ({phase.minutes} min)"
        planned = end
        took = round((dt.datetime.fromisoformat(phase.row.ended_at)
                      - dt.datetime.fromisoformat(phase.row.started_at)).total_seconds() / 60)
        row += f" {fi.time(phase.row.started_at)}–{fi.time(phase.row.ended_at)} ({took} min)"
        assert contains(text, row), row
        late += took != phase.minutes
    assert late  # the evening did not keep to the plan, and the minutes say so


def test_minutes_show_results_with_phone_and_paper(paja: Workshop,
                                                   paja_files: dict[str, Path]) -> None:
    text = text_of(pdf(paja_files, "muistio"))
    result = paja.ballots.result("aanestys")
    assert contains(text, "Kunkin teeman 3 eniten ääniä saanutta ideaa, tasapelit mukana:")
    top = result.top(3)
    first = top["nuoret"][0]
    assert contains(text, f"{rank_text(first)} #{first.target} {first.label} Nuoret "
                          f"{first.phone + first.paper}")


def test_erätauko_summary_has_the_report_fields_and_no_votes(
        era: Workshop, era_files: dict[str, Path]) -> None:
    assert "eratauko-tulokset.pdf" not in era_files    # no votes: no results document
    text = text_of(era_files["eratauko-yhteenveto.pdf"])
    for expected in ("KESKUSTELUN YHTEENVETO", "Päivämäärä 23.11.2026", "Paikka Seurakuntatalo",
                     "Järjestäjä Kylätoimikunta", "Osallistujia 14",
                     "Aihe Erätauko: kylän tulevaisuus", "Menetelmä Erätauko-keskustelu",
                     "Keskustelussa ei äänestetty eikä tehty päätöksiä"):
        assert contains(text, expected), expected
    summary = era.records.summary()
    for field in era.template.summary_fields:
        assert contains(text, fi.text(field.title))
        if summary.get(field.key):
            assert contains(text, summary[field.key])
    assert contains(text, "Lisäykset yhteenvetoon Ei kirjattu.")
    for insight in era.records.insights():
        if insight.text != builders.ARABIC:
            assert contains(text, insight.text)
    assert contains(text, "Tulin kuulluksi. 4 9 0 0 3 3 3")
    assert contains(text, "Keskustelu oli rakentavaa. 4,4 9 0 0 0 5 4")  # decimal comma
    assert contains(text, "Palautteen antoi 9 puhelimella ja 0 paperilla.")
    for word in ("Sija", "Äänestys", "Kaikki ideat", "ääntä"):
        assert word not in text


# -- how they are made --------------------------------------------------------------------

def test_metadata_title_author_language(paja_files: dict[str, Path],
                                        era_files: dict[str, Path]) -> None:
    for path, title, author in [
            (pdf(paja_files, "tulokset"), "Tulokset: Kirkonkylän palvelupaja", "Aino Virtanen"),
            (pdf(paja_files, "muistio"), "Muistio: Kirkonkylän palvelupaja", "Aino Virtanen"),
            (era_files["eratauko-yhteenveto.pdf"],
             "Keskustelun yhteenveto: Erätauko: kylän tulevaisuus", "Kylätoimikunta")]:
        info = poppler("pdfinfo", str(path))
        assert re.search(rf"^Title:\s+{re.escape(title)}$", info, re.M), info
        assert re.search(rf"^Author:\s+{re.escape(author)}$", info, re.M), info
        assert lang_of(path) == "fi-FI"


def test_language_follows_the_session(tmp_path: Path) -> None:
    ws = builders.palvelupaja(tmp_path / "sv.db", ideas_per_theme=2, hostile=False)
    ws.store.update_workshop(lang="sv")
    path = minutes.write(ws, tmp_path / "sv.pdf")
    text = text_of(path)
    assert "MINNESANTECKNINGAR" in text and "Datum 22 november 2026" in text
    assert lang_of(path) == "sv-FI"
    ws.close()


def test_every_font_is_embedded(paja_files: dict[str, Path]) -> None:
    for name, path in paja_files.items():
        if path.suffix != ".pdf":
            continue
        rows = poppler("pdffonts", str(path)).splitlines()[2:]
        assert rows, name
        for row in rows:
            assert row.split()[-5] == "yes", (name, row)   # the "emb" column
        names = " ".join(r.split()[0] for r in rows)
        assert "DejaVuSans" in names, name
    results_fonts = poppler("pdffonts", str(pdf(paja_files, "tulokset")))
    assert "NotoEmoji" in results_fonts  # the emoji idea has its own font run


def test_every_page_renders_and_is_numbered(paja_files: dict[str, Path],
                                           era_files: dict[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    for name, path in {**paja_files, **era_files}.items():
        if path.suffix != ".pdf":
            continue
        pages = pages_of(path)
        out = tmp_path / name
        out.mkdir()
        # 30 dpi: at 20 a page holding only a long run of thin letters (the 5,000-letter
        # note, where the larger shared corpus moved the page break) drew no pixel below 128.
        poppler("pdftoppm", "-r", "30", "-png", str(path), str(out / "p"))
        images = sorted(out.glob("*.png"))
        assert len(images) == pages, name
        for image in images:
            lo, _ = Image.open(image).convert("L").getextrema()
            assert lo < 128, f"{image.name} of {name} is blank"
        numbered = name.endswith(("tulokset.pdf", "muistio.pdf", "yhteenveto.pdf",
                                  "aanestysliput.pdf", "palautelomake.pdf"))
        for page in range(1, pages + 1) if numbered else ():
            assert f"sivu {page} / {pages}" in text_of(path, first=page, last=page), (name, page)


def test_long_tables_repeat_their_header_on_every_page(paja_files: dict[str, Path]) -> None:
    path = pdf(paja_files, "tulokset")
    pages = pages_of(path)
    assert pages >= 3
    for page in range(2, pages + 1):
        assert contains(text_of(path, first=page, last=page), "Sija Idea Puhelin Paperi Yht."), page


def test_markup_prints_as_typed_and_opens_nothing(paja_files: dict[str, Path]) -> None:
    for kind in ("tulokset", "muistio", "aanestysliput"):
        path = pdf(paja_files, kind)
        text = text_of(path)
        for hostile in builders.HOSTILE[:3]:
            assert contains(text, hostile), (kind, hostile)
        data = path.read_bytes()
        assert b"/XObject" not in data and b"/Subtype /Image" not in data
        assert b"/Annot" not in data and b"/URI" not in data


def test_every_script_prints_and_emoji_are_glyphs(paja_files: dict[str, Path]) -> None:
    text = text_of(pdf(paja_files, "tulokset"))
    for script in ("Mii háliidit čoahkkinsaji gillii, đ ŋ š ŧ ž á",   # tests/hostile.py
                   "Нужна новая библиотека для детей", "åäö ÅÄÖ"):
        assert contains(text, script), script
    assert contains(text, "Emoji: kiva 👍 juhla 🥳")   # from the emoji font
    assert "\ufffd" not in text


def _words_on_pages(path: Path) -> list[tuple[float, float, float, str]]:
    html = poppler("pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-")
    return [(float(a), float(b), float(c), w) for a, b, c, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        html)]


def _rtl_line(words: list[tuple[float, float, float, str]], logical: list[str]
              ) -> list[tuple[float, str]]:
    """The words of one right-to-left line as drawn, read back in logical order.

    pdftotext gives a word's letters in visual order; reversed they are the word typed,
    except that a ligature's letters (lam-alef) keep their own order: a word is matched
    by its letters, the line by the order of its words.
    """
    letters = {"".join(sorted(unicodedata.normalize("NFKC", w))): w for w in logical}
    found = [(x0, y, letters[key]) for x0, y, _, w in words
             if (key := "".join(sorted(unicodedata.normalize("NFKC", w)))) in letters]
    line = [f for f in found if f[1] == found[0][1]]
    return [(x0, w) for x0, _, w in sorted(line, key=lambda f: -f[0])]


def _advance(word: str, size: float, *, shaped: bool) -> float:
    """The width of a word in DejaVu Sans: shaped by harfbuzz, or its letters one by one."""
    import uharfbuzz as hb

    from facilitator.export.fonts import FONT_DIR

    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(FONT_DIR / "DejaVuSans.ttf"))))
    units = font.face.upem

    def width(text: str) -> int:
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(font, buf)
        return sum(p.x_advance for p in buf.glyph_positions)

    total = width(word) if shaped else sum(width(ch) for ch in word)
    return total * size / units


def test_arabic_is_joined_and_right_to_left(paja_files: dict[str, Path]) -> None:
    words = _words_on_pages(pdf(paja_files, "tulokset"))
    logical = builders.ARABIC.split()
    line = _rtl_line(words, logical)
    assert [w for _, w in line] == logical  # first word rightmost
    # Joined: each word is as wide as harfbuzz shapes it (contextual forms, ligatures),
    # not as wide as its letters set one by one.
    boxes = {w: x1 - x0 for x0, y, x1, w in words}
    for word in ("مكتبة", "جديدة"):
        drawn = next(width for w, width in boxes.items()
                     if sorted(unicodedata.normalize("NFKC", w)) == sorted(word))
        size = 9.0   # table cells
        assert abs(drawn - _advance(word, size, shaped=True)) < 0.5, word
        assert abs(drawn - _advance(word, size, shaped=False)) > 1.0, word


def test_hebrew_reads_right_to_left(paja_files: dict[str, Path]) -> None:
    words = _words_on_pages(pdf(paja_files, "tulokset"))
    logical = builders.HEBREW.split()
    assert [w for _, w in _rtl_line(words, logical)] == logical


def test_long_text_wraps_inside_the_page(paja_files: dict[str, Path]) -> None:
    for kind in ("tulokset", "muistio"):
        words = _words_on_pages(pdf(paja_files, kind))
        assert words
        right_edge = 595.28 - 56.69 + 1
        assert max(x1 for _, _, x1, _ in words) <= right_edge, kind
    assert "x" * 500 in squeeze(text_of(pdf(paja_files, "muistio")))


def test_documents_use_the_same_numbers_as_the_json(paja: Workshop,
                                                    paja_files: dict[str, Path]) -> None:
    import json

    data = json.loads(paja_files["kirkonkyla.json"].read_text(encoding="utf-8"))
    text = squeeze(text_of(pdf(paja_files, "tulokset")))
    for row in data["votes"][0]["ranking"][:10]:
        rank = f"={row['rank']}." if row["tied"] else f"{row['rank']}."
        assert squeeze(f"{rank} {row['text']}") in text
    assert data["workshop"]["participants"] == {"phones": 24, "paper": 5, "in_room": 31}


@pytest.mark.parametrize("lang, kind", [("en", "Results"), ("sv", "Resultat")])
def test_file_names_and_titles_follow_the_language(tmp_path: Path, lang: str, kind: str) -> None:
    ws = builders.palvelupaja(tmp_path / "s.db", ideas_per_theme=2, hostile=False)
    ws.store.update_workshop(lang=lang)
    paths = export_all(ws, tmp_path / "out")
    names = [p.name for p in paths]
    assert f"s-{kind.lower()}.pdf" in names
    assert kind.upper() in text_of(tmp_path / "out" / f"s-{kind.lower()}.pdf")
    ws.close()
