"""The command palette (ctrl+p): the screens of the registry and the main actions, and
the palette itself, worded in the current language."""

from __future__ import annotations

from functools import partial

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from sieve.app.screens import SCREENS
from sieve.i18n import t

#: (catalogue key of the title, catalogue key of the help, app action).
ACTIONS = [
    ("app.cmd.blind", "app.cmd.blind.help", "toggle_blind"),
    ("app.cmd.undo", "app.cmd.undo.help", "undo"),
    ("app.cmd.reload", "app.cmd.reload.help", "reload"),
    ("app.cmd.report", "app.cmd.report.help", "report"),
    ("app.cmd.help", "app.cmd.help.help", "help"),
]


class SieveCommands(Provider):
    """Show a screen or run a main action by name."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        commands: list[tuple[str, str, object]] = []
        for entry in SCREENS:
            title = t("app.cmd.show", screen=t(entry.title_key))
            help_text = t(entry.help_key) if entry.help_key else ""
            commands.append((title, help_text, partial(app.action_show, entry.name)))
        for title_key, help_key, action in ACTIONS:
            commands.append((t(title_key), t(help_key), getattr(app, f"action_{action}")))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)  # type: ignore[arg-type]


class SievePalette(CommandPalette):
    """Textual's command palette, saying "no match" in the current language.

    Textual writes its "No matches found" line in English with no way to word it:
    this shows the same line, after the same delay, from the catalogue.
    """

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if not search_value:  # discovering, not searching: nothing to say
                self._list_visible = False
                return
            self.query_one(CommandList).add_option(
                Option(
                    Align.center(Text(t("app.cmd.no_match"), style="not bold")),
                    disabled=True,
                    id=self._NO_MATCHES,
                )
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
