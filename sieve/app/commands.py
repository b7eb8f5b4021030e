"""The command palette (ctrl+p): the screens of the registry and the main actions."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from sieve.app.screens import SCREENS
from sieve.i18n import t

#: (catalogue key of the title, catalogue key of the help, app action).
ACTIONS = [
    ("app.cmd.blind", "app.cmd.blind.help", "toggle_blind"),
    ("app.cmd.undo", "app.cmd.undo.help", "undo"),
    ("app.cmd.reload", "app.cmd.reload.help", "reload"),
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
