"""What browser and process tests share: Debian's Chromium and a free port on this laptop."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google at start (NOTES.md).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions"]


def free_port() -> int:
    """A port no program listens on, on any interface (servers bind 0.0.0.0)."""
    with socket.socket() as s:
        s.bind(("0.0.0.0", 0))
        return int(s.getsockname()[1])


def require_tool(name: str) -> str:
    """The path of a system tool; in CI a missing tool fails the test instead of skipping."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing in CI: scripts/system-deps.sh should install it")
        pytest.skip(f"{name} is not installed")
    return path


@contextmanager
def chromium() -> Iterator[tuple[Any, Any]]:
    """Playwright and Debian's Chromium, for a module's tests to share: (playwright, browser)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    require_tool("chromium")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield p, browser
        finally:
            browser.close()
