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

#: (keys, catalogue key) of the keys that work everywhere or on the matrix screens.
KEYS = [
    ("↑ ↓ ← →", "app.help.keys.move"),
    ("Enter", "app.help.keys.enter"),
    ("s / g", "app.help.keys.scorer"),
    ("0-9", "app.help.keys.digit"),
    ("⌫ / Suppr", "app.help.keys.abstain"),
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
        text = Text(t("app.help.title") + "\n\n", style="bold")
        text.append(t("app.help.screens") + "\n", style="bold")
        for entry in SCREENS:
            text.append(f"  {entry.key:>3}  ", style="bold")
            text.append(t(entry.title_key).ljust(14))
            if entry.help_key:
                text.append(t(entry.help_key), style="dim")
            text.append("\n")
        text.append("\n" + t("app.help.keys") + "\n", style="bold")
        for keys, key in KEYS:
            text.append(f"  {keys:>10}  ", style="bold")
            text.append(t(key) + "\n")
        text.append("\n" + t("app.help.symbols"), style="dim")
        with VerticalScroll(classes="dialog wide"):
            yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)
