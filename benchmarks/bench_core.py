"""Measure sieve's core on a large synthetic workspace, side by side with baselines.

Generates (with ``benchmarks/synth.py``) a workspace of 500 cases x 40 criteria x
25 scorers (one score file per scorer) in a temporary folder, then prints, in one run:

1. reading: the fastest raw TOML parse of the same files (rtoml; tomllib and tomli
   when installed) vs ``sieve.load.session.load_session`` (read + validate + build the model).
   Target: load <= 2 x the fastest raw parse.
2. ranking: ``sieve.engine.evaluate`` vs the same weighted-sum ranking computed with
   pymcdm (WSM, each column divided by its scale's top level, normalised weights):
   from the same scores (group levels with numpy, gates, WSM, rank), and the WSM
   call alone on the prebuilt matrix of group levels. Checks both give the same
   ranks. Target: under 50 ms and faster than the peer library.
3. saving: ``sieve.save.scores.set_score`` of one changed score (tomlkit edit of one
   scorer's file + atomic save) vs full re-serialisations of that file.
   Target: under 0.2 s.

Every figure is the median of several runs timed with ``time.perf_counter``.

Usage::

    python benchmarks/bench_core.py             # the full 500 x 40 x 25 workspace
    python benchmarks/bench_core.py --small     # a quick run on a small workspace
    python benchmarks/bench_core.py --profile   # add cProfile hot spots of load/evaluate/save
    python benchmarks/bench_core.py --only rank # one part: load, rank and/or save
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import io
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import synth  # noqa: E402

from sieve.engine.evaluate import TIE_TOLERANCE, evaluate  # noqa: E402
from sieve.load.session import load_session  # noqa: E402
from sieve.save.document import atomic_write, digest  # noqa: E402
from sieve.save.scores import set_score  # noqa: E402

FULL = {"subjects": 100, "angles": 5, "criteria": 40, "scorers": 25}
SMALL = {"subjects": 20, "angles": 5, "criteria": 16, "scorers": 6}

LOAD_RATIO_TARGET = 2.0
RANK_TARGET = 0.050
SAVE_TARGET = 0.200


class Seconds(float):
    """A median wall-clock time (``time.perf_counter``) that also carries the median
    CPU time of the same runs (``time.process_time``): on a busy machine the wall
    time grows while the process waits for a CPU, the CPU time much less."""

    cpu: float | None = None

    @classmethod
    def of(cls, walls: list[float], cpus: list[float]) -> Seconds:
        out = cls(statistics.median(walls))
        out.cpu = statistics.median(cpus)
        return out


class Runs(list):
    """Wall times of several runs, with their CPU times in ``cpu``."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu: list[float] = []

    def run(self, func: Callable[[], object]) -> None:
        gc.collect()
        cpu = time.process_time()
        start = time.perf_counter()
        func()
        self.append(time.perf_counter() - start)
        self.cpu.append(time.process_time() - cpu)

    @property
    def median(self) -> Seconds:
        return Seconds.of(self, self.cpu)


def timed(func: Callable[[], object], runs: int, before: Callable[[], object] | None = None):
    """The median (a :class:`Seconds`) and all times of ``runs`` calls; ``before`` runs untimed."""
    times = Runs()
    for _ in range(runs):
        if before is not None:
            before()
        times.run(func)
    return times.median, times


def interleaved(funcs: dict[str, Callable[[], object]], runs: int) -> dict[str, Runs]:
    """All times of each function, run in turn, ``runs`` rounds.

    Taking turns makes a busy machine slow every contender alike, so the ratio of
    two medians, and the median of the per-round ratios, stay meaningful.
    """
    times = {name: Runs() for name in funcs}
    for _ in range(runs):
        for name, func in funcs.items():
            times[name].run(func)
    return times


def paired_ratio(numerator: list[float], denominator: list[float]) -> float:
    """The median of the per-round ratios."""
    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))


def fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:8.2f} s "
    if seconds >= 0.001:
        return f"{seconds * 1e3:8.1f} ms"
    return f"{seconds * 1e6:8.0f} µs"


class Table:
    """Rows of (section, measure, median, runs, note) printed as aligned text."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, section: str, measure: str, median: float | None, runs: int, note: str = ""):
        cpu = getattr(median, "cpu", None)
        self.rows.append(
            (
                section,
                measure,
                fmt(median) if median is not None else "",
                fmt(cpu) if cpu is not None else "",
                str(runs),
                note,
            )
        )

    def verdict(self, section: str, text: str) -> None:
        self.rows.append((section, text, "", "", "", ""))

    def print(self) -> None:
        head = ("", "measure", "median wall", "(cpu)", "runs", "")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(5)]
        last = None
        for i, row in enumerate([head, *self.rows]):
            if i and row[0] != last:
                print("-" * (sum(widths) + 50))
            last = row[0]
            print(
                f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  "
                f"{row[3]:>{widths[3]}}  {row[4]:>{widths[4]}}  {row[5]}"
            )


def pass_miss(ok: bool) -> str:
    return "PASS" if ok else "MISS"


# -- 1. reading ----------------------------------------------------------------------


def parsers() -> dict[str, Callable[[str], object]]:
    """The raw TOML parsers available, by name."""
    out: dict[str, Callable[[str], object]] = {}
    for name in ("rtoml", "tomllib", "tomli"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        out[name] = module.loads
    return out


def bench_load(ws: synth.Workspace, runs: int, slow_runs: int, table: Table) -> dict[str, float]:
    files = ws.files

    def raw(loads: Callable[[str], object]) -> Callable[[], None]:
        def run() -> None:
            for path in files:
                loads(path.read_bytes().decode("utf-8"))

        return run

    loaded = load_session(ws.session)
    errors = [p for p in loaded.problems if p.is_error]
    assert loaded.session is not None and not errors, errors[:3]

    available = parsers()
    results: dict[str, float] = {}
    # The slow pure-Python parsers alone, a few runs; rtoml and sieve taking turns.
    for name in ("tomllib", "tomli"):
        if name in available:
            results[name], _ = timed(raw(available[name]), slow_runs)
    turns = interleaved(
        {"rtoml": raw(available["rtoml"]), "sieve": lambda: load_session(ws.session)}, runs
    )
    results["rtoml"] = turns["rtoml"].median
    results["sieve"] = turns["sieve"].median
    for name in ("rtoml", "tomllib", "tomli"):
        if name in results:
            n = runs if name == "rtoml" else slow_runs
            what = f"raw parse, {name} (read + parse {len(files)} files)"
            table.add("1 load", what, results[name], n)
    fastest = min((v, k) for k, v in results.items() if k != "sieve")
    ratio = paired_ratio(turns["sieve"], turns["rtoml"])
    table.add(
        "1 load",
        "sieve.load.session.load_session (read + validate + model)",
        results["sieve"],
        runs,
        f"{ratio:.2f} x {fastest[1]} (median of per-round ratios)",
    )
    table.verdict(
        "1 load",
        f"target load <= {LOAD_RATIO_TARGET:g} x fastest raw parse: "
        f"{ratio:.2f} x -> {pass_miss(ratio <= LOAD_RATIO_TARGET)}",
    )
    results["ratio"] = ratio
    return results


# -- 2. ranking ----------------------------------------------------------------------


def peer_inputs(session):
    """What the peer pipeline needs, prepared once (indices, tops, weights)."""
    cases = session.cases
    subject_row = {s: i for i, s in enumerate(session.subjects)}
    return {
        "criteria": session.tamis.criteria,
        "cases": cases,
        "subject_row": subject_row,
        "case_row": {c.key: i for i, c in enumerate(cases)},
        "subject_of_case": [subject_row[c.subject.id] for c in cases],
    }


def peer_rank(session, prep):
    """Scores -> group levels (numpy) -> gates -> pymcdm WSM -> ranks.

    Returns (keys of the passing cases, their preferences, pymcdm's ranks).
    """
    import numpy as np
    from pymcdm.methods import WSM

    criteria = prep["criteria"]
    on_subject = [c for c in criteria if not c.on_angle]
    on_angle = [c for c in criteria if c.on_angle]
    subject_col = {c.id: j for j, c in enumerate(on_subject)}
    angle_col = {c.id: j for j, c in enumerate(on_angle)}
    n_subjects, n_cases = len(prep["subject_row"]), len(prep["cases"])
    n_scorers = len(session.scores)
    subj = np.full(n_scorers * n_subjects * len(on_subject), np.nan)
    case = np.full(n_scorers * n_cases * len(on_angle), np.nan)
    s_idx: list[int] = []
    s_val: list[int] = []
    c_idx: list[int] = []
    c_val: list[int] = []
    for k, rows in enumerate(session.scores.values()):
        for key, entries in rows.items():
            if "/" in key:
                base = (k * n_cases + prep["case_row"][key]) * len(on_angle)
                c_idx.extend(base + angle_col[c] for c in entries)
                c_val.extend(entries.values())
            else:
                base = (k * n_subjects + prep["subject_row"][key]) * len(on_subject)
                s_idx.extend(base + subject_col[c] for c in entries)
                s_val.extend(entries.values())
    subj[s_idx] = s_val
    case[c_idx] = c_val
    group_subject = np.nanmedian(subj.reshape(n_scorers, n_subjects, len(on_subject)), axis=0)
    group_case = np.nanmedian(case.reshape(n_scorers, n_cases, len(on_angle)), axis=0)
    # The matrix of group levels, one row per case, columns in the tamis's order.
    by_case = np.hstack([group_subject[prep["subject_of_case"]], group_case])
    order = [c.id for c in on_subject] + [c.id for c in on_angle]
    matrix = by_case[:, [order.index(c.id) for c in criteria]]
    gates = [j for j, c in enumerate(criteria) if c.is_gate]
    pass_at = np.array([criteria[j].pass_at for j in gates])
    passing = np.all(matrix[:, gates] >= pass_at, axis=1)
    score_cols = [j for j, c in enumerate(criteria) if not c.is_gate]
    x = matrix[passing][:, score_cols]
    weights = np.array([criteria[j].weight for j in score_cols], dtype=float)
    weights /= weights.sum()
    tops = [criteria[j].scale.top for j in score_cols]
    wsm = WSM([lambda v, cost, t=t: v / t for t in tops])
    pref = wsm(x, weights, np.ones(len(score_cols)), validation=False)
    ranks = wsm.rank(pref)
    keys = [c.key for c, ok in zip(prep["cases"], passing, strict=True) if ok]
    return keys, pref, ranks, x, weights, wsm


def competition_ranks(keys, scores):
    """1, 1, 3 ranks with the engine's tie tolerance, highest score first."""
    order = sorted(range(len(keys)), key=lambda i: -scores[i])
    out = {}
    previous = None
    current = 0
    for position, i in enumerate(order, start=1):
        if previous is None or previous - scores[i] > TIE_TOLERANCE:
            current = position
        previous = scores[i]
        out[keys[i]] = current
    return out


def bench_rank(session, runs: int, table: Table) -> dict[str, float]:
    import numpy as np

    prep = peer_inputs(session)
    evaluation = evaluate(session)
    keys, pref, _ranks, x, weights, wsm = peer_rank(session, prep)

    # Same cases sifted out, same scores, same ranks.
    engine_ranks = {r.key: r.rank for r in evaluation.passing}
    engine_scores = {r.key: r.score for r in evaluation.passing}
    peer_ranks = competition_ranks(keys, list(pref))
    same_cases = set(engine_ranks) == set(keys)
    same_scores = same_cases and np.allclose([engine_scores[k] for k in keys], pref, atol=1e-12)
    same_order = same_cases and engine_ranks == peer_ranks

    types = np.ones(x.shape[1])
    turns = interleaved(
        {
            "engine": lambda: evaluate(session),
            "peer": lambda: peer_rank(session, prep),
            "call": lambda: wsm.rank(wsm(x, weights, types, validation=False)),
        },
        runs,
    )
    t_engine, t_peer, t_call = (turns[k].median for k in ("engine", "peer", "call"))
    engine_vs_peer = paired_ratio(turns["engine"], turns["peer"])
    table.add("2 rank", "sieve.engine.evaluate (all cells, gates, flags, ranks)", t_engine, runs)
    table.add(
        "2 rank",
        "pymcdm from the same scores (numpy medians + gates + WSM + rank)",
        t_peer,
        runs,
        f"engine {engine_vs_peer:.2f} x this (median of per-round ratios)",
    )
    table.add(
        "2 rank",
        f"pymcdm WSM + rank alone, prebuilt {x.shape[0]} x {x.shape[1]} matrix",
        t_call,
        runs,
        f"engine {t_engine / t_call:.0f} x this",
    )
    table.verdict(
        "2 rank",
        f"same result: sifted-out cases {'yes' if same_cases else 'NO'}, "
        f"scores {'yes' if same_scores else 'NO'}, ranks {'yes' if same_order else 'NO'} "
        f"({len(keys)} ranked, {len(evaluation.results) - len(keys)} sifted out)",
    )
    table.verdict(
        "2 rank",
        f"target evaluate < 50 ms: {fmt(t_engine).strip()} -> {pass_miss(t_engine < RANK_TARGET)}",
    )
    table.verdict(
        "2 rank",
        "target faster than the peer, same scores in: "
        f"{pass_miss(engine_vs_peer < 1)}; than the bare WSM call: {pass_miss(t_engine < t_call)}",
    )
    return {"engine": t_engine, "peer": t_peer, "call": t_call, "same": float(same_order)}


# -- 3. saving -----------------------------------------------------------------------


def pick_score(session) -> tuple[str, str, str, int, Path]:
    """A (scorer, case key, angle criterion, top, file) that holds a level."""
    for scorer, sources in session.score_origin.items():
        for path, rows in sources:
            for key, entries in rows.items():
                if "/" not in key:
                    continue
                for crit, _level in entries.items():
                    return scorer, key, crit, session.tamis.by_id[crit].scale.top, path
    raise SystemExit("no score to change")


def pick_abstention(session, scorer: str, path: Path) -> tuple[str, str, int] | None:
    """A (case key, angle criterion, top) the scorer left out on a line they wrote."""
    angle = [c for c in session.tamis.criteria if c.on_angle]
    for source, rows in session.score_origin[scorer]:
        if source != path:
            continue
        for key, entries in rows.items():
            if "/" in key:
                for crit in angle:
                    if crit.id not in entries:
                        return key, crit.id, crit.scale.top
    return None


def bench_save(ws: synth.Workspace, runs: int, table: Table) -> dict[str, float]:
    import rtoml
    import tomlkit

    session = load_session(ws.session).session
    scorer, key, crit, top, path = pick_score(session)
    size = path.stat().st_size
    state = {"level": session.scores[scorer][key][crit]}

    def change() -> None:
        state["level"] = (state["level"] + 1) % (top + 1)
        set_score(session, scorer, key, crit, state["level"])

    def refresh() -> None:
        # The session saw the file as it is now (as the app does after reloading).
        session.digests[path] = digest(path.read_bytes())

    t_set, _ = timed(change, runs, refresh)
    t_fill = None
    hole = pick_abstention(session, scorer, path)
    if hole is not None:
        hole_key, hole_crit, hole_top = hole
        filled = {"level": 0}

        def fill() -> None:
            # The loaded rows still lack this criterion: every run rewrites that line.
            filled["level"] = (filled["level"] + 1) % (hole_top + 1)
            set_score(session, scorer, hole_key, hole_crit, filled["level"])

        t_fill, _ = timed(fill, runs, refresh)
    text = path.read_text(encoding="utf-8")
    assert f"{crit} = {state['level']}" in text
    doc = tomlkit.parse(text)
    data = rtoml.loads(text)
    t_parse, _ = timed(lambda: tomlkit.parse(text), runs)
    t_dumps, _ = timed(lambda: tomlkit.dumps(doc), runs)
    t_round, _ = timed(
        lambda: atomic_write(path, tomlkit.dumps(tomlkit.parse(text)).encode()), runs
    )
    t_rtoml, _ = timed(lambda: atomic_write(path, rtoml.dumps(data).encode()), runs)
    t_write, _ = timed(lambda: atomic_write(path, text.encode()), runs)
    path.write_text(text, encoding="utf-8")

    label = f"{path.name}, {size / 1e3:.0f} kB"
    table.add("3 save", f"sieve.save.scores.set_score, one level ({label})", t_set, runs)
    if t_fill is not None:
        table.add(
            "3 save",
            "sieve.save.scores.set_score, filling an abstention (line rewritten)",
            t_fill,
            runs,
        )
    # set_score rewrites the one line (checked by re-reading with rtoml); the whole
    # tomlkit document is only parsed when that splice declines (unusual layouts).
    table.add(
        "3 save", "  tomlkit.parse of that file (only when the splice declines)", t_parse, runs
    )
    table.add("3 save", "  tomlkit.dumps of the parsed document", t_dumps, runs)
    table.add("3 save", "  atomic_write alone (temp + fsync + rename)", t_write, runs)
    table.add("3 save", "full re-serialise: tomlkit parse + dumps + atomic write", t_round, runs)
    table.add(
        "3 save", "full re-serialise: rtoml.dumps + atomic write (drops comments)", t_rtoml, runs
    )
    worst = max(t_set, t_fill or 0.0)
    table.verdict(
        "3 save",
        f"target one-score save < 0.2 s (slowest of the above): {fmt(worst).strip()} "
        f"-> {pass_miss(worst < SAVE_TARGET)}",
    )
    return {"set_score": t_set, "fill": t_fill or 0.0}


# -- profile -------------------------------------------------------------------------


def profile(title: str, func: Callable[[], object], limit: int = 18) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    func()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(limit)
    print(f"\n=== cProfile: {title} (sorted by own time) ===")
    body = out.getvalue()
    start = body.find("   ncalls")
    print(body[body.find("function calls") - 12 : body.find("\n", body.find("function calls"))])
    print(body[start:].rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="a small workspace, for a quick run")
    parser.add_argument("--runs", type=int, default=None, help="runs per measure (median)")
    parser.add_argument("--seed", type=int, default=27)
    parser.add_argument("--profile", action="store_true", help="print cProfile hot spots too")
    parser.add_argument("--keep", type=Path, help="write the workspace here and keep it")
    parser.add_argument(
        "--only",
        default="load,rank,save",
        help="comma-separated parts to run among load, rank, save (default: all)",
    )
    args = parser.parse_args(argv)

    size = SMALL if args.small else FULL
    runs = args.runs or (5 if args.small else 9)
    slow_runs = args.runs or 3
    with tempfile.TemporaryDirectory(prefix="sieve-bench-") as tmp:
        root = args.keep or Path(tmp)
        start = time.perf_counter()
        ws = synth.generate(root, seed=args.seed, **size)
        made = time.perf_counter() - start
        scorer_sizes = [p.stat().st_size for p in ws.score_files]
        print(
            f"sieve core benchmark - Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
        )
        print(
            f"workspace: {len(ws.cases)} cases ({len(ws.subjects)} subjects x {size['angles']} "
            f"angles), {len(ws.criteria)} criteria, {len(ws.scorers)} scorers; "
            f"{len(ws.files)} files, {ws.size / 1e6:.2f} MB (session "
            f"{ws.session.stat().st_size / 1e3:.0f} kB, score files "
            f"{min(scorer_sizes) / 1e3:.0f}-{max(scorer_sizes) / 1e3:.0f} kB), "
            f"{ws.abstentions} abstentions; generated in {made:.1f} s (seed {args.seed})"
        )
        if args.small:
            print("(--small: the targets are set for the full size; read them as indications)")
        print()
        table = Table()
        parts = {part.strip() for part in args.only.split(",")}
        if "load" in parts:
            bench_load(ws, runs, slow_runs, table)
        session = load_session(ws.session).session
        if "rank" in parts:
            bench_rank(session, max(runs, 15), table)
        if "save" in parts:
            bench_save(ws, runs, table)
        table.print()
        if args.profile:
            profile("load_session", lambda: load_session(ws.session))
            profile("evaluate", lambda: evaluate(session))
            fresh = load_session(ws.session).session
            scorer, key, crit, top, _path = pick_score(fresh)
            level = (fresh.scores[scorer][key][crit] + 1) % (top + 1)
            profile("set_score", lambda: set_score(fresh, scorer, key, crit, level))
    return 0


if __name__ == "__main__":
    sys.exit(main())
