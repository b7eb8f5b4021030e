"""Vigilance: every flag in one list; Enter jumps to the place in the matrix.

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down | Select a flag. |
    | enter | Go to its place in the matrix. |
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.screens.base import SieveScreen
from sieve.app.text import plain
from sieve.app.widgets.keybar import KeyBar
from sieve.engine.vigilance import Flag, flags
from sieve.i18n import number, t

SYMBOLS = {
    "first-case": "①",
    "attention": "⚑",
    "opposed-by-power": "⚑",
    "no-service-support": "⚑",
    "gate": "✗",
    "disputed": "≠",
    "incomplete": "?",
    "no-angle": "∅",
    "warning": "!",
}


def describe(flag: Flag, session) -> Text:
    """One line for a flag, file text shown literally."""
    text = Text(SYMBOLS.get(flag.kind, "•") + " ", style="bold")
    text.append(t(f"app.flag.{flag.kind}") + " · ", style="bold")
    if flag.problem is not None:
        text.append_text(plain(flag.problem.render()))
        return text
    subject_id, _, angle_id = flag.key.partition("/")
    subject = session.subjects.get(subject_id)
    text.append_text(plain(subject.title if subject else subject_id))
    if angle_id and flag.key in session.angles:  # angles are keyed by case key
        text.append(" / ")
        text.append_text(plain(session.angles[flag.key].title))
    for i, crit_id in enumerate(flag.criteria or ((flag.criterion,) if flag.criterion else ())):
        text.append(" · " if i == 0 else ", ")
        text.append_text(plain(session.tamis.by_id[crit_id].label, style="italic"))
    for i, ident in enumerate(flag.people):
        text.append(" · " if i == 0 else ", ")
        person = session.people.get(ident)
        text.append_text(plain(person.name if person else ident, style="italic"))
    if flag.params.get("unscored"):
        text.append("  (" + t("app.flag.unscored") + ")", style="dim")
        return text
    params = {k: number(v, digits=1) if isinstance(v, float) else v for k, v in flag.params.items()}
    detail = t(f"app.flag.{flag.kind}.detail", **params)
    if detail != f"app.flag.{flag.kind}.detail":
        text.append("  (" + detail + ")", style="dim")
    return text


class VigilanceScreen(SieveScreen):
    """Every point of vigilance of the session."""

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        yield OptionList(id="flags")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.evaluation is None:
            return
        session = wb.evaluation.session
        found = flags(wb.evaluation, wb.problems)
        if self.sieve.blind:
            found = [f for f in found if f.kind not in ("disputed", "gate")]
        self.flags = found
        head = Text(t("app.screen.vigilance") + " · ", style="bold")
        head.append(t("app.vigilance.count", count=len(found)))
        if self.sieve.blind:
            head.append("  ·  " + t("app.blind.badge"), style="reverse")
        self.query_one("#bar", Static).update(head)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for i, flag in enumerate(found):
            options.add_option(Option(describe(flag, session), id=str(i)))
        if not found:
            options.add_option(Option(Text(t("app.vigilance.none")), disabled=True))
        else:
            options.highlighted = (
                highlighted if highlighted is not None and highlighted < len(found) else 0
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        flag = self.flags[int(event.option.id or 0)]
        if flag.key:
            self.sieve.jump_to(flag.key, flag.criterion or None)
