"""How long the analyses of a dated map take: 5,000 people, 20,000 relations, 20,000 dated entries.

Run: ``.venv/bin/python benchmarks/bench_time.py`` (``--runs N``, default 3; ``--people N``).

The map is :func:`bench_graph.synthetic_map` (fixed seed; four relations per person),
written as a session of the small test tamis with 20,000 dated entries on top (fixed
seed): 12,000 ``[[assessment]]`` tables (power, interest and, one in six, a role, on
dates over the Transfo's 18 months), ``since``/``until`` on 4,000 relations and on
1,000 stakeholders, and 3,000 ``[[stance]]`` tables on 20 subjects. The script loads
it, then prints the median time of each step and, side by side, the baseline measured
in the same run: the analyses of the same map with no dated entry (the file without
them). Each time is shown twice: wall clock and the process's CPU time (the machine
may be shared; CPU time moves less with the others' load). The target is under 2 s of
wall clock for every analysis at a date; the app runs them in a worker thread
(:meth:`sieve.app.screens.stakeholders.StakeholdersScreen.analyse`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
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

from sieve.engine.evaluate import evaluate  # noqa: E402
from sieve.engine.stances import stance_warnings  # noqa: E402
from sieve.graph.analyse import analyse_session  # noqa: E402
from sieve.graph.history import changes  # noqa: E402
from sieve.load.session import load_session  # noqa: E402
from sieve.model import STAKEHOLDER_ROLES  # noqa: E402
from sieve.timeline import session_map  # noqa: E402

START = dt.date(2017, 1, 9)
DAYS = 540  # 18 months
SUBJECTS = 20


def day(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randrange(DAYS))


def session_text(count: int, dated: bool, seed: int = 7) -> tuple[str, int]:
    """The session's text and how many dated entries it holds."""
    rng = random.Random(seed)
    people, relations = synthetic_map(count)
    lines = [SESSION_HEAD]
    for i in range(SUBJECTS):
        lines += ["[[subject]]", f'id = "s{i:02d}"', f'title = "Sujet {i}"', ""]
        lines += ["[[angle]]", 'id = "a"', f'subject = "s{i:02d}"', 'title = "A"', ""]
    entries = 0
    ids = list(people)
    spans = set(rng.sample(ids, count // 5)) if dated else set()
    for p in people.values():
        lines += ["[[stakeholder]]", f'id = "{p.id}"', f'name = "{p.name}"']
        lines += [f'role = "{p.role}"', f'org = "{p.org}"']
        lines += [f"power = {p.power}", f"interest = {p.interest}"]
        if p.id in spans:
            first = day(rng)
            if rng.random() < 0.5:
                lines.append(f"since = {first}")
            else:
                lines.append(f"until = {first}")
            entries += 1
        lines.append("")
    dated_relations = set(rng.sample(range(len(relations)), len(relations) // 5)) if dated else ()
    for i, r in enumerate(relations):
        lines += ["[[relation]]", f'from = "{r.source}"', f'to = "{r.target}"']
        lines += [f'kind = "{r.kind}"', f"weight = {int(r.weight)}"]
        if i in dated_relations:
            a, b = sorted((day(rng), day(rng)))
            lines += [f"since = {a}", f"until = {b}"] if rng.random() < 0.5 else [f"since = {a}"]
            entries += 1
        lines.append("")
    if dated:
        seen: set[tuple[str, dt.date]] = set()
        while len(seen) < 12 * count // 5:
            who, when = rng.choice(ids), day(rng)
            if (who, when) in seen:
                continue
            seen.add((who, when))
            lines += ["[[assessment]]", f'stakeholder = "{who}"', f"date = {when}"]
            if rng.random() < 1 / 6:
                lines.append(f'role = "{rng.choice(STAKEHOLDER_ROLES)}"')
            lines += [f"power = {rng.randint(0, 4)}", f"interest = {rng.randint(0, 4)}", ""]
        entries += len(seen)
        stances: set[tuple[str, str, dt.date]] = set()
        while len(stances) < 3 * count // 5:
            key = (rng.choice(ids), f"s{rng.randrange(SUBJECTS):02d}", day(rng))
            if key in stances:
                continue
            stances.add(key)
            position = rng.choice(("support", "neutral", "oppose"))
            lines += ["[[stance]]", f'stakeholder = "{key[0]}"', f'subject = "{key[1]}"']
            lines += [f'position = "{position}"', f"date = {key[2]}", ""]
        entries += len(stances)
    return "\n".join(lines), entries


class Timing(float):
    """A median wall-clock time in seconds, with the median CPU time of the process."""

    cpu: float

    def __new__(cls, wall: float, cpu: float) -> Timing:
        timing = super().__new__(cls, wall)
        timing.cpu = cpu
        return timing


def median(func, runs: int) -> tuple[Timing, object]:
    """The median wall-clock and CPU times of ``runs`` calls, and the last result.

    The machine may be shared: the CPU time (``time.process_time``, this process only)
    moves less with the other sessions' load than the wall-clock time does.
    """
    walls, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = func()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - start)
    return Timing(statistics.median(walls), statistics.median(cpus)), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--people", type=int, default=5000)
    args = parser.parse_args(argv)
    count = args.people
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "criteria").mkdir()
        (root / "sessions").mkdir()
        (root / "criteria" / "t.toml").write_text(TAMIS, encoding="utf-8")
        loaded = {}
        for dated in (False, True):
            text, entries = session_text(count, dated)
            path = root / "sessions" / ("dated.toml" if dated else "plain.toml")
            path.write_text(text, encoding="utf-8")
            seconds, result = median(lambda p=path: load_session(p), 1)
            assert result.session is not None, [str(p) for p in result.problems[:3]]
            loaded[dated] = (result.session, seconds, entries)
    plain, plain_load, _ = loaded[False]
    session, dated_load, entries = loaded[True]
    middle = START + dt.timedelta(days=DAYS // 2)
    print(
        f"{len(session.people)} people, {len(session.relations)} relations, "
        f"{entries} dated entries ({len(session.assessments)} assessments, "
        f"{len(session.stances)} stances); median of {args.runs} runs\n"
    )
    rows = [("load_session", dated_load, plain_load)]
    analyse_session(plain)  # warm up: networkx and scipy imported once, outside the timings
    t_map, (people, relations) = median(lambda: session_map(session, middle), args.runs)
    rows.append(
        (f"the map at {middle} ({len(people)} people, {len(relations)} relations)", t_map, None)
    )
    base, _ = median(lambda: analyse_session(plain), args.runs)
    t_at, _ = median(lambda: analyse_session(session, middle), args.runs)
    rows.append((f"every analysis at {middle}", t_at, base))
    t_now, _ = median(lambda: analyse_session(session), args.runs)
    rows.append(("every analysis after every dated entry", t_now, base))
    t_changes, found = median(
        lambda: changes(session, START + dt.timedelta(days=90), middle), args.runs
    )
    two = Timing(2 * base, 2 * base.cpu)
    rows.append(("changes between two dates (two analyses)", t_changes, two))
    t_stances, _ = median(lambda: stance_warnings(session, middle), args.runs)
    rows.append(("stance warnings at a date", t_stances, None))
    t_eval, _ = median(lambda: evaluate(session), args.runs)
    t_eval_plain, _ = median(lambda: evaluate(plain), args.runs)
    rows.append(("evaluate (ranking and flags)", t_eval, t_eval_plain))
    width = max(len(r[0]) for r in rows)
    print(f"{'':<{width}}  {'dated':^19}  {'baseline (undated)':^19}")
    print(f"{'step':<{width}}  {'wall':>8}  {'CPU':>8}   {'wall':>8}  {'CPU':>8}")
    for name, seconds, baseline in rows:
        shown = f"{baseline:6.3f} s  {baseline.cpu:6.3f} s" if baseline is not None else "–"
        print(f"{name:<{width}}  {seconds:6.3f} s  {seconds.cpu:6.3f} s   {shown:>19}")
    print(
        f"\nchanges: {len(found.joined)} joined, {len(found.left)} left, {len(found.moves)} "
        f"moved, {len(found.gained)} relations gained, {len(found.lost)} lost"
    )
    worst = max(t_at, t_now)
    print(
        f"target: every analysis at a date under 2 s (wall clock, worst {worst:.3f} s; "
        f"CPU {max(t_at.cpu, t_now.cpu):.3f} s): {'met' if worst < 2 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
