"""The matrix screen: every case against every criterion, group or one scorer's view.

Its bar says each scorer's progress: how many of their cells hold a level, out of
the cells of the matrix (so a case reads "complete" only with a reason to: a scorer
at 0 has not scored at all).

Bindings:
    | Key | Description |
    | :- | :- |
    | s | Next scorer's view (after the last one, back to the group). |
    | g | The group's view. |
    | S | Choose a scorer in a list. |
    | enter | Details of the cell. |
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from sieve.app.bindings import localize
from sieve.app.screens.base import SieveScreen
from sieve.app.text import clip, plain
from sieve.app.widgets.keybar import KeyBar
from sieve.app.widgets.matrix import MatrixView
from sieve.i18n import number, t

#: The lines of the legend under the matrix (``.legend`` in app.tcss), the most a tall
#: screen's legend takes (``.legend.tall``), and the key bar's.
LEGEND_LINES = 3
LEGEND_TALL_MAX = 12
KEYBAR_LINES = 1


class MatrixScreen(SieveScreen):
    """The scoring matrix, with a bar on top and a legend of the cursor's cell below."""

    BINDINGS = [
        Binding("s", "next_scorer", "app.key.next_scorer"),
        Binding("g", "group_view", "app.key.group_view"),
        Binding("S", "choose_scorer", "app.key.choose_scorer", show=False),
    ]

    #: Whether digits record levels here (the scoring screen).
    editable = False

    AUTO_FOCUS = "#matrix"

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.scorer: str | None = None
        """The scorer whose levels are shown (``None``: the group)."""
        self._progress_lines = 1
        """How many lines the progress line took when last shown."""
        self._filled: dict[str, tuple[dict, int]] = {}
        """Per scorer: their scores' mapping and how many matrix cells it fills (a
        score edit replaces one scorer's mapping and one row of it: only that row is
        counted again)."""
        self._cells: tuple[tuple, tuple] | None = None
        self._columns_legend: tuple[tuple, Text] | None = None
        self._texts: dict[str, Text] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        yield MatrixView(id="matrix")
        yield Static(id="legend", classes="legend")
        yield KeyBar()

    @property
    def matrix(self) -> MatrixView:
        return self.query_one(MatrixView)

    def on_mount(self) -> None:
        self.matrix.focus()

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.evaluation is None:
            return
        session = wb.evaluation.session
        if self.scorer is not None and self.scorer not in session.scorers:
            self.scorer = None
        self.matrix.show(wb.evaluation, self.shown_scorer(), self.sieve.blind)
        self._update_legend()  # first: before the layout, the bar counts the legend's lines
        self._update_bar()

    def shown_scorer(self) -> str | None:
        """Whose levels the cells show: blind, nobody's but the scorer's own while scoring
        (a person's view would show what the group is not to see yet)."""
        if self.sieve.blind and not self.editable:
            return None
        return self.scorer

    def _update_bar(self) -> None:
        wb = self.sieve.workbench
        assert wb is not None and wb.session is not None
        session = wb.session
        bar = Text()
        bar.append(t(self.title_key) + " · ", style="bold")
        bar.append_text(plain(session.title))
        bar.append("  ·  ")
        if self.scorer is None:
            bar.append(t("app.matrix.group_view"))
        else:
            bar.append(t("app.matrix.scorer_view") + " ")
            bar.append_text(plain(session.scorers[self.scorer].name, style="bold"))
        if self.editable:
            bar.append("  ·  " + t("app.scoring.hint"), style="bold")
        if self.sieve.blind:
            bar.append("  ·  ")
            bar.append(t("app.blind.badge"), style="reverse")
        progress = self._progress_line(session, self._lines_of(bar))
        if progress is not None:
            bar.append("\n")
            bar.append_text(progress)
        self._show("#bar", bar)

    def _progress_line(self, session, head_lines: int = 1) -> Text | None:
        """``Progression : Ana 20/20 · Bob 0/20``, on as many lines as it needs when the
        matrix leaves them blank (a scorer's name never apart from their count), else
        cut to the screen's width."""
        if not session.scorers:
            return None
        total, _keys, _subjects, _crits = self._cells_of(session)
        pieces = []
        for sid, scorer in session.scorers.items():
            filled = self._filled_by(session, sid)
            piece = Text()
            piece.append_text(plain(scorer.name, style="bold" if sid == self.scorer else ""))
            done = total > 0 and filled >= total  # 0/0: nothing to score yet, not done
            piece.append(
                f" {filled}/{total}" + (" ✓" if done else ""),
                style="" if done else ("bold" if filled == 0 else ""),
            )
            pieces.append(piece)
        width = max(10, (self.size.width or 80) - 2)
        head = Text()  # only the words in bold: the scorer shown, a scorer at 0, stand out
        head.append(t("app.matrix.progress") + t("app.colon"), style="bold")
        lines = [head.copy()]
        for i, piece in enumerate(pieces):
            if i and lines[-1].cell_len + 3 + piece.cell_len > width:
                lines[-1].append(" ·")
                lines.append(Text())
            elif i:
                lines[-1].append(" · ")
            lines[-1].append_text(piece)
        if len(lines) > 1 and len(lines) - 1 <= self._spare_lines(head_lines):
            self._progress_lines = len(lines)  # the matrix has blank lines to give it
            return Text("\n").join(lines)
        self._progress_lines = 1
        one = head
        one.append_text(Text(" · ").join(pieces))
        one.truncate(width, overflow="ellipsis")
        return one

    def _spare_lines(self, head_lines: int = 1) -> int:
        """How many lines the matrix leaves blank below its last row (counting those the
        progress line takes beyond its first one, as they would come back to it).

        Before the layout (the first build, at start), the matrix's room is worked out
        from the screen's size and the lines of the bar (``head_lines`` above the progress
        line) and of the legend, as the layout will give it: the screen is built and
        painted once, not built with one progress line and laid out again with two.
        """
        matrix = self.matrix
        if matrix.size.height:
            room, width = matrix.size.height + (self._progress_lines - 1), matrix.size.width
        else:
            screen = self.app.size
            legend = self._texts.get("#legend")
            if legend is not None and self.query_one("#legend").has_class("tall"):
                legend_lines = min(LEGEND_TALL_MAX, self._lines_of(legend))
            else:
                legend_lines = LEGEND_LINES
            room = screen.height - KEYBAR_LINES - legend_lines - head_lines - 1
            width = screen.width
        scrollbar = 1 if matrix.virtual_size.width > width else 0
        needed = len(matrix.rows) + 1 + scrollbar  # the header, the rows
        return room - needed

    def _lines_of(self, text: Text) -> int:
        """The lines ``text`` takes in a bar or the legend (the screen's width, less
        their padding)."""
        width = max(1, (self.app.size.width or 80) - 2)
        return len(text.wrap(self.app.console, width))

    def on_resize(self) -> None:
        if self.evaluation is not None:
            self.call_after_refresh(self._update_bar)

    def _cells_of(self, session) -> tuple[int, set[str], set[str], dict[bool, set[str]]]:
        """The matrix's cells: how many, its case keys and subject ids, and the criteria
        of each side (``True``: a case's); worked out once per tamis, subjects and angles."""
        memo = (session.tamis, session.subjects, session.angles)
        cached = self._cells
        if cached is None or any(a is not b for a, b in zip(cached[0], memo, strict=True)):
            crits = {on: {c.id for c in session.tamis.criteria if c.on_angle is on}
                     for on in (False, True)}  # fmt: skip
            cases = session.cases
            subjects = {case.subject.id for case in cases}
            total = len(subjects) * len(crits[False]) + len(cases) * len(crits[True])
            cached = self._cells = (memo, (total, {c.key for c in cases}, subjects, crits))
            self._filled.clear()
        return cached[1]

    def _filled_by(self, session, sid: str) -> int:
        """How many cells of the matrix hold a level of ``sid``: counted again, after an
        edit, for the rows that are not the very ones counted last time."""
        _total, keys, subjects, crits = self._cells_of(session)
        scores = session.scores.get(sid, {})
        cached = self._filled.get(sid)
        if cached is not None and cached[0] is scores:
            return cached[1]

        def count(key: str, levels) -> int:
            if key in keys:
                return len(levels.keys() & crits[True])
            return len(levels.keys() & crits[False]) if key in subjects else 0

        if cached is None:
            filled = sum(count(key, levels) for key, levels in scores.items())
        else:
            before, filled = cached
            for key, levels in scores.items():
                old = before.get(key)
                if old is not levels:
                    filled += count(key, levels) - (count(key, old) if old else 0)
            filled -= sum(count(key, old) for key, old in before.items() if key not in scores)
        self._filled[sid] = (scores, filled)
        return filled

    title_key = "app.screen.matrix"

    def _update_legend(self) -> None:
        matrix = self.matrix
        crit = matrix.current_criterion
        row = matrix.current_row
        wb = self.sieve.workbench
        if crit is None or row is None or self.session is None:
            return
        session = wb.session
        text = Text()
        code = matrix.codes[matrix.cursor_col]
        text.append(f"{code} ", style="bold reverse")
        text.append(" ")
        text.append_text(plain(crit.label, style="bold"))
        kind = (
            t("app.kind.gate", level=number(crit.pass_at))
            if crit.is_gate
            else t("app.kind.score", weight=number(wb.evaluation.weights.get(crit.id, crit.weight)))
        )
        text.append(f"  ({kind}, {t('app.applies.' + crit.applies_to)})")
        text.append("\n")
        tall = self.size.height >= 40
        if crit.question:
            question = crit.question if tall else clip(crit.question, self.size.width - 3)
            text.append_text(plain(question, style="italic"))
            text.append("\n")
        key = matrix.current_key()
        if key is None:
            text.append(t("app.matrix.no_cell"), style="dim")
        else:
            text.append(t("app.matrix.legend_keys"), style="dim")
        legend = self.query_one("#legend", Static)
        legend.set_class(tall, "tall")
        if tall:
            # on a tall screen (a projector), every column's code and label at once
            text.append("\n")
            text.append_text(self._columns_text(matrix))
        del session
        self._show("#legend", text)

    def _columns_text(self, matrix: MatrixView) -> Text:
        """Every column's code and label, four a line (made again when they change)."""
        width = max(20, (self.size.width - 2) // 4)
        memo = (width, *matrix.columns, *matrix.codes)
        cached = self._columns_legend
        if cached is not None and cached[0] == memo:  # criteria: by identity, then value
            return cached[1]
        text = Text()
        for j, (column, code) in enumerate(zip(matrix.columns, matrix.codes, strict=True)):
            entry = Text(f"{code:>3} ", style="bold")
            entry.append_text(plain(clip(column.label, width - 5)))
            entry.pad_right(width - entry.cell_len)
            text.append_text(entry)
            if j % 4 == 3:
                text.append("\n")
        self._columns_legend = (memo, text)
        return text

    def _show(self, selector: str, text: Text) -> None:
        """Put ``text`` in the ``Static`` ``selector``, unless it shows it already (an
        update lays the screen out again)."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text)

    def on_matrix_view_cursor_moved(self, event: MatrixView.CursorMoved) -> None:
        self._update_legend()

    def on_matrix_view_cell_selected(self, event: MatrixView.CellSelected) -> None:
        from sieve.app.screens.dialogs import CellDetail

        own = self.scorer if self.editable else None
        self.app.push_screen(CellDetail(event.key, event.criterion.id, own))

    def action_next_scorer(self) -> None:
        wb = self.sieve.workbench
        if self.session is None:
            return
        ids = list(wb.session.scorers)
        if not ids:
            return
        if self.scorer is None:
            self.scorer = ids[0]
        else:
            i = ids.index(self.scorer) + 1
            self.scorer = ids[i] if i < len(ids) else (ids[0] if self.editable else None)
        self._tell_blind()
        self.update_view()

    def _tell_blind(self) -> None:
        """Say why a person's view shows nothing in blind mode."""
        if self.scorer is not None and self.shown_scorer() is None:
            self.notify(t("app.blind.person_hidden"), timeout=3)

    def action_choose_scorer(self) -> None:
        from sieve.app.screens.dialogs import ScorerPicker

        wb = self.sieve.workbench
        if self.session is None or not wb.session.scorers:
            return

        def chosen(scorer: str | None) -> None:
            if scorer is not None:
                self.scorer = scorer
                self._tell_blind()
                self.update_view()

        names = {sid: s.name for sid, s in wb.session.scorers.items()}
        self.app.push_screen(ScorerPicker(names, self.scorer), chosen)

    def action_group_view(self) -> None:
        self.scorer = None
        self.update_view()
