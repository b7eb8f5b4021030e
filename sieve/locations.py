"""Every file location sieve knows about, in one place."""

from __future__ import annotations

from pathlib import Path

#: The folder of the ``sieve`` package.
PACKAGE_DIR = Path(__file__).resolve().parent

#: The project's root (the folder holding ``criteria/`` and ``sessions/``).
PROJECT_DIR = PACKAGE_DIR.parent

#: Shipped tamis files.
CRITERIA_DIR = PROJECT_DIR / "criteria"

#: Shipped example sessions; one of them is the embedded default.
SESSIONS_DIR = PROJECT_DIR / "sessions"

#: The session ``sieve`` opens when it is given no path.
DEFAULT_SESSION = SESSIONS_DIR / "paris.toml"


def workspace_of(session_path: Path) -> Path:
    """The workspace of a session: the folder above the session file's folder.

    Paths written in a session must resolve (links followed) inside it.
    """
    return session_path.resolve().parent.parent
