"""The QR code as a phone camera would meet it: the TUI's screenshot, drawn by Chromium, decoded.

The SVG screenshot is what the terminal shows, cell by cell; Chromium turns it
into pixels and zxing-cpp reads the code back. It must give the exact join URL.
"""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path
from typing import Any

import pytest

from facilitator.paths import Settings
from tests.machine import CHROMIUM_ARGS
from tests.tui.tui_support import URL, make_app, palvelupaja_ideas

pytestmark = pytest.mark.browser

def screenshot(settings: Settings, clock: Any, session: Path, size: tuple[int, int],
               keys: tuple[str, ...]) -> str:
    async def take() -> str:
        app = make_app(settings, clock, session)
        async with app.run_test(size=size) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            return app.export_screenshot()
    return asyncio.run(take())


def decode(svg: str) -> list[str]:
    import zxingcpp
    from PIL import Image
    from playwright.sync_api import sync_playwright

    width, height = (float(v) for v in re.search(
        r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())  # type: ignore[union-attr]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": int(width) + 1, "height": int(height) + 1})
        page.route("**/*", lambda route: route.abort())  # the SVG names web fonts: stay offline
        page.set_content(f"<html><body style='margin:0;background:#fff'>{svg}</body></html>")
        png = page.screenshot()
        browser.close()
    image = Image.open(io.BytesIO(png))
    # As a phone camera expects it: dark modules on light, so no inverted reading.
    return [r.text for r in zxingcpp.read_barcodes(image, try_invert=False)]


def test_full_screen_code_at_80x24_reads_as_the_join_url(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    assert ws.path is not None
    svg = screenshot(home, clock, ws.path, (80, 24), ("q",))
    assert decode(svg) == [URL]


def test_corner_code_on_the_run_screen_reads_as_the_join_url(home: Settings, clock: Any
                                                              ) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    assert ws.path is not None
    svg = screenshot(home, clock, ws.path, (130, 42), ())
    assert decode(svg) == [URL]


def test_the_light_theme_draws_the_same_black_on_white_code(home: Settings, clock: Any
                                                            ) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    assert ws.path is not None
    svg = screenshot(home, clock, ws.path, (80, 24), ("f2", "q"))
    assert decode(svg) == [URL]
