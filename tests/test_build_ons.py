"""Further ideation: `#20: ...` is kept with idea 20, whichever door it comes in by."""

from __future__ import annotations

import pytest

from facilitator.core import build_ons
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError
from facilitator.i18n import Translator
from tests.conftest import FakeClock, goto_kind


def test_the_lead_is_read_in_its_usual_forms() -> None:
    assert build_ons.parse("#20: Talkoilla") == build_ons.Lead(20, "Talkoilla")
    assert build_ons.parse("  # 7. kunta maksaa") == build_ons.Lead(7, "kunta maksaa")
    assert build_ons.parse("#3 – nuoret mukaan") == build_ons.Lead(3, "nuoret mukaan")
    assert build_ons.parse("#12 kyläyhdistys auttaa") == build_ons.Lead(12, "kyläyhdistys auttaa")
    for new_idea in ("#set text(red)", "Idea #20 on hyvä", "#20kpl", "20: ei risuaitaa", ""):
        assert build_ons.parse(new_idea) is None, new_idea


def _evening(ws: Workshop, clock: FakeClock) -> dict[str, int]:
    """Ideas, a vote, then further ideation open on phones."""
    goto_kind(ws, "ideas")
    device = ws.participants.join("fi")[1]
    theme = ws.themes()[0].key
    ids = {t: ws.ideas.submit(t, theme=theme, source="phone", device_id=device.id).id
           for t in ("Nuorisotila kouluun", "Kirjastoauto", "Skeittiramppi", "Kiroilua")}
    ws.ideas.merge(ids["Skeittiramppi"], ids["Nuorisotila kouluun"])
    ws.ideas.hide(ids["Kiroilua"], "asiaton")
    clock.advance(minutes=5)
    goto_kind(ws, "vote")
    ws.ballots.cast({str(ids["Nuorisotila kouluun"]): 3}, source="phone", device_id=device.id)
    clock.advance(minutes=5)
    ids["late"] = ws.ideas.submit("Myöhästynyt idea", theme=theme, source="paper").id
    goto_kind(ws, "ideas", 1)   # jatkoideointi
    return ids


def test_a_note_is_kept_with_its_idea_not_counted_as_one(memory_ws: Workshop,
                                                         clock: FakeClock) -> None:
    ws = memory_ws
    ids = _evening(ws, clock)
    assert build_ons.open_for_build_ons(ws)
    before = len(ws.ideas.all())
    device = ws.participants.join("sv")[1]
    youth = ids["Nuorisotila kouluun"]
    sent = ws.ideas.submit(f"#{youth}: Koulun vanhempainyhdistys voisi auttaa",
                           theme=ws.themes()[1].key, device_id=device.id, idem_key="k-1")
    assert sent.builds_on == youth and not sent.duplicate
    again = ws.ideas.submit(f"#{youth}: Koulun vanhempainyhdistys voisi auttaa",
                            device_id=device.id, idem_key="k-1")
    assert again.duplicate and again.id == sent.id and again.builds_on == youth
    paper = ws.ideas.submit(f"#{ids['Skeittiramppi']} ramppi samaan pihaan", source="paper")
    assert paper.builds_on == youth                   # a merged idea's note goes where it went
    assert len(ws.ideas.all()) == before              # no new idea, no 0-vote line
    notes = ws.ideas.build_ons()[youth]
    assert [(n.text, n.source) for n in notes] == [
        ("Koulun vanhempainyhdistys voisi auttaa", "phone"), ("ramppi samaan pihaan", "paper")]


@pytest.mark.parametrize(("which", "key"), [("unknown", "error.build_on_unknown"),
                                            ("Kiroilua", "error.build_on_hidden"),
                                            ("late", "error.build_on_not_on_ballot")])
def test_a_number_that_cannot_be_built_on_is_refused_next_to_the_text(
        memory_ws: Workshop, clock: FakeClock, which: str, key: str) -> None:
    ws = memory_ws
    ids = _evening(ws, clock)
    number = ids.get(which, 999)
    device = ws.participants.join("fi")[1]
    with pytest.raises(FacilitatorError) as caught:
        ws.ideas.submit(f"#{number}: lisäys", theme=ws.themes()[0].key, device_id=device.id)
    assert caught.value.key == key and caught.value.field == "text"
    for lang in ("fi", "sv", "en"):
        said = caught.value.message(Translator(lang))
        assert f"#{number}" in said and "#" in said.split(f"#{number}", 1)[1]  # what to do
    assert ws.store.build_ons() == []
