"""The editable copy of a published document: the same blocks as the PDF, as a Word file.

A municipal officer adds a paragraph before the minutes go to the board. The .docx is
built from exactly the data the typst source gets (`doc.document()`), with Word's own
Heading styles and real tables whose header row repeats, so Word keeps it accessible
and its navigation pane shows the headings. Text goes in as runs of plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml.etree import SubElement

from facilitator.export.blocks import Block, Cell
from facilitator.export.files import replacing


def _text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else str(cell.get("text", ""))


def _repeat_header(row: Any) -> None:
    """Word repeats a row marked as header on every page the table runs to."""
    props = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    props.append(mark)


def _table(docx: DocxDocument, header: list[str] | None, rows: list[list[Cell]]) -> None:
    """A table; with `header`, its first row is the header row (bold, repeated)."""
    width = len(header) if header else max((len(r) for r in rows), default=1)
    table = docx.add_table(rows=1 if header else 0, cols=width)
    table.style = "Table Grid"
    if header:
        head = table.rows[0]
        _repeat_header(head)
        for cell, text in zip(head.cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
    # Body rows are written as WordprocessingML directly: python-docx's add_row and
    # add_run cost about a millisecond a cell, seconds for a 1,000-idea evening's tables.
    tbl = table._tbl
    widths = [col.w for col in tbl.tblGrid.gridCol_lst]
    for row in rows:
        tr = SubElement(tbl, _W_TR)
        for n, value in enumerate(row):
            tc = SubElement(tr, _W_TC)
            if n < len(widths) and widths[n] is not None:
                width = SubElement(SubElement(tc, _W_TCPR), _W_TCW)
                width.set(_W_W, str(int(widths[n].twips)))
                width.set(_W_TYPE, "dxa")
            bold = isinstance(value, dict) and bool(value.get("bold"))
            _runs(SubElement(tc, _W_P), _text(value), bold)


_W_TR, _W_TC, _W_TCPR, _W_TCW = qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:tcW")
_W_P, _W_R, _W_RPR, _W_B, _W_T = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:t")
_W_BR, _W_TAB, _W_W, _W_TYPE = qn("w:br"), qn("w:tab"), qn("w:w"), qn("w:type")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _runs(paragraph: Any, text: str, bold: bool) -> None:
    """One run of plain text in `paragraph`, as python-docx's `run.text` writes it: a
    newline is a line break, a tab a tab, everything else literal."""
    run = SubElement(paragraph, _W_R)
    if bold:
        SubElement(SubElement(run, _W_RPR), _W_B)
    for n, line in enumerate(text.split("\n")):
        if n:
            SubElement(run, _W_BR)
        for m, part in enumerate(line.split("\t")):
            if m:
                SubElement(run, _W_TAB)
            if part:
                t = SubElement(run, _W_T)
                t.text = part
                t.set(_XML_SPACE, "preserve")


def _block(docx: DocxDocument, block: Block) -> None:
    kind = block["type"]
    if kind == "heading":
        docx.add_heading(block["text"], level=min(9, int(block["level"]) + 1))
    elif kind == "para":
        docx.add_paragraph().add_run(block["text"]).italic = block.get("tone") == "note"
    elif kind == "facts":
        _table(docx, None, [[label, value] for label, value in block["rows"]])
    elif kind == "table":
        _table(docx, block["header"], block["rows"])
    elif kind == "ranking":
        header = block["header"][:-1]  # the bars column is a picture in the PDF only
        with_theme = block.get("with_theme", False)
        rows = [[r["rank"], f"{r['idea']} ({r['theme']})" if with_theme and r["theme"]
                 else r["idea"], str(r["phone"]), str(r["paper"]), str(r["total"])]
                for r in block["rows"]]
        _table(docx, header, rows)
    elif kind == "chart":
        docx.add_paragraph(block["alt"])  # the chart's ranking in words, as the PDF's alt text
    elif kind == "appendix":
        docx.add_page_break()
    # "legend" explains the PDF's bar colours: nothing to say without the bars.


def write(path: Path, document: dict[str, Any]) -> Path:
    """`document` as `doc.Doc.document()` builds it for typst → a .docx at `path`."""
    docx = Document()
    style = docx.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(11)
    meta, opening = document["meta"], document["opening"]
    docx.core_properties.title = meta["title"]
    docx.core_properties.author = meta.get("author", "")
    docx.core_properties.subject = meta.get("subject", "")
    docx.core_properties.language = "-".join(p for p in (meta["lang"], meta["region"]) if p)
    docx.add_heading(opening["title"], level=1)  # the PDF's H1; its sections are H2
    docx.add_paragraph(opening["kicker"])
    if opening.get("flag_note"):
        docx.add_paragraph().add_run(opening["flag_note"]).bold = True
    if opening.get("subtitle"):
        docx.add_paragraph(opening["subtitle"])
    _table(docx, None, [list(r) for r in opening["facts"]])
    for block in document["body"]:
        _block(docx, block)
    with replacing(path) as tmp:
        docx.save(str(tmp))
    return path
