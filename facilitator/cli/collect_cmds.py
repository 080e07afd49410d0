"""`facilitator collect prepare|serve|import`: the online idea collection after the workshop.

Thin like the others: each command opens what it needs, calls one function of
facilitator/collect and prints plain lines.
"""


import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.cli.process_cmds import open_process
from facilitator.errors import InvalidInput
from facilitator.i18n import Translator

DEFAULT_PROXY = "127.0.0.1"


def register(app: typer.Typer, tr: Translator) -> None:
    capp = typer.Typer(help=tr("cli.collect.help"), no_args_is_help=True,
                       rich_markup_mode=None)
    app.add_typer(capp, name="collect")
    process_arg = typer.Argument(help=tr("cli.arg.process"), show_default=False)
    file_arg = typer.Argument(help=tr("cli.collect.arg_file"), show_default=False)

    @capp.command("prepare", help=tr("cli.collect.help_prepare"))
    @friendly
    def prepare_cmd(
        ctx: typer.Context,
        process: Annotated[str, process_arg],
        until: Annotated[str, typer.Option("--until", help=tr("cli.collect.opt_until"),
                                           show_default=False)],
        public_url: Annotated[str, typer.Option("--public-url",
                                                help=tr("cli.collect.opt_public_url"))] = "",
        privacy_url: Annotated[str, typer.Option(
            "--privacy-url", help=tr("cli.collect.opt_privacy_url"))] = "",
        opens: Annotated[str, typer.Option("--opens", help=tr("cli.collect.opt_opens"))] = "",
        out: Annotated[Path | None, typer.Option("--out", help=tr("cli.collect.opt_out"),
                                                 show_default=False)] = None,
    ) -> None:
        from facilitator.collect.prepare import prepare

        e = env(ctx)
        with open_process(e, process) as proc:
            done = prepare(proc, until=until, out=out, public_url=public_url,
                           privacy_url=privacy_url, opens=opens, lang=e.tr.lang)
            folder = proc.folder.name
        meta = done.meta
        e.say("cli.collect.prepared", path=str(done.path))
        e.say("cli.collect.dates", opens=e.tr.date(meta.opens), until=e.tr.date(meta.until),
              themes=len(meta.themes))
        if meta.public_url:
            from facilitator.collect.poster import write_collect_poster

            e.say("cli.collect.url", url=meta.public_url)
            poster = write_collect_poster(
                meta, e.settings.exports_dir / folder / "ideankeruu-juliste.pdf", e.tr.lang)
            e.say("cli.collect.poster", path=str(poster))
        else:
            e.say("cli.collect.no_poster")
        e.say("cli.collect.next")

    @capp.command("serve", help=tr("cli.collect.help_serve"))
    @friendly
    def serve_cmd(
        ctx: typer.Context,
        file: Annotated[Path, file_arg],
        host: Annotated[str, typer.Option("--host", help=tr("cli.collect.opt_host"))]
            = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help=tr("cli.collect.opt_port"))] = 8080,
        behind_proxy: Annotated[bool, typer.Option(
            "--behind-proxy", help=tr("cli.collect.opt_behind_proxy"))] = False,
        trusted_proxy: Annotated[list[str] | None, typer.Option(
            "--trusted-proxy", help=tr("cli.collect.opt_trusted_proxy"),
            show_default=False)] = None,
        public_url: Annotated[str | None, typer.Option(
            "--public-url", help=tr("cli.collect.opt_public_url"), show_default=False)] = None,
        ideas_per_hour: Annotated[int | None, typer.Option(
            "--ideas-per-hour", help=tr("cli.collect.opt_ideas_per_hour"),
            show_default=False)] = None,
        requests: Annotated[int | None, typer.Option(
            "--requests-per-2s", help=tr("cli.collect.opt_requests"),
            show_default=False)] = None,
        per_day: Annotated[int | None, typer.Option(
            "--ideas-per-day", help=tr("cli.collect.opt_per_day"), show_default=False)] = None,
    ) -> None:
        import dataclasses

        import uvicorn

        from facilitator.cli.serve_cmd import bind, raise_file_limit
        from facilitator.collect.app import create_collect_app
        from facilitator.collect.collection import Limits
        from facilitator.collect.prepare import check_url

        e = env(ctx)
        if not 1 <= port <= 65535:
            e.say("cli.serve.bad_port")
            raise typer.Exit(1)
        if public_url is not None:
            public_url = check_url(public_url, option="--public-url")
        proxies = (list(trusted_proxy) if trusted_proxy
                   else [DEFAULT_PROXY] if behind_proxy else [])
        changes = {k: v for k, v in (("ideas_per_hour", ideas_per_hour),
                                     ("requests_per_2_seconds", requests),
                                     ("ideas_per_day", per_day)) if v is not None}
        if any(v < 1 for v in changes.values()):
            raise InvalidInput("error.bad_form")
        limits = dataclasses.replace(Limits(), **changes)
        app_ = create_collect_app(file, public_url=public_url, trusted_proxies=proxies,
                                  limits=limits)
        srv = app_.state.collect
        sock = bind(host, port, e.tr)
        raise_file_limit()
        e.say("cli.collect.serving", process=srv.collection.meta.process, host=host,
              port=port, url=srv.public_url or "-")
        if proxies:
            e.say("cli.collect.proxy", proxies=", ".join(proxies))
        else:
            e.say("cli.collect.direct")
        e.say("cli.collect.stop")
        sys.stdout.flush()
        # One line per request, without the client's address (facilitator.collect.access).
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                            stream=sys.stderr)
        logging.getLogger("facilitator.collect.access").setLevel(logging.INFO)
        config = uvicorn.Config(
            app_, log_level="warning", access_log=False, proxy_headers=False,
            server_header=False, date_header=True, timeout_graceful_shutdown=2,
            timeout_keep_alive=20, lifespan="on")
        try:
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            sock.close()
        e.say("cli.collect.stopped")

    @capp.command("import", help=tr("cli.collect.help_import"))
    @friendly
    def import_cmd(
        ctx: typer.Context,
        process: Annotated[str, process_arg],
        file: Annotated[Path, file_arg],
        text_column: Annotated[str | None, typer.Option(
            "--text-column", help=tr("cli.collect.opt_text_column"), show_default=False)]
            = None,
        theme_column: Annotated[str | None, typer.Option(
            "--theme-column", help=tr("cli.collect.opt_theme_column"), show_default=False)]
            = None,
        default_theme: Annotated[str | None, typer.Option(
            "--default-theme", help=tr("cli.collect.opt_default_theme"),
            show_default=False)] = None,
        sheet: Annotated[str | None, typer.Option("--sheet", help=tr("cli.collect.opt_sheet"),
                                                  show_default=False)] = None,
    ) -> None:
        from facilitator.collect.importing import import_collection
        from facilitator.collect.survey import SURVEY_SUFFIXES, import_survey

        e = env(ctx)
        with open_process(e, process) as proc:
            if file.suffix.lower() in SURVEY_SUFFIXES:
                if text_column is None:
                    raise InvalidInput("error.collect_survey_needs")
                report = import_survey(proc, file, text_column=text_column,
                                       theme_column=theme_column, default_theme=default_theme,
                                       sheet=sheet, tr=e.tr)
            else:
                report = import_collection(proc, file, title=e.tr("collect.name"))
        e.say("cli.collect.imported", read=report.read, added=report.added,
              already=report.already)
        if report.skipped:
            e.say("cli.collect.skipped", n=report.skipped)
        if report.added:
            e.say("cli.collect.moderate")
