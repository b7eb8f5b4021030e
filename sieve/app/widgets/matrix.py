"""MatrixView: the scoring matrix, drawn line by line, repainting only what changed.

Rows are the cases grouped by subject (a subject row carries the subject
criteria, once per subject; its case rows carry the angle criteria); cases the
sieve sifted out come after, apart and dimmed, with the gate that stopped them
(in blind mode, nothing is split or marked: every case in file order).
Columns are the criteria in tamis order, gates first. A cell shows the group
level (the median) as a heatmap taken from the theme, ``≠`` on a disputed cell,
``?`` where nobody gave a level, ``✗`` on a gate not passed; in a scorer's view
it shows that scorer's level and ``·`` for an abstention. Those rows, as plain
data, are built by :mod:`sieve.app.widgets.matrix_rows`.

The widget uses Textual's Line API: :meth:`render_line` draws one line from a
cache of strips, and :meth:`show` compares the new rows with the old ones and
refreshes only the lines whose content changed, so that one score edit repaints
a few lines rather than every visible cell.

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down, left, right | Move the cursor. |
    | home, end | First or last criterion. |
    | pageup, pagedown | Move a page. |
    | enter | Details of the cell (every scorer's level, notes, the scale). |
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sieve.app.bindings import localize
from sieve.app.text import clip
from sieve.app.widgets.matrix_rows import (
    CASE,
    HEAT_STEPS,
    SECTION,
    SUBJECT,
    MatrixRow,
    RowCache,
    build_rows,
    column_codes,
    cut_labels,
    ordered_criteria,
)
from sieve.engine.evaluate import Evaluation
from sieve.i18n import t
from sieve.model import Criterion

#: Width of one criterion column.
CELL_WIDTH = 6
#: Width of the score column (score and rank, or the stopping gate).
SCORE_WIDTH = 9


class MatrixView(ScrollView, can_focus=True):
    """The scoring matrix (see the module's docstring)."""

    BINDINGS = [
        Binding("up", "move(0, -1)", show=False),
        Binding("down", "move(0, 1)", show=False),
        Binding("left", "move(-1, 0)", show=False),
        Binding("right", "move(1, 0)", show=False),
        Binding("home", "edge(-1)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("enter", "select", "app.key.detail", show=False),
    ]

    DEFAULT_CSS = """
    MatrixView { height: 1fr; }
    """

    class CursorMoved(Message):
        """The cursor moved to another cell."""

        def __init__(self, matrix: MatrixView) -> None:
            super().__init__()
            self.matrix = matrix

    class CellSelected(Message):
        """Enter was pressed on a cell."""

        def __init__(self, matrix: MatrixView, key: str, criterion: Criterion) -> None:
            super().__init__()
            self.matrix = matrix
            self.key = key
            """The subject id or case key the cell belongs to."""
            self.criterion = criterion

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize(self)
        self.rows: list[MatrixRow] = []
        """The lines of the matrix, as data."""
        self.columns: list[Criterion] = []
        """The criteria shown, in column order."""
        self.codes: list[str] = []
        self.cursor_row = 0
        """Index in :attr:`rows` of the cursor (never a section row)."""
        self.cursor_col = 0
        """Index in :attr:`columns` of the cursor."""
        self.repainted_lines = 0
        """How many lines the last :meth:`show` asked to repaint (for tests/benchmarks)."""
        self._cache: dict[int, Strip] = {}
        self._built = RowCache()
        """The rows as data, with what each was built from (only changed ones are built)."""
        self._styles: dict[str, Style] = {}
        self._theme_key: tuple | None = None
        self._longest = 0
        """The widest label of the rows (the label column grows to it when there is room)."""
        self._cut: tuple[int, list[str]] | None = None
        """The labels as shown (cut to tell siblings apart), and the width they were cut to."""

    # -- data ------------------------------------------------------------------------

    def show(self, evaluation: Evaluation, scorer: str | None = None, blind: bool = False) -> None:
        """Show an evaluation; repaint only the lines that changed."""
        columns = ordered_criteria(evaluation.session)
        rows = build_rows(evaluation, columns, scorer, blind, self._built)
        same_shape = (
            [c.id for c in columns] == [c.id for c in self.columns]
            and len(rows) == len(self.rows)
            and all(
                (a.kind, a.subject, a.case) == (b.kind, b.subject, b.case)
                for a, b in zip(rows, self.rows, strict=True)
            )
        )
        old = self.rows
        longest = max((len(row.label) for row in rows if row.kind != SECTION), default=0)
        if longest != self._longest:
            self._longest = longest
            same_shape = False  # the label column's width changes: repaint it all
        here = self.current_row
        shown_before = self._cut[1] if self._cut is not None else None
        self.columns = columns
        self.codes = column_codes(columns)
        self.rows = rows
        self._cut = None
        if not same_shape:
            self._cache.clear()
            self._follow(here)
            self._clamp_cursor()
            self.virtual_size = Size(self._fixed_width() + len(columns) * CELL_WIDTH, len(rows) + 1)
            self.repainted_lines = len(rows) + 1
            self.refresh()
            if here is not None:
                self._scroll_to_cursor()
            return
        shown = self.labels()
        changed = [
            i
            for i, (a, b) in enumerate(zip(rows, old, strict=True))
            # a renamed title may change how its siblings are cut
            if (a is not b and a != b) or shown_before is None or shown[i] != shown_before[i]
        ]
        if self.cursor_row not in changed:
            changed.append(self.cursor_row)  # it may show the subject line's cell
        for i in changed:
            self._cache.pop(i, None)
            self.refresh_line(i + 1)
        self.repainted_lines = len(changed)

    @property
    def current_row(self) -> MatrixRow | None:
        if 0 <= self.cursor_row < len(self.rows):
            return self.rows[self.cursor_row]
        return None

    @property
    def current_criterion(self) -> Criterion | None:
        if 0 <= self.cursor_col < len(self.columns):
            return self.columns[self.cursor_col]
        return None

    def current_key(self) -> str | None:
        """The subject id or case key that the cursor's cell scores (``None``: none)."""
        row, crit = self.current_row, self.current_criterion
        if row is None or crit is None or row.kind == SECTION:
            return None
        if crit.on_angle:
            return row.case
        return row.subject

    def move_to(self, key: str, criterion: str | None = None) -> None:
        """Put the cursor on a case (or subject) row, and a criterion's column."""
        for i, row in enumerate(self.rows):
            if row.case == key or (row.kind == SUBJECT and row.subject == key):
                self._set_cursor(i, self.cursor_col)
                break
        if criterion is not None:
            for j, crit in enumerate(self.columns):
                if crit.id == criterion:
                    self._set_cursor(self.cursor_row, j)

    # -- cursor ----------------------------------------------------------------------

    def _follow(self, row: MatrixRow | None) -> None:
        """Keep the cursor on ``row``'s line after the rows moved (a case that passes its
        gates goes up): the same case, or the same subject's line (in its section if it
        is still there), so that the next key edits the cell the cursor was on."""
        if row is None or row.kind == SECTION:
            return
        if row.kind == CASE:
            found = [i for i, r in enumerate(self.rows) if r.case == row.case]
        else:
            found = [
                i for i, r in enumerate(self.rows) if r.kind == SUBJECT and r.subject == row.subject
            ]
            found.sort(key=lambda i: self.rows[i].sifted != row.sifted)
        if found:
            self.cursor_row = found[0]

    def next_cell_of_row(self) -> bool:
        """Move right to the next cell that the cursor's line scores (a subject's line:
        the subject criteria; a case's line: the angle criteria), as a spreadsheet moves
        on after an entry; ``False`` when the cursor is on the line's last one."""
        row = self.current_row
        if row is None or row.kind == SECTION:
            return False
        on_angle = row.kind == CASE
        for j in range(self.cursor_col + 1, len(self.columns)):
            if self.columns[j].on_angle == on_angle:
                self._set_cursor(self.cursor_row, j)
                return True
        return False

    def _clamp_cursor(self) -> None:
        self.cursor_col = max(0, min(self.cursor_col, len(self.columns) - 1))
        self.cursor_row = max(0, min(self.cursor_row, len(self.rows) - 1))
        if self.rows and self.rows[self.cursor_row].kind == SECTION:
            self.cursor_row = self._next_row(self.cursor_row, 1)

    def _next_row(self, start: int, step: int) -> int:
        if not self.rows:
            return 0
        i = start
        while 0 <= i + step < len(self.rows):
            i += step
            if self.rows[i].kind != SECTION:
                return i
        return start if self.rows[start].kind != SECTION else max(0, start - 1)

    def _set_cursor(self, row: int, col: int) -> None:
        if not self.rows or not self.columns:
            return
        old_row = self.cursor_row
        row = max(0, min(row, len(self.rows) - 1))
        col = max(0, min(col, len(self.columns) - 1))
        if (row, col) == (self.cursor_row, self.cursor_col):
            return
        self.cursor_row, self.cursor_col = row, col
        for i in {old_row, row}:
            self._cache.pop(i, None)
            self.refresh_line(i + 1)
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self))

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        y = self.scroll_offset.y
        if self.cursor_row < y:
            y = self.cursor_row
        elif self.cursor_row >= y + height:
            y = self.cursor_row - height + 1
        visible = max(1, self.scrollable_content_region.width - self._fixed_width())
        x = self.scroll_offset.x
        left = self.cursor_col * CELL_WIDTH
        if left < x:
            x = left
        elif left + CELL_WIDTH > x + visible:
            x = left + CELL_WIDTH - visible
        self.scroll_to(x, y, animate=False)

    def action_move(self, dx: int, dy: int) -> None:
        row = self._next_row(self.cursor_row, dy) if dy else self.cursor_row
        self._set_cursor(row, self.cursor_col + dx)

    def action_edge(self, direction: int) -> None:
        self._set_cursor(self.cursor_row, 0 if direction < 0 else len(self.columns) - 1)

    def action_page(self, direction: int) -> None:
        row = self.cursor_row
        for _ in range(max(1, self.size.height - 2)):
            row = self._next_row(row, direction)
        self._set_cursor(row, self.cursor_col)

    def action_select(self) -> None:
        key, crit = self.current_key(), self.current_criterion
        if key is not None and crit is not None:
            self.post_message(self.CellSelected(self, key, crit))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = offset.y - 1 + self.scroll_offset.y
        fixed = self._fixed_width()
        col = self.cursor_col
        if offset.x >= fixed:
            col = (offset.x - fixed + self.scroll_offset.x) // CELL_WIDTH
        if 0 <= row < len(self.rows) and self.rows[row].kind != SECTION:
            self._set_cursor(row, col)

    # -- drawing ---------------------------------------------------------------------

    def _label_width(self) -> int:
        """44 cells, or up to the widest label when the screen has room left for it."""
        # before its first layout the matrix is as wide as the screen will make it (the
        # whole width): its virtual size is then right at once, with no second layout
        width = self.size.width or self.app.size.width
        available = width - SCORE_WIDTH - len(self.columns) * CELL_WIDTH - 1
        return max(20, min(max(44, self._longest + 1), available))

    def labels(self) -> list[str]:
        """Each row's label as the label column shows it: cut so that sibling titles
        sharing their first words still tell each other apart."""
        width = self._label_width() - 1
        if self._cut is None or self._cut[0] != width:
            self._cut = (width, cut_labels(self.rows, width))
        return self._cut[1]

    def _fixed_width(self) -> int:
        return self._label_width() + SCORE_WIDTH

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._theme_key = None

    def _on_resize(self, event) -> None:
        self._cache.clear()
        if self.columns:
            self.virtual_size = Size(
                self._fixed_width() + len(self.columns) * CELL_WIDTH, len(self.rows) + 1
            )

    def _style(self, name: str) -> Style:
        variables = self.app.theme_variables
        key = (self.app.theme, variables.get("primary"), variables.get("surface"))
        if key != self._theme_key:
            self._styles = self._make_styles(variables)
            self._theme_key = key
        return self._styles.get(name) or self._styles[""]

    def _make_styles(self, v: dict[str, str]) -> dict[str, Style]:
        def color(name: str, default: str) -> Color:
            try:
                return Color.parse(v.get(name, default))
            except Exception:
                return Color.parse(default)

        surface = color("surface", "#1e1e1e")
        primary = color("primary", "#0178d4")
        foreground = color("foreground", "#e0e0e0")
        muted = surface.blend(foreground, 0.45)
        warning = color("warning", "#ffa62b")
        error = color("error", "#ba3c5b")
        styles: dict[str, Style] = {
            "": Style(color=foreground.rich_color, bgcolor=surface.rich_color),
            "header": Style(color=foreground.rich_color, bgcolor=surface.rich_color, bold=True),
            "section": Style(color=muted.rich_color, bgcolor=surface.rich_color, italic=True),
            "subject": Style(color=foreground.rich_color, bgcolor=surface.rich_color, bold=True),
            "case": Style(color=foreground.rich_color, bgcolor=surface.rich_color),
            "score": Style(color=foreground.rich_color, bgcolor=surface.rich_color, bold=True),
            "sifted": Style(color=error.rich_color, bgcolor=surface.rich_color),
            "missing": Style(color=warning.rich_color, bgcolor=surface.rich_color, bold=True),
            "absent": Style(color=muted.rich_color, bgcolor=surface.rich_color),
            "hidden": Style(color=muted.rich_color, bgcolor=surface.rich_color),
            "flag": Style(color=warning.rich_color, bgcolor=surface.rich_color, bold=True),
        }
        for step in range(HEAT_STEPS + 1):
            bg = surface.blend(primary, 0.12 + 0.88 * step / HEAT_STEPS)
            fg = bg.get_contrast_text(1.0)
            styles[f"heat{step}"] = Style(color=fg.rich_color, bgcolor=bg.rich_color)
            styles[f"heat{step}-disputed"] = Style(
                color=fg.rich_color, bgcolor=bg.rich_color, bold=True, underline=True
            )
        return styles

    def _row_strip(self, index: int) -> Strip:
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        row = self.rows[index]
        label_w = self._label_width()
        base = self._style("")
        dim = Style(dim=True) if row.sifted else Style()
        on_row = index == self.cursor_row and self.has_focus_within
        segments: list[Segment] = []
        if row.kind == SECTION:
            text = clip(row.label, label_w + SCORE_WIDTH + len(self.columns) * CELL_WIDTH)
            segments.append(Segment(f"── {text} ", self._style("section")))
            strip = Strip(segments)
            self._cache[index] = strip
            return strip
        label_style = self._style("subject" if row.kind == SUBJECT else "case")
        if row.flagged and row.kind == SUBJECT:
            label_style = self._style("flag")
        if on_row:
            label_style = label_style + Style(reverse=True)
        label = self.labels()[index].ljust(label_w)
        segments.append(Segment(label, label_style + dim))
        score_style = self._style(row.score_style or "")
        segments.append(
            Segment(
                clip(row.score, SCORE_WIDTH - 1).rjust(SCORE_WIDTH - 1) + " ", score_style + dim
            )
        )
        for j, (text, style_name) in enumerate(row.cells):
            style = self._style(style_name) if style_name else base
            cell_text = text.center(CELL_WIDTH - 1)[: CELL_WIDTH - 1]
            if on_row and j == self.cursor_col:
                if not text and row.kind == CASE and not self.columns[j].on_angle:
                    # a subject criterion on a case's line: show what the cursor edits
                    text = self._subject_cell(index, j)
                style = style + Style(reverse=True, bold=True)
                cell_text = (
                    f"[{text}]".center(CELL_WIDTH - 1)[: CELL_WIDTH - 1]
                    if text
                    else "[ ]".center(CELL_WIDTH - 1)
                )
            segments.append(Segment(cell_text, style + dim))
            segments.append(Segment(" ", base))
        strip = Strip(segments)
        self._cache[index] = strip
        return strip

    def _subject_cell(self, index: int, column: int) -> str:
        """The text of the subject line's cell above a case line, in the same column."""
        for i in range(index, -1, -1):
            if self.rows[i].kind == SUBJECT:
                return self.rows[i].cells[column][0]
        return ""

    def _header_strip(self) -> Strip:
        label_w = self._label_width()
        header = self._style("header")
        segments = [
            Segment(clip(t("app.matrix.case_column"), label_w - 1).ljust(label_w), header),
            Segment(
                clip(t("app.matrix.score_column"), SCORE_WIDTH - 1).rjust(SCORE_WIDTH - 1) + " ",
                header,
            ),
        ]
        for j, code in enumerate(self.codes):
            style = header + Style(reverse=True) if j == self.cursor_col else header
            segments.append(Segment(code.center(CELL_WIDTH - 1), style))
            segments.append(Segment(" ", header))
        return Strip(segments)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        fixed = self._fixed_width()
        base = self._style("")
        if y == 0:
            strip = self._header_strip()
        else:
            index = self.scroll_offset.y + y - 1
            if not 0 <= index < len(self.rows):
                return Strip.blank(width, base)
            strip = self._row_strip(index)
        if self.rows and y and self.rows[self.scroll_offset.y + y - 1].kind == SECTION:
            return strip.crop_extend(0, width, base)
        x = self.scroll_offset.x
        left = strip.crop(0, fixed)
        right = strip.crop(fixed + x, fixed + x + max(0, width - fixed))
        return Strip.join([left, right]).extend_cell_length(width, base).crop(0, width)

    def on_focus(self) -> None:
        self._cache.pop(self.cursor_row, None)
        self.refresh()

    def on_blur(self) -> None:
        self._cache.pop(self.cursor_row, None)
        self.refresh()
