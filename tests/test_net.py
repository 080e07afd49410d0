"""The laptop's address on the hall's network, found without sending anything (net.py)."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import pytest

from facilitator import net


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
