"""The dialog that records a decision: its cases by title, its reasons, who was there."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, SelectionList, Static

from sieve.app.bindings import localize
from sieve.app.screens.base import Dialog
from sieve.app.text import plain
from sieve.app.widgets.text_input import TextInput
from sieve.i18n import t
from sieve.render.names import case_title, people


class PeopleList(SelectionList[str]):
    """Who was there: Space ticks a person, Enter records the decision."""

    BINDINGS = [Binding("enter", "record", "app.decide.key.record", show=False)]

    def action_record(self) -> None:
        self.screen.record()  # type: ignore[attr-defined]


class DecisionDialog(Dialog[tuple[str, list[str]] | None]):
    """Ask for the rationale of a decision and who was there (a list of people to tick).

    Bindings:
        | Key | Description |
        | :- | :- |
        | enter | Next field, then record. |
        | space | Tick or untick the highlighted person. |
        | escape | Cancel. |
    """

    DEFAULT_CSS = "DecisionDialog #present { height: auto; max-height: 10; }"

    BINDINGS = [Binding("escape", "cancel", "app.key.cancel")]

    def __init__(
        self,
        cases: list[str],
        rationale: str = "",
        present: Sequence[str] = (),
        error: str = "",
    ) -> None:
        super().__init__()
        localize(self)
        self.cases = cases
        self.typed = (rationale, tuple(present))
        """What was typed before (the dialog comes back with it after a refusal)."""
        self.error = error

    def compose(self) -> ComposeResult:
        rationale, present = self.typed
        session = self.app.workbench.session  # type: ignore[attr-defined]
        with Vertical(classes="dialog wide"):
            yield Static(Text(t("app.decide.title"), style="bold"))
            for key in self.cases:
                yield Static(plain("· " + case_title(session, key)))
            since = self.app.tamis_modified_since()  # type: ignore[attr-defined]
            if since is not None:
                yield Static(Text(t("app.decide.tamis_modified", version=since), style="bold"))
            yield TextInput(rationale, placeholder=t("app.decide.rationale"), id="rationale")
            yield Static(t("app.decide.present"))
            choices = [(plain(name), ident, ident in present) for ident, name in people(session)]
            yield PeopleList(*choices, id="present")
            if self.error:
                yield Static(Text(self.error, style="bold red"), id="decide-error")
            yield Static(t("app.decide.hint"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        people_list = self.query_one(PeopleList)
        if people_list.option_count:
            people_list.focus()
        else:
            self.record()

    def record(self) -> None:
        rationale = self.query_one("#rationale", TextInput).text
        self.dismiss((rationale, list(self.query_one(PeopleList).selected)))

    def action_cancel(self) -> None:
        self.dismiss(None)
