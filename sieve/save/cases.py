"""Lossless edits of a session's cases: subjects, angles, attention indicators, the first case."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sieve.errors import EditError
from sieve.model import CASE_SEPARATOR, Angle, Session, case_key
from sieve.save.layout import (
    Batch,
    angle_of,
    append_case_table,
    array_of,
    check_id,
    check_text,
    drop_keys,
    find_entry,
    key_matcher,
    new_table,
    references,
    remove_table,
    rename_keys,
    set_key,
    subject_of,
)

# -- the cases -------------------------------------------------------------------------------


def _subject_table(batch: Batch, session: Session, subject: str) -> Any:
    aot = batch.open(session.path)["subject"]
    return aot[find_entry(aot, subject)]


def _angle_index(aot: Any, angle: Angle) -> int:
    """The position of ``angle``'s ``[[angle]]`` table: its id under its subject."""
    for i, table in enumerate(aot):
        if table.get("id") == angle.id and table.get("subject") == angle.subject:
            return i
    raise KeyError(angle.key)


def _angle_table(batch: Batch, session: Session, angle: Angle) -> Any:
    aot = batch.open(session.path)["angle"]
    return aot[_angle_index(aot, angle)]


def _check_words(values: Iterable[str], field_name: str) -> list[str]:
    values = list(values)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise EditError("edit.empty", field=field_name)
    return values


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
    check_id(subject)
    if subject in session.subjects:
        raise EditError("edit.id_taken", kind="subject", id=subject)
    check_text(title, "title")
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
    batch = Batch(session)
    append_case_table(batch.open(session.path), "subject", new_table(pairs), before=_AFTER_SUBJECTS)
    return batch.save()


def add_angle(
    session: Session, angle: str, subject: str, title: str, methods: Iterable[str] = ()
) -> list[Path]:
    """Add an angle of attack on ``subject`` after the last angle (its id is unique among
    the subject's angles; another subject may have an angle of that id)."""
    check_id(angle)
    subject_of(session, subject)
    if case_key(subject, angle) in session.angles:
        raise EditError("edit.id_taken", kind="angle", id=case_key(subject, angle))
    check_text(title, "title")
    methods = _check_words(methods, "methods")
    pairs: list[tuple[str, Any]] = [("id", angle), ("subject", subject), ("title", title)]
    if methods:
        pairs.append(("methods", methods))
    batch = Batch(session)
    append_case_table(
        batch.open(session.path), "angle", new_table(pairs), before=_AFTER_SUBJECTS[1:]
    )
    return batch.save()


def rename_subject(session: Session, subject: str, new: str) -> list[Path]:
    """Rename a subject, with its angles' and stances' ``subject``, its score rows and notes."""
    subject_of(session, subject)
    check_id(new)
    if new == subject:
        return []
    if new in session.subjects:
        raise EditError("edit.id_taken", kind="subject", id=new)
    batch = Batch(session)
    _subject_table(batch, session, subject)["id"] = new
    doc = batch.open(session.path)
    for kind in ("angle", "stance"):
        for table in array_of(doc, kind) or ():
            if table.get("subject") == subject:
                table["subject"] = new

    def rename(key: str) -> str | None:
        head, sep, tail = key.partition(CASE_SEPARATOR)
        return new + sep + tail if head == subject else None

    rename_keys(session, batch, rename)
    return batch.save()


def rename_angle(session: Session, angle: str, new: str) -> list[Path]:
    """Rename an angle, with its case's score rows and notes (``subject/angle`` keys).

    ``angle`` is a case key (``subject/angle``), or an angle id that one subject only
    has; ``new`` is the new angle id, unique among the subject's angles.
    """
    found = angle_of(session, angle)
    check_id(new)
    if new == found.id:
        return []
    new_key = case_key(found.subject, new)
    if new_key in session.angles:
        raise EditError("edit.id_taken", kind="angle", id=new_key)
    batch = Batch(session)
    _angle_table(batch, session, found)["id"] = new
    rename_keys(session, batch, lambda key: new_key if key == found.key else None)
    return batch.save()


_SUBJECT_TEXT = ("title", "description", "type", "territory")


def set_subject(session: Session, subject: str, **fields: str) -> list[Path]:
    """Set a subject's ``title``, ``description``, ``type`` and/or ``territory``.

    An empty value removes an optional key; the title can't be empty.
    """
    subject_of(session, subject)
    for name, value in fields.items():
        if name not in _SUBJECT_TEXT:
            raise EditError("edit.field", field=name)
        if name == "title":
            check_text(value, "title")
        elif not isinstance(value, str):
            raise EditError("edit.empty", field=name)
    batch = Batch(session)
    table = _subject_table(batch, session, subject)
    for name, value in fields.items():
        if table.get(name, "") == value:
            continue
        if value == "":
            del table[name]
        else:
            set_key(table, name, value)
    return batch.save()


def set_angle(
    session: Session, angle: str, title: str | None = None, methods: Iterable[str] | None = None
) -> list[Path]:
    """Set an angle's title and/or its list of methods (``angle``: as :func:`rename_angle`)."""
    found = angle_of(session, angle)
    if title is not None:
        check_text(title, "title")
    if methods is not None:
        methods = _check_words(methods, "methods")
    batch = Batch(session)
    table = _angle_table(batch, session, found)
    if title is not None and table.get("title") != title:
        table["title"] = title
    if methods is not None and list(table.get("methods", [])) != methods:
        if not methods and "methods" in table:
            del table["methods"]
        elif methods:
            set_key(table, "methods", methods)
    return batch.save()


def remove_subject(session: Session, subject: str, drop_scores: bool = False) -> list[Path]:
    """Remove a subject, its angles and the stances on it.

    Its score rows and notes (and those of its cases) would no longer load: the
    removal is refused while there are some (see :func:`references`) unless
    ``drop_scores`` is true, in which case they are removed from every file.
    """
    refs = references(session, subject=subject)
    if refs.total and not drop_scores:
        raise EditError(
            "edit.has_refs", kind="subject", id=subject, scores=refs.scores, notes=refs.notes
        )
    batch = Batch(session)
    doc = batch.open(session.path)
    angles = array_of(doc, "angle")
    for i in reversed(range(len(angles) if angles is not None else 0)):
        if angles[i].get("subject") == subject:
            remove_table(doc, "angle", i)
            angles = array_of(doc, "angle")
    stances = array_of(doc, "stance")
    for i in reversed(range(len(stances) if stances is not None else 0)):
        if stances[i].get("subject") == subject:
            remove_table(doc, "stance", i)
            stances = array_of(doc, "stance")
    remove_table(doc, "subject", find_entry(doc["subject"], subject))
    drop_keys(session, batch, key_matcher(subject, None))
    return batch.save()


def remove_angle(session: Session, angle: str, drop_scores: bool = False) -> list[Path]:
    """Remove an angle; like :func:`remove_subject` for its case's scores and notes.

    ``angle``: as :func:`rename_angle`.
    """
    found = angle_of(session, angle)
    refs = references(session, angle=found.key)
    if refs.total and not drop_scores:
        raise EditError(
            "edit.has_refs", kind="angle", id=found.key, scores=refs.scores, notes=refs.notes
        )
    batch = Batch(session)
    doc = batch.open(session.path)
    remove_table(doc, "angle", _angle_index(doc["angle"], found))
    drop_keys(session, batch, key_matcher(None, found.key))
    return batch.save()


def set_attention(session: Session, subject: str, indicator: str, on: bool) -> list[Path]:
    """Tag (``on``) or untag a subject with an attention indicator of the tamis."""
    current = subject_of(session, subject).attention
    if on and indicator not in session.tamis.indicators:
        raise EditError("edit.unknown", kind="indicator", id=indicator)
    if (indicator in current) is on:
        return []
    batch = Batch(session)
    table = _subject_table(batch, session, subject)
    if on:
        if "attention" in table:
            table["attention"].append(indicator)
        else:
            set_key(table, "attention", [indicator])
    else:
        table["attention"].remove(indicator)
    return batch.save()


def set_subject_attention(session: Session, subject: str, indicators: Iterable[str]) -> list[Path]:
    """Tag a subject with exactly ``indicators`` (kept ones stay in place, new ones at the end)."""
    current = subject_of(session, subject).attention
    wanted = list(dict.fromkeys(indicators))
    for indicator in wanted:
        if indicator not in session.tamis.indicators:
            raise EditError("edit.unknown", kind="indicator", id=indicator)
    if list(current) == wanted:
        return []
    batch = Batch(session)
    table = _subject_table(batch, session, subject)
    if "attention" not in table:
        set_key(table, "attention", wanted)
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
    on = indicator not in subject_of(session, subject).attention
    return set_attention(session, subject, indicator, on)


def set_first_case(session: Session, subject: str | None) -> list[Path]:
    """Mark ``subject`` as the first case and unmark the others (``None``: unmark all)."""
    if subject is not None:
        subject_of(session, subject)
    batch = Batch(session)
    doc = batch.open(session.path)
    for table in array_of(doc, "subject") or ():
        ident = table.get("id")
        wanted = ident == subject
        if bool(table.get("first_case", False)) is wanted:
            continue
        if wanted:
            set_key(table, "first_case", True)
        else:
            table["first_case"] = False
    return batch.save()
