"""Typed dialogs for editing the tamis and the cases; each answers through ``dismiss``.

- :class:`FormDialog` (``dict[str, str] | None``): a few fields (text or choice);
  ``None`` when cancelled.
- :class:`ConfirmDialog` (``bool``): a yes/no question before removing something.
- :class:`TagsDialog` (``list[str] | None``): pick items in a list (attention indicators).

File text (current values, labels) is shown literally: inputs are not markup, and
every prompt is a ``rich.text.Text``. A text field is a
:class:`~sieve.app.widgets.text_input.TextInput`: it shows a value's control, bidi and
invisible characters as visible escapes and answers the text they spell, so a field
left as it was answers its value exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Select, SelectionList, Static

from sieve.app.bindings import localize
from sieve.app.screens.base import Dialog
from sieve.app.widgets.text_input import TextInput
from sieve.i18n import t


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a :class:`FormDialog`."""

    name: str
    """The key of the answer."""
    label: str
    """What the field is (catalogue text, already worded)."""
    value: str = ""
    """The current value."""
    choices: tuple[tuple[Text | str, str], ...] = ()
    """(prompt, value) pairs: a choice instead of a text input."""


class FormDialog(Dialog[dict[str, str] | None]):
    """A small form: Enter in the last field (or OK) answers; Escape cancels.

    Bindings:
        | Key | Description |
        | :- | :- |
        | enter | Next field (a choice: open its list; picking moves on); the last: answer. |
        | ctrl+s | Answer. |
        | escape | Cancel. |
    """

    BINDINGS = [
        Binding("escape", "cancel", "app.key.cancel"),
        Binding("ctrl+s", "submit", "app.key.ok"),
    ]

    DEFAULT_CSS = """
    FormDialog .field-label { margin-top: 0; color: $text-muted; }
    FormDialog Input, FormDialog Select { background: $panel; margin-bottom: 1; }
    FormDialog .buttons { height: auto; }
    FormDialog #form-error { color: $text-error; margin-bottom: 1; }
    """

    def __init__(self, title: Text | str, fields: list[Field], error: str = "") -> None:
        super().__init__()
        localize(self)
        self.form_title = title if isinstance(title, Text) else Text(title)
        self.fields = fields
        self.error = error
        """Why the previous answer was refused (shown under the fields), or ``""``."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Static(Text(self.form_title.plain, style="bold"))
            for field in self.fields:
                yield Static(Text(field.label), classes="field-label")
                if field.choices:
                    yield Select(
                        [(prompt, value) for prompt, value in field.choices],
                        value=field.value or field.choices[0][1],
                        allow_blank=False,
                        id=f"field-{field.name}",
                        compact=True,
                    )
                else:
                    yield TextInput(
                        field.value, id=f"field-{field.name}", select_on_focus=False, compact=True
                    )
            if self.error:
                yield Static(Text(self.error), id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(t("app.form.ok"), id="ok", variant="primary")
                yield Button(t("app.form.cancel"), id="cancel")
            yield Static(t("app.form.hint"), classes="hint")

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()
        for select in self.query(Select):
            self.watch(select, "expanded", self._list_closed, init=False)

    def _list_closed(self, was_open: bool, is_open: bool) -> None:
        """Back from a choice's list (an item picked): on to the next field, like Enter."""
        focused = self.focused
        if (was_open and not is_open and focused is not None) and (
            isinstance(focused, Select) or isinstance(focused.parent, Select)
        ):
            self.call_after_refresh(self.focus_next)

    def answer(self) -> dict[str, str]:
        out = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, TextInput):
                out[field.name] = widget.text
                continue
            value = widget.value  # type: ignore[attr-defined]
            out[field.name] = "" if value is Select.BLANK else str(value)
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        last = self.query_one(f"#field-{self.fields[-1].name}")
        if event.input is last:
            self.action_submit()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        self.dismiss(self.answer())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; ``True`` only for an explicit yes.

    Bindings:
        | Key | Description |
        | :- | :- |
        | o, y | Yes (o: oui). |
        | n, escape | No. |
    """

    BINDINGS = [
        Binding("y,o", "answer(True)", "app.key.yes"),
        Binding("n,escape", "answer(False)", "app.key.no"),
    ]

    DEFAULT_CSS = """
    ConfirmDialog .buttons { height: auto; }
    """

    def __init__(self, question: Text, detail: Text | None = None, yes: str | None = None) -> None:
        super().__init__()
        localize(self)
        self.question = question
        self.detail = detail
        self.yes = yes or t("app.confirm.yes")
        """The yes button's words (by default, for a removal)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text.assemble(self.question, style="bold"))
            if self.detail is not None:
                yield Static(self.detail)
            with Horizontal(classes="buttons"):
                yield Button(self.yes, id="yes", variant="error")
                yield Button(t("app.confirm.no"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class TagsDialog(Dialog[list[str] | None]):
    """Tick the items that apply; Enter answers the ticked ids, Escape cancels.

    Bindings:
        | Key | Description |
        | :- | :- |
        | space | Tick or untick. |
        | enter | Answer. |
        | escape | Cancel. |
    """

    BINDINGS = [
        Binding("escape", "cancel", "app.key.cancel"),
        Binding("enter,ctrl+s", "submit", "app.key.ok", priority=True),
    ]

    DEFAULT_CSS = """
    TagsDialog .buttons { height: auto; }
    TagsDialog SelectionList { height: auto; max-height: 12; }
    """

    def __init__(self, title: Text, items: list[tuple[Text, str, bool]]) -> None:
        super().__init__()
        localize(self)
        self.tags_title = title
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(Text.assemble(self.tags_title, style="bold"))
            yield SelectionList[str](*self.items, id="tags")
            with Horizontal(classes="buttons"):
                yield Button(t("app.form.ok"), id="ok", variant="primary")
                yield Button(t("app.form.cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        focused = self.focused
        if isinstance(focused, Button) and focused.id == "cancel":
            self.action_cancel()
            return
        chosen = set(self.query_one(SelectionList).selected)
        self.dismiss([value for _prompt, value, _on in self.items if value in chosen])

    def action_cancel(self) -> None:
        self.dismiss(None)
