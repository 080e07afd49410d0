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
        collection: Annotated[str | None, typer.Option(
            "--collection", help=tr("cli.opt.detail_collection"), show_default=False)] = None,
        collection_until: Annotated[str | None, typer.Option(
            "--collection-until", help=tr("cli.opt.detail_collection_until"),
            show_default=False)] = None,
        approval: Annotated[str | None, typer.Option(
            "--approval", help=tr("cli.opt.detail_approval"), show_default=False)] = None,
    ) -> None:
        e = env(ctx)
        values = {"organiser": organiser, "writer": writer, "core_group": core_group,
                  "contact": contact, "next_meeting": next_meeting,
                  "collection": collection, "collection_until": collection_until,
                  "next_for_residents": next_for_residents, "approval": approval}
        assert set(values) == set(MINUTES_DETAILS)
        with e.open(session) as ws:
            stored = ws.records.set_details({k: v for k, v in values.items() if v is not None})
            for key in MINUTES_DETAILS:
                if key in stored:
                    typer.echo(f"{e.tr(f'pdf.detail.{key}')}: {stored[key]}")
