"""The tamis: the criteria with their question, kind, scale levels and weights.

A weight changed with ``+``/``-`` is first a preview: the ranking beside the list
(and on every other screen) moves at once; ``s`` writes the new weights to the
tamis file, Escape goes back to the file's weights.

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down | Select a criterion. |
    | +, - | Raise or lower the selected score criterion's weight (preview). |
    | s | Save the previewed weights into the tamis. |
    | escape | Forget the previewed weights. |
    | e | Edit the label and the question. |
    | a | Add a criterion after the selected one. |
    | delete | Remove the selected criterion (asks first when scores exist for it). |
"""

from __future__ import annotations

from itertools import takewhile

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.editing import EditingScreen
from sieve.app.screens.forms import ConfirmDialog, Field, FormDialog
from sieve.app.text import clip, clip_apart, plain
from sieve.app.widgets.fitted import FittedText
from sieve.app.widgets.keybar import KeyBar
from sieve.engine.evaluate import evaluate
from sieve.i18n import number, points, t
from sieve.model import APPLIES_TO, CRITERION_KINDS, Criterion
from sieve.text import free_id, literal
from sieve.workbench import EDITS as edit

#: How much one key press changes a weight.
WEIGHT_STEP = 1.0


class TamisScreen(EditingScreen):
    """The criteria of the tamis, and the ranking their weights give."""

    BINDINGS = [
        Binding("plus,equals_sign", "weight(1)", "app.key.weight_up", key_display="+"),
        Binding("minus", "weight(-1)", "app.key.weight_down", key_display="-"),
        Binding("s", "save_weights", "app.key.save_weights"),
        Binding("escape", "reset_weights", "app.key.reset_weights", show=False),
        Binding("e", "edit_text", "app.key.edit"),
        Binding("a", "add", "app.key.add"),
        Binding("delete", "remove", "app.key.remove", key_display="⌦"),
    ]

    # no LAID_OUT_BY: the list's lines are worded to the screen's width, and the ranking
    # beside to its own width by its widget (the list, as wide as its lines, is laid out
    # after they come and changes the side's width: one build, not two)
    DEFAULT_CSS = """
    TamisScreen #criteria { width: auto; max-width: 60%; height: 1fr; }
    TamisScreen #tamis-side { width: 1fr; height: 1fr; padding: 0 1; border-left: vkey $panel; }
    """

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        with Horizontal():
            yield OptionList(id="criteria")
            with VerticalScroll(id="tamis-side"):
                yield Static(id="criterion-detail")
                yield FittedText(id="tamis-ranking")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionList).focus()

    # -- what is shown -------------------------------------------------------------

    def _weights(self) -> dict[str, float]:
        wb = self.sieve.workbench
        return dict(wb.weights or {}) if wb is not None else {}

    def _weight_of(self, crit: Criterion) -> float:
        return self._weights().get(crit.id, crit.weight)

    def selected(self) -> Criterion | None:
        """The highlighted criterion."""
        wb = self.sieve.workbench
        option = self.query_one(OptionList).highlighted_option
        if self.session is None or option is None or option.id is None:
            return None
        return wb.session.tamis.by_id.get(option.id)

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.session is None:
            return
        tamis = wb.session.tamis
        bar = Text()
        bar.append_text(plain(t("app.tamis.bar", title=tamis.title, version=tamis.version)))
        since = self.sieve.tamis_modified_since()
        if since is not None:
            bar.append("  ·  " + t("app.tamis.modified", version=since), style="bold")
        if self._weights():
            bar.append("  ·  " + t("app.tamis.preview"), style="bold reverse")
        self.query_one("#bar", Static).update(bar)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        # the list is as wide as its lines, up to 60 % of the screen (its CSS): what its
        # lines may take is worked out from the screen, not from the list's own width
        width = max(30, int((self.app.size.width or 100) * 0.6) - 2 - 2 - 3)
        on_words = {on: t(f"app.tamis.on.{on}") for on in ("subject", "angle")}
        on_w = max(len(word) for word in on_words.values())  # "subject": never cut
        # as wide as the longest label, when there is room: the ranking beside takes the rest
        longest = max((len(literal(crit.label)) for crit in tamis.criteria), default=10)
        label_w = max(10, min(longest, width - 8 - on_w))
        for crit in tamis.criteria:
            prompt = Text()
            if crit.is_gate:
                prompt.append("✗ ", style="bold")
            else:
                prompt.append("  ")
            prompt.append_text(plain(clip(crit.label, label_w).ljust(label_w)))
            prompt.append(" " + on_words[crit.applies_to].ljust(on_w), style="dim")
            if crit.is_gate:
                prompt.append(f"≥{number(crit.pass_at)}".rjust(5))
            else:
                weight = self._weight_of(crit)
                shown = f"×{number(weight)}"
                if weight != crit.weight:
                    prompt.append(shown.rjust(5), style="bold reverse")
                else:
                    prompt.append(shown.rjust(5), style="bold")
            options.add_option(Option(prompt, id=crit.id))
        if highlighted is None or highlighted >= options.option_count:
            highlighted = 0
        if options.option_count:
            options.highlighted = highlighted
        self._show_detail()
        self._show_ranking()

    def _show_detail(self) -> None:
        wb = self.sieve.workbench
        crit = self.selected()
        detail = self.query_one("#criterion-detail", Static)
        if self.session is None or crit is None:
            detail.update("")
            return
        text = Text()
        text.append_text(plain(crit.label, style="bold"))
        text.append("  ")
        text.append_text(plain(crit.id, style="dim"))
        text.append("\n")
        if crit.question:
            text.append_text(plain(crit.question, style="italic", one_line=False))
        else:
            text.append(t("app.tamis.no_question"), style="dim italic")
        text.append("\n")
        kind = t(f"app.tamis.kind.{crit.kind}")
        text.append(t("app.tamis.kind_line", kind=kind, on=t(f"app.tamis.on.{crit.applies_to}")))
        text.append("\n")
        if crit.is_gate:
            text.append(f"{t('app.tamis.pass_at')} {number(crit.pass_at)}", style="bold")
        else:
            weights = {c.id: self._weight_of(c) for c in wb.session.tamis.criteria if not c.is_gate}
            total = sum(weights.values())
            share = 100 * weights[crit.id] / total if total else 0.0
            text.append(f"{t('app.tamis.weight')} {number(weights[crit.id])}", style="bold")
            text.append(f"  ({t('app.tamis.weight_share', share=number(share, digits=0))})")
        text.append("\n")
        text.append_text(plain(t("app.tamis.scale", scale=crit.scale.id)))
        text.append("\n")
        for level, meaning in enumerate(crit.scale.levels):
            marker = "≥" if crit.is_gate and level == int(crit.pass_at) else " "
            text.append(f" {marker}{level} ")
            text.append_text(plain(meaning))
            text.append("\n")
        count = edit.scores_for_criterion(wb.session, crit.id)
        text.append(t("app.tamis.scores", count=count), style="dim")
        text.append("\n")
        detail.update(text)

    def _show_ranking(self) -> None:
        wb = self.sieve.workbench
        box = self.query_one("#tamis-ranking", FittedText)
        if self.session is None or wb.evaluation is None:
            box.show(None)
            return
        if self.sieve.blind:
            box.show(Text(t("app.blind.hidden"), style="italic"))
            return
        preview = bool(self._weights())
        saved = evaluate(wb.session) if preview else wb.evaluation
        before = {r.key: r.rank for r in saved.results}
        title = t("app.tamis.ranking_preview" if preview else "app.tamis.ranking")
        ranked = list(takewhile(lambda r: r.rank is not None, wb.evaluation.results))
        # the angle first, as on the Ranking screen: cases of one subject differ by it
        both = [f"{r.case.angle.title} · {r.case.subject.title}" for r in ranked]
        longest = max((len(literal(title)) for title in both), default=8)

        def worded(side: int) -> Text:
            text = Text("\n" + title + "\n", style="bold")
            # rank, move, title, score, and two columns from the scrollbar or the edge
            width = min(max(8, side - 3 - 3 - 1 - 3 - 2), longest)
            titles = clip_apart(both, width)
            for result, title_text in zip(ranked, titles, strict=True):
                text.append(f"{result.rank:>2} ", style="bold")
                old = before.get(result.key)
                if preview and old is not None and old != result.rank:
                    moved = old - result.rank
                    arrow = "▲" if moved > 0 else "▼"
                    text.append(arrow + f"{abs(moved)}".ljust(2), style="bold")
                else:
                    text.append("   ")
                text.append_text(plain(title_text.ljust(width)))
                score = points(result.score)
                text.append(f" {score:>3}\n")
            return text

        box.show(worded)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    # -- weights ---------------------------------------------------------------------

    def action_weight(self, direction: int) -> None:
        wb = self.sieve.workbench
        crit = self.selected()
        if wb is None or crit is None:
            return
        if crit.is_gate:
            self.notify(t("app.tamis.gate_no_weight"), timeout=3)
            return
        weights = self._weights()
        value = max(0.0, self._weight_of(crit) + direction * WEIGHT_STEP)
        if value == crit.weight:
            weights.pop(crit.id, None)
        else:
            weights[crit.id] = value
        wb.set_weights(weights or None)
        self.sieve.update_views()

    def action_save_weights(self) -> None:
        wb = self.sieve.workbench
        weights = self._weights()
        if wb is None or not weights:
            return
        if self.run_edit(edit.set_weights, weights):
            wb.set_weights(None)
            self.sieve.update_views()

    def action_reset_weights(self) -> None:
        wb = self.sieve.workbench
        if wb is not None and wb.weights:
            wb.set_weights(None)
            self.sieve.update_views()

    # -- label, question, add, remove ---------------------------------------------------

    def action_edit_text(self) -> None:
        crit = self.selected()
        if crit is None:
            return
        fields = [
            Field("label", t("app.tamis.field.label"), crit.label),
            Field("question", t("app.tamis.field.question"), crit.question),
        ]

        if crit.is_gate:
            fields.append(Field("pass_at", t("app.tamis.pass_at"), number(crit.pass_at)))

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            if (answer["label"], answer["question"]) != (crit.label, crit.question):
                self.run_edit(edit.set_criterion_text, crit.id, answer["label"], answer["question"])
            if "pass_at" in answer and answer["pass_at"] != number(crit.pass_at):
                text = answer["pass_at"].replace(",", ".")
                try:
                    value = float(text)
                except ValueError:
                    self.notify(
                        t("edit.not_number", field="pass_at", value=answer["pass_at"]),
                        severity="error",
                    )
                    return
                self.run_edit(edit.set_pass_at, crit.id, value)

        self.app.push_screen(FormDialog(t("app.tamis.edit_title"), fields), done)

    def action_add(self) -> None:
        wb = self.sieve.workbench
        crit = self.selected()
        if self.session is None:
            return
        tamis = wb.session.tamis
        after = crit.id if crit is not None else None
        fields = [
            Field("label", t("app.tamis.field.label")),
            Field("id", t("app.tamis.field.id_from_label")),
            Field("question", t("app.tamis.field.question")),
            Field(
                "applies_to",
                t("app.tamis.field.applies_to"),
                crit.applies_to if crit else APPLIES_TO[0],
                tuple((t(f"app.tamis.on.{a}"), a) for a in APPLIES_TO),
            ),
            Field(
                "kind",
                t("app.tamis.field.kind"),
                "score",
                tuple((t(f"app.tamis.kind.{k}"), k) for k in CRITERION_KINDS),
            ),
            Field(
                "scale",
                t("app.tamis.field.scale"),
                crit.scale.id if crit else next(iter(tamis.scales)),
                tuple((plain(name), name) for name in tamis.scales),
            ),
            Field("weight", t("app.tamis.field.weight"), "1"),
        ]

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            try:
                amount = float(answer["weight"].replace(",", ".") or "1")
            except ValueError:
                self.notify(
                    t("edit.not_number", field="weight", value=answer["weight"]),
                    severity="error",
                )
                return
            taken = {c.id for c in tamis.criteria}
            ident = answer["id"].strip() or free_id(answer["label"], taken, "critere")
            if self.run_edit(
                edit.add_criterion,
                ident,
                answer["label"],
                answer["applies_to"],
                answer["kind"],
                answer["scale"],
                question=answer["question"],
                weight=amount,
                pass_at=amount,
                after=after,
            ):
                self.select(ident)

        title = t("app.tamis.add_title", after=crit.label if crit else "")
        self.app.push_screen(FormDialog(title, fields), done)

    def select(self, criterion: str) -> None:
        """Highlight a criterion by id."""
        options = self.query_one(OptionList)
        for index in range(options.option_count):
            if options.get_option_at_index(index).id == criterion:
                options.highlighted = index
                return

    def action_remove(self) -> None:
        wb = self.sieve.workbench
        crit = self.selected()
        if self.session is None or crit is None:
            return
        count = edit.scores_for_criterion(wb.session, crit.id)
        if not count:
            self.run_edit(edit.remove_criterion, crit.id)
            return
        question = plain(t("app.tamis.remove_title", label=crit.label))
        detail = Text(t("app.tamis.remove_scores", count=count))

        def done(yes: bool | None) -> None:
            if yes:
                self.run_edit(edit.remove_criterion, crit.id, drop_scores=True)

        self.app.push_screen(ConfirmDialog(question, detail), done)
