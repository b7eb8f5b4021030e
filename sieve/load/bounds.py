"""The bounds of every number and date a sieve file may hold: the one place they are set.

Each bound is what the domain allows, generously: a Transfo has 3 to 6 cases over
about 11 sessions and 18 months, weights are small relative figures. Whatever is
outside is refused with ``file:line:col`` by the loader (:mod:`sieve.load.fields`)
and refused by the edits (:mod:`sieve.save.layout`), so that no computation meets
a non-finite number, a figure that overflows, or a calendar that never ends.
``nan`` and the infinities are never accepted. ``docs/format.md`` states them all
(its section "Bounds of every number"; a test checks the two agree).
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple


class Bound(NamedTuple):
    """The smallest and the largest value of a number (both allowed)."""

    low: float
    high: float


#: A criterion's, an indicator's or a relation's weight (only ratios matter).
WEIGHT = Bound(0, 1000)
#: An attention figure: `attention.threshold`, `first_case_max` (sums of indicator weights).
ATTENTION = Bound(0, 1_000_000)
#: A share or a ratio: `group.disagreement`, the stakeholder rules' shares.
SHARE = Bound(0, 1)
#: Burt's constraint of a broker (below about 1.2 on any map).
CONSTRAINT = Bound(0, 100)
#: A count of cases, ties, types, territories or methods (`min_cases`, `max_exposed`...).
COUNT = Bound(0, 1000)
#: A count of at least one (`min_cases`, `max_cases`, `cases_per_session`...).
COUNT_FROM_1 = Bound(1, 1000)
#: A session number or a number of sessions (`sessions`, `lab_start`, `[[portfolio.case]]`).
SESSION = Bound(1, 100)
#: A number of intervention days (`days`).
DAYS = Bound(0, 1000)
#: The days of one session (`session_days`, `min_session_days`, `[[portfolio.session]] days`).
SESSION_DAYS = Bound(0, 31)
#: A number of months (`months`).
MONTHS = Bound(1, 1200)
#: The months between two sessions (`month_gap`).
MONTH_GAP = Bound(1, 24)
#: The number of levels of a scale (its labels): the top level is one less.
LEVELS = Bound(2, 101)
#: A version number (`tamis.version`, a decision's `tamis_version`).
VERSION = Bound(0, 1_000_000)
#: A rank recorded in the journal (`[[decision.case]] rank`).
RANK = Bound(1, 1_000_000)
#: The bound of a number no other bound names (an unforeseen key stays finite).
NUMBER = Bound(-1_000_000, 1_000_000)

#: Every date of a file (`session.date`, `portfolio.start`, decisions, reviews), inclusive:
#: the calendar adds up to SESSION.high × MONTH_GAP.high months to a start and stays in range.
DATE_LOW = _dt.date(1900, 1, 1)
DATE_HIGH = _dt.date(2999, 12, 31)


def plain(value: float) -> str:
    """A bound as written in a message and in the documentation (``1000``, ``0.5``)."""
    return str(int(value)) if float(value).is_integer() else str(value)
