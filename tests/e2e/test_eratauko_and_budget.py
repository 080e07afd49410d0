"""Two more evenings end to end: an Erätauko dialogue (no vote) and participatory budgeting."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from facilitator.core.templates import load_template
from facilitator.i18n import Translator
from facilitator.paths import shipped_templates_dir
from tests.e2e.support import (
    Cli,
    pdf_text,
    phones_in_the_hall,
    qr_codes_in_pdf,
    serving,
    written,
)
from tests.machine import free_port

pytestmark = pytest.mark.browser


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


INSIGHTS = ["Kuuntelu auttoi ymmärtämään naapuria.",
            "Att få säga sin åsikt utan att bli avbruten var viktigt.",
            "Nuorten ääni pitää saada mukaan jatkossa."]
FEEDBACK = [{"heard": 5, "constructive": 4}, {"heard": 4, "constructive": 4},
            {"heard": 3, "constructive": 5}, {"heard": 5, "constructive": 5}]
SUMMARY = {"main_topics": "Kylän palvelut ja yhteiset tilat; laaja yksimielisyys koulusta.",
           "differences": "Kirjastoauton reitistä oli eri näkemyksiä.",
           "additions": "Yhteenvedossa lisättiin nuorten tilat.",
           "continues": "Kyläyhdistys ja kunnan hyvinvointityöryhmä jatkavat."}


def test_an_eratauko_dialogue(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    template = load_template(shipped_templates_dir() / "eratauko.toml")
    cli = Cli(tmp_path)
    made = cli("new", "eratauko", "--title", "Dialogi kylän tulevaisuudesta", "--place",
               "Kylätalo", "--date", "2026-11-22", "--facilitator", "Eero Ohjaaja")
    session = Path(made.stdout.strip().splitlines()[-1]).stem
    port = free_port()
    handouts = cli("handouts", session, "--port", str(port)).stdout
    rules_card = pdf_text(written(handouts, "pelisaannot"))
    for rule in template.rules.rules["fi"]:
        assert squeeze(rule) in squeeze(rules_card)
    (join_url,) = qr_codes_in_pdf(written(handouts, "juliste"), tmp_path)
    data = cli.json(session)
    assert "vote" not in {p["kind"] for p in data["phases"]}  # no vote phase, ever

    specs = [("fi", True), ("sv", True), ("en", True), ("fi", False), ("fi", True)]
    with serving(cli, session, port), sync_api.sync_playwright() as pw, phones_in_the_hall(
            pw, urlsplit(join_url).hostname, specs) as (phones, traffic):
        cli("phase", session, "pelisaannot")
        for phone in phones:
            phone.join(join_url)
            text = phone.page.locator("main").inner_text()
            assert phone.tr("web.rules.title") in text
            for rule in template.rules.rules.get(phone.lang, template.rules.rules["fi"]):
                assert rule in text  # the ground rules, in the phone's own language
            assert phone.page.locator("form[action$='/insight']").count() == 0
            assert phone.page.locator("form[action$='/vote']").count() == 0

        cli("phase", session, "oivallukset")  # the closing round opens the quiet channel
        for phone, insight in zip(phones, INSIGHTS, strict=False):
            phone.reload(join_url)
            phone.page.get_by_label(phone.tr("web.insight.label")).fill(insight)
            phone.page.get_by_role("button", name=phone.tr("web.insight.send")).click()
            phone.page.get_by_text(phone.tr("web.insight.saved")).wait_for()

        cli("phase", session, "palaute")
        for phone, answers in zip(phones, FEEDBACK, strict=False):
            phone.reload(join_url)
            for key, value in answers.items():
                phone.page.locator(f'input[name="m.{key}"][value="{value}"]').check()
            phone.send_vote("web.feedback.send")
            phone.wait_saved_vote()
        assert not traffic.blocked

    for field, text in SUMMARY.items():
        cli("summary", session, field, text)
    cli("note", session, "Seuraava dialogi keväällä")
    cli("phase", session, "kiitos")
    files = cli("export", session).stdout
    assert "tulokset" not in files  # no results document: nothing was voted on
    summary = pdf_text(written(files, "yhteenveto"))
    flat = squeeze(summary)
    for expected in [*SUMMARY.values(), *INSIGHTS, "Dialogi kylän tulevaisuudesta", "Kylätalo",
                     "22.11.2026", "Eero Ohjaaja"]:
        assert squeeze(expected) in flat, expected
    assert "5" in summary  # participants on phones
    for key in ("heard", "constructive"):
        mean = sum(a[key] for a in FEEDBACK) / len(FEEDBACK)
        question = next(q for q in template.phase("palaute").questions if q.key == key)
        shown = Translator("fi").number(round(mean, 1))
        assert re.search(re.escape(squeeze(Translator("fi").text(question.text))) + r".{0,40}"
                         + re.escape(shown), flat), (key, shown)
    for word in ("Sija", "ääntä", "Äänestys", "=1."):  # no ranking of anybody's views
        assert word not in summary


IDEAS = [("lahiliikunta", "Kuntoportaat rantaan", 9_000),
         ("lahiliikunta", "Frisbeegolfrata", 6_500),
         ("kylan-tilat", "Kylätalon keittiö kuntoon", 12_000),
         ("kulttuuri-tapahtumat", "Kesäkonsertit laiturilla", 3_000),
         ("kylan-tilat", "Lasten leikkipaikka", 8_000)]
# Votes: portaat 5, konsertit 4, keittiö 3, frisbee 2, leikkipaikka 1 (each ballot fits 20 000 €).
BALLOTS = [["Kuntoportaat rantaan", "Kesäkonsertit laiturilla", "Frisbeegolfrata"],
           ["Kuntoportaat rantaan", "Kesäkonsertit laiturilla"],
           ["Kylätalon keittiö kuntoon", "Kesäkonsertit laiturilla"],
           ["Kuntoportaat rantaan", "Lasten leikkipaikka"],
           ["Kylätalon keittiö kuntoon", "Frisbeegolfrata"],
           ["Kuntoportaat rantaan", "Kesäkonsertit laiturilla"],
           ["Kuntoportaat rantaan"],
           ["Kylätalon keittiö kuntoon"]]
OVER_BUDGET = ["Kuntoportaat rantaan", "Kylätalon keittiö kuntoon"]  # 21 000 € > 20 000 €
BUDGET = 20_000


def funded_by_hand(costs: dict[str, int], ballots: list[list[str]]) -> tuple[list[str], int]:
    """OmaStadi: most votes first; an idea that no longer fits is skipped, the next is tried."""
    votes = {text: sum(text in b for b in ballots) for text in costs}
    assert len(set(votes.values())) == len(votes), "this evening has no ties"
    left, funded = BUDGET, []
    for text in sorted(costs, key=lambda t: -votes[t]):
        if costs[text] <= left:
            funded.append(text)
            left -= costs[text]
    return funded, left


def test_participatory_budgeting(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    cli = Cli(tmp_path)
    made = cli("new", "osallistuva-budjetointi", "--title", "Kylän oma budjetti", "--place",
               "Koulu", "--date", "2026-11-22")
    session = Path(made.stdout.strip().splitlines()[-1]).stem
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    (join_url,) = qr_codes_in_pdf(written(cli("handouts", session, "--url", base_url).stdout,
                                          "juliste"), tmp_path)
    assert join_url.startswith(base_url + "/j/")
    specs = [("fi" if n % 3 else "sv", n != 2) for n in range(len(BALLOTS))]
    costs = {text: euros for _, text, euros in IDEAS}
    with serving(cli, session, port), sync_api.sync_playwright() as pw, phones_in_the_hall(
            pw, "127.0.0.1", specs) as (phones, traffic):
        cli("phase", session, "ideointi")
        for phone in phones:
            phone.join(join_url)
        for phone, (theme, text, _) in zip(phones, IDEAS, strict=False):
            phone.write_idea(theme, text)
        cli("phase", session, "hinnat")  # staff cost the ideas; the facilitator types them in
        ids = cli.idea_ids(session)
        for text, euros in costs.items():
            cli("cost", session, str(ids[text]), str(euros))
        cli("phase", session, "aanestys")
        for phone, choice in zip(phones, BALLOTS, strict=True):
            phone.reload(join_url)
            phone.choose(choice)
            phone.send_vote()
            phone.wait_saved_vote()
        # A phone with JavaScript off (nothing in the page stops it) picks over the budget.
        greedy = phones[2]
        assert not greedy.js
        stored = cli.json(session)["votes"][0]["ballot_list"]
        greedy.reload(join_url)
        for label in costs:
            box = greedy.page.get_by_role("checkbox", name=label)
            box.set_checked(label in OVER_BUDGET)
        greedy.send_vote()
        shown = greedy.page.locator("main").inner_text()
        assert greedy.tr("error.ballot_over_budget") in shown
        assert cli.json(session)["votes"][0]["ballot_list"] == stored  # refused, nothing stored
        assert not traffic.blocked
        cli("phase", session, "tulokset")

    funded, left = funded_by_hand(costs, BALLOTS)
    assert funded == ["Kuntoportaat rantaan", "Kesäkonsertit laiturilla", "Frisbeegolfrata"]
    results = pdf_text(written(cli("export", session).stdout, "tulokset"))
    tr = Translator("fi")
    budget_part = results[:results.index("Kaikki ideat")]
    rows = {text: line for line in budget_part.splitlines() for text in costs
            if line.split(". ", 1)[-1].startswith(text)}
    assert set(rows) == set(costs)
    funded_pdf = [t for t in costs if f" {tr('budget.funded')} " in rows[t]]
    assert set(funded_pdf) == set(funded)
    for text in set(costs) - set(funded):
        assert tr("budget.skipped") in rows[text]
    spent = 0
    for text in funded:  # the running total as the money is spent in vote order
        spent += costs[text]
        assert squeeze(rows[text]).endswith(squeeze(tr.money(spent * 100)))
    assert squeeze(f"Rahaa jää {tr.money(left * 100)}") in squeeze(budget_part)
