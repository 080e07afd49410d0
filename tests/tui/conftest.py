"""Fixtures for the TUI's tests (the fixed evenings live in tui_support.py)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.paths import Settings


@pytest.fixture
def home(tmp_path: Path) -> Settings:
    """Settings with HOME in a temp folder, Finnish UI."""
    return Settings.load(home=tmp_path, lang="fi", env={})


@pytest.fixture
def fixed_home(request: pytest.FixtureRequest) -> Iterator[Settings]:
    """A HOME whose path does not change between runs: screenshots show the sessions folder."""
    # /tmp even when TMPDIR points elsewhere: the path is drawn in the start-screen snapshot.
    base = Path("/tmp") if Path("/tmp").is_dir() else Path(tempfile.gettempdir())
    path = base / "facilitator-tui-snapshots" / request.node.name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    yield Settings.load(home=path, lang="fi", env={})
    shutil.rmtree(path, ignore_errors=True)
