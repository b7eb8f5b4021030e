"""The base of the screens that edit the files' structure (Tamis, Cases).

Their edits go through :mod:`sieve.save.tamis` and :mod:`sieve.save.cases` (lossless, refusing a
file changed on disk) via :meth:`sieve.workbench.Workbench.edit_files`, which writes pending
scores first and reads everything again afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sieve.app.screens.base import SieveScreen
from sieve.errors import EditError, FileChangedError
from sieve.i18n import t


class EditingScreen(SieveScreen):
    """A main screen whose actions change the files of the session."""

    edit_error: str | None = None
    """Why the last :meth:`run_edit` refused the input (``None``: it did not)."""

    def run_edit(
        self, operation: Callable[..., list[Path]], *args: object, **kwargs: object
    ) -> bool:
        """Run one edit; tell the user what happened; ``True`` when it was written."""
        app = self.sieve
        wb = app.workbench
        if wb is None or not wb.ok:
            return False
        self.edit_error = None
        app.tamis_editing()
        try:
            written = wb.edit_files(operation, *args, **kwargs)
        except EditError as exc:
            self.edit_error = t(exc.code, **exc.params)
            app.notify(self.edit_error, severity="error")
            return False
        except FileChangedError as exc:
            app.notify(t("edit.changed", path=exc.path), severity="error", timeout=8)
            app.check_disk(force=True)
            return False
        if not wb.ok:
            app.reload()
            return False
        app.notify(
            t("app.edit.saved", files=len(written)) if written else t("app.edit.nothing"),
            timeout=2,
        )
        app.update_views()
        return bool(written)
