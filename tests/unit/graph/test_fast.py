"""The fast paths of the graph analyses give exactly what the straightforward ones give.

Each optimised step is compared, on seeded random maps, with the plain networkx (or
plain Python) computation it replaces: equal results, not approximately equal ones.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest


def random_weighted_graph(rng: random.Random) -> nx.Graph:
    """A random weighted graph: sparse, planted groups or with self-loops; int or str nodes."""
    n = rng.randint(0, 80)
    shape = rng.randrange(3)
    if shape == 0:
        graph = nx.gnm_random_graph(n, rng.randint(0, 4 * n), seed=rng.randint(0, 10**6))
    elif shape == 1:
        sizes = [rng.randint(1, 20) for _ in range(rng.randint(1, 8))]
        graph = nx.Graph(nx.random_partition_graph(sizes, 0.5, 0.02, seed=rng.randint(0, 10**6)))
    else:
        graph = nx.gnm_random_graph(n, rng.randint(0, 2 * n), seed=rng.randint(0, 10**6))
        for _ in range(rng.randint(0, 4) if n else 0):
            u = rng.randrange(n)
            graph.add_edge(u, u)
    for u, v in graph.edges:
        graph[u][v]["weight"] = rng.choice([0.1, 0.5, 0.7, 1, 2, 3.3, 1.0])
    if rng.random() < 0.5:  # string nodes, added in a shuffled order
        nodes, edges = list(graph), list(graph.edges(data=True))
        rng.shuffle(nodes)
        rng.shuffle(edges)
        named = nx.Graph()
        named.add_nodes_from(f"p{i}" for i in nodes)
        named.add_edges_from((f"p{u}", f"p{v}", d) for u, v, d in edges)
        graph = named
    return graph


def test_louvain_is_networkx_louvain_on_random_graphs():
    from sieve.graph.louvain import louvain_communities

    rng = random.Random(8)
    for _ in range(150):
        graph = random_weighted_graph(rng)
        seed = rng.randint(0, 100)
        expected = nx.community.louvain_communities(graph, weight="weight", seed=seed)
        assert louvain_communities(graph, seed) == expected  # same sets, same order


@pytest.mark.parametrize("count", [300, 1500])
def test_louvain_is_networkx_louvain_on_team_maps(count):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
    from bench_graph import synthetic_map

    from sieve.graph.louvain import louvain_communities
    from sieve.graph.measures import ties_graph

    people, relations = synthetic_map(count, seed=count)
    ties = ties_graph(people, relations)
    expected = nx.community.louvain_communities(ties, weight="weight", seed=27)
    assert louvain_communities(ties, 27) == expected


def reference_brandes(ties, nodes, sources, batch=200):
    """The dependency sums as sieve computed them before (sources x people layout, masks
    rebuilt at each level): the straightforward matrix form of Brandes's method."""
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
            coeff = np.where(depth == d, (1.0 + delta) / safe_sigma, 0.0)
            back = (adjacency @ coeff.T).T
            delta += np.where(depth == d - 1, sigma * back, 0.0)
        delta[rows, src] = 0.0
        raw += delta.sum(axis=0)
    return raw


def test_brandes_gives_the_same_bits_as_the_straightforward_matrix_form():
    import numpy as np

    from sieve.graph import measures

    rng = random.Random(9)
    for _ in range(80):
        graph = random_weighted_graph(rng)
        nodes = list(graph)
        sources = rng.sample(nodes, rng.randint(0, len(nodes)))
        batch = rng.choice([1, 3, 7, 200])
        fast = measures._brandes(graph, nodes, sources, batch)
        assert np.array_equal(fast, reference_brandes(graph, nodes, sources, batch))


def reference_cuts(graph):
    """The parts of each cut and bridge as sieve listed them before: from the same
    depth-first pass, each part rebuilt as a set and sorted in the graph's order."""
    from sieve.graph import measures

    tree = measures._depth_first(graph)
    nodes, disc, size, pre = tree.nodes, tree.disc, tree.size, tree.preorder

    def subtree(v):
        return pre[disc[v] : disc[v] + size[v]]

    def component(v):
        start, end = tree.components[tree.component_of[v]]
        return pre[start:end]

    def named(part):
        return tuple(nodes[i] for i in sorted(part))

    vertices = {}
    for v in sorted(tree.separated):
        children = tree.separated[v]
        if tree.parent[v] == -1 and len(children) < 2:
            continue
        parts = [named(subtree(c)) for c in children]
        if tree.parent[v] != -1:
            inside = {v}.union(*(subtree(c) for c in children))
            parts.append(named(i for i in component(v) if i not in inside))
        vertices[nodes[v]] = parts
    bridges = []
    for u, v in sorted(tree.bridges, key=lambda e: (min(e), max(e))):
        below = set(subtree(v))
        above = named(i for i in component(v) if i not in below)
        bridges.append((nodes[u], nodes[v], above, named(below)))
    return vertices, bridges


def test_cut_parts_are_the_straightforward_ones_in_the_same_order():
    from sieve.graph.measures import cuts

    rng = random.Random(10)
    for _ in range(120):
        graph = random_weighted_graph(rng)
        found = cuts(graph)
        vertices, bridges = reference_cuts(graph)
        assert found.vertices == vertices
        assert found.bridges == bridges


def test_cycle_collection_is_paused_during_the_analyses_and_restored_after():
    import gc

    from sieve.graph.analyse import analyse
    from sieve.model import Relation, Stakeholder

    people = {i: Stakeholder(i, i.upper(), "ambassador", "o", 2, 2) for i in ("a", "b", "c")}
    relations = [Relation("a", "b", "trust", 1.0), Relation("b", "c", "informs", 1.0)]
    during: list[bool] = []
    assert gc.isenabled()
    try:
        analyse(people, relations, progress=lambda *_: during.append(gc.isenabled()))
        assert during and not any(during)
        assert gc.isenabled()
        gc.disable()  # a caller who paused it keeps it paused
        analyse(people, relations)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cuts_keep_nodes_of_any_hashable_kind():
    from sieve.graph.measures import cuts

    graph = nx.path_graph([("a", 1), ("b", 2), ("c", 3)])
    found = cuts(graph)
    assert found.vertices == {("b", 2): [(("c", 3),), (("a", 1),)]}
    assert found.bridges == [
        (("a", 1), ("b", 2), (("a", 1),), (("b", 2), ("c", 3))),
        (("b", 2), ("c", 3), (("a", 1), ("b", 2)), (("c", 3),)),
    ]


def test_every_analysis_equals_the_one_made_the_straightforward_way(monkeypatch):
    """Whole analyses of random maps, fast paths against networkx's Louvain, the previous
    matrix form of Brandes's method and the set-based cut parts: equal in every field."""
    from sieve.graph import findings, louvain, measures
    from sieve.graph.analyse import analyse
    from sieve.model import STAKEHOLDER_ROLES, Relation, Stakeholder

    rng = random.Random(12)
    maps = []
    for _ in range(25):
        n = rng.randint(1, 150)
        people = {
            f"q{i}": Stakeholder(
                f"q{i}", f"N{i}", rng.choice(STAKEHOLDER_ROLES), "o", rng.randint(0, 4), 2
            )
            for i in range(n)
        }
        ids = list(people)
        relations = [
            Relation(
                a, b, rng.choice(["trust", "informs", "hierarchy"]), rng.choice([0, 0.5, 1, 2])
            )
            for a, b in ((rng.choice(ids), rng.choice(ids)) for _ in range(rng.randint(0, 3 * n)))
            if a != b
        ]
        maps.append((people, relations, rng.choice([1000, 30]), rng.randint(2, 20)))
    fast = [analyse(p, r, exact_limit=e, sample=k) for p, r, e, k in maps]
    monkeypatch.setattr(
        louvain,
        "louvain_communities",
        lambda graph, seed: nx.community.louvain_communities(graph, weight="weight", seed=seed),
    )
    monkeypatch.setattr(measures, "_brandes", reference_brandes)
    monkeypatch.setattr(findings, "cuts", lambda ties: measures.Cuts(*reference_cuts(ties)))
    plain = [analyse(p, r, exact_limit=e, sample=k) for p, r, e, k in maps]
    assert fast == plain
