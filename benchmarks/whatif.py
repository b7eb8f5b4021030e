"""Prototypes of faster load, evaluate and save, measured against today's sieve code.

Not sieve code: each prototype below is the smallest sketch of a suggestion in the
benchmark report, run on the same synthetic workspace as ``bench_core.py`` and
checked to give exactly today's result before it is timed. Measures are
interleaved (today, prototype, today, prototype...) so that a busy machine
slows both alike; each figure is the median of the rounds.

Usage::

    python benchmarks/whatif.py [--small] [--rounds 20]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import rtoml  # noqa: E402
import synth  # noqa: E402
from bench_core import FULL, SMALL, Seconds, fmt  # noqa: E402
from bench_core import interleaved as take_turns  # noqa: E402

from sieve.engine import (  # noqa: E402
    FLAG_ATTENTION,
    FLAG_FIRST_CASE,
    CaseResult,
    Cell,
    Evaluation,
    attention_level,
    evaluate,
    rank,
)
from sieve.load import FileCheck, _ScoreSink, load_session  # noqa: E402
from sieve.model import CASE_SEPARATOR  # noqa: E402
from sieve.save import atomic_write, digest, set_score  # noqa: E402


def interleaved(funcs: dict[str, Callable[[], object]], rounds: int) -> dict[str, Seconds]:
    """Median wall time (with its CPU time) of each function, run in turn."""
    return {name: runs.median for name, runs in take_turns(funcs, rounds).items()}


# -- load: accept a whole score row at once -----------------------------------------


def fast_scores(session, parsed: list[tuple[Path, dict]]) -> dict:
    """The scores of ``parsed`` score files, a row at a time when the row is valid.

    A row is taken whole (the parsed dict itself, no copy) when its key is known,
    the scorer has no row for it yet, every (criterion, level) pair is one of the
    valid pairs for its side, and every level is an ``int`` (a ``bool`` or a
    ``float`` would compare equal to a valid level, hence the type test). Anything
    else would go through today's entry-by-entry checks, which locate the problem.
    """
    valid: dict[bool, set] = {False: set(), True: set()}
    for c in session.tamis.criteria:
        valid[c.on_angle].update((c.id, level) for level in range(c.scale.top + 1))
    case_keys = {c.key for c in session.cases}
    subjects = session.subjects
    ints = {int}
    scores: dict = {}
    for _path, data in parsed:
        for scorer, rows in data["scores"].items():
            merged = scores.setdefault(scorer, {})
            for key, entries in rows.items():
                on_angle = CASE_SEPARATOR in key
                if (
                    (key in case_keys if on_angle else key in subjects)
                    and type(entries) is dict
                    and key not in merged
                    and entries.items() <= valid[on_angle]
                    and set(map(type, entries.values())) <= ints
                ):
                    merged[key] = entries
                else:
                    raise NotImplementedError("slow path: today's per-entry checks")
    return scores


def whatif_load(ws: synth.Workspace, rounds: int) -> list[tuple[str, float, str]]:
    session = load_session(ws.session).session
    parsed = [(p, rtoml.loads(p.read_text(encoding="utf-8"))) for p in ws.score_files]
    case_keys = {c.key for c in session.cases}

    def today() -> dict:
        sink = _ScoreSink(session.scorers, session.subjects, case_keys, session.tamis)
        for path, data in parsed:
            sink.add_scores(data.get("scores"), FileCheck(path))
        return sink.scores

    assert today() == fast_scores(session, parsed) == session.scores
    t = interleaved(
        {
            "load_session": lambda: load_session(ws.session),
            "today": today,
            "fast": lambda: fast_scores(session, parsed),
        },
        rounds,
    )
    return [
        ("load", "load_session today (for scale)", t["load_session"], ""),
        ("load", "_ScoreSink.add_scores today, all score files", t["today"], ""),
        (
            "load",
            "prototype: whole-row fast path (same scores)",
            t["fast"],
            f"saves {fmt(t['today'] - t['fast']).strip()} per load",
        ),
    ]


# -- evaluate: weight-independent cells once, then a light pass ---------------------


def group_cells(session) -> dict[str, dict[str, Cell]]:
    """Key -> criterion id -> Cell: everything that does not depend on the weights.

    Buckets are made with every criterion of their side (no ``get``/``None`` test per
    entry), lists are sorted in place, and equal (levels, top) share one Cell (a
    frozen dataclass costs ~0.6 µs to build; 13,600 cells hold ~2,400 distinct ones).
    """
    criteria = session.tamis.criteria
    threshold = session.tamis.disagreement
    sides = {
        False: [(c.id, c.scale.top) for c in criteria if not c.on_angle],
        True: [(c.id, c.scale.top) for c in criteria if c.on_angle],
    }
    ids = {side: [cid for cid, _top in crits] for side, crits in sides.items()}
    levels: dict[str, dict[str, list[int]]] = {}
    for rows in session.scores.values():
        for key, entries in rows.items():
            bucket = levels.get(key)
            if bucket is None:
                bucket = levels[key] = {cid: [] for cid in ids[CASE_SEPARATOR in key]}
            for crit, level in entries.items():
                bucket[crit].append(level)
    empty = Cell((), None, False)
    memo: dict[tuple, Cell] = {}
    out: dict[str, dict[str, Cell]] = {}
    for key, given in levels.items():
        cells = {}
        for cid, top in sides[CASE_SEPARATOR in key]:
            found = given[cid]
            if not found:
                cells[cid] = empty
                continue
            found.sort()
            ordered = tuple(found)
            cell = memo.get((ordered, top))
            if cell is None:
                n = len(ordered)
                mid = n // 2
                group = float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2
                spread = (ordered[-1] - ordered[0]) / top
                cell = memo[(ordered, top)] = Cell(ordered, group, spread >= threshold)
            cells[cid] = cell
        out[key] = cells
    return out


def evaluate_from_cells(session, by_key, weights=None) -> Evaluation:
    """Today's ``evaluate`` on precomputed cells: weights, gates, scores, flags, ranks."""
    tamis = session.tamis
    criteria = tamis.criteria
    used = {c.id: c.weight for c in criteria if not c.is_gate}
    if weights:
        used.update((k, float(v)) for k, v in weights.items() if k in used)
    plan = [(c.id, c.is_gate, c.pass_at, used.get(c.id, 0.0), c.scale.top) for c in criteria]
    empty = Cell((), None, False)
    attention = {sid: attention_level(session, sid) for sid in session.subjects}
    results = []
    for case in session.cases:
        sid = case.subject.id
        on_subject = by_key.get(sid, {})
        on_case = by_key.get(case.key, {})
        cells = {}
        total = weight_sum = 0.0
        missing, failed, disputed = [], [], []
        for cid, gate, pass_at, weight, top in plan:
            cell = on_subject.get(cid) or on_case.get(cid) or empty
            cells[cid] = cell
            if cell.disputed:
                disputed.append(cid)
            group = cell.group
            if gate:
                if group is None or group < pass_at:
                    failed.append(cid)
            elif group is None:
                missing.append(cid)
            else:
                total += weight * group / top
                weight_sum += weight
        level = attention[sid]
        flags = []
        if level >= tamis.attention_threshold:
            flags.append(FLAG_ATTENTION)
        if case.subject.first_case and level > tamis.first_case_max:
            flags.append(FLAG_FIRST_CASE)
        results.append(
            CaseResult(
                case=case,
                cells=cells,
                score=total / weight_sum if weight_sum > 0 else None,
                missing=tuple(missing),
                failed_gates=tuple(failed),
                rank=None,
                attention=level,
                flags=tuple(flags),
                disputed=tuple(disputed),
            )
        )
    return Evaluation(session, tuple(rank(results)), attention, used)


def whatif_evaluate(ws: synth.Workspace, rounds: int) -> list[tuple[str, float, str]]:
    session = load_session(ws.session).session
    cells = group_cells(session)
    today = evaluate(session)
    new = evaluate_from_cells(session, cells)
    assert today.results == new.results and today.attention == new.attention
    some = next(c.id for c in session.tamis.criteria if not c.is_gate)
    assert (
        evaluate(session, {some: 7}).results
        == evaluate_from_cells(session, cells, {some: 7}).results
    )
    t = interleaved(
        {
            "today": lambda: evaluate(session),
            "cold": lambda: evaluate_from_cells(session, group_cells(session)),
            "warm": lambda: evaluate_from_cells(session, cells, {some: 7}),
        },
        rounds,
    )
    return [
        ("evaluate", "evaluate today", t["today"], ""),
        (
            "evaluate",
            "prototype cold: group_cells + evaluate_from_cells",
            t["cold"],
            f"{t['cold'] / t['today']:.2f} x today",
        ),
        (
            "evaluate",
            "prototype warm: cells cached, a weight changed",
            t["warm"],
            f"{t['warm'] / t['today']:.2f} x today",
        ),
    ]


# -- save: edit one line, keep every other byte --------------------------------------


def splice_score(path: Path, expected: str, scorer: str, key: str, crit: str, level: int) -> str:
    """Set one level by rewriting only the line that holds (scorer, key).

    The line is found by text search under ``[scores.<scorer>]``, parsed alone with
    tomlkit (so its spacing and comment are kept), edited, and put back; the new
    text is re-read with rtoml and must equal the old data with that one level
    changed before it is written atomically. A real version would fall back to the
    whole-document tomlkit edit when the line is not a one-line inline table.
    """
    import tomlkit

    raw = path.read_bytes()
    if digest(raw) != expected:
        raise RuntimeError("file changed on disk")
    text = raw.decode("utf-8")
    header = re.search(
        rf"^[ \t]*\[[ \t]*scores[ \t]*\.[ \t]*\"?{re.escape(scorer)}\"?[ \t]*\]", text, re.M
    )
    assert header is not None
    quoted = re.escape(f'"{key}"')
    line_re = re.compile(rf"^[ \t]*(?:{quoted}|{re.escape(key)})[ \t]*=.*$", re.M)
    found = line_re.search(text, header.end())
    nxt = re.compile(r"^[ \t]*\[", re.M).search(text, header.end())
    assert found is not None and (nxt is None or found.start() < nxt.start())
    line = found.group(0)
    doc = tomlkit.parse(line)
    doc[key][crit] = level
    new_text = text[: found.start()] + doc.as_string() + text[found.end() :]
    want = rtoml.loads(text)
    want["scores"][scorer][key][crit] = level
    assert rtoml.loads(new_text) == want
    data = new_text.encode("utf-8")
    atomic_write(path, data)
    return digest(data)


def whatif_save(ws: synth.Workspace, rounds: int) -> list[tuple[str, float, str]]:
    from bench_core import pick_score

    session = load_session(ws.session).session
    scorer, key, crit, top, path = pick_score(session)
    original = path.read_bytes()
    state = {"level": session.scores[scorer][key][crit]}

    def today() -> None:
        session.digests[path] = digest(path.read_bytes())
        state["level"] = (state["level"] + 1) % (top + 1)
        set_score(session, scorer, key, crit, state["level"])

    def splice() -> None:
        state["level"] = (state["level"] + 1) % (top + 1)
        splice_score(path, digest(path.read_bytes()), scorer, key, crit, state["level"])

    # Same bytes as today's tomlkit edit.
    today()
    by_tomlkit = path.read_bytes()
    path.write_bytes(original)
    splice_score(path, digest(original), scorer, key, crit, state["level"])
    assert path.read_bytes() == by_tomlkit
    t = interleaved({"today": today, "splice": splice}, max(3, rounds // 4))
    path.write_bytes(original)
    return [
        ("save", f"set_score today ({path.stat().st_size / 1e3:.0f} kB file)", t["today"], ""),
        (
            "save",
            "prototype: one-line splice + rtoml check (same bytes)",
            t["splice"],
            f"{t['today'] / t['splice']:.0f} x faster",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=27)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sieve-whatif-") as tmp:
        ws = synth.generate(Path(tmp), seed=args.seed, **(SMALL if args.small else FULL))
        print(
            f"what-if on {len(ws.cases)} cases x {len(ws.criteria)} criteria x "
            f"{len(ws.scorers)} scorers ({ws.size / 1e6:.2f} MB); medians of interleaved rounds"
        )
        rows = whatif_load(ws, args.rounds) + whatif_evaluate(ws, args.rounds)
        rows += whatif_save(ws, args.rounds)
    width = max(len(r[1]) for r in rows)
    last = None
    for section, name, seconds, note in rows:
        if section != last:
            print("-" * (width + 40))
            last = section
        cpu = f"(cpu {fmt(seconds.cpu).strip()})" if getattr(seconds, "cpu", None) else ""
        print(f"{section:<9} {name:<{width}}  {fmt(seconds)}  {cpu:<16}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
