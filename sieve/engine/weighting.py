"""Weights the room can defend: rank-order weights, Saaty's AHP, and a group's AHP.

Three ways to turn what a group says into criterion weights, each reproducible from
what it records in the tamis (``[weighting]``, see docs/format.md):

- **rank order**: the group only orders the score criteria, most important first;
  ROC (rank-order centroid, Barron and Barrett 1996), rank-sum or rank-reciprocal
  weights follow from the positions alone;
- **AHP** (Saaty): the group answers pairwise questions on Saaty's 1–9 scale
  ("does A count more than B? how much?"); the weights are the principal
  eigenvector of the reciprocal matrix (Saaty's own method, the default) or its
  normalised row geometric means (named option). λmax, CI = (λmax − n)/(n − 1) and
  CR = CI/RI with Saaty's random index table say how far the answers contradict
  each other; above 0.10 the judgments that contribute most are named;
- **a group**: several people's matrices combined by the geometric mean of the
  individual judgments (aggregation of individual judgments), each person's CR
  kept beside the group's.

Pure computation on ids and numbers: no files, no Textual; numpy is imported inside
the functions that need it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: The rank-order methods, by their name on the command line and in ``[weighting]``.
ORDER_METHODS = ("roc", "rank-sum", "rank-reciprocal")
#: How AHP weights are derived from a matrix: principal eigenvector (default) or row
#: geometric mean.
AHP_METHODS = ("eigen", "geometric")

#: Saaty's random index RI for n = 1 … 10 (Saaty, The Analytic Hierarchy Process, 1980;
#: the table of the EJOR 1990 paper): the mean CI of random reciprocal matrices.
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
#: The name of that table, shown beside every CR.
RANDOM_INDEX_TABLE = "Saaty 1980 (n = 1…10)"
#: Above this CR the judgments are flagged as inconsistent (Saaty's 10 % rule).
CR_LIMIT = 0.10
#: Saaty's scale: the answers a pairwise question can take, reciprocals implied.
SAATY_SCALE = (1, 2, 3, 4, 5, 6, 7, 8, 9)
#: How many judgments are named when the CR is above the limit.
CULPRITS = 3


# -- rank order ------------------------------------------------------------------------


def rank_order_weights(order: Sequence[str], method: str = "roc") -> dict[str, float]:
    """Weights from an order of criteria, most important first; they sum to 1.

    ``roc``: w_i = (1/n) Σ_{k=i..n} 1/k (Barron and Barrett 1996);
    ``rank-sum``: w_i = 2 (n + 1 − i) / (n (n + 1));
    ``rank-reciprocal``: w_i = (1/i) / Σ_k 1/k.
    """
    if method not in ORDER_METHODS:
        raise ValueError(f"unknown rank-order method {method!r}")
    if len(set(order)) != len(order):
        raise ValueError("an order names each criterion once")
    n = len(order)
    if n == 0:
        return {}
    if method == "roc":
        raw = [sum(1 / k for k in range(i, n + 1)) / n for i in range(1, n + 1)]
    elif method == "rank-sum":
        raw = [2 * (n + 1 - i) / (n * (n + 1)) for i in range(1, n + 1)]
    else:
        harmonic = sum(1 / k for k in range(1, n + 1))
        raw = [(1 / i) / harmonic for i in range(1, n + 1)]
    total = sum(raw)
    return {ident: value / total for ident, value in zip(order, raw, strict=True)}


# -- AHP -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Judgment:
    """One pairwise judgment: ``first`` counts ``value`` times as much as ``second``."""

    first: str
    second: str
    value: float


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """A judgment that departs from what the weights imply.

    ``given`` is the judgment as answered (first over second), ``implied`` the ratio
    of the weights w_first / w_second; ``factor`` = given / implied, ≥ 1 when the
    answer overstates ``first``.
    """

    first: str
    second: str
    given: float
    implied: float

    @property
    def factor(self) -> float:
        return self.given / self.implied

    @property
    def suggested(self) -> float:
        """The value of Saaty's scale (or its reciprocal) nearest to ``implied``."""
        return nearest_saaty(self.implied)


@dataclass(frozen=True, slots=True)
class AhpResult:
    """The weights of one pairwise matrix and how consistent it is."""

    ids: tuple[str, ...]
    method: str
    """``"eigen"`` or ``"geometric"``."""
    weights: dict[str, float]
    """By criterion id, summing to 1."""
    lambda_max: float
    ci: float
    random_index: float | None
    """Saaty's RI for n; ``None`` beyond the table (n > 10)."""
    cr: float | None
    """CI / RI; 0 for n ≤ 2 (always consistent); ``None`` when RI is unknown."""
    culprits: tuple[Inconsistency, ...]
    """The judgments that contribute most to the inconsistency, worst first."""

    @property
    def inconsistent(self) -> bool:
        """CR above :data:`CR_LIMIT` (Saaty's 10 % rule)."""
        return self.cr is not None and self.cr > CR_LIMIT + 1e-12


@dataclass(frozen=True, slots=True)
class GroupResult:
    """A group's combined weights, and each person's own result."""

    combined: AhpResult
    people: tuple[tuple[str, AhpResult], ...]
    """(name, result) for each person, in the order given."""


def nearest_saaty(ratio: float) -> float:
    """The value of Saaty's scale (1…9 or 1/9…1) nearest to ``ratio`` on a log scale."""
    if ratio >= 1:
        return float(min(SAATY_SCALE, key=lambda v: abs(math.log(v / ratio))))
    return 1 / nearest_saaty(1 / ratio)


def random_index(n: int) -> float | None:
    """Saaty's RI for a matrix of order n (``None`` beyond n = 10)."""
    if n < 1:
        raise ValueError("a matrix has at least one criterion")
    return RANDOM_INDEX[n - 1] if n <= len(RANDOM_INDEX) else None


def matrix_from_judgments(ids: Sequence[str], judgments: Sequence[Judgment]) -> list[list[float]]:
    """The full reciprocal matrix; a pair nobody answered counts as equal (1).

    Raises ``ValueError`` for an unknown id, a non-positive value, a judgment of a
    criterion against itself other than 1, or a pair given twice inconsistently.
    """
    index = {ident: i for i, ident in enumerate(ids)}
    if len(index) != len(ids):
        raise ValueError("criteria must be distinct")
    n = len(ids)
    matrix = [[1.0] * n for _ in range(n)]
    given: dict[tuple[int, int], float] = {}
    for judgment in judgments:
        for ident in (judgment.first, judgment.second):
            if ident not in index:
                raise ValueError(f"unknown criterion {ident!r}")
        value = float(judgment.value)
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"a judgment must be positive, not {judgment.value!r}")
        i, j = index[judgment.first], index[judgment.second]
        if i == j:
            if not math.isclose(value, 1.0):
                raise ValueError(f"{judgment.first!r} against itself must be 1")
            continue
        pair = (min(i, j), max(i, j))
        upper = value if i < j else 1 / value
        if pair in given and not math.isclose(given[pair], upper, rel_tol=1e-6):
            raise ValueError(f"{judgment.first!r} and {judgment.second!r} judged twice")
        given[pair] = upper
    for (i, j), value in given.items():
        matrix[i][j] = value
        matrix[j][i] = 1 / value
    return matrix


def ahp_weights(
    ids: Sequence[str], matrix: Sequence[Sequence[float]], method: str = "eigen"
) -> AhpResult:
    """Weights, λmax, CI and CR of a positive reciprocal matrix (``matrix[i][j]``: how
    many times ``ids[i]`` counts as much as ``ids[j]``).

    ``eigen``: the principal (Perron) eigenvector and eigenvalue, as Saaty defines
    them. ``geometric``: the normalised geometric means of the rows; λmax is then
    estimated as the mean of (A w)_i / w_i, as the row-geometric-mean method does.
    """
    import numpy as np

    if method not in AHP_METHODS:
        raise ValueError(f"unknown AHP method {method!r}")
    a = np.asarray(matrix, dtype=float)
    n = len(ids)
    if a.shape != (n, n) or n == 0:
        raise ValueError("the matrix must be square, one row and column per criterion")
    if np.any(~np.isfinite(a)) or np.any(a <= 0):
        raise ValueError("judgments must be positive")
    if method == "eigen":
        values, vectors = np.linalg.eig(a)
        k = int(np.argmax(values.real))
        w = np.abs(vectors[:, k].real)
        lam = float(values[k].real)
    else:
        w = np.exp(np.log(a).mean(axis=1))
        w = w / w.sum()
        lam = float(np.mean((a @ w) / w))
    w = w / w.sum()
    lam = max(lam, float(n))  # λmax ≥ n for a reciprocal matrix; keeps rounding noise out
    ci = (lam - n) / (n - 1) if n > 1 else 0.0
    ri = random_index(n)
    if n <= 2:
        cr: float | None = 0.0
    elif ri:
        cr = ci / ri
    else:
        cr = None
    weights = {ident: float(value) for ident, value in zip(ids, w, strict=True)}
    culprits = _culprits(ids, a, w) if cr is None or cr > CR_LIMIT + 1e-12 else ()
    return AhpResult(tuple(ids), method, weights, lam, ci, ri, cr, culprits)


def _culprits(ids: Sequence[str], a, w) -> tuple[Inconsistency, ...]:
    """The judgments whose ratio to the weights' ratio is furthest from 1 (|ln e_ij|,
    e_ij = a_ij w_j / w_i, Saaty's measure of each judgment's departure)."""
    n = len(ids)
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            implied = float(w[i] / w[j])
            given = float(a[i][j])
            pairs.append((abs(math.log(given / implied)), i, j, given, implied))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    found = []
    for error, i, j, given, implied in pairs[:CULPRITS]:
        if error < 1e-9:
            break
        # worded as the question was asked: the criterion that was favoured comes first
        if given >= 1:
            found.append(Inconsistency(ids[i], ids[j], given, implied))
        else:
            found.append(Inconsistency(ids[j], ids[i], 1 / given, 1 / implied))
    return tuple(found)


def combine_matrices(matrices: Sequence[Sequence[Sequence[float]]]) -> list[list[float]]:
    """The element-wise geometric mean of several people's matrices (still reciprocal)."""
    import numpy as np

    if not matrices:
        raise ValueError("at least one matrix")
    stack = np.asarray(matrices, dtype=float)
    if np.any(stack <= 0):
        raise ValueError("judgments must be positive")
    return np.exp(np.log(stack).mean(axis=0)).tolist()


def group_weights(
    ids: Sequence[str],
    people: Sequence[tuple[str, Sequence[Sequence[float]]]],
    method: str = "eigen",
) -> GroupResult:
    """Combine several people's judgments (geometric mean of the individual judgments)
    and derive the group's weights; each person's own weights and CR are kept."""
    if not people:
        raise ValueError("at least one person")
    own = tuple((name, ahp_weights(ids, matrix, method)) for name, matrix in people)
    combined = ahp_weights(ids, combine_matrices([m for _n, m in people]), method)
    return GroupResult(combined, own)


def judgments_of(ids: Sequence[str], matrix: Sequence[Sequence[float]]) -> list[Judgment]:
    """The upper half of a matrix as judgments, each worded with the favoured criterion
    first (value ≥ 1), as ``[weighting]`` records them."""
    found = []
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            value = float(matrix[i][j])
            if value >= 1:
                found.append(Judgment(ids[i], ids[j], value))
            else:
                found.append(Judgment(ids[j], ids[i], 1 / value))
    return found


def ranking_by_weight(weights: Mapping[str, float]) -> list[tuple[str, int]]:
    """The criteria by weight, heaviest first, with ranks (equal weights share a rank)."""
    ordered = sorted(weights.items(), key=lambda kv: -kv[1])
    ranks: list[tuple[str, int]] = []
    for position, (ident, value) in enumerate(ordered, start=1):
        if ranks and math.isclose(value, weights[ranks[-1][0]], abs_tol=1e-9):
            ranks.append((ident, ranks[-1][1]))
        else:
            ranks.append((ident, position))
    return ranks
