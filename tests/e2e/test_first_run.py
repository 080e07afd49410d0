"""A newcomer's first run: the README's run command opens the TUI on the demo workshop with
the join address and QR on screen, and a phone can join at once from that address."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.support import REPO, phones_in_the_hall, require
from tests.machine import free_port

pytestmark = pytest.mark.browser


def readme_run_command() -> str:
    """The first command in the README's opening code block: the one that runs the product."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    first = block.strip().splitlines()[0].split("#")[0].strip()
    assert first == "make run"
    return first


def decode_terminal_qr(screen: str) -> str:
    """Draw the pane's half-block characters as pixels and read them with zxing-cpp."""
    import zxingcpp
    from PIL import Image, ImageDraw

    rows = [line for line in screen.splitlines() if set(line) & set("▀▄█")]
    width = max(len(r) for r in rows)
    cell = 8
    image = Image.new("L", ((width + 8) * cell, (len(rows) * 2 + 8) * cell), 255)
    draw = ImageDraw.Draw(image)
    for y, line in enumerate(rows):
        for x, ch in enumerate(line):
            top, bottom = ch in "▀█", ch in "▄█"
            for half, dark in ((0, top), (1, bottom)):
                if dark:
                    x0, y0 = (x + 4) * cell, (y * 2 + half + 4) * cell
                    draw.rectangle([x0, y0, x0 + cell - 1, y0 + cell - 1], fill=0)
    results = [r.text for r in zxingcpp.read_barcodes(image)
               if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(results) == 1, results
    return results[0]


def test_the_readme_run_command_opens_the_demo_and_a_phone_joins(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    tmux = require("tmux")
    command = readme_run_command()
    port = free_port()
    session = f"first-run-{port}"
    shell = (f"cd {REPO} && FACILITATOR_HOME={tmp_path} {command} PORT={port}")
    subprocess.run([tmux, "new-session", "-d", "-s", session, "-x", "100", "-y", "32", shell],
                   check=True)
    try:
        screen = ""
        url = None
        deadline = time.monotonic() + 90  # `make run` may still install on a fresh machine
        while time.monotonic() < deadline:
            screen = subprocess.run([tmux, "capture-pane", "-p", "-t", session],
                                    capture_output=True, text=True).stdout
            found = re.search(rf"http://[\d.]+:{port}/j/[A-Z0-9]{{6}}", screen)
            if found and "Palvelin OK" in screen:
                url = found.group(0)
                break
            time.sleep(0.5)
        assert url, screen
        assert "Kirkonkylän palvelupaja" in screen and "Äänestys" in screen
        # The footer says which key shows the QR code; the code on screen scans to the URL.
        assert "q QR-koodi" in screen
        subprocess.run([tmux, "send-keys", "-t", session, "q"], check=True)
        time.sleep(1.5)
        screen = subprocess.run([tmux, "capture-pane", "-p", "-t", session],
                                capture_output=True, text=True).stdout
        assert url in screen
        assert decode_terminal_qr(screen) == url
        with sync_api.sync_playwright() as pw, phones_in_the_hall(
                pw, urlsplit(url).hostname, [("fi", True)]) as ((phone,), traffic):
            phone.join(url)
            assert phone.page.locator("select").count() > 10  # straight to the open vote
            assert not traffic.blocked
        assert (tmp_path / "sessions" / "demo.db").exists()
    finally:
        subprocess.run([tmux, "send-keys", "-t", session, "C-q"], check=False)
        time.sleep(1)
        subprocess.run([tmux, "kill-session", "-t", session], check=False,
                       capture_output=True)
