"""The base of every main screen (it repaints from the workbench when asked) and of dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen, ScreenResultType

if TYPE_CHECKING:
    from sieve.app.app import SieveApp
    from sieve.engine.evaluate import Evaluation
    from sieve.model import Session


#: The kinds of :meth:`SieveScreen.view_state` items compared by value (others: by identity).
VALUES = (bool, int, float, str, tuple)


class SieveScreen(Screen):
    """A main screen: shows the open session; :meth:`update_view` repaints it.

    The app asks the current screen to update after every edit or reload, and a
    screen updates itself when it is mounted, laid out or resized, and when it comes
    back to the front; it rebuilds only when what it shows changed since it last did
    (:meth:`view_state`), so a screen rebuilds once per change: not once for each of
    those events on its first visit, and not at all when it is shown again unchanged.
    """

    @property
    def sieve(self) -> SieveApp:
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session | None:
        """The open session, or ``None`` (no workbench, or files that do not load)."""
        wb = self.sieve.workbench
        return None if wb is None else wb.session

    @property
    def evaluation(self) -> Evaluation | None:
        """The results of the open session, or ``None`` when there is none."""
        wb = self.sieve.workbench
        return None if wb is None else wb.evaluation

    ready = False
    """Whether the screen is composed (``update_view`` may query its widgets)."""

    rebuilds = 0
    """How many times :meth:`refresh_view` rebuilt the screen (for tests and benchmarks)."""

    LAID_OUT_BY: tuple[str, ...] = ()
    """Selectors of the widgets whose sizes the screen words its text to (a list whose
    lines are cut to its width): the screen is built once they are laid out, and again
    when their sizes change."""

    _shown: tuple[object, ...] | None = None

    def update_view(self) -> None:
        """Show the workbench's current state (override)."""

    def view_state(self) -> tuple[object, ...]:
        """What the screen shows depends on, compared to decide whether
        :meth:`refresh_if_changed` rebuilds it: by identity, or by value for numbers,
        strings and tuples (override to add what a screen also shows).

        Every edit, reload or weight preview makes a new evaluation; a Monte Carlo
        analysis, blind mode and the sizes (:meth:`_sizes`) count too.
        """
        wb = self.sieve.workbench
        assert wb is not None
        return (wb, wb.load, wb.evaluation, wb.robustness(stale=True), self.sieve.blind,
                *self._sizes())  # fmt: skip

    def _sizes(self) -> list[object]:
        """The terminal's size, or the sizes of the widgets of :attr:`LAID_OUT_BY`
        (a resize reaches the screen before and after its widgets are laid out again:
        only the second one changes them)."""
        if not self.LAID_OUT_BY:
            return [self.app.size]
        return [self.query_one(selector).size for selector in self.LAID_OUT_BY]

    def laid_out(self) -> bool:
        """Whether the widgets of :attr:`LAID_OUT_BY` have their sizes (a screen is
        mounted before its layout; its ``Resize`` follows the layout)."""
        for selector in self.LAID_OUT_BY:
            widget = self.query_one(selector)
            if widget.display and not widget.size.width:
                return False
        return True

    def refresh_view(self) -> None:
        """Call :meth:`update_view` when the screen is composed and a session is open."""
        if self.ready and self.sieve.workbench is not None and self.sieve.workbench.ok:
            self._shown = self.view_state()
            self.rebuilds += 1
            self.update_view()

    def refresh_if_changed(self) -> bool:
        """:meth:`refresh_view` if the state shown changed since; whether it did."""
        wb = self.sieve.workbench
        if not self.ready or wb is None or not wb.ok or not self.laid_out():
            return False
        if self._same(self._shown, self.view_state()):
            return False
        self.refresh_view()
        return True

    @staticmethod
    def _same(shown: tuple[object, ...] | None, now: tuple[object, ...]) -> bool:
        if shown is None or len(shown) != len(now):
            return False
        return all(
            a is b or (isinstance(a, VALUES) and a == b) for a, b in zip(shown, now, strict=True)
        )

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_if_changed()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def on_resize(self) -> None:
        self.refresh_if_changed()  # the sizes are part of the state shown


class AnsweredOnce:
    """A screen that answers once: a second ``dismiss`` (a key burst) is ignored.

    Keys typed faster than a repaint are all queued before the first one is handled:
    two Enters on a form's last field submit it twice, and the second ``dismiss``
    would run the answer's callback again and pop the screen under the dialog
    (``ScreenStackError: Can't pop screen``). Only the first answer counts, and only
    while the screen is the one on top.
    """

    answered = False
    """Whether the screen has answered (it is being popped)."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.answered or not self.is_active:  # type: ignore[attr-defined]
            return AwaitComplete.nothing()
        self.answered = True
        return super().dismiss(result)  # type: ignore[misc]


class Dialog(AnsweredOnce, ModalScreen[ScreenResultType]):
    """A modal dialog answered once (every dialog of the app derives from it)."""
