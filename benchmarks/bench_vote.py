"""How long counting a vote by majority judgment takes: 25 people on 20 cases (issue 13).

Run: ``.venv/bin/python benchmarks/bench_vote.py`` (``--runs N``, default 21;
``--people``, ``--cases``).

The script writes a workspace in a temporary folder: the shipped tamis (its 7-mention
``mention`` scale) and a session of ``--cases`` cases with a ``[vote]`` on all of them
and ``--people`` voters (fixed seed, about one mention in ten left out, counted as the
lowest). It prints the median time of:

- ``count_vote``: the whole count (profiles, ranking, tie-breaks) on the loaded session,
  and ``count_vote`` + every tie-break worded (what ``sieve vote`` prints);
- the baseline measured in the same run: Balinski and Laraki's majority value taken
  voter by voter (each case's mentions sorted, the lower median removed one at a time,
  the sequences compared), i.e. the definition the engine must agree with; the script
  checks both give the same order;
- ``load_session`` of the same files, for scale (the command line pays it first).

Target: ``count_vote`` under 50 ms (PASS/MISS).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sieve.engine.vote import count_vote  # noqa: E402
from sieve.load.session import load_session  # noqa: E402
from sieve.locations import PROJECT_DIR  # noqa: E402
from sieve.render.vote import explain_break  # noqa: E402

TARGET_MS = 50.0


def write_workspace(root: Path, people: int, cases: int, seed: int = 13) -> Path:
    (root / "criteria").mkdir()
    (root / "sessions").mkdir()
    shutil.copy(PROJECT_DIR / "criteria" / "transfo.toml", root / "criteria" / "transfo.toml")
    rng = random.Random(seed)
    lines = [
        "format = 1",
        "",
        "[session]",
        'id = "bench-vote"',
        'title = "Bench vote"',
        'tamis = "../criteria/transfo.toml"',
        "",
    ]
    keys = []
    for i in range(cases):
        lines += ["[[subject]]", f'id = "s{i}"', f'title = "Sujet {i}"', ""]
        lines += ["[[angle]]", 'id = "a"', f'subject = "s{i}"', f'title = "Angle {i}"', ""]
        keys.append(f"s{i}/a")
    for p in range(people):
        lines += ["[[scorer]]", f'id = "p{p}"', f'name = "Personne {p}"', ""]
    lines += ["[vote]", 'scale = "mention"', "cases = [" + ", ".join(f'"{k}"' for k in keys) + "]"]
    lines += ['abstention = "lowest"', ""]
    for p in range(people):
        lines.append(f"[votes.p{p}]")
        bias = rng.randint(-1, 1)
        for i, key in enumerate(keys):
            if rng.random() < 0.1:
                continue  # an abstention
            level = min(6, max(0, round(rng.gauss(3 + bias + (i % 5) / 4, 1.4))))
            lines.append(f'"{key}" = {level}')
        lines.append("")
    path = root / "sessions" / "bench.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def majority_value_order(session) -> list[str]:
    """The baseline: each case's majority value voter by voter, cases sorted by it."""
    vote = session.vote
    voters = [s for s in session.scorers if session.votes.get(s)]
    values = {}
    for case in vote.cases:
        grades = sorted(session.votes[s].get(case, 0) for s in voters)
        seq = []
        while grades:
            seq.append(grades.pop((len(grades) - 1) // 2))
        values[case] = tuple(seq)
    return sorted(vote.cases, key=lambda c: values[c], reverse=True)


def median_ms(func, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of ``runs`` calls, in milliseconds."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def row(label: str, figures: tuple[float, float]) -> str:
    return f"  {label:<44}{figures[0]:8.3f} ms  [cpu {figures[1]:7.3f} ms]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--people", type=int, default=25)
    parser.add_argument("--cases", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workspace(Path(tmp), args.people, args.cases)
        result = load_session(path)
        assert result.session is not None, result.problems
        session = result.session
        counted = count_vote(session)
        assert counted is not None
        engine_order = [line.case for line in counted.lines]
        baseline_order = majority_value_order(session)
        same = engine_order == baseline_order

        def worded() -> None:
            res = count_vote(session)
            for tb in res.breaks:
                explain_break(tb, res, "fr")

        count_ms = median_ms(lambda: count_vote(session), args.runs)
        worded_ms = median_ms(worded, args.runs)
        baseline_ms = median_ms(lambda: majority_value_order(session), args.runs)
        load_ms = median_ms(lambda: load_session(path), max(3, args.runs // 4))
    print(f"vote of {args.people} people on {args.cases} cases, median of {args.runs} runs")
    print(row("count_vote", count_ms))
    print(row("count_vote + tie-breaks worded", worded_ms))
    print(row("baseline: majority value, voter by voter", baseline_ms))
    print(row("load_session (for scale)", load_ms))
    print(f"  same order as the baseline: {'yes' if same else 'NO'}")
    verdict = "PASS" if count_ms[0] < TARGET_MS and same else "MISS"
    print(f"  target count_vote < {TARGET_MS:.0f} ms: {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
