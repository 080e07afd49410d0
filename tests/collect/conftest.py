"""Fixtures for the online idea collection: a process, its collection file, the served app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from facilitator.core.process import Process
from tests.collect.support import client_for, make_collection, make_process


@pytest.fixture
def proc(tmp_path: Path, clock: Any) -> Iterator[Process]:
    p = make_process(tmp_path / "processes" / "kirkonkyla-2027", clock)
    yield p
    p.close()


@pytest.fixture
def collection(proc: Process) -> Path:
    return make_collection(proc)


@pytest.fixture
def client(collection: Path, clock: Any) -> Iterator[TestClient]:
    with client_for(collection, clock) as c:
        yield c
