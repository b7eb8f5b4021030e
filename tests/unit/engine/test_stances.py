"""Stances on subjects: the points of vigilance they raise, checked by hand on ``DATED``.

``DATED`` (tests/unit/graph/test_time.py): subject ``a``; Eve (service, power 3) is
neutral from the start and supports it from 2017-10-01; Dan (elected, power 4, on the
map from 2017-05-01) opposes it from 2017-06-01; the tamis's ``high_power`` is 3.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from conftest import run_cli

from sieve.engine.evaluate import evaluate
from sieve.engine.stances import NO_SERVICE_SUPPORT, OPPOSED, stance_warnings
from sieve.engine.vigilance import flags
from sieve.load.session import load_session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "graph"))
from test_time import DATED  # noqa: E402

D = dt.date


def session(workspace, body=DATED):
    result = load_session(workspace(body))
    assert result.session is not None, result.problems
    return result.session


def kinds(found):
    return {subject: [(w.kind, w.people) for w in ws] for subject, ws in found.items()}


def test_stance_warnings_follow_the_date(workspace):
    s = session(workspace)
    # before 06-01: Eve neutral, the only service, none in support; Dan has no stance yet
    assert kinds(stance_warnings(s, D(2017, 5, 1))) == {"a": [(NO_SERVICE_SUPPORT, ("eve",))]}
    # from 06-01: Dan (power 4 >= 3) opposes
    assert kinds(stance_warnings(s, D(2017, 6, 1))) == {
        "a": [(OPPOSED, ("dan",)), (NO_SERVICE_SUPPORT, ("eve",))]
    }
    # from 10-01 Eve supports: only the opposition stays (the default: the latest state)
    assert kinds(stance_warnings(s)) == {"a": [(OPPOSED, ("dan",))]}


def test_low_power_opposition_is_no_warning(workspace):
    body = DATED.replace("power = 4\ninterest = 1\nsince = 2017-05-01", "power = 2\ninterest = 1")
    assert kinds(stance_warnings(session(workspace, body))) == {}


def test_no_stance_no_warning_and_flags_unchanged(workspace):
    body = DATED.split("[[stance]]")[0]
    s = session(workspace, body)
    assert stance_warnings(s) == {}
    assert [r.flags for r in evaluate(s).results] == [()]


def test_stance_warnings_are_flags_beside_the_score(workspace):
    s = session(workspace)
    plain = session(workspace, DATED.split("[[stance]]")[0])
    (with_stances,) = evaluate(s).results
    (without,) = evaluate(plain).results
    assert with_stances.flags == (OPPOSED,)
    assert with_stances.score == without.score and with_stances.rank == without.rank
    (flag,) = [f for f in flags(evaluate(s)) if f.kind == OPPOSED]
    assert (flag.key, flag.people) == ("a", ("dan",))


def test_the_ranking_shows_them(capsys, workspace):
    s = session(workspace)
    code, out, _ = run_cli(capsys, "rank", s.path, "--lang", "en")
    assert code == 0 and "opposed by a powerful stakeholder" in out
    code, out, _ = run_cli(capsys, "rank", s.path, "--format", "json")
    assert json.loads(out)["cases"][0]["flags"] == [OPPOSED]
