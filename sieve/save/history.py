"""Lossless edits of the map's history: ``[[assessment]]`` and ``[[stance]]`` tables.

Each edit appends one table after the last of its kind (a first one goes before the
plan and the journal), through :class:`sieve.save.layout.Batch`: comments, blank lines
and unknown keys are kept, and a file changed since it was read is refused.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from sieve.errors import EditError
from sieve.load import bounds
from sieve.model import POWER_INTEREST_RANGE, STAKEHOLDER_ROLES, STANCE_POSITIONS, Session
from sieve.save.layout import Batch, append_case_table, check_number, new_table


def _check_person(session: Session, ident: str) -> None:
    if ident not in session.people:
        raise EditError("edit.unknown", kind="stakeholder", id=ident)


def _check_date(day: Any) -> _dt.date:
    if not isinstance(day, _dt.date) or isinstance(day, _dt.datetime):
        raise EditError("edit.not_date", value=day)
    if not bounds.DATE_LOW <= day <= bounds.DATE_HIGH:
        raise EditError("edit.date_range", low=bounds.DATE_LOW, high=bounds.DATE_HIGH)
    return day


def _check_level(value: Any, field_name: str) -> int:
    low, high = POWER_INTEREST_RANGE
    number = check_number(value, field_name, low, high)
    if not float(number).is_integer():
        raise EditError("edit.not_integer", field=field_name, value=value)
    return int(number)


def add_assessment(
    session: Session,
    stakeholder: str,
    date: _dt.date,
    role: str | None = None,
    power: int | None = None,
    interest: int | None = None,
    note: str = "",
) -> list[Path]:
    """Add an ``[[assessment]]``: ``stakeholder``'s role, power or interest from ``date`` on.

    At least one of ``role``, ``power`` and ``interest`` is needed; one assessment per
    person and date.
    """
    _check_person(session, stakeholder)
    _check_date(date)
    if role is None and power is None and interest is None:
        raise EditError("edit.assessment_empty")
    if role is not None and role not in STAKEHOLDER_ROLES:
        raise EditError(
            "edit.choice", field="role", value=role, choices=", ".join(STAKEHOLDER_ROLES)
        )
    if any(a.stakeholder == stakeholder and a.date == date for a in session.assessments):
        raise EditError("edit.assessment_taken", id=stakeholder, date=date)
    pairs: list[tuple[str, Any]] = [("stakeholder", stakeholder), ("date", date)]
    if role is not None:
        pairs.append(("role", role))
    if power is not None:
        pairs.append(("power", _check_level(power, "power")))
    if interest is not None:
        pairs.append(("interest", _check_level(interest, "interest")))
    if note:
        pairs.append(("note", note))
    batch = Batch(session)
    append_case_table(
        batch.open(session.path),
        "assessment",
        new_table(pairs),
        before=("stance", "portfolio", "decision"),
    )
    return batch.save()


def add_stance(
    session: Session,
    stakeholder: str,
    subject: str,
    position: str,
    date: _dt.date | None = None,
    note: str = "",
) -> list[Path]:
    """Add a ``[[stance]]``: ``stakeholder``'s position on ``subject`` from ``date`` on
    (``None``: from the start); one per person, subject and date."""
    _check_person(session, stakeholder)
    if subject not in session.subjects:
        raise EditError("edit.unknown", kind="subject", id=subject)
    if position not in STANCE_POSITIONS:
        raise EditError(
            "edit.choice", field="position", value=position, choices=", ".join(STANCE_POSITIONS)
        )
    if date is not None:
        _check_date(date)
    if any(
        (s.stakeholder, s.subject, s.date) == (stakeholder, subject, date) for s in session.stances
    ):
        raise EditError("edit.stance_taken", id=stakeholder, subject=subject, date=date or "–")
    pairs: list[tuple[str, Any]] = [
        ("stakeholder", stakeholder),
        ("subject", subject),
        ("position", position),
    ]
    if date is not None:
        pairs.append(("date", date))
    if note:
        pairs.append(("note", note))
    batch = Batch(session)
    append_case_table(
        batch.open(session.path), "stance", new_table(pairs), before=("portfolio", "decision")
    )
    return batch.save()
