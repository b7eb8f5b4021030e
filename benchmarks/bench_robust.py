"""Benchmark ``sieve rank --robust`` on 500 cases x 40 criteria x 25 scorers, beside the
approach before (issues 10.18 and 10.21), measured in the same run.

Run from the project's root::

    .venv/bin/python benchmarks/bench_robust.py [--draws 2000] [--profile]

The workspace is made by ``benchmarks/synth.py`` (seed 27) in a temporary folder.

- **before**: the analysis as it was: the draws shared a pool of 256 scorer resamples,
  and the optimiser solved the whole integer programme (500 cases) for each of the 200
  portfolio draws and for each step of the weight-range search.
- **now**: :func:`sieve.plan.robust.analyse`: every draw its own resample; a portfolio
  already met answers most steps and draws, and the cases bound to total less than it
  are left out of the programme (:mod:`sieve.plan.solver`, :mod:`sieve.plan.bounds`).

Both run on the same session; the weight ranges must be equal, and each portfolio
draw's best set must total the same (checked, and printed). Figures are wall-clock
seconds (CPU seconds in brackets: on a busy machine the wall time grows, the CPU time
less); "now" is the median of 3 runs, "before" one run (it takes some 25 s).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib.util
import io
import math
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 3.0


def load_synth():
    path = ROOT / "benchmarks" / "synth.py"
    spec = importlib.util.spec_from_file_location("sieve_bench_synth", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def clock(func, repeat: int = 1):
    """(median wall seconds, median CPU seconds, last result) over ``repeat`` runs."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


# -- the approach before (sieve/plan/robust.py at 970dd5c) ----------------------------------


def pooled_medians(levels, mult):
    """Medians over each resample, by counting drawn levels at most each level."""
    import numpy as np

    n_levels = int(levels.max()) + 1 if levels.size and levels.max() >= 0 else 1
    cases, crits, scorers = levels.shape
    flat = levels.reshape(cases * crits, scorers).T
    valid = flat >= 0
    mult = np.asarray(mult, dtype=np.float32)
    count = mult @ valid.astype(np.float32)
    low_rank, high_rank = np.floor((count - 1) / 2), np.floor(count / 2)
    low = np.zeros(count.shape, dtype=np.uint8)
    high = np.zeros_like(low)
    for level in range(n_levels):
        at_most = mult @ ((flat <= level) & valid).astype(np.float32)
        low += at_most <= low_rank
        high += at_most <= high_rank
    out = (low + high.astype(np.float32)) / 2
    out[count == 0] = np.nan
    return out.reshape(len(mult), cases, crits)


def pooled_scores(arrays, draws: int, seed: int, spread: float = 0.3, pool: int = 256):
    """The draws as before: weights drawn for each, scorers from a pool of resamples."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n_cases, _, n_scorers = arrays.levels.shape
    score_cols = np.flatnonzero(~arrays.is_gate)
    gate_cols = np.flatnonzero(arrays.is_gate)
    weights = arrays.weights[score_cols] * rng.uniform(
        1 - spread, 1 + spread, size=(draws, len(score_cols))
    )
    n_pool = max(1, min(draws, pool))
    picks = rng.integers(0, n_scorers, size=(n_pool, n_scorers))
    mult = np.zeros((n_pool, n_scorers))
    np.add.at(mult, (np.arange(n_pool)[:, None], picks), 1)
    med = pooled_medians(arrays.levels, mult)
    passed = np.all(med[:, :, gate_cols] >= arrays.pass_at[gate_cols] - 1e-12, axis=-1)
    norm = med[:, :, score_cols] / arrays.tops[score_cols]
    present = ~np.isnan(norm)
    norm[~present] = 0.0
    per = -(-draws // n_pool)
    padded = np.zeros((n_pool * per, len(score_cols)))
    padded[:draws] = weights
    w = padded.reshape(n_pool, per, -1)
    num = np.matmul(w, norm.transpose(0, 2, 1))
    den = np.matmul(w, present.astype(np.float64).transpose(0, 2, 1))
    ok = (den > 0) & passed[:, None, :]
    np.divide(num, den, out=num, where=ok)
    num[~ok] = -np.inf
    return num.reshape(n_pool * per, n_cases)[:draws]


def full_solves(solver, scores) -> list:
    """Each draw's best set by the whole integer programme."""
    import numpy as np

    return [solver.best([None if not np.isfinite(v) else float(v) for v in row]) for row in scores]


def ranges_by_full_solves(solver, score_of, target, weights, ceiling):
    """The weight ranges as before: the whole programme solved at every step."""
    from sieve.plan.ranges import search

    out = {}
    for crit, w0 in weights.items():

        def same(w: float, crit: str = crit) -> bool:
            values = [None if math.isnan(v) else float(v) for v in score_of({**weights, crit: w})]
            best = solver.best(values)
            if best is None or any(values[i] is None for i in target):
                return False
            mine = sum(values[i] for i in target)
            return mine >= sum(values[i] for i in best) - 1e-9

        out[crit] = search(same, w0, ceiling)
    return out


def before(session, draws: int, seed: int = 0, portfolio_draws: int = 200):
    """The analysis the way it was (its figures, and the optimiser's calls)."""
    from sieve.engine.evaluate import evaluate
    from sieve.plan.instance import build_instance
    from sieve.plan.robust import WEIGHT_CEILING, scorer_at, session_arrays, top_k_hits
    from sieve.plan.solve import solve_instance
    from sieve.plan.solver import Solver

    evaluation = evaluate(session)
    keys = [r.key for r in evaluation.results]
    inst = build_instance(session, evaluation)
    proposed = solve_instance(inst, alternatives=0).best.cases
    arrays = session_arrays(session, keys)
    scores = pooled_scores(arrays, draws, seed)
    top_k_hits(scores, len(proposed)).mean(axis=0)
    solver = Solver(inst)
    full_solves(solver, scores[:portfolio_draws])
    weights = dict(evaluation.weights)
    target = frozenset(keys.index(k) for k in proposed)
    ceiling = WEIGHT_CEILING * max(max(weights.values()), 1.0)
    return ranges_by_full_solves(solver, scorer_at(arrays), target, weights, ceiling)


# -- the benchmark ------------------------------------------------------------------------------


class Solves:
    """Counts the integer programmes solved, and the cases in them."""

    def __init__(self) -> None:
        from sieve.plan import solve

        self.module, self.real = solve, solve.Programme.solve
        self.whole = self.small = 0

    def __enter__(self):
        counter = self

        def counting(prog, *args, among=None, **kw):
            if among is None:
                counter.whole += 1
            else:
                counter.small += 1
            return counter.real(prog, *args, among=among, **kw)

        self.module.Programme.solve = counting
        return self

    def __exit__(self, *exc) -> None:
        self.module.Programme.solve = self.real

    def __str__(self) -> str:
        return f"{self.whole} whole programmes, {self.small} on the few cases kept"


def bench_parts(session, draws: int) -> None:
    """Each part, before and now, on the same draws: the same answers, the time."""

    from sieve.engine.evaluate import evaluate
    from sieve.plan.instance import build_instance
    from sieve.plan.ranges import weight_ranges
    from sieve.plan.robust import WEIGHT_CEILING, draw_scores, scorer_at, session_arrays
    from sieve.plan.solve import solve_instance
    from sieve.plan.solver import Solver

    evaluation = evaluate(session)
    keys = [r.key for r in evaluation.results]
    inst = build_instance(session, evaluation)
    proposed = solve_instance(inst, alternatives=0).best.cases
    arrays = session_arrays(session, keys)
    solver = Solver(inst)

    old_d = clock(lambda: pooled_scores(arrays, draws, 0))
    new_d = clock(lambda: draw_scores(arrays, draws, 0, 0.3)[0], repeat=3)
    scores = new_d[2]
    print(f"  {draws} draws, 256 resamples (before) {old_d[0]:6.2f} s ({old_d[1]:.2f})")
    print(f"  {draws} draws, {draws} resamples (now)   {new_d[0]:6.2f} s ({new_d[1]:.2f})")

    with Solves() as count_old:
        old_p = clock(lambda: full_solves(solver, scores[:200]))
    with Solves() as count_new:
        new_p = clock(lambda: solver.best_many(scores[:200]))

    def total(d: int, chosen) -> float:
        return float(scores[d, sorted(chosen)].sum())

    same = all(
        (a is None) == (b is None) and (a is None or abs(total(d, a) - total(d, b)) < 1e-9)
        for d, (a, b) in enumerate(zip(old_p[2], new_p[2], strict=True))
    )
    print(f"  200 portfolio re-solves, before    {old_p[0]:6.2f} s ({old_p[1]:.2f})   {count_old}")
    print(f"  200 portfolio re-solves, now       {new_p[0]:6.2f} s ({new_p[1]:.2f})   {count_new}")
    print(f"    every draw's best set totals the same: {same}")

    weights = dict(evaluation.weights)
    target = frozenset(keys.index(k) for k in proposed)
    ceiling = WEIGHT_CEILING * max(max(weights.values()), 1.0)
    score_of = scorer_at(arrays)
    with Solves() as count_old:
        old_r = clock(lambda: ranges_by_full_solves(solver, score_of, target, weights, ceiling))
    with Solves() as count_new:
        new_r = clock(
            lambda: weight_ranges(solver, score_of, target, weights, ceiling, lambda f: None)
        )
    print(f"  weight ranges, before              {old_r[0]:6.2f} s ({old_r[1]:.2f})   {count_old}")
    print(f"  weight ranges, now                 {new_r[0]:6.2f} s ({new_r[1]:.2f})   {count_new}")
    print(f"    the ranges are equal: {old_r[2] == new_r[2]}")


def bench_command(path: Path, session, draws: int) -> None:
    """The whole command, in process: load, analyse, print."""
    from sieve.cli.main import main

    def command(n: int) -> int:
        with contextlib.redirect_stdout(io.StringIO()):
            return main(["rank", str(path), "--robust", "--draws", str(n)])

    old = clock(lambda: before(session, draws))
    new = clock(lambda: command(draws), repeat=3)
    few = clock(lambda: command(100), repeat=3)
    print(f"  the analysis as before ({draws} draws)   {old[0]:6.2f} s ({old[1]:.2f})")
    verdict = "PASS" if new[0] < TARGET else "MISS"
    print(
        f"  sieve rank --robust now ({draws} draws)  {new[0]:6.2f} s ({new[1]:.2f})   "
        f"load + analysis + text; target < {TARGET:.0f} s: {verdict}"
    )
    print(f"  sieve rank --robust now (100 draws)    {few[0]:6.2f} s ({few[1]:.2f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="cProfile of the analysis now")
    args = parser.parse_args(argv)
    from sieve.load.session import open_session
    from sieve.plan.robust import analyse

    with tempfile.TemporaryDirectory() as tmp:
        ws = load_synth().generate(Path(tmp))
        session = open_session(ws.session)
        open_session(ws.session)  # warm: the first read pays the imports
        analyse(session, draws=20)  # warm: numpy, scipy
        print(
            f"sieve rank --robust on {len(ws.cases)} cases x {len(ws.criteria)} criteria x "
            f"{len(ws.scorers)} scorers"
        )
        bench_command(ws.session, session, args.draws)
        print("Its parts, on the same session and draws")
        bench_parts(session, args.draws)
        if args.profile:
            profile = cProfile.Profile(time.process_time)
            profile.runcall(analyse, session, draws=args.draws)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
