"""Every point of vigilance of a session, in one list (no Textual here).

A :class:`Flag` says what to look at and where: subjects at or over the
political-attention threshold, a first case over its limit, disputed cells,
incomplete cases (naming every criterion nobody scored), gates failed (or never
scored), subjects opposed by a stakeholder of high power or with no supporter among
the services concerned (:mod:`sieve.engine.stances`), subjects with no angle (which
cannot become a case), and the other warnings found in the files.
"""

from __future__ import annotations

from dataclasses import field

from sieve.engine.evaluate import FLAG_ATTENTION, FLAG_FIRST_CASE, Evaluation
from sieve.engine.stances import NO_SERVICE_SUPPORT, OPPOSED, stance_warnings
from sieve.errors import Problem
from sieve.records import record

ATTENTION = "attention"
FIRST_CASE = "first-case"
DISPUTED = "disputed"
INCOMPLETE = "incomplete"
GATE = "gate"
NO_ANGLE = "no-angle"
WARNING = "warning"

#: The order flags are listed in (most political first).
ORDER = (
    FIRST_CASE,
    ATTENTION,
    OPPOSED,
    NO_SERVICE_SUPPORT,
    GATE,
    DISPUTED,
    INCOMPLETE,
    NO_ANGLE,
    WARNING,
)

#: The file warning a :data:`NO_ANGLE` flag stands for (not listed twice).
NO_ANGLE_CODE = "subject.no_angle"


@record
class Flag:
    """One point of vigilance."""

    kind: str
    key: str = ""
    """The subject id or case key it is about (``""`` for a file warning)."""
    criterion: str = ""
    """The criterion it is about, if any (the first, when there are several)."""
    params: dict[str, object] = field(default_factory=dict)
    problem: Problem | None = None
    criteria: tuple[str, ...] = ()
    """Every criterion it is about (an incomplete case: each one nobody scored)."""
    people: tuple[str, ...] = ()
    """The stakeholders it is about (a stance warning: who opposes, or the services)."""


def flags(evaluation: Evaluation, problems: list[Problem] | None = None) -> list[Flag]:
    """Every flag of an evaluation, grouped by kind in :data:`ORDER`."""
    session = evaluation.session
    tamis = session.tamis
    found: dict[str, list[Flag]] = {kind: [] for kind in ORDER}
    seen_subjects: set[str] = set()
    seen_disputes: set[tuple[str, str]] = set()
    on_angle = {c.id for c in tamis.criteria if c.on_angle}
    disputed = found[DISPUTED]
    for result in evaluation.results:
        subject = result.case.subject
        if subject.id not in seen_subjects:
            seen_subjects.add(subject.id)
            level = evaluation.attention.get(subject.id, 0.0)
            if FLAG_ATTENTION in result.flags:
                found[ATTENTION].append(
                    Flag(
                        ATTENTION,
                        subject.id,
                        params={"level": level, "threshold": tamis.attention_threshold},
                    )
                )
            if FLAG_FIRST_CASE in result.flags:
                found[FIRST_CASE].append(
                    Flag(
                        FIRST_CASE, subject.id, params={"level": level, "max": tamis.first_case_max}
                    )
                )
        case_key = result.key  # (a property: made once per case)
        cells = result.cells
        for crit_id in result.disputed:
            key = case_key if crit_id in on_angle else subject.id
            if (key, crit_id) in seen_disputes:
                continue
            seen_disputes.add((key, crit_id))
            levels = cells[crit_id].levels
            disputed.append(Flag(DISPUTED, key, crit_id, {"low": levels[0], "high": levels[-1]}))
        if result.missing:
            found[INCOMPLETE].append(
                Flag(
                    INCOMPLETE,
                    result.key,
                    result.missing[0],
                    {"count": len(result.missing)},
                    criteria=result.missing,
                )
            )
        for gate in result.failed_gates:
            unscored = result.cells[gate].group is None
            found[GATE].append(Flag(GATE, result.key, gate, {"unscored": True} if unscored else {}))
    for subject_id, found_here in stance_warnings(session).items():
        for w in found_here:
            found[w.kind].append(
                Flag(w.kind, subject_id, params={"count": len(w.people)}, people=w.people)
            )
    for subject_id in session.subjects:
        if subject_id not in seen_subjects:
            found[NO_ANGLE].append(Flag(NO_ANGLE, subject_id))
    for problem in problems or ():
        if not problem.is_error and problem.code != NO_ANGLE_CODE:
            found[WARNING].append(Flag(WARNING, problem=problem))
    return [flag for kind in ORDER for flag in found[kind]]
