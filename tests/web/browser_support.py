"""A real server on a real port, and Debian's Chromium as a phone, for the browser tests.

Everything here is function-scoped (see NOTES.md: a session-scoped sync
Playwright breaks pytest-asyncio tests), and the browser tests run in their
own pytest invocation (`pytest -m browser`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from facilitator.core.workshop import Workshop
from facilitator.web.app import create_app
from tests.machine import CHROMIUM, CHROMIUM_ARGS, free_port, require_tool
from tests.web.web_support import make_session

AXE = Path(__file__).resolve().parents[2] / ".cache/axe/node_modules/axe-core/axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}



@dataclass
class Served:
    """A running participant server, and the facilitator's own handle on its file."""

    base: str
    ws: Workshop

    @property
    def join(self) -> str:
        return f"{self.base}/j/{self.ws.join_code}"


@contextmanager
def serve(path: Path, key: str, clock: Any = None, **create: Any) -> Iterator[Served]:
    from facilitator.core.clock import utcnow
    ws = make_session(path, key, clock or utcnow, **create)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app(path, base_url=base, live_seconds=20)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           timeout_graceful_shutdown=1, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    try:
        yield Served(base, ws)
    finally:
        server.should_exit = True
        thread.join(10)
        ws.close()


@dataclass
class Requests:
    """Every request a page made; anything not to this laptop is blocked and kept here."""

    seen: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        url = route.request.url
        self.seen.append(url)
        host = urlsplit(url).hostname or ""
        if url.startswith("data:") or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()




@pytest.fixture
def playwright_() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    require_tool("chromium")
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture
def browser(playwright_: Any) -> Iterator[Any]:
    b = playwright_.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


def phone_context(playwright_: Any, browser: Any, *, js: bool = True, lang: str = "fi-FI",
                  requests: Requests | None = None, **extra: Any) -> Any:
    """A Pixel 5 on the hall's wifi; every request recorded, none leaves the laptop."""
    options = {**playwright_.devices["Pixel 5"], "java_script_enabled": js, "locale": lang,
               **extra}
    context = browser.new_context(**options)
    context.set_default_timeout(5000)
    context.route("**/*", (requests or Requests()).route)
    return context


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is (all default rules, best practices too)."""
    if not AXE.exists():
        require_tool("npm")
        pytest.fail(f"axe-core is missing: {AXE} (make test installs it from npm)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
