"""The weighting screen: the room ranks the criteria, or answers pairwise questions.

Two ways to weights the room can defend, each shown live beside the current weights and
the ranking of the cases the new weights would give:

- **order** (``m`` switches): the score criteria in a list, ``[``/``]`` move the highlighted
  one up or down; rank-order centroid weights (or rank sum, rank reciprocal: ``g``);
- **pairwise** (Saaty's AHP): one question per pair, "Pour choisir nos cas, *A*
  compte-t-il plus que *B* ? Combien ?"; a digit answers (1 the same, 3 moderately more,
  5 strongly, 7 very strongly, 9 extremely), ``i`` says it is the other way round; the
  weights (principal eigenvector, or row geometric mean: ``g``) and the consistency
  ratio move at each answer; above 0.10 the judgments to revisit are named.

``s`` writes the weights and the ``[weighting]`` record into the tamis (asking who took
part). ``u`` undoes the last answer (or move) of the weighting in progress; with none left,
the save made here, as a file edit; never an edit made on another screen.

Bindings:
    | Key | Description |
    | :- | :- |
    | m | Switch between ordering the criteria and pairwise questions. |
    | up, down | Select a criterion (order) or a question (pairwise). |
    | [, ] | Move the selected criterion up or down (order). |
    | 1-9 | Answer the selected question: the first criterion counts that many times the
      second (1: as much); then the next question. |
    | i | The other way round: the second criterion counts more. |
    | g | The other method (ROC, rank sum, rank reciprocal; eigenvector, geometric mean). |
    | s | Save the weights and how they were obtained into the tamis. |
    | u | Undo the last answer or move; then the save made here. |
    | escape | Leave, back to the previous screen. |
"""

from __future__ import annotations

from itertools import takewhile

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.editing import EditingScreen
from sieve.app.screens.forms import Field, FormDialog
from sieve.app.text import clip, plain, wrapped
from sieve.app.widgets.keybar import KeyBar
from sieve.engine import weighting as w
from sieve.engine.evaluate import evaluate
from sieve.i18n import percent, points, t
from sieve.render.weighting import METHOD_KEYS, consistency_lines
from sieve.text import literal
from sieve.workbench import EDITS as edit

ORDER, PAIRWISE = "order", "pairwise"
#: The name under which the room's own judgments are recorded.
ROOM = "salle"


class WeightingScreen(EditingScreen):
    """Weights from an order or from pairwise judgments, live, saved into the tamis."""

    BINDINGS = [
        Binding("escape", "leave", "app.key.leave"),
        Binding("m", "switch", "app.key.weigh_switch"),
        Binding("left_square_bracket", "move(-1)", "app.key.weigh_up", key_display="["),
        Binding("right_square_bracket", "move(1)", "app.key.weigh_down", key_display="]"),
        Binding("i", "invert", "app.key.weigh_invert"),
        Binding("g", "method", "app.key.weigh_method"),
        Binding("s", "save", "app.key.save_weights"),
        Binding("u", "undo", "app.key.undo"),
        # digits answer here: screen bindings come before the app's screen keys
        *(Binding(str(d), f"answer({d})", "app.help.keys.digit", show=False) for d in range(10)),
    ]

    DEFAULT_CSS = """
    WeightingScreen #weigh-left { width: 1fr; max-width: 60%; height: 1fr; }
    WeightingScreen #weigh-question { height: auto; padding: 0 1; }
    WeightingScreen #weigh-list { height: 1fr; }
    WeightingScreen #weigh-side {
        width: 1fr; height: 1fr; padding: 0 1; border-left: vkey $panel;
        scrollbar-gutter: stable;
    }
    """
    #: Shown again once the side is laid out: its width cuts the labels.
    LAID_OUT_BY = ("#weigh-side",)

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.mode = ORDER
        self.order_method = "roc"
        self.ahp_method = "eigen"
        self.order: list[str] = []
        """The score criteria, most important first."""
        self.answers: dict[tuple[str, str], float] = {}
        """(a, b) in the tamis's order -> how many times a counts as much as b."""
        self._for: tuple[str, ...] | None = None
        """The criteria (and tamis digest) the order and answers were built for."""
        self.history: list[tuple[str, list[str], dict[tuple[str, str], float], int]] = []
        """The states before each answer or move (mode, order, answers, highlighted)."""
        self._saved: object | None = None
        """The undo stack's entry of the last save made here (``u`` may take it back)."""

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        with Horizontal():
            with Vertical(id="weigh-left"):
                yield Static(id="weigh-question")
                yield OptionList(id="weigh-list")
            with VerticalScroll(id="weigh-side"):
                yield Static(id="weigh-weights")
                yield Static(id="weigh-ranking")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionList).focus()

    # -- state -----------------------------------------------------------------------

    def _scored(self) -> list:
        wb = self.sieve.workbench
        return [c for c in wb.session.tamis.criteria if not c.is_gate]

    def _sync(self) -> None:
        """Start from the tamis: its recorded order or judgments, else its weights."""
        tamis = self.sieve.workbench.session.tamis
        ids = tuple(c.id for c in self._scored())
        key = (*ids, tamis.digest)
        if self._for == key:
            return
        self._for = key
        self.history.clear()  # another tamis, or the one just saved: a new start
        record = tamis.weighting
        if record is not None and not record.is_ahp and set(record.order) == set(ids):
            self.order = list(record.order)
            self.order_method = record.method
            self.mode = ORDER
        elif not self.order or set(self.order) != set(ids):
            weights = {c.id: c.weight for c in self._scored()}
            self.order = sorted(ids, key=lambda i: -weights[i])
        self.order = [i for i in self.order if i in ids]
        if record is not None and record.is_ahp and ROOM in record.judgments:
            self.ahp_method = record.method
            self.mode = PAIRWISE
            self.answers = {}
            for first, second, value in record.judgments[ROOM]:
                if first in ids and second in ids:
                    a, b = sorted((first, second), key=ids.index)
                    self.answers[(a, b)] = value if (a, b) == (first, second) else 1 / value
        else:
            self.answers = {k: v for k, v in self.answers.items() if set(k) <= set(ids)}

    def pairs(self) -> list[tuple[str, str]]:
        """Every question, in the tamis's order of criteria."""
        ids = [c.id for c in self._scored()]
        return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]

    @property
    def method(self) -> str:
        return self.order_method if self.mode == ORDER else self.ahp_method

    def result(self) -> tuple[dict[str, float], w.AhpResult | None]:
        """The weights the room's order or answers give now (and the AHP result)."""
        if self.mode == ORDER:
            return w.rank_order_weights(self.order, self.order_method), None
        ids = [c.id for c in self._scored()]
        judgments = [w.Judgment(a, b, v) for (a, b), v in self.answers.items()]
        result = w.ahp_weights(ids, w.matrix_from_judgments(ids, judgments), self.ahp_method)
        return result.weights, result

    # -- what is shown -------------------------------------------------------------

    def _label(self, ident: str) -> str:
        return self.sieve.workbench.session.tamis.by_id[ident].label

    def question_text(self, pair: tuple[str, str]) -> Text:
        """The question as the room hears it (broken at its ordinary spaces only: a
        guillemet keeps its word)."""
        words = t("weigh.app.question", first=self._label(pair[0]), second=self._label(pair[1]))
        return plain(wrapped(words, self._question_width()), one_line=False)

    def _question_width(self) -> int:
        box = self.query_one("#weigh-question", Static)
        width = box.content_region.width
        if not width:  # not laid out yet: the left column's share of the screen, less padding
            width = int((self.size.width or self.app.size.width) * 0.5) - 2
        return max(20, width)

    def update_view(self) -> None:
        if self.session is None:
            return
        tamis = self.sieve.workbench.session.tamis
        if len(self._scored()) < 2:  # nothing to weigh: a tamis of gates, or one criterion
            self.query_one("#bar", Static).update(plain(t("weigh.app.bar", title=tamis.title)))
            self.query_one("#weigh-question", Static).update(t("weigh.error.too_few"))
            self.query_one(OptionList).clear_options()
            self.query_one("#weigh-weights", Static).update("")
            self.query_one("#weigh-ranking", Static).update("")
            return
        self._sync()
        mode = t("weigh.app.mode.order" if self.mode == ORDER else "weigh.app.mode.pairwise")
        method = "  ·  " + t(METHOD_KEYS[self.method])
        room = (self.size.width or self.app.size.width) - 2 - len(mode) - len(method) - 5
        bar = Text()
        bar.append_text(plain(clip(t("weigh.app.bar", title=tamis.title), max(12, room))))
        bar.append("  ·  " + mode)
        bar.append(method, style="bold")
        self.query_one("#bar", Static).update(bar)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        width = max(20, int((self.size.width or 100) * 0.6) - 12)
        if self.mode == ORDER:
            for position, ident in enumerate(self.order, start=1):
                prompt = Text(f"{position:>2}. ", style="bold")
                prompt.append_text(plain(clip(self._label(ident), width)))
                options.add_option(Option(prompt, id=ident))
        else:
            half = max(8, (width - 12) // 2)
            for a, b in self.pairs():
                value = self.answers.get((a, b))
                prompt = Text()
                prompt.append_text(plain(clip(self._label(a), half)))
                prompt.append(" / ", style="dim")
                prompt.append_text(plain(clip(self._label(b), half)))
                prompt.append("  ")
                prompt.append(self._answer_words(value), style="bold" if value else "dim")
                options.add_option(Option(prompt, id=f"{a}|{b}"))
        if highlighted is None or highlighted >= options.option_count:
            highlighted = 0
        if options.option_count:
            options.highlighted = highlighted
        self._show_question()
        self._show_weights()

    def _answer_words(self, value: float | None) -> str:
        if value is None:
            return "?"
        if value >= 1:
            return "×" + _ratio(value)
        return "÷" + _ratio(1 / value)

    def _current_pair(self) -> tuple[str, str] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None or "|" not in option.id:
            return None
        a, _, b = option.id.partition("|")
        return a, b

    def _show_question(self) -> None:
        box = self.query_one("#weigh-question", Static)
        if self.mode == ORDER:
            box.update(Text(t("weigh.app.order_help"), style="italic"))
            return
        pair = self._current_pair()
        pairs = self.pairs()
        text = Text()
        text.append(
            t("weigh.app.progress", answered=len(self.answers), count=len(pairs)) + "\n",
            style="dim",
        )
        if pair is not None:
            text.append_text(self.question_text(pair))
            text.append("\n")
            value = self.answers.get(pair)
            if value is not None:
                first, second = pair if value >= 1 else (pair[1], pair[0])
                times = value if value >= 1 else 1 / value
                words = t(
                    "weigh.app.answered",
                    first=self._label(first),
                    second=self._label(second),
                    times=_ratio(times),
                )
                text.append_text(
                    plain(wrapped(words, self._question_width()), style="bold", one_line=False)
                )
                text.append("\n")
        text.append(t("weigh.app.scale"), style="dim")
        box.update(text)

    def _side_width(self) -> int:
        """The columns a line of the side has (its scrollbar's kept aside: the gutter is
        stable), from the screen's width before the side is laid out."""
        side = self.query_one("#weigh-side").size.width
        if not side:
            side = (self.size.width or self.app.size.width) // 2 - 3
        return max(20, side - 2)

    def _show_weights(self) -> None:
        wb = self.sieve.workbench
        weights, ahp = self.result()
        scored = self._scored()
        current = {c.id: c.weight for c in scored}
        total = sum(current.values())
        width = max(8, min(40, self._side_width() - 18))  # a label, then two columns of 9
        text = Text()
        record = wb.session.tamis.weighting
        if record is None:
            text.append(t("weigh.app.not_recorded") + "\n\n", style="dim italic")
        else:
            people = ", ".join(record.participants) or "–"
            words = t(
                "weigh.app.recorded",
                method=t(METHOD_KEYS[record.method]),
                date=str(record.date or "–"),
                people=people,
            )
            text.append_text(plain(words, style="dim italic", one_line=False))
            text.append("\n\n")
        text.append(t("weigh.app.weights") + "\n", style="bold")
        text.append(f"{'':<{width}} {t('weigh.col.new'):>8} {t('weigh.col.current'):>8}\n", "dim")
        for ident, value in sorted(weights.items(), key=lambda kv: -kv[1]):
            text.append_text(plain(clip(self._label(ident), width).ljust(width)))
            now = percent(current[ident] / total, compact=True) if total else "–"
            text.append(f" {percent(value, compact=True):>8}", style="bold")
            text.append(f" {now:>8}\n")
        if ahp is not None:
            text.append("\n")
            for line in consistency_lines(wb.session.tamis, ahp):
                style = "bold" if line.startswith("⚠") else ""
                text.append_text(plain(line, style=style, one_line=False))
                text.append("\n")
        self.query_one("#weigh-weights", Static).update(text)
        self._show_ranking(weights)

    def _show_ranking(self, weights: dict[str, float]) -> None:
        wb = self.sieve.workbench
        box = self.query_one("#weigh-ranking", Static)
        if wb.evaluation is None:
            box.update("")
            return
        if self.sieve.blind:
            box.update(Text(t("app.blind.hidden"), style="italic"))
            return
        before = {r.key: r.rank for r in evaluate(wb.session).results}
        after = evaluate(wb.session, weights=dict(weights))
        text = Text("\n" + t("weigh.app.ranking") + "\n", style="bold")
        width = max(8, self._side_width() - 3 - 3 - 4)  # rank, move, title, score
        for result in takewhile(lambda r: r.rank is not None, after.results):
            text.append(f"{result.rank:>2} ", style="bold")
            old = before.get(result.key)
            if old is not None and old != result.rank:
                moved = old - result.rank
                text.append(("▲" if moved > 0 else "▼") + f"{abs(moved)}".ljust(2), style="bold")
            else:
                text.append("   ")
            title = f"{result.case.angle.title} · {result.case.subject.title}"
            text.append_text(plain(clip(title, width).ljust(width)))
            text.append(f" {points(result.score):>3}\n")
        box.update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_question()

    # -- actions -------------------------------------------------------------------

    def action_leave(self) -> None:
        previous = self.sieve.previous_mode
        self.sieve.action_show(previous if previous not in (None, "weighting") else "tamis")

    def action_switch(self) -> None:
        self.mode = PAIRWISE if self.mode == ORDER else ORDER
        self.query_one(OptionList).highlighted = 0
        self.refresh_view()

    def action_method(self) -> None:
        if self.mode == ORDER:
            methods = w.ORDER_METHODS
            self.order_method = methods[(methods.index(self.order_method) + 1) % len(methods)]
        else:
            self.ahp_method = "geometric" if self.ahp_method == "eigen" else "eigen"
        self.refresh_view()

    def _remember(self) -> None:
        """Keep the state before an answer or a move, for :meth:`action_undo`."""
        at = self.query_one(OptionList).highlighted or 0
        self.history.append((self.mode, list(self.order), dict(self.answers), at))

    def action_undo(self) -> None:
        """The last answer or move taken back; with none, the save made here (a file edit)."""
        if self.history:
            self.mode, self.order, self.answers, at = self.history.pop()
            self.refresh_view()
            self.query_one(OptionList).highlighted = at
            self.notify(t("weigh.app.undone"), timeout=2)
            return
        wb = self.sieve.workbench
        if wb is not None and self._saved is not None and wb.undo_stack[-1:] == [self._saved]:
            self._saved = None
            self.sieve.action_undo()
            return
        self.notify(t("weigh.app.undo_nothing"), timeout=3)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        at = options.highlighted
        if self.mode != ORDER or at is None:
            return
        to = at + step
        if not 0 <= to < len(self.order):
            return
        self._remember()
        self.order[at], self.order[to] = self.order[to], self.order[at]
        self.refresh_view()
        options.highlighted = to

    def action_answer(self, value: int) -> None:
        if self.mode != PAIRWISE:
            self.notify(t("weigh.app.digits_pairwise"), timeout=3)
            return
        pair = self._current_pair()
        if pair is None:
            return
        previous = self.answers.get(pair)
        # a digit keeps the side already chosen with ``i`` (the second counts more)
        new = None if value == 0 else 1 / value if previous is not None and previous < 1 else value
        if new != previous:
            self._remember()
        if new is None:
            self.answers.pop(pair, None)
        else:
            self.answers[pair] = new
        options = self.query_one(OptionList)
        at = options.highlighted or 0
        self.refresh_view()
        if value and at + 1 < options.option_count:
            options.highlighted = at + 1
        else:
            options.highlighted = at

    def action_invert(self) -> None:
        pair = self._current_pair() if self.mode == PAIRWISE else None
        if pair is None:
            return
        at = self.query_one(OptionList).highlighted
        self._remember()
        self.answers[pair] = 1 / self.answers.get(pair, 1.0) if pair in self.answers else 1 / 3
        self.refresh_view()
        self.query_one(OptionList).highlighted = at

    def record(self, participants: tuple[str, ...]):
        """What ``[weighting]`` will say of the weights shown."""
        import datetime as _dt

        weights, ahp = self.result()
        if self.mode == ORDER:
            return edit.WeightingRecord(
                self.order_method,
                order=tuple(self.order),
                participants=participants,
                date=_dt.date.today(),
            )
        pairs = tuple((a, b, v) if v >= 1 else (b, a, 1 / v) for (a, b), v in self.answers.items())
        return edit.WeightingRecord(
            self.ahp_method,
            judgments={ROOM: pairs},
            participants=participants,
            cr=ahp.cr if ahp is not None else None,
            random_index=w.RANDOM_INDEX_TABLE if ahp is not None and ahp.cr is not None else "",
            date=_dt.date.today(),
        )

    def action_save(self) -> None:
        wb = self.sieve.workbench
        if self.session is None or len(self._scored()) < 2:
            return
        if self.mode == PAIRWISE and not self.answers:
            self.notify(t("weigh.app.no_answer"), severity="warning", timeout=3)
            return
        names = ", ".join(literal(s.name) for s in wb.session.scorers.values())
        fields = [Field("participants", t("weigh.app.participants"), names)]

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            people = tuple(p.strip() for p in answer["participants"].split(",") if p.strip())
            weights, _ahp = self.result()
            self.save(weights, self.record(people))

        self.app.push_screen(FormDialog(t("weigh.app.save_title"), fields), done)

    def save(self, weights: dict[str, float], record) -> bool:
        """Write the weights and the record (one undoable edit of the tamis)."""
        self._for = None
        wb = self.sieve.workbench
        saved = self.run_edit(edit.save_weighting, dict(weights), record)
        self._saved = wb.undo_stack[-1] if saved and wb is not None and wb.undo_stack else None
        return saved


def _ratio(value: float) -> str:
    from sieve.i18n import number

    return number(value, digits=1 if value != int(value) else 0)
