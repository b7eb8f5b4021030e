"""What every view, export and test computes from a session (FORMAT.md, "Meaning").

- group level of (case, criterion): median of the levels given; abstentions
  are not zeros;
- gates: a case passes when its group level is >= ``pass_at``; otherwise, or
  without any level, it is *sifted out* (kept, apart, with the gates that stopped it);
- score: sum of weight x (group level / top) over the score criteria that have a
  level, divided by the sum of their weights; a criterion nobody scored is left out
  of both sums and the case is *incomplete*;
- rank: passing cases by score, highest first, ties (within 1e-9) share the best
  rank and the next rank skips;
- disputed: (max - min) / top >= the tamis's ``group.disagreement``;
- attention: the sum of a subject's indicator weights, flagged at the threshold;
  a first case above ``first_case_max`` gets its own warning.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from sieve.engine.stances import stance_warnings
from sieve.model import CASE_SEPARATOR, Case, Criterion, Session, Tamis
from sieve.records import record

#: Scores closer than this are equal.
TIE_TOLERANCE = 1e-9

FLAG_ATTENTION = "attention"
FLAG_FIRST_CASE = "first-case-attention"


@record
class Cell:
    """The group's result for one (case, criterion)."""

    levels: tuple[int, ...]
    """The levels given, sorted (abstentions are absent)."""
    group: float | None
    """The median, or ``None`` when nobody gave a level."""
    disputed: bool


@record
class CaseResult:
    """Everything the engine says about one case."""

    case: Case
    cells: dict[str, Cell]
    """Criterion id -> cell, for every criterion of the tamis."""
    score: float | None
    """``None`` when no weighted score criterion has a level."""
    missing: tuple[str, ...]
    """Score criteria nobody scored for this case (the case is then incomplete)."""
    failed_gates: tuple[str, ...]
    """Gates whose group level is below ``pass_at`` or absent."""
    rank: int | None
    attention: float
    flags: tuple[str, ...]
    disputed: tuple[str, ...]
    """Criteria whose levels spread too far for this case."""

    @property
    def key(self) -> str:
        return self.case.key

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def sifted_out(self) -> bool:
        return bool(self.failed_gates)


@record
class Evaluation:
    """The results of a session: cases in ranking order, then sifted-out cases."""

    session: Session
    results: tuple[CaseResult, ...]
    attention: dict[str, float]
    """Subject id -> attention level."""
    weights: dict[str, float]
    """Criterion id -> the weight used (the tamis's, or an override)."""

    def result(self, key: str) -> CaseResult:
        for result in self.results:
            if result.key == key:
                return result
        raise KeyError(key)

    @property
    def passing(self) -> list[CaseResult]:
        return [r for r in self.results if not r.sifted_out]

    @property
    def sifted_out(self) -> list[CaseResult]:
        return [r for r in self.results if r.sifted_out]


def median(sorted_levels: tuple[int, ...] | list[int]) -> float | None:
    """The median of sorted levels: the mean of the two middle ones for an even count."""
    n = len(sorted_levels)
    if not n:
        return None
    mid = n // 2
    if n % 2:
        return float(sorted_levels[mid])
    return (sorted_levels[mid - 1] + sorted_levels[mid]) / 2


def attention_level(session: Session, subject_id: str) -> float:
    """The sum of the weights of the subject's attention indicators."""
    indicators = session.tamis.indicators
    return float(sum(indicators[i].weight for i in session.subjects[subject_id].attention))


def collect_levels(session: Session) -> dict[str, dict[str, list[int]]]:
    """Subject or case key -> criterion id -> the levels given, over all scorers.

    Each key gets a list for every criterion of its side (empty when nobody
    scored), so the hot loop appends without testing.
    """
    criteria = session.tamis.criteria
    sides = {
        False: [c.id for c in criteria if not c.on_angle],
        True: [c.id for c in criteria if c.on_angle],
    }
    cells: dict[str, dict[str, list[int]]] = {}
    for rows in session.scores.values():
        for key, entries in rows.items():
            bucket = cells.get(key)
            if bucket is None:
                bucket = cells[key] = {cid: [] for cid in sides[CASE_SEPARATOR in key]}
            for crit, level in entries.items():
                bucket[crit].append(level)
    return cells


# One case before ranking: case, cells, score, missing, failed gates, disputed,
# attention level, flags.
_Row = tuple[Case, dict[str, Cell], float | None, Sequence, Sequence, Sequence, float, Sequence]


def evaluate(
    session: Session,
    weights: dict[str, float] | None = None,
    levels: dict[str, dict[str, list[int]]] | None = None,
) -> Evaluation:
    """Compute every case's cells, gates, score, flags and rank.

    Args:
        session: the loaded session.
        weights: optional criterion id -> weight overrides (to see a ranking move
            before a weight change is saved).
        levels: optional :func:`collect_levels` of the session, kept up to date by
            the caller (the app's workbench updates it edit by edit rather than
            gathering every scorer's levels again after each keystroke).
    """
    tamis = session.tamis
    used = _used_weights(tamis.criteria, weights)
    levels_by_key = collect_levels(session) if levels is None else levels
    attention = {s: attention_level(session, s) for s in session.subjects}
    cases = _Cases(session, used, levels_by_key, attention)
    rows = [cases.row(case) for case in session.cases]
    return Evaluation(session, _ranked(rows), attention, used)


def reevaluate(
    previous: Evaluation,
    session: Session,
    keys: Collection[str],
    levels: dict[str, dict[str, list[int]]] | None = None,
) -> Evaluation:
    """:func:`evaluate` of ``session`` (with ``previous``'s weights) when it differs from
    ``previous.session`` only in the levels given to ``keys`` (subject ids or case keys).

    Only the cases of those keys are computed again (a subject's key: each of its
    cases); the others keep their results, and every case is ranked again. A result
    whose case and rank did not change is ``previous``'s very object, so that a view
    can tell by identity what it must draw again. Equal to a full evaluation (a
    property test checks it); a session whose tamis, subjects or angles are not
    ``previous``'s is evaluated in full.
    """
    before = previous.session
    if (
        session.tamis is not before.tamis
        or session.subjects is not before.subjects
        or session.angles is not before.angles
    ):
        return evaluate(session, previous.weights, levels)
    levels_by_key = collect_levels(session) if levels is None else levels
    cases = _Cases(session, previous.weights, levels_by_key, previous.attention)
    old = {result.key: result for result in previous.results}
    rows: list[_Row] = []
    kept: list[CaseResult | None] = []
    for case in session.cases:
        result = old.get(case.key)
        if result is None or case.key in keys or case.subject.id in keys:
            rows.append(cases.row(case))
            kept.append(None)
        else:
            rows.append(_row_of(result))
            kept.append(result)
    return Evaluation(session, _ranked(rows, kept), previous.attention, previous.weights)


def _row_of(result: CaseResult) -> _Row:
    """A result as the row it was ranked from."""
    r = result
    return (r.case, r.cells, r.score, r.missing, r.failed_gates, r.disputed, r.attention, r.flags)


class _Cases:
    """Computes one case's row (cells, gates, score, flags) before ranking."""

    def __init__(
        self,
        session: Session,
        used: dict[str, float],
        levels_by_key: dict[str, dict[str, list[int]]],
        attention: dict[str, float],
    ) -> None:
        tamis = self.tamis = session.tamis
        criteria = tamis.criteria
        self.cells_for = _medians(levels_by_key, tamis.disagreement)
        self.on_subject = [(c.id, c.scale.top) for c in criteria if not c.on_angle]
        self.on_angle = [(c.id, c.scale.top) for c in criteria if c.on_angle]
        # (id, is a gate, pass_at, weight, top, on an angle), in the tamis's order
        self.plan = [(c.id, c.is_gate, c.pass_at, used.get(c.id, 0.0), c.scale.top, c.on_angle)
                     for c in criteria]  # fmt: skip
        self.attention = attention
        self.subject_cells: dict[str, dict[str, Cell]] = {}
        # the stakeholders' stances on subjects: points of vigilance beside the score
        self.stance_flags = {
            subject: [w.kind for w in found] for subject, found in stance_warnings(session).items()
        }

    def row(self, case: Case) -> _Row:
        subject_id = case.subject.id
        by_subject = self.subject_cells.get(subject_id)
        if by_subject is None:
            by_subject = self.subject_cells[subject_id] = self.cells_for(
                subject_id, self.on_subject
            )
        by_angle = self.cells_for(case.key, self.on_angle)
        level = self.attention[subject_id]
        row = _gates_and_score(case, by_subject, by_angle, self.plan)
        flagged = _flags(case, level, self.tamis) + self.stance_flags.get(subject_id, [])
        return row + (level, flagged)


def _used_weights(
    criteria: tuple[Criterion, ...], weights: dict[str, float] | None
) -> dict[str, float]:
    """Score criterion id -> weight: the tamis's, or the override given for it."""
    used = {c.id: c.weight for c in criteria if not c.is_gate}
    if weights:
        used.update((k, float(v)) for k, v in weights.items() if k in used)
    return used


def _medians(
    levels_by_key: dict[str, dict[str, list[int]]], threshold: float
) -> Callable[[str, list[tuple[str, int]]], dict[str, Cell]]:
    """A function giving the cells (median, dispute) of one subject or case key for
    the ``(criterion id, top)`` pairs selected."""
    empty = Cell((), None, False)
    # Many cells hold the same levels: one Cell per (levels, top) is enough.
    memo: dict[tuple[tuple[int, ...], int], Cell] = {}

    def cells_for(key: str, selected: list[tuple[str, int]]) -> dict[str, Cell]:
        given = levels_by_key.get(key)
        if not given:
            return {cid: empty for cid, _top in selected}
        out = {}
        for cid, top in selected:
            found = given.get(cid)
            if not found:
                out[cid] = empty
                continue
            ordered = tuple(sorted(found))
            cell = memo.get((ordered, top))
            if cell is None:
                spread = (ordered[-1] - ordered[0]) / top
                cell = memo[(ordered, top)] = Cell(ordered, median(ordered), spread >= threshold)
            out[cid] = cell
        return out

    return cells_for


def _gates_and_score(
    case: Case,
    by_subject: dict[str, Cell],
    by_angle: dict[str, Cell],
    plan: list[tuple[str, bool, float, float, int, bool]],
) -> tuple[Case, dict[str, Cell], float | None, list, list, list]:
    """One case's cells in the tamis's order, its score, the score criteria nobody
    scored, the gates it failed and its disputed criteria."""
    cells = {}
    total = weight_sum = 0.0
    missing = []
    failed = []
    disputed = []
    for cid, gate, pass_at, weight, top, angle in plan:
        cell = cells[cid] = by_angle[cid] if angle else by_subject[cid]
        if cell.disputed:
            disputed.append(cid)
        group = cell.group
        if gate:
            if group is None or group < pass_at:
                failed.append(cid)
        elif group is None:
            missing.append(cid)
        else:
            total += weight * group / top
            weight_sum += weight
    score = total / weight_sum if weight_sum > 0 else None
    return case, cells, score, missing, failed, disputed


def _flags(case: Case, level: float, tamis: Tamis) -> list[str]:
    """The attention flags of a case whose subject has this attention level."""
    flags = []
    if level >= tamis.attention_threshold:
        flags.append(FLAG_ATTENTION)
    if case.subject.first_case and level > tamis.first_case_max:
        flags.append(FLAG_FIRST_CASE)
    return flags


def _ranked(
    rows: list[_Row], kept: list[CaseResult | None] | None = None
) -> tuple[CaseResult, ...]:
    """The results in display order, ranked (see :func:`ranking`); ``kept[i]``, when
    given, is the result row ``i`` had: used as it is if its rank is the same."""
    order, ranks = ranking([row[2] for row in rows], [not row[4] for row in rows])
    out = []
    for i in order:
        old = kept[i] if kept is not None else None
        if old is not None and old.rank == ranks[i]:
            out.append(old)
            continue
        case, cells, score, missing, failed, disputed, level, flags = rows[i]
        out.append(
            CaseResult(
                case=case,
                cells=cells,
                score=score,
                missing=tuple(missing),
                failed_gates=tuple(failed),
                rank=ranks[i],
                attention=level,
                flags=tuple(flags),
                disputed=tuple(disputed),
            )
        )
    return tuple(out)


def ranking(scores: list[float | None], passing: list[bool]) -> tuple[list[int], list[int | None]]:
    """The display order of cases and their ranks, from their scores and gates.

    Passing cases with a score come first, highest first; ties within
    :data:`TIE_TOLERANCE` share the best rank and the next rank skips (1, 1, 3), and
    keep the session's order (scores equal within the tolerance may still differ in
    their last bits). Then passing cases without a score, then sifted-out cases,
    both unranked and in the session's order.

    Returns:
        The indexes of the cases in display order, and each case's rank (by index).
    """
    scored = sorted(
        (i for i, s in enumerate(scores) if passing[i] and s is not None),
        key=lambda i: -scores[i],  # type: ignore[operator]
    )
    ranks: list[int | None] = [None] * len(scores)
    previous: float | None = None
    current = 0
    for position, i in enumerate(scored, start=1):
        score = scores[i]
        assert score is not None
        if previous is None or previous - score > TIE_TOLERANCE:
            current = position
        previous = score
        ranks[i] = current
    scored.sort(key=lambda i: (ranks[i], i))
    unscored = [i for i, s in enumerate(scores) if passing[i] and s is None]
    sifted = [i for i in range(len(scores)) if not passing[i]]
    return scored + unscored + sifted, ranks


def rank(results: list[CaseResult]) -> list[CaseResult]:
    """``results`` (in session order) ordered and ranked as :func:`ranking` says."""
    from dataclasses import replace

    order, ranks = ranking([r.score for r in results], [not r.failed_gates for r in results])
    return [replace(results[i], rank=ranks[i]) for i in order]


# -- explanation ------------------------------------------------------------------


@record
class CriterionLine:
    """One criterion's part in a case's result."""

    criterion: Criterion
    cell: Cell
    by_scorer: dict[str, int | None]
    """Scorer id -> level (``None``: abstained), in the session's scorer order."""
    share: float
    """The criterion's normalised weight among the scored score criteria (0 for gates)."""
    contribution: float
    """``share x group / top``: what it adds to the score (0 for gates)."""
    passed: bool | None
    """For a gate: did the case pass it; ``None`` for a score criterion."""


@record
class Explanation:
    """Why a case has its score, rank and flags."""

    result: CaseResult
    lines: tuple[CriterionLine, ...]
    notes: dict[str, dict[str, str]]
    """Scorer id -> {"subject" or "case" -> note}."""
    indicators: tuple[str, ...]
    """The attention indicators of the case's subject."""


def level_of(session: Session, scorer: str, case: Case, criterion: Criterion) -> int | None:
    """A scorer's level for (case, criterion), or ``None`` when they abstained."""
    key = case.key if criterion.on_angle else case.subject.id
    return session.scores.get(scorer, {}).get(key, {}).get(criterion.id)


def explain(evaluation: Evaluation, key: str) -> Explanation:
    """The explanation of one case (raises ``KeyError`` for an unknown case)."""
    session = evaluation.session
    result = evaluation.result(key)
    case = result.case
    weights = evaluation.weights
    scored_weight = sum(
        weights[c.id]
        for c in session.tamis.criteria
        if not c.is_gate and result.cells[c.id].group is not None
    )
    lines = []
    for crit in session.tamis.criteria:
        cell = result.cells[crit.id]
        share = contribution = 0.0
        passed = None
        if crit.is_gate:
            passed = crit.id not in result.failed_gates
        elif cell.group is not None and scored_weight > 0:
            share = weights[crit.id] / scored_weight
            contribution = share * cell.group / crit.scale.top
        lines.append(
            CriterionLine(
                criterion=crit,
                cell=cell,
                by_scorer={s: level_of(session, s, case, crit) for s in session.scorers},
                share=share,
                contribution=contribution,
                passed=passed,
            )
        )
    notes: dict[str, dict[str, str]] = {}
    for scorer in session.scorers:
        mine = session.notes.get(scorer, {})
        picked = {
            label: mine[k]
            for label, k in (("subject", case.subject.id), ("case", case.key))
            if k in mine
        }
        if picked:
            notes[scorer] = picked
    return Explanation(result, tuple(lines), notes, case.subject.attention)
