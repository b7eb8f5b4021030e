"""The scoring screen: one scorer records levels cell by cell, each saved at once.

Bindings:
    | Key | Description |
    | :- | :- |
    | 0-9 | Record this level for the scorer in the cursor's cell, then move to the
      line's next cell (the digit keys of the other screens do not work here:
      escape leaves). |
    | escape | Leave scoring, back to the previous screen. |
    | delete, backspace | Abstain (remove the scorer's level). |
    | n | Write the scorer's note on the subject or case. |
    | s | Next scorer. |
    | S | Choose a scorer in a list. |
    | u, ctrl+z | Undo the last edit. |
    | b | Blind mode: hide or reveal the group's results. |
"""

from __future__ import annotations

from textual.binding import Binding

from sieve.app.bindings import localize
from sieve.app.screens.matrix import MatrixScreen
from sieve.app.widgets.matrix_rows import CASE
from sieve.i18n import t


class ScoringScreen(MatrixScreen):
    """The matrix in one scorer's view, with digits to record levels."""

    BINDINGS = [
        Binding("escape", "leave", "app.key.leave"),
        Binding("s", "next_scorer", "app.key.next_scorer"),
        Binding("S", "choose_scorer", "app.key.choose_scorer", show=False),
        Binding("delete,backspace", "abstain", "app.key.abstain", key_display="⌫"),
        Binding("n", "note", "app.key.note"),
        Binding("u", "app.undo", "app.key.undo"),
        Binding("b", "app.toggle_blind", "app.key.blind"),
        Binding("g", "noop", show=False),
        # digits are levels here: screen bindings come before the app's screen keys
        *(Binding(str(d), f"level({d})", "app.help.keys.digit", show=False) for d in range(10)),
    ]

    editable = True
    title_key = "app.screen.scoring"

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if wb is not None and wb.session is not None and self.scorer is None and wb.session.scorers:
            self.scorer = next(iter(wb.session.scorers))
        super().update_view()

    def action_noop(self) -> None:
        pass

    def action_leave(self) -> None:
        previous = self.sieve.previous_mode
        self.sieve.action_show(previous if previous not in (None, "scoring") else "matrix")

    def action_level(self, level: int) -> None:
        # a level costs one key: the cursor moves on to the line's next cell
        if self.record(level):
            self.matrix.next_cell_of_row()

    def record(self, level: int | None) -> bool:
        """Record ``level`` (``None``: abstain) in the cursor's cell for the scorer;
        ``True`` when it was recorded (the cursor stays on its cell, wherever it moved)."""
        matrix = self.matrix
        key, crit = matrix.current_key(), matrix.current_criterion
        if self.scorer is None or crit is None:
            return False
        if key is None:
            self.notify(t("app.scoring.need_case"), severity="warning", timeout=3)
            return False
        if level is not None and level > crit.scale.top:
            self.notify(
                t("app.scoring.too_high", top=crit.scale.top), severity="warning", timeout=3
            )
            return False
        row = matrix.current_row
        if not self.sieve.set_score(self.scorer, key, crit.id, level):
            return False
        if not crit.on_angle and row is not None and row.kind == CASE and self.session:
            # a subject criterion is scored once per subject: typed on a case's line, the
            # level goes to the subject, for every one of its angles, which the line does
            # not show; say so
            subject = self.session.subjects.get(key)
            angles = sum(1 for case in self.session.cases if case.subject.id == key)
            self.notify(
                t(
                    "app.scoring.to_subject",
                    criterion=crit.label,
                    subject=subject.title if subject else key,
                    count=angles,
                ),
                timeout=4,
            )
        return True

    def action_abstain(self) -> None:
        self.record(None)

    def action_note(self) -> None:
        from sieve.app.screens.dialogs import NoteDialog

        wb = self.sieve.workbench
        matrix = self.matrix
        row = matrix.current_row
        if self.scorer is None or row is None or self.session is None:
            return
        key = row.case or row.subject
        scorer = self.scorer
        current = wb.session.notes.get(scorer, {}).get(key, "")

        def done(text: str | None) -> None:
            if text is not None:
                self.sieve.set_note(scorer, key, text)

        self.app.push_screen(NoteDialog(wb.session.scorers[scorer].name, key, current), done)
