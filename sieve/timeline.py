"""The stakeholder map over time: who is on it, in which role, and which ties hold, at a date.

A session may date its map (see docs/format.md): ``[[assessment]]`` tables give a
stakeholder's role, power or interest from a date on (the ``[[stakeholder]]`` table
gives the start), relations and stakeholders may have ``since`` and ``until`` (both
days included), and ``[[stance]]`` tables give a position on a subject from a date on.

The state *at* a day applies, field by field, the latest assessment on or before it;
the state at ``None`` is the map as it stands after every dated entry (every
assessment applied, whatever ended gone): for a file without dated entries, that is
the map as written, so every undated output is unchanged.

Plain records in, plain records out: no I/O, no networkx, no Textual.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sieve.model import Assessment, Relation, Session, Stakeholder, Stance
from sieve.records import record


def present(since: _dt.date | None, until: _dt.date | None, at: _dt.date | None) -> bool:
    """Whether something dated ``since``..``until`` (days included) holds at ``at``.

    At ``None`` (the latest state), whatever has an ``until`` has ended.
    """
    if at is None:
        return until is None
    return (since is None or since <= at) and (until is None or at <= until)


def by_person(assessments: Iterable[Assessment]) -> dict[str, list[Assessment]]:
    """Assessments grouped by stakeholder, each list in date order (file order on ties)."""
    out: dict[str, list[Assessment]] = {}
    for a in assessments:
        out.setdefault(a.stakeholder, []).append(a)
    for rows in out.values():
        rows.sort(key=lambda a: a.date)
    return out


def assessed(person: Stakeholder, rows: Sequence[Assessment], at: _dt.date | None) -> Stakeholder:
    """``person`` with every assessment of ``rows`` (date order) on or before ``at`` applied."""
    role, power, interest = person.role, person.power, person.interest
    for a in rows:
        if at is not None and a.date > at:
            break
        role = a.role if a.role is not None else role
        power = a.power if a.power is not None else power
        interest = a.interest if a.interest is not None else interest
    if (role, power, interest) == (person.role, person.power, person.interest):
        return person
    return replace(person, role=role, power=power, interest=interest)


def map_at(
    people: dict[str, Stakeholder],
    relations: Sequence[Relation],
    assessments: Sequence[Assessment] | dict[str, list[Assessment]],
    at: _dt.date | None = None,
) -> tuple[dict[str, Stakeholder], tuple[Relation, ...]]:
    """The people on the map at ``at`` (file order, assessed) and the relations holding then.

    A relation holds when its own dates do and both its ends are on the map.
    """
    rows = assessments if isinstance(assessments, dict) else by_person(assessments)
    now: dict[str, Stakeholder] = {}
    for ident, person in people.items():
        if present(person.since, person.until, at):
            mine = rows.get(ident)
            now[ident] = assessed(person, mine, at) if mine else person
    holding = tuple(
        r
        for r in relations
        if r.source in now and r.target in now and present(r.since, r.until, at)
    )
    return now, holding


def session_map(
    session: Session, at: _dt.date | None = None
) -> tuple[dict[str, Stakeholder], tuple[Relation, ...]]:
    """:func:`map_at` on a session's map."""
    return map_at(session.people, session.relations, session.assessments, at)


def stances_at(
    stances: Iterable[Stance], at: _dt.date | None = None
) -> dict[str, dict[str, Stance]]:
    """Subject id -> stakeholder id -> the stance in force at ``at`` (the latest on or before).

    An undated stance holds from the start; at ``None``, the latest of each pair.
    """
    best: dict[tuple[str, str], Stance] = {}
    low = _dt.date.min
    for s in stances:
        if at is not None and s.date is not None and s.date > at:
            continue
        key = (s.subject, s.stakeholder)
        held = best.get(key)
        if held is None or (s.date or low) >= (held.date or low):
            best[key] = s
    out: dict[str, dict[str, Stance]] = {}
    for (subject, person), s in best.items():
        out.setdefault(subject, {})[person] = s
    return out


@record
class Step:
    """One dated step of a person's trajectory: their role, power and interest from ``date``."""

    date: _dt.date | None
    """``None``: the start (the ``[[stakeholder]]`` table)."""
    role: str
    power: int
    interest: int
    note: str = ""


def trajectory(person: Stakeholder, rows: Sequence[Assessment]) -> list[Step]:
    """The start, then one step per assessment (date order), each with the values then in force."""
    steps = [Step(None, person.role, person.power, person.interest)]
    for a in rows:
        last = steps[-1]
        steps.append(
            Step(
                a.date,
                a.role if a.role is not None else last.role,
                a.power if a.power is not None else last.power,
                a.interest if a.interest is not None else last.interest,
                a.note,
            )
        )
    return steps


def roles_over_time(
    person: Stakeholder, rows: Sequence[Assessment]
) -> list[tuple[_dt.date | None, str]]:
    """The role at the start, then each date the role changed, with the new role."""
    out: list[tuple[_dt.date | None, str]] = []
    for step in trajectory(person, rows):
        if not out or out[-1][1] != step.role:
            out.append((step.date, step.role))
    return out


def dates_of(session: Session) -> list[_dt.date]:
    """Every date the map changes on, sorted, once each (for a date control's steps)."""
    days: set[_dt.date] = {a.date for a in session.assessments}
    for r in session.relations:
        days.update(d for d in (r.since, _after(r.until)) if d is not None)
    for p in session.stakeholders.values():
        days.update(d for d in (p.since, _after(p.until)) if d is not None)
    days.update(s.date for s in session.stances if s.date is not None)
    return sorted(days)


def _after(day: _dt.date | None) -> _dt.date | None:
    """The day after ``day`` (what ends on ``until`` is gone the next day)."""
    if day is None or day >= _dt.date(2999, 12, 31):
        return None
    return day + _dt.timedelta(days=1)
