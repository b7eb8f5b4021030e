"""The ranking: passing cases by score with bars, then the sifted-out cases with reasons;
the selected case's explanation beside it.

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down | Select a case. |
    | enter | Show the case in the matrix. |
    | m | Robustness: Monte Carlo over weights and scorers (in a thread, with progress); |
    |   | then each case's P(top k) and P(in the proposed portfolio) beside its bar, and |
    |   | the weight ranges that keep the proposed portfolio under the explanation. |
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.base import SieveScreen
from sieve.app.text import clip, clip_apart, plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import number, percent, points, t
from sieve.render.plan import robust_case
from sieve.workbench import ROBUST_DRAWS  # noqa: F401  (the figure the screen shows)

BAR_WIDTH = 20

#: Draws of the analysis run from the ranking screen (``m``).


def bar(fraction: float | None, width: int) -> str:
    """A horizontal bar of ``width`` cells, in eighths."""
    if fraction is None:
        return " " * width
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width)


class RankingScreen(SieveScreen):
    """Cases by score, and why; how sure the ranking is (``m``)."""

    LAID_OUT_BY = ("#ranking",)
    DEFAULT_CSS = """
    #robust-progress { height: 1; display: none; }
    #robust-progress.running { display: block; }
    """
    BINDINGS = [Binding("m", "robust", "app.key.robust")]

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    @property
    def robust(self):
        """The workbench's last Monte Carlo analysis (stale after an edit), or ``None``."""
        wb = self.sieve.workbench
        return wb.robustness(stale=True) if wb is not None else None

    @property
    def robust_now(self):
        """The analysis of the session as it is now, or ``None`` (never run, or stale)."""
        wb = self.sieve.workbench
        return wb.robustness() if wb is not None else None

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        yield ProgressBar(total=1.0, show_eta=False, id="robust-progress")
        with Horizontal():
            yield OptionList(id="ranking")
            with VerticalScroll(id="explain-box"):
                yield Static(id="explain")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.evaluation is None:
            return
        evaluation = wb.evaluation
        rob = self.robust_now
        bar_text = Text(t("app.screen.ranking") + " · ", style="bold")
        bar_text.append_text(plain(evaluation.session.title))
        if rob is not None and not self.sieve.blind:
            bar_text.append("  ·  ")
            bar_text.append(
                t("app.robust.head", k=rob.top_k, draws=number(rob.draws)), style="italic"
            )
        elif self.robust is not None and not self.sieve.blind:
            bar_text.append("  ·  " + t("app.robust.stale"), style="italic")
        if self.sieve.blind:
            bar_text.append("  ·  ")
            bar_text.append(t("app.blind.badge"), style="reverse")
        self.query_one("#bar", Static).update(bar_text)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if self.sieve.blind:
            options.add_option(Option(Text(t("app.blind.hidden"), style="italic"), disabled=True))
            self.query_one("#explain", Static).update("")
            return
        width = max(30, options.size.width or 48) - 2
        bar_w = max(8, min(BAR_WIDTH, width // 4))
        extra = 10 if rob is not None else 0
        title_w = max(12, width - bar_w - 11 - extra)
        sifted_started = False
        titles = clip_apart(
            [f"{r.case.angle.title} · {r.case.subject.title}" for r in evaluation.results],
            title_w,
        )
        for result, title in zip(evaluation.results, titles, strict=True):
            if result.sifted_out and not sifted_started:
                sifted_started = True
                options.add_option(None)
                options.add_option(
                    Option(Text(t("app.matrix.sifted_section"), style="bold"), disabled=True)
                )
            prompt = Text()
            rank = f"{result.rank:>2}" if result.rank is not None else " –"
            prompt.append(rank + " ", style="bold")
            prompt.append(title.ljust(title_w) + " ")
            if result.sifted_out:
                gates = ", ".join(
                    evaluation.session.tamis.by_id[g].label for g in result.failed_gates
                )
                shown = ("✗ " + clip(gates, bar_w + 6)).ljust(bar_w + 8)
                prompt.append_text(plain(shown, style="dim"))
            else:
                prompt.append(bar(result.score, bar_w), style="bold")
                score = points(result.score)
                prompt.append(f" {score:>3}")
                marks = (" ⚑" if result.flags else "") + (" ?" if not result.complete else "")
                prompt.append(marks.ljust(4) if rob is not None else marks)
            if rob is not None:
                top = percent(rob.p_top.get(result.key), compact=True)
                mine = percent(rob.p_portfolio.get(result.key), compact=True)
                prompt.append(f" {top:>4} {mine:>4}", style="italic")
            options.add_option(Option(prompt, id=result.key))
        if highlighted is None or highlighted >= options.option_count:
            highlighted = 0
        options.highlighted = highlighted
        self._explain()

    def _explain(self) -> None:
        from sieve.render.rank import explain_text

        wb = self.sieve.workbench
        option = self.query_one(OptionList).highlighted_option
        if self.evaluation is None or option is None or option.id is None:
            return
        out = Text()
        rob = self.robust_now
        if rob is not None:  # how sure, first: the explanation is long
            out.append(robust_case(rob, option.id), style="bold")
            out.append("\n\n")
        out.append_text(plain(explain_text(wb.evaluation, option.id), one_line=False))
        if rob is not None:
            if rob.weight_ranges:
                out.append("\n\n" + t("robust.ranges") + "\n", style="bold")
            for crit, (low, high) in rob.weight_ranges.items():
                span = (
                    t("robust.range_open", low=number(low), ceiling=number(rob.ceiling))
                    if high is None
                    else t("robust.range", low=number(low), high=number(high))
                )
                out.append_text(plain(f"{crit} ({number(rob.weights[crit])}) : {span}"))
                out.append("\n")
        self.query_one("#explain", Static).update(out)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._explain()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.sieve.jump_to(event.option.id)

    # -- robustness --------------------------------------------------------------------

    def action_robust(self) -> None:
        """Run the Monte Carlo analysis off the UI thread; a bar shows its progress."""
        if self.sieve.blind or self.evaluation is None:
            return
        progress = self.query_one("#robust-progress", ProgressBar)
        progress.update(progress=0.0)
        progress.add_class("running")
        self._run_robust()

    @work(thread=True, exclusive=True, group="robust")
    def _run_robust(self) -> None:
        def step(fraction: float) -> None:
            self.app.call_from_thread(self._progress, fraction)

        self.sieve.workbench.compute_robustness(progress=step)
        self.app.call_from_thread(self._robust_done)

    def _progress(self, fraction: float) -> None:
        self.query_one("#robust-progress", ProgressBar).update(progress=fraction)

    def _robust_done(self) -> None:
        self.query_one("#robust-progress", ProgressBar).remove_class("running")
        self.refresh_view()
