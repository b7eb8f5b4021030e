"""Angle ids are unique within their subject: two subjects may each have an angle
``immersion``; a duplicate under one subject is one problem, with nothing cascading."""

from __future__ import annotations

import json

from conftest import ONE_CASE, SAME_ANGLE, loaded, run_cli

from sieve.load.session import load_session

#: SAME_ANGLE with a second angle ``immersion`` under subject ``a`` (before the scorers).
DUPLICATE = SAME_ANGLE.replace(
    '[[scorer]]\nid = "x"',
    '[[angle]]\nid = "immersion"\nsubject = "a"\ntitle = "Encore"\n\n[[scorer]]\nid = "x"',
    1,
)


def test_two_subjects_may_each_have_an_angle_of_one_id(workspace):
    path = workspace(SAME_ANGLE)
    assert load_session(path).problems == []
    session = loaded(path)
    assert [c.key for c in session.cases] == ["a/immersion", "b/immersion"]
    assert session.case("b/immersion").angle.title == "Immersion chez B"
    assert session.case("a/immersion").angle.title == "Immersion chez A"
    assert session.angles["b/immersion"].methods == ("immersion", "personas")
    assert session.scores["y"]["b/immersion"] == {"learn": 0, "doable": 1}
    assert session.notes["x"]["a/immersion"] == "Chez A."


def test_a_duplicate_angle_under_one_subject_is_one_clear_problem(workspace):
    path = workspace(DUPLICATE)
    problems = load_session(path).problems
    assert [(p.code, p.params) for p in problems] == [
        ("angle.duplicate", {"id": "immersion", "subject": "a"})
    ]
    (problem,) = problems
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1] == 'id = "immersion"'
    assert lines[problem.line] == 'subject = "a"' and lines[problem.line + 1] == 'title = "Encore"'
    assert problem.render().endswith(
        "erreur: le sujet `a` a déjà un angle `immersion` "
        "(un identifiant d'angle est unique dans son sujet)"
    )
    assert problem.render("en").endswith(
        "error: subject `a` already has an angle `immersion` "
        "(an angle id is unique within its subject)"
    )


def test_an_angle_refused_for_its_id_does_not_cascade(workspace):
    """Its subject has an angle written: no "subject has no angle"; no "case does not
    exist" for the scores of that case."""
    body = ONE_CASE.replace('id = "a1"', 'id = "A 1"').replace('"a/a1"', '"a/A 1"')
    problems = load_session(workspace(body)).problems
    assert [p.code for p in problems] == ["id.invalid"]


def test_check_accepts_and_rank_ranks_both_cases(workspace, capsys):
    path = workspace(SAME_ANGLE)
    code, out, err = run_cli(capsys, "check", path)
    assert (code, err) == (0, "")
    assert "valide" in out
    code, out, err = run_cli(capsys, "rank", path, "--format", "json")
    assert code == 0, err
    ranked = [(c["case"], c["subject"], c["angle"], c["rank"]) for c in json.loads(out)["cases"]]
    assert ranked == [("b/immersion", "b", "immersion", 1), ("a/immersion", "a", "immersion", 2)]
    code, out, err = run_cli(capsys, "explain", path, "b/immersion")
    assert code == 0, err
    assert "Immersion chez B" in out and "Immersion chez A" not in out


def test_check_refuses_a_duplicate_under_one_subject_with_one_line(workspace, capsys):
    path = workspace(DUPLICATE)
    code, out, err = run_cli(capsys, "check", path)
    assert code == 2
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert [line for line in lines if "s.toml:" in line] == [
        f"{path}:{_line_of(path, 'Encore') - 2}:1: erreur: le sujet `a` a déjà un angle "
        "`immersion` (un identifiant d'angle est unique dans son sujet)"
    ]


def _line_of(path, text: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line
    )
