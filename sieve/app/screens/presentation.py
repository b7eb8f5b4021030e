"""Presentation mode: the ranking in large bars and the flags, for a projector.

No editing chrome: no footer, no cursor. ``escape`` (or ``p``) goes back.

Bindings:
    | Key | Description |
    | :- | :- |
    | escape, p | Back to the previous screen. |
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from sieve.app.bindings import localize
from sieve.app.screens.base import SieveScreen
from sieve.app.screens.ranking import bar
from sieve.app.text import clip, clip_apart, plain
from sieve.engine.vigilance import flags
from sieve.i18n import points, t
from sieve.text import literal

#: The most lines one case takes (its bar up to one line fewer, then a blank line): on a
#: tall screen with few cases, the bars stop growing there.
MOST_LINES_PER_CASE = 6


def presentation_text(evaluation, width: int, height: int, blind: bool, problems=()) -> Text:
    """The whole presentation, sized for ``width`` x ``height`` cells, using them all.

    The ranking's bars grow with the height left by the flags (on a tall screen, a bar
    of several lines with a blank line after it, the case's title on its first line
    and its subject on the next when the two do not fit on one); the flags stand at
    the bottom of the screen.
    """
    session = evaluation.session
    head = Text()
    head.append_text(plain(session.title, style="bold"))
    if session.city:
        head.append(" · ")
        head.append_text(plain(session.city))
    head.append(" · " + t("app.presentation.people", count=len(session.scorers)))
    if blind:
        head.append("\n\n")
        head.append(t("app.blind.hidden"), style="italic")
        return head
    passing = evaluation.passing
    footer = _footer(evaluation, width, 2, problems)
    room = max(1, height - 2 - len(footer))  # below the title and its blank line
    if len(passing) <= room:
        rows = passing
        step = max(1, min(MOST_LINES_PER_CASE, room // max(1, len(passing))))
    else:
        rows, step = passing[: max(1, room - 1)], 1
    body: list[Text] = []
    for lines in _case_lines(rows, width, step):
        body.extend(lines)
    if len(passing) > len(rows):
        more = t("app.presentation.more", count=len(passing) - len(rows))
        body.append(Text(more, style="dim"))
    while body and step > 1 and not body[-1].plain:
        body.pop()  # the last case's blank line: the flags bring their own
    pad = max(0, height - 2 - len(body) - len(footer))
    if pad:  # the room the ranking leaves: for more of the sifted-out names
        longer = _footer(evaluation, width, 2 + pad, problems)
        pad -= len(longer) - len(footer)
        footer = longer
    lines = [head, Text(), *body, *([Text()] * pad), *footer]
    return Text("\n").join(lines[:height])


def _case_lines(rows, width: int, step: int) -> list[list[Text]]:
    """Each case's lines: rank, title and bar on the first, its bar again on the others
    (``step - 1`` lines of bar, then a blank line, when ``step`` > 1)."""
    both = [f"{r.case.angle.title} · {r.case.subject.title}" for r in rows]
    longest = max((len(title) for title in both), default=14)
    # two fifths of the width, or more on a wide screen: what the titles need, bars of 40
    title_w = max(14, min(max(64, longest), max(width * 2 // 5, width - 14 - 40)))
    bar_w = max(10, width - title_w - 14)
    tall = step - 1 >= 2
    split = tall and longest > title_w  # the title on one line, its subject on the next
    if split:
        firsts = clip_apart([r.case.angle.title for r in rows], title_w)
        seconds = clip_apart([r.case.subject.title for r in rows], title_w)
    else:
        firsts, seconds = clip_apart(both, title_w), [""] * len(rows)
    out = []
    for result, first, second in zip(rows, firsts, seconds, strict=True):
        rank = f"{result.rank:>2}" if result.rank is not None else " –"
        drawn = bar(result.score, bar_w)
        line = Text(f"{rank}  ", style="bold")
        line.append(first.ljust(title_w) + "  ")
        line.append(drawn, style="bold")
        line.append(f" {points(result.score):>3}", style="bold")
        line.append(" ⚑" if result.flags else "")
        lines = [line]
        for k in range(1, max(1, step - 1)):
            more = Text(" " * 4)
            more.append((second if k == 1 else "").ljust(title_w) + "  ", style="dim")
            more.append(drawn, style="bold")
            lines.append(more)
        if step > 1:
            lines.append(Text())
        out.append(lines)
    return out


def _footer(evaluation, width: int, most: int, problems) -> list[Text]:
    """The flags under the ranking: the sifted-out cases (in ``most`` lines at most),
    then the subjects with too much political attention."""
    out: list[Text] = []
    sifted = evaluation.sifted_out
    if sifted:
        prefix = "✗ " + t("app.presentation.sifted", count=len(sifted)) + t("app.colon")
        names = literal(", ".join(f"{r.case.subject.title} / {r.case.angle.title}" for r in sifted))
        lines = textwrap.wrap(prefix + names, width, break_on_hyphens=False) or [prefix]
        if len(lines) > most:
            lines = lines[: most - 1] + [clip(lines[most - 1] + " " + lines[most], width)]
        out.append(Text())
        for n, line in enumerate(lines):
            if n == 0 and line.startswith(prefix.rstrip()):
                shown = Text()
                shown.append(line[: len(prefix)], style="bold")
                shown.append(line[len(prefix) :], style="dim")
            else:
                shown = Text(line, style="dim")
            out.append(shown)
    found = flags(evaluation, list(problems))
    political = [f for f in found if f.kind in ("attention", "first-case")]
    if political:
        out.append(Text())
        for flag in political[:4]:
            subject = evaluation.session.subjects[flag.key]
            line = Text("⚑ " + t(f"app.flag.{flag.kind}") + t("app.colon"), style="bold")
            line.append_text(plain(clip(subject.title, max(10, width - len(line.plain)))))
            out.append(line)
    return out


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
        # the screen's size is its content's (inside its padding); before the layout, the
        # app's less that padding
        width, height = (
            self.size
            if self.size.width
            else (
                self.app.size.width - 4,
                self.app.size.height - 2,
            )
        )
        self.query_one("#presentation", Static).update(
            presentation_text(wb.evaluation, width, height, self.sieve.blind, wb.problems)
        )

    def action_back(self) -> None:
        self.sieve.action_show(self.sieve.previous_mode or "matrix")
