"""The one rule for text on the facilitator's screen: widgets come from tui/widgets/literal.py.

Textual parses plain strings as markup in Static, Label, Button, DataTable cells,
OptionList and Select prompts. A module of tui/ that took one of those from Textual directly
would show a participant's `[/]` as markup again, so this test reads every module's imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

from rich.text import Text

from facilitator.tui.widgets import literal

TUI = Path(literal.__file__).resolve().parents[1]
#: Textual's widgets that read a str as markup: only literal.py may import them.
MARKUP_WIDGETS = {"Static", "Label", "Button", "DataTable", "OptionList", "Select", "Option",
                  "Markdown", "RichLog", "Log", "Tree", "ListItem", "Tabs", "TabbedContent",
                  "SelectionList", "RadioButton", "Checkbox", "Switch", "Collapsible", "Link"}


def imported_markup_widgets(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual.widgets"):
            found |= {a.name for a in node.names} & MARKUP_WIDGETS
        if isinstance(node, ast.Attribute) and node.attr in MARKUP_WIDGETS and isinstance(
                node.value, ast.Name) and node.value.id in {"widgets", "_textual"}:
            found.add(node.attr)
        if isinstance(node, ast.Call) and any(
                k.arg == "markup" and not (isinstance(k.value, ast.Constant) and k.value.value
                                           is False) for k in node.keywords):
            found.add("markup=True")
        if isinstance(node, ast.Attribute) and node.attr == "from_markup":
            found.add("from_markup")
    return found


def test_no_module_takes_a_markup_widget_from_textual() -> None:
    offenders = {str(p.relative_to(TUI)): imported_markup_widgets(p)
                 for p in TUI.rglob("*.py") if p.name != "literal.py"}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_would_see_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from textual.widgets import Footer, Static\nx = Text.from_markup('[b]')\n"
                   "y = Label('x', markup=True)\n")
    assert imported_markup_widgets(bad) == {"Static", "from_markup", "markup=True"}


def test_literal_widgets_keep_every_character() -> None:
    for text in ["[/]", "[@click=app.quit]x[/]", "[bold]b", ":smile:"]:
        assert literal.literal(text).plain == text
        assert literal.Static(text)._render_markup is False
        assert literal.Label(text)._render_markup is False
        assert literal.Button(text).label.plain == text
    assert isinstance(literal.literal(Text("x")), Text)
