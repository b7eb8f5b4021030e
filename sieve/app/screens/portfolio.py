"""The portfolio and the decision journal, in the app (the calendar: :mod:`.calendar`).

- :class:`PortfolioScreen`: the best portfolio under the constraints, recomputed
  live while cases are pinned or excluded (written at once to the session's
  ``[portfolio]``: ``pinned``, ``excluded``), with the constraints met or broken,
  the next two alternatives and why each case is in or out; ``d`` records the
  decision in the session's journal.
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
from sieve.app.screens.plan_lines import PLAN_CSS, cut_titles, mark, titled
from sieve.app.text import clip_apart, plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import number, percent, points, t
from sieve.render.names import case_title
from sieve.render.plan import robust_case

#: The room of a case's title in the journal's tables (cut apart past it).
JOURNAL_TITLE_WIDTH = 30


def _solve(session, evaluation):
    """The best portfolio of ``session`` under its pins and exclusions (the optimiser:
    SciPy's, imported on its first run)."""
    from sieve.plan.instance import build_instance
    from sieve.plan.solve import solve_instance

    return solve_instance(build_instance(session, evaluation))


class PortfolioScreen(EditingScreen):
    """The best portfolio, live, with pins and exclusions.

    The optimiser runs in a thread (its first run imports SciPy: about two seconds): the
    screen is shown at once, with the last portfolio or a line saying it is being
    worked out, and filled when the optimiser answers for the session as it still is.

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
    DEFAULT_CSS = PLAN_CSS
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
        """The optimiser's answer shown (for :attr:`solved_for`), or ``None``."""
        self.solved_for: tuple[object, object] | None = None
        """The session and evaluation :attr:`result` was worked out for."""

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

    @property
    def solved(self) -> bool:
        """Whether :attr:`result` answers for the session as it is now."""
        wb = self.sieve.workbench
        state = self.solved_for
        return (
            wb is not None
            and state is not None
            and state[0] is wb.session
            and state[1] is wb.evaluation
        )

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.evaluation is None:
            return
        options = self.query_one(OptionList)
        detail = self.query_one("#pf-detail", Static)
        if self.sieve.blind:
            self._show_bar()
            options.clear_options()
            options.add_option(Option(Text(t("app.blind.hidden"), style="italic"), disabled=True))
            detail.update("")
            return
        if self.solved:
            self._show_bar()
            self._show_result()
            return
        self._show_bar(computing=True)
        if self.result is None:  # nothing to show yet: say that it is being worked out
            options.clear_options()
            line = Text(t("plan.computing"), style="italic")
            options.add_option(Option(line, disabled=True))
            detail.update("")
        # after the screen is painted: the optimiser's first run imports SciPy, which
        # holds the interpreter's lock often enough to delay the first frame by half
        self.call_after_refresh(self._solve_in_thread, wb.session, wb.evaluation)

    def _show_bar(self, computing: bool = False) -> None:
        session = self.sieve.workbench.session
        bar = Text(t("app.screen.portfolio") + " · ", style="bold")
        bar.append_text(plain(session.title))
        if computing:
            bar.append("  ·  " + t("plan.computing"), style="italic")
        self.query_one("#bar", Static).update(bar)

    @work(thread=True, exclusive=True, group="portfolio")
    def _solve_in_thread(self, session, evaluation) -> None:
        result = _solve(session, evaluation)
        self.app.call_from_thread(self._solved, session, evaluation, result)

    def _solved(self, session, evaluation, result) -> None:
        """The optimiser answered for ``session``: show it, if that is still the session
        open (else a newer run is on its way)."""
        wb = self.sieve.workbench
        if wb is None or wb.session is not session or wb.evaluation is not evaluation:
            return
        self.result, self.solved_for = result, (session, evaluation)
        if self.ready and not self.sieve.blind:
            self._show_bar()
            self._show_result()

    def _show_result(self) -> None:
        """Fill the list with the candidates of :attr:`result`, then the detail."""
        session = self.sieve.workbench.session
        result = self.result
        self.pinned = set(result.instance.portfolio.pinned)
        self.excluded = set(result.instance.portfolio.excluded)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
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
        cut = cut_titles(session, keys, [max(8, width - i - 1) for i in indents], indents, width)
        for c, prompt, indent, titles in zip(candidates, prompts, indents, cut, strict=True):
            titled(prompt, *titles, indent, "" if c.score is not None else "dim")
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
                    out.append_text(mark(False))
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
                out.append_text(mark(s.met))
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
        from sieve.plan.instance import portfolio_of

        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None or self.result is None or self.sieve.blind:
            return
        # from the file, not from the result shown: a second key before the optimiser
        # answered the first keeps the first's pin
        portfolio = portfolio_of(self.session)
        pinned, excluded = set(portfolio.pinned), set(portfolio.excluded)
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
        if self.sieve.blind or self.evaluation is None:  # (the optimiser may still run)
            return
        self.notify(t("app.robust.running"), timeout=3)
        self._run_robust()

    @work(thread=True, exclusive=True, group="robust")
    def _run_robust(self) -> None:
        self.sieve.workbench.compute_robustness()
        self.app.call_from_thread(self.refresh_view)

    def action_decide(self) -> None:
        result = self.result
        if result is not None and not self.solved:
            self.notify(t("plan.computing"), timeout=2)
            return
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


class JournalScreen(SieveScreen):
    """The decisions recorded, and prediction against outcome.

    The journal's tables keep their lines whole: the arrow keys scroll them both ways.
    """

    DEFAULT_CSS = PLAN_CSS

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
            plain(journal_text(wb.session, titles=True, names=self.case_names()), one_line=False)
        )

    def case_names(self) -> dict[str, str]:
        """Each case of the journal's tables as the app names cases (its angle's title, then
        its subject's), cut apart to :data:`JOURNAL_TITLE_WIDTH` so the figures stay in view."""
        session = self.sieve.workbench.session
        keys = list(dict.fromkeys(s.case for d in session.decisions for s in d.snapshots))
        both = []
        for key in keys:
            try:
                case = session.case(key)
            except KeyError:  # a case removed since the decision: its key
                both.append(key)
            else:
                both.append(f"{case.angle.title} · {case.subject.title}")
        return dict(zip(keys, clip_apart(both, JOURNAL_TITLE_WIDTH), strict=True))
