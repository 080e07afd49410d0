"""Bad input of every kind: a friendly 4xx in the phone's language, and nothing stored."""

from __future__ import annotations

import unicodedata
import urllib.parse

import pytest
from markupsafe import escape

from facilitator.core.limits import MAX_BODY_BYTES
from tests.hostile import CASES, PHONE_TEXTS
from tests.web.web_support import Hall, Phone


@pytest.fixture
def ideas_hall(hall: Hall) -> Hall:
    hall.goto("ideas")
    return hall


def raw_post(phone: Phone, action: str, body: bytes, ctype: str | None =
             "application/x-www-form-urlencoded", **headers: str) -> object:
    if ctype is not None:
        headers["content-type"] = ctype
    return phone.request("POST", f"/j/{phone.code}/{action}", content=body, headers=headers)


def good_form(phone: Phone, **extra: str) -> dict[str, str]:
    phone.get()
    form = {"csrf": phone.field("csrf"), "k": phone.field("k"), "theme": "nuoret",
            "text": "Hyvä idea"}
    form.update(extra)
    return form


def assert_friendly(response: object, status: int, words: str) -> None:
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert words in response.text
    assert "Traceback" not in response.text and "<h1>" in response.text


def test_csrf_token_missing_wrong_foreign_or_cross_site(ideas_hall: Hall) -> None:
    phone, other = ideas_hall.phone("en"), ideas_hall.phone("fi")
    before = ideas_hall.counts()
    form = good_form(phone)
    other.get()
    cases = [
        {k: v for k, v in form.items() if k != "csrf"},
        {**form, "csrf": "0" * 32},
        {**form, "csrf": other.field("csrf")},  # another phone's token
    ]
    for data in cases:
        response = phone.request("POST", f"/j/{ideas_hall.code}/idea", data=data)
        assert_friendly(response, 403, "The page was open too long")
    cross = phone.request("POST", f"/j/{ideas_hall.code}/idea", data=form,
                          headers={"origin": "http://evil.example"})
    assert_friendly(cross, 403, "The page was open too long")
    # The join form is protected too, by its own cookie.
    stranger = Phone(ideas_hall.client, ideas_hall.code)
    stranger.get()
    response = stranger.request("POST", f"/j/{ideas_hall.code}/join",
                                data={"lang": "fi", "csrf": "nope"})
    assert_friendly(response, 403, "Sivu oli auki liian kauan")
    assert ideas_hall.counts() == before
    same_origin = phone.request("POST", f"/j/{ideas_hall.code}/idea", data=form,
                                headers={"origin": "http://192.168.1.20:8000"})
    assert same_origin.status_code == 303


def test_bodies_over_the_limit_are_refused_before_reading_them_all(ideas_hall: Hall) -> None:
    phone = ideas_hall.phone("fi")
    before = ideas_hall.counts()
    big = urllib.parse.urlencode(good_form(phone, text="x" * MAX_BODY_BYTES)).encode()
    assert_friendly(raw_post(phone, "idea", big), 413, "Lähetys oli liian suuri")

    def chunks():  # no Content-Length: counted while reading
        for _ in range(MAX_BODY_BYTES // 1000 + 2):
            yield b"x" * 1000

    response = phone.request("POST", f"/j/{ideas_hall.code}/idea", content=chunks(),
                             headers={"content-type": "application/x-www-form-urlencoded"})
    assert_friendly(response, 413, "liian suuri")
    lying = raw_post(phone, "idea", b"a=1", **{"content-length": "99999999"})
    assert lying.status_code in (400, 413)
    assert ideas_hall.counts() == before


@pytest.mark.parametrize("body, ctype, status, words", [
    (b"text=\xff\xfe&theme=nuoret", "application/x-www-form-urlencoded", 400, "lukea"),
    (b"text=%FF%FE", "application/x-www-form-urlencoded", 400, "lukea"),
    (b"text=%ED%A0%80", "application/x-www-form-urlencoded", 400, "lukea"),  # a lone surrogate
    (b"text=a&text=b", "application/x-www-form-urlencoded", 400, "Lomake oli rikki"),
    (b"&".join(b"f%d=1" % n for n in range(1100)), "application/x-www-form-urlencoded", 400,
     "Lomake oli rikki"),
    (b"--x\r\ncontent-disposition: form-data; name=\"text\"\r\n\r\nhei\r\n--x--",
     "multipart/form-data; boundary=x", 415, "Lähetys ei onnistunut"),
    (b'{"text": "hei"}', "application/json", 415, "Lähetys ei onnistunut"),
    (b"text=hei", None, 415, "Lähetys ei onnistunut"),
    (b"text=hei", "application/x-www-form-urlencoded; charset=latin-1", 400, "lukea"),
])
def test_malformed_forms(ideas_hall: Hall, body: bytes, ctype: str | None, status: int,
                         words: str) -> None:
    phone = ideas_hall.phone("fi")
    phone.get()
    prefix = urllib.parse.urlencode({"csrf": phone.field("csrf")}).encode() + b"&"
    before = ideas_hall.counts()
    response = raw_post(phone, "idea", prefix + body if b"--x" not in body else body, ctype)
    assert_friendly(response, status, words)
    assert ideas_hall.counts() == before


#: What phones may not send: the corpus's markup (tests/hostile.py), and the shapes of it
#: and of control characters that are not in the corpus.
REFUSED = [c.text for c in CASES if not c.phone] + [
    "\x00", "a\x00b", "x\x1b[31m", "\ufeff", "<img src=x>", "</textarea><b>", "<!-- x -->",
    "x" * 501, "", "\n\n\n"]


@pytest.mark.parametrize("text", REFUSED)
def test_text_that_core_refuses(ideas_hall: Hall, text: str) -> None:
    phone = ideas_hall.phone("sv")
    before = ideas_hall.counts()
    response = phone.post("idea", {"text": text, "theme": "nuoret"})
    assert 400 <= response.status_code < 500
    assert 'lang="sv"' in response.text and 'id="text-err"' in response.text
    assert "<script>alert" not in response.text and "</textarea><b>" not in response.text
    if "<" in text:
        assert text not in response.text  # given back to fix, escaped
    assert ideas_hall.counts() == before


def test_every_text_a_phone_may_send_is_stored_and_shown_as_typed(ideas_hall: Hall) -> None:
    phone = ideas_hall.phone("fi")
    for text in PHONE_TEXTS + ["3 < 5 ja <3", 'a & b "c"']:
        ideas_hall.clock.advance(seconds=7)  # a person's pace (ideas per minute)
        assert phone.post("idea", {"text": text, "theme": "nuoret"}).status_code == 303, text
    page = phone.get().text
    assert "3 &lt; 5 ja &lt;3" in page and "a &amp; b &#34;c&#34;" in page
    stored = [unicodedata.normalize("NFC", t).strip() for t in PHONE_TEXTS]
    assert [i.text for i in ideas_hall.ws.ideas.all()] == stored + ["3 < 5 ja <3", 'a & b "c"']
    for text in stored:
        assert str(escape(text)) in page, text


def test_unknown_theme_language_and_idempotency_keys(ideas_hall: Hall) -> None:
    phone = ideas_hall.phone("fi")
    other = ideas_hall.phone("fi")
    before = ideas_hall.counts()
    assert phone.post("idea", {"text": "Idea", "theme": "eiole"}).status_code == 404
    assert phone.post("idea", {"text": "Idea", "theme": ""}).status_code == 400
    assert phone.post("idea", {"text": "Idea", "k": "ei kelpaa!"}).status_code == 400
    assert phone.post("idea", {"text": "Idea", "k": "x" * 65}).status_code == 400
    assert phone.post("lang", {"lang": "de"}).status_code == 400
    assert phone.post("lang", {"lang": "fi\x00"}).status_code == 400
    assert ideas_hall.counts() == before
    # Another phone's key is not a way to see or overwrite what it sent.
    assert other.post("idea", {"text": "Toisen", "theme": "nuoret", "k": "key-1"}).status_code \
        == 303
    assert phone.post("idea", {"text": "Minun", "theme": "nuoret", "k": "key-1"}).status_code \
        == 400
    assert [i.text for i in ideas_hall.ws.ideas.all()] == ["Toisen"]


def test_posts_without_a_device_or_to_a_wrong_code(ideas_hall: Hall) -> None:
    stranger = Phone(ideas_hall.client, ideas_hall.code)
    phone = ideas_hall.phone("en")
    form = good_form(phone)
    before = ideas_hall.counts()
    response = stranger.request("POST", f"/j/{ideas_hall.code}/idea",
                                data={"text": "Idea", "theme": "nuoret", "csrf": "x"})
    assert_friendly(response, 403, "Skannaa QR-koodi")
    response = phone.request("POST", "/j/WRONG1/idea", data=form)
    assert_friendly(response, 404, "This code was not found")
    response = phone.request("POST", "/j/WRONG1/join", data={"lang": "fi", "csrf": "x"})
    assert response.status_code in (403, 404)
    assert ideas_hall.counts() == before
    assert phone.request("GET", f"/j/{ideas_hall.code}/idea").status_code == 303  # a reload


def test_strange_cookies_are_strangers(ideas_hall: Hall) -> None:
    for cookie in ("", "x" * 5000, "%00", "%C3%A9", "fdev", "a;b"):
        phone = Phone(ideas_hall.client, ideas_hall.code, cookies={"fdev": cookie})
        page = phone.get()
        assert page.status_code == 200 and "Valitse kieli" in page.text
    assert ideas_hall.counts()[3] == 0
