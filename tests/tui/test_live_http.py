"""End to end on one laptop: the TUI runs the real server as its child; a phone votes over HTTP.

The phone does what a phone's browser does: opens the join link, joins, and
posts the vote form with its cookie and the form's hidden fields.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
from typing import Any

import httpx
import pytest

from facilitator.paths import Settings
from facilitator.tui.supervisor import FAILED, RUNNING, ServerSupervisor
from facilitator.tui.widgets.tally import TallyBars
from tests.machine import free_port
from tests.tui.tui_support import JOIN, make_app, notices, palvelupaja_vote, wait_for

pytestmark = pytest.mark.slow



def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    assert found, f"no field {name}"
    return found.group(1)


def phone_votes(base: str, marks: dict[int, int]) -> int:
    """Join and vote as a phone's browser would; returns the status of the vote post."""
    with httpx.Client(base_url=base, follow_redirects=False, timeout=5) as phone:
        page = phone.get(f"/j/{JOIN}").text
        joined = phone.post(f"/j/{JOIN}/join", data={"lang": "fi", "csrf": hidden(page, "csrf")})
        assert joined.status_code == 303, joined.text
        page = phone.get(f"/j/{JOIN}").text
        form = {"csrf": hidden(page, "csrf"), "k": hidden(page, "k"),
                "phase": hidden(page, "phase")}
        form.update({f"m.{idea}": str(n) for idea, n in marks.items()})
        return phone.post(f"/j/{JOIN}/vote", data=form).status_code


def local_server(home: Settings, port: int) -> Any:
    def factory(session: Any, code: str) -> ServerSupervisor:
        return ServerSupervisor(session, code, port=port, host="127.0.0.1",
                                log_path=home.home / "logs" / "server.log",
                                env={**os.environ, "FACILITATOR_LANG": "fi"})
    return factory


async def test_a_ballot_over_http_reaches_the_tally_within_two_seconds(home: Settings,
                                                                        clock: Any) -> None:
    evening = palvelupaja_vote(home, clock)
    idea = evening.ideas["Tuolijumppa kylätalolla"]
    port = free_port()
    app = make_app(home, clock, evening.ws.path, server_factory=local_server(home, port),
                   server_interval=0.3)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.server_state.status == RUNNING, timeout=30)
        assert "Palvelin OK" in str(app.screen.query_one("#server-status").content)
        bars = app.screen.query_one(TallyBars)
        assert bars.result is not None and bars.result.tally.ballots_phone == 5
        loop = asyncio.get_running_loop()
        status = await loop.run_in_executor(None, phone_votes, f"http://127.0.0.1:{port}",
                                            {idea: 3})
        assert status == 303
        took = await wait_for(pilot, lambda: bars.result is not None
                              and bars.result.tally.ballots_phone == 6, timeout=2.0)
        assert took < 2.0
        line = next(ln for ln in bars.render().plain.splitlines() if "Tuolijumppa" in ln)
        assert line.split()[1] == "4"
        server = app.server
    assert server is not None and server.pid is None  # stopped with the TUI


async def test_a_taken_port_is_said_once_in_plain_words(home: Settings, clock: Any) -> None:
    ws = palvelupaja_vote(home, clock).ws
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        app = make_app(home, clock, ws.path, server_factory=local_server(home, port),
                       server_interval=0.3)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.server_state.status == FAILED, timeout=30)
            status = str(app.screen.query_one("#server-status").content)
            assert status.startswith(f"✕ Palvelin ei toimi\nPortti {port} on jo käytössä")
            url = app.screen.query_one("#join-url")
            assert url.region.height == 1 and url.region.width >= len(str(url.content))
            await pilot.pause(1.0)  # a few more checks, each failing the same way
            told = [n for n in notices(app) if f"Portti {port} on jo käytössä" in n]
            assert len(told) == 1
