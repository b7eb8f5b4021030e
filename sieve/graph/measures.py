"""Structure measures of the ties graph: betweenness (exact, or sampled above EXACT_LIMIT people),
Burt's constraint and effective size, cut points and bridges, communities.

networkx is imported inside the functions that need it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from sieve.model import Relation, Stakeholder

if TYPE_CHECKING:
    import networkx as nx


#: The seed of every random choice (sampled betweenness, communities).
SEED = 27


#: Up to this many people, betweenness is exact; above, it is sampled.
EXACT_LIMIT = 1000


#: The number of sources sampled for betweenness above :data:`EXACT_LIMIT`.
SAMPLE = 200


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
    sparse adjacency matrix with a (people x sources) matrix of path counts, then
    dependencies flow back level by level (Brandes 2001, in matrix form). Path counts
    are whole numbers (exact in floats); each dependency is one sum over a row of the
    adjacency matrix in its stored order, then the sources are added one after the
    other, so the figures do not depend on how the work is laid out.
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
        sigma, levels = _paths(adjacency, src)
        delta = _dependencies(adjacency, sigma, levels)
        delta[src, np.arange(len(src))] = 0.0
        total = np.zeros(count)
        for column in delta.T:  # source after source, as numpy sums down an axis
            total += column
        raw += total
    return raw


def _paths(adjacency, src):
    """Breadth-first from each source at once: the number of shortest paths from each
    source (columns) to each person (rows), and the mask of each level (level 0 first)."""
    import numpy as np

    columns = np.arange(len(src))
    sigma = np.zeros((adjacency.shape[0], len(src)))
    sigma[src, columns] = 1.0
    seen = sigma > 0
    levels = [seen.copy()]
    frontier = sigma.copy()
    while True:
        reach = adjacency @ frontier
        new = reach > 0
        new &= ~seen
        if not new.any():
            return sigma, levels
        seen |= new
        levels.append(new)
        np.copyto(sigma, reach, where=new)
        np.multiply(reach, new, out=reach)  # the new level's path counts, 0 elsewhere
        frontier = reach


def _dependencies(adjacency, sigma, levels):
    """Each source's dependency on each person, from the deepest level up."""
    import numpy as np

    delta = np.zeros_like(sigma)
    safe_sigma = np.where(sigma > 0, sigma, 1.0)
    coeff = np.empty_like(sigma)
    for d in range(len(levels) - 1, 0, -1):
        np.add(delta, 1.0, out=coeff)
        np.divide(coeff, safe_sigma, out=coeff)
        np.multiply(coeff, levels[d], out=coeff)  # (1 + delta) / sigma on level d, 0 elsewhere
        back = adjacency @ coeff
        np.multiply(back, sigma, out=back)
        np.multiply(back, levels[d - 1], out=back)
        delta += back
    return delta


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
    tree = _depth_first(ties)
    return Cuts(_cut_vertices(tree), _bridge_sides(tree))


@dataclass
class _DepthFirst:
    """The depth-first forest of the ties, with what Tarjan's method keeps per person
    (people are numbered in the graph's order)."""

    nodes: list[str]
    disc: list[int]
    """Person -> their position in preorder."""
    parent: list[int]
    """Person -> their parent in the tree (-1 for a root)."""
    size: list[int]
    """Person -> the size of their subtree."""
    preorder: list[int]
    separated: dict[int, list[int]]
    """Person -> the children whose subtree falls away without them."""
    bridges: list[tuple[int, int]]
    component_of: list[int]
    components: list[tuple[int, int]]
    """Each connected group as a slice of the preorder."""

    def subtree(self, v: int) -> range:
        """``v``'s subtree, as a range of preorder positions."""
        return range(self.disc[v], self.disc[v] + self.size[v])

    @cached_property
    def _arrays(self):
        import numpy as np

        names = np.empty(len(self.nodes), dtype=object)
        names[:] = self.nodes
        preorder = np.array(self.preorder, dtype=np.intp)
        in_order = [np.sort(preorder[start:end]) for start, end in self.components]
        return names, preorder, np.array(self.disc, dtype=np.intp), in_order

    def named(self, positions: range) -> tuple[str, ...]:
        """The people at these preorder positions, in the graph's order."""
        import numpy as np

        names, preorder, _, _ = self._arrays
        return tuple(names[np.sort(preorder[positions.start : positions.stop])].tolist())

    def rest(self, v: int, cut: Iterable[range]) -> tuple[str, ...]:
        """The people of ``v``'s group outside the ``cut`` preorder ranges, in order."""
        names, _, disc, in_order = self._arrays
        members = in_order[self.component_of[v]]
        positions = disc[members]
        keep = positions >= 0
        for part in cut:
            keep &= (positions < part.start) | (positions >= part.stop)
        return tuple(names[members[keep]].tolist())


def _depth_first(ties: nx.Graph) -> _DepthFirst:
    """One iterative depth-first pass over every connected group."""
    nodes = list(ties.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    adj = [[index[m] for m in ties.adj[n]] for n in nodes]
    count = len(nodes)
    tree = _DepthFirst(nodes, [-1] * count, [-1] * count, [1] * count, [], {}, [], [0] * count, [])
    disc, parent, size, preorder = tree.disc, tree.parent, tree.size, tree.preorder
    component_of, components = tree.component_of, tree.components
    low = [0] * count
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
                        tree.separated.setdefault(u, []).append(v)
                    if low[v] > disc[u]:
                        tree.bridges.append((u, v))
        components.append((start, len(preorder)))
    return tree


def _cut_vertices(tree: _DepthFirst) -> dict[str, list[tuple[str, ...]]]:
    """Person -> the parts that fall apart without them (a root needs two children)."""
    vertices: dict[str, list[tuple[str, ...]]] = {}
    for v in sorted(tree.separated):
        children = tree.separated[v]
        is_root = tree.parent[v] == -1
        if is_root and len(children) < 2:
            continue
        parts = [tree.named(tree.subtree(c)) for c in children]
        if not is_root:
            alone = range(tree.disc[v], tree.disc[v] + 1)
            parts.append(tree.rest(v, [alone, *(tree.subtree(c) for c in children)]))
        vertices[tree.nodes[v]] = parts
    return vertices


def _bridge_sides(tree: _DepthFirst) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """Each bridge as (u, v, u's side, v's side)."""
    out = []
    for u, v in sorted(tree.bridges, key=lambda e: (min(e), max(e))):
        below = tree.subtree(v)
        out.append((tree.nodes[u], tree.nodes[v], tree.rest(v, [below]), tree.named(below)))
    return out


def communities(
    people: dict[str, Stakeholder], ties: nx.Graph, seed: int = SEED
) -> list[tuple[str, ...]]:
    """Groups of people who work together (Louvain, fixed seed), largest first.

    The groups are networkx's ``louvain_communities(ties, weight="weight", seed=seed)``,
    found by :func:`sieve.graph.louvain.louvain_communities` (the same steps on plain
    dicts, about twice as fast; a test checks they are the same).
    """
    from sieve.graph.louvain import louvain_communities

    if ties.number_of_nodes() == 0:
        return []
    order = {ident: i for i, ident in enumerate(people)}
    found = louvain_communities(ties, seed)
    groups = [tuple(sorted(group, key=order.get)) for group in found]
    groups.sort(key=lambda g: (-len(g), order[g[0]]))
    return groups
