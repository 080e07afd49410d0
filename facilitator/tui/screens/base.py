"""What every screen and dialog shares: the translator, the open workshop, errors shown kindly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.screen import ModalScreen, Screen

from facilitator.errors import FacilitatorError, StoreError
from facilitator.i18n import Translator
from facilitator.tui.keys import translate_bindings

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop
    from facilitator.tui.app import FacilitatorApp

T = TypeVar("T")
R = TypeVar("R")


def date_for_input(iso: str, lang: str) -> str:
    """An ISO date as a facilitator would type it back: 22.11.2026 (fi, sv), ISO in English."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return day.isoformat() if lang == "en" else f"{day.day}.{day.month}.{day.year}"


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """What `attempt` got back: whether core/ agreed, and what it returned."""

    ok: bool
    value: R | None = None

    def __bool__(self) -> bool:
        return self.ok


class Shared:
    """Mixin for screens: `self.tr`, `self.ws`, and `attempt()` for calls into core/."""

    app: Any
    notify: Callable[..., Any]  # from the Screen it is mixed into

    @property
    def fapp(self) -> FacilitatorApp:
        return self.app  # type: ignore[no-any-return]

    @property
    def tr(self) -> Translator:
        return self.fapp.tr

    @property
    def ws(self) -> Workshop:
        return self.fapp.workshop

    def error_text(self, exc: FacilitatorError) -> str:
        return exc.message(self.tr)

    def attempt(self, func: Callable[..., R], *args: Any, done: str | None = None,
                **kwargs: Any) -> Outcome[R]:
        """Call into core/; a refusal becomes a notice (never a traceback).

        On success the live views are refreshed and `done` (a sentence) is shown.
        """
        try:
            result = func(*args, **kwargs)
        except FacilitatorError as exc:
            self.notify(self.error_text(exc), severity="error", timeout=8)
            return Outcome(False)
        self.fapp.bump()
        if done:
            self.notify(done, timeout=4)
        return Outcome(True, result)

    def refusal(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> str | None:
        """Call into core/ for a dialog: None when done, else the sentence saying why not."""
        try:
            func(*args, **kwargs)
        except FacilitatorError as exc:
            return self.error_text(exc)
        self.fapp.bump()
        return None


class FacilitatorScreen(Shared, Screen[T]):
    """A full screen that re-reads the session when it changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self, self.app.tr)

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self._revised, init=False)

    def _revised(self) -> None:
        if self.fapp.ws is not None and self.is_mounted:
            try:
                self.refresh_data()
            except StoreError:  # a busy moment in the file: the next change reads again
                return

    def refresh_data(self) -> None:
        """Re-read what this screen shows from the session (override)."""


class FacilitatorModal(Shared, ModalScreen[T]):
    """A dialog over a screen; Escape cancels."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self, self.app.tr)
