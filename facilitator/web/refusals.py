"""The participant server's own refusals, each with its HTTP status (core's are in errors.py)."""

from __future__ import annotations

from facilitator.errors import FacilitatorError, NotFound


class WrongCode(NotFound):
    """A code that is not this workshop's (mistyped, or from an old poster)."""


class Forbidden(FacilitatorError):
    """A post without this phone's token, from another site, or /wall from the wifi."""

    status = 403


class TooLarge(FacilitatorError):
    status = 413


class UnsupportedForm(FacilitatorError):
    status = 415


class Busy(FacilitatorError):
    """The session file could not be written just now (locked for long, disk trouble)."""

    status = 503


class Gone(FacilitatorError):
    """The phone went away while its post was being read: no one is left to answer."""

    status = 400


class Throttled(FacilitatorError):
    """A phone refused for posting too fast that keeps posting without waiting (a script):
    its answer is a few lines of HTML built without a template or a read."""

    status = 429

    def __init__(self, refusal: FacilitatorError, lang: str, code: str) -> None:
        super().__init__(refusal.key, **refusal.params)
        self.lang, self.code = lang, code
