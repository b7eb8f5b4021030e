"""``sieve weigh``: weights from an order of the criteria or from pairwise judgments (AHP).

    sieve weigh TAMIS --order ID,ID,... [--method roc|rank-sum|rank-reciprocal]
    sieve weigh TAMIS --ahp FILE.csv [FILE.csv ...] [--method eigen|geometric]

both with ``--format text|json`` and ``--save`` (the weights and the ``[weighting]``
record written into the tamis, losslessly). Several CSV files are several people's
judgments, combined by the geometric mean of the individual judgments; each person is
named after their file.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from sieve.cli.common import EXIT_OK, UsageError, out
from sieve.i18n import t


def _tamis(raw: str):
    from sieve.errors import SieveError
    from sieve.load.tamis import load_tamis

    path = Path(raw)
    if not path.is_file():
        raise UsageError(t("cli.error.not_found", path=path))
    tamis, problems = load_tamis(path)
    if tamis is None:
        raise SieveError([p for p in problems if p.is_error])
    return tamis


def _order(tamis, text: str) -> list[str]:
    scored = [c.id for c in tamis.criteria if not c.is_gate]
    order = [part.strip() for part in text.split(",") if part.strip()]
    for ident in order:
        if ident in tamis.by_id and tamis.by_id[ident].is_gate:
            raise UsageError(t("weigh.error.gate", id=ident))
        if ident not in tamis.by_id:
            raise UsageError(t("weigh.error.unknown", id=ident, known=", ".join(scored)))
    twice = sorted({i for i in order if order.count(i) > 1})
    if twice:
        raise UsageError(t("weigh.error.twice", ids=", ".join(twice)))
    if len(order) < 2:
        raise UsageError(t("weigh.error.too_few"))
    return order


def _matrices(tamis, files: list[str]) -> tuple[list[str], list[tuple[str, list[list[float]]]]]:
    from sieve.errors import SieveError
    from sieve.load.pairwise import read_matrix
    from sieve.text import slug

    scored = [c.id for c in tamis.criteria if not c.is_gate]
    gates = [c.id for c in tamis.criteria if c.is_gate]
    ids: list[str] | None = None
    people: list[tuple[str, list[list[float]]]] = []
    problems = []
    for raw in files:
        path = Path(raw)
        if not path.is_file():
            raise UsageError(t("cli.error.not_found", path=path))
        try:
            these, matrix = read_matrix(path, scored, gates)
        except SieveError as exc:
            problems.extend(exc.problems)
            continue
        if ids is None:
            ids = these
        elif set(these) != set(ids):
            raise UsageError(t("weigh.error.other_criteria", path=path, ids=", ".join(ids)))
        else:  # the first file's order
            index = [these.index(i) for i in ids]
            matrix = [[matrix[a][b] for b in index] for a in index]
        name = slug(path.stem) or f"p{len(people) + 1}"
        taken = {n for n, _m in people}
        base, k = name, 2
        while name in taken:
            name, k = f"{base}-{k}", k + 1
        people.append((name, matrix))
    if problems:
        raise SieveError(problems)
    assert ids is not None
    return ids, people


def cmd_weigh(args: argparse.Namespace) -> int:
    from sieve.engine import weighting as w
    from sieve.render.weighting import weighting_json, weighting_text

    if bool(args.order) == bool(args.ahp):
        raise UsageError(t("weigh.error.need"))
    tamis = _tamis(args.tamis)
    ahp = group = None
    people: list = []
    if args.order:
        method = args.method or "roc"
        if method not in w.ORDER_METHODS:
            raise UsageError(
                t("weigh.error.method", method=method, choices=", ".join(w.ORDER_METHODS))
            )
        order = _order(tamis, args.order)
        weights = w.rank_order_weights(order, method)
        ids = order
    else:
        method = args.method or "eigen"
        if method not in w.AHP_METHODS:
            raise UsageError(
                t("weigh.error.method", method=method, choices=", ".join(w.AHP_METHODS))
            )
        ids, people = _matrices(tamis, args.ahp)
        group = w.group_weights(ids, people, method)
        ahp = group.combined
        weights = ahp.weights
    ordered = {c.id: weights[c.id] for c in tamis.criteria if c.id in weights}
    missing = [c.id for c in tamis.criteria if not c.is_gate and c.id not in weights]
    if args.save and missing:
        raise UsageError(t("weigh.error.missing", ids=", ".join(missing)))
    if args.format == "json":
        out(weighting_json(method, ordered, ahp, group))
    else:
        out(weighting_text(tamis, method, ordered, ahp, group))
    if args.save:
        _save(tamis, method, ordered, ids, group, people, args)
    return EXIT_OK


def _save(tamis, method, weights, ids, group, people, args) -> None:
    from sieve.cli.common import err
    from sieve.engine.weighting import RANDOM_INDEX_TABLE, judgments_of
    from sieve.save.weighting import WeightingRecord, write_weighting

    if group is None:
        record = WeightingRecord(
            method, order=tuple(ids), participants=tuple(args.participant or ()),
            date=_dt.date.today(),
        )  # fmt: skip
    else:
        judgments = {
            name: tuple((j.first, j.second, j.value) for j in judgments_of(ids, matrix))
            for name, matrix in people
        }
        record = WeightingRecord(
            method,
            judgments=judgments,
            participants=tuple(args.participant or judgments),
            cr=group.combined.cr,
            random_index=RANDOM_INDEX_TABLE if group.combined.cr is not None else "",
            date=_dt.date.today(),
        )
    changed = write_weighting(tamis.path, weights, record, expected=tamis.digest or None)
    err(t("weigh.saved" if changed else "weigh.unchanged", path=tamis.path))


def register(command: Callable[[str, Callable], argparse.ArgumentParser]) -> None:
    """Add ``sieve weigh`` to the parser being built."""
    weigh = command("weigh", cmd_weigh)
    weigh.add_argument("tamis", metavar="TAMIS", help=t("weigh.arg.tamis"))
    weigh.add_argument("--order", metavar="ID,ID,...", help=t("weigh.arg.order"))
    weigh.add_argument("--ahp", nargs="+", metavar="FILE.csv", help=t("weigh.arg.ahp"))
    weigh.add_argument(
        "--method",
        choices=("roc", "rank-sum", "rank-reciprocal", "eigen", "geometric"),
        help=t("weigh.arg.method"),
    )
    weigh.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("weigh.arg.format")
    )
    weigh.add_argument("--save", action="store_true", help=t("weigh.arg.save"))
    weigh.add_argument(
        "--participant", action="append", metavar="NAME", help=t("weigh.arg.participant")
    )
