"""Helpers for the collection tests: a process with themes, its collection file, visitors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from facilitator.collect.app import create_collect_app
from facilitator.collect.collection import Limits
from facilitator.collect.prepare import prepare
from facilitator.core.process import Process
from facilitator.core.templates import ThemeSpec

PUBLIC = "https://osallistu.example.fi"
THEMES = [
    ThemeSpec("nuoret", {"fi": "Nuoret", "sv": "Unga", "en": "Young people"},
              {"fi": "Mitä nuoret tarvitsevat?", "sv": "Vad behöver de unga?",
               "en": "What do young people need?"}),
    ThemeSpec("tilat", {"fi": "Tyhjät tilat", "sv": "Tomma lokaler", "en": "Empty premises"},
              {"fi": "Mihin tyhjät tilat?", "sv": "Vad ska tomma lokaler användas till?",
               "en": "What should empty premises be used for?"}),
]


def make_process(folder: Path, clock: Any) -> Process:
    proc = Process.create(folder, name="Kirkonkylä 2027", municipality="Mansikkala",
                          coordinator="Aino Koordinaattori", clock=clock)
    proc.set_themes(THEMES)
    return proc


def make_collection(proc: Process, *, until: str = "2026-12-31", public_url: str = PUBLIC
                    ) -> Path:
    return prepare(proc, until=until, public_url=public_url,
                   privacy_url="https://mansikkala.example.fi/tietosuoja").path


@dataclass
class Visitor:
    """One browser: its own cookies on a shared TestClient, and the last page it saw."""

    client: TestClient
    cookies: dict[str, str] = field(default_factory=dict)
    html: str = ""

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        self.client.cookies.clear()
        headers = dict(kwargs.pop("headers", {}) or {})
        if self.cookies:
            headers["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.client.request(method, url, headers=headers, follow_redirects=False,
                                       **kwargs)
        for raw in response.headers.get_list("set-cookie"):
            name, _, rest = raw.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        if method == "GET" or response.status_code != 303:
            self.html = response.text
        return response

    def get(self, url: str, **kw: Any) -> Any:
        return self.request("GET", url, **kw)

    def form(self, name: str) -> str:
        m = re.search(rf'name="{name}" value="([^"]*)"', self.html)
        assert m, (name, self.html[:400])
        return m.group(1)

    def send(self, theme: str, text: str, headers: dict[str, str] | None = None,
             **extra: str) -> Any:
        """Open the theme's page, fill the form, send it (as a browser does)."""
        self.get(f"/t/{theme}", headers=headers)
        data = {"csrf": self.form("csrf"), "k": self.form("k"), "text": text,
                "website": "", **extra}
        return self.request("POST", f"/t/{theme}", data=data, headers=headers)


def client_for(path: Path, clock: Any, *, limits: Limits | None = None,
               trusted: tuple[str, ...] = (), public_url: str | None = None) -> TestClient:
    app = create_collect_app(path, clock=clock, limits=limits, trusted_proxies=trusted,
                             public_url=public_url)
    return TestClient(app, base_url=PUBLIC)
