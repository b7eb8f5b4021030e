"""The benchmark's synthetic workspace is a valid, realistic sieve workspace."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from conftest import PROJECT

from sieve.cli import main as cli
from sieve.engine.evaluate import evaluate
from sieve.load.session import check_file, load_session

#: One inline table per (scorer, subject) or (scorer, case): "key" = { crit = 2, crit = 0 }
LINE = re.compile(r'"[a-z0-9-]+(/[a-z0-9-]+)?" = \{ [a-z0-9-]+ = \d(, [a-z0-9-]+ = \d)* \}')

SYNTH = PROJECT / "benchmarks" / "synth.py"


@pytest.fixture(scope="module")
def synth():
    spec = importlib.util.spec_from_file_location("sieve_bench_synth", SYNTH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def small(synth, root: Path, seed: int = 1):
    return synth.generate(root, subjects=3, angles=2, criteria=8, scorers=4, seed=seed)


def test_every_file_checks_clean(synth, tmp_path: Path, capsys) -> None:
    ws = small(synth, tmp_path)
    assert len(ws.files) == 1 + 1 + 4
    # The session brings its tamis and its score files: not one problem, not even a warning.
    assert check_file(ws.session) == []
    assert check_file(ws.tamis) == []
    # A score file checked alone only gets the reminder to check it through its session.
    for path in ws.score_files:
        assert [p.code for p in check_file(path)] == ["scorefile.alone"]
    # The same through the command line: `sieve check` exits 0 and says nothing wrong.
    assert cli.main(["check", str(ws.session), str(ws.tamis)]) == 0
    assert capsys.readouterr().err == ""


def test_shape_of_the_session(synth, tmp_path: Path) -> None:
    ws = small(synth, tmp_path)
    result = load_session(ws.session)
    session = result.session
    assert session is not None and result.problems == []
    assert len(session.subjects) == 3
    assert len(session.cases) == 3 * 2
    assert list(session.scorers) == ["agnes", "clemence", "isabelle", "maxime"]
    # Each scorer's scores come from their own file named by session.scores.
    assert sorted(p.name for p in session.score_files) == [
        "agnes.toml",
        "clemence.toml",
        "isabelle.toml",
        "maxime.toml",
    ]
    for scorer, sources in session.score_origin.items():
        assert [p.name for p, _rows in sources] == [f"{scorer}.toml"]
    # 8 criteria: round(8 x 0.4) = 3 on the subject, 5 on the angle, one gate on each side.
    criteria = session.tamis.criteria
    assert sum(not c.on_angle for c in criteria) == 3
    assert sum(c.on_angle for c in criteria) == 5
    assert sorted(c.applies_to for c in criteria if c.is_gate) == ["angle", "subject"]
    assert set(session.tamis.scales) == {"niveau", "apprentissage", "binaire"}
    assert len(session.tamis.indicators) == 6
    assert sum(s.first_case for s in session.subjects.values()) == 1


def test_abstentions_are_missing_entries(synth, tmp_path: Path) -> None:
    ws = small(synth, tmp_path)
    session = load_session(ws.session).session
    given = sum(len(e) for rows in session.scores.values() for e in rows.values())
    # 4 scorers x (3 subjects x 3 subject criteria + 6 cases x 5 angle criteria) = 156.
    assert given + ws.abstentions == 156
    assert ws.abstentions > 0
    # Yet every (case, criterion) keeps a level: every case is complete.
    assert all(r.complete for r in evaluate(session).results)


def test_score_lines_are_written_as_format_md_writes_them(synth, tmp_path: Path) -> None:
    ws = small(synth, tmp_path)
    text = (tmp_path / "sessions" / "synth-scores" / "agnes.toml").read_text(encoding="utf-8")
    body = text.split("[scores.agnes]\n", 1)[1].split("\n\n[notes.agnes]", 1)[0]
    lines = body.splitlines()
    assert lines
    for line in lines:
        assert LINE.fullmatch(line), line
    assert "[notes.agnes]" in text
    assert ws.session.read_text(encoding="utf-8").count('scores = ["synth-scores/*.toml"]') == 1


def test_deterministic_for_a_seed(synth, tmp_path: Path) -> None:
    first = small(synth, tmp_path / "a", seed=5)
    second = small(synth, tmp_path / "b", seed=5)
    third = small(synth, tmp_path / "c", seed=6)
    for a, b in zip(first.files, second.files, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert [p.read_bytes() for p in first.score_files] != [
        p.read_bytes() for p in third.score_files
    ]
