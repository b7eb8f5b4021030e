"""The matrix's lines rebuilt for what changed only equal the lines built afresh (10.23)."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

from conftest import PROJECT
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
