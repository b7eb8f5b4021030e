"""Weighting results as text and JSON (``sieve weigh``), no Textual here."""

from __future__ import annotations

from sieve.engine.weighting import (
    CR_LIMIT,
    RANDOM_INDEX_TABLE,
    AhpResult,
    GroupResult,
    Inconsistency,
)
from sieve.i18n import number, percent, t
from sieve.model import Tamis
from sieve.text import json_text, literal

#: The words of each method, by its name.
METHOD_KEYS = {
    "roc": "weigh.method.roc",
    "rank-sum": "weigh.method.rank-sum",
    "rank-reciprocal": "weigh.method.rank-reciprocal",
    "eigen": "weigh.method.eigen",
    "geometric": "weigh.method.geometric",
}


def ahp_record(result: AhpResult) -> dict:
    """The AHP part of the JSON contract: λmax, CI, CR, RI (and what the CR says)."""
    return {
        "lambda_max": result.lambda_max,
        "ci": result.ci,
        "cr": result.cr,
        "random_index": result.random_index,
        "random_index_table": RANDOM_INDEX_TABLE,
        "inconsistent": result.inconsistent,
        "revisit": [
            {
                "first": c.first,
                "second": c.second,
                "given": c.given,
                "implied": c.implied,
                "suggested": c.suggested,
            }
            for c in result.culprits
        ],
    }


def weighting_json(
    method: str,
    weights: dict[str, float],
    ahp: AhpResult | None = None,
    group: GroupResult | None = None,
) -> str:
    """``{"method", "weights", "lambda_max", "ci", "cr", "random_index", ...}``."""
    payload: dict = {"method": method, "weights": dict(weights)}
    if ahp is not None:
        payload.update(ahp_record(ahp))
    if group is not None and len(group.people) > 1:
        payload["people"] = [
            {"name": name, "weights": r.weights, **ahp_record(r)} for name, r in group.people
        ]
    return json_text(payload)


def judgment_words(tamis: Tamis | None, c: Inconsistency) -> str:
    """« A » compte 6 fois plus que « B » ; les poids disent 1,1 (proposé : 1)."""
    return t(
        "weigh.revisit.equal" if abs(c.given - 1) < 1e-9 else "weigh.revisit.line",
        first=_label(tamis, c.first),
        second=_label(tamis, c.second),
        given=_ratio(c.given),
        implied=_ratio(c.implied),
        suggested=_ratio(c.suggested),
    )


def _ratio(value: float) -> str:
    if value < 1:
        return "1/" + number(1 / value, digits=1)
    return number(value, digits=1)


def _label(tamis: Tamis | None, ident: str) -> str:
    if tamis is not None and ident in tamis.by_id:
        return literal(tamis.by_id[ident].label, one_line=True)
    return literal(ident, one_line=True)


def consistency_lines(tamis: Tamis | None, result: AhpResult) -> list[str]:
    """λmax, CI, CR with the random index table named, and what to revisit."""
    lines = [
        t(
            "weigh.consistency",
            lambda_max=number(result.lambda_max, digits=3),
            ci=number(result.ci, digits=3),
            cr=number(result.cr, digits=3),
            ri=number(result.random_index, digits=2),
            table=RANDOM_INDEX_TABLE,
        )
    ]
    if result.cr is None:
        lines.append(t("weigh.no_ri", n=len(result.ids)))
    elif result.inconsistent:
        lines.append(
            t("weigh.inconsistent", cr=number(result.cr, digits=3), limit=number(CR_LIMIT))
        )
    else:
        lines.append(t("weigh.consistent", limit=number(CR_LIMIT)))
    if result.culprits:
        lines.append(t("weigh.revisit"))
        lines.extend("  - " + judgment_words(tamis, c) for c in result.culprits)
    return lines


def weighting_text(
    tamis: Tamis,
    method: str,
    weights: dict[str, float],
    ahp: AhpResult | None = None,
    group: GroupResult | None = None,
) -> str:
    """The new weights beside the current ones, then the consistency of the judgments."""
    current = {c.id: c.weight for c in tamis.criteria if not c.is_gate and c.id in weights}
    total = sum(current.values())
    lines = [t("weigh.title", method=t(METHOD_KEYS[method]), tamis=literal(tamis.title))]
    width = max((len(_label(tamis, i)) for i in weights), default=10)
    width = min(width, 48)
    lines.append(
        f"  {t('weigh.col.criterion'):<{width}}  {t('weigh.col.new'):>8}  "
        f"{t('weigh.col.current'):>8}"
    )
    for ident, value in sorted(weights.items(), key=lambda kv: -kv[1]):
        label = _label(tamis, ident)[:width]
        now = percent(current[ident] / total, compact=True) if total else "–"
        lines.append(f"  {label:<{width}}  {percent(value, compact=True):>8}  {now:>8}")
    if ahp is not None:
        lines.append("")
        if group is not None and len(group.people) > 1:
            lines.append(t("weigh.group", count=len(group.people)))
        lines.extend(consistency_lines(tamis, ahp))
    if group is not None and len(group.people) > 1:
        lines.append("")
        lines.append(t("weigh.people"))
        for name, result in group.people:
            flag = " ⚠" if result.inconsistent else ""
            cr = number(result.cr, digits=3)
            lines.append(t("weigh.person", name=literal(name, one_line=True), cr=cr) + flag)
    return "\n".join(lines) + "\n"
