"""The calendar, in the app: the cases laid over the sessions; give a case more or
fewer sessions, move it earlier or later, move the start of the lab work, and see
every protocol breach at once. Each move is written at once (``[[portfolio.case]]``,
``lab_start``); ``r`` removes the planned calendar (the proposed one comes back).

It only calls :mod:`sieve.plan` and :mod:`sieve.save.plan` (through
:meth:`sieve.workbench.Workbench.edit_files`); file text is shown through
:func:`sieve.app.text.plain`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.editing import EditingScreen
from sieve.app.screens.plan_lines import PLAN_CSS, angle_title, cut_titles, mark, titled
from sieve.app.text import plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import number, t


class CalendarScreen(EditingScreen):
    """The cases over the sessions; move things and see what breaks.

    Bindings:
        | Key | Description |
        | :- | :- |
        | up, down | Select a case. |
        | + / - | One more / one fewer session for the case. |
        | [ / ] | Move the case earlier / later. |
        | < / > | Start the lab work one session earlier / later. |
        | r | Drop the planned calendar: the proposed portfolio's comes back. |

    Every change is written at once to the session file (``[[portfolio.case]]``,
    ``lab_start``); a calendar that was only proposed is written whole on the first
    change.
    """

    LAID_OUT_BY = ("#cal-cases",)
    DEFAULT_CSS = PLAN_CSS
    BINDINGS = [
        Binding("plus", "more", "app.key.more", key_display="+"),
        Binding("minus", "less", "app.key.less", key_display="-"),
        Binding("left_square_bracket", "move(-1)", "app.key.earlier", key_display="["),
        Binding("right_square_bracket", "move(1)", "app.key.later", key_display="]"),
        Binding("less_than_sign", "lab(-1)", "app.key.lab", key_display="<>"),
        Binding("greater_than_sign", "lab(1)", "app.key.lab", show=False),
        Binding("r", "reset", "app.key.reset_calendar"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.plan: dict[str, tuple[int, ...]] | None = None
        """Case key -> session numbers, as shown (the file's, or the proposed layout)."""
        self.lab_start: int | None = None
        self.planned = False
        """Whether the file holds the calendar (else it is the proposed portfolio's)."""
        self.calendar = None

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        with Horizontal():
            yield OptionList(id="cal-cases")
            with VerticalScroll(id="cal-detail-box"):
                yield Static(id="cal-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _instance(self):
        from sieve.plan.instance import build_instance

        wb = self.sieve.workbench
        return build_instance(wb.session, wb.evaluation)

    def _fill_cases(self, options: OptionList, session, cases, highlighted: int | None) -> None:
        """The calendar's cases, each with its sessions, titles cut to tell them apart."""
        # the list less its scrollbar (there once the cases overflow it): no line wraps
        width = max(12, (options.size.width or 40) - options.styles.scrollbar_size_vertical)
        sessions = [f"  [{', '.join(str(n) for n in self.plan[key]) or '–'}]" for key in cases]
        rooms = [max(8, width - 1 - len(s)) for s in sessions]
        cut = cut_titles(session, cases, rooms, [0] * len(cases), width)
        for key, (angle, subject), held in zip(cases, cut, sessions, strict=True):
            prompt = titled(Text(), angle, subject, 0, after=held)
            options.add_option(Option(prompt, id=key))
        if highlighted is None or highlighted >= options.option_count:
            highlighted = 0
        options.highlighted = highlighted

    def update_view(self) -> None:
        from sieve.plan.calendar import build_calendar, check_calendar
        from sieve.render.plan import status_message

        wb = self.sieve.workbench
        if self.evaluation is None:
            return
        if self.sieve.blind:  # the calendar is built from the group's results
            self.query_one(OptionList).clear_options()
            self.query_one("#cal-detail", Static).update(
                Text(t("app.blind.hidden"), style="italic")
            )
            return
        session = wb.session
        inst = self._instance()
        cal = build_calendar(session, inst=inst)
        self.plan = (
            {k: tuple(s.number for s in cal.sessions if k in s.cases) for k in cal.cases}
            if cal is not None
            else {}
        )
        self.lab_start = inst.portfolio.lab_start
        self.planned = cal.planned if cal is not None else False
        cal = self.calendar = check_calendar(inst, self.plan, self.planned) if self.plan else None
        bar = Text(t("app.screen.calendar") + " · ", style="bold")
        bar.append_text(plain(session.title))
        bar.append("  ·  " + t("app.cal.planned" if self.planned else "app.cal.proposed"))
        self.query_one("#bar", Static).update(bar)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        detail = self.query_one("#cal-detail", Static)
        if cal is None:
            detail.update(t("cal.none"))
            return
        self._fill_cases(options, session, cal.cases, highlighted)
        p = inst.portfolio
        out = Text()
        out.append(
            t(
                "cal.summary",
                sessions=len(cal.sessions),
                days=number(cal.days),
                max_days=number(p.days),
                months=cal.months,
                max_months=p.months,
            )
            + "\n",
            style="bold",
        )
        breaches = cal.breaches
        out.append(
            (t("cal.breaches", count=len(breaches)) if breaches else t("cal.ok")) + "\n\n",
            style="bold red" if breaches else "bold green",
        )
        dated = any(s.date for s in cal.sessions)
        for s in cal.sessions:
            out.append(f"{s.number:>2} ", style="bold")
            if dated:
                out.append(f"{s.date.isoformat() if s.date else '':10} ")
            out.append(f"{number(s.days):>3} ")
            out.append("⚙ " if s.lab else "  ", style="italic")
            out.append_text(plain("; ".join(angle_title(session, k) for k in s.cases) or "–"))
            out.append("\n")
        out.append("⚙ " + t("cal.lab") + "\n", style="italic")
        out.append("\n" + t("cal.checks") + "\n", style="bold")
        for status in cal.checks:
            out.append_text(mark(status.met))
            out.append_text(plain(status_message(status, None, session)))
            out.append("\n")
        detail.update(out)

    def _selected(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return option.id if option is not None else None

    def _relayout(self, order: list[str], counts: dict[str, int]) -> bool:
        """Write the cases in ``order``, each its count of consecutive sessions."""
        from sieve.workbench import PLAN_EDITS

        set_calendar = PLAN_EDITS.set_calendar

        plan: dict[str, tuple[int, ...]] = {}
        nxt = 1
        for key in order:
            plan[key] = tuple(range(nxt, nxt + counts[key]))
            nxt += counts[key]
        return self.run_edit(set_calendar, plan)

    def _order(self) -> list[str]:
        assert self.plan is not None
        return sorted(self.plan, key=lambda k: (min(self.plan[k], default=10**9), k))

    def action_more(self) -> None:
        self._resize(1)

    def action_less(self) -> None:
        self._resize(-1)

    def _resize(self, delta: int) -> None:
        key = self._selected()
        if key is None or self.plan is None:
            return
        counts = {k: len(v) for k, v in self.plan.items()}
        counts[key] = max(0, counts[key] + delta)
        self._relayout(self._order(), counts)

    def action_move(self, step: int) -> None:
        key = self._selected()
        if key is None or self.plan is None:
            return
        order = self._order()
        i = order.index(key)
        j = i + step
        if not 0 <= j < len(order):
            return
        order[i], order[j] = order[j], order[i]
        if self._relayout(order, {k: len(v) for k, v in self.plan.items()}):
            self.query_one(OptionList).highlighted = j

    def action_lab(self, step: int) -> None:
        from sieve.workbench import PLAN_EDITS

        set_lab_start = PLAN_EDITS.set_lab_start

        if self.lab_start is not None and self.lab_start + step >= 1:
            self.run_edit(set_lab_start, self.lab_start + step)

    def action_reset(self) -> None:
        from sieve.workbench import PLAN_EDITS

        clear_calendar = PLAN_EDITS.clear_calendar

        self.run_edit(clear_calendar)
