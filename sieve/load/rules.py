"""The ``[stakeholders]`` table of a tamis: the thresholds of the graph analyses."""

from __future__ import annotations

from typing import Any

from sieve.load.bounds import CONSTRAINT, COUNT, SHARE
from sieve.load.fields import Fields, FileCheck
from sieve.model import STAKEHOLDER_ROLES, StakeholderRules

#: Keys of the ``[stakeholders]`` table of a tamis.
RULES_KEYS = {
    "referent_max_share",
    "pivot_min_share",
    "broker_max_constraint",
    "ambassador_min_ties",
    "second_circle_max_ties",
    "high_power",
    "high_interest",
    "programme_roles",
    "local_roles",
    "core_roles",
    "second_circle_roles",
}


def read_rules(raw: Any, fc: FileCheck) -> StakeholderRules:
    """The ``[stakeholders]`` table of a tamis; defaults for what is absent or wrong.

    Each wrong value is a located problem in ``fc``.
    """

    defaults = StakeholderRules()
    if raw is None:
        return defaults
    f = Fields(fc, raw, ("stakeholders",), RULES_KEYS)
    if not f.ok:
        return defaults
    low, high = 0, 4
    values: dict[str, Any] = {
        "referent_max_share": f.number("referent_max_share", defaults.referent_max_share, *SHARE),
        "pivot_min_share": f.number("pivot_min_share", defaults.pivot_min_share, *SHARE),
        "broker_max_constraint": f.number(
            "broker_max_constraint", defaults.broker_max_constraint, *CONSTRAINT
        ),
        "ambassador_min_ties": f.int("ambassador_min_ties", defaults.ambassador_min_ties, *COUNT),
        "second_circle_max_ties": f.int(
            "second_circle_max_ties", defaults.second_circle_max_ties, *COUNT
        ),
        "high_power": f.int("high_power", defaults.high_power, low, high),
        "high_interest": f.int("high_interest", defaults.high_interest, low, high),
    }
    for key in ("programme_roles", "local_roles", "core_roles", "second_circle_roles"):
        default = getattr(defaults, key)
        if key not in f.table:
            values[key] = default
            continue
        roles = f.str_list(key)
        if not roles and f.table[key] != []:
            values[key] = default  # a wrong type, reported by str_list
            continue
        unknown = [r for r in roles if r not in STAKEHOLDER_ROLES]
        for role in unknown:
            fc.add(
                ("stakeholders", key),
                "value.choice",
                key=key,
                found=f'"{role}"',
                choices=", ".join(STAKEHOLDER_ROLES),
            )
        values[key] = default if unknown else tuple(roles)
    return StakeholderRules(**values)
