"""All the files of a session at once: the handouts before, the documents and data after.

These two functions are what the CLI and the TUI call. File names are in the
session's language (`kirkonkyla-2026-11-22-tulokset.pdf`), ASCII-safe.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import qr
from facilitator.export import (
    data,
    insight_slips,
    minutes,
    paper_ballots,
    poster,
    results,
    rules_card,
    summary,
    table_cards,
    word,
)
from facilitator.i18n import Translator
from facilitator.paths import slugify

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

Progress = Callable[[int, int, str], None]


def _stem(ws: Workshop) -> str:
    return ws.path.stem if ws.path is not None else "tyopaja"


def file_name(ws: Workshop, key: str, suffix: str = ".pdf") -> str:
    """`<session>-<kind in the session's language>.pdf`."""
    tr = Translator(ws.info.lang)
    return f"{_stem(ws)}-{slugify(tr(f'pdf.file.{key}')) or key}{suffix}"


def _run(steps: list[tuple[str, Callable[[], Path | None]]], progress: Progress | None
         ) -> list[Path]:
    written: list[Path] = []
    total = len(steps)
    for done, (label, step) in enumerate(steps):
        if progress:
            progress(done, total, label)
        path = step()
        if path is not None:
            written.append(path)
    if progress:
        progress(total, total, "")
    return written


def wants_results(ws: Workshop) -> bool:
    return ws.template.has_votes


def wants_summary(ws: Workshop) -> bool:
    """The Erätauko summary: for templates without votes, or with summary fields."""
    return bool(ws.template.summary_fields) or not ws.template.has_votes


def _document_steps(ws: Workshop, out_dir: Path, leave_out_hidden: bool = False
                    ) -> list[tuple[str, Callable[[], Path | None]]]:
    steps: list[tuple[str, Callable[[], Path | None]]] = []
    if wants_results(ws):
        steps.append((file_name(ws, "results"),
                      lambda: results.write(ws, out_dir / file_name(ws, "results"))))
    steps.append((file_name(ws, "minutes"),
                  lambda: minutes.write(ws, out_dir / file_name(ws, "minutes"),
                                        leave_out_hidden=leave_out_hidden)))
    if wants_summary(ws):
        steps.append((file_name(ws, "summary"),
                      lambda: summary.write(ws, out_dir / file_name(ws, "summary"))))
    return steps


def _word_steps(ws: Workshop, out_dir: Path, leave_out_hidden: bool = False
               ) -> list[tuple[str, Callable[[], Path | None]]]:
    """Editable copies (.docx) of the results and the minutes, from the PDFs' own data."""
    steps: list[tuple[str, Callable[[], Path | None]]] = []
    if wants_results(ws):
        name = file_name(ws, "results", ".docx")
        steps.append((name, lambda: word.write(out_dir / name, results.document(ws))))
    minutes_name = file_name(ws, "minutes", ".docx")
    steps.append((minutes_name, lambda: word.write(
        out_dir / minutes_name, minutes.document(ws, leave_out_hidden=leave_out_hidden))))
    return steps


# `leave_out_hidden`: the copy to publish. A hidden idea's text is left out of the minutes
# (PDF, .docx) and the CSV; its number and the count of hidden ideas stay. The results never
# show hidden ideas; the JSON is the archive and keeps everything.

def export_documents(ws: Workshop, out_dir: Path, *, progress: Progress | None = None,
                     leave_out_hidden: bool = False) -> list[Path]:
    """Only the PDFs: results, minutes, and the summary where it fits."""
    return _run(_document_steps(ws, Path(out_dir), leave_out_hidden), progress)


def export_word(ws: Workshop, out_dir: Path, *, progress: Progress | None = None,
                leave_out_hidden: bool = False) -> list[Path]:
    """Only the editable copies: results and minutes as .docx."""
    return _run(_word_steps(ws, Path(out_dir), leave_out_hidden), progress)


def export_all(ws: Workshop, out_dir: Path, *, progress: Progress | None = None,
               leave_out_hidden: bool = False) -> list[Path]:
    """The PDFs, their editable copies (.docx), CSV and JSON, into `out_dir`."""
    out_dir = Path(out_dir)
    tr = Translator(ws.info.lang)
    stem = _stem(ws)
    steps = (_document_steps(ws, out_dir, leave_out_hidden)
             + _word_steps(ws, out_dir, leave_out_hidden))
    steps.append((f"{stem}.csv", lambda: data.write_csv(ws, out_dir / f"{stem}.csv", tr,
                                                        leave_out_hidden=leave_out_hidden)))
    steps.append((f"{stem}.json", lambda: data.write_json(ws, out_dir / f"{stem}.json")))
    return _run(steps, progress)


def export_handouts(ws: Workshop, out_dir: Path, *, base_url: str,
                    wifi_ssid: str | None = None, wifi_password: str | None = None,
                    progress: Progress | None = None) -> list[Path]:
    """Join poster, table cards, paper ballots (if the template votes), rules card (if any),
    insight slips (if a round asks for insights)."""
    out_dir = Path(out_dir)
    url = qr.join_url(base_url, ws.join_code)
    steps: list[tuple[str, Callable[[], Path | None]]] = [
        (file_name(ws, "poster"), lambda: poster.write_poster(
            ws, out_dir / file_name(ws, "poster"), url, wifi_ssid, wifi_password)),
        (file_name(ws, "cards"), lambda: table_cards.write_table_cards(
            ws, out_dir / file_name(ws, "cards"), url)),
    ]
    if ws.ballots.vote_phases():
        # A template without votes (Erätauko) only has feedback forms, never "ballots".
        forms = "ballots" if ws.template.has_votes else "feedback"
        steps.append((file_name(ws, forms), lambda: paper_ballots.write_ballots(
            ws, out_dir / file_name(ws, forms))))
    if ws.template.rules is not None:
        steps.append((file_name(ws, "rules"), lambda: rules_card.write_rules_card(
            ws, out_dir / file_name(ws, "rules"))))
    if insight_slips.slip_questions(ws):
        # Erätauko: insights on paper, typed in later with `facilitator insight`.
        steps.append((file_name(ws, "slips"), lambda: insight_slips.write_insight_slips(
            ws, out_dir / file_name(ws, "slips"))))
    return _run(steps, progress)
