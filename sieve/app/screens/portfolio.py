"""The portfolio, the calendar and the decision journal, in the app.

- :class:`PortfolioScreen`: the best portfolio under the constraints, recomputed
  live while cases are pinned or excluded (written at once to the session's
  ``[portfolio]``: ``pinned``, ``excluded``), with the constraints met or broken,
  the next two alternatives and why each case is in or out; ``d`` records the
  decision in the session's journal.
- :class:`CalendarScreen`: the cases laid over the sessions; give a case more or
  fewer sessions, move it earlier or later, move the start of the lab work, and see
  every protocol breach at once. Each move is written at once (``[[portfolio.case]]``,
  ``lab_start``); ``r`` removes the planned calendar (the proposed one comes back).
- :class:`JournalScreen`: the decisions recorded, and how the sieve's predictions
  compared with the outcomes.

Everything here only calls :mod:`sieve.plan`, :mod:`sieve.save.plan` (through
:meth:`sieve.workbench.Workbench.edit_files`, so that pending scores are written
first and the session is read again), :mod:`sieve.plan.journal` and
:mod:`sieve.render.plan`; file text is shown through :func:`sieve.app.text.plain`.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.base import SieveScreen
from sieve.app.screens.decision import DecisionDialog
from sieve.app.screens.editing import EditingScreen
from sieve.app.text import clip_apart, plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import number, percent, points, t
from sieve.render.names import case_title, case_titles
from sieve.render.plan import robust_case

_CSS = """
#pf-cases, #cal-cases { width: 2fr; height: 1fr; }
#pf-detail-box, #cal-detail-box { width: 3fr; height: 1fr; padding: 0 1; border-left: vkey $panel; }
#journal-box { height: 1fr; padding: 0 1; overflow-x: auto; }
#journal { width: auto; }
"""


#: Draws of the analysis run from the portfolio screen (``m``).


def _mark(ok: bool) -> Text:
    return Text("✔ " if ok else "✘ ", style="green" if ok else "bold red")


def _cut_titles(
    session, keys: list[str], angle_rooms: list[int], indents: list[int], width: int
) -> list[tuple[str, str]]:
    """Each case's angle title cut to its room and its subject's title to the line below
    (``width`` less its indent), each cut telling it from its siblings' (clip_apart)."""
    pairs = [case_titles(session, key) for key in keys]
    angles = [
        titles[1] if titles is not None else key for titles, key in zip(pairs, keys, strict=True)
    ]
    subjects = [titles[0] if titles is not None else "" for titles in pairs]
    subject_rooms = [max(8, width - indent - 1) for indent in indents]
    return list(
        zip(clip_apart(angles, angle_rooms), clip_apart(subjects, subject_rooms), strict=True)
    )


def _titled(
    prompt: Text, angle: str, subject: str, indent: int, style: str = "", after: str = ""
) -> Text:
    """Append a case to a list line: its angle's title (then ``after``, dim), then its
    subject's title on a line below, both already cut (:func:`_cut_titles`).

    ``indent`` columns are already used on the first line (and left blank on the
    second).
    """
    prompt.append_text(plain(angle, style=style))
    prompt.append(after, style="dim")
    if subject:
        prompt.append("\n" + " " * indent)
        prompt.append_text(plain(subject, style="dim"))
    return prompt


def _angle_title(session, key: str) -> str:
    titles = case_titles(session, key)
    return titles[1] if titles is not None else key


class PortfolioScreen(EditingScreen):
    """The best portfolio, live, with pins and exclusions.

    Bindings:
        | Key | Description |
        | :- | :- |
        | up, down | Select a case. |
        | i | Pin the case in (again: unpin). |
        | e | Exclude the case (again: let it back). |
        | c | Clear pins and exclusions. |
        | d | Record the decision in the journal. |
        | m | Robustness: Monte Carlo over weights and scorers (in a thread). |
    """

    LAID_OUT_BY = ("#pf-cases",)
    DEFAULT_CSS = _CSS
    BINDINGS = [
        Binding("i", "pin", "app.key.pin"),
        Binding("e", "exclude", "app.key.exclude"),
        Binding("c", "clear", "app.key.clear_pins"),
        Binding("d", "decide", "app.key.decide"),
        Binding("m", "robust", "app.key.robust"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.pinned: set[str] = set()
        """The pinned cases, as the session file holds them."""
        self.excluded: set[str] = set()
        self.result = None

    @property
    def robust(self):
        """The workbench's Monte Carlo analysis of the session as it is now (``m``; shared
        with the ranking screen), or ``None``."""
        wb = self.sieve.workbench
        return wb.robustness() if wb is not None else None

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        with Horizontal():
            yield OptionList(id="pf-cases")
            with VerticalScroll(id="pf-detail-box"):
                yield Static(id="pf-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def solve(self):
        """The plan result for the open session under the screen's pins and exclusions."""
        from sieve.plan.instance import build_instance
        from sieve.plan.solve import solve_instance

        wb = self.sieve.workbench
        inst = build_instance(wb.session, wb.evaluation)
        self.pinned, self.excluded = set(inst.portfolio.pinned), set(inst.portfolio.excluded)
        return solve_instance(inst)

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.evaluation is None:
            return
        session = wb.session
        bar = Text(t("app.screen.portfolio") + " · ", style="bold")
        bar.append_text(plain(session.title))
        self.query_one("#bar", Static).update(bar)
        options = self.query_one(OptionList)
        detail = self.query_one("#pf-detail", Static)
        highlighted = options.highlighted
        options.clear_options()
        if self.sieve.blind:
            options.add_option(Option(Text(t("app.blind.hidden"), style="italic"), disabled=True))
            detail.update("")
            return
        self.result = result = self.solve()
        chosen = set(result.best.cases) if result.best else set()
        # the list less its scrollbar (there once the cases overflow it): no line wraps
        width = max(12, (options.size.width or 40) - options.styles.scrollbar_size_vertical)
        prompts = []
        for c in result.instance.candidates:
            prompt = Text()
            prompt.append(
                "● " if c.key in chosen else "○ ", style="bold" if c.key in chosen else ""
            )
            tag = "⊕" if c.key in self.pinned else "⊗" if c.key in self.excluded else " "
            prompt.append(tag + " ")
            score = points(c.score, missing="–")
            prompt.append(f"{score:>3} ")
            if self.robust is not None:
                prompt.append(f"{percent(self.robust.p_portfolio.get(c.key)):>5} ", style="italic")
            prompts.append(prompt)
        candidates = result.instance.candidates
        keys = [c.key for c in candidates]
        indents = [len(prompt.plain) for prompt in prompts]
        cut = _cut_titles(session, keys, [max(8, width - i - 1) for i in indents], indents, width)
        for c, prompt, indent, titles in zip(candidates, prompts, indents, cut, strict=True):
            _titled(prompt, *titles, indent, "" if c.score is not None else "dim")
            options.add_option(Option(prompt, id=c.key))
        if highlighted is None or highlighted >= options.option_count:
            highlighted = 0
        options.highlighted = highlighted

        self._detail()

    def _detail(self) -> None:
        """The right-hand side: total, constraints, alternatives, the case's reason."""
        from sieve.render.plan import conflict_message, status_message, words

        result = self.result
        if result is None or self.sieve.blind:
            return
        options = self.query_one(OptionList)
        detail = self.query_one("#pf-detail", Static)
        session = self.sieve.workbench.session
        out = Text()
        if result.best is None:
            out.append(t("plan.infeasible") + "\n", style="bold red")
            by_id = {s.id: s for s in result.constraints}
            for n, found in enumerate(result.conflicts, start=1):
                head = "plan.conflict" if len(found) > 1 else "plan.conflict_one"
                out.append("\n" + t(head, n=n) + "\n", style="bold")
                for g in found:
                    out.append_text(_mark(False))
                    out.append_text(plain(conflict_message(by_id[g], None, session)))
                    out.append("\n")
        else:
            out.append(
                t("plan.total", total=number(result.best.total), count=len(result.best.cases))
                + "\n",
                style="bold",
            )
            for n, key in enumerate(result.best.cases, start=1):
                out.append(f"{n}. ")
                out.append_text(plain(case_title(session, key)))
                out.append("\n")
            out.append("\n" + t("plan.constraints") + "\n", style="bold")
            for s in result.constraints:
                out.append_text(_mark(s.met))
                out.append_text(plain(status_message(s, None, session)))
                out.append("\n")
            out.append("\n" + t("plan.alternatives") + "\n", style="bold")
            for n, alt in enumerate(result.alternatives, start=2):
                out.append(f"{n}. {number(alt.total)}\n")
                for key in alt.cases:
                    out.append("   · ")
                    out.append_text(plain(case_title(session, key)))
                    out.append("\n")
        head = Text()
        option = options.highlighted_option
        why = {r.key: r for r in result.reasons}
        if option is not None and option.id in why:
            r = why[option.id]
            head.append_text(plain(case_title(session, option.id), style="bold"))
            head.append("\n")
            head.append_text(plain(t(f"plan.r.{r.code}", **words(r.params, None, session))))
            head.append("\n")
            rob = self.robust
            if rob is not None and option.id in rob.p_top:
                head.append(robust_case(rob, option.id) + "\n")
            head.append("\n")
        if self.robust is not None:
            out.append("\n" + t("robust.ranges") + "\n", style="bold")
            for crit, (low, high) in self.robust.weight_ranges.items():
                span = (
                    t("robust.range_open", low=number(low), ceiling=number(self.robust.ceiling))
                    if high is None
                    else t("robust.range", low=number(low), high=number(high))
                )
                out.append_text(plain(f"{crit} ({number(self.robust.weights[crit])}) : {span}"))
                out.append("\n")
        detail.update(head + out)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._detail()

    def _toggle(self, which: str) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None or self.result is None or self.sieve.blind:
            return
        pinned, excluded = set(self.pinned), set(self.excluded)
        mine, other = (pinned, excluded) if which == "pin" else (excluded, pinned)
        if option.id in mine:
            mine.discard(option.id)
        else:
            mine.add(option.id)
            other.discard(option.id)
        self._write_pins(pinned, excluded)

    def _write_pins(self, pinned: set[str], excluded: set[str]) -> None:
        """Write the pins to the session file (in ranking order) and show the new best."""
        from sieve.workbench import PLAN_EDITS

        set_pins = PLAN_EDITS.set_pins

        keys = self.result.instance.keys if self.result is not None else []
        self.run_edit(
            set_pins, [k for k in keys if k in pinned], [k for k in keys if k in excluded]
        )

    def action_pin(self) -> None:
        self._toggle("pin")

    def action_exclude(self) -> None:
        self._toggle("exclude")

    def action_clear(self) -> None:
        if self.result is not None and not self.sieve.blind:
            self._write_pins(set(), set())

    def action_robust(self) -> None:
        """Run the Monte Carlo analysis in a thread; the list shows P(portfolio) after."""
        if self.sieve.blind or self.result is None:
            return
        self.notify(t("app.robust.running"), timeout=3)
        self._run_robust()

    @work(thread=True, exclusive=True, group="robust")
    def _run_robust(self) -> None:
        self.sieve.workbench.compute_robustness()
        self.app.call_from_thread(self.refresh_view)

    def action_decide(self) -> None:
        result = self.result
        if result is None or result.best is None or self.sieve.blind:
            self.notify(t("app.decide.nothing"), severity="warning")
            return
        cases = list(result.best.cases)

        def answered(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                error = self.record(cases, *answer)
                if error:  # ask again, keeping what was typed
                    rationale, present = answer
                    dialog = DecisionDialog(cases, rationale, present, error)
                    self.app.push_screen(dialog, answered)

        self.app.push_screen(DecisionDialog(cases), answered)

    def record(self, cases: list[str], rationale: str, present: list[str]) -> str | None:
        """Write the decision: pending edits first, then the journal, then reload.

        Returns why the input was refused (an unknown person...), or ``None``.
        """
        from sieve.errors import EditError, FileChangedError

        wb = self.sieve.workbench
        try:
            ident = wb.record_decision(cases, rationale, present)
        except EditError as exc:
            self.notify(t(exc.code, **exc.params), severity="error", timeout=6)
            return t(exc.code, **exc.params)
        except FileChangedError as exc:
            self.notify(t("app.save.refused", path=exc.path), severity="error", timeout=8)
            return None
        self.sieve.update_views()
        self.notify(t("app.decide.done", id=ident), timeout=4)
        return None


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
    DEFAULT_CSS = _CSS
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
        cut = _cut_titles(session, cases, rooms, [0] * len(cases), width)
        for key, (angle, subject), held in zip(cases, cut, sessions, strict=True):
            prompt = _titled(Text(), angle, subject, 0, after=held)
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
            out.append_text(plain("; ".join(_angle_title(session, k) for k in s.cases) or "–"))
            out.append("\n")
        out.append("⚙ " + t("cal.lab") + "\n", style="italic")
        out.append("\n" + t("cal.checks") + "\n", style="bold")
        for status in cal.checks:
            out.append_text(_mark(status.met))
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


class JournalScreen(SieveScreen):
    """The decisions recorded, and prediction against outcome.

    The journal's tables keep their lines whole: the arrow keys scroll them both ways.
    """

    DEFAULT_CSS = _CSS

    def on_mount(self) -> None:
        self.query_one("#journal-box").focus()

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        with VerticalScroll(id="journal-box"):
            yield Static(id="journal")
        yield KeyBar()

    def update_view(self) -> None:
        from sieve.render.plan import journal_text

        wb = self.sieve.workbench
        if self.session is None:
            return
        bar = Text(t("app.screen.journal") + " · ", style="bold")
        bar.append_text(plain(wb.session.title))
        self.query_one("#bar", Static).update(bar)
        self.query_one("#journal", Static).update(
            plain(journal_text(wb.session, titles=True), one_line=False)
        )
