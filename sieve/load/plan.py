"""The portfolio and the decision journal as written in a session file.

``[portfolio]`` holds the constraints a Transfo's portfolio of practical cases must
meet (the protocol's figures are the defaults), the pinned and excluded cases, and
the planned calendar: ``[[portfolio.case]]`` (a chosen case and the session
numbers given to it) and ``[[portfolio.session]]`` (a session's days or date, when
they differ from the defaults). ``[[decision]]`` tables are the decision journal:
each choice, its reasons, who was there, and what the sieve said at that moment
(``[[decision.case]]``), later completed by a review of how each case went.

This module only reads and validates; :mod:`sieve.plan` optimises and checks,
:mod:`sieve.plan.journal` writes decisions and reviews.
"""

from __future__ import annotations

from typing import Any

from sieve.load import bounds
from sieve.model import (
    FIRST_CASE_RULES,
    OUTCOME_TOP,
    Decision,
    PlannedCase,
    PlannedSession,
    Portfolio,
    Snapshot,
)

PORTFOLIO_KEYS = {
    "min_cases",
    "max_cases",
    "min_case_sessions",
    "max_case_sessions",
    "case_sessions",
    "sessions",
    "days",
    "months",
    "session_days",
    "min_session_days",
    "max_session_days",
    "cases_per_session",
    "lab_start",
    "lab_start_min",
    "lab_start_max",
    "min_types",
    "min_territories",
    "min_methods",
    "max_exposed",
    "first_case",
    "first_case_max",
    "one_case_per_subject",
    "pinned",
    "excluded",
    "start",
    "month_gap",
    "case",
    "session",
}
PLANNED_CASE_KEYS = {"case", "sessions"}
PLANNED_SESSION_KEYS = {"number", "days", "date"}
DECISION_KEYS = {
    "id",
    "date",
    "cases",
    "rationale",
    "present",
    "tamis",
    "tamis_version",
    "case",
}
SNAPSHOT_KEYS = {
    "case",
    "score",
    "rank",
    "flags",
    "disputed",
    "outcome",
    "outcome_note",
    "reviewed",
    "vote_rank",
    "vote_mention",
}


def read_plan(
    data: dict, fc: Any, subjects: dict, angles: dict, people: set[str]
) -> tuple[Portfolio, tuple[Decision, ...]]:
    """Read ``[portfolio]`` and ``[[decision]]`` of a parsed session, recording problems.

    Args:
        data: the parsed session document.
        fc: the session file's :class:`~sieve.load.fields.FileCheck`.
        subjects: the session's subjects by id.
        angles: the session's angles by case key (``subject/angle``).
        people: scorer and stakeholder ids (who can be "present" at a decision).
    """
    case_keys = set(angles)
    return _portfolio(data, fc, case_keys), _decisions(data, fc, case_keys, people)


def _case_ref(fc: Any, where: tuple, key: str, case_keys: set[str], warn: bool = False) -> bool:
    if key in case_keys:
        return True
    (fc.warn if warn else fc.add)(
        where, "ref.unknown", kind="case", id=key, known=", ".join(sorted(case_keys)) or "-"
    )
    return False


def _portfolio(data: dict, fc: Any, case_keys: set[str]) -> Portfolio:
    from sieve.load.fields import Fields

    if "portfolio" not in data:
        return Portfolio()
    where = ("portfolio",)
    f = Fields(fc, data["portfolio"], where, PORTFOLIO_KEYS)
    if not f.ok:
        return Portfolio()
    values = _portfolio_figures(f)
    for key in ("pinned", "excluded"):
        refs = f.str_list(key)
        values[key] = tuple(k for k in refs if _case_ref(fc, where + (key,), k, case_keys))
    for key in set(values["pinned"]) & set(values["excluded"]):
        fc.add(where + ("excluded",), "portfolio.pinned_excluded", case=key)
    values["planned"] = _planned_cases(f, case_keys)
    values["planned_sessions"] = _planned_sessions(f)
    return Portfolio(**values)


#: The bound of each figure of ``[portfolio]`` (integers where the default is one).
_FIGURES = {
    "min_cases": bounds.COUNT_FROM_1,
    "max_cases": bounds.COUNT_FROM_1,
    "min_case_sessions": bounds.SESSION,
    "max_case_sessions": bounds.SESSION,
    "case_sessions": bounds.SESSION,
    "sessions": bounds.SESSION,
    "months": bounds.MONTHS,
    "cases_per_session": bounds.COUNT_FROM_1,
    "lab_start": bounds.SESSION,
    "lab_start_min": bounds.SESSION,
    "lab_start_max": bounds.SESSION,
    "month_gap": bounds.MONTH_GAP,
    "min_types": bounds.COUNT,
    "min_territories": bounds.COUNT,
    "min_methods": bounds.COUNT,
    "max_exposed": bounds.COUNT,
    "days": bounds.DAYS,
    "session_days": bounds.SESSION_DAYS,
    "min_session_days": bounds.SESSION_DAYS,
    "max_session_days": bounds.SESSION_DAYS,
}


def _portfolio_figures(f: Any) -> dict[str, Any]:
    """The constraints of ``[portfolio]`` (the protocol's figures by default), each
    minimum checked against its maximum."""
    d = Portfolio()
    values: dict[str, Any] = {"declared": True}
    for key, bound in _FIGURES.items():
        if isinstance(getattr(d, key), int):
            values[key] = f.int(key, getattr(d, key), *bound)
        else:
            values[key] = f.number(key, getattr(d, key), *bound)
    if "first_case_max" in f.table:
        values["first_case_max"] = f.number("first_case_max", 0.0, *bounds.ATTENTION)
    values["first_case"] = f.choice("first_case", FIRST_CASE_RULES, required=False) or d.first_case
    values["one_case_per_subject"] = f.bool("one_case_per_subject", True)
    values["start"] = f.date("start")
    for key in ("min_cases", "min_case_sessions", "lab_start_min", "min_session_days"):
        high = key.replace("min_", "max_")
        if values[key] > values[high]:
            f.fc.add(f.where + (key,), "portfolio.min_max", low=key, high=high)
    return values


def _planned_cases(f: Any, case_keys: set[str]) -> tuple[PlannedCase, ...]:
    """``[[portfolio.case]]``: the chosen cases and their session numbers, each case once."""
    from sieve.load.fields import Fields, array_of_tables

    fc = f.fc
    planned: list[PlannedCase] = []
    seen: set[str] = set()
    for cwhere, body in array_of_tables(f.table, "case", fc):
        cwhere = f.where + cwhere
        cf = Fields(fc, body, cwhere, PLANNED_CASE_KEYS)
        if not cf.ok:
            continue
        key = cf.str("case", required=True)
        raw = cf.table.get("sessions", [])
        low, high = bounds.SESSION
        if not isinstance(raw, list) or not all(type(n) is int and low <= n <= high for n in raw):
            fc.add(cwhere + ("sessions",), "portfolio.session_numbers", high=high)
            raw = []
        if key and key in seen:
            fc.add(cwhere + ("case",), "id.duplicate", kind="case", id=key)
            continue
        if key and _case_ref(fc, cwhere + ("case",), key, case_keys):
            seen.add(key)
            planned.append(PlannedCase(key, tuple(raw)))
    return tuple(planned)


def _planned_sessions(f: Any) -> tuple[PlannedSession, ...]:
    """``[[portfolio.session]]``: the sessions whose days or date differ, by number."""
    from sieve.load.fields import Fields, array_of_tables

    fc = f.fc
    sessions: list[PlannedSession] = []
    numbers: set[int] = set()
    for swhere, body in array_of_tables(f.table, "session", fc):
        swhere = f.where + swhere
        sf = Fields(fc, body, swhere, PLANNED_SESSION_KEYS)
        if not sf.ok:
            continue
        number = sf.int("number", 0, *bounds.SESSION, required=True)
        days = sf.number("days", -1.0, *bounds.SESSION_DAYS)
        date = sf.date("date")
        if number in numbers:
            fc.add(swhere + ("number",), "portfolio.session_twice", number=number)
            continue
        if number:
            numbers.add(number)
            sessions.append(PlannedSession(number, None if days < 0 else days, date))
    return tuple(sorted(sessions, key=lambda s: s.number))


def _decisions(data: dict, fc: Any, case_keys: set[str], people: set[str]) -> tuple[Decision, ...]:
    from sieve.load.fields import Fields, array_of_tables, unique

    out: list[Decision] = []
    seen: set[str] = set()
    for where, body in array_of_tables(data, "decision", fc):
        f = Fields(fc, body, where, DECISION_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        date = f.date("date")
        cases = f.str_list("cases")
        for key in cases:
            # A case may have left the session since: history is kept, with a warning.
            _case_ref(fc, where + ("cases",), key, case_keys, warn=True)
        present = f.str_list("present")
        for who in present:
            if who not in people:
                fc.warn(where + ("present",), "decision.unknown_person", id=who)
        version = f.int("tamis_version", -1, *bounds.VERSION)
        snapshots = []
        for swhere, sbody in array_of_tables(f.table, "case", fc):
            swhere = where + swhere
            sf = Fields(fc, sbody, swhere, SNAPSHOT_KEYS)
            if not sf.ok:
                continue
            key = sf.str("case", required=True)
            score = sf.number("score", -1.0, 0.0, 1.0)
            rank = sf.int("rank", 0, *bounds.RANK)
            outcome = sf.int("outcome", -1, 0, OUTCOME_TOP)
            vote_rank = sf.int("vote_rank", 0, *bounds.RANK)
            snapshots.append(
                Snapshot(
                    case=key,
                    score=None if score < 0 else score,
                    rank=rank or None,
                    flags=sf.str_list("flags"),
                    disputed=sf.str_list("disputed"),
                    outcome=None if outcome < 0 else outcome,
                    outcome_note=sf.str("outcome_note"),
                    reviewed=sf.date("reviewed"),
                    vote_rank=vote_rank or None,
                    vote_mention=sf.str("vote_mention"),
                )
            )
        if unique(fc, seen, ident, where, "decision") and ident:
            out.append(
                Decision(
                    id=ident,
                    date=date,
                    cases=cases,
                    rationale=f.str("rationale"),
                    present=present,
                    tamis=f.str("tamis"),
                    tamis_version=None if version < 0 else version,
                    snapshots=tuple(snapshots),
                )
            )
    return tuple(out)
