"""Commands for the facilitator's hands: paper ideas and votes, moderation, decisions, notes."""


import re
from typing import Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.core.limits import parse_money
from facilitator.errors import InvalidInput
from facilitator.i18n import Translator
from facilitator.kinds import Source


def parse_marks(text: str) -> dict[str, object]:
    """`12=2 15 18=1` or `12,15,18` → {"12": 2, "15": 1, "18": 1}.

    Feedback forms are typed by question: `heard=4 constructive=5`.
    """
    marks: dict[str, object] = {}
    for part in re.split(r"[\s,;]+", text.strip()):
        if not part:
            continue
        target, sep, value = part.partition("=")
        if not re.fullmatch(r"\d+|[a-z][a-z0-9_-]*", target) or (sep and not value.isdigit()) \
                or (not sep and not target.isdigit()):
            raise InvalidInput("cli.error.marks", part=part)
        key = str(int(target)) if target.isdigit() else target
        previous = marks.get(key, 0)
        assert isinstance(previous, int)
        marks[key] = previous + (int(value) if sep else 1)
    return marks


def register(app: typer.Typer, tr: Translator) -> None:
    session_arg = typer.Argument(help=tr("cli.arg.session"), show_default=False)
    idea_arg = typer.Argument(help=tr("cli.arg.idea"), show_default=False)
    phase_opt = typer.Option("--phase", help=tr("cli.opt.phase"), show_default=False)

    @app.command("idea", help=tr("cli.help.idea"))
    @friendly
    def idea_cmd(
        ctx: typer.Context,
        session: Annotated[str, session_arg],
        text: Annotated[str, typer.Argument(help=tr("cli.arg.idea_text"), show_default=False)],
        theme: Annotated[str | None, typer.Option("--theme", help=tr("cli.opt.idea_theme"),
                                                  show_default=False)] = None,
        cost: Annotated[str | None, typer.Option("--cost", help=tr("cli.opt.cost"),
                                                 show_default=False)] = None,
        facilitator: Annotated[bool, typer.Option(
            "--facilitator", help=tr("cli.opt.by_facilitator"))] = False,
    ) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            cents = parse_money(cost) if cost else None
            done = ws.ideas.submit(text, theme=theme, cost_cents=cents,
                                   source=Source.FACILITATOR if facilitator else Source.PAPER)
            if done.builds_on is not None:   # `#20: ...` is kept with idea 20
                e.say("cli.idea.built_on", idea=done.builds_on)
            else:
                e.say("cli.idea.added", id=done.id)

    @app.command("insight", help=tr("cli.help.insight"))
    @friendly
    def insight_cmd(
        ctx: typer.Context,
        session: Annotated[str, session_arg],
        text: Annotated[str, typer.Argument(help=tr("cli.arg.insight_text"),
                                            show_default=False)],
        phase: Annotated[str | None, typer.Option("--phase", help=tr("cli.opt.insight_phase"),
                                                  show_default=False)] = None,
    ) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            done = ws.records.add_insight(text, source=Source.PAPER, phase=phase)
            e.say("cli.insight.added", id=done.id)

    @app.command("tally", help=tr("cli.help.tally"))
    @friendly
    def tally_cmd(
        ctx: typer.Context,
        session: Annotated[str, session_arg],
        idea: Annotated[int, idea_arg],
        count: Annotated[int, typer.Argument(help=tr("cli.arg.count"), show_default=False)],
        phase: Annotated[str | None, phase_opt] = None,
    ) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.ballots.set_paper_tally(idea, count, phase=phase)
            e.say("cli.tally.set", idea=idea, count=count)

    @app.command("ballot", help=tr("cli.help.ballot"))
    @friendly
    def ballot_cmd(
        ctx: typer.Context,
        session: Annotated[str, session_arg],
        marks: Annotated[str, typer.Argument(help=tr("cli.arg.marks"), show_default=False)],
        phase: Annotated[str | None, phase_opt] = None,
    ) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            done = ws.ballots.cast(parse_marks(marks), phase=phase, source=Source.PAPER)
            e.say("cli.ballot.added", id=done.id)

    @app.command("remove-ballot", help=tr("cli.help.remove_ballot"))
    @friendly
    def remove_ballot_cmd(
        ctx: typer.Context,
        session: Annotated[str, session_arg],
        ballot: Annotated[int, typer.Argument(help=tr("cli.arg.ballot"), show_default=False)],
    ) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.ballots.remove_paper_ballot(ballot)
            e.say("cli.ballot.removed", id=ballot)

    @app.command("edit", help=tr("cli.help.edit"))
    @friendly
    def edit_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                 idea: Annotated[int, idea_arg],
                 text: Annotated[str, typer.Argument(help=tr("cli.arg.idea_text"),
                                                     show_default=False)]) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.ideas.edit(idea, text)
            e.say("cli.edit.done", idea=idea)

    @app.command("merge", help=tr("cli.help.merge"))
    @friendly
    def merge_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                  idea: Annotated[int, idea_arg],
                  into: Annotated[int, typer.Argument(help=tr("cli.arg.into"),
                                                      show_default=False)]) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.ideas.merge(idea, into)
            e.say("cli.merge.done", idea=idea, into=into)

    @app.command("hide", help=tr("cli.help.hide"))
    @friendly
    def hide_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                 idea: Annotated[int, idea_arg],
                 reason: Annotated[str, typer.Option("--reason", help=tr("cli.opt.reason"),
                                                     prompt=tr("cli.prompt.reason"))]) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.ideas.hide(idea, reason)
            e.say("cli.hide.done", idea=idea)

    @app.command("restore", help=tr("cli.help.restore"))
    @friendly
    def restore_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                    idea: Annotated[int, idea_arg]) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.ideas.restore(idea)
            e.say("cli.restore.done", idea=idea)

    @app.command("cost", help=tr("cli.help.cost"))
    @friendly
    def cost_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                 idea: Annotated[int, idea_arg],
                 euros: Annotated[str, typer.Argument(help=tr("cli.arg.euros"),
                                                      show_default=False)]) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            cents = None if euros.strip() in ("-", "") else parse_money(euros)
            ws.ideas.set_cost(idea, cents)
            e.say("cli.cost.done", idea=idea,
                  cost=e.tr.money(cents) if cents is not None else "-")

    @app.command("reveal", help=tr("cli.help.reveal"))
    @friendly
    def reveal_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                   phase: Annotated[str | None, phase_opt] = None,
                   hide: Annotated[bool, typer.Option("--hide", help=tr("cli.opt.unreveal"))]
                   = False) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            shown = ws.reveal(phase, shown=not hide)
            e.say("cli.reveal.hidden" if hide else "cli.reveal.done", phase=shown.key)

    @app.command("people", help=tr("cli.help.people"))
    @friendly
    def people_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                   room: Annotated[int | None, typer.Option("--room", help=tr("cli.opt.room"),
                                                            show_default=False)] = None,
                   paper: Annotated[int | None, typer.Option(
                       "--paper", help=tr("cli.opt.paper"), show_default=False)] = None) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            if room is not None:
                ws.set_room_count(room)
            if paper is not None:
                ws.set_paper_count(paper)
            info = ws.info
            e.say("cli.status.people", phones=ws.participants.count(), paper=info.paper_count,
                  room=info.room_count)

    @app.command("decide", help=tr("cli.help.decide"))
    @friendly
    def decide_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                   idea: Annotated[int, idea_arg],
                   outcome: Annotated[str, typer.Option("--outcome", help=tr("cli.opt.outcome"),
                                                        show_default=False)],
                   owner: Annotated[str, typer.Option("--owner", help=tr("cli.opt.owner"))] = "",
                   next_step: Annotated[str, typer.Option("--next", help=tr("cli.opt.next"))]
                   = "",
                   due: Annotated[str, typer.Option("--due", help=tr("cli.opt.due"))] = "") -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.records.decide(idea, outcome=outcome, owner=owner, next_step=next_step, due=due)
            e.say("cli.decide.done", idea=idea, outcome=e.tr(f"outcome.{outcome}"))

    @app.command("note", help=tr("cli.help.note"))
    @friendly
    def note_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                 text: Annotated[str, typer.Argument(help=tr("cli.arg.note"),
                                                     show_default=False)]) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.records.note(text)
            e.say("cli.note.done")

    @app.command("summary", help=tr("cli.help.summary"))
    @friendly
    def summary_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                    field: Annotated[str, typer.Argument(help=tr("cli.arg.field"),
                                                         show_default=False)],
                    text: Annotated[str, typer.Argument(help=tr("cli.arg.note"),
                                                        show_default=False)]) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            ws.records.set_summary(field, text)
            e.say("cli.summary.done", field=field)
