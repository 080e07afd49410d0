"""`facilitator details NAME --organiser ... --writer ...`: what the minutes say beyond the
evening itself (who organised and wrote them, the core group, a contact, the next meeting,
what happens next for residents). Without options it prints what is set."""


from typing import Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.core.proceedings import MINUTES_DETAILS
from facilitator.i18n import Translator


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("details", help=tr("cli.help.details"))
    @friendly
    def details_cmd(
        ctx: typer.Context,
        session: Annotated[str, typer.Argument(help=tr("cli.arg.session"), show_default=False)],
        organiser: Annotated[str | None, typer.Option(
            "--organiser", help=tr("cli.opt.detail_organiser"), show_default=False)] = None,
        writer: Annotated[str | None, typer.Option(
            "--writer", help=tr("cli.opt.detail_writer"), show_default=False)] = None,
        core_group: Annotated[str | None, typer.Option(
            "--core-group", help=tr("cli.opt.detail_core_group"), show_default=False)] = None,
        contact: Annotated[str | None, typer.Option(
            "--contact", help=tr("cli.opt.detail_contact"), show_default=False)] = None,
        next_meeting: Annotated[str | None, typer.Option(
            "--next-meeting", help=tr("cli.opt.detail_next_meeting"),
            show_default=False)] = None,
        next_for_residents: Annotated[str | None, typer.Option(
            "--next-for-residents", help=tr("cli.opt.detail_next_for_residents"),
            show_default=False)] = None,
    ) -> None:
        e = env(ctx)
        given = dict(zip(MINUTES_DETAILS, (organiser, writer, core_group, contact,
                                           next_meeting, next_for_residents), strict=True))
        with e.open(session) as ws:
            with ws.store.write():  # all of them or none
                for key, value in given.items():
                    if value is not None:
                        ws.records.set_detail(key, value)
            for key, value in ws.records.details().items():
                typer.echo(f"{e.tr(f'pdf.detail.{key}')}: {value}")
