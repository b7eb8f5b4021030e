# ruff: noqa: E501
"""App benchmarks, each printed beside a baseline measured in the same run.

Every sieve figure is measured in a fresh interpreter (a child process), so that
``--against DIR`` measures another checkout (``PYTHONPATH=DIR``: the code before a
change, e.g. ``git archive <commit> | tar -x -C DIR``) in the same run, interleaved
with this one, so that a busy machine slows both alike. Times are wall clock; CPU
times (``time.process_time`` of the child) are printed beside them, as they suffer
less from other processes on a shared machine.

1. Cold start (issue 10.24): ``sieve`` on the default session against a bare Textual
   app showing a DataTable of the same size (cases x criteria), each in a fresh
   interpreter, best of N: the time to the first frame written to the terminal (a
   frame Textual holds back while it batches updates is not written), the whole run
   as the issue first measured it (start, the app's first pause, exit), and the frames
   written in the first half second (full: ``LayoutUpdate``; partial: ``ChopsUpdate``).
   Target: at most 1.15x the bare app, one frame.
2. One score keystroke to the repainted matrix on a generated session of 60 cases, 20
   criteria and 25 scorers, and 3. on the synthetic session of 500 cases x 40 criteria
   x 25 scorers (``benchmarks/synth.py``, issue 10.23): the time from the key press
   (through Textual's Pilot) to the first screen update written after the edit (the
   save runs in a background thread after that), against the stock DataTable updating
   one cell of a table of the same size. Target on 500 cases: under 25 ms.
4. The vigilance screen on the 500-case session (issue 10.22, 6,663 points): the key
   press to the first screen update after its last rebuild, on its first visit, after
   a score edit and shown again unchanged, with the number of rebuilds; against a
   stock ``OptionList`` given the same lines at once. Target: under 150 ms, one rebuild.

5. The portfolio screen's first visit on the default session (its optimiser's first run
   imports SciPy): key 7 to the first frame written, and to the list filled with the
   optimiser's answer; beside a fresh interpreter's ``import scipy.optimize`` (the cost
   the screen now pays in a thread). Target: painted at once (under 150 ms), filled after.

Bytecode: before measuring, each checkout's ``sieve/`` is compiled (``compileall``,
into its ``__pycache__``), as ``pip install`` does and as any run does that may write
bytecode; Textual, in site-packages, is compiled already. Without this, a machine
that sets ``PYTHONDONTWRITEBYTECODE`` compiles sieve's source at every start (about
55 ms of a cold start), a cost a user does not pay and the bare app never pays:
``--source`` measures that case (nothing compiled first).

Run: ``.venv/bin/python benchmarks/bench_app.py [--runs 5] [--presses 20] [--against DIR] [--source]``
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402

#: Run an app headless; print when (``time.time``, CPU) it wrote its first frame, and
#: the frames it wrote in the half second after (a frame Textual holds back while it
#: batches updates is not written to the terminal: not counted).
FIRST_PAINT = r"""
import asyncio, json, time
APP
first, frames = [], []

async def main():
    app = make()
    original = app._display

    def display(screen, renderable):
        if renderable is not None and not app._batch_count:  # (held frames are not written)
            now = (time.time(), time.process_time())
            if not first:
                first.append(now)
            frames.append((now[0], type(renderable).__name__))
        return original(screen, renderable)

    app._display = display
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await asyncio.sleep(0.5)
    print(json.dumps({"time": first[0][0], "cpu": first[0][1],
                      "frames": [kind for t, kind in frames if t - first[0][0] <= 0.5]}))

asyncio.run(main())
"""

SIEVE_APP = """
from sieve.app.app import SieveApp
from sieve.locations import DEFAULT_SESSION

def make():
    return SieveApp(DEFAULT_SESSION, watch=False)
"""

BARE_APP = """
from textual.app import App
from textual.widgets import DataTable

class Bare(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns(*[f"C{i}" for i in range(COLS)])
        for r in range(ROWS):
            table.add_row(*[str(r % 4) for _ in range(COLS)])

def make():
    return Bare()
"""

#: Score keystrokes on the scoring screen (argv: session, presses): the time from each
#: key press to the first screen update written after its edit was applied.
KEYSTROKE = r"""
import asyncio, json, sys, time
from pathlib import Path
from sieve.app.app import SieveApp

async def main(path, presses):
    app = SieveApp(Path(path), watch=False)
    times, cpus, displays = [], [], []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("2", "down", "right", "right", "right")
        await pilot.pause()
        original = app._display

        def display(screen, renderable):
            displays.append((time.perf_counter(), time.process_time(), len(app.workbench.undo_stack)))
            return original(screen, renderable)

        app._display = display
        matrix = app.screen.matrix
        row = matrix.cursor_row
        on_case = matrix.current_row.kind == "case"
        columns = [j for j, c in enumerate(matrix.columns) if c.on_angle == on_case][:2]
        for i in range(presses):
            matrix._set_cursor(row, columns[i % 2])  # the digit moved it on: back to a cell
            await pilot.pause()
            await app.workers.wait_for_complete()
            done = len(app.workbench.undo_stack)
            crit = matrix.current_criterion
            now = app.workbench.session.scores[app.screen.scorer].get(matrix.current_key(), {}).get(crit.id)
            level = ((now or 0) + 1) % (crit.scale.top + 1)  # always another level
            displays.clear()
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press(str(level))
            await pilot.pause()
            await app.workers.wait_for_complete()
            shown = [(t, c) for t, c, edits in displays if edits > done]
            if shown:
                times.append(shown[0][0] - start)
                cpus.append(shown[0][1] - cpu)
    print(json.dumps({"times": times, "cpus": cpus}))

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""

#: The vigilance screen (argv: session): key press to the first screen update after its
#: last rebuild, on the first visit, after a score edit and shown again unchanged.
VIGILANCE = r"""
import asyncio, json, sys, time
from pathlib import Path
from sieve.app.app import SieveApp
from sieve.app.screens.vigilance import VigilanceScreen

built = []
original_update = VigilanceScreen.update_view

def update_view(self):
    original_update(self)
    built.append(time.perf_counter())

VigilanceScreen.update_view = update_view

async def main(path):
    app = SieveApp(Path(path), watch=False)
    displays, out = [], {}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        original = app._display

        def display(screen, renderable):
            if renderable is not None:
                displays.append((time.perf_counter(), time.process_time()))
            return original(screen, renderable)

        app._display = display

        async def visit(name):
            built.clear(); displays.clear()
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("6")
            await pilot.pause()
            await app.workers.wait_for_complete()
            for _ in range(100):
                after = [d for d in displays if not built or d[0] >= built[-1]]
                if after:
                    break
                await pilot.pause(0.01)
            out[name] = {"time": after[0][0] - start, "cpu": after[0][1] - cpu, "rebuilds": len(built)}

        await visit("first")
        await pilot.press("1")
        await pilot.pause()
        await visit("again")
        await pilot.press("1", "2", "down", "right")  # escape will go back to the matrix
        await pilot.pause()
        matrix = app.screen.matrix
        level = app.workbench.session.scores[app.screen.scorer].get(matrix.current_key(), {}).get(matrix.current_criterion.id)
        app.screen.record(0 if level else 1)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        await visit("edited")
        out["flags"] = len(app.screen.flags)
    print(json.dumps(out))

asyncio.run(main(sys.argv[1]))
"""


#: The portfolio screen's first visit on the default session: key 7 to the first frame
#: written, and to the list filled with the optimiser's answer (``result`` set).
PORTFOLIO = r"""
import asyncio, json, time
from sieve.app.app import SieveApp
from sieve.locations import DEFAULT_SESSION

async def main():
    app = SieveApp(DEFAULT_SESSION, watch=False)
    displays = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        original = app._display

        def display(screen, renderable):
            if renderable is not None and not app._batch_count:
                displays.append(time.perf_counter())
            return original(screen, renderable)

        app._display = display
        start = time.perf_counter()
        await pilot.press("7")
        while getattr(app.screen, "result", None) is None:
            await pilot.pause(0.005)
        filled = time.perf_counter()
        await pilot.pause()
        await app.workers.wait_for_complete()
    print(json.dumps({"paint": displays[0] - start, "filled": filled - start}))

asyncio.run(main())
"""

#: A fresh interpreter importing SciPy's optimiser (the portfolio's first run).
SCIPY_IMPORT = r"""
import json, time
start = time.perf_counter()
import scipy.optimize
print(json.dumps({"import": time.perf_counter() - start}))
"""


def child(code: str, checkout: Path, *argv: object) -> dict:
    """Run ``code`` in a fresh interpreter on ``checkout``'s sieve; its JSON output."""
    env = dict(os.environ, PYTHONPATH=str(checkout), TEXTUAL="")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *map(str, argv)],
        capture_output=True, text=True, cwd=checkout, env=env, check=False,
    )  # fmt: skip
    if out.returncode:
        sys.exit(f"the child on {checkout} failed:\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["start"], result["end"] = start, time.time()
    return result


#: The whole run as 10.24 was first measured: start, the app's first pause, exit.
WHOLE_RUN = r"""
import asyncio
APP

async def main():
    async with make().run_test(size=(120, 36)) as pilot:
        await pilot.pause()
    print("{}")

asyncio.run(main())
"""


def cold_start(checkouts: dict[str, Path], runs: int, rows: int, cols: int) -> None:
    bare_app = BARE_APP.replace("ROWS", str(rows)).replace("COLS", str(cols))
    found: dict[str, list[dict]] = {name: [] for name in [*checkouts, "bare"]}
    whole: dict[str, list[float]] = {name: [] for name in found}
    for _ in range(runs):  # interleaved: a busy machine slows each alike
        for name, checkout in [*checkouts.items(), ("bare", PROJECT)]:
            app = bare_app if name == "bare" else SIEVE_APP
            found[name].append(child(FIRST_PAINT.replace("APP", app), checkout))
            result = child(WHOLE_RUN.replace("APP", app), checkout)
            whole[name].append(result["end"] - result["start"])
    best = {
        name: (min(r["time"] - r["start"] for r in rs), min(r["cpu"] for r in rs))
        for name, rs in found.items()
    }
    print(
        f"1. cold start (best of {runs}, interleaved, 120x36, fresh interpreter): to the first frame written (CPU in brackets), and the whole run (start, first pause, exit)"
    )
    for name in found:
        wall, cpu = best[name]
        label = "bare Textual + DataTable" if name == "bare" else f"sieve, default session ({name})"
        frames = found[name][-1]["frames"]
        full = frames.count("LayoutUpdate")
        print(f"   {label:38} first frame {wall * 1000:5.0f} ms ({cpu * 1000:4.0f} ms CPU)   whole run {min(whole[name]) * 1000:5.0f} ms   frames in 0.5 s: {len(frames)} ({full} full)"
              + (f"   {rows}x{cols}" if name == "bare" else ""))  # fmt: skip
    for name in checkouts:
        wall, cpu = best[name]
        print(f"   ratio {name:31} first frame {wall / best['bare'][0]:5.2f}x ({cpu / best['bare'][1]:4.2f}x CPU)   whole run {min(whole[name]) / min(whole['bare']):5.2f}x   (target <= 1.15x, one frame)")  # fmt: skip


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

        app._display = display
        for i in range(presses):
            await pilot.pause()
            displays.clear()
            start = time.perf_counter()
            table.update_cell_at((2, 3), str(i % 5))
            await pilot.pause()
            if displays:
                times.append(displays[0] - start)
    return times


def keystrokes(
    number: int,
    checkouts: dict[str, Path],
    session: Path,
    size: str,
    shape: tuple[int, int],
    presses: int,
    runs: int,
    target: str,
) -> None:
    found: dict[str, dict[str, list[float]]] = {
        name: {"times": [], "cpus": []} for name in checkouts
    }
    for _ in range(max(1, runs // 2)):
        for name, checkout in checkouts.items():
            result = child(KEYSTROKE, checkout, session, presses)
            found[name]["times"] += result["times"]
            found[name]["cpus"] += result["cpus"]
    stock = asyncio.run(keystroke_datatable(*shape, presses))
    print(
        f"\n{number}. score keystroke to repainted matrix ({size}, 160x48, {presses} presses x {max(1, runs // 2)} runs)"
    )
    for name, result in found.items():
        times, cpus = result["times"], result["cpus"]
        print(
            f"   sieve scoring screen ({name:8})  median {statistics.median(times) * 1000:6.1f} ms ({statistics.median(cpus) * 1000:5.1f} ms CPU)   max {max(times) * 1000:6.1f} ms   (target < {target})"
        )
    print(
        f"   stock DataTable, one cell          median {statistics.median(stock) * 1000:6.1f} ms   max {max(stock) * 1000:6.1f} ms   ({shape[0]}x{shape[1]})"
    )


async def optionlist_fill(lines: list, size: tuple[int, int] = (160, 48)) -> float:
    """The stock OptionList given ``lines`` at once: the fill to the first screen update."""
    from textual.app import App
    from textual.widgets import OptionList

    class Bare(App):
        CSS = "OptionList { height: 1fr; }"

        def compose(self):
            yield OptionList()

    app = Bare()
    displays: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        original = app._display

        def display(screen, renderable):
            if renderable is not None:
                displays.append(time.perf_counter())
            return original(screen, renderable)

        app._display = display
        start = time.perf_counter()
        app.query_one(OptionList).set_options(lines)
        await pilot.pause()
        return displays[0] - start


def vigilance(checkouts: dict[str, Path], session: Path, runs: int) -> None:
    from rich.text import Text

    from sieve.app.screens.vigilance import Wording
    from sieve.engine.vigilance import flags
    from sieve.workbench import Workbench

    found: dict[str, list[dict]] = {name: [] for name in checkouts}
    for _ in range(max(1, runs // 2)):
        for name, checkout in checkouts.items():
            found[name].append(child(VIGILANCE, checkout, session))
    wb = Workbench(session, autosave=False)
    wording = Wording(wb.session)
    lines = [
        Text(str(wording.line(flag)), style="bold") for flag in flags(wb.evaluation, wb.problems)
    ]
    stock = min(asyncio.run(optionlist_fill(lines)) for _ in range(max(1, runs // 2)))
    print(
        f"\n4. vigilance screen, key 6 to the first screen update after its last rebuild (500 cases x 40 criteria x 25 scorers, {len(lines):,} points, 160x48, best of {max(1, runs // 2)}; CPU in brackets)"
    )
    for name, results in found.items():
        for visit, words in (
            ("first", "first visit"),
            ("edited", "after a score edit"),
            ("again", "shown again unchanged"),
        ):
            wall = min(r[visit]["time"] for r in results)
            cpu = min(r[visit]["cpu"] for r in results)
            rebuilds = results[-1][visit]["rebuilds"]
            print(
                f"   sieve ({name:8}) {words:22} {wall * 1000:7.0f} ms  ({cpu * 1000:5.0f} ms CPU)  rebuilds: {rebuilds}   (target < 150 ms, at most one rebuild)"
            )
    print(f"   stock OptionList, same lines at once    {stock * 1000:7.0f} ms")


def portfolio(checkouts: dict[str, Path], runs: int) -> None:
    found: dict[str, list[dict]] = {name: [] for name in checkouts}
    imports = []
    for _ in range(max(1, runs // 2)):
        for name, checkout in checkouts.items():
            found[name].append(child(PORTFOLIO, checkout))
        imports.append(child(SCIPY_IMPORT, PROJECT)["import"])
    print(
        f"\n5. portfolio screen, first visit on the default session (key 7, 120x36, best of {max(1, runs // 2)}, fresh interpreter)"
    )
    for name, results in found.items():
        paint = min(r["paint"] for r in results)
        filled = min(r["filled"] for r in results)
        print(
            f"   sieve ({name:8}) first frame {paint * 1000:6.0f} ms   list filled {filled * 1000:6.0f} ms   (target: painted < 150 ms, filled after)"
        )
    print(f"   import scipy.optimize, fresh interpreter     {min(imports) * 1000:6.0f} ms")


def compile_bytecode(checkouts: dict[str, Path]) -> str:
    """Compile each checkout's ``sieve/`` to bytecode (its ``__pycache__``): what the
    children import is then what an installed package imports."""
    for checkout in {*checkouts.values(), PROJECT}:
        if not compileall.compile_dir(checkout / "sieve", quiet=1):
            sys.exit(f"{checkout / 'sieve'} does not compile")
    return "each checkout's sieve/ compiled to bytecode first (as installed)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--against", type=Path, help="another checkout to measure beside this one")
    parser.add_argument(
        "--only",
        default="cold,keys,vigilance,portfolio",
        help="parts to run among cold, keys, vigilance, portfolio",
    )
    parser.add_argument(
        "--source",
        action="store_true",
        help="compile nothing first (with PYTHONDONTWRITEBYTECODE, sieve is compiled at each start)",
    )
    args = parser.parse_args()
    os.environ.setdefault("TEXTUAL", "")
    parts = set(args.only.split(","))
    checkouts = {"this": PROJECT}
    if args.against is not None:
        checkouts["against"] = args.against.resolve()
    print(
        f"sieve app benchmark - Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )
    if args.against is not None:
        print(f"'against' is {checkouts['against']}")
    if args.source:
        written = "writes" if not sys.dont_write_bytecode else "does not write"
        print(f"bytecode: nothing compiled first (this interpreter {written} bytecode)")
    else:
        print(f"bytecode: {compile_bytecode(checkouts)}")

    from sieve.load.session import load_session
    from sieve.locations import DEFAULT_SESSION

    default = load_session(DEFAULT_SESSION).session
    assert default is not None
    if "cold" in parts:
        cold_start(
            checkouts,
            args.runs,
            len(default.cases) + len(default.subjects) + 1,
            len(default.tamis.criteria),
        )
    with tempfile.TemporaryDirectory() as tmp:
        small = _small_session(Path(tmp) / "small")
        large = synth.generate(Path(tmp) / "large").session  # 500 cases x 40 criteria x 25 scorers
        if "keys" in parts:
            keystrokes(
                2,
                checkouts,
                small,
                "60 cases x 20 criteria x 25 scorers",
                (60 + 20, 20),
                args.presses,
                args.runs,
                "50 ms",
            )
            keystrokes(
                3,
                checkouts,
                large,
                "500 cases x 40 criteria x 25 scorers",
                (500 + 100 + 1, 40),
                args.presses,
                args.runs,
                "25 ms",
            )
        if "vigilance" in parts:
            vigilance(checkouts, large, args.runs)
    if "portfolio" in parts:
        portfolio(checkouts, args.runs)


def _small_session(folder: Path, cases: int = 60, criteria: int = 20, scorers: int = 25) -> Path:
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


if __name__ == "__main__":
    main()
