"""The one way file text reaches the screen: as ``rich.text.Text``, never as markup.

Labels, titles, notes and problems come from files that cities exchange. Given to
Textual as ``str`` they would be parsed as markup (``[@click=app.quit]x[/]`` would
become a live action, ``[/x]`` would crash); given raw to the terminal, escape bytes
would act on it. :func:`plain` shows them literally: control characters become
visible ``\\xNN`` escapes (:func:`sieve.text.literal`) and the result is a ``Text``,
which Textual does not parse.
"""

from __future__ import annotations

from rich.text import Text

from sieve.text import literal


def plain(value: object, style: str = "", one_line: bool = True) -> Text:
    """File text as a ``Text`` shown character for character."""
    return Text(literal(str(value), one_line=one_line), style=style, end="")


def clip(value: object, width: int) -> str:
    """File text made literal and cut to ``width`` cells with an ellipsis."""
    text = literal(str(value))
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…"
