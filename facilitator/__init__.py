"""facilitator: an offline toolkit for participation workshops in Finnish municipalities."""

__version__ = "0.1.0"
