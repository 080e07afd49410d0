"""A vote phase's result: the ranking per theme with ties shown as ties; budgets' funded set."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text

from facilitator.core.ballots import PhaseResult, RankedItem
from facilitator.i18n import Translator
from facilitator.tui.widgets.literal import Static
from facilitator.tui.widgets.tally import rank_label
from facilitator.tui.widgets.textfit import fit


def votes_text(item: RankedItem) -> str:
    total = item.phone + item.paper
    return f"{total} ({item.phone}+{item.paper})" if item.paper else str(total)


class RankingView(Static):
    """Shows a `PhaseResult`; with `top` only the first places of each theme (ties included)."""

    COMPONENT_CLASSES = {"ranking--theme", "ranking--tie", "ranking--funded", "ranking--decided"}
    DEFAULT_CSS = """
    RankingView { height: auto; }
    RankingView > .ranking--theme { text-style: bold; color: $primary; }
    RankingView > .ranking--tie { text-style: bold; color: $warning; }
    RankingView > .ranking--funded { text-style: bold; color: $success; }
    RankingView > .ranking--decided { color: $success; }
    """

    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.tr = tr
        self.result: PhaseResult | None = None
        self.themes: dict[str | None, str] = {}
        self.top: int | None = None
        self.decided: dict[int, str] = {}
        self._votes_w = 1

    def show(self, result: PhaseResult | None, themes: dict[str | None, str],
             top: int | None = None, decided: dict[int, str] | None = None) -> None:
        self.result, self.themes, self.top = result, themes, top
        self.decided = decided or {}
        self.refresh(layout=True)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def render(self) -> Text:
        width = max(30, self.content_region.width or self.size.width or 60)
        out = Text(no_wrap=True, overflow="ellipsis")
        result = self.result
        if result is None:
            return out
        if result.budget is not None:
            return self._budget(result, width)
        groups = result.top(self.top) if self.top else result.by_theme
        self._votes_w = max((len(votes_text(i)) for items in groups.values() for i in items),
                            default=1)
        first = True
        for theme, items in groups.items():
            if not items:
                continue
            if not first:
                out.append("\n")
            first = False
            if len(groups) > 1 or theme is not None:
                out.append(fit(self.themes.get(theme, self.tr("tui.ranking.no_theme")), width),
                           style=self._style("ranking--theme"))
                out.append("\n")
            for n, item in enumerate(items):
                if n:
                    out.append("\n")
                self._line(out, item, width)
        if first:
            out.append(self.tr("tui.ranking.empty"))
        return out

    def _line(self, out: Text, item: RankedItem, width: int) -> None:
        votes = votes_text(item)
        marker = ""
        marker_style = None
        if item.idea is not None and item.idea.id in self.decided:
            marker, marker_style = "✓ " + self.decided[item.idea.id], self._style(
                "ranking--decided")
        elif item.tied and item.phone + item.paper > 0:
            marker, marker_style = self.tr("tui.ranking.tie"), self._style("ranking--tie")
        out.append(f"{rank_label(item.rank, item.tied):>4} ", style="bold")
        out.append(f"{votes:>{self._votes_w}}  ")
        label_w = width - 7 - self._votes_w - (len(marker) + 2 if marker else 0)
        out.append(fit(f"#{item.target} {item.label}", max(8, label_w)))
        if marker:
            out.append("  ")
            out.append(marker, style=marker_style)

    def _budget(self, result: PhaseResult, width: int) -> Text:
        budget = result.budget
        assert budget is not None
        items = {i.target: i for i in result.overall}
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, line in enumerate(budget.lines):
            item = items.get(line.target)
            if n:
                out.append("\n")
            status = self.tr(f"budget.{line.status}")
            style = (self._style("ranking--funded") if line.status == "funded" else
                     self._style("ranking--tie") if line.status == "tie" else None)
            rank = rank_label(item.rank, item.tied) if item else ""
            money = self.tr.money(line.cost_cents)
            out.append(f"{rank:>4}{line.votes:>4} {money:>9} ", style="bold")
            label = f"#{line.target} {item.label if item else ''}"
            status_w = min(len(status), 24)
            out.append(fit(label, max(8, width - 19 - status_w)))
            out.append(" ")
            out.append(fit(status, status_w), style=style)
        out.append("\n\n")
        out.append(self.tr("tui.ranking.budget_spent", spent=self.tr.money(budget.spent_cents),
                           budget=self.tr.money(budget.budget_cents)), style="bold")
        out.append("\n")
        out.append(self.tr("tui.ranking.budget_left", left=self.tr.money(budget.left_cents)),
                   style=self._style("ranking--funded"))
        if budget.undecided:
            out.append("\n")
            out.append(self.tr("tui.ranking.budget_tie"), style=self._style("ranking--tie"))
        return out
