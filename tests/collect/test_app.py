"""The public collection server through TestClient: every route, the security properties."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from facilitator.collect.app import AccessLog
from facilitator.collect.collection import Limits
from facilitator.store.collection import CollectionStore
from tests.collect.support import PUBLIC, Visitor, client_for


def ideas_in(path: Path) -> list[Any]:
    with CollectionStore.open(path) as cs:
        return cs.ideas()


def test_start_page_lists_the_themes_and_the_count_and_no_ones_text(
        client: TestClient, collection: Path) -> None:
    a, b = Visitor(client), Visitor(client)
    assert a.send("nuoret", "Skeittiramppi koulun pihaan").status_code == 303
    page = b.get("/")
    assert page.status_code == 200
    assert "Kirkonkylä 2027" in page.text and "Nuoret" in page.text
    assert "Tyhjät tilat" in page.text and 'href="/t/tilat"' in page.text
    assert "Ideoita tähän mennessä: 1." in page.text
    assert "Skeittiramppi" not in page.text
    assert "Skeittiramppi" not in b.get("/t/nuoret").text
    assert "Skeittiramppi" not in b.get("/mine").text
    assert "Tähän teemaan on tullut 1 ideaa." in b.get("/t/nuoret").text


def test_an_idea_is_saved_and_its_writer_sees_it_on_the_theme_and_on_mine(
        client: TestClient, collection: Path) -> None:
    v = Visitor(client)
    r = v.send("tilat", "Kirjasto vanhaan pankkiin")
    assert r.status_code == 303 and r.headers["location"] == "/t/tilat?ok=1"
    page = v.get("/t/tilat?ok=1").text
    assert "Ideasi on tallennettu" in page and "Kirjasto vanhaan pankkiin" in page
    assert "Kirjasto vanhaan pankkiin" in v.get("/mine").text
    [idea] = ideas_in(collection)
    assert (idea.theme, idea.text) == ("tilat", "Kirjasto vanhaan pankkiin")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d", idea.created_at)  # date and hour only


def test_cookie_is_random_hashed_secure_httponly_lax_and_host_only(
        client: TestClient, collection: Path) -> None:
    r = client.get("/t/nuoret")
    [cookie] = r.headers.get_list("set-cookie")
    assert cookie.startswith("__Host-fcol=")
    flags = {f.strip().lower() for f in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
    assert not any(f.startswith("domain") for f in flags)
    token = cookie.split("=", 1)[1].split(";")[0]
    v = Visitor(client, cookies={"__Host-fcol": token})
    v.send("nuoret", "Nuorisotila")
    raw = b"".join(p.read_bytes() for p in collection.parent.glob(collection.name + "*"))
    assert token.encode() not in raw  # only its hash is kept


def test_an_http_public_url_gets_no_secure_flag_and_no_hsts(collection: Path, clock: Any
                                                            ) -> None:
    with client_for(collection, clock, public_url="http://kylatalo.local:8080") as c:
        r = c.get("/t/nuoret")
        assert "secure" not in r.headers["set-cookie"].lower()
        assert r.headers["set-cookie"].startswith("fcol=")
        assert "strict-transport-security" not in r.headers


@pytest.mark.parametrize("path", ["/", "/t/nuoret", "/mine", "/privacy", "/no/such",
                                  "/t/nosuch", "/static/app.css", "/healthz"])
def test_every_answer_has_the_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code < 500
    h = r.headers
    assert h["strict-transport-security"].startswith("max-age=")
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"
    assert "server" not in h or "uvicorn" not in h["server"]


@pytest.mark.parametrize("path", ["/wall", "/wall/live", "/j/ABC", "/ideas", "/export",
                                  "/admin", "/t/nuoret/ideas", "/api/ideas"])
def test_nothing_on_the_internet_can_read_the_ideas(client: TestClient, path: str) -> None:
    Visitor(client).send("nuoret", "Salainen idea 42")
    for method in ("GET", "POST", "DELETE"):
        r = client.request(method, path)
        assert r.status_code in (404, 405), (method, path, r.status_code)
        assert "Salainen idea 42" not in r.text
    health = client.get("/healthz").json()
    assert health == {"status": "ok", "open": True}


def test_a_repeated_post_counts_once(client: TestClient, collection: Path) -> None:
    v = Visitor(client)
    v.get("/t/nuoret")
    data = {"csrf": v.form("csrf"), "k": v.form("k"), "text": "Kahdesti lähetetty"}
    assert v.request("POST", "/t/nuoret", data=data).status_code == 303
    assert v.request("POST", "/t/nuoret", data=data).status_code == 303
    assert len(ideas_in(collection)) == 1


def test_a_post_without_the_cookie_or_token_or_from_another_site_is_refused(
        client: TestClient, collection: Path) -> None:
    r = client.post("/t/nuoret", data={"text": "Ei evästettä"})
    assert r.status_code == 403 and "eväste" in r.text
    v = Visitor(client)
    v.get("/t/nuoret")
    data = {"csrf": v.form("csrf"), "k": v.form("k"), "text": "Toiselta sivustolta"}
    assert v.request("POST", "/t/nuoret", data={"text": "x", "csrf": "wrong"}
                     ).status_code == 403
    r = v.request("POST", "/t/nuoret", data=data, headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    assert ideas_in(collection) == []


def test_markup_and_bad_text_are_refused_next_to_the_field_with_the_text_kept(
        client: TestClient, collection: Path) -> None:
    v = Visitor(client)
    r = v.send("nuoret", "<b>lihava</b>")
    assert r.status_code == 400 and 'aria-invalid="true"' in r.text
    assert "&lt;b&gt;lihava&lt;/b&gt;" in r.text  # kept, escaped, in the text box
    assert v.send("nuoret", "   ").status_code == 400
    assert v.send("nuoret", "x" * 501).status_code == 400
    assert ideas_in(collection) == []


def test_the_honeypot_is_answered_as_saved_and_stores_nothing(
        client: TestClient, collection: Path) -> None:
    r = Visitor(client).send("nuoret", "Osta halpaa", website="http://spam.example")
    assert r.status_code == 303
    assert ideas_in(collection) == []


def test_ideas_per_hour_per_address_with_a_friendly_page(collection: Path, clock: Any) -> None:
    with client_for(collection, clock, limits=Limits(ideas_per_hour=3)) as c:
        people = [Visitor(c) for _ in range(4)]  # one address, four browsers
        for v in people[:3]:
            assert v.send("nuoret", "Idea").status_code == 303
        r = people[3].send("nuoret", "Neljäs idea")
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
        assert "Odota" in r.text and "Neljäs idea" in r.text
        clock.advance(hours=1, seconds=1)
        assert people[3].send("nuoret", "Neljäs idea").status_code == 303
    assert len(ideas_in(collection)) == 4


def test_requests_per_second_per_address(collection: Path, clock: Any) -> None:
    with client_for(collection, clock, limits=Limits(requests_per_2_seconds=5)) as c:
        codes = [c.get("/").status_code for _ in range(8)]
        assert codes[:5] == [200] * 5 and codes[5] == 429
        assert set(codes[6:]) == {429}
        clock.advance(seconds=3)
        assert c.get("/").status_code == 200


def test_the_daily_total_closes_kindly_until_tomorrow(collection: Path, clock: Any) -> None:
    with client_for(collection, clock, limits=Limits(ideas_per_day=2)) as c:
        assert Visitor(c).send("nuoret", "Yksi").status_code == 303
        assert Visitor(c).send("tilat", "Kaksi").status_code == 303
        r = Visitor(c).send("nuoret", "Kolme")
        assert r.status_code == 429 and "huomenna" in r.text
        clock.advance(days=1)
        assert Visitor(c).send("nuoret", "Kolme").status_code == 303
    assert len(ideas_in(collection)) == 3


def test_spoofed_forwarded_for_is_not_believed_from_a_direct_client(
        collection: Path, clock: Any) -> None:
    with client_for(collection, clock, limits=Limits(ideas_per_hour=2)) as c:
        codes = [Visitor(c).send("nuoret", f"Idea {n}",
                                 headers={"x-forwarded-for": f"203.0.113.{n}",
                                          "x-forwarded-proto": "https"}).status_code
                 for n in range(3)]
        assert codes == [303, 303, 429]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(
        collection: Path, clock: Any) -> None:
    # TestClient's peer is "testclient": here it plays the proxy.
    with client_for(collection, clock, limits=Limits(ideas_per_hour=2),
                    trusted=("testclient",)) as c:
        def send(xff: str) -> int:
            return int(Visitor(c).send("nuoret", "Idea", headers={"x-forwarded-for": xff}
                                       ).status_code)

        assert [send("198.51.100.1") for _ in range(2)] == [303, 303]
        assert send("198.51.100.1") == 429
        assert send("198.51.100.2") == 303
        # The right-most untrusted address counts: a client's own claim on the left does not.
        assert send("203.0.113.9, 198.51.100.1") == 429


def test_after_until_the_form_closes_kindly_and_says_what_happens_next(
        client: TestClient, collection: Path, clock: Any) -> None:
    v = Visitor(client)
    v.get("/t/nuoret")
    csrf, k = v.form("csrf"), v.form("k")
    clock.advance(days=60)
    page = v.get("/t/nuoret").text
    assert "Ideankeruu päättyi 31.12.2026" in page and "kumppanuuspöytä" in page
    assert "<textarea" not in page
    r = v.request("POST", "/t/nuoret", data={"csrf": csrf, "k": k, "text": "Myöhässä"})
    assert r.status_code == 409 and "päättyi" in r.text
    assert ideas_in(collection) == []
    assert client.get("/healthz").json()["open"] is False


def test_pages_in_swedish_and_english(client: TestClient) -> None:
    v = Visitor(client)
    assert "Tomma lokaler" in v.get("/?lang=sv").text
    assert "Tomma lokaler" in v.get("/").text  # the choice is kept
    assert "Empty premises" in client.get("/", headers={"accept-language": "en-GB"}).text


def test_the_privacy_page_says_what_is_stored_and_links_the_statement(client: TestClient
                                                                      ) -> None:
    page = client.get("/privacy").text
    assert "IP-osoitettasi" in page and "tiivisteenä" in page and "päivä ja tunti" in page
    assert 'href="https://mansikkala.example.fi/tietosuoja"' in page


def test_no_address_and_no_user_agent_is_stored_or_logged(
        client: TestClient, collection: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="facilitator.collect.access")
    agent = "Secret-Agent/9.9 (Hostname-Leak)"
    v = Visitor(client)
    v.send("nuoret", "Idea ilman jälkiä", headers={"user-agent": agent,
                                                     "x-forwarded-for": "203.0.113.77"})
    v.get("/mine?secret=query", headers={"user-agent": agent})
    raw = b"".join(p.read_bytes() for p in collection.parent.glob(collection.name + "*"))
    for trace in (b"Secret-Agent", b"203.0.113.77", b"testclient"):
        assert trace not in raw
    lines = [r.getMessage() for r in caplog.records if r.name == "facilitator.collect.access"]
    assert "POST /t/{key} 303" in lines and "GET /mine 200" in lines
    for line in lines:
        assert "Secret" not in line and "203.0.113" not in line and "testclient" not in line
        assert "secret=query" not in line


def test_pages_are_small(client: TestClient) -> None:
    v = Visitor(client)
    v.send("nuoret", "Idea " * 80)
    css = client.get("/static/app.css").content
    for path in ("/", "/t/nuoret", "/mine", "/privacy"):
        html = v.get(path).content
        assert len(gzip.compress(html)) + len(gzip.compress(css)) <= 14 * 1024, path


def test_the_access_log_names_route_templates() -> None:
    from facilitator.collect.app import ROUTES
    log = AccessLog(lambda *a: None, ROUTES)  # type: ignore[arg-type, return-value]
    assert "/t/{key}" in log.templates.values()


def test_the_public_url_comes_from_the_file(client: TestClient) -> None:
    assert client.app.state.collect.public_url == PUBLIC  # type: ignore[attr-defined]
