"""The CSV for Finnish Excel and the JSON of everything, read back as their programs would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from facilitator.core.workshop import Workshop
from facilitator.export.data import ExcelFi, csv_text, excel_text, json_text, write_csv
from facilitator.i18n import Translator

from . import export_builders as builders

fi = Translator("fi")


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")     # the BOM: Excel reads ä, ö, å right only with it
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_round_trips_with_every_idea_as_typed(paja: Workshop,
                                                  paja_files: dict[str, Path]) -> None:
    rows = read_csv(paja_files["kirkonkyla.csv"])
    ideas = paja.ideas.all()
    assert [int(r["nro"]) for r in rows] == [i.id for i in ideas]
    for row, idea in zip(rows, ideas, strict=True):
        # A formula start (the corpus has = and +) is made text with a leading apostrophe.
        expected = "'" + idea.text if idea.text.startswith(("=", "+", "@")) else idea.text
        assert row["idea"] == expected                      # newlines, quotes, ; and markup
        assert row["tila"] == fi(f"status.{idea.status}")
        assert row["lähde"] == fi(f"source.{idea.source}")
    hyperlink = next(r for r in rows if "HYPERLINK" in r["idea"])
    assert hyperlink["idea"].startswith("'=")               # never run as a formula


def test_csv_votes_are_numbers_and_ties_are_marked(paja: Workshop,
                                                   paja_files: dict[str, Path]) -> None:
    rows = {int(r["nro"]): r for r in read_csv(paja_files["kirkonkyla.csv"])}
    result = paja.ballots.result("aanestys")
    for item in result.overall:
        row = rows[int(item.target)]
        assert int(row["sija"]) == item.rank
        assert int(row["äänet puhelimilla"]) == item.phone
        assert int(row["äänet paperilla"]) == item.paper
        assert int(row["äänet yhteensä"]) == item.phone + item.paper
        assert row[fi("csv.tied")] == ("kyllä" if item.tied else "")
    merged = next(i for i in paja.ideas.all() if i.status == "merged")
    assert rows[merged.id]["sija"] == "" and rows[merged.id]["yhdistetty ideaan"] == str(
        merged.merged_into)


def test_csv_money_has_a_decimal_comma(budget: Workshop, tmp_path: Path) -> None:
    rows = read_csv(write_csv(budget, tmp_path / "b.csv", fi))
    by_id = {int(r["nro"]): r for r in rows}
    for idea in budget.ideas.all():
        cost = by_id[idea.id]["hinta (€)"]
        assert "," in cost and " " not in cost and "\xa0" not in cost
        euros, cents = cost.split(",")
        assert int(euros) * 100 + int(cents) == idea.cost_cents
    assert by_id[1]["hinta (€)"] == "9000,50"


def test_csv_dialect_and_formula_guard() -> None:
    assert ExcelFi.delimiter == ";"
    assert excel_text("=1+1") == "'=1+1" and excel_text("@SUM(A1)") == "'@SUM(A1)"
    assert excel_text("+cmd") == "'+cmd" and excel_text("-2+3") == "'-2+3"
    assert excel_text("- lista") == "- lista" and excel_text("Kylä") == "Kylä"
    assert excel_text("") == ""


def test_csv_without_any_vote(tmp_path: Path) -> None:
    ws = Workshop.create(tmp_path / "t.db", builders.template("palvelupaja"), title="Tyhjä")
    text = csv_text(ws, fi)
    assert text.count("\r\n") == 1 and text.startswith("nro;teema;idea")
    ws.close()


def test_json_is_the_same_as_export_format_json(paja: Workshop,
                                                paja_files: dict[str, Path]) -> None:
    written = json.loads(paja_files["kirkonkyla.json"].read_text(encoding="utf-8"))
    assert written == json.loads(json_text(paja))
    assert written["format"] == "facilitator-session"
    assert len(written["ideas"]) == len(paja.ideas.all())
    assert {i["text"] for i in written["ideas"]} >= set(builders.HOSTILE)
    rows = list(csv.reader(io.StringIO(
        paja_files["kirkonkyla.csv"].read_bytes().decode("utf-8-sig"), newline=""),
        dialect=ExcelFi))
    assert len(rows) - 1 == len(written["ideas"])
