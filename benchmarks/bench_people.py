"""How long one edit of the stakeholder map takes, on 200 and on 5,000 stakeholders.

Run: ``.venv/bin/python benchmarks/bench_people.py`` (``--runs N``, default 5).

The maps are :func:`bench_graph.synthetic_map` (fixed seed; four relations per
person), written as a session of the small test tamis. For each size the script
prints the median time of each edit of :mod:`sieve.save.people` (each run on the same
starting bytes) and, side by side, the baseline measured in the same run:
``load_session`` of the same file, which the app pays after every structural edit
(:meth:`sieve.workbench.Workbench.edit_files` reads the files again). Every edited
file is checked to load without errors.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench_graph import synthetic_map  # noqa: E402
from conftest import SESSION_HEAD, TAMIS  # noqa: E402

from sieve.load.session import load_session
from sieve.save import people as people_edits  # noqa: E402


def session_text(count: int) -> str:
    people, relations = synthetic_map(count)
    lines = [SESSION_HEAD]
    for p in people.values():
        lines += [
            "[[stakeholder]]",
            f'id = "{p.id}"',
            f'name = "{p.name}"',
            f'role = "{p.role}"',
            f'org = "{p.org}"',
            f"power = {p.power}",
            f"interest = {p.interest}",
            "",
        ]
    for r in relations:
        lines += ["[[relation]]", f'from = "{r.source}"', f'to = "{r.target}"']
        lines += [f'kind = "{r.kind}"', f"weight = {int(r.weight)}", ""]
    return "\n".join(lines)


def median_time(path: Path, original: bytes, func, runs: int) -> float:
    times = []
    for _ in range(runs):
        path.write_bytes(original)
        session = load_session(path).session
        start = time.perf_counter()
        func(session)
        times.append(time.perf_counter() - start)
        result = load_session(path)
        assert not [p for p in result.problems if p.is_error], result.problems[:3]
    path.write_bytes(original)
    return statistics.median(times)


def edits_of(session, count: int) -> dict:
    """The edits timed, on the middle person and the middle relation of the map."""
    middle = f"p{count // 2:05d}"
    tied = people_edits.relations_of(session, middle)
    r = session.relations[len(session.relations) // 2]
    return {
        "add_stakeholder": lambda s: people_edits.add_stakeholder(s, "zoe", "Zoé", "relay"),
        "set_stakeholder (name, power)": lambda s: people_edits.set_stakeholder(
            s, middle, name="Autre", power=4
        ),
        f"rename_stakeholder ({tied} relations follow)": lambda s: people_edits.rename_stakeholder(
            s, middle, "renamed"
        ),
        f"remove_stakeholder (+{tied} relations)": lambda s: people_edits.remove_stakeholder(
            s, middle, drop_relations=True
        ),
        "add_relation": lambda s: people_edits.add_relation(s, middle, "p00000", "funding"),
        "set_relation (kind, weight)": lambda s: people_edits.set_relation(
            s, r.source, r.target, r.kind, new_kind="funding", weight=5
        ),
        "remove_relation": lambda s: people_edits.remove_relation(s, r.source, r.target, r.kind),
    }


def bench(count: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "criteria").mkdir()
        (root / "sessions").mkdir()
        (root / "criteria" / "t.toml").write_text(TAMIS, encoding="utf-8")
        path = root / "sessions" / "s.toml"
        path.write_text(session_text(count), encoding="utf-8")
        original = path.read_bytes()
        loads = []
        for _ in range(runs):
            start = time.perf_counter()
            session = load_session(path).session
            loads.append(time.perf_counter() - start)
        load = statistics.median(loads)
        print(
            f"\n{count} stakeholders, {len(session.relations)} relations "
            f"({len(original) / 1024:.0f} KB); median of {runs} runs"
        )
        print(f"  {'edit':44} {'edit':>9} {'load_session (baseline)':>24}")
        for name, func in edits_of(session, count).items():
            seconds = median_time(path, original, func, runs)
            print(f"  {name:44} {seconds * 1000:7.1f} ms {load * 1000:21.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for count in (200, 5000):
        bench(count, args.runs)


if __name__ == "__main__":
    main()
