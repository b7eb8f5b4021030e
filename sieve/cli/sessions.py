"""Which session a command means: a file, a folder holding one, or the default."""

from __future__ import annotations

from pathlib import Path

from sieve.cli.common import UsageError, err
from sieve.errors import SieveError
from sieve.i18n import t
from sieve.load.session import find_sessions
from sieve.text import literal


def session_path(raw: str | None) -> Path:
    """The session file meant by a command-line path (a file, or a folder with one session;
    ``None``, no path given: the example, see :func:`example_session`)."""
    if raw is None:
        return example_session()
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


def add_optional_session(parser) -> None:
    """The ``SESSION`` argument of a command that only reads: left out, the example."""
    parser.add_argument("session", metavar="SESSION", nargs="?", help=t("cli.session.optional"))


def example_session() -> Path:
    """The session meant when none is given: the example, in the user's own copy (made on
    first use; the shipped files stay as they are), or the shipped files themselves when
    no copy can be made. Standard error says which file it is."""
    from sieve.locations import DEFAULT_SESSION, demo_session

    if not DEFAULT_SESSION.is_file():
        raise UsageError(t("cli.error.default_missing", path=DEFAULT_SESSION))
    try:
        path = demo_session()
    except OSError as exc:  # no writable home: the shipped files, and say so
        err(t("cli.demo.no_copy", error=exc.strerror or exc, path=DEFAULT_SESSION))
        return DEFAULT_SESSION
    err(t("cli.demo.copy", path=path))
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
