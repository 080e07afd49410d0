"""Data exports: JSON of everything, and a CSV of ideas with votes for Finnish Excel."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.core.report import snapshot
from facilitator.export.files import write_bytes
from facilitator.i18n import Translator
from facilitator.kinds import IdeaStatus, VoteMethod

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop


class ExcelFi(csv.Dialect):
    """What Finnish Excel opens with a double click: `;` between fields, CRLF lines."""

    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


def json_text(ws: Workshop) -> str:
    return json.dumps(snapshot(ws), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_json(ws: Workshop, path: Path) -> Path:
    return write_bytes(path, json_text(ws).encode("utf-8"))


#: A cell starting with one of these is a formula to Excel (`=HYPERLINK(...)`, `@SUM`,
#: `+cmd|...`): such text gets a leading apostrophe, which Excel shows as plain text.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def excel_text(text: str) -> str:
    """User text made safe for a spreadsheet: never run as a formula."""
    if text.startswith(_FORMULA_START) or (text.startswith("-") and len(text) > 1
                                           and not text[1].isspace()):
        return "'" + text
    return text


def decimal(value: float, places: int = 2) -> str:
    """`1234,5` → `1234,50`: decimal comma, no thousands separator (Excel reads it as a number)."""
    return f"{value:.{places}f}".replace(".", ",")


def euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def csv_text(ws: Workshop, tr: Translator, *, leave_out_hidden: bool = False) -> str:
    """One row per idea; the votes of the last vote phase that has begun.

    `leave_out_hidden` for a copy to publish: a hidden idea keeps its row (number, theme,
    status) but not its words. The JSON stays whole: it is the archive, not for publishing.
    """
    themes = {t.id: tr.text(t.title) for t in ws.themes()}
    phase = ws.ballots.idea_vote_phase()
    result = ws.ballots.result(phase.key) if phase else None
    counted = {int(i.target): i for i in result.overall} if result else {}
    scale = result is not None and result.spec.method == VoteMethod.SCALE
    out = io.StringIO()
    writer = csv.writer(out, dialect=ExcelFi)
    header = [tr("csv.id"), tr("csv.theme"), tr("csv.idea"), tr("csv.source"),
              tr("csv.status"), tr("csv.merged_into"), tr("csv.rank"), tr("csv.tied"),
              tr("csv.phone"), tr("csv.paper"), tr("csv.total")]
    if scale:
        header.append(tr("csv.mean"))
    header += [tr("csv.cost"), tr("csv.original"), tr("csv.created")]
    writer.writerow(header)
    for idea in ws.ideas.all():
        item = counted.get(idea.id)
        left_out = leave_out_hidden and idea.status == IdeaStatus.HIDDEN
        row: list[object] = [
            idea.id, excel_text(themes.get(idea.theme_id, "")) if idea.theme_id else "",
            tr("pdf.idea.text_left_out") if left_out else excel_text(idea.text),
            tr(f"source.{idea.source}"), tr(f"status.{idea.status}"),
            idea.merged_into or "",
            item.rank if item else "", tr("csv.yes") if item and item.tied else "",
            item.phone if item else "", item.paper if item else "",
            item.phone + item.paper if item else "",
        ]
        if scale:
            row.append(decimal(item.mean) if item and item.mean is not None else "")
        row += [euros(idea.cost_cents) if idea.cost_cents is not None else "",
                excel_text(idea.original_text) if idea.edited and not left_out else "",
                tr.datetime(idea.created_at)]
        writer.writerow(row)
    return out.getvalue()


def write_csv(ws: Workshop, path: Path, tr: Translator, *, leave_out_hidden: bool = False
              ) -> Path:
    # UTF-8 with BOM: Excel reads ä, ö and å right only with it.
    return write_bytes(path, csv_text(ws, tr, leave_out_hidden=leave_out_hidden)
                       .encode("utf-8-sig"))

