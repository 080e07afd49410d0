"""`facilitator serve`: the participant server under uvicorn, with the join URL and QR."""


import errno
import ipaddress
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.core.workshop import Workshop
from facilitator.i18n import Translator
from facilitator.net import base_url
from facilitator.qr import join_url, make_qr, terminal_text

#: Open sockets the server may hold: every phone keeps one or two.
WANTED_FILES = 8192


def bind(host: str, port: int, tr: Translator) -> socket.socket:
    """The listening socket, or one clear line saying why not (port taken, no rights)."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        family = socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            message = tr("cli.serve.port_in_use", port=port, next=port + 1)
        elif exc.errno == errno.EACCES:
            message = tr("cli.serve.port_denied", port=port)
        else:
            message = tr("cli.serve.bad_host", host=host)
        typer.echo(message, err=True)
        raise typer.Exit(1) from None
    sock.set_inheritable(True)
    return sock


def raise_file_limit() -> None:
    """Many phones mean many sockets: lift the soft limit on open files where we may."""
    try:
        import resource
    except ImportError:  # Windows has no such limit to lift
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = WANTED_FILES if hard == resource.RLIM_INFINITY else min(WANTED_FILES, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("serve", help=tr("cli.help.serve"))
    @friendly
    def serve_cmd(
        ctx: typer.Context,
        session: Annotated[str, typer.Argument(help=tr("cli.arg.session"), show_default=False)],
        port: Annotated[int, typer.Option("--port", help=tr("cli.opt.port"))] = 8000,
        host: Annotated[str, typer.Option("--host", help=tr("cli.opt.host"))] = "0.0.0.0",
        url: Annotated[str | None, typer.Option("--url", help=tr("cli.opt.url"),
                                                show_default=False)] = None,
    ) -> None:
        import uvicorn

        from facilitator.web.app import create_app

        e = env(ctx)
        if not 1 <= port <= 65535:
            e.say("cli.serve.bad_port")
            raise typer.Exit(1)
        if url is not None and not url.startswith(("http://", "https://")):
            e.say("cli.serve.bad_url")
            raise typer.Exit(1)
        path: Path = e.settings.resolve_session(session)
        with Workshop.open(path) as ws:
            title, code = ws.info.title, ws.join_code
        base, reachable = base_url(host, port, url)
        app_ = create_app(path, base_url=base)
        sock = bind(host, port, e.tr)
        raise_file_limit()

        link = join_url(base, code)
        e.say("cli.serve.started", title=title)
        e.say("cli.serve.join", url=link)
        typer.echo(terminal_text(make_qr(link)))
        if not reachable:
            typer.echo(e.tr("cli.serve.unreachable"), err=True)
        e.say("cli.serve.wall", url=f"http://127.0.0.1:{port}/wall")
        e.say("cli.serve.stop")
        sys.stdout.flush()

        config = uvicorn.Config(
            app_, log_level="warning", access_log=False, proxy_headers=False,
            server_header=False, timeout_graceful_shutdown=2, timeout_keep_alive=20,
            lifespan="on")
        try:
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            sock.close()
        e.say("cli.serve.stopped")
