"""The base of every main screen: it repaints from the workbench when asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from sieve.app.app import SieveApp


class SieveScreen(Screen):
    """A main screen: shows the open session; :meth:`update_view` repaints it.

    The app calls :meth:`update_view` on the current screen after every edit or
    reload; a screen also updates itself when it comes back to the front.
    """

    @property
    def sieve(self) -> SieveApp:
        return self.app  # type: ignore[return-value]

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
