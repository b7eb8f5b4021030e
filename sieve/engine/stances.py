"""Stakeholders and cases: the points of vigilance that stances on a subject raise.

A subject opposed by a stakeholder of high power (``power`` at or above the tamis's
``[stakeholders] high_power``), or with stances but no supporter among the services
concerned (people of role ``service``), gets a point of vigilance. Like political
attention, these are flags beside the score, never part of it.

The stances and powers are those in force at a date (:mod:`sieve.timeline`); by
default, as the map stands after every dated entry.
"""

from __future__ import annotations

import datetime as _dt

from sieve.model import Session
from sieve.records import record
from sieve.timeline import session_map, stances_at

#: A subject opposed by a stakeholder of high power.
OPPOSED = "opposed-by-power"
#: A subject with stances, but no service among them that supports it.
NO_SERVICE_SUPPORT = "no-service-support"

#: The role of the services concerned by a subject.
SERVICE_ROLE = "service"


@record
class StanceWarning:
    """One point of vigilance on a subject from the stances taken on it."""

    kind: str
    """:data:`OPPOSED` or :data:`NO_SERVICE_SUPPORT`."""
    subject: str
    people: tuple[str, ...]
    """``OPPOSED``: who opposes it with high power; ``NO_SERVICE_SUPPORT``: the services
    that took a stance (none of them in support), possibly none."""


def stance_warnings(session: Session, at: _dt.date | None = None) -> dict[str, list[StanceWarning]]:
    """Subject id -> its stance warnings at ``at`` (subjects in file order, none if calm)."""
    if not session.stances:
        return {}
    people, _ = session_map(session, at)
    high = session.tamis.stakeholder_rules.high_power
    held = stances_at(session.stances, at)
    out: dict[str, list[StanceWarning]] = {}
    for subject in session.subjects:
        stances = {p: s for p, s in held.get(subject, {}).items() if p in people}
        if not stances:
            continue
        found = []
        opposed = tuple(
            p for p in people if p in stances and stances[p].position == "oppose"
            and people[p].power >= high
        )  # fmt: skip
        if opposed:
            found.append(StanceWarning(OPPOSED, subject, opposed))
        services = tuple(p for p in people if p in stances and people[p].role == SERVICE_ROLE)
        if not any(stances[p].position == "support" for p in services):
            found.append(StanceWarning(NO_SERVICE_SUPPORT, subject, services))
        out[subject] = found
    return {k: v for k, v in out.items() if v}
