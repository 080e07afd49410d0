"""Workshop templates: the model (`model`), reading and checking a TOML file (`validation`),
and the library of template files in folders (`catalog`).

The names are re-exported here because the edges and the tests know templates
by this one path.
"""

from facilitator.core.templates.catalog import (
    TemplateEntry,
    find_template,
    scan_templates,
    themes_from_titles,
)
from facilitator.core.templates.model import (
    BALLOT_KINDS,
    IDEA_KINDS,
    INSIGHT_KINDS,
    LANG_KEYS,
    MAX_MINUTES,
    PHASE_KINDS,
    VOTE_METHODS,
    GroundRules,
    PhaseSpec,
    Question,
    SummaryField,
    Template,
    Text,
    ThemeSpec,
    VoteSpec,
)
from facilitator.core.templates.validation import (
    fill_vote_numbers,
    load_template,
    template_from_dict,
)

__all__ = [
    "BALLOT_KINDS", "IDEA_KINDS", "INSIGHT_KINDS", "LANG_KEYS", "MAX_MINUTES", "PHASE_KINDS",
    "VOTE_METHODS", "GroundRules", "PhaseSpec", "Question", "SummaryField", "Template",
    "TemplateEntry", "Text", "ThemeSpec", "VoteSpec", "fill_vote_numbers", "find_template",
    "load_template", "scan_templates", "template_from_dict", "themes_from_titles",
]
