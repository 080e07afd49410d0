"""The hall server's hostile corpus and fuzzing against the public server: never a 5xx,
never stored garbage, and every accepted text shown back literally to its writer only."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from starlette.testclient import TestClient

from facilitator.collect.collection import Limits
from facilitator.core.limits import IDEA_MAX_CHARS
from facilitator.store.collection import CollectionStore
from tests.collect.support import Visitor, client_for, make_collection, make_process
from tests.hostile import CASES, TEXTS
from tests.web.hostile_support import assert_literal, injected

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
#: Far above a person; the fuzzer is one address and one browser.
OPEN_LIMITS = Limits(ideas_per_hour=100_000, requests_per_2_seconds=100_000,
                     ideas_per_minute_per_browser=100_000, ideas_per_day=100_000)


@pytest.fixture
def wide(collection: Path, clock: Any) -> Iterator[TestClient]:
    with client_for(collection, clock, limits=OPEN_LIMITS) as c:
        yield c


def stored(path: Path) -> list[str]:
    with CollectionStore.open(path) as cs:
        return [i.text for i in cs.ideas()]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_hostile_corpus(wide: TestClient, collection: Path, case: Any) -> None:
    writer, other = Visitor(wide), Visitor(wide)
    r = writer.send("nuoret", case.text)
    if not case.phone:
        assert r.status_code == 400 and stored(collection) == []
        assert not injected(r.text)
        return
    assert r.status_code == 303, r.text[:300]
    expected = unicodedata.normalize("NFC", case.text).strip()
    assert stored(collection) == [expected]
    for path in ("/t/nuoret?ok=1", "/mine"):
        assert_literal(writer.get(path).text, expected, path)
    for path in ("/", "/t/nuoret", "/mine", "/privacy"):
        html = other.get(path).text
        assert expected not in html and str(escape(expected)) not in html  # not others'
        assert not injected(html)


def test_hostile_themes_and_process_names_are_shown_literally(tmp_path: Path, clock: Any
                                                              ) -> None:
    from facilitator.core.templates import ThemeSpec
    case = next(c for c in CASES if c.name == "html")
    with make_process(tmp_path / "p", clock) as proc:
        proc.set_themes([ThemeSpec("oma", {"fi": case.line}, {"fi": case.line})])
        path = make_collection(proc)
    with client_for(path, clock) as c:
        for url in ("/", "/t/oma"):
            assert_literal(c.get(url).text, case.line, url)


texts = st.one_of(st.text(max_size=40), st.text(alphabet=st.characters(codec="utf-8"),
                                                max_size=600),
                  st.sampled_from(TEXTS), st.sampled_from(["", "\x00", "<b>", "x" * 501,
                                                           "\ufeff", "a\r\nb", "%", "&"]))
names = st.one_of(st.sampled_from(["text", "csrf", "k", "website", "theme", "", "\x00"]),
                  st.text(max_size=10))


@given(text=texts, key=st.one_of(st.none(), texts,
                                 st.from_regex(r"[A-Za-z0-9_.:-]{1,64}", fullmatch=True)),
       extra=st.lists(st.tuples(names, texts), max_size=5), token=st.booleans(),
       theme=st.one_of(st.sampled_from(["nuoret", "tilat"]), st.text(max_size=20)),
       ctype=st.sampled_from(["application/x-www-form-urlencoded"] * 3 + [
           "application/x-www-form-urlencoded; charset=latin-1", "multipart/form-data",
           "text/plain", ""]),
       raw=st.one_of(st.none(), st.binary(max_size=200)))
@FUZZ
def test_fuzz_the_idea_form(wide: TestClient, collection: Path, text: str, key: str | None,
                            extra: list[tuple[str, str]], token: bool, theme: str,
                            ctype: str, raw: bytes | None) -> None:
    v = Visitor(wide)
    v.get("/t/nuoret")
    pairs = [("text", text)] + ([("k", key)] if key is not None else []) + extra
    if token:
        pairs.insert(0, ("csrf", v.form("csrf")))
    body = raw if raw is not None else urllib.parse.urlencode(
        pairs, errors="surrogatepass").encode()
    before = len(stored(collection))
    r = v.request("POST", "/t/" + urllib.parse.quote(theme, safe=""), content=body,
                  headers={"content-type": ctype})
    assert r.status_code < 500, (r.status_code, body[:200], r.text[:300])
    assert "Traceback" not in r.text
    after = stored(collection)
    if r.status_code != 303:
        assert len(after) == before
    for t in after:
        assert t and len(t) <= IDEA_MAX_CHARS and t == t.strip()
        assert not re.search(r"<\s*[/!?a-zA-Z]", t)
        assert unicodedata.normalize("NFC", t) == t


@given(path=st.text(max_size=60), method=st.sampled_from(["GET", "POST", "PUT", "HEAD",
                                                          "OPTIONS", "DELETE"]),
       headers=st.dictionaries(st.sampled_from(["x-forwarded-for", "x-forwarded-proto",
                                                "accept-language", "cookie", "origin",
                                                "content-length"]),
                               st.text(alphabet=st.characters(min_codepoint=32,
                                                              max_codepoint=126),
                                       max_size=80), max_size=4))
@FUZZ
def test_fuzz_any_path_and_header(wide: TestClient, path: str, method: str,
                                  headers: dict[str, str]) -> None:
    url = "/" + urllib.parse.quote(path, safe="/?=&")
    try:
        r = wide.request(method, url, headers=headers)
    except Exception as exc:  # the client refused to send it (a bad content-length)
        assert "content-length" in headers, exc
        return
    assert r.status_code < 500, (method, url, headers, r.status_code)
