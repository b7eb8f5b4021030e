"""The error screen: files that cannot be used, every problem at its file:line:col.

Bindings:
    | Key | Description |
    | :- | :- |
    | ctrl+r | Read the files again (after fixing them). |
    | ctrl+q | Quit. |
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from sieve.app.bindings import localize
from sieve.app.text import plain
from sieve.app.widgets.keybar import KeyBar
from sieve.errors import Problem, relative_path
from sieve.i18n import t


class ErrorScreen(Screen):
    """Every problem of the files of a session that cannot be opened."""

    BINDINGS = [Binding("ctrl+r", "app.reload", "app.key.reload")]

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        super().__init__()
        localize(self)
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        errors = sum(p.is_error for p in self.problems)
        head = Text(t("app.errors.title", count=errors) + "\n", style="bold")
        head.append_text(plain(relative_path(Path(self.path), None)))
        yield Static(head, classes="bar error-bar")
        body = Text()
        for problem in self.problems:
            style = "bold" if problem.is_error else "dim"
            body.append_text(plain(problem.render(), style=style))  # one line each
            body.append("\n")
        if not self.problems:
            body.append(t("app.errors.none"))
        body.append("\n" + t("app.errors.hint"), style="italic")
        with VerticalScroll():
            yield Static(body, id="problems")
        yield KeyBar()
