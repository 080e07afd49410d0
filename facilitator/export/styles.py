"""One set of styles for every printed document: sizes, colours, margins.

Colours print well in black and white too: the phone and paper parts of a bar
differ in lightness, not only in hue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm, mm

PAGE = A4
PAGE_LANDSCAPE = landscape(A4)
MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.2 * cm
MARGIN_BOTTOM = 2.0 * cm

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d4f91")      # municipal blue: headings, phone votes
ACCENT_LIGHT = colors.HexColor("#5a84bd")  # paper votes: lighter, >= 3:1 on white and zebra
RULE = colors.HexColor("#c5ccd6")
ZEBRA = colors.HexColor("#f1f4f8")
HEAD_BG = colors.HexColor("#e3eaf3")
TIE = colors.HexColor("#8a5200")   # >= 4.5:1 as text on every background used
GOOD = colors.HexColor("#1e6b37")
WHITE = colors.white
BLACK = colors.black    # QR modules

#: Every colour pair the printed documents use, foreground on background. The tests
#: compute each pair's WCAG contrast (text >= 4.5:1, graphics >= 3:1) and check that
#: every colour a handout PDF draws with is one of these. typst/style.typ holds the same
#: values for the published documents (a test keeps the two equal).
TEXT_ON = (
    *((fg, bg) for fg in (INK, MUTED, ACCENT, TIE, GOOD) for bg in (WHITE, ZEBRA, HEAD_BG)),
    (WHITE, ACCENT),    # a step's number in its circle
)
GRAPHICS_ON = (
    *((fg, bg) for fg in (INK, MUTED, ACCENT, ACCENT_LIGHT) for bg in (WHITE, ZEBRA, HEAD_BG)),
    (BLACK, WHITE),     # QR codes
)
#: Fills and hairlines that carry no meaning alone (row shading, table rules, box edges).
DECORATIVE = (RULE, ZEBRA, HEAD_BG, WHITE)


@dataclass(frozen=True)
class Style:
    """How a block of text looks. Sizes in points."""

    size: float = 10
    leading: float = 13.5
    bold: bool = False
    color: colors.Color = INK
    align: str = "start"      # start | end | center (start is right for right-to-left text)
    space_before: float = 0
    space_after: float = 4

    def but(self, **changes: object) -> Style:
        return replace(self, **changes)  # type: ignore[arg-type]


BODY = Style()
SMALL = Style(size=8.5, leading=11, color=MUTED, space_after=2)
TITLE = Style(size=22, leading=27, bold=True, color=ACCENT, space_after=4)
SUBTITLE = Style(size=11.5, leading=15, color=MUTED, space_after=2)
H1 = Style(size=15, leading=19, bold=True, color=ACCENT, space_before=14, space_after=6)
H2 = Style(size=12, leading=15.5, bold=True, color=INK, space_before=10, space_after=4)
CELL = Style(size=9, leading=11.5, space_after=0)
CELL_BOLD = CELL.but(bold=True)
CELL_NUM = CELL.but(align="end")
CELL_HEAD = Style(size=8.5, leading=11, bold=True, color=INK, space_after=0)
NOTE = Style(size=9, leading=12, color=MUTED, space_after=4)

# Handouts: large type, read from a distance.
POSTER_TITLE = Style(size=30, leading=36, bold=True, color=ACCENT, align="center")
POSTER_LEAD = Style(size=22, leading=27, bold=True, align="center", space_after=6)
POSTER_URL = Style(size=17, leading=21, bold=True, align="center")
POSTER_CODE = Style(size=26, leading=32, bold=True, align="center")
POSTER_STEP = Style(size=20, leading=25)      # readable from 2 m
POSTER_NOTE = Style(size=16, leading=20, align="center")
POSTER_SMALL = Style(size=12, leading=15, color=MUTED, align="center")
CARD_THEME = Style(size=34, leading=40, bold=True, color=ACCENT, align="center")
CARD_QUESTION = Style(size=19, leading=24, align="center")
CARD_SMALL = Style(size=11, leading=14, color=MUTED)
RULES_TITLE = Style(size=34, leading=40, bold=True, color=ACCENT, align="center")
RULES_ITEM = Style(size=40, leading=52)   # shrunk until every rule fits the card

# Paper ballots: read by an 80-year-old at arm's length.
BALLOT_IDEA = Style(size=12, leading=15.5, space_after=0)
BALLOT_NUMBER = BALLOT_IDEA.but(bold=True, size=13)
BALLOT_RULES = Style(size=12.5, leading=16.5, bold=True, space_after=4)
BALLOT_TURN = Style(size=13, leading=16, bold=True, align="end")

# Insight slips: the closing round's question in big type, lines to write on.
SLIP_KICKER = Style(size=11, leading=14, bold=True, color=ACCENT, space_after=2)
SLIP_QUESTION = Style(size=20, leading=25, bold=True)
SLIP_SMALL = Style(size=8.5, leading=11, color=MUTED)
WRITING_LINE = MUTED   # >= 3:1 on white: the lines show where to write

CELL_PAD_X = 1.6 * mm
CELL_PAD_Y = 1.3 * mm
