"""Key bindings whose descriptions come from the language catalog.

Bindings are declared on classes with catalog keys as descriptions
(`"tui.key.next_phase"`); the language is only known when the app runs, so
each screen swaps in translated copies when it is created.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from facilitator.i18n import Translator

#: Textual's own bindings whose words we say in the UI language.
TEXTUAL_ACTIONS = {"command_palette": "tui.key.palette"}


def _translated(binding: Binding, tr: Translator) -> Binding:
    desc = TEXTUAL_ACTIONS.get(binding.action, binding.description)
    tip = binding.tooltip
    return replace(binding,
                   description=tr(desc) if desc.startswith("tui.") else desc,
                   tooltip=tr(tip) if tip.startswith("tui.") else tip)


def translate_bindings(node: DOMNode, tr: Translator) -> None:
    """Replace the node's binding descriptions (catalog keys) with sentences in `tr`'s language."""
    node._bindings = BindingsMap.from_keys({
        key: [_translated(b, tr) for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    })
