"""A whole palvelupaja evening with real processes, a real browser and real PDFs.

The facilitator works at the command line (the TUI calls the same core; its own
tests drive it with Pilot). Twenty phones join from the URL read back from the
printed poster, write ideas, and vote with dots; the server is killed with
SIGKILL in the middle of the vote and started again. While officials present the
news, phones ask them questions and support each other's; the minutes list them.
At the end the results PDF must list the ideas in exactly the ranking and counts that
this test computes on its own from what the phones and the paper did.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from facilitator.core.templates import load_template
from facilitator.i18n import Translator
from facilitator.paths import shipped_templates_dir
from tests.e2e.support import (
    Cli,
    ServerProcess,
    pdf_text,
    phones_in_the_hall,
    qr_codes_in_pdf,
    written,
)
from tests.machine import free_port

pytestmark = pytest.mark.browser

# (phone, theme, text): what the phones write. Two are the same idea; one is off topic.
PHONE_IDEAS = [
    (0, "nuoret", "Nuorisotila vanhaan kouluun"),
    (1, "nuoret", "Nuorisotila vanhaan kouluun perjantaisin"),
    (2, "ikaantyneet", "Kyläapu kauppakäynteihin"),
    (3, "elinvoima", "Kesätori satamaan lauantaisin"),
    (4, "palvelut", "Kirjastoauto myös syrjäkylille"),
    (5, "tyhjat-tilat", "Vanha pankki etätyöpisteeksi"),
    (6, "vapaat-ideat", "Kylän siivoustalkoot keväällä"),
    (7, "palvelut", "Myydään polkupyörä, soita illalla"),
    (8, "nuoret", "Skeittiramppi kentän laitaan"),
    (9, "ikaantyneet", "Tuolijumppa kylätalolla"),
    (10, "elinvoima", "Yhteinen nettisivu kylän yrityksille"),
    (11, "palvelut", "Terveydenhoitaja kylätalolle kerran viikossa"),
    (12, "tyhjat-tilat", "Bättre användning av församlingshemmet"),
    (13, "vapaat-ideat", "A summer theatre on the church hill"),
    (14, "ikaantyneet", "Bänkar längs promenadvägen"),
    (0, "palvelut", "Asiointibussi kahdesti viikossa"),
]
DUPLICATE = ("Nuorisotila vanhaan kouluun perjantaisin", "Nuorisotila vanhaan kouluun")
OFF_TOPIC = "Myydään polkupyörä, soita illalla"
PAPER_IDEAS = [("nuoret", "Kuntosalivuorot nuorille"), ("palvelut", "Pankkiautomaatti takaisin"),
               ("elinvoima", "Kylätapahtuma elokuussa")]
PAPER_TALLY = {"Pankkiautomaatti takaisin": 7, "Tuolijumppa kylätalolla": 2}
LANGS = ["fi", "fi", "sv", "en", "fi", "fi", "sv", "fi", "en", "fi",
         "fi", "sv", "fi", "en", "sv", "fi", "fi", "en", "sv", "fi"]
NO_JS = {3, 8, 13, 17}
DOTS, PER_IDEA = 5, 3
# Questions to officials while they present the local news: (phone, text).
QUESTIONS = [(0, "Milloin koulun katto korjataan?"), (2, "Kommer biblioteksbussen tillbaka?"),
             (3, "Who decides on the old bank building?")]
ROOF = QUESTIONS[0][1]
PAPER_QUESTION = "Mihin kylätalon vuokrat käytetään?"
SUPPORTERS = [1, 4, 5, 8]   # 8 has no JavaScript; 5 takes its support back


def dot_plan(rng: random.Random, labels: list[str]) -> dict[str, int]:
    """A resident's five dots, at most three on one idea, not always all used."""
    plan: dict[str, int] = {}
    for _ in range(rng.choice([3, 4, 5, 5, 5])):
        pick = rng.choice(labels)
        if plan.get(pick, 0) < PER_IDEA:
            plan[pick] = plan.get(pick, 0) + 1
    return plan


def expected_ranking(ballots: dict[str, dict[str, int]], paper: dict[str, int],
                     ids: dict[str, int], labels: list[str]) -> list[tuple[str, str, int, int]]:
    """(rank text, label, phone votes, paper votes), worked out from what people did.

    Competition ranks (1, =2, =2, 4); inside a tie the order is the ideas' numbers.
    """
    phone = {label: sum(b.get(label, 0) for b in ballots.values()) for label in labels}
    total = {label: phone[label] + paper.get(label, 0) for label in labels}
    order = sorted(labels, key=lambda label: (-total[label], ids[label]))
    out = []
    for n, label in enumerate(order, start=1):
        first = next(i for i, other in enumerate(order, start=1) if total[other] == total[label])
        tied = sum(1 for other in order if total[other] == total[label]) > 1
        out.append((f"={first}." if tied else f"{first}.", label, phone[label],
                    paper.get(label, 0)))
        assert first <= n
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


class ProjectorWall:
    """The wall on the laptop's own browser tab (127.0.0.1), in the phones' Chromium."""

    def __init__(self, browser: Any, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/wall"
        self.seen: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 720},
                                           locale="fi-FI")
        self.context.set_default_timeout(8000)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route: Any) -> None:
        self.seen.append(route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    def shows(self, state: str) -> str:
        self.page.goto(self.url)
        self.page.wait_for_selector(f"#main[data-state={state}]")
        return str(self.page.locator("#main").inner_text())

    def close(self) -> None:
        self.context.close()
        assert all(urlsplit(u).hostname == "127.0.0.1" for u in self.seen), self.seen


def test_a_palvelupaja_evening(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    template = load_template(shipped_templates_dir() / "palvelupaja.toml")
    theme_titles = {t.key: Translator("fi").text(t.title) for t in template.themes}
    cli = Cli(tmp_path)

    # -- before: the workshop and its printed poster ---------------------------------------
    made = cli("new", "palvelupaja", "--title", "Kirkonkylän palvelupaja", "--place",
               "Seurantalo", "--date", "2026-11-22", "--facilitator", "Aino Ohjaaja")
    session = Path(made.stdout.strip().splitlines()[-1]).stem
    port = free_port()
    poster = written(cli("handouts", session, "--port", str(port)).stdout, "juliste")
    (join_url,) = qr_codes_in_pdf(poster, tmp_path)  # read back from the print, not the file
    assert re.fullmatch(rf"http://[\d.]+:{port}/j/[A-Z0-9]{{6}}", join_url)
    laptop = urlsplit(join_url).hostname

    server = ServerProcess(cli, session, port).start()
    try:
        with sync_api.sync_playwright() as pw, phones_in_the_hall(
                pw, laptop, [(lang, n not in NO_JS) for n, lang in enumerate(LANGS)]
        ) as (phones, traffic):
            wall = ProjectorWall(phones[0].context.browser, port)
            before = wall.shows("join")
            # The wall shows the address the laptop has now, its code on one line.
            assert join_url in " ".join(before.split()).replace("/ ", "/")
            assert wall.page.locator("#join-code").evaluate("e => e.getClientRects().length") == 1

            # -- ideas from phones ---------------------------------------------------------
            cli("phase", session, "ideointi")
            for phone in phones:
                phone.join(join_url)
            for n, theme, text in PHONE_IDEAS:
                phones[n].write_idea(theme, text)
            ids = cli.idea_ids(session)
            assert set(ids) == {text for _, _, text in PHONE_IDEAS}
            board = wall.shows("ideas")
            assert "Asiointibussi kahdesti viikossa" in board    # the newest, in its theme
            assert "16 ideaa" in board

            # -- the facilitator compiles: duplicates merged, off-topic hidden, paper typed in
            cli("phase", session, "ajankohtaista")
            cli("merge", session, str(ids[DUPLICATE[0]]), str(ids[DUPLICATE[1]]))
            cli("hide", session, str(ids[OFF_TOPIC]), "--reason", "Ei kuulu työpajaan")
            for theme, text in PAPER_IDEAS:
                cli("idea", session, "--theme", theme, text)
            ids = cli.idea_ids(session)
            on_ballot = [t for t in ids if t not in (DUPLICATE[0], OFF_TOPIC)]
            assert OFF_TOPIC not in wall.shows("questions")   # questions, not ideas, now

            # -- meanwhile the officials take questions: phones ask and support -----------------
            for n, text in QUESTIONS:
                asker = phones[n]
                asker.reload(join_url)
                asker.page.get_by_role("textbox").fill(text)
                asker.page.get_by_role("button", name=asker.tr("web.questions.send")).click()
                asker.page.get_by_text(asker.tr("web.questions.saved")).wait_for()
            cli("question", session, PAPER_QUESTION)
            for n in SUPPORTERS:
                fan = phones[n]
                fan.reload(join_url)
                fan.page.locator("li", has_text=ROOF).get_by_role(
                    "button", name=fan.tr("web.questions.support")).click()
                fan.page.locator("li", has_text=ROOF).get_by_role(
                    "button", name=fan.tr("web.questions.unsupport")).wait_for()
            phones[5].page.locator("li", has_text=ROOF).get_by_role(
                "button", name=phones[5].tr("web.questions.unsupport")).click()
            phones[5].page.locator("li", has_text=ROOF).get_by_role(
                "button", name=phones[5].tr("web.questions.support")).wait_for()
            asked = {q["text"]: q for q in cli.json(session)["questions"]}
            assert set(asked) == {t for _, t in QUESTIONS} | {PAPER_QUESTION}
            assert asked[ROOF]["votes"] == len(SUPPORTERS) - 1
            assert asked[PAPER_QUESTION]["source"] == "paper"
            phones[9].reload(join_url)  # the most supported is first on every phone
            assert phones[9].page.locator(".qtext").first.inner_text() == ROOF
            listed = cli("questions", session, "--answered", str(asked[ROOF]["id"])).stdout
            assert listed.splitlines()[0].split()[:2] == [f"#{asked[ROOF]['id']}", "3"]
            on_wall = wall.shows("questions")   # the open ones first, the answered one marked
            assert ROOF in on_wall and PAPER_QUESTION in on_wall and "vastattu" in on_wall

            # -- the vote -----------------------------------------------------------------------
            cli("phase", session, "aanestys")
            for label, count in PAPER_TALLY.items():
                cli("tally", session, str(ids[label]), str(count))
            rng = random.Random(20261122)
            plans = {phone.name: dot_plan(rng, on_ballot) for phone in phones}
            cast: dict[str, dict[str, int]] = {}

            def vote(phone: Any, plan: dict[str, int]) -> None:
                phone.reload(join_url)
                # The ballot offers exactly the visible ideas: no duplicate, no hidden one.
                offered = phone.page.locator("select").count()
                assert offered == len(on_ballot)
                phone.choose_dots(plan)
                assert phone.dots_shown() == plan
                phone.send_vote()
                phone.wait_saved_vote()
                assert phone.dots_shown() == plan, phone.name  # what the server says it has
                cast[phone.name] = plan

            def ballots_stored() -> int:
                return cli.json(session)["votes"][0]["ballots"]["phone"]

            for phone in phones[:10]:
                vote(phone, plans[phone.name])
            counted = wall.shows("vote")
            assert "10 on äänestänyt" in counted and "ääntä" not in counted  # never the counts

            # A network retry: phone 5's browser sends the same form again. It counts once.
            retry = phones[5]
            retry.reload(join_url)
            retry.choose_dots(plans[retry.name])
            form, action = retry.vote_form(), retry.vote_action()
            retry.send_vote()
            retry.wait_saved_vote()
            again = retry.post(action, form)
            assert again.status < 400
            # An over-limit ballot (4 dots on one idea, forged past the form): refused, not stored.
            cheat = phones[6]
            cheat.reload(join_url)
            forged = cheat.vote_form()
            field = next(k for k in forged if k.startswith("m."))
            forged[field] = "4"
            before = cli.json(session)["votes"][0]
            refused = cheat.post(cheat.vote_action(), forged)
            assert 400 <= refused.status < 500
            assert Translator(cheat.lang)("error.ballot_per_idea", per_idea=PER_IDEA) in (
                refused.text())
            after = cli.json(session)["votes"][0]
            assert after["ballot_list"] == before["ballot_list"]
            assert ballots_stored() == 10

            # -- SIGKILL in the middle of the vote; every saved ballot survives -------------------
            server.kill()
            server.start()
            assert ballots_stored() == 10
            for phone in phones[10:]:
                vote(phone, plans[phone.name])
            # A phone from before the crash changes its mind, without joining again.
            changed = dot_plan(rng, on_ballot)
            vote(phones[2], changed)
            assert ballots_stored() == 20
            assert not traffic.blocked, traffic.blocked
            assert traffic.seen and all(urlsplit(u).hostname == laptop for u in traffic.seen)

            # -- after: voting closes, the files are made --------------------------------------
            cli("phase", session, "next")
            for phone in phones[:3]:  # a closed vote is a friendly page, not an error
                phone.reload(join_url)
                assert phone.page.locator("select").count() == 0
            cli("reveal", session, "--phase", "aanestys")
            shown = wall.shows("results")
            assert "3 suosituinta teemaa kohden" in shown and "ääntä" in shown
            assert wall.page.locator(".col").count() >= 4   # the themes side by side
            wall.close()
    finally:
        server.stop()

    files = cli("export", session).stdout
    results = pdf_text(written(files, "tulokset"))
    expected = expected_ranking(cast, PAPER_TALLY, ids, on_ballot)
    overall = squeeze(results[results.index("Kaikki ideat"):])
    theme_of = {text: theme for _, theme, text in PHONE_IDEAS}
    theme_of.update({text: theme for theme, text in PAPER_IDEAS})
    position = 0
    for rank, label, phone_votes, paper_votes in expected:
        theme = theme_titles[theme_of[label]]
        row = squeeze(f"{rank} {label} {theme} {phone_votes} {paper_votes} "
                      f"{phone_votes + paper_votes}")
        found = overall.find(row, position)
        assert found >= 0, f"not in the ranking where expected: {rank} {label}"
        position = found + len(row)
    assert expected[0][0] == "1." or expected[0][0] == "=1."
    minutes = pdf_text(written(files, "muistio"))
    for text in ids:  # every idea is accounted for in the minutes, merged and hidden too
        assert squeeze(text) in squeeze(minutes), text
    assert "Ei kuulu työpajaan" in minutes
    # The questions to officials, most supported first, with support and the answer.
    section = squeeze(minutes[minutes.index("Kysymykset virkahenkilöille"):])
    assert squeeze(f"1. {ROOF} 3 vastattu") in section
    assert squeeze(f"{PAPER_QUESTION} (paperilta) 0 ei vastattu") in section
