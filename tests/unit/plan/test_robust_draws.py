"""The Monte Carlo draws of ``sieve rank --robust``: exact scores, independent draws."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from conftest import copy_paris

from sieve.cli.main import main
from sieve.engine.evaluate import evaluate, median
from sieve.i18n import percent
from sieve.load.session import open_session
from sieve.plan import robust
from sieve.plan.robust import Arrays, analyse, draw_scores, scores_under, session_arrays, top_k_hits


def random_arrays(rng, cases: int = 9, crits: int = 7, scorers: int = 5) -> Arrays:
    """Levels with abstentions, scales of several sizes, gates, and cases that share
    their levels on a criterion (as a subject criterion does across its angles)."""
    tops = rng.choice([1, 3, 4], size=crits)
    levels = np.stack(
        [rng.integers(-1, top + 1, size=(cases, scorers)) for top in tops], axis=1
    ).astype(np.int8)
    levels[1::3, : crits // 2] = levels[0, : crits // 2]  # shared rows
    levels[rng.random(levels.shape) < 0.15] = -1
    is_gate = np.zeros(crits, dtype=bool)
    is_gate[rng.choice(crits, size=2, replace=False)] = True
    weights = np.where(is_gate, 0.0, rng.uniform(0.5, 3.0, crits))
    pass_at = np.where(is_gate, rng.integers(0, 2, crits), 0).astype(float)
    return Arrays(
        tuple(f"c{i}" for i in range(cases)),
        levels,
        tops.astype(float),
        weights,
        is_gate,
        pass_at,
        tuple(f"k{i}" for i in range(crits)),
    )


def slow_scores(arrays: Arrays, weights, mult) -> np.ndarray:
    """The same scores the slow way: the engine's median of each drawn group."""
    cases, crits, scorers = arrays.levels.shape
    score_cols = [c for c in range(crits) if not arrays.is_gate[c]]
    out = np.empty((len(weights), cases))
    for d in range(len(weights)):
        for x in range(cases):
            num = den = 0.0
            passed = True
            for c in range(crits):
                given = sorted(
                    int(arrays.levels[x, c, s])
                    for s in range(scorers)
                    for _ in range(int(mult[d, s]))
                    if arrays.levels[x, c, s] >= 0
                )
                m = median(given)
                if arrays.is_gate[c]:
                    passed = passed and m is not None and m >= arrays.pass_at[c]
                elif m is not None:
                    w = weights[d, score_cols.index(c)]
                    num += w * m / arrays.tops[c]
                    den += w
            out[d, x] = num / den if passed and den > 0 else -np.inf
    return out


@pytest.mark.parametrize("chunk", [1 << 21, 40], ids=["one block", "small blocks"])
def test_scores_under_resamples_match_the_engine(monkeypatch, chunk):
    # Small blocks split the draws of one resample over several groups and blocks.
    monkeypatch.setattr(robust, "_CHUNK", chunk)
    rng = np.random.default_rng(8)
    for _ in range(5):
        arrays = random_arrays(rng)
        n_score = int((~arrays.is_gate).sum())
        mult = rng.multinomial(5, [0.2] * 5, size=30)
        mult[10:20] = mult[0]  # one resample drawn many times
        mult[25] = 0  # nobody drawn: every case sifted out
        weights = rng.uniform(0.1, 3.0, size=(30, n_score))
        weights[3, 0] = 0.0
        got = scores_under(arrays, weights, mult)
        want = slow_scores(arrays, weights, mult)
        assert np.array_equal(np.isinf(got), np.isinf(want))
        assert np.allclose(got[np.isfinite(got)], want[np.isfinite(want)], rtol=0, atol=1e-12)


def test_identical_cases_stay_tied_in_every_draw():
    rng = np.random.default_rng(2)
    arrays = random_arrays(rng, cases=40, crits=9, scorers=6)
    arrays.levels[17] = arrays.levels[3]  # two cases scored alike everywhere
    scores, _ = draw_scores(arrays, 300, seed=4, spread=0.3)
    assert np.array_equal(scores[:, 17], scores[:, 3])


def paris_chances(session, draws: int, seed: int, k: int) -> np.ndarray:
    keys = [r.key for r in evaluate(session).results]
    scores, _ = draw_scores(session_arrays(session, keys), draws, seed, 0.3)
    return top_k_hits(scores, k).mean(axis=0)


def test_the_spread_over_seeds_is_that_of_independent_draws(tmp_path):
    """Each of the ``n`` draws is independent: the estimates of P(top k) from different
    seeds spread as sqrt(p (1 - p) / n), the standard error printed; a pool of shared
    scorer resamples spreads them wider (6.3 times the variance here with 256
    resamples for 2,000 draws)."""
    session = open_session(copy_paris(tmp_path))
    n, seeds = 2000, 40
    runs = np.array([paris_chances(session, n, seed, 5) for seed in range(seeds)])
    p = runs.mean(axis=0)
    mid = (p > 0.05) & (p < 0.95)
    assert mid.sum() >= 5
    ratio = runs[:, mid].var(axis=0, ddof=1).sum() / (p * (1 - p) / n)[mid].sum()
    assert 0.7 < ratio < 1.4


def test_the_standard_errors_are_those_of_the_draws(tmp_path, capsys):
    path = copy_paris(tmp_path)
    rob = analyse(open_session(path), draws=1500, seed=3)
    for key in rob.keys:
        for p, se, n in (
            (rob.p_top[key], rob.se_top[key], rob.draws),
            (rob.p_first[key], rob.se_first[key], rob.draws),
            (rob.p_portfolio[key], rob.se_portfolio[key], rob.portfolio_draws),
        ):
            assert se == pytest.approx(math.sqrt(p * (1 - p) / n), abs=1e-15)
    args = ["rank", str(path), "--robust", "--draws", "1500", "--seed", "3"]
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    key = "carte-participative/kiosque"
    kiosque = next(c for c in data["cases"] if c["case"] == key)
    assert kiosque["se_top"] == rob.se_top[key]
    assert kiosque["se_portfolio"] == rob.se_portfolio[key]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "1500 tirages indépendants" in text
    line = next(x for x in text.splitlines() if f"{key} " in x)
    for p, se in ((rob.p_first, rob.se_first), (rob.p_top, rob.se_top)):
        assert percent(p[key], "fr", error=se[key]) in line


@pytest.mark.parametrize("name", ["paris", "mulhouse"])
def test_session_arrays_hold_each_scorer_s_level_of_each_cell(name):
    from conftest import PROJECT

    session = open_session(PROJECT / "sessions" / f"{name}.toml")
    keys = [r.key for r in evaluate(session).results]
    levels = session_arrays(session, keys).levels
    scorers = list(session.scorers)
    assert (levels >= 0).any()
    for x, key in enumerate(keys):
        case = session.case(key)
        for c, crit in enumerate(session.tamis.criteria):
            row = key if crit.on_angle else case.subject.id
            for s, scorer in enumerate(scorers):
                level = session.scores.get(scorer, {}).get(row, {}).get(crit.id)
                assert levels[x, c, s] == (-1 if level is None else level)
