"""Which session a command means: a file, a folder holding one, or the default."""

from __future__ import annotations

from pathlib import Path

from sieve.cli.common import UsageError, err
from sieve.errors import SieveError
from sieve.i18n import t
from sieve.text import literal


def find_sessions(folder: Path) -> list[Path]:
    """Session files in a folder and in its ``sessions/`` sub-folder."""
    from sieve.load.fields import read_toml
    from sieve.load.session import detect_kind

    found = []
    for place in (folder, folder / "sessions"):
        for path in sorted(place.glob("*.toml")):
            data, _ = read_toml(path)
            if data is not None and detect_kind(data) == "session":
                found.append(path)
    return found


def session_path(raw: str | None) -> Path:
    """The session file meant by a command-line path (a file, or a folder with one session)."""
    from sieve.locations import DEFAULT_SESSION

    if raw is None:
        if not DEFAULT_SESSION.is_file():
            raise UsageError(t("cli.error.default_missing", path=DEFAULT_SESSION))
        return DEFAULT_SESSION
    path = Path(raw)
    if path.is_dir():
        sessions = find_sessions(path)
        if len(sessions) == 1:
            return sessions[0]
        if not sessions:
            raise UsageError(t("cli.error.no_session", path=path))
        raise UsageError("\n".join([t("cli.path"), *(f"  {literal(str(p))}" for p in sessions)]))
    if not path.exists():
        raise UsageError(t("cli.error.not_found", path=path))
    return path


def open_session(raw: str | None):
    """The session meant by ``raw`` (``None``: the default), or :class:`SieveError`
    with its problems; warnings are counted on standard error."""
    from sieve.load.session import load_session

    result = load_session(session_path(raw))
    if result.session is None:
        raise SieveError(result.problems)
    if result.problems:  # warnings only: say so, without drowning the output
        err(t("cli.warnings", count=len(result.problems), path=result.files[0]))
    return result.session
