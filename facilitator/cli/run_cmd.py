"""`facilitator run [SESSION]`: the facilitator's terminal UI, the server runs as its child."""


import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.core.workshop import Workshop
from facilitator.i18n import Translator
from facilitator.net import base_url
from facilitator.paths import Settings

if TYPE_CHECKING:  # the TUI's modules load only when `run` runs
    from facilitator.tui.supervisor import ServerSupervisor


def server_factory(settings: Settings, *, port: int, host: str, url: str | None
                   ) -> Callable[[Path, str], "ServerSupervisor"]:
    """Supervisors that run `facilitator serve` for a session, logging to HOME/logs/."""
    def make(session: Path, join_code: str) -> "ServerSupervisor":
        from facilitator.tui.supervisor import ServerSupervisor

        child_env = {**os.environ, "FACILITATOR_HOME": str(settings.home),
                     "FACILITATOR_LANG": settings.lang}
        return ServerSupervisor(session, join_code, port=port, host=host, url=url,
                                log_path=settings.home / "logs" / f"{session.stem}-server.log",
                                env=child_env)
    return make


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("run", help=tr("tui.cli.help"))
    @friendly
    def run_cmd(
        ctx: typer.Context,
        session: Annotated[str | None, typer.Argument(help=tr("tui.cli.session"),
                                                      show_default=False)] = None,
        port: Annotated[int, typer.Option("--port", help=tr("tui.cli.port"))] = 8000,
        host: Annotated[str, typer.Option("--host", help=tr("tui.cli.host"))] = "0.0.0.0",
        url: Annotated[str | None, typer.Option("--url", help=tr("tui.cli.url"),
                                                show_default=False)] = None,
        no_server: Annotated[bool, typer.Option("--no-server",
                                                help=tr("tui.cli.no_server"))] = False,
    ) -> None:
        from facilitator.tui.app import FacilitatorApp

        e = env(ctx)
        path = e.settings.resolve_session(session) if session else None
        if path is not None:
            Workshop.open(path).close()  # a broken file is one clear line, before the screen
        base, reachable = base_url(host, port, url)
        factory = None if no_server else server_factory(e.settings, port=port, host=host,
                                                         url=url)
        FacilitatorApp(e.settings, session=path, base_url=base, reachable=reachable,
                       server_factory=factory).run()
