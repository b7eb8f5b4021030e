"""The first screen of an empty session: what to add next, and the key of each step.

Shown once when a session with no case opens (a session just made by ``sieve new``);
each step is ticked when the session already has it. A screen key (``w``, ``5``...)
goes straight to that screen; Escape or Enter shows the matrix.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from sieve.app.bindings import localize
from sieve.app.screens.base import Dialog
from sieve.app.text import plain
from sieve.i18n import t
from sieve.model import Session


def steps(session: Session) -> list[tuple[bool, str, str]]:
    """The steps of a first session: (done, key, what to do), in order."""
    scored = any(rows for rows in session.scores.values())
    return [
        (bool(session.scorers), "w", t("app.guide.people")),
        (bool(session.subjects), "5", t("app.guide.subjects")),
        (bool(session.angles), "5", t("app.guide.angles")),
        (scored, "2", t("app.guide.score")),
        (False, "3", t("app.guide.rank")),
    ]


class GuideScreen(Dialog[None]):
    """Where to begin in an empty session.

    Bindings:
        | Key | Description |
        | :- | :- |
        | escape, enter | Show the matrix. |
        | 1…9, 0, w, x, p | Show that screen. |
    """

    BINDINGS = [Binding("escape,enter", "close", "app.guide.key.close")]

    def __init__(self, session: Session) -> None:
        from sieve.app.screens import SCREENS

        super().__init__()
        localize(self)
        self.session = session
        for entry in SCREENS:  # a modal screen does not pass keys to the app: bind them here
            self._bindings.bind(entry.key, f"go('{entry.name}')", show=False)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            title = Text(t("app.guide.title") + " ", style="bold")
            title.append_text(plain(self.session.title, style="bold"))
            yield Static(title)
            yield Static(t("app.guide.intro"))
            lines = Text()
            for n, (done, key, what) in enumerate(steps(self.session), start=1):
                lines.append(f"{'✔' if done else ' '} {n}. ", style="green" if done else "")
                lines.append(f" {key} ", style="reverse bold")
                lines.append(f"  {what}\n", style="dim" if done else "")
            yield Static(lines, id="guide-steps")
            yield Static(t("app.guide.hint"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_go(self, name: str) -> None:
        """Leave the guide for one of the main screens (the app pops the guide first)."""
        self.app.action_show(name)  # type: ignore[attr-defined]
