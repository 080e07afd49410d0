"""Printed before the evening: the join poster, table cards, paper ballots, the rules card."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from facilitator import qr as qrmod
from facilitator.core.workshop import PhaseState
from facilitator.export import pdfkit
from facilitator.export.common import Doc, method_rules, num
from facilitator.export.styles import (
    ACCENT,
    BODY,
    CARD_QUESTION,
    CARD_SMALL,
    CARD_THEME,
    CELL,
    CELL_BOLD,
    H2,
    INK,
    MUTED,
    NOTE,
    PAGE,
    PAGE_LANDSCAPE,
    POSTER_LEAD,
    POSTER_SMALL,
    POSTER_STEP,
    POSTER_TITLE,
    POSTER_URL,
    RULE,
    RULES_ITEM,
    RULES_TITLE,
    SMALL,
    WHITE,
    ZEBRA,
    Style,
)
from facilitator.export.text import Text, draw_lines, layout, text_width

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

POSTER_QR = 11 * cm      # the join code, quiet zone included: scans from a few metres
WIFI_QR = 5 * cm
CARD_QR = 4.2 * cm
BLANK_BALLOT_ROWS = 14


def _fit(text: str, style: Style, width: float, max_height: float, smallest: float = 10
         ) -> tuple[Style, float]:
    """The style shrunk until the text fits the box; its height."""
    while True:
        h = len(layout(((text, style.bold),), style, width)) * style.leading
        if h <= max_height or style.size <= smallest:
            return style, h
        factor = max(smallest, style.size - 2) / style.size
        style = style.but(size=style.size * factor, leading=style.leading * factor)


def _one_line(text: str, style: Style, width: float, smallest: float) -> Style:
    """The style shrunk until the text fits on one line (a URL must not break)."""
    while text_width(text, style) > width and style.size > smallest:
        style = style.but(size=style.size - 0.5, leading=style.leading * (style.size - 0.5)
                          / style.size)
    return style


def _draw_text(canv: Canvas, text: str, style: Style, x: float, top: float, width: float
               ) -> float:
    """Draw wrapped text with its top at `top`; returns the height used."""
    lines = layout(((text, style.bold),), style, width)
    draw_lines(canv, lines, style, x, top, width)
    return len(lines) * style.leading


# -- join poster ----------------------------------------------------------------------------

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
    width = pdfkit.frame_width()
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
    code = pdfkit.QR(url, qr_size)
    code.hAlign = "CENTER"
    out += [code, Text(url, _one_line(url, POSTER_URL, width, 9).but(space_before=2,
                                                                    space_after=10))]
    step_rows = [[_StepMark(n), Text(s, POSTER_STEP)] for n, s in enumerate(steps, start=1)]
    out.append(pdfkit.Table([], step_rows, [1.6 * cm, width - 1.6 * cm], zebra=False,
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
        pdfkit.draw_qr(c, self.payload, 0.3 * cm, 0.3 * cm, WIFI_QR)
        x = WIFI_QR + 0.9 * cm
        w = self.width - x - 0.4 * cm
        top = self.height - 0.5 * cm
        top -= _draw_text(c, tr("pdf.poster.wifi_title"), POSTER_STEP.but(bold=True), x, top, w)
        top -= _draw_text(c, tr("pdf.poster.wifi_network", ssid=self.ssid), POSTER_STEP, x,
                          top, w)
        if self.password:
            top -= _draw_text(c, tr("pdf.poster.wifi_password", password=self.password),
                              POSTER_STEP, x, top, w)
        _draw_text(c, tr("pdf.poster.wifi_note"), SMALL.but(size=10, leading=13), x, top - 4, w)


# -- table cards ------------------------------------------------------------------------------

def _card_half(canv: Canvas, doc: Doc, title: str, question: str, url: str, w: float,
               h: float) -> None:
    """One side of a tent card, drawn upright in a w × h box at the origin."""
    margin = 1.4 * cm
    qr_box = CARD_QR
    text_w = w - 2 * margin - qr_box - 2.4 * cm
    title_style, title_h = _fit(title, CARD_THEME.but(align="start"), text_w, h * 0.45, 16)
    q_style, q_h = _fit(question, CARD_QUESTION.but(align="start"), text_w,
                        h - 2 * margin - title_h - 0.3 * cm, 11) if question else (
                            CARD_QUESTION, 0.0)
    block = title_h + (0.3 * cm + q_h if question else 0)
    top = h / 2 + block / 2
    top -= _draw_text(canv, title, title_style, margin, top, text_w)
    if question:
        _draw_text(canv, question, q_style.but(color=INK), margin, top - 0.3 * cm, text_w)
    qx = w - margin - qr_box - 1.2 * cm   # room for the label under it, inside the margin
    qy = (h - qr_box) / 2 + 0.35 * cm
    pdfkit.draw_qr(canv, url, qx, qy, qr_box)
    small = CARD_SMALL.but(align="center", size=9.5, leading=12)
    label_w = qr_box + 2.4 * cm
    _draw_text(canv, doc.tr("pdf.card.join"), small.but(bold=True, color=INK),
               qx - 1.2 * cm, qy - 0.05 * cm, label_w)
    url_style = _one_line(url, small, label_w, 6.5)
    _draw_text(canv, url, url_style, qx - 1.2 * cm, qy - 0.05 * cm - small.leading, label_w)


def write_table_cards(ws: Workshop, path: Path, url: str) -> Path:
    doc = Doc.of(ws)
    tr = doc.tr
    themes = [(tr.text(t.title), tr.text(t.question)) for t in ws.themes()]
    if not themes:
        themes = [(ws.info.title, "")]
    meta = doc.meta(tr("pdf.card.kind"))
    return _canvas_doc(path, meta, PAGE_LANDSCAPE,
                       lambda c, title_q: _draw_card(c, doc, title_q, url), themes)


def _draw_card(canv: Canvas, doc: Doc, title_q: tuple[str, str], url: str) -> None:
    w, h = PAGE_LANDSCAPE
    half = h / 2
    title, question = title_q
    _card_half(canv, doc, title, question, url, w, half)        # the front, upright
    canv.saveState()
    canv.translate(w, h)                                        # the back, upside down
    canv.rotate(180)
    _card_half(canv, doc, title, question, url, w, half)
    canv.restoreState()
    canv.saveState()
    canv.setStrokeColor(MUTED)
    canv.setLineWidth(0.5)
    canv.setDash(4, 4)
    canv.line(0.8 * cm, half, w - 0.8 * cm, half)
    canv.restoreState()
    label = doc.tr("pdf.card.fold")
    style = SMALL.but(size=7.5, leading=9)
    draw_lines(canv, layout(((label, False),), style, 6 * cm), style, 0.9 * cm, half + 10,
               6 * cm)


def _canvas_doc(path: Path, meta: pdfkit.Meta, pagesize: tuple[float, float], draw,  # noqa: ANN001
                pages: Sequence[object]) -> Path:
    """A document of fixed-layout pages drawn straight on the canvas, one per item."""
    from facilitator.export import fonts

    fonts.register()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    canv = Canvas(str(tmp), pagesize=pagesize, lang=meta.lang, initialFontName=fonts.SANS)
    canv.setTitle(meta.title)
    canv.setAuthor(meta.author)
    canv.setSubject(meta.subject)
    canv.setCreator(meta.creator)
    canv.setProducer(meta.creator)
    for page in pages:
        draw(canv, page)
        canv.showPage()
    canv.save()
    tmp.replace(path)
    return path


# -- paper ballots --------------------------------------------------------------------------

def _ballot(doc: Doc, phase: PhaseState, width: float) -> list[Flowable]:
    tr, ws = doc.tr, doc.ws
    spec = phase.spec.vote
    assert spec is not None
    feedback = phase.kind == "feedback"
    kind = tr("pdf.ballot.feedback_kind" if feedback else "pdf.ballot.kind")
    out: list[Flowable] = pdfkit.title_block(kind, tr.text(phase.spec.title),
                                             doc.subtitle() or ws.info.title)
    out.append(Text(ws.info.title, H2.but(space_before=0)))
    how = ("pdf.ballot.how_scale" if phase.kind == "feedback" or spec.method == "scale" else
           "pdf.ballot.how_marks" if spec.method == "dots" else "pdf.ballot.how_one")
    out.append(Text(method_rules(spec, tr) + " " + tr(how),
                    BODY.but(size=11.5, leading=15, bold=True)))
    if phase.kind == "feedback":
        scale = [str(v) for v in range(spec.scale_min, spec.scale_max + 1)]
        box_w = len(scale) * (6 * mm + 2.2 * mm) + 2 * mm
        widths = [width - box_w - 0.4 * cm, box_w + 0.4 * cm]
        rows = [[Text(tr.text(q.text), CELL.but(size=11, leading=14)),
                 pdfkit.Boxes(len(scale), labels=scale)] for q in phase.spec.questions]
        out.append(pdfkit.Table(pdfkit.head([tr("pdf.col.question"), tr("pdf.col.mark")]),
                                rows, widths, pad_y=2 * mm))
    else:
        marks = spec.per_idea if spec.method == "dots" else 1
        box_w = max(marks, 1) * (6 * mm + 2.2 * mm) + 2 * mm
        cost = spec.method == "budget"
        fixed = [1.3 * cm] + ([2.3 * cm] if cost else []) + [max(box_w + 0.4 * cm, 2.0 * cm)]
        widths = [fixed[0], width - sum(fixed)] + fixed[1:]
        labels = [tr("pdf.col.number"), tr("pdf.col.idea")] + (
            [tr("pdf.col.cost")] if cost else []) + [tr("pdf.col.mark")]
        aligns = ["start", "start"] + (["end"] if cost else []) + ["start"]
        header = pdfkit.head(labels, aligns)
        options = ws.ballots.options(phase)
        ideas = {i.id: i for i in ws.ideas.visible()}
        titles = doc.theme_titles()
        groups: dict[str | None, list[int]] = {}
        for target, option in options.items():
            groups.setdefault(option.theme, []).append(int(target))
        if not groups:
            out.append(Text(tr("pdf.ballot.blank_help"), NOTE))
            rows = [[Text("____", CELL_BOLD), Text("", CELL)]
                    + ([Text("", CELL)] if cost else []) + [pdfkit.Boxes(marks)]
                    for _ in range(BLANK_BALLOT_ROWS)]
            out.append(pdfkit.Table(header, rows, widths, pad_y=2.2 * mm))
        for theme, ids in groups.items():
            rows = []
            for idea_id in ids:
                idea = ideas[idea_id]
                row = [Text(str(idea_id), CELL_BOLD.but(size=11, leading=14)),
                       Text(idea.text, CELL.but(size=10, leading=13))]
                if cost:
                    row.append(num(tr.money(idea.cost_cents or 0)))
                row.append(pdfkit.Boxes(marks))
                rows.append(row)
            if len(groups) > 1:
                out += [CondPageBreak(3 * cm), Text(titles.get(theme, ""), H2)]
            out.append(pdfkit.Table(header, rows, widths, pad_y=2 * mm))
        total = {"dots": tr("pdf.ballot.total_dots", dots=spec.dots),
                 "approval": tr("pdf.ballot.total_choices", max=spec.max_choices or "–"),
                 "budget": tr("pdf.ballot.total_budget", budget=tr.money(spec.budget_cents))
                 }.get(spec.method, "")
        if total:
            out.append(KeepTogether([Spacer(1, 4), Text(total, BODY.but(size=11.5, leading=15,
                                                                         bold=True))]))
    out.append(Text(tr("pdf.ballot.return_feedback" if feedback else "pdf.ballot.return"),
                    NOTE.but(space_before=6)))
    return out


def write_ballots(ws: Workshop, path: Path) -> Path:
    doc = Doc.of(ws)
    width = pdfkit.frame_width()
    out: list[Flowable] = []
    for phase in ws.ballots.vote_phases():
        if out:
            out.append(PageBreak())
        out += _ballot(doc, phase, width)
    kind = "pdf.ballot.kind" if ws.template.has_votes else "pdf.ballot.feedback_kind"
    return pdfkit.build(path, out, doc.meta(doc.tr(kind)))


# -- the ground-rules card ---------------------------------------------------------------------

def write_rules_card(ws: Workshop, path: Path) -> Path | None:
    doc = Doc.of(ws)
    tr = doc.tr
    rules = ws.template.rules
    if rules is None:
        return None
    items = list(rules.rules.get(tr.lang) or rules.rules.get("fi") or ())
    w, h = PAGE_LANDSCAPE
    margin = 2 * cm

    def draw(canv: Canvas, _: object) -> None:
        width = w - 2 * margin
        top = h - margin
        top -= _draw_text(canv, tr("pdf.ground.title"), RULES_TITLE, margin, top, width)
        top -= 0.5 * cm
        style = RULES_ITEM
        num_w = 1.6 * cm
        room = top - margin - 1.2 * cm
        while True:   # shrink until every rule fits on the card
            heights = [len(layout(((r, False),), style, width - num_w)) * style.leading
                       for r in items]
            gap = style.leading * 0.45
            if sum(heights) + gap * len(items) <= room or style.size <= 14:
                break
            style = style.but(size=style.size - 1, leading=(style.size - 1) * 1.3)
        for n, (rule, rh) in enumerate(zip(items, heights, strict=True), start=1):
            mark = style.but(bold=True, color=ACCENT)
            draw_lines(canv, layout(((f"{n}.", True),), mark, num_w), mark, margin, top, num_w)
            _draw_text(canv, rule, style, margin + num_w, top, width - num_w)
            top -= rh + gap
        source = " · ".join(x for x in (rules.source, tr("pdf.ground.version",
                                                          version=rules.version)) if x)
        _draw_text(canv, source, SMALL, margin, margin, width)

    return _canvas_doc(path, doc.meta(tr("pdf.ground.kind")), PAGE_LANDSCAPE, draw, [None])


# -- the poster as a file -------------------------------------------------------------------

def write_poster(ws: Workshop, path: Path, url: str, ssid: str | None = None,
                 password: str | None = None) -> Path:
    doc = Doc.of(ws)
    wifi = qrmod.wifi_payload(ssid, password) if ssid else None
    story = poster_story(ws, url, wifi, ssid, password)
    return pdfkit.build(path, story, doc.meta(doc.tr("pdf.poster.kind")), pagesize=PAGE,
                        numbered=False, margins=(2 * cm, 2 * cm, 1.6 * cm, 1.4 * cm))

