"""Re-evaluating the edited case only equals a full evaluation (issue 10.23).

A score keystroke used to evaluate every case of the session again (500 cases x 40
criteria x 25 scorers: most of its 54 ms); ``reevaluate`` computes the cases of the
edited subject or case only and ranks them all again. Both properties below compare
it with ``evaluate`` from scratch, on the synthetic workspace of the benchmarks (gates
failed and passed, disputes, abstentions, ties) and on FIVE_CASES (exact ties).
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIVE_CASES, PROJECT, SESSION_HEAD, TAMIS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sieve.engine.evaluate import evaluate, reevaluate
from sieve.errors import EditError
from sieve.load.session import load_session
from sieve.model import CASE_SEPARATOR, Session
from sieve.workbench import SCORE, Edit, Workbench, apply_edit

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _synth():
    path = PROJECT / "benchmarks" / "synth.py"
    spec = importlib.util.spec_from_file_location("sieve_bench_synth_incremental", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _workspaces() -> dict[str, Path]:
    root = Path(tempfile.mkdtemp(prefix="sieve-incremental-"))
    synth = _synth()
    ws = synth.generate(root / "synth", subjects=6, angles=3, criteria=10, scorers=5, seed=3)
    five = root / "five"
    (five / "criteria").mkdir(parents=True)
    (five / "sessions").mkdir()
    (five / "criteria" / "t.toml").write_text(TAMIS, encoding="utf-8")
    (five / "sessions" / "s.toml").write_text(SESSION_HEAD + FIVE_CASES, encoding="utf-8")
    return {"synth": ws.session, "five": five / "sessions" / "s.toml"}


WORKSPACES = _workspaces()
SESSIONS = {name: load_session(path).session for name, path in WORKSPACES.items()}


@st.composite
def edits(draw, session: Session) -> Edit:
    """One score edit of a session: any scorer, subject or case, criterion of its side,
    a level of its scale or an abstention."""
    scorer = draw(st.sampled_from(sorted(session.scorers)))
    on_case = draw(st.booleans())
    case = draw(st.sampled_from(session.cases))
    key = case.key if on_case else case.subject.id
    criterion = draw(st.sampled_from([c for c in session.tamis.criteria if c.on_angle is on_case]))
    level = draw(st.none() | st.integers(0, criterion.scale.top))
    before = session.scores.get(scorer, {}).get(key, {}).get(criterion.id)
    return Edit(SCORE, scorer, key, criterion.id, before, level)


@pytest.mark.parametrize("name", sorted(SESSIONS))
@SETTINGS
@given(data=st.data(), override=st.booleans())
def test_reevaluating_the_edited_keys_equals_a_full_evaluation(name, data, override):
    session = SESSIONS[name]
    weights = {c.id: 5.0 for c in session.tamis.criteria[:2]} if override else None
    evaluation = evaluate(session, weights)
    for _ in range(data.draw(st.integers(1, 6))):
        edit = data.draw(edits(session))
        session = apply_edit(session, edit)
        again = reevaluate(evaluation, session, (edit.key,))
        full = evaluate(session, weights)
        assert again == full
        assert [r.key for r in again.results] == [r.key for r in full.results]
        kept = {r.key: r for r in evaluation.results}
        for result in again.results:  # untouched and ranked alike: the very same object
            touched = edit.key in (result.key, result.case.subject.id)
            if not touched and kept[result.key].rank == result.rank:
                assert result is kept[result.key]
        evaluation = again


def test_a_session_with_other_subjects_is_evaluated_in_full():
    session = SESSIONS["five"]
    evaluation = evaluate(session)
    subjects = {k: v for k, v in session.subjects.items() if k != "delta"}
    angles = {k: v for k, v in session.angles.items() if v.subject != "delta"}
    smaller = replace(session, subjects=subjects, angles=angles)
    assert reevaluate(evaluation, smaller, ()) == evaluate(smaller)


#: What the app does with its workbench, one step at a time.
STEPS = st.sampled_from(["score", "score", "score", "clear", "note", "page", "undo", "weights"])


@pytest.mark.parametrize("name", sorted(SESSIONS))
@SETTINGS
@given(data=st.data())
def test_the_workbench_keeps_a_full_evaluation_edit_after_edit(name, data):
    wb = Workbench(WORKSPACES[name], autosave=False)  # nothing is written
    for _ in range(data.draw(st.integers(1, 8))):
        step = data.draw(STEPS)
        session = wb.session
        if step in ("score", "clear"):
            edit = data.draw(edits(session))
            level = None if step == "clear" else edit.after
            wb.set_score(edit.scorer, edit.key, edit.criterion, level)
        elif step == "note":
            scorer = data.draw(st.sampled_from(sorted(session.scorers)))
            case = data.draw(st.sampled_from(session.cases))
            wb.set_note(scorer, case.key, data.draw(st.sampled_from(["", "vu", "à revoir"])))
        elif step == "page":  # a room's page: several levels of one key and its note
            edit = data.draw(edits(session))
            on_angle = CASE_SEPARATOR in edit.key
            levels = {
                c.id: data.draw(st.none() | st.integers(0, c.scale.top))
                for c in session.tamis.criteria
                if c.on_angle is on_angle and data.draw(st.booleans())
            }
            note = data.draw(st.none() | st.sampled_from(["", "vu"]))
            wb.record(edit.scorer, edit.key, levels, note)
        elif step == "undo":
            try:
                wb.undo()
            except EditError as exc:  # a page changed that cell since: nothing put back
                assert exc.code == "edit.undo_changed"
        else:
            crit = data.draw(st.sampled_from([c for c in session.tamis.criteria if not c.is_gate]))
            wb.set_weights(data.draw(st.none() | st.just({crit.id: 7.0})))
        assert wb.evaluation == evaluate(wb.session, wb.weights)
        assert wb.evaluation.session is wb.session
