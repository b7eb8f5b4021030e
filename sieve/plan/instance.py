"""A planning instance: the candidate cases of a session and the constraints of ``[portfolio]``;
what a set of cases breaks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sieve.engine.evaluate import Evaluation, evaluate
from sieve.model import Portfolio, Session

#: Totals closer than this are equal.
TOLERANCE = 1e-9


#: The constraint groups of the optimiser, in the order they are reported.
GROUPS = (
    "gates",
    "count.min",
    "count.max",
    "subjects.distinct",
    "sessions.budget",
    "days.budget",
    "diversity.types",
    "diversity.territories",
    "diversity.methods",
    "attention.max",
    "first-case",
    "pinned",
    "excluded",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A case as the optimiser sees it."""

    key: str
    score: float | None
    """``None``: the case cannot be chosen (sifted out, or no score)."""
    rank: int | None
    subject: str
    type: str
    territory: str
    methods: tuple[str, ...]
    attention: float
    exposed: bool
    """At or over the tamis's attention threshold."""
    first_ok: bool
    """May open the Transfo (the first-case rule)."""
    marked: bool
    """Its subject is marked ``first_case``."""
    need: int
    """Sessions it takes (planned, or the portfolio's ``case_sessions``)."""
    failed_gates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instance:
    """Everything the optimiser needs: candidates (in ranking order) and constraints."""

    candidates: tuple[Candidate, ...]
    portfolio: Portfolio
    threshold: float
    first_case_max: float

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.candidates]

    def index(self, key: str) -> int:
        return self.keys.index(key)


def portfolio_of(session: Session) -> Portfolio:
    """The session's portfolio (the protocol's defaults when it has none)."""
    return session.portfolio or Portfolio()


def first_case_ok(rule: str, marked: bool, attention: float, limit: float) -> bool:
    """Whether a case may open the Transfo under the portfolio's ``first_case`` rule."""
    calm = attention <= limit + TOLERANCE
    return {
        "marked-or-calm": marked or calm,
        "marked": marked,
        "calm": calm,
        "marked-and-calm": marked and calm,
        "none": True,
    }[rule]


def build_instance(
    session: Session,
    evaluation: Evaluation | None = None,
    scores: dict[str, float | None] | None = None,
) -> Instance:
    """The optimiser's view of a session.

    Args:
        session: the loaded session.
        evaluation: its evaluation (computed when not given).
        scores: optional case key -> score overrides (``None``: not a candidate),
            used by the robustness analysis.
    """
    evaluation = evaluation or evaluate(session)
    portfolio = portfolio_of(session)
    tamis = session.tamis
    limit = tamis.first_case_max if portfolio.first_case_max is None else portfolio.first_case_max
    planned = {p.case: len(p.sessions) for p in portfolio.planned}
    out = []
    for r in evaluation.results:
        score = None if r.sifted_out else r.score
        if scores is not None:
            score = scores.get(r.key)
        marked = r.case.subject.first_case
        out.append(
            Candidate(
                key=r.key,
                score=score,
                rank=r.rank,
                subject=r.case.subject.id,
                type=r.case.subject.type,
                territory=r.case.subject.territory,
                methods=tuple(dict.fromkeys(r.case.angle.methods)),
                attention=r.attention,
                exposed=r.attention >= tamis.attention_threshold,
                first_ok=first_case_ok(portfolio.first_case, marked, r.attention, limit),
                marked=marked,
                need=planned.get(r.key) or portfolio.case_sessions,
                failed_gates=r.failed_gates,
            )
        )
    return Instance(tuple(out), portfolio, tamis.attention_threshold, limit)


@dataclass(frozen=True, slots=True)
class Status:
    """A constraint on a portfolio: met or not, with the figures to word it."""

    id: str
    met: bool
    params: dict
    conflict: bool = False
    """Part of a set of constraints that cannot all be met."""


def measure(inst: Instance, chosen: Iterable[int]) -> list[Status]:
    """Every constraint group evaluated on a set of candidate indexes."""
    p = inst.portfolio
    picked = [inst.candidates[i] for i in chosen]
    keys = [c.key for c in picked]
    n = len(picked)
    blocked = [c.key for c in picked if c.score is None]
    by_subject: dict[str, list[str]] = {}
    for c in picked:
        by_subject.setdefault(c.subject, []).append(c.key)
    twice = [s for s, ks in by_subject.items() if len(ks) > 1]
    need = sum(c.need for c in picked)
    days = need * p.session_days
    types = sorted({c.type for c in picked if c.type})
    territories = sorted({c.territory for c in picked if c.territory})
    methods = sorted({m for c in picked for m in c.methods})
    exposed = [c.key for c in picked if c.exposed]
    firsts = [c.key for c in picked if c.first_ok]
    missing_pins = [k for k in p.pinned if k not in keys]
    excluded_in = [k for k in p.excluded if k in keys]
    return [
        Status("gates", not blocked, {"cases": ", ".join(blocked) or "-"}),
        Status("count.min", n >= p.min_cases, {"count": n, "min": p.min_cases}),
        Status("count.max", n <= p.max_cases, {"count": n, "max": p.max_cases}),
        Status(
            "subjects.distinct",
            not (p.one_case_per_subject and twice),
            {"subjects": ", ".join(twice) or "-", "on": p.one_case_per_subject},
        ),
        Status("sessions.budget", need <= p.sessions, {"count": need, "max": p.sessions}),
        Status(
            "days.budget",
            days <= p.days + TOLERANCE,
            {"days": days, "max": p.days, "per": p.session_days},
        ),
        Status(
            "diversity.types",
            len(types) >= p.min_types,
            {"count": len(types), "min": p.min_types, "values": ", ".join(types) or "-"},
        ),
        Status(
            "diversity.territories",
            len(territories) >= p.min_territories,
            {
                "count": len(territories),
                "min": p.min_territories,
                "values": ", ".join(territories) or "-",
            },
        ),
        Status(
            "diversity.methods",
            len(methods) >= p.min_methods,
            {"count": len(methods), "min": p.min_methods, "values": ", ".join(methods) or "-"},
        ),
        Status(
            "attention.max",
            len(exposed) <= p.max_exposed,
            {
                "count": len(exposed),
                "max": p.max_exposed,
                "threshold": inst.threshold,
                "cases": ", ".join(exposed) or "-",
            },
        ),
        Status(
            "first-case",
            bool(firsts) or p.first_case == "none",
            {"rule": p.first_case, "max": inst.first_case_max, "cases": ", ".join(firsts) or "-"},
        ),
        Status("pinned", not missing_pins, {"cases": ", ".join(missing_pins) or "-"}),
        Status("excluded", not excluded_in, {"cases": ", ".join(excluded_in) or "-"}),
    ]


def feasible(inst: Instance, chosen: Iterable[int]) -> bool:
    return all(s.met for s in measure(inst, chosen))
