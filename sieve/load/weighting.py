"""Reading ``[weighting]`` in a tamis: how its weights were obtained (optional).

```toml
[weighting]
method = "eigen"                 # roc, rank-sum, rank-reciprocal (an order); eigen, geometric (AHP)
participants = ["clemence", "karim"]
order = ["a", "b"]               # rank-order methods: the score criteria, most important first
cr = 0.04                        # AHP: the consistency ratio of the (combined) judgments

[weighting.judgments.clemence]   # AHP: one table per person
"a/b" = 3                        # a counts 3 times as much as b (Saaty's 1-9 scale)
```
"""

from __future__ import annotations

import math
from typing import Any

from sieve.load.fields import Fields, FileCheck, show, type_name
from sieve.model import (
    CASE_SEPARATOR,
    WEIGHTING_AHP_METHODS,
    WEIGHTING_METHODS,
    WEIGHTING_ORDER_METHODS,
    Criterion,
    Weighting,
)

WEIGHTING_KEYS = {"method", "order", "judgments", "participants", "cr", "random_index", "date"}


def parse_weighting(raw: Any, fc: FileCheck, criteria: list[Criterion]) -> Weighting | None:
    """The ``[weighting]`` record, or ``None`` when absent or wrong (problems recorded)."""
    if raw is None:
        return None
    where = ("weighting",)
    f = Fields(fc, raw, where, WEIGHTING_KEYS)
    if not f.ok:
        return None
    errors = len([p for p in fc.problems if p.is_error])
    method = f.choice("method", WEIGHTING_METHODS)
    scored = {c.id: c for c in criteria if not c.is_gate}
    known = {c.id: c for c in criteria}
    order = f.str_list("order")
    seen: set[str] = set()
    for i, ident in enumerate(order):
        # the record is history: a criterion removed or made a gate since is only a warning
        if ident not in known:
            fc.warn(where + ("order", i), "weighting.unknown", id=ident)
        elif ident not in scored:
            fc.warn(where + ("order", i), "weighting.gate", id=ident)
        elif ident in seen:
            fc.add(where + ("order", i), "weighting.twice", id=ident)
        seen.add(ident)
    if method in WEIGHTING_ORDER_METHODS and not order:
        fc.add(where, "key.missing", key="order", where="weighting")
    judgments = _judgments(f, fc, known, scored)
    if method in WEIGHTING_AHP_METHODS and not judgments:
        fc.add(where, "key.missing", key="judgments", where="weighting")
    participants = f.str_list("participants")
    cr = f.number("cr", -1.0, 0.0, None) if "cr" in f.table else None
    f.str("random_index")
    date = f.date("date")
    if method is None or len([p for p in fc.problems if p.is_error]) > errors:
        return None
    return Weighting(
        method=method,
        order=order,
        judgments=judgments,
        participants=participants,
        cr=cr if cr is not None and cr >= 0 else None,
        date=date,
    )


def _judgments(
    f: Fields, fc: FileCheck, known: dict[str, Criterion], scored: dict[str, Criterion]
) -> dict[str, tuple[tuple[str, str, float], ...]]:
    raw = f.table.get("judgments")
    if raw is None:
        return {}
    where = ("weighting", "judgments")
    people = Fields(fc, raw, where, set(raw) if isinstance(raw, dict) else set())
    if not people.ok:
        return {}
    found: dict[str, tuple[tuple[str, str, float], ...]] = {}
    for person, table in people.table.items():
        at = where + (person,)
        rows = Fields(fc, table, at, set(table) if isinstance(table, dict) else set())
        if not rows.ok:
            continue
        pairs = []
        for key, value in rows.table.items():
            first, sep, second = key.partition(CASE_SEPARATOR)
            if not sep or not first or not second or first == second:
                fc.add(at + (key,), "weighting.pair", key=key)
                continue
            for ident in (first, second):
                if ident not in known:
                    fc.warn(at + (key,), "weighting.unknown", id=ident)
            if isinstance(value, bool) or not isinstance(value, int | float):
                fc.add(at + (key,), "key.type_value", key=key, expected_type="number",
                       found_type=type_name(value), found=show(value))  # fmt: skip
                continue
            if not math.isfinite(value) or value <= 0 or value > 1e6:
                fc.add(at + (key,), "weighting.positive", key=key, found=show(value))
                continue
            pairs.append((first, second, float(value)))
        found[person] = tuple(pairs)
    return found
