"""A realistic palvelupaja evening in Finnish, to try every tool on (`facilitator demo`)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from facilitator.core.templates import Template
from facilitator.core.workshop import Workshop
from facilitator.kinds import PhaseKind, Source, VoteMethod

DEMO_IDEAS: dict[str, list[str]] = {
    "nuoret": [
        "Nuorisotila koulun tyhjään luokkaan, auki perjantai-iltaisin",
        "Skeittiramppi urheilukentän laitaan",
        "Kesätöitä nuorille kunnan ja yritysten yhteistyönä",
        "Iltabussi kirkonkylältä kaupunkiin viikonloppuisin",
        "Nuorisotila kouluun perjantaisin",
    ],
    "ikaantyneet": [
        "Kyläapu: vapaaehtoiset auttavat kaupassa käynnissä",
        "Tuolijumppa kylätalolla kahdesti viikossa",
        "Digitukea kirjastossa tiistaisin",
        "Penkkejä kävelyreitin varrelle 300 metrin välein",
    ],
    "elinvoima": [
        "Kesätori satamaan lauantaisin",
        "Etätyöpiste vanhaan pankkiin",
        "Kylän yhteinen nettisivu, jossa yritykset ja tapahtumat",
        "Tonttitarjous nuorille perheille",
    ],
    "palvelut": [
        "Kirjastoauto käymään myös syrjäkylillä",
        "Terveydenhoitajan vastaanotto kerran viikossa kylätalolla",
        "Pakettiautomaatti kaupan yhteyteen",
        "Asiointiliikenne kahdesti viikossa",
    ],
    "tyhjat-tilat": [
        "Vanha koulu harrastuskäyttöön: bändikämppä ja kuntosali",
        "Tyhjä liiketila kierrätyskeskukseksi",
        "Seurakuntatalon sali yhdistysten yhteiskäyttöön",
    ],
    "vapaat-ideat": [
        "Kylän yhteinen siivoustalkoo keväällä",
        "Ulkoilureittien opasteet kuntoon",
        "Kesäteatteri kirkonmäelle",
    ],
}
PAPER_IDEAS = [
    ("ikaantyneet", "Kauppakassipalvelu kotiin kerran viikossa"),
    ("palvelut", "Pankkiautomaatti takaisin kirkonkylälle"),
    ("nuoret", "Kuntosalivuorot nuorille ilmaiseksi"),
]
PHONES = 24


def build_demo(path: Path, template: Template, *, seed: int = 2026) -> Workshop:
    """Create the demo session: ideas written, a duplicate merged, voting open with ballots in."""
    rng = random.Random(seed)
    ws = Workshop.create(
        path, template, title="Kirkonkylän palvelupaja", place="Kylätalo, Kirkonkylä",
        date=dt.date.today().isoformat(), lang="fi", facilitator="Osallisuuskoordinaattori")
    ideas_phase = next(p for p in ws.phases() if p.kind == PhaseKind.IDEAS)
    vote_phase = next(p for p in ws.phases() if p.kind == PhaseKind.VOTE)
    ws.start()
    ws.goto(ideas_phase.key)
    devices = [ws.participants.join(rng.choice(["fi"] * 8 + ["sv", "en"]))[1]
               for _ in range(PHONES)]
    theme_keys = {t.key for t in ws.themes()}
    ids: dict[str, int] = {}
    for theme, texts in DEMO_IDEAS.items():
        if theme not in theme_keys:
            continue
        for text in texts:
            device = rng.choice(devices)
            ids[text] = ws.ideas.submit(text, theme=theme, source=Source.PHONE,
                                        device_id=device.id).id
    for theme, text in PAPER_IDEAS:
        if theme in theme_keys:
            ids[text] = ws.ideas.submit(text, theme=theme, source=Source.PAPER).id
    duplicate = ids.get("Nuorisotila koulun tyhjään luokkaan, auki perjantai-iltaisin")
    twin = ids.get("Nuorisotila kouluun perjantaisin")
    if duplicate and twin:
        ws.ideas.merge(twin, duplicate)
    ws.set_room_count(31)
    ws.set_paper_count(5)
    for phase in ws.phases():
        if phase.status == "upcoming" and phase.key != vote_phase.key:
            ws.goto(phase.key)
        if phase.key == vote_phase.key:
            break
    ws.goto(vote_phase.key)
    spec = vote_phase.spec.vote
    assert spec is not None and spec.method == VoteMethod.DOTS
    options = list(ws.ballots.options(ws.phase(vote_phase.key)))
    weights = [rng.random() ** 2 for _ in options]
    for device in devices[:20]:
        marks: dict[str, object] = {}
        left = spec.dots
        while left:
            pick = rng.choices(options, weights)[0]
            if int(marks.get(pick, 0)) < spec.per_idea:  # type: ignore[call-overload]
                marks[pick] = int(marks.get(pick, 0)) + 1  # type: ignore[call-overload]
                left -= 1
        ws.ballots.cast(marks, source=Source.PHONE, device_id=device.id)
    paper_pick = ids.get("Pankkiautomaatti takaisin kirkonkylälle")
    if paper_pick:
        ws.ballots.set_paper_tally(paper_pick, 6)
    return ws
