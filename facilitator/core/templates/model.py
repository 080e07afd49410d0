"""The workshop template as typed objects: phases, votes, themes, ground rules, summary fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from facilitator.kinds import (
    BALLOT_KINDS,
    IDEA_KINDS,
    INSIGHT_KINDS,
    QUESTION_KINDS,
    PhaseKind,
    VoteMethod,
)

PHASE_KINDS = tuple(PhaseKind)
VOTE_METHODS = tuple(VoteMethod)
LANG_KEYS = ("fi", "sv", "en")
MAX_MINUTES = 600
#: How many places of each theme the results single out when the template does not say.
DEFAULT_TOP_PER_THEME = 3

Text = Mapping[str, str]


@dataclass(frozen=True)
class VoteSpec:
    """How one vote phase is voted: the method and its parameters."""

    method: VoteMethod
    dots: int = 0                # dots: dots per person
    per_idea: int = 0            # dots: at most this many on one idea
    max_choices: int | None = None  # approval/budget: at most this many ideas
    budget_cents: int = 0        # budget: money to share
    scale_min: int = 1           # scale
    scale_max: int = 5
    themes: tuple[str, ...] = ()  # only ideas of these themes (empty: all themes)
    top_per_theme: int = DEFAULT_TOP_PER_THEME  # places of each theme the results single out


@dataclass(frozen=True)
class Question:
    key: str
    text: Text


@dataclass(frozen=True)
class PhaseSpec:
    key: str
    kind: PhaseKind
    minutes: int
    title: Text
    script: Text = field(default_factory=dict)
    prompt: Text = field(default_factory=dict)
    vote: VoteSpec | None = None
    themes: tuple[str, ...] = ()   # ideas phase: only these themes (empty: all)
    show_others: bool = False      # ideas phase: phones see others' ideas
    insights: bool = False         # dialogue/round: phones may send anonymous insights
    show_rules: bool = False       # phones show the ground rules in this phase
    questions: tuple[Question, ...] = ()  # feedback: what the scale rates
    top: int = 3                   # decide: how many top ideas per theme to take forward

    @property
    def accepts_ideas(self) -> bool:
        return self.kind in IDEA_KINDS

    @property
    def accepts_insights(self) -> bool:
        return self.kind in INSIGHT_KINDS and self.insights

    @property
    def accepts_ballots(self) -> bool:
        return self.kind in BALLOT_KINDS

    @property
    def accepts_questions(self) -> bool:
        return self.kind in QUESTION_KINDS


@dataclass(frozen=True)
class ThemeSpec:
    key: str
    title: Text
    question: Text = field(default_factory=dict)


@dataclass(frozen=True)
class GroundRules:
    version: str
    rules: Mapping[str, tuple[str, ...]]   # language → the rules in order
    source: str = ""
    #: Said on the card under the rules, e.g. that a language's wording is our translation.
    note: Text = field(default_factory=dict)


@dataclass(frozen=True)
class SummaryField:
    key: str
    title: Text
    help: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    key: str
    title: Text
    description: Text
    phases: tuple[PhaseSpec, ...]
    themes: tuple[ThemeSpec, ...] = ()
    group_size: tuple[int, int] | None = None
    ground_rules: tuple[GroundRules, ...] = ()
    summary_fields: tuple[SummaryField, ...] = ()
    source: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def phase(self, key: str) -> PhaseSpec | None:
        return next((p for p in self.phases if p.key == key), None)

    @property
    def has_votes(self) -> bool:
        return any(p.kind == PhaseKind.VOTE for p in self.phases)

    @property
    def rules(self) -> GroundRules | None:
        """The current ground rules: the first version listed."""
        return self.ground_rules[0] if self.ground_rules else None

    def with_rules(self, version: str) -> Template:
        """This template with the ground rules of `version` in use (listed first)."""
        from facilitator.core.templates.validation import template_from_dict
        from facilitator.errors import NotFound

        raw = dict(self.raw)
        listed = list(raw.get("ground_rules", []))
        chosen = [r for r in listed if str(r.get("version")) == str(version)]
        if not chosen:
            raise NotFound("error.unknown_rules", version=version,
                           known=", ".join(g.version for g in self.ground_rules) or "-")
        raw["ground_rules"] = chosen + [r for r in listed if r not in chosen]
        return template_from_dict(raw, source=self.source)
