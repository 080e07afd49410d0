"""`facilitator handouts` and `facilitator export` through Typer's CliRunner, checking the files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from facilitator import net, qr
from facilitator.cli import build_app
from facilitator.cli.export_cmds import progress_bar
from facilitator.core.workshop import Workshop
from facilitator.export.bundle import export_all

from .pdf_tools import poppler, text_of

runner = CliRunner()


def run(home: Path, *args: str, lang: str = "fi"):
    return runner.invoke(build_app(lang), ["--home", str(home), "--lang", lang, *args],
                         env={"FACILITATOR_HOME": "", "FACILITATOR_LANG": ""})


def join_code(home: Path) -> str:
    with Workshop.open(home / "sessions" / "demo.db") as ws:
        return ws.join_code


def poster_codes(path: Path, tmp: Path) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    poppler("pdftoppm", "-r", "120", "-png", "-singlefile", str(path), str(tmp / "poster"))
    return sorted(r.text for r in zxingcpp.read_barcodes(Image.open(tmp / "poster.png")))


def test_handouts_with_url_and_wifi(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").exit_code == 0
    result = run(tmp_path, "handouts", "demo", "--url", "http://10.1.2.3:8000",
                 "--wifi-ssid", "Kylä;net", "--wifi-password", 'p"w')
    assert result.exit_code == 0, result.output
    join = qr.join_url("http://10.1.2.3:8000", join_code(tmp_path))
    assert f"Liittymisosoite: {join}" in result.output
    folder = tmp_path / "exports" / "demo"
    names = ["demo-juliste.pdf", "demo-poytakortit.pdf", "demo-aanestysliput.pdf"]
    assert result.output.strip().splitlines()[-3:] == [str(folder / n) for n in names]
    assert poster_codes(folder / "demo-juliste.pdf", tmp_path) == sorted(
        [join, qr.wifi_payload("Kylä;net", 'p"w')])


def test_handouts_url_is_the_one_the_server_will_have(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").exit_code == 0
    result = run(tmp_path, "handouts", "demo", "--port", "8123")
    assert result.exit_code == 0, result.output
    base, reachable = net.base_url("0.0.0.0", 8123, None)
    join = qr.join_url(base, join_code(tmp_path))
    assert join in result.output
    if not reachable:
        assert "--url" in result.output   # told that phones cannot reach this address
    poster = tmp_path / "exports" / "demo" / "demo-juliste.pdf"
    assert poster_codes(poster, tmp_path) == [join]
    assert join in text_of(poster)


def test_wifi_password_needs_a_network_name(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").exit_code == 0
    result = run(tmp_path, "handouts", "demo", "--wifi-password", "salainen")
    assert result.exit_code == 1 and "--wifi-ssid" in result.output


def test_export_writes_pdfs_csv_and_json_and_prints_the_paths(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").exit_code == 0
    result = run(tmp_path, "export", "demo")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "exports" / "demo"
    expected = [folder / n for n in ("demo-tulokset.pdf", "demo-muistio.pdf",
                                     "demo-tulokset.docx", "demo-muistio.docx", "demo.csv",
                                     "demo.json")]
    assert result.output.strip().splitlines() == [str(p) for p in expected]
    assert all(p.stat().st_size > 0 for p in expected)
    assert "Kirkonkylän palvelupaja" in text_of(expected[0])


def test_export_formats(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").exit_code == 0
    pdfs = run(tmp_path, "export", "demo", "--format", "pdf")
    assert pdfs.exit_code == 0
    assert [Path(p).name for p in pdfs.output.split()] == ["demo-tulokset.pdf", "demo-muistio.pdf"]
    piped = run(tmp_path, "export", "demo", "--format", "json", "-o", "-")
    assert json.loads(piped.output)["format"] == "facilitator-session"
    elsewhere = run(tmp_path, "export", "demo", "-o", str(tmp_path / "muualle"))
    assert elsewhere.exit_code == 0 and (tmp_path / "muualle" / "demo-muistio.pdf").exists()
    word = run(tmp_path, "export", "demo", "--format", "docx")
    assert [Path(p).name for p in word.output.split()] == ["demo-tulokset.docx",
                                                            "demo-muistio.docx"]
    bad = run(tmp_path, "export", "demo", "--format", "odt")
    assert bad.exit_code == 1 and "pdf" in bad.output and "docx" in bad.output


def test_help_is_in_the_users_language(tmp_path: Path) -> None:
    assert "Tee tulostettavat materiaalit" in run(tmp_path, "handouts", "--help").output
    assert "Make the printouts" in run(tmp_path, "handouts", "--help", lang="en").output
    assert "PDF" in run(tmp_path, "export", "--help").output


def test_progress_reaches_the_end(tmp_path: Path, paja: Workshop) -> None:
    seen: list[tuple[int, int, str]] = []
    paths = export_all(paja, tmp_path, progress=lambda d, t, label: seen.append((d, t, label)))
    total = len(paths)
    assert [d for d, _, _ in seen] == list(range(total + 1))
    assert {t for _, t, _ in seen} == {total}
    assert [label for _, _, label in seen[:-1]] == [p.name for p in paths]


def test_progress_bar_draws_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr("sys.stderr", term)
    with progress_bar("Tehdään tiedostoja") as update:
        assert update is not None
        for done, label in enumerate(["a.pdf", "b.pdf", ""]):
            update(done, 2, label)
    assert "Tehdään tiedostoja" in term.getvalue() and "2/2" in term.getvalue()


def test_no_progress_bar_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with progress_bar("x") as update:
        assert update is None


def test_eratauko_handouts_include_the_insight_slips(tmp_path: Path) -> None:
    made = run(tmp_path, "new", "eratauko", "--title", "Dialogi")
    assert made.exit_code == 0, made.output
    session = Path(made.output.strip().splitlines()[-1]).stem
    result = run(tmp_path, "handouts", session, "--url", "http://10.1.2.3:8000")
    assert result.exit_code == 0, result.output
    slips = tmp_path / "exports" / session / f"{session}-oivalluslaput.pdf"
    assert str(slips) in result.output.splitlines()
    text = text_of(slips)
    assert "Mikä oli tärkein oivallus" in text and "facilitator insight" in text
