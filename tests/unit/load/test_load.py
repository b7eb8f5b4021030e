"""Loading and validation: every problem, located file:line:col, never an exception."""

from __future__ import annotations

from pathlib import Path

from conftest import ONE_CASE, PROJECT, TAMIS

from sieve.load.session import check_file, load_session
from sieve.load.tamis import load_tamis

GOOD = ONE_CASE


def located(problems) -> list[tuple[str, int, int, str]]:
    return [(Path(p.file).name, p.line, p.col, p.code) for p in problems]


def test_good_session_has_no_problem(workspace):
    result = load_session(workspace(GOOD))
    assert result.problems == []
    assert result.session is not None
    assert [c.key for c in result.session.cases] == ["a/a1"]


def test_syntax_error_is_located(workspace):
    path = workspace(GOOD + 'oops = "unterminated\n')
    problems = load_session(path).problems
    assert len(problems) == 1
    assert problems[0].code == "toml.syntax"
    lines = path.read_text().splitlines()
    assert problems[0].line == len(lines)


def test_all_problems_of_a_file_are_reported_with_positions(workspace):
    body = GOOD.replace('"a" = { need = 2, service = 1 }', '"a" = { need = 7, service = 1 }')
    body = body.replace('title = "A1"', "title = 5")
    body += '"zz" = { need = 1 }\n'
    path = workspace(body)
    problems = load_session(path).problems
    text = path.read_text().splitlines()
    codes = {p.code for p in problems}
    assert codes == {"score.level", "key.type_value", "ref.unknown"}
    for p in problems:
        line = text[p.line - 1]
        if p.code == "score.level":
            assert line[p.col - 1 :].startswith("need = 7")
        if p.code == "key.type_value":
            assert line[p.col - 1 :].startswith("title = 5")
        if p.code == "ref.unknown":
            assert line[p.col - 1 :].startswith('"zz"')


def test_rendered_message_says_what_was_expected_and_found(workspace):
    body = GOOD.replace("need = 2", "need = 7")
    (problem,) = load_session(workspace(body)).problems
    text = problem.render(lang="en")
    assert text.startswith("sessions/s.toml:") or "s.toml:" in text
    assert "level 7" in text and "from 0 to 3" in text
    assert "niveau 7" in problem.render(lang="fr")


def test_wrong_criterion_for_key_kind(workspace):
    body = GOOD.replace('"a" = { need = 2, service = 1 }', '"a" = { learn = 2, service = 1 }')
    (problem,) = load_session(workspace(body)).problems
    assert problem.code == "score.applies"


def test_unknown_criterion_scorer_and_subject(workspace):
    body = (
        GOOD
        + """
[scores.nobody]
"a" = { need = 1 }

[[angle]]
id = "z1"
subject = "ghost"
title = "Z1"
"""
    )
    body = body.replace("learn = 1, doable = 1", "learn = 1, doable = 1, nope = 2")
    problems = load_session(workspace(body)).problems
    refs = sorted(p.params["kind"] for p in problems if p.code == "ref.unknown")
    assert refs == ["criterion", "scorer", "subject"]


def test_duplicate_and_invalid_ids(workspace):
    body = (
        GOOD
        + """
[[subject]]
id = "a"
title = "Again"

[[subject]]
id = "Bad Id"
title = "Bad"
"""
    )
    problems = load_session(workspace(body)).problems
    assert {p.code for p in problems} >= {"id.duplicate", "id.invalid"}


def test_paths_must_stay_inside_the_workspace(workspace, tmp_path):
    head_out = 'format = 1\n[session]\nid = "s"\ntamis = "../../outside.toml"\n'
    problems = load_session(workspace(GOOD, head=head_out)).problems
    assert [p.code for p in problems] == ["path.outside"]
    head_abs = f'format = 1\n[session]\nid = "s"\ntamis = "{tmp_path}/criteria/t.toml"\n'
    problems = load_session(workspace(GOOD, head=head_abs)).problems
    assert [p.code for p in problems] == ["path.absolute"]


def test_symlink_leaving_the_workspace_is_refused(workspace, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.toml"
    outside.write_text(TAMIS)
    session = workspace(GOOD)
    (tmp_path / "criteria" / "link.toml").symlink_to(outside)
    text = session.read_text().replace("../criteria/t.toml", "../criteria/link.toml")
    session.write_text(text)
    assert [p.code for p in load_session(session).problems] == ["path.outside"]


def test_newer_format_is_refused_clearly(workspace):
    path = workspace(GOOD)
    path.write_text(path.read_text().replace("format = 1", "format = 2", 1))
    (problem,) = load_session(path).problems
    assert problem.code == "format.newer"
    assert (problem.line, problem.col) == (1, 1)
    assert "mettez sieve à jour" in problem.render()


def test_missing_format(workspace):
    path = workspace(GOOD)
    path.write_text(path.read_text().replace("format = 1\n", "", 1))
    assert [p.code for p in load_session(path).problems] == ["format.missing"]


def test_unknown_keys_are_warnings(workspace):
    body = GOOD.replace('title = "A"', 'title = "A"\ncolour = "blue"')
    result = load_session(workspace(body))
    assert result.session is not None
    (warning,) = result.problems
    assert warning.code == "key.unknown" and not warning.is_error


def test_score_files_conflicting_levels(workspace):
    head = 'format = 1\n[session]\nid = "s"\ntamis = "../criteria/t.toml"\nscores = ["sc/*.toml"]\n'
    files = {
        "sessions/sc/x.toml": 'format = 1\n[scores.x]\n"a" = { need = 3 }\n',
        "sessions/sc/y.toml": 'format = 1\n[scores.x]\n"a" = { need = 2 }\n',
    }
    result = load_session(workspace(GOOD.replace("need = 2, ", ""), head=head, files=files))
    (problem,) = result.problems
    assert problem.code == "score.conflict"
    assert Path(problem.file).name == "y.toml"
    assert problem.line == 3


def test_score_files_same_level_twice_is_fine(workspace):
    head = 'format = 1\n[session]\nid = "s"\ntamis = "../criteria/t.toml"\nscores = ["sc/*.toml"]\n'
    files = {"sessions/sc/x.toml": 'format = 1\n[scores.x]\n"a" = { need = 2 }\n'}
    result = load_session(workspace(GOOD, head=head, files=files))
    assert result.problems == []
    assert result.session.scores["x"]["a"] == {"need": 2, "service": 1}


def test_score_file_with_other_tables_is_refused(workspace):
    head = 'format = 1\n[session]\nid = "s"\ntamis = "../criteria/t.toml"\nscores = ["sc/*.toml"]\n'
    files = {"sessions/sc/x.toml": 'format = 1\n[[subject]]\nid = "q"\ntitle = "Q"\n'}
    (problem,) = load_session(workspace(GOOD, head=head, files=files)).problems
    assert problem.code == "scorefile.extra"


def test_tamis_problems(tmp_path):
    bad = TAMIS.replace("weight = 2", 'weight = "lourd"', 1)
    bad = bad.replace("pass_at = 1\n", "pass_at = 9\n", 1)
    bad = bad.replace('scale = "b"', 'scale = "nope"')
    path = tmp_path / "t.toml"
    path.write_text(bad)
    tamis, problems = load_tamis(path)
    assert tamis is None
    codes = sorted(p.code for p in problems)
    assert codes == ["key.type_value", "ref.unknown", "value.range"]
    lines = bad.splitlines()
    for p in problems:
        assert lines[p.line - 1].strip().startswith(("weight", "pass_at", "scale"))


def test_check_file_detects_kinds(workspace, tmp_path):
    session = workspace(GOOD)
    assert check_file(session) == []
    assert check_file(tmp_path / "criteria" / "t.toml") == []
    other = tmp_path / "other.toml"
    other.write_text("format = 1\n[something]\nx = 1\n")
    assert [p.code for p in check_file(other)] == ["kind.unknown"]
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"format = 1\n\xff\xfe")
    assert [(p.code, p.line) for p in check_file(binary)] == [("io.encoding", 2)]


def test_shipped_files_are_valid():
    root = PROJECT
    files = [*sorted(root.glob("criteria/*.toml")), *sorted(root.glob("sessions/*.toml"))]
    assert len(files) >= 4
    for path in files:
        assert [p for p in check_file(path) if p.is_error] == [], path


def test_relations_may_name_scorers_as_in_the_format_contract(workspace):
    body = (
        GOOD
        + """
[[stakeholder]]
id = "agnes"
name = "Agnès"
role = "referent"
power = 2
interest = 4

[[relation]]
from = "agnes"
to = "x"
kind = "partnership"

[[relation]]
from = "agnes"
to = "ghost"
kind = "trust"
"""
    )
    result = load_session(workspace(body))
    assert [(p.code, p.params["id"]) for p in result.problems] == [("ref.unknown", "ghost")]
    fixed = workspace(body.replace('to = "ghost"', 'to = "x"').replace('"trust"', '"mentors"'))
    session = load_session(fixed).session
    assert set(session.people) == {"agnes", "x"}
    assert session.people["x"].role == "ambassador"
    assert "x" not in session.stakeholders


def test_a_refused_angle_does_not_cascade_into_its_scores(workspace):
    body = ONE_CASE.replace('subject = "a"\ntitle = "A1"', 'subject = "ghost"\ntitle = "A1"')
    body += '\n[notes.x]\n"a/a1" = "note"\n'
    problems = load_session(workspace(body)).problems
    assert [(p.code, p.params["id"]) for p in problems] == [
        ("ref.unknown", "ghost"),
        ("subject.no_angle", "a"),  # a warning: subject a has no angle left
    ]


def test_unknown_case_lists_the_known_cases(workspace):
    body = ONE_CASE.replace('"a/a1" = { learn', '"a/a2" = { learn')
    (problem,) = load_session(workspace(body)).problems
    assert problem.params["known"] == "a/a1"


def test_a_level_of_the_wrong_type_is_a_type_error(workspace):
    body = ONE_CASE.replace("need = 2", 'need = "trois"')
    (problem,) = load_session(workspace(body)).problems
    assert problem.code == "key.type_value"
    assert 'trouvé un texte : "trois"' in problem.render()
