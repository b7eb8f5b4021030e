"""Benchmark of exchange: compare 100 tamis of 40 criteria each (target: under 2 s).

Run: ``.venv/bin/python benchmarks/bench_exchange.py``

Figures are printed side by side with a baseline measured in the same run: the
raw ``rtoml`` parse of the same 100 files (what no comparison can go below), and
for the three-way merge, a plain ``tomlkit.parse`` of the three texts.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rtoml

from sieve.exchange.compare import compare, compare_table
from sieve.exchange.merge3 import merge_texts

FILES = 100
CRITERIA = 40
REPEAT = 5


def tamis_text(city: int, rng: random.Random) -> str:
    lines = [
        "format = 1",
        "",
        "[tamis]",
        f'id = "city-{city}"',
        f'title = "Tamis de la ville {city}"',
        f"version = {rng.randint(1, 9)}",
        f'city = "Ville {city}"',
        "",
        "[scales.niveau]   # niveaux 0 à 3",
        'levels = ["non", "un peu", "nettement", "pleinement"]',
        "",
    ]
    for i in range(CRITERIA):
        gate = i % 7 == 3
        renamed = city % 5 == 1 and i % 10 == 0
        ident = f"local-{city}-{i}" if renamed else f"critere-{i}"
        lines += [
            "[[criterion]]",
            f'id = "{ident}"',
            f'label = "Critère {i}"   # commentaire',
            f'question = "Le sujet remplit-il la condition {i} ?"',
            f'applies_to = "{"angle" if i % 2 else "subject"}"',
            f'kind = "{"gate" if gate else "score"}"',
            'scale = "niveau"',
            f"pass_at = {rng.randint(1, 2)}" if gate else f"weight = {rng.randint(0, 5)}",
        ]
        if renamed:
            lines.append(f'origin = "city-0@1:critere-{i} (Ville 0)"')
        lines.append("")
    return "\n".join(lines)


def timed(func, repeat: int = REPEAT) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def show(name: str, runs: list[float], baseline: list[float] | None = None) -> None:
    best, median = min(runs), statistics.median(runs)
    ratio = f"  x{median / statistics.median(baseline):.1f} baseline" if baseline else ""
    print(f"{name:<48} best {best * 1000:8.1f} ms  median {median * 1000:8.1f} ms{ratio}")


def main() -> None:
    rng = random.Random(27)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for city in range(FILES):
            path = folder / f"city-{city}.toml"
            path.write_text(tamis_text(city, rng), encoding="utf-8")
            paths.append(path)

        def raw_parse() -> None:
            for path in paths:
                rtoml.loads(path.read_text(encoding="utf-8"))

        def compare_all() -> None:
            comparison = compare(paths)
            compare_table(comparison)
            assert len(comparison.rows) == CRITERIA

        print(f"{FILES} tamis x {CRITERIA} criteria, {REPEAT} runs each")
        baseline = timed(raw_parse)
        show("baseline: rtoml parse of the files", baseline)
        runs = timed(compare_all)
        show("compare (load, validate, match, table)", runs, baseline)
        command = [sys.executable, "-m", "sieve", "compare", *map(str, paths)]
        cli = timed(lambda: subprocess.run(command, capture_output=True, check=True), 3)
        show("sieve compare, whole process (cold start)", cli)
        status = "OK" if statistics.median(runs) < 2.0 else "OVER TARGET"
        print(f"target: compare under 2 s -> {status}")

        base = paths[0].read_text(encoding="utf-8")
        ours = base.replace("weight = ", "weight = 1", 1)
        theirs = base.replace('label = "Critère 39"', 'label = "Critère trente-neuf"')

        def tomlkit_parse() -> None:
            import tomlkit

            for text in (base, ours, theirs):
                tomlkit.parse(text)

        parse_runs = timed(tomlkit_parse)
        show("baseline: tomlkit parse of 3 versions (1 file)", parse_runs)
        merge_runs = timed(lambda: merge_texts(base, ours, theirs))
        show("three-way merge of one 40-criteria tamis", merge_runs, parse_runs)


if __name__ == "__main__":
    main()
