"""Solve one session's portfolio again and again with other scores: the robustness
analysis's optimiser (:class:`Solver`).

On small instances every allowed set is listed once and each call is a matrix
product; on large ones each call is the integer programme of :mod:`sieve.plan.solve`,
made small by :class:`~sieve.plan.bounds.Bounds` when the total of a portfolio already
known is a floor that the best one reaches.
"""

from __future__ import annotations

from collections.abc import Sequence

from sieve.plan.bounds import Bounds
from sieve.plan.instance import TOLERANCE, Instance, measure
from sieve.plan.solve import Programme


class Solver:
    """Solve one session's portfolio again and again with other scores (fast).

    Only the scores and which cases are sifted out change between calls; the
    constraints do not. On small instances (at most :data:`ENUMERATION_LIMIT` sets
    of an allowed size) every set that meets the constraints other than the gates is
    listed once, and each call is then one matrix product over that list (exact, and
    vectorised over many score vectors at once); otherwise each call solves the
    integer programme, whose matrix is built once. Used by the robustness analysis.
    """

    def __init__(self, inst: Instance) -> None:
        from dataclasses import replace

        opened = tuple(replace(c, score=c.score or 0.0) for c in inst.candidates)
        self.inst = Instance(opened, inst.portfolio, inst.threshold, inst.first_case_max)
        self.prog = Programme(self.inst)
        self.sets = self._enumerate()
        """(sets, cases) 0/1 matrix of the allowed sets, or ``None`` (too many)."""
        self.bounds = Bounds(self.inst)

    def _enumerate(self):
        import itertools
        import math

        import numpy as np

        p = self.inst.portfolio
        n = len(self.inst.candidates)
        sizes = range(p.min_cases, min(p.max_cases, n) + 1)
        if sum(math.comb(n, k) for k in sizes) > ENUMERATION_LIMIT:
            return None
        rows = [
            combo
            for k in sizes
            for combo in itertools.combinations(range(n), k)
            if all(s.met for s in measure(self.inst, combo))
        ]
        sets = np.zeros((len(rows), n))
        for r, combo in enumerate(rows):
            sets[r, list(combo)] = 1.0
        return sets

    def best(self, scores: Sequence[float | None]) -> frozenset[int] | None:
        """The best set for these scores (``None`` or -inf: the case cannot be chosen)."""
        import math

        if self.sets is not None:
            import numpy as np

            row = [np.nan if s is None else s for s in scores]
            return self.best_many(np.array([row], dtype=float))[0]
        fixed = {i: 0 for i, s in enumerate(scores) if s is None or not math.isfinite(s)}
        values = [0.0 if i in fixed else float(s) for i, s in enumerate(scores)]
        return self.prog.solve(fixed=fixed, scores=values)

    def best_over(
        self, scores: Sequence[float | None], floor: float, known: frozenset[int] = frozenset()
    ) -> frozenset[int] | None:
        """The best set for these scores if one totals at least ``floor``: else ``None``
        or a set under ``floor``. ``known``: an allowed set, none of whose cases is
        sifted out, that totals ``floor`` or less.

        With the integer programme, cases whose :class:`~sieve.plan.bounds.Bounds` are
        under ``floor`` are left out of it: every set reaching ``floor`` is kept, so a
        best one is found in a programme of a few cases instead of all of them. When
        the cases kept are all in ``known``, it is a best set (no solve): every set
        reaching ``floor`` is then part of it, and scores are never negative.
        """
        import numpy as np

        if self.sets is not None:
            return self.best(scores)
        values = np.asarray(scores, dtype=float)  # None: NaN
        among = np.flatnonzero(self.bounds(values) >= floor - TOLERANCE)
        if not len(among):
            return None
        if known and known.issuperset(among.tolist()):
            return known
        return self.prog.solve(scores=np.nan_to_num(values), among=among.tolist())

    def best_many(self, scores) -> list[frozenset[int] | None]:
        """The best set for each row of a (draws, cases) array (NaN or -inf: sifted out)."""
        import numpy as np

        if self.sets is None:
            return self._solve_many(scores)
        out: list[frozenset[int] | None] = []
        if not len(self.sets):
            return [None] * len(scores)
        blocked = ~np.isfinite(scores)
        totals = np.where(blocked, 0.0, scores) @ self.sets.T  # (draws, sets)
        totals[(blocked.astype(float) @ self.sets.T) > 0] = -np.inf
        picks = np.argmax(totals, axis=1)
        for d, r in enumerate(picks):
            if not np.isfinite(totals[d, r]):
                out.append(None)
            else:
                out.append(frozenset(np.flatnonzero(self.sets[r]).tolist()))
        return out

    def _solve_many(self, scores) -> list[frozenset[int] | None]:
        """:meth:`best_many` by the integer programme. The first row is solved whole; its
        portfolio then answers at once every row where no case outside it could be in
        a portfolio totalling more (:meth:`best_over`, for all rows in one go); each
        other row is solved with the best total there of the portfolios found so far
        as its floor."""
        import numpy as np

        rows = np.asarray(scores, dtype=float)
        out: list[frozenset[int] | None] = [None] * len(rows)
        answered = np.zeros(len(rows), dtype=bool)
        known = np.zeros((0, rows.shape[1]))
        seen: set[frozenset[int]] = set()
        for d, row in enumerate(rows):
            if answered[d]:
                continue
            blocked = ~np.isfinite(row)
            values = np.where(blocked, np.nan, row)
            totals = known @ np.where(blocked, 0.0, row)
            totals[(known @ blocked) > 0] = -np.inf  # a case of it is sifted out
            top = int(np.argmax(totals)) if len(known) else -1
            if top < 0 or not np.isfinite(totals[top]):
                best = self.best(values)
            else:
                mine = frozenset(np.flatnonzero(known[top]).tolist())
                best = self.best_over(values, totals[top], mine)
            out[d] = best
            if best is not None and best not in seen:
                seen.add(best)
                found = np.zeros((1, rows.shape[1]))
                found[0, sorted(best)] = 1.0
                known = np.vstack([known, found])
                if len(known) == 1:
                    answered[d + 1 :] = self._answered(rows[d + 1 :], best)
                    for k in np.flatnonzero(answered):
                        out[k] = best
        return out

    def _answered(self, rows, chosen: frozenset[int]):
        """(rows,) bool: the rows that the set ``chosen`` answers, as :meth:`best_over`
        would (none of its cases sifted out, no case outside it bound to reach its
        total)."""
        import numpy as np

        inside = np.zeros(rows.shape[1], dtype=bool)
        inside[sorted(chosen)] = True
        blocked = ~np.isfinite(rows)
        floor = np.where(blocked, 0.0, rows)[:, inside].sum(axis=1)
        usable = ~blocked[:, inside].any(axis=1)
        reach = self.bounds(rows) >= floor[:, None] - TOLERANCE
        return usable & ~reach[:, ~inside].any(axis=1)


#: Above this many sets of an allowed size, :class:`Solver` solves each call as an
#: integer programme instead of listing the sets.
ENUMERATION_LIMIT = 20_000
