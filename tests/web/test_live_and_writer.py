"""Live updates by server-sent events, and the single writer's group commit and durability."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import facilitator.store as store_module
from facilitator.errors import InvalidInput
from facilitator.web.refusals import Busy
from facilitator.web.writer import Writer
from tests.web.web_support import Hall, make_session, open_hall


def versions(body: str) -> list[str]:
    return re.findall(r"^data: (\w+)$", body, re.M)


def test_the_live_stream_tells_the_page_version(hall: Hall) -> None:
    phone = hall.phone("fi")
    page_version = re.search(r'data-v="(\w+)"', phone.html).group(1)
    response = hall.client.get(f"/j/{hall.code}/live")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert "content-encoding" not in response.headers  # never buffered by gzip
    assert response.text.startswith("retry: ")
    assert versions(response.text) == [page_version]
    hall.goto("ideas")
    new_version = re.search(r'data-v="(\w+)"', phone.get().text).group(1)
    assert new_version != page_version
    assert versions(hall.client.get(f"/j/{hall.code}/live").text) == [new_version]
    assert hall.client.get("/j/WRONG1/live").status_code == 404


def test_a_phase_change_by_the_facilitator_reaches_an_open_stream(tmp_path: Path,
                                                                 clock: Any) -> None:
    for hall in open_hall(tmp_path / "s.db", "palvelupaja", clock, live_seconds=1.5):
        # The facilitator (another connection, another thread, like the TUI) moves on.
        timer = threading.Timer(0.2, hall.ws.start)
        started = time.monotonic()
        timer.start()
        body = hall.client.get(f"/j/{hall.code}/live").text
        timer.join()
        seen = versions(body)
        assert len(seen) == 2 and seen[0] != seen[1], body
        assert time.monotonic() - started < 3


def test_reveals_and_new_ballots_move_the_walls_version(hall_of) -> None:
    hall = hall_of("palvelupaja", client=("127.0.0.1", 50000))  # the laptop itself
    idea = hall.ws.ideas.submit("Idea", theme="nuoret", source="paper").id
    key = hall.goto("vote")
    before = versions(hall.client.get("/wall/live").text)
    phone_before = versions(hall.client.get(f"/j/{hall.code}/live").text)
    hall.phone("fi").post("vote", {f"m.{idea}": "1"})
    after_vote = versions(hall.client.get("/wall/live").text)
    assert phone_before == versions(hall.client.get(f"/j/{hall.code}/live").text)
    hall.ws.reveal(key)
    after_reveal = versions(hall.client.get("/wall/live").text)
    assert before != after_vote != after_reveal
    assert phone_before != versions(hall.client.get(f"/j/{hall.code}/live").text)
    assert "Tulokset" in hall.client.get("/wall").text


# -- the writer ------------------------------------------------------------------------

def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture
def session(tmp_path: Path, clock: Any) -> Path:
    ws = make_session(tmp_path / "w.db", "palvelupaja", clock)
    ws.goto("ideointi")
    ws.close()
    return tmp_path / "w.db"


def test_group_commit_saves_the_good_and_only_the_good(session: Path, clock: Any) -> None:
    writer = Writer(session, clock)
    writer.start()
    device_ids: list[int] = []

    def join(ws: Any) -> int:
        return ws.participants.join("fi")[1].id

    def slow_first(ws: Any) -> None:
        time.sleep(0.1)  # while this runs, the others queue up and go in one commit

    def idea(n: int) -> Any:
        def job(ws: Any) -> Any:
            text = "<b>bad</b>" if n % 5 == 0 else f"Idea {n}"
            return ws.ideas.submit(text, theme="nuoret", source="phone",
                                   device_id=device_ids[n % len(device_ids)], idem_key=f"k{n}")
        return job

    async def main() -> list[Any]:
        device_ids.extend([await writer.submit(join) for _ in range(5)])
        first = asyncio.ensure_future(writer.submit(slow_first))
        await asyncio.sleep(0.01)
        commits = writer.commits
        results = await asyncio.gather(*(writer.submit(idea(n)) for n in range(40)),
                                       return_exceptions=True)
        await first
        assert writer.commits - commits <= 3  # 41 jobs, a few fsyncs
        return results

    results = run(main())
    writer.stop()
    failed = [r for r in results if isinstance(r, Exception)]
    assert len(failed) == 8 and all(isinstance(r, InvalidInput) for r in failed)
    with sqlite3.connect(session) as db:  # a fresh connection sees every acknowledged write
        texts = {t for (t,) in db.execute("SELECT text FROM ideas")}
    assert texts == {f"Idea {n}" for n in range(40) if n % 5}


def test_an_acknowledged_write_is_in_the_file_when_acknowledged(session: Path,
                                                               clock: Any) -> None:
    writer = Writer(session, clock)
    writer.start()

    async def main() -> None:
        for n in range(20):
            device = await writer.submit(lambda ws: ws.participants.join("fi")[1])
            await writer.submit(lambda ws, d=device, n=n: ws.ideas.submit(
                f"Idea {n}", theme="nuoret", source="phone", device_id=d.id))
            with sqlite3.connect(session) as db:
                assert db.execute("SELECT COUNT(*) FROM ideas").fetchone()[0] == n + 1

    run(main())
    writer.stop()


def test_a_locked_file_answers_busy_and_stores_nothing(session: Path, clock: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    writer = Writer(session, clock)
    writer.start()
    other = sqlite3.connect(session, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # someone else holds the write lock for long

    async def main() -> None:
        with pytest.raises(Busy) as caught:
            await writer.submit(lambda ws: ws.participants.join("fi"))
        assert caught.value.status == 503
        other.execute("ROLLBACK")
        await writer.submit(lambda ws: ws.participants.join("fi"))

    run(main())
    writer.stop()
    assert writer.alive is False
    with sqlite3.connect(session) as db:
        assert db.execute("SELECT COUNT(*) FROM devices").fetchone()[0] == 1

    async def after_stop() -> None:
        with pytest.raises(Busy):
            await writer.submit(lambda ws: None)

    run(after_stop())


def test_healthz_says_so_when_the_writer_has_stopped(hall: Hall) -> None:
    hall.client.app.state.server.writer.stop()
    response = hall.client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] != "ok"
    hall.goto("ideas")
    busy = hall.phone(None)
    busy.get()
    response = busy.request("POST", f"/j/{hall.code}/join",
                            data={"lang": "fi", "csrf": busy.field("csrf")})
    assert response.status_code == 503 and "Odota hetki ja yritä uudelleen" in response.text
    assert response.headers["retry-after"] == "2"


def test_the_writers_cache_never_serves_a_rolled_back_or_outdated_read(session: Path,
                                                                      clock: Any) -> None:
    writer = Writer(session, clock)
    writer.start()
    from facilitator.core.workshop import Workshop
    tui = Workshop.open(session, clock)

    def phantom(ws: Any) -> None:
        ws.ideas.submit("Haamu", theme="nuoret", source="paper")
        assert "Haamu" in [i.text for i in ws.ideas.visible()]
        raise RuntimeError("this job fails after writing")

    def visible(ws: Any) -> list[str]:
        return [i.text for i in ws.ideas.visible()]

    def current(ws: Any) -> str:
        return ws.current().key

    async def main() -> None:
        slow = asyncio.ensure_future(writer.submit(lambda ws: time.sleep(0.1)))
        await asyncio.sleep(0.02)
        before = writer.commits
        results = await asyncio.gather(writer.submit(phantom), writer.submit(visible),
                                       return_exceptions=True)
        await slow
        assert writer.commits - before == 2  # the slow one, then the two together in one group
        assert isinstance(results[0], RuntimeError) and results[1] == []
        assert await writer.submit(current) == "ideointi"
        tui.goto("aanestys")  # the TUI moves on between two groups
        assert await writer.submit(current) == "aanestys"
        tui.ideas.submit("Paperilta", theme="nuoret", source="paper")
        assert await writer.submit(visible) == ["Paperilta"]

    run(main())
    writer.stop()
    tui.close()
