"""The base of every main screen (it repaints from the workbench when asked) and of dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen, ScreenResultType

if TYPE_CHECKING:
    from sieve.app.app import SieveApp
    from sieve.engine.evaluate import Evaluation
    from sieve.model import Session


class SieveScreen(Screen):
    """A main screen: shows the open session; :meth:`update_view` repaints it.

    The app calls :meth:`update_view` on the current screen after every edit or
    reload; a screen also updates itself when it comes back to the front.
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

    def update_view(self) -> None:
        """Show the workbench's current state (override)."""

    def refresh_view(self) -> None:
        """Call :meth:`update_view` when the screen is composed and a session is open."""
        if self.ready and self.sieve.workbench is not None and self.sieve.workbench.ok:
            self.update_view()

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()


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
