"""Commands for making and running a workshop: templates, new, sessions, status, phase, demo."""


import datetime as dt
from typing import Annotated

import typer

from facilitator.cli.app import env, friendly
from facilitator.cli.process_cmds import open_process
from facilitator.core.demo import build_demo
from facilitator.core.limits import parse_date
from facilitator.core.templates import scan_templates, themes_from_titles
from facilitator.core.workshop import Workshop
from facilitator.errors import InvalidInput
from facilitator.i18n import Translator
from facilitator.kinds import IdeaStatus, VoteMethod
from facilitator.paths import shipped_templates_dir


def format_seconds(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


def status_lines(ws: Workshop, tr: Translator, limit: int = 10) -> list[str]:
    """The state of a workshop in a few lines: phase, timer, counts, the current ranking."""
    info = ws.info
    lines = [info.title + (f" — {info.place}" if info.place else "")
             + (f", {tr.date(info.date)}" if info.date else "")]
    lines.append(tr("cli.status.template", template=info.template_key, code=info.join_code))
    phases = ws.phases()
    current = ws.current()
    if ws.finished:
        lines.append(tr("cli.status.finished"))
    elif current is None:
        lines.append(tr("cli.status.not_started", first=tr.text(phases[0].spec.title)))
    else:
        timer = ws.timer()
        pos = phases.index(current) + 1
        left = ""
        if timer:
            key = "cli.status.overrun" if timer.overrun else "cli.status.left"
            left = tr(key, time=format_seconds(abs(timer.remaining_seconds)))
        lines.append(tr("cli.status.phase", n=pos, total=len(phases),
                        title=tr.text(current.spec.title), kind=tr(f"kind.{current.kind}"),
                        left=left))
    lines.append(tr("cli.status.people", phones=ws.participants.count(),
                    paper=info.paper_count, room=info.room_count))
    ideas = ws.ideas.all()
    counts = {s.value: sum(1 for i in ideas if i.status == s) for s in IdeaStatus}
    lines.append(tr("cli.status.ideas", total=len(ideas), **counts))
    if ws.questions.phases():
        q = ws.questions.counts()
        lines.append(tr("cli.status.questions", total=q["total"], answered=q["answered"],
                        hidden=q["hidden"], votes=q["votes"]))
    result_phase = ws.ballots.result_phase()
    if result_phase is not None:
        result = ws.ballots.result(result_phase.key)
        lines.append(tr("cli.status.ballots", phase=tr.text(result_phase.spec.title),
                        phone=result.tally.ballots_phone, paper=result.tally.ballots_paper,
                        revealed=tr("cli.status.revealed") if result.revealed else ""))
        themes = {t.key: tr.text(t.title) for t in ws.themes()}
        questions = {q.key: tr.text(q.text) for q in result.questions}
        for item in result.overall[:limit]:
            rank = f"{item.rank}." + ("=" if item.tied else "")
            if result.spec.method == VoteMethod.SCALE:
                score = tr.number(round(item.mean, 2)) if item.mean is not None else "-"
            else:
                score = str(item.phone + item.paper)
            label = questions.get(item.target, item.label)
            theme = f"  [{themes.get(item.theme, '')}]" if item.theme else ""
            idea = f"#{item.target} " if item.idea else ""
            lines.append(f"  {rank:>4} {score:>5}  {idea}{label}{theme}")
        if result.budget is not None:
            b = result.budget
            lines.append(tr("cli.status.budget", spent=tr.money(b.spent_cents),
                            budget=tr.money(b.budget_cents), left=tr.money(b.left_cents)))
    return lines


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("templates", help=tr("cli.help.templates"))
    @friendly
    def templates_cmd(ctx: typer.Context) -> None:
        e = env(ctx)
        entries = scan_templates(e.settings.template_dirs, shipped_templates_dir())
        if not entries:
            e.say("cli.templates.none")
            raise typer.Exit(1)
        for entry in entries:
            if entry.template is None:
                assert entry.error is not None
                typer.echo(f"  !  {entry.path.name}: {entry.error.message(e.tr)}")
                continue
            t = entry.template
            size = f" ({t.group_size[0]}–{t.group_size[1]})" if t.group_size else ""
            where = "" if entry.shipped else f"  [{entry.path}]"
            minutes = sum(p.minutes for p in t.phases)
            typer.echo(f"{t.key:<26}{e.tr.text(t.title)}{size}, "
                       f"{e.tr('cli.templates.phases', n=len(t.phases), minutes=minutes)}{where}")

    @app.command("new", help=tr("cli.help.new"))
    @friendly
    def new_cmd(
        ctx: typer.Context,
        template: Annotated[str, typer.Argument(help=tr("cli.arg.template"), show_default=False)],
        title: Annotated[str, typer.Option("--title", prompt=tr("cli.prompt.title"),
                                           help=tr("cli.opt.title"))],
        place: Annotated[str, typer.Option("--place", help=tr("cli.opt.place"))] = "",
        date: Annotated[str, typer.Option("--date", help=tr("cli.opt.date"),
                                          show_default=False)] = "",
        facilitator: Annotated[str, typer.Option("--facilitator",
                                                 help=tr("cli.opt.facilitator"))] = "",
        theme: Annotated[list[str] | None, typer.Option(
            "--theme", help=tr("cli.opt.theme"), show_default=False)] = None,
        workshop_lang: Annotated[str | None, typer.Option(
            "--workshop-lang", help=tr("cli.opt.workshop_lang"), show_default=False)] = None,
        process: Annotated[str | None, typer.Option(
            "--process", help=tr("cli.opt.process"), show_default=False)] = None,
        rules: Annotated[str | None, typer.Option(
            "--rules", help=tr("cli.opt.rules"), show_default=False)] = None,
    ) -> None:
        e = env(ctx)
        tpl = e.template(template)
        if rules is not None:
            tpl = tpl.with_rules(rules)
        themes = None
        if theme:
            themes = themes_from_titles(tpl, theme, workshop_lang or e.settings.lang)
            if not themes:
                raise InvalidInput("error.theme_required", known="-")
        date = parse_date(date) or dt.date.today().isoformat()
        lang = workshop_lang or e.settings.lang
        if process is not None:
            with open_process(e, process) as proc:
                path = e.settings.new_session_path(title, date, folder=proc.folder)
                ws = proc.new_workshop(path, tpl, title=title, place=place, date=date,
                                       lang=lang, facilitator=facilitator, themes=themes)
        else:
            path = e.settings.new_session_path(title, date)
            ws = Workshop.create(path, tpl, title=title, place=place, date=date, lang=lang,
                                 facilitator=facilitator, themes=themes)
        with ws:
            e.say("cli.new.created", title=ws.info.title, path=str(path), code=ws.join_code)
            if process is not None and ws.ideas.all():
                e.say("cli.new.seeded", n=len(ws.ideas.all()))
            typer.echo(str(path))

    @app.command("sessions", help=tr("cli.help.sessions"))
    @friendly
    def sessions_cmd(ctx: typer.Context) -> None:
        e = env(ctx)
        paths = e.settings.list_sessions()
        if not paths:
            e.say("cli.sessions.none", folder=str(e.settings.sessions_dir))
            return
        for path in paths:
            try:
                with Workshop.open(path) as ws:
                    info = ws.info
                    current = ws.current()
                    state = (e.tr("cli.sessions.finished") if ws.finished else
                             e.tr.text(current.spec.title) if current else
                             e.tr("cli.sessions.not_started"))
                    typer.echo(f"{path.stem:<40}{info.title} · {e.tr.date(info.date)} · {state}")
            except Exception as exc:  # one broken file must not hide the others
                msg = exc.message(e.tr) if hasattr(exc, "message") else str(exc)
                typer.echo(f"{path.stem:<40}!  {msg}")

    @app.command("status", help=tr("cli.help.status"))
    @friendly
    def status_cmd(
        ctx: typer.Context,
        session: Annotated[str, typer.Argument(help=tr("cli.arg.session"), show_default=False)],
    ) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            for line in status_lines(ws, e.tr):
                typer.echo(line)

    @app.command("phase", help=tr("cli.help.phase"))
    @friendly
    def phase_cmd(
        ctx: typer.Context,
        session: Annotated[str, typer.Argument(help=tr("cli.arg.session"), show_default=False)],
        to: Annotated[str, typer.Argument(help=tr("cli.arg.phase_to"), show_default=False)],
    ) -> None:
        e = env(ctx)
        with e.open(session) as ws:
            if to == "next":
                phase = ws.next()
            elif to in ("prev", "previous"):
                phase = ws.prev()
            elif to == "start":
                phase = ws.start()
            elif to == "finish":
                ws.finish()
                phase = None
            else:
                phase = ws.goto(to)
            if phase is None:
                e.say("cli.phase.finished")
                return
            phases = ws.phases()
            e.say("cli.phase.now", n=phases.index(ws.phase(phase.key)) + 1, total=len(phases),
                  key=phase.key, title=e.tr.text(phase.spec.title),
                  kind=e.tr(f"kind.{phase.kind}"), minutes=phase.minutes)

    @app.command("demo", help=tr("cli.help.demo"))
    @friendly
    def demo_cmd(
        ctx: typer.Context,
        reset: Annotated[bool, typer.Option("--reset", help=tr("cli.opt.reset"))] = False,
    ) -> None:
        e = env(ctx)
        path = e.settings.sessions_dir / "demo.db"
        if path.exists() and not reset:
            e.say("cli.demo.exists", path=str(path))
            typer.echo(str(path))
            return
        if reset:
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        with build_demo(path, e.template("palvelupaja")) as ws:
            e.say("cli.demo.created", path=str(path), ideas=len(ws.ideas.all()),
                  phones=ws.participants.count())
            typer.echo(str(path))
