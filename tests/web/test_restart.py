"""Nothing lost: SIGKILL a real `facilitator serve` under load, start it again, check the file.

Every write a phone was told "saved" (a 303) is in the session file, nothing
is counted twice when the phones send again with the same idempotency keys,
and the phones carry on with the same cookie, without joining again.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from facilitator.core.workshop import Workshop
from tests.web.test_serve import free_port, serve_cmd, wait_healthy
from tests.web.web_support import make_session

PHONES = 16
PER_PHONE = 6  # under the ideas-per-minute limit


class LivePhone:
    def __init__(self, base: str, code: str) -> None:
        self.code = code
        self.http = httpx.Client(base_url=base, follow_redirects=False, timeout=5)
        page = self.http.get(f"/j/{code}").text
        token = re.search(r'name="csrf" value="(\w+)"', page).group(1)
        self.http.post(f"/j/{code}/join", data={"lang": "fi", "csrf": token})
        self.csrf = re.search(r'name="csrf" value="(\w+)"', self.http.get(f"/j/{code}").text
                              ).group(1)

    def send(self, action: str, form: dict[str, str]) -> int | None:
        try:
            response = self.http.post(f"/j/{self.code}/{action}",
                                      data={"csrf": self.csrf, **form})
        except httpx.HTTPError:
            return None  # the server died under this request: not acknowledged
        return response.status_code


STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def no_server_left_behind() -> Iterator[None]:
    """Whatever happens in the test, every server it started is gone afterwards."""
    yield
    while STARTED:
        proc = STARTED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def start(session: Path, port: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(serve_cmd(session, "--port", str(port), "--host", "127.0.0.1"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "FACILITATOR_LANG": "fi"})
    STARTED.append(proc)
    wait_healthy(port, proc)
    return proc


def load(phones: list[LivePhone], action: str, forms: list[list[dict[str, str]]],
         acked: list[str], kill_after: int, proc: subprocess.Popen[str]) -> None:
    """Every phone sends its forms; after `kill_after` acknowledgements the server is killed."""
    lock = threading.Lock()

    def run(phone: LivePhone, mine: list[dict[str, str]]) -> None:
        for form in mine:
            status = phone.send(action, form)
            if status == 303:
                with lock:
                    acked.append(form["k"])
                    if len(acked) == kill_after:
                        proc.send_signal(signal.SIGKILL)
            elif status is None:
                return

    threads = [threading.Thread(target=run, args=(p, f)) for p, f in zip(phones, forms,
                                                                           strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    proc.wait(10)


@pytest.mark.slow
def test_sigkill_under_load_loses_nothing_acknowledged_and_counts_nothing_twice(
        tmp_path: Path, clock: Any) -> None:
    session = tmp_path / "ilta.db"
    facilitator = make_session(session, "palvelupaja", clock)
    facilitator.close()
    facilitator = Workshop.open(session)  # the real clock from here on, like the TUI
    facilitator.goto("ideointi")
    code = facilitator.join_code
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start(session, port)
    phones = [LivePhone(base, code) for _ in range(PHONES)]

    # -- ideas, killed mid-stream ---------------------------------------------------------
    forms = [[{"text": f"Idea {p}-{n}", "theme": "nuoret", "k": f"idea-{p}-{n}"}
              for n in range(PER_PHONE)] for p in range(PHONES)]
    acked: list[str] = []
    load(phones, "idea", forms, acked, kill_after=PHONES * PER_PHONE // 3, proc=proc)
    assert proc.returncode == -signal.SIGKILL
    stored = [i.text for i in facilitator.ideas.all()]
    assert len(stored) == len(set(stored))
    for key in acked:
        _, p, n = key.split("-")
        assert f"Idea {p}-{n}" in stored, f"acknowledged {key} was lost"
    assert len(stored) < PHONES * PER_PHONE  # the kill really came mid-stream

    proc = start(session, port)
    for phone, mine in zip(phones, forms, strict=True):  # the phones send everything again
        for form in mine:
            assert phone.send("idea", form) == 303
    stored = [i.text for i in facilitator.ideas.all()]
    assert sorted(stored) == sorted(f["text"] for mine in forms for f in mine)
    # Same cookie, no rejoining: each phone still sees its own ideas.
    page = phones[0].http.get(f"/j/{code}").text
    assert f"Lähettämäsi ideat ({PER_PHONE})" in page and "Valitse kieli" not in page
    assert facilitator.participants.count() == PHONES

    # -- ballots, killed mid-stream ---------------------------------------------------------
    facilitator.goto("aanestys")
    ideas = [str(i.id) for i in facilitator.ideas.all()]
    votes = [[{f"m.{ideas[(p + n) % len(ideas)]}": "1", "phase": "aanestys", "k": f"v-{p}-{n}"}
              for n in range(4)] for p in range(PHONES)]
    acked = []
    load(phones, "vote", votes, acked, kill_after=PHONES * 4 // 2, proc=proc)
    phase = facilitator.phase("aanestys").row.id

    def marks(p: int, n: int) -> dict[str, int]:
        return {k[2:]: 1 for k in votes[p][n] if k.startswith("m.")}

    device_of = {}  # phone number -> device id, from the ideas each phone wrote
    for idea in facilitator.ideas.all():
        device_of[int(idea.text.split()[1].split("-")[0])] = idea.device_id
    stored = {b.device_id: b.marks for b in facilitator.store.ballots(phase)}
    newest: dict[int, int] = {}
    for key in acked:
        _, p, n = key.split("-")
        newest[int(p)] = max(newest.get(int(p), 0), int(n))
    for p, n in newest.items():  # the acknowledged ballot, or one the phone sent after it
        assert stored[device_of[p]] in [marks(p, m) for m in range(n, 4)], p
    proc = start(session, port)
    for phone, mine in zip(phones, votes, strict=True):
        for form in mine:
            assert phone.send("vote", form) == 303
    stored = {b.device_id: b.marks for b in facilitator.store.ballots(phase)}
    assert len(stored) == PHONES  # one phone, one ballot, however often it was sent
    assert stored == {device_of[p]: marks(p, 3) for p in range(PHONES)}
    proc.send_signal(signal.SIGINT)
    proc.wait(10)
    facilitator.close()
