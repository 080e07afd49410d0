"""Commands for a participation process: `facilitator process new|list|themes|sync|ideas|...
|report`.

Thin like the others: each opens the process, calls one function of core/process.py or
core/register.py and prints plain text (never markup) with `typer.echo`.
"""


from pathlib import Path
from typing import Annotated, Any

import typer

from facilitator.cli.app import Env, env, friendly
from facilitator.core.process import Process, find_process, list_processes
from facilitator.core.register import RegisterIdea
from facilitator.core.templates import themes_from_titles
from facilitator.errors import InvalidInput
from facilitator.i18n import Translator
from facilitator.paths import slugify


def open_process(e: Env, name: str) -> Process:
    return Process.open(find_process(e.settings.processes_dir, name))


def _theme_titles(proc: Process, tr: Translator) -> dict[str, str]:
    return {t.key: tr.text(t.title) for t in proc.themes()}


def _votes(votes: int | None) -> str:
    return "-" if votes is None else str(votes)


def idea_line(idea: RegisterIdea, themes: dict[str, str], tr: Translator) -> str:
    e = idea.entry
    theme = themes.get(e.theme, e.theme) or "-"
    return (f"#{e.id:<4} {tr('status.' + e.status):<20} {_votes(idea.votes):>4}  "
            f"[{theme}]  {e.text}")


def _value(value: Any) -> str:
    return "-" if value in (None, "") else str(value)


def journey_lines(proc: Process, idea: RegisterIdea, tr: Translator) -> list[str]:
    """An idea's whole journey: where it stands, every origin with its votes, the history."""
    e = idea.entry
    themes = _theme_titles(proc, tr)
    outcome = tr(f"outcome.{e.outcome}") if e.outcome else "-"
    lines = [f"#{e.id} {e.text}",
             tr("cli.process.idea_status", status=tr("status." + e.status), outcome=outcome,
                theme=themes.get(e.theme, e.theme) or "-")]
    if e.owner:
        public = tr("cli.process.public" if e.owner_public else "cli.process.not_public")
        lines.append(tr("cli.process.idea_owner", owner=e.owner, public=public))
    for key, value in (("cli.process.idea_next", e.next_step), ("cli.process.idea_due",
                       tr.date(e.due) if e.due else ""),
                       ("cli.process.idea_note", e.public_note),
                       ("cli.process.idea_reason", e.reason)):
        if value:
            lines.append(tr(key, value=value))
    lines.append(tr("cli.process.origins"))
    for o in idea.origins:
        w = o.workshop
        rank = "-" if o.entry.rank is None else f"{o.entry.rank}{'=' if o.entry.tied else ''}"
        lines.append("  " + tr("cli.process.origin", id=o.entry.id,
                               workshop=w.title if w else "-",
                               date=tr.date(w.date) if w and w.date else "-",
                               source=tr("source." + o.entry.source.replace("-", "_")),
                               votes=_votes(o.entry.votes), rank=rank))
        if o.entry.text != e.text:
            lines.append(f"      {o.entry.text}")
    lines.append(tr("cli.process.history"))
    for h in proc.register.history(idea):
        changes = "; ".join(f"{field}: {_value(before)} → {_value(after)}"
                            for field, (before, after) in h.changes.items())
        lines.append(f"  {h.at[:16].replace('T', ' ')}  #{h.entry_id} {h.actor or '-'}: "
                     f"{changes}")
    return lines


def register(app: typer.Typer, tr: Translator) -> None:
    papp = typer.Typer(help=tr("cli.help.process"), no_args_is_help=True,
                       rich_markup_mode=None)
    app.add_typer(papp, name="process")
    name_arg = typer.Argument(help=tr("cli.arg.process"), show_default=False)
    entry_arg = typer.Argument(help=tr("cli.arg.entry"), show_default=False)

    @papp.command("new", help=tr("cli.help.process_new"))
    @friendly
    def new_cmd(
        ctx: typer.Context,
        title: Annotated[str, typer.Argument(help=tr("cli.arg.process_title"),
                                             show_default=False)],
        municipality: Annotated[str, typer.Option("--municipality",
                                                  help=tr("cli.opt.municipality"))] = "",
        coordinator: Annotated[str, typer.Option("--coordinator",
                                                 help=tr("cli.opt.coordinator"))] = "",
    ) -> None:
        e = env(ctx)
        folder = e.settings.process_dir(slugify(title) or "prosessi")
        with Process.create(folder, name=title, municipality=municipality,
                            coordinator=coordinator) as proc:
            e.say("cli.process.created", name=proc.info.name, slug=folder.name)
            typer.echo(str(folder))

    @papp.command("list", help=tr("cli.help.process_list"))
    @friendly
    def list_cmd(ctx: typer.Context) -> None:
        e = env(ctx)
        folders = list_processes(e.settings.processes_dir)
        if not folders:
            e.say("cli.process.none", folder=str(e.settings.processes_dir))
            return
        for folder in folders:
            with Process.open(folder) as proc:
                info = proc.info
                typer.echo(f"{folder.name:<32}{info.name}"
                           + (f" · {info.municipality}" if info.municipality else "") + " · "
                           + e.tr("cli.process.counts", workshops=len(proc.workshop_files()),
                                  ideas=len(proc.register.ideas())))

    @papp.command("themes", help=tr("cli.help.process_themes"))
    @friendly
    def themes_cmd(
        ctx: typer.Context,
        name: Annotated[str, name_arg],
        from_workshop: Annotated[str | None, typer.Option(
            "--from", help=tr("cli.opt.themes_from"), show_default=False)] = None,
        set_titles: Annotated[str | None, typer.Option(
            "--set", help=tr("cli.opt.themes_set"), show_default=False)] = None,
    ) -> None:
        e = env(ctx)
        with open_process(e, name) as proc:
            if from_workshop is not None:
                proc.themes_from(from_workshop)
            elif set_titles is not None:
                proc.set_themes(themes_from_titles(e.template("palvelupaja"),
                                                   set_titles.split(";"), e.settings.lang))
            themes = proc.themes()
            if not themes:
                e.say("cli.process.no_themes")
            for t in themes:
                typer.echo(f"{t.key:<24}{e.tr.text(t.title)}")

    @papp.command("sync", help=tr("cli.help.process_sync"))
    @friendly
    def sync_cmd(ctx: typer.Context, name: Annotated[str, name_arg]) -> None:
        e = env(ctx)
        with open_process(e, name) as proc:
            r = proc.sync()
            e.say("cli.process.synced", workshops=r.workshops, added=r.added,
                  updated=r.updated, decided=r.decided)
            if r.themes_from:
                e.say("cli.process.themes_taken", workshop=r.themes_from)
            for skipped in r.skipped:
                e.say("cli.process.skipped", file=skipped)

    @papp.command("ideas", help=tr("cli.help.process_ideas"))
    @friendly
    def ideas_cmd(
        ctx: typer.Context,
        name: Annotated[str, name_arg],
        status: Annotated[str | None, typer.Option("--status", help=tr("cli.opt.status"),
                                                   show_default=False)] = None,
        theme: Annotated[str | None, typer.Option("--theme", help=tr("cli.opt.filter_theme"),
                                                  show_default=False)] = None,
        outcome: Annotated[str | None, typer.Option(
            "--outcome", help=tr("cli.opt.register_outcome"), show_default=False)] = None,
    ) -> None:
        e = env(ctx)
        with open_process(e, name) as proc:
            ideas = proc.register.ideas(status=status, theme=theme, outcome=outcome)
            if not ideas:
                e.say("cli.process.no_ideas")
            themes = _theme_titles(proc, e.tr)
            for idea in ideas:
                typer.echo(idea_line(idea, themes, e.tr))

    @papp.command("idea", help=tr("cli.help.process_idea"))
    @friendly
    def idea_cmd(ctx: typer.Context, name: Annotated[str, name_arg],
                 entry: Annotated[int, entry_arg]) -> None:
        e = env(ctx)
        with open_process(e, name) as proc:
            for line in journey_lines(proc, proc.register.idea(entry), e.tr):
                typer.echo(line)

    @papp.command("update", help=tr("cli.help.process_update"))
    @friendly
    def update_cmd(
        ctx: typer.Context,
        name: Annotated[str, name_arg],
        entry: Annotated[int, entry_arg],
        status: Annotated[str | None, typer.Option("--status", help=tr("cli.opt.status"),
                                                   show_default=False)] = None,
        outcome: Annotated[str | None, typer.Option(
            "--outcome", help=tr("cli.opt.register_outcome"), show_default=False)] = None,
        owner: Annotated[str | None, typer.Option("--owner", help=tr("cli.opt.owner"),
                                                  show_default=False)] = None,
        owner_public: Annotated[bool | None, typer.Option(
            "--owner-public/--owner-private", help=tr("cli.opt.owner_public"),
            show_default=False)] = None,
        next_step: Annotated[str | None, typer.Option("--next", help=tr("cli.opt.next"),
                                                      show_default=False)] = None,
        due: Annotated[str | None, typer.Option("--due", help=tr("cli.opt.due"),
                                                show_default=False)] = None,
        note: Annotated[str | None, typer.Option("--note", help=tr("cli.opt.public_note"),
                                                 show_default=False)] = None,
        reason: Annotated[str | None, typer.Option("--reason", help=tr("cli.opt.reason"),
                                                   show_default=False)] = None,
    ) -> None:
        e = env(ctx)
        with open_process(e, name) as proc:
            row = proc.register.change(entry, status=status, outcome=outcome, owner=owner,
                                       owner_public=owner_public, next_step=next_step,
                                       due=due, note=note, reason=reason, actor="cli")
            e.say("cli.process.updated", id=row.id, status=e.tr("status." + row.status))

    @papp.command("link", help=tr("cli.help.process_link"))
    @friendly
    def link_cmd(
        ctx: typer.Context,
        name: Annotated[str, name_arg],
        entry: Annotated[int, entry_arg],
        into: Annotated[int, typer.Option("--into", help=tr("cli.opt.into"),
                                          show_default=False)],
    ) -> None:
        e = env(ctx)
        with open_process(e, name) as proc:
            row = proc.register.link(entry, into, actor="cli")
            e.say("cli.process.linked", id=row.id, into=row.linked_to)

    @papp.command("report", help=tr("cli.help.process_report"))
    @friendly
    def report_cmd(
        ctx: typer.Context,
        name: Annotated[str, name_arg],
        fmt: Annotated[str, typer.Option("--format", help=tr("cli.opt.report_format"))
                       ] = "all",
        output: Annotated[Path | None, typer.Option(
            "-o", "--output", help=tr("cli.opt.report_output"), show_default=False)] = None,
        url: Annotated[str, typer.Option("--url", help=tr("cli.opt.report_url"))] = "",
    ) -> None:
        from facilitator.export.process import ALL, FORMATS, write_reports

        e = env(ctx)
        formats = ALL if fmt == "all" else (fmt,)
        if fmt != "all" and fmt not in FORMATS:
            raise InvalidInput("error.bad_report_format", format=fmt,
                               known=", ".join(("all", *FORMATS)))
        url = url.strip()
        if url and not url.startswith(("https://", "http://")):
            raise InvalidInput("error.bad_report_url", url=url)
        with open_process(e, name) as proc:
            folder = output or e.settings.exports_dir / "processes" / proc.folder.name
            written = write_reports(proc, folder, formats, lang=e.settings.lang, url=url)
            e.say("cli.process.report_written", n=len(written), folder=str(folder))
            for path in written:
                typer.echo(str(path))
