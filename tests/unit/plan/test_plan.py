"""The portfolio: exact optimiser, conflicts, calendar, robustness, decision journal."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import replace

import pytest
from conftest import FIVE_CASES, copy_shipped

from sieve.cli.main import main
from sieve.engine.evaluate import evaluate, median
from sieve.load.session import load_session, open_session
from sieve.model import Portfolio
from sieve.plan.calendar import build_calendar
from sieve.plan.instance import GROUPS, Candidate, Instance, build_instance, measure
from sieve.plan.solve import best_sets, conflict_sets, conflicts, solve_instance

# -- instances by hand ------------------------------------------------------------------------

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


def keys_of(inst: Instance, chosen) -> set[str]:
    return {inst.candidates[i].key for i in chosen}


def test_one_case_per_subject_by_hand():
    inst = instance(
        [
            cand("a", 0.9, subject="s"),
            cand("b", 0.8, subject="s"),
            cand("c", 0.7),
            cand("d", 0.6),
            cand("e", 0.45),
        ],
        min_cases=3,
        max_cases=3,
    )
    result = solve_instance(inst)
    assert set(result.best.cases) == {"a", "c", "d"}
    assert result.best.total == pytest.approx(2.2)
    # Next best: {b, c, d} = 2.1, then {a, c, e} = 2.05.
    assert [set(a.cases) for a in result.alternatives] == [{"b", "c", "d"}, {"a", "c", "e"}]
    assert [a.total for a in result.alternatives] == pytest.approx([2.1, 2.05])
    why = {r.key: r for r in result.reasons}
    assert why["b"].code == "out.constraint"
    assert why["b"].params["broken"] == ["subjects.distinct"]
    assert why["e"].code == "out.lower"


def test_attention_rule_by_hand():
    inst = instance(
        [
            cand("a", 0.9, exposed=True),
            cand("b", 0.8),
            cand("c", 0.7, exposed=True),
            cand("d", 0.6),
            cand("e", 0.5),
        ],
        min_cases=3,
        max_cases=3,
        max_exposed=1,
    )
    best = solve_instance(inst).best
    assert set(best.cases) == {"a", "b", "d"}
    assert best.total == pytest.approx(2.3)


def test_first_case_rule_by_hand_and_first_in_calendar():
    cands = [
        cand("a", 0.9, attention=3.0, first_ok=False),
        cand("b", 0.8, attention=2.0, first_ok=False),
        cand("c", 0.7, attention=2.0, first_ok=False),
        cand("e", 0.2, attention=0.0, first_ok=True),
    ]
    inst = instance(cands, min_cases=3, max_cases=3, first_case="calm")
    best = solve_instance(inst).best
    assert set(best.cases) == {"a", "b", "e"}
    assert best.cases[0] == "e"  # the only possible first case opens the calendar


def test_budget_and_diversity_by_hand():
    inst = instance(
        [
            cand("a", 0.9, need=4, methods=("m1",)),
            cand("b", 0.8, need=3, methods=("m1",)),
            cand("c", 0.7, need=3, methods=("m1", "m2")),
            cand("d", 0.3, need=1, methods=("m3",)),
        ],
        min_cases=1,
        max_cases=6,
        sessions=8,
        min_methods=3,
    )
    # Sessions: a+b+c = 10 > 8; a+b+d = 8 only has m1, m3; a+c+d = 8 has m1, m2, m3.
    assert set(solve_instance(inst).best.cases) == {"a", "c", "d"}


def test_pinned_and_excluded_by_hand():
    cands = [cand("a", 0.9), cand("b", 0.8), cand("c", 0.7), cand("d", 0.1)]
    inst = instance(cands, min_cases=2, max_cases=2, pinned=("d",), excluded=("a",))
    result = solve_instance(inst)
    assert set(result.best.cases) == {"b", "d"}
    why = {r.key: r.code for r in result.reasons}
    assert why["d"] == "in.pinned"
    assert why["a"] == "out.excluded"


# -- optimality against brute force ---------------------------------------------------------


def brute_force(inst: Instance) -> list[float]:
    """Totals of every feasible set, best first (an independent check of the constraints)."""
    p = inst.portfolio
    cands = inst.candidates
    totals = []
    for size in range(p.min_cases, min(p.max_cases, len(cands)) + 1):
        for combo in itertools.combinations(range(len(cands)), size):
            picked = [cands[i] for i in combo]
            if any(c.score is None for c in picked):
                continue
            if p.one_case_per_subject and len({c.subject for c in picked}) < size:
                continue
            need = sum(c.need for c in picked)
            if need > p.sessions or need * p.session_days > p.days + 1e-9:
                continue
            if len({c.type for c in picked}) < p.min_types:
                continue
            if len({c.territory for c in picked}) < p.min_territories:
                continue
            if len({m for c in picked for m in c.methods}) < p.min_methods:
                continue
            if sum(c.exposed for c in picked) > p.max_exposed:
                continue
            if p.first_case != "none" and not any(c.first_ok for c in picked):
                continue
            keys = {c.key for c in picked}
            if not set(p.pinned) <= keys or keys & set(p.excluded):
                continue
            totals.append(sum(c.score for c in picked))
    return sorted(totals, reverse=True)


def random_instance(seed: int, n: int | None = None) -> Instance:
    rng = random.Random(seed)
    n = n or rng.randint(3, 14)
    cands = []
    for i in range(n):
        score = None if rng.random() < 0.1 else round(rng.random(), 3)
        cands.append(
            cand(
                f"c{i}",
                score,
                subject=f"s{rng.randint(0, n // 2 + 1)}",
                type=rng.choice("abc"),
                territory=rng.choice("xyz"),
                methods=tuple(rng.sample("mnopqr", rng.randint(1, 3))),
                exposed=rng.random() < 0.3,
                first_ok=rng.random() < 0.5,
                need=rng.randint(1, 4),
            )
        )
    keys = [c.key for c in cands]
    low = rng.randint(1, 4)
    return instance(
        cands,
        min_cases=low,
        max_cases=rng.randint(low, 6),
        sessions=rng.randint(4, 14),
        days=rng.choice([20.0, 35.0]),
        session_days=rng.choice([2.0, 3.0]),
        min_types=rng.randint(0, 3),
        min_territories=rng.randint(0, 2),
        min_methods=rng.randint(0, 5),
        max_exposed=rng.randint(0, 2),
        first_case=rng.choice(["none", "marked-or-calm"]),
        one_case_per_subject=rng.random() < 0.7,
        pinned=tuple(rng.sample(keys, 1)) if rng.random() < 0.2 else (),
        excluded=tuple(rng.sample(keys, 1)) if rng.random() < 0.2 else (),
    )


@pytest.mark.parametrize("seed", [*range(60), *(-s for s in range(1, 21))])
def test_optimum_and_next_two_match_brute_force(seed):
    # Seeds below zero: fourteen cases each.
    inst = random_instance(seed, 14 if seed < 0 else None)
    expected = brute_force(inst)
    sets = best_sets(inst, 3)
    assert [sum(inst.candidates[i].score for i in s) for s in sets] == pytest.approx(expected[:3])
    for s in sets:
        assert all(status.met for status in measure(inst, s))
    assert len(set(sets)) == len(sets)
    if not expected:
        found = conflicts(inst)
        assert found
        # Lifting any one conflicting group makes a portfolio possible (the set is minimal).
        from sieve.plan.solve import Programme

        for group in found:
            assert Programme(inst).solve([g for g in found if g != group]) is not None
        # Lifting the last group of every conflict set makes a portfolio possible.
        sets = conflict_sets(inst)
        assert sets[0] == found
        lifted = {c[-1] for c in sets}
        assert Programme(inst).solve([g for g in GROUPS if g not in lifted]) is not None


def test_sixty_cases_are_solved_and_checked_against_a_bound():
    rng = random.Random(7)
    cands = [
        cand(f"c{i}", rng.random(), type=rng.choice("ab"), methods=(rng.choice("mnop"),))
        for i in range(60)
    ]
    inst = instance(
        cands, min_cases=3, max_cases=6, sessions=12, days=36.0, min_methods=3, min_types=2
    )
    best = solve_instance(inst).best
    assert len(best.cases) == 6
    top6 = sorted((c.score for c in cands), reverse=True)[:6]
    assert best.total <= sum(top6) + 1e-9


# -- infeasible constraints explained --------------------------------------------------------


def test_too_few_cases_pass_the_gates():
    inst = instance(
        [cand("a", 0.9), cand("b", 0.8), cand("c", None, failed_gates=("g",))], min_cases=3
    )
    result = solve_instance(inst)
    assert result.best is None
    assert {s.id for s in result.constraints if s.conflict} == {"gates", "count.min"}
    assert result.conflicts == (("gates", "count.min"),)


def test_two_separate_conflicts_are_both_named():
    cands = [cand("a", 0.9, type="t1", exposed=True), cand("b", 0.8, type="t1")]
    inst = instance(cands, min_cases=1, min_types=2, max_exposed=0, pinned=("a",))
    assert conflict_sets(inst) == [["attention.max", "pinned"], ["diversity.types"]]


def test_pinned_exposed_case_conflicts_with_attention_limit():
    cands = [cand("a", 0.9, exposed=True), cand("b", 0.8), cand("c", 0.7)]
    inst = instance(cands, min_cases=1, max_exposed=0, pinned=("a",))
    assert conflicts(inst) == ["attention.max", "pinned"]


def test_diversity_alone_can_be_the_conflict():
    cands = [cand("a", 0.9, type="t1"), cand("b", 0.8, type="t2"), cand("c", 0.7, type="t2")]
    inst = instance(cands, min_cases=1, min_types=3)
    assert conflicts(inst) == ["diversity.types"]


def test_infeasible_plan_from_the_command_line(workspace, capsys):
    path = workspace(FIVE_CASES + "\n[portfolio]\nmin_cases = 5\n" + OPEN_TOML)
    code = main(["plan", str(path), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["cases"] == [] and out["total_score"] is None
    conflicting = {c["id"] for c in out["constraints"] if c["conflict"]}
    assert conflicting == {"count.min", "subjects.distinct"}
    assert all(c["message"] for c in out["constraints"])


# -- sessions on disk -----------------------------------------------------------------------


OPEN_TOML = "min_types = 0\nmin_territories = 0\nmin_methods = 0\n"


def test_plan_on_a_session_by_hand(workspace, capsys):
    path = workspace(FIVE_CASES + '\n[portfolio]\nmax_cases = 3\nfirst_case = "calm"\n')
    session = open_session(path)
    # Scores (need w2, learn w1, both on 0..3): beta/b1 1, gamma/g1 1, alpha/a1 2/3,
    # beta/b2 7/9, delta/d1 1/3. Gamma is exposed (attention 3): at most one exposed.
    result = solve_instance(build_instance(session))
    assert result.best.cases == ("alpha/a1", "beta/b1", "gamma/g1")
    assert result.best.total == pytest.approx(1 + 1 + 2 / 3)
    code = main(["plan", str(path), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["cases"] == ["alpha/a1", "beta/b1", "gamma/g1"]
    assert out["total_score"] == pytest.approx(8 / 3)
    assert [a["cases"] for a in out["alternatives"]] == [
        ["alpha/a1", "gamma/g1", "beta/b2"],
        ["beta/b1", "gamma/g1", "delta/d1"],
    ]
    assert {c["id"] for c in out["constraints"]} == set(GROUPS)
    assert all(c["met"] for c in out["constraints"])


def test_first_case_must_be_calm_or_marked(workspace):
    body = FIVE_CASES + '\n[portfolio]\nmax_cases = 3\nfirst_case = "calm"\n' + OPEN_TOML
    session = open_session(workspace(body.replace("first_case = true", "first_case = false")))
    inst = build_instance(session)
    firsts = {c.key for c in inst.candidates if c.first_ok}
    assert "gamma/g1" not in firsts  # attention 3 > first_case_max 1
    best = solve_instance(inst).best
    assert best.cases[0] != "gamma/g1"
    assert inst.candidates[inst.index(best.cases[0])].first_ok


# -- the calendar -----------------------------------------------------------------------------

PLANNED = """
[portfolio]
{extra}
[[portfolio.case]]
case = "alpha/a1"
sessions = [1, 2]

[[portfolio.case]]
case = "beta/b1"
sessions = {beta}

[[portfolio.case]]
case = "delta/d1"
sessions = [5, 6]
"""


def calendar_for(workspace, extra: str = "", beta: str = "[3, 4]"):
    path = workspace(FIVE_CASES + PLANNED.format(extra=extra, beta=beta))
    load = load_session(path)
    assert not load.errors, [p.render() for p in load.errors]
    return build_calendar(load.session)


def test_a_good_calendar_has_no_breach(workspace):
    cal = calendar_for(workspace)
    assert cal.planned
    assert cal.breaches == []
    assert cal.days == 18 and cal.months == 6
    assert [s.lab for s in cal.sessions] == [False, False, False, True, True, True]


def test_calendar_catches_a_case_with_five_sessions(workspace):
    cal = calendar_for(workspace, beta="[3, 4, 7, 8, 9]")
    assert [b.id for b in cal.breaches] == ["calendar.case-sessions"]
    assert "beta/b1 (5)" in cal.breaches[0].params["cases"]


def test_calendar_catches_lab_work_starting_at_session_seven(workspace):
    cal = calendar_for(workspace, extra="lab_start = 7")
    assert [b.id for b in cal.breaches] == ["calendar.lab-start"]


def test_calendar_catches_more_than_35_days(workspace):
    # A twelfth session (for the lab) at 3 days a session: 36 days.
    cal = calendar_for(workspace, extra="[[portfolio.session]]\nnumber = 12\ndays = 3\n")
    assert cal.days == 36 and cal.months == 12
    assert [b.id for b in cal.breaches] == ["calendar.days"]


def test_calendar_catches_more_than_18_months(workspace):
    extra = "start = 2017-02-06\n[[portfolio.session]]\nnumber = 6\ndate = 2018-09-03\n"
    cal = calendar_for(workspace, extra=extra)
    assert cal.sessions[1].date.isoformat() == "2017-03-06"
    assert cal.months == 20
    assert [b.id for b in cal.breaches] == ["calendar.months"]


def test_calendar_catches_an_exposed_first_case(workspace, capsys):
    path = workspace(
        FIVE_CASES
        + '\n[portfolio]\nfirst_case = "calm"\n'
        + '[[portfolio.case]]\ncase = "gamma/g1"\nsessions = [1]\n'
        + '[[portfolio.case]]\ncase = "alpha/a1"\nsessions = [2]\n'
        + '[[portfolio.case]]\ncase = "beta/b1"\nsessions = [3, 4]\n'
    )
    cal = build_calendar(open_session(path))
    assert [b.id for b in cal.breaches] == ["calendar.first-case"]
    assert main(["plan", str(path), "--calendar"]) == 1
    out = capsys.readouterr().out
    assert "✘ le premier cas ouvre la Transfo" in out


def test_proposed_calendar_puts_the_first_case_first(workspace):
    path = workspace(FIVE_CASES + '\n[portfolio]\nmax_cases = 3\nfirst_case = "calm"\n')
    cal = build_calendar(open_session(path))
    assert not cal.planned
    assert cal.sessions[0].cases == ("alpha/a1",)
    assert cal.breaches == []


def test_portfolio_problems_are_located(workspace):
    path = workspace(
        FIVE_CASES + '\n[portfolio]\nmin_cases = 5\nmax_cases = 4\npinned = ["nope/x"]\n'
    )
    problems = {p.code: p for p in load_session(path).problems}
    assert problems["portfolio.min_max"].line == problems["ref.unknown"].line - 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "pinned" in lines[problems["ref.unknown"].line - 1]


# -- robustness --------------------------------------------------------------------------------


def test_vectorised_medians_match_the_engine():
    import numpy as np

    from sieve.plan.robust import group_medians

    rng = np.random.default_rng(3)
    levels = rng.integers(-1, 4, size=(6, 5, 7)).astype(np.int8)
    mult = rng.integers(0, 3, size=(4, 7))
    med = group_medians(levels, mult)
    for b in range(4):
        for x in range(6):
            for c in range(5):
                given = sorted(
                    int(levels[x, c, s])
                    for s in range(7)
                    for _ in range(mult[b, s])
                    if levels[x, c, s] >= 0
                )
                expected = median(given)
                got = med[b, x, c]
                assert (expected is None and np.isnan(got)) or got == expected


def test_monte_carlo_is_deterministic_with_a_seed(workspace):
    from sieve.plan.robust import analyse

    session = open_session(workspace(FIVE_CASES + "\n[portfolio]\nmax_cases = 3\n"))
    one = analyse(session, draws=300, seed=5, portfolio_draws=20)
    two = analyse(session, draws=300, seed=5, portfolio_draws=20)
    assert one.p_top == two.p_top
    assert one.p_portfolio == two.p_portfolio
    assert one.weight_ranges == two.weight_ranges


DOMINANT = """
[[subject]]
id = "top"
title = "Top"

[[subject]]
id = "mid"
title = "Mid"

[[subject]]
id = "low"
title = "Low"

[[angle]]
id = "t1"
subject = "top"
title = "T1"

[[angle]]
id = "m1"
subject = "mid"
title = "M1"

[[angle]]
id = "l1"
subject = "low"
title = "L1"

[[scorer]]
id = "x"
name = "X"

[[scorer]]
id = "y"
name = "Y"

[[scorer]]
id = "z"
name = "Z"

[scores.x]
"top" = { need = 3, service = 3 }
"mid" = { need = 2, service = 3 }
"low" = { need = 0, service = 2 }
"top/t1" = { learn = 3, doable = 1 }
"mid/m1" = { learn = 1, doable = 1 }
"low/l1" = { learn = 2, doable = 1 }

[scores.y]
"top" = { need = 3, service = 3 }
"mid" = { need = 1, service = 2 }
"low" = { need = 2, service = 1 }
"top/t1" = { learn = 3, doable = 1 }
"mid/m1" = { learn = 2, doable = 1 }
"low/l1" = { learn = 0, doable = 1 }

[scores.z]
"top" = { need = 3, service = 3 }
"mid" = { need = 2, service = 1 }
"low" = { need = 1, service = 1 }
"top/t1" = { learn = 3, doable = 1 }
"mid/m1" = { learn = 2, doable = 1 }
"low/l1" = { learn = 1, doable = 1 }
"""


def test_a_dominating_case_is_first_with_probability_one(workspace):
    from sieve.plan.robust import analyse

    body = DOMINANT + "\n[portfolio]\nmin_cases = 1\nmax_cases = 1\n" + OPEN_TOML
    body += 'first_case = "none"\n'
    session = open_session(workspace(body))
    rob = analyse(session, draws=1000, seed=1, portfolio_draws=50)
    assert rob.proposed == ("top/t1",)
    assert rob.p_first["top/t1"] == 1.0
    assert rob.p_portfolio["top/t1"] == 1.0
    assert rob.p_first["mid/m1"] < 1.0


def test_dominating_case_also_through_the_integer_programme(workspace, monkeypatch):
    import sieve.plan.solver
    from sieve.plan.robust import analyse

    monkeypatch.setattr(sieve.plan.solver, "ENUMERATION_LIMIT", 0)  # no listing: one MILP a draw
    body = DOMINANT + "\n[portfolio]\nmin_cases = 1\nmax_cases = 1\n" + OPEN_TOML
    body += 'first_case = "none"\n'
    rob = analyse(open_session(workspace(body)), draws=200, seed=2, portfolio_draws=30)
    assert rob.portfolio_draws == 30
    assert rob.p_portfolio["top/t1"] == 1.0
    assert rob.p_portfolio["mid/m1"] == 0.0


WEIGHTS = """
[[subject]]
id = "a"
title = "A"

[[subject]]
id = "b"
title = "B"

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[angle]]
id = "b1"
subject = "b"
title = "B1"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"a" = { need = 3, service = 1 }
"b" = { need = 1, service = 1 }
"a/a1" = { learn = 0, doable = 1 }
"b/b1" = { learn = 3, doable = 1 }

[portfolio]
min_cases = 1
max_cases = 1
min_types = 0
min_territories = 0
min_methods = 0
first_case = "none"
"""


def test_weight_ranges_by_hand(workspace):
    from sieve.plan.robust import analyse

    # need weight w (learn 1): A = w/(w+1), B = (w/3 + 1)/(w+1): A wins while w > 1.5.
    # learn weight v (need 2): A = 2/(2+v), B = (2/3 + v)/(2+v): A wins while v < 4/3.
    rob = analyse(open_session(workspace(WEIGHTS)), draws=50, seed=0, portfolio_draws=5)
    assert rob.proposed == ("a/a1",)
    low, high = rob.weight_ranges["need"]
    assert low == pytest.approx(1.5, abs=0.03) and high is None
    low, high = rob.weight_ranges["learn"]
    assert low == 0.0 and high == pytest.approx(4 / 3, abs=0.03)


def test_rank_robust_from_the_command_line(workspace, capsys):
    path = workspace(WEIGHTS)
    args = ["rank", str(path), "--robust", "--draws", "200", "--seed", "3", "--format", "json"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert data["draws"] == 200 and data["proposed"] == ["a/a1"]
    assert main(["rank", str(path), "--robust", "--draws", "0"]) == 2


# -- the decision journal ------------------------------------------------------------------------


def test_decision_from_the_command_line_round_trips(workspace, capsys):
    body = "# Un commentaire en tête des sujets\n" + FIVE_CASES + "\n# fin du fichier\n"
    path = workspace(body)
    before = path.read_text(encoding="utf-8")
    code = main(
        [
            "decide",
            str(path),
            "--cases",
            "alpha/a1",
            "beta/b1",
            "--rationale",
            'Démonstratif, "sans" trop d\'attentes\net concret',
            "--present",
            "x",
            "y",
            "--date",
            "2017-01-25",
        ]
    )
    assert code == 0, capsys.readouterr().err
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # nothing before the journal changed, comments kept
    session = open_session(path)
    (decision,) = session.decisions
    assert decision.id == "decision-2017-01-25"
    assert decision.cases == ("alpha/a1", "beta/b1")
    assert decision.rationale == 'Démonstratif, "sans" trop d\'attentes\net concret'
    assert decision.present == ("x", "y")
    assert (decision.tamis, decision.tamis_version) == ("t", 2)
    ev = evaluate(session)
    for snap in decision.snapshots:
        result = ev.result(snap.case)
        assert snap.score == pytest.approx(result.score, abs=1e-6)
        assert snap.rank == result.rank
        assert snap.flags == result.flags and snap.disputed == result.disputed

    code = main(
        ["review", str(path), "decision-2017-01-25", "beta/b1", "--level", "3", "--note", "Top"]
    )
    assert code == 0
    reviewed = path.read_text(encoding="utf-8")
    assert "# Un commentaire en tête des sujets" in reviewed and "# fin du fichier" in reviewed
    snap = open_session(path).decisions[0].snapshots[1]
    assert (snap.outcome, snap.outcome_note) == (3, "Top")

    # A second decision gets its own id; the first one is untouched.
    assert (
        main(
            ["decide", str(path), "--cases", "delta/d1", "--rationale", "r", "--date", "2017-01-25"]
        )
        == 0
    )
    session = open_session(path)
    assert [d.id for d in session.decisions] == ["decision-2017-01-25", "decision-2017-01-25-2"]
    assert session.decisions[0].snapshots[1].outcome == 3
    capsys.readouterr()
    assert main(["journal", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["comparison"]["reviewed"] == 1 and data["comparison"]["pending"] == 2
    assert main(["journal", str(path)]) == 0
    assert "Prédiction et résultat" in capsys.readouterr().out


def test_bad_decisions_are_refused(workspace, capsys):
    path = workspace(FIVE_CASES)
    before = path.read_text(encoding="utf-8")
    assert main(["decide", str(path), "--cases", "nope/x", "--rationale", "r"]) == 2
    assert main(["decide", str(path), "--cases", "alpha/a1", "--rationale", " "]) == 2
    assert (
        main(["decide", str(path), "--cases", "alpha/a1", "--rationale", "r", "--present", "zz"])
        == 2
    )
    assert (
        main(["decide", str(path), "--cases", "alpha/a1", "--rationale", "r", "--date", "hier"])
        == 2
    )
    assert path.read_text(encoding="utf-8") == before
    assert "Traceback" not in capsys.readouterr().err


def test_prediction_against_outcome():
    from sieve.model import Decision, Snapshot
    from sieve.plan.journal import compare

    decisions = [
        Decision(
            "d1", None, (), snapshots=(Snapshot("a", 0.9, outcome=3), Snapshot("b", 0.6, outcome=1))
        ),
        Decision("d2", None, (), snapshots=(Snapshot("c", 0.3, outcome=0), Snapshot("d", 0.5))),
    ]
    cmp = compare(decisions)
    assert cmp.pending == 1
    assert cmp.mean_gap == pytest.approx((0.1 + abs(0.6 - 1 / 3) + 0.3) / 3)
    assert cmp.spearman == pytest.approx(1.0)


def test_decision_appended_after_a_journal_in_the_middle_of_the_file(workspace, capsys):
    journal = """
[[decision]]  # la première
id = "d1"
date = 2017-01-01
cases = ["alpha/a1"]
rationale = "x"

[[decision.case]]
case = "alpha/a1"
score = 0.5

"""
    head, sep, tail = FIVE_CASES.partition("[scores.x]")
    path = workspace(head + journal + sep + tail)
    code = main(
        ["decide", str(path), "--cases", "beta/b1", "--rationale", "y", "--date", "2017-02-02"]
    )
    assert code == 0
    text = path.read_text(encoding="utf-8")
    assert "[[decision]]  # la première" in text
    assert 'score = 0.5\n\n[[decision]]\nid = "decision-2017-02-02"' in text
    session = open_session(path)
    assert [d.id for d in session.decisions] == ["d1", "decision-2017-02-02"]
    assert session.scores["x"]["beta/b1"] == {"learn": 3, "doable": 1}


@pytest.mark.parametrize("seed", range(15))
def test_listed_sets_agree_with_the_integer_programme(seed):
    from sieve.plan.solver import Solver

    inst = random_instance(seed)
    solver = Solver(inst)
    assert solver.sets is not None  # small instances are listed
    rng = random.Random(seed)
    for _ in range(5):
        scores = [None if rng.random() < 0.15 else rng.random() for _ in inst.candidates]
        listed = solver.best(scores)
        fixed = {i: 0 for i, s in enumerate(scores) if s is None}
        values = [s or 0.0 for s in scores]
        solved = solver.prog.solve(fixed=fixed, scores=values)
        assert (listed is None) == (solved is None)
        if listed is not None:
            assert sum(values[i] for i in listed) == pytest.approx(sum(values[i] for i in solved))
            assert all(s.met for s in measure(solver.inst, listed))


def test_decide_warns_about_a_sifted_out_case_and_too_few_cases(tmp_path, capsys):
    from sieve.cli.main import main

    copy_shipped(tmp_path)
    session = tmp_path / "sessions" / "paris.toml"
    cases = ["carte-participative/kiosque", "accueil-mairies/guichet"]
    assert main(["decide", str(session), "--cases", *cases, "--rationale", "x"]) == 0
    err = capsys.readouterr().err
    assert "accueil-mairies/guichet est écarté par le tamis (service-associe)" in err
    assert "2 cas retenus, le protocole en demande 3 à 6" in err


# -- the robustness analysis's optimiser: bounds, floors, weight ranges -----------------------


def random_scores(rng: random.Random, n: int) -> list[float | None]:
    return [None if rng.random() < 0.15 else rng.random() for _ in range(n)]


def total_of(scores, chosen) -> float:
    return sum(scores[i] for i in chosen)


@pytest.mark.parametrize("seed", range(25))
def test_bounds_hold_over_every_allowed_set(seed):
    import numpy as np

    from sieve.plan.solver import Solver

    inst = random_instance(seed)
    solver = Solver(inst)
    rng = random.Random(seed)
    draws = np.array([random_scores(rng, len(inst.candidates)) for _ in range(6)], dtype=float)
    bounds = solver.bounds(draws)
    for scores, bound in zip(draws, bounds, strict=True):
        assert np.array_equal(solver.bounds(scores), bound)  # one draw or many: the same
        reached = np.full(len(scores), -np.inf)  # the best allowed set holding each case
        for row in solver.sets:
            chosen = np.flatnonzero(row)
            if not np.isnan(scores[chosen]).any():
                reached[chosen] = np.maximum(reached[chosen], scores[chosen].sum())
        assert np.all(bound >= reached - 1e-12)


@pytest.mark.parametrize("among", [0, 12], ids=["programme", "listing"])
@pytest.mark.parametrize("seed", range(15))
def test_a_floor_keeps_a_best_set_through_the_integer_programme(seed, among, monkeypatch):
    import numpy as np

    import sieve.plan.solve
    import sieve.plan.solver
    from sieve.plan.solver import Solver

    inst = random_instance(seed)
    listed = Solver(inst)
    monkeypatch.setattr(sieve.plan.solver, "ENUMERATION_LIMIT", 0)
    monkeypatch.setattr(sieve.plan.solve, "LIST_AMONG", among)  # the few cases kept: listed
    solver = Solver(inst)
    assert solver.sets is None
    rng = random.Random(seed)
    for _ in range(4):
        scores = random_scores(rng, len(inst.candidates))
        best = listed.best(scores)
        allowed = [
            frozenset(np.flatnonzero(row).tolist())
            for row in listed.sets
            if all(scores[i] is not None for i in np.flatnonzero(row))
        ]
        assert (best is None) == (not allowed)
        if best is None:
            continue
        top = total_of(scores, best)
        for known in rng.sample(allowed, min(6, len(allowed))):  # any allowed set: a floor
            got = solver.best_over(scores, total_of(scores, known), known)
            assert total_of(scores, got) == pytest.approx(top, abs=1e-9)
            assert all(s.met for s in measure(solver.inst, got))
        over = solver.best_over(scores, top + 0.01)
        assert over is None or total_of(scores, over) < top + 0.01


@pytest.mark.parametrize("among", [0, 12], ids=["programme", "listing"])
@pytest.mark.parametrize("seed", range(12))
def test_the_draws_best_sets_through_the_integer_programme(seed, among, monkeypatch):
    import numpy as np

    import sieve.plan.solve
    import sieve.plan.solver
    from sieve.plan.solver import Solver

    inst = random_instance(seed)
    listed = Solver(inst)
    monkeypatch.setattr(sieve.plan.solver, "ENUMERATION_LIMIT", 0)
    monkeypatch.setattr(sieve.plan.solve, "LIST_AMONG", among)
    solver = Solver(inst)
    rng = np.random.default_rng(seed)
    base = rng.random(len(inst.candidates))
    draws = base + rng.normal(0, 0.05, size=(40, len(base)))  # near one another: shared answers
    draws[rng.random(draws.shape) < 0.05] = -np.inf
    for want, got, row in zip(listed.best_many(draws), solver.best_many(draws), draws, strict=True):
        assert (want is None) == (got is None)
        if want is not None:
            assert row[sorted(got)].sum() == pytest.approx(row[sorted(want)].sum(), abs=1e-9)


def ranges_instance(seed: int):
    """A random session as arrays and a random instance of its cases, scored by them."""
    import numpy as np

    from sieve.plan.robust import Arrays, scorer_at

    rng = np.random.default_rng(seed)
    n, crits, scorers = 11, 5, 4
    levels = rng.integers(-1, 4, size=(n, crits, scorers)).astype(np.int8)
    is_gate = np.zeros(crits, dtype=bool)
    is_gate[0] = seed % 2 == 0
    weights = np.where(is_gate, 0.0, rng.integers(1, 4, crits).astype(float))
    ids = tuple(f"k{c}" for c in range(crits))
    arrays = Arrays(
        tuple(f"c{i}" for i in range(n)),
        levels,
        np.full(crits, 3.0),
        weights,
        is_gate,
        np.where(is_gate, 1.0, 0.0),
        ids,
    )
    score_of = scorer_at(arrays)
    by_id = {ids[c]: float(weights[c]) for c in range(crits) if not is_gate[c]}
    base = score_of(by_id)
    inst = random_instance(seed, n)
    cands = tuple(
        replace(c, score=None if np.isnan(v) else float(v))
        for c, v in zip(inst.candidates, base, strict=True)
    )
    return replace(inst, candidates=cands), score_of, by_id


def reference_ranges(solver, score_of, target, weights, ceiling):
    """The weight ranges as they were searched before: one full solve at each step."""
    import math

    from sieve.plan.ranges import search

    out = {}
    for crit, w0 in weights.items():

        def same(w: float, crit: str = crit) -> bool:
            values = [None if math.isnan(v) else float(v) for v in score_of({**weights, crit: w})]
            best = solver.best(values)
            if best is None or any(values[i] is None for i in target):
                return False
            mine = sum(values[i] for i in target)
            return mine >= sum(values[i] for i in best) - 1e-9

        out[crit] = search(same, w0, ceiling)
    return out


def test_weight_ranges_equal_those_of_one_full_solve_a_step(monkeypatch):
    """On small random instances the weight ranges are exactly those of the search that
    solved the whole programme at each step: listed sets, and the integer programme
    (its floors and bounds, the few cases kept solved or listed) too."""
    import sieve.plan.solve
    import sieve.plan.solver
    from sieve.plan.ranges import weight_ranges
    from sieve.plan.solver import Solver

    checked = 0
    for seed in range(80):
        inst, score_of, weights = ranges_instance(seed)
        listed = Solver(inst)
        target = listed.best([c.score for c in inst.candidates])
        if target is None:
            continue
        ceiling = 10 * max(weights.values())
        expected = reference_ranges(listed, score_of, target, weights, ceiling)
        assert weight_ranges(listed, score_of, target, weights, ceiling, lambda f: None) == expected
        with monkeypatch.context() as m:
            m.setattr(sieve.plan.solver, "ENUMERATION_LIMIT", 0)
            m.setattr(sieve.plan.solve, "LIST_AMONG", 12 if checked % 3 else 0)
            solver = Solver(inst)
            got = weight_ranges(solver, score_of, target, weights, ceiling, lambda f: None)
            assert got == expected, seed
            if checked < 2:  # the old way through the integer programme agrees too
                assert reference_ranges(solver, score_of, target, weights, ceiling) == expected
        checked += 1
        if checked == 15:
            break
    assert checked == 15
