"""Issue 15.3: every value checked — nan/inf, levels as arrays or tables, NUL in paths,
far dates, huge session numbers — refused with file:line:col, never a crash or a hang."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIVE_CASES, ONE_CASE, PROJECT, TAMIS, run_cli

from sieve.errors import EditError
from sieve.load import bounds
from sieve.load.session import load_session
from sieve.save import plan as plan_edit
from sieve.save import tamis as tamis_edit

RELATION = """
[[stakeholder]]
id = "p"
name = "P"
role = "referent"

[[stakeholder]]
id = "q"
name = "Q"
role = "elected"

[[relation]]
from = "p"
to = "q"
kind = "informs"
weight = 1
"""


def _problem(path: Path, code: str = "value.range"):
    """The one error of loading ``path``, checked to be ``code`` and located on its key."""
    problems = [p for p in load_session(path).problems if p.is_error]
    assert [p.code for p in problems] == [code], problems
    return problems[0]


def _at(problem, key: str) -> None:
    """The problem points at the line and column where ``key`` is written."""
    line = Path(problem.file).read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.col - 1 :].startswith(key), (line, problem.col)


TAMIS_CASES = [
    ("weight = 2", "weight = inf", "weight"),
    ("weight = 2", "weight = nan", "weight"),
    ("weight = 2", "weight = 1e300", "weight"),
    ("pass_at = 1", "pass_at = nan", "pass_at"),
    ("disagreement = 0.5", "disagreement = nan", "disagreement"),
    ("threshold = 3", "threshold = inf", "threshold"),
    ("first_case_max = 1", "first_case_max = -inf", "first_case_max"),
    ("version = 2", "version = 100000000", "version"),
]


@pytest.mark.parametrize(("old", "new", "key"), TAMIS_CASES)
def test_non_finite_or_huge_tamis_numbers_are_refused_where_written(workspace, old, new, key):
    path = workspace(ONE_CASE, tamis=TAMIS.replace(old, new, 1))
    _at(_problem(path), key)


def test_an_indicator_weight_of_inf_is_refused(workspace):
    tamis = TAMIS.replace('label = "Médiatisation"\nweight = 1', 'label = "M"\nweight = inf')
    _at(_problem(workspace(ONE_CASE, tamis=tamis)), "weight")


def test_a_relation_weight_of_nan_is_refused(workspace):
    path = workspace(ONE_CASE + RELATION.replace("weight = 1", "weight = nan"))
    _at(_problem(path), "weight")


@pytest.mark.parametrize("level", ["[2]", "{ a = 1 }", "nan", "2.0"])
def test_a_level_of_another_type_is_a_located_problem(workspace, level):
    path = workspace(ONE_CASE.replace("need = 2", f"need = {level}"))
    _at(_problem(path, "key.type_value"), "need")


SESSION_WITH_SCORES = """\
format = 1

[session]
id = "s"
tamis = "../criteria/t.toml"
scores = ["s-scores/*.toml"]
"""

SESSION_HEAD_DATE = SESSION_WITH_SCORES.replace('scores = ["s-scores/*.toml"]', "date = 2017-01-25")


def test_a_level_as_an_array_in_a_score_file_is_a_located_problem(workspace):
    path = workspace(
        ONE_CASE.split("[scores.x]")[0],
        head=SESSION_WITH_SCORES,
        files={"sessions/s-scores/x.toml": 'format = 1\n[scores.x]\n"a" = { need = [1, 2] }\n'},
    )
    problem = _problem(path, "key.type_value")
    assert Path(problem.file).name == "x.toml" and (problem.line, problem.col) == (3, 9)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('tamis = "../criteria/t.toml"', 'tamis = "../criteria/\\u0000t.toml"'),
        ('scores = ["s-scores/*.toml"]', 'scores = ["s-scores/\\u0000*.toml"]'),
    ],
)
def test_a_nul_byte_in_a_path_is_refused(workspace, old, new):
    path = workspace(ONE_CASE, head=SESSION_WITH_SCORES.replace(old, new))
    problems = [p for p in load_session(path).problems if p.is_error]
    assert "path.nul" in [p.code for p in problems], problems


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"], ids=str)
def test_a_date_outside_the_bounds_is_refused(workspace, date):
    path = workspace(ONE_CASE, head=SESSION_HEAD_DATE.replace("2017-01-25", date))
    _at(_problem(path), "date")


@pytest.mark.parametrize(
    "portfolio",
    [
        "[portfolio]\nlab_start = 100000000\n",
        "[portfolio]\nsessions = 100000000\n",
        "[portfolio]\nmonths = 100000000\n",
        "[portfolio]\nmonth_gap = 1000\n",
        "[portfolio]\ndays = inf\n",
        "[portfolio]\nstart = 9999-01-01\n",
        "[[portfolio.session]]\nnumber = 100000000\n",
        "[[portfolio.session]]\nnumber = 2\ndays = nan\n",
    ],
)
def test_huge_or_non_finite_portfolio_figures_are_refused(workspace, portfolio):
    key = portfolio.splitlines()[-1].split(" = ")[0]
    _at(_problem(workspace(FIVE_CASES + "\n" + portfolio)), key)


def test_huge_planned_session_numbers_are_refused(workspace):
    body = FIVE_CASES + '\n[[portfolio.case]]\ncase = "alpha/a1"\nsessions = [1, 100000000]\n'
    _at(_problem(workspace(body), "portfolio.session_numbers"), "sessions")


def test_plan_calendar_on_huge_session_numbers_exits_2_at_once(workspace, capsys):
    body = (
        FIVE_CASES
        + "\n[portfolio]\nlab_start = 100000000\n"
        + '\n[[portfolio.case]]\ncase = "alpha/a1"\nsessions = [100000000]\n'
    )
    code, _out, err = run_cli(capsys, "plan", "--calendar", str(workspace(body)))
    assert code == 2 and "Traceback" not in err
    assert re.search(r"s\.toml:\d+:\d+: ", err)


def test_plan_on_an_infinite_weight_exits_2_with_its_position(workspace, capsys):
    path = workspace(FIVE_CASES, tamis=TAMIS.replace("weight = 2", "weight = inf", 1))
    code, _out, err = run_cli(capsys, "plan", str(path))
    assert code == 2 and "Traceback" not in err
    assert re.search(r"t\.toml:\d+:1: .*inf", err)


def test_decide_refuses_a_date_outside_the_bounds(workspace, capsys):
    path = workspace(FIVE_CASES)
    before = path.read_bytes()
    args = ["--cases", "alpha/a1", "--rationale", "r", "--date", "9999-12-31"]
    code, _out, err = run_cli(capsys, "decide", str(path), *args)
    assert code == 2 and "2999-12-31" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("weight", [float("inf"), float("nan"), 1001])
def test_edits_refuse_what_the_loader_would(workspace, weight):
    session = load_session(workspace(ONE_CASE)).session
    with pytest.raises(EditError):
        tamis_edit.set_weight(session, "need", weight)


def test_calendar_edits_refuse_session_numbers_past_the_bound(workspace):
    session = load_session(workspace(FIVE_CASES)).session
    with pytest.raises(EditError):
        plan_edit.set_calendar(session, {"alpha/a1": (1, bounds.SESSION.high + 1)})
    with pytest.raises(EditError):
        plan_edit.set_lab_start(session, 100000000)


# -- docs/format.md states every bound --------------------------------------------------

#: A key of each bound, as the documentation's table names it.
DOCUMENTED = {
    "WEIGHT": "`[[criterion]]` `weight`",
    "ATTENTION": "`[attention]` `threshold`",
    "SHARE": "`[group]` `disagreement`",
    "CONSTRAINT": "`[stakeholders]` `broker_max_constraint`",
    "COUNT": "`[portfolio]` `min_types`",
    "COUNT_FROM_1": "`[portfolio]` `min_cases`",
    "SESSION": "`[[portfolio.session]]` `number`",
    "DAYS": "`[portfolio]` `days` ",
    "SESSION_DAYS": "`[portfolio]` `session_days`",
    "MONTHS": "`[portfolio]` `months`",
    "MONTH_GAP": "`[portfolio]` `month_gap`",
    "LEVELS": "`[scales.<id>]` `levels`",
    "VERSION": "`[tamis]` `version`",
    "RANK": "`[[decision.case]]` `rank`",
    "NUMBER": "any other number",
}


def _bound_rows() -> list[list[str]]:
    text = (PROJECT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("### Bounds of every number", 1)[1].split("\n## ", 1)[0]
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| keys")
    ]


def test_format_md_states_every_bound_of_the_code():
    rows = _bound_rows()
    names = {n for n, v in vars(bounds).items() if isinstance(v, bounds.Bound)}
    assert names == set(DOCUMENTED), "a bound of sieve/load/bounds.py is not documented"
    for name, key in DOCUMENTED.items():
        bound = getattr(bounds, name)
        (row,) = [r for r in rows if key in r[0] + " "]
        assert row[2:4] == [bounds.plain(bound.low), bounds.plain(bound.high)], (name, row)
    (dates,) = [r for r in rows if r[0].startswith("every date")]
    assert dates[2:4] == [str(bounds.DATE_LOW), str(bounds.DATE_HIGH)]
