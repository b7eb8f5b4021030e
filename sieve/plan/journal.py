"""The decision journal: record a choice with its reasons, review how it went.

A decision is appended to the session file as a ``[[decision]]`` table, with one
``[[decision.case]]`` per chosen case holding what the sieve said at that moment
(score, rank, flags, disputes). A review writes ``outcome``, ``outcome_note`` and
``reviewed`` into one of those tables. Both edits go through tomlkit on the
existing document and :class:`~sieve.save.document.TomlDocument` (atomic, refusing a file
changed on disk), so comments and unknown keys survive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sieve.model import OUTCOME_TOP, Decision

# -- prediction against outcome ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    """The sieve's predictions against the reviewed outcomes, across decisions."""

    pairs: tuple[tuple[str, str, float, int], ...]
    """(decision id, case key, score at the decision, outcome level), reviewed cases only."""
    mean_gap: float | None
    """Mean of |score - outcome / OUTCOME_TOP| (both on 0..1)."""
    spearman: float | None
    """Rank correlation of score and outcome (``None``: fewer than 3 pairs or no spread)."""
    pending: int
    """Chosen cases not reviewed yet."""


def compare(decisions: Sequence[Decision]) -> Comparison:
    pairs = []
    pending = 0
    for d in decisions:
        for s in d.snapshots:
            if s.outcome is None:
                pending += 1
            elif s.score is not None:
                pairs.append((d.id, s.case, s.score, s.outcome))
    gap = (
        sum(abs(score - level / OUTCOME_TOP) for _, _, score, level in pairs) / len(pairs)
        if pairs
        else None
    )
    return Comparison(tuple(pairs), gap, _spearman(pairs), pending)


def _ranks(values: list[float]) -> list[float]:
    """Average ranks (ties share the mean of their positions)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _spearman(pairs: Sequence[tuple[str, str, float, int]]) -> float | None:
    if len(pairs) < 3:
        return None
    x = _ranks([p[2] for p in pairs])
    y = _ranks([float(p[3]) for p in pairs])
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return None
    return sxy / (sxx * syy) ** 0.5
