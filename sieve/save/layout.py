"""The toolkit of the structural edits: a batch of documents written together, the layout of
tomlkit tables (trailing comments and blank lines kept in place), the checks of edited values,
and the references that scores and notes hold to criteria, subjects and angles."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sieve.errors import EditError, FileChangedError
from sieve.load import bounds
from sieve.locations import read_regular
from sieve.model import CASE_SEPARATOR, ID_PATTERN, Session
from sieve.save.document import TomlDocument, digest, inline_line, locked
from sieve.save.trivia import insert_after

# -- documents -------------------------------------------------------------------


class Batch:
    """The documents one operation edits; all checked against the disk before any write."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.docs: dict[Path, TomlDocument] = {}

    def open(self, path: Path) -> Any:
        """The tomlkit document of ``path``, refusing a file changed since loading."""
        path = Path(path)
        if path not in self.docs:
            self.docs[path] = TomlDocument(path, self.session.digests.get(path))
        return self.docs[path].doc

    def save(self) -> list[Path]:
        """Write every changed document; nothing at all when one changed on disk.

        The locks of all the files are held from the check to the last write.
        """
        changed = [doc for doc in self.docs.values() if doc.text() != doc.original]
        with locked(*(doc.path for doc in changed)):
            for doc in changed:
                if digest(read_regular(doc.path)) != doc.digest:
                    raise FileChangedError(doc.path)
            written = []
            for doc in changed:
                if doc.save():
                    written.append(doc.path)
        return written


# -- tomlkit layout helpers ------------------------------------------------------------


def trivia_start(table: Any) -> int:
    """The index in a table's body where its trailing comments and blank lines begin."""
    body = table.value.body
    i = len(body)
    while i > 0 and body[i - 1][0] is None:
        i -= 1
    return i


def pop_trailing(table: Any) -> list[Any]:
    body = table.value.body
    start = trivia_start(table)
    items = [item for _key, item in body[start:]]
    del body[start:]
    return items


def push_items(table: Any, items: Iterable[Any]) -> None:
    for item in items:
        table.value.body.append((None, item))


def is_blank(items: list[Any]) -> bool:
    from tomlkit.items import Null, Whitespace

    return all(isinstance(item, Whitespace | Null) for item in items)


def leading_blank(items: list[Any]) -> list[Any]:
    from tomlkit.items import Whitespace

    out = []
    for item in items:
        if not isinstance(item, Whitespace):
            break
        out.append(item)
    return out


def copy_blank(items: list[Any]) -> list[Any]:
    from tomlkit.items import Whitespace

    return [Whitespace(item.s) for item in items if isinstance(item, Whitespace)]


def separator(aot: Any, anchor: int) -> list[Any]:
    """The blank lines the file puts between two tables of this kind.

    Taken from two neighbouring tables of the kind with nothing but blank lines
    between them (the nearest to ``anchor``); else from the blank lines that start
    what follows ``anchor``; else one blank line.
    """
    from tomlkit.items import Whitespace

    def between(i: int) -> list[Any]:
        return [item for _k, item in aot[i].value.body[trivia_start(aot[i]) :]]

    inner = [i for i in range(len(aot) - 1) if is_blank(between(i))]
    if inner:
        nearest = min(inner, key=lambda i: (abs(i - anchor), -i))
        return copy_blank(between(nearest))
    lead = leading_blank(between(anchor))
    return copy_blank(lead) if lead else [Whitespace("\n")]


def insert_table(aot: Any, after: int, table: Any) -> None:
    """Insert ``table`` into ``aot`` right after its element ``after``.

    The new table takes over the trailing comments of ``after`` (they introduce
    whatever follows), and ``after`` ends with the file's usual blank line(s).
    """
    anchor = aot[after]
    sep = separator(aot, after)
    trailing = pop_trailing(anchor)
    push_items(anchor, sep)
    push_items(table, trailing)
    if after == len(aot) - 1:
        aot.append(table)
    else:
        aot.insert(after + 1, table)


def new_table(pairs: Iterable[tuple[str, Any]]) -> Any:
    import tomlkit

    table = tomlkit.table()
    for key, value in pairs:
        table.add(key, value)
    return table


def container_body_index(container: Any, key: str) -> int:
    for i, (k, _item) in enumerate(container.body):
        if k is not None and k.key == key:
            return i
    raise KeyError(key)


def insert_trivia(container: Any, index: int, items: list[Any]) -> None:
    """Insert comments/blank lines into a container's body before ``index``."""
    for offset, item in enumerate(items):
        at = index + offset
        for k, v in list(container._map.items()):
            if isinstance(v, tuple):
                container._map[k] = tuple(x + 1 if x >= at else x for x in v)
            elif v >= at:
                container._map[k] = v + 1
        container.body.insert(at, (None, item))


def hand_over(previous: Any, trailing: list[Any], last: bool) -> None:
    """Give the comments that followed a removed table to the table before it."""
    before = [item for _k, item in previous.value.body[trivia_start(previous) :]]
    if is_blank(before) and (trailing or last):
        pop_trailing(previous)
    elif before and (leading_blank(before[-1:]) or not last):
        # No blank lines piled up; and a comment that headed the removed table stays
        # right above the next one (the heading of its group).
        trailing = trailing[len(leading_blank(trailing)) :]
    push_items(previous, trailing)


def remove_table(parent: Any, key: str, index: int) -> None:
    """Remove ``parent[key][index]`` (an array of tables), keeping the comments around it."""
    from tomlkit.container import Container
    from tomlkit.items import AoT, Null, Table, Whitespace

    aot = parent[key]
    trailing = pop_trailing(aot[index])
    if index > 0:
        hand_over(aot[index - 1], trailing, index == len(aot) - 1)
        del aot[index]
        return
    container = parent if isinstance(parent, Container) else parent.value
    at = container_body_index(container, key)
    if len(aot) > 1:
        # The next table becomes the first: what followed the removed one stays
        # before it, at the end of whatever precedes the array.
        del aot[0]
    else:
        del parent[key]
    if is_blank(trailing):
        return
    previous = None
    for _k, item in reversed(container.body[:at]):
        if not isinstance(item, Null):
            previous = item
            break
    if isinstance(previous, AoT) and len(previous):
        previous = previous[-1]
    if isinstance(previous, Table):
        hand_over(previous, trailing, True)
        return
    if isinstance(previous, Whitespace):
        trailing = trailing[len(leading_blank(trailing)) :]
    insert_trivia(container, at, trailing)


def set_key(table: Any, key: str, value: Any) -> None:
    """Set ``key`` in a table: in place when present, else after its last key."""

    if key in table:
        table[key] = value
        return
    body = table.value.body
    last = None
    for k, _item in body[: trivia_start(table)]:
        if k is not None:
            last = k
    if last is not None:
        insert_after(table, last, key, value)
    elif body:
        table.value._insert_at(0, key, value)
    else:
        table.add(key, value)


def find_entry(aot: Any, ident: str, key: str = "id") -> int:
    for i, table in enumerate(aot):
        if table.get(key) == ident:
            return i
    raise KeyError(ident)


def array_of(doc: Any, *path: str) -> Any:
    node = doc
    for part in path:
        if part not in node:
            return None
        node = node[part]
    return node


def renamed_key(old: Any, new: str) -> Any:
    """A key ``new`` written like ``old``: same quoting and ``=`` column where it fits."""
    from tomlkit.items import KeyType, SingleKey

    bare = old.t == KeyType.Bare and ID_PATTERN.match(new) is not None
    kind = KeyType.Bare if bare else KeyType.Basic
    shown = new if bare else '"' + new.replace("\\", "\\\\").replace('"', '\\"') + '"'
    width = len(old.as_string())
    text = shown.ljust(width) if len(shown) + 1 <= width else shown + " "
    return SingleKey(new, t=kind, sep=old.sep, original=text)


def rename_in(table: Any, old: str, new: str) -> None:
    """Rename key ``old`` of a table in place, keeping its value, comment and position."""
    container = table.value
    for k, _item in container.body:
        if k is not None and k.key == old:
            container._replace(k, renamed_key(k, new), table[old])
            return
    raise KeyError(old)


def without(table: Any, key: str, drop: Iterable[str]) -> None:
    """Remove the entries ``drop`` from the row ``table[key]``; remove an emptied row."""
    from tomlkit.items import InlineTable

    drop = set(drop)
    row = table[key]
    left = {k: v for k, v in row.unwrap().items() if k not in drop}
    if not left:
        del table[key]
    elif isinstance(row, InlineTable):
        _new_key, item = inline_line(key, left)
        item.trivia.comment_ws = row.trivia.comment_ws
        item.trivia.comment = row.trivia.comment
        table[key] = item
    else:
        for name in drop:
            if name in row:
                del row[name]


def plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


# -- checks ----------------------------------------------------------------------


def check_id(ident: str) -> None:
    if not isinstance(ident, str) or not ID_PATTERN.match(ident):
        raise EditError("edit.id_invalid", id=ident)


def check_text(value: str, field_name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise EditError("edit.empty", field=field_name)


def check_number(value: Any, field_name: str, low: float, high: float | None) -> float:
    """A finite number from ``low`` to ``high`` (:data:`bounds.NUMBER`'s top when ``None``),
    the bounds the loader enforces (:mod:`sieve.load.bounds`); else :class:`EditError`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EditError("edit.not_number", field=field_name, value=value)
    high = bounds.NUMBER.high if high is None else high
    if not (math.isfinite(value) and low <= value <= high):
        raise EditError(
            "edit.range",
            field=field_name,
            value=value,
            low=plain_number(low),
            high=show_number(high),
        )
    return float(value)


def show_number(value: float | None) -> str:
    return "∞" if value is None else str(plain_number(value))


def criterion_of(session: Session, criterion: str) -> Any:
    crit = session.tamis.by_id.get(criterion)
    if crit is None:
        raise EditError("edit.unknown", kind="criterion", id=criterion)
    return crit


def subject_of(session: Session, subject: str) -> Any:
    if subject not in session.subjects:
        raise EditError("edit.unknown", kind="subject", id=subject)
    return session.subjects[subject]


def angle_of(session: Session, angle: str) -> Any:
    """The angle a case key (``subject/angle``) names; a bare angle id names the one
    angle of that id, refused when several subjects have one (ids are per subject)."""
    if CASE_SEPARATOR in angle:
        if angle not in session.angles:
            raise EditError("edit.unknown", kind="angle", id=angle)
        return session.angles[angle]
    found = [a for a in session.angles.values() if a.id == angle]
    if not found:
        raise EditError("edit.unknown", kind="angle", id=angle)
    if len(found) > 1:
        keys = ", ".join(a.key for a in found)
        raise EditError("edit.angle_ambiguous", id=angle, keys=keys)
    return found[0]


# -- references held by scores and notes -------------------------------------------------


@dataclass(frozen=True)
class References:
    """What the scores and notes of a session hold about something about to change."""

    scores: int = 0
    """Score entries (one scorer's level for one key and one criterion)."""
    notes: int = 0
    """Notes (one scorer's note on one key)."""

    @property
    def total(self) -> int:
        return self.scores + self.notes


def score_rows(session: Session, notes: bool) -> Iterable[tuple[Path, str, str, Any]]:
    """Every (file, scorer, key, row) of the session's score (or note) tables, as read."""
    origin = session.note_origin if notes else session.score_origin
    for scorer, sources in origin.items():
        for path, rows in sources:
            for key, row in rows.items():
                yield Path(path), scorer, key, row


def scores_for_criterion(session: Session, criterion: str) -> int:
    """How many score entries exist for ``criterion`` across the session's files."""
    criterion_of(session, criterion)
    return sum(
        1
        for _p, _s, _k, row in score_rows(session, False)
        if isinstance(row, dict) and criterion in row
    )


def key_matcher(subject: str | None, case: str | None) -> Callable[[str], bool]:
    """Whether a score or note key is about ``case`` (a case key), else about ``subject``
    (the subject's own key and those of its cases)."""
    if case is not None:
        return lambda key: key == case
    return lambda key: key.partition(CASE_SEPARATOR)[0] == subject


def references(
    session: Session, subject: str | None = None, angle: str | None = None
) -> References:
    """The scores and notes about a subject (with its cases) or about an angle's case.

    ``angle`` is a case key (``subject/angle``), or an angle id that one subject only has.
    """
    if angle is not None:
        case = angle_of(session, angle).key
    else:
        subject_of(session, subject or "")
        case = None
    match = key_matcher(subject, case)
    scores = sum(
        len(row)
        for _p, _s, key, row in score_rows(session, False)
        if match(key) and isinstance(row, dict)
    )
    notes = sum(1 for _p, _s, key, _row in score_rows(session, True) if match(key))
    return References(scores, notes)


def drop_keys(session: Session, batch: Batch, match: Callable[[str], bool]) -> None:
    """Remove every score row and note whose key ``match``es, in every file."""
    for section, notes in (("scores", False), ("notes", True)):
        for path, scorer, key, _row in list(score_rows(session, notes)):
            if match(key):
                table = batch.open(path)[section][scorer]
                if key in table:
                    del table[key]


def rename_keys(session: Session, batch: Batch, rename: Callable[[str], str | None]) -> None:
    """Rename every score row and note key for which ``rename`` gives a new key."""
    for section, notes in (("scores", False), ("notes", True)):
        for path, scorer, key, _row in list(score_rows(session, notes)):
            new = rename(key)
            if new is not None and new != key:
                table = batch.open(path)[section][scorer]
                if key in table:
                    rename_in(table, key, new)


def append_case_table(doc: Any, kind: str, table: Any, before: tuple[str, ...]) -> None:
    """Add a ``[[kind]]`` table after the last one; a first one goes before the kinds ``before``."""
    import tomlkit
    from tomlkit.items import AoT, Table, Whitespace

    aot = array_of(doc, kind)
    if aot is not None and len(aot):
        insert_table(aot, len(aot) - 1, table)
        return
    new = tomlkit.aot()
    new.append(table)
    following = [i for i, (k, _v) in enumerate(doc.body) if k is not None and k.key in before]
    if not following:
        if doc.as_string() and not doc.as_string().endswith("\n\n"):
            doc.add(tomlkit.nl())
        doc.append(kind, new)
        return
    at = following[0]
    previous = doc.body[at - 1][1] if at else None
    if isinstance(previous, AoT) and len(previous):
        previous = previous[-1]
    if isinstance(previous, Table):
        # What precedes the next kind (its section comments) moves after the new table.
        trailing = pop_trailing(previous)
        push_items(previous, copy_blank(leading_blank(trailing)) or [Whitespace("\n")])
        push_items(table, trailing)
    else:
        push_items(table, [Whitespace("\n")])
    doc._insert_at(at, kind, new)
