"""Tables whose columns fit their content and the room: each column as wide as its label
and widest cell need when they all fit, the widest giving way first when they do not
(:func:`sieve.app.text.fit_widths`)."""

from __future__ import annotations

from textual.widgets import DataTable

from sieve.app.text import fit_widths
from sieve.text import literal


def column_widths(
    table: DataTable, columns: tuple[tuple[str, int], ...], labels: list[str], rows: list
) -> list[int]:
    """Widths for ``table``'s columns that fit its width (:func:`fit_widths`): what the
    label and the widest cell of each need, the columns that may give way cut first.
    ``columns`` holds (key, least width) pairs, 0 for a column never cut; ``rows`` the
    cells as text."""
    natural = [
        max([len(label), *(len(literal(row[i])) for row in rows)]) for i, label in enumerate(labels)
    ]
    least = [min(m, n) if m else n for (_, m), n in zip(columns, natural, strict=True)]
    width = table.size.width or (table.parent.size.width if table.parent else 0)
    if not width:
        return natural  # before the layout: fitted again on the first resize
    height = table.parent.size.height if table.parent else table.size.height
    scrollbar = table.styles.scrollbar_size_vertical if len(rows) + 1 > height else 0
    room = width - scrollbar - 2 * table.cell_padding * len(columns)
    return fit_widths(natural, least, room)


def refill(table: DataTable, columns, labels: list[str], widths: list[int]) -> None:
    """Empty ``table`` and give it its columns again, at ``widths``."""
    table.clear(columns=True)
    for (key, _), label, width in zip(columns, labels, widths, strict=True):
        table.add_column(label, key=key, width=width)
