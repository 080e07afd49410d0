"""Reading a template: TOML into the model, every problem a `TemplateError`.

A template is data a facilitator can copy and edit in a text editor. Every
problem becomes a `TemplateError` naming the file, the key and what is
expected; nothing here raises a bare exception on a bad file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from facilitator.core.templates.model import (
    DEFAULT_TOP_PER_THEME,
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
from facilitator.errors import Expected, TemplateError
from facilitator.kinds import PhaseKind, VoteMethod


def load_template(path: Path) -> Template:
    """Read and validate one template file."""
    name = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(name, f"line {_toml_line(exc)}",
                            Expected("expected.toml_syntax", detail=str(exc))) from exc
    except UnicodeDecodeError as exc:
        raise TemplateError(name, "-", Expected("expected.utf8")) from exc
    except OSError as exc:
        raise TemplateError(name, "-", Expected("expected.readable_file")) from exc
    return template_from_dict(raw, source=name)


def _toml_line(exc: tomllib.TOMLDecodeError) -> str:
    msg = str(exc)
    if "(at line " in msg:
        return msg.split("(at line ", 1)[1].split(",", 1)[0]
    return "?"


def template_from_dict(raw: Mapping[str, Any], source: str = "") -> Template:
    """Validate a parsed template (also the frozen copy kept in a session file)."""
    v = _Validator(source)
    key = v.string(raw, "key", "key", pattern_key=True)
    title = v.text(raw, "title", "title", required=True)
    description = v.text(raw, "description", "description")
    group_size = None
    if "group_size" in raw:
        gs = raw["group_size"]
        if (not isinstance(gs, list) or len(gs) != 2
                or not all(isinstance(n, int) and n > 0 for n in gs) or gs[0] > gs[1]):
            raise TemplateError(source, "group_size", Expected("expected.group_size"))
        group_size = (gs[0], gs[1])

    themes = tuple(v.theme(t, f"themes[{i}]") for i, t in enumerate(v.table_list(raw, "themes")))
    v.unique([t.key for t in themes], "themes")
    theme_keys = {t.key for t in themes}

    phase_tables = v.table_list(raw, "phases")
    if not phase_tables:
        raise TemplateError(source, "phases", Expected("expected.phases"))
    phases = tuple(v.phase(p, f"phases[{i}]", theme_keys) for i, p in enumerate(phase_tables))
    v.unique([p.key for p in phases], "phases")
    phases = fill_vote_numbers(phases)

    rules = tuple(v.rules(r, f"ground_rules[{i}]")
                  for i, r in enumerate(v.table_list(raw, "ground_rules")))
    fields = tuple(
        SummaryField(key=v.string(f, "key", f"summary_fields[{i}].key", pattern_key=True),
                     title=v.text(f, "title", f"summary_fields[{i}].title", required=True),
                     help=v.text(f, "help", f"summary_fields[{i}].help"))
        for i, f in enumerate(v.table_list(raw, "summary_fields")))
    v.unique([f.key for f in fields], "summary_fields")
    return Template(key=key, title=title, description=description, phases=phases,
                    themes=themes, group_size=group_size, ground_rules=rules,
                    summary_fields=fields, source=source, raw=dict(raw))


def fill_vote_numbers(phases: tuple[PhaseSpec, ...]) -> tuple[PhaseSpec, ...]:
    """Put the vote's numbers into the texts: `{dots}`, `{per_idea}`, `{max_choices}`, `{budget}`.

    A facilitator who changes `dots = 5` to `dots = 3` then finds every script and
    prompt saying 3. A phase uses its own vote; other phases use the template's first.
    """
    from facilitator.i18n import Translator

    first = next((p.vote for p in phases if p.kind == PhaseKind.VOTE and p.vote), None)

    def fill(text: Text, vote: VoteSpec | None) -> dict[str, str]:
        if vote is None:
            return dict(text)
        out = {}
        for lang, s in text.items():
            if "{" in s:
                for token, value in (("{dots}", str(vote.dots)),
                                     ("{per_idea}", str(vote.per_idea)),
                                     ("{max_choices}", str(vote.max_choices or "")),
                                     ("{budget}", Translator(lang).money(vote.budget_cents))):
                    s = s.replace(token, value)
            out[lang] = s
        return out

    return tuple(replace(p, title=fill(p.title, p.vote or first),
                         script=fill(p.script, p.vote or first),
                         prompt=fill(p.prompt, p.vote or first)) for p in phases)


class _Validator:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, expected: str, **params: Any) -> TemplateError:
        return TemplateError(self.source, key, Expected(expected, **params))

    def string(self, table: Mapping[str, Any], name: str, where: str, *,
               pattern_key: bool = False, default: str | None = None) -> str:
        value = table.get(name, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "expected.key" if pattern_key else "expected.text")
        if pattern_key and not all(c.isalnum() or c in "-_" for c in value):
            raise self.fail(where, "expected.key")
        return value.strip()

    def text(self, table: Mapping[str, Any], name: str, where: str, *,
             required: bool = False) -> dict[str, str]:
        value = table.get(name)
        if value is None:
            if required:
                raise self.fail(f"{where}.fi", "expected.finnish_text")
            return {}
        if isinstance(value, str):  # a plain string is Finnish
            value = {"fi": value}
        if not isinstance(value, Mapping):
            raise self.fail(where, "expected.localized_text")
        out: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in LANG_KEYS or not isinstance(text, str):
                raise self.fail(f"{where}.{lang}", "expected.localized_text")
            if text.strip():
                out[lang] = text.strip()
        if required and "fi" not in out:
            raise self.fail(f"{where}.fi", "expected.finnish_text")
        return out

    def table_list(self, table: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(t, Mapping) for t in value):
            raise self.fail(name, "expected.table_list", name=name)
        return value

    def unique(self, keys: Iterable[str], where: str) -> None:
        seen: set[str] = set()
        for k in keys:
            if k in seen:
                raise self.fail(f"{where}.{k}", "expected.unique_key")
            seen.add(k)

    def int_(self, table: Mapping[str, Any], name: str, where: str, *, minimum: int,
             maximum: int | None = None, default: int | None = None) -> int:
        value = table.get(name, default)
        if (isinstance(value, bool) or not isinstance(value, int) or value < minimum
                or (maximum is not None and value > maximum)):
            if maximum is None:
                raise self.fail(where, "expected.int_at_least", minimum=minimum)
            raise self.fail(where, "expected.int_between", minimum=minimum, maximum=maximum)
        return value

    def bool_(self, table: Mapping[str, Any], name: str, where: str, default: bool) -> bool:
        value = table.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(where, "expected.bool")
        return value

    def theme(self, t: Mapping[str, Any], where: str) -> ThemeSpec:
        return ThemeSpec(key=self.string(t, "key", f"{where}.key", pattern_key=True),
                         title=self.text(t, "title", f"{where}.title", required=True),
                         question=self.text(t, "question", f"{where}.question"))

    def theme_refs(self, p: Mapping[str, Any], where: str, theme_keys: set[str]) -> tuple[str, ...]:
        refs = p.get("themes", [])
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            raise self.fail(where, "expected.theme_list")
        for r in refs:
            if r not in theme_keys:
                raise self.fail(where, "expected.known_theme", theme=r,
                                known=", ".join(sorted(theme_keys)) or "-")
        return tuple(refs)

    def phase(self, p: Mapping[str, Any], where: str, theme_keys: set[str]) -> PhaseSpec:
        key = self.string(p, "key", f"{where}.key", pattern_key=True)
        where = f"{where} ({key})"
        if p.get("kind") not in PHASE_KINDS:
            raise self.fail(f"{where}.kind", "expected.phase_kind", kinds=", ".join(PHASE_KINDS))
        kind = PhaseKind(p["kind"])
        minutes = self.int_(p, "minutes", f"{where}.minutes", minimum=0, maximum=MAX_MINUTES)
        vote = None
        questions: tuple[Question, ...] = ()
        if kind == PhaseKind.FEEDBACK:
            qs = self.table_list(p, "questions")
            if not qs:
                raise self.fail(f"{where}.questions", "expected.questions")
            questions = tuple(
                Question(key=self.string(q, "key", f"{where}.questions[{i}].key", pattern_key=True),
                         text=self.text(q, "text", f"{where}.questions[{i}].text", required=True))
                for i, q in enumerate(qs))
            self.unique([q.key for q in questions], f"{where}.questions")
            vote = self.vote(p.get("vote", {"method": VoteMethod.SCALE}), f"{where}.vote",
                             theme_keys)
            if vote.method != VoteMethod.SCALE:
                raise self.fail(f"{where}.vote.method", "expected.feedback_scale")
        elif kind == PhaseKind.VOTE:
            if not isinstance(p.get("vote"), Mapping):
                raise self.fail(f"{where}.vote", "expected.vote_table",
                                methods=", ".join(VOTE_METHODS))
            vote = self.vote(p["vote"], f"{where}.vote", theme_keys)
        elif "vote" in p:
            raise self.fail(f"{where}.vote", "expected.vote_only_in_vote")
        return PhaseSpec(
            key=key, kind=kind, minutes=minutes,
            title=self.text(p, "title", f"{where}.title", required=True),
            script=self.text(p, "script", f"{where}.script"),
            prompt=self.text(p, "prompt", f"{where}.prompt"),
            vote=vote,
            themes=self.theme_refs(p, f"{where}.themes", theme_keys),
            show_others=self.bool_(p, "show_others", f"{where}.show_others", False),
            insights=self.bool_(p, "insights", f"{where}.insights", kind == PhaseKind.ROUND),
            show_rules=self.bool_(p, "show_rules", f"{where}.show_rules", False),
            questions=questions,
            top=self.int_(p, "top", f"{where}.top", minimum=1, maximum=50, default=3),
        )

    def vote(self, t: Mapping[str, Any], where: str, theme_keys: set[str]) -> VoteSpec:
        if not isinstance(t, Mapping):
            raise self.fail(where, "expected.vote_table", methods=", ".join(VOTE_METHODS))
        if t.get("method") not in VOTE_METHODS:
            raise self.fail(f"{where}.method", "expected.vote_method",
                            methods=", ".join(VOTE_METHODS))
        method = VoteMethod(t["method"])
        themes = self.theme_refs(t, f"{where}.themes", theme_keys)
        return replace(self._vote(t, where, method, themes), top_per_theme=self.int_(
            t, "top_per_theme", f"{where}.top_per_theme", minimum=1, maximum=50,
            default=DEFAULT_TOP_PER_THEME))

    def _vote(self, t: Mapping[str, Any], where: str, method: VoteMethod,
              themes: tuple[str, ...]) -> VoteSpec:
        if method == VoteMethod.DOTS:
            dots = self.int_(t, "dots", f"{where}.dots", minimum=1, maximum=100)
            per_idea = self.int_(t, "per_idea", f"{where}.per_idea", minimum=1, maximum=dots,
                                 default=dots)
            return VoteSpec(method, dots=dots, per_idea=per_idea, themes=themes)
        if method == VoteMethod.APPROVAL:
            max_choices = (self.int_(t, "max_choices", f"{where}.max_choices", minimum=1,
                                     maximum=1000) if "max_choices" in t else None)
            return VoteSpec(method, max_choices=max_choices, themes=themes)
        if method == VoteMethod.BUDGET:
            budget = t.get("budget")
            if isinstance(budget, bool) or not isinstance(budget, int | float) or budget <= 0:
                raise self.fail(f"{where}.budget", "expected.budget")
            if budget > 1_000_000_000:
                raise self.fail(f"{where}.budget", "expected.budget")
            max_choices = (self.int_(t, "max_choices", f"{where}.max_choices", minimum=1,
                                     maximum=1000) if "max_choices" in t else None)
            return VoteSpec(method, budget_cents=round(budget * 100), max_choices=max_choices,
                            themes=themes)
        lo = self.int_(t, "min", f"{where}.min", minimum=0, maximum=10, default=1)
        hi = self.int_(t, "max", f"{where}.max", minimum=lo + 1, maximum=10, default=5)
        return VoteSpec(method, scale_min=lo, scale_max=hi, themes=themes)

    def rules(self, r: Mapping[str, Any], where: str) -> GroundRules:
        version = r.get("version")
        if not isinstance(version, str | int) or not str(version).strip():
            raise self.fail(f"{where}.version", "expected.text")
        rules: dict[str, tuple[str, ...]] = {}
        for lang in LANG_KEYS:
            items = r.get(lang)
            if items is None:
                continue
            if not isinstance(items, list) or not all(isinstance(s, str) and s.strip()
                                                      for s in items) or not items:
                raise self.fail(f"{where}.{lang}", "expected.rule_list")
            rules[lang] = tuple(s.strip() for s in items)
        if "fi" not in rules:
            raise self.fail(f"{where}.fi", "expected.rule_list")
        source = r.get("source", "")
        return GroundRules(version=str(version), rules=rules,
                           source=source if isinstance(source, str) else "",
                           note=self.text(r, "note", f"{where}.note"))
