"""Workshop templates: the shipped four are complete and faithful; a broken one gets one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.templates import find_template, load_template, scan_templates
from facilitator.errors import NotFound, TemplateError
from facilitator.i18n import Translator
from facilitator.paths import shipped_templates_dir

SHIPPED = ["palvelupaja", "eratauko", "kumppanuuspoyta", "osallistuva-budjetointi"]


@pytest.mark.parametrize("key", SHIPPED)
def test_shipped_template_has_every_text_in_three_languages(key: str) -> None:
    t = load_template(shipped_templates_dir() / f"{key}.toml")
    assert t.key == key
    for text in (t.title, t.description):
        assert set(text) == {"fi", "sv", "en"}
    for phase in t.phases:
        for field in ("title", "script", "prompt"):
            assert set(getattr(phase, field)) == {"fi", "sv", "en"}, (phase.key, field)
    for theme in t.themes:
        assert set(theme.title) == {"fi", "sv", "en"} and set(theme.question) == {"fi", "sv", "en"}


def test_palvelupaja_is_a_world_cafe_with_dot_voting() -> None:
    t = load_template(shipped_templates_dir() / "palvelupaja.toml")
    assert [th.key for th in t.themes] == ["nuoret", "ikaantyneet", "elinvoima", "palvelut",
                                           "tyhjat-tilat", "vapaat-ideat"]
    kinds = [p.kind for p in t.phases]
    assert kinds.index("ideas") < kinds.index("vote") < kinds.index("decide")
    vote = next(p for p in t.phases if p.kind == "vote").vote
    assert vote.method == "dots" and vote.dots == 5 and vote.per_idea == 3
    assert next(p for p in t.phases if p.kind == "decide").top == 3


def test_eratauko_has_rules_summary_fields_and_no_vote() -> None:
    t = load_template(shipped_templates_dir() / "eratauko.toml")
    assert not t.has_votes
    assert [r.version for r in t.ground_rules] == ["2025", "2019"]
    assert len(t.rules.rules["fi"]) == 4 and len(t.ground_rules[1].rules["fi"]) == 6
    assert [f.key for f in t.summary_fields] == ["main_topics", "differences", "additions",
                                                 "continues"]
    assert [p.key for p in t.phases][0] == "tervetuloa" and t.phases[-1].key == "kiitos"
    assert any(p.accepts_insights for p in t.phases)
    feedback = next(p for p in t.phases if p.kind == "feedback")
    assert feedback.vote.method == "scale" and {q.key for q in feedback.questions} == {
        "heard", "constructive"}


def test_partnership_table_and_budgeting() -> None:
    k = load_template(shipped_templates_dir() / "kumppanuuspoyta.toml")
    assert k.group_size == (5, 15) and sum(p.minutes for p in k.phases) <= 90
    assert next(p for p in k.phases if p.kind == "vote").vote.method == "approval"
    assert any(p.kind == "decide" for p in k.phases)
    b = load_template(shipped_templates_dir() / "osallistuva-budjetointi.toml")
    vote = next(p for p in b.phases if p.kind == "vote").vote
    assert vote.method == "budget" and vote.budget_cents == 20_000_00


BROKEN = {
    "bad TOML": ('key = "x"\ntitle.fi = "X"\n[[phases]\n', "line"),
    "unknown kind": ('key="x"\ntitle.fi="X"\n[[phases]]\nkey="a"\nkind="party"\nminutes=5\n'
                     'title.fi="A"\n', "phases[0] (a).kind"),
    "missing Finnish title": ('key="x"\ntitle.en="X"\n[[phases]]\nkey="a"\nkind="info"\n'
                              'minutes=5\ntitle.fi="A"\n', "title.fi"),
    "zero dots": ('key="x"\ntitle.fi="X"\n[[phases]]\nkey="v"\nkind="vote"\nminutes=5\n'
                  'title.fi="V"\n[phases.vote]\nmethod="dots"\ndots=0\n',
                  "phases[0] (v).vote.dots"),
    "budget <= 0": ('key="x"\ntitle.fi="X"\n[[phases]]\nkey="v"\nkind="vote"\nminutes=5\n'
                    'title.fi="V"\n[phases.vote]\nmethod="budget"\nbudget=-5\n',
                    "phases[0] (v).vote.budget"),
    "per idea above dots": ('key="x"\ntitle.fi="X"\n[[phases]]\nkey="v"\nkind="vote"\n'
                            'minutes=5\ntitle.fi="V"\n[phases.vote]\nmethod="dots"\ndots=3\n'
                            'per_idea=4\n', "phases[0] (v).vote.per_idea"),
    "unknown theme": ('key="x"\ntitle.fi="X"\n[[phases]]\nkey="i"\nkind="ideas"\nminutes=5\n'
                      'title.fi="I"\nthemes=["ghost"]\n', "phases[0] (i).themes"),
    "no phases": ('key="x"\ntitle.fi="X"\n', "phases"),
    "top per theme zero": ('key="x"\ntitle.fi="X"\n[[phases]]\nkey="v"\nkind="vote"\n'
                           'minutes=5\ntitle.fi="V"\n[phases.vote]\nmethod="approval"\n'
                           'top_per_theme=0\n', "phases[0] (v).vote.top_per_theme"),
    "top per theme text": ('key="x"\ntitle.fi="X"\n[[phases]]\nkey="v"\nkind="vote"\n'
                           'minutes=5\ntitle.fi="V"\n[phases.vote]\nmethod="approval"\n'
                           'top_per_theme="3"\n', "phases[0] (v).vote.top_per_theme"),
    "not UTF-8": (b'key="x"\ntitle.fi="\xe4"\n', "-"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_template_gets_one_line_naming_file_key_and_expectation(
        tmp_path: Path, name: str) -> None:
    content, key = BROKEN[name]
    path = tmp_path / "oma.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(TemplateError) as err:
        load_template(path)
    assert err.value.file == str(path)
    assert err.value.template_key.startswith(key)
    for lang in ("fi", "sv", "en"):
        line = err.value.message(Translator(lang))
        assert "\n" not in line and str(path) in line and key in line
        assert "expected." not in line  # the expectation is a sentence, not a catalog key
    assert "odotettiin" in err.value.message(Translator("fi"))


def test_user_templates_are_listed_beside_shipped_and_can_override(tmp_path: Path) -> None:
    (tmp_path / "oma.toml").write_text(
        'key="oma"\ntitle.fi="Oma pohja"\n[[phases]]\nkey="a"\nkind="info"\nminutes=5\n'
        'title.fi="A"\n', encoding="utf-8")
    (tmp_path / "palvelupaja.toml").write_text(
        'key="palvelupaja"\ntitle.fi="Oma palvelupaja"\n[[phases]]\nkey="a"\nkind="ideas"\n'
        'minutes=5\ntitle.fi="A"\n', encoding="utf-8")
    (tmp_path / "rikki.toml").write_text("key = [", encoding="utf-8")
    dirs = [shipped_templates_dir(), tmp_path]
    entries = scan_templates(dirs, shipped_templates_dir())
    keys = [(e.template.key if e.template else None, e.shipped) for e in entries]
    assert ("oma", False) in keys and ("eratauko", True) in keys and (None, False) in keys
    assert find_template("palvelupaja", dirs).title["fi"] == "Oma palvelupaja"
    assert find_template("eratauko", dirs).key == "eratauko"
    with pytest.raises(TemplateError):
        find_template("rikki", dirs)
    with pytest.raises(NotFound) as err:
        find_template("ei-ole", dirs)
    assert "palvelupaja" in err.value.params["known"]


def test_vote_numbers_in_texts_follow_the_vote_parameters(tmp_path: Path) -> None:
    text = (shipped_templates_dir() / "palvelupaja.toml").read_text(encoding="utf-8")
    assert "{dots}" in text and "{per_idea}" in text
    edited = text.replace("dots = 5", "dots = 4").replace("per_idea = 3", "per_idea = 2")
    (tmp_path / "palvelupaja.toml").write_text(edited, encoding="utf-8")
    vote = load_template(tmp_path / "palvelupaja.toml").phase("aanestys")
    assert "Jokaisella on 4 ääntä." in vote.script["fi"]
    assert "enintään 2 ääntä" in vote.script["fi"] and "at most 2 votes" in vote.script["en"]
    budget = load_template(shipped_templates_dir() / "osallistuva-budjetointi.toml")
    assert "20\xa0000\xa0€" in budget.phases[0].script["fi"]  # the intro uses the vote's budget
    assert "€20,000" in budget.phases[0].script["en"]


def test_eratauko_rules_are_versioned_and_the_2019_rules_can_be_chosen() -> None:
    tpl = load_template(Path(shipped_templates_dir()) / "eratauko.toml")
    assert [g.version for g in tpl.ground_rules] == ["2025", "2019"]
    current = tpl.rules
    assert current is not None and len(current.rules["en"]) == 4
    # Our own translations say so; the English is the foundation's own.
    assert "oma käännös" in current.note["fi"] and "översättning" in current.note["sv"]
    assert "en" not in current.note
    older = tpl.with_rules("2019")
    assert older.rules is not None and older.rules.version == "2019"
    assert len(older.rules.rules["fi"]) == 6 and older.rules.note == {}
    assert [g.version for g in older.ground_rules] == ["2019", "2025"]  # both kept
    with pytest.raises(NotFound) as unknown:
        tpl.with_rules("1999")
    assert unknown.value.params["known"] == "2025, 2019"


def test_top_per_theme_comes_from_the_vote_phase_with_a_default(tmp_path: Path) -> None:
    shipped = load_template(shipped_templates_dir() / "palvelupaja.toml")
    assert [p.vote.top_per_theme for p in shipped.phases if p.vote] == [3]
    path = tmp_path / "oma.toml"
    path.write_text('key="oma"\ntitle.fi="O"\n[[phases]]\nkey="v"\nkind="vote"\nminutes=5\n'
                    'title.fi="V"\n[phases.vote]\nmethod="approval"\ntop_per_theme=5\n'
                    '[[phases]]\nkey="w"\nkind="vote"\nminutes=5\ntitle.fi="W"\n'
                    '[phases.vote]\nmethod="approval"\n', encoding="utf-8")
    votes = [p.vote for p in load_template(path).phases if p.vote]
    assert [v.top_per_theme for v in votes] == [5, 3]
