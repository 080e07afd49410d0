"""Real parts for the rehearsals: the `facilitator` command, a `facilitator serve` process,
Debian's Chromium as phones, and poppler + zxing-cpp reading the printed PDFs back.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from facilitator.i18n import Translator
from tests.machine import CHROMIUM, CHROMIUM_ARGS
from tests.machine import require_tool as require

REPO = Path(__file__).resolve().parents[2]
EXE = Path(sys.executable).parent / "facilitator"
#: Phone profiles Playwright knows; the hall has all kinds.
PHONES = ["Pixel 5", "Galaxy S9+", "Moto G4", "Pixel 7", "Galaxy S8", "Nexus 5X",
          "iPhone 12", "iPhone SE"]





@dataclass
class Cli:
    """The facilitator at the keyboard: the real `facilitator` executable, one process a call."""

    home: Path
    lang: str = "fi"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "FACILITATOR_HOME": str(self.home), "FACILITATOR_LANG": self.lang}

    def __call__(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        out = subprocess.run([str(EXE), *args], capture_output=True, text=True, env=self.env,
                             timeout=120, cwd=self.home)
        if ok:
            assert out.returncode == 0, (args, out.stdout, out.stderr)
        return out

    def json(self, session: str) -> dict[str, Any]:
        return json.loads(self("export", session, "--format", "json", "-o", "-").stdout)

    def idea_ids(self, session: str) -> dict[str, int]:
        """What the facilitator sees in the TUI's moderation list: each idea's number."""
        return {i["text"]: i["id"] for i in self.json(session)["ideas"]}


class ServerProcess:
    """`facilitator serve SESSION --port P` as a real process that can be killed with SIGKILL."""

    def __init__(self, cli: Cli, session: str, port: int) -> None:
        self.cli, self.session, self.port = cli, session, port
        self.proc: subprocess.Popen[str] | None = None
        self.log = cli.home / f"serve-{port}.log"

    def start(self) -> ServerProcess:
        self.proc = subprocess.Popen(
            [str(EXE), "serve", self.session, "--port", str(self.port)], env=self.cli.env,
            cwd=self.cli.home, stdout=self.log.open("a"), stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz",
                                            timeout=1) as r:
                    if json.load(r)["status"] == "ok":
                        return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("facilitator serve did not answer: " + self.log.read_text())

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, nothing but what is already on disk survives."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@contextmanager
def serving(cli: Cli, session: str, port: int) -> Iterator[ServerProcess]:
    server = ServerProcess(cli, session, port).start()
    try:
        yield server
    finally:
        server.stop()


# -- the printed side ---------------------------------------------------------------------

def pdf_text(pdf: Path) -> str:
    out = subprocess.run([require("pdftotext"), "-enc", "UTF-8", "-raw", str(pdf), "-"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def qr_codes_in_pdf(pdf: Path, tmp: Path, page: int = 1, dpi: int = 150) -> list[str]:
    """Render a page with pdftoppm and decode every QR code on it with zxing-cpp."""
    import zxingcpp
    from PIL import Image

    prefix = tmp / f"{pdf.stem}-p{page}"
    subprocess.run([require("pdftoppm"), "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-png", str(pdf), str(prefix)], check=True, timeout=120)
    (png,) = sorted(tmp.glob(f"{prefix.name}*.png"))
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))
            if r.format == zxingcpp.BarcodeFormat.QRCode]


def written(cli_output: str, fragment: str) -> Path:
    """The path a command printed whose name contains `fragment`."""
    paths = [Path(line) for line in cli_output.splitlines() if line.endswith(".pdf")]
    (found,) = [p for p in paths if fragment in p.name]
    return found


# -- phones ---------------------------------------------------------------------------------

@dataclass
class Traffic:
    """Every request the phones made; anything not to the laptop is blocked and kept."""

    laptop: str
    seen: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        url = route.request.url
        self.seen.append(url)
        if url.startswith("data:") or urlsplit(url).hostname == self.laptop:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@dataclass
class Phone:
    """A resident's phone: a Chromium context with a phone profile, its own cookies."""

    name: str
    lang: str
    js: bool
    context: Any
    page: Any

    @property
    def tr(self) -> Translator:
        return Translator(self.lang)

    def join(self, url: str) -> None:
        self.page.goto(url)
        self.page.get_by_role("button", name=self.tr("web.join.continue")).click()
        assert self.page.locator("html").get_attribute("lang") == self.lang

    def reload(self, url: str) -> None:
        self.page.goto(url)

    def write_idea(self, theme_key: str, text: str) -> None:
        self.page.locator(f'input[type=radio][name=theme][value="{theme_key}"]').check()
        self.page.get_by_role("textbox").fill(text)
        self.page.get_by_role("button", name=self.tr("web.ideas.send")).click()
        self.page.get_by_text(self.tr("web.ideas.saved")).wait_for()

    def vote_form(self) -> dict[str, str]:
        """The vote form's fields as the browser would send them (for a network retry)."""
        return self.page.evaluate("""() => {
            const f = document.querySelector('form[action$="/vote"]');
            const out = {};
            for (const [k, v] of new FormData(f).entries()) out[k] = v;
            return out;
        }""")

    def vote_action(self) -> str:
        return self.page.evaluate(
            "() => document.querySelector('form[action$=\"/vote\"]').action")

    def choose_dots(self, dots: dict[str, int]) -> None:
        """Set the dots; ideas not in `dots` go back to 0 (the form shows the last ballot)."""
        selects = self.page.locator("select")
        for i in range(selects.count()):
            if selects.nth(i).input_value() != "0":
                selects.nth(i).select_option("0")
        for label, n in dots.items():
            self.page.get_by_label(label, exact=True).select_option(str(n))

    def dots_shown(self) -> dict[str, int]:
        """The ballot as the page shows it (after saving: as the server stored it)."""
        return self.page.evaluate("""() => {
            const out = {};
            for (const s of document.querySelectorAll('select')) {
                const label = document.querySelector(`label[for="${s.id}"]`).textContent;
                if (+s.value) out[label.trim()] = +s.value;
            }
            return out;
        }""")

    def choose(self, labels: list[str]) -> None:
        for label in labels:
            self.page.get_by_role("checkbox", name=label).check()

    def send_vote(self, button_key: str = "web.vote.send") -> None:
        self.page.get_by_role("button", name=self.tr(button_key)).click()

    def wait_saved_vote(self) -> None:
        try:
            self.page.get_by_text(self.tr("web.vote.saved")).wait_for()
        except Exception as exc:  # say what the phone shows instead
            raise AssertionError(f"{self.name} ({self.lang}, js={self.js}) shows: "
                                 + self.page.locator("main").inner_text()[:1500]) from exc

    def post(self, url: str, form: dict[str, str]) -> Any:
        """A request from this phone, with its cookies: a retry or a forged form."""
        return self.context.request.post(url, form=form, max_redirects=0)


@contextmanager
def phones_in_the_hall(playwright: Any, laptop: str, specs: list[tuple[str, bool]]
                       ) -> Iterator[tuple[list[Phone], Traffic]]:
    """Phones (language, JavaScript on?) in one Chromium; every request recorded."""
    require(CHROMIUM)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
    traffic = Traffic(laptop)
    phones = []
    try:
        for n, (lang, js) in enumerate(specs):
            profile = playwright.devices[PHONES[n % len(PHONES)]]
            profile = {k: v for k, v in profile.items() if k != "default_browser_type"}
            locale = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[lang]
            context = browser.new_context(**profile, java_script_enabled=js, locale=locale)
            context.set_default_timeout(8000)
            context.route("**/*", traffic.route)
            phones.append(Phone(f"phone-{n}", lang, js, context, context.new_page()))
        yield phones, traffic
    finally:
        for phone in phones:
            phone.context.close()
        browser.close()
