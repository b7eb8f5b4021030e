"""What the report says about the session, its tamis and its results, as plain records.

Each function here returns dicts and lists of words and numbers, already in the
reader's language, file text made safe by :func:`~sieve.render.report.names.shown`
but not escaped: the templates lay them out and escape them for HTML or Markdown.
"""

from __future__ import annotations

from sieve.engine import vigilance
from sieve.engine.evaluate import FLAG_FIRST_CASE, CaseResult, Evaluation, explain
from sieve.i18n import number, percent, points, t
from sieve.model import Criterion, Session
from sieve.render.report.names import Names, shown

#: A bar's full length inside its frame (SVG units): a score of 1 (100 points).
BAR_FULL = 99


def session_part(session: Session, names: Names) -> dict:
    """Who scored, how many levels each gave out of the cells open to them."""
    lang = names.lang
    tamis = session.tamis
    on_subject = sum(1 for c in tamis.criteria if not c.on_angle)
    on_angle = len(tamis.criteria) - on_subject
    cells = len(session.subjects) * on_subject + len(session.cases) * on_angle
    scorers = []
    for ident, scorer in session.scorers.items():
        given = sum(len(row) for row in session.scores.get(ident, {}).values())
        notes = len(session.notes.get(ident, {}))
        scorers.append(
            {
                "name": shown(scorer.name or ident),
                "role": names.role(scorer.role) if scorer.role else "",
                "given": given,
                "cells": cells,
                "share": percent(given / cells if cells else None, lang),
                "notes": notes,
            }
        )
    total = sum(s["given"] for s in scorers)
    possible = cells * len(scorers)
    return {
        "title": shown(session.title),
        "city": shown(session.city),
        "date": session.date.isoformat() if session.date else "–",
        "counts": t(
            "report.session.counts", lang, subjects=len(session.subjects), cases=len(session.cases)
        ),
        "scorers": scorers,
        "levels": t(
            "report.session.levels",
            lang,
            given=total,
            possible=possible,
            share=percent(total / possible if possible else None, lang),
            scorers=len(scorers),
        ),
    }


def tamis_part(session: Session, evaluation: Evaluation, names: Names) -> dict:
    """Each criterion: its question, its scale's meanings, its weight or gate, its origin."""
    lang = names.lang
    tamis = session.tamis
    weights = evaluation.weights
    total = sum(weights.values())
    criteria = []
    for crit in tamis.criteria:
        if crit.is_gate:
            rule = t(
                "report.tamis.gate",
                lang,
                level=number(crit.pass_at, lang),
                meaning=_meaning(crit, crit.pass_at),
            )
        else:
            share = weights[crit.id] / total if total else None
            rule = t(
                "report.tamis.weight",
                lang,
                weight=number(weights[crit.id], lang),
                share=percent(share, lang),
            )
        criteria.append(
            {
                "label": shown(crit.label or crit.id),
                "question": shown(crit.question),
                "gate": crit.is_gate,
                "rule": rule,
                "on": t(
                    "report.tamis.on_angle" if crit.on_angle else "report.tamis.on_subject", lang
                ),
                "levels": [
                    {"level": i, "meaning": shown(meaning)}
                    for i, meaning in enumerate(crit.scale.levels)
                ],
                "origin": shown(crit.origin),
            }
        )
    indicators = [
        {"label": shown(i.label or i.id), "weight": number(i.weight, lang)}
        for i in tamis.indicators.values()
    ]
    return {
        "title": shown(tamis.title or tamis.id),
        "head": t(
            "report.tamis.head",
            lang,
            version=tamis.version,
            city=shown(tamis.city) or "–",
            gates=sum(c.is_gate for c in tamis.criteria),
            scores=sum(not c.is_gate for c in tamis.criteria),
        ),
        "criteria": criteria,
        "indicators": indicators,
        "rules": t(
            "report.tamis.rules",
            lang,
            threshold=number(tamis.attention_threshold, lang, 1),
            first=number(tamis.first_case_max, lang, 1),
            spread=percent(tamis.disagreement, lang),
        ),
    }


def _meaning(crit: Criterion, level: float) -> str:
    """The anchored meaning of a level (the one at or just above a fractional level)."""
    index = min(max(int(-(-level // 1)), 0), crit.scale.top)
    return shown(crit.scale.levels[index])


def ranking_part(evaluation: Evaluation, names: Names) -> list[dict]:
    """The passing cases in ranking order, with their bars and flags."""
    lang = names.lang
    rows = []
    for r in evaluation.passing:
        rows.append(
            {
                "key": r.key,
                "anchor": _anchor(r.key),
                "rank": str(r.rank) if r.rank is not None else "–",
                "subject": names.subject(r.case.subject.id),
                "angle": names.angle(r.key),
                "points": points(r.score, lang, "–"),
                "bar": round(BAR_FULL * (r.score or 0.0), 1),
                "score": r.score or 0.0,
                "complete": r.complete,
                "flags": [t(f"flag.{f}", lang) for f in r.flags],
                "disputed": [names.criterion(c) for c in r.disputed],
                "missing": [names.criterion(c) for c in r.missing],
            }
        )
    return rows


def _anchor(key: str) -> str:
    """The id of a case's explanation in the page (ids are slugs: ``/`` becomes ``--``)."""
    return "case-" + key.replace("/", "--")


def sifted_part(evaluation: Evaluation, names: Names) -> list[dict]:
    """The cases the sieve sifted out, each with the gates that stopped it."""
    lang = names.lang
    out = []
    for r in evaluation.sifted_out:
        gates = []
        for gate in r.failed_gates:
            cell = r.cells[gate]
            crit = evaluation.session.tamis.by_id[gate]
            if cell.group is None:
                why = t("report.sifted.unscored", lang)
            else:
                why = t(
                    "report.sifted.below",
                    lang,
                    group=number(cell.group, lang),
                    pass_at=number(crit.pass_at, lang),
                    meaning=_meaning(crit, crit.pass_at),
                )
            gates.append({"label": names.criterion(gate), "why": why})
        out.append(
            {
                "key": r.key,
                "anchor": _anchor(r.key),
                "subject": names.subject(r.case.subject.id),
                "angle": names.angle(r.key),
                "gates": gates,
            }
        )
    return out


def explanations(evaluation: Evaluation, names: Names) -> list[dict]:
    """Why each case has its score, rank and flags, in ranking order."""
    return [_explanation(evaluation, r, names) for r in evaluation.results]


def _explanation(evaluation: Evaluation, r: CaseResult, names: Names) -> dict:
    lang = names.lang
    session = evaluation.session
    ex = explain(evaluation, r.key)
    ranked = sum(1 for x in evaluation.results if x.rank is not None)
    if r.rank is not None:
        head = t("explain.rank", lang, rank=r.rank, count=ranked, score=points(r.score, lang))
    else:
        head = t("explain.unranked", lang, score=points(r.score, lang, "–"))
    gates, scores = [], []
    for line in ex.lines:
        levels = ", ".join(
            f"{names.person(s)} {t('explain.abstain', lang) if v is None else v}"
            for s, v in line.by_scorer.items()
        )
        item = {
            "label": names.criterion(line.criterion.id),
            "group": number(line.cell.group, lang),
            "top": line.criterion.scale.top,
            "levels": levels,
            "disputed": line.cell.disputed,
        }
        if line.criterion.is_gate:
            item.update(passed=bool(line.passed), pass_at=number(line.criterion.pass_at, lang))
            gates.append(item)
        else:
            item.update(
                share=percent(line.share, lang),
                contribution=points(line.contribution, lang, "–"),
                unscored=line.cell.group is None,
                order=-line.contribution,
            )
            scores.append(item)
    scores.sort(key=lambda item: item["order"])
    notes = [
        {
            "name": names.person(scorer),
            "where": t("explain.note." + where, lang),
            "text": shown(text),
        }
        for scorer, found in ex.notes.items()
        for where, text in found.items()
    ]
    indicators = ", ".join(shown(session.tamis.indicators[i].label) for i in ex.indicators)
    return {
        "key": r.key,
        "anchor": _anchor(r.key),
        "subject": names.subject(r.case.subject.id),
        "angle": names.angle(r.key),
        "head": head,
        "complete": r.complete,
        "missing": ", ".join(names.criterion(c) for c in r.missing),
        "sifted": ", ".join(names.criterion(c) for c in r.failed_gates),
        "attention": t(
            "explain.attention",
            lang,
            level=number(r.attention, lang, 1),
            threshold=number(session.tamis.attention_threshold, lang, 1),
            indicators=indicators or t("explain.attention.none", lang),
        ),
        "flags": [t(f"flag.{f}", lang) for f in r.flags],
        "methods": ", ".join(shown(m) for m in r.case.angle.methods),
        "gates": gates,
        "scores": scores,
        "notes": notes,
    }


def disputes_part(evaluation: Evaluation, names: Names) -> list[dict]:
    """Every disputed cell: the subject or case, the criterion, each person's level."""
    lang = names.lang
    session = evaluation.session
    out = []
    for flag in vigilance.flags(evaluation):
        if flag.kind != vigilance.DISPUTED:
            continue
        crit = session.tamis.by_id[flag.criterion]
        low, high = int(flag.params["low"]), int(flag.params["high"])  # type: ignore[call-overload]
        levels = [
            f"{names.person(s)} {rows[flag.key][crit.id]}"
            for s, rows in session.scores.items()
            if s in session.scorers and crit.id in rows.get(flag.key, {})
        ]
        out.append(
            {
                "what": names.key(flag.key),
                "criterion": names.criterion(crit.id),
                "spread": t(
                    "report.disputes.spread",
                    lang,
                    low=low,
                    low_meaning=_meaning(crit, low),
                    high=high,
                    high_meaning=_meaning(crit, high),
                ),
                "levels": ", ".join(levels),
            }
        )
    return out


def attention_part(evaluation: Evaluation, names: Names) -> dict:
    """Each subject's political attention, and the first-case rule of the portfolio."""
    from sieve.plan.instance import portfolio_of

    lang = names.lang
    session = evaluation.session
    tamis = session.tamis
    subjects = []
    for ident, subject in session.subjects.items():
        level = evaluation.attention.get(ident, 0.0)
        subjects.append(
            {
                "title": names.subject(ident),
                "level": number(level, lang, 1),
                "indicators": ", ".join(
                    shown(tamis.indicators[i].label) for i in subject.attention
                ),
                "flagged": level >= tamis.attention_threshold,
                "first": subject.first_case,
                "first_over": subject.first_case and level > tamis.first_case_max,
            }
        )
    portfolio = portfolio_of(session)
    limit = tamis.first_case_max if portfolio.first_case_max is None else portfolio.first_case_max
    marked = [s["title"] for s in subjects if s["first"]]
    over = {r.case.subject.id for r in evaluation.results if FLAG_FIRST_CASE in r.flags}
    return {
        "threshold": t(
            "report.attention.threshold",
            lang,
            threshold=number(tamis.attention_threshold, lang, 1),
        ),
        "subjects": subjects,
        "flagged": sum(s["flagged"] for s in subjects),
        "rule": t(
            "report.attention.rule",
            lang,
            rule=portfolio.first_case,
            meaning=t(f"report.rule.{portfolio.first_case}", lang),
            max=number(limit, lang, 1),
        ),
        "marked": (
            t("report.attention.marked", lang, subjects=", ".join(marked))
            if marked
            else t("report.attention.unmarked", lang)
        ),
        "over": [names.subject(s) for s in session.subjects if s in over],
    }
