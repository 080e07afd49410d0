"""Fixed evenings for the TUI's tests: real sessions from the shipped templates, a fixed clock.

Everything here goes through core/, as the participant server and the TUI
would: phones join, write and vote through `Workshop`, on the same file the
app opens with its own connection. The join code is fixed so screenshots of
the URL and the QR code are stable.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text

from facilitator.core.templates import load_template, themes_from_titles
from facilitator.core.workshop import Workshop
from facilitator.paths import Settings, shipped_templates_dir
from facilitator.tui.app import FacilitatorApp
from tests.hostile import BY_NAME, CASES, RICH

JOIN = "K7MQ4X"
BASE = "http://192.168.1.20:8000"
URL = f"{BASE}/j/{JOIN}"

IDEAS = {
    "nuoret": ["Nuorisotila koulun tyhjään luokkaan", "Skeittiramppi urheilukentälle",
               "Iltabussi kaupunkiin viikonloppuisin", "Nuorten kesätyöt"],
    "ikaantyneet": ["Kyläapu kauppamatkoille", "Tuolijumppa kylätalolla"],
    "palvelut": ["Kirjastoauto syrjäkylille", "Pankkiautomaatti takaisin"],
    "tyhjat-tilat": ["Vanha koulu harrastuskäyttöön"],
}


def make_app(settings: Settings, clock: Any, session: Path | None = None,
             **kwargs: Any) -> FacilitatorApp:
    """The app as `facilitator run` makes it, with a fixed address and the test's clock."""
    return FacilitatorApp(settings, session=session, base_url=BASE, clock=clock, **kwargs)


def new_session(settings: Settings, template: str, clock: Any, *,
                title: str = "Kirkonkylän palvelupaja", name: str | None = None) -> Workshop:
    path = settings.sessions_dir / f"{name or template}.db"
    ws = Workshop.create(path, load_template(shipped_templates_dir() / f"{template}.toml"),
                         title=title, place="Kylätalo", date="2026-11-22",
                         facilitator="Osallisuuskoordinaattori", clock=clock)
    ws.store.update_workshop(join_code=JOIN)
    return ws


def goto(ws: Workshop, key: str) -> None:
    """Walk the phases up to `key` as a facilitator would (each one started)."""
    for phase in ws.phases():
        if phase.status == "upcoming":
            ws.goto(phase.key)
        if phase.key == key:
            return


def phones(ws: Workshop, n: int) -> list[int]:
    return [ws.participants.join("fi")[1].id for _ in range(n)]


@dataclass
class Evening:
    ws: Workshop
    ideas: dict[str, int]   # text → id
    devices: list[int]


def palvelupaja_ideas(settings: Settings, clock: Any) -> Evening:
    """Ideas phase, 12 phones joined, ideas in four themes, one from paper, 31 in the room."""
    ws = new_session(settings, "palvelupaja", clock)
    goto(ws, "ideointi")
    devices = phones(ws, 12)
    ids: dict[str, int] = {}
    n = 0
    for theme, texts in IDEAS.items():
        for text in texts:
            ids[text] = ws.ideas.submit(text, theme=theme, source="phone",
                                        device_id=devices[n % len(devices)]).id
            n += 1
    ids["Kesätori satamaan"] = ws.ideas.submit("Kesätori satamaan", theme="elinvoima",
                                               source="paper").id
    ws.set_room_count(31)
    clock.advance(minutes=17, seconds=41)
    return Evening(ws, ids, devices)


#: (idea text, dots) per phone ballot. Ties on purpose: 2nd of young people, 1st of services.
BALLOTS = [
    {"Nuorisotila koulun tyhjään luokkaan": 3, "Kyläapu kauppamatkoille": 2},
    {"Nuorisotila koulun tyhjään luokkaan": 2, "Kirjastoauto syrjäkylille": 3},
    {"Kyläapu kauppamatkoille": 3, "Skeittiramppi urheilukentälle": 2},
    {"Kirjastoauto syrjäkylille": 2, "Vanha koulu harrastuskäyttöön": 1,
     "Nuorten kesätyöt": 2},
    {"Nuorisotila koulun tyhjään luokkaan": 1, "Tuolijumppa kylätalolla": 1,
     "Kesätori satamaan": 3},
]


def palvelupaja_vote(settings: Settings, clock: Any) -> Evening:
    """Vote phase open: five phone ballots and a paper tally; results not yet revealed."""
    evening = palvelupaja_ideas(settings, clock)
    ws, ids = evening.ws, evening.ideas
    goto(ws, "aanestys")
    for device, ballot in zip(evening.devices, BALLOTS, strict=False):
        ws.ballots.cast({str(ids[text]): n for text, n in ballot.items()}, source="phone",
                        device_id=device)
    ws.ballots.set_paper_tally(ids["Pankkiautomaatti takaisin"], 5)  # ties with Kirjastoauto
    clock.advance(minutes=6, seconds=30)
    return evening


def palvelupaja_results(settings: Settings, clock: Any) -> Evening:
    """After the vote: the summary phase shows the ranking per theme, ties as ties."""
    evening = palvelupaja_vote(settings, clock)
    evening.ws.reveal("aanestys")
    goto(evening.ws, "yhteenveto")
    clock.advance(minutes=3)
    return evening


def eratauko_insights(settings: Settings, clock: Any) -> Workshop:
    """Erätauko in its insights round, over time: summary half written, insights from phones."""
    ws = new_session(settings, "eratauko", clock, title="Erätauko: kylän tulevaisuus",
                     name="eratauko")
    goto(ws, "oivallukset")
    devices = phones(ws, 6)
    ws.records.set_summary("main_topics", "Koulun tulevaisuus ja kylän palvelut. "
                                          "Laajasti samaa mieltä: kylätalo on tärkeä.")
    ws.records.set_summary("differences", "Osa haluaa uuden koulun, osa yhteiskoulun.")
    for device, text in zip(devices, ["Kuulin nuorten huolen ensimmäistä kertaa.",
                                      "Meillä on enemmän yhteistä kuin luulin.",
                                      "Kylätalo on kaikkien olohuone."], strict=False):
        ws.records.add_insight(text, source="phone", device_id=device)
    clock.advance(minutes=17, seconds=5)  # 15 planned: two minutes over
    return ws


def eratauko_feedback(settings: Settings, clock: Any) -> Workshop:
    """Erätauko's feedback scale, four answers in."""
    ws = eratauko_insights(settings, clock)
    goto(ws, "palaute")
    for device, (heard, constructive) in zip(phones(ws, 4), [(5, 4), (4, 4), (3, 5), (5, 5)],
                                             strict=True):
        ws.ballots.cast({"heard": heard, "constructive": constructive}, source="phone",
                        device_id=device)
    return ws


BUDGET_IDEAS = [  # (theme, text, euros)
    ("lahiliikunta", "Kuntoportaat rinteeseen", 9000),
    ("lahiliikunta", "Valaistus kuntopolulle", 7000),
    ("kylan-tilat", "Kylätalon keittiöremontti", 8000),
    ("kulttuuri-tapahtumat", "Kesäteatterin katsomo", 4000),
    ("kulttuuri-tapahtumat", "Joulutori", 1500),
]


def budget_results(settings: Settings, clock: Any) -> Workshop:
    """Participatory budgeting after the vote: the funded set and the money left."""
    ws = new_session(settings, "osallistuva-budjetointi", clock, title="Kylärahat 2027",
                     name="budjetti")
    goto(ws, "ideointi")
    ids = [ws.ideas.submit(text, theme=theme, source="paper", cost_cents=euros * 100).id
           for theme, text, euros in BUDGET_IDEAS]
    goto(ws, "aanestys")
    choices = [[0, 3], [0, 4], [1, 3, 4], [2, 4], [0, 1], [2, 3]]
    for device, picks in zip(phones(ws, len(choices)), choices, strict=True):
        ws.ballots.cast({str(ids[i]): 1 for i in picks}, source="phone", device_id=device)
    goto(ws, "tulokset")
    return ws


async def wait_for(pilot: Any, condition: Callable[[], bool], timeout: float = 2.0,
                   step: float = 0.05) -> float:
    """Pause the app until `condition()` holds; returns the seconds it took (fails on timeout)."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not condition():
        if loop.time() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        await pilot.pause(step)
    return loop.time() - start


def shown(widget: Any) -> str:
    """The text a widget shows now, as a facilitator would read it."""
    rendered = widget.render()
    if isinstance(rendered, Text):
        return rendered.plain
    return str(getattr(widget, "content", rendered))


def notices(app: Any) -> list[str]:
    """The notifications (toasts) shown so far."""
    return [str(n.message) for n in app._notifications]


# -- the hostile corpus in every place the TUI shows text (tests/hostile.py) -----------

#: The workshop's title: the three cases that crashed or steered the app, in one line.
TITLE = " ".join(BY_NAME[n].text for n in ("close-nothing", "click-action", "bold-unclosed"))
TEMPLATE_TITLE = BY_NAME["link"].text + " oma pohja"


def _toml(text: str) -> str:
    """A TOML basic string holding `text` exactly."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def hostile_template(folder: Path, key: str) -> Path:
    """A facilitator's own copy of a shipped template, with the corpus in its texts."""
    source = (shipped_templates_dir() / f"{key}.toml").read_text(encoding="utf-8")
    rich = iter(RICH * 4)

    def phase_title(match: re.Match[str]) -> str:
        return f'{match.group(1)}title.fi = {_toml(next(rich).line + " " + match.group(2))}'

    head, _, phases = source.partition("[[phases]]")
    head = head.replace(f'key = "{key}"', f'key = "oma-{key}"', 1)
    head = re.sub(r'^title\.fi = ".*"$', f"title.fi = {_toml(TEMPLATE_TITLE)}", head, count=1,
                  flags=re.M)
    head = re.sub(r'^description\.fi = """', 'description.fi = """'
                  + BY_NAME["colour"].text.replace("\\", "\\\\") + " ", head, count=1, flags=re.M)
    phases = re.sub(r'^(\s*)title\.fi = "(.*)"$', phase_title, phases, flags=re.M)
    phases = re.sub(r'^(\s*script\.fi = """)', r"\1" + BY_NAME["escaped"].text.replace(
        "\\", "\\\\\\\\") + " ", phases, flags=re.M)
    path = folder / f"oma-{key}.toml"
    path.write_text(head + "[[phases]]" + phases, encoding="utf-8")
    return path


def hostile_palvelupaja(settings: Settings, clock: Any) -> tuple[Workshop, dict[str, int]]:
    """A palvelupaja from the hostile template: one theme and one idea per case, notes,
    phone ballots and paper votes, decisions whose owners and next steps are the corpus."""
    assert settings.user_templates is not None
    template = load_template(hostile_template(settings.user_templates, "palvelupaja"))
    themes = themes_from_titles(template, [c.line for c in CASES])
    ws = Workshop.create(settings.sessions_dir / "vihamielinen.db", template, title=TITLE,
                         place=BY_NAME["format"].line, date="2026-11-22",
                         facilitator=BY_NAME["emoji"].line, themes=themes, clock=clock)
    ws.store.update_workshop(join_code=JOIN)
    goto(ws, "ideointi")
    devices = phones(ws, 4)
    ids: dict[str, int] = {}
    for n, (case, theme) in enumerate(zip(CASES, themes, strict=True)):
        source = "phone" if case.phone else "paper"
        ids[case.name] = ws.ideas.submit(case.text, theme=theme.key, source=source,
                                         device_id=devices[n % 4] if case.phone else None).id
    for case in CASES:
        ws.records.note(case.text)
    return ws, ids


def vote(ws: Workshop, ids: dict[str, int]) -> None:
    goto(ws, "aanestys")
    names = list(ids)
    for n, device in enumerate(phones(ws, 3)):
        picks = names[n * 3:n * 3 + 3]
        ws.ballots.cast({str(ids[p]): 1 for p in picks}, source="phone", device_id=device)
    for name in names[9:]:
        ws.ballots.set_paper_tally(ids[name], 1)


def decide(ws: Workshop, ids: dict[str, int]) -> None:
    for n, case in enumerate(CASES[:10]):
        ws.records.decide(ids[case.name], outcome="budget", owner=case.line,
                          next_step=CASES[-1 - n].line)


def hostile_eratauko(settings: Settings, clock: Any) -> Workshop:
    """An Erätauko in its insights round: the corpus as insights and summary fields."""
    assert settings.user_templates is not None
    template = load_template(hostile_template(settings.user_templates, "eratauko"))
    ws = Workshop.create(settings.sessions_dir / "dialogi.db", template,
                         title=BY_NAME["link"].line, clock=clock)
    ws.store.update_workshop(join_code=JOIN)
    goto(ws, "oivallukset")
    phone_cases = [c for c in CASES if c.phone]
    for device, case in zip(phones(ws, len(phone_cases)), phone_cases, strict=True):
        ws.records.add_insight(case.text, source="phone", device_id=device)
    for field, case in zip(ws.records.summary_keys(), CASES, strict=False):
        ws.records.set_summary(field, case.text)
    return ws


# -- a process between meetings (the register screen) ------------------------------------

PROCESS_IDEAS = [  # (theme, text, paper votes)
    ("nuoret", "Skeittiramppi urheilukentälle", 9),
    ("nuoret", "Nuorisotila koulun tyhjään luokkaan", 7),
    ("nuoret", "Iltabussi kaupunkiin", 2),
    ("tilat", "Vanha koulu kylätaloksi", 5),
    ("tilat", "Kirjastoauto syrjäkylille", 0),
]


def kirkonkyla_process(settings: Settings, clock: Any, *, ideas: Any = None,
                       name: str = "Kirkonkylän osallisuus 2027",
                       workshop_title: str = "Syksyn palvelupaja") -> Any:
    """A process with one palvelupaja read into the register and a few journeys under way:
    one decided idea is past its due date (by the test clock, 22.11.2026)."""
    from facilitator.core.process import Process
    from facilitator.core.templates import ThemeSpec

    proc = Process.create(settings.process_dir("kirkonkyla"), name=name,
                          municipality="Mansikkala", coordinator="Aino Virtanen", clock=clock)
    proc.set_themes([ThemeSpec("nuoret", {"fi": "Nuoret"}),
                     ThemeSpec("tilat", {"fi": "Tyhjät tilat"})])
    template = load_template(shipped_templates_dir() / "palvelupaja.toml")
    ws = proc.new_workshop(proc.folder / "palvelupaja.db", template, title=workshop_title,
                           date="2026-10-01")
    goto(ws, "ideointi")
    ids = {text: ws.ideas.submit(text, theme=theme, source="paper").id
           for theme, text, _ in (ideas or PROCESS_IDEAS)}
    goto(ws, "aanestys")
    for _theme, text, n in (ideas or PROCESS_IDEAS):
        if n:
            ws.ballots.set_paper_tally(ids[text], n)
    ws.set_room_count(23)
    ws.close()
    proc.sync()
    reg = proc.register
    by_text = {e.text: e.id for e in proc.store.entries()}
    if ideas is None:
        skate = by_text["Skeittiramppi urheilukentälle"]
        reg.change(skate, status="considering")
        reg.change(skate, status="decided", outcome="budget", owner="Nuorisotoimi",
                   owner_public=True, next_step="Hinta-arvio", due="1.11.2026")
        school = by_text["Vanha koulu kylätaloksi"]
        reg.change(school, status="considering")
        reg.change(school, status="decided", outcome="joint_doing", owner="Aino Virtanen",
                   due="1.3.2027", note="Kyläyhdistys avaa koulun ovet keväällä.")
        reg.change(by_text["Nuorisotila koulun tyhjään luokkaan"], status="considering")
    return proc


def hostile_process(settings: Settings, clock: Any) -> tuple[Any, dict[str, int]]:
    """A process whose name, themes, workshop, ideas, owners, next steps and public notes
    are the hostile corpus; returns it and each case's register entry."""
    from facilitator.core.process import Process

    proc = Process.create(settings.process_dir("vihamielinen"), name=TITLE,
                          municipality=BY_NAME["format"].line, clock=clock)
    template = load_template(shipped_templates_dir() / "palvelupaja.toml")
    themes = themes_from_titles(template, [c.line for c in CASES])
    proc.set_themes(themes)
    ws = proc.new_workshop(proc.folder / "paja.db", template, title=BY_NAME["link"].line,
                           date="2026-10-01")
    goto(ws, "ideointi")
    ids = {c.name: ws.ideas.submit(c.text, theme=t.key, source="paper").id
           for c, t in zip(CASES, themes, strict=True)}
    goto(ws, "aanestys")
    for n, case in enumerate(CASES):
        ws.ballots.set_paper_tally(ids[case.name], n % 4)
    ws.close()
    proc.sync()
    entries = {e.text: e.id for e in proc.store.entries()}
    by_case = {c.name: entries[c.text] for c in CASES}
    for n, case in enumerate(CASES):
        proc.register.change(by_case[case.name], status="considering", owner=case.line,
                             owner_public=n % 2 == 0, next_step=CASES[-1 - n].line,
                             note=case.text, due="1.11.2026")
    return proc, by_case
