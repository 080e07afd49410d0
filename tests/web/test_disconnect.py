"""A phone that walks out of wifi range mid-post: one quiet line at most, nothing stored."""

from __future__ import annotations

import signal
import socket
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.workshop import Workshop
from facilitator.web.forms import csrf_token
from tests.web.test_serve import running
from tests.web.web_support import make_session


@pytest.fixture
def ideas_session(tmp_path: Path, clock: Any) -> tuple[Path, str]:
    path = tmp_path / "ilta.db"
    with make_session(path, "palvelupaja", clock) as ws:
        ws.goto(next(p.key for p in ws.phases() if p.kind == "ideas"))
        with ws.store.write():
            token, _ = ws.participants.join("fi")
    return path, token


def half_post(port: int, code: str, token: str, action: str, body: bytes) -> None:
    """Headers that promise `body`, half of it, then the connection closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"POST /j/{code}/{action} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     f"Cookie: fdev={token}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n"
                     f"Content-Length: {len(body)}\r\n\r\n".encode() + body[:len(body) // 2])
        time.sleep(0.3)  # the server is reading the body now


@pytest.mark.slow
def test_a_post_cut_off_mid_body_is_logged_quietly_and_stores_nothing(
        ideas_session: tuple[Path, str]) -> None:
    path, token = ideas_session
    with Workshop.open(path) as ws:
        code = ws.join_code
    body = urllib.parse.urlencode({"csrf": csrf_token(token), "theme": "nuoret",
                                   "text": "Kesken jäänyt idea " + "x" * 400}).encode()
    with running(path) as (proc, port):
        for action in ("idea", "vote", "insight", "lang", "join"):
            half_post(port, code, token, action, body)
        time.sleep(0.5)
        # The server is still well: a whole post after the cut ones is saved.
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            whole = urllib.parse.urlencode({"csrf": csrf_token(token), "theme": "nuoret",
                                            "text": "Kokonainen idea"}).encode()
            sock.sendall(f"POST /j/{code}/idea HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                         f"Cookie: fdev={token}\r\nConnection: close\r\n"
                         "Content-Type: application/x-www-form-urlencoded\r\n"
                         f"Content-Length: {len(whole)}\r\n\r\n".encode() + whole)
            assert sock.recv(100).startswith(b"HTTP/1.1 303")
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    assert "Traceback" not in err and "Exception in ASGI" not in err and "ERROR" not in err, err
    assert len([line for line in err.splitlines() if line.strip()]) <= 5, err
    with Workshop.open(path) as ws:
        assert [i.text for i in ws.ideas.all()] == ["Kokonainen idea"]
        assert ws.records.insights() == [] and ws.participants.count() == 1


def test_read_form_turns_a_disconnect_into_one_info_line(caplog: pytest.LogCaptureFixture
                                                         ) -> None:
    import asyncio
    import logging

    from starlette.requests import Request

    from facilitator.web.forms import read_form
    from facilitator.web.refusals import Gone

    messages = [{"type": "http.request", "body": b"text=puoli", "more_body": True},
                {"type": "http.disconnect"}]

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    scope = {"type": "http", "method": "POST", "path": "/j/ABC/idea", "query_string": b"",
             "headers": [(b"content-type", b"application/x-www-form-urlencoded"),
                         (b"content-length", b"40")]}
    caplog.set_level(logging.DEBUG, logger="facilitator.web")
    with pytest.raises(Gone):
        asyncio.run(read_form(Request(scope, receive)))
    records = [r for r in caplog.records if r.name.startswith("facilitator")]
    assert len(records) == 1 and records[0].levelno == logging.INFO
    assert records[0].exc_info is None and "/j/ABC/idea" in records[0].getMessage()
