"""Pick a session among those of a folder (``sieve FOLDER``)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.base import AnsweredOnce
from sieve.app.text import plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import t


class SessionPicker(AnsweredOnce, Screen[Path | None]):
    """A list of session files; Enter opens one, Escape quits.

    Bindings:
        | Key | Description |
        | :- | :- |
        | enter | Open the session. |
        | escape | Quit. |
    """

    BINDINGS = [Binding("escape", "cancel", "app.key.quit")]

    def __init__(self, sessions: list[Path]) -> None:
        super().__init__()
        localize(self)
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        yield Static(Text(t("app.picker.title"), style="bold"), classes="bar")
        options = []
        for i, path in enumerate(self.sessions):
            prompt = plain(path.name, style="bold")
            prompt.append("  ")
            prompt.append_text(plain(path.parent, style="dim"))
            options.append(Option(prompt, id=str(i)))
        yield OptionList(*options, id="sessions")
        yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.sessions[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class OtherSessionPicker(SessionPicker):
    """Another session of the workspace to open in place of the current one.

    Bindings:
        | Key | Description |
        | :- | :- |
        | enter | Open the session. |
        | escape | Back to the session open. |
    """

    BINDINGS = [Binding("escape", "cancel", "app.key.cancel")]
