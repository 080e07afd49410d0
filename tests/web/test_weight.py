"""Every participant page, in every phase of every template, is small on a crowded hotspot.

First load = the page + its CSS + its JavaScript, as sent (gzip), with a busy
evening's worth of ideas on the page: at most 14 KB.
"""

from __future__ import annotations

import random
import re

import pytest

from facilitator.core.demo import DEMO_IDEAS
from tests.web.web_support import Hall, Phone

LIMIT = 14 * 1024
IDEAS = 150  # 50 people, three ideas each: more than a ballot on a phone should ever hold


def first_load(phone: Phone, url: str | None = None) -> tuple[int, str]:
    response = phone.get(url, headers={"accept-encoding": "gzip"})
    total = response.num_bytes_downloaded
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js)[^"]*)"', response.text):
        total += phone.client.get(asset, headers={"accept-encoding": "gzip"}).num_bytes_downloaded
    return total, response.text


def fill(hall: Hall, cost: bool) -> None:
    """A busy evening: IDEAS ideas (others' ideas for every phone), costed for a budget."""
    rng = random.Random(7)
    words = [t for texts in DEMO_IDEAS.values() for t in texts]
    themes = [t.key for t in hall.ws.themes()] or [None]
    for n in range(IDEAS):
        text = f"{rng.choice(words)}, {rng.choice(words).lower()} ({n})"
        idea = hall.ws.ideas.submit(text, theme=rng.choice(themes), source="paper")
        if cost:
            hall.ws.ideas.set_cost(idea.id, rng.randrange(1, 40) * 25_000)


@pytest.mark.parametrize("key", ["palvelupaja", "eratauko", "kumppanuuspoyta",
                                 "osallistuva-budjetointi", "scale"])
def test_every_page_of_every_phase_fits_in_14_kb(hall_of, key: str) -> None:
    hall = hall_of(key)
    fill(hall, cost=key == "osallistuva-budjetointi")
    weights: dict[str, int] = {}
    stranger = Phone(hall.client, hall.code)
    weights["join"], _ = first_load(stranger)
    weights["home"], _ = first_load(stranger, "/")
    weights["wrong code"], _ = first_load(stranger, "/j/WRONG1")
    phone = hall.phone("fi")
    weights["waiting"], html = first_load(phone)
    for phase in hall.ws.phases():
        hall.ws.goto(phase.key)
        if phase.kind in ("vote", "feedback"):
            if phase.kind == "vote":
                ballot = {f"m.{i}": "1" for i in list(
                    hall.ws.ballots.options(hall.ws.phase(phase.key)))[:3]}
            else:
                ballot = {f"m.{q.key}": "4" for q in phase.spec.questions}
            phone.post("vote", ballot)
            hall.ws.reveal(phase.key)  # the ballot and the results on one page
        weights[phase.key], html = first_load(phone)
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    hall.ws.finish()
    weights["finished"], _ = first_load(phone)
    heavy = {page: size for page, size in weights.items() if size > LIMIT}
    assert not heavy, heavy
    assert min(weights.values()) > 1000  # measured what was sent, not nothing
