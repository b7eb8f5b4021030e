"""Presentation mode: the ranking in large bars and the flags, for a projector.

No editing chrome: no footer, no cursor. ``escape`` (or ``p``) goes back.

Bindings:
    | Key | Description |
    | :- | :- |
    | escape, p | Back to the previous screen. |
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from sieve.app.bindings import localize
from sieve.app.screens.base import SieveScreen
from sieve.app.screens.ranking import bar
from sieve.app.text import clip, plain
from sieve.engine.vigilance import flags
from sieve.i18n import points, t


def presentation_text(evaluation, width: int, height: int, blind: bool, problems=()) -> Text:
    """The whole presentation, sized for ``width`` x ``height`` cells."""
    session = evaluation.session
    big = height >= 40
    text = Text()
    text.append_text(plain(session.title, style="bold"))
    if session.city:
        text.append(" · ")
        text.append_text(plain(session.city))
    text.append(" · " + t("app.presentation.people", count=len(session.scorers)))
    text.append("\n\n")
    if blind:
        text.append(t("app.blind.hidden"), style="italic")
        return text
    passing = evaluation.passing
    sifted = evaluation.sifted_out
    found = flags(evaluation, list(problems))
    political = [f for f in found if f.kind in ("attention", "first-case")]
    # lines available for the ranking: keep room for the flags and the sifted-out line
    reserved = 4 + min(len(political), 4) + (3 if sifted else 0)
    # tall screens: two-line bars with a blank line between them, when they fit
    step = 3 if big and len(passing) * 3 <= height - reserved else (2 if big else 1)
    rows = max(1, (height - reserved) // step)
    titles = [f"{r.case.angle.title} · {r.case.subject.title}" for r in passing[:rows]]
    longest = max((len(title) for title in titles), default=14)
    # two fifths of the width, or more on a wide screen: what the titles need, bars of 40
    title_w = max(14, min(max(64, longest), max(width * 2 // 5, width - 14 - 40)))
    bar_w = max(10, width - title_w - 14)
    for result in passing[:rows]:
        rank = f"{result.rank:>2}" if result.rank is not None else " –"
        text.append(f"{rank}  ", style="bold")
        title = f"{result.case.angle.title} · {result.case.subject.title}"
        text.append(clip(title, title_w).ljust(title_w) + "  ")
        text.append(bar(result.score, bar_w), style="bold")
        score = points(result.score)
        text.append(f" {score:>3}", style="bold")
        text.append(" ⚑" if result.flags else "  ")
        text.append("\n")
        if step == 3:
            text.append(" " * (title_w + 6))
            text.append(bar(result.score, bar_w), style="bold")
            text.append("\n")
        text.append("\n" * (step - 1 - (step == 3)))
    if len(passing) > rows:
        text.append(t("app.presentation.more", count=len(passing) - rows) + "\n", style="dim")
    if sifted:
        text.append("\n")
        names = ", ".join(f"{r.case.subject.title} / {r.case.angle.title}" for r in sifted)
        text.append(
            "✗ " + t("app.presentation.sifted", count=len(sifted)) + t("app.colon"), style="bold"
        )
        text.append_text(plain(clip(names, max(10, width * 2 - 30)), style="dim"))
        text.append("\n")
    if political:
        text.append("\n")
        for flag in political[:4]:
            subject = session.subjects[flag.key]
            text.append("⚑ " + t(f"app.flag.{flag.kind}") + t("app.colon"), style="bold")
            text.append_text(plain(clip(subject.title, width - 30)))
            text.append("\n")
    return text


class PresentationScreen(SieveScreen):
    """A clean full-screen view of the ranking and the flags."""

    BINDINGS = [Binding("escape,p", "back", "app.key.back", show=False)]

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    def compose(self) -> ComposeResult:
        yield Static(id="presentation")

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.evaluation is None:
            return
        width, height = (
            self.size.width or self.app.size.width,
            self.size.height or self.app.size.height,
        )
        self.query_one("#presentation", Static).update(
            presentation_text(wb.evaluation, width - 4, height - 2, self.sieve.blind, wb.problems)
        )

    def action_back(self) -> None:
        self.sieve.action_show(self.sieve.previous_mode or "matrix")
