"""Reading a tamis: its scales, criteria, group and attention tables, every problem located."""

from __future__ import annotations

from pathlib import Path

from sieve.errors import Problem
from sieve.load import bounds
from sieve.load.fields import (
    Fields,
    FileCheck,
    array_of_tables,
    check_format,
    dotted,
    read_toml,
    show,
    type_name,
    unique,
)
from sieve.model import (
    APPLIES_TO,
    CRITERION_KINDS,
    ID_PATTERN,
    Criterion,
    Indicator,
    Scale,
    Tamis,
)

# The keys sieve understands, table by table. Any other key is kept when saving
# and reported as a warning by ``sieve check``.
TAMIS_KEYS = {
    "format",
    "tamis",
    "scales",
    "criterion",
    "group",
    "attention",
    "stakeholders",
    "weighting",
}


TAMIS_HEADER_KEYS = {"id", "title", "version", "city", "lang"}


SCALE_KEYS = {"levels"}


CRITERION_KEYS = {
    "id",
    "label",
    "question",
    "applies_to",
    "kind",
    "scale",
    "weight",
    "pass_at",
    "origin",
}


GROUP_KEYS = {"disagreement"}


ATTENTION_KEYS = {"threshold", "first_case_max", "indicator"}


INDICATOR_KEYS = {"id", "label", "weight"}


def parse_tamis(data: dict, fc: FileCheck) -> Tamis | None:
    """Validate a parsed tamis document; ``None`` when it has errors."""
    Fields(fc, data, (), TAMIS_KEYS)
    head = Fields(fc, data.get("tamis", {}), ("tamis",), TAMIS_HEADER_KEYS)
    if "tamis" not in data:
        fc.add((), "key.missing", key="tamis", where="/")
    tamis_id = head.id(required="tamis" in data) if head.ok else None
    raw_scales = _raw_scales(data, fc)
    scales = _scales(raw_scales, fc)
    criteria = _criteria(data, fc, scales, raw_scales)
    group = Fields(fc, data.get("group", {}), ("group",), GROUP_KEYS)
    disagreement = group.number("disagreement", 0.5, *bounds.SHARE) if group.ok else 0.5
    att = Fields(fc, data.get("attention", {}), ("attention",), ATTENTION_KEYS)
    threshold = att.number("threshold", 3.0, *bounds.ATTENTION) if att.ok else 3.0
    first_case_max = att.number("first_case_max", 1.0, *bounds.ATTENTION) if att.ok else 1.0
    indicators = _indicators(att, fc) if att.ok else {}

    from sieve.load.rules import read_rules

    stakeholder_rules = read_rules(data.get("stakeholders"), fc)
    from sieve.load.weighting import parse_weighting

    weighting = parse_weighting(data.get("weighting"), fc, criteria)
    if fc.has_errors or tamis_id is None:
        return None
    return Tamis(
        path=fc.path,
        id=tamis_id,
        title=head.str("title", default=tamis_id),
        version=head.int("version", 1, *bounds.VERSION),
        city=head.str("city"),
        lang=head.str("lang", default="fr"),
        scales=scales,
        criteria=tuple(criteria),
        disagreement=disagreement,
        attention_threshold=threshold,
        first_case_max=first_case_max,
        indicators=indicators,
        stakeholder_rules=stakeholder_rules,
        weighting=weighting,
        digest=fc.digest,
    )


def _raw_scales(data: dict, fc: FileCheck) -> dict:
    """The ``[scales]`` table as written; empty (and reported) when it is not a table."""
    raw_scales = data.get("scales", {})
    if isinstance(raw_scales, dict):
        return raw_scales
    fc.add(
        ("scales",),
        "key.type",
        key="scales",
        expected_type="table",
        found_type=type_name(raw_scales),
    )
    return {}


def _scales(raw_scales: dict, fc: FileCheck) -> dict[str, Scale]:
    """The valid scales, by name: a valid id and at least two levels."""
    scales: dict[str, Scale] = {}
    for name, body in raw_scales.items():
        where = ("scales", name)
        if not ID_PATTERN.match(name):
            fc.add(where, "id.invalid", found=show(name))
            continue
        fields = Fields(fc, body, where, SCALE_KEYS)
        if not fields.ok:
            continue
        levels = fields.str_list("levels")
        if "levels" not in fields.table:
            fc.add(where, "key.missing", key="levels", where=dotted(where))
        elif len(levels) < bounds.LEVELS.low:
            fc.add(where + ("levels",), "scale.short", found=len(levels))
            continue
        elif len(levels) > bounds.LEVELS.high:
            fc.add(where + ("levels",), "scale.long", found=len(levels), high=bounds.LEVELS.high)
            continue
        if levels:
            scales[name] = Scale(name, levels)
    return scales


def _criteria(
    data: dict, fc: FileCheck, scales: dict[str, Scale], raw_scales: dict
) -> list[Criterion]:
    """The ``[[criterion]]`` tables, in order; at least one, ids unique."""
    criteria: list[Criterion] = []
    seen: set[str] = set()
    items = array_of_tables(data, "criterion", fc)
    if not items:
        fc.add((), "tamis.no_criteria")
    for where, body in items:
        f = Fields(fc, body, where, CRITERION_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        label = f.str("label", required=True)
        question = f.str("question")
        applies_to = f.choice("applies_to", APPLIES_TO)
        kind = f.choice("kind", CRITERION_KINDS)
        scale = _criterion_scale(f, scales, raw_scales)
        weight, pass_at = _weight_or_threshold(f, kind, scale)
        origin = f.str("origin")
        if not unique(fc, seen, ident, where, "criterion"):
            continue
        if ident and applies_to and kind and scale:
            criteria.append(
                Criterion(ident, label, question, applies_to, kind, scale, weight, pass_at, origin)
            )
    return criteria


def _criterion_scale(f: Fields, scales: dict[str, Scale], raw_scales: dict) -> Scale | None:
    """The scale a criterion names; an unknown name is reported (a broken one already was)."""
    scale_name = f.str("scale", required=True)
    scale = scales.get(scale_name)
    if scale_name and scale is None and scale_name not in raw_scales:
        f.fc.add(
            f.where + ("scale",),
            "ref.unknown",
            kind="scale",
            id=scale_name,
            known=", ".join(scales) or "-",
        )
    return scale


def _weight_or_threshold(f: Fields, kind: str | None, scale: Scale | None) -> tuple[float, float]:
    """A score criterion's weight or a gate's pass mark; the other key is ignored (warned)."""
    weight = 0.0
    pass_at = 0.0
    if kind == "score":
        weight = f.number("weight", 1.0, *bounds.WEIGHT, required=True)
        if "pass_at" in f.table:
            f.fc.warn(f.where + ("pass_at",), "criterion.ignored", key="pass_at", kind=kind)
    elif kind == "gate":
        top = scale.top if scale else None
        pass_at = f.number("pass_at", 1.0, 0.0, top, required=True)
        if "weight" in f.table:
            f.fc.warn(f.where + ("weight",), "criterion.ignored", key="weight", kind=kind)
    return weight, pass_at


def _indicators(att: Fields, fc: FileCheck) -> dict[str, Indicator]:
    """The attention indicators of ``[[attention.indicator]]``, by id."""
    indicators: dict[str, Indicator] = {}
    seen: set[str] = set()
    for where, body in array_of_tables(att.table, "indicator", fc):
        where = ("attention",) + where
        f = Fields(fc, body, where, INDICATOR_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        label = f.str("label", required=True)
        weight = f.number("weight", 1.0, *bounds.WEIGHT)
        if unique(fc, seen, ident, where, "indicator") and ident:
            indicators[ident] = Indicator(ident, label, weight)
    return indicators


def load_tamis(path: Path) -> tuple[Tamis | None, list[Problem]]:
    """Read and validate a tamis file."""
    data, fc = read_toml(Path(path))
    if data is None or not check_format(data, fc):
        return None, fc.problems
    return parse_tamis(data, fc), fc.problems
