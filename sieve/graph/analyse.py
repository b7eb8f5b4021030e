"""The stakeholder graph: who works with whom, and where the programme is fragile.

A session's ``[[stakeholder]]`` and ``[[relation]]`` tables become a networkx graph;
analyses read it and return :class:`Finding` records, each worded (in
:mod:`sieve.i18n.graph`) so that a civil servant in a steering meeting understands it:

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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sieve.model import Relation, Session, Stakeholder, StakeholderRules

if TYPE_CHECKING:
    import networkx as nx


#: The seed of every random choice (sampled betweenness, communities).
SEED = 27
#: Up to this many people, betweenness is exact; above, it is sampled.
EXACT_LIMIT = 1000
#: The number of sources sampled for betweenness above :data:`EXACT_LIMIT`.
SAMPLE = 200
#: People with at least this many ties may be brokers (one or two ties broker nothing).
BROKER_MIN_TIES = 3

WARNING = "warning"
INFO = "info"

#: Mendelow's quadrants, in the order they are shown.
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")

#: Finding kinds, warnings first, in the order they are shown.
WARNING_KINDS = (
    "forbidden_hierarchy",
    "referent_load",
    "cut_vertex",
    "bridge",
    "isolated_ambassador",
    "weak_ambassador",
    "disconnected",
    "second_circle",
    "key_player_unlinked",
)
INFO_KINDS = ("pivot", "broker")


Progress = Callable[[str, int, int], None]
"""``progress(step, done, total)``: called before each analysis step."""


# -- the thresholds, read from the tamis ------------------------------------------------


# -- results ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the analyses found, with what is needed to word its reason.

    ``params`` hold raw values (ids, counts, fractions); :func:`reason` turns them
    into a sentence in the user's language, with names instead of ids.
    """

    kind: str
    """One of :data:`WARNING_KINDS` or :data:`INFO_KINDS`."""
    severity: str
    """:data:`WARNING` (a point of vigilance) or :data:`INFO`."""
    people: tuple[str, ...]
    """The stakeholders concerned, the main one first."""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING


@dataclass(frozen=True, slots=True)
class Metrics:
    """The measures of one person in the graph."""

    ties: int
    """How many different people this person is tied to (any relation, either way)."""
    relations_out: int
    relations_in: int
    betweenness: float
    """The share of shortest paths between two other people that pass through this one."""
    constraint: float | None
    """Burt's constraint (low: contacts who do not know each other); none when untied."""
    effective_size: float | None
    """Burt's effective size: the number of non-redundant contacts; none when untied."""
    community: int
    """Index into :attr:`Analysis.communities`."""
    quadrant: str
    """One of :data:`QUADRANTS`."""


@dataclass
class Analysis:
    """Everything the analyses found on one stakeholder map."""

    people: dict[str, Stakeholder]
    relations: tuple[Relation, ...]
    rules: StakeholderRules
    metrics: dict[str, Metrics]
    findings: list[Finding]
    communities: list[tuple[str, ...]]
    """Groups of people who work together, largest first; members in file order."""
    quadrants: dict[str, tuple[str, ...]]
    """Mendelow quadrant -> people in file order."""
    sample: int | None = None
    """The number of sampled sources when betweenness was estimated, else ``None``."""
    title: str = ""
    """The session's title."""
    session_id: str = ""

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_warning]

    def of(self, kind: str) -> list[Finding]:
        """The findings of one kind."""
        return [f for f in self.findings if f.kind == kind]

    def about(self, person: str) -> list[Finding]:
        """The findings that concern one person."""
        return [f for f in self.findings if person in f.people]


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


def ties_graph(people: dict[str, Stakeholder], relations: Iterable[Relation]) -> nx.Graph:
    """The undirected view: one edge per tied pair, weighted by the sum of its relations."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(people)
    for r in relations:
        if r.weight <= 0:
            continue
        if graph.has_edge(r.source, r.target):
            graph[r.source][r.target]["weight"] += r.weight
        else:
            graph.add_edge(r.source, r.target, weight=r.weight)
    return graph


# -- the analyses -----------------------------------------------------------------------


def betweenness(
    ties: nx.Graph, exact_limit: int = EXACT_LIMIT, sample: int = SAMPLE, seed: int = SEED
) -> tuple[dict[str, float], int | None]:
    """Normalised betweenness of each person, and the sample size when it was estimated.

    The values are networkx's ``betweenness_centrality(ties, k, normalized=True,
    seed=seed)`` (same sources drawn, same scaling; a test checks it), computed by
    :func:`_brandes` many sources at a time with sparse matrices, 20 to 60 times
    faster than networkx's pure-Python loop.
    """
    import random

    nodes = list(ties)
    count = len(nodes)
    if count <= exact_limit:
        sources, sampled = nodes, None
    else:
        sampled = min(sample, count)
        sources = random.Random(seed).sample(nodes, sampled)
    raw = _brandes(ties, nodes, sources)
    between = dict(zip(nodes, raw.tolist(), strict=True))
    # networkx's rescaling (normalized, undirected, endpoints excluded)
    pairs = count - 1
    if pairs < 2:
        return between, sampled
    if sampled is None:
        scale = 1 / (pairs * (pairs - 1))
        return {v: b * scale for v, b in between.items()}, None
    chosen = set(sources)
    source_scale = 1 / ((sampled - 1) * (pairs - 1)) if sampled > 1 else 0.0
    other_scale = 1 / (sampled * (pairs - 1))
    return {
        v: b * (source_scale if v in chosen else other_scale) for v, b in between.items()
    }, sampled


def _brandes(ties: nx.Graph, nodes: list[str], sources: list[str], batch: int = 200):
    """Brandes's dependency sums over ``sources`` (unweighted), as a numpy array.

    A batch of sources is explored at once: breadth-first levels are products of the
    sparse adjacency matrix with a (sources x people) matrix of path counts, then
    dependencies flow back level by level (Brandes 2001, in matrix form).
    """
    import networkx as nx
    import numpy as np

    count = len(nodes)
    raw = np.zeros(count)
    if count == 0 or ties.number_of_edges() == 0:
        return raw
    adjacency = nx.to_scipy_sparse_array(ties, nodelist=nodes, weight=None, format="csr")
    adjacency = adjacency.astype(np.float64)
    index = {n: i for i, n in enumerate(nodes)}
    for start in range(0, len(sources), batch):
        src = np.array([index[s] for s in sources[start : start + batch]])
        rows = np.arange(len(src))
        sigma = np.zeros((len(src), count))
        sigma[rows, src] = 1.0
        depth = np.full((len(src), count), -1, dtype=np.int32)
        depth[rows, src] = 0
        frontier = sigma.copy()
        level = 0
        while True:
            reach = (adjacency @ frontier.T).T
            new = (reach > 0) & (depth < 0)
            if not new.any():
                break
            level += 1
            depth[new] = level
            sigma[new] = reach[new]
            frontier = np.where(new, reach, 0.0)
        delta = np.zeros((len(src), count))
        safe_sigma = np.where(sigma > 0, sigma, 1.0)
        for d in range(level, 0, -1):
            at = depth == d
            coeff = np.where(at, (1.0 + delta) / safe_sigma, 0.0)
            back = (adjacency @ coeff.T).T
            delta += np.where(depth == d - 1, sigma * back, 0.0)
        delta[rows, src] = 0.0
        raw += delta.sum(axis=0)
    return raw


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


def structural_holes(
    ties: nx.Graph,
) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """Burt's constraint and effective size of each person (``None`` when untied)."""
    import math

    import networkx as nx

    if ties.number_of_nodes() == 0:
        return {}, {}
    constraint = nx.constraint(ties, weight="weight")
    size = effective_size(ties)

    def clean(values: dict) -> dict[str, float | None]:
        return {k: (None if v is None or math.isnan(v) else float(v)) for k, v in values.items()}

    return clean(constraint), clean(size)


def effective_size(ties: nx.Graph) -> dict[str, float]:
    """Burt's effective size, as networkx's ``effective_size(ties, nodes, "weight")``.

    networkx 3.6's matrix path (taken when ``nodes`` is not given) divides by the
    wrong axis on weighted graphs (networkx pull request 8906) and builds a dense
    people x people array (200 MB at 5,000 people); its per-node path is right but
    slow. This one stays sparse: only tied pairs need the redundancy sum
    ``sum_q p_iq m_jq`` (``p`` normalised by row sums, ``m`` by row maxima).
    NaN for people without ties, as networkx.
    """
    import networkx as nx
    import numpy as np
    import scipy.sparse as sparse

    nodes = list(ties)
    if not nodes:
        return {}
    adjacency = nx.to_scipy_sparse_array(ties, nodelist=nodes, weight="weight", format="csr")
    mutual = (adjacency + adjacency.T).tocsr()
    sums = np.asarray(mutual.sum(axis=1)).ravel()
    maxima = mutual.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore"):
        p = sparse.diags_array(np.where(sums > 0, 1.0 / sums, 0.0)) @ mutual
        m = sparse.diags_array(np.where(maxima > 0, 1.0 / maxima, 0.0)) @ mutual
    tied = (mutual > 0).astype(np.float64)
    redundancy = np.asarray((p @ m.T).multiply(tied).sum(axis=1)).ravel()
    degree = np.asarray(tied.sum(axis=1)).ravel()
    size = np.where(degree > 0, degree - redundancy, np.nan)
    return dict(zip(nodes, size.tolist(), strict=True))


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


@dataclass(frozen=True, slots=True)
class Cuts:
    """The single points of failure of the ties, with the parts each one separates."""

    vertices: dict[str, list[tuple[str, ...]]]
    """Person -> the parts that fall apart without them, each in file order."""
    bridges: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]
    """(u, v, u's side, v's side) for each tie whose loss splits its group."""


def cuts(ties: nx.Graph) -> Cuts:
    """Articulation points and bridges, in one depth-first pass (Tarjan, iterative).

    For a person ``v`` and a child ``c`` in the depth-first tree, when no back edge
    from ``c``'s subtree reaches above ``v`` (``low[c] >= disc[v]``), removing ``v``
    separates that subtree; when ``low[c] > disc[v]``, the tie ``v``-``c`` is a bridge.
    Subtrees are contiguous in preorder, so each part is a slice.
    """
    nodes = list(ties.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    adj = [[index[m] for m in ties.adj[n]] for n in nodes]
    count = len(nodes)
    disc = [-1] * count
    low = [0] * count
    parent = [-1] * count
    size = [1] * count
    preorder: list[int] = []
    separated: dict[int, list[int]] = {}
    bridges: list[tuple[int, int]] = []
    component_of = [0] * count
    components: list[tuple[int, int]] = []
    for root in range(count):
        if disc[root] != -1:
            continue
        start = len(preorder)
        disc[root] = low[root] = len(preorder)
        preorder.append(root)
        component_of[root] = len(components)
        stack = [(root, iter(adj[root]))]
        while stack:
            v, neighbours = stack[-1]
            for w in neighbours:
                if disc[w] == -1:
                    parent[w] = v
                    disc[w] = low[w] = len(preorder)
                    preorder.append(w)
                    component_of[w] = len(components)
                    stack.append((w, iter(adj[w])))
                    break
                if w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
            else:
                stack.pop()
                if stack:
                    u = stack[-1][0]
                    size[u] += size[v]
                    if low[v] < low[u]:
                        low[u] = low[v]
                    if low[v] >= disc[u]:
                        separated.setdefault(u, []).append(v)
                    if low[v] > disc[u]:
                        bridges.append((u, v))
        components.append((start, len(preorder)))

    def subtree(v: int) -> list[int]:
        return preorder[disc[v] : disc[v] + size[v]]

    def named(part: Iterable[int]) -> tuple[str, ...]:
        return tuple(nodes[i] for i in sorted(part))

    vertices: dict[str, list[tuple[str, ...]]] = {}
    for v in sorted(separated):
        children = separated[v]
        is_root = parent[v] == -1
        if is_root and len(children) < 2:
            continue
        parts = [named(subtree(c)) for c in children]
        if not is_root:
            start, end = components[component_of[v]]
            inside = {v}
            for c in children:
                inside.update(subtree(c))
            parts.append(named(i for i in preorder[start:end] if i not in inside))
        vertices[nodes[v]] = parts
    out_bridges = []
    for u, v in sorted(bridges, key=lambda e: (min(e), max(e))):
        start, end = components[component_of[v]]
        below = set(subtree(v))
        above = named(i for i in preorder[start:end] if i not in below)
        out_bridges.append((nodes[u], nodes[v], above, named(below)))
    return Cuts(vertices, out_bridges)


def _main_part(parts: Sequence[tuple[str, ...]], core: set[str]) -> int:
    """The part that stays "the programme": most core people, then most people, then first."""
    return min(
        range(len(parts)),
        key=lambda i: (-sum(p in core for p in parts[i]), -len(parts[i]), i),
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
        ranks = sorted((-sum(p in core for p in part), -len(part)) for part in parts)
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


def communities(
    people: dict[str, Stakeholder], ties: nx.Graph, seed: int = SEED
) -> list[tuple[str, ...]]:
    """Groups of people who work together (Louvain, fixed seed), largest first."""
    import networkx as nx

    if ties.number_of_nodes() == 0:
        return []
    order = {ident: i for i, ident in enumerate(people)}
    found = nx.community.louvain_communities(ties, weight="weight", seed=seed)
    groups = [tuple(sorted(group, key=order.get)) for group in found]
    groups.sort(key=lambda g: (-len(g), order[g[0]]))
    return groups


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
) -> Analysis:
    """Every analysis of a stakeholder map.

    ``progress(step, done, total)`` is called before each step (for a progress bar
    when this runs off the UI thread).
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
    )


def analyse_session(session: Session, **options: Any) -> Analysis:
    """:func:`analyse` on a session's map, with its tamis's thresholds."""
    return analyse(
        session.people,
        session.relations,
        session.tamis.stakeholder_rules,
        title=session.title,
        session_id=session.id,
        **options,
    )


# -- wording ----------------------------------------------------------------------------

#: Params holding one person id, or a list of them.
_PERSON_PARAMS = {"person", "source", "target"}
_PEOPLE_PARAMS = {"cut_off", "others", "core", "members"}
#: Params holding a fraction shown as a percentage.
_PERCENT_PARAMS = {"share", "limit_share"}
#: At most this many names in a sentence; the rest are counted.
NAMES_SHOWN = 8


def name_of(people: dict[str, Stakeholder], ident: str) -> str:
    person = people.get(ident)
    return person.name or ident if person else ident


def names(
    people: dict[str, Stakeholder],
    idents: Sequence[str],
    lang: str | None = None,
    limit: int = NAMES_SHOWN,
) -> str:
    """A list of names for a sentence, shortened past ``limit``."""
    from sieve.i18n import t

    shown = [name_of(people, i) for i in idents[:limit]]
    text = ", ".join(shown)
    if len(idents) > limit:
        return t("graph.list.more", lang=lang, names=text, count=len(idents) - limit)
    return text


def percent(value: float, lang: str | None = None) -> str:
    from sieve.i18n import number, t

    return t("graph.percent", lang=lang, value=number(value * 100, lang, 0))


def reason(finding: Finding, people: dict[str, Stakeholder], lang: str | None = None) -> str:
    """The finding in words a civil servant understands, in ``lang``."""
    from sieve.i18n import number, t

    params: dict[str, object] = {}
    for key, value in finding.params.items():
        if key in _PERSON_PARAMS:
            params[key] = name_of(people, value)
        elif key in _PEOPLE_PARAMS:
            params[key] = names(people, value, lang)
            params[key + "_count"] = len(value)
        elif key in _PERCENT_PARAMS:
            params[key] = percent(value, lang)
        elif key == "role":
            params[key] = t(f"graph.role.{value}", lang=lang)
        elif isinstance(value, float):
            params[key] = number(value, lang, 1 if key == "effective_size" else 2)
        else:
            params[key] = value
    if "person" in finding.params:
        person = people.get(finding.params["person"])
        if person is not None and "role" not in params:
            params["role"] = t(f"graph.role.{person.role}", lang=lang)
    for end in ("source", "target"):
        ident = finding.params.get(end)
        if ident in people:
            params[end + "_org"] = people[ident].org or t(
                f"graph.role.{people[ident].role}", lang=lang
            )
    key = f"graph.finding.{finding.kind}" + (".split" if finding.params.get("split") else "")
    return t(key, lang=lang, **params)


def headline(finding: Finding, lang: str | None = None) -> str:
    """The short name of a finding's kind (``Pivot surchargé``...)."""
    from sieve.i18n import t

    return t(f"graph.kind.{finding.kind}", lang=lang)
