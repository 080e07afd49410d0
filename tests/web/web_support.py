"""Helpers for the participant server's tests: sessions from the shipped templates, the app, phones.

The test itself plays the facilitator: it holds its own `Workshop` handle on
the same file (another connection, as the TUI would) and moves phases,
hides ideas and reveals results there; the app notices through the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from facilitator.core.templates import Template, load_template, template_from_dict
from facilitator.core.workshop import Workshop
from facilitator.paths import shipped_templates_dir
from facilitator.web.app import create_app

BASE = "http://192.168.1.20:8000"


def shipped(key: str) -> Template:
    return load_template(shipped_templates_dir() / f"{key}.toml")


def variant(changes: dict[str, dict[str, object]], source: str) -> Template:
    """Palvelupaja with some phases changed, by kind: templates are data, so are variants."""
    raw = dict(shipped("palvelupaja").raw)
    raw["phases"] = [{**p, **changes.get(p["kind"], {})} for p in raw["phases"]]
    return template_from_dict(raw, source=source)


#: Variants no shipped template has: ideas rated 1–5, and a quiet single-theme ideas phase.
VARIANTS = {
    "scale": {"vote": {"vote": {"method": "scale", "min": 1, "max": 5}}},
    "quiet": {"ideas": {"show_others": False, "themes": ["nuoret"]}},
}


def make_session(path: Path, key: str, clock: Any, **create: Any) -> Workshop:
    """A session from a shipped template or a variant; `create` overrides title, themes…"""
    template = variant(VARIANTS[key], key) if key in VARIANTS else shipped(key)
    fields: dict[str, Any] = {"title": "Kylän ilta", "place": "Seurantalo",
                              "date": "2026-11-22", **create}
    return Workshop.create(path, template, clock=clock, **fields)


@dataclass
class Phone:
    """One phone: its own cookies on the shared TestClient, and the last page it saw."""

    client: TestClient
    code: str
    cookies: dict[str, str] = field(default_factory=dict)
    html: str = ""

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        self.client.cookies.clear()
        headers = dict(kwargs.pop("headers", {}) or {})
        if self.cookies:
            headers["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.client.request(method, url, headers=headers, follow_redirects=False,
                                       **kwargs)
        for name, value in response.cookies.items():
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        for raw in response.headers.get_list("set-cookie"):  # deletions (Max-Age=0)
            name = raw.split("=", 1)[0]
            if "Max-Age=0" in raw:
                self.cookies.pop(name, None)
        if method == "GET" or response.status_code != 303:
            self.html = response.text
        return response

    def get(self, url: str | None = None, **kwargs: Any) -> Any:
        return self.request("GET", url or f"/j/{self.code}", **kwargs)

    def field(self, name: str) -> str:
        found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.html)
        assert found, f"no field {name} on the page"
        return found.group(1)

    def join(self, lang: str = "fi") -> Any:
        self.get()
        response = self.request("POST", f"/j/{self.code}/join",
                                data={"lang": lang, "csrf": self.field("csrf")})
        assert response.status_code == 303, response.text
        return self.get()

    def post(self, action: str, data: dict[str, str], *, fresh: bool = True, **kw: Any) -> Any:
        """A form post with this page's csrf token and idempotency key (unless given)."""
        if fresh:
            self.get()
        form = {"csrf": self.field("csrf")}
        if 'name="k"' in self.html:
            form["k"] = self.field("k")
        if 'name="phase"' in self.html:
            form["phase"] = self.field("phase")
        form.update(data)
        return self.request("POST", f"/j/{self.code}/{action}", data=form, **kw)


@dataclass
class Hall:
    """A running app on one session, the facilitator's handle and a way to make phones."""

    ws: Workshop
    client: TestClient
    clock: Any

    @property
    def code(self) -> str:
        return self.ws.join_code

    def phone(self, lang: str | None = "fi") -> Phone:
        phone = Phone(self.client, self.code)
        if lang:
            phone.join(lang)
        return phone

    def goto(self, kind: str, nth: int = 0) -> str:
        key = [p.key for p in self.ws.phases() if p.kind == kind][nth]
        self.ws.goto(key)
        return key

    def counts(self) -> tuple[int, int, int, int]:
        """Ideas, ballots, insights, devices: what a refused request must not change."""
        store = self.ws.store
        ballots = sum(len(store.ballots(p.row.id)) for p in self.ws.phases())
        return (len(store.ideas()), ballots, len(store.insights()), store.count_devices())


def open_hall(path: Path, key: str, clock: Any, *, live_seconds: float = 0.3,
              create: dict[str, Any] | None = None, **client_kw: Any) -> Iterator[Hall]:
    ws = make_session(path, key, clock, **(create or {}))
    app = create_app(path, base_url=BASE, clock=clock, live_seconds=live_seconds)
    with TestClient(app, base_url=BASE, **client_kw) as client:
        yield Hall(ws, client, clock)
    ws.close()
