"""From a ranking to a portfolio of cases: the exact optimiser.

The best portfolio is the set of cases with the highest total score that meets
every constraint of ``[portfolio]`` (see :mod:`sieve.load.plan`). It is found
exactly by an integer programme (HiGHS through ``scipy.optimize.milp``, with a
zero optimality gap): one binary variable per case, one per subject type,
territory and method (to count distinct ones), and one group of rows per
constraint. The next best portfolios come from the same programme with a cut
that forbids the portfolios already found. When no portfolio meets the
constraints, a deletion filter over the constraint groups names each set of
constraints that conflict (irreducible: without any one of them, the others hold).

The instance it solves is built in :mod:`sieve.plan.instance`; the calendar of
the chosen cases is laid out and checked in :mod:`sieve.plan.calendar`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sieve.plan.instance import (
    GROUPS,
    TOLERANCE,
    Candidate,
    Instance,
    Status,
    measure,
)

# -- constraints on a set of cases -----------------------------------------------------


# -- the integer programme ----------------------------------------------------------


class Programme:
    """The integer programme of an instance, with its rows grouped by constraint (built
    once; :meth:`solve` with other groups, cuts, fixed cases or scores)."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        cands = inst.candidates
        self.n = n = len(cands)
        self.types = sorted({c.type for c in cands if c.type})
        self.territories = sorted({c.territory for c in cands if c.territory})
        self.methods = sorted({m for c in cands for m in c.methods})
        self.offset = {
            "types": n,
            "territories": n + len(self.types),
            "methods": n + len(self.types) + len(self.territories),
        }
        self.size = n + len(self.types) + len(self.territories) + len(self.methods)
        self.rows: dict[str, list[tuple[dict[int, float], float, float]]] = {
            g: self._rows(g) for g in GROUPS
        }

    def _rows(self, group: str) -> list[tuple[dict[int, float], float, float]]:
        inst = self.inst
        p = inst.portfolio
        cands = inst.candidates
        n = self.n
        inf = float("inf")
        every = {i: 1.0 for i in range(n)}
        if group == "gates":
            return [({i: 1.0}, 0.0, 0.0) for i, c in enumerate(cands) if c.score is None]
        if group == "count.min":
            return [(every, float(p.min_cases), inf)]
        if group == "count.max":
            return [(every, -inf, float(p.max_cases))]
        if group == "subjects.distinct":
            if not p.one_case_per_subject:
                return []
            by_subject: dict[str, list[int]] = {}
            for i, c in enumerate(cands):
                by_subject.setdefault(c.subject, []).append(i)
            return [
                ({i: 1.0 for i in ids}, -inf, 1.0) for ids in by_subject.values() if len(ids) > 1
            ]
        if group == "sessions.budget":
            return [({i: float(c.need) for i, c in enumerate(cands)}, -inf, float(p.sessions))]
        if group == "days.budget":
            coef = {i: c.need * p.session_days for i, c in enumerate(cands)}
            return [(coef, -inf, p.days + TOLERANCE)]
        if group.startswith("diversity."):
            kind = group.split(".")[1]
            values = getattr(self, kind)
            minimum = {"types": p.min_types, "territories": p.min_territories}.get(
                kind, p.min_methods
            )
            if minimum <= 0:
                return []
            base = self.offset[kind]
            rows = []
            for j, value in enumerate(values):
                row = {base + j: 1.0}
                for i, c in enumerate(cands):
                    if _has(c, kind, value):
                        row[i] = -1.0
                rows.append((row, -inf, 0.0))
            rows.append(({base + j: 1.0 for j in range(len(values))}, float(minimum), inf))
            return rows
        if group == "attention.max":
            row = {i: 1.0 for i, c in enumerate(cands) if c.exposed}
            return [(row, -inf, float(p.max_exposed))] if row else []
        if group == "first-case":
            if p.first_case == "none":
                return []
            return [({i: 1.0 for i, c in enumerate(cands) if c.first_ok}, 1.0, inf)]
        if group == "pinned":
            index = {c.key: i for i, c in enumerate(cands)}
            return [({index[k]: 1.0}, 1.0, 1.0) for k in p.pinned if k in index]
        if group == "excluded":
            index = {c.key: i for i, c in enumerate(cands)}
            return [({index[k]: 1.0}, 0.0, 0.0) for k in p.excluded if k in index]
        raise KeyError(group)

    def _matrix(self, groups: tuple[str, ...]):
        """The constraint rows of these groups as arrays (cached)."""
        import numpy as np

        cache = self.__dict__.setdefault("_cache", {})
        if groups not in cache:
            rows = [r for g in groups for r in self.rows[g]]
            a = np.zeros((len(rows), self.size))
            lo = np.empty(len(rows))
            hi = np.empty(len(rows))
            for k, (row, low, high) in enumerate(rows):
                for j, v in row.items():
                    a[k, j] = v
                lo[k], hi[k] = low, high
            cache[groups] = (a, lo, hi)
        return cache[groups]

    def solve(
        self,
        groups: Sequence[str] = GROUPS,
        cuts: Sequence[frozenset[int]] = (),
        fixed: dict[int, int] | None = None,
        scores: Sequence[float] | None = None,
        among: Sequence[int] | None = None,
    ) -> frozenset[int] | None:
        """The best set of case indexes under these groups and cuts, or ``None``.

        Args:
            groups: the constraint groups to apply.
            cuts: sets of case indexes that must not be the answer.
            fixed: case index -> 0 or 1, to force a case out or in.
            scores: the objective (one score per candidate) instead of the instance's.
            among: the only cases that may be chosen (the others out of the programme,
                as if fixed to 0); every case when ``None``.
        """
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp

        a, lo, hi = self._matrix(tuple(groups))
        if among is not None and len(among) <= LIST_AMONG:
            return self._list_among(groups, a, lo, hi, list(among), scores)
        if among is not None:
            return self._solve_among(a, lo, hi, list(among), scores)
        if cuts:
            # Forbid each set: sum(x in cut) - sum(x not in cut) <= |cut| - 1.
            extra = np.zeros((len(cuts), self.size))
            for k, cut in enumerate(cuts):
                extra[k, : self.n] = -1.0
                extra[k, list(cut)] = 1.0
            a = np.vstack([a, extra])
            lo = np.concatenate([lo, np.full(len(cuts), -np.inf)])
            hi = np.concatenate([hi, [len(cut) - 1.0 for cut in cuts]])
        if self.size == 0:
            return frozenset() if np.all((lo <= 0) & (hi >= 0)) else None
        lower = np.zeros(self.size)
        upper = np.ones(self.size)
        for i, value in (fixed or {}).items():
            lower[i] = upper[i] = value
        c = np.zeros(self.size)
        if scores is None:
            scores = [cand.score or 0.0 for cand in self.inst.candidates]
        c[: self.n] = -np.asarray(scores, dtype=float)
        constraints = [LinearConstraint(a, lo, hi)] if len(a) else []
        res = milp(
            c,
            constraints=constraints,
            integrality=np.ones(self.size),
            bounds=Bounds(lower, upper),
            options={"mip_rel_gap": 0.0},
        )
        if res.x is None or res.status != 0:
            return None
        return frozenset(i for i in range(self.n) if res.x[i] > 0.5)

    def _solve_among(self, a, lo, hi, among: list[int], scores) -> frozenset[int] | None:
        """:meth:`solve` with only the cases ``among`` in the programme (smaller: fast)."""
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp

        columns = among + list(range(self.n, self.size))
        a = a[:, columns]
        rows = np.any(a != 0, axis=1) | (lo > 0) | (hi < 0)  # the others hold for any choice
        a, lo, hi = a[rows], lo[rows], hi[rows]
        c = np.zeros(len(columns))
        c[: len(among)] = -np.asarray(scores, dtype=float)[among]
        if not len(columns):
            return frozenset() if np.all((lo <= 0) & (hi >= 0)) else None
        res = milp(
            c,
            constraints=[LinearConstraint(a, lo, hi)] if len(a) else [],
            integrality=np.ones(len(columns)),
            bounds=Bounds(np.zeros(len(columns)), np.ones(len(columns))),
            options={"mip_rel_gap": 0.0},
        )
        if res.x is None or res.status != 0:
            return None
        return frozenset(among[k] for k in range(len(among)) if res.x[k] > 0.5)

    def _list_among(self, groups, a, lo, hi, among: list[int], scores) -> frozenset[int] | None:
        """:meth:`solve` with only the cases ``among``, a few: every set of them of an
        allowed size is checked at once (exact, and faster than a programme)."""
        import numpy as np

        p = self.inst.portfolio
        sets = _subsets(len(among), p.min_cases, min(p.max_cases, len(among)))
        mixed = np.any(a[:, self.n :] != 0, axis=1)  # the rows of the diversity counts
        counts = sets @ a[~mixed][:, among].T
        ok = np.all((counts >= lo[~mixed] - 1e-9) & (counts <= hi[~mixed] + 1e-9), axis=1)
        cands = self.inst.candidates
        for kind in ("types", "territories", "methods"):
            minimum = {"types": p.min_types, "territories": p.min_territories}.get(
                kind, p.min_methods
            )
            if f"diversity.{kind}" in groups and minimum > 0:
                values = getattr(self, kind)
                has = np.array([[_has(cands[i], kind, v) for v in values] for i in among])
                ok &= np.count_nonzero(sets @ has.reshape(len(among), -1) > 0, axis=1) >= minimum
        if not ok.any():
            return None
        totals = np.where(ok, sets @ np.asarray(scores, dtype=float)[among], -np.inf)
        return frozenset(among[k] for k in np.flatnonzero(sets[int(np.argmax(totals))]))


#: :meth:`Programme.solve` lists the sets of at most this many cases ``among`` instead of
#: solving the integer programme.
LIST_AMONG = 12


def _has(c: Candidate, kind: str, value: str) -> bool:
    """The case has this value of a diversity ``kind`` (types, territories, methods)."""
    if kind == "types":
        return c.type == value
    if kind == "territories":
        return c.territory == value
    return value in c.methods


@functools.lru_cache(maxsize=64)
def _subsets(m: int, low: int, high: int):
    """(sets, m) 0/1: every subset of ``m`` items with ``low`` to ``high`` of them."""
    import numpy as np

    combos = [c for k in range(max(low, 0), high + 1) for c in itertools.combinations(range(m), k)]
    out = np.zeros((len(combos), m))
    for r, combo in enumerate(combos):
        out[r, list(combo)] = 1.0
    return out


def total(inst: Instance, chosen: Iterable[int]) -> float:
    return sum(inst.candidates[i].score or 0.0 for i in chosen)


def best_sets(inst: Instance, count: int = 3) -> list[frozenset[int]]:
    """The ``count`` best feasible sets, best first (fewer when there are fewer)."""
    prog = Programme(inst)
    found: list[frozenset[int]] = []
    while len(found) < count:
        chosen = prog.solve(cuts=found)
        if chosen is None:
            break
        found.append(chosen)
    return found


def conflicts(inst: Instance, groups: Sequence[str] = GROUPS) -> list[str]:
    """Constraint groups that cannot all be met, none of which can be dropped.

    A deletion filter: each group in turn is left out while the rest stay infeasible.
    The result is irreducible (lifting any one of its groups makes the rest
    feasible), not necessarily the smallest such set. Empty when ``groups`` are feasible.
    """
    prog = Programme(inst)
    if prog.solve(groups) is not None:
        return []
    kept = list(groups)
    for group in groups:
        trial = [g for g in kept if g != group]
        if prog.solve(trial) is None:
            kept = trial
    return kept


def conflict_sets(inst: Instance) -> list[list[str]]:
    """Every conflict to resolve before a portfolio exists, one irreducible set each.

    Named until lifting any one group of each set (every such choice) makes the rest
    feasible: while some choice leaves the rest infeasible, the conflict left there
    (which the choice did not touch, so a new one) is added. So the advice "lift at
    least one constraint of each conflict" is true whichever ones are lifted.
    """

    prog = Programme(inst)
    feasible: dict[frozenset[str], bool] = {}

    def holds(lifted: frozenset[str]) -> bool:
        if lifted not in feasible:
            feasible[lifted] = prog.solve([g for g in GROUPS if g not in lifted]) is not None
        return feasible[lifted]

    found: list[list[str]] = []
    while True:
        for choice in itertools.product(*found):
            lifted = frozenset(choice)
            if not holds(lifted):
                found.append(conflicts(inst, [g for g in GROUPS if g not in lifted]))
                break
        else:
            return found


def calendar_order(inst: Instance, chosen: Iterable[int]) -> list[int]:
    """Chosen indexes in calendar order: the first case first, then by score.

    The first case is an eligible one, preferring one at or under the first-case
    attention limit, then a subject marked ``first_case``, then the least political
    attention, then the best score.
    """
    chosen = sorted(chosen)
    cands = inst.candidates

    def by_score(i: int) -> tuple:
        return (-(cands[i].score or 0.0), i)

    eligible = [i for i in chosen if cands[i].first_ok]
    if not eligible:
        return sorted(chosen, key=by_score)
    limit = inst.first_case_max + TOLERANCE
    first = min(
        eligible,
        key=lambda i: (
            cands[i].attention > limit,
            not cands[i].marked,
            cands[i].attention,
            *by_score(i),
        ),
    )
    return [first, *sorted((i for i in chosen if i != first), key=by_score)]


# -- why each case is in or out ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a case is in or out of the proposed portfolio."""

    key: str
    chosen: bool
    code: str
    params: dict = field(default_factory=dict)


def reasons(inst: Instance, chosen: frozenset[int]) -> list[Reason]:
    """One reason per candidate, in ranking order."""
    p = inst.portfolio
    cands = inst.candidates
    order = calendar_order(inst, chosen)
    out = []
    lowest = min((cands[i].score or 0.0 for i in chosen), default=0.0)
    for i, c in enumerate(cands):
        score = c.score
        if i in chosen:
            if c.key in p.pinned:
                code = "in.pinned"
            elif order and order[0] == i:
                code = "in.first"
            else:
                code = "in.score"
            out.append(Reason(c.key, True, code, {"score": score, "rank": c.rank}))
            continue
        if c.failed_gates:
            out.append(Reason(c.key, False, "out.gate", {"gates": ", ".join(c.failed_gates)}))
            continue
        if score is None:
            out.append(Reason(c.key, False, "out.unscored"))
            continue
        if c.key in p.excluded:
            out.append(Reason(c.key, False, "out.excluded", {"score": score}))
            continue

        def broken(trial: frozenset[int]) -> list[str]:
            return [s.id for s in measure(inst, trial) if not s.met]

        weakest_first = sorted(chosen, key=lambda j: (cands[j].score or 0.0, -j))
        tied = [
            j
            for j in weakest_first
            if abs((cands[j].score or 0.0) - score) <= TOLERANCE
            and not broken((chosen - {j}) | {i})
        ]
        beaten = [j for j in weakest_first if (cands[j].score or 0.0) < score - TOLERANCE]
        if tied:
            code, params = "out.tie", {"score": score, "instead": cands[tied[0]].key}
        elif beaten:
            j = beaten[0]
            # Any swap for a case it beats would raise the total: it must break something.
            code = "out.constraint"
            params = {
                "score": score,
                "instead": cands[j].key,
                "broken": broken((chosen - {j}) | {i}),
            }
        elif len(chosen) < p.max_cases:
            added = broken(chosen | {i})
            # Nothing broken: it was left out because it adds nothing (a score of 0).
            code = "out.lower_added" if added else "out.nothing_added"
            params = {"score": score, "lowest": lowest, "broken": added}
        else:
            code, params = "out.lower", {"score": score, "lowest": lowest}
        out.append(Reason(c.key, False, code, params))
    return out


# -- the whole answer ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Proposal:
    cases: tuple[str, ...]
    """Case keys in calendar order."""
    total: float


@dataclass(frozen=True)
class PlanResult:
    """The answer of ``sieve plan``."""

    instance: Instance
    best: Proposal | None
    alternatives: tuple[Proposal, ...]
    constraints: tuple[Status, ...]
    reasons: tuple[Reason, ...]
    conflicts: tuple[tuple[str, ...], ...] = ()
    """When no portfolio exists: irreducible sets of conflicting constraint ids."""


def solve_instance(inst: Instance, alternatives: int = 2) -> PlanResult:
    sets = best_sets(inst, 1 + alternatives)
    if not sets:
        sets = conflict_sets(inst)
        conflict = {g for found in sets for g in found}
        statuses = tuple(
            Status(g, g not in conflict, _group_params(inst, g), g in conflict) for g in GROUPS
        )
        return PlanResult(inst, None, (), statuses, (), tuple(tuple(c) for c in sets))

    def proposal(chosen: frozenset[int]) -> Proposal:
        keys = tuple(inst.candidates[i].key for i in calendar_order(inst, chosen))
        return Proposal(keys, total(inst, chosen))

    best = sets[0]
    return PlanResult(
        inst,
        proposal(best),
        tuple(proposal(s) for s in sets[1:]),
        tuple(measure(inst, best)),
        tuple(reasons(inst, best)),
    )


def _group_params(inst: Instance, group: str) -> dict:
    """Figures to word a constraint that conflicts (no portfolio to measure it on)."""
    p = inst.portfolio
    cands = [c for c in inst.candidates if c.score is not None]
    figures = {
        "gates": {"count": len(cands), "total": len(inst.candidates)},
        "count.min": {"min": p.min_cases},
        "count.max": {"max": p.max_cases},
        "subjects.distinct": {"count": len({c.subject for c in cands})},
        "sessions.budget": {"max": p.sessions, "per": p.case_sessions},
        "days.budget": {"max": p.days, "per": p.session_days},
        "diversity.types": {
            "min": p.min_types,
            "count": len({c.type for c in cands if c.type}),
        },
        "diversity.territories": {
            "min": p.min_territories,
            "count": len({c.territory for c in cands if c.territory}),
        },
        "diversity.methods": {
            "min": p.min_methods,
            "count": len({m for c in cands for m in c.methods}),
        },
        "attention.max": {"max": p.max_exposed, "threshold": inst.threshold},
        "first-case": {
            "rule": p.first_case,
            "max": inst.first_case_max,
            "count": sum(c.first_ok for c in cands),
        },
        "pinned": {"cases": ", ".join(p.pinned) or "-"},
        "excluded": {"cases": ", ".join(p.excluded) or "-"},
    }
    return figures[group]


# -- the calendar ----------------------------------------------------------------------------
