"""The TUI's words exist in Finnish, Swedish and English; `facilitator run` fails in one line."""

from __future__ import annotations

import re
import string
from pathlib import Path

from typer.testing import CliRunner

from facilitator.cli import build_app
from facilitator.i18n import CATALOG_DIR, catalog

TUI = Path(__file__).resolve().parents[2] / "facilitator" / "tui"
RUN_CMD = TUI.parent / "cli" / "run_cmd.py"


def keys_in_code() -> set[str]:
    sources = [p.read_text(encoding="utf-8") for p in [*TUI.rglob("*.py"), RUN_CMD]]
    found = {m for text in sources for m in re.findall(r'"(tui\.[a-z_.]+)"', text)}
    return {k for k in found if not k.endswith(".")}


def tui_keys(lang: str) -> dict[str, str]:
    text = (CATALOG_DIR / lang / "tui.po").read_text(encoding="utf-8")
    return {k: catalog(lang)[k] for k in re.findall(r'^msgid "(tui\.[^"]+)"', text, re.M)}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_the_tui_uses_is_in_all_three_languages() -> None:
    used = keys_in_code()
    assert len(used) > 150
    for lang in ("fi", "sv", "en"):
        missing = used - set(tui_keys(lang))
        assert not missing, (lang, sorted(missing))


def test_the_languages_agree_on_keys_and_placeholders() -> None:
    fi, sv, en = (tui_keys(lang) for lang in ("fi", "sv", "en"))
    assert set(fi) == set(sv) == set(en)
    for key, text in fi.items():
        assert fields(text) == fields(sv[key]) == fields(en[key]), key


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
