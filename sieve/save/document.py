"""The TOML document toolkit: fingerprints, locked atomic writes, a document refusing stale bytes.

Every write of sieve goes through :func:`atomic_write` (directly or through
:meth:`TomlDocument.save`): under the file's advisory lock (:func:`locked`), the
bytes on disk are checked against those the edit was based on, then the new bytes
are written to a temporary file, synced and renamed over the file. Two writers of
one file — two commands, the app and a command, a future room server — are thus
serialised: the second sees the first one's bytes and refuses (or, for a one-cell
edit, re-applies its edit to them, see :mod:`sieve.save.scores`); nothing is lost
silently.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sieve.errors import FileBusyError, FileChangedError
from sieve.load.fields import split_bom
from sieve.locations import check_regular, new_file_mode, read_regular

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


def digest(data: bytes) -> str:
    """The fingerprint used to notice a file changed on disk."""
    return hashlib.sha256(data).hexdigest()


#: How long a writer waits for another one to finish with the same file.
LOCK_TIMEOUT = 10.0
#: A temporary file of a save is taken for a leftover only once this old (seconds).
STALE_TEMP = 5.0

_held = threading.local()


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: ``.NAME.lock`` beside it, there only while a save runs."""
    real = Path(path).resolve()
    return real.parent / f".{real.name}.lock"


@contextlib.contextmanager
def locked(*paths: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the write lock of every file in ``paths`` (re-entrant within a thread).

    Every sieve writer of a file holds its lock from the moment it reads the bytes
    it checks until its rename is done, so the check and the write are one step for
    the other writers. Locks are taken in one order (sorted) so that two writers of
    several files cannot each wait for the other. Raises :class:`FileBusyError` after ``timeout``
    seconds (default :data:`LOCK_TIMEOUT`).
    """
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    with contextlib.ExitStack() as stack:
        for lock in sorted({lock_path(p): Path(p) for p in paths}.items()):
            stack.enter_context(_hold(*lock, timeout))
        yield


@contextlib.contextmanager
def _hold(lock: Path, path: Path, timeout: float) -> Iterator[None]:
    depth: dict[Path, int] | None = getattr(_held, "depth", None)
    if depth is None:
        depth = _held.depth = {}
    if depth.get(lock):
        depth[lock] += 1
        try:
            yield
        finally:
            depth[lock] -= 1
        return
    fd = _acquire(lock, path, timeout)
    depth[lock] = 1
    try:
        yield
    finally:
        del depth[lock]
        _release(lock, fd)


def _acquire(lock: Path, path: Path, timeout: float) -> int:
    """Open and lock the lock file; retry when the holder before us removed it meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(lock, _LOCK_FLAGS, 0o644)
        try:
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    raise FileBusyError(path, timeout)
                time.sleep(0.005)
            held, there = os.fstat(fd), os.stat(lock)
            if (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino):
                return fd
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


#: Never through a symbolic link planted at the lock's name.
_LOCK_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


def _try_lock(fd: int) -> bool:
    """Lock without waiting: ``False`` when someone holds it (other failures are raised)."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _release(lock: Path, fd: int) -> None:
    """Remove the lock file while still holding it (POSIX), then let it go.

    A writer waiting on the removed file notices (its inode is no longer the
    path's) and starts again. Windows refuses to remove a file someone has open,
    so there the file is removed after closing, when no one else has it open.
    """
    if fcntl is not None:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)
        return
    with contextlib.suppress(OSError):
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(lock)


def _temp_pattern(path: Path) -> re.Pattern[str]:
    """The names :func:`atomic_write` gives its temporary files for ``path`` (mkstemp's)."""
    return re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")


def clean_leftovers(path: Path) -> list[Path]:
    """Remove what a killed save of ``path`` left: its temporary files; return them.

    Call with the lock held: no sieve writer of ``path`` is then writing one, and a
    file is removed only once older than :data:`STALE_TEMP` seconds (in case a
    sieve without the lock, an older version, is writing it now).
    """
    folder = Path(path).resolve().parent
    pattern = _temp_pattern(Path(path))
    removed = []
    now = time.time()
    with os.scandir(folder) as entries:
        for entry in entries:
            if not pattern.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMP:
                    continue
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(folder / entry.name)
    return removed


def atomic_write(path: Path, data: bytes, expected: str | None = None) -> None:
    """Write ``data`` to ``path`` all at once: temporary file, fsync, rename.

    The file's lock is held throughout; with ``expected``, the bytes on disk are
    checked under it first (:class:`FileChangedError` when their digest differs).
    The leftovers of a killed save of this file are removed first. Anything but a
    regular file at ``path`` (a FIFO, a device) is refused: :class:`NotRegularFileError`.

    A symbolic link (or a chain of them) is written through: the file it leads to
    is replaced and the link stays. The loader reads through links and accepts only
    a target inside the workspace, and the lock is the target's (:func:`lock_path`),
    so the file written is the one read and locked, never the link's own folder.
    """
    path = Path(path)
    with locked(path):
        real = path.resolve()
        check_regular(real)  # a FIFO or a device is neither read nor replaced
        if expected is not None and digest(read_regular(real)) != expected:
            raise FileChangedError(path)
        clean_leftovers(real)
        _write_and_rename(real, data)


def _write_and_rename(path: Path, data: bytes) -> None:
    """Replace the file ``path`` (no link: :func:`atomic_write` resolves them) by ``data``."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = os.stat(path).st_mode & 0o7777  # an existing file keeps its mode
        except FileNotFoundError:
            mode = new_file_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


class TomlDocument:
    """A TOML file opened for lossless editing.

    Args:
        path: the file.
        expected: the digest of the bytes the caller based its edit on (from
            loading); when given and the file no longer has it, opening fails
            with :class:`FileChangedError`.
    """

    def __init__(self, path: Path, expected: str | None = None) -> None:
        import tomlkit

        self.path = Path(path)
        raw = read_regular(self.path)
        self.digest = digest(raw)
        if expected is not None and expected != self.digest:
            raise FileChangedError(self.path)
        # A byte order mark is kept aside (tomlkit refuses one) and written back by save().
        self.bom, self.original = split_bom(raw.decode("utf-8"))
        self.doc = tomlkit.parse(self.original)

    def text(self) -> str:
        return self.doc.as_string()

    def table(self, outer: str, inner: str) -> Any:
        """The table ``[outer.inner]``, created at the end of the file when missing.

        A new table goes at the very end (TOML allows ``[scores.b]`` after
        ``[notes.a]``), after one blank line, so that it never lands under a
        comment that heads another section.
        """
        import tomlkit

        if outer in self.doc and inner in self.doc[outer]:
            return self.doc[outer][inner]
        text = self.doc.as_string()
        if text and not text.endswith("\n"):
            text += "\n"
        if text and not text.endswith("\n\n"):
            text += "\n"
        header = ".".join(tomlkit.key(part).as_string() for part in (outer, inner))
        self.doc = tomlkit.parse(f"{text}[{header}]\n")
        return self.doc[outer][inner]

    def save(self) -> bool:
        """Write the document back if it changed; ``False`` when there was nothing to do."""
        text = self.text()
        if text == self.original:
            return False
        data = (self.bom + text).encode("utf-8")
        atomic_write(self.path, data, expected=self.digest)
        self.original = text
        self.digest = digest(data)
        return True


def toml_key(key: str) -> str:
    """A key as written in TOML: always quoted, as FORMAT.md writes score keys."""
    import json  # here: the app opens a session without ever writing one

    return json.dumps(key, ensure_ascii=False)


def toml_value(value: Any) -> str:
    """A scalar value as TOML text."""
    import tomlkit

    return tomlkit.item(value).as_string()


def parsed_line(text: str) -> tuple[Any, Any]:
    """Parse one ``key = value`` line; return tomlkit's key object and item."""
    import tomlkit

    body = tomlkit.parse(text if text.endswith("\n") else text + "\n").body
    key, item = body[0]
    return key, item


def inline_line(key: str, mapping: dict[str, Any]) -> tuple[Any, Any]:
    """A ``"key" = { a = 1, b = 2 }`` line, formatted as FORMAT.md writes it."""
    inner = ", ".join(f"{k} = {toml_value(v)}" for k, v in mapping.items())
    return parsed_line(f"{toml_key(key)} = {{ {inner} }}")
