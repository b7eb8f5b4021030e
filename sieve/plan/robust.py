"""How sure is the ranking? A vectorised Monte Carlo analysis of the choice.

Each draw perturbs two things at once:

- the **weights**: each score criterion's weight is drawn uniformly within
  ``± spread`` (a fraction, 0.3 by default) of the tamis's value;
- the **scorers**: a bootstrap resample (scorers drawn with replacement, as many
  as there are). Group levels are medians over the resampled scorers, computed
  from signs of one matrix product (see :class:`Medians`); gates are re-applied.

Every draw is independent (its own weights, its own resample), so a probability
estimated from ``n`` draws has the Monte Carlo standard error ``sqrt(p (1 - p) / n)``,
given beside it.

It gives each case's probability of being in the top ``k`` (ties share the best
rank, as in the ranking) and of being in the best portfolio (the exact optimiser
re-run on every draw when the allowed sets are few enough to list, else on the
first ``portfolio_draws`` draws), and, for each score criterion, the
range of its weight (the others fixed) within which the proposed portfolio stays
the same. Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

from sieve.engine.evaluate import TIE_TOLERANCE
from sieve.model import Session


@dataclass(frozen=True)
class Robustness:
    """The results of :func:`analyse`."""

    keys: tuple[str, ...]
    """Every case, in the ranking order of the unperturbed session."""
    top_k: int
    draws: int
    seed: int
    spread: float
    p_top: dict[str, float]
    """Case key -> probability of being in the top ``top_k``."""
    p_first: dict[str, float]
    p_portfolio: dict[str, float]
    """Case key -> probability of being in the best portfolio (empty without one)."""
    portfolio_draws: int
    se_top: dict[str, float]
    """Case key -> the Monte Carlo standard error of ``p_top`` (over ``draws``)."""
    se_first: dict[str, float]
    se_portfolio: dict[str, float]
    """Case key -> the standard error of ``p_portfolio`` (over ``portfolio_draws``)."""
    proposed: tuple[str, ...]
    """The proposed portfolio (unperturbed), empty when there is none."""
    weight_ranges: dict[str, tuple[float, float | None]]
    """Criterion id -> (low, high) weights keeping the proposed portfolio (``None``: no
    upper limit found up to ``WEIGHT_CEILING`` times the largest weight)."""
    weights: dict[str, float]
    ceiling: float = 0.0
    """The largest weight tried when searching the ranges' upper edges."""


#: The weight ranges are searched up to this multiple of the largest tamis weight.
WEIGHT_CEILING = 10.0


@dataclass(frozen=True)
class Arrays:
    """A session as arrays: levels by (case, criterion, scorer); -1 is an abstention."""

    keys: tuple[str, ...]
    levels: object  # np.ndarray (cases, criteria, scorers) int8
    tops: object  # np.ndarray (criteria,) float
    weights: object  # np.ndarray (criteria,) float, 0 for gates
    is_gate: object  # np.ndarray (criteria,) bool
    pass_at: object  # np.ndarray (criteria,) float
    criteria: tuple[str, ...]


def session_arrays(session: Session, keys: list[str]) -> Arrays:
    """The levels of a session as an array over (case, criterion, scorer)."""
    import numpy as np

    tamis = session.tamis
    criteria = tamis.criteria
    scorers = list(session.scorers)
    subjects = list(dict.fromkeys(session.case(key).subject.id for key in keys))
    # One row per subject (its subject criteria) and per case (its angle criteria).
    row_of = {sid: r for r, sid in enumerate(subjects)}
    row_of.update({key: len(subjects) + x for x, key in enumerate(keys)})
    sides = {False: {}, True: {}}  # is a case row -> criterion id -> column
    for c, crit in enumerate(criteria):
        sides[crit.on_angle][crit.id] = c
    at: list[int] = []  # flat (row, criterion, scorer) indexes, and their levels
    given: list[int] = []
    n_crits, n_scorers = len(criteria), max(len(scorers), 1)
    for s, scorer in enumerate(scorers):
        for key, entries in session.scores.get(scorer, {}).items():
            r = row_of.get(key)
            if r is None:
                continue
            columns = sides[r >= len(subjects)]
            base = r * n_crits * n_scorers + s
            for crit, level in entries.items():
                c = columns.get(crit)
                if c is not None:
                    at.append(base + c * n_scorers)
                    given.append(level)
    by_row = np.full(len(row_of) * n_crits * n_scorers, -1, dtype=np.int8)
    by_row[np.array(at, dtype=np.intp)] = np.array(given, dtype=np.int8)
    by_row = by_row.reshape(len(row_of), n_crits, n_scorers)
    subject_row = np.array([row_of[session.case(key).subject.id] for key in keys], dtype=np.intp)
    case_row = len(subjects) + np.arange(len(keys))
    on_angle = np.array([crit.on_angle for crit in criteria], dtype=bool)
    rows = np.where(on_angle[None, :], case_row[:, None], subject_row[:, None])
    levels = by_row[rows, np.arange(n_crits)[None, :]]  # (cases, criteria, scorers)
    return Arrays(
        keys=tuple(keys),
        levels=levels,
        tops=np.array([c.scale.top for c in criteria], dtype=float),
        weights=np.array([0.0 if c.is_gate else c.weight for c in criteria]),
        is_gate=np.array([c.is_gate for c in criteria]),
        pass_at=np.array([c.pass_at for c in criteria]),
        criteria=tuple(c.id for c in criteria),
    )


def group_medians(levels, multiplicity):
    """Medians of levels under scorer multiplicities, for many resamples at once.

    Args:
        levels: (cases, criteria, scorers) int array, -1 for an abstention.
        multiplicity: (resamples, scorers) counts (how often each scorer is drawn).

    Returns:
        (resamples, cases, criteria) float array of medians (NaN: nobody scored);
        the median of an even count is the mean of the two middle levels.
    """
    return Medians(levels)(multiplicity)


class Medians:
    """Group levels under scorer multiplicities, for many resamples at once.

    Built once from the levels (cases, criteria, scorers), -1 an abstention. A
    (case, criterion) cell's median is found from signs: with ``c`` levels drawn and
    ``a_l`` of them at most ``l``, the sign of ``c - 2 a_l`` is +1 below the median, 0
    at an even count's middle and -1 above, so twice the median is the sum over the
    levels ``l`` of ``sign + 1``. Below the lowest level given to a criterion the sign
    is +1, from its highest up -1: only the levels between are computed, each
    ``c - 2 a_l`` of a resample one product of its multiplicities with a fixed matrix
    of +1, -1 and 0. Cells of a criterion holding the same levels (a subject criterion
    shared by the subject's angles) are computed once, as one column.
    """

    def __init__(self, levels) -> None:
        import numpy as np

        cases, crits, scorers = levels.shape
        self.cell = np.empty((cases, crits), dtype=np.intp)
        """(cases, criteria) -> the index of its column of levels."""
        self.spans: list[tuple[int, int, object]] = []
        """Each criterion's columns: (first, end, the column each case reads)."""
        valid_parts, signs, base = [], [], []
        self.blocks: list[tuple[int, int]] = []
        """(first column, end) of each computed block of signs, in the matrix's order."""
        start = 0
        for c in range(crits):
            unique, inverse = np.unique(levels[:, c, :], axis=0, return_inverse=True)
            valid = unique >= 0
            high = unique.max(axis=1, initial=0).astype(int)
            low = np.minimum(np.where(valid, unique, 127).min(axis=1, initial=127), high)
            order = np.lexsort((high, low))  # columns of one (low, high) side by side
            unique, valid, low, high = unique[order], valid[order], low[order], high[order]
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            inverse = rank[inverse.reshape(-1)]
            self.spans.append((start, start + len(unique), inverse))
            self.cell[:, c] = start + inverse
            cuts = [0, *(np.flatnonzero(np.diff(low * 1024 + high)) + 1), len(unique)]
            for first, end in itertools.pairwise(cuts):
                for level in range(low[first], high[first]) if end > first else ():
                    part = unique[first:end]
                    signs.append((np.where(part > level, 1, -1) * valid[first:end]).T)
                    self.blocks.append((start + first, start + end))
            valid_parts.append(valid.T)
            base.append(low + high)
            start += len(unique)
        self.columns = start
        self.base = np.concatenate([np.zeros(0), *base]).astype(np.float32)
        """Twice the median before the computed signs are added."""
        counts = np.concatenate([np.zeros((scorers, 0)), *valid_parts], axis=1)
        self.matrix = np.ascontiguousarray(np.concatenate([counts, *signs], axis=1), np.float32)

    def columns_of(self, multiplicity):
        """(resamples, columns) float32 medians (0 when nobody drawn scored), and
        (resamples, columns) bool: somebody drawn scored."""
        import numpy as np

        mult = np.asarray(multiplicity, dtype=np.float32)
        n = self.columns
        med = np.empty((len(mult), n), dtype=np.float32)
        present = np.empty((len(mult), n), dtype=bool)
        rows = max(1, _CHUNK // max(1, self.matrix.shape[1]))
        for first in range(0, len(mult), rows):
            prod = mult[first : first + rows] @ self.matrix
            np.clip(prod[:, n:], -1, 1, out=prod[:, n:])
            acc = med[first : first + rows]
            acc[:] = self.base
            at = n
            for start, end in self.blocks:
                acc[:, start:end] += prod[:, at : at + end - start]
                at += end - start
            acc *= 0.5
            mine = present[first : first + rows]
            np.greater(prod[:, :n], 0, out=mine)
            np.copyto(acc, 0.0, where=~mine)
        return med, present

    def __call__(self, multiplicity):
        """(resamples, cases, criteria) medians (NaN: nobody drawn scored)."""
        import numpy as np

        med, present = self.columns_of(multiplicity)
        med[~present] = np.nan
        return med[:, self.cell]


#: Floats per block of work in :class:`Medians` and :func:`draw_scores`.
_CHUNK = 1 << 21


def draw_scores(arrays: Arrays, draws: int, seed: int, spread: float):
    """Scores of every case for every draw: (draws, cases), -inf when sifted out, and
    the weights drawn (draws, score criteria).

    Every draw is independent: its own weights and its own bootstrap resample of the
    scorers.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    n_scorers = arrays.levels.shape[2]
    score_cols = np.flatnonzero(~arrays.is_gate)
    base = arrays.weights[score_cols]
    weights = base * rng.uniform(1 - spread, 1 + spread, size=(draws, len(score_cols)))
    picks = rng.integers(0, n_scorers, size=(draws, n_scorers))
    flat = (np.arange(draws)[:, None] * n_scorers + picks).ravel()
    mult = np.bincount(flat, minlength=draws * n_scorers).reshape(draws, n_scorers)
    return scores_under(arrays, weights, mult), weights


def scores_under(arrays: Arrays, weights, multiplicity):
    """Scores of every case (draws, cases), -inf when sifted out, for each draw's
    weights (draws, score criteria) and scorer multiplicities (draws, scorers).

    Draws that resample the same scorers the same number of times (common with few
    scorers) share the medians of that resample, computed once.
    """
    import numpy as np

    draws = len(weights)
    n_cases = arrays.levels.shape[0]
    score_cols = np.flatnonzero(~arrays.is_gate)
    mult = np.asarray(multiplicity)
    if not draws:
        return np.zeros((0, n_cases))
    resamples, order, starts = _groups(mult, max(1, _CHUNK // max(1, n_cases)))
    medians = Medians(arrays.levels)
    parts = _Parts(arrays, medians)
    scores = np.empty((draws, n_cases))
    cells = max(1, arrays.levels[..., 0].size)
    first = 0
    while first < len(resamples):  # blocks of groups, within the memory of _CHUNK floats
        per = int(starts[first + 1] - starts[first])  # the block's largest group
        end = min(len(resamples), first + max(1, _CHUNK // max(cells, per * n_cases)))
        sizes = np.diff(starts[first : end + 1])
        local = np.repeat(np.arange(end - first), sizes)
        rank = np.arange(starts[first], starts[end]) - starts[first:end][local]
        mine = order[starts[first] : starts[end]]
        padded = np.zeros((end - first, per, len(score_cols)))
        padded[local, rank] = weights[mine]
        med, present = medians.columns_of(resamples[first:end])
        scores[mine] = parts.scores(med, present, padded)[local, rank]
        first = end
    return scores


def _groups(mult, cap: int):
    """The draws grouped by resample: (the resample of each group, the draws in group
    order, where each group starts in that order).

    Groups hold at most ``cap`` draws (a resample drawn more often makes several) and
    come largest first, so that a block of groups holds draws of near-equal counts and
    their products are one batched matrix product.
    """
    import numpy as np

    draws = len(mult)
    resamples, which = np.unique(mult, axis=0, return_inverse=True)
    which = which.reshape(-1)
    by_resample = np.argsort(which, kind="stable")
    counts = np.bincount(which, minlength=len(resamples))
    begins = np.concatenate([[0], np.cumsum(counts)])
    slot = np.empty(draws, dtype=np.intp)
    slot[by_resample] = np.arange(draws) - begins[which[by_resample]]
    pieces = (draws - 1) // cap + 1
    found, group = np.unique(which * pieces + slot // cap, return_inverse=True)
    group = group.reshape(-1)
    sizes = np.bincount(group, minlength=len(found))
    by_size = np.argsort(-sizes, kind="stable")
    place = np.empty_like(by_size)
    place[by_size] = np.arange(len(by_size))
    order = np.argsort(place[group], kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes[by_size])])
    return resamples[found[by_size] // pieces], order, starts


class _Parts:
    """Where each case's gates and score criteria read their medians, for
    :meth:`scores`."""

    def __init__(self, arrays: Arrays, medians: Medians) -> None:
        import numpy as np

        gate_cols = np.flatnonzero(arrays.is_gate)
        score_cols = np.flatnonzero(~arrays.is_gate)
        self.gates = medians.cell[:, gate_cols]  # (cases, gates)
        self.pass_at = arrays.pass_at[gate_cols] - 1e-12
        self.spans = [medians.spans[c] for c in score_cols]
        self.scale = 1.0 / arrays.tops[score_cols]
        self.scored = medians.cell[:, score_cols]  # (cases, criteria): their columns
        # Column -> the cases reading it for a score criterion (sorted by column).
        flat = self.scored.ravel()
        order = np.argsort(flat, kind="stable")
        self.by_column = order // max(1, len(score_cols))
        self.first = np.searchsorted(flat[order], np.arange(medians.columns + 1))

    def _gather(self, values, out) -> None:
        """``out`` (resamples, criteria, cases) from columns ``values``, criterion by
        criterion."""
        import numpy as np

        for j, (start, end, inverse) in enumerate(self.spans):
            out[:, j, :] = np.take(values[:, start:end], inverse, axis=1)

    def _weighed(self, present, weights, shape):
        """(resamples, per, cases): the weight on what each case's drawn scorers scored.

        All of it, but where a criterion of the case has nobody drawn (rare): there the
        sum over the criteria still scored."""
        import numpy as np

        den = np.broadcast_to(weights.sum(axis=-1, keepdims=True), shape)
        rows, columns = np.nonzero(~present)
        counts = self.first[columns + 1] - self.first[columns]
        if not counts.any():
            return den
        # Each (resample, case) with a criterion nobody drawn scored, once.
        starts = np.repeat(self.first[columns] - np.cumsum(counts) + counts, counts)
        cases = self.by_column[starts + np.arange(counts.sum())]
        pairs = np.unique(np.repeat(rows, counts) * shape[2] + cases)
        r, x = pairs // shape[2], pairs % shape[2]
        scored = present[r[:, None], self.scored[x]].astype(np.float64)  # (pairs, criteria)
        den = den.copy()
        den[r, :, x] = np.matmul(weights[r], scored[:, :, None])[:, :, 0]
        return den

    def scores(self, med, present, weights):
        """(resamples, per, cases) scores, -inf when sifted out, from the columns'
        medians and presence (as :meth:`Medians.columns_of` gives them) and the weights
        (resamples, per, criteria) of the draws using each resample."""
        import numpy as np

        passed = np.all(med[:, self.gates] >= self.pass_at, axis=-1)
        passed &= np.all(present[:, self.gates], axis=-1)  # nobody drawn: fails
        n_cases = self.gates.shape[0]
        values = np.empty((len(med), len(self.spans), n_cases))  # float64: ties stay ties
        self._gather(med, values)
        num = np.matmul(weights * self.scale, values)  # (resamples, per, cases)
        den = self._weighed(present, weights, num.shape)
        ok = (den > 0) & passed[:, None, :]
        np.divide(num, den, out=num, where=ok)
        num[~ok] = -np.inf
        return num


def top_k_hits(scores, k: int):
    """(draws, cases) bool: the case is in the top ``k`` (ties share the best rank)."""
    import numpy as np

    n = scores.shape[1]
    if n == 0:
        return np.zeros(scores.shape, dtype=bool)
    k = max(1, min(k, n))
    kth = np.partition(scores, n - k, axis=1)[:, n - k : n - k + 1]  # the k-th largest
    return (scores >= kth - TIE_TOLERANCE) & np.isfinite(scores)


def analyse(
    session: Session,
    draws: int = 2000,
    seed: int = 0,
    top_k: int | None = None,
    spread: float = 0.3,
    portfolio_draws: int = 200,
    progress: Callable[[float], None] | None = None,
) -> Robustness:
    """The Monte Carlo analysis of a session (see the module's docstring).

    ``progress``, when given, is called with the fraction done (0 to 1) after each
    stage: the draws, the portfolio re-solves, each criterion's weight range.
    """

    def done(fraction: float) -> None:
        if progress is not None:
            progress(fraction)

    from sieve.engine.evaluate import evaluate
    from sieve.plan.instance import build_instance
    from sieve.plan.ranges import weight_ranges
    from sieve.plan.solve import solve_instance
    from sieve.plan.solver import Solver

    evaluation = evaluate(session)
    keys = [r.key for r in evaluation.results]
    inst = build_instance(session, evaluation)
    proposal = solve_instance(inst, alternatives=0).best
    proposed = proposal.cases if proposal else ()
    k = top_k or len(proposed) or 3
    arrays = session_arrays(session, keys)
    scores, _ = draw_scores(arrays, draws, seed, spread)
    p_top, p_first = _rank_chances(scores, keys, k)
    done(0.3)

    solver = Solver(inst)
    # Listed sets make every draw cheap; the integer programme is kept to a sample.
    limit = draws if solver.sets is not None else min(portfolio_draws, draws)
    used = limit if proposed else 0
    p_portfolio = _portfolio_chances(solver, scores, used, keys) if used else {}
    done(0.5)

    weights = dict(evaluation.weights)
    ceiling = WEIGHT_CEILING * max(max(weights.values(), default=1.0), 1.0)
    ranges: dict[str, tuple[float, float | None]] = {}
    if proposed:
        target = frozenset(keys.index(key) for key in proposed)
        ranges = weight_ranges(solver, scorer_at(arrays), target, weights, ceiling, done)
    done(1.0)
    return Robustness(
        keys=tuple(keys),
        top_k=k,
        draws=draws,
        seed=seed,
        spread=spread,
        p_top=p_top,
        p_first=p_first,
        p_portfolio=p_portfolio,
        portfolio_draws=used,
        se_top=standard_errors(p_top, draws),
        se_first=standard_errors(p_first, draws),
        se_portfolio=standard_errors(p_portfolio, used),
        proposed=tuple(proposed),
        weight_ranges=ranges,
        weights=weights,
        ceiling=ceiling,
    )


def standard_errors(shares: dict[str, float], n: int) -> dict[str, float]:
    """Key -> the Monte Carlo standard error ``sqrt(p (1 - p) / n)`` of a share ``p``
    estimated from ``n`` independent draws."""
    return {key: math.sqrt(max(p * (1 - p), 0.0) / n) for key, p in shares.items()} if n else {}


def _rank_chances(scores, keys: list[str], k: int) -> tuple[dict[str, float], dict[str, float]]:
    """Case key -> the share of draws where it is in the top ``k``, and first (ties count)."""
    import numpy as np

    hits = top_k_hits(scores, k)
    best = scores.max(axis=1, keepdims=True) if len(keys) else scores  # no partitioned copy
    firsts = (scores >= best - TIE_TOLERANCE) & np.isfinite(scores)
    p_top = dict(zip(keys, hits.mean(axis=0).tolist(), strict=True))
    p_first = dict(zip(keys, firsts.mean(axis=0).tolist(), strict=True))
    return p_top, p_first


def _portfolio_chances(solver, scores, used: int, keys: list[str]) -> dict[str, float]:
    """Case key -> the share of the first ``used`` draws whose best portfolio holds it."""
    import numpy as np

    counts = np.zeros(len(keys))
    for chosen in solver.best_many(scores[:used]):
        for i in chosen or ():
            counts[i] += 1
    return dict(zip(keys, (counts / used).tolist(), strict=True))


def scorer_at(arrays: Arrays):
    """A function: weights by criterion id -> every case's score under them, the
    scorers as they are, as an array (NaN: sifted out, or no weight on what it has)."""
    import numpy as np

    levels = arrays.levels
    med = group_medians(levels, np.ones((1, levels.shape[2])))[0]
    gate_cols = np.flatnonzero(arrays.is_gate)
    passed = np.all(med[:, gate_cols] >= arrays.pass_at[gate_cols] - 1e-12, axis=-1)
    score_cols = np.flatnonzero(~arrays.is_gate)
    norm = med[:, score_cols] / arrays.tops[score_cols]
    present = (~np.isnan(norm)).astype(float)
    norm = np.nan_to_num(norm)
    ids = [arrays.criteria[c] for c in score_cols]

    def scores(weights: dict[str, float]):
        w = np.array([weights[c] for c in ids], dtype=float)
        den = present @ w
        ok = passed & (den > 0)
        values = np.full(len(den), np.nan)
        np.divide(norm @ w, den, out=values, where=ok)
        return values

    return scores
