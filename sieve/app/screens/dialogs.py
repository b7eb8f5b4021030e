"""Modal dialogs that return their answer through ``dismiss``.

- :class:`ReloadDialog` (``bool``): files changed on disk, reload them?
- :class:`NoteDialog` (``str | None``): a scorer's note; ``None`` when cancelled.
- :class:`CellDetail`: every scorer's level and note for a cell, and the scale (blind:
  hidden, but for the scorer who is scoring).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from sieve.app.bindings import localize
from sieve.app.screens.base import Dialog
from sieve.app.text import plain
from sieve.app.widgets.text_input import TextInput
from sieve.engine.evaluate import explain
from sieve.i18n import number, t
from sieve.render.names import case_title


class ReloadDialog(Dialog[bool]):
    """Files changed on disk: reload (``True``) or keep what is shown (``False``).

    Bindings:
        | Key | Description |
        | :- | :- |
        | r, o, y, enter | Reload (o: oui). |
        | escape | Keep the current view (nothing is written over the files). |
    """

    BINDINGS = [
        Binding("r,o,y,enter", "answer(True)", "app.key.reload"),
        Binding("escape", "answer(False)", "app.key.keep"),
    ]

    def __init__(self, paths: list[Path], pending: int = 0) -> None:
        super().__init__()
        localize(self)
        self.paths = paths
        self.pending = pending

    def compose(self) -> ComposeResult:
        text = Text(t("app.reload.title") + "\n\n", style="bold")
        for path in self.paths:
            text.append("  ")
            text.append_text(plain(path))
            text.append("\n")
        text.append("\n" + t("app.reload.question"))
        if self.pending:
            text.append("\n" + t("app.reload.pending", count=self.pending), style="bold")
        with Vertical(classes="dialog"):
            yield Static(text)
            with Horizontal(classes="buttons"):
                yield Button(t("app.reload.yes"), id="yes", variant="primary")
                yield Button(t("app.reload.no"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class NoteDialog(Dialog[str | None]):
    """Write a scorer's note on a subject or a case; empty removes it.

    Bindings:
        | Key | Description |
        | :- | :- |
        | enter | Save the note. |
        | escape | Cancel. |
    """

    BINDINGS = [Binding("escape", "cancel", "app.key.cancel")]

    def __init__(self, scorer_name: str, key: str, current: str) -> None:
        super().__init__()
        localize(self)
        self.scorer_name = scorer_name
        self.key = key
        self.current = current

    def compose(self) -> ComposeResult:
        title = Text(t("app.note.title") + " ", style="bold")
        title.append_text(plain(self.scorer_name))
        title.append(" · ")
        session = self.app.workbench.session  # type: ignore[attr-defined]
        title.append_text(plain(case_title(session, self.key)))
        with Vertical(classes="dialog"):
            yield Static(title)
            # cursor at the end, nothing selected: the first key must not erase the note
            yield TextInput(
                self.current,
                placeholder=t("app.note.placeholder"),
                id="note",
                select_on_focus=False,
            )
            yield Static(t("app.note.hint"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(self.query_one("#note", TextInput).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CellDetail(Dialog[None]):
    """One cell: the criterion, the scale's anchored levels, every scorer's level and note.

    Bindings:
        | Key | Description |
        | :- | :- |
        | escape, enter | Close. |
    """

    BINDINGS = [Binding("escape,enter,q", "close", "app.key.close")]

    def __init__(self, key: str, criterion: str, own: str | None = None) -> None:
        super().__init__()
        localize(self)
        self.key = key
        self.criterion = criterion
        self.own = own
        """The scorer whose level and note stay shown in blind mode (scoring), or ``None``."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(self.render_detail())

    def render_detail(self) -> Text:
        wb = self.app.workbench  # type: ignore[attr-defined]
        session = wb.session
        crit = session.tamis.by_id[self.criterion]
        blind = self.app.blind  # type: ignore[attr-defined]
        text = Text()
        text.append_text(plain(crit.label, style="bold"))
        text.append("\n")
        if crit.question:
            text.append_text(plain(crit.question, style="italic"))
            text.append("\n")
        text.append("\n")
        subject_id, _, angle_id = self.key.partition("/")
        text.append(t("app.detail.for") + " ", style="bold")
        text.append_text(plain(session.subjects[subject_id].title))
        if angle_id:  # angles are keyed by case key: an angle id is unique per subject only
            text.append(" / ")
            text.append_text(plain(session.angles[self.key].title))
        text.append("\n\n")
        text.append(t("app.detail.scale") + "\n", style="bold")
        for level, meaning in enumerate(crit.scale.levels):
            text.append(f"  {level}  ")
            text.append_text(plain(meaning))
            if crit.is_gate and level >= crit.pass_at and level - 1 < crit.pass_at:
                text.append("  ← " + t("app.detail.pass_at"), style="dim")
            text.append("\n")
        text.append("\n")
        case_key = (
            self.key
            if angle_id
            else next((c.key for c in session.cases if c.subject.id == subject_id), None)
        )
        scores = {
            s: session.scores.get(s, {}).get(self.key, {}).get(crit.id) for s in session.scorers
        }
        text.append(t("app.detail.levels") + "\n", style="bold")
        for scorer_id, scorer in session.scorers.items():
            level = scores[scorer_id]
            text.append("  ")
            text.append_text(plain(scorer.name))
            text.append(t("app.colon"))
            hidden = blind and scorer_id != self.own
            if hidden:
                text.append("░", style="dim")
            elif level is None:
                text.append(t("app.detail.abstained"), style="dim")
            else:
                text.append(f"{level}", style="bold")
                text.append(" (")
                text.append_text(plain(crit.scale.levels[level]))
                text.append(")")
            note = session.notes.get(scorer_id, {}).get(self.key)
            if note and not hidden:
                text.append("\n    «\u00a0")
                text.append_text(plain(note, style="italic"))
                text.append("\u00a0»")
            text.append("\n")
        if case_key is not None and not blind:
            cell = explain(wb.evaluation, case_key).result.cells[crit.id]
            text.append("\n" + t("app.detail.group") + " ", style="bold")
            text.append(number(cell.group) if cell.group is not None else t("app.detail.none"))
            if cell.disputed:
                text.append("  ≠ " + t("app.detail.disputed"), style="bold")
            text.append("\n")
        return text

    def action_close(self) -> None:
        self.dismiss(None)


class ScorerPicker(Dialog[str | None]):
    """Choose a scorer in a list (quicker than cycling through 25 people).

    Bindings:
        | Key | Description |
        | :- | :- |
        | enter | Choose. |
        | escape | Cancel. |
    """

    BINDINGS = [Binding("escape", "cancel", "app.key.cancel")]

    def __init__(self, scorers: dict[str, str], current: str | None) -> None:
        super().__init__()
        localize(self)
        self.scorers = scorers
        """Scorer id -> name."""
        self.current = current

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(classes="dialog"):
            yield Static(Text(t("app.scorer.title"), style="bold"))
            options = OptionList(
                *(Option(plain(name), id=sid) for sid, name in self.scorers.items()),
                id="scorers",
            )
            yield options

    def on_mount(self) -> None:
        from textual.widgets import OptionList

        options = self.query_one(OptionList)
        ids = list(self.scorers)
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
