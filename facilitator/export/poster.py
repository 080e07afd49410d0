"""The join poster: a large QR code, the address and the join code in text, an optional
Wi-Fi QR, three steps; always one page.

The page is drawn on the canvas, not flowed: every part is measured first, the
title gets the room the rest leaves (shrunk, then wrapped, then cut short with
"…" if nothing else helps), so a long title can never push the Wi-Fi code or
the paper note onto a second page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from facilitator import qr as qrmod
from facilitator.export.doc import Doc
from facilitator.export.flowables import draw_qr
from facilitator.export.pages import build_canvas
from facilitator.export.styles import (
    ACCENT,
    PAGE,
    POSTER_CODE,
    POSTER_LEAD,
    POSTER_NOTE,
    POSTER_SMALL,
    POSTER_STEP,
    POSTER_TITLE,
    POSTER_URL,
    RULE,
    WHITE,
    ZEBRA,
    Style,
)
from facilitator.export.text import draw_lines, draw_text, layout, shrink_to_line

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

#: The join code's symbol (quiet zone not counted) is at least this wide: a phone reads
#: it from about a metre. The quiet zone of four modules comes on top.
QR_SYMBOL = 9.0 * cm
POSTER_QR = 11 * cm      # the collection poster's code, quiet zone included
WIFI_QR = 4.4 * cm       # read from close by, when joining the network
WIFI_TEXT = Style(size=16, leading=20)
MARGIN_X = 1.7 * cm
MARGIN_Y = 1.2 * cm
TITLE_SMALLEST = 12.0    # below this the title is cut short rather than shrunk further
MARK = 1.3 * cm          # a step's number in its circle
GAP = 0.35 * cm


class _StepMark(Flowable):
    """A step's number in a filled circle (also used by the collection poster)."""

    def __init__(self, n: int, size: float = 1.1 * cm) -> None:
        super().__init__()
        self.n, self.size = n, size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = self.height = self.size
        return self.width, self.height

    def draw(self) -> None:
        draw_step_mark(self.canv, self.n, 0, self.size, self.size)


def draw_step_mark(c: Canvas, n: int, x: float, top: float, size: float) -> None:
    c.saveState()
    c.setFillColor(ACCENT)
    r = size / 2
    c.circle(x + r, top - r, r, stroke=0, fill=1)
    c.restoreState()
    style = POSTER_STEP.but(bold=True, color=WHITE, align="center",
                            size=size * 0.55, leading=size * 0.7)
    draw_lines(c, layout(((str(n), True),), style, size), style, x, top - r + style.leading / 2,
               size)


def qr_total(data: str, symbol: float = QR_SYMBOL) -> float:
    """The drawn size of a code whose symbol is `symbol` wide, its quiet zone included."""
    code = qrmod.make_qr(data)
    return symbol * qrmod.size_in_modules(code) / qrmod.size_in_modules(code, border=0)


@dataclass(frozen=True)
class Wifi:
    """The Wi-Fi column: its code and what it says beside the join code."""

    payload: str
    step: str          # "Yhdistä ensin puhelin wifi-verkkoon"
    network: str
    password: str | None
    note: str


@dataclass(frozen=True)
class PosterText:
    """What the poster says, in the session's language."""

    title: str
    subtitle: str
    lead: str
    phones: str | None      # Erätauko: when phones are used (not during the dialogue)
    url: str
    code: str
    steps: list[str]        # after the Wi-Fi step, if there is one
    wifi: Wifi | None
    paper: str


def poster_text(ws: Workshop, url: str, ssid: str | None, password: str | None) -> PosterText:
    doc = Doc.of(ws)
    tr = doc.tr
    template = ws.template
    dialogue = doc.dialogue
    if template.has_votes:
        last = tr("pdf.poster.step3_vote")
    elif any(p.accepts_ideas for p in template.phases):
        last = tr("pdf.poster.step3_ideas")
    else:
        last = tr("pdf.poster.step3_dialogue")
    wifi = None
    if ssid:
        steps = [tr("pdf.poster.step2_wifi"), last]
        wifi = Wifi(qrmod.wifi_payload(ssid, password), tr("pdf.poster.wifi_step"),
                    tr("pdf.poster.wifi_network", ssid=ssid),
                    tr("pdf.poster.wifi_password", password=password) if password else None,
                    tr("pdf.poster.wifi_note"))
    else:
        steps = [tr("pdf.poster.step1"), tr("pdf.poster.step2"), last]
    return PosterText(
        title=ws.info.title, subtitle=doc.subtitle(),
        lead=tr("pdf.poster.lead_dialogue" if dialogue else "pdf.poster.lead"),
        phones=tr("pdf.poster.phones_later") if dialogue else None,
        url=url, code=tr("pdf.poster.code", code=ws.join_code), steps=steps, wifi=wifi,
        paper=tr("pdf.poster.paper"))


def _height(text: str, style: Style, width: float) -> float:
    return len(layout(((text, style.bold),), style, width)) * style.leading


def fit_title(title: str, width: float, room: float) -> tuple[str, Style]:
    """The title in the largest size (30 pt down to 12 pt) that fits `room`; cut short with
    "…" only when even the smallest size does not fit."""
    style = POSTER_TITLE
    while _height(title, style, width) > room and style.size > TITLE_SMALLEST:
        size = max(TITLE_SMALLEST, style.size - 2)
        style = style.but(size=size, leading=size * 1.2)
    if _height(title, style, width) <= room:
        return title, style
    lo, hi = 0, len(title)
    while lo < hi:   # the longest beginning that fits with its ellipsis
        mid = (lo + hi + 1) // 2
        if _height(title[:mid].rstrip() + "…", style, width) <= room:
            lo = mid
        else:
            hi = mid - 1
    return title[:lo].rstrip() + "…", style


class _WifiColumn:
    """Step 1 beside the join code: connect to the Wi-Fi, its code, network and password."""

    def __init__(self, wifi: Wifi, width: float, beside: float) -> None:
        self.wifi, self.width = wifi, width
        self.mark = 1.0 * cm
        self.style = WIFI_TEXT
        while self.style.size > 11 and self.height > beside:   # a long network name
            size = self.style.size - 1
            self.style = self.style.but(size=size, leading=size * 1.25)

    def _lines(self) -> list[tuple[str, Style]]:
        w = self.wifi
        out = [(w.network, self.style)]
        if w.password:
            out.append((w.password, self.style))
        out.append((w.note, POSTER_SMALL.but(align="start", size=11, leading=14)))
        return out

    def _head_h(self) -> float:
        return max(self.mark, _height(self.wifi.step, self.style.but(bold=True),
                                      self.width - self.mark - 0.25 * cm))

    def _text_h(self) -> float:
        return sum(_height(t, s, self.width) for t, s in self._lines())

    @property
    def height(self) -> float:
        return self._head_h() + 0.25 * cm + WIFI_QR + 0.25 * cm + self._text_h()

    def draw(self, c: Canvas, x: float, top: float) -> None:
        head = self.style.but(bold=True)
        tw = self.width - self.mark - 0.25 * cm
        draw_step_mark(c, 1, x, top, self.mark)
        th = _height(self.wifi.step, head, tw)
        draw_text(c, self.wifi.step, head, x + self.mark + 0.25 * cm,
                  top - max(0.0, (self.mark - th) / 2), tw)
        top -= self._head_h() + 0.25 * cm
        c.saveState()
        c.setStrokeColor(RULE)
        c.setFillColor(ZEBRA)
        c.roundRect(x, top - WIFI_QR - 0.2 * cm, self.width, WIFI_QR + 0.4 * cm, 6,
                    stroke=1, fill=1)
        c.restoreState()
        draw_qr(c, self.wifi.payload, x + (self.width - WIFI_QR) / 2, top - WIFI_QR - 0.0,
                WIFI_QR)
        top -= WIFI_QR + 0.45 * cm
        for text, style in self._lines():
            top -= draw_text(c, text, style, x, top, self.width)


def _draw(c: Canvas, p: PosterText) -> None:
    w, h = PAGE
    width = w - 2 * MARGIN_X
    step_w = width - MARK - 0.5 * cm
    url_style = shrink_to_line(p.url, POSTER_URL, width, 9)
    code_style = shrink_to_line(p.code, POSTER_CODE, width, 12)
    sub_style = shrink_to_line(p.subtitle, POSTER_SMALL, width, 9)
    qr_size = qr_total(p.url)
    column = _WifiColumn(p.wifi, width - qr_size - 0.5 * cm, qr_size) if p.wifi else None
    code_row = max(qr_size, column.height + 2 * GAP if column else 0.0)
    steps_h = [max(MARK, _height(s, POSTER_STEP, step_w)) for s in p.steps]
    parts = [  # everything but the title; a gap follows each
        _height(p.subtitle, sub_style, width) if p.subtitle else 0.0,
        _height(p.lead, POSTER_LEAD, width),
        _height(p.phones, POSTER_NOTE.but(bold=True), width) if p.phones else 0.0,
        code_row, url_style.leading + code_style.leading,  # the quiet zone is its gap
        sum(steps_h) + GAP * (len(p.steps) - 1),
        _height(p.paper, POSTER_NOTE, width)]
    n_gaps = sum(1 for x in parts if x) - 2   # none around the code: its quiet zone is white
    room = h - 2 * MARGIN_Y - sum(parts) - GAP * n_gaps
    title, title_style = fit_title(p.title, width, room)
    # What the title leaves spreads between the parts, so a short title is not top-heavy.
    gap = GAP + min(0.9 * cm, max(0.0, room - _height(title, title_style, width)) / n_gaps)
    top = h - MARGIN_Y
    top -= draw_text(c, title, title_style, MARGIN_X, top, width) + gap
    if p.subtitle:
        top -= draw_text(c, p.subtitle, sub_style, MARGIN_X, top, width) + gap
    top -= draw_text(c, p.lead, POSTER_LEAD, MARGIN_X, top, width) + gap
    if p.phones:
        top -= draw_text(c, p.phones, POSTER_NOTE.but(bold=True), MARGIN_X, top, width) + gap
    top += gap
    if column is not None:
        column.draw(c, MARGIN_X, top - GAP)
        draw_qr(c, p.url, w - MARGIN_X - qr_size, top - qr_size, qr_size)
    else:
        draw_qr(c, p.url, (w - qr_size) / 2, top - qr_size, qr_size)
    top -= code_row
    top -= draw_text(c, p.url, url_style, MARGIN_X, top, width)
    top -= draw_text(c, p.code, code_style, MARGIN_X, top, width) + gap
    first = 2 if p.wifi else 1
    for n, (step, sh) in enumerate(zip(p.steps, steps_h, strict=True), start=first):
        draw_step_mark(c, n, MARGIN_X, top, MARK)
        text_h = _height(step, POSTER_STEP, step_w)
        draw_text(c, step, POSTER_STEP, MARGIN_X + MARK + 0.5 * cm,
                  top - max(0.0, (MARK - text_h) / 2), step_w)
        top -= sh + GAP
    top -= gap - GAP
    draw_text(c, p.paper, POSTER_NOTE, MARGIN_X, top, width)


def write_poster(ws: Workshop, path: Path, url: str, ssid: str | None = None,
                 password: str | None = None, *, text: PosterText | None = None) -> Path:
    """The poster of `ws`; `text` overrides what it says (tests: titles past the limit)."""
    doc = Doc.of(ws)
    said = text or poster_text(ws, url, ssid, password)
    return build_canvas(path, doc.meta(doc.tr("pdf.poster.kind")), PAGE,
                        lambda c, _: _draw(c, said), [None])
