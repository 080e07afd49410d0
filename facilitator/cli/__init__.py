"""The `facilitator` command: thin edges over core/, store and export/.

Each command parses its arguments, calls one domain function and turns a
`FacilitatorError` into one clear line in the user's language (Finnish by
default; `--lang sv|en` or FACILITATOR_LANG). Help texts come from the same
catalogs, so `--help` is Finnish too.
"""


import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from facilitator.cli import (
    collect_cmds,
    details_cmd,
    export_cmds,
    handouts_cmd,
    moderation_cmds,
    process_cmds,
    questions_cmds,
    run_cmd,
    serve_cmd,
    workshop_cmds,
)
from facilitator.cli.app import Env, lang_from_argv
from facilitator.i18n import Translator
from facilitator.paths import Settings

#: Modules that add commands: each has `register(app, tr)`. The heavy libraries (the TUI,
#: the server, reportlab) load inside the commands that need them, so start-up stays fast.
COMMAND_MODULES = [workshop_cmds, moderation_cmds, questions_cmds, details_cmd, export_cmds,
                   process_cmds, serve_cmd, run_cmd, handouts_cmd, collect_cmds]


def build_app(lang: str | None = None) -> typer.Typer:
    tr = Translator(lang)
    app = typer.Typer(help=tr("cli.help.app"), no_args_is_help=True, add_completion=False,
                      pretty_exceptions_enable=False, rich_markup_mode=None)

    @app.callback()
    def root(
        ctx: typer.Context,
        home: Annotated[Path | None, typer.Option(
            "--home", help=tr("cli.opt.home"), show_default=False)] = None,
        templates: Annotated[Path | None, typer.Option(
            "--templates", help=tr("cli.opt.templates"), show_default=False)] = None,
        lang: Annotated[str | None, typer.Option(
            "--lang", help=tr("cli.opt.lang"), show_default=False)] = None,
    ) -> None:
        settings = Settings.load(home=home, lang=lang, templates=templates)
        ctx.obj = Env(settings, Translator(settings.lang))

    for module in COMMAND_MODULES:
        module.register(app, tr)
    return app


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    lang = lang_from_argv(argv) or os.environ.get("FACILITATOR_LANG")
    app = build_app(lang)
    app(args=argv, prog_name="facilitator")
