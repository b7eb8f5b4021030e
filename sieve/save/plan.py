"""Lossless edits of a session's ``[portfolio]``: pins, exclusions and the planned calendar.

What the portfolio and calendar screens change is written at once, so that the
next person who opens the session (or ``sieve plan``) sees the same portfolio:

- :func:`set_pins` writes ``pinned`` and ``excluded``;
- :func:`set_calendar` writes the planned calendar (``[[portfolio.case]]``, one
  table per case with its session numbers) and ``lab_start``;
- :func:`clear_calendar` removes the planned calendar (the proposed portfolio is
  laid out again).

Like the edits of :mod:`sieve.save.tamis` (whose :mod:`sieve.save.layout` helpers these reuse),
every edit is checked first (:class:`sieve.errors.EditError`), changes only the existing nodes it is
about (an array keeps its place and trailing comment; a table of a case that stays
keeps its comments), and is written atomically, never over a file changed on disk.
A ``[portfolio]`` table missing from the file is added at its end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sieve.errors import EditError
from sieve.load.bounds import SESSION
from sieve.model import Session
from sieve.save.layout import (
    Batch,
    insert_table,
    insert_trivia,
    new_table,
    pop_trailing,
    push_items,
    remove_table,
    set_key,
)
from sieve.save.trivia import insert_after


def _check_cases(session: Session, keys: Iterable[str]) -> list[str]:
    keys = list(keys)
    for key in keys:
        try:
            session.case(key)
        except (KeyError, ValueError):
            raise EditError("edit.unknown", kind="case", id=key) from None
    if len(set(keys)) != len(keys):
        raise EditError("plan.edit.twice", case=next(k for k in keys if keys.count(k) > 1))
    return keys


def _portfolio_table(doc: Any) -> Any:
    """The document's ``[portfolio]`` table; a new one at the end of the file when missing."""
    import tomlkit

    if "portfolio" in doc:
        table = doc["portfolio"]
        if table.is_super_table():  # only [[portfolio.case]] so far: give it a header
            from tomlkit.items import Whitespace

            table.is_super_table = lambda: False  # type: ignore[method-assign]
            insert_trivia(table.value, 0, [Whitespace("\n")])
        return table
    text = doc.as_string()
    if text and not text.endswith("\n\n"):
        doc.add(tomlkit.nl())
    doc.append("portfolio", tomlkit.table())
    return doc["portfolio"]


def _array(values: Iterable[Any]) -> Any:
    import tomlkit

    array = tomlkit.array()
    array.extend(values)
    return array


def _set_list(table: Any, key: str, values: Sequence[Any]) -> None:
    """``key = [values]``: kept items stay where they are, new ones go at the end.

    An absent key is only written when the list is not empty.
    """
    from tomlkit.items import Array

    current = table.get(key)
    if isinstance(current, Array):
        if list(current) == list(values):
            return
        for value in [v for v in current if v not in values]:
            current.remove(value)
        for value in values:
            if value not in current:
                current.append(value)
        if list(current) != list(values):  # the order matters (session numbers)
            table[key] = _array(values)
        return
    if current is None and not values:
        return
    _set_value(table, key, _array(values))


def _set_value(table: Any, key: str, value: Any) -> None:
    """Set ``key`` in place, else after the table's last plain key (before its sub-tables).

    A key written after ``[[portfolio.case]]`` would belong to the last case's table.
    """
    from tomlkit.items import AoT, Table

    body = table.value.body
    plain = [k for k, item in body if k is not None and not isinstance(item, AoT | Table)]
    if key in table or len(plain) == len([k for k, _i in body if k is not None]):
        set_key(table, key, value)
    elif plain:
        insert_after(table, plain[-1], key, value)
    else:
        table.value._insert_at(0, key, value)


def set_pins(session: Session, pinned: Iterable[str], excluded: Iterable[str]) -> list[Path]:
    """Write the cases pinned in and excluded from the portfolio.

    Raises:
        EditError: an unknown case, a case given twice, or a case both pinned and excluded.
    """
    pinned = _check_cases(session, pinned)
    excluded = _check_cases(session, excluded)
    both = [k for k in pinned if k in excluded]
    if both:
        raise EditError("plan.edit.pinned_excluded", case=both[0])
    batch = Batch(session)
    table = _portfolio_table(batch.open(session.path))
    _set_list(table, "pinned", pinned)
    _set_list(table, "excluded", excluded)
    return batch.save()


def _case_tables(table: Any) -> Any:
    return table.get("case")


def _append_case(table: Any, new: Any) -> None:
    """Add a ``[[portfolio.case]]`` table after the last one (the first: after the keys)."""
    import tomlkit
    from tomlkit.items import AoT, Whitespace

    aot = _case_tables(table)
    if aot is not None and len(aot):
        insert_table(aot, len(aot) - 1, new)
        new.trivia.indent = ""  # the blank lines are the file's own (see insert_table)
        return
    body = table.value.body
    last = body[-1][1] if body else None
    holder = last[-1] if isinstance(last, AoT) and len(last) else table
    trailing = pop_trailing(holder)  # comments heading what follows move after the new table
    if body:
        push_items(holder, [Whitespace("\n")])
    push_items(new, trailing)
    aot = tomlkit.aot()
    aot.append(new)
    table.append("case", aot)
    new.trivia.indent = ""


def _session_number(value: Any) -> bool:
    """Whether ``value`` is a session number the loader accepts (:data:`bounds.SESSION`)."""
    return type(value) is int and SESSION.low <= value <= SESSION.high


def set_calendar(
    session: Session, plan: Mapping[str, Sequence[int]], lab_start: int | None = None
) -> list[Path]:
    """Write the planned calendar: each case of ``plan`` with its session numbers.

    A case already planned keeps its table (only ``sessions`` changes); a planned
    case no longer in ``plan`` loses its table (its comments stay in the file); a
    new case gets a table after the last one. ``lab_start`` (when given) is written
    when it differs from the portfolio's.

    Raises:
        EditError: an unknown case, session numbers that are not integers from 1,
            or a ``lab_start`` that is not one.
    """
    from sieve.plan.instance import portfolio_of

    keys = _check_cases(session, plan)
    for key in keys:
        numbers = plan[key]
        if not all(_session_number(n) for n in numbers):
            raise EditError("plan.edit.sessions", case=key, high=SESSION.high)
    if lab_start is not None and not _session_number(lab_start):
        raise EditError("plan.edit.lab_start", value=lab_start, high=SESSION.high)
    batch = Batch(session)
    table = _portfolio_table(batch.open(session.path))
    aot = _case_tables(table)
    present: set[str] = set()
    if aot is not None:
        for i in reversed(range(len(aot))):
            key = aot[i].get("case")
            if key in plan:
                present.add(key)
                _set_list(aot[i], "sessions", list(plan[key]))
            else:
                remove_table(table, "case", i)
    for key in keys:
        if key not in present:
            _append_case(table, new_table([("case", key), ("sessions", _array(plan[key]))]))
    if lab_start is not None and lab_start != portfolio_of(session).lab_start:
        _set_value(table, "lab_start", lab_start)
    return batch.save()


def clear_calendar(session: Session) -> list[Path]:
    """Remove every ``[[portfolio.case]]``: the calendar follows the proposed portfolio again."""
    batch = Batch(session)
    doc = batch.open(session.path)
    if "portfolio" not in doc or "case" not in doc["portfolio"]:
        return []
    table = doc["portfolio"]
    for i in reversed(range(len(table["case"]))):
        remove_table(table, "case", i)
    _tidy_end(doc)
    return batch.save()


def _tidy_end(doc: Any) -> None:
    """No blank lines left at the end of the file by a table removed from ``[portfolio]``."""
    from sieve.save.layout import is_blank, trivia_start

    last = doc.body[-1] if doc.body else (None, None)
    if last[0] is None or last[0].key != "portfolio":
        return
    table = doc["portfolio"]
    trailing = [item for _k, item in table.value.body[trivia_start(table) :]]
    if trailing and is_blank(trailing):
        pop_trailing(table)


def set_lab_start(session: Session, lab_start: int) -> list[Path]:
    """Write the session where work on the future lab starts (``lab_start``)."""
    from sieve.plan.instance import portfolio_of

    if not _session_number(lab_start):
        raise EditError("plan.edit.lab_start", value=lab_start, high=SESSION.high)
    if lab_start == portfolio_of(session).lab_start:
        return []
    batch = Batch(session)
    _set_value(_portfolio_table(batch.open(session.path)), "lab_start", lab_start)
    return batch.save()
