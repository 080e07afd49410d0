"""Property-based fuzzing of every form endpoint: never a 5xx, never stored garbage.

Each example is one post with a random mix of real and made-up fields,
values (control characters, markup, any script, huge numbers, invalid
escapes, the shared hostile corpus) and headers. Whatever arrives, the answer
is below 500, a refusal stores nothing, and what was stored is clean text
within the limits. The positive half: well-formed ideas and ballots from the
same strategies are accepted (303) and stored exactly as sent, so a server
that refused everything fails here.
"""

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

from facilitator.core.limits import IDEA_MAX_CHARS, clean_text
from facilitator.errors import InvalidInput
from tests.hostile import PHONE_TEXTS, TEXTS
from tests.web.web_support import Hall, Phone, open_hall

FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
ACTIONS = ["idea", "vote", "insight", "lang", "join"]
NAMES = ["text", "theme", "k", "csrf", "lang", "phase", "m.1", "m.2", "m.3", "m.999", "m.",
         "m.heard", "m.x", "", "\x00", "m.1\x00"]

texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=600),
    st.sampled_from(TEXTS),  # the shared hostile corpus (tests/hostile.py)
    st.sampled_from(["", " ", "\x00", "<b>", "</textarea>", "<script>x</script>", "3 < 5",
                     "1", "2", "3", "-1", "0", "99999999999999999999", "1e3", "fi", "sv",
                     "nuoret", "ideointi", "aanestys", "x" * 501, "\ufeff", "\u2028",
                     "\U0001f600", "a\r\nb", "%", "+", "&", "="]),
)


plain = st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs", "S"]), min_size=1,
               max_size=120)


def fields_strategy() -> st.SearchStrategy[list[tuple[str, str]]]:
    """Extra fields: often none (so that many posts are valid), else anything."""
    name = st.one_of(st.sampled_from(NAMES), st.text(max_size=12))
    return st.one_of(st.just([]), st.just([]), st.lists(st.tuples(name, texts), max_size=8))


def raw_bodies() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=300),
                     st.sampled_from([b"text=%FF", b"text=%E2%82", b"%%%", b"a=b&a=c",
                                      b"text=%00", b"=&=&", b"m.1=%ED%A0%80"]))


@pytest.fixture
def served(tmp_path: Path, clock: Any) -> Iterator[Hall]:
    yield from open_hall(tmp_path / "fuzz.db", "palvelupaja", clock)


def stored_is_clean(hall: Hall) -> None:
    for idea in hall.ws.ideas.all():
        text = idea.text
        assert text and len(text) <= IDEA_MAX_CHARS and text == text.strip()
        assert not re.search(r"<\s*[/!?a-zA-Z]", text)
        assert unicodedata.normalize("NFC", text) == text
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]", text)
    for insight in hall.ws.records.insights():
        assert insight.text and "\x00" not in insight.text
    for phase in hall.ws.phases():
        for ballot in hall.ws.store.ballots(phase.row.id):
            assert ballot.marks and all(isinstance(v, int) for v in ballot.marks.values())
            assert all(v >= 0 for v in ballot.marks.values())


def fuzz_once(hall: Hall, phone: Phone, action: str, body: bytes, ctype: str,
              use_token: bool, extra_headers: dict[str, str]) -> None:
    phone.get()
    if use_token and 'name="csrf"' in phone.html:
        token = urllib.parse.urlencode({"csrf": phone.field("csrf")}).encode()
        body = token + b"&" + body
    before = hall.counts()
    headers = {"content-type": ctype, **extra_headers}
    response = phone.request("POST", f"/j/{hall.code}/{action}", content=body, headers=headers)
    assert response.status_code < 500, (action, body[:200], response.text[:300])
    assert "Traceback" not in response.text
    if response.status_code != 303:
        assert hall.counts() == before, (action, body[:200], response.status_code)
    stored_is_clean(hall)
    hall.clock.advance(seconds=7)  # let the per-minute limit breathe between examples


valid_keys = st.from_regex(r"[A-Za-z0-9_.:-]{1,64}", fullmatch=True)
keys = st.one_of(st.none(), valid_keys, valid_keys, texts)
themes = st.one_of(st.sampled_from(["nuoret", "elinvoima", "vapaat-ideat", "", "NUORET"]),
                   st.sampled_from(["nuoret", "palvelut"]), texts)


@given(action=st.sampled_from(["idea", "idea", "insight"]), text=st.one_of(plain, plain, texts),
       theme=themes, key=keys, well_formed=st.booleans(),
       good_theme=st.sampled_from(["nuoret", "palvelut"]),
       good_key=st.one_of(st.none(), valid_keys),
       extra=fields_strategy(), use_token=st.booleans(),
       ctype=st.sampled_from(["application/x-www-form-urlencoded"] * 4 + [
           "application/x-www-form-urlencoded; charset=UTF-8",
           "multipart/form-data; boundary=x", "text/plain", ""]))
@FUZZ
def test_fuzz_text_forms(served: Hall, action: str, text: str, theme: str, key: str | None,
                         well_formed: bool, good_theme: str, good_key: str | None,
                         extra: list[tuple[str, str]], use_token: bool, ctype: str) -> None:
    """Ideas (in the ideas phase) and insights (refused there: closed) with any content.

    Half the posts are well formed (token, form type, no stray fields) so that the
    content itself reaches core/; the other half are broken in every other way too.
    """
    if served.ws.current() is None:
        served.goto("ideas")
    phone = _phone(served)
    if well_formed:
        extra, use_token, ctype = [], True, "application/x-www-form-urlencoded"
        theme, key = good_theme, good_key
    pairs = [("text", text), ("theme", theme)] + ([("k", key)] if key is not None else [])
    body = urllib.parse.urlencode(pairs + extra, errors="surrogatepass").encode()
    fuzz_once(served, phone, action, body, ctype, use_token, {})


@given(action=st.sampled_from(["lang", "join"]), fields=fields_strategy(),
       lang=st.one_of(st.sampled_from(["fi", "sv", "en"]), texts), use_token=st.booleans())
@FUZZ
def test_fuzz_language_forms(served: Hall, action: str, fields: list[tuple[str, str]],
                             lang: str, use_token: bool) -> None:
    phone = _phone(served)
    if action == "join":
        phone = Phone(served.client, served.code)  # a new phone each time
    body = urllib.parse.urlencode([("lang", lang)] + fields, errors="surrogatepass").encode()
    fuzz_once(served, phone, action, body, "application/x-www-form-urlencoded", use_token, {})


valid_marks = st.dictionaries(st.sampled_from(["m.1", "m.2", "m.3", "m.4"]),
                              st.integers(0, 3).map(str), max_size=4)


@given(fields=fields_strategy(), marks=st.one_of(valid_marks, valid_marks, st.dictionaries(
    st.sampled_from(["m.1", "m.2", "m.3", "m.4", "m.999", "m.-1", "m.01"]),
    st.one_of(st.integers(-3, 8).map(str), st.integers(0, 1).map(str),
              st.integers(0, 1).map(str), texts), max_size=5)),
    use_token=st.booleans(), well_formed=st.booleans())
@FUZZ
def test_fuzz_ballots_in_the_vote_phase(served: Hall, fields: list[tuple[str, str]],
                                        marks: dict[str, str], use_token: bool,
                                        well_formed: bool) -> None:
    if served.ws.current() is None:
        for n, theme in enumerate(["nuoret", "nuoret", "elinvoima", "palvelut"]):
            served.ws.ideas.submit(f"Idea {n}", theme=theme, source="paper")
        served.goto("vote")
    phone = _phone(served)
    phone.get()
    if well_formed:
        fields, use_token = [], True
    pairs = list(marks.items()) + fields
    if use_token and 'name="phase"' in phone.html:
        pairs += [("phase", phone.field("phase")), ("k", phone.field("k"))]
    body = urllib.parse.urlencode(pairs, errors="surrogatepass").encode()
    fuzz_once(served, phone, "vote", body, "application/x-www-form-urlencoded", use_token, {})


@given(action=st.sampled_from(ACTIONS), body=raw_bodies(), use_token=st.booleans(),
       origin=st.sampled_from([None, "null", "http://evil.example", "http://192.168.1.20:8000"]))
@FUZZ
def test_fuzz_raw_bytes(served: Hall, action: str, body: bytes, use_token: bool,
                        origin: str | None) -> None:
    if served.ws.current() is None:
        served.goto("ideas")
    phone = _phone(served)
    headers = {"origin": origin} if origin else {}
    fuzz_once(served, phone, action, body, "application/x-www-form-urlencoded", use_token,
              headers)


def _phone(hall: Hall) -> Phone:
    """One joined phone per served hall, kept on the hall between examples."""
    phone = getattr(hall, "_fuzz_phone", None)
    if phone is None:
        phone = hall.phone("fi")
        object.__setattr__(hall, "_fuzz_phone", phone)
    return phone


# -- the positive half: what is well formed is accepted and stored exactly ------------------

def phone_may_send(text: str) -> bool:
    try:
        clean_text(text, max_chars=IDEA_MAX_CHARS, allow_markup=False)
    except InvalidInput:
        return False
    return True


good_texts = st.one_of(st.sampled_from(PHONE_TEXTS), plain, texts).filter(phone_may_send)


@given(text=good_texts, theme=st.sampled_from(["nuoret", "palvelut", "vapaat-ideat"]))
@FUZZ
def test_well_formed_ideas_are_accepted_and_stored_as_sent(served: Hall, text: str,
                                                          theme: str) -> None:
    if served.ws.current() is None:
        served.goto("ideas")
    phone = _phone(served)
    before = served.ws.ideas.all()
    response = phone.post("idea", {"text": text, "theme": theme})  # the page's own key
    assert response.status_code == 303, (text, response.text[:300])
    after = served.ws.ideas.all()
    assert after[:-1] == before and len(after) == len(before) + 1
    new = after[-1]
    assert new.text == clean_text(text, max_chars=IDEA_MAX_CHARS, allow_markup=False)
    assert new.source == "phone" and new.theme_id == served.ws.theme_by_key(theme).id
    assert all(i.device_id == new.device_id for i in after)  # the one fuzzing phone
    served.clock.advance(seconds=7)  # a person's pace: the per-minute limit is never met


good_ballots = st.dictionaries(st.sampled_from([1, 2, 3, 4]), st.integers(0, 3), min_size=1,
                               max_size=4).filter(lambda m: 0 < sum(m.values()) <= 5)


@given(marks=good_ballots, spell=st.sampled_from(["{}", "0{}", " {} "]))
@FUZZ
def test_well_formed_ballots_are_accepted_and_replace_the_last(served: Hall,
                                                              marks: dict[int, int],
                                                              spell: str) -> None:
    if served.ws.current() is None:
        for n, theme in enumerate(["nuoret", "nuoret", "elinvoima", "palvelut"]):
            served.ws.ideas.submit(f"Idea {n}", theme=theme, source="paper")
        served.goto("vote")
    phone = _phone(served)
    form = {f"m.{target}": spell.format(value) for target, value in marks.items()}
    response = phone.post("vote", form)
    assert response.status_code == 303, (form, response.text[:300])
    ballots = served.ws.store.ballots(served.ws.phase("aanestys").row.id)
    assert len(ballots) == 1  # one phone, one ballot: the newest
    assert ballots[0].marks == {str(t): v for t, v in marks.items() if v}
    served.clock.advance(seconds=7)
