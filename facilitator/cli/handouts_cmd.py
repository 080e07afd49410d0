"""`facilitator handouts`: the poster, table cards, paper ballots and rules card, ready to print."""


from typing import Annotated

import typer

from facilitator import net, qr
from facilitator.cli.app import env, friendly
from facilitator.cli.export_cmds import progress_bar
from facilitator.errors import InvalidInput
from facilitator.i18n import Translator


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("handouts", help=tr("cli.help.handouts"))
    @friendly
    def handouts_cmd(
        ctx: typer.Context,
        session: Annotated[str, typer.Argument(help=tr("cli.arg.session"), show_default=False)],
        wifi_ssid: Annotated[str | None, typer.Option(
            "--wifi-ssid", help=tr("cli.opt.wifi_ssid"), show_default=False)] = None,
        wifi_password: Annotated[str | None, typer.Option(
            "--wifi-password", help=tr("cli.opt.wifi_password"), show_default=False)] = None,
        url: Annotated[str | None, typer.Option(
            "--url", help=tr("cli.opt.handouts_url"), show_default=False)] = None,
        port: Annotated[int, typer.Option("--port", help=tr("cli.opt.handouts_port"))] = 8000,
    ) -> None:
        from facilitator.export.bundle import export_handouts

        e = env(ctx)
        if wifi_password and not wifi_ssid:
            raise InvalidInput("cli.handouts.no_ssid")
        base, reachable = net.base_url("0.0.0.0", port, url)
        with e.open(session) as ws:
            assert ws.path is not None
            folder = e.settings.export_dir_for(ws.path)
            join = qr.join_url(base, ws.join_code)
            if not reachable:
                typer.echo(e.tr("cli.handouts.unreachable", url=join), err=True)
            with progress_bar(e.tr("cli.export.working")) as progress:
                written = export_handouts(ws, folder, base_url=base, wifi_ssid=wifi_ssid,
                                          wifi_password=wifi_password, progress=progress)
            ws.remember_printed_url(join)  # the run screen warns if the hall's address differs
            e.say("cli.handouts.url", url=join)
            for path in written:
                typer.echo(str(path))
