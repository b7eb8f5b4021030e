"""Two writers on one file at once, as real processes: both edits kept, or one refused (exit 2).

Each writer is a Python process that imports sieve, says it is ready, waits for a
common start signal and then runs the real ``sieve score`` command (``main([...])``)
or a real Workbench save; the two therefore read and write the same file at the
same moment, round after round.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import rtoml
from conftest import PROJECT, TWO_SCORERS

ROUNDS = 30

#: Imports sieve, signals ``ready``, waits for ``go``, then runs the job given in argv.
WRITER = """
import sys, time
from pathlib import Path
import sieve.cli.main, sieve.load.session, sieve.save.scores, sieve.workbench, tomlkit, rtoml
ready, go, job, *args = sys.argv[1:]
Path(ready).touch()
while not Path(go).exists():
    time.sleep(0.0005)
if job == "cli":
    sys.exit(sieve.cli.main.main(args))
from sieve.errors import FileChangedError
wb = sieve.workbench.Workbench(Path(args[0]))
try:
    wb.set_score(args[1], args[2], args[3], int(args[4]))
except FileChangedError as exc:
    sys.stderr.write(f"sieve: {exc.path}: refused\\n")
    sys.exit(2)
print("written")
"""

#: Two edits of two different cells of the session file (Bob's is a new table).
ANA = ("ana", "a", "need", 3)
BOB = ("bob", "a/x", "learn", 1)


def _job(kind: str, session: Path, cell: tuple) -> list[str]:
    scorer, key, criterion, level = cell
    if kind == "cli":
        return [
            "cli",
            "--lang",
            "fr",
            "score",
            str(session),
            "--scorer",
            scorer,
            "--key",
            key,
            "--criterion",
            criterion,
            "--level",
            str(level),
        ]
    return ["workbench", str(session), scorer, key, criterion, str(level)]


def _level(data: dict, cell: tuple) -> object:
    scorer, key, criterion, _level = cell
    return data.get("scores", {}).get(scorer, {}).get(key, {}).get(criterion)


def _race(tmp: Path, session: Path, jobs: list[tuple[str, tuple]]) -> list[tuple[int, str]]:
    """Start the writers, wait until each is ready, let them go together; (code, stderr)."""
    go = tmp / "go"
    go.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    procs, readies = [], []
    for i, (kind, cell) in enumerate(jobs):
        ready = tmp / f"ready-{i}"
        ready.unlink(missing_ok=True)
        readies.append(ready)
        argv = [sys.executable, "-c", WRITER, str(ready), str(go), *_job(kind, session, cell)]
        procs.append(
            subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        )
    deadline = time.monotonic() + 60
    while not all(r.exists() for r in readies):
        assert time.monotonic() < deadline, "a writer never got ready"
        time.sleep(0.005)
    go.touch()
    results = []
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        results.append((proc.returncode, err.decode("utf-8")))
    return results


def _rounds(tmp: Path, session: Path, jobs: list[tuple[str, tuple]]) -> dict[str, int]:
    """Run ROUNDS races from the same file; check none loses an edit silently."""
    base = session.read_bytes()
    tally = {"both kept": 0, "one refused": 0}
    for round_no in range(ROUNDS):
        session.write_bytes(base)
        results = _race(tmp, session, jobs)
        data = rtoml.loads(session.read_text(encoding="utf-8"))
        refused = 0
        for (code, err), (kind, cell) in zip(results, jobs, strict=True):
            where = f"round {round_no}, {kind} {cell}: exit {code}, {err!r}"
            assert "Traceback" not in err, where
            if code == 0:
                assert _level(data, cell) == cell[3], f"lost update: {where}"
            else:
                assert code == 2, where
                assert err.startswith("sieve: ") and str(session.name) in err, where
                assert _level(data, cell) != cell[3], where
                refused += 1
        assert refused < len(jobs), f"round {round_no}: every writer refused: {results}"
        tally["both kept" if refused == 0 else "one refused"] += 1
        leftovers = sorted(p.name for p in session.parent.iterdir() if p.name.startswith("."))
        assert leftovers == [], f"round {round_no}: {leftovers}"
    return tally


def test_two_cli_scores_at_once_never_lose_one(workspace, tmp_path: Path):
    session = workspace(TWO_SCORERS)
    tally = _rounds(tmp_path, session, [("cli", ANA), ("cli", BOB)])
    print(f"sieve score x2, {ROUNDS} rounds: {tally}")


def test_a_workbench_save_and_a_cli_score_at_once_never_lose_one(workspace, tmp_path: Path):
    session = workspace(TWO_SCORERS)
    tally = _rounds(tmp_path, session, [("workbench", ANA), ("cli", BOB)])
    print(f"workbench + sieve score, {ROUNDS} rounds: {tally}")
