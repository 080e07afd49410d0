"""`python -m facilitator.tui.server_child serve ...`: `facilitator serve`, tied to its parent.

The TUI gives this process a stdin pipe that only the TUI holds. When the
pipe closes (the TUI exited or was killed), the server is asked to stop, so
it never outlives the TUI and never keeps the port from the next run. The
command itself runs exactly as `python -m facilitator serve ...` would.
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
import threading
import time

GRACE_S = 5.0


def _watch_parent(fd: int) -> None:
    # os.read on the bare descriptor: a buffered reader's lock held by this daemon thread
    # would make the interpreter's own shutdown fail when the server exits first.
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGTERM)  # uvicorn shuts down cleanly on SIGTERM
    time.sleep(GRACE_S)
    os._exit(0)


def main() -> None:
    if sys.stdin is not None and not sys.stdin.isatty():
        threading.Thread(target=_watch_parent, args=(sys.stdin.fileno(),), name="parent-watch",
                         daemon=True).start()
    sys.argv = ["facilitator", *sys.argv[1:]]
    runpy.run_module("facilitator", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
