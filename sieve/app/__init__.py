"""The Textual app of sieve: a shell (``app.py``), screens and widgets.

Only this package imports Textual; it calls :mod:`sieve.workbench` and the engine.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run(path: Path | None, sessions: list[Path] | None = None) -> int:
    """Run the app on a session file, or let the user pick among ``sessions``.

    Edits are saved in the background while the app runs; any still pending when
    it closes (a quit right after a keystroke) are written before returning.
    """
    from sieve.app.app import SieveApp
    from sieve.errors import EditError, FileChangedError
    from sieve.i18n import t
    from sieve.text import literal

    app = SieveApp(path, sessions=sessions)
    app.run()
    workbench = app.workbench
    if workbench is not None and workbench.pending:
        try:
            workbench.flush()
        except FileChangedError as exc:
            sys.stderr.write(literal(t("app.save.refused", path=exc.path)) + "\n")
            return 1
        except EditError as exc:
            sys.stderr.write(literal(t(exc.code, **exc.params)) + "\n")
            return 1
    return app.return_code or 0
