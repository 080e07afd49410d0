"""A survey tool's export (Webropol, Microsoft Forms, Google Forms, LimeSurvey) into the register.

CSV as Finnish Excel and the tools write it: `;` or `,` or tab, UTF-8 with or without a
BOM, UTF-16 ("Unicode text"), or Windows-1252; anything else is refused with one line
saying how to save it. XLSX through openpyxl. The export's content hash is its uid, so
the same export imported twice adds nothing; an answer's row number is its idea id.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from facilitator.collect.importing import KIND_SURVEY, ImportReport, Incoming, add_ideas
from facilitator.core.limits import NOTE_MAX_CHARS, clean_text
from facilitator.core.process import Process
from facilitator.errors import FacilitatorError, InvalidInput
from facilitator.i18n import Translator

SURVEY_SUFFIXES = (".csv", ".xlsx")
#: Bytes Windows-1252 leaves undefined: a file with them is not Windows-1252 either.
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]   # (row number in the file, cells)


def decode(data: bytes, path: Path) -> str:
    """The export's text: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252, else no."""
    refused = InvalidInput("error.collect_survey_encoding", path=str(path))
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise refused from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if any(b in _CP1252_HOLES for b in data):
                raise refused from None
            text = data.decode("cp1252")
    if _CONTROL.search(text):  # a binary file, or UTF-16 without its mark, or worse
        raise refused
    return text


def read_csv(data: bytes, path: Path) -> Table:
    text = decode(data, path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise InvalidInput("error.collect_survey_empty", path=str(path))
    # The header decides: Finnish Excel writes `;`, the web tools `,`, "Unicode text" tabs.
    delimiter = max(";,\t", key=lambda d: first.count(d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        # The record's number is its row number when the file is opened in a spreadsheet.
        for number, record in enumerate(reader, start=1):
            if header is None:
                if not any(c.strip() for c in record):
                    continue
                header = record
                continue
            if any(c.strip() for c in record):
                rows.append((number, record))
    except csv.Error as exc:
        raise InvalidInput("error.collect_survey_unreadable", path=str(path),
                           detail=str(exc)) from exc
    assert header is not None
    return Table(header, rows)


def read_xlsx(data: bytes, path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput("error.collect_survey_unreadable", path=str(path),
                           detail=type(exc).__name__) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InvalidInput("error.collect_survey_sheet", sheet=sheet,
                               known=", ".join(book.sheetnames))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        header: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else str(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
            else:
                rows.append((number, cells))
    finally:
        book.close()
    if header is None:
        raise InvalidInput("error.collect_survey_empty", path=str(path))
    return Table(header, rows)


def _norm(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split()).casefold()


def column(table: Table, wanted: str) -> int:
    """A column by its header (case and spaces do not matter) or its number (1 = first)."""
    names = [_norm(h) for h in table.header]
    if _norm(wanted) in names:
        return names.index(_norm(wanted))
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(table.header):
        return int(wanted) - 1
    known = ", ".join(f'"{h.strip()}"' for h in table.header if h.strip()) or "-"
    raise InvalidInput("error.collect_survey_column", column=wanted, known=known)


def theme_matcher(proc: Process) -> dict[str, str]:
    """Every way a theme may be written (key, title in fi/sv/en) → its key."""
    out: dict[str, str] = {}
    for t in proc.themes():
        out[_norm(t.key)] = t.key
        for title in t.title.values():
            out.setdefault(_norm(title), t.key)
    return out


def survey_ideas(proc: Process, table: Table, *, text_column: str,
                 theme_column: str | None, default_theme: str | None,
                 tr: Translator) -> tuple[list[Incoming], int]:
    text_at = column(table, text_column)
    theme_at = column(table, theme_column) if theme_column else None
    themes = theme_matcher(proc)
    known = ", ".join(t.key for t in proc.themes()) or "-"
    default = None
    if default_theme is not None:
        default = themes.get(_norm(default_theme))
        if default is None:
            raise InvalidInput("error.collect_survey_theme", row="--default-theme",
                               value=default_theme, known=known)
    out: list[Incoming] = []
    skipped = 0
    for number, cells in table.rows:
        raw = cells[text_at] if text_at < len(cells) else ""
        if not raw.strip():
            skipped += 1
            continue
        value = cells[theme_at] if theme_at is not None and theme_at < len(cells) else ""
        theme = themes.get(_norm(value)) if value.strip() else None
        if theme is None:
            if default is None:
                raise InvalidInput("error.collect_survey_theme", row=number, value=value,
                                   known=known)
            theme = default
        try:
            text = clean_text(raw, max_chars=NOTE_MAX_CHARS)
        except FacilitatorError as exc:
            raise InvalidInput("error.collect_survey_row", row=number,
                               detail=exc.message(tr)) from exc
        out.append(Incoming(number, theme, text))
    return out, skipped


def import_survey(proc: Process, path: Path, *, text_column: str, theme_column: str | None,
                  default_theme: str | None, sheet: str | None = None,
                  tr: Translator | None = None) -> ImportReport:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SURVEY_SUFFIXES:
        raise InvalidInput("error.collect_survey_type", path=str(path))
    if theme_column is None and default_theme is None:
        raise InvalidInput("error.collect_survey_needs")
    data = path.read_bytes()
    table = read_xlsx(data, path, sheet) if suffix == ".xlsx" else read_csv(data, path)
    ideas, skipped = survey_ideas(proc, table, text_column=text_column,
                                  theme_column=theme_column, default_theme=default_theme,
                                  tr=tr or Translator())
    # The export itself is the origin: its bytes (not its name) say which it is, and the
    # columns chosen too, so one export read for two questions is two origins.
    digest = hashlib.sha256(data + f"\0{text_column}\0{theme_column}".encode()).hexdigest()
    return add_ideas(proc, uid=f"survey-{digest[:24]}", file=path.name, kind=KIND_SURVEY,
                     title=path.stem, date=proc.now()[:10], ideas=ideas, skipped=skipped)


__all__: Sequence[str] = ["decode", "import_survey", "read_csv", "read_xlsx"]
