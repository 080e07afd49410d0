"""The join QR code: full screen as big as fits, the quiet zone kept, a small one in a corner."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.paths import Settings
from facilitator.qr import QUIET_ZONE, half_block_lines, make_qr, size_in_modules
from facilitator.tui.screens.qr import QRScreen
from facilitator.tui.widgets.qr import QRCode, best_scale, qr_lines
from tests.tui.tui_support import URL, goto, make_app, new_session, palvelupaja_ideas


def test_scale_one_is_the_shared_half_block_drawing() -> None:
    assert qr_lines(URL) == half_block_lines(make_qr(URL))


@pytest.mark.parametrize("scale", [2, 3])
def test_bigger_scales_are_the_same_code_magnified(scale: int) -> None:
    small, big = qr_lines(URL), qr_lines(URL, scale)
    modules = size_in_modules(make_qr(URL))
    assert len(big[0]) == modules * scale
    # Every module becomes scale x scale cells' worth of half-lines: sample its top-left.
    rows = [[c in "▀█" for c in line] for line in small]  # the upper module of each line
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            top = (2 * y) * scale  # in half-lines
            line, upper = divmod(top, 2)
            cell = big[line][x * scale]
            assert (cell in ("▀█" if upper == 0 else "▄█")) == dark


async def test_full_screen_at_80x24_fits_with_the_quiet_zone(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        screen = app.screen
        assert isinstance(screen, QRScreen)
        code = screen.query_one("#big-qr", QRCode)
        assert code.data == URL and code.scale == 1 and code.lines == qr_lines(URL)
        region = code.region
        assert (region.width, region.height) == (len(code.lines[0]), len(code.lines))
        assert region.x >= 0 and region.right <= 80 and region.y >= 0 and region.bottom <= 24
        # the quiet zone: four light modules all round (two text lines top and bottom)
        assert all(line.strip() == "" for line in code.lines[:QUIET_ZONE // 2])
        assert all(line.strip() == "" for line in code.lines[-(QUIET_ZONE // 2):])
        assert all(line[:QUIET_ZONE].strip() == "" == line[-QUIET_ZONE:].strip()
                   for line in code.lines)
        url = screen.query_one("#qr-url")
        assert str(url.content) == URL and url.region.bottom <= 24
        assert "K7MQ4X" in str(screen.query_one("#qr-hint").content)


async def test_black_on_white_whatever_the_theme(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(130, 42)) as pilot:
        for theme in ("facilitator-dark", "facilitator-light"):
            app.theme = theme
            await pilot.pause()
            corner = app.screen.query_one("#corner-qr", QRCode)
            assert (corner.styles.color.hex, corner.styles.background.hex) == (
                "#000000", "#FFFFFF")


async def test_full_screen_grows_with_the_terminal(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("q")
        code = app.screen.query_one("#big-qr", QRCode)
        assert code.scale == best_scale(URL, 160, 48) == 2
        assert code.region.bottom <= 50
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert code.scale == 1


async def test_small_code_in_the_corner_when_there_is_room(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(130, 42)) as pilot:
        corner = app.screen.query_one("#corner-qr", QRCode)
        assert corner.display and corner.data == URL and corner.region.bottom <= 42
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert corner.region.height == 0  # no room: the address in the top bar is enough


async def test_no_corner_code_outside_ideas_and_votes(home: Settings, clock: Any) -> None:
    ws = new_session(home, "palvelupaja", clock)
    goto(ws, "avaussanat")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(130, 42)):
        assert app.screen.query_one("#corner-qr", QRCode).region.height == 0
