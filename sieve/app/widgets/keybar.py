"""KeyBar: a one-line footer of the keys that work where you are.

A light stand-in for Textual's ``Footer`` (which mounts one widget per key and
costs a noticeable part of start-up): one ``Static`` that words the screen's
active, shown bindings as ``key description`` pairs, updated when they change.
The command palette and quit keys are always listed last. When the line is too
narrow, keys are dropped from the least important: the palette first, then the
screen's keys from the last declared; help (``?``) and quit (``^q``) always stay.
"""

from __future__ import annotations

from rich.cells import cell_len
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

    dropped: tuple[tuple[str, str], ...] = ()
    """(key, words) of the screen's keys the line had no room for (the help lists them)."""

    _shown: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self._changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._changed(self.screen)

    def _changed(self, screen) -> None:
        keys: list[tuple[str, str, bool]] = []  # (key, description, enabled)
        help_key = None
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            entry = (self.app.get_key_display(binding), binding.description, enabled)
            if binding.action == "help":
                help_key = entry
            else:
                keys.append(entry)
        palette = ("^p", t("app.key.palette"), True)
        quit_key = ("^q", t("app.key.quit"), True)
        width = self.size.width or self.app.size.width

        def line(extra: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
            return [*keys, *([help_key] if help_key else []), *extra, quit_key]

        def length(entries: list[tuple[str, str, bool]]) -> int:
            return sum(cell_len(key) + cell_len(words) + 3 for key, words, _on in entries) - 1

        entries = line([palette])
        if length(entries) > width:
            entries = line([])
        dropped = []
        while keys and length(entries) > width:
            dropped.insert(0, keys.pop()[:2])
            entries = line([])
        self.dropped = tuple(dropped)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for i, (key, words, enabled) in enumerate(entries):
            text.append(f" {key} ", style="bold reverse")
            last = i == len(entries) - 1
            text.append(words if last else words + " ", style="" if enabled else "dim")
        # the same keys again (a resize, bindings checked again): no update, which would
        # lay the screen out and paint it again
        if text != self._shown:
            self._shown = text
            self.update(text)
