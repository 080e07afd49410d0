"""`facilitator export`: the session as files for the core group, the board and the archive."""


from pathlib import Path
from typing import Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.errors import InvalidInput
from facilitator.export.data import json_text, write_csv, write_json
from facilitator.i18n import Translator

FORMATS = ("all", "json", "csv")


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("export", help=tr("cli.help.export"))
    @friendly
    def export_cmd(
        ctx: typer.Context,
        session: Annotated[str, typer.Argument(help=tr("cli.arg.session"), show_default=False)],
        fmt: Annotated[str, typer.Option("--format", help=tr("cli.opt.format"))] = "all",
        output: Annotated[str | None, typer.Option(
            "--output", "-o", help=tr("cli.opt.output"), show_default=False)] = None,
    ) -> None:
        e = env(ctx)
        if fmt not in FORMATS:
            raise InvalidInput("cli.error.format", format=fmt, known=", ".join(FORMATS))
        with e.open(session) as ws:
            assert ws.path is not None
            folder = e.settings.export_dir_for(ws.path)
            stem = ws.path.stem
            if fmt == "json" and output == "-":
                typer.echo(json_text(ws), nl=False)
                return
            written: list[Path] = []
            if fmt in ("all", "json"):
                target = Path(output) if output and fmt == "json" else folder / f"{stem}.json"
                written.append(write_json(ws, target))
            if fmt in ("all", "csv"):
                target = Path(output) if output and fmt == "csv" else folder / f"{stem}.csv"
                written.append(write_csv(ws, target, Translator(ws.info.lang)))
            for path in written:
                typer.echo(str(path))
