"""The ranking: passing cases by score with bars, then the sifted-out cases with reasons;
the selected case's explanation beside it.

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down | Select a case. |
    | enter | Show the case in the matrix. |
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.screens.base import SieveScreen
from sieve.app.text import clip, plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import number, t

BAR_WIDTH = 20


def bar(fraction: float | None, width: int) -> str:
    """A horizontal bar of ``width`` cells, in eighths."""
    if fraction is None:
        return " " * width
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width)


class RankingScreen(SieveScreen):
    """Cases by score, and why."""

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        with Horizontal():
            yield OptionList(id="ranking")
            with VerticalScroll(id="explain-box"):
                yield Static(id="explain")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if wb is None or wb.evaluation is None:
            return
        evaluation = wb.evaluation
        bar_text = Text(t("app.screen.ranking") + " · ", style="bold")
        bar_text.append_text(plain(evaluation.session.title))
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
        title_w = max(12, width - bar_w - 11)
        sifted_started = False
        for result in evaluation.results:
            if result.sifted_out and not sifted_started:
                sifted_started = True
                options.add_option(None)
                options.add_option(
                    Option(Text(t("app.matrix.sifted_section"), style="bold"), disabled=True)
                )
            prompt = Text()
            rank = f"{result.rank:>2}" if result.rank is not None else " –"
            prompt.append(rank + " ", style="bold")
            title = f"{result.case.angle.title} · {result.case.subject.title}"
            prompt.append(clip(title, title_w).ljust(title_w) + " ")
            if result.sifted_out:
                gates = ", ".join(
                    evaluation.session.tamis.by_id[g].label for g in result.failed_gates
                )
                prompt.append_text(plain("✗ " + clip(gates, bar_w + 6), style="dim"))
            else:
                prompt.append(bar(result.score, bar_w), style="bold")
                score = number(result.score * 100, digits=0) if result.score is not None else "?"
                prompt.append(f" {score:>3}")
                if result.flags:
                    prompt.append(" ⚑")
                if not result.complete:
                    prompt.append(" ?")
            options.add_option(Option(prompt, id=result.key))
        if highlighted is None or highlighted >= options.option_count:
            highlighted = 0
        options.highlighted = highlighted
        self._explain()

    def _explain(self) -> None:
        from sieve.report import explain_text

        wb = self.sieve.workbench
        option = self.query_one(OptionList).highlighted_option
        if wb is None or wb.evaluation is None or option is None or option.id is None:
            return
        self.query_one("#explain", Static).update(
            plain(explain_text(wb.evaluation, option.id), one_line=False)
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._explain()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.sieve.jump_to(event.option.id)
