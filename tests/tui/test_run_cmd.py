"""`facilitator run` explains itself in the chosen language and fails in one clear line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from facilitator.cli import build_app


def test_run_help_is_finnish_by_default_and_swedish_on_request() -> None:
    runner = CliRunner()
    fi = runner.invoke(build_app(), ["run", "--help"])
    assert fi.exit_code == 0 and "Avaa ohjaajan näkymä" in fi.output
    assert "--no-server" in fi.output and "--port" in fi.output
    sv = runner.invoke(build_app("sv"), ["--lang", "sv", "run", "--help"])
    assert "Öppna samtalsledarens vy" in sv.output


def test_an_unknown_session_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_app(), ["--home", str(tmp_path), "run", "eioo"])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "eioo" in lines[0] and "Traceback" not in result.output
