"""The real `facilitator run` in a real terminal (tmux): start, keys, the screen, a crash.

These run the installed command as a facilitator would, in a 100x32 tmux
pane, and read the pane back as text.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.core.clock import utcnow
from facilitator.core.workshop import Workshop
from facilitator.paths import Settings
from facilitator.tui.supervisor import fetch_health
from tests.machine import free_port
from tests.tui.tui_support import hostile_palvelupaja, new_session, vote

pytestmark = pytest.mark.slow

FACILITATOR = str(Path(sys.executable).with_name("facilitator"))


class Pane:
    """One tmux session running one command."""

    def __init__(self, command: str, cwd: Path) -> None:
        assert shutil.which("tmux"), "tmux is needed (scripts/system-deps.sh installs it)"
        self.name = f"facilitator-test-{uuid.uuid4().hex[:8]}"
        self.cwd = cwd
        self.start(command)

    def start(self, command: str) -> None:
        env = "env -u FACILITATOR_HOME FACILITATOR_LANG=fi TERM=xterm-256color"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "32",
                        "-c", str(self.cwd), f"exec {env} {command}"], check=True)

    def text(self) -> str:
        done = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True)
        return done.stdout

    def wait_for(self, *words: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if all(w in text for w in words):
                return text
            time.sleep(0.2)
        raise AssertionError(f"{words} not on the screen:\n{text}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            # A key right after Escape would arrive as Alt+key if both are read together.
            time.sleep(0.5 if key == "Escape" else 0.15)

    def type(self, text: str) -> None:
        time.sleep(0.4)  # the screen that just appeared focuses its field first
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.2)

    def pid(self) -> int:
        done = subprocess.run(["tmux", "display-message", "-p", "-t", self.name,
                               "#{pane_pid}"], capture_output=True, text=True, check=True)
        return int(done.stdout.strip())

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name],
                              capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def panes() -> Iterator[list[Pane]]:
    made: list[Pane] = []
    yield made
    for pane in made:
        pane.close()



def test_run_the_demo_with_its_server(tmp_path: Path, panes: list[Pane]) -> None:
    subprocess.run([FACILITATOR, "--home", str(tmp_path), "demo"], check=True,
                   capture_output=True)
    port = free_port()
    pane = Pane(f"{FACILITATOR} --home {tmp_path} run demo --port {port} --host 127.0.0.1",
                tmp_path)
    panes.append(pane)
    screen = pane.wait_for("6/9 · Äänestys", "Palvelin OK", "Puhelimia 24 · salissa 31")
    assert "Seuraava" in screen and "QR-koodi" in screen  # the footer says what keys do
    with Workshop.open(tmp_path / "sessions" / "demo.db") as ws:
        code = ws.join_code
    assert fetch_health("127.0.0.1", port).join_code == code
    pane.keys("q")
    pane.wait_for(f"http://127.0.0.1:{port}/j/{code}", "▀")
    pane.keys("Escape", "n")
    pane.wait_for("Äänestys on auki")
    pane.keys("y")
    pane.wait_for("7/9 · Suosituimmat ideat", "3 suosituinta teemaa kohden · Äänestys")
    with Workshop.open(tmp_path / "sessions" / "demo.db") as ws:
        current = ws.current()
        assert current is not None and current.key == "yhteenveto"
    pane.keys("C-q")
    deadline = time.monotonic() + 10
    while pane.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not pane.alive()
    assert not fetch_health("127.0.0.1", port).ok  # the server stopped with the TUI


def test_killed_in_the_middle_and_reopened_where_it_was(tmp_path: Path, panes: list[Pane]
                                                        ) -> None:
    settings = Settings.load(home=tmp_path, env={})
    new_session(settings, "palvelupaja", utcnow).close()
    command = f"{FACILITATOR} --home {tmp_path} run palvelupaja --no-server"
    pane = Pane(command, tmp_path)
    panes.append(pane)
    pane.wait_for("Työpaja ei ole vielä alkanut")
    pane.keys("n", "n", "n", "n")
    pane.wait_for("4/9 · Ideointi teemapisteillä")
    pane.keys("i")
    pane.wait_for("Paperi-ideat")
    pane.type("Uimaranta kuntoon")
    pane.keys("Enter")
    pane.wait_for("Tallennettu")
    pane.keys("Escape", "o")
    pane.wait_for("Uusi muistiinpano")
    pane.type("Kahvit loppuivat kesken")
    pane.keys("Enter")
    pane.wait_for("Muistiinpanot (1)")
    pane.keys("Escape")
    pane.wait_for("4/9 · Ideointi teemapisteillä")
    path = tmp_path / "sessions" / "palvelupaja.db"
    with Workshop.open(path) as ws:
        since = ws.info.phase_since

    os.kill(pane.pid(), signal.SIGKILL)  # the laptop's lid, a power cut, a stray kill
    deadline = time.monotonic() + 5
    while pane.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)  # a moment passes; the phase's clock keeps running in the file

    reopened = Pane(command, tmp_path)
    panes.append(reopened)
    screen = reopened.wait_for("4/9 · Ideointi teemapisteillä", "jäljellä")
    assert "▶ Ideointi teemapis" in screen
    with Workshop.open(path) as ws:
        assert ws.info.phase_since == since  # the same countdown, not a new one
        timer = ws.timer()
        assert timer is not None and 0 < timer.remaining_seconds <= 30 * 60 - 1
        assert [i.text for i in ws.ideas.all()] == ["Uimaranta kuntoon"]
        assert [n.text for n in ws.records.notes()] == ["Kahvit loppuivat kesken"]
    reopened.keys("o")
    reopened.wait_for("Kahvit loppuivat kesken")
    reopened.keys("Escape", "m")
    reopened.wait_for("Uimaranta kuntoon")
    reopened.keys("Escape", "C-q")


def test_every_footer_key_with_the_hostile_corpus(tmp_path: Path, panes: list[Pane]) -> None:
    """The real command on a session full of hostile text: every key once, the app stays."""
    (tmp_path / "omat").mkdir()
    settings = Settings.load(home=tmp_path, templates=tmp_path / "omat", env={})
    ws, ids = hostile_palvelupaja(settings, utcnow)
    vote(ws, ids)
    ws.close()
    command = (f"{FACILITATOR} --home {tmp_path} --templates {tmp_path / 'omat'} "
               "run vihamielinen --no-server")
    pane = Pane(command, tmp_path)
    panes.append(pane)
    pane.wait_for("[/] [@click")
    # Each key of the run screen's footer (and the hidden ones), then back to the run screen.
    for key in ["q", "m", "i", "t", "d", "o", "h", "e", "g", "C-p"]:
        pane.keys(key)
        time.sleep(0.4)
        pane.keys("Escape")
        time.sleep(0.3)
        assert pane.alive(), key
    for key in ["n", "p"]:  # an open vote asks first; Escape says no
        pane.keys(key)
        pane.wait_for("Äänestys on auki")
        pane.keys("Escape")
    pane.keys("r", "r", "s", "s", "plus", "minus", "F2", "F2")
    pane.keys("Escape", "Escape")
    screen = pane.wait_for("[/] [@click")  # still the run screen, the title as typed
    assert "[bold]unclosed" in screen
    with Workshop.open(tmp_path / "sessions" / "vihamielinen.db") as reopened:
        current = reopened.current()
        assert current is not None and current.key == "aanestys"  # no key moved the evening
    pane.keys("C-q")
    deadline = time.monotonic() + 10
    while pane.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not pane.alive()
