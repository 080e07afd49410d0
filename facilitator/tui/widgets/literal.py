"""Text reaches the facilitator's screen exactly as it was typed, never as Textual markup.

A participant's idea `[/]` is three characters, not a closing tag that ends the app;
`[@click=app.quit]x[/]` is text, not an action. The same holds for theme names, notes,
workshop titles and a facilitator's own template texts.

The rule lives here, once: every module in tui/ takes its text-showing widgets from this
module instead of from `textual.widgets` (tests/tui/test_literal.py fails otherwise), so a
new screen cannot forget it. Styled text is built as `rich.text.Text` or `Content`
objects, which are literal by construction; plain strings are never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import widgets as _textual
from textual.content import Content
from textual.markup import escape
from textual.widgets.option_list import Option

__all__ = ["Button", "Checkbox", "DataTable", "Label", "Option", "OptionList", "Select",
           "Static", "escape_markup", "literal"]


def literal(text: object) -> Text:
    """`text` as a renderable that shows every character as it is (str → Text)."""
    if isinstance(text, Text | Content):
        return text  # type: ignore[return-value]  # already literal
    return Text(str(text))


def escape_markup(text: str) -> str:
    """For the few Textual APIs that only take markup strings (the command palette)."""
    return escape(text)


class Static(_textual.Static):
    """A `Static` whose strings are shown as typed."""

    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Label(_textual.Label):
    """A `Label` whose strings are shown as typed."""

    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Button(_textual.Button):
    """A `Button` whose label is shown as typed (Textual parses a str label as markup)."""

    def __init__(self, label: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(None if label is None else _content(label), *args, **kwargs)

    def validate_label(self, label: Any) -> Content:
        return _content(label)


class Checkbox(_textual.Checkbox):
    """A `Checkbox` whose label is shown as typed."""

    def __init__(self, label: Any = "", value: bool = False, **kwargs: Any) -> None:
        super().__init__(_content(label), value, **kwargs)


class OptionList(_textual.OptionList):
    """An `OptionList` whose string prompts are shown as typed."""

    def __init__(self, *content: Any, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(*content, markup=markup, **kwargs)


class Select(_textual.Select[Any]):
    """A `Select` whose option labels are shown as typed."""

    def __init__(self, options: Iterable[tuple[Any, Any]], **kwargs: Any) -> None:
        super().__init__([(literal(label), value) for label, value in options], **kwargs)

    def set_options(self, options: Iterable[tuple[Any, Any]]) -> None:
        super().set_options([(literal(label), value) for label, value in options])


class DataTable(_textual.DataTable[Any]):
    """A `DataTable` whose string cells and column labels are shown as typed.

    Textual's default cell formatter parses every str cell as markup.
    """

    def add_column(self, label: Any, *args: Any, **kwargs: Any) -> Any:
        return super().add_column(literal(label), *args, **kwargs)

    def add_columns(self, *labels: Any) -> list[Any]:
        return [self.add_column(label) for label in labels]

    def add_row(self, *cells: Any, **kwargs: Any) -> Any:
        return super().add_row(*(_cell(c) for c in cells), **kwargs)

    def update_cell(self, row_key: Any, column_key: Any, value: Any, **kwargs: Any) -> None:
        super().update_cell(row_key, column_key, _cell(value), **kwargs)

    def update_cell_at(self, coordinate: Any, value: Any, **kwargs: Any) -> None:
        super().update_cell_at(coordinate, _cell(value), **kwargs)


def _content(label: Any) -> Content:
    if isinstance(label, Content):
        return label
    return Content.from_rich_text(label) if isinstance(label, Text) else Content(str(label))


def _cell(value: Any) -> Any:
    return Text(value) if isinstance(value, str) else value
