"""Joining, languages, codes, cookies, the wall, health and headers, through the real app."""

from __future__ import annotations

import hashlib
import re
import sqlite3

from starlette.routing import Route
from starlette.testclient import TestClient

from facilitator.web.app import ROUTES
from tests.web.web_support import BASE, Hall, Phone


def test_the_server_offers_no_facilitator_action(hall: Hall) -> None:
    posts = sorted(r.path for r in ROUTES if isinstance(r, Route) and "POST" in (r.methods or ()))
    assert posts == ["/j/{code}/idea", "/j/{code}/insight", "/j/{code}/join", "/j/{code}/lang",
                     "/j/{code}/question", "/j/{code}/upvote", "/j/{code}/vote"]
    phone = hall.phone()
    csrf = phone.field("csrf")
    before = (hall.ws.info, hall.counts(), [p.row for p in hall.ws.phases()])
    for path in ("/phase", "/next", "/reveal", f"/j/{hall.code}/phase", f"/j/{hall.code}/next",
                 f"/j/{hall.code}/reveal", f"/j/{hall.code}/hide", f"/j/{hall.code}/answered",
                 f"/j/{hall.code}/dots", "/admin", "/wall",
                 "/wall/reveal", "/healthz"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            response = phone.request(method, path, data={"csrf": csrf})
            assert response.status_code in (403, 404, 405), (method, path)
            assert "<h1>" in response.text and "Traceback" not in response.text
    assert (hall.ws.info, hall.counts(), [p.row for p in hall.ws.phases()]) == before


def test_healthz_is_the_tuis_contract(hall: Hall) -> None:
    response = hall.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "join_code": hall.code, "phase": None}
    key = hall.goto("ideas")
    assert hall.client.get("/healthz").json()["phase"] == key


def test_first_visit_asks_the_language_once_then_sets_a_safe_device_cookie(hall: Hall) -> None:
    phone = Phone(hall.client, hall.code)
    first = phone.get()
    assert first.status_code == 200
    assert 'lang="fi"' in first.text and "Valitse kieli" in first.text
    assert "Välj språk" in first.text and "Choose your language" in first.text
    assert hall.counts()[3] == 0  # looking is not joining
    response = phone.request("POST", f"/j/{hall.code}/join",
                             data={"lang": "sv", "csrf": phone.field("csrf")})
    assert response.status_code == 303 and response.headers["location"] == f"/j/{hall.code}"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("fdev="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    token = phone.cookies["fdev"]
    assert len(token) >= 22  # >= 128 bits, base64
    page = phone.get()
    assert '<html lang="sv">' in page.text and "Välj språk" not in page.text
    # Stored hashed: the file never holds the token itself.
    assert token.encode() not in hall.ws.path.read_bytes()
    rows = sqlite3.connect(hall.ws.path).execute("SELECT * FROM devices").fetchall()
    assert len(rows) == 1 and hashlib.sha256(token.encode()).hexdigest() in rows[0]
    # Nothing personal: a hash, a language and two times.
    cols = [c[1] for c in sqlite3.connect(hall.ws.path).execute("PRAGMA table_info(devices)")]
    assert cols == ["id", "token_hash", "lang", "first_seen", "last_seen"]


def test_a_double_tapped_join_makes_one_device(hall: Hall) -> None:
    phone = Phone(hall.client, hall.code)
    phone.get()
    data = {"lang": "fi", "csrf": phone.field("csrf")}
    cookies = dict(phone.cookies)
    first = phone.request("POST", f"/j/{hall.code}/join", data=data)
    phone.cookies = cookies  # the second tap left before the first answer came back
    second = phone.request("POST", f"/j/{hall.code}/join", data=data)
    assert first.status_code == second.status_code == 303
    assert hall.counts()[3] == 1


def test_the_language_can_be_changed_on_every_page(hall: Hall) -> None:
    phone = hall.phone("fi")
    assert '<html lang="fi">' in phone.html and 'aria-current="true">Suomi' in phone.html
    for lang, word in (("en", "Please wait"), ("sv", "Vänta en stund"), ("fi", "Odota hetki")):
        response = phone.post("lang", {"lang": lang})
        assert response.status_code == 303
        page = phone.get()
        assert f'<html lang="{lang}">' in page.text and word in page.text
    hall.goto("ideas")
    phone.post("lang", {"lang": "en"})
    assert "Send the idea" in phone.get().text


def test_finnish_is_the_default_and_accept_language_is_heard_before_joining(hall: Hall) -> None:
    phone = Phone(hall.client, hall.code)
    assert 'lang="fi"' in phone.get("/").text
    assert 'lang="sv"' in phone.get("/", headers={"accept-language": "sv-FI,sv;q=0.9"}).text
    assert 'lang="en"' in phone.get("/", headers={"accept-language": "de, en;q=0.5"}).text
    assert 'lang="fi"' in phone.get("/", headers={"accept-language": "de;q=x,zz"}).text


def test_a_wrong_or_old_code_gets_a_friendly_page_in_the_phones_language(hall: Hall) -> None:
    phone = hall.phone("en")
    for code in ("WRONG1", "abc", "ZZZZZZ"):
        response = phone.get(f"/j/{code}")
        assert response.status_code == 404
        assert "This code was not found" in response.text
        assert hall.code not in response.text  # the right code is not given away
    # The typed code on the home page is forgiving about case and spaces.
    response = phone.get(f"/j?code={hall.code.lower()[:3]} {hall.code.lower()[3:]}")
    assert response.status_code == 303 and response.headers["location"] == f"/j/{hall.code}"
    assert phone.get(f"/j/{hall.code.lower()}").status_code == 200
    bad = phone.get("/j?code=%3Cscript%3E")
    assert bad.status_code == 400 and "<script>" not in bad.text
    assert phone.get("/no/such/page").status_code == 404


def test_a_cookie_from_another_workshop_is_a_stranger(hall_of) -> None:
    here, there = hall_of("palvelupaja"), hall_of("palvelupaja")
    foreign = there.phone("fi").cookies["fdev"]
    phone = Phone(here.client, here.code, cookies={"fdev": foreign})
    assert "Valitse kieli" in phone.get().text  # asked to join, not recognised
    here.goto("ideas")
    before = here.counts()
    response = phone.request("POST", f"/j/{here.code}/idea",
                             data={"text": "Vieras idea", "theme": "nuoret", "csrf": "x"})
    assert response.status_code == 403 and "Skannaa QR-koodi" in response.text
    assert here.counts() == before


def test_the_wall_answers_only_the_laptop_itself(hall: Hall) -> None:
    refused = hall.client.get("/wall", headers={"accept-language": "en"})
    assert refused.status_code == 403
    assert "only on the facilitator&#39;s computer" in refused.text
    assert "http://127.0.0.1:8000/wall" in refused.text
    assert hall.client.get("/wall/live").status_code == 403
    # Other clients on the same running app (no second start: no `with`).
    local = TestClient(hall.client.app, base_url=BASE, client=("127.0.0.1", 50000))
    wall = local.get("/wall")
    assert wall.status_code == 200
    assert f"{BASE}/j/{hall.code}" in wall.text and "<svg" in wall.text
    assert "0 puhelinta mukana" in wall.text
    hall.phone("fi")
    assert "1 puhelin mukana" in local.get("/wall").text
    mapped = TestClient(hall.client.app, base_url=BASE, client=("::ffff:127.0.0.1", 1))
    assert mapped.get("/wall").status_code == 200
    lan = TestClient(hall.client.app, base_url=BASE, client=("192.168.1.20", 1))
    assert lan.get("/wall").status_code == 403


def test_every_answer_carries_the_security_headers(hall: Hall) -> None:
    phone = hall.phone()
    hall.goto("ideas")
    answers = [phone.get(), phone.get("/"), phone.get("/nope"), phone.get("/j/WRONG1"),
               phone.get("/static/app.css"), phone.post("idea", {"text": ""}),
               phone.post("idea", {"text": "Hyvä idea", "theme": "nuoret"}),
               phone.request("POST", f"/j/{hall.code}/idea", data={"text": "x"}),
               hall.client.get("/healthz"), hall.client.get("/wall")]
    for response in answers:
        headers = response.headers
        assert headers["content-security-policy"].startswith("default-src 'self'")
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    html = phone.get().text
    assert "style=" not in html and "<script>" not in html and "http://" not in html.replace(
        BASE, "")


def test_static_files_are_versioned_and_cached(hall: Hall) -> None:
    page = hall.phone().html
    css = re.search(r'href="(/static/app\.css\?v=\w+)"', page).group(1)
    response = hall.client.get(css)
    assert response.status_code == 200 and "immutable" in response.headers["cache-control"]
    assert response.headers["content-type"].startswith("text/css")
    assert hall.client.get("/static/../app.py").status_code == 404
    assert hall.client.get("/static/nothing.js").status_code == 404


def test_nothing_in_the_exports_identifies_a_phone(hall: Hall) -> None:
    from facilitator.core.participants import token_hash
    from facilitator.export.data import csv_text, json_text
    from facilitator.i18n import Translator

    hall.goto("ideas")
    phones = [hall.phone("fi"), hall.phone("sv")]
    for n, phone in enumerate(phones):
        phone.post("idea", {"text": f"Idea {n}", "theme": "nuoret"})
    hall.goto("vote")
    for phone in phones:
        phone.post("vote", {f"m.{hall.ws.ideas.all()[0].id}": "1"})
    exported = json_text(hall.ws) + csv_text(hall.ws, Translator("fi"))
    assert "Idea 0" in exported and "Idea 1" in exported
    for phone in phones:
        token = phone.cookies["fdev"]
        assert token not in exported and token_hash(token) not in exported
    assert "device" not in exported.lower()


def test_pages_without_a_phone_have_language_links(hall: Hall) -> None:
    stranger = Phone(hall.client, hall.code)
    for url in ("/", "/j/WRONG1", "/nope"):
        page = stranger.get(url).text
        assert 'href="?lang=sv"' in page and 'href="?lang=en"' in page
        swedish = stranger.get(f"{url}?lang=sv").text
        assert '<html lang="sv">' in swedish and 'aria-current="true">Svenska' in swedish
    assert "Delta i workshoppen" in stranger.get("/?lang=sv").text
