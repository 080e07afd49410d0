"""QR payloads: the join code is never a Micro QR, Wi-Fi credentials are escaped (qr.py)."""

from __future__ import annotations

from facilitator import qr


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
