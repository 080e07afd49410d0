"""SQLite's failures leave the store as domain errors with a catalog key, and the CLI says so."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import facilitator.store as store_module
from facilitator.cli import build_app
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError, StoreBusy, StoreError, StoreRefused
from facilitator.i18n import LANGS, Translator
from facilitator.store import SCHEMA_VERSION, Store


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy timeout of 50 ms for every store opened from now on, so a lock fails fast."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)


@pytest.fixture
def locked(palvelupaja: Workshop) -> Iterator[Path]:
    """The session file while another program holds its write lock."""
    other = sqlite3.connect(palvelupaja.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield palvelupaja.path
    other.execute("ROLLBACK")
    other.close()


def test_a_locked_file_is_busy_for_a_write_and_the_store_stays_usable(
        short_wait: None, locked: Path) -> None:
    store = Store.open(locked)
    with pytest.raises(StoreBusy) as single:
        store.add_note("kirjoitettu", None, "2026-11-22T16:00:00.000+00:00")
    with pytest.raises(StoreBusy) as transaction:
        with store.write():
            store.add_note("kirjoitettu", None, "2026-11-22T16:00:00.000+00:00")
    for caught in (single, transaction):
        assert caught.value.key == "error.session_busy"
        assert caught.value.status == 503
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)  # kept for the log
    assert not store.db.conn.in_transaction
    assert store.notes() == []  # reading still works in WAL while another writes
    store.close()


def test_the_busy_message_says_what_happened_and_what_to_do(short_wait: None,
                                                            locked: Path) -> None:
    with Store.open(locked) as store, pytest.raises(StoreBusy) as caught:
        store.set_summary("x", "y", "t")
    assert caught.value.message(Translator("fi")) == (
        "Työpajan tiedosto on juuri nyt varattu (toinen ohjelma kirjoittaa siihen). "
        "Yritä hetken päästä uudelleen.")
    for lang in LANGS:
        assert caught.value.message(Translator(lang)) != "error.session_busy"


def test_a_garbage_file_is_not_a_session(tmp_path: Path) -> None:
    path = tmp_path / "kuva.db"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.key == "error.not_a_session"
    assert caught.value.params == {"path": str(path)}
    assert "kuva.db" in caught.value.message(Translator("en"))


def test_a_file_of_a_newer_schema_is_refused_with_its_version(tmp_path: Path) -> None:
    path = tmp_path / "tuleva.db"
    Store.create(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.close()
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.key == "error.session_too_new"
    assert caught.value.params["version"] == SCHEMA_VERSION + 3
    assert caught.value.params["supported"] == SCHEMA_VERSION


def test_a_refused_change_is_a_domain_error_and_rolls_back_only_its_own(
        palvelupaja: Workshop) -> None:
    store = palvelupaja.store
    with pytest.raises(StoreRefused) as caught:
        store.add_idea(text="x", source="carrier pigeon", created_at="t")
    assert caught.value.key == "error.session_refused"
    assert "CHECK constraint failed" in caught.value.params["detail"]
    assert isinstance(caught.value, FacilitatorError)
    assert store.ideas() == []


def test_any_other_failure_is_a_domain_error_too(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "poissa.db")
    store.db.conn.close()  # the connection has gone from under the store
    with pytest.raises(StoreError) as caught:
        store.notes()
    assert caught.value.key == "error.session_failed"


# -- the CLI: one clear line and exit 1 -----------------------------------------------------------

runner = CliRunner()


def test_a_cli_command_on_a_locked_file_prints_one_line_and_exits_1(
        short_wait: None, locked: Path) -> None:
    result = runner.invoke(build_app("fi"), ["--home", str(locked.parent.parent), "--lang", "fi",
                                             "phase", str(locked), "start"],
                           env={"FACILITATOR_HOME": "", "FACILITATOR_LANG": ""})
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [Translator("fi")("error.session_busy")]
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, sqlite3.Error)
