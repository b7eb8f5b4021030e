"""Every file location sieve knows about, in one place."""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The folder of the ``sieve`` package.
PACKAGE_DIR = Path(__file__).resolve().parent

#: The project's root, in a checkout (the folder holding ``criteria/`` and ``sessions/``).
PROJECT_DIR = PACKAGE_DIR.parent

#: The shipped example in an installed package (a wheel, a non-editable install): the
#: build copies the project's ``criteria/`` and ``sessions/`` there (``setup.py``).
EMBEDDED_EXAMPLE_DIR = PACKAGE_DIR / "example"

#: The folder holding the shipped ``criteria/`` and ``sessions/``: the package's own
#: copy when installed, else (a checkout, an editable install) the project's root.
EXAMPLE_DIR = EMBEDDED_EXAMPLE_DIR if EMBEDDED_EXAMPLE_DIR.is_dir() else PROJECT_DIR

#: Shipped tamis files.
CRITERIA_DIR = EXAMPLE_DIR / "criteria"

#: Shipped example sessions; one of them is the embedded default.
SESSIONS_DIR = EXAMPLE_DIR / "sessions"

#: The session ``sieve`` opens when it is given no path.
DEFAULT_SESSION = SESSIONS_DIR / "paris.toml"


def workspace_of(session_path: Path) -> Path:
    """The workspace of a session: the folder above the session file's folder.

    Paths written in a session must resolve (links followed) inside it.
    """
    return session_path.resolve().parent.parent


class NotRegularFileError(OSError):
    """Not a regular file (a FIFO, a device, a folder): sieve neither reads nor replaces it.

    An ``OSError`` (``EINVAL``) whose ``strerror`` is worded in the user's language, so
    that every handler of unreadable files handles it too.
    """

    def __init__(self, path: Path) -> None:
        import errno

        from sieve.i18n import t

        super().__init__(errno.EINVAL, t("problem.io.not_regular"), str(path))
        self.path = Path(path)


#: Opening never waits (for a FIFO's writer) nor follows on to anything but a regular file.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` (links followed): every reader of a user's
    file goes through here.

    A FIFO, a device (``/dev/zero``), a socket or a folder raises
    :class:`NotRegularFileError` at once: the file is opened without waiting for a
    writer and checked before a byte is read, so nothing blocks or reads forever.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(Path(path))
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        return handle.read()


def check_regular(path: Path) -> None:
    """Raise :class:`NotRegularFileError` when ``path`` exists and is not a regular file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(Path(path))


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
    target = user_data_dir() / "exemple"
    session = target / "sessions" / DEFAULT_SESSION.name
    if not session.is_file():
        for folder in (CRITERIA_DIR, SESSIONS_DIR):
            _copy_files(folder, target / folder.name)
    return session


def _copy_files(source: Path, target: Path) -> None:
    """Copy the files under ``source`` into ``target``, leaving their modes behind: the
    user's copy is theirs to edit, even when the installed files are read-only."""
    for path in sorted(source.rglob("*")):
        if path.is_file():
            copy = target / path.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(path.read_bytes())


def new_file_mode() -> int:
    """The permissions a new file gets, as ``open()`` would give it: ``0o666`` less the umask.

    sieve writes every file through a temporary one (``tempfile.mkstemp``, readable by its
    owner only) renamed into place; a new report, session or screenshot is meant to be
    shared, so it takes the mode any other program would have given it.
    """
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return 0o666 & ~mask
