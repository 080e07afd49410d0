"""Sessions that have been through a whole evening, for the export tests and the benchmark.

Everything goes through the domain (ideas, moderation, ballots, decisions) as the
facilitator and the phones would do it, with a clock moved by hand.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # bench/export_bench.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The names the export tests use come from the one corpus (tests/hostile.py).
from facilitator.core.templates import load_template
from facilitator.core.workshop import Workshop
from facilitator.paths import shipped_templates_dir
from tests.hostile import ARABIC, HEBREW, MARKUP, TEXTS  # noqa: F401

BASE_URL = "http://192.168.1.20:8000"
SSID = 'Kylätalo;Vieras "2G"'       # every character the WIFI: format must escape
PASSWORD = r"sala:sana,\yö"

START = dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.UTC)  # 18.00 in Helsinki

#: What participants really type, and what a script kiddie would: the one corpus of
#: tests/hostile.py (paper and the facilitator may type markup, phones may not); all of
#: it must print as typed. The names stay for the export tests that use them.
HOSTILE: list[str] = list(TEXTS)


def template(key: str):
    return load_template(shipped_templates_dir() / f"{key}.toml")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


def _new(path: Path | str, key: str, clock: Clock, **info: str) -> Workshop:
    ws = Workshop.create(path, template(key), lang="fi", clock=clock, **info)
    ws.start()
    return ws


def _through(ws: Workshop, clock: Clock, until_kind: str) -> None:
    """Walk the phases, each taking a little longer than planned, up to a phase of a kind."""
    while True:
        current = ws.current()
        if current is not None and current.kind == until_kind:
            return
        ws.next()
        clock.tick((ws.current().minutes if ws.current() else 0) + 2)


def palvelupaja(path: Path | str, *, ideas_per_theme: int = 4, hostile: bool = True,
                phones: int = 24, seed: int = 7) -> Workshop:
    """A palvelupaja after the evening: ideas, duplicates, hidden ones, votes, decisions, notes."""
    rng = random.Random(seed)
    clock = Clock()
    ws = _new(path, "palvelupaja", clock, title="Kirkonkylän palvelupaja",
              place="Kylätalo, Kirkonkylä", date="2026-11-22", facilitator="Aino Virtanen")
    clock.tick(32)
    _through(ws, clock, "ideas")
    devices = [ws.participants.join("fi")[1] for _ in range(phones)]
    themes = [t.key for t in ws.themes()]
    for n in range(ideas_per_theme):
        for theme in themes:
            device = devices[(n * len(themes) + themes.index(theme)) % len(devices)]
            ws.ideas.submit(f"{theme.capitalize()}: idea numero {n + 1} kylän hyväksi",
                            theme=theme, source="phone", device_id=device.id)
            clock.tick(0.05)
    if hostile:
        for i, text in enumerate(HOSTILE):
            ws.ideas.submit(text, theme=themes[i % len(themes)], source="paper")
    everything = ws.ideas.all()
    ws.ideas.merge(everything[1].id, everything[0].id)
    ws.ideas.hide(everything[2].id, "Loukkaava kieli")
    ws.ideas.edit(everything[3].id, everything[3].text + " (tarkennettu)")
    ws.set_room_count(phones + 7)
    ws.set_paper_count(5)
    ws.records.note("Keskustelu nuorten tilasta oli vilkas. Sovittiin kysyä koululta.")
    _through(ws, clock, "vote")
    vote = ws.current()
    assert vote is not None and vote.spec.vote is not None
    options = list(ws.ballots.options(vote))
    for device in devices[: phones - 4]:
        marks: dict[str, object] = {}
        left = vote.spec.vote.dots
        while left:
            pick = rng.choice(options[:12])
            if int(marks.get(pick, 0)) < vote.spec.vote.per_idea:  # type: ignore[call-overload]
                marks[pick] = int(marks.get(pick, 0)) + 1  # type: ignore[call-overload]
                left -= 1
        ws.ballots.cast(marks, source="phone", device_id=device.id)
    ws.ballots.cast({options[5]: 3, options[6]: 2}, source="paper")
    ws.ballots.cast({options[7]: 1}, source="paper")
    ws.ballots.set_paper_tally(int(options[-1]), 4)
    clock.tick(17)
    _through(ws, clock, "decide")
    top = ws.ballots.result(vote.key).overall
    ws.records.decide(int(top[0].target), outcome="budget", owner="Sivistyslautakunta",
                      next_step="Kustannusarvio talousarvioon", due="2027-02-15")
    ws.records.decide(int(top[1].target), outcome="joint_doing", owner="Kyläyhdistys",
                      next_step="Talkoot keväällä")
    ws.records.note("Pitkä huomio: " + "y" * 5000)
    clock.tick(12)
    ws.finish()
    return ws


def eratauko(path: Path | str, *, paper_insights: tuple[str, ...] = ()) -> Workshop:
    """An Erätauko dialogue with the note-taker's summary, phone insights and feedback."""
    clock = Clock()
    ws = _new(path, "eratauko", clock, title="Erätauko: kylän tulevaisuus",
              place="Seurakuntatalo", date="2026-11-23", facilitator="Kylätoimikunta")
    ws.set_room_count(14)
    devices = [ws.participants.join("fi")[1] for _ in range(9)]
    _through(ws, clock, "round")
    for i, text in enumerate(["Kuuntelin ensimmäistä kertaa nuoria 👂",
                              "Kylätalo on meille kaikille tärkeä",
                              "Keskustelu jatkukoon kunnanvaltuuston kanssa", ARABIC]):
        ws.records.add_insight(text, source="phone", device_id=devices[i].id)
    for text in paper_insights:   # the closing round's slips, typed in
        ws.records.add_insight(text, source="paper")
    ws.records.set_summary("main_topics", "Kylätalon tulevaisuus, nuorten paikat, "
                           "yhteiset talkoot. Laaja yhteisymmärrys: talo pidetään.")
    ws.records.set_summary("differences", "Osa halusi myydä talon, osa ei missään nimessä.")
    ws.records.set_summary("continues", "Kyläyhdistys kutsuu valtuutetut keväällä.")
    _through(ws, clock, "feedback")
    for i, device in enumerate(devices):
        ws.ballots.cast({"heard": 5 - i % 3, "constructive": 4 + i % 2}, source="phone",
                        device_id=device.id)
    clock.tick(5)
    ws.finish()
    return ws


def budget(path: Path | str) -> Workshop:
    """Participatory budgeting with costs, a tie that cannot be settled silently, money left."""
    clock = Clock()
    ws = _new(path, "osallistuva-budjetointi", clock, title="Kylärahat 2027", place="Koulu",
              date="2026-11-24", facilitator="Ville Kunnari")
    _through(ws, clock, "ideas")
    themes = [t.key for t in ws.themes()]
    costs = [900_050, 800_000, 600_000, 600_000, 100_000, 2_500_000]
    ids = [ws.ideas.submit(f"Hanke {n}: {'lähiliikuntapaikka' if n % 2 else 'kylätalon katto'}",
                           theme=themes[n % len(themes)], source="facilitator",
                           cost_cents=c).id for n, c in enumerate(costs, start=1)]
    _through(ws, clock, "vote")
    devices = [ws.participants.join("fi")[1] for _ in range(10)]
    plan = [[0], [0], [0], [0], [1, 4], [1, 4], [2], [2], [3], [3]]
    for device, picks in zip(devices, plan, strict=True):
        ws.ballots.cast({str(ids[p]): 1 for p in picks}, source="phone", device_id=device.id)
    ws.ballots.cast({str(ids[4]): 1}, source="paper")
    clock.tick(15)
    ws.finish()
    return ws


def big(path: Path | str, *, ideas: int = 1000, ballots: int = 300, seed: int = 1) -> Workshop:
    """1,000 ideas of hostile text and 300 ballots: the load of a very large evening."""
    rng = random.Random(seed)
    clock = Clock()
    Workshop.create(path, template("palvelupaja"), title="Iso palvelupaja",
                    place="Urheiluhalli", date="2026-11-25", lang="fi",
                    facilitator="Aino Virtanen", clock=clock).close()
    ws = Workshop.open(path, clock, synchronous="OFF")
    ws.start()
    _through(ws, clock, "ideas")
    themes = [t.key for t in ws.themes()]
    for n in range(ideas):
        text = f"{n + 1}. {HOSTILE[n % len(HOSTILE)]}"[:500]
        ws.ideas.submit(text, theme=themes[n % len(themes)], source="paper")
    _through(ws, clock, "vote")
    vote = ws.current()
    assert vote is not None and vote.spec.vote is not None
    options = list(ws.ballots.options(vote))
    popular = options[: len(options) // 3]
    for n in range(ballots):
        marks: dict[str, int] = {}
        for pick in rng.sample(popular, 5):
            marks[pick] = 1
        if n % 3:
            device = ws.participants.join("fi")[1]
            ws.ballots.cast(dict(marks), source="phone", device_id=device.id)
        else:
            ws.ballots.cast(dict(marks), source="paper")
    clock.tick(15)
    ws.finish()
    return ws
