"""Why a case is left out of the portfolio, and what the conflicts of an infeasible plan say."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from test_plan import random_instance

from sieve.i18n import t
from sieve.model import Portfolio
from sieve.plan.instance import GROUPS, Candidate, Instance
from sieve.plan.solve import best_sets, conflict_sets, solve_instance
from sieve.render.plan import words

OPEN = Portfolio(min_types=0, min_territories=0, min_methods=0, first_case="none")


def cand(key: str, score: float | None, **kw) -> Candidate:
    values = dict(
        key=key,
        score=score,
        rank=None,
        subject=key,
        type="t",
        territory="x",
        methods=("m",),
        attention=0.0,
        exposed=False,
        first_ok=True,
        marked=False,
        need=2,
    )
    values.update(kw)
    return Candidate(**values)


def instance(cands, **portfolio) -> Instance:
    return Instance(tuple(cands), replace(OPEN, **portfolio), 3.0, 1.0)


def test_a_case_scored_zero_is_not_said_to_break_an_empty_list():
    # Room for a third case, and adding "z" breaks nothing: it adds nothing to the total.
    inst = instance([cand("a", 0.9), cand("b", 0.5), cand("z", 0.0)], min_cases=1, max_cases=3)
    result = solve_instance(inst)
    assert set(result.best.cases) == {"a", "b"}
    why = {r.key: r for r in result.reasons}
    assert why["z"].code == "out.nothing_added"
    for lang in ("fr", "en"):
        text = t(f"plan.r.{why['z'].code}", lang, **words(why["z"].params, lang))
        assert text.rstrip()[-1] not in ":;", text


def test_a_lower_case_that_would_break_a_rule_still_says_which():
    inst = instance(
        [cand("a", 0.9), cand("b", 0.5), cand("c", 0.2, subject="a")],
        min_cases=1,
        max_cases=3,
        one_case_per_subject=True,
    )
    why = {r.key: r for r in solve_instance(inst).reasons}
    assert why["c"].code == "out.lower_added"
    assert why["c"].params["broken"] == ["subjects.distinct"]


# -- the conflicts of an infeasible plan, against brute force ---------------------------------


def violations(inst: Instance) -> set[int]:
    """For every set of cases, the constraint groups it breaks (a bit mask over GROUPS)."""
    p = inst.portfolio
    cands = inst.candidates
    bit = {g: 1 << i for i, g in enumerate(GROUPS)}
    masks = set()
    for size in range(len(cands) + 1):
        for combo in itertools.combinations(cands, size):
            keys = {c.key for c in combo}
            need = sum(c.need for c in combo)
            broken = {
                "gates": any(c.score is None for c in combo),
                "count.min": size < p.min_cases,
                "count.max": size > p.max_cases,
                "subjects.distinct": p.one_case_per_subject
                and len({c.subject for c in combo}) < size,
                "sessions.budget": need > p.sessions,
                "days.budget": need * p.session_days > p.days + 1e-9,
                "diversity.types": len({c.type for c in combo}) < p.min_types,
                "diversity.territories": len({c.territory for c in combo}) < p.min_territories,
                "diversity.methods": len({m for c in combo for m in c.methods}) < p.min_methods,
                "attention.max": sum(c.exposed for c in combo) > p.max_exposed,
                "first-case": p.first_case != "none" and not any(c.first_ok for c in combo),
                "pinned": not set(p.pinned) <= keys,
                "excluded": bool(keys & set(p.excluded)),
            }
            masks.add(sum(bit[g] for g, b in broken.items() if b))
    return masks


def minimal_conflicts(inst: Instance) -> set[frozenset[str]]:
    """Every set of groups that cannot hold together while each of its subsets can."""
    masks = violations(inst)

    def holds(groups: int) -> bool:
        return any(m & groups == 0 for m in masks)

    found = set()
    for groups in range(1, 1 << len(GROUPS)):
        if holds(groups):
            continue
        if all(holds(groups & ~(1 << i)) for i in range(len(GROUPS)) if groups >> i & 1):
            found.add(frozenset(g for i, g in enumerate(GROUPS) if groups >> i & 1))
    return found


def infeasible_instances(count: int, n: int = 7):
    seed = 0
    while count:
        seed += 1
        inst = random_instance(seed, n)
        if not best_sets(inst, 1):
            count -= 1
            yield seed, inst


@pytest.mark.parametrize(("seed", "inst"), list(infeasible_instances(40)))
def test_every_conflict_is_named_as_brute_force_finds_them(seed, inst):
    named = {frozenset(c) for c in conflict_sets(inst)}
    assert named == minimal_conflicts(inst), seed
    # So lifting any one constraint of each named conflict makes a portfolio possible.
    masks = violations(inst)
    bit = {g: 1 << i for i, g in enumerate(GROUPS)}
    for lifted in itertools.product(*named):
        kept = sum(bit[g] for g in GROUPS if g not in lifted)
        assert any(m & kept == 0 for m in masks), (seed, lifted)
