"""Small shared pieces: text cleaning, money parsing, QR payloads, the LAN address."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import pytest

from facilitator import net, qr
from facilitator.core.limits import clean_text, parse_money
from facilitator.errors import InvalidInput


@pytest.mark.parametrize("typed, cents", [("1500", 150000), ("1 500,50", 150050),
                                          ("1500.5 €", 150050), ("0", 0), (" 12,05 ", 1205),
                                          ("3000 eur", 300000), (25, 2500)])
def test_parse_money(typed: object, cents: int) -> None:
    assert parse_money(typed) == cents


@pytest.mark.parametrize("typed", ["", "-5", "1,234,5", "abc", "1.999", None, -1, "1e5"])
def test_parse_money_refuses(typed: object) -> None:
    with pytest.raises(InvalidInput, match="bad_cost"):
        parse_money(typed)


def test_clean_text_normalises() -> None:
    assert clean_text("  a\r\n\r\n\r\n\r\nb  ", max_chars=10) == "a\n\nb"
    assert clean_text("Kyl\u0061\u0308", max_chars=10) == "Kylä"  # NFC
    assert clean_text("a\n b", max_chars=10, multiline=False) == "a b"
    with pytest.raises(InvalidInput, match="text_control"):
        clean_text("a\x1bb", max_chars=10)


def test_wifi_payload_escapes_special_characters() -> None:
    expected = 'WIFI:T:WPA;S:Kylä\\;talo;P:p\\"a\\:s\\\\s\\,;;'
    assert qr.wifi_payload("Kylä;talo", 'p"a:s\\s,') == expected
    assert qr.wifi_payload("Avoin", None) == "WIFI:T:nopass;S:Avoin;;"


def test_join_qr_is_never_micro_and_keeps_its_quiet_zone() -> None:
    code = qr.make_qr(qr.join_url("http://10.0.0.5:8000/", "K7MQ4X"))
    assert not code.is_micro
    lines = qr.half_block_lines(code)
    assert lines[0].strip() == "" and lines[1].strip() == ""  # 4 modules = 2 text lines
    assert all(line.startswith("    ") for line in lines)
    assert len(lines[2]) == qr.size_in_modules(code)


def fake_psutil(monkeypatch: pytest.MonkeyPatch, interfaces: dict[str, list[str]],
                down: tuple[str, ...] = ()) -> None:
    addrs = {name: [SimpleNamespace(family=socket.AF_INET, address=a) for a in ips]
             for name, ips in interfaces.items()}
    stats = {name: SimpleNamespace(isup=name not in down) for name in interfaces}
    monkeypatch.setattr(net.psutil, "net_if_addrs", lambda: addrs)
    monkeypatch.setattr(net.psutil, "net_if_stats", lambda: stats)


def test_lan_address_prefers_private_and_skips_virtual(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_psutil(monkeypatch, {"lo": ["127.0.0.1"], "docker0": ["172.17.0.1"],
                              "veth12": ["10.9.9.9"], "wlan0": ["192.168.1.23"],
                              "eth1": ["85.1.2.3"], "eth2": ["169.254.3.3"],
                              "eth3": ["10.0.0.8"]}, down=("eth3",))
    assert [a.ip for a in net.lan_addresses()] == ["192.168.1.23", "85.1.2.3"]
    assert net.base_url("0.0.0.0", 8000) == ("http://192.168.1.23:8000", True)
    assert net.base_url("0.0.0.0", 8000, "http://kylatalo.lan/") == ("http://kylatalo.lan", True)


def test_only_loopback_means_phones_cannot_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_psutil(monkeypatch, {"lo": ["127.0.0.1"]})
    assert net.base_url("0.0.0.0", 8001) == ("http://127.0.0.1:8001", False)
    assert net.base_url("127.0.0.1", 8001) == ("http://127.0.0.1:8001", False)
