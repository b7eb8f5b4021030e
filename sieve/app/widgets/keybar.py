"""KeyBar: a one-line footer of the keys that work where you are.

A light stand-in for Textual's ``Footer`` (which mounts one widget per key and
costs a noticeable part of start-up): one ``Static`` that words the screen's
active, shown bindings as ``key description`` pairs, updated when they change.
The command palette and quit keys are always listed last.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from sieve.i18n import t


class KeyBar(Static):
    """The keys that work on the current screen, in one line."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self._changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, screen) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            text.append(f" {self.app.get_key_display(binding)} ", style="bold reverse")
            text.append(f"{binding.description} ", style="" if enabled else "dim")
        text.append(" ^p ", style="bold reverse")
        text.append(t("app.key.palette") + " ")
        text.append(" ^q ", style="bold reverse")
        text.append(t("app.key.quit"))
        self.update(text)
