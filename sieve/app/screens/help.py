"""The help screen: the keys of the screen it was opened on, then the screens and the
keys that work everywhere, in the current language."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from sieve.app.bindings import localize
from sieve.app.screens import SCREENS
from sieve.app.screens.base import Dialog
from sieve.i18n import t

#: (keys, catalogue key) of the keys that work on every main screen.
EVERYWHERE = [
    ("u / ctrl+z", "app.help.keys.undo"),
    ("b", "app.help.keys.blind"),
    ("ctrl+r", "app.help.keys.reload"),
    ("R", "app.help.keys.report"),
    ("ctrl+p", "app.help.keys.palette"),
    ("? / F1", "app.help.keys.help"),
    ("ctrl+q", "app.help.keys.quit"),
]

#: Arrows, as the matrix's movement keys are shown (they carry no description).
ARROWS = ("↑ ↓ ← →", "app.help.keys.move")


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """(keys, words) of every key ``screen`` answers with its widgets, the app's own
    keys (listed under "everywhere" and "screens") left out; keys of one action merged."""
    app = screen.app
    rows: dict[str, list[str]] = {}
    moves = False
    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if node is app or binding.action not in sieve_actions(node):
            continue  # the app's keys are listed apart; Textual's own are not sieve's words
        if binding.action.startswith("move("):
            moves = True
        if not binding.description:
            continue
        rows.setdefault(binding.description, []).append(app.get_key_display(binding))
    out = [ARROWS[:1] + (t(ARROWS[1]),)] if moves else []
    for words, keys in rows.items():
        shown = list(dict.fromkeys(keys))
        digits = [k for k in shown if k.isdigit()]
        if len(digits) > 2:
            shown = [f"{min(digits)}-{max(digits)}"] + [k for k in shown if not k.isdigit()]
        out.append((" / ".join(shown), words))
    return out


def sieve_actions(node: object) -> set[str]:
    """The actions of the bindings that sieve's own classes declare for ``node``."""
    actions = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("sieve."):
            for binding in cls.__dict__.get("BINDINGS", ()):
                actions.add(binding.action if isinstance(binding, Binding) else binding[1])
    return actions


def footer_dropped(screen: Screen) -> list[tuple[str, str]]:
    """The keys the screen's narrow footer had no room for."""
    from sieve.app.widgets.keybar import KeyBar

    return [entry for bar in screen.query(KeyBar) for entry in bar.dropped]


class HelpScreen(Dialog[None]):
    """The keys of the screen it was opened on (how to leave it, what the footer had no
    room for), what each screen shows, and the keys that work everywhere.

    Bindings:
        | Key | Description |
        | :- | :- |
        | escape, ?, q | Close. |
    """

    BINDINGS = [Binding("escape,question_mark,q,f1", "close", "app.key.close")]

    def __init__(self, origin: Screen | None = None, title: str = "") -> None:
        super().__init__()
        localize(self)
        self.origin_title = title or t("app.help.this_screen")
        """The name of the screen the help was opened on."""
        # read now: once the help is on top, the origin's bindings are no longer active
        self.keys = screen_keys(origin) if origin is not None else []
        self.dropped = footer_dropped(origin) if origin is not None else []

    def compose(self) -> ComposeResult:
        from rich.console import Group
        from rich.table import Table

        def grid(rows) -> Table:
            table = Table.grid(padding=(0, 2))
            table.add_column(justify="right", style="bold", no_wrap=True)
            table.add_column(ratio=1)
            for keys, words in rows:
                table.add_row(Text(keys), words if isinstance(words, Text) else Text(words))
            return table

        def heading(words: str) -> Text:
            return Text(words, style="bold underline")

        # the screens' keys from the list of screens: the digits as a range, then the letters
        letters = [e.key for e in SCREENS if not e.key.isdigit()]
        switch = " ".join(["1-9", "0", *letters])
        here = [*self.keys, (switch, t("app.help.keys.other_screen"))]
        parts = [
            Text(t("app.help.title") + "\n", style="bold"),
            heading(t("app.help.here", screen=self.origin_title)),
            grid(here),
        ]
        if self.dropped:
            parts += [Text(""), heading(t("app.help.dropped")), grid(self.dropped)]
        screens = []
        for entry in SCREENS:
            line = Text(t(entry.title_key), style="bold")
            if entry.help_key:
                line.append(" — " + t(entry.help_key), style="")
            screens.append((entry.key, line))
        parts += [
            Text(""),
            heading(t("app.help.everywhere")),
            grid((keys, t(key)) for keys, key in EVERYWHERE),
            Text(""),
            heading(t("app.help.screens")),
            grid(screens),
            Text(""),
            Text(t("app.help.symbols"), style="dim"),
        ]
        with VerticalScroll(classes="dialog wide"):
            yield Static(Group(*parts))

    def action_close(self) -> None:
        self.dismiss(None)
