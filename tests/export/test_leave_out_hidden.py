"""The copy to publish: a hidden idea's text is left out of the minutes (PDF, .docx) and the
CSV, its number and the count of hidden ideas stay; the JSON archive keeps everything."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from facilitator.cli import build_app
from facilitator.core.workshop import Workshop
from facilitator.export import minutes
from facilitator.export.bundle import export_all
from facilitator.export.data import csv_text
from facilitator.i18n import Translator

from . import export_builders as builders
from .pdf_tools import squeeze, text_of

SECRET = "Naapurin Matti Meikäläinen varastaa polttopuita"   # hidden: a named person
RUDE = "Kunnanjohtaja on täysi idiootti"                      # hidden after an edit
EDITED = "Kunnanjohtaja on idiootti"


@pytest.fixture(scope="module")
def hidden_paja(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workshop]:
    """A palvelupaja with three hidden ideas: the builder's, a named person, an edited one."""
    ws = builders.palvelupaja(tmp_path_factory.mktemp("hidden") / "sessions" / "paja.db",
                              ideas_per_theme=2, hostile=False, phones=8)
    themes = [t.key for t in ws.themes()]
    secret = ws.ideas.submit(SECRET, theme=themes[0], source="paper").id
    rude = ws.ideas.submit(EDITED, theme=themes[1], source="paper").id
    ws.ideas.edit(rude, RUDE)
    ws.ideas.hide(secret, "Henkilötietoja")
    ws.ideas.hide(rude, "Loukkaava")
    yield ws
    ws.close()


def test_the_public_minutes_keep_the_count_not_the_text(hidden_paja: Workshop,
                                                        tmp_path: Path) -> None:
    public = text_of(minutes.write(hidden_paja, tmp_path / "julkinen.pdf",
                                   leave_out_hidden=True), raw=False)
    flat = squeeze(public)
    assert squeeze("Piilotettuja ideoita 3, teksti jätetty pois") in flat
    assert all(squeeze(t) not in flat for t in (SECRET, RUDE, EDITED))
    assert flat.count(squeeze("(piilotettu, teksti jätetty pois)")) >= 3
    hidden = [i for i in hidden_paja.ideas.all() if i.status == "hidden"]
    assert len(hidden) == 3
    for idea in hidden:
        assert squeeze(idea.text) not in flat
        assert f"#{idea.id}" in flat                       # the number stays, for the log
    assert "Henkilötietoja" in flat                        # the facilitator's reason stays
    for idea in hidden_paja.ideas.visible():               # nothing else is left out
        assert squeeze(idea.text) in flat

    whole = squeeze(text_of(minutes.write(hidden_paja, tmp_path / "koko.pdf"), raw=False))
    assert squeeze(SECRET) in whole and squeeze(RUDE) in whole   # the default keeps all
    assert squeeze("teksti jätetty pois") not in whole


def test_word_csv_and_json_of_the_public_export(hidden_paja: Workshop, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    files = {p.name: p for p in export_all(hidden_paja, tmp_path, leave_out_hidden=True)}
    document = docx.Document(str(files["paja-muistio.docx"]))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Piilotettuja ideoita 3, teksti jätetty pois" in text
    assert SECRET not in text and RUDE not in text and EDITED not in text

    csv = files["paja.csv"].read_text(encoding="utf-8-sig")
    assert SECRET not in csv and RUDE not in csv and EDITED not in csv
    assert csv.count("(piilotettu, teksti jätetty pois)") == 3   # the rows stay
    assert SECRET in csv_text(hidden_paja, Translator("fi"))      # the default keeps it

    archive = json.loads(files["paja.json"].read_text(encoding="utf-8"))
    assert SECRET in json.dumps(archive, ensure_ascii=False)      # the archive keeps all


def test_cli_option_and_its_refusal_for_json(hidden_paja: Workshop, tmp_path: Path) -> None:
    assert hidden_paja.path is not None
    home = hidden_paja.path.parent.parent
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(build_app("fi"), ["--home", str(home), "--lang", "fi", *args],
                             env={"FACILITATOR_HOME": "", "FACILITATOR_LANG": ""})

    helped = run("export", "--help")
    assert "--piilotetut-pois" in helped.output and "--leave-out-hidden" in helped.output
    out = tmp_path / "out"
    done = run("export", "paja", "--format", "pdf", "--piilotetut-pois", "-o", str(out))
    assert done.exit_code == 0, done.output
    flat = squeeze(text_of(out / "paja-muistio.pdf", raw=False))
    assert squeeze("Piilotettuja ideoita 3") in flat and squeeze(SECRET) not in flat
    refused = run("export", "paja", "--format", "json", "--leave-out-hidden")
    assert refused.exit_code == 1
    assert "JSON on arkisto" in refused.output and "Traceback" not in refused.output
