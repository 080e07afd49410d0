"""Shared fixtures: a hand-moved clock, settings in a temp folder, sessions from real templates."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.core.templates import Template, load_template
from facilitator.core.workshop import Workshop
from facilitator.paths import Settings, shipped_templates_dir
from tests.machine import require_tool

__all__ = ["require_tool"]  # in tests/machine.py; kept importable from here

REPO = Path(__file__).resolve().parent.parent


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(home=tmp_path, env={})


def shipped(key: str) -> Template:
    return load_template(shipped_templates_dir() / f"{key}.toml")


@pytest.fixture
def palvelupaja(tmp_path: Path, clock: FakeClock) -> Iterator[Workshop]:
    """A temp-file palvelupaja session from the shipped template, not started."""
    ws = Workshop.create(tmp_path / "sessions" / "paja.db", shipped("palvelupaja"),
                         title="Testipaja", place="Kylätalo", date="2026-11-22", clock=clock)
    yield ws
    ws.close()


@pytest.fixture
def memory_ws(clock: FakeClock) -> Iterator[Workshop]:
    """An in-memory palvelupaja session: fast, for rules."""
    ws = Workshop.create(":memory:", shipped("palvelupaja"), title="Muistipaja", clock=clock)
    yield ws
    ws.close()


def goto_kind(ws: Workshop, kind: str, nth: int = 0) -> str:
    """Move the workshop to the nth phase of a kind; returns its key."""
    key = [p.key for p in ws.phases() if p.kind == kind][nth]
    ws.goto(key)
    return key




@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """In CI nothing skips silently: a skipped test (a missing browser, tool or package) fails."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {report.longrepr}"
