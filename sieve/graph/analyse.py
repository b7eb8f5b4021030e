"""The stakeholder graph: who works with whom, and where the programme is fragile.

A session's ``[[stakeholder]]`` and ``[[relation]]`` tables become a networkx graph;
analyses read it and return :class:`Finding` records, each worded (in
:mod:`sieve.i18n.catalogues.graph`) so that a civil servant in a steering meeting understands it:

- pivots (betweenness) and brokers (Burt's constraint and effective size), and whether
  the referent carries too much of the flow;
- single points of failure: who, if absent, and which tie, if broken, cuts whom off
  (articulation points and bridges of the undirected view);
- isolated or weakly tied ambassadors; hierarchy where the programme forbids it;
  second-circle members tied into the core beyond a threshold;
- Mendelow's power-interest grid, and communities (who works with whom).

Structure measures use the *ties*: the undirected view where two people are tied when
any relation joins them, weighted by the sum of those relations' weights (a relation of
weight 0 is no tie). Betweenness counts steps, not weights, so it reads as "lies on N %
of the shortest paths between two other people". Above :data:`EXACT_LIMIT` people it is
estimated from a fixed-seed sample, so results are the same from run to run.

No Textual here; networkx is imported inside the functions that need it.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from sieve.graph.findings import (
    ambassadors,
    brokers,
    forbidden_hierarchy,
    key_players_unlinked,
    one_way,
    pivots,
    quadrants,
    second_circle,
    single_points,
    trajectories,
)
from sieve.graph.measures import (
    EXACT_LIMIT,
    SAMPLE,
    SEED,
    betweenness,
    communities,
    structural_holes,
    ties_graph,
)
from sieve.graph.results import INFO_KINDS, WARNING_KINDS, Analysis, History, Metrics
from sieve.model import Relation, Session, Stakeholder, StakeholderRules
from sieve.timeline import by_person, roles_over_time, session_map

if TYPE_CHECKING:
    import networkx as nx


Progress = Callable[[str, int, int], None]
"""``progress(step, done, total)``: called before each analysis step."""


# -- the thresholds, read from the tamis ------------------------------------------------


# -- results ----------------------------------------------------------------------------


# -- the graph --------------------------------------------------------------------------


def build_graph(
    people: dict[str, Stakeholder],
    relations: Iterable[Relation],
    analysis: Analysis | None = None,
) -> nx.MultiDiGraph:
    """The stakeholder map as a directed multigraph, one edge per relation (key: its kind).

    Nodes carry ``name``, ``role``, ``org``, ``power`` and ``interest``; with an
    ``analysis``, also ``quadrant``, ``community``, ``ties``, ``betweenness`` and, for
    tied people, ``constraint`` and ``effective_size``. Edges carry ``kind`` and
    ``weight``; a forbidden hierarchy also ``forbidden = 1``.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for person in people.values():
        attrs: dict[str, Any] = {
            "name": person.name,
            "role": person.role,
            "org": person.org,
            "power": person.power,
            "interest": person.interest,
        }
        if analysis is not None:
            m = analysis.metrics[person.id]
            attrs.update(
                quadrant=m.quadrant,
                community=m.community,
                ties=m.ties,
                betweenness=m.betweenness,
            )
            if m.constraint is not None:
                attrs["constraint"] = m.constraint
            if m.effective_size is not None:
                attrs["effective_size"] = m.effective_size
        graph.add_node(person.id, **attrs)
    forbidden = set()
    if analysis is not None:
        forbidden = {tuple(f.people) for f in analysis.of("forbidden_hierarchy")}
    for r in relations:
        extra = {"forbidden": 1} if (r.source, r.target) in forbidden else {}
        graph.add_edge(r.source, r.target, key=r.kind, kind=r.kind, weight=r.weight, **extra)
    return graph


# -- the analyses -----------------------------------------------------------------------


_F = TypeVar("_F", bound=Callable[..., Any])


def cycle_collection_paused(func: _F) -> _F:
    """Run ``func`` with Python's automatic cycle collection paused, as it was after.

    The analyses of a large map build tens of thousands of short-lived dicts and sets
    (graphs, partitions, parts), which makes the collector walk every object of the
    process, the loaded session included, several times per analysis: about a fifth
    of the time on 5,000 people. Reference counting still frees all of it at once;
    cycles left behind are collected when collection resumes. Nothing computed changes.
    """

    @functools.wraps(func)
    def paused(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused  # type: ignore[return-value]


@cycle_collection_paused
def analyse(
    people: dict[str, Stakeholder],
    relations: Sequence[Relation],
    rules: StakeholderRules | None = None,
    *,
    exact_limit: int = EXACT_LIMIT,
    sample: int = SAMPLE,
    seed: int = SEED,
    progress: Progress | None = None,
    title: str = "",
    session_id: str = "",
    history: History | None = None,
    at: Any = None,  # the date analysed, with a history
) -> Analysis:
    """Every analysis of a stakeholder map (with a dated ``history``, :func:`pivot_findings`).

    ``progress(step, done, total)`` is called before each step (for a progress bar).
    """
    rules = rules or StakeholderRules()
    relations = tuple(relations)
    steps = ("ties", "betweenness", "structural_holes", "cuts", "communities", "checks")
    tick = progress or (lambda step, done, total: None)

    tick(steps[0], 0, len(steps))
    ties = ties_graph(people, relations)
    tick(steps[1], 1, len(steps))
    between, sampled = betweenness(ties, exact_limit, sample, seed)
    tick(steps[2], 2, len(steps))
    constraint, size = structural_holes(ties)
    tick(steps[3], 3, len(steps))
    findings = single_points(people, ties, rules)
    tick(steps[4], 4, len(steps))
    groups = communities(people, ties, seed)
    tick(steps[5], 5, len(steps))
    findings += forbidden_hierarchy(people, relations, rules)
    findings += pivots(people, between, rules)
    findings += ambassadors(people, ties, rules)
    findings += second_circle(people, ties, rules)
    findings += key_players_unlinked(people, ties, rules)
    findings += brokers(people, ties, constraint, size, rules)
    findings += pivot_findings(people, relations, history, at) if history else []
    rank = {kind: i for i, kind in enumerate(WARNING_KINDS + INFO_KINDS)}
    findings.sort(key=lambda f: rank[f.kind])  # stable: each analysis keeps its own order

    grid = quadrants(people, rules)
    in_quadrant = {p: q for q, members in grid.items() for p in members}
    group_of = {p: i for i, group in enumerate(groups) for p in group}
    outgoing = dict.fromkeys(people, 0)
    incoming = dict.fromkeys(people, 0)
    for r in relations:
        outgoing[r.source] += 1
        incoming[r.target] += 1
    metrics = {
        ident: Metrics(
            ties=ties.degree(ident),
            relations_out=outgoing[ident],
            relations_in=incoming[ident],
            betweenness=float(between.get(ident, 0.0)),
            constraint=constraint.get(ident),
            effective_size=size.get(ident),
            community=group_of.get(ident, -1),
            quadrant=in_quadrant[ident],
        )
        for ident in people
    }
    tick("done", len(steps), len(steps))
    return Analysis(
        people=dict(people),
        relations=relations,
        rules=rules,
        metrics=metrics,
        findings=findings,
        communities=groups,
        quadrants=grid,
        sample=sampled,
        title=title,
        session_id=session_id,
        at=at,
        history=history,
    )


def pivot_findings(
    people: dict[str, Stakeholder], relations: Sequence[Relation], history: History, at: Any
) -> list:
    """On a dated map: the relations to and from each referent that run one way only,
    and the referents' trajectories up to ``at``."""
    rows = by_person(history.assessments)
    roles = {
        ident: [
            (None if day is None else day.isoformat(), role)
            for day, role in roles_over_time(
                history.people.get(ident, person),
                [a for a in rows.get(ident, ()) if at is None or a.date <= at],
            )
        ]
        for ident, person in people.items()
        if ident in rows
    }
    return one_way(people, relations) + trajectories(people, roles)


def history_of(session: Session) -> History | None:
    """The session's whole dated map, or ``None`` when nothing on it is dated."""
    if not session.dated:
        return None
    return History(
        dict(session.people), tuple(session.relations), session.assessments, session.stances
    )


@cycle_collection_paused
def analyse_session(session: Session, at: Any = None, **options: Any) -> Analysis:
    """:func:`analyse` on a session's map as it stands at ``at`` (see :mod:`sieve.timeline`),
    with its tamis's thresholds.

    At ``None`` the map is the one after every dated entry: for a file with none, the
    map as written.
    """
    people, relations = session_map(session, at)
    return analyse(
        people,
        relations,
        session.tamis.stakeholder_rules,
        title=session.title,
        session_id=session.id,
        history=history_of(session),
        at=at,
        **options,
    )


# -- wording ----------------------------------------------------------------------------
