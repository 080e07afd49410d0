"""The participant server as the TUI's child process: start, watch its health, restart, stop.

No Textual here: the app calls `check()` from a worker thread every few
seconds and shows the returned `ServerState`.

The child is `python -m facilitator.tui.server_child serve SESSION ...`, which
runs `facilitator serve` and also exits when its stdin closes. Its stdin is a
pipe only this process holds, so if the TUI is killed (even with SIGKILL) the
server goes too and the port is free for the next `facilitator run`. A server
that still answers on the port for the same workshop (its /healthz gives our
join code) is adopted instead of fighting over the port.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO


class ServerStatus(StrEnum):
    """The child server's state, in the order a facilitator meets them."""

    OFF = "off"
    STARTING = "starting"
    RUNNING = "running"
    RESTARTING = "restarting"
    FAILED = "failed"
    STOPPED = "stopped"


OFF, STARTING, RUNNING, RESTARTING, FAILED, STOPPED = (
    ServerStatus.OFF, ServerStatus.STARTING, ServerStatus.RUNNING, ServerStatus.RESTARTING,
    ServerStatus.FAILED, ServerStatus.STOPPED)

STARTUP_GRACE_S = 20.0     # a slow laptop may take this long to import and bind
HUNG_AFTER_FAILURES = 3    # health checks in a row before a live but silent child is replaced
#: Waits before each new start in a row: the first at once (phones should notice only a
#: moment), then longer while it keeps failing (a taken port does not free itself).
BACKOFF_S = (0.0, 1.0, 2.0, 4.0, 8.0, 15.0)


@dataclass(frozen=True)
class ServerState:
    """What the facilitator sees about the server."""

    status: ServerStatus
    url: str = ""
    detail: str = ""      # the child's last words when it failed
    restarts: int = 0
    pid: int | None = None
    adopted: bool = False

    @property
    def healthy(self) -> bool:
        return self.status == RUNNING


@dataclass(frozen=True)
class Health:
    ok: bool
    join_code: str | None = None
    phase: str | None = None


def fetch_health(host: str, port: int, timeout: float = 1.0) -> Health:
    """GET /healthz of a server on this machine; never raises."""
    target = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    if ":" in target and not target.startswith("["):
        target = f"[{target}]"
    try:
        with urllib.request.urlopen(f"http://{target}:{port}/healthz",
                                    timeout=timeout) as response:
            if response.status != 200:
                return Health(False)
            data = json.loads(response.read(4096) or b"{}")
    except (OSError, ValueError, urllib.error.URLError):
        return Health(False)
    if not isinstance(data, dict) or data.get("status") != "ok":
        return Health(False)
    return Health(True, data.get("join_code"), data.get("phase"))


class ServerSupervisor:
    """Runs one participant server for one session file, and keeps it running."""

    def __init__(self, session: Path, join_code: str, *, port: int = 8000,
                 host: str = "0.0.0.0", url: str | None = None, log_path: Path | None = None,
                 command: Sequence[str] | None = None, env: dict[str, str] | None = None,
                 health: Callable[[str, int], Health] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.session = Path(session)
        self.join_code = join_code
        self.port = port
        self.host = host
        self.url = url
        self.log_path = log_path
        self.command = list(command) if command else self.default_command()
        self.env = env
        self._health = health or (lambda h, p: fetch_health(h, p))
        self._clock = clock
        self._lock = threading.RLock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_file: BinaryIO | None = None
        self._started_at = 0.0
        self._was_healthy = False
        self._failures = 0
        self._backoff = 0
        self._retry_at: float | None = None
        self._stopped = False
        self._state = ServerState(OFF)

    # -- what runs ------------------------------------------------------------------
    def default_command(self) -> list[str]:
        cmd = [sys.executable, "-m", "facilitator.tui.server_child", "serve", str(self.session),
               "--port", str(self.port), "--host", self.host]
        if self.url:
            cmd += ["--url", self.url]
        return cmd

    @property
    def state(self) -> ServerState:
        return self._state

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> ServerState:
        """Adopt a healthy server of this workshop on the port, or start a child."""
        with self._lock:
            if self._stopped:  # stopped before it started (the workshop was closed at once)
                return self._state
            health = self._health(self.host, self.port)
            if health.ok and health.join_code == self.join_code and self._proc is None:
                self._was_healthy = True
                return self._set(RUNNING, adopted=True)
            return self._spawn(STARTING)

    def check(self) -> ServerState:
        """Look at the child once: restart it if it died or hangs. Call every few seconds."""
        with self._lock:
            if self._stopped:
                return self._state
            now = self._clock()
            proc = self._proc
            if proc is None:
                if self._retry_at is not None and now >= self._retry_at:
                    return self._spawn(RESTARTING)
                if self._state.adopted:
                    health = self._health(self.host, self.port)
                    if health.ok and health.join_code == self.join_code:
                        return self._set(RUNNING, adopted=True)
                    return self._spawn(RESTARTING)  # the adopted server is gone: run our own
                return self._state
            code = proc.poll()
            if code is not None:
                return self._died(code, now)
            health = self._health(self.host, self.port)
            if health.ok and health.join_code in (None, self.join_code):
                self._failures = 0
                self._backoff = 0
                self._was_healthy = True
                return self._set(RUNNING)
            # No answer, or another workshop's server answers on the port: ours is not up
            # (yet). A child that cannot bind exits by itself and says why.
            self._failures += 1
            if (now - self._started_at > STARTUP_GRACE_S
                    and self._failures >= HUNG_AFTER_FAILURES):
                self._kill()
                return self._schedule_retry(now, "")
            return self._state

    def stop(self, timeout: float = 3.0) -> None:
        """Stop our child (never an adopted server) and wait for it to go. For good: a
        supervisor serves one opening of one session."""
        with self._lock:
            self._stopped = True
            self._retry_at = None
            proc = self._proc
            self._proc = None
            if proc is not None:
                _close_quietly(proc.stdin)  # the child's watcher exits on EOF
                if proc.poll() is None:
                    proc.terminate()
                    try:
                        proc.wait(timeout)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait(timeout)
            self._close_log()
            self._set(STOPPED)

    # -- inside ------------------------------------------------------------------------
    def _set(self, status: ServerStatus, *, detail: str | None = None, adopted: bool = False
             ) -> ServerState:
        self._state = ServerState(
            status=status, url=self.url or "", restarts=self._state.restarts,
            detail=self._state.detail if detail is None else detail,
            pid=self.pid, adopted=adopted)
        return self._state

    def _spawn(self, status: ServerStatus) -> ServerState:
        self._retry_at = None
        self._failures = 0
        restarts = self._state.restarts + (1 if status == RESTARTING else 0)
        self._close_log()
        log: int | BinaryIO = subprocess.DEVNULL
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            log = self._log_file = open(self.log_path, "ab")
            log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} start\n".encode())
            log.flush()
        env = dict(os.environ if self.env is None else self.env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        try:
            self._proc = subprocess.Popen(
                self.command, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                env=env, close_fds=True)
        except OSError as exc:
            self._proc = None
            self._state = ServerState(FAILED, self.url or "", str(exc), restarts)
            self._retry_at = self._clock() + self._next_backoff()
            return self._state
        self._started_at = self._clock()
        self._state = ServerState(status, self.url or "", "", restarts, self._proc.pid)
        return self._state

    def _died(self, code: int, now: float) -> ServerState:
        self._proc = None
        detail = self._last_line() or f"exit {code}"
        return self._schedule_retry(now, detail)

    def _schedule_retry(self, now: float, detail: str) -> ServerState:
        self._retry_at = now + self._next_backoff()
        # A server that was serving and fell over is being restarted; one that never came
        # up (port in use, a broken install) has failed and says why.
        status = RESTARTING if self._was_healthy else FAILED
        self._was_healthy = False
        return self._set(status, detail=detail)

    def _next_backoff(self) -> float:
        delay = BACKOFF_S[min(self._backoff, len(BACKOFF_S) - 1)]
        self._backoff += 1
        return delay

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        _close_quietly(proc.stdin)
        if proc.poll() is None:
            proc.kill()
            try:
                proc.wait(3)
            except subprocess.TimeoutExpired:
                pass

    def _last_line(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        with open(self.log_path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 4096))
            tail = fh.read().decode("utf-8", "replace")
        lines = [ln.strip() for ln in tail.splitlines()
                 if ln.strip() and not ln.startswith("--- ")]
        return lines[-1][:200] if lines else ""

    def _close_log(self) -> None:
        if self._log_file is not None:
            _close_quietly(self._log_file)
            self._log_file = None


def _close_quietly(stream: object) -> None:
    close = getattr(stream, "close", None)
    if close is None:
        return
    try:
        close()
    except OSError:
        pass
