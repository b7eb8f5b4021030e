"""The Textual app of sieve: a shell (``app.py``), screens and widgets.

Only this package imports Textual; it calls :mod:`sieve.workbench` and the engine.
"""

from __future__ import annotations

from pathlib import Path


def run(path: Path | None, sessions: list[Path] | None = None) -> int:
    """Run the app on a session file, or let the user pick among ``sessions``."""
    from sieve.app.app import SieveApp

    app = SieveApp(path, sessions=sessions)
    app.run()
    return app.return_code or 0
