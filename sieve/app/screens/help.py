"""The help screen: the screens and the keys that work, in the current language."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sieve.app.bindings import localize
from sieve.app.screens import SCREENS
from sieve.i18n import t

#: (keys, catalogue key) of the keys that work everywhere or on the matrix screens
#: (keys named by a catalogue key, ``app.…``, are worded in the current language).
KEYS = [
    ("↑ ↓ ← →", "app.help.keys.move"),
    ("⏎", "app.help.keys.enter"),
    ("s / g", "app.help.keys.scorer"),
    ("S", "app.help.keys.choose_scorer"),
    ("0-9", "app.help.keys.digit"),
    ("app.help.keys.abstain.names", "app.help.keys.abstain"),
    ("n", "app.help.keys.note"),
    ("esc", "app.help.keys.leave"),
    ("u / ctrl+z", "app.help.keys.undo"),
    ("b", "app.help.keys.blind"),
    ("ctrl+r", "app.help.keys.reload"),
    ("ctrl+p", "app.help.keys.palette"),
    ("? / F1", "app.help.keys.help"),
    ("ctrl+q", "app.help.keys.quit"),
]


class HelpScreen(ModalScreen[None]):
    """What each screen shows and which keys work.

    Bindings:
        | Key | Description |
        | :- | :- |
        | escape, ?, q | Close. |
    """

    BINDINGS = [Binding("escape,question_mark,q,f1", "close", "app.key.close")]

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    def compose(self) -> ComposeResult:
        from rich.console import Group
        from rich.table import Table

        def grid() -> Table:
            table = Table.grid(padding=(0, 2))
            table.add_column(justify="right", style="bold", no_wrap=True)
            table.add_column(ratio=1)
            return table

        screens = grid()
        for entry in SCREENS:
            line = Text(t(entry.title_key), style="bold")
            if entry.help_key:
                line.append(" — " + t(entry.help_key), style="")
            screens.add_row(Text(entry.key), line)
        keys = grid()
        for names, key in KEYS:
            keys.add_row(Text(t(names) if names.startswith("app.") else names), Text(t(key)))
        body = Group(
            Text(t("app.help.title") + "\n", style="bold"),
            Text(t("app.help.screens"), style="bold underline"),
            screens,
            Text(""),
            Text(t("app.help.keys"), style="bold underline"),
            keys,
            Text(""),
            Text(t("app.help.symbols"), style="dim"),
        )
        with VerticalScroll(classes="dialog wide"):
            yield Static(body)

    def action_close(self) -> None:
        self.dismiss(None)
