"""`collect prepare` writes only themes and dates; `collect import` adds each idea once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from facilitator.cli import build_app
from facilitator.collect.app import create_collect_app
from facilitator.collect.importing import import_collection
from facilitator.collect.prepare import prepare
from facilitator.core.process import Process
from facilitator.errors import InvalidInput, NotFound, StoreError
from facilitator.store.collection import CollectionStore
from tests.collect.support import PUBLIC, THEMES, Visitor, client_for, make_process


def test_the_file_holds_themes_and_dates_and_nothing_else_of_the_process(
        proc: Process, tmp_path: Path) -> None:
    proc.put_origin(uid="paja-1", file="paja.db", kind="palvelupaja", title="Paja",
                    date="2026-11-20")
    proc.register.add(workshop_uid="paja-1", idea_id=1, source="phone", linked_to=None,
                      fields={"theme": "nuoret", "text": "Salainen rekisterin idea",
                              "votes": 3, "rank": 1, "tied": False}, actor="test")
    done = prepare(proc, until="31.12.2026", public_url=PUBLIC + "/",
                   privacy_url="https://mansikkala.example.fi/tietosuoja",
                   out=tmp_path / "keruu.sqlite")
    with CollectionStore.open(done.path) as cs:
        meta = cs.meta()
        assert cs.ideas() == []
    assert meta.process == "Kirkonkylä 2027" and meta.municipality == "Mansikkala"
    assert (meta.opens, meta.until) == ("2026-11-22", "2026-12-31")
    assert meta.public_url == PUBLIC
    assert [t.key for t in meta.themes] == ["nuoret", "tilat"]
    assert meta.themes[1].title["sv"] == "Tomma lokaler"
    assert meta.themes[0].question["en"] == "What do young people need?"
    raw = done.path.read_bytes()
    assert b"Salainen" not in raw and b"Aino" not in raw and b"Koordinaattori" not in raw
    # The process remembers where and until when, for the closing phase and the minutes.
    row = proc.collection()
    assert row is not None and (row.public_url, row.until) == (PUBLIC, "2026-12-31")


@pytest.mark.parametrize("kwargs, key", [
    ({"until": "2026-11-01"}, "error.collect_until_past"),
    ({"until": "31.2.2027"}, "error.bad_date"),
    ({"until": "2027-01-31", "public_url": "ftp://x"}, "error.collect_bad_url"),
    ({"until": "2027-01-31", "privacy_url": "javascript:alert(1)"}, "error.collect_bad_url"),
    ({"until": "2027-01-31", "opens": "2027-02-01"}, "error.collect_opens_after"),
])
def test_bad_options_get_a_clear_refusal(proc: Process, kwargs: dict[str, str], key: str
                                         ) -> None:
    with pytest.raises(InvalidInput) as info:
        prepare(proc, **kwargs)
    assert info.value.key == key


def test_a_process_without_themes_cannot_be_collected(tmp_path: Path, clock: Any) -> None:
    with Process.create(tmp_path / "p", name="Tyhjä", clock=clock) as p:
        with pytest.raises(InvalidInput, match="collect_no_themes"):
            prepare(p, until="2027-01-31")


def collect(path: Path, clock: Any, texts: list[tuple[str, str]]) -> None:
    with client_for(path, clock) as c:
        for theme, text in texts:
            assert Visitor(c).send(theme, text).status_code == 303


def test_import_adds_every_idea_once_as_e_collection(proc: Process, collection: Path,
                                                     clock: Any) -> None:
    collect(collection, clock, [("nuoret", "Skeittiramppi"), ("tilat", "Kirjasto pankkiin"),
                                ("nuoret", "Bänditila")])
    report = import_collection(proc, collection, title="Sähköinen ideankeruu")
    assert (report.read, report.added, report.already) == (3, 3, 0)
    ideas = proc.register.ideas()
    assert [(i.entry.theme, i.entry.text, i.entry.source, i.entry.status) for i in ideas] == [
        ("nuoret", "Skeittiramppi", "e-collection", "new"),
        ("tilat", "Kirjasto pankkiin", "e-collection", "new"),
        ("nuoret", "Bänditila", "e-collection", "new")]
    assert ideas[0].origins[0].workshop is not None
    assert ideas[0].origins[0].workshop.title == "Sähköinen ideankeruu"
    again = import_collection(proc, collection, title="Sähköinen ideankeruu")
    assert (again.added, again.already) == (0, 3)
    assert len(proc.register.ideas()) == 3
    # More ideas came later: only they are added.
    collect(collection, clock, [("tilat", "Kesäteatteri")])
    assert import_collection(proc, collection, title="x").added == 1


def test_the_same_idea_from_the_hall_and_online_can_be_linked(proc: Process, collection: Path,
                                                              clock: Any) -> None:
    proc.put_origin(uid="paja-1", file="paja.db", kind="palvelupaja", title="Paja",
                    date="2026-11-20")
    hall = proc.register.add(workshop_uid="paja-1", idea_id=1, source="phone", linked_to=None,
                             fields={"theme": "nuoret", "text": "Nuorisotila", "votes": 5,
                                     "rank": 1, "tied": False}, actor="test")
    collect(collection, clock, [("nuoret", "Nuorisotila kouluun")])
    import_collection(proc, collection, title="e")
    online = [e for e in proc.store.entries() if e.source == "e-collection"][0]
    proc.register.link(online.id, hall.id)
    [idea] = proc.register.ideas()
    assert [o.entry.source for o in idea.origins] == ["phone", "e-collection"]


def test_a_collection_of_another_process_or_no_collection_is_refused(
        proc: Process, collection: Path, tmp_path: Path, clock: Any) -> None:
    with make_process(tmp_path / "toinen", clock) as other:
        with Process.create(tmp_path / "kolmas", name="Kolmas", clock=clock) as third:
            third.set_themes(THEMES)
            with pytest.raises(InvalidInput, match="collect_other_process"):
                import_collection(third, collection, title="x")
        # Same name, prepared elsewhere (a copy of the process): accepted.
        assert import_collection(other, collection, title="x").read == 0
    bad = tmp_path / "not.sqlite"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError, match="collect_not_a_file"):
        import_collection(proc, bad, title="x")
    with pytest.raises(NotFound):
        import_collection(proc, tmp_path / "missing.sqlite", title="x")


def run(home: Path, *args: str) -> Any:
    return CliRunner().invoke(build_app("fi"), ["--home", str(home), *args])


def test_the_commands_end_to_end(tmp_path: Path, clock: Any) -> None:
    home = tmp_path
    make_process(home / "processes" / "kirkonkyla-2027", clock).close()
    out = run(home, "collect", "prepare", "kirkonkyla-2027", "--until", "2099-01-31",
              "--public-url", PUBLIC, "--privacy-url", "https://m.example.fi/tietosuoja")
    assert out.exit_code == 0, out.output
    assert "Keruutiedosto:" in out.output and "Juliste:" in out.output
    path = Path(out.output.split("Keruutiedosto: ")[1].splitlines()[0])
    assert path.suffix == ".sqlite" and path.parent.name == "kirkonkyla-2027"
    poster = home / "exports" / "kirkonkyla-2027" / "ideankeruu-juliste.pdf"
    assert poster.read_bytes().startswith(b"%PDF")
    with TestClient(create_collect_app(path), base_url=PUBLIC) as c:
        Visitor(c).send("nuoret", "Komennolla")
    out = run(home, "collect", "import", "Kirkonkylä 2027", str(path))
    assert out.exit_code == 0, out.output
    assert "Luettu 1 ideaa: 1 uutta ideapankkiin, 0 oli jo tuotu." in out.output
    out = run(home, "collect", "import", "kirkonkyla-2027", str(path))
    assert "0 uutta ideapankkiin, 1 oli jo tuotu" in out.output
    assert "Komennolla" in run(home, "process", "ideas", "kirkonkyla-2027").output
    # Mistakes get one line, no trace.
    out = run(home, "collect", "prepare", "kirkonkyla-2027", "--until", "2000-01-01")
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert "on jo mennyt" in out.output
    out = run(home, "collect", "import", "kirkonkyla-2027", str(tmp_path / "nope.sqlite"))
    assert out.exit_code == 1 and "nope.sqlite" in out.output


def test_help_is_in_the_users_language() -> None:
    out = CliRunner().invoke(build_app("sv"), ["collect", "--help"])
    assert out.exit_code == 0 and "Elektronisk idéinsamling" in out.output
    out = CliRunner().invoke(build_app("en"), ["collect", "serve", "--help"])
    assert "--behind-proxy" in out.output and "--trusted-proxy" in out.output
