"""Commands for a vote's dots and for questions to officials typed in from paper."""


from typing import Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.i18n import Translator
from facilitator.kinds import QuestionStatus, Source


def register(app: typer.Typer, tr: Translator) -> None:
    session_arg = typer.Argument(help=tr("cli.arg.session"), show_default=False)

    @app.command("dots", help=tr("cli.help.dots"))
    @friendly
    def dots_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                 dots: Annotated[int, typer.Option("--dots", help=tr("cli.opt.dots"),
                                                   show_default=False)],
                 per_idea: Annotated[int, typer.Option("--per-idea", help=tr("cli.opt.per_idea"),
                                                       show_default=False)],
                 phase: Annotated[str | None, typer.Option(
                     "--phase", help=tr("cli.opt.phase"), show_default=False)] = None) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            done = ws.ballots.set_dots(phase, dots, per_idea)
            assert done.spec.vote is not None
            e.say("cli.dots.done", phase=done.key, dots=done.spec.vote.dots,
                  per_idea=done.spec.vote.per_idea)

    @app.command("question", help=tr("cli.help.question"))
    @friendly
    def question_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                     text: Annotated[str, typer.Argument(help=tr("cli.arg.question_text"),
                                                         show_default=False)]) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            done = ws.questions.ask(text, source=Source.PAPER)
            e.say("cli.question.added", id=done.id)

    @app.command("questions", help=tr("cli.help.questions"))
    @friendly
    def questions_cmd(ctx: typer.Context, session: Annotated[str, session_arg],
                      answered: Annotated[list[int] | None, typer.Option(
                          "--answered", help=tr("cli.opt.answered"), show_default=False)] = None,
                      hide: Annotated[list[int] | None, typer.Option(
                          "--hide", help=tr("cli.opt.hide_question"), show_default=False)] = None,
                      reopen: Annotated[list[int] | None, typer.Option(
                          "--open", help=tr("cli.opt.open_question"), show_default=False)] = None,
                      ) -> None:
        """Mark questions, then list them most supported first."""
        e = env(ctx)
        with e.open(session) as ws:
            for ids, status in ((answered, QuestionStatus.ANSWERED),
                                (hide, QuestionStatus.HIDDEN), (reopen, QuestionStatus.OPEN)):
                for question_id in ids or ():
                    ws.questions.set_status(question_id, status)
            ranked = ws.questions.ranked(hidden=True)
            if not ranked:
                e.say("cli.questions.none")
            for q in ranked:
                marks = [e.tr(f"tui.questions.status_{q.row.status}")]
                if q.row.source != Source.PHONE:
                    marks.append(e.tr("tui.questions.paper"))
                typer.echo(f"#{q.id:<4} {q.votes:>3}  {q.text}  ({', '.join(marks)})")
