"""The Textual app: which workshop (or process) is open, the live refresh, the server child,
themes, commands."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from facilitator.core.clock import Clock, utcnow
from facilitator.core.duplicates import DuplicateIndex
from facilitator.core.process import Process
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError, StoreError
from facilitator.i18n import Translator
from facilitator.paths import Settings
from facilitator.qr import join_url
from facilitator.tui.keys import translate_bindings
from facilitator.tui.supervisor import OFF, STARTING, ServerState, ServerSupervisor
from facilitator.tui.themes import DARK, LIGHT, THEMES
from facilitator.tui.widgets.literal import escape_markup

#: Builds the supervisor for a session file and its join code (None: no server).
ServerFactory = Callable[[Path, str], ServerSupervisor]


class FacilitatorApp(App[None]):
    CSS_PATH = "facilitator.tcss"
    TITLE = "facilitator"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "tui.key.quit", priority=True),
        Binding("f2", "toggle_theme", "tui.key.theme", show=False),
    ]

    #: Bumped whenever the session file changed (here or in the server): screens re-read.
    revision: reactive[int] = reactive(0, init=False)
    server_state: reactive[ServerState] = reactive(ServerState(OFF), init=False)

    def __init__(self, settings: Settings, *, session: Path | None = None,
                 base_url: str = "http://127.0.0.1:8000", reachable: bool = True,
                 server_factory: ServerFactory | None = None, clock: Clock = utcnow,
                 poll_interval: float = 0.25, server_interval: float = 1.0,
                 theme: str = DARK.name) -> None:
        super().__init__()
        self.settings = settings
        self.tr = Translator(settings.lang)
        self.session_path = session
        self.base_url = base_url
        self.reachable = reachable
        self.server_factory = server_factory
        self.clock = clock
        self.poll_interval = poll_interval
        self.server_interval = server_interval
        self.initial_theme = theme
        self.ws: Workshop | None = None
        #: The open workshop's ideas and their likely duplicates, kept between refreshes
        #: (and between visits to the moderation screen): a new idea is one comparison each.
        self.duplicates: DuplicateIndex = DuplicateIndex()
        #: The process whose register is being worked (its screen is open); no server child.
        self.proc: Process | None = None
        self.server: ServerSupervisor | None = None
        self._data_version: int | None = None
        self._stopping: threading.Thread | None = None
        translate_bindings(self, self.tr)

    # -- the open workshop -----------------------------------------------------------
    @property
    def workshop(self) -> Workshop:
        assert self.ws is not None, "no workshop is open"
        return self.ws

    @property
    def process(self) -> Process:
        assert self.proc is not None, "no process is open"
        return self.proc

    @property
    def join_url(self) -> str:
        return join_url(self.base_url, self.workshop.join_code)

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self.initial_theme
        self.set_interval(self.poll_interval, self.poll_session)
        self.set_interval(self.server_interval, self.check_server)
        if self.session_path is not None:
            self.open_session(self.session_path)
        else:
            self.show_start()

    def show_start(self) -> None:
        from facilitator.tui.screens.start import StartScreen

        self.push_screen(StartScreen())

    def open_session(self, path: Path) -> bool:
        """Open a session file and show its run screen; False (and a notice) if it cannot."""
        from facilitator.tui.screens.run import RunScreen

        try:
            ws = Workshop.open(path, self.clock)
        except FacilitatorError as exc:
            self.notify(exc.message(self.tr), severity="error", timeout=10)
            if not any(s.id == "start" for s in self.screen_stack):
                self.show_start()
            return False
        self.close_session()
        self.ws = ws
        self.duplicates = DuplicateIndex(ws.info.lang)
        self.session_path = path
        self._data_version = ws.store.data_version()
        self.sub_title = ws.info.title
        self.server_state = ServerState(OFF)
        if self.server_factory is not None:
            self.server = self.server_factory(path, ws.join_code)
            self.server_state = ServerState(STARTING)
            self.run_worker(partial(self._server_work, self.server, start=True), thread=True,
                            group="server", exit_on_error=False)
        self.push_screen(RunScreen())
        return True

    def close_session(self) -> None:
        self.stop_server()
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    def open_process(self, folder: Path) -> bool:
        """Open a process folder and show its screen; False (and a notice) if it cannot."""
        from facilitator.tui.screens.process import ProcessScreen

        try:
            proc = Process.open(folder, self.clock)
        except FacilitatorError as exc:
            self.notify(exc.message(self.tr), severity="error", timeout=10)
            return False
        self.close_process()
        self.proc = proc
        self.push_screen(ProcessScreen())
        return True

    def close_process(self) -> None:
        if self.proc is not None:
            self.proc.close()
            self.proc = None

    def leave_session(self) -> None:
        """Back to the process screen it was opened from, or to the start screen (the
        workshop stays where it is in its file)."""
        self.close_session()
        ids = [s.id for s in self.screen_stack]
        home = "process" if "process" in ids else "start" if "start" in ids else None
        if home is not None:
            while self.screen.id != home:
                self.pop_screen()
        else:
            self.switch_screen(self._start_screen())

    def _start_screen(self) -> Screen[None]:
        from facilitator.tui.screens.start import StartScreen

        return StartScreen()

    def bump(self) -> None:
        """Something in the session changed from this process: re-read the live views."""
        if self.ws is not None:
            self._data_version = self.ws.store.data_version()
        self.revision += 1

    def poll_session(self) -> None:
        """Notice commits from the participant server (another connection) within a second."""
        if self.ws is None:
            return
        try:
            version = self.ws.store.data_version()
        except StoreError:
            return
        if version != self._data_version:
            self._data_version = version
            self.revision += 1

    # -- the server child --------------------------------------------------------------
    def check_server(self) -> None:
        if self.server is not None:
            self.run_worker(partial(self._server_work, self.server), thread=True,
                            group="server", exit_on_error=False)

    def _server_work(self, server: ServerSupervisor, start: bool = False) -> None:
        """In a thread: starting and health checks wait on the network, the screen does not."""
        stopping = self._stopping
        if start and stopping is not None:
            stopping.join()  # the previous workshop's server must let go of the port first
        state = server.start() if start else server.check()
        self.call_from_thread(self._set_server_state, server, state)

    def _set_server_state(self, server: ServerSupervisor, state: ServerState) -> None:
        if server is self.server:
            self.server_state = state

    def stop_server(self) -> None:
        """Stop the child off the UI thread: terminating and waiting may take seconds.

        The next start (another workshop on the same port) waits for this stop to finish,
        in its own worker thread; quitting waits for it too (a non-daemon thread).
        """
        server, self.server = self.server, None
        self.server_state = ServerState(OFF)
        if server is not None:
            self._stopping = threading.Thread(target=server.stop, name="server-stop")
            self._stopping.start()

    async def action_quit(self) -> None:
        """Save what is typed but not yet saved (summary fields), then close everything."""
        self.save_pending()
        self.exit()

    def save_pending(self) -> None:
        for screen in self.screen_stack:
            save = getattr(screen, "save_pending", None)
            if save is not None and self.ws is not None:
                save()

    def on_unmount(self) -> None:
        self.close_session()
        self.close_process()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every toast shows its words as typed: a notice may quote an idea or a title."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- commands ---------------------------------------------------------------------
    def action_help_quit(self) -> None:
        """Ctrl+C out of habit: say how to quit, in the UI language (Textual's own is English)."""
        self.notify(self.tr("tui.quit_hint"), title=self.tr("tui.quit_title"))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=self.tr("tui.palette.placeholder"),
                                            id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the screen (its key bindings) and of the app, in the UI language."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            if binding.action in ("command_palette", "quit"):
                continue
            seen.add(binding.action)
            yield _command(binding.description, binding.tooltip or self._key_help(binding),
                           partial(self.run_action, binding.action, active.node))
        yield _command(self.tr("tui.key.theme"), self.tr("tui.palette.theme_help"),
                       self.action_toggle_theme)
        yield _command(self.tr("tui.palette.keys"), self.tr("tui.palette.keys_help"),
                       self.action_show_help_panel)
        yield _command(self.tr("tui.key.quit"), self.tr("tui.palette.quit_help"),
                       self.action_quit)

    def _key_help(self, binding: Binding) -> str:
        return self.tr("tui.palette.key", key=self.get_key_display(binding))


def _command(title: str, help_text: str, callback: Callable[[], object]) -> SystemCommand:
    """A palette entry; the palette reads its strings as markup, so they are escaped."""
    return SystemCommand(escape_markup(title), escape_markup(help_text), callback)
