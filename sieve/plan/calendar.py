"""The calendar: chosen cases laid over the sessions of the Transfo, every protocol breach named
(1 to 4 sessions per case, the first case first, the lab work between session 4 and 6, 35 days
over at most 18 months)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

from sieve.model import Portfolio, Session
from sieve.plan.instance import TOLERANCE, Instance, Status, build_instance, measure
from sieve.plan.solve import best_sets, calendar_order


@dataclass(frozen=True, slots=True)
class CalendarSession:
    number: int
    date: _dt.date | None
    days: float
    cases: tuple[str, ...]
    lab: bool
    """Work on the future lab happens in this session."""


@dataclass(frozen=True)
class Calendar:
    """Cases laid over the sessions, and the protocol checks on that layout."""

    sessions: tuple[CalendarSession, ...]
    cases: tuple[str, ...]
    """Case keys in order of their first session."""
    planned: bool
    """Read from ``[[portfolio.case]]`` (else laid out from the proposed portfolio)."""
    days: float
    months: int
    checks: tuple[Status, ...]

    @property
    def breaches(self) -> list[Status]:
        return [c for c in self.checks if not c.met]


def add_months(day: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def layout(inst: Instance, keys: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Consecutive sessions for cases in the given order (each its session need)."""
    out: dict[str, tuple[int, ...]] = {}
    nxt = 1
    for key in keys:
        need = inst.candidates[inst.index(key)].need
        out[key] = tuple(range(nxt, nxt + need))
        nxt += need
    return out


def build_calendar(
    session: Session,
    plan: dict[str, tuple[int, ...]] | None = None,
    inst: Instance | None = None,
) -> Calendar | None:
    """The calendar: the planned one in the file, the given one, or the proposed portfolio's.

    Returns ``None`` when there is nothing to lay out (no plan and no feasible portfolio).
    """
    inst = inst or build_instance(session)
    p = inst.portfolio
    planned = plan is None and bool(p.planned)
    if plan is None and p.planned:
        plan = {c.case: c.sessions for c in p.planned}
    if plan is None:
        sets = best_sets(inst, 1)
        if not sets:
            return None
        plan = layout(inst, [inst.candidates[i].key for i in calendar_order(inst, sets[0])])
    return check_calendar(inst, plan, planned)


def check_calendar(inst: Instance, plan: dict[str, tuple[int, ...]], planned: bool) -> Calendar:
    """Lay ``plan`` (case key -> session numbers) over sessions and check the protocol."""
    p = inst.portfolio
    sessions = _sessions(inst, plan)
    order = sorted(plan, key=lambda k: (min(plan[k], default=10**9), list(plan).index(k)))
    total_days = sum(s.days for s in sessions)
    first_date, last_date = (sessions[0].date, sessions[-1].date) if sessions else (None, None)
    if first_date and last_date:
        months = (last_date.year - first_date.year) * 12 + last_date.month - first_date.month + 1
    else:
        last = len(sessions)
        months = (last - 1) * p.month_gap + 1 if last else 0
    checks = _case_checks(inst, plan, sessions)
    checks += _session_checks(p, sessions, total_days, months)
    by_key = {c.key for c in inst.candidates}
    chosen = [inst.index(k) for k in plan if k in by_key]
    for status in measure(inst, chosen):
        if status.id not in ("count.min", "count.max", "sessions.budget", "days.budget"):
            checks.append(status)
    return Calendar(tuple(sessions), tuple(order), planned, total_days, months, tuple(checks))


def _sessions(inst: Instance, plan: dict[str, tuple[int, ...]]) -> list[CalendarSession]:
    """Sessions 1 to the last one used (or the lab's start): date, days and cases of each."""
    p = inst.portfolio
    extra = {s.number: s for s in p.planned_sessions}
    last = max([n for ns in plan.values() for n in ns] + [p.lab_start, *extra], default=0)
    sessions = []
    for number in range(1, last + 1):
        info = extra.get(number)
        date = info.date if info and info.date else None
        if date is None and p.start is not None:
            date = add_months(p.start, (number - 1) * p.month_gap)
        days = info.days if info and info.days is not None else p.session_days
        cases = tuple(k for k, ns in plan.items() if number in ns)
        sessions.append(CalendarSession(number, date, days, cases, number >= p.lab_start))
    return sessions


def _case_checks(
    inst: Instance, plan: dict[str, tuple[int, ...]], sessions: list[CalendarSession]
) -> list[Status]:
    """The protocol on the cases: how many, sessions per case, the budget, the first case."""
    p = inst.portfolio
    checks: list[Status] = []
    n = len(plan)
    checks.append(
        Status(
            "calendar.count",
            p.min_cases <= n <= p.max_cases,
            {"count": n, "min": p.min_cases, "max": p.max_cases},
        )
    )
    wrong = [
        f"{k} ({len(ns)})"
        for k, ns in plan.items()
        if not p.min_case_sessions <= len(set(ns)) <= p.max_case_sessions
    ]
    checks.append(
        Status(
            "calendar.case-sessions",
            not wrong,
            {
                "cases": ", ".join(wrong) or "-",
                "min": p.min_case_sessions,
                "max": p.max_case_sessions,
            },
        )
    )
    used = sum(len(set(ns)) for ns in plan.values())
    checks.append(Status("calendar.budget", used <= p.sessions, {"count": used, "max": p.sessions}))
    by_key = {c.key: c for c in inst.candidates}
    opening = [s for s in sessions if s.cases][:1]
    first_cases = opening[0].cases if opening else ()
    bad_first = [k for k in first_cases if k in by_key and not by_key[k].first_ok]
    checks.append(
        Status(
            "calendar.first-case",
            not bad_first,
            {
                "cases": ", ".join(bad_first) or ", ".join(first_cases) or "-",
                "rule": p.first_case,
                "max": inst.first_case_max,
            },
        )
    )
    return checks


def _session_checks(
    p: Portfolio, sessions: list[CalendarSession], total_days: float, months: int
) -> list[Status]:
    """The protocol on the sessions: the lab's start, days per session and in all, the
    months, cases per session, dates in order."""
    checks = [
        Status(
            "calendar.lab-start",
            p.lab_start_min <= p.lab_start <= p.lab_start_max,
            {"start": p.lab_start, "min": p.lab_start_min, "max": p.lab_start_max},
        )
    ]
    odd = [
        f"{s.number} ({s.days:g})"
        for s in sessions
        if not p.min_session_days - TOLERANCE <= s.days <= p.max_session_days + TOLERANCE
    ]
    checks.append(
        Status(
            "calendar.session-days",
            not odd,
            {
                "sessions": ", ".join(odd) or "-",
                "min": p.min_session_days,
                "max": p.max_session_days,
            },
        )
    )
    checks.append(
        Status(
            "calendar.days",
            total_days <= p.days + TOLERANCE,
            {"days": total_days, "max": p.days},
        )
    )
    checks.append(
        Status("calendar.months", months <= p.months, {"months": months, "max": p.months})
    )
    crowded = [str(s.number) for s in sessions if len(s.cases) > p.cases_per_session]
    checks.append(
        Status(
            "calendar.clash",
            not crowded,
            {"sessions": ", ".join(crowded) or "-", "max": p.cases_per_session},
        )
    )
    dated = [s for s in sessions if s.date is not None]
    backwards = [str(b.number) for a, b in zip(dated, dated[1:], strict=False) if b.date <= a.date]
    checks.append(
        Status("calendar.order", not backwards, {"sessions": ", ".join(backwards) or "-"})
    )
    return checks
