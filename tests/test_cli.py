"""The `facilitator` command through Typer's CliRunner, checking the rows it leaves behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from facilitator.cli import build_app
from facilitator.core.workshop import Workshop
from tests.hostile import BY_NAME, CASES, Case

runner = CliRunner()


def run(home: Path, *args: str, lang: str = "fi", input: str | None = None):
    result = runner.invoke(build_app(lang), ["--home", str(home), "--lang", lang, *args],
                           input=input, env={"FACILITATOR_HOME": "", "FACILITATOR_LANG": ""})
    return result


def new_session(home: Path, template: str = "palvelupaja", *extra: str) -> Path:
    result = run(home, "new", template, "--title", "Kylän ilta", "--place", "Seurantalo",
                 "--date", "2026-11-22", "--facilitator", "Aino", *extra)
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip().splitlines()[-1])
    assert path.exists() and path.parent == home / "sessions"
    return path


def test_templates_lists_the_shipped_four(tmp_path: Path) -> None:
    result = run(tmp_path, "templates")
    assert result.exit_code == 0
    for key in ("palvelupaja", "eratauko", "kumppanuuspoyta", "osallistuva-budjetointi"):
        assert key in result.output
    assert "vaihetta" in result.output


def test_new_creates_the_session_file_with_its_rows(tmp_path: Path) -> None:
    path = new_session(tmp_path, "palvelupaja", "--theme", "Nuoret", "--theme", "Kylätalo",
                       "--theme", "Молодёжь")
    with Workshop.open(path) as ws:
        info = ws.info
        assert (info.title, info.place, info.date, info.facilitator, info.lang) == (
            "Kylän ilta", "Seurantalo", "2026-11-22", "Aino", "fi")
        assert [t.key for t in ws.themes()] == ["nuoret", "kylatalo", "teema-3"]
        assert ws.themes()[0].title["sv"] == "Unga"  # a template theme keeps its translations
        assert ws.info.template["key"] == "palvelupaja"  # a frozen copy of the template
        assert len(ws.phases()) == 9
    # A second one with the same title gets its own file.
    assert new_session(tmp_path) != path


def test_new_asks_for_the_title_when_not_given(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "eratauko", "--date", "2026-11-22", input="Dialogi-ilta\n")
    assert result.exit_code == 0, result.output
    assert "Työpajan nimi" in result.output
    with Workshop.open(Path(result.output.strip().splitlines()[-1])) as ws:
        assert ws.info.title == "Dialogi-ilta"


def test_a_workshop_from_the_command_line(tmp_path: Path) -> None:
    path = new_session(tmp_path)
    name = path.stem
    assert run(tmp_path, "sessions").output.startswith(name)
    assert "Nyt vaihe 1/9" in run(tmp_path, "phase", name, "next").output
    assert run(tmp_path, "phase", name, "ideointi").exit_code == 0
    assert run(tmp_path, "idea", name, "--theme", "nuoret", "Skeittiramppi").exit_code == 0
    assert run(tmp_path, "idea", name, "--theme", "nuoret", "Skeittipaikka").exit_code == 0
    assert run(tmp_path, "idea", name, "--theme", "palvelut", "Kirjastoauto").exit_code == 0
    assert run(tmp_path, "merge", name, "2", "1").exit_code == 0
    assert run(tmp_path, "hide", name, "3", "--reason", "testi").exit_code == 0
    assert run(tmp_path, "restore", name, "3").exit_code == 0
    assert run(tmp_path, "edit", name, "1", "Skeittiramppi kentälle").exit_code == 0
    assert run(tmp_path, "phase", name, "aanestys").exit_code == 0
    assert run(tmp_path, "tally", name, "1", "7").exit_code == 0
    assert run(tmp_path, "ballot", name, "3=2 1").exit_code == 0
    wrong = run(tmp_path, "ballot", name, "3=3")  # a slip of the pen, taken back
    wrong_id = wrong.output.split()[-1].rstrip(".")
    assert run(tmp_path, "remove-ballot", name, wrong_id).exit_code == 0
    assert "Paperilippua numero 999 ei ole" in run(tmp_path, "remove-ballot", name,
                                                   "999").output
    assert run(tmp_path, "people", name, "--room", "25", "--paper", "4").exit_code == 0
    status = run(tmp_path, "status", name).output
    assert "Vaihe 6/9: Äänestys" in status and "Salissa: 25" in status
    ranking = [line for line in status.splitlines() if "#" in line]
    assert "#1 Skeittiramppi kentälle" in ranking[0] and ranking[0].split()[1] == "8"
    assert "#3 Kirjastoauto" in ranking[1] and ranking[1].split()[1] == "2"
    assert run(tmp_path, "reveal", name).exit_code == 0
    assert run(tmp_path, "phase", name, "eteenpain").exit_code == 0
    assert run(tmp_path, "decide", name, "1", "--outcome", "joint_doing", "--owner",
               "Nuorisoseura", "--next", "Talkoot keväällä").exit_code == 0
    assert run(tmp_path, "note", name, "Seuraava tapaaminen tammikuussa").exit_code == 0
    with Workshop.open(path) as ws:
        ideas = {i.id: i for i in ws.ideas.all()}
        assert ideas[2].status == "merged" and ideas[2].merged_into == 1
        assert ideas[1].original_text == "Skeittiramppi" and ideas[3].source == "paper"
        assert ws.store.paper_tallies(ws.phase("aanestys").row.id) == {1: 7}
        assert ws.phase("aanestys").revealed
        assert ws.records.decisions()[0].owner == "Nuorisoseura"
        assert (ws.info.room_count, ws.info.paper_count) == (25, 4)
        kinds = [e.kind for e in ws.store.events()]
        assert {"idea_merged", "idea_hidden", "idea_restored", "idea_edited", "paper_tally",
                "paper_ballot", "paper_ballot_removed", "reveal", "decision", "note"} <= set(kinds)


@pytest.mark.parametrize("args, fragment", [
    (["new", "ei-ole", "--title", "x"], "Työpajapohjaa ”ei-ole” ei löydy"),
    (["status", "kadonnut"], "Työpajaa ”kadonnut” ei löydy"),
    (["phase", "{s}", "hyppy"], "Vaihetta ”hyppy” ei ole"),
    (["idea", "{s}", "--theme", "avaruus", "x"], "Teemaa ”avaruus” ei ole"),
    (["tally", "{s}", "1", "3"], "Tässä työpajassa ei ole vielä alkanutta äänestystä"),
    (["ballot", "{s}", "1=x"], "En ymmärtänyt kohtaa"),
    (["new", "palvelupaja", "--title", "x", "--date", "huomenna"], "Päivämäärä ”huomenna”"),
    (["decide", "{s}", "1", "--outcome", "kuu"], "Ideaa numero 1 ei ole"),
    (["export", "{s}", "--format", "doc"], "Muoto ”doc” ei kelpaa"),
])
def test_bad_input_gets_one_clear_line_and_a_nonzero_exit(tmp_path: Path, args: list[str],
                                                          fragment: str) -> None:
    name = new_session(tmp_path).stem
    result = run(tmp_path, *[a.replace("{s}", name) for a in args])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and fragment in lines[0], result.output
    assert "Traceback" not in result.output


def test_messages_follow_the_language(tmp_path: Path) -> None:
    result = run(tmp_path, "status", "kadonnut", lang="sv")
    assert result.exit_code == 1 and "Workshoppen ”kadonnut” finns inte" in result.output
    result = run(tmp_path, "status", "kadonnut", lang="en")
    assert "There is no workshop “kadonnut”" in result.output
    assert "Luo uusi työpaja pohjasta" in run(tmp_path, "new", "--help").output
    assert "Make a new workshop" in run(tmp_path, "new", "--help", lang="en").output


def test_export_json_has_everything_but_no_device_tokens(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").exit_code == 0
    result = run(tmp_path, "export", "demo", "--format", "json", "-o", "-")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["format"] == "facilitator-session" and data["version"] == 1
    assert data["workshop"]["title"] == "Kirkonkylän palvelupaja"
    assert data["workshop"]["participants"]["phones"] == 24
    assert len(data["ideas"]) == 26 and data["votes"][0]["method"] == "dots"
    ranking = data["votes"][0]["ranking"]
    assert ranking == sorted(ranking, key=lambda r: r["rank"])
    assert sum(r["total"] for r in ranking) == sum(
        sum(b["marks"].values()) for b in data["votes"][0]["ballot_list"]) + sum(
        data["votes"][0]["paper_tallies"].values())
    with Workshop.open(tmp_path / "sessions" / "demo.db") as ws:
        hashes = [r["token_hash"] for r in ws.store.db.query("SELECT token_hash FROM devices")]
    text = result.output
    assert hashes and not any(h in text for h in hashes)
    assert "device" not in text and "token" not in text
    written = run(tmp_path, "export", "demo", "--format", "json")
    path = Path(written.output.strip())
    assert path == tmp_path / "exports" / "demo" / "demo.json"
    assert json.loads(path.read_text(encoding="utf-8"))["ideas"] == data["ideas"]


def test_demo_is_a_realistic_palvelupaja_with_voting_open(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").exit_code == 0
    again = run(tmp_path, "demo")
    assert "on jo olemassa" in again.output
    with Workshop.open(tmp_path / "sessions" / "demo.db") as ws:
        assert ws.current().kind == "vote" and ws.info.lang == "fi"
        result = ws.ballots.result()
        assert result.tally.ballots_phone == 20 and result.overall[0].score > 0
        assert {i.source for i in ws.ideas.all()} == {"phone", "paper"}
        assert any(i.status == "merged" for i in ws.ideas.all())


@pytest.mark.slow
def test_the_real_executable(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "facilitator"
    env = {**os.environ, "FACILITATOR_HOME": str(tmp_path), "FACILITATOR_LANG": "en"}
    out = subprocess.run([str(exe), "new", "kumppanuuspoyta", "--title", "Table"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    session = Path(out.stdout.strip().splitlines()[-1])
    bad = subprocess.run([str(exe), "phase", session.stem, "nowhere"], capture_output=True,
                         text=True, env=env, timeout=60)
    assert bad.returncode == 1 and bad.stderr.startswith("There is no phase “nowhere”")
    assert "Traceback" not in bad.stderr
    ok = subprocess.run([sys.executable, "-m", "facilitator", "status", str(session)],
                        capture_output=True, text=True, env=env, timeout=60)
    assert ok.returncode == 0 and "Not started" in ok.stdout


def test_paper_feedback_form_is_typed_by_question(tmp_path: Path) -> None:
    path = new_session(tmp_path, "eratauko")
    assert run(tmp_path, "phase", path.stem, "palaute").exit_code == 0
    result = run(tmp_path, "ballot", path.stem, "heard=4 constructive=5")
    assert result.exit_code == 0, result.output
    bad = run(tmp_path, "ballot", path.stem, "heard=9")
    assert bad.exit_code == 1 and "Valitse numero 1–5" in bad.output
    with Workshop.open(path) as ws:
        result = ws.ballots.result("palaute")
        assert {i.target: (i.mean, i.paper) for i in result.overall} == {
            "heard": (4.0, 1), "constructive": (5.0, 1)}


# -- participant and facilitator text prints exactly as typed (tests/hostile.py) -------------

def hostile_template(folder: Path, case: Case, n: int) -> str:
    """A facilitator's own template whose title and vote phase title are the hostile text."""
    import json

    from facilitator.paths import shipped_templates_dir
    text = (shipped_templates_dir() / "palvelupaja.toml").read_text(encoding="utf-8")
    key = f"oma-{n}"
    title = json.dumps(case.line, ensure_ascii=False)  # a TOML basic string too
    for old, new in (('key = "palvelupaja"', f'key = "{key}"'),
                     ('title.fi = "Palvelupaja"', f"title.fi = {title}"),
                     ('title.fi = "Äänestys"', f"title.fi = {title}")):
        assert old in text
        text = text.replace(old, new, 1)
    folder.mkdir(exist_ok=True)
    (folder / f"{key}.toml").write_text(text, encoding="utf-8")
    return key


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_command_prints_titles_ideas_and_themes_exactly_as_typed(tmp_path: Path,
                                                                      case: Case) -> None:
    import unicodedata

    from facilitator.i18n import Translator
    tr = Translator("fi")
    line = case.line
    own = tmp_path / "omat"
    key = hostile_template(own, case, 1)

    def cli(*args: str):
        result = runner.invoke(build_app("fi"), ["--home", str(tmp_path), "--templates",
                                                 str(own), "--lang", "fi", *args],
                               env={"FACILITATOR_HOME": "", "FACILITATOR_LANG": ""})
        return result

    listed = cli("templates")
    assert listed.exit_code == 0, listed.output
    assert any(out.startswith(f"{key:<26}{line} (20–50), ") for out in
               listed.output.splitlines()), listed.output
    made = cli("new", key, "--title", line, "--date", "2026-11-22", "--theme", line,
               "--theme", "Toinen")
    assert made.exit_code == 0, made.output
    path = Path(made.output.splitlines()[-1])
    with Workshop.open(path) as ws:
        assert ws.info.title == line and tr.text(ws.themes()[0].title) == line
        code, theme = ws.join_code, ws.themes()[0].key
    assert made.output.splitlines()[0] == tr("cli.new.created", title=line, code=code)
    name = path.stem
    stored = unicodedata.normalize("NFC", case.text).strip()
    assert cli("idea", name, "--theme", theme, case.text).exit_code == 0
    assert cli("idea", name, "--theme", theme, "Toinen idea").exit_code == 0
    with Workshop.open(path) as ws:
        assert [i.text for i in ws.ideas.all()] == [stored, "Toinen idea"]
    assert cli("phase", name, "aanestys").exit_code == 0
    assert cli("tally", name, "1", "7").exit_code == 0
    status = cli("status", name)
    assert status.exit_code == 0, status.output
    out = status.output
    assert out.splitlines()[0] == f"{line}, 22.11.2026"
    assert f"\nVaihe 6/9: {line} (äänestys) – aikaa jäljellä " in out
    assert f"\n{line}: 0 lippua puhelimilla, 0 paperilla \n" in out
    assert f"\n    1.     7  #1 {stored}  [{line}]\n" in out
    sessions = cli("sessions")
    assert sessions.output == f"{name:<40}{line} · 22.11.2026 · {line}\n"
    # The facilitator's own hands: edit, merge, decide; errors that repeat what was typed.
    assert cli("edit", name, "2", case.text).exit_code == 0
    assert cli("merge", name, "2", "1").exit_code == 0
    decided = cli("decide", name, "1", "--outcome", "budget", "--owner", line, "--next", line)
    assert decided.exit_code == 0, decided.output
    with Workshop.open(path) as ws:
        assert ws.ideas.get(2).text == stored
    wrong = cli("phase", name, line)
    assert wrong.exit_code == 1 and f"”{line}”" in wrong.output
    wrong = cli("idea", name, "--theme", line, "x")
    assert wrong.exit_code == 1 and f"”{line}”" in wrong.output


def test_a_real_process_prints_the_corpus_byte_for_byte(tmp_path: Path) -> None:
    """`facilitator status` and `sessions` in a real process, through a pipe: exact bytes."""
    import unicodedata

    from facilitator.core.templates import load_template
    from facilitator.paths import shipped_templates_dir
    template = load_template(shipped_templates_dir() / "palvelupaja.toml")
    title = BY_NAME["click-action"].line + " " + BY_NAME["html"].line
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    texts = [unicodedata.normalize("NFC", c.text).strip() for c in CASES]
    with Workshop.create(sessions / "ilta.db", template, title=title, date="2026-11-22") as ws:
        ids = [ws.ideas.submit(text, theme="nuoret", source="paper").id for text in texts]
        ws.goto("aanestys")
        for n, idea_id in enumerate(ids):
            ws.ballots.set_paper_tally(idea_id, 100 - n)
    env = {**os.environ, "FACILITATOR_HOME": str(tmp_path), "FACILITATOR_LANG": "fi",
           "PYTHONIOENCODING": "utf-8", "TERM": "xterm-256color", "FORCE_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "facilitator", "status", "ilta"],
                          capture_output=True, env=env, timeout=60)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    out = done.stdout.decode("utf-8")
    assert out.startswith(f"{title}, 22.11.2026\n")
    for n, text in enumerate(texts[:10]):  # status shows the top ten
        assert f"{n + 1}.".rjust(4) + f" {100 - n:>5}  #{ids[n]} {text}  [Nuoret]\n" in out
    assert "\x1b" not in out  # no colour codes either
    listed = subprocess.run([sys.executable, "-m", "facilitator", "sessions"],
                            capture_output=True, env=env, timeout=60)
    assert listed.stdout.decode("utf-8") == f"{'ilta':<40}{title} · 22.11.2026 · Äänestys\n"


def test_an_insight_slip_from_paper(tmp_path: Path) -> None:
    made = run(tmp_path, "new", "eratauko", "--title", "Dialogi")
    assert made.exit_code == 0
    ws_name = Path(made.output.strip().splitlines()[-1]).stem
    assert run(tmp_path, "insight", ws_name, "Ei vielä").exit_code == 1  # not started
    assert run(tmp_path, "phase", ws_name, "start").exit_code == 0
    added = run(tmp_path, "insight", ws_name, "Kuulin [uuden] näkökulman")
    assert added.exit_code == 0 and "paperilta" in added.output
    with Workshop.open(next((tmp_path / "sessions").glob("dialogi*.db"))) as ws:
        (insight,) = ws.records.insights()
        assert (insight.text, insight.source) == ("Kuulin [uuden] näkökulman", "paper")


def test_an_insight_slip_names_its_round(tmp_path: Path) -> None:
    """Typed in after the evening: without --phase a slip goes to the last insight round
    ("jatko"); `--phase oivallukset` puts it where it was written; a round that collects no
    insights is refused with the ones that do."""
    made = run(tmp_path, "new", "eratauko", "--title", "Kierrokset")
    ws_name = Path(made.output.strip().splitlines()[-1]).stem
    for key in ("start", "oivallukset", "jatko", "palaute"):
        assert run(tmp_path, "phase", ws_name, key).exit_code == 0
    assert run(tmp_path, "insight", ws_name, "Myöhään").exit_code == 0
    assert run(tmp_path, "insight", ws_name, "Oikea kierros", "--phase",
               "oivallukset").exit_code == 0
    wrong = run(tmp_path, "insight", ws_name, "Väärä", "--phase", "pelisaannot")
    assert wrong.exit_code == 1 and "Traceback" not in wrong.output
    assert "pelisaannot ei kerää oivalluksia" in wrong.output
    assert "oivallukset, jatko" in wrong.output
    with Workshop.open(next((tmp_path / "sessions").glob("kierrokset*.db"))) as ws:
        where = {p.row.id: p.key for p in ws.phases()}
        assert {i.text: where[i.phase_id] for i in ws.records.insights()} == {
            "Myöhään": "jatko", "Oikea kierros": "oivallukset"}


def test_a_dialogue_with_the_2019_ground_rules(tmp_path: Path) -> None:
    made = run(tmp_path, "new", "eratauko", "--title", "Vanhat säännöt", "--rules", "2019")
    assert made.exit_code == 0, made.output
    with Workshop.open(Path(made.output.strip().splitlines()[-1])) as ws:
        assert ws.template.rules is not None and ws.template.rules.version == "2019"
    bad = run(tmp_path, "new", "eratauko", "--title", "X", "--rules", "1999")
    assert bad.exit_code == 1 and "2025, 2019" in bad.output and "Traceback" not in bad.output


def test_minutes_details_are_typed_once_and_reach_the_minutes(tmp_path: Path) -> None:
    from tests.export.pdf_tools import contains, text_of

    assert run(tmp_path, "demo").exit_code == 0
    given = run(tmp_path, "details", "demo", "--organiser", "Mansikkalan kunta",
                "--writer", "[bold]Aino[/] Virtanen", "--core-group", "Kunta, kylätoimikunta, "
                "seurakunta", "--contact", "aino@example.invalid",
                "--next-meeting", "15.1.2027 klo 18 kylätalolla",
                "--next-for-residents", "Päätökset kerrotaan kyläkirjeessä helmikuussa.")
    assert given.exit_code == 0, given.output
    assert "Muistion kirjoitti: [bold]Aino[/] Virtanen" in given.output
    shown = run(tmp_path, "details", "demo")
    assert "Järjestäjä: Mansikkalan kunta" in shown.output
    assert run(tmp_path, "details", "demo", "--writer", "").exit_code == 0  # cleared
    assert "Muistion kirjoitti" not in run(tmp_path, "details", "demo").output
    assert run(tmp_path, "export", "demo", "--format", "pdf").exit_code == 0
    text = text_of(tmp_path / "exports" / "demo" / "demo-muistio.pdf")
    for expected in ("Järjestäjä Mansikkalan kunta", "Ydinryhmä Kunta, kylätoimikunta",
                     "Seuraava kokous 15.1.2027 klo 18 kylätalolla",
                     "Päätökset kerrotaan kyläkirjeessä helmikuussa.", "Muistio hyväksytty"):
        assert contains(text, expected), expected
    with Workshop.open(tmp_path / "sessions" / "demo.db") as ws:
        assert "minutes.organiser" not in ws.records.summary()  # the JSON's summary unchanged


def test_questions_print_the_hostile_corpus_as_typed(tmp_path: Path) -> None:
    import unicodedata

    session = new_session(tmp_path).stem
    assert run(tmp_path, "phase", session, "ajankohtaista").exit_code == 0
    for case in CASES:
        asked = run(tmp_path, "question", session, case.line)
        assert asked.exit_code == 0, (case.name, asked.output)
    listed = run(tmp_path, "questions", session)
    assert listed.exit_code == 0 and "Traceback" not in listed.output
    for case in CASES:
        stored = unicodedata.normalize("NFC", case.line).strip()
        assert f"  {stored}  (" in listed.output, case.name


def test_dots_and_paper_questions_from_the_command_line(tmp_path: Path) -> None:
    path = new_session(tmp_path)
    session = path.stem
    assert run(tmp_path, "phase", session, "ajankohtaista").exit_code == 0
    result = run(tmp_path, "question", session, "Milloin tie korjataan? <paperilta>")
    assert result.exit_code == 0 and "Paperikysymys #1 kirjattu." in result.output
    run(tmp_path, "question", session, "Toinen kysymys")
    result = run(tmp_path, "questions", session, "--answered", "1", "--hide", "2")
    assert result.exit_code == 0
    assert "#1      0  Milloin tie korjataan? <paperilta>  (vastattu, paperilta)" in result.output
    assert "(piilotettu, paperilta)" in result.output
    status = run(tmp_path, "status", session).output
    assert "Kysymyksiä: 2 (vastattu 1, piilotettu 1), kannatuksia 0" in status
    bad = run(tmp_path, "questions", session, "--answered", "99")
    assert bad.exit_code == 1 and "Kysymystä 99 ei löydy" in bad.output
    # Dots: before the first ballot, and refused after it with what to do.
    assert run(tmp_path, "phase", session, "aanestys").exit_code == 0
    result = run(tmp_path, "dots", session, "--dots", "4", "--per-idea", "2")
    assert result.exit_code == 0, result.output
    assert "aanestys: jokaisella on 4 ääntä, enintään 2 yhdelle idealle." in result.output
    run(tmp_path, "idea", session, "Laavu", "--theme", "nuoret")
    assert run(tmp_path, "ballot", session, "1=2").exit_code == 0
    refused = run(tmp_path, "dots", session, "--dots", "6", "--per-idea", "3")
    assert refused.exit_code == 1 and "ei voi enää muuttaa" in refused.output
    assert "Traceback" not in refused.output
    with Workshop.open(path) as ws:
        assert ws.phase("aanestys").spec.vote.dots == 4
        assert [q.source for q in ws.questions.all()] == ["paper", "paper"]
