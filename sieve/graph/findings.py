"""The points of vigilance of a stakeholder map, each a :class:`~sieve.graph.results.Finding`:
pivots, brokers, single points of failure, ambassadors, hierarchy, second circle, the grid."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sieve.graph.measures import cuts
from sieve.graph.results import INFO, QUADRANTS, WARNING, Finding
from sieve.model import Relation, Stakeholder, StakeholderRules

if TYPE_CHECKING:
    import networkx as nx


#: People with at least this many ties may be brokers (one or two ties broker nothing).
BROKER_MIN_TIES = 3


def pivots(
    people: dict[str, Stakeholder],
    between: dict[str, float],
    rules: StakeholderRules,
) -> list[Finding]:
    """Pivots (high betweenness), and referents who carry too much of the flow."""
    out = []
    for ident in sorted(people, key=lambda i: -between.get(i, 0.0)):
        share = between.get(ident, 0.0)
        if people[ident].role == "referent" and share > rules.referent_max_share:
            out.append(
                Finding(
                    "referent_load",
                    WARNING,
                    (ident,),
                    {"person": ident, "share": share, "limit_share": rules.referent_max_share},
                )
            )
        if share >= rules.pivot_min_share and share > 0:
            out.append(Finding("pivot", INFO, (ident,), {"person": ident, "share": share}))
    return out


def brokers(
    people: dict[str, Stakeholder],
    ties: nx.Graph,
    constraint: dict[str, float | None],
    size: dict[str, float | None],
    rules: StakeholderRules,
) -> list[Finding]:
    """People whose contacts do not know each other: they bridge separate groups."""
    found = []
    for ident in people:
        c = constraint.get(ident)
        degree = ties.degree(ident)
        if c is not None and degree >= BROKER_MIN_TIES and c <= rules.broker_max_constraint:
            found.append((c, ident))
    found.sort(key=lambda pair: pair[0])
    return [
        Finding(
            "broker",
            INFO,
            (ident,),
            {
                "person": ident,
                "constraint": c,
                "effective_size": size.get(ident) or 0.0,
                "ties": ties.degree(ident),
            },
        )
        for c, ident in found
    ]


def _main_part(parts: Sequence[tuple[str, ...]], core: set[str]) -> int:
    """The part that stays "the programme": most core people, then most people, then first."""
    return min(
        range(len(parts)),
        key=lambda i: (-len(core.intersection(parts[i])), -len(parts[i]), i),
    )


def single_points(
    people: dict[str, Stakeholder], ties: nx.Graph, rules: StakeholderRules
) -> list[Finding]:
    """Who, if absent, and which tie, if broken, cuts whom off from the rest.

    Also the people in no group with the core team at all (other than the isolated
    ambassadors, reported apart).
    """
    import networkx as nx

    core = {i for i, p in people.items() if p.role in rules.core_roles}
    order = {ident: i for i, ident in enumerate(people)}
    # The component with the most core people (then the most people) is the programme;
    # the others float apart: reported as such, without their inner cut points.
    components = [tuple(sorted(c, key=order.get)) for c in nx.connected_components(ties)]
    main = _main_part(components, core) if components else -1
    programme = set(components[main]) if components else set()
    found = cuts(ties)
    out = []
    for v, parts in found.vertices.items():
        if v not in programme:
            continue
        keep = _main_part(parts, core)
        # No part stands out as "the programme" (a star...): every part is cut off.
        ranks = sorted((-len(core.intersection(part)), -len(part)) for part in parts)
        split = ranks[0] == ranks[1]
        cut_off = sorted(
            (p for i, part in enumerate(parts) if split or i != keep for p in part),
            key=order.get,
        )
        params: dict[str, Any] = {"person": v, "cut_off": cut_off}
        if split:
            params.update(split=True, pieces=len(parts))
        out.append(Finding("cut_vertex", WARNING, (v, *cut_off), params))
    for u, v, side_u, side_v in found.bridges:
        if u not in programme:
            continue
        keep = _main_part((side_u, side_v), core)
        cut_off = list(side_v if keep == 0 else side_u)
        source, target = (u, v) if keep == 0 else (v, u)
        out.append(
            Finding(
                "bridge",
                WARNING,
                (source, target, *cut_off),
                {"source": source, "target": target, "cut_off": cut_off},
            )
        )
    if len(components) > 1:
        for i, component in enumerate(components):
            if i == main:
                continue
            alone = [
                p for p in component if not (len(component) == 1 and people[p].role == "ambassador")
            ]
            if alone:
                out.append(Finding("disconnected", WARNING, tuple(alone), {"members": alone}))
    out.sort(key=lambda f: (f.kind != "cut_vertex", -len(f.params.get("cut_off", ())), 0))
    return out


def ambassadors(
    people: dict[str, Stakeholder], ties: nx.Graph, rules: StakeholderRules
) -> list[Finding]:
    """Ambassadors tied to nobody, or to fewer people than ``ambassador_min_ties``."""
    out = []
    for ident, person in people.items():
        if person.role != "ambassador":
            continue
        others = list(ties.adj[ident])
        if not others:
            out.append(Finding("isolated_ambassador", WARNING, (ident,), {"person": ident}))
        elif len(others) < rules.ambassador_min_ties:
            out.append(
                Finding(
                    "weak_ambassador",
                    WARNING,
                    (ident, *others),
                    {
                        "person": ident,
                        "others": others,
                        "ties": len(others),
                        "minimum": rules.ambassador_min_ties,
                    },
                )
            )
    return out


def forbidden_hierarchy(
    people: dict[str, Stakeholder], relations: Iterable[Relation], rules: StakeholderRules
) -> list[Finding]:
    """``hierarchy`` relations between La 27e Région's people and the local government's."""
    programme, local = set(rules.programme_roles), set(rules.local_roles)
    out = []
    for r in relations:
        if r.kind != "hierarchy":
            continue
        a, b = people[r.source].role, people[r.target].role
        if (a in programme and b in local) or (a in local and b in programme):
            out.append(
                Finding(
                    "forbidden_hierarchy",
                    WARNING,
                    (r.source, r.target),
                    {"source": r.source, "target": r.target},
                )
            )
    return out


def second_circle(
    people: dict[str, Stakeholder], ties: nx.Graph, rules: StakeholderRules
) -> list[Finding]:
    """Second-circle members (relay, elected) tied to more core people than allowed."""
    core = {i for i, p in people.items() if p.role in rules.core_roles}
    order = {ident: i for i, ident in enumerate(people)}
    out = []
    for ident, person in people.items():
        if person.role not in rules.second_circle_roles or person.role in rules.core_roles:
            continue
        tied = sorted((p for p in ties.adj[ident] if p in core), key=order.get)
        if len(tied) > rules.second_circle_max_ties:
            out.append(
                Finding(
                    "second_circle",
                    WARNING,
                    (ident, *tied),
                    {
                        "person": ident,
                        "role": person.role,
                        "core": tied,
                        "ties": len(tied),
                        "limit": rules.second_circle_max_ties,
                    },
                )
            )
    return out


def quadrant(person: Stakeholder, rules: StakeholderRules) -> str:
    """Mendelow's quadrant of a person, from their power and interest."""
    power = person.power >= rules.high_power
    interest = person.interest >= rules.high_interest
    if power:
        return "manage_closely" if interest else "keep_satisfied"
    return "keep_informed" if interest else "monitor"


def quadrants(
    people: dict[str, Stakeholder], rules: StakeholderRules
) -> dict[str, tuple[str, ...]]:
    """Mendelow's grid: quadrant -> people, in file order."""
    grid: dict[str, list[str]] = {q: [] for q in QUADRANTS}
    for ident, person in people.items():
        grid[quadrant(person, rules)].append(ident)
    return {q: tuple(members) for q, members in grid.items()}


def key_players_unlinked(
    people: dict[str, Stakeholder], ties: nx.Graph, rules: StakeholderRules
) -> list[Finding]:
    """People to manage closely whom nobody of the core team is tied to."""
    core = {i for i, p in people.items() if p.role in rules.core_roles}
    out = []
    for ident, person in people.items():
        if ident in core or quadrant(person, rules) != "manage_closely":
            continue
        if not any(p in core for p in ties.adj[ident]):
            out.append(Finding("key_player_unlinked", WARNING, (ident,), {"person": ident}))
    return out


def one_way(people: dict[str, Stakeholder], relations: Sequence[Relation]) -> list[Finding]:
    """Relations to and from each referent that run one way only.

    Dialogue in both directions is the seed's rule for the pivot role: someone the
    referent has a relation towards with no relation back (``one_way_out``), or who
    has one towards the referent with none back (``one_way_in``). Weight-0 relations
    count too: they are written, so they say something about who speaks to whom.
    """
    towards: dict[str, set[str]] = {}
    back: dict[str, set[str]] = {}
    for r in relations:
        towards.setdefault(r.source, set()).add(r.target)
        back.setdefault(r.target, set()).add(r.source)
    order = {p: i for i, p in enumerate(people)}
    out: list[Finding] = []
    for ident, person in people.items():
        if person.role != "referent":
            continue
        mine, theirs = towards.get(ident, set()), back.get(ident, set())
        unanswered = sorted((p for p in mine if p in order and p not in theirs), key=order.get)
        unheard = sorted((p for p in theirs if p in order and p not in mine), key=order.get)
        if unanswered:
            out.append(
                Finding(
                    "one_way_out",
                    WARNING,
                    (ident, *unanswered),
                    {"person": ident, "others": unanswered},
                )
            )
        if unheard:
            out.append(
                Finding(
                    "one_way_in", WARNING, (ident, *unheard), {"person": ident, "others": unheard}
                )
            )
    return out


def trajectories(
    people: dict[str, Stakeholder], history: dict[str, list[tuple[str | None, str]]]
) -> list[Finding]:
    """The referents' trajectories: each one's role at each date it changed.

    ``history`` maps a person to their roles over time (ISO date or ``None`` for the
    start, role), up to the date analysed; only a referent whose role changed is listed.
    """
    out = []
    for ident, person in people.items():
        steps = history.get(ident, [])
        if person.role == "referent" and len(steps) > 1:
            out.append(
                Finding(
                    "referent_trajectory",
                    INFO,
                    (ident,),
                    {"person": ident, "steps": [list(step) for step in steps]},
                )
            )
    return out
