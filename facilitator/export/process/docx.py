"""The board summary as an editable Word document (python-docx).

Real heading styles (Heading 1, 2) and tables whose header row repeats on every page, so
Word keeps the document accessible when an officer pastes it into a board memo.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from facilitator.export.files import write_bytes

LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def _table(doc: Document, header: Sequence[str], rows: Sequence[Sequence[Any]],
           caption: str = "") -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    head = table.rows[0]
    for cell, text in zip(head.cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    tr_pr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = "" if value is None else str(value)
    if caption:
        tbl_pr = table._tbl.tblPr
        desc = OxmlElement("w:tblCaption")
        desc.set(qn("w:val"), caption)
        tbl_pr.append(desc)


def board_summary(model: dict[str, Any]) -> bytes:
    t = model["texts"]
    doc = docx.Document()
    props = doc.core_properties
    props.title = f"{t['board_title']} – {model['process']['name']}"
    props.language = model["lang"]
    props.author = ""
    props.comments = model["generator"]
    # The language of every paragraph (Word's proofing and screen readers read it).
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LOCALES.get(model["lang"], model["lang"]))
    doc.styles["Normal"].element.get_or_add_rPr().append(lang)
    doc.add_heading(t["board_title"], level=1)
    p = model["process"]
    doc.add_paragraph(" · ".join(x for x in (p["name"], p["municipality"], p["period"]) if x))
    doc.add_paragraph(t["board_intro"])

    doc.add_heading(t["counts"], level=2)
    c = model["counts"]
    for n, label in ((c["took_part"], t["took_part"]), (c["workshops"], t["workshops"]),
                     (c["ideas"], t["ideas"]), (c["decided"], t["decided"]),
                     (c["done"], t["done"])):
        doc.add_paragraph(f"{n} {label}", style="List Bullet")

    doc.add_heading(t["workshops"], level=2)
    w_rows = [[w["date"], w["title"], w["kind"], w["phones"], w["paper"], w["in_room"],
               w["took_part"], w["ideas"]] for w in model["workshops"]]
    tot = model["totals"]
    w_rows.append([t["total"], "", "", tot["phones"], tot["paper"], tot["in_room"],
                   tot["took_part"], tot["ideas"]])
    _table(doc, [t["date"], t["workshop"], t["kind"], t["phones"], t["paper"], t["in_room"],
                 t["took_part"], t["ideas_col"]], w_rows, t["workshops"])
    doc.add_paragraph(t["took_part_note"])

    doc.add_heading(t["themes"], level=2)
    _table(doc, [t["theme"], t["ideas_col"], t["decided"], t["done"]],
           [[r["theme"], r["ideas"], r["decided"], r["done"]] for r in model["themes"]],
           t["themes"])

    doc.add_heading(t["outcomes"], level=2)
    _table(doc, [t["outcome"], t["decided"], t["in_progress"], t["done"]],
           [[r["outcome"], r["decided"], r["in_progress"], r["done"]]
            for r in model["outcomes"]], t["outcomes"])

    doc.add_heading(t["what_done"], level=2)
    if not model["done"]:
        doc.add_paragraph(t["nothing_done"])
    for i in model["done"]:
        doc.add_heading(i["text"], level=3)
        facts = [f"{t['status']}: {i['status_text']}"]
        if i["outcome_text"]:
            facts.append(f"{t['outcome']}: {i['outcome_text']}")
        if i["owner"]:
            facts.append(f"{t['owner']}: {i['owner']}")
        if i["done_on"]:
            facts.append(f"{t['done_on']}: {i['done_on']}")
        doc.add_paragraph(" · ".join(facts))
        if i["note"]:
            doc.add_paragraph(i["note"])

    doc.add_paragraph(t["privacy"])
    doc.add_paragraph(t["made"])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_board_summary(model: dict[str, Any], path: Path) -> Path:
    return write_bytes(path, board_summary(model))
