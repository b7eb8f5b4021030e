"""Weighting methods (issue 13): AHP for 12 criteria under 50 ms, beside baselines.

    python benchmarks/bench_weighting.py [--runs 200]

Rows, each the median wall time of ``--runs`` calls (and, in brackets, the CPU time):

- ``ahp_weights`` (eigenvector, and row geometric mean) on a random reciprocal 12 × 12
  matrix of Saaty-scale judgments: weights, λmax, CI, CR and the judgments to revisit;
- a group of 25 people (each person's result and the combined one);
- ``read_matrix`` of the 12 × 12 CSV file (what ``sieve weigh --ahp`` reads);
- the baselines of the same run: the bare ``numpy.linalg.eig`` of the matrix, and
  pymcdm's AHP (weights and CR) when it is installed (``pip install -e '.[bench]'``).

The target is a PASS/MISS on 50 ms for the 12-criterion AHP and for the group.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sieve.engine.weighting import ahp_weights, group_weights  # noqa: E402
from sieve.load.pairwise import read_matrix  # noqa: E402

TARGET_MS = 50.0
SCALE = [1, 2, 3, 4, 5, 6, 7, 8, 9]


def random_matrix(n: int, rng: random.Random) -> list[list[float]]:
    m = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            v = float(rng.choice(SCALE))
            if rng.random() < 0.5:
                v = 1 / v
            m[i][j], m[j][i] = v, 1 / v
    return m


def timed(func, runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``runs`` calls."""
    func()  # warm (imports, caches)
    wall, cpu = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(13)
    n = 12
    ids = [f"critere-{i:02d}" for i in range(n)]
    matrix = random_matrix(n, rng)
    people = [(f"p{k}", random_matrix(n, rng)) for k in range(25)]
    folder = Path(tempfile.mkdtemp(prefix="sieve-bench-weighting-"))
    csv = folder / "salle.csv"
    rows = ["," + ",".join(ids)]
    for i, ident in enumerate(ids):
        rows.append(ident + "," + ",".join(f"{matrix[i][j]:.6g}" for j in range(n)))
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")

    import numpy as np

    a = np.asarray(matrix)
    results: list[tuple[str, float, float, bool]] = []

    def row(name: str, func, target: bool = False) -> None:
        wall, cpu = timed(func, args.runs)
        results.append((name, wall, cpu, target))

    row("baseline: numpy.linalg.eig of the 12 x 12 matrix", lambda: np.linalg.eig(a))
    try:
        from pymcdm.weights.subjective import AHP

        def pymcdm_ahp() -> None:
            method = AHP(matrix=a)
            method()
            method.get_cr()

        row("baseline: pymcdm AHP weights + CR", pymcdm_ahp)
    except ImportError:
        print("(pymcdm not installed: pip install -e '.[bench]' for its baseline)")
    row("ahp_weights eigen, 12 criteria", lambda: ahp_weights(ids, matrix), True)
    row("ahp_weights geometric, 12 criteria", lambda: ahp_weights(ids, matrix, "geometric"), True)
    row("group_weights, 25 people x 12 criteria", lambda: group_weights(ids, people), True)
    row("read_matrix, 12 x 12 CSV", lambda: read_matrix(csv, ids))
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    width = max(len(r[0]) for r in results)
    print(f"{'what':<{width}}  {'median ms':>10}  {'(cpu ms)':>9}  target")
    missed = 0
    for name, wall, cpu, target in results:
        verdict = ""
        if target:
            ok = wall < TARGET_MS
            missed += not ok
            verdict = f"{'PASS' if ok else 'MISS'} < {TARGET_MS:g} ms"
        print(f"{name:<{width}}  {wall:>10.3f}  {f'({cpu:.3f})':>9}  {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
