"""How long the stakeholder-graph analyses take, on 200 and on 5,000 stakeholders.

Run: ``.venv/bin/python benchmarks/bench_graph.py`` (``--quick`` skips the exact
betweenness on 5,000 people, about two minutes).

The maps are generated with a fixed seed, shaped like many Transfo teams side by
side: teams of about 25 people around their referent, coordinator and residents,
a second circle, managers and services, with a few ties across teams; four
relations per person (20,000 for 5,000 people). For each size the script prints the
time of each step of :func:`sieve.graph.analyse` and, side by side, the baselines
measured in the same run: exact betweenness (the method used up to
``EXACT_LIMIT`` people) against the sampled estimate used above it, and how close the
estimate is. It runs the analyses twice and checks the results are identical.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sieve.graph.analyse import analyse
from sieve.graph.measures import EXACT_LIMIT, SAMPLE, SEED, betweenness, ties_graph
from sieve.model import Relation, Stakeholder  # noqa: E402

TEAM = 25
#: Roles inside a team of 25, the team's own people first.
TEAM_ROLES = (
    ["referent", "coordinator", "resident", "resident", "resident"]
    + ["ambassador"] * 12
    + ["relay", "relay", "elected", "manager", "manager", "service", "service", "union"]
)
KINDS = ("partnership", "informs", "mentors", "trust", "hierarchy")


def synthetic_map(count: int, per_person: int = 4, seed: int = 1):
    """``count`` stakeholders and ``per_person * count`` relations, reproducibly."""
    rng = random.Random(seed)
    people: dict[str, Stakeholder] = {}
    for i in range(count):
        role = TEAM_ROLES[i % TEAM]
        ident = f"p{i:05d}"
        people[ident] = Stakeholder(
            ident, f"Personne {i}", role, f"Ville {i // TEAM}", rng.randint(0, 4), rng.randint(0, 4)
        )
    ids = list(people)
    seen: set[tuple[str, str, str]] = set()
    relations: list[Relation] = []
    while len(relations) < per_person * count:
        a = rng.randrange(count)
        team = a - a % TEAM
        if rng.random() < 0.9:  # most ties stay inside the team, often through its referent
            b = team if rng.random() < 0.15 else team + rng.randrange(TEAM)
        else:
            b = rng.randrange(count)
        if b >= count or a == b:
            continue
        kind = rng.choice(KINDS)
        key = (ids[a], ids[b], kind)
        if key in seen:
            continue
        seen.add(key)
        relations.append(Relation(ids[a], ids[b], kind, float(rng.choice((1, 1, 2, 3)))))
    return people, relations


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def steps_of(people, relations):
    """The analyses, with the time spent in each step (through the progress callback)."""
    marks: list[tuple[str, float]] = []
    analysis, total = timed(
        analyse,
        people,
        relations,
        progress=lambda step, done, all_steps: marks.append((step, time.perf_counter())),
    )
    steps = {name: end - start for (name, start), (_, end) in zip(marks, marks[1:], strict=False)}
    return analysis, total, steps


def compare_betweenness(ties, count: int, slow: bool) -> None:
    """sieve's matrix Brandes against networkx's, exact and sampled, side by side."""
    import networkx as nx

    k = min(SAMPLE, count)
    (ours_exact, _), t_ours_exact = timed(betweenness, ties, exact_limit=count)
    (ours_sampled, _), t_ours_sampled = timed(betweenness, ties, exact_limit=0)
    used = "exact" if count <= EXACT_LIMIT else f"sampled k={k}"
    print(f"  betweenness, side by side (used at this size: {used}):")
    print(f"    {'':<12} {'networkx':>10} {'sieve':>10}")
    nx_sampled, t_nx_sampled = timed(nx.betweenness_centrality, ties, k=k, seed=SEED)
    if slow:
        nx_exact, t_nx_exact = timed(nx.betweenness_centrality, ties)
        print(f"    {'exact':<12} {t_nx_exact:9.3f}s {t_ours_exact:9.3f}s")
    else:
        nx_exact = None
        print(f"    {'exact':<12} {'(--quick)':>10} {t_ours_exact:9.3f}s")
    print(f"    {f'sampled k={k}':<12} {t_nx_sampled:9.3f}s {t_ours_sampled:9.3f}s")
    same = max(abs(nx_sampled[n] - ours_sampled[n]) for n in ties)
    if nx_exact is not None:
        same = max(same, max(abs(nx_exact[n] - ours_exact[n]) for n in ties))
    error = max(abs(ours_sampled[n] - ours_exact[n]) for n in ties)
    top_exact = set(sorted(ours_exact, key=lambda n: -ours_exact[n])[:10])
    top_sampled = set(sorted(ours_sampled, key=lambda n: -ours_sampled[n])[:10])
    print(f"    sieve vs networkx, largest difference: {same:.1e}")
    print(
        f"    sampled vs exact: largest error {error:.4f}, "
        f"top-10 pivots in common {len(top_exact & top_sampled)}/10"
    )


def compare_constraint(ties, slow: bool) -> None:
    """networkx's Burt constraint with scipy (used) against its pure-Python path."""
    import networkx as nx

    _, t_scipy = timed(nx.constraint, ties, weight="weight")
    if slow:
        _, t_python = timed(nx.constraint, ties, nodes=list(ties), weight="weight")
        shown = f"{t_python:.3f} s"
    else:
        shown = "(--quick)"
    print(f"  Burt constraint: scipy path {t_scipy:.3f} s, pure-Python path {shown}")


def _import_heavy() -> None:
    import networkx  # noqa: F401
    import scipy.sparse  # noqa: F401


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip exact betweenness at 5,000")
    args = parser.parse_args()

    _, imports = timed(_import_heavy)
    print(f"exact betweenness up to {EXACT_LIMIT} people; above: {SAMPLE} sources, seed {SEED}")
    print(f"importing networkx, numpy and scipy (once per process): {imports:.3f} s")
    for count, budget in ((200, 0.5), (5000, 10.0)):
        people, relations = synthetic_map(count)
        analysis, total, steps = steps_of(people, relations)
        again, total_again, _ = steps_of(people, relations)
        same = (
            analysis.metrics == again.metrics
            and analysis.findings == again.findings
            and analysis.communities == again.communities
        )
        print()
        print(f"{count} stakeholders, {len(relations)} relations")
        for name, seconds in steps.items():
            print(f"  {name:<18} {seconds:8.3f} s")
        print(
            f"  {'all analyses':<18} {total:8.3f} s  (second run {total_again:.3f} s; "
            f"budget {budget} s: {'ok' if max(total, total_again) < budget else 'OVER'})"
        )
        print(f"  identical results run to run: {'yes' if same else 'NO'}")
        print(f"  findings: {len(analysis.warnings)} warnings, {len(analysis.findings)} in all")

        ties = ties_graph(people, relations)
        compare_betweenness(ties, count, slow=not (args.quick and count > EXACT_LIMIT))
        compare_constraint(ties, slow=not (args.quick and count > EXACT_LIMIT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
