"""The participant server as the TUI's child: the real `facilitator serve`, started and watched.

Start, health, restart after a crash, a taken port, adoption, stop, and the
server going away with a killed TUI so the next `facilitator run` gets the port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from facilitator.i18n import Translator
from facilitator.paths import Settings
from facilitator.tui.supervisor import (
    FAILED,
    RESTARTING,
    RUNNING,
    STARTING,
    STOPPED,
    ServerSupervisor,
    fetch_health,
)
from tests.machine import free_port
from tests.tui.tui_support import JOIN, new_session

pytestmark = pytest.mark.slow



def supervisor(session: Path, port: int, log: Path) -> ServerSupervisor:
    return ServerSupervisor(session, JOIN, port=port, host="127.0.0.1", log_path=log,
                            env={**os.environ, "FACILITATOR_LANG": "fi"})


def until(sup: ServerSupervisor, status: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sup.check().status == status:
            return
        time.sleep(0.2)
    raise AssertionError(f"{sup.state} is not {status} after {timeout} s")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie of ours counts as gone
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    except ChildProcessError:
        return True


@pytest.fixture
def session(home: Settings, clock: Any) -> Path:
    ws = new_session(home, "palvelupaja", clock)
    assert ws.path is not None
    ws.close()
    return ws.path


def test_start_health_restart_after_a_crash_and_stop(session: Path, tmp_path: Path) -> None:
    port = free_port()
    sup = supervisor(session, port, tmp_path / "server.log")
    assert sup.start().status == STARTING
    until(sup, RUNNING)
    health = fetch_health("127.0.0.1", port)
    assert health.ok and health.join_code == JOIN
    first = sup.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)  # the server dies in the middle of the evening
    died = time.monotonic()
    time.sleep(0.2)
    assert sup.check().status == RESTARTING
    until(sup, RUNNING)
    assert time.monotonic() - died < 6  # a moment for the phones, not a wait
    assert sup.pid not in (None, first) and sup.state.restarts == 1
    assert fetch_health("127.0.0.1", port).ok
    second = sup.pid
    sup.stop()
    assert sup.state.status == STOPPED
    assert not fetch_health("127.0.0.1", port).ok
    assert second is not None and not alive(second)


def test_stopped_before_it_started_starts_nothing(session: Path, tmp_path: Path) -> None:
    port = free_port()
    sup = supervisor(session, port, tmp_path / "server.log")
    sup.stop()  # the facilitator closed the workshop before the start worker ran
    assert sup.start().status == STOPPED and sup.pid is None
    assert sup.check().status == STOPPED
    assert not fetch_health("127.0.0.1", port).ok


def test_a_taken_port_fails_with_the_servers_own_words(session: Path, tmp_path: Path) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        sup = supervisor(session, port, tmp_path / "server.log")
        sup.start()
        until(sup, FAILED)
        expected = Translator("fi")("cli.serve.port_in_use", port=port, next=port + 1)
        assert sup.state.detail == expected
        sup.stop()


def test_a_server_of_the_same_workshop_is_adopted_not_fought(session: Path, tmp_path: Path
                                                             ) -> None:
    port = free_port()
    first = supervisor(session, port, tmp_path / "a.log")
    first.start()
    until(first, RUNNING)
    second = supervisor(session, port, tmp_path / "b.log")
    state = second.start()
    assert state.status == RUNNING and state.adopted and second.pid is None
    assert second.check().status == RUNNING
    second.stop()  # not ours: it keeps serving
    assert fetch_health("127.0.0.1", port).ok
    first.stop()
    assert not fetch_health("127.0.0.1", port).ok


def test_the_server_goes_when_the_tui_is_killed(session: Path, tmp_path: Path) -> None:
    port = free_port()
    parent = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from pathlib import Path
        from facilitator.tui.supervisor import ServerSupervisor, RUNNING
        sup = ServerSupervisor(Path({str(session)!r}), {JOIN!r}, port={port},
                               host="127.0.0.1")
        sup.start()
        while sup.check().status != RUNNING:
            time.sleep(0.2)
        print(sup.pid, flush=True)
        time.sleep(120)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert fetch_health("127.0.0.1", port).ok
        parent.kill()  # SIGKILL: no clean-up code runs in the TUI
        parent.wait()
        deadline = time.monotonic() + 10
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(child)
        assert not fetch_health("127.0.0.1", port).ok  # the port is free for the next run
    finally:
        parent.kill()
