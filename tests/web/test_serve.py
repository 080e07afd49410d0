"""`facilitator serve` as the TUI and a facilitator start it: a real process on a real port."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from facilitator.net import base_url
from tests.web.web_support import make_session


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_cmd(session: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "facilitator", "serve", str(session), *args]


def wait_healthy(port: int, proc: subprocess.Popen[str], timeout: float = 15) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.communicate()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                return json.loads(r.read())
        except OSError:
            time.sleep(0.1)
    raise AssertionError("server did not answer /healthz")


@contextmanager
def running(session: Path, *args: str) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    env = {**os.environ, "FACILITATOR_LANG": "fi"}
    proc = subprocess.Popen(serve_cmd(session, "--port", str(port), *args), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_healthy(port, proc)
        yield proc, port
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def session(tmp_path: Path, clock: Any) -> Path:
    make_session(tmp_path / "ilta.db", "palvelupaja", clock).close()
    return tmp_path / "ilta.db"


@pytest.mark.slow
def test_serve_prints_the_join_url_and_qr_and_answers_healthz(session: Path) -> None:
    from facilitator.core.workshop import Workshop
    with Workshop.open(session) as ws:
        code = ws.join_code
    with running(session, "--url", "http://192.168.77.5:8000") as (proc, port):
        health = wait_healthy(port, proc)
        assert health == {"status": "ok", "join_code": code, "phase": None}
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert f"http://192.168.77.5:8000/j/{code}" in out
    # The QR in half blocks (in a terminal in fixed black on white; a pipe gets no colours).
    from facilitator.qr import half_block_lines, make_qr
    assert "\n".join(half_block_lines(make_qr(f"http://192.168.77.5:8000/j/{code}"))) in out
    assert f"http://127.0.0.1:{port}/wall" in out
    assert "Traceback" not in err


@pytest.mark.slow
def test_serve_says_clearly_when_phones_cannot_reach_the_laptop(session: Path) -> None:
    with running(session, "--host", "127.0.0.1") as (proc, _):
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert "Puhelimet eivät tavoita tätä konetta" in err
    assert "samaan wifiin" in err and "vierasverkko" in err


def test_only_loopback_means_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    import facilitator.net as net
    monkeypatch.setattr(net, "lan_addresses", lambda: [])
    assert base_url("0.0.0.0", 8000) == ("http://127.0.0.1:8000", False)
    assert base_url("0.0.0.0", 8000, "http://10.0.0.2:8000/") == ("http://10.0.0.2:8000", True)


@pytest.mark.slow
def test_a_port_in_use_gets_one_clear_line_and_a_suggestion(session: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(serve_cmd(session, "--port", str(port)), capture_output=True,
                                text=True, timeout=30,
                                env={**os.environ, "FACILITATOR_LANG": "fi"})
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"Portti {port} on jo käytössä. Ehkä palvelin on jo käynnissä. "
                     f"Kokeile toista porttia: --port {port + 1}"]


@pytest.mark.slow
def test_a_missing_session_or_bad_options_get_one_clear_line(tmp_path: Path) -> None:
    env = {**os.environ, "FACILITATOR_LANG": "en", "FACILITATOR_HOME": str(tmp_path)}
    result = subprocess.run(serve_cmd(tmp_path / "nope.db"), capture_output=True, text=True,
                            timeout=30, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "nope.db" in result.stderr
    result = subprocess.run([*serve_cmd(tmp_path / "nope.db"), "--url", "ftp://x"],
                            capture_output=True, text=True, timeout=30, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_serve_help_is_in_the_users_language() -> None:
    from typer.testing import CliRunner

    from facilitator.cli import build_app
    result = CliRunner().invoke(build_app("fi"), ["serve", "--help"])
    assert result.exit_code == 0
    assert "Käynnistä osallistujien palvelin" in result.output and "--port" in result.output
    result = CliRunner().invoke(build_app("sv"), ["serve", "--help"])
    assert "Starta deltagarnas server" in result.output
