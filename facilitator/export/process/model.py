"""What the public documents of a process say, as plain data built from the register.

One function, `build`, reads the process once and returns JSON-ready dicts that the HTML,
the PDF and the .docx all print, so their numbers agree. Only what may be public is in
it: the ideas' texts, themes, statuses and outcomes, their public notes, the owner only
where the facilitator marked it public, dates, and counts. Never a device, a person who
took part, a private owner or contact, a reason kept for the register, or a next step.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from facilitator import __version__
from facilitator.core.process import Process
from facilitator.core.register import OUTCOME_LETTERS, STATUSES, RegisterIdea
from facilitator.core.templates import scan_templates
from facilitator.i18n import LANG_NAMES, LANGS, Translator
from facilitator.paths import shipped_templates_dir

FORMAT = "facilitator-process-report"
VERSION = 1
#: Statuses of an idea that has been decided on (it knows where it goes).
DECIDED = ("decided", "in_progress", "done")
#: The order of ideas inside an outcome's group: what is further along first.
_STATUS_ORDER = {"done": 0, "in_progress": 1, "decided": 2}
#: Every label the documents print, by their name in the model → catalog key.
TEXT_KEYS = ("title", "board_title", "intro", "board_intro", "counts", "took_part",
             "ideas", "decided", "done", "workshops", "date", "workshop", "kind", "phones",
             "paper", "in_room", "ideas_col", "total", "themes", "theme", "outcomes",
             "outcome", "in_progress", "status", "owner", "note", "due", "decided_on",
             "done_on", "origin", "votes", "open_title", "open_intro", "not_taken_title",
             "not_taken_intro", "what_done", "nothing_done", "privacy", "made", "online",
             "qr_alt", "languages", "statuses", "printable", "took_part_note", "no_ideas",
             "none")


def _outcome_label(outcome: str, tr: Translator) -> str:
    letter = next((k for k, v in OUTCOME_LETTERS.items() if v == outcome), "")
    return f"{letter}) {tr(f'outcome.{outcome}')}" if letter else outcome


def _kinds(lang: str) -> dict[str, str]:
    tr = Translator(lang)
    return {e.template.key: tr.text(e.template.title)
            for e in scan_templates([shipped_templates_dir()]) if e.template is not None}


def _idea(proc: Process, idea: RegisterIdea, themes: dict[str, str],
          tr: Translator) -> dict[str, Any]:
    e = idea.entry
    reached = proc.register.reached(idea)
    return {
        "id": e.id,
        "text": e.text,
        "theme": themes.get(e.theme, e.theme),
        "status": e.status,
        "status_text": tr(f"status.{e.status}"),
        "outcome": e.outcome,
        "outcome_text": _outcome_label(e.outcome, tr) if e.outcome else "",
        "note": e.public_note,
        "owner": e.owner if e.owner_public else "",
        "due": tr.date(e.due),
        "decided_on": tr.date(reached.get("decided", "")[:10]),
        "done_on": tr.date(reached.get("done", "")[:10]),
        "votes": idea.votes,
        "origins": [{"workshop": o.workshop.title if o.workshop else "",
                     "date": tr.date(o.workshop.date) if o.workshop else "",
                     "votes": o.entry.votes} for o in idea.origins],
    }


def build(proc: Process, lang: str, *, url: str = "",
          today: dt.date | None = None) -> dict[str, Any]:
    """The resident report and the board summary of `proc`, in `lang`."""
    tr = Translator(lang)
    info = proc.info
    themes = {t.key: tr.text(t.title) for t in proc.themes()}
    kinds = _kinds(tr.lang)
    stats = proc.workshop_stats()
    ideas = proc.register.ideas()
    public = {i.id: _idea(proc, i, themes, tr) for i in ideas}
    status_count = Counter(i.entry.status for i in ideas)

    workshops: list[dict[str, Any]] = [{
        "title": w.title, "date": tr.date(w.date),
        "kind": kinds.get(w.template_key, w.template_key), "phones": w.phones,
        "paper": w.paper, "in_room": w.in_room, "took_part": w.took_part, "ideas": w.ideas,
    } for w in stats]
    counts = {"took_part": sum(w.took_part for w in stats), "workshops": len(stats),
              "ideas": len(ideas),
              "decided": sum(status_count[s] for s in DECIDED),
              "in_progress": status_count["in_progress"], "done": status_count["done"],
              "not_taken": status_count["not_taken"],
              "open": status_count["new"] + status_count["considering"]}

    # For residents: one group per outcome (a–f) of the decided ideas, then the open ones,
    # then those not taken forward.
    groups: list[dict[str, Any]] = []
    for outcome in OUTCOME_LETTERS.values():
        members = sorted((i for i in ideas if i.entry.status in DECIDED
                          and i.entry.outcome == outcome),
                         key=lambda i: (_STATUS_ORDER[i.entry.status], i.id))
        if members:
            groups.append({"key": str(outcome), "title": _outcome_label(outcome, tr),
                           "intro": "", "ideas": [public[i.id] for i in members]})
    for key, statuses in (("open", ("new", "considering")), ("not_taken", ("not_taken",))):
        members = [i for i in ideas if i.entry.status in statuses]
        if members:
            groups.append({"key": key, "title": tr(f"pdf.process.{key}_title"),
                           "intro": tr(f"pdf.process.{key}_intro"),
                           "ideas": [public[i.id] for i in members]})

    # For the board: ideas per theme, decisions per outcome, what was done.
    theme_rows = []
    for key in dict.fromkeys([*themes, *(i.entry.theme for i in ideas)]):
        members = [i for i in ideas if i.entry.theme == key]
        if members or key in themes:
            theme_rows.append({
                "theme": themes.get(key, key) or tr("pdf.process.none"),
                "ideas": len(members),
                "decided": sum(i.entry.status in DECIDED for i in members),
                "done": sum(i.entry.status == "done" for i in members)})
    outcome_rows = []
    for outcome in OUTCOME_LETTERS.values():
        members = [i for i in ideas if i.entry.status in DECIDED and i.entry.outcome == outcome]
        outcome_rows.append({
            "outcome": _outcome_label(outcome, tr), "decided": len(members),
            "in_progress": sum(i.entry.status == "in_progress" for i in members),
            "done": sum(i.entry.status == "done" for i in members)})
    done = [public[i.id] for i in ideas if i.entry.status in ("done", "in_progress")]
    done.sort(key=lambda d: (d["status"] != "done", d["id"]))

    dates = sorted(w.date for w in stats if w.date)
    period = (f"{tr.date(dates[0])} – {tr.date(dates[-1])}" if len(dates) > 1
              else tr.date(dates[0]) if dates else "")
    today = today or proc.clock().astimezone().date()
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"facilitator {__version__}",
        "lang": tr.lang,
        "process": {"name": info.name, "municipality": info.municipality, "period": period},
        "made": tr.date(today),
        "url": url,
        "counts": counts,
        "workshops": workshops,
        "totals": {k: sum(int(w[k]) for w in workshops)
                   for k in ("phones", "paper", "in_room", "took_part", "ideas")},
        "groups": groups,
        "themes": theme_rows,
        "outcomes": outcome_rows,
        "statuses": [{"status": tr(f"status.{s}"), "n": status_count[s]} for s in STATUSES],
        "done": done,
        "languages": [{"lang": code, "name": LANG_NAMES[code]} for code in LANGS],
        "texts": {name: tr(f"pdf.process.{name}", name=info.name, date=tr.date(today),
                           n=counts["took_part"]) for name in TEXT_KEYS},
    }
