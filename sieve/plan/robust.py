"""How sure is the ranking? A vectorised Monte Carlo analysis of the choice.

Each draw perturbs two things at once:

- the **weights**: each score criterion's weight is drawn uniformly within
  ``± spread`` (a fraction, 0.3 by default) of the tamis's value;
- the **scorers**: a bootstrap resample (scorers drawn with replacement, as many
  as there are). Group levels are medians over the resampled scorers, computed
  from cumulative level counts with one matrix product; gates are re-applied.
  Bootstrap resamples are drawn in a pool (``pool`` of them, 256 by default) that
  the draws share; weight draws are all independent.

It gives each case's probability of being in the top ``k`` (ties share the best
rank, as in the ranking) and of being in the best portfolio (the exact optimiser
re-run on every draw when the allowed sets are few enough to list, else on the
first ``portfolio_draws`` draws), and, for each score criterion, the
range of its weight (the others fixed) within which the proposed portfolio stays
the same. Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

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
    levels = np.full((len(keys), len(criteria), max(len(scorers), 1)), -1, dtype=np.int8)
    for x, key in enumerate(keys):
        case = session.case(key)
        for c, crit in enumerate(criteria):
            row_key = key if crit.on_angle else case.subject.id
            for s, scorer in enumerate(scorers):
                level = session.scores.get(scorer, {}).get(row_key, {}).get(crit.id)
                if level is not None:
                    levels[x, c, s] = level
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
    import numpy as np

    n_levels = int(levels.max()) + 1 if levels.size and levels.max() >= 0 else 1
    cases, crits, scorers = levels.shape
    cells = cases * crits
    flat = levels.reshape(cells, scorers).T  # (scorers, cells)
    valid = flat >= 0
    mult = np.asarray(multiplicity, dtype=np.float32)
    count = mult @ valid.astype(np.float32)  # (resamples, cells): levels drawn per cell
    # The (t+1)-th smallest level (t from 0) is the number of levels l such that
    # at most t of the drawn levels are <= l.
    low_rank = np.floor((count - 1) / 2)
    high_rank = np.floor(count / 2)
    out = np.empty(count.shape, dtype=np.float32)
    for start in range(0, cells, _CHUNK):  # chunks of cells keep the arrays small
        part = slice(start, start + _CHUNK)
        given, ok = flat[:, part], valid[:, part]
        low = np.zeros(low_rank[:, part].shape, dtype=np.uint8)
        high = np.zeros_like(low)
        for level in range(n_levels):
            at_most = mult @ ((given <= level) & ok).astype(np.float32)
            low += at_most <= low_rank[:, part]
            high += at_most <= high_rank[:, part]
        out[:, part] = (low + high.astype(np.float32)) / 2
    out[count == 0] = np.nan
    return out.reshape(len(mult), cases, crits)


#: Cells per chunk in :func:`group_medians`.
_CHUNK = 8192

#: Bootstrap resamples of the scorers shared by the draws.
POOL = 256


def draw_scores(arrays: Arrays, draws: int, seed: int, spread: float, pool: int = POOL):
    """Scores of every case for every draw: (draws, cases), -inf when sifted out."""
    import numpy as np

    rng = np.random.default_rng(seed)
    levels = arrays.levels
    n_cases, n_crits, n_scorers = levels.shape
    score_cols = np.flatnonzero(~arrays.is_gate)
    base = arrays.weights[score_cols]
    weights = base * rng.uniform(1 - spread, 1 + spread, size=(draws, len(score_cols)))
    n_pool = max(1, min(draws, pool))
    picks = rng.integers(0, n_scorers, size=(n_pool, n_scorers))
    mult = np.zeros((n_pool, n_scorers))
    np.add.at(mult, (np.arange(n_pool)[:, None], picks), 1)
    med = group_medians(levels, mult)  # (pool, cases, crits)
    gate_cols = np.flatnonzero(arrays.is_gate)
    gates = med[:, :, gate_cols]
    passed = np.all(gates >= arrays.pass_at[gate_cols] - 1e-12, axis=-1)  # NaN fails
    norm = med[:, :, score_cols] / arrays.tops[score_cols]
    present = ~np.isnan(norm)
    norm[~present] = 0.0
    # Draws come in blocks of ``per``, block b using resample b: one batched product.
    per = -(-draws // n_pool)
    padded = np.zeros((n_pool * per, len(score_cols)))
    padded[:draws] = weights
    w = padded.reshape(n_pool, per, -1)  # (pool, per, crits)
    num = np.matmul(w, norm.transpose(0, 2, 1))  # (pool, per, cases)
    den = np.matmul(w, present.astype(np.float64).transpose(0, 2, 1))
    ok = (den > 0) & passed[:, None, :]
    # In place: fresh memory (made into huge pages by numpy) is most of what a
    # first call in a process pays, so no third array of this size.
    np.divide(num, den, out=num, where=ok)
    del den
    num[~ok] = -np.inf
    scores = num.reshape(n_pool * per, n_cases)[:draws]
    return scores, weights


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
    pool: int = POOL,
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
    from sieve.plan.solve import Solver, solve_instance

    evaluation = evaluate(session)
    keys = [r.key for r in evaluation.results]
    inst = build_instance(session, evaluation)
    proposal = solve_instance(inst, alternatives=0).best
    proposed = proposal.cases if proposal else ()
    k = top_k or len(proposed) or 3
    arrays = session_arrays(session, keys)
    scores, _ = draw_scores(arrays, draws, seed, spread, pool)
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
        ranges = _weight_ranges(solver, _scorer_at(arrays), target, weights, ceiling, done)
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
        proposed=tuple(proposed),
        weight_ranges=ranges,
        weights=weights,
        ceiling=ceiling,
    )


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


def _weight_ranges(
    solver,
    score_of,
    target: frozenset[int],
    weights: dict[str, float],
    ceiling: float,
    done: Callable[[float], None],
) -> dict[str, tuple[float, float | None]]:
    """Criterion id -> the range of its weight (the others fixed) over which the
    proposed portfolio (``target``, case indexes) stays a best one."""
    ranges: dict[str, tuple[float, float | None]] = {}
    for crit, w0 in weights.items():

        def same(w: float, crit: str = crit) -> bool:
            # The proposed portfolio is (still) a best one: ties keep it.
            values = score_of({**weights, crit: w})
            best = solver.best(values)
            if best is None or any(values[i] is None for i in target):
                return False
            mine = sum(values[i] for i in target)
            return mine >= sum(values[i] for i in best) - 1e-9

        ranges[crit] = _range(same, w0, ceiling)
        done(0.5 + 0.5 * len(ranges) / len(weights))
    return ranges


def _range(same, w0: float, ceiling: float, steps: int = 12) -> tuple[float, float | None]:
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


def _scorer_at(arrays: Arrays):
    """A function: weights by criterion id -> every case's score (``None``: sifted out)."""
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

    def scores(weights: dict[str, float]) -> list[float | None]:
        w = np.array([weights[c] for c in ids])
        den = present @ w
        with np.errstate(invalid="ignore", divide="ignore"):
            values = (norm @ w) / den
        return [
            float(v) if ok and d > 0 else None for v, ok, d in zip(values, passed, den, strict=True)
        ]

    return scores
