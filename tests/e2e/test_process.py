"""A whole participation process with the product alone, as seed 003 runs it.

Kumppanuuspöytä sets the themes → a palvelupaja on those themes with phones (a real
`facilitator serve`, Chromium) and paper → a follow-up kumppanuuspöytä with the top ideas
on its agenda decides → status updates over the months → the resident report and the board
summary, read back with pdftotext, axe-core in Chromium and python-docx. Every step is the
real `facilitator` command.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from machine import CHROMIUM, CHROMIUM_ARGS, free_port

from tests.e2e.support import Cli, ServerProcess, pdf_text, phones_in_the_hall

pytestmark = pytest.mark.browser

P = "kirkonkyla-2027"
URL = "https://mansikkala.fi/osallisuus/kirkonkyla/"
PHONE_IDEAS = [(0, "nuoret", "Skeittiramppi kentälle"), (1, "nuoret", "Nuorisotila kouluun"),
               (2, "kylatalo", "Kylätalo auki iltaisin"), (0, "kylatalo", "Kirpputori kylätalolle")]
PAPER_IDEAS = [("nuoret", "Bänditila nuorille")]
DOTS = [{"Skeittiramppi kentälle": 3, "Kylätalo auki iltaisin": 2},
        {"Skeittiramppi kentälle": 2, "Nuorisotila kouluun": 3},
        {"Kylätalo auki iltaisin": 3, "Nuorisotila kouluun": 1}]
#: A private contact typed as an owner, and a next step: never in a public document.
PRIVATE = ["Matti Meikäläinen", "Soita Matille"]


def created(out: str) -> str:
    return Path(out.strip().splitlines()[-1]).stem


def test_a_whole_process_from_the_partnership_table_to_the_residents_report(
        tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    cli = Cli(tmp_path)
    cli("process", "new", "Kirkonkylä 2027", "--municipality", "Mansikkala")
    assert "Kirkonkylä 2027 · Mansikkala" in cli("process", "list").stdout

    # 1. The partnership table sets the themes.
    table = created(cli("new", "kumppanuuspoyta", "--title", "Kumppanuuspöytä", "--date",
                        "2027-01-10", "--process", P, "--theme", "Nuoret", "--theme",
                        "Kylätalo").stdout)
    assert "kylatalo" in cli("process", "themes", P, "--from", table).stdout

    # 2. The palvelupaja on those themes: phones on a real server, and paper.
    paja = created(cli("new", "palvelupaja", "--title", "Palvelupaja", "--date", "2027-02-10",
                       "--process", P).stdout)
    code = cli.json(paja)["workshop"]["join_code"]
    port = free_port()
    join = f"http://127.0.0.1:{port}/j/{code}"
    server = ServerProcess(cli, paja, port).start()
    try:
        with sync_api.sync_playwright() as pw, phones_in_the_hall(
                pw, "127.0.0.1", [("fi", True), ("sv", True), ("fi", False)]) as (phones,
                                                                                   traffic):
            cli("phase", paja, "ideointi")
            for phone in phones:
                phone.join(join)
            for n, theme, text in PHONE_IDEAS:
                phones[n].write_idea(theme, text)
            for theme, text in PAPER_IDEAS:
                cli("idea", paja, "--theme", theme, text)
            cli("phase", paja, "aanestys")
            for phone, plan in zip(phones, DOTS, strict=True):
                phone.reload(join)
                phone.choose_dots(plan)
                phone.send_vote()
                phone.wait_saved_vote()
            assert traffic.blocked == []
    finally:
        server.stop()
    ids = cli.idea_ids(paja)
    cli("tally", paja, str(ids["Bänditila nuorille"]), "2")
    cli("people", paja, "--room", "14", "--paper", "2")
    assert "2 työpajaa luettu: 5 uutta ideaa" in cli("process", "sync", P).stdout

    # 3. The follow-up table gets the top ideas on its agenda and decides.
    out = cli("new", "kumppanuuspoyta", "--title", "Jatkopöytä", "--date", "2027-03-15",
              "--process", P)
    assert "Asialistalla" in out.stdout
    follow = created(out.stdout)
    agenda = cli.idea_ids(follow)
    assert {"Skeittiramppi kentälle", "Kylätalo auki iltaisin"} <= set(agenda)
    cli("decide", follow, str(agenda["Skeittiramppi kentälle"]), "--outcome", "budget",
        "--owner", "Matti Meikäläinen", "--next", "Soita Matille", "--due", "2027-06-30")
    cli("decide", follow, str(agenda["Kylätalo auki iltaisin"]), "--outcome", "joint_doing",
        "--owner", "Kyläyhdistys", "--due", "2027-05-01")
    assert "2 päätöstä" in cli("process", "sync", P).stdout

    # 4. Over the months: status updates and public notes in the register.
    register = cli("process", "ideas", P).stdout
    entry = {text: int(re.search(rf"#(\d+)\s.*{re.escape(text)}$", register, re.M).group(1))
             for text in ("Skeittiramppi kentälle", "Kylätalo auki iltaisin",
                          "Kirpputori kylätalolle")}
    hall, skate = str(entry["Kylätalo auki iltaisin"]), str(entry["Skeittiramppi kentälle"])
    cli("process", "update", P, hall, "--owner-public", "--status", "in_progress",
        "--note", "Kylätalo on auki tiistaisin kello 17–21.")
    cli("process", "update", P, hall, "--status", "done")
    cli("process", "update", P, skate, "--note", "Ramppi on ensi vuoden talousarviossa.")
    cli("process", "update", P, str(entry["Kirpputori kylätalolle"]), "--status",
        "not_taken", "--reason", "Kirpputori on jo seurakuntatalolla.")
    bad = cli("process", "update", P, skate, "--due", "31.2.2027", ok=False)
    assert bad.returncode == 1 and len(bad.stdout.strip().splitlines() + bad.stderr.strip()
                                       .splitlines()) == 1

    # 5. Open communication: the resident report and the board summary.
    out = cli("process", "report", P, "--url", URL).stdout
    folder = tmp_path / "exports" / "processes" / P
    assert str(folder) in out
    resident = pdf_text(folder / "mita-ideoille-tapahtui.pdf")
    board = pdf_text(folder / "prosessin-yhteenveto.pdf")
    for text in ("Skeittiramppi kentälle", "Kylätalo auki iltaisin", "Bänditila nuorille",
                 "Ramppi on ensi vuoden talousarviossa.", "Kyläyhdistys", "a) Kunnan",
                 "Ei viedä eteenpäin"):
        assert text in resident, text
    # 14 in the room (the phones were there too), 5 ideas, 2 decided, 1 done.
    assert re.search(r"14\s+osallistui\s+5\s+ideaa\s+2\s+päätettiin\s+viedä\s+eteenpäin"
                     r"\s+1\s+valmiina", resident), resident[:400]
    for private in [*PRIVATE, "Kirpputori on jo seurakuntatalolla."]:
        assert private not in resident and private not in board
    assert "10.2.2027 Palvelupaja Palvelupaja 3 2 14 14 5" in board
    assert "15.3.2027 Jatkopöytä Kumppanuuspöytä 0 0 0 0 0" in board  # its agenda is not new
    assert "Kylätalo on auki tiistaisin" in board

    import docx

    doc = docx.Document(str(folder / "prosessin-yhteenveto.docx"))
    assert doc.paragraphs[0].style.name == "Heading 1"
    assert any(p.style.name == "Heading 3" and p.text == "Kylätalo auki iltaisin"
               for p in doc.paragraphs)
    assert not any(private in p.text for p in doc.paragraphs for private in PRIVATE)

    from tests.export.test_process_reports import axe_violations

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            for page_name in ("index.html", "sv.html", "en.html"):
                page = browser.new_page()
                requests: list[str] = []
                page.on("request", lambda r, seen=requests: seen.append(r.url))
                page.goto((folder / page_name).as_uri())
                assert [u for u in requests if not u.startswith("file://")] == []
                assert axe_violations(page) == [], page_name
                page.close()
        finally:
            browser.close()
