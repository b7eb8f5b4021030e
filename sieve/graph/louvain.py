"""Louvain communities, step for step as networkx's ``louvain_communities``, on plain dicts.

networkx 3.6's Louvain (``networkx.algorithms.community.louvain``) spends most of
its time in graph objects: a copy of the graph, ``get_edge_data``/``add_edge`` for
each coarser level, degree and edge views in ``modularity``. This module runs the
same algorithm on dicts of dicts that hold the same adjacency, in the same order:
the same nodes visited in the same shuffled order (the same ``random.Random(seed)``),
the same floating-point operations on the same values in the same order, the same
sets built by the same operations (so they iterate in the same order, which fixes
the order of the sums in the modularity). The communities are therefore the ones
networkx finds; a test compares both on random weighted graphs.

Adjacency here: ``{node: {neighbour: weight}}``, in networkx's insertion order; a
self-loop appears once in its node's dict, as in networkx.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

Adjacency = dict[Hashable, dict[Hashable, float]]


def louvain_communities(
    graph: nx.Graph, seed: int, resolution: float = 1, threshold: float = 0.0000001
) -> list[set]:
    """``nx.community.louvain_communities(graph, weight="weight", resolution=resolution,
    threshold=threshold, seed=seed)`` for an undirected simple graph."""
    rng = random.Random(seed)
    original: Adjacency = {
        n: {v: d.get("weight", 1) for v, d in nbrs.items()} for n, nbrs in graph.adjacency()
    }
    partition = [{u} for u in original]
    if not any(original.values()):
        return partition
    mod = _modularity(original, partition, resolution)
    # louvain_partitions works on a copy: nodes first, then the edges in edge order
    adj: Adjacency = {n: {} for n in original}
    for u, v, w in _edges(original):
        adj[u][v] = w
        adj[v][u] = w
    m = sum(_degrees(adj).values()) / 2
    members: dict[Hashable, set] | None = None
    partition, inner, improvement = _one_level(adj, members, m, partition, resolution, rng)
    improvement = True
    last = partition
    while improvement:
        last = [s.copy() for s in partition]
        new_mod = _modularity(adj, inner, resolution)
        if new_mod - mod <= threshold:
            return last
        mod = new_mod
        adj, members = _coarser(adj, members, inner)
        partition, inner, improvement = _one_level(adj, members, m, partition, resolution, rng)
    return last


def _edges(adj: Adjacency, nbunch=None) -> Iterator[tuple[Hashable, Hashable, float]]:
    """Each edge once, in the order of networkx's ``G.edges(nbunch, data="weight")``."""
    seen: dict[Hashable, int] = {}
    nodes = adj if nbunch is None else (n for n in nbunch if n in adj)
    for n in nodes:
        nbrs = adj[n]
        for nbr, w in nbrs.items():
            if nbr not in seen:
                yield n, nbr, w
        seen[n] = 1


def _degrees(adj: Adjacency) -> dict[Hashable, float]:
    """Weighted degrees as networkx's ``dict(G.degree(weight="weight"))`` (a self-loop twice)."""
    return {n: sum(nbrs.values()) + (n in nbrs and nbrs[n]) for n, nbrs in adj.items()}


def _modularity(adj: Adjacency, communities: list[set], resolution: float) -> float:
    """networkx's ``modularity(G, communities, resolution=resolution)``, undirected."""
    degree = _degrees(adj)
    deg_sum = sum(degree.values())
    m = deg_sum / 2
    norm = 1 / deg_sum**2

    def contribution(community: set) -> float:
        comm = set(community)
        inside = sum(wt for u, v, wt in _edges(adj, comm) if v in comm)
        degree_sum = sum(degree[u] for u in comm)
        return inside / m - resolution * degree_sum * degree_sum * norm

    return sum(map(contribution, communities))


def _one_level(
    adj: Adjacency,
    members: dict[Hashable, set] | None,
    m: float,
    partition: list[set],
    resolution: float,
    rng: random.Random,
) -> tuple[list[set], list[set], bool]:
    """networkx's ``_one_level`` (undirected): move each node to its best neighbouring
    community until no move improves the modularity."""
    node2com = {u: i for i, u in enumerate(adj)}
    inner_partition = [{u} for u in adj]
    degrees = _degrees(adj)
    stot = list(degrees.values())
    nbrs = {u: {v: w for v, w in adj[u].items() if v != u} for u in adj}
    rand_nodes = list(adj)
    rng.shuffle(rand_nodes)
    scale = 2 * m**2
    nb_moves = 1
    improvement = False
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            best_mod = 0
            best_com = node2com[u]
            weights2com: defaultdict[int, float] = defaultdict(float)
            for nbr, wt in nbrs[u].items():
                weights2com[node2com[nbr]] += wt
            degree = degrees[u]
            stot[best_com] -= degree
            remove_cost = (
                -weights2com[best_com] / m + resolution * (stot[best_com] * degree) / scale
            )
            for nbr_com, wt in weights2com.items():
                gain = remove_cost + wt / m - resolution * (stot[nbr_com] * degree) / scale
                if gain > best_mod:
                    best_mod = gain
                    best_com = nbr_com
            stot[best_com] += degree
            if best_com != node2com[u]:
                com = {u} if members is None else members[u]
                partition[node2com[u]].difference_update(com)
                inner_partition[node2com[u]].remove(u)
                partition[best_com].update(com)
                inner_partition[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    partition = list(filter(len, partition))
    inner_partition = list(filter(len, inner_partition))
    return partition, inner_partition, improvement


def _coarser(
    adj: Adjacency, members: dict[Hashable, set] | None, partition: list[set]
) -> tuple[Adjacency, dict[Hashable, set]]:
    """networkx's ``_gen_graph``: one node per community, edges summed between them."""
    coarse: Adjacency = {}
    coarse_members: dict[Hashable, set] = {}
    node2com = {}
    for i, part in enumerate(partition):
        nodes: set = set()
        for node in part:
            node2com[node] = i
            nodes.update({node} if members is None else members[node])
        coarse[i] = {}
        coarse_members[i] = nodes
    for node1, node2, wt in _edges(adj):
        com1 = node2com[node1]
        com2 = node2com[node2]
        total = wt + coarse[com1].get(com2, 0)
        coarse[com1][com2] = total
        coarse[com2][com1] = total
    return coarse, coarse_members
