"""Rankings and explanations as text, CSV, JSON and Markdown (no Textual here)."""

from __future__ import annotations

import csv
import io

from sieve.engine.evaluate import CriterionLine, Evaluation, Explanation, explain
from sieve.i18n import number, percent, t
from sieve.model import Session
from sieve.text import csv_cell, json_text, literal

FORMATS = ("table", "csv", "json", "md")


def rank_records(evaluation: Evaluation) -> list[dict]:
    """One record per case, in ranking order (the JSON contract of ``sieve rank``)."""
    return [
        {
            "case": r.key,
            "subject": r.case.subject.id,
            "angle": r.case.angle.id,
            "subject_title": r.case.subject.title,
            "angle_title": r.case.angle.title,
            "rank": r.rank,
            "score": r.score,
            "complete": r.complete,
            "sifted_out": r.sifted_out,
            "failed_gates": list(r.failed_gates),
            "attention": r.attention,
            "flags": list(r.flags),
            "disputed": list(r.disputed),
        }
        for r in evaluation.results
    ]


def rank_json(evaluation: Evaluation) -> str:
    session = evaluation.session
    payload = {
        "session": session.id,
        "tamis": {"id": session.tamis.id, "version": session.tamis.version},
        "cases": rank_records(evaluation),
    }
    return json_text(payload)


def rank_csv(evaluation: Evaluation) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fields = [
        "case",
        "subject",
        "angle",
        "subject_title",
        "angle_title",
        "rank",
        "score",
        "complete",
        "sifted_out",
        "failed_gates",
        "attention",
        "flags",
        "disputed",
    ]
    writer.writerow(fields)  # text cells: csv_cell (one line, literal, never a formula)
    for record in rank_records(evaluation):
        row = []
        for name in fields:
            value = record[name]
            if isinstance(value, list):
                value = csv_cell(" ".join(value))
            elif value is None:
                value = ""
            elif isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, str):
                value = csv_cell(value)
            row.append(value)  # a number sieve computed stays a number
        writer.writerow(row)
    return out.getvalue()


_COLUMNS = ("rank", "case", "score", "complete", "gates", "attention", "flags", "disputed")


def _rows(
    evaluation: Evaluation, lang: str | None, titles: bool = False
) -> tuple[list[str], list[list[str]]]:
    """The ranking's header and rows; with ``titles``, a column of the case's titles after
    its key (Markdown, for those who paste it into a wiki)."""
    columns = _COLUMNS[:2] + ("title",) + _COLUMNS[2:] if titles else _COLUMNS
    head = [t(f"rank.col.{c}", lang) for c in columns]
    rows = []
    for r in evaluation.results:
        title = [f"{r.case.subject.title} — {r.case.angle.title}"] if titles else []
        rows.append(
            [
                str(r.rank) if r.rank is not None else "–",
                r.key,
                *title,
                number(r.score, lang),
                t("rank.yes" if r.complete else "rank.no", lang),
                " ".join(r.failed_gates),
                number(r.attention, lang, 1),
                ", ".join(t(f"flag.{f}", lang) for f in r.flags),
                " ".join(r.disputed),
            ]
        )
    return head, rows


def rank_table(evaluation: Evaluation, lang: str | None = None) -> str:
    title = literal(_title(evaluation.session, lang))
    head, rows = _rows(evaluation, lang)
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    numeric = {0, 2, 5}

    def line(row: list[str]) -> str:
        cells = [
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    out = [title, "", line(head), line(["─" * w for w in widths])]
    out += [line(row) for row in rows] or ["", t("rank.no_cases", lang)]
    return "\n".join(out) + "\n"


def rank_markdown(evaluation: Evaluation, lang: str | None = None) -> str:
    session = evaluation.session
    head, rows = _rows(evaluation, lang, titles=True)
    numeric = (0, 3, 6)

    def cell(text: str) -> str:
        return literal(text).replace("|", "\\|")

    out = ["# " + cell(_title(session, lang)), ""]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "|".join("---:" if i in numeric else "---" for i in range(len(head))) + "|")
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    if not rows:
        out += ["", t("rank.no_cases", lang)]
    return "\n".join(out) + "\n"


def _title(session, lang: str | None) -> str:
    """The ranking's heading: the session, its city when it has one, the tamis."""
    return t(
        "rank.title" if session.city else "rank.title_no_city",
        lang,
        title=session.title,
        city=session.city,
        tamis=session.tamis.id,
        version=session.tamis.version,
    )


def render_rank(evaluation: Evaluation, fmt: str, lang: str | None = None) -> str:
    if fmt == "json":
        return rank_json(evaluation) + "\n"
    if fmt == "csv":
        return rank_csv(evaluation)
    if fmt == "md":
        return rank_markdown(evaluation, lang)
    return rank_table(evaluation, lang)


def explain_text(evaluation: Evaluation, key: str, lang: str | None = None) -> str:
    """The explanation of one case, for a terminal."""
    ex = explain(evaluation, key)
    session = evaluation.session
    out = _explain_summary(evaluation, ex, lang)
    gates = [line for line in ex.lines if line.criterion.is_gate]
    scores = [line for line in ex.lines if not line.criterion.is_gate]
    if gates:
        out += ["", t("explain.gates", lang)]
        out += _gate_lines(gates, session, lang)
    if scores:
        out += ["", t("explain.scores", lang)]
        out += _score_lines(scores, session, lang)
    if ex.notes:
        out += ["", t("explain.notes", lang)]
        out += _note_lines(ex, session, lang)
    return "\n".join(out) + "\n"


def _explain_summary(evaluation: Evaluation, ex: Explanation, lang: str | None) -> list[str]:
    """The head of an explanation: the case, its rank, what it lacks, its attention."""
    tamis = evaluation.session.tamis
    r = ex.result
    case = r.case
    out = [
        t(
            "explain.case",
            lang,
            case=r.key,
            subject=literal(case.subject.title),
            angle=literal(case.angle.title),
        )
    ]
    if r.rank is not None:
        ranked = sum(1 for x in evaluation.results if x.rank is not None)
        out.append(t("explain.rank", lang, rank=r.rank, count=ranked, score=number(r.score, lang)))
    else:
        out.append(t("explain.unranked", lang, score=number(r.score, lang)))
    if r.complete:
        out.append(t("explain.complete", lang))
    else:
        missing = ", ".join(literal(tamis.criterion(c).label) for c in r.missing)
        out.append(t("explain.incomplete", lang, missing=missing))
    if r.sifted_out:
        gates = ", ".join(literal(tamis.criterion(c).label) for c in r.failed_gates)
        out.append(t("explain.sifted", lang, gates=gates))
    indicators = ", ".join(literal(tamis.indicators[i].label) for i in ex.indicators)
    out.append(
        t(
            "explain.attention",
            lang,
            level=number(r.attention, lang, 1),
            threshold=number(tamis.attention_threshold, lang, 1),
            indicators=indicators or t("explain.attention.none", lang),
        )
    )
    if "first-case-attention" in r.flags:
        out.append(
            t(
                "explain.first_case",
                lang,
                level=number(r.attention, lang, 1),
                max=number(tamis.first_case_max, lang, 1),
            )
        )
    return out


def _levels(line: CriterionLine, session: Session, lang: str | None) -> str:
    """Each scorer's level on one criterion (or their abstention)."""
    parts = []
    for scorer_id, level in line.by_scorer.items():
        name = literal(session.scorers[scorer_id].name)
        parts.append(f"{name} {t('explain.abstain', lang) if level is None else level}")
    return t("explain.levels", lang, levels=", ".join(parts))


def _gate_lines(gates: list[CriterionLine], session: Session, lang: str | None) -> list[str]:
    """Each gate, passed or not, with the levels given."""
    out = []
    for line in gates:
        mark = "✔" if line.passed else "✘"
        out.append(
            "  "
            + t(
                "explain.gate_line",
                lang,
                mark=mark,
                label=literal(line.criterion.label),
                group=number(line.cell.group, lang),
                pass_at=number(line.criterion.pass_at, lang),
            )
        )
        out.append("      " + _levels(line, session, lang))
    return out


def _score_lines(scores: list[CriterionLine], session: Session, lang: str | None) -> list[str]:
    """Each score criterion, largest contribution first, with the levels given."""
    out = []
    for line in sorted(scores, key=lambda x: -x.contribution):
        text = t(
            "explain.score_line",
            lang,
            label=literal(line.criterion.label),
            share=percent(line.share, lang),
            group=number(line.cell.group, lang),
            top=line.criterion.scale.top,
            contribution=number(line.contribution, lang, 3),
        )
        if line.cell.group is None:
            text += f" ({t('explain.nobody', lang)})"
        if line.cell.disputed:
            text += f"  ⚠ {t('explain.disputed', lang)}"
        out.append("  " + text)
        out.append("      " + _levels(line, session, lang))
    return out


def _note_lines(ex: Explanation, session: Session, lang: str | None) -> list[str]:
    """The scorers' notes on the case and its subject."""
    out = []
    for scorer_id, notes in ex.notes.items():
        for where, note in notes.items():
            out.append(
                "  "
                + t(
                    "explain.note_line",
                    lang,
                    name=literal(session.scorers[scorer_id].name),
                    where=t("explain.note." + where, lang),
                    note=literal(note),
                )
            )
    return out
