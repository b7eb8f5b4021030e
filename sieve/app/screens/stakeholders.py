"""Stakeholders: the map's people with their measures and warnings, and three views.

The list (left) shows each person's role, organisation, ties, betweenness, Burt's
constraint, quadrant and warnings. The panel (right) shows, for the selected person,
the *ego view* (measures, warnings in words, relations out and in by kind), or the
*power-interest grid* drawn in the terminal, or the *relations* of the whole map
(a table that stays usable for hundreds of people). The analyses run in a worker
thread, with their progress shown, and are kept until the session changes.

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down | Select a person. |
    | e | Ego view of the selected person. |
    | g | Power-interest grid. |
    | r | All relations (the selected person's first); up, down pick one. |
    | a | Add a person to the map. |
    | m | Edit the selected person; in the relation view, the highlighted relation. |
    | delete | Remove the selected person (asks; their relations go too) or relation. |
    | l | Add a relation from the selected person. |
    | [, ], d | The map at another date (:mod:`~sieve.app.screens.stakeholders_time`). |
    | t, h, s | The selected person's trajectory; add an assessment, a stance of theirs. |

The analyses run again, off the UI thread, for each date shown (``at``).
Edits go through :mod:`sieve.save.people` and :mod:`sieve.save.history` (lossless) and
:meth:`sieve.workbench.Workbench.edit_files`; the analyses run again afterwards.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import ContentSwitcher, DataTable, ProgressBar, Static

from sieve.app.bindings import localize
from sieve.app.screens.editing import EditingScreen
from sieve.app.screens.forms import ConfirmDialog, Field, FormDialog
from sieve.app.screens.stakeholders_time import TimeControls
from sieve.app.text import clip, plain
from sieve.app.widgets.keybar import KeyBar
from sieve.app.widgets.stakeholder_map import ego_text, grid_text, people_rows
from sieve.app.widgets.tables import column_widths, refill
from sieve.i18n import number, t
from sieve.model import POWER_INTEREST_RANGE, RELATION_KINDS, STAKEHOLDER_ROLES, Relation
from sieve.text import slug
from sieve.workbench import EDITS as edit

if TYPE_CHECKING:
    from sieve.graph.results import Analysis
    from sieve.model import Session


#: The list's columns and the least width of each (0: never cut): each column takes
#: what its widest cell needs when the table has room; else name, role and organisation
#: give way, down to these widths (about 95 cells with the gaps), and the table scrolls.
COLUMNS = (
    ("name", 18),
    ("role", 14),
    ("org", 14),
    ("ties", 0),
    ("betweenness", 0),
    ("constraint", 0),
    ("quadrant", 0),
    ("!", 0),
)
#: The relation view's columns and their least widths, as for :data:`COLUMNS`.
RELATION_COLUMNS = (("from", 8), ("kind", 0), ("to", 8), ("weight", 0))
#: How each column's cells are shown: (style, right-justified, file text).
_PEOPLE_LOOK = (
    ("", False, True),
    ("", False, False),
    ("dim", False, True),
    ("", True, False),
    ("", True, False),
    ("", True, False),
    ("", False, False),
    ("bold red", False, False),
)


class StakeholdersScreen(TimeControls, EditingScreen):
    """The stakeholder map of the session; add, edit and remove people and relations."""

    DEFAULT_CSS = """
    StakeholdersScreen #progress { height: 1; padding: 0 1; }
    StakeholdersScreen #people { width: 3fr; height: 1fr; }
    StakeholdersScreen #panel { width: 2fr; height: 1fr; border-left: vkey $panel; }
    StakeholdersScreen #ego { height: 1fr; padding: 0 1; }
    StakeholdersScreen #grid { height: 1fr; }
    StakeholdersScreen #relations { height: 1fr; }
    StakeholdersScreen #trajectory { height: 1fr; padding: 0 1; }
    """

    BINDINGS = [
        Binding("e", "panel('ego')", "app.stakeholders.key.ego"),
        Binding("g", "panel('grid')", "app.stakeholders.key.grid"),
        Binding("r", "panel('relations')", "app.stakeholders.key.relations"),
        Binding("a", "add_person", "app.people.key.add"),
        Binding("m", "modify", "app.people.key.edit"),
        Binding("delete", "remove", "app.people.key.remove", key_display="⌦"),
        Binding("l", "relate", "app.people.key.relate"),
        Binding("left_square_bracket", "step(-1)", "app.time.key.earlier", key_display="["),
        Binding("right_square_bracket", "step(1)", "app.time.key.later", key_display="]"),
        Binding("d", "pick_date", "app.time.key.date"),
        Binding("t", "panel('trajectory')", "app.time.key.trajectory"),
        Binding("h", "assess", "app.time.key.assess"),
        Binding("s", "stance", "app.time.key.stance"),
    ]

    analysis: Analysis | None = None
    """The analyses of :attr:`analysed` (``None`` while they run)."""
    analysed: Session | None = None
    """The session the analyses were computed on."""

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self._wanted: str | None = None
        self._wanted_relation: tuple[str, str, str] | None = None
        self._rows: list[Relation] = []
        self._people_width = self._relations_width = 0
        """The tables' widths when they were last filled (their columns fit them)."""

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        yield ProgressBar(id="progress", show_eta=False)
        with Horizontal():
            yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
            with ContentSwitcher(initial="ego", id="panel"):
                with VerticalScroll(id="ego"):
                    yield Static(id="ego-text")
                yield Static(id="grid")
                yield DataTable(id="relations", cursor_type="row")
                with VerticalScroll(id="trajectory"):
                    yield Static(id="trajectory-text")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#people", DataTable)
        labels = self._labels(COLUMNS)
        refill(table, COLUMNS, labels, [len(label) for label in labels])
        relations = self.query_one("#relations", DataTable)
        labels = self._labels(RELATION_COLUMNS)
        refill(relations, RELATION_COLUMNS, labels, [len(label) for label in labels])
        table.focus()
        super().on_mount()

    # -- analyses, off the UI thread ---------------------------------------------------

    def update_view(self) -> None:
        session = self.sieve.workbench.session if self.sieve.workbench else None
        if session is None:
            return
        if session is self.analysed and self.at == self.analysed_at:
            if self.analysis is not None:
                self.show(self.analysis)
            return  # else: still being computed for this very session and date
        self.analysed = session
        self.analysed_at = self.at
        self.analysis = None
        self.query_one("#progress", ProgressBar).display = True
        self.query_one("#bar", Static).update(Text(t("app.stakeholders.computing")))
        self.analyse(session, self.at)

    @work(thread=True, exclusive=True, group="stakeholders")
    def analyse(self, session: Session, at: _dt.date | None = None) -> None:
        """Run every analysis in a thread; progress and result go back to the UI thread."""
        from sieve.graph.analyse import analyse_session

        def progress(step: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, step, done, total)

        analysis = analyse_session(session, at, progress=progress)
        self.app.call_from_thread(self._analysed, session, analysis)

    def _progress(self, step: str, done: int, total: int) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=total, progress=done)
        self.query_one("#bar", Static).update(
            Text(t("app.stakeholders.computing") + " " + t(f"graph.step.{step}"))
        )

    def _analysed(self, session: Session, analysis: Analysis) -> None:
        if session is not self.analysed or analysis.at != self.analysed_at:
            return  # an older session's (or date's) result
        self.analysis = analysis
        self.query_one("#progress", ProgressBar).display = False
        self.show(analysis)

    # -- showing -------------------------------------------------------------------------

    def show(self, analysis: Analysis) -> None:
        head = Text(t("app.screen.stakeholders") + " · ", style="bold")
        self.date_label(head, analysis)
        head.append(
            t(
                "graph.report.summary",
                people=len(analysis.people),
                relations=len(analysis.relations),
                groups=len(analysis.communities),
            )
        )
        head.append(" · " + t("app.stakeholders.warnings", count=len(analysis.warnings)))
        if analysis.sample is not None:
            head.append(" · " + t("app.stakeholders.sampled", sample=analysis.sample), "dim")
        self.query_one("#bar", Static).update(head)
        table = self.query_one("#people", DataTable)
        selected = self._wanted or self.selected
        old_row = table.cursor_row
        self._wanted = None
        rows = people_rows(analysis)
        labels = self._labels(COLUMNS)
        widths = column_widths(table, COLUMNS, labels, rows)
        self._people_width = table.size.width
        refill(table, COLUMNS, labels, widths)
        for ident, row in zip(analysis.people, rows, strict=True):
            cells = []
            for i, (style, right, from_file) in enumerate(_PEOPLE_LOOK):
                shown = clip(row[i], widths[i])
                text = plain(shown, style=style) if from_file else Text(shown, style=style)
                text.justify = "right" if right else None
                cells.append(text)
            table.add_row(*cells, key=ident)
        if analysis.people:
            keys = list(analysis.people)
            # a person removed: their neighbour in the list
            row = keys.index(selected) if selected in keys else min(old_row, len(keys) - 1)
            table.move_cursor(row=max(row, 0))
        self.show_panel()

    @staticmethod
    def _labels(columns) -> list[str]:
        return ["!" if key == "!" else t(f"app.stakeholders.col.{key}") for key, _ in columns]

    @property
    def selected(self) -> str | None:
        """The id of the highlighted person."""
        table = self.query_one("#people", DataTable)
        if self.analysis is None or not self.analysis.people or table.row_count == 0:
            return None
        row = min(table.cursor_row, table.row_count - 1)
        # the table's own key: the analysis may be newer than the rows shown
        return table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value

    def show_panel(self) -> None:
        analysis = self.analysis
        if analysis is None:
            return
        panel = self.query_one("#panel", ContentSwitcher).current
        ident = self.selected
        if panel == "ego":
            text = ego_text(analysis, ident) if ident else Text(t("graph.report.empty"))
            self.query_one("#ego-text", Static).update(text)
        elif panel == "grid":
            grid = self.query_one("#grid", Static)
            size = grid.size if grid.size.width else self.query_one("#panel").size
            grid.update(grid_text(analysis, size.width, size.height))
        elif panel == "trajectory":
            self.show_trajectory(analysis, ident)
        else:
            self.fill_relations(analysis, ident)

    def fill_relations(self, analysis: Analysis, first: str | None) -> None:
        """Every relation; the selected person's first. Forbidden ones in red."""
        forbidden = {tuple(f.people) for f in analysis.of("forbidden_hierarchy")}
        table = self.query_one("#relations", DataTable)
        wanted = self._wanted_relation or self.selected_relation_key
        old_row = table.cursor_row if self._rows else 0
        self._wanted_relation = None
        mine = [r for r in analysis.relations if first in (r.source, r.target)]
        rest = [r for r in analysis.relations if first not in (r.source, r.target)]
        self._rows = mine + rest
        rows = [
            (
                analysis.people[r.source].name,
                t(f"graph.relation.{r.kind}"),
                analysis.people[r.target].name,
                number(r.weight, digits=1),
            )
            for r in self._rows
        ]
        labels = self._labels(RELATION_COLUMNS)
        widths = column_widths(table, RELATION_COLUMNS, labels, rows)
        self._relations_width = table.size.width
        refill(table, RELATION_COLUMNS, labels, widths)
        for i, (r, row) in enumerate(zip(self._rows, rows, strict=True)):
            bad = r.kind == "hierarchy" and (r.source, r.target) in forbidden
            style = "bold red" if bad else ("" if i < len(mine) else "dim")
            source, kind, target, weight = (clip(c, w) for c, w in zip(row, widths, strict=True))
            table.add_row(
                plain(source, style=style),
                Text(kind, style=style),
                plain(target, style=style),
                Text(weight, justify="right", style=style),
            )
        keys = [(r.source, r.target, r.kind) for r in self._rows]
        if wanted in keys:
            table.move_cursor(row=keys.index(wanted))
        elif keys:  # a relation removed: its neighbour
            table.move_cursor(row=min(old_row, len(keys) - 1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "people" and self.analysis is not None:
            panel = self.query_one("#panel", ContentSwitcher).current
            if panel in ("ego", "trajectory"):
                self.show_panel()

    def on_resize(self) -> None:
        if self.analysis is None:
            return
        # the tables' columns fit their width: fill them again at their new one
        self.call_after_refresh(self._fit_again)

    def _fit_again(self) -> None:
        if self.analysis is None:
            return
        if self.query_one("#people", DataTable).size.width != self._people_width:
            self.show(self.analysis)  # the panel too
        elif self.query_one("#panel", ContentSwitcher).current == "grid" or (
            self.query_one("#relations", DataTable).size.width != self._relations_width
        ):
            self.show_panel()

    def action_panel(self, name: str) -> None:
        self._rows = []  # a view opened afresh: the selected person's relations on top
        self.query_one("#panel", ContentSwitcher).current = name
        # the relation view takes the keys (up, down, m, ⌦ act on its relations)
        self.query_one("#relations" if name == "relations" else "#people", DataTable).focus()
        self.call_after_refresh(self.show_panel)

    # -- edits ---------------------------------------------------------------------------

    @property
    def selected_relation_key(self) -> tuple[str, str, str] | None:
        """(from, to, kind) of the highlighted relation of the relation view."""
        table = self.query_one("#relations", DataTable)
        if not self._rows or table.row_count == 0:
            return None
        r = self._rows[min(table.cursor_row, len(self._rows) - 1)]
        return (r.source, r.target, r.kind)

    def on_relation(self) -> bool:
        """Whether ``m`` and ⌦ act on a relation (the relation view has the focus)."""
        return (
            self.query_one("#panel", ContentSwitcher).current == "relations"
            and self.focused is self.query_one("#relations", DataTable)
            and self.selected_relation_key is not None
        )

    def _session(self) -> Session | None:
        wb = self.sieve.workbench
        if self.session is None or self.analysis is None:
            return None  # nothing while the analyses of a new session run
        return wb.session

    def person_fields(
        self, session: Session, ident: str = "", fixed_id: bool = False
    ) -> list[Field]:
        person = session.stakeholders.get(ident)
        scorer = session.scorers.get(ident)
        name = person.name if person else (scorer.name if scorer else "")
        # a scorer named by relations: the role the map gives them already
        role = session.people[ident].role if ident in session.people else "ambassador"
        low, high = POWER_INTEREST_RANGE
        levels = tuple((t(f"app.people.level.{n}"), str(n)) for n in range(low, high + 1))
        roles = tuple((t(f"graph.role.{r}"), r) for r in STAKEHOLDER_ROLES)
        fields = [Field("name", t("app.people.field.name"), name)]
        if not fixed_id:
            label = t("app.people.field.id" if ident else "app.people.field.new_id")
            fields.append(Field("id", label, ident))
        return fields + [
            Field("role", t("app.people.field.role"), role, choices=roles),
            Field("org", t("app.people.field.org"), person.org if person else ""),
            Field("power", t("app.people.field.power"), str(person.power if person else 0), levels),
            Field(
                "interest",
                t("app.people.field.interest"),
                str(person.interest if person else 0),
                levels,
            ),
        ]

    def _edit_person(self, wanted: str, operation, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self._wanted = wanted
        if not self.run_edit(operation, *args, **kwargs):
            self._wanted = None

    def _edit_relation(
        self, wanted: tuple[str, str, str] | None, operation, *args, **kwargs
    ) -> None:  # type: ignore[no-untyped-def]
        self._wanted_relation = wanted
        if not self.run_edit(operation, *args, **kwargs):
            self._wanted_relation = None

    def action_add_person(self, ident: str = "") -> None:
        wb = self.sieve.workbench
        session = wb.session if wb is not None else None  # no need to wait for the analyses
        if session is None:
            return
        fixed = bool(ident)  # a scorer named by relations, put on the map under their id

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            new = ident or answer["id"].strip() or slug(answer["name"])
            self._edit_person(
                new,
                edit.add_stakeholder,
                new,
                answer["name"],
                answer["role"],
                org=answer["org"],
                power=int(answer["power"]),
                interest=int(answer["interest"]),
            )

        if fixed:
            title = plain(t("app.people.map_title", name=session.people[ident].name))
        else:
            title = Text(t("app.people.add_title"))
        self.app.push_screen(FormDialog(title, self.person_fields(session, ident, fixed)), done)

    def action_modify(self) -> None:
        if self.on_relation():
            self.modify_relation()
            return
        session = self._session()
        ident = self.selected
        if session is None or ident is None:
            return
        if ident not in session.stakeholders:
            self.action_add_person(ident)
            return

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            new = answer.pop("id").strip()
            self._edit_person(
                new,
                edit.set_stakeholder,
                ident,
                new_id=new,
                name=answer["name"],
                role=answer["role"],
                org=answer["org"],
                power=int(answer["power"]),
                interest=int(answer["interest"]),
            )

        title = plain(t("app.people.edit_title", name=session.stakeholders[ident].name))
        self.app.push_screen(FormDialog(title, self.person_fields(session, ident)), done)

    def action_remove(self) -> None:
        if self.on_relation():
            self.remove_relation()
            return
        session = self._session()
        ident = self.selected
        if session is None or ident is None:
            return
        name = session.people[ident].name
        if ident not in session.stakeholders:
            self.app.notify(t("app.people.scorer_only", name=name), severity="warning")
            return
        count = edit.relations_of(session, ident)
        detail = Text(t("app.people.remove_relations", count=count)) if count else None

        def done(yes: bool | None) -> None:
            if yes:
                self.run_edit(edit.remove_stakeholder, ident, drop_relations=True)

        question = plain(t("app.people.remove_title", name=name))
        self.app.push_screen(ConfirmDialog(question, detail), done)

    def relation_fields(
        self, session: Session, relation: Relation, new: bool = False
    ) -> list[Field]:
        """The relation form; a new relation's weight is left empty (1, the default)."""
        people = [(plain(p.name), p.id) for p in session.stakeholders.values()]
        people += [
            (plain(t("app.people.scorer", name=s.name)), s.id)
            for s in session.scorers.values()
            if s.id not in session.stakeholders
        ]
        kinds = tuple((t(f"graph.relation.{k}"), k) for k in RELATION_KINDS)
        return [
            Field("from", t("app.people.field.from"), relation.source, tuple(people)),
            Field("kind", t("app.people.field.kind"), relation.kind, kinds),
            Field("to", t("app.people.field.to"), relation.target, tuple(people)),
            Field("weight", t("app.people.field.weight"), "" if new else number(relation.weight)),
        ]

    def _weight(self, text: str) -> float | None:
        """The weight typed in a form (a decimal comma is fine); ``None`` after telling."""
        cleaned = text.strip().replace(",", ".") or "1"
        try:
            return float(cleaned)
        except ValueError:
            self.app.notify(t("app.people.weight_invalid", value=text), severity="error")
            return None

    def action_relate(self) -> None:
        session = self._session()
        source = self.selected
        if session is None:
            return
        if source is None:
            self.app.notify(t("app.people.no_person"))
            return
        # towards the referent by default (the pivot of the programme), else the first other
        now = self.analysis.people if self.analysis is not None else {}  # roles at the date shown
        others = sorted(
            (p for p in session.stakeholders.values() if p.id != source),
            key=lambda p: now.get(p.id, p).role != "referent",
        )
        blank = Relation(source, others[0].id if others else source, "trust")

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            weight = self._weight(answer["weight"])
            if weight is None:
                return
            wanted = (answer["from"], answer["to"], answer["kind"])
            self._edit_relation(
                wanted, edit.add_relation, answer["from"], answer["to"], answer["kind"], weight
            )

        title = Text(t("app.people.relate_title"))
        self.app.push_screen(FormDialog(title, self.relation_fields(session, blank, True)), done)

    def modify_relation(self) -> None:
        session = self._session()
        key = self.selected_relation_key
        if session is None or key is None:
            return
        relation = next(r for r in session.relations if (r.source, r.target, r.kind) == key)

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            # the weight as shown (rounded) and left as it was: the file's value, kept
            shown = answer["weight"] == number(relation.weight)
            weight = relation.weight if shown else self._weight(answer["weight"])
            if weight is None:
                return
            wanted = (answer["from"], answer["to"], answer["kind"])
            self._edit_relation(
                wanted,
                edit.set_relation,
                *key,
                new_source=answer["from"],
                new_target=answer["to"],
                new_kind=answer["kind"],
                weight=weight,
            )

        title = Text(t("app.people.relation_title"))
        self.app.push_screen(FormDialog(title, self.relation_fields(session, relation)), done)

    def remove_relation(self) -> None:
        session = self._session()
        key = self.selected_relation_key
        if session is None or key is None:
            return
        people = session.people
        question = plain(
            t(
                "app.people.remove_relation",
                source=people[key[0]].name if key[0] in people else key[0],
                kind=t(f"graph.relation.{key[2]}"),
                target=people[key[1]].name if key[1] in people else key[1],
            )
        )

        def done(yes: bool | None) -> None:
            if yes:
                self.run_edit(edit.remove_relation, *key)

        self.app.push_screen(ConfirmDialog(question), done)
