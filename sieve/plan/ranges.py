"""The weight ranges of the robustness analysis: over which range of one criterion's
weight (the others fixed) the proposed portfolio stays a best one.

Each range is searched outwards on a grid and its edges refined by bisection
(:func:`search`), asking at each weight whether the proposed portfolio is still a best
one (:class:`Keeps`). That question is answered without the optimiser when a portfolio
met at another weight beats the proposal here; otherwise by the optimiser on the few
cases that could be in a portfolio beating it (:meth:`Solver.best_over
<sieve.plan.solver.Solver.best_over>`), or on none when none could.
"""

from __future__ import annotations

from collections.abc import Callable

from sieve.plan.instance import TOLERANCE


class Keeps:
    """``keeps(values)``: the proposed portfolio (``target``, case indexes) is a best one
    for these scores; ties keep it.

    The same answers as asking the optimiser for the best set every time, from fewer
    and smaller programmes.
    """

    def __init__(self, solver, target: frozenset[int]) -> None:
        import numpy as np

        self.solver = solver
        self.target = np.array(sorted(target), dtype=np.intp)
        self.proposed = frozenset(target)
        self.known = np.zeros((0, len(solver.inst.candidates)))
        """The portfolios the optimiser gave so far, one 0/1 row each."""
        self.seen: set[frozenset[int]] = set()

    def __call__(self, values) -> bool:
        """``values``: (cases,) scores, NaN for a case sifted out."""
        import numpy as np

        blocked = np.isnan(values)
        if blocked[self.target].any():
            return False
        mine = float(values[self.target].sum())
        if len(self.known):
            totals = self.known @ np.where(blocked, 0.0, values)
            totals[(self.known @ blocked) > 0] = -np.inf  # a case of it is sifted out
            if totals.max() > mine + TOLERANCE:
                return False
        best = self.solver.best_over(values, mine + TOLERANCE, self.proposed)
        if best is None or best == self.proposed:
            return True  # no set of cases could total more
        if best not in self.seen:
            self.seen.add(best)
            found = np.zeros((1, self.known.shape[1]))
            found[0, sorted(best)] = 1.0
            self.known = np.vstack([self.known, found])
        return mine >= float(values[sorted(best)].sum()) - TOLERANCE


def weight_ranges(
    solver,
    score_of: Callable[[dict[str, float]], object],
    target: frozenset[int],
    weights: dict[str, float],
    ceiling: float,
    done: Callable[[float], None],
) -> dict[str, tuple[float, float | None]]:
    """Criterion id -> the range of its weight (the others fixed) over which the
    proposed portfolio (``target``, case indexes) stays a best one.

    ``score_of(weights)`` gives every case's score under those weights (an array, NaN
    for a case sifted out), as :func:`~sieve.plan.robust.scorer_at` makes it; ``done`` is
    called with the fraction of the whole analysis done after each criterion.
    """
    keeps = Keeps(solver, target)
    ranges: dict[str, tuple[float, float | None]] = {}
    for crit, w0 in weights.items():

        def same(w: float, crit: str = crit) -> bool:
            return keeps(score_of({**weights, crit: w}))

        ranges[crit] = search(same, w0, ceiling)
        done(0.5 + 0.5 * len(ranges) / len(weights))
    return ranges


def search(same, w0: float, ceiling: float, steps: int = 12) -> tuple[float, float | None]:
    """The interval around ``w0`` where ``same(w)`` holds, to about 1 % of ``w0``.

    Searched outwards on a grid, then refined by bisection at each edge; a change
    of portfolio and back between two grid points is not seen.
    """
    precision = max(w0, 1.0) / 100

    def edge(inside: float, outside: float) -> float:
        while abs(outside - inside) > precision:
            mid = (inside + outside) / 2
            if same(mid):
                inside = mid
            else:
                outside = mid
        return inside

    low = 0.0
    if w0 > 0:
        grid = [w0 * (1 - i / steps) for i in range(1, steps + 1)]
        previous = w0
        for w in grid:
            if not same(w):
                low = edge(previous, w)
                break
            previous = w
    high: float | None = None
    previous = w0
    w = max(w0, precision)
    while previous < ceiling:
        w = min(w * 1.5 + precision, ceiling)  # the ceiling itself is the last step
        if not same(w):
            high = edge(previous, w)
            break
        previous = w
    return low, high
