"""Lossless edits of a tamis (criteria, indicators, thresholds) and of a session's cases.

Every operation checks the edit against the loaded session first (raising
:class:`sieve.errors.EditError` with a catalogue code from :mod:`sieve.i18n.edit`),
then re-opens only the files it must change with tomlkit, edits the existing
nodes, and writes them with :meth:`sieve.save.document.TomlDocument.save`: atomically, and
never over a file that changed on disk since the session was loaded
(:class:`sieve.errors.FileChangedError`, raised before anything is written).
Comments, blank lines, order and keys sieve does not know all survive; only the
lines the edit is about change.

Every operation returns the files it wrote; the caller loads the session again.

A note on tomlkit's layout: the comments and blank lines between two ``[[x]]``
tables belong to the *first* table's body (its "trailing trivia"). So a table
inserted after another takes over that one's trailing trivia (a section header
written before the next kind of table stays before it), and a table removed
hands its trailing trivia to its neighbour: no comment is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sieve.errors import EditError, FileChangedError
from sieve.model import APPLIES_TO, CASE_SEPARATOR, CRITERION_KINDS, ID_PATTERN, Session
from sieve.save.document import TomlDocument, digest, inline_line

# -- documents -------------------------------------------------------------------


class _Batch:
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
        """Write every changed document; nothing at all when one changed on disk."""
        changed = [doc for doc in self.docs.values() if doc.text() != doc.original]
        for doc in changed:
            if digest(doc.path.read_bytes()) != doc.digest:
                raise FileChangedError(doc.path)
        written = []
        for doc in changed:
            if doc.save():
                written.append(doc.path)
        return written


def _session_files(session: Session) -> list[Path]:
    return [session.path, *session.score_files]


# -- tomlkit layout helpers ------------------------------------------------------------


def _trivia_start(table: Any) -> int:
    """The index in a table's body where its trailing comments and blank lines begin."""
    body = table.value.body
    i = len(body)
    while i > 0 and body[i - 1][0] is None:
        i -= 1
    return i


def _pop_trailing(table: Any) -> list[Any]:
    body = table.value.body
    start = _trivia_start(table)
    items = [item for _key, item in body[start:]]
    del body[start:]
    return items


def _push(table: Any, items: Iterable[Any]) -> None:
    for item in items:
        table.value.body.append((None, item))


def _is_blank(items: list[Any]) -> bool:
    from tomlkit.items import Null, Whitespace

    return all(isinstance(item, Whitespace | Null) for item in items)


def _leading_blank(items: list[Any]) -> list[Any]:
    from tomlkit.items import Whitespace

    out = []
    for item in items:
        if not isinstance(item, Whitespace):
            break
        out.append(item)
    return out


def _copy_blank(items: list[Any]) -> list[Any]:
    from tomlkit.items import Whitespace

    return [Whitespace(item.s) for item in items if isinstance(item, Whitespace)]


def _separator(aot: Any, anchor: int) -> list[Any]:
    """The blank lines the file puts between two tables of this kind.

    Taken from two neighbouring tables of the kind with nothing but blank lines
    between them (the nearest to ``anchor``); else from the blank lines that start
    what follows ``anchor``; else one blank line.
    """
    from tomlkit.items import Whitespace

    def between(i: int) -> list[Any]:
        return [item for _k, item in aot[i].value.body[_trivia_start(aot[i]) :]]

    inner = [i for i in range(len(aot) - 1) if _is_blank(between(i))]
    if inner:
        nearest = min(inner, key=lambda i: (abs(i - anchor), -i))
        return _copy_blank(between(nearest))
    lead = _leading_blank(between(anchor))
    return _copy_blank(lead) if lead else [Whitespace("\n")]


def _insert_table(aot: Any, after: int, table: Any) -> None:
    """Insert ``table`` into ``aot`` right after its element ``after``.

    The new table takes over the trailing comments of ``after`` (they introduce
    whatever follows), and ``after`` ends with the file's usual blank line(s).
    """
    anchor = aot[after]
    sep = _separator(aot, after)
    trailing = _pop_trailing(anchor)
    _push(anchor, sep)
    _push(table, trailing)
    if after == len(aot) - 1:
        aot.append(table)
    else:
        aot.insert(after + 1, table)


def _new_table(pairs: Iterable[tuple[str, Any]]) -> Any:
    import tomlkit

    table = tomlkit.table()
    for key, value in pairs:
        table.add(key, value)
    return table


def _container_body_index(container: Any, key: str) -> int:
    for i, (k, _item) in enumerate(container.body):
        if k is not None and k.key == key:
            return i
    raise KeyError(key)


def _insert_trivia(container: Any, index: int, items: list[Any]) -> None:
    """Insert comments/blank lines into a container's body before ``index``."""
    for offset, item in enumerate(items):
        at = index + offset
        for k, v in list(container._map.items()):
            if isinstance(v, tuple):
                container._map[k] = tuple(x + 1 if x >= at else x for x in v)
            elif v >= at:
                container._map[k] = v + 1
        container.body.insert(at, (None, item))


def _hand_over(previous: Any, trailing: list[Any], last: bool) -> None:
    """Give the comments that followed a removed table to the table before it."""
    before = [item for _k, item in previous.value.body[_trivia_start(previous) :]]
    if _is_blank(before) and (trailing or last):
        _pop_trailing(previous)
    elif before and (_leading_blank(before[-1:]) or not last):
        # No blank lines piled up; and a comment that headed the removed table stays
        # right above the next one (the heading of its group).
        trailing = trailing[len(_leading_blank(trailing)) :]
    _push(previous, trailing)


def _remove_table(parent: Any, key: str, index: int) -> None:
    """Remove ``parent[key][index]`` (an array of tables), keeping the comments around it."""
    from tomlkit.container import Container
    from tomlkit.items import AoT, Null, Table, Whitespace

    aot = parent[key]
    trailing = _pop_trailing(aot[index])
    if index > 0:
        _hand_over(aot[index - 1], trailing, index == len(aot) - 1)
        del aot[index]
        return
    container = parent if isinstance(parent, Container) else parent.value
    at = _container_body_index(container, key)
    if len(aot) > 1:
        # The next table becomes the first: what followed the removed one stays
        # before it, at the end of whatever precedes the array.
        del aot[0]
    else:
        del parent[key]
    if _is_blank(trailing):
        return
    previous = None
    for _k, item in reversed(container.body[:at]):
        if not isinstance(item, Null):
            previous = item
            break
    if isinstance(previous, AoT) and len(previous):
        previous = previous[-1]
    if isinstance(previous, Table):
        _hand_over(previous, trailing, True)
        return
    if isinstance(previous, Whitespace):
        trailing = trailing[len(_leading_blank(trailing)) :]
    _insert_trivia(container, at, trailing)


def _set_key(table: Any, key: str, value: Any) -> None:
    """Set ``key`` in a table: in place when present, else after its last key."""

    if key in table:
        table[key] = value
        return
    body = table.value.body
    last = None
    for k, _item in body[: _trivia_start(table)]:
        if k is not None:
            last = k
    if last is not None:
        table.value._insert_after(last, key, value)
    elif body:
        table.value._insert_at(0, key, value)
    else:
        table.add(key, value)


def _find(aot: Any, ident: str, key: str = "id") -> int:
    for i, table in enumerate(aot):
        if table.get(key) == ident:
            return i
    raise KeyError(ident)


def _aot(doc: Any, *path: str) -> Any:
    node = doc
    for part in path:
        if part not in node:
            return None
        node = node[part]
    return node


def _renamed_key(old: Any, new: str) -> Any:
    """A key ``new`` written like ``old``: same quoting and ``=`` column where it fits."""
    from tomlkit.items import KeyType, SingleKey

    bare = old.t == KeyType.Bare and ID_PATTERN.match(new) is not None
    kind = KeyType.Bare if bare else KeyType.Basic
    shown = new if bare else '"' + new.replace("\\", "\\\\").replace('"', '\\"') + '"'
    width = len(old.as_string())
    text = shown.ljust(width) if len(shown) + 1 <= width else shown + " "
    return SingleKey(new, t=kind, sep=old.sep, original=text)


def _rename_in(table: Any, old: str, new: str) -> None:
    """Rename key ``old`` of a table in place, keeping its value, comment and position."""
    container = table.value
    for k, _item in container.body:
        if k is not None and k.key == old:
            container._replace(k, _renamed_key(k, new), table[old])
            return
    raise KeyError(old)


def _without(table: Any, key: str, drop: Iterable[str]) -> None:
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


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


# -- checks ----------------------------------------------------------------------


def _check_id(ident: str) -> None:
    if not isinstance(ident, str) or not ID_PATTERN.match(ident):
        raise EditError("edit.id_invalid", id=ident)


def _check_text(value: str, field_name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise EditError("edit.empty", field=field_name)


def _check_number(value: Any, field_name: str, low: float, high: float | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EditError("edit.not_number", field=field_name, value=value)
    if value != value or value < low or (high is not None and value > high):
        raise EditError(
            "edit.range", field=field_name, value=value, low=_number(low), high=_show(high)
        )
    return float(value)


def _show(value: float | None) -> str:
    return "∞" if value is None else str(_number(value))


def _criterion(session: Session, criterion: str) -> Any:
    crit = session.tamis.by_id.get(criterion)
    if crit is None:
        raise EditError("edit.unknown", kind="criterion", id=criterion)
    return crit


def _subject(session: Session, subject: str) -> Any:
    if subject not in session.subjects:
        raise EditError("edit.unknown", kind="subject", id=subject)
    return session.subjects[subject]


def _angle(session: Session, angle: str) -> Any:
    if angle not in session.angles:
        raise EditError("edit.unknown", kind="angle", id=angle)
    return session.angles[angle]


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


def _rows(session: Session, notes: bool) -> Iterable[tuple[Path, str, str, Any]]:
    """Every (file, scorer, key, row) of the session's score (or note) tables, as read."""
    origin = session.note_origin if notes else session.score_origin
    for scorer, sources in origin.items():
        for path, rows in sources:
            for key, row in rows.items():
                yield Path(path), scorer, key, row


def scores_for_criterion(session: Session, criterion: str) -> int:
    """How many score entries exist for ``criterion`` across the session's files."""
    _criterion(session, criterion)
    return sum(
        1 for _p, _s, _k, row in _rows(session, False) if isinstance(row, dict) and criterion in row
    )


def _key_matcher(subject: str | None, angle: str | None) -> Callable[[str], bool]:
    if angle is not None:
        return lambda key: key.partition(CASE_SEPARATOR)[2] == angle and CASE_SEPARATOR in key
    return lambda key: key.partition(CASE_SEPARATOR)[0] == subject


def references(
    session: Session, subject: str | None = None, angle: str | None = None
) -> References:
    """The scores and notes about a subject (with its cases) or about an angle's case."""
    if angle is not None:
        _angle(session, angle)
    else:
        _subject(session, subject or "")
    match = _key_matcher(subject, angle)
    scores = sum(
        len(row)
        for _p, _s, key, row in _rows(session, False)
        if match(key) and isinstance(row, dict)
    )
    notes = sum(1 for _p, _s, key, _row in _rows(session, True) if match(key))
    return References(scores, notes)


def _drop_keys(session: Session, batch: _Batch, match: Callable[[str], bool]) -> None:
    """Remove every score row and note whose key ``match``es, in every file."""
    for section, notes in (("scores", False), ("notes", True)):
        for path, scorer, key, _row in list(_rows(session, notes)):
            if match(key):
                table = batch.open(path)[section][scorer]
                if key in table:
                    del table[key]


def _rename_keys(session: Session, batch: _Batch, rename: Callable[[str], str | None]) -> None:
    """Rename every score row and note key for which ``rename`` gives a new key."""
    for section, notes in (("scores", False), ("notes", True)):
        for path, scorer, key, _row in list(_rows(session, notes)):
            new = rename(key)
            if new is not None and new != key:
                table = batch.open(path)[section][scorer]
                if key in table:
                    _rename_in(table, key, new)


# -- the tamis ------------------------------------------------------------------------------


def _tamis_doc(session: Session, batch: _Batch) -> Any:
    return batch.open(session.tamis.path)


def _criterion_table(session: Session, batch: _Batch, criterion: str) -> Any:
    doc = _tamis_doc(session, batch)
    return doc["criterion"][_find(doc["criterion"], criterion)]


def set_weight(session: Session, criterion: str, weight: float) -> list[Path]:
    """Set the weight of a score criterion (a number >= 0)."""
    return set_weights(session, {criterion: weight})


def set_weights(session: Session, weights: dict[str, float]) -> list[Path]:
    """Set the weights of several score criteria at once (one write of the tamis)."""
    values = {}
    for criterion, weight in weights.items():
        if _criterion(session, criterion).is_gate:
            raise EditError("edit.not_score", criterion=criterion)
        values[criterion] = _number(_check_number(weight, "weight", 0.0, None))
    batch = _Batch(session)
    for criterion, value in values.items():
        table = _criterion_table(session, batch, criterion)
        if table.get("weight") != value:
            _set_key(table, "weight", value)
    return batch.save()


def set_pass_at(session: Session, criterion: str, pass_at: float) -> list[Path]:
    """Set the level a gate criterion's group level must reach (0 to the scale's top)."""
    crit = _criterion(session, criterion)
    if not crit.is_gate:
        raise EditError("edit.not_gate", criterion=criterion)
    value = _check_number(pass_at, "pass_at", 0.0, float(crit.scale.top))
    batch = _Batch(session)
    _set_key(_criterion_table(session, batch, criterion), "pass_at", _number(value))
    return batch.save()


def set_criterion_text(
    session: Session, criterion: str, label: str | None = None, question: str | None = None
) -> list[Path]:
    """Set the label (never empty) and/or the question of a criterion."""
    _criterion(session, criterion)
    if label is not None:
        _check_text(label, "label")
    if question is not None and not isinstance(question, str):
        raise EditError("edit.empty", field="question")
    batch = _Batch(session)
    table = _criterion_table(session, batch, criterion)
    if label is not None and table.get("label") != label:
        _set_key(table, "label", label)
    if question is not None and table.get("question", "") != question:
        if question == "" and "question" in table:
            del table["question"]
        elif question:
            _set_key(table, "question", question)
    return batch.save()


def add_criterion(
    session: Session,
    criterion: str,
    label: str,
    applies_to: str,
    kind: str,
    scale: str,
    question: str = "",
    weight: float = 1.0,
    pass_at: float = 1.0,
    after: str | None = None,
) -> list[Path]:
    """Add a criterion after ``after`` (or after the last one), keys in the format's order."""
    tamis = session.tamis
    _check_id(criterion)
    if criterion in tamis.by_id:
        raise EditError("edit.id_taken", kind="criterion", id=criterion)
    _check_text(label, "label")
    if applies_to not in APPLIES_TO:
        raise EditError(
            "edit.choice", field="applies_to", value=applies_to, choices=", ".join(APPLIES_TO)
        )
    if kind not in CRITERION_KINDS:
        raise EditError("edit.choice", field="kind", value=kind, choices=", ".join(CRITERION_KINDS))
    if scale not in tamis.scales:
        raise EditError("edit.unknown", kind="scale", id=scale)
    if after is not None:
        _criterion(session, after)
    pairs: list[tuple[str, Any]] = [("id", criterion), ("label", label)]
    if question:
        pairs.append(("question", question))
    pairs += [("applies_to", applies_to), ("kind", kind), ("scale", scale)]
    if kind == "score":
        pairs.append(("weight", _number(_check_number(weight, "weight", 0.0, None))))
    else:
        top = float(tamis.scales[scale].top)
        pairs.append(("pass_at", _number(_check_number(pass_at, "pass_at", 0.0, top))))
    batch = _Batch(session)
    doc = _tamis_doc(session, batch)
    aot = doc["criterion"]
    anchor = _find(aot, after) if after is not None else len(aot) - 1
    _insert_table(aot, anchor, _new_table(pairs))
    return batch.save()


def remove_criterion(session: Session, criterion: str, drop_scores: bool = False) -> list[Path]:
    """Remove a criterion from the tamis.

    When scores exist for it (see :func:`scores_for_criterion`) the session would
    no longer load: the removal is refused unless ``drop_scores`` is true, in which
    case those entries are removed from every score and session file too.
    """
    _criterion(session, criterion)
    if len(session.tamis.criteria) == 1:
        raise EditError("edit.last_criterion", criterion=criterion)
    count = scores_for_criterion(session, criterion)
    if count and not drop_scores:
        raise EditError("edit.has_scores", kind="criterion", id=criterion, count=count)
    batch = _Batch(session)
    doc = _tamis_doc(session, batch)
    _remove_table(doc, "criterion", _find(doc["criterion"], criterion))
    for path, scorer, key, row in list(_rows(session, False)):
        if isinstance(row, dict) and criterion in row:
            table = batch.open(path)["scores"][scorer]
            if key in table:
                _without(table, key, [criterion])
    return batch.save()


def subjects_with_indicator(session: Session, indicator: str) -> list[str]:
    """The subjects of the session tagged with an attention indicator."""
    return [s.id for s in session.subjects.values() if indicator in s.attention]


def add_indicator(session: Session, indicator: str, label: str, weight: float = 1.0) -> list[Path]:
    """Add a political-attention indicator after the last one."""
    import tomlkit

    _check_id(indicator)
    if indicator in session.tamis.indicators:
        raise EditError("edit.id_taken", kind="indicator", id=indicator)
    _check_text(label, "label")
    value = _number(_check_number(weight, "weight", 0.0, None))
    batch = _Batch(session)
    doc = _tamis_doc(session, batch)
    table = _new_table([("id", indicator), ("label", label), ("weight", value)])
    aot = _aot(doc, "attention", "indicator")
    if aot is not None and len(aot):
        _insert_table(aot, len(aot) - 1, table)
    else:
        if "attention" not in doc:
            doc.add(tomlkit.nl())
            doc.add("attention", tomlkit.table())
        doc["attention"].append("indicator", tomlkit.aot())
        doc["attention"]["indicator"].append(table)
    return batch.save()


def remove_indicator(session: Session, indicator: str, untag: bool = False) -> list[Path]:
    """Remove an attention indicator; with ``untag``, also from this session's subjects.

    Subjects still tagged with it would make the session fail to load, so the
    removal is refused while some are, unless ``untag`` is true.
    """
    if indicator not in session.tamis.indicators:
        raise EditError("edit.unknown", kind="indicator", id=indicator)
    tagged = subjects_with_indicator(session, indicator)
    if tagged and not untag:
        raise EditError("edit.tagged", id=indicator, count=len(tagged))
    batch = _Batch(session)
    doc = _tamis_doc(session, batch)
    _remove_table(doc["attention"], "indicator", _find(doc["attention"]["indicator"], indicator))
    if tagged:
        subjects = batch.open(session.path)["subject"]
        for subject in tagged:
            subjects[_find(subjects, subject)]["attention"].remove(indicator)
    return batch.save()


def set_thresholds(
    session: Session,
    threshold: float | None = None,
    first_case_max: float | None = None,
    disagreement: float | None = None,
) -> list[Path]:
    """Set the attention threshold, the first case's limit, and/or the disagreement share."""
    import tomlkit

    changes: list[tuple[str, str, float]] = []
    if threshold is not None:
        changes.append(("attention", "threshold", _check_number(threshold, "threshold", 0, None)))
    if first_case_max is not None:
        value = _check_number(first_case_max, "first_case_max", 0, None)
        changes.append(("attention", "first_case_max", value))
    if disagreement is not None:
        value = _check_number(disagreement, "disagreement", 0, 1)
        changes.append(("group", "disagreement", value))
    batch = _Batch(session)
    doc = _tamis_doc(session, batch)
    for table_name, key, value in changes:
        if table_name not in doc:
            doc.add(tomlkit.nl())
            doc.add(table_name, tomlkit.table())
        table = doc[table_name]
        if table.get(key) != value:
            _set_key(table, key, _number(value))
    return batch.save()


# -- the cases -------------------------------------------------------------------------------


def _subject_table(batch: _Batch, session: Session, subject: str) -> Any:
    aot = batch.open(session.path)["subject"]
    return aot[_find(aot, subject)]


def _angle_table(batch: _Batch, session: Session, angle: str) -> Any:
    aot = batch.open(session.path)["angle"]
    return aot[_find(aot, angle)]


def _check_words(values: Iterable[str], field_name: str) -> list[str]:
    values = list(values)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise EditError("edit.empty", field=field_name)
    return values


def _append_case_table(doc: Any, kind: str, table: Any, before: tuple[str, ...]) -> None:
    """Add a ``[[kind]]`` table after the last one; a first one goes before the kinds ``before``."""
    import tomlkit
    from tomlkit.items import AoT, Table, Whitespace

    aot = _aot(doc, kind)
    if aot is not None and len(aot):
        _insert_table(aot, len(aot) - 1, table)
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
        trailing = _pop_trailing(previous)
        _push(previous, _copy_blank(_leading_blank(trailing)) or [Whitespace("\n")])
        _push(table, trailing)
    else:
        _push(table, [Whitespace("\n")])
    doc._insert_at(at, kind, new)


#: The kinds of tables a session writes after its subjects, in the format's order.
_AFTER_SUBJECTS = ("angle", "scorer", "scores", "notes", "stakeholder", "relation")


def add_subject(
    session: Session,
    subject: str,
    title: str,
    description: str = "",
    type: str = "",
    territory: str = "",
    attention: Iterable[str] = (),
    first_case: bool = False,
) -> list[Path]:
    """Add a subject after the last one (keys in the format's order; empty ones left out)."""
    _check_id(subject)
    if subject in session.subjects:
        raise EditError("edit.id_taken", kind="subject", id=subject)
    _check_text(title, "title")
    attention = list(attention)
    for indicator in attention:
        if indicator not in session.tamis.indicators:
            raise EditError("edit.unknown", kind="indicator", id=indicator)
    if first_case and any(s.first_case for s in session.subjects.values()):
        raise EditError("edit.first_case_taken", id=subject)
    pairs: list[tuple[str, Any]] = [("id", subject), ("title", title)]
    pairs += [(k, v) for k, v in (("description", description), ("type", type)) if v]
    if territory:
        pairs.append(("territory", territory))
    pairs.append(("attention", attention))
    pairs.append(("first_case", bool(first_case)))
    batch = _Batch(session)
    _append_case_table(
        batch.open(session.path), "subject", _new_table(pairs), before=_AFTER_SUBJECTS
    )
    return batch.save()


def add_angle(
    session: Session, angle: str, subject: str, title: str, methods: Iterable[str] = ()
) -> list[Path]:
    """Add an angle of attack on ``subject`` after the last angle."""
    _check_id(angle)
    if angle in session.angles:
        raise EditError("edit.id_taken", kind="angle", id=angle)
    _subject(session, subject)
    _check_text(title, "title")
    methods = _check_words(methods, "methods")
    pairs: list[tuple[str, Any]] = [("id", angle), ("subject", subject), ("title", title)]
    if methods:
        pairs.append(("methods", methods))
    batch = _Batch(session)
    _append_case_table(
        batch.open(session.path), "angle", _new_table(pairs), before=_AFTER_SUBJECTS[1:]
    )
    return batch.save()


def rename_subject(session: Session, subject: str, new: str) -> list[Path]:
    """Rename a subject, with its angles' ``subject``, its score rows and its notes."""
    _subject(session, subject)
    _check_id(new)
    if new == subject:
        return []
    if new in session.subjects:
        raise EditError("edit.id_taken", kind="subject", id=new)
    batch = _Batch(session)
    _subject_table(batch, session, subject)["id"] = new
    doc = batch.open(session.path)
    for table in _aot(doc, "angle") or ():
        if table.get("subject") == subject:
            table["subject"] = new

    def rename(key: str) -> str | None:
        head, sep, tail = key.partition(CASE_SEPARATOR)
        return new + sep + tail if head == subject else None

    _rename_keys(session, batch, rename)
    return batch.save()


def rename_angle(session: Session, angle: str, new: str) -> list[Path]:
    """Rename an angle, with its case's score rows and notes (``subject/angle`` keys)."""
    owner = _angle(session, angle).subject
    _check_id(new)
    if new == angle:
        return []
    if new in session.angles:
        raise EditError("edit.id_taken", kind="angle", id=new)
    batch = _Batch(session)
    _angle_table(batch, session, angle)["id"] = new
    old_key = f"{owner}{CASE_SEPARATOR}{angle}"
    new_key = f"{owner}{CASE_SEPARATOR}{new}"
    _rename_keys(session, batch, lambda key: new_key if key == old_key else None)
    return batch.save()


_SUBJECT_TEXT = ("title", "description", "type", "territory")


def set_subject(session: Session, subject: str, **fields: str) -> list[Path]:
    """Set a subject's ``title``, ``description``, ``type`` and/or ``territory``.

    An empty value removes an optional key; the title can't be empty.
    """
    _subject(session, subject)
    for name, value in fields.items():
        if name not in _SUBJECT_TEXT:
            raise EditError("edit.field", field=name)
        if name == "title":
            _check_text(value, "title")
        elif not isinstance(value, str):
            raise EditError("edit.empty", field=name)
    batch = _Batch(session)
    table = _subject_table(batch, session, subject)
    for name, value in fields.items():
        if table.get(name, "") == value:
            continue
        if value == "":
            del table[name]
        else:
            _set_key(table, name, value)
    return batch.save()


def set_angle(
    session: Session, angle: str, title: str | None = None, methods: Iterable[str] | None = None
) -> list[Path]:
    """Set an angle's title and/or its list of methods."""
    _angle(session, angle)
    if title is not None:
        _check_text(title, "title")
    if methods is not None:
        methods = _check_words(methods, "methods")
    batch = _Batch(session)
    table = _angle_table(batch, session, angle)
    if title is not None and table.get("title") != title:
        table["title"] = title
    if methods is not None and list(table.get("methods", [])) != methods:
        if not methods and "methods" in table:
            del table["methods"]
        elif methods:
            _set_key(table, "methods", methods)
    return batch.save()


def remove_subject(session: Session, subject: str, drop_scores: bool = False) -> list[Path]:
    """Remove a subject and its angles.

    Its score rows and notes (and those of its cases) would no longer load: the
    removal is refused while there are some (see :func:`references`) unless
    ``drop_scores`` is true, in which case they are removed from every file.
    """
    refs = references(session, subject=subject)
    if refs.total and not drop_scores:
        raise EditError(
            "edit.has_refs", kind="subject", id=subject, scores=refs.scores, notes=refs.notes
        )
    batch = _Batch(session)
    doc = batch.open(session.path)
    angles = _aot(doc, "angle")
    for i in reversed(range(len(angles) if angles is not None else 0)):
        if angles[i].get("subject") == subject:
            _remove_table(doc, "angle", i)
            angles = _aot(doc, "angle")
    _remove_table(doc, "subject", _find(doc["subject"], subject))
    _drop_keys(session, batch, _key_matcher(subject, None))
    return batch.save()


def remove_angle(session: Session, angle: str, drop_scores: bool = False) -> list[Path]:
    """Remove an angle; like :func:`remove_subject` for its case's scores and notes."""
    refs = references(session, angle=angle)
    if refs.total and not drop_scores:
        raise EditError(
            "edit.has_refs", kind="angle", id=angle, scores=refs.scores, notes=refs.notes
        )
    batch = _Batch(session)
    doc = batch.open(session.path)
    _remove_table(doc, "angle", _find(doc["angle"], angle))
    _drop_keys(session, batch, _key_matcher(None, angle))
    return batch.save()


def set_attention(session: Session, subject: str, indicator: str, on: bool) -> list[Path]:
    """Tag (``on``) or untag a subject with an attention indicator of the tamis."""
    current = _subject(session, subject).attention
    if on and indicator not in session.tamis.indicators:
        raise EditError("edit.unknown", kind="indicator", id=indicator)
    if (indicator in current) is on:
        return []
    batch = _Batch(session)
    table = _subject_table(batch, session, subject)
    if on:
        if "attention" in table:
            table["attention"].append(indicator)
        else:
            _set_key(table, "attention", [indicator])
    else:
        table["attention"].remove(indicator)
    return batch.save()


def set_subject_attention(session: Session, subject: str, indicators: Iterable[str]) -> list[Path]:
    """Tag a subject with exactly ``indicators`` (kept ones stay in place, new ones at the end)."""
    current = _subject(session, subject).attention
    wanted = list(dict.fromkeys(indicators))
    for indicator in wanted:
        if indicator not in session.tamis.indicators:
            raise EditError("edit.unknown", kind="indicator", id=indicator)
    if list(current) == wanted:
        return []
    batch = _Batch(session)
    table = _subject_table(batch, session, subject)
    if "attention" not in table:
        _set_key(table, "attention", wanted)
        return batch.save()
    array = table["attention"]
    for indicator in [v for v in array if v not in wanted]:
        array.remove(indicator)
    for indicator in wanted:
        if indicator not in array:
            array.append(indicator)
    return batch.save()


def toggle_attention(session: Session, subject: str, indicator: str) -> list[Path]:
    """Tag a subject with an indicator it lacks, or untag it."""
    on = indicator not in _subject(session, subject).attention
    return set_attention(session, subject, indicator, on)


def set_first_case(session: Session, subject: str | None) -> list[Path]:
    """Mark ``subject`` as the first case and unmark the others (``None``: unmark all)."""
    if subject is not None:
        _subject(session, subject)
    batch = _Batch(session)
    doc = batch.open(session.path)
    for table in _aot(doc, "subject") or ():
        ident = table.get("id")
        wanted = ident == subject
        if bool(table.get("first_case", False)) is wanted:
            continue
        if wanted:
            _set_key(table, "first_case", True)
        else:
            table["first_case"] = False
    return batch.save()


# -- the stakeholder map -------------------------------------------------------------------

#: The kinds of tables a session writes after its stakeholders, in the format's order.
_AFTER_STAKEHOLDERS = ("relation", "portfolio", "decision")

_STAKEHOLDER_TEXT = ("name", "role", "org")
_STAKEHOLDER_LEVELS = ("power", "interest")


def _ends(session: Session) -> set[str]:
    """The ids a relation may name: the stakeholders and the scorers (see FORMAT.md)."""
    return set(session.stakeholders) | set(session.scorers)


def _stakeholder(session: Session, ident: str) -> Any:
    if ident not in session.stakeholders:
        raise EditError("edit.unknown", kind="stakeholder", id=ident)
    return session.stakeholders[ident]


def _check_role(role: str) -> str:
    from sieve.model import STAKEHOLDER_ROLES

    if role not in STAKEHOLDER_ROLES:
        raise EditError(
            "edit.choice", field="role", value=role, choices=", ".join(STAKEHOLDER_ROLES)
        )
    return role


def _check_level(value: Any, field_name: str) -> int:
    """Power or interest: an integer of 0..4."""
    from sieve.model import POWER_INTEREST_RANGE

    low, high = POWER_INTEREST_RANGE
    number = _check_number(value, field_name, low, high)
    if not number.is_integer():
        raise EditError("edit.not_integer", field=field_name, value=value)
    return int(number)


def relations_of(session: Session, ident: str) -> int:
    """How many relations name ``ident`` (as ``from`` or as ``to``)."""
    return sum(1 for r in session.relations if ident in (r.source, r.target))


def add_stakeholder(
    session: Session,
    ident: str,
    name: str,
    role: str,
    org: str = "",
    power: int = 0,
    interest: int = 0,
) -> list[Path]:
    """Add a ``[[stakeholder]]`` after the last one (keys in the format's order)."""
    _check_id(ident)
    if ident in session.stakeholders:
        raise EditError("edit.id_taken", kind="stakeholder", id=ident)
    _check_text(name, "name")
    _check_role(role)
    if not isinstance(org, str):
        raise EditError("edit.empty", field="org")
    pairs: list[tuple[str, Any]] = [("id", ident), ("name", name), ("role", role)]
    if org:
        pairs.append(("org", org))
    pairs.append(("power", _check_level(power, "power")))
    pairs.append(("interest", _check_level(interest, "interest")))
    batch = _Batch(session)
    _append_case_table(
        batch.open(session.path), "stakeholder", _new_table(pairs), before=_AFTER_STAKEHOLDERS
    )
    return batch.save()


def set_stakeholder(
    session: Session, ident: str, new_id: str | None = None, **fields: Any
) -> list[Path]:
    """Set a stakeholder's ``name``, ``role``, ``org``, ``power``, ``interest``; rename it.

    A new id (``new_id``) is written in every ``[[relation]]`` naming the old one and
    in the ``present`` lists of the decision journal. An empty ``org`` removes the key;
    the name can't be empty. Only the lines that change are written.
    """
    _stakeholder(session, ident)
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _STAKEHOLDER_LEVELS:
            values[name] = _check_level(value, name)
        elif name == "name":
            _check_text(value, "name")
            values[name] = value
        elif name == "role":
            values[name] = _check_role(value)
        elif name == "org":
            if not isinstance(value, str):
                raise EditError("edit.empty", field="org")
            values[name] = value
        else:
            raise EditError("edit.field", field=name)
    if new_id is not None and new_id != ident:
        _check_id(new_id)
        if new_id in session.stakeholders:
            raise EditError("edit.id_taken", kind="stakeholder", id=new_id)
    else:
        new_id = None
    batch = _Batch(session)
    doc = batch.open(session.path)
    table = doc["stakeholder"][_find(doc["stakeholder"], ident)]
    for name, value in values.items():
        if name == "org" and value == "":
            if "org" in table:
                del table["org"]
        elif table.get(name) != value or name not in table:
            if name in _STAKEHOLDER_LEVELS and name not in table and value == 0:
                continue  # absent means 0 already
            _set_key(table, name, value)
    if new_id is not None:
        table["id"] = new_id
        for relation in _aot(doc, "relation") or ():
            for end in ("from", "to"):
                if relation.get(end) == ident:
                    relation[end] = new_id
        for decision in _aot(doc, "decision") or ():
            present = decision.get("present")
            if isinstance(present, list) and ident in present:
                present[list(present).index(ident)] = new_id
    return batch.save()


def rename_stakeholder(session: Session, ident: str, new: str) -> list[Path]:
    """Rename a stakeholder, with the relations naming them (see :func:`set_stakeholder`)."""
    return set_stakeholder(session, ident, new_id=new)


def remove_stakeholder(session: Session, ident: str, drop_relations: bool = False) -> list[Path]:
    """Remove a ``[[stakeholder]]``.

    Relations naming them would no longer load (unless the id is also a scorer's):
    the removal is refused while some exist (see :func:`relations_of`) unless
    ``drop_relations`` is true, in which case those relations are removed too.
    """
    _stakeholder(session, ident)
    count = relations_of(session, ident)
    if count and not drop_relations:
        raise EditError("edit.has_relations", id=ident, count=count)
    batch = _Batch(session)
    doc = batch.open(session.path)
    relations = _aot(doc, "relation")
    for i in reversed(range(len(relations) if relations is not None else 0)):
        if ident in (relations[i].get("from"), relations[i].get("to")):
            _remove_table(doc, "relation", i)
            relations = _aot(doc, "relation")
    _remove_table(doc, "stakeholder", _find(doc["stakeholder"], ident))
    return batch.save()


def _relation_index(doc: Any, source: str, target: str, kind: str) -> int:
    for i, table in enumerate(_aot(doc, "relation") or ()):
        if (table.get("from"), table.get("to"), table.get("kind")) == (source, target, kind):
            return i
    raise KeyError((source, target, kind))


def _check_relation(
    session: Session, source: str, target: str, kind: str, ignore: tuple[str, str, str] | None
) -> None:
    from sieve.model import RELATION_KINDS

    ends = _ends(session)
    for ident in (source, target):
        if ident not in ends:
            raise EditError("edit.unknown", kind="stakeholder", id=ident)
    if source == target:
        raise EditError("edit.self_relation", id=source)
    if kind not in RELATION_KINDS:
        raise EditError("edit.choice", field="kind", value=kind, choices=", ".join(RELATION_KINDS))
    triple = (source, target, kind)
    if triple != ignore and any((r.source, r.target, r.kind) == triple for r in session.relations):
        raise EditError("edit.relation_taken", source=source, target=target, relation=kind)


def _relation(session: Session, source: str, target: str, kind: str) -> Any:
    for r in session.relations:
        if (r.source, r.target, r.kind) == (source, target, kind):
            return r
    raise EditError("edit.unknown_relation", source=source, target=target, relation=kind)


def add_relation(
    session: Session, source: str, target: str, kind: str, weight: float = 1.0
) -> list[Path]:
    """Add a ``[[relation]]`` after the last one; ``weight`` is written when it is not 1."""
    _check_relation(session, source, target, kind, None)
    value = _number(_check_number(weight, "weight", 0.0, None))
    pairs: list[tuple[str, Any]] = [("from", source), ("to", target), ("kind", kind)]
    if value != 1:
        pairs.append(("weight", value))
    batch = _Batch(session)
    _append_case_table(
        batch.open(session.path), "relation", _new_table(pairs), before=_AFTER_STAKEHOLDERS[1:]
    )
    return batch.save()


def set_relation(
    session: Session,
    source: str,
    target: str,
    kind: str,
    new_source: str | None = None,
    new_target: str | None = None,
    new_kind: str | None = None,
    weight: float | None = None,
) -> list[Path]:
    """Change a relation (found by its ``from``, ``to`` and ``kind``): its ends, kind, weight.

    A weight of 1 is left unwritten when the table has none (1 is the default).
    """
    _relation(session, source, target, kind)
    wanted = (new_source or source, new_target or target, new_kind or kind)
    _check_relation(session, *wanted, ignore=(source, target, kind))
    value = None if weight is None else _number(_check_number(weight, "weight", 0.0, None))
    batch = _Batch(session)
    doc = batch.open(session.path)
    table = doc["relation"][_relation_index(doc, source, target, kind)]
    for key, old, new in zip(("from", "to", "kind"), (source, target, kind), wanted, strict=True):
        if old != new:
            table[key] = new
    if value is not None and table.get("weight", 1) != value:
        _set_key(table, "weight", value)
    return batch.save()


def remove_relation(session: Session, source: str, target: str, kind: str) -> list[Path]:
    """Remove the relation ``source`` → ``target`` of ``kind``."""
    _relation(session, source, target, kind)
    batch = _Batch(session)
    doc = batch.open(session.path)
    _remove_table(doc, "relation", _relation_index(doc, source, target, kind))
    return batch.save()
