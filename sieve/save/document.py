"""One TOML document toolkit: fingerprints, atomic writes, a document that refuses stale bytes."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sieve.errors import FileChangedError


def digest(data: bytes) -> str:
    """The fingerprint used to notice a file changed on disk."""
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: temporary file, fsync, rename."""
    path = Path(path)
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
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
        raw = self.path.read_bytes()
        self.digest = digest(raw)
        if expected is not None and expected != self.digest:
            raise FileChangedError(self.path)
        self.original = raw.decode("utf-8")
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
        current = self.path.read_bytes()
        if digest(current) != self.digest:
            raise FileChangedError(self.path)
        data = text.encode("utf-8")
        atomic_write(self.path, data)
        self.original = text
        self.digest = digest(data)
        return True


def toml_key(key: str) -> str:
    """A key as written in TOML: always quoted, as FORMAT.md writes score keys."""
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
