"""What the printed documents say alike: metadata, the title block, method rules, ranks, feedback.

Built from the same core objects as the JSON export (`core.report`), so the
numbers agree everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from facilitator.core.ballots import PhaseResult, RankedItem
from facilitator.core.templates import VoteSpec
from facilitator.export import blocks, pages
from facilitator.export.blocks import Block
from facilitator.export.styles import CELL_NUM, Style
from facilitator.export.text import Text
from facilitator.i18n import Translator
from facilitator.kinds import IdeaStatus, PhaseKind, VoteMethod
from facilitator.store.records import IdeaRow

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop


@dataclass(frozen=True)
class Doc:
    """A document being made: the session, its language, and when."""

    ws: Workshop
    tr: Translator
    #: For publishing: a hidden idea's text is left out (its number and count stay).
    leave_out_hidden: bool = False

    @classmethod
    def of(cls, ws: Workshop, *, leave_out_hidden: bool = False) -> Doc:
        return cls(ws, Translator(ws.info.lang), leave_out_hidden)

    def idea_text(self, idea: IdeaRow | None) -> str:
        """An idea's text as this document prints it: left out when hidden and publishing."""
        if idea is None:
            return ""
        if self.leave_out_hidden and idea.status == IdeaStatus.HIDDEN:
            return self.tr("pdf.idea.text_left_out")
        return idea.text

    @property
    def dialogue(self) -> bool:
        """A dialogue (Erätauko): no ideas, no votes, no decisions, so no such sections."""
        return not any(p.kind in (PhaseKind.IDEAS, PhaseKind.VOTE, PhaseKind.DECIDE)
                       for p in self.ws.template.phases)

    def meta(self, kind: str) -> pages.Meta:
        info, tr = self.ws.info, self.tr
        return pages.Meta(
            title=tr("pdf.meta.title", kind=kind, title=info.title),
            author=info.facilitator or tr("pdf.meta.no_author"),
            subject=tr.text(self.ws.template.title),
            lang={"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[tr.lang],
            header=" · ".join(x for x in (info.title, tr.date(info.date), info.place) if x),
            kind=kind,
            footer=tr("pdf.footer", date=tr.date(self.ws.now())),
            page_label=lambda page, pages: tr("pdf.page", page=page, pages=pages),
        )

    def subtitle(self) -> str:
        info = self.ws.info
        parts = [self.tr.date(info.date), info.place]
        if info.facilitator:
            parts.append(self.tr("pdf.facilitated_by", name=info.facilitator))
        return " · ".join(p for p in parts if p)

    def people(self) -> str:
        info = self.ws.info
        text = self.tr("pdf.people", phones=self.ws.participants.count(),
                       paper=info.paper_count)
        if info.room_count:
            text += " " + self.tr("pdf.people_room", room=info.room_count)
        return text

    def theme_titles(self) -> dict[str | None, str]:
        out: dict[str | None, str] = {t.key: self.tr.text(t.title) for t in self.ws.themes()}
        out[None] = self.tr("pdf.no_theme")
        return out

    def clock(self, iso: str | None) -> str:
        return self.tr.time(iso) if iso else "–"

    def document(self, kind: str, facts: Sequence[tuple[str, str]], body: list[Block],
                 *, flag: str | None = None, flag_note: str | None = None) -> dict[str, Any]:
        """A published document as data for its typst source: metadata, page furniture,
        the title block with the facts under it (date and place first), the body.

        `flag` (e.g. "ALUSTAVA") is printed in every page header and under the title.
        """
        info, tr = self.ws.info, self.tr
        meta = self.meta(kind)
        label = tr("pdf.page", page="\0", pages="\0").split("\0")
        rows = [(tr("pdf.fact.date"), tr.date(info.date)), (tr("pdf.fact.place"), info.place),
                *facts]
        opening: dict[str, Any] = {"kicker": kind.upper(), "title": info.title,
                                   "subtitle": self.subtitle(),
                                   "facts": blocks.facts(rows)["rows"]}
        page: dict[str, Any] = {"header": meta.header, "kind": kind, "footer": meta.footer,
                                "page_label": label if len(label) == 3 else ["", " / ", ""]}
        if flag:
            page["flag"] = flag
            opening["flag_note"] = flag_note or flag
        lang, _, region = meta.lang.partition("-")
        return {"meta": {"title": meta.title, "author": meta.author, "subject": meta.subject,
                         "lang": lang, "region": region},
                "page": page, "opening": opening, "body": body}

    def build_ons(self) -> list[Block]:
        """Further ideation: each idea that was built on, with its notes under it."""
        tr = self.tr
        notes = self.ws.ideas.build_ons()
        if not notes:
            return []
        ideas = {i.id: i for i in self.ws.ideas.all()}
        rows: list[list[blocks.Cell]] = []
        for idea_id in sorted(notes, key=lambda i: (-len(notes[i]), i)):
            idea = ideas.get(idea_id)
            left_out = self.idea_text(idea) != (idea.text if idea else "")
            lines = [tr("pdf.build_on.line", text=tr("pdf.idea.text_left_out") if left_out
                        else n.text, source=tr(f"source.{n.source}")) for n in notes[idea_id]]
            rows.append([blocks.cell(f"#{idea_id}", bold=True),
                         blocks.cell(self.idea_text(idea), bold=True),
                         "\n".join(lines)])
        total = sum(len(v) for v in notes.values())
        return [blocks.heading(tr("pdf.build_on.title")),
                blocks.para(tr("pdf.build_on.intro", n=total, ideas=len(notes))),
                blocks.table([tr("pdf.col.number"), tr("pdf.col.idea"),
                              tr("pdf.build_on.col")], rows, [1.2, 5.5, "fr"])]

    def worked_time(self) -> str:
        """From the first phase's start to the end of the workshop."""
        started = next((p.row.started_at for p in self.ws.phases() if p.row.started_at), None)
        return self.time_span(started, self.ws.info.finished_at)

    def time_span(self, start: str | None, end: str | None) -> str:
        """`18.00–20.05`, `alkoi 18.00` while it runs, `–` before."""
        if not start:
            return "–"
        if not end:
            return self.tr("pdf.started_at", start=self.clock(start))
        return self.tr("pdf.time_span", start=self.clock(start), end=self.clock(end))


def method_rules(spec: VoteSpec, tr: Translator) -> str:
    """The rules of a vote in plain words, for ballots and results alike."""
    if spec.method == VoteMethod.DOTS:
        return tr("pdf.rules.dots", dots=spec.dots, per_idea=spec.per_idea)
    if spec.method == VoteMethod.APPROVAL:
        if spec.max_choices:
            return tr("pdf.rules.approval_max", max=spec.max_choices)
        return tr("pdf.rules.approval")
    if spec.method == VoteMethod.BUDGET:
        text = tr("pdf.rules.budget", budget=tr.money(spec.budget_cents))
        if spec.max_choices:
            text += " " + tr("pdf.rules.budget_max", max=spec.max_choices)
        return text
    return tr("pdf.rules.scale", min=spec.scale_min, max=spec.scale_max)


def rank_text(item: RankedItem) -> str:
    """`3.` or, for a tie, `=3.`: tied ideas share their rank."""
    return f"={item.rank}." if item.tied else f"{item.rank}."


def rank_cell(item: RankedItem) -> blocks.Cell:
    return blocks.cell(rank_text(item), bold=True, tone="tie" if item.tied else None)


def num(value: int | str, style: Style = CELL_NUM) -> Text:
    """A number in a handout's table cell (reportlab)."""
    return Text(str(value), style)


def ballots_sentence(result: PhaseResult, tr: Translator) -> str:
    if result.phase.kind == PhaseKind.FEEDBACK:   # answers to a feedback scale are not votes
        return tr("pdf.feedback_answers", phone=result.tally.ballots_phone,
                  paper=result.tally.ballots_paper)
    paper_votes = sum(result.tally.paper.values())
    return tr("pdf.ballots", phone=result.tally.ballots_phone, paper=result.tally.ballots_paper,
              paper_votes=paper_votes)


def feedback_table(result: PhaseResult, tr: Translator) -> blocks.Block:
    """Each question of a feedback scale: the mean, the answers, how they spread."""
    spec = result.spec
    scale = list(range(spec.scale_min, spec.scale_max + 1))
    questions = {q.key: tr.text(q.text) for q in result.questions}
    rows = []
    for item in result.overall:
        mean = tr.number(round(item.mean, 1)) if item.mean is not None else "–"
        rows.append([questions.get(item.target, item.label), mean, str(item.phone + item.paper)]
                    + [str(item.distribution.get(v, 0)) for v in scale])
    widths: list[blocks.Width] = ["fr", 2.0, 2.3, *[1.0] * len(scale)]
    return blocks.table(
        [tr("pdf.col.question"), tr("pdf.col.mean"), tr("pdf.col.answers")]
        + [str(v) for v in scale], rows, widths,
        ["start", "end", "end"] + ["end"] * len(scale))
