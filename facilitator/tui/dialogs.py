"""Small dialogs: confirm, type one value, pick one item. Keyboard only; Escape cancels.

A dialog that saves something gets a `save` callback that calls core/ and
returns an error sentence (or None): on a refusal the dialog stays open with
what was typed, and says why next to the field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from facilitator.core.voting import suggest_per_idea
from facilitator.tui.screens.base import FacilitatorModal
from facilitator.tui.widgets.entry import EntryLine
from facilitator.tui.widgets.literal import Button, Label, Option, OptionList, Static

#: Saves a typed value: None when saved, else the sentence saying what is wrong.
Saver = Callable[[str], "str | None"]


class ConfirmDialog(FacilitatorModal[bool]):
    """Yes or no. `y` says yes, `n` or Escape says no; Enter presses the focused button,
    which is yes unless `default_yes=False` (for a step that is hard to take back)."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "tui.key.cancel"),
        Binding("y", "answer(True)", "tui.key.confirm", show=False),
    ]

    def __init__(self, title: str, body: str, yes: str, no: str | None = None, *,
                 default_yes: bool = True) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.body, self.yes, self.no = title, body, yes, no
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="warning", id="yes")
                yield Button(self.no or self.tr("tui.dialog.cancel"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class TextPrompt(FacilitatorModal[str | None]):
    """One line of text; Enter saves through `save`, which may refuse with a reason."""

    BINDINGS = [Binding("escape", "cancel", "tui.key.cancel")]

    def __init__(self, title: str, label: str, *, value: str = "", note: str = "",
                 save: Saver | None = None, placeholder: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text, self.label, self.value = title, label, value
        self.note, self.save, self.placeholder = note, save, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="dialog-note")
            yield Label(self.label, classes="field-label")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value
        if self.save is not None:
            error = self.save(value)
            if error:
                self.query_one("#prompt-error", Static).update(error)
                return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(FacilitatorModal[str | None]):
    """Pick one item: type to narrow the list, ↑↓ to move, Enter to choose."""

    BINDINGS = [Binding("escape", "cancel", "tui.key.cancel")]

    def __init__(self, title: str, options: Sequence[tuple[str, str]], *, note: str = "",
                 current: str | None = None) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.options, self.note, self.current = title, options, note, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box choice-box"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="dialog-note")
            yield EntryLine(placeholder=self.tr("tui.dialog.filter"), id="choice-filter")
            yield OptionList(id="choice-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(EntryLine).focus()

    def _fill(self, needle: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        needle = needle.casefold().strip()
        options.add_options([Option(label, id=key) for key, label in self.options
                             if needle in label.casefold()])
        if options.option_count:
            options.highlighted = 0
            for i in range(options.option_count):
                if options.get_option_at_index(i).id == self.current:
                    options.highlighted = i

    @on(Input.Changed, "#choice-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(EntryLine.Step)
    def _step(self, event: EntryLine.Step) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + event.delta))

    @on(Input.Submitted, "#choice-filter")
    def _choose_highlighted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PeopleDialog(FacilitatorModal[bool]):
    """How many are in the room and how many took part on paper, as the facilitator counted."""

    BINDINGS = [Binding("escape", "cancel", "tui.key.cancel")]

    def __init__(self, room: int, paper: int, save: Callable[[str, str], str | None]) -> None:
        super().__init__(classes="dialog")
        self.room, self.paper, self.save = room, paper, save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.tr("tui.people.title"), classes="dialog-title")
            yield Static(self.tr("tui.people.note"), classes="dialog-note")
            yield Label(self.tr("tui.people.room"), classes="field-label")
            yield Input(str(self.room), id="people-room", type="integer")
            yield Label(self.tr("tui.people.paper"), classes="field-label")
            yield Input(str(self.paper), id="people-paper", type="integer")
            yield Static("", id="people-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#people-room", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "people-room":
            self.query_one("#people-paper", Input).focus()
            return
        error = self.save(self.query_one("#people-room", Input).value,
                          self.query_one("#people-paper", Input).value)
        if error:
            self.query_one("#people-error", Static).update(error)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class DotsDialog(FacilitatorModal[bool]):
    """A dots vote's numbers before its first ballot: the template's, a suggestion from
    the ideas on the ballot, and two fields to change them. Escape keeps them as they are."""

    BINDINGS = [Binding("escape", "cancel", "tui.key.cancel"),
                Binding("ctrl+s", "suggest", "tui.key.dots_suggest")]

    def __init__(self, title: str, note: str, dots: int, per_idea: int, suggested: int,
                 save: Callable[[str, str], str | None]) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.note = title, note
        self.dots, self.per_idea, self.suggested, self.save = dots, per_idea, suggested, save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.note, classes="dialog-note", id="dots-note")
            yield Label(self.tr("tui.dots.dots"), classes="field-label")
            yield Input(str(self.dots), id="dots-dots", type="integer")
            yield Label(self.tr("tui.dots.per_idea"), classes="field-label")
            yield Input(str(self.per_idea), id="dots-per-idea", type="integer")
            yield Static("", id="dots-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#dots-dots", Input).focus()

    def action_suggest(self) -> None:
        """The suggestion into the fields: its dots, at most half of them on one idea."""
        self.query_one("#dots-dots", Input).value = str(self.suggested)
        self.query_one("#dots-per-idea", Input).value = str(suggest_per_idea(self.suggested))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "dots-dots":
            self.query_one("#dots-per-idea", Input).focus()
            return
        error = self.save(self.query_one("#dots-dots", Input).value,
                          self.query_one("#dots-per-idea", Input).value)
        if error:
            self.query_one("#dots-error", Static).update(error)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
