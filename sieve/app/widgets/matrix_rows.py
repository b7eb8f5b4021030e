"""The scoring matrix's lines as plain data: what :class:`~sieve.app.widgets.matrix.MatrixView`
draws, built from an evaluation and compared line by line to repaint only what changed.

Rows are the cases grouped by subject (a subject row carries the subject criteria,
its case rows the angle criteria); sifted-out cases come after, in their own section
(in blind mode, every case in file order). A cell is a (text, style name) pair.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from operator import is_

from sieve.app.text import clip_apart
from sieve.engine.evaluate import CaseResult, Cell, Evaluation
from sieve.i18n import current, number, points, t
from sieve.model import Criterion, Session
from sieve.records import record

#: Heatmap steps.
HEAT_STEPS = 8

SECTION = "section"
SUBJECT = "subject"
CASE = "case"


@record
class MatrixRow:
    """One line of the matrix, as plain data (compared to find what changed)."""

    kind: str
    """:data:`SECTION`, :data:`SUBJECT` or :data:`CASE`."""
    subject: str
    case: str | None
    label: str
    score: str
    score_style: str
    cells: tuple[tuple[str, str], ...]
    """(text, style name) per column; ``("", "")`` for a cell that does not apply."""
    sifted: bool = False
    flagged: bool = False
    lead: str = ""
    """What :attr:`label` starts with before its title: the subject's marks, the case's
    indent (a cut title keeps it, see :meth:`title`)."""

    @property
    def title(self) -> str:
        """The label without its :attr:`lead`."""
        return self.label[len(self.lead) :]


def ordered_criteria(session: Session) -> list[Criterion]:
    """The matrix's columns: criteria in tamis order, gates first."""
    criteria = session.tamis.criteria
    return [c for c in criteria if c.is_gate] + [c for c in criteria if not c.is_gate]


_CODES: tuple[tuple[object, ...], list[str]] | None = None


def column_codes(columns: list[Criterion]) -> list[str]:
    """Short column headers: ``P1``... for gates, ``C1``... for scores (French) or G/C."""
    global _CODES
    memo = (current(), *columns)
    if _CODES is not None and len(_CODES[0]) == len(memo) and all(map(is_, _CODES[0], memo)):
        return list(_CODES[1])
    codes = _column_codes(columns)
    _CODES = (memo, codes)
    return list(codes)


def _column_codes(columns: list[Criterion]) -> list[str]:
    gates = scores = 0
    codes = []
    for crit in columns:
        if crit.is_gate:
            gates += 1
            codes.append(t("app.matrix.gate_code", n=gates))
        else:
            scores += 1
            codes.append(t("app.matrix.score_code", n=scores))
    return codes


def cut_labels(rows: list[MatrixRow], width: int) -> list[str]:
    """Each row's label in ``width`` cells, its lead kept: subjects' titles cut so that
    they tell each other apart (:func:`~sieve.app.text.clip_apart`), and cases' titles
    the same; a section's label as it is (its line has the whole width)."""
    out = [row.label for row in rows]
    for kind in (SUBJECT, CASE):
        index = [i for i, row in enumerate(rows) if row.kind == kind]
        titles = [rows[i].title for i in index]
        cut = clip_apart(titles, [width - len(rows[i].lead) for i in index])
        for i, title in zip(index, cut, strict=True):
            out[i] = rows[i].lead + title
    return out


class RowCache:
    """The lines built last time, each with what it was built from, to build again
    only the lines whose results or levels changed.

    A score edit re-evaluates one subject or case (:func:`sieve.engine.evaluate.reevaluate`
    keeps every other result object, and every ``cells`` mapping of a case whose only
    change is its rank) and replaces one row of one scorer's levels: a line built from
    the same objects is the same line.
    """

    def __init__(self) -> None:
        self.view: tuple[object, ...] | None = None
        self.lines: dict[tuple[str, str, bool], tuple[tuple[object, ...], MatrixRow]] = {}
        self.built = 0
        """How many lines the last :func:`build_rows` built (the others were reused)."""

    def start(self, view: tuple[object, ...]) -> None:
        """Begin a build for ``view`` (tamis, columns, scorer, blind, language): another
        view forgets every line."""
        if (
            self.view is None
            or len(view) != len(self.view)
            or any(a is not b and a != b for a, b in zip(view, self.view, strict=True))
        ):
            self.lines.clear()
        self.view = view
        self.built = 0

    def get(self, key: tuple[str, str, bool], inputs: tuple[object, ...]) -> MatrixRow | None:
        found = self.lines.get(key)
        if found is not None and all(map(is_, found[0], inputs)):  # same length: same key
            return found[1]
        return None

    def cells_of(self, key: tuple[str, str, bool], inputs: tuple[object, ...]):
        """The cells of the line last built for ``key`` if its cells came from the
        same objects (its first two inputs), else ``None``."""
        found = self.lines.get(key)
        if found is not None and found[0][0] is inputs[0] and found[0][1] is inputs[1]:
            return found[1].cells
        return None

    def put(self, key: tuple[str, str, bool], inputs: tuple[object, ...], row: MatrixRow) -> None:
        self.lines[key] = (inputs, row)
        self.built += 1


def build_rows(
    evaluation: Evaluation,
    columns: list[Criterion],
    scorer: str | None,
    blind: bool,
    cache: RowCache | None = None,
) -> list[MatrixRow]:
    """The rows of the matrix for the group view (``scorer=None``) or one scorer's;
    with a :class:`RowCache`, lines built from the same objects as last time are reused."""
    passing, sifted = _by_subject(evaluation, blind)
    rows = _Rows(evaluation, columns, scorer, blind, cache or RowCache())
    rows.add_section(passing, False, skip=sifted.keys())
    if sifted:
        rows.lines.append(
            MatrixRow(SECTION, "", None, t("app.matrix.sifted_section"), "", "", (), True)
        )
        rows.add_section(sifted, True)
    return rows.lines


def _by_subject(
    evaluation: Evaluation, blind: bool
) -> tuple[dict[str, list[CaseResult]], dict[str, list[CaseResult]]]:
    """Subject id -> its passing cases in ranking order, and its sifted-out ones;
    blind, every case is "passing", in file order (nothing derived from the levels)."""
    passing: dict[str, list[CaseResult]] = {}
    sifted: dict[str, list[CaseResult]] = {}
    if blind:
        order = {case.key: i for i, case in enumerate(evaluation.session.cases)}
        for result in sorted(evaluation.results, key=lambda r: order.get(r.key, len(order))):
            passing.setdefault(result.case.subject.id, []).append(result)
    else:
        for result in evaluation.results:
            group = sifted if result.sifted_out else passing
            group.setdefault(result.case.subject.id, []).append(result)
    return passing, sifted


class _Rows:
    """The matrix's lines, added section by section."""

    def __init__(
        self,
        evaluation: Evaluation,
        columns: list[Criterion],
        scorer: str | None,
        blind: bool,
        cache: RowCache,
    ) -> None:
        self.evaluation = evaluation
        self.session = evaluation.session
        self.columns = columns
        self.scorer = scorer
        self.blind = blind
        self.scores = scores = self.session.scores.get(scorer, {}) if scorer else {}
        self.cell = _cells(scorer, scores, blind)
        self.codes = {c.id: code for c, code in zip(columns, column_codes(columns), strict=True)}
        self.lines: list[MatrixRow] = []
        self.cache = cache
        cache.start((self.session.tamis, *columns, scorer, blind, current()))

    def add_section(
        self,
        groups: dict[str, list[CaseResult]],
        is_sifted: bool,
        skip: AbstractSet[str] = frozenset(),
    ) -> None:
        """Each subject with cases in ``groups`` (in the passing section, a subject with
        no case at all too, unless it is in ``skip``), then its cases."""
        for subject_id in self.session.subjects:
            results = groups.get(subject_id)
            if results is None:
                if is_sifted or subject_id in skip:
                    continue
                results = []
            self.lines.append(self.subject_row(subject_id, results, is_sifted))
            for result in results:
                self.lines.append(self.case_row(result, is_sifted))

    def subject_row(self, subject_id: str, results: list[CaseResult], is_sifted: bool) -> MatrixRow:
        """A subject's line: its marks (attention, first case) and the subject criteria."""
        subject = self.session.subjects[subject_id]
        first = results[0] if results else None
        memo = (SUBJECT, subject_id, is_sifted)
        inputs = (first.cells if first else None, self.scores.get(subject_id), subject,
                  self.evaluation.attention)  # fmt: skip
        row = self.cache.get(memo, inputs)
        if row is not None:
            return row
        cell = self.cell
        cells = tuple(
            ("", "")
            if crit.on_angle or first is None
            else cell(crit, subject_id, first.cells[crit.id])
            for crit in self.columns
        )
        attention = self.evaluation.attention.get(subject_id, 0.0)
        flagged = attention >= self.session.tamis.attention_threshold
        marks = ("⚑ " if flagged else "") + ("① " if subject.first_case else "")
        label = marks + subject.title
        row = MatrixRow(
            SUBJECT, subject_id, None, label, "", "", cells, is_sifted, flagged, lead=marks
        )
        self.cache.put(memo, inputs, row)
        return row

    def case_row(self, result: CaseResult, is_sifted: bool) -> MatrixRow:
        """A case's line: the angle criteria and its score and rank (or stopping gates)."""
        key = result.key
        memo = (CASE, key, is_sifted)
        inputs = (result.cells, self.scores.get(key), result)
        row = self.cache.get(memo, inputs)
        if row is not None:
            return row
        case_cells = self.cache.cells_of(memo, inputs)  # a case that only moved in rank
        if case_cells is None:
            cell = self.cell
            case_cells = tuple(
                cell(crit, key, result.cells[crit.id]) if crit.on_angle else ("", "")
                for crit in self.columns
            )
        score, score_style = self.score(result)
        row = MatrixRow(
            CASE,
            result.case.subject.id,
            key,
            "  " + result.case.angle.title,
            score,
            score_style,
            case_cells,
            is_sifted,
            bool(result.flags),
            lead="  ",
        )
        self.cache.put(memo, inputs, row)
        return row

    def score(self, result: CaseResult) -> tuple[str, str]:
        """The score column: the score in % and the rank, or the gates that stopped it."""
        if self.blind:
            return "░", "hidden"
        if result.sifted_out:
            return "✗ " + " ".join(self.codes[g] for g in result.failed_gates), "sifted"
        score = points(result.score)
        score = f"{score:>3} #{result.rank}" if result.rank is not None else score
        return score, "score" if result.complete else "missing"


def _cells(
    scorer: str | None, scores: dict[str, dict[str, int]], blind: bool
) -> Callable[[Criterion, str, Cell], tuple[str, str]]:
    """The function drawing one cell: the scorer's level (``·`` abstained), or the
    group's median with ``✗`` (gate not passed) and ``≠`` (disputed), ``?`` when
    nobody scored; hidden in blind mode. (A closure: it runs for every cell.)"""

    def cell(crit: Criterion, key: str, result_cell: Cell) -> tuple[str, str]:
        if scorer is not None:
            level = scores.get(key, {}).get(crit.id)
            if level is None:
                return ("·", "absent")
            style = _heat(level / crit.scale.top)
            if crit.is_gate and level < crit.pass_at and not blind:
                return (f"{level}✗", style)
            return (str(level), style)
        if blind:
            return ("░", "hidden")
        group = result_cell.group
        if group is None:
            return ("?", "missing")
        text = _level_text(group)
        style = _heat(group / crit.scale.top)
        if crit.is_gate and group < crit.pass_at:
            text += "✗"
        if result_cell.disputed:
            text += "≠"
            style += "-disputed"
        return (text, style)

    return cell


def _level_text(value: float | None) -> str:
    return number(value, digits=1) if value is not None else ""


def _heat(fraction: float) -> str:
    step = max(0, min(HEAT_STEPS, round(fraction * HEAT_STEPS)))
    return f"heat{step}"
