"""The one input the app edits file text with: it shows and holds only visible text.

A title, label or note may hold control, bidi or invisible characters (an
``ESC]0;…BEL`` that would set the terminal's title, a ``\\u202e`` that reverses
what follows, a newline that would shift the rows). :class:`TextInput` shows such a
value in its visible form (:func:`sieve.text.editable`: ``\\x1b``, ``\\u202e``,
``\\n``), escapes whatever is typed or pasted the same way, and gives back the text
that form spells (:func:`sieve.text.from_editable`, :attr:`TextInput.text`), so
that a field left as it was, or changed elsewhere, keeps every character of the file.
"""

from __future__ import annotations

from textual.widgets import Input

from sieve.text import editable, from_editable


class TextInput(Input):
    """An ``Input`` over file text: built with the value, read back with :attr:`text`.

    ``value`` (what Textual draws) never holds a raw character of the one rule.
    """

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(editable(text), **kwargs)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        """The text the field stands for: what saving it writes."""
        return from_editable(self.value)

    def replace(self, text: str, start: int, end: int) -> None:
        """Typing and pasting go through here: what comes in is made visible first."""
        super().replace(editable(text), start, end)
