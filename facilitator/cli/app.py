"""What every command shares: settings, the translator, opening a session, friendly errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import typer

from facilitator.core.templates import Template, find_template
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError
from facilitator.i18n import Translator
from facilitator.paths import Settings

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Env:
    """Loaded once at the entry point and handed to every command through `ctx.obj`."""

    settings: Settings
    tr: Translator

    def open(self, session: str) -> Workshop:
        return Workshop.open(self.settings.resolve_session(session))

    def template(self, key: str) -> Template:
        return find_template(key, self.settings.template_dirs)

    def say(self, key: str, /, **params: Any) -> None:
        typer.echo(self.tr(key, **params))


def env(ctx: typer.Context) -> Env:
    obj = ctx.obj
    if not isinstance(obj, Env):  # a command invoked without the root callback (tests)
        obj = Env(Settings.load(), Translator())
        ctx.obj = obj
    return obj


def friendly(func: F) -> F:
    """Turn every expected failure into one clear line in the user's language and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = next((a for a in args if isinstance(a, typer.Context)),
                   kwargs.get("ctx"))
        tr = env(ctx).tr if ctx is not None else Translator()
        try:
            return func(*args, **kwargs)
        except FacilitatorError as exc:
            typer.echo(exc.message(tr), err=True)
            raise typer.Exit(1) from None
        except OSError as exc:
            typer.echo(tr("cli.error.file", path=exc.filename or "", detail=exc.strerror or
                          str(exc)), err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo(tr("cli.interrupted"), err=True)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def lang_from_argv(argv: list[str]) -> str | None:
    """`--lang sv` / `--lang=sv` before parsing, so that --help is in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None

