"""The join poster: a large QR code, the address in text, an optional Wi-Fi QR, three steps."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm, mm
from reportlab.platypus import Flowable

from facilitator import qr as qrmod
from facilitator.export.doc import Doc
from facilitator.export.flowables import QR, Table, draw_qr
from facilitator.export.pages import build, frame_width
from facilitator.export.styles import (
    ACCENT,
    PAGE,
    POSTER_LEAD,
    POSTER_SMALL,
    POSTER_STEP,
    POSTER_TITLE,
    POSTER_URL,
    RULE,
    SMALL,
    WHITE,
    ZEBRA,
)
from facilitator.export.text import Text, draw_lines, draw_text, layout, shrink_to_line

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

POSTER_QR = 11 * cm      # the join code, quiet zone included: scans from a few metres
WIFI_QR = 5 * cm


class _StepMark(Flowable):
    """A step's number in a filled circle."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = self.height = 1.1 * cm
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(ACCENT)
        c.circle(0.55 * cm, 0.55 * cm, 0.55 * cm, stroke=0, fill=1)
        style = POSTER_STEP.but(bold=True, color=WHITE, align="center")
        draw_lines(c, layout(((str(self.n), True),), style, 1.1 * cm), style, 0,
                   0.55 * cm + style.leading / 2, 1.1 * cm)


def poster_story(ws: Workshop, url: str, wifi: str | None, ssid: str | None,
                 password: str | None) -> list[Flowable]:
    doc = Doc.of(ws)
    tr = doc.tr
    width = frame_width()
    template = ws.template
    if template.has_votes:
        last = tr("pdf.poster.step3_vote")
    elif any(p.accepts_ideas for p in template.phases):
        last = tr("pdf.poster.step3_ideas")
    else:
        last = tr("pdf.poster.step3_quiet")
    if wifi:
        steps = [tr("pdf.poster.step1_wifi", ssid=ssid or ""), tr("pdf.poster.step2_wifi"), last]
    else:
        steps = [tr("pdf.poster.step1"), tr("pdf.poster.step2"), last]
    out: list[Flowable] = [
        Text(ws.info.title, POSTER_TITLE),
        Text(doc.subtitle(), POSTER_SMALL.but(space_after=10)),
        Text(tr("pdf.poster.lead"), POSTER_LEAD),
    ]
    qr_size = POSTER_QR if not wifi else 9.5 * cm
    code = QR(url, qr_size)
    code.hAlign = "CENTER"
    out += [code, Text(url, shrink_to_line(url, POSTER_URL, width, 9).but(space_before=2,
                                                                    space_after=10))]
    step_rows = [[_StepMark(n), Text(s, POSTER_STEP)] for n, s in enumerate(steps, start=1)]
    out.append(Table([], step_rows, [1.6 * cm, width - 1.6 * cm], zebra=False,
                            rules=False, pad_y=1.2 * mm))
    if wifi:
        out.append(_WifiBox(wifi, ssid or "", password, doc, width))
    out.append(Text(tr("pdf.poster.paper"), POSTER_SMALL.but(space_before=6)))
    return out


class _WifiBox(Flowable):
    """The Wi-Fi QR with the network's name (and password) in text beside it."""

    def __init__(self, payload: str, ssid: str, password: str | None, doc: Doc,
                 width: float) -> None:
        super().__init__()
        self.payload, self.ssid, self.password, self.doc = payload, ssid, password, doc
        self.width, self.height = width, WIFI_QR + 0.6 * cm
        self.spaceBefore = 8

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, tr = self.canv, self.doc.tr
        c.setStrokeColor(RULE)
        c.setFillColor(ZEBRA)
        c.roundRect(0, 0, self.width, self.height, 8, stroke=1, fill=1)
        draw_qr(c, self.payload, 0.3 * cm, 0.3 * cm, WIFI_QR)
        x = WIFI_QR + 0.9 * cm
        w = self.width - x - 0.4 * cm
        top = self.height - 0.5 * cm
        top -= draw_text(c, tr("pdf.poster.wifi_title"), POSTER_STEP.but(bold=True), x, top, w)
        top -= draw_text(c, tr("pdf.poster.wifi_network", ssid=self.ssid), POSTER_STEP, x,
                          top, w)
        if self.password:
            top -= draw_text(c, tr("pdf.poster.wifi_password", password=self.password),
                              POSTER_STEP, x, top, w)
        draw_text(c, tr("pdf.poster.wifi_note"), SMALL.but(size=10, leading=13), x, top - 4, w)


def write_poster(ws: Workshop, path: Path, url: str, ssid: str | None = None,
                 password: str | None = None) -> Path:
    doc = Doc.of(ws)
    wifi = qrmod.wifi_payload(ssid, password) if ssid else None
    story = poster_story(ws, url, wifi, ssid, password)
    return build(path, story, doc.meta(doc.tr("pdf.poster.kind")), pagesize=PAGE,
                        numbered=False, margins=(2 * cm, 2 * cm, 1.6 * cm, 1.4 * cm))
