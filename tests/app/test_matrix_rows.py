"""The matrix's lines rebuilt for what changed only equal the lines built afresh (10.23)."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

from conftest import PROJECT, settle, sync
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sieve.app.widgets.matrix_rows import RowCache, build_rows, ordered_criteria
from sieve.workbench import Workbench


def _synth_session() -> Path:
    path = PROJECT / "benchmarks" / "synth.py"
    spec = importlib.util.spec_from_file_location("sieve_bench_synth_rows", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    root = Path(tempfile.mkdtemp(prefix="sieve-rows-"))
    return module.generate(root, subjects=5, angles=3, criteria=8, scorers=4, seed=5).session


SESSION = _synth_session()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_lines_built_from_a_cache_equal_lines_built_afresh(data):
    wb = Workbench(SESSION, autosave=False)  # nothing is written
    caches: dict[tuple[str | None, bool], RowCache] = {}
    for _ in range(data.draw(st.integers(1, 10))):
        session = wb.session
        scorer = data.draw(st.sampled_from(sorted(session.scorers)))
        case = data.draw(st.sampled_from(session.cases))
        crit = data.draw(st.sampled_from(session.tamis.criteria))
        key = case.key if crit.on_angle else case.subject.id
        wb.set_score(scorer, key, crit.id, data.draw(st.none() | st.integers(0, crit.scale.top)))
        shown = data.draw(st.sampled_from([None, *sorted(session.scorers)]))
        blind = data.draw(st.booleans())
        columns = ordered_criteria(wb.session)
        cache = caches.setdefault((shown, blind), RowCache())
        rows = build_rows(wb.evaluation, columns, shown, blind, cache)
        assert rows == build_rows(wb.evaluation, columns, shown, blind)


def test_one_level_builds_a_few_lines_again():
    wb = Workbench(SESSION, autosave=False)
    columns = ordered_criteria(wb.session)
    cache = RowCache()
    first = build_rows(wb.evaluation, columns, None, False, cache)
    assert cache.built == len([r for r in first if r.kind != "section"])
    build_rows(wb.evaluation, columns, None, False, cache)
    assert cache.built == 0  # nothing changed: every line reused
    scorer = next(iter(wb.session.scorers))
    case = wb.session.cases[0]
    crit = next(c for c in wb.session.tamis.criteria if c.on_angle)
    before = wb.session.scores[scorer].get(case.key, {}).get(crit.id)
    kept = {r.key: r for r in wb.evaluation.results}
    wb.set_score(scorer, case.key, crit.id, 0 if before else 1)
    build_rows(wb.evaluation, columns, None, False, cache)
    # the case's line, and the lines of the cases whose rank moved (the score column)
    changed = [r.key for r in wb.evaluation.results if r is not kept[r.key]]
    assert case.key in changed
    assert cache.built == len(changed) < len(wb.evaluation.results)


@sync
async def test_each_scorers_progress_counted_again_row_by_row_equals_a_full_count():
    import random

    from sieve.app.app import SieveApp

    rng = random.Random(7)
    app = SieveApp(SESSION, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        for _ in range(40):
            session = app.workbench.session
            scorer = rng.choice(sorted(session.scorers))
            case = rng.choice(session.cases)
            crit = rng.choice(session.tamis.criteria)
            key = case.key if crit.on_angle else case.subject.id
            level = rng.choice([None, None, *range(crit.scale.top + 1)])
            assert app.set_score(scorer, key, crit.id, level)
            session = app.workbench.session
            assert {sid: screen._filled_by(session, sid) for sid in session.scorers} == {
                sid: full_count(session, sid) for sid in session.scorers
            }
        await settle(pilot)


def full_count(session, scorer: str) -> int:
    """The cells of the matrix holding a level of ``scorer``, counted from scratch."""
    sides = {on: {c.id for c in session.tamis.criteria if c.on_angle is on} for on in (False, True)}
    keys = {case.key for case in session.cases}
    subjects = {case.subject.id for case in session.cases}
    return sum(
        len(levels.keys() & sides[key in keys])
        for key, levels in session.scores.get(scorer, {}).items()
        if key in keys or key in subjects
    )
