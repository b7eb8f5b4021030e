"""The engine against rankings computed by hand (FORMAT.md, "Meaning")."""

from __future__ import annotations

import pytest

from sieve.engine.evaluate import FLAG_ATTENTION, FLAG_FIRST_CASE, evaluate, explain, median
from sieve.load.session import open_session

# Four scorers (even counts give mean-of-middle medians); weights: need 2, learn 1.
BODY = """
[[subject]]
id = "a"
title = "Sujet A"
attention = ["mandat", "media"]
first_case = true

[[subject]]
id = "b"
title = "Sujet B"

[[subject]]
id = "c"
title = "Sujet C"

[[angle]]
id = "a1"
subject = "a"
title = "Angle A1"

[[angle]]
id = "a2"
subject = "a"
title = "Angle A2"

[[angle]]
id = "b1"
subject = "b"
title = "Angle B1"

[[angle]]
id = "b2"
subject = "b"
title = "Angle B2"

[[angle]]
id = "c1"
subject = "c"
title = "Angle C1"

[[scorer]]
id = "x"
name = "X"

[[scorer]]
id = "y"
name = "Y"

[[scorer]]
id = "z"
name = "Z"

[[scorer]]
id = "w"
name = "W"

[scores.x]
"a" = { need = 3, service = 2 }
"b" = { need = 3, service = 1 }
"c" = { need = 3, service = 0 }
"a/a1" = { learn = 3, doable = 1 }
"a/a2" = { learn = 2, doable = 1 }
"b/b1" = { learn = 1, doable = 1 }
"b/b2" = { doable = 1 }
"c/c1" = { learn = 3, doable = 1 }

[scores.y]
"a" = { need = 2, service = 2 }
"b" = { need = 3, service = 1 }
"c" = { service = 0 }
"a/a1" = { learn = 0 }
"a/a2" = { learn = 2, doable = 1 }

[scores.z]
"a" = { need = 2 }
"b" = { need = 2 }
"c" = { service = 1 }
"a/a2" = { learn = 2 }

[scores.w]
"a" = { need = 1 }
"a/a2" = { learn = 2 }
"""


@pytest.fixture
def evaluation(workspace):
    return evaluate(open_session(workspace(BODY)))


def test_median_takes_the_mean_of_the_two_middle_levels():
    assert median([1, 2, 2, 3]) == 2
    assert median([0, 3]) == 1.5
    assert median([1, 2, 3]) == 2
    assert median([]) is None


def test_ranking_by_hand(evaluation):
    # a: need 1,2,2,3 -> 2; a1 learn 0,3 -> 1.5; a2 learn 2 x4 -> 2
    # a/a1 = (2*2/3 + 1*1.5/3)/3 = 0.6111; a/a2 = (2*2/3 + 2/3)/3 = 0.6667
    # b: need 2,3,3 -> 3; b1 learn 1 -> (2 + 1/3)/3 = 0.7778; b2: no learn -> 2*1/2 = 1.0
    # c: service 0,0,1 -> 0 < 1: sifted out
    order = [(r.key, r.rank) for r in evaluation.results]
    assert order == [("b/b2", 1), ("b/b1", 2), ("a/a2", 3), ("a/a1", 4), ("c/c1", None)]
    scores = {r.key: r.score for r in evaluation.results}
    assert scores["b/b2"] == pytest.approx(1.0)
    assert scores["b/b1"] == pytest.approx(7 / 9)
    assert scores["a/a2"] == pytest.approx(2 / 3)
    assert scores["a/a1"] == pytest.approx(11 / 18)


def test_abstentions_are_not_zeros(evaluation):
    cell = evaluation.result("b/b1").cells["need"]
    assert cell.levels == (2, 3, 3)  # w abstained on b
    assert cell.group == 3


def test_incomplete_case_leaves_the_criterion_out_of_both_sums(evaluation):
    b2 = evaluation.result("b/b2")
    assert not b2.complete
    assert b2.missing == ("learn",)
    assert b2.score == pytest.approx(1.0)
    assert evaluation.result("b/b1").complete


def test_gate_failure_sifts_out_with_the_gate(evaluation):
    c1 = evaluation.result("c/c1")
    assert c1.sifted_out
    assert c1.failed_gates == ("service",)
    assert c1.rank is None
    assert c1.cells["service"].group == 0


def test_missing_gate_level_sifts_out(workspace):
    body = BODY.replace('"b/b2" = { doable = 1 }', '"b/b2" = { learn = 1 }')
    result = evaluate(open_session(workspace(body))).result("b/b2")
    assert result.failed_gates == ("doable",)
    assert result.cells["doable"].group is None


def test_disputed_cells(evaluation):
    # a/a1 learn: (3 - 0)/3 = 1 >= 0.5; need on a: (3 - 1)/3 = 0.67 >= 0.5
    assert set(evaluation.result("a/a1").disputed) == {"need", "learn"}
    assert evaluation.result("a/a2").disputed == ("need",)
    # c service: (1 - 0)/3 = 0.33 < 0.5
    assert evaluation.result("c/c1").disputed == ()


def test_attention_and_first_case_flags(evaluation):
    a1 = evaluation.result("a/a1")
    assert a1.attention == 3
    assert a1.flags == (FLAG_ATTENTION, FLAG_FIRST_CASE)
    assert evaluation.result("b/b1").flags == ()
    assert evaluation.attention == {"a": 3, "b": 0, "c": 0}


def test_first_case_under_threshold_but_over_its_maximum(workspace):
    body = BODY.replace('attention = ["mandat", "media"]', 'attention = ["mandat"]')
    a1 = evaluate(open_session(workspace(body))).result("a/a1")
    assert a1.attention == 2
    assert a1.flags == (FLAG_FIRST_CASE,)


TIES = """
[[subject]]
id = "p"
title = "P"

[[subject]]
id = "q"
title = "Q"

[[subject]]
id = "r"
title = "R"

[[subject]]
id = "u"
title = "U (rien de noté)"

[[angle]]
id = "p1"
subject = "p"
title = "P1"

[[angle]]
id = "q1"
subject = "q"
title = "Q1"

[[angle]]
id = "r1"
subject = "r"
title = "R1"

[[angle]]
id = "u1"
subject = "u"
title = "U1"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"p" = { need = 2, service = 3 }
"q" = { need = 2, service = 3 }
"r" = { need = 1, service = 3 }
"u" = { service = 3 }
"p/p1" = { learn = 2, doable = 1 }
"q/q1" = { learn = 2, doable = 1 }
"r/r1" = { learn = 2, doable = 1 }
"u/u1" = { doable = 1 }
"""


def test_ties_share_the_best_rank_and_the_next_rank_skips(workspace):
    evaluation = evaluate(open_session(workspace(TIES)))
    ranks = [(r.key, r.rank) for r in evaluation.results]
    # p and q: (2*2/3 + 2/3)/3 = 2/3; r: (2/3 + 2/3)/3 = 4/9; u: nothing scored
    assert ranks == [("p/p1", 1), ("q/q1", 1), ("r/r1", 3), ("u/u1", None)]
    unscored = evaluation.result("u/u1")
    assert unscored.score is None
    assert not unscored.sifted_out
    assert not unscored.complete


def test_weight_override_moves_the_ranking(evaluation):
    moved = evaluate(evaluation.session, weights={"need": 0, "learn": 1})
    order = [r.key for r in moved.results if r.rank is not None]
    # learn only: a2 2/3, a1 1.5/3, b1 1/3; b2 has no learn: no score
    assert order == ["a/a2", "a/a1", "b/b1"]
    assert moved.result("b/b2").score is None


def test_explanation_contributions_add_up_to_the_score(evaluation):
    ex = explain(evaluation, "a/a1")
    total = sum(line.contribution for line in ex.lines)
    assert total == pytest.approx(evaluation.result("a/a1").score)
    learn = next(line for line in ex.lines if line.criterion.id == "learn")
    assert learn.by_scorer == {"x": 3, "y": 0, "z": None, "w": None}
    assert learn.share == pytest.approx(1 / 3)
    service = next(line for line in ex.lines if line.criterion.id == "service")
    assert service.passed is True
    assert ex.indicators == ("mandat", "media")
