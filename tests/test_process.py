"""The participation process and its idea register: rules, sync, links, the follow-up."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FakeClock, shipped

from facilitator.core.process import Process, find_process
from facilitator.core.register import STATUSES, TRANSITIONS, check_transition, steps_to
from facilitator.core.templates import ThemeSpec
from facilitator.core.workshop import Workshop
from facilitator.errors import InvalidInput, NotFound, StoreRefused
from facilitator.paths import Settings
from facilitator.store import Store
from facilitator.store.schema import MIGRATIONS, SCHEMA_VERSION

THEMES = [ThemeSpec("nuoret", {"fi": "Nuoret"}), ThemeSpec("tilat", {"fi": "Tyhjät tilat"})]


@pytest.fixture
def proc(tmp_path: Path, clock: FakeClock) -> Iterator[Process]:
    p = Process.create(tmp_path / "processes" / "kirkonkyla", name="Kirkonkylän osallisuus",
                       municipality="Mansikkala", coordinator="Aino", clock=clock)
    p.set_themes(THEMES)
    yield p
    p.close()


def paja(proc: Process, name: str = "paja", votes: dict[str, int] | None = None,
         ideas: tuple[tuple[str, str], ...] = (("nuoret", "Skeittiramppi"),
                                               ("nuoret", "Nuorisotila"),
                                               ("tilat", "Kylätalo käyttöön"))) -> Workshop:
    """A palvelupaja in the process with paper ideas and paper votes by idea text."""
    ws = proc.new_workshop(proc.folder / f"{name}.db", shipped("palvelupaja"),
                           title="Palvelupaja", date="2027-02-10")
    ids = {text: ws.ideas.submit(text, theme=theme, source="paper").id for theme, text in ideas}
    ws.goto("aanestys")
    for text, n in (votes or {}).items():
        ws.ballots.set_paper_tally(ids[text], n)
    return ws


def entry_by_text(proc: Process, text: str) -> int:
    return next(e.id for e in proc.store.entries() if e.text == text and e.linked_to is None)


# -- the status machine ------------------------------------------------------------------

@pytest.mark.parametrize("before, after", list(itertools.product(STATUSES, STATUSES)))
def test_every_transition_is_allowed_or_refused_by_the_one_rule(before: str, after: str) -> None:
    if after in TRANSITIONS[before]:
        check_transition(before, after)
    else:
        with pytest.raises(InvalidInput) as err:
            check_transition(before, after)
        assert err.value.key == "error.status_not_allowed"
    allowed = {"new": {"considering", "not_taken"}, "considering": {"decided", "not_taken"},
               "decided": {"in_progress", "not_taken"}, "in_progress": {"done", "not_taken"},
               "done": set(), "not_taken": {"considering"}}
    assert (after in TRANSITIONS[before]) == (after in allowed[before])


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        check_transition("new", "finished")
    assert err.value.key == "error.bad_status"
    assert steps_to("new", "decided") == ["considering", "decided"]
    assert steps_to("done", "new") == []


def test_a_journey_new_to_done_keeps_every_change_dated(proc: Process, clock: FakeClock
                                                        ) -> None:
    paja(proc).close()
    proc.sync()
    reg = proc.register
    eid = entry_by_text(proc, "Skeittiramppi")
    with pytest.raises(InvalidInput) as err:
        reg.change(eid, status="decided")        # not before it is considered
    assert err.value.key == "error.status_not_allowed"
    reg.change(eid, status="considering", actor="cli")
    clock.advance(days=30)
    with pytest.raises(InvalidInput) as err:
        reg.change(eid, status="decided")        # where does it go?
    assert err.value.key == "error.outcome_required"
    reg.change(eid, status="decided", outcome="a", owner="Nuorisotoimi", next_step="Hinta",
               due="31.5.2027", actor="cli")
    reg.change(eid, status="in_progress", note="Rakennus alkaa kesällä.", actor="cli")
    reg.change(eid, status="done", actor="cli")
    e = reg.entry(eid)
    assert (e.status, e.outcome, e.owner, e.due, e.public_note) == (
        "done", "budget", "Nuorisotoimi", "2027-05-31", "Rakennus alkaa kesällä.")
    history = reg.history(reg.idea(eid))
    assert [h.changes.get("status") for h in history] == [
        [None, "new"], ["new", "considering"], ["considering", "decided"],
        ["decided", "in_progress"], ["in_progress", "done"]]
    assert history[2].changes["outcome"] == ["", "budget"]
    assert history[1].at < history[2].at
    for status in ("not_taken", "considering", "new"):
        with pytest.raises(InvalidInput):
            reg.change(eid, status=status, reason="x")   # done is done
    # The history refuses to be rewritten (the store says so as its own refusal).
    with pytest.raises(StoreRefused):
        proc.store._exec("DELETE FROM history")
    with pytest.raises(StoreRefused):
        proc.store._exec("UPDATE history SET actor = 'x'")


def test_not_taken_needs_a_reason_and_can_be_reopened(proc: Process) -> None:
    paja(proc).close()
    proc.sync()
    reg = proc.register
    eid = entry_by_text(proc, "Nuorisotila")
    with pytest.raises(InvalidInput) as err:
        reg.change(eid, status="not_taken")
    assert err.value.key == "error.reason_required"
    reg.change(eid, status="not_taken", reason="Tila on jo olemassa.")
    reg.change(eid, status="considering")
    e = reg.entry(eid)
    assert (e.status, e.reason) == ("considering", "")
    changes = [h.changes for h in reg.history(reg.idea(eid))]
    assert changes[-2]["reason"] == ["", "Tila on jo olemassa."]   # kept in history
    assert changes[-1]["reason"] == ["Tila on jo olemassa.", ""]


@pytest.mark.parametrize("kwargs, key", [
    ({"outcome": "g"}, "error.bad_outcome"),
    ({"outcome": "budjetti"}, "error.bad_outcome"),
    ({"due": "31.13.2027"}, "error.bad_date"),
    ({"due": "ensi viikolla"}, "error.bad_date"),
    ({"owner": "a\x00b"}, "error.text_control"),
    ({"note": "x" * 1001}, "error.text_too_long"),
])
def test_bad_input_is_refused_with_its_own_message(proc: Process, kwargs: dict[str, str],
                                                   key: str) -> None:
    paja(proc).close()
    proc.sync()
    with pytest.raises(InvalidInput) as err:
        proc.register.change(entry_by_text(proc, "Nuorisotila"), **kwargs)
    assert err.value.key == key
    with pytest.raises(NotFound) as nf:
        proc.register.change(999, status="considering")
    assert nf.value.key == "error.unknown_entry"


# -- sync ---------------------------------------------------------------------------------------

def test_sync_puts_every_visible_idea_in_the_register_once(proc: Process) -> None:
    ws = paja(proc, votes={"Skeittiramppi": 5, "Nuorisotila": 5, "Kylätalo käyttöön": 2})
    hidden = ws.ideas.submit("Roskaa", theme="nuoret", source="paper").id
    ws.ideas.hide(hidden, "asiaton")
    dup = ws.ideas.submit("Skeittipaikka", theme="nuoret", source="paper").id
    ws.ideas.merge(dup, 1)
    ws.close()
    report = proc.sync()
    assert (report.workshops, report.added, report.updated, report.decided) == (1, 3, 0, 0)
    rows = {e.text: e for e in proc.store.entries()}
    assert set(rows) == {"Skeittiramppi", "Nuorisotila", "Kylätalo käyttöön"}
    assert (rows["Skeittiramppi"].votes, rows["Skeittiramppi"].rank,
            rows["Skeittiramppi"].tied) == (5, 1, True)      # a tie stays a tie
    assert (rows["Kylätalo käyttöön"].theme, rows["Kylätalo käyttöön"].rank) == ("tilat", 1)
    assert rows["Nuorisotila"].source == "paper"
    history_before = len(proc.store.history([e.id for e in rows.values()]))
    # Again: nothing added, nothing changed, no history.
    assert proc.sync() == type(report)(1, 0, 0, 0)
    assert len(proc.store.history([e.id for e in rows.values()])) == history_before
    # The workshop changes: the register follows, with history.
    with Workshop.open(proc.folder / "paja.db") as again:
        again.ballots.set_paper_tally(2, 9)
    assert proc.sync().updated >= 1
    e = proc.register.entry(rows["Nuorisotila"].id)
    assert (e.votes, e.rank, e.tied) == (9, 1, False)
    assert proc.register.history(proc.register.idea(e.id))[-1].changes["votes"] == [5, 9]


def test_a_workshop_decision_is_imported_once(proc: Process) -> None:
    ws = paja(proc, votes={"Skeittiramppi": 4})
    ws.records.decide(1, outcome="joint_doing", owner="Kylätoimikunta", next_step="Talkoot",
                      due="2027-06-01")
    ws.close()
    assert proc.sync().decided == 1
    eid = entry_by_text(proc, "Skeittiramppi")
    e = proc.register.entry(eid)
    assert (e.status, e.outcome, e.owner, e.next_step, e.due) == (
        "decided", "joint_doing", "Kylätoimikunta", "Talkoot", "2027-06-01")
    steps = [h.changes.get("status") for h in proc.register.history(proc.register.idea(eid))]
    assert steps == [[None, "new"], ["new", "considering"], ["considering", "decided"]]
    assert proc.sync().decided == 0
    # Moved on in the register: a re-sync leaves it be.
    proc.register.change(eid, status="in_progress")
    assert proc.sync().decided == 0
    assert proc.register.entry(eid).status == "in_progress"


def test_the_first_partnership_table_sets_the_process_themes(tmp_path: Path,
                                                             clock: FakeClock) -> None:
    with Process.create(tmp_path / "p", name="P", clock=clock) as p:
        table = p.new_workshop(p.folder / "poyta.db", shipped("kumppanuuspoyta"),
                               title="Kumppanuuspöytä", themes=THEMES)
        table.close()
        assert p.themes() == []
        report = p.sync()
        assert report.themes_from == "poyta"
        assert [t.key for t in p.themes()] == ["nuoret", "tilat"]
        # A palvelupaja takes them by default, and may change them.
        w = p.new_workshop(p.folder / "paja.db", shipped("palvelupaja"), title="Paja")
        assert [t.key for t in w.themes()] == ["nuoret", "tilat"]
        assert w.info.process == "P" and w.info.uid
        w.close()
        w2 = p.new_workshop(p.folder / "paja2.db", shipped("palvelupaja"), title="Paja 2",
                            themes=[ThemeSpec("kirjasto", {"fi": "Kirjasto"})])
        assert [t.key for t in w2.themes()] == ["kirjasto"]
        w2.close()
        p.themes_from("paja2")
        assert [t.key for t in p.themes()] == ["kirjasto"]
        with pytest.raises(NotFound):
            p.themes_from("eiole")
        with pytest.raises(InvalidInput):
            p.new_workshop(tmp_path / "muualla.db", shipped("palvelupaja"), title="X")


# -- links --------------------------------------------------------------------------------------

def test_the_same_idea_from_two_places_is_linked_keeping_both(proc: Process) -> None:
    paja(proc, "paja", votes={"Skeittiramppi": 6}).close()
    paja(proc, "paja2", votes={"Skatepark": 3},
         ideas=(("nuoret", "Skatepark"),)).close()
    proc.sync()
    a, b = entry_by_text(proc, "Skeittiramppi"), entry_by_text(proc, "Skatepark")
    with pytest.raises(InvalidInput) as err:
        proc.register.link(a, a)
    assert err.value.key == "error.link_self"
    proc.register.link(b, a)
    idea = proc.register.idea(b)           # a linked entry shows its canonical idea
    assert idea.id == a
    assert [(o.entry.text, o.entry.votes, o.workshop.date) for o in idea.origins] == [
        ("Skeittiramppi", 6, "2027-02-10"), ("Skatepark", 3, "2027-02-10")]
    assert idea.votes == 9
    assert len(proc.register.ideas()) == 3
    with pytest.raises(InvalidInput) as err:
        proc.register.change(b, status="considering")
    assert err.value.key == "error.entry_linked"
    with pytest.raises(InvalidInput):
        proc.register.link(a, b)           # into its own linked entry
    assert proc.sync() == type(proc.sync())(2, 0, 0, 0)   # the link survives a sync


def test_the_public_view_shows_the_owner_only_when_marked(proc: Process) -> None:
    paja(proc).close()
    proc.sync()
    eid = entry_by_text(proc, "Nuorisotila")
    proc.register.change(eid, status="considering", owner="Matti Meikäläinen")
    assert proc.register.idea(eid).public()["owner"] == ""
    proc.register.change(eid, owner_public=True)
    assert proc.register.idea(eid).public()["owner"] == "Matti Meikäläinen"
    assert "device" not in str(proc.register.idea(eid).public())


# -- the follow-up partnership table ---------------------------------------------------------

def test_the_follow_up_starts_with_the_top_open_ideas_and_its_decisions_flow_back(
        proc: Process) -> None:
    ideas = tuple(("nuoret", f"Nuoret {n}") for n in range(1, 6)) + (("tilat", "Kylätalo"),
                                                                      ("tilat", "Koulu"))
    paja(proc, votes={"Nuoret 1": 9, "Nuoret 2": 7, "Nuoret 3": 5, "Nuoret 4": 5,
                      "Nuoret 5": 1, "Kylätalo": 2}, ideas=ideas).close()
    proc.sync()
    proc.register.change(entry_by_text(proc, "Nuoret 2"), status="not_taken", reason="Tehty")
    table = proc.new_workshop(proc.folder / "poyta2.db", shipped("kumppanuuspoyta"),
                              title="Kumppanuuspöytä 2")
    agenda = {i.text: i.id for i in table.ideas.visible()}
    # Top 3 of each open theme: Nuoret 3 and 4 tie at the edge and both come; no-vote
    # ideas do not; the idea not taken forward does not.
    assert set(agenda) == {"Nuoret 1", "Nuoret 3", "Nuoret 4", "Kylätalo"}
    assert all(i.source == "facilitator" for i in table.ideas.visible())
    for text in agenda:
        assert proc.register.entry(entry_by_text(proc, text)).status == "considering"
    # The table votes and decides.
    table.goto("painopisteet")
    table.ballots.set_paper_tally(agenda["Nuoret 3"], 6)
    table.records.decide(agenda["Nuoret 3"], outcome="project_funding",
                         owner="Kehittämisyhdistys", next_step="Leader-haku", due="2027-09-30")
    table.close()
    report = proc.sync()
    assert report.decided == 1
    original = proc.register.entry(entry_by_text(proc, "Nuoret 3"))
    assert (original.status, original.outcome, original.owner, original.workshop_uid) == (
        "decided", "project_funding", "Kehittämisyhdistys",
        next(w.uid for w in proc.workshops() if w.title == "Palvelupaja"))
    idea = proc.register.idea(original.id)
    assert [o.entry.votes for o in idea.origins] == [5, 6]   # the paja's and the table's
    assert [o.workshop.title for o in idea.origins] == ["Palvelupaja", "Kumppanuuspöytä 2"]
    # One register entry per idea: the table's copies are linked, not new ideas.
    assert len(proc.register.ideas()) == 7
    assert proc.sync().decided == 0


# -- files: old session files, copying the folder, finding workshops -------------------------------

def _v2_file(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0] + MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    import json
    conn.execute("INSERT INTO workshop (id, title, template_key, template_json, join_code, "
                 "created_at) VALUES (1, 'Vanha', 'palvelupaja', ?, 'ABCDEF', '2025-01-01')",
                 [json.dumps(dict(shipped("palvelupaja").raw))])
    conn.execute("INSERT INTO themes (position, key, title) VALUES (0, 'nuoret', '{}')")
    conn.execute("INSERT INTO ideas (theme_id, text, original_text, source, created_at) "
                 "VALUES (1, 'Vanha idea', 'Vanha idea', 'paper', '2025-01-01')")
    conn.close()


def test_a_v2_session_file_migrates_keeps_its_data_and_gets_an_id(tmp_path: Path) -> None:
    assert SCHEMA_VERSION >= 3
    _v2_file(tmp_path / "old.db")
    with Workshop.open(tmp_path / "old.db") as ws:
        assert ws.store.schema_version() == SCHEMA_VERSION
        assert ws.info.title == "Vanha" and ws.info.process == ""
        assert len(ws.info.uid) == 32
        assert [i.text for i in ws.ideas.all()] == ["Vanha idea"]
        uid = ws.info.uid
    with Workshop.open(tmp_path / "old.db") as ws:
        assert ws.info.uid == uid                 # stable
    a = Workshop.create(tmp_path / "a.db", shipped("eratauko"), title="A")
    b = Workshop.create(tmp_path / "b.db", shipped("eratauko"), title="B")
    assert a.info.uid and b.info.uid and a.info.uid != b.info.uid
    a.close()
    b.close()


def test_an_old_file_moved_into_a_process_folder_is_synced(proc: Process) -> None:
    _v2_file(proc.folder / "vanha.db")
    report = proc.sync()
    assert report.added == 1 and report.workshops == 1
    assert proc.store.entries()[0].text == "Vanha idea"


def test_a_copied_folder_opens_elsewhere_and_each_workshop_alone(proc: Process, tmp_path: Path
                                                                 ) -> None:
    paja(proc, votes={"Skeittiramppi": 3}).close()
    proc.sync()
    eid = entry_by_text(proc, "Skeittiramppi")
    proc.register.change(eid, status="considering")
    proc.close()
    moved = tmp_path / "usb" / "kirkonkyla"
    shutil.copytree(tmp_path / "processes" / "kirkonkyla", moved)
    with Process.open(moved) as p:
        assert p.info.name == "Kirkonkylän osallisuus"
        assert p.register.entry(eid).status == "considering"
        assert p.sync() == type(p.sync())(1, 0, 0, 0)
    with Workshop.open(moved / "paja.db") as ws:
        assert ws.info.process == "Kirkonkylän osallisuus"
        assert len(ws.ideas.visible()) == 3
    # A copy of a workshop file in the same folder is not counted twice.
    shutil.copy(moved / "paja.db", moved / "kopio.db")
    with Process.open(moved) as p:
        assert p.sync().skipped == ("paja.db",) or p.sync().skipped == ("kopio.db",)


def test_settings_find_workshops_inside_processes(proc: Process, tmp_path: Path) -> None:
    paja(proc).close()
    settings = Settings.load(home=tmp_path, env={})
    assert settings.resolve_session("paja") == (proc.folder / "paja.db").resolve()
    assert [p.name for p in settings.list_sessions()] == ["paja.db"]
    assert settings.export_dir_for(proc.folder / "paja.db") == tmp_path / "exports" / "paja"
    assert settings.new_session_path("Paja", None, folder=proc.folder) == \
        proc.folder / "paja-2.db"
    assert settings.new_session_path("Process", None, folder=proc.folder).name == "process-2.db"
    assert find_process(settings.processes_dir, "kirkonkyla") == proc.folder
    assert find_process(settings.processes_dir, "KIRKONKYLÄN  osallisuus") == proc.folder
    with pytest.raises(NotFound) as err:
        find_process(settings.processes_dir, "muu")
    assert err.value.key == "error.unknown_process"
    with pytest.raises(NotFound):
        settings.resolve_session("process")
    with Store.open(proc.folder / "paja.db") as store:
        assert store.schema_version() == SCHEMA_VERSION
