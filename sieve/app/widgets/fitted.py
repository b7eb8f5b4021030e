"""Text worded to the width the widget is laid out at, by the widget itself.

A screen that cuts its lines to a widget's width (titles clipped apart beside a list)
would have to wait for the layout, read the width back and build itself again when it
changes: a list as wide as its lines is laid out only after they come, so the panel
beside it changes width once per build, and the screen was built twice. A
:class:`FittedText` is given a function of the width instead, and words its text again
on its own whenever its width changes: the screen is built once.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

#: Words a text for a width in cells (every line of it should fit that width).
Wording = Callable[[int], Text]


class FittedText(Widget):
    """A text made for the widget's width, made again when that width changes."""

    DEFAULT_CSS = """
    FittedText { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._wording: Wording | None = None
        self._made: tuple[int, Text] | None = None
        """The text last made, and the width it was made for."""

    def show(self, wording: Wording | Text | None) -> None:
        """Show the text ``wording`` makes for a width (or a fixed text, or nothing)."""
        if isinstance(wording, Text):
            fixed = wording
            self._wording = lambda _width: fixed
        else:
            self._wording = wording
        self._made = None
        self.refresh(layout=True)

    def text(self, width: int) -> Text:
        """The text for ``width`` cells (made once per width)."""
        if self._made is None or self._made[0] != width:
            made = Text() if self._wording is None else self._wording(max(1, width))
            self._made = (width, made)
        return self._made[1]

    def render(self) -> Text:
        return self.text(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not width:
            return 0
        return len(self.text(width).wrap(self.app.console, width))
