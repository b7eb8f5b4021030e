"""Exchange: our tamis beside the other cities' tamis of the workspace; adopt a criterion.

The other tamis are the files of the workspace's ``criteria/`` folder (where a city
drops the tamis another city sent). Each row is a criterion, matched by id and by
the provenance (``origin``) that ``sieve adopt`` records; each column a tamis, ours
first.

Bindings:
    | Key | Description |
    | :- | :- |
    | arrows | Move between criteria and tamis. |
    | a, enter | Adopt the criterion under the cursor into our tamis (from the column's tamis). |
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, DataTable, Static

from sieve.app.bindings import localize
from sieve.app.screens.base import Dialog, SieveScreen
from sieve.app.text import clip, plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import t


class AdoptDialog(Dialog[bool]):
    """Confirm adopting one criterion: ``True`` to adopt.

    Bindings:
        | Key | Description |
        | :- | :- |
        | o, y, enter | Adopt (o: oui). |
        | escape, n | Cancel. |
    """

    BINDINGS = [
        Binding("o,y,enter", "answer(True)", "app.exchange.key.yes"),
        Binding("escape,n", "answer(False)", "app.key.cancel"),
    ]

    def __init__(self, question: Text) -> None:
        super().__init__()
        localize(self)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question)
            yield Button(t("app.exchange.yes"), id="yes", variant="primary")
            yield Button(t("app.exchange.no"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ExchangeScreen(SieveScreen):
    """Which tamis uses which criterion, with what weight; adopt from another city."""

    DEFAULT_CSS = """
    ExchangeScreen #exchange-table {
        height: 1fr;
    }
    """

    BINDINGS = [Binding("a", "adopt", "app.exchange.key.adopt")]

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.comparison = None
        """The :class:`sieve.exchange.compare.Comparison` shown (ours is its first tamis)."""
        self.others: list | None = None
        """The other cities' valid tamis as last read (``None``: not read yet)."""
        self.skipped: list[Path] = []
        """Files of ``criteria/`` that are not valid tamis (left out)."""
        self._first_view = True

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        # the criterion column stays in view when the tamis columns scroll
        table = DataTable(
            id="exchange-table", cursor_type="cell", zebra_stripes=True, fixed_columns=1
        )
        yield table
        yield Static(id="exchange-hint", classes="legend")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        super().on_mount()

    def on_screen_resume(self) -> None:
        # the other cities' files may have changed while another screen was shown (the
        # base class rebuilds the screen only when the session changed)
        if self.ready and self.session is not None:
            self._read_others()

    def update_view(self) -> None:
        """Show the table from what was read, and look for changed tamis in a thread."""
        self.show_table()
        self._read_others()

    @work(thread=True, exclusive=True, group="other-tamis")
    def _read_others(self) -> None:
        """Read the other tamis off the UI thread (the workbench reads a file again only
        when it changed); show them when they differ from what is shown."""
        found, skipped = self.sieve.workbench.other_tamis()
        if found is not self.others or skipped != self.skipped:
            self.app.call_from_thread(self._others_read, found, skipped)

    def _others_read(self, found: list, skipped: list[Path]) -> None:
        self.others, self.skipped = found, skipped
        if self.session is not None:
            self.show_table()

    def show_table(self) -> None:
        """The comparison of our tamis with the others as last read; no file is read."""
        from sieve.exchange.compare import cell_text, column_labels, compare_tamis

        session = self.session
        others = self.others or []
        self.comparison = comparison = compare_tamis([session.tamis, *others])
        bar = Text(t("app.exchange.title") + " · ", style="bold")
        bar.append_text(
            plain(f"{session.tamis.title} ({session.tamis.id}@{session.tamis.version})")
        )
        self.query_one("#bar", Static).update(bar)
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        # each tamis' heading on two lines, ``id@version`` over its city, so that its
        # column is as narrow as its cells and the criterion column keeps the width
        labels = column_labels(comparison.tamis, with_city=False)
        cities = [x.city for x in comparison.tamis]
        heads = [t("exchange.compare.criterion"), t("app.exchange.ours", label=labels[0])]
        heads += labels[1:]
        heads = [heads[0]] + [
            f"{h}\n{c}" if c else h for h, c in zip(heads[1:], cities, strict=True)
        ]
        table.header_height = 2 if any(cities) else 1
        rows = []
        for ident, label, cells in comparison.rows:
            row = [plain(f"{ident} · {label}")]
            for crit in cells:
                style = "dim" if crit is None else ""
                row.append(plain(cell_text(crit, ident), style=style))
            rows.append((ident, row))
        widths = [
            max([*(len(line) for line in head.split("\n")), *(r[i].cell_len for _k, r in rows)])
            for i, head in enumerate(heads)
        ]
        # the tamis columns at their width (up to 30); the criterion column takes the rest
        widths[1:] = [min(w, 30) for w in widths[1:]]
        room = (self.size.width or 120) - 2 - 2 * len(widths) - sum(widths[1:])
        widths[0] = min(widths[0], max(24, room))
        for i, head in enumerate(heads):
            label = Text("\n", end="").join(
                plain(clip(line, widths[i])) for line in head.split("\n")
            )
            table.add_column(label, key=str(i - 1), width=widths[i])
        for ident, row in rows:
            row[0] = plain(clip(row[0].plain, widths[0]))
            table.add_row(*row, key=ident)
        if comparison.rows:
            if self._first_view:  # start on our tamis' column: the cell `a` acts on
                cursor = cursor._replace(column=1)
                self._first_view = False
            table.cursor_coordinate = table.validate_cursor_coordinate(cursor)
        if self.others is None:
            hint = Text(t("app.exchange.reading"), style="italic")
        else:
            hint = Text(t("app.exchange.hint" if others else "app.exchange.alone"))
        if self.skipped:
            names = ", ".join(p.name for p in self.skipped)
            hint.append("\n")
            hint.append_text(plain(t("app.exchange.skipped", files=names), style="italic"))
        self.query_one("#exchange-hint", Static).update(hint)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        self.action_adopt()

    def action_adopt(self) -> None:
        """Ask to adopt the criterion under the cursor, then adopt it and reload."""
        comparison = self.comparison
        if comparison is None or not comparison.rows:
            return
        table = self.query_one(DataTable)
        row, column = table.cursor_coordinate
        ident, label, cells = comparison.rows[row]
        ours = cells[0]
        if ours is not None:
            self.notify(t("app.exchange.have", id=ours.id), timeout=6)
            return
        source = column - 1 if column >= 2 and cells[column - 1] is not None else None
        if source is None:
            source = next(i for i, crit in enumerate(cells) if crit is not None)
        tamis = comparison.tamis[source]
        crit = cells[source]
        question = Text(t("app.exchange.confirm_title") + "\n\n", style="bold")
        question.append_text(
            plain(
                t(
                    "app.exchange.confirm",
                    id=crit.id,
                    label=crit.label,
                    source=f"{tamis.id}@{tamis.version}",
                    city=tamis.city or "-",
                )
            )
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.adopt(tamis.path, crit.id)

        self.app.push_screen(AdoptDialog(question), answered)

    def adopt(self, source: Path, criterion: str) -> None:
        """Adopt ``criterion`` from the tamis at ``source`` into ours, then reload."""
        from sieve.errors import ExchangeError, FileChangedError, SieveError

        wb = self.sieve.workbench
        try:
            adopted = wb.adopt(source, criterion)
        except ExchangeError as exc:
            self.notify(exc.message(), severity="error", timeout=10)
            return
        except SieveError as exc:
            text = "\n".join(p.render() for p in exc.problems[:5])
            self.notify(text, severity="error", timeout=10)
            return
        except (FileChangedError, OSError) as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.sieve.update_views()
        for new_id, _old in adopted:
            self.notify(t("exchange.adopt.added", id=new_id), timeout=4)
