"""The collection's poster: the QR code to the public address, the dates and the themes.

Drawn with the join poster's parts (export/poster.py, export/flowables.py) and the same
styles, so it looks like the other handouts.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import cm, mm
from reportlab.platypus import Flowable

from facilitator.export.flowables import QR, Table
from facilitator.export.pages import Meta, build, frame_width
from facilitator.export.poster import POSTER_QR, _StepMark
from facilitator.export.styles import (
    PAGE,
    POSTER_LEAD,
    POSTER_SMALL,
    POSTER_STEP,
    POSTER_TITLE,
    POSTER_URL,
)
from facilitator.export.text import Text, shrink_to_line
from facilitator.i18n import Translator
from facilitator.store.collection import CollectionMeta

LANG_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def poster_story(meta: CollectionMeta, tr: Translator) -> list[Flowable]:
    width = frame_width()
    who = meta.municipality or meta.process
    out: list[Flowable] = [
        Text(tr("collect.poster.title"), POSTER_TITLE),
        Text(meta.process, POSTER_SMALL.but(space_after=10)),
        Text(tr("collect.poster.lead", municipality=who, opens=tr.date(meta.opens),
                until=tr.date(meta.until)), POSTER_LEAD),
    ]
    code = QR(meta.public_url, POSTER_QR * 0.85)
    code.hAlign = "CENTER"
    out += [code, Text(meta.public_url, shrink_to_line(meta.public_url, POSTER_URL, width, 9)
                       .but(space_before=2, space_after=10)),
            Text(tr("collect.poster.themes"), POSTER_STEP.but(bold=True, space_after=4))]
    rows = [[_StepMark(n), Text(tr.text(t.title), POSTER_STEP)]
            for n, t in enumerate(meta.themes, start=1)]
    out.append(Table([], rows, [1.6 * cm, width - 1.6 * cm], zebra=False, rules=False,
                     pad_y=1.2 * mm))
    out.append(Text(tr("collect.poster.small"), POSTER_SMALL.but(space_before=8)))
    return out


def write_collect_poster(meta: CollectionMeta, path: Path, lang: str = "fi") -> Path:
    tr = Translator(lang)
    kind = tr("collect.poster.kind")
    doc_meta = Meta(title=f"{kind} – {meta.process}", author=meta.municipality or meta.process,
                    subject=tr("collect.name"), lang=LANG_TAGS[tr.lang], header=meta.process,
                    kind=kind, footer="", page_label=lambda page, pages: "")
    path.parent.mkdir(parents=True, exist_ok=True)
    return build(path, poster_story(meta, tr), doc_meta, pagesize=PAGE, numbered=False,
                 margins=(2 * cm, 2 * cm, 1.6 * cm, 1.4 * cm))
