"""Lossless, atomic, conflict-aware saving.

Files are re-opened with tomlkit only to write: each edit changes the nodes it
must change in the existing document, so comments, order, blank lines and keys
sieve does not know survive. A file is written to a temporary file in the same
folder, synced, then renamed over the original; and it is never written if it
changed on disk since sieve read it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sieve.model import CASE_SEPARATOR, Session


class FileChangedError(Exception):
    """The file changed on disk since it was read: saving would lose someone's work."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class EditError(Exception):
    """An edit that does not fit the session (unknown id, level outside the scale...)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


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


# -- tomlkit helpers ----------------------------------------------------------------


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


# -- score and note edits ----------------------------------------------------------


def _check_score(
    session: Session, scorer: str, key: str, criterion: str, level: int | None
) -> None:
    if scorer not in session.scorers:
        raise EditError("edit.unknown", kind="scorer", id=scorer)
    on_angle = CASE_SEPARATOR in key
    if on_angle:
        try:
            session.case(key)
        except KeyError:
            raise EditError("edit.unknown", kind="case", id=key) from None
    elif key not in session.subjects:
        raise EditError("edit.unknown", kind="subject", id=key)
    crit = session.tamis.by_id.get(criterion)
    if crit is None:
        raise EditError("edit.unknown", kind="criterion", id=criterion)
    if crit.on_angle is not on_angle:
        raise EditError("edit.applies", criterion=criterion, applies_to=crit.applies_to, key=key)
    if level is not None and (type(level) is not int or not 0 <= level <= crit.scale.top):
        raise EditError("edit.level", level=level, criterion=criterion, top=crit.scale.top)


def _rewrite_row(table: Any, key: str, entries: dict[str, Any]) -> None:
    """Replace one score line's inline table, keeping its trailing comment."""
    _key, item = inline_line(key, entries)
    old = table[key]
    item.trivia.comment_ws = old.trivia.comment_ws
    item.trivia.comment = old.trivia.comment
    table[key] = item


def _open(session: Session, path: Path, cache: dict[Path, TomlDocument]) -> TomlDocument:
    if path not in cache:
        cache[path] = TomlDocument(path, session.digests.get(path))
    return cache[path]


def set_score(
    session: Session, scorer: str, key: str, criterion: str, level: int | None
) -> list[Path]:
    """Record (or, with ``level=None``, clear) one score; return the files written.

    The score goes where that scorer's line for ``key`` already is; otherwise to
    the first file holding the scorer's ``[scores.<id>]`` table; otherwise into a
    new table at the end of the session file.
    """
    _check_score(session, scorer, key, criterion, level)
    sources = session.score_origin.get(scorer, ())
    docs: dict[Path, TomlDocument] = {}
    targets: list[Path] = []
    holding = [p for p, rows in sources if criterion in rows.get(key, {})]
    if level is None:
        targets = holding
        for path in targets:
            table = _open(session, path, docs).doc["scores"][scorer]
            entries = {k: v for k, v in table[key].unwrap().items() if k != criterion}
            if entries:
                _rewrite_row(table, key, entries)
            else:
                del table[key]
    elif holding:
        targets = holding
        for path in targets:
            _open(session, path, docs).doc["scores"][scorer][key][criterion] = level
    else:
        with_row = [p for p, rows in sources if key in rows]
        if with_row:
            path = with_row[0]
            table = _open(session, path, docs).doc["scores"][scorer]
            _rewrite_row(table, key, {**table[key].unwrap(), criterion: level})
        else:
            path = sources[0][0] if sources else session.path
            table = _open(session, path, docs).table("scores", scorer)
            new_key, item = inline_line(key, {criterion: level})
            table.append(new_key, item)
        targets = [path]
    for path in targets:
        docs[path].save()
    return targets


def set_note(session: Session, scorer: str, key: str, text: str | None) -> list[Path]:
    """Write (or, with ``None`` or an empty text, remove) a scorer's note on a key."""
    if scorer not in session.scorers:
        raise EditError("edit.unknown", kind="scorer", id=scorer)
    if key not in session.subjects:
        try:
            session.case(key)
        except KeyError:
            raise EditError("edit.unknown", kind="case", id=key) from None
    docs: dict[Path, TomlDocument] = {}
    holding = [p for p, rows in session.note_origin.get(scorer, ()) if key in rows]
    if not text:
        for path in holding:
            del _open(session, path, docs).doc["notes"][scorer][key]
        targets = holding
    elif holding:
        for path in holding:
            _open(session, path, docs).doc["notes"][scorer][key] = text
        targets = holding
    else:
        scored = [p for p, _rows in session.note_origin.get(scorer, ())]
        scored += [p for p, _rows in session.score_origin.get(scorer, ())]
        path = scored[0] if scored else session.path
        table = _open(session, path, docs).table("notes", scorer)
        new_key, item = parsed_line(f"{toml_key(key)} = {toml_value(text)}")
        table.append(new_key, item)
        targets = [path]
    for path in targets:
        docs[path].save()
    return targets
