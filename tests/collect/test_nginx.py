"""A real deployment on loopback: Debian's nginx with a self-signed certificate in front of
`facilitator collect serve`, driven by Chromium over https and by plain clients.

Every idea the server acknowledged (303) is in the process's register exactly once after
the import, also when the server was SIGKILLed in the middle of the collection.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from facilitator.collect.importing import import_collection
from facilitator.core.process import Process
from tests import machine
from tests.collect.nginx_support import Client, CollectServer, Nginx, nginx_binary
from tests.collect.support import make_collection, make_process
from tests.machine import free_port, require_tool
from tests.web.browser_support import axe_violations

pytestmark = pytest.mark.browser


@dataclass
class Deployment:
    tmp: Path
    proc: Process
    file: Path
    nginx: Nginx

    def server(self, *extra: str) -> CollectServer:
        return CollectServer(self.file, self.nginx.app_port, self.nginx.base, extra).start()

    def texts(self) -> list[str]:
        return [e.text for e in self.proc.store.entries()]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    binary = nginx_binary() or require_tool("nginx")  # fails in CI, skips elsewhere
    tmp = tmp_path_factory.mktemp("deploy")
    proc = make_process(tmp / "processes" / "kirkonkyla-2027", _utc)
    file = make_collection(proc, until="2099-12-31", public_url="https://127.0.0.1")
    nginx = Nginx(tmp, free_port(), free_port())
    nginx.start(binary)
    try:
        yield Deployment(tmp, proc, file, nginx)
    finally:
        nginx.stop()
        proc.close()


def _utc() -> Any:
    from facilitator.core.clock import utcnow
    return utcnow()


@pytest.fixture
def chromium() -> Iterator[Any]:
    with machine.chromium() as launched:
        yield launched


def phone(chromium: Any, **extra: Any) -> Any:
    p, browser = chromium
    context = browser.new_context(**{**p.devices["Pixel 5"], "ignore_https_errors": True,
                                     "locale": "fi-FI", **extra})
    context.set_default_timeout(8000)
    return context


def send_in_browser(page: Any, base: str, theme_title: str, text: str) -> Any:
    page.goto(base + "/")
    page.get_by_role("link", name=theme_title).click()
    page.get_by_label("Ideasi").fill(text)
    with page.expect_navigation():
        page.get_by_role("button", name="Lähetä idea").click()
    return page


def test_join_send_two_themes_cookies_headers_spoofing_and_the_limit(
        deployment: Deployment, chromium: Any) -> None:
    d = deployment
    server = d.server("--ideas-per-hour", "4")
    acknowledged: list[str] = []
    try:
        context = phone(chromium)
        page = context.new_page()
        first = page.goto(d.nginx.base + "/")
        assert first is not None and first.status == 200
        h = first.headers
        assert h["strict-transport-security"].startswith("max-age=")
        assert "default-src 'self'" in h["content-security-policy"]
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        for title, text in (("Nuoret", "Nuorisotila koululle"),
                            ("Tyhjät tilat", "Kirjasto pankkiin")):
            send_in_browser(page, d.nginx.base, title, text)
            assert "Ideasi on tallennettu" in page.content() and text in page.content()
            acknowledged.append(text)
        [cookie] = [c for c in context.cookies() if c["name"] == "__Host-fcol"]
        assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        assert cookie["path"] == "/" and cookie["domain"] == "127.0.0.1"
        assert "Nuorisotila koululle" in page.goto(d.nginx.base + "/mine").text()

        # Through the proxy, a client's own X-Forwarded-For is not believed: the proxy
        # appends the real address (127.0.0.1), which is the one counted.
        spoofer = Client("127.0.0.1", d.nginx.port)
        csrf = spoofer.open_form("nuoret")
        codes = []
        for n in range(3):
            text = f"Väärä osoite {n}"
            code = spoofer.send("nuoret", text, csrf,
                                headers={"x-forwarded-for": f"203.0.113.{n}"})
            codes.append(code)
            if code == 303:
                acknowledged.append(text)
        assert codes == [303, 303, 429]  # 4 an hour from 127.0.0.1, with the browser's two
        # Straight to the app (not through the proxy): the header is not believed either.
        direct = Client("127.0.0.1", d.nginx.app_port, tls=False)
        csrf = direct.open_form("nuoret", headers={"x-forwarded-for": "198.51.100.7"})
        assert direct.send("nuoret", "Suoraan", csrf,
                           headers={"x-forwarded-for": "198.51.100.7",
                                    "x-forwarded-proto": "https"}) == 429
        # A really different client (another address) has its own limit: the proxy's
        # X-Forwarded-For is believed.
        other = Client("127.0.0.3", d.nginx.port, source="127.0.0.3")
        other.host = "127.0.0.1"
        csrf = other.open_form("tilat")
        assert other.send("tilat", "Toinen kävijä", csrf) == 303
        acknowledged.append("Toinen kävijä")

        # The browser meets the limit as a friendly page, its text still there.
        send_in_browser(page, d.nginx.base, "Nuoret", "Yksi liikaa")
        assert "Odota" in page.content() and "Yksi liikaa" in page.content()
        context.close()
    finally:
        server.stop()
    requests = [line for line in server.output().splitlines()
                if re.search(r" (GET|POST|HEAD) ", line)]
    log = "\n".join(requests)
    assert "POST /t/{key} 303" in log and "POST /t/{key} 429" in log
    for trace in ("127.0.0.", "203.0.113", "198.51.100", "Mozilla", "Chrome"):
        assert trace not in log, trace
    raw = b"".join(p.read_bytes() for p in d.file.parent.glob(d.file.name + "*"))
    # (The public address https://127.0.0.1 is in the file by design: test the clients.)
    for trace in (b"127.0.0.3", b"203.0.113", b"198.51.100", b"Mozilla", b"HeadlessChrome"):
        assert trace not in raw
    report = import_collection(d.proc, d.file, title="Sähköinen ideankeruu")
    assert report.added == len(acknowledged)
    for text in acknowledged:
        assert d.texts().count(text) == 1, text
    assert import_collection(d.proc, d.file, title="x").added == 0


def test_a_sigkill_mid_collection_loses_nothing_acknowledged(deployment: Deployment) -> None:
    d = deployment
    high = ("--ideas-per-hour", "100000", "--requests-per-2s", "100000",
            "--ideas-per-day", "100000")
    server = d.server(*high)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(n: int) -> None:
        i = 0
        while not stop.is_set():
            if i % 8 == 0:  # a new browser now and then: each may send 10 a minute
                client = Client("127.0.0.1", d.nginx.port, source=f"127.0.1.{n + 1}")
                try:
                    csrf = client.open_form("nuoret")
                except Exception:
                    return
            text = f"kill-{n}-{i}"
            i += 1
            try:
                code = client.send("nuoret", text, csrf)
            except Exception:
                continue
            if code == 303:
                with lock:
                    acknowledged.append(text)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while len(acknowledged) < 200 and time.monotonic() < deadline:
        time.sleep(0.02)
    server.kill()  # mid-collection: requests are in flight right now
    with lock:
        before_kill = list(acknowledged)
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join(15)
    assert len(before_kill) >= 200
    # Nothing can be acknowledged by a dead server.
    assert acknowledged[:len(before_kill)] == before_kill
    server = d.server(*high)  # it starts again on the same file
    server.stop()
    import_collection(d.proc, d.file, title="x")
    texts = d.texts()
    for text in acknowledged:
        assert texts.count(text) == 1, text


PAGES = ["/", "/t/nuoret", "/mine", "/privacy", "/no/such/page"]


def test_every_page_meets_wcag_aa_js_on_and_off_narrow_and_zoomed(
        deployment: Deployment, chromium: Any) -> None:
    d = deployment
    server = d.server("--ideas-per-hour", "100000", "--requests-per-2s", "100000")
    try:
        # The pages carry no script, so "JS off" (scripts blocked, as the hall's test does:
        # axe itself needs JavaScript) is checked at two sizes, not at all three.
        for js, viewport, zoom in ((True, {"width": 393, "height": 851}, False),
                                   (False, {"width": 393, "height": 851}, False),
                                   (False, {"width": 320, "height": 640}, False),
                                   (True, {"width": 320, "height": 640}, True)):
            context = phone(chromium, viewport=viewport, bypass_csp=True)
            if not js:
                context.route("**/*.js", lambda route: route.abort())
            page = context.new_page()
            if zoom:
                page.add_init_script(
                    "document.addEventListener('DOMContentLoaded', () => "
                    "document.documentElement.style.fontSize = '200%')")
            full = js and not zoom and viewport["width"] > 320  # axe on every page once
            for path in PAGES:
                page.goto(d.nginx.base + path)
                check(page, path, js, viewport, zoom, axe=full or path == "/")
            page.goto(d.nginx.base + "/t/tilat")
            page.get_by_label("Ideasi").fill("<b>")
            with page.expect_navigation():
                page.get_by_role("button", name="Lähetä idea").click()
            check(page, "refused", js, viewport, zoom, axe=True)
            context.close()
    finally:
        server.stop()


def check(page: Any, where: str, js: bool, viewport: Any, zoom: bool, axe: bool) -> None:
    """No horizontal scrolling on any page; axe-core's violations where `axe` (slow)."""
    if axe:
        bad = axe_violations(page)
        assert bad == [], (where, js, viewport, zoom, bad)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, (where, viewport, zoom, overflow)
