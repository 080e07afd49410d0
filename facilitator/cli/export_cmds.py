"""`facilitator export`: the session as files for the core group, the board and the archive."""


import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.errors import InvalidInput
from facilitator.i18n import Translator

FORMATS = ("all", "pdf", "docx", "json", "csv")
Progress = Callable[[int, int, str], None]


@contextmanager
def progress_bar(label: str) -> Iterator[Progress | None]:
    """A progress bar on the terminal (stderr); nothing when output goes to a pipe or file."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = None

    def update(done: int, total: int, name: str) -> None:
        nonlocal bar
        if bar is None:
            bar = typer.progressbar(length=total, label=label, file=sys.stderr,
                                    show_pos=True, item_show_func=lambda item: item or None)
            bar.__enter__()
        bar.current_item = name   # the file being written now
        if done > bar.pos:
            bar.update(done - bar.pos)
        else:
            bar.render_progress()

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("export", help=tr("cli.help.export_all"))
    @friendly
    def export_cmd(
        ctx: typer.Context,
        session: Annotated[str, typer.Argument(help=tr("cli.arg.session"), show_default=False)],
        fmt: Annotated[str, typer.Option("--format", help=tr("cli.opt.export_format"))] = "all",
        output: Annotated[str | None, typer.Option(
            "--output", "-o", help=tr("cli.opt.output"), show_default=False)] = None,
        leave_out_hidden: Annotated[bool, typer.Option(
            "--piilotetut-pois", "--leave-out-hidden",
            help=tr("cli.opt.leave_out_hidden"))] = False,
    ) -> None:
        # reportlab loads only when a command needs it: every other command starts faster.
        from facilitator.export.bundle import export_all, export_documents, export_word
        from facilitator.export.data import json_text, write_csv, write_json

        e = env(ctx)
        if fmt not in FORMATS:
            raise InvalidInput("cli.error.format", format=fmt, known=", ".join(FORMATS))
        if leave_out_hidden and fmt == "json":  # the archive keeps everything
            raise InvalidInput("cli.error.json_keeps_hidden")
        with e.open(session) as ws:
            assert ws.path is not None
            folder = e.settings.export_dir_for(ws.path)
            stem = ws.path.stem
            if fmt == "json" and output == "-":
                typer.echo(json_text(ws), nl=False)
                return
            written: list[Path] = []
            if fmt == "json":
                written.append(write_json(ws, Path(output) if output else folder / f"{stem}.json"))
            elif fmt == "csv":
                written.append(write_csv(ws, Path(output) if output else folder / f"{stem}.csv",
                                         Translator(ws.info.lang),
                                         leave_out_hidden=leave_out_hidden))
            else:
                target = Path(output) if output else folder
                make = {"all": export_all, "pdf": export_documents, "docx": export_word}[fmt]
                with progress_bar(e.tr("cli.export.working")) as progress:
                    written = make(ws, target, progress=progress,
                                   leave_out_hidden=leave_out_hidden)
                if sys.stderr.isatty():
                    typer.echo(e.tr("cli.export.done"), err=True)
            for path in written:
                typer.echo(str(path))
