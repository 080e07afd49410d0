"""`facilitator process ...` through CliRunner: a whole small process, bad input, hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import run

from facilitator.core.process import Process
from facilitator.core.workshop import Workshop
from tests.hostile import CASES, Case

P = "kirkonkyla-2027"


def ok(home: Path, *args: str) -> str:
    result = run(home, *args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def new_in_process(home: Path, template: str, title: str, date: str, *extra: str) -> Path:
    out = ok(home, "new", template, "--title", title, "--date", date, "--process", P, *extra)
    return Path(out.strip().splitlines()[-1])


def test_a_whole_small_process_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path
    out = ok(home, "process", "new", "Kirkonkylä 2027", "--municipality", "Mansikkala",
             "--coordinator", "Aino")
    assert Path(out.strip().splitlines()[-1]) == home / "processes" / P
    assert "Kirkonkylä 2027 · Mansikkala" in ok(home, "process", "list")
    # The partnership table sets the themes.
    table = new_in_process(home, "kumppanuuspoyta", "Pöytä", "2027-01-10",
                           "--theme", "Nuoret", "--theme", "Kylätalo")
    assert table.parent == home / "processes" / P
    assert "nuoret" in ok(home, "process", "themes", P, "--from", table.stem)
    # The palvelupaja takes them; ideas and paper votes through the usual commands.
    paja = new_in_process(home, "palvelupaja", "Palvelupaja", "2027-02-10")
    with Workshop.open(paja) as ws:
        assert [t.key for t in ws.themes()] == ["nuoret", "kylatalo"]
    name = paja.stem                          # found inside the process folder
    for theme, text in (("nuoret", "Skeittiramppi"), ("nuoret", "Nuorisotila"),
                        ("nuoret", "Bänditila"), ("nuoret", "Leffailta"),
                        ("kylatalo", "Kylätalo auki")):
        ok(home, "idea", name, "--theme", theme, text)
    ok(home, "phase", name, "aanestys")
    for idea, n in ((1, 8), (2, 6), (3, 6), (4, 2), (5, 3)):
        ok(home, "tally", name, str(idea), str(n))
    assert "Palvelupaja" in ok(home, "status", name)
    assert "2 työpajaa luettu: 5 uutta ideaa" in ok(home, "process", "sync", P)
    listing = ok(home, "process", "ideas", P)
    assert "#1    uusi" in listing and "[Nuoret]  Skeittiramppi" in listing
    assert ok(home, "process", "ideas", P, "--theme", "kylatalo").count("\n") == 1
    # The follow-up table starts with the top 3 of each theme on its agenda (8, 6=, 6=
    # of Nuoret; Leffailta with 2 is fourth) and the one idea of Kylätalo.
    out = ok(home, "new", "kumppanuuspoyta", "--title", "Pöytä 2", "--date", "2027-04-01",
             "--process", P)
    assert "Asialistalla 4 ideaa" in out
    follow = Path(out.strip().splitlines()[-1])
    with Workshop.open(follow) as ws:
        agenda = {i.text: i.id for i in ws.ideas.visible()}
    assert set(agenda) == {"Skeittiramppi", "Nuorisotila", "Bänditila", "Kylätalo auki"}
    assert "harkinnassa" in ok(home, "process", "ideas", P, "--status", "considering")
    ok(home, "phase", follow.stem, "painopisteet")
    ok(home, "tally", follow.stem, str(agenda["Nuorisotila"]), "5")
    ok(home, "decide", follow.stem, str(agenda["Nuorisotila"]), "--outcome", "resources",
       "--owner", "Sivistystoimi", "--next", "Tilan kartoitus", "--due", "2027-06-30")
    assert "1 päätöstä" in ok(home, "process", "sync", P)
    decided = ok(home, "process", "ideas", P, "--status", "decided")
    assert "#2 " in decided and decided.count("\n") == 1     # the original entry, not a new one
    # Forward with notes; the whole journey in one view.
    ok(home, "process", "update", P, "2", "--status", "in_progress", "--note",
       "Tila löytyi koululta.", "--owner-public")
    assert "Idea 2: valmis." in ok(home, "process", "update", P, "2", "--status", "done")
    journey = ok(home, "process", "idea", P, "2")
    assert journey.startswith("#2 Nuorisotila\nTila: valmis · Jatkopolku: ")
    assert "Vastuu: Sivistystoimi (julkinen)" in journey
    assert "Tiedote asukkaille: Tila löytyi koululta." in journey
    assert "Palvelupaja, 10.2.2027, paperi: 6 ääntä, sija 2=" in journey
    assert "Pöytä 2, 1.4.2027, ohjaaja: 5 ääntä, sija 1" in journey, journey
    assert "status: in_progress → done" in journey
    # A link: the same idea twice.
    assert "yhdistetty" in ok(home, "process", "link", P, "4", "--into", "3")
    assert "#4" in ok(home, "process", "idea", P, "3")
    with Process.open(home / "processes" / P) as proc:
        entry = proc.register.entry(2)
        assert (entry.status, entry.outcome, entry.owner_public) == ("done", "resources", True)


@pytest.mark.parametrize("args, expected", [
    (("process", "ideas", "eiole"), "Prosessia ”eiole” ei löydy"),
    (("process", "idea", P, "99"), "Ideapankissa ei ole ideaa numero 99"),
    (("process", "update", P, "99", "--status", "considering"), "ei ole ideaa numero 99"),
    (("process", "update", P, "1", "--status", "done"), "Tilasta new ei voi siirtyä tilaan done"),
    (("process", "update", P, "1", "--status", "valmis"), "Tila ”valmis” ei kelpaa"),
    (("process", "update", P, "1", "--outcome", "g"), "Jatkopolku ”g” ei kelpaa"),
    (("process", "update", P, "1", "--due", "31.2.2027"), "Päivämäärä ”31.2.2027” ei kelpaa"),
    (("process", "update", P, "1", "--status", "not_taken"), "Kerro syy"),
    (("process", "ideas", P, "--outcome", "x"), "Jatkopolku ”x” ei kelpaa"),
    (("process", "link", P, "1", "--into", "1"), "ei voi yhdistää itseensä"),
    (("process", "themes", P, "--from", "eiole"), "Prosessissa ei ole työpajaa ”eiole”"),
    (("process", "new", "Kirkonkylä 2027"), "on jo olemassa"),
    (("new", "palvelupaja", "--title", "X", "--process", "eiole"), "Prosessia ”eiole”"),
])
def test_bad_input_gives_one_clear_line(tmp_path: Path, args: tuple[str, ...],
                                        expected: str) -> None:
    ok(tmp_path, "process", "new", "Kirkonkylä 2027")
    paja = new_in_process(tmp_path, "palvelupaja", "Paja", "2027-02-10")
    ok(tmp_path, "idea", paja.stem, "--theme", "nuoret", "Skeittiramppi")
    ok(tmp_path, "process", "sync", P)
    result = run(tmp_path, *args)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_text_prints_exactly_as_typed(tmp_path: Path, case: Case) -> None:
    out = ok(tmp_path, "process", "new", case.line)
    slug = Path(out.strip().splitlines()[-1]).name
    assert case.line in out
    assert f"{slug:<32}{case.line}" in ok(tmp_path, "process", "list")
    out = ok(tmp_path, "new", "palvelupaja", "--title", "Paja", "--date", "2027-02-10",
             "--process", slug, "--theme", case.text)
    paja = Path(out.strip().splitlines()[-1])
    with Workshop.open(paja) as ws:
        theme = ws.themes()[0]
    ok(tmp_path, "process", "themes", slug, "--from", paja.stem)
    ok(tmp_path, "idea", paja.stem, "--theme", theme.key, case.text)
    ok(tmp_path, "process", "sync", slug)
    folded = " ".join(case.text.split())
    listing = ok(tmp_path, "process", "ideas", slug)
    assert f"[{folded}]  {case.text.strip()}\n" in listing
    journey = ok(tmp_path, "process", "idea", slug, "1")
    assert journey.startswith(f"#1 {case.text.strip()}\n")
    assert f"Teema: {folded}\n" in journey
