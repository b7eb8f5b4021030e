# ruff: noqa: E501
"""App benchmarks, each printed beside a baseline measured in the same run.

1. Cold start to first full paint: ``sieve`` on the default session, against a bare
   Textual app showing a DataTable of the same size (cases x criteria); each in a
   fresh interpreter, best of N. Target: at most 1.3x the bare app.
2. One score keystroke to the repainted matrix, on a generated session of 60 cases,
   20 criteria and 25 scorers: the time from the key press (through Textual's Pilot)
   to the first screen update written to the terminal after the edit (the save runs
   in a background thread after that), against the stock DataTable updating one cell
   and writing its next screen update. Target: under 50 ms.

Run: ``.venv/bin/python benchmarks/bench_app.py [--runs 5]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

# A child that runs an app headless and prints the seconds from interpreter start
# to the first full paint (the first screen update after mount).
SIEVE_CHILD = r"""
import time, sys
t0 = time.perf_counter()
from sieve.app.app import SieveApp
from sieve.locations import DEFAULT_SESSION
import asyncio

async def main():
    app = SieveApp(DEFAULT_SESSION, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        print(time.perf_counter() - t0 + START)
asyncio.run(main())
"""

BARE_CHILD = r"""
import time
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import DataTable
import asyncio

class Bare(App):
    def compose(self):
        yield DataTable()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns(*[f"C{i}" for i in range(COLS)])
        for r in range(ROWS):
            table.add_row(*[str(r % 4) for _ in range(COLS)])

async def main():
    app = Bare()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        print(time.perf_counter() - t0 + START)
asyncio.run(main())
"""


def cold(code: str, runs: int, **params: object) -> float:
    times = []
    for _ in range(runs):
        prelude = "".join(f"{k} = {v!r}\n" for k, v in params.items())
        start = time.perf_counter()
        # START: the interpreter's own start-up, measured from outside
        script = f"import time as _t\nSTART = 0.0\n{prelude}{code}"
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT, check=True
        )
        wall = time.perf_counter() - start
        del out
        times.append(wall)
    return min(times)


def generate(folder: Path, cases: int = 60, criteria: int = 20, scorers: int = 25) -> Path:
    """A session of ``cases`` cases (3 per subject), ``criteria`` criteria, ``scorers`` scorers."""
    (folder / "criteria").mkdir(parents=True)
    (folder / "sessions" / "scores").mkdir(parents=True)
    tamis = ['format = 1\n\n[tamis]\nid = "b"\ntitle = "B"\nversion = 1\ncity = "X"\n']
    tamis.append('\n[scales.n]\nlevels = ["0", "1", "2", "3", "4"]\n')
    crit_ids = []
    for i in range(criteria):
        on_angle = i % 2 == 1
        gate = i in (0, 1)
        crit_ids.append((f"c{i}", on_angle))
        tamis.append(
            f'\n[[criterion]]\nid = "c{i}"\nlabel = "Critère {i}"\n'
            f'applies_to = "{"angle" if on_angle else "subject"}"\n'
            f'kind = "{"gate" if gate else "score"}"\nscale = "n"\n'
            + ("pass_at = 1\n" if gate else f"weight = {1 + i % 3}\n")
        )
    (folder / "criteria" / "b.toml").write_text("".join(tamis))
    subjects = cases // 3
    body = [
        'format = 1\n\n[session]\nid = "b"\ntitle = "Banc d\'essai"\n'
        'tamis = "../criteria/b.toml"\nscores = ["scores/*.toml"]\n'
    ]
    for s in range(subjects):
        body.append(f'\n[[subject]]\nid = "s{s}"\ntitle = "Sujet {s}"\n')
        for a in range(3):
            body.append(f'\n[[angle]]\nid = "a{s}-{a}"\nsubject = "s{s}"\ntitle = "Angle {a}"\n')
    for p in range(scorers):
        body.append(f'\n[[scorer]]\nid = "p{p}"\nname = "Personne {p}"\n')
        lines = [f"format = 1\n\n[scores.p{p}]\n"]
        for s in range(subjects):
            subj = ", ".join(
                f"c{i} = {(s + p + i) % 5}" for i, (c, on) in enumerate(crit_ids) if not on
            )
            lines.append(f'"s{s}" = {{ {subj} }}\n')
            for a in range(3):
                ang = ", ".join(
                    f"c{i} = {(s + a + p + i) % 5}" for i, (c, on) in enumerate(crit_ids) if on
                )
                lines.append(f'"s{s}/a{s}-{a}" = {{ {ang} }}\n')
        (folder / "sessions" / "scores" / f"p{p}.toml").write_text("".join(lines))
    path = folder / "sessions" / "b.toml"
    path.write_text("".join(body))
    return path


DIRECT: list[float] = []


async def keystroke_sieve(path: Path, presses: int) -> list[float]:
    """Key press -> the first screen update written after the edit was applied."""
    from sieve.app.app import SieveApp

    app = SieveApp(path, watch=False)
    times = []
    displays: list[tuple[float, int]] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("2", "down", "right", "right", "right")
        await pilot.pause()
        original = app._display

        def display(screen, renderable):
            displays.append((time.perf_counter(), len(app.workbench.undo_stack)))
            return original(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        for i in range(presses):
            app.screen.matrix.action_move(0, 1 if i % 2 == 0 else -1)
            await pilot.pause()
            await app.workers.wait_for_complete()
            done = len(app.workbench.undo_stack)
            displays.clear()
            start = time.perf_counter()
            await pilot.press(str(i % 5))
            await pilot.pause()
            await app.workers.wait_for_complete()
            shown = [t for t, edits in displays if edits > done]
            if shown:
                times.append(shown[0] - start)
        for i in range(presses):
            # the app's own work: edit in memory, re-evaluate, rebuild the rows, mark lines
            start = time.perf_counter()
            app.screen.record((i + 1) % 5)
            DIRECT.append(time.perf_counter() - start)
            await pilot.pause()
            await app.workers.wait_for_complete()
    return times


async def keystroke_datatable(rows: int, cols: int, presses: int) -> list[float]:
    """The stock DataTable: one cell updated -> the first screen update written."""
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            yield DataTable()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns(*[f"C{i}" for i in range(cols)])
            for r in range(rows):
                table.add_row(*[str(r % 4) for _ in range(cols)], key=str(r))

    app = Bare()
    times = []
    displays: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        original = app._display

        def display(screen, renderable):
            displays.append(time.perf_counter())
            return original(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        for i in range(presses):
            await pilot.pause()
            displays.clear()
            start = time.perf_counter()
            table.update_cell_at((2, 3), str(i % 5))
            await pilot.pause()
            if displays:
                times.append(displays[0] - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("TEXTUAL", "")

    from sieve.load.session import load_session
    from sieve.locations import DEFAULT_SESSION

    session = load_session(DEFAULT_SESSION).session
    assert session is not None
    rows = len(session.cases) + len(session.subjects) + 1
    cols = len(session.tamis.criteria)
    # Interleaved (sieve, bare, sieve, bare...) so that a busy machine slows both alike.
    sieve_runs, bare_runs = [], []
    for _ in range(args.runs):
        sieve_runs.append(cold(SIEVE_CHILD, 1))
        bare_runs.append(cold(BARE_CHILD, 1, ROWS=rows, COLS=cols))
    sieve_start, bare_start = min(sieve_runs), min(bare_runs)
    print(
        f"cold start to first paint (best of {args.runs}, interleaved, 120x36, fresh interpreter)"
    )
    print(f"  sieve, default session      {sieve_start * 1000:7.0f} ms")
    print(f"  bare Textual + DataTable    {bare_start * 1000:7.0f} ms  ({rows}x{cols})")
    print(f"  ratio                       {sieve_start / bare_start:7.2f}x   (target <= 1.3x)")

    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp))
        mine = asyncio.run(keystroke_sieve(path, args.presses))
    stock = asyncio.run(keystroke_datatable(60 + 20, 20, args.presses))
    print(
        f"\nscore keystroke to repainted matrix (60 cases x 20 criteria x 25 scorers, 160x48, {args.presses} presses)"
    )
    print(
        f"  sieve MatrixView            median {statistics.median(mine) * 1000:6.1f} ms   max {max(mine) * 1000:6.1f} ms   (target < 50 ms)"
    )
    print(
        f"  sieve, edit to rows marked  median {statistics.median(DIRECT) * 1000:6.1f} ms   max {max(DIRECT) * 1000:6.1f} ms   (no Pilot, no paint)"
    )
    print(
        f"  stock DataTable, one cell   median {statistics.median(stock) * 1000:6.1f} ms   max {max(stock) * 1000:6.1f} ms"
    )


if __name__ == "__main__":
    main()
