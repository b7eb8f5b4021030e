"""``sieve compare``: which tamis uses which criterion, with what weight."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sieve.errors import Problem, SieveError
from sieve.exchange.common import number_text, parse_origin, plain
from sieve.i18n import t
from sieve.load.tamis import load_tamis
from sieve.model import Tamis
from sieve.text import csv_cell, literal

# -- compare -----------------------------------------------------------------------------


@dataclass
class Comparison:
    """Criteria (rows, matched by id and provenance) x tamis (columns)."""

    tamis: list[Tamis]
    rows: list[tuple[str, str, list[Any]]]
    """(criterion id, label, one cell per tamis: the Criterion there or ``None``)."""


def compare(paths: list[Path]) -> Comparison:
    """Which tamis uses which criterion with what weight; :class:`SieveError` if invalid."""
    all_tamis: list[Tamis] = []
    problems: list[Problem] = []
    for path in paths:
        tamis, found = load_tamis(Path(path))
        if tamis is None:
            problems.extend(p for p in found if p.is_error)
        else:
            all_tamis.append(tamis)
    if problems:
        raise SieveError(problems)
    return compare_tamis(all_tamis)


def compare_tamis(all_tamis: list[Tamis]) -> Comparison:
    """Rows of criteria that are the same across tamis, at most one per tamis in a row.

    Provenance links first (an adopted criterion, even renamed, is its source's row),
    then same ids; a link that would put two criteria of one tamis in one row is not
    made, so a tamis's own criterion keeps its row beside the one it adopted.
    """
    parent: dict[tuple[str, str], tuple[str, str]] = {}
    columns: dict[tuple[str, str], set[int]] = {}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(shared: tuple[str, str], column: int, crit_id: str) -> None:
        ra, rb = find(shared), find((str(column), crit_id))
        if ra == rb:
            return
        held_a, held_b = columns.get(ra, set()), columns.get(rb, {column})
        if held_a & held_b:  # one tamis twice in a row: keep them apart
            return
        parent[rb] = ra
        columns[ra] = held_a | held_b

    for column, tamis in enumerate(all_tamis):
        for crit in tamis.criteria:
            origin = parse_origin(crit.origin)
            if origin is not None and origin[1] is not None:
                union(("", origin[1]), column, crit.id)
    for column, tamis in enumerate(all_tamis):
        for crit in tamis.criteria:
            union(("", crit.id), column, crit.id)
    rows: dict[tuple[str, str], tuple[str, str, list[Any]]] = {}
    for column, tamis in enumerate(all_tamis):
        for crit in tamis.criteria:
            root = find((str(column), crit.id))
            if root not in rows:
                rows[root] = (crit.id, crit.label, [None] * len(all_tamis))
            rows[root][2][column] = crit
    return Comparison(all_tamis, list(rows.values()))


def cell_text(crit: Any, row_id: str, lang: str | None = None) -> str:
    if crit is None:
        return "·"
    if crit.is_gate:
        text = t("exchange.compare.gate", lang=lang, level=number_text(crit.pass_at, lang))
    else:
        text = number_text(crit.weight, lang)
    if crit.id != row_id:
        text += f" ({literal(crit.id)})"
    return text


def column_labels(all_tamis: list[Tamis], with_city: bool) -> list[str]:
    """One heading per tamis: ``id@version`` (and city), with the file name when ambiguous."""
    labels = [
        f"{x.id}@{x.version}" + (f" {x.city}" if with_city and x.city else "") for x in all_tamis
    ]
    return [
        label if labels.count(label) == 1 else f"{label} ({x.path.name})"
        for label, x in zip(labels, all_tamis, strict=True)
    ]


def compare_table(comparison: Comparison, lang: str | None = None) -> str:
    head = [t("exchange.compare.criterion", lang=lang)]
    head += [literal(label) for label in column_labels(comparison.tamis, with_city=True)]
    body = [
        [literal(ident)] + [cell_text(c, ident, lang) for c in cells]
        for ident, _label, cells in comparison.rows
    ]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]

    def line(row: list[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()

    lines = [line(head), "  ".join("-" * w for w in widths)] + [line(r) for r in body]
    lines.append(t("exchange.compare.legend", lang=lang))
    return "\n".join(lines) + "\n"


def compare_csv(comparison: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    labels = column_labels(comparison.tamis, with_city=False)
    writer.writerow(["criterion", "label"] + [csv_cell(label) for label in labels])
    for ident, label, cells in comparison.rows:  # text cells: one line, never a formula
        row = [csv_cell(ident), csv_cell(label)]
        for crit in cells:
            if crit is None:
                row.append("")
            elif crit.is_gate:
                row.append(f"gate>={plain(crit.pass_at)}")
            else:
                row.append(str(plain(crit.weight)))
        writer.writerow(row)
    return out.getvalue()
