"""Lossless, atomic, conflict-aware saving.

Files are re-opened with tomlkit only to write: each edit changes the nodes it
must change in the existing document, so comments, order, blank lines and keys
sieve does not know survive. A file is written to a temporary file in the same
folder, synced, then renamed over the original, under the file's lock; and it is
never written if it changed on disk since sieve read it — except that a one-cell
score edit asked to ``rebase`` is made on the new bytes when that cell did not
change (the command line does, so two ``sieve score`` at once both count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sieve.errors import EditError, FileChangedError
from sieve.load.fields import split_bom
from sieve.locations import read_regular
from sieve.model import CASE_SEPARATOR, Session
from sieve.save.document import (
    TomlDocument,
    atomic_write,
    digest,
    inline_line,
    locked,
    parsed_line,
    toml_key,
    toml_value,
)

# -- score and note edits ----------------------------------------------------------


def check_key(session: Session, scorer: str, key: str) -> bool:
    """Refuse (:class:`EditError`) an unknown scorer, case or subject; whether ``key`` is a
    case (its scores are on angle criteria)."""
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
    return on_angle


def check_score(session: Session, scorer: str, key: str, criterion: str, level: int | None) -> None:
    """Refuse (:class:`EditError`) a level that this scorer cannot give on this key."""
    on_angle = check_key(session, scorer, key)
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
    session: Session,
    scorer: str,
    key: str,
    criterion: str,
    level: int | None,
    *,
    rebase: bool = False,
    changed: dict[Path, str] | None = None,
    home: Path | None = None,
) -> list[Path]:
    """Record (or, with ``level=None``, clear) one score; return the files that hold it now.

    The score goes where that cell already is; otherwise, when given, to ``home``
    (an existing score file of the session: the room's per-participant file);
    otherwise where that scorer's line for ``key`` already is; otherwise to the
    first file holding the scorer's ``[scores.<id>]`` table; otherwise into a new
    table at the end of the session file.

    Each file is edited under its lock. A file whose bytes are no longer those of
    ``session`` is refused (:class:`FileChangedError`) unless ``rebase``: then the
    one-cell edit is made on the bytes there now, provided that cell still holds
    what ``session`` read (or already holds ``level``), so that both writers'
    edits are kept. ``changed``, when given, receives each file actually
    rewritten with the digest of the bytes written (a file already holding the
    level is not rewritten).
    """
    check_score(session, scorer, key, criterion, level)
    cells = _cells(session, scorer, key, criterion, level, home)
    for path, cell in cells:
        written = _write_score(path, session.digests.get(path), cell, rebase)
        if written is not None and changed is not None:
            changed[path] = written
    return [path for path, _cell in cells]


def _cells(
    session: Session, scorer: str, key: str, criterion: str, level: int | None, home: Path | None
) -> list[tuple[Path, _Cell]]:
    """Where one score goes (see :func:`set_score`), with the level each file holds now."""
    sources = session.score_origin.get(scorer, ())
    targets = [p for p, rows in sources if criterion in rows.get(key, {})]
    if level is not None and not targets and home is not None:
        targets = [Path(home)]
    elif level is not None and not targets:
        with_row = [p for p, rows in sources if key in rows]
        targets = [with_row[0] if with_row else sources[0][0] if sources else session.path]
    read = dict(sources)
    return [
        (path, _Cell(scorer, key, criterion, level, read.get(path, {}).get(key, {}).get(criterion)))
        for path in targets
    ]


def set_scores(
    session: Session,
    scorer: str,
    key: str,
    levels: dict[str, int | None],
    *,
    rebase: bool = False,
    changed: dict[Path, str] | None = None,
    home: Path | None = None,
) -> dict[str, list[Path]]:
    """Several levels of one scorer on one key (a room's page), each file written once.

    Each cell goes where :func:`set_score` would put it, and is checked the same way
    (all before anything is written); the one-line splices of one file are made one
    after the other on its text, then the file is written once, under its lock
    (``rebase`` as for :func:`set_score`, checked for every cell). A file the splice
    cannot edit falls back to :func:`set_score`'s edit, cell by cell. Returns, per
    criterion, the files that hold it now.
    """
    by_file: dict[Path, list[_Cell]] = {}
    targets: dict[str, list[Path]] = {}
    for criterion, level in levels.items():
        check_score(session, scorer, key, criterion, level)
        cells = _cells(session, scorer, key, criterion, level, home)
        targets[criterion] = [path for path, _cell in cells]
        for path, cell in cells:
            by_file.setdefault(path, []).append(cell)
    for path, cells in by_file.items():
        written = _write_cells(path, session.digests.get(path), cells, rebase)
        if written is not None and changed is not None:
            changed[path] = written
    return targets


def _write_cells(path: Path, expected: str | None, cells: list[_Cell], rebase: bool) -> str | None:
    """Several cells of one file in one write (see :func:`set_scores`); the digest written."""
    with locked(path):
        raw = read_regular(path)
        stale = expected is not None and digest(raw) != expected
        if stale and (
            not rebase or any(_level_in(raw, c) not in (c.before, c.level) for c in cells)
        ):
            raise FileChangedError(path)
        bom, text = split_bom(raw.decode("utf-8"))
        levels = {c.criterion: c.level for c in cells}
        one_row = len({(c.scorer, c.key) for c in cells}) == 1 and len(levels) == len(cells)
        new = splice_scores(text, cells[0].scorer, cells[0].key, levels) if one_row else None
        if new is None:  # one cell after the other
            new = text
            for cell in cells:
                new = splice_score(new, cell.scorer, cell.key, cell.criterion, cell.level)
                if new is None:
                    break
        if new is None:  # not laid out for the splice: the general edit, one cell at a time
            last = None
            for cell in cells:
                written = _write_score(path, digest(read_regular(path)), cell, False)
                last = written or last
            return last
        if new == text:
            return None
        data = (bom + new).encode("utf-8")
        atomic_write(path, data, expected=digest(raw))
        return digest(data)


@dataclass(frozen=True, slots=True)
class _Cell:
    """One score edit: the level to write and the one the caller read (``before``)."""

    scorer: str
    key: str
    criterion: str
    level: int | None
    before: object


def _write_score(path: Path, expected: str | None, cell: _Cell, rebase: bool) -> str | None:
    """One score edit in one file, under its lock: the one-line splice, else a tomlkit edit.

    Returns the digest of the bytes written, ``None`` when the file already held it.
    """
    with locked(path):
        raw = read_regular(path)
        stale = expected is not None and digest(raw) != expected
        if stale and (not rebase or _level_in(raw, cell) not in (cell.before, cell.level)):
            raise FileChangedError(path)
        bom, text = split_bom(raw.decode("utf-8"))
        args = (cell.scorer, cell.key, cell.criterion, cell.level)
        new = splice_score(text, *args)
        if new is None:
            doc = TomlDocument(path, digest(raw))
            _tomlkit_score(doc, *args)
            return doc.digest if doc.save() else None
        if new == text:
            return None
        data = (bom + new).encode("utf-8")
        atomic_write(path, data, expected=digest(raw))
        return digest(data)


_UNREADABLE = object()


def _level_in(raw: bytes, cell: _Cell) -> object:
    """The level the file holds for the cell (``None``: none); a marker when unreadable."""
    import rtoml

    try:
        data = rtoml.loads(raw.decode("utf-8"))
        return data.get("scores", {}).get(cell.scorer, {}).get(cell.key, {}).get(cell.criterion)
    except (ValueError, UnicodeDecodeError, AttributeError):
        return _UNREADABLE


def _tomlkit_score(
    doc: TomlDocument, scorer: str, key: str, criterion: str, level: int | None
) -> None:
    """The general edit, through the whole tomlkit document (slow on big files)."""
    tables = doc.doc.get("scores", {})
    row = tables[scorer].get(key) if scorer in tables else None
    if level is None:
        if row is None or criterion not in row:
            return
        table = tables[scorer]
        entries = {k: v for k, v in row.unwrap().items() if k != criterion}
        if entries:
            _rewrite_row(table, key, entries)
        else:
            del table[key]
    elif row is not None and criterion in row:
        row[criterion] = level
    elif row is not None:
        _rewrite_row(tables[scorer], key, {**row.unwrap(), criterion: level})
    else:
        new_key, item = inline_line(key, {criterion: level})
        doc.table("scores", scorer).append(new_key, item)


_HEADER = re.compile(r"^[ \t]*\[", re.M)


def _score_table(text: str, scorer: str) -> re.Match | None:
    """The ``[scores.<scorer>]`` header line, if the file has one."""
    name = re.escape(scorer)
    table = rf"scores[ \t]*\.[ \t]*(?:{name}|\"{name}\"|'{name}')"
    return re.search(rf"^[ \t]*\[[ \t]*{table}[ \t]*\][ \t]*(?:#.*)?\r?$", text, re.M)


def _splice(
    text: str, scorer: str, key: str, levels: dict[str, int | None], no_row: str | None
) -> str | None:
    """The one splice of :func:`splice_score` and :func:`splice_scores`: ``levels`` set (or
    removed, ``None``) on ``key``'s line of ``[scores.<scorer>]``; ``no_row`` when the
    levels are all removals and the key has no row; ``None`` when the file is not laid out
    for it or the result does not read back as the old data with just those changes."""
    import rtoml

    header = _score_table(text, scorer)
    added = {c: level for c, level in levels.items() if level is not None}
    nl = "\r\n" if "\r\n" in text else "\n"
    if header is None:
        if len(added) != len(levels):
            return None
        sep = "" if not text or text.endswith(nl * 2) else nl if text.endswith(nl) else nl * 2
        new = f"{text}{sep}[scores.{scorer}]{nl}{_render_row(key, added)}{nl}"
    else:
        start = text.find("\n", header.end()) + 1 or len(text)
        after = _HEADER.search(text, start)
        end = after.start() if after else len(text)
        if '"""' in text[start:end] or "'''" in text[start:end]:
            return None
        k = re.escape(key)
        row = re.compile(rf"^[ \t]*(?:\"{k}\"|'{k}'|{k})[ \t]*=.*$", re.M).search(text, start, end)
        if row is not None:
            line = _edit_row_line(row.group(0), key, levels)
            if line is None:
                return None
            if line == "":  # the row is empty: remove its line
                new = text[: row.start()] + text[row.end() + 1 :]
            else:
                new = text[: row.start()] + line + text[row.end() :]
        elif not added:
            return no_row  # only levels to remove, and no row to remove them from
        elif len(added) != len(levels):
            return None
        else:
            last = _last_key_line_end(text, start, end)
            line = _render_row(key, added)
            if last is None:
                new = text[:start] + line + nl + text[start:]
            else:
                new = text[:last] + nl + line + text[last:]
    try:
        want = rtoml.loads(text)
        got = rtoml.loads(new)
    except ValueError:
        return None
    rows = want.setdefault("scores", {}).setdefault(scorer, {})
    entries = rows.setdefault(key, {})
    for criterion, level in levels.items():
        if level is None:
            entries.pop(criterion, None)
        else:
            entries[criterion] = level
    if not entries:
        del rows[key]
    return new if got == want else None


def splice_score(text: str, scorer: str, key: str, criterion: str, level: int | None) -> str | None:
    """The text with one score edited by rewriting only the line it is on.

    tomlkit parses a 0.3 MB score file in about half a second; a score lives on
    one line (an inline table), so the line is found under ``[scores.<scorer>]``,
    edited alone with tomlkit (keeping its spacing and comment) and put back; a
    missing line is added after the table's last line, a missing table at the end
    of the file. The result is read back with the fast parser and must equal the
    old data with just that change; ``None`` (use the general edit) otherwise, or
    when the file is not laid out as FORMAT.md writes it.
    """
    return _splice(text, scorer, key, {criterion: level}, no_row=text)


def splice_scores(text: str, scorer: str, key: str, levels: dict[str, int | None]) -> str | None:
    """The text with several scores of one row edited at once (a room's page): what
    :func:`splice_score` gives cell after cell, with the row's line parsed once and the
    result read back once (it must equal the old data with just those changes); a missing
    row or table is added as :func:`splice_score` adds it. ``None`` (edit cell by cell)
    when the file is not laid out for it, or a level to remove has no row.
    """
    return _splice(text, scorer, key, levels, no_row=None)


def _edit_row_line(line: str, key: str, levels: dict[str, int | None]) -> str | None:
    """One ``"key" = { ... }`` line with some levels edited; ``""`` when it becomes empty;
    ``None``: not one."""
    import tomlkit

    cr = "\r" if line.endswith("\r") else ""
    doc = tomlkit.parse(line[: len(line) - len(cr)])
    row = doc.get(key)
    if not isinstance(row, tomlkit.items.InlineTable):
        return None
    rest = {}
    for criterion, level in levels.items():
        if level is not None and criterion in row:
            row[criterion] = level
        else:
            rest[criterion] = level
    if rest:
        entries = {k: v for k, v in row.unwrap().items() if k not in rest}
        entries.update({k: v for k, v in rest.items() if v is not None})
        if not entries:
            return ""
        _rewrite_row(doc, key, entries)
    return doc.as_string().rstrip("\n") + cr


def _render_row(key: str, entries: dict[str, Any]) -> str:
    inner = ", ".join(f"{k} = {toml_value(v)}" for k, v in entries.items())
    return f"{toml_key(key)} = {{ {inner} }}"


def _last_key_line_end(text: str, start: int, end: int) -> int | None:
    """The end (before its newline) of the last ``key = value`` line in text[start:end]."""
    last = None
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        stripped = text[pos:stop].strip()
        if stripped and not stripped.startswith("#"):
            last = stop - 1 if text[pos:stop].endswith("\r") else stop
        pos = stop + 1
    return last


def set_note(
    session: Session,
    scorer: str,
    key: str,
    text: str | None,
    *,
    changed: dict[Path, str] | None = None,
    home: Path | None = None,
) -> list[Path]:
    """Write (or, with ``None`` or an empty text, remove) a scorer's note on a key.

    Refuses a file changed since ``session`` was read (:class:`FileChangedError`);
    ``changed`` and ``home`` (where a new note goes) as for :func:`set_score`.
    """
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
        path = Path(home) if home is not None else scored[0] if scored else session.path
        table = _open(session, path, docs).table("notes", scorer)
        new_key, item = parsed_line(f"{toml_key(key)} = {toml_value(text)}")
        table.append(new_key, item)
        targets = [path]
    for path in targets:
        if docs[path].save() and changed is not None:
            changed[path] = docs[path].digest
    return targets
