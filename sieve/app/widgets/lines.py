"""Long option lists: lines worded once and measured without being laid out, in a list
that keeps their heights.

A list of thousands of options (the vigilance screen lists every disputed cell of a
session: 6,663 points on 500 cases x 40 criteria) pays, in Textual's ``OptionList``,
for each option's conversion from ``rich.text.Text`` and for a full word wrap just to
learn its height, before a line is drawn. A :class:`Line` holds its words and styles
and knows its width from its pieces; it is made into a ``Content`` (no Rich round
trip, no markup parsed: file text stays literal) only when it is drawn, and it knows
its height at a glance when it fits the width, which is nearly always. A line wider
than the list is measured by that ``Content``, which draws it, so that the height and
the drawing always agree.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.content import Content, Span
from textual.visual import Visual
from textual.widgets import OptionList

#: A piece of a line: its text, its style (``""``, ``"bold"``, ``"italic"``, ``"dim"``...)
#: and its width in cells.
Piece = tuple[str, str, int]


def piece(text: str, style: str = "") -> Piece:
    """A piece of a line, measured (make file text literal first: :func:`sieve.text.literal`)."""
    return (text, style, cell_len(text))


class Line(Visual):
    """One line of text (no newline) made of pieces (see :func:`piece`), on ``style``.

    Pieces are measured once and shared by many lines (a title, a label); the line's
    width is the sum of its pieces' (a piece never ends inside a sequence of joined
    characters). The texts are shown as they are: never parsed as markup.
    """

    __slots__ = ("_pieces", "_style", "_plain", "cell_length", "_content")

    def __init__(self, pieces: tuple[Piece, ...], style: str = "", cells: int = -1) -> None:
        self._pieces = pieces
        self._style = style
        self._plain: str | None = None
        self.cell_length = sum([c for _text, _style, c in pieces]) if cells < 0 else cells
        """Its width in cells (``cells``, when the caller summed its pieces already)."""
        self._content: Content | None = None

    @property
    def plain(self) -> str:
        """The text, without its styles (joined on first use: when it is drawn)."""
        if self._plain is None:
            self._plain = "".join([text for text, _style, _cells in self._pieces])
        return self._plain

    def __str__(self) -> str:
        return self.plain

    @property
    def content(self) -> Content:
        """The line as Textual ``Content`` (made on first use: when it is drawn)."""
        if self._content is None:
            spans = [Span(0, len(self.plain), self._style)] if self._style else []
            at = 0
            for text, style, _cells in self._pieces:
                end = at + len(text)
                if style and end > at:
                    spans.append(Span(at, end, style))
                at = end
            self._content = Content(self.plain, spans, self.cell_length, strip_control_codes=False)
        return self._content

    def render_strips(self, width, height, style, options):
        return self.content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules, container_width: int) -> int:
        return self.cell_length + rules.get("line_pad", 0) * 2

    def get_minimal_width(self, rules) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules, width: int) -> int:
        """The lines it takes at ``width``: one when it fits, else as ``Content`` wraps it."""
        plain_rules = not rules.get("line_pad", 0) and rules.get("text_wrap", "wrap") == "wrap"
        if plain_rules and self.cell_length <= width:
            return 1
        return self.content.get_height(rules, width)


class LongOptionList(OptionList):
    """An ``OptionList`` that keeps its options' heights when its width does not change.

    ``OptionList`` forgets every option's height and drawing on each resize, and a
    screen shown again is resized: 6,663 vigilance lines were measured again each time
    the screen came back. Heights and drawings depend on the width only: a resize that
    keeps the width they were measured at keeps them. (``OptionList._update_lines`` and
    its line cache are Textual's; ``textual`` is pinned to 8.2, and a test checks that
    a narrower list measures its lines again.)
    """

    _laid_width: int | None = None
    """The width the options were measured at (``None``: not measured yet)."""

    def _update_lines(self) -> None:
        if not self._line_cache.lines:  # measured afresh, at this width
            self._laid_width = self.scrollable_content_region.width
        super()._update_lines()

    def _on_resize(self, event: events.Resize) -> None:
        if self._line_cache.lines and self.scrollable_content_region.width == self._laid_width:
            event.prevent_default()  # OptionList's own handler would forget them all
