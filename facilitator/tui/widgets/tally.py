"""Live horizontal bars of a vote phase: one per idea (or per feedback question)."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text

from facilitator.core.ballots import PhaseResult
from facilitator.i18n import Translator
from facilitator.kinds import VoteMethod
from facilitator.tui.widgets.literal import Static
from facilitator.tui.widgets.textfit import bar, fit


def rank_label(rank: int, tied: bool) -> str:
    return f"{rank}.{'=' if tied else ' '}"


class TallyBars(Static):
    """Bars sized to the widest line; ties keep a shared rank marked with =."""

    COMPONENT_CLASSES = {"tally--bar"}
    DEFAULT_CSS = """
    TallyBars { height: auto; }
    TallyBars > .tally--bar { color: $primary; }
    """

    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.tr = tr
        self.result: PhaseResult | None = None
        self.labels: dict[str, str] = {}

    def show(self, result: PhaseResult | None, labels: dict[str, str] | None = None) -> None:
        self.result = result
        self.labels = labels or {}
        self.refresh(layout=True)

    @property
    def _bar_style(self) -> Style:
        return self.get_component_rich_style("tally--bar", partial=True)

    def render(self) -> Text:
        result = self.result
        width = max(30, self.content_region.width or self.size.width or 60)
        out = Text(no_wrap=True, overflow="ellipsis")
        if result is None:
            return out
        if result.spec.method == VoteMethod.SCALE:
            return self._scale(result, width)
        items = result.overall
        top = max((i.phone + i.paper for i in items), default=0)
        bar_w = max(6, min(24, width // 4))
        label_w = width - bar_w - 11
        for n, item in enumerate(items):
            total = item.phone + item.paper
            if n:
                out.append("\n")
            out.append(f"{rank_label(item.rank, item.tied):>4}", style="bold")
            out.append(f"{total:>4} ", style="bold")
            out.append(bar(total, top, bar_w), style=self._bar_style if total else "")
            out.append(" ")
            label = self.labels.get(item.target, item.label)
            out.append(fit(f"#{item.target} {label}", label_w))
        return out

    def _scale(self, result: PhaseResult, width: int) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        spec = result.spec
        bar_w = max(6, min(25, width // 3))
        for n, item in enumerate(result.overall):
            if n:
                out.append("\n")
            label = self.labels.get(item.target, item.label)
            out.append(fit(label, width), style="bold")
            mean = self.tr.number(round(item.mean, 1)) if item.mean is not None else "–"
            out.append(f"\n  {mean:>4} ", style="bold")
            out.append(bar(item.mean or 0, spec.scale_max, bar_w), style=self._bar_style)
            dist = "  ".join(f"{k}:{v}" for k, v in sorted(item.distribution.items()))
            out.append(f"  {dist}")
        return out
