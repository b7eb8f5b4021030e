"""Every file location sieve knows about, in one place."""

from __future__ import annotations

import os
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


def user_data_dir() -> Path:
    """Where sieve keeps its own files for this user (``$XDG_DATA_HOME/sieve``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sieve"


def demo_session() -> Path:
    """The embedded example session, as a copy of its own in the user's data folder.

    Trying sieve must never edit the shipped example files: the first time, the
    example workspace (``criteria/`` and ``sessions/``) is copied to
    ``user_data_dir()/exemple``; later runs open that copy, with its edits.
    """
    import shutil

    target = user_data_dir() / "exemple"
    session = target / "sessions" / DEFAULT_SESSION.name
    if not session.is_file():
        for folder in (CRITERIA_DIR, SESSIONS_DIR):
            shutil.copytree(folder, target / folder.name, dirs_exist_ok=True)
    return session
