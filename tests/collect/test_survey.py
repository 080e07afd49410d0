"""A survey tool's export into the register: the shipped examples, encodings, themes, once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from facilitator.collect.survey import decode, import_survey, read_csv
from facilitator.core.process import Process
from facilitator.errors import InvalidInput

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
CSV = EXAMPLES / "kysely-webropol.csv"
XLSX = EXAMPLES / "kysely-forms.xlsx"


def texts(proc: Process) -> list[tuple[str, str, str]]:
    return [(i.entry.theme, i.entry.text, i.entry.source) for i in proc.register.ideas()]


def test_the_finnish_excel_csv_example_comes_in_once(proc: Process) -> None:
    report = import_survey(proc, CSV, text_column="Ideasi", theme_column="teema",
                           default_theme=None)
    assert (report.read, report.added, report.already, report.skipped) == (5, 5, 0, 1)
    assert texts(proc) == [
        ("nuoret", "Nuorisotila vanhaan kouluun, auki myös perjantai-iltaisin", "e-collection"),
        ("tilat", "Kirjasto ja kahvila entiseen pankkiin", "e-collection"),       # "tyhjät  tilat"
        ("nuoret", "Skeittiramppi urheilukentän laitaan", "e-collection"),         # Swedish title
        ("tilat", 'Etätyöpiste kylätalolle; "hiljainen huone"', "e-collection"),   # English
        ("nuoret", "Kesätyöpaikkoja nuorille\nyhdessä yritysten kanssa", "e-collection"),
    ]
    # Row numbers as in a spreadsheet (header = 1) are the idea ids.
    assert [e.idea_id for e in proc.store.entries()] == [2, 3, 4, 5, 7]
    again = import_survey(proc, CSV, text_column="Ideasi", theme_column="teema",
                          default_theme=None)
    assert (again.added, again.already) == (0, 5)


def test_a_renamed_copy_adds_nothing(proc: Process, tmp_path: Path) -> None:
    import_survey(proc, CSV, text_column="4", theme_column="3", default_theme=None)
    renamed = tmp_path / "vienti (1).csv"
    shutil.copy(CSV, renamed)
    assert import_survey(proc, renamed, text_column="4", theme_column="3",
                         default_theme=None).added == 0


def test_the_xlsx_example_comes_in_once(proc: Process) -> None:
    report = import_survey(proc, XLSX, text_column="Kerro ideasi",
                           theme_column="Valitse teema", default_theme=None)
    assert (report.added, report.skipped) == (4, 1)  # row 5 has an id and no answer
    assert [t for t, _, _ in texts(proc)] == ["nuoret", "tilat", "tilat", "nuoret"]
    assert texts(proc)[1][1] == "Bibliotek i den gamla banken"
    assert import_survey(proc, XLSX, text_column="Kerro ideasi",
                         theme_column="Valitse teema", default_theme=None).added == 0


def test_windows_1252_is_detected(proc: Process, tmp_path: Path) -> None:
    text = CSV.read_bytes().decode("utf-8-sig")
    old = tmp_path / "vanha-excel.csv"
    old.write_bytes(text.encode("cp1252"))
    import_survey(proc, old, text_column="Ideasi", theme_column="Teema", default_theme=None)
    assert texts(proc)[1][1] == "Kirjasto ja kahvila entiseen pankkiin"
    assert "Etätyöpiste" in texts(proc)[3][1]


@pytest.mark.parametrize("data", [
    b"Teema;Idea\r\nNuoret;\x81\x8d\x90 rikki\r\n",          # bytes Windows-1252 lacks
    b"Teema;Idea\r\nNuoret;\x00\x01\x02\x03binary\r\n",       # control bytes: not text
])
def test_other_encodings_are_refused_with_one_clear_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "rikki.csv"
    path.write_bytes(data)
    with pytest.raises(InvalidInput) as info:
        decode(data, path)
    assert info.value.key == "error.collect_survey_encoding"
    from facilitator.i18n import Translator
    assert "CSV UTF-8" in info.value.message(Translator("fi"))


def test_utf16_and_commas_and_tabs(tmp_path: Path) -> None:
    for delimiter in (",", "\t", ";"):
        body = f"Teema{delimiter}Idea\r\nNuoret{delimiter}Äänestyspaikka\r\n"
        for encoding in ("utf-8", "utf-16"):
            path = tmp_path / "x.csv"
            path.write_bytes(body.encode(encoding))
            table = read_csv(path.read_bytes(), path)
            assert table.header == ["Teema", "Idea"]
            assert table.rows == [(2, ["Nuoret", "Äänestyspaikka"])]


def test_an_unknown_theme_names_the_value_the_row_and_the_known_themes(
        proc: Process, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("Teema;Idea\nNuoret;Hyvä\nLiikenne;Pyörätie\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        import_survey(proc, path, text_column="Idea", theme_column="Teema", default_theme=None)
    from facilitator.i18n import Translator
    line = info.value.message(Translator("fi"))
    assert line == ('Rivi 3: teemaa "Liikenne" ei ole prosessissa. Teemat: nuoret, tilat. '
                    "Korjaa arvo tai anna --default-theme.")
    assert proc.register.ideas() == []  # nothing of a refused file
    report = import_survey(proc, path, text_column="Idea", theme_column="Teema",
                           default_theme="Tyhjät tilat")
    assert report.added == 2 and [t for t, _, _ in texts(proc)] == ["nuoret", "tilat"]


def test_a_missing_column_lists_the_columns(proc: Process) -> None:
    with pytest.raises(InvalidInput) as info:
        import_survey(proc, CSV, text_column="Idea", theme_column="Teema", default_theme=None)
    assert info.value.key == "error.collect_survey_column"
    assert '"Ideasi"' in info.value.params["known"]


def test_no_theme_column_needs_a_default_theme(proc: Process) -> None:
    with pytest.raises(InvalidInput, match="collect_survey_needs"):
        import_survey(proc, CSV, text_column="Ideasi", theme_column=None, default_theme=None)
    report = import_survey(proc, CSV, text_column="Ideasi", theme_column=None,
                           default_theme="nuoret")
    assert report.added == 5 and {t for t, _, _ in texts(proc)} == {"nuoret"}


def test_a_broken_xlsx_and_a_wrong_type_are_refused(proc: Process, tmp_path: Path) -> None:
    bad = tmp_path / "rikki.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInput, match="collect_survey_unreadable"):
        import_survey(proc, bad, text_column="A", theme_column="B", default_theme=None)
    with pytest.raises(InvalidInput, match="collect_survey_sheet"):
        import_survey(proc, XLSX, text_column="Kerro ideasi", theme_column="Valitse teema",
                      default_theme=None, sheet="Taulukko9")
    empty = tmp_path / "tyhja.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    with pytest.raises(InvalidInput, match="collect_survey_empty"):
        import_survey(proc, empty, text_column="A", theme_column="B", default_theme=None)


def test_hostile_text_from_a_survey_is_kept_as_typed(proc: Process, tmp_path: Path) -> None:
    import csv

    from tests.hostile import TEXTS
    path = tmp_path / "h.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Teema", "Idea"])
        for text in TEXTS:
            w.writerow(["Nuoret", text])
    report = import_survey(proc, path, text_column="Idea", theme_column="Teema",
                           default_theme=None)
    assert report.added == len(TEXTS)
    import unicodedata
    stored = [t for _, t, _ in texts(proc)]
    assert stored == [unicodedata.normalize("NFC", t).strip() for t in TEXTS]


def test_the_cli_imports_a_survey(tmp_path: Path, clock: object) -> None:
    from typer.testing import CliRunner

    from facilitator.cli import build_app
    from tests.collect.support import make_process
    make_process(tmp_path / "processes" / "kirkonkyla-2027", clock).close()
    args = ["--home", str(tmp_path), "collect", "import", "kirkonkyla-2027", str(CSV),
            "--theme-column", "Teema", "--text-column", "Ideasi"]
    out = CliRunner().invoke(build_app("fi"), args)
    assert out.exit_code == 0, out.output
    assert "Luettu 5 ideaa: 5 uutta" in out.output and "Tyhjiä vastauksia ohitettu: 1." in (
        out.output)
    out = CliRunner().invoke(build_app("en"), args[:-2])
    assert out.exit_code == 1 and "--text-column" in out.output
