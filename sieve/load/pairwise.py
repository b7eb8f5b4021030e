"""Reading a pairwise-comparison matrix from a CSV file (``sieve weigh --ahp FILE.csv``).

A square matrix: a header row of criterion ids (its first cell empty), then one row per
criterion, its id first. A cell says how many times the row's criterion counts as much as
the column's, on Saaty's 1–9 scale: ``3``, ``1/5`` or ``0.2``. A cell may be left empty when
the other half gives its reciprocal; the diagonal is 1 (or empty). The separator is a comma,
or a semicolon or a tab when the header uses one (spreadsheets set to French write ``;``).

Every problem is reported at ``file:line:col``; nothing is guessed.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from fractions import Fraction
from pathlib import Path

from sieve.errors import ERROR, Problem, SieveError
from sieve.load.fields import split_bom
from sieve.locations import read_regular

#: How far two halves may differ and still be each other's reciprocal (``0.33`` for 1/3).
RECIPROCAL_TOLERANCE = 0.02


def _cells(line: str, sep: str) -> list[tuple[int, str]]:
    """The cells of one line with their 1-based column, spaces and quotes stripped."""
    cells = []
    start = 0
    for part in line.split(sep):
        lead = len(part) - len(part.lstrip())
        value = part.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].strip()
        cells.append((start + lead + 1, value))
        start += len(part) + len(sep)
    return cells


def _number(text: str) -> float | None:
    """``3``, ``1/5``, ``0.2`` (or ``0,2`` with a semicolon separator) as a float."""
    try:
        if "/" in text:
            top, _, bottom = text.partition("/")
            return float(Fraction(top.strip())) / float(Fraction(bottom.strip()))
        return float(text.replace(",", "."))
    except (ValueError, ZeroDivisionError):
        return None


def read_matrix(
    path: Path, known: Collection[str], gates: Collection[str] = ()
) -> tuple[list[str], list[list[float]]]:
    """The criterion ids (in the header's order) and the full reciprocal matrix.

    ``known``: the score criteria of the tamis; ``gates``: its gates (named apart in the
    message). Raises :class:`SieveError` with every problem found, located.
    """
    return _Reader(Path(path), known, gates).read()


class _Reader:
    """One CSV matrix being read: its lines, the cells given, the problems found."""

    def __init__(self, path: Path, known: Collection[str], gates: Collection[str]) -> None:
        self.path = path
        self.known = known
        self.gates = gates
        self.problems: list[Problem] = []
        self.given: dict[tuple[int, int], tuple[float, int, int]] = {}
        self.rows_seen: dict[str, int] = {}

    def add(self, line: int, col: int, code: str, **params: object) -> None:
        self.problems.append(Problem(self.path, line, col, code, dict(params), ERROR))

    def stop_on_problems(self) -> None:
        if self.problems:
            raise SieveError(self.problems)

    def read(self) -> tuple[list[str], list[list[float]]]:
        try:
            text = split_bom(read_regular(self.path).decode("utf-8"))[1]
        except UnicodeDecodeError:
            raise SieveError([Problem(self.path, 1, 1, "io.encoding", {}, ERROR)]) from None
        lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
        if not lines:
            raise SieveError([Problem(self.path, 1, 1, "pairwise.empty", {}, ERROR)])
        head_no, head_line = lines[0]
        sep = max((";", "\t", ","), key=head_line.count) if head_line.count(",") == 0 else ","
        ids = self.header(head_no, _cells(head_line, sep))
        self.stop_on_problems()
        for line_no, line in lines[1:]:
            self.row(ids, line_no, _cells(line, sep))
        for ident in ids:
            if ident not in self.rows_seen:
                self.add(lines[-1][0], 1, "pairwise.row_missing", id=ident)
        self.stop_on_problems()
        matrix = self.assemble(ids)
        self.stop_on_problems()
        return ids, matrix

    def header(self, head_no: int, header: list[tuple[int, str]]) -> list[str]:
        if header[0][1]:
            self.add(head_no, header[0][0], "pairwise.corner", found=header[0][1])
        ids: list[str] = []
        for col, ident in header[1:]:
            if ident in self.gates:
                self.add(head_no, col, "pairwise.gate", id=ident)
            elif ident not in self.known:
                known = ", ".join(self.known) or "-"
                self.add(head_no, col, "pairwise.unknown", id=ident, known=known)
            elif ident in ids:
                self.add(head_no, col, "pairwise.twice", id=ident)
            ids.append(ident)
        if len(ids) < 2:
            self.add(head_no, 1, "pairwise.too_small")
        return ids

    def row(self, ids: list[str], line_no: int, cells: list[tuple[int, str]]) -> None:
        row_col, row_id = cells[0]
        if row_id not in ids:
            self.add(line_no, row_col, "pairwise.row_unknown", id=row_id, known=", ".join(ids))
            return
        if row_id in self.rows_seen:
            self.add(line_no, row_col, "pairwise.twice", id=row_id)
            return
        self.rows_seen[row_id] = line_no
        if len(cells) - 1 != len(ids):
            found = len(cells) - 1
            self.add(line_no, row_col, "pairwise.not_square", found=found, expected=len(ids))
            return
        i = ids.index(row_id)
        for j, (col, cell) in enumerate(cells[1:]):
            if not cell:
                continue
            value = _number(cell)
            if value is None or not math.isfinite(value) or value <= 0:
                self.add(line_no, col, "pairwise.positive", found=cell)
            elif i == j:
                if not math.isclose(value, 1.0):
                    self.add(line_no, col, "pairwise.diagonal", id=row_id, found=cell)
            else:
                self.given[(i, j)] = (value, line_no, col)

    def assemble(self, ids: list[str]) -> list[list[float]]:
        """The full matrix: each pair from one half, the other implied, both checked."""
        n = len(ids)
        matrix = [[1.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                upper, lower = self.given.get((i, j)), self.given.get((j, i))
                if upper is None and lower is None:
                    line_no = self.rows_seen[ids[i]]
                    self.add(line_no, 1, "pairwise.missing", first=ids[i], second=ids[j])
                    continue
                both = upper is not None and lower is not None
                if both and abs(math.log(upper[0] * lower[0])) > RECIPROCAL_TOLERANCE * 2:
                    self.add(lower[1], lower[2], "pairwise.not_reciprocal", first=ids[j],
                             second=ids[i], found=f"{lower[0]:.3g}",
                             expected=f"{1 / upper[0]:.3g}")  # fmt: skip
                    continue
                value = upper[0] if upper is not None else 1 / lower[0]
                matrix[i][j] = value
                matrix[j][i] = 1 / value
        return matrix
