"""Why a case is left out of the portfolio, and what the conflicts of an infeasible plan say."""

from __future__ import annotations

from dataclasses import replace

from sieve.i18n import t
from sieve.model import Portfolio
from sieve.plan.instance import Candidate, Instance
from sieve.plan.solve import solve_instance
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
