"""Reading the map's dated entries: ``since``/``until``, ``[[assessment]]``, ``[[stance]]``.

See docs/format.md, "The map over time". Each problem is located (file:line:col) like
every other; message codes are in :mod:`sieve.i18n.catalogues.problem`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from sieve.load.fields import Fields, FileCheck, array_of_tables, dotted, known_ids
from sieve.model import (
    POWER_INTEREST_RANGE,
    STAKEHOLDER_ROLES,
    STANCE_POSITIONS,
    Assessment,
    Stance,
    Subject,
)

ASSESSMENT_KEYS = {"stakeholder", "date", "role", "power", "interest", "note"}
STANCE_KEYS = {"stakeholder", "subject", "position", "date", "note"}


def written_ids(data: dict, kind: str) -> set[str]:
    """The string ids of the ``[[kind]]`` tables of a document, accepted or not."""
    tables = data.get(kind)
    if not isinstance(tables, list):
        return set()
    return {t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)}


def span(f: Fields, where: tuple) -> tuple[_dt.date | None, _dt.date | None]:
    """The optional ``since`` and ``until`` dates of a table; ``until`` before ``since``
    is an error (both are then dropped)."""
    since, until = f.date("since"), f.date("until")
    if since is not None and until is not None and until < since:
        f.fc.add(where + ("until",), "dates.order", since=since, until=until)
        return None, None
    return since, until


def checked_ref(
    fc: FileCheck, f: Fields, where: tuple, key: str, known: dict[str, Any], declared: set[str]
) -> str | None:
    """The id under ``key`` of a dated table, checked against the ``known`` ones.

    An id that is written in the file but was refused (``declared``) gives no second
    message: its own refusal is reported already.
    """
    ident = f.id(key)
    if ident is not None and ident not in known:
        if ident not in declared:
            fc.add(where + (key,), "ref.unknown", kind=key, id=ident, known=known_ids(ident, known))
        return None
    return ident


def assessments(data: dict, fc: FileCheck, people: dict[str, Any]) -> tuple[Assessment, ...]:
    """``[[assessment]]``: a stakeholder's role, power or interest from a date on."""
    out: list[Assessment] = []
    seen: set[tuple[str, _dt.date]] = set()
    declared = written_ids(data, "stakeholder")
    low, high = POWER_INTEREST_RANGE
    for where, body in array_of_tables(data, "assessment", fc):
        f = Fields(fc, body, where, ASSESSMENT_KEYS)
        if not f.ok:
            continue
        ident = checked_ref(fc, f, where, "stakeholder", people, declared)
        if "date" not in f.table:
            fc.add(where, "key.missing", key="date", where=dotted(where))
        date = f.date("date")
        role = f.choice("role", STAKEHOLDER_ROLES, required=False)
        power = f.int("power", -1, low, high) if "power" in f.table else None
        interest = f.int("interest", -1, low, high) if "interest" in f.table else None
        note = f.str("note")
        if ident is None or date is None or role is None and "role" in f.table:
            continue
        if power == -1 or interest == -1:
            continue
        if (ident, date) in seen:
            fc.add(where + ("date",), "assessment.duplicate", id=ident, date=date)
            continue
        seen.add((ident, date))
        if role is None and power is None and interest is None:
            fc.warn(where, "assessment.empty", id=ident, date=date)
        out.append(Assessment(ident, date, role, power, interest, note))
    return tuple(out)


def stances(
    data: dict, fc: FileCheck, people: dict[str, Any], subjects: dict[str, Subject]
) -> tuple[Stance, ...]:
    """``[[stance]]``: a stakeholder's position on a subject, from a date on."""
    out: list[Stance] = []
    seen: set[tuple[str, str, _dt.date | None]] = set()
    declared = written_ids(data, "stakeholder")
    written_subjects = written_ids(data, "subject")
    for where, body in array_of_tables(data, "stance", fc):
        f = Fields(fc, body, where, STANCE_KEYS)
        if not f.ok:
            continue
        ident = checked_ref(fc, f, where, "stakeholder", people, declared)
        subject = checked_ref(fc, f, where, "subject", subjects, written_subjects)
        position = f.choice("position", STANCE_POSITIONS)
        date = f.date("date")
        note = f.str("note")
        if ident is None or subject is None or position is None:
            continue
        if "date" in f.table and date is None:
            continue
        if (ident, subject, date) in seen:
            fc.add(where, "stance.duplicate", id=ident, subject=subject, date=date or "–")
            continue
        seen.add((ident, subject, date))
        out.append(Stance(ident, subject, position, date, note))
    return tuple(out)
