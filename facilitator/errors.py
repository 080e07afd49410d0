"""The one exception family whose messages are shown to people, in their language."""

from __future__ import annotations

from typing import Any


class FacilitatorError(Exception):
    """An error with a message for the person at the keyboard or the phone.

    It carries a catalog key and its parameters, not a sentence: the edge that
    shows it (CLI, TUI, phone page) translates it into the reader's language.
    Every message says what happened and what to do next.
    """

    #: HTTP status the participant server answers with.
    status = 400

    def __init__(self, key: str, /, *, field: str | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        #: The form field the refusal belongs to (a phone page shows it there), or None.
        self.field = field

    def on_field(self, field: str) -> FacilitatorError:
        """The same refusal, said about one form field (for errors raised by a shared check)."""
        self.field = field
        return self

    def message(self, tr: Any) -> str:
        """The sentence in the language of the translator `tr` (an i18n.Translator)."""
        params = {
            k: (tr(v.key, **v.params) if isinstance(v, Expected) else v)
            for k, v in self.params.items()
        }
        return str(tr(self.key, **params))

    def __str__(self) -> str:  # useful in logs and test failures
        return f"{self.key} {self.params}" if self.params else self.key


class Expected:
    """A translatable phrase used as a parameter of another message."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def __repr__(self) -> str:
        return f"Expected({self.key!r}, {self.params!r})"


class NotFound(FacilitatorError):
    status = 404


class InvalidInput(FacilitatorError):
    status = 400


class Closed(FacilitatorError):
    """The action is fine, but not now: the phase or the workshop is not open for it."""

    status = 409


class TooMany(FacilitatorError):
    status = 429


class TemplateError(FacilitatorError):
    """A workshop template that cannot be used: names the file, the key and what is expected."""

    def __init__(self, file: str, key: str, expected: Expected) -> None:
        super().__init__("error.template_invalid", file=file, key=key, expected=expected)
        self.file = file
        self.template_key = key
        self.expected = expected


# -- the session file's own failures (raised by facilitator.store, caught at the edges) ------

class StoreError(FacilitatorError):
    """The session file could not be used as asked: not a session, too new, or one below."""


class StoreBusy(StoreError):
    """Another program holds the file's write lock for longer than the busy timeout."""

    status = 503


class StoreRefused(StoreError):
    """The file's own rules (a constraint, the append-only log) refused a change."""

    status = 500


class StoreFailed(StoreError):
    """Reading or writing the file failed (disk full, read-only, damaged, I/O)."""

    status = 503
