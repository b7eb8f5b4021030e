"""A session without dated entries gives exactly the outputs it gave before the map had
a history.

``tests/data/undated/`` holds the shipped Paris and Mulhouse sessions as they were
before they gained a history (no ``[[assessment]]``, ``since``/``until`` or
``[[stance]]``), and ``expected/`` what sieve printed for them then (made with the
previous version of sieve, before any of the dated-map code existed): the stakeholder
map in every format, the ranking, the Markdown report.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import copy_shipped, run_cli

DATA = Path(__file__).resolve().parents[2] / "data" / "undated"

CASES = [
    (name, argv, suffix)
    for name in ("paris", "mulhouse")
    for argv, suffix in [
        *((("graph", "--format", fmt), f"graph.{fmt}") for fmt in (
            "text", "json", "gexf", "graphml", "dot", "mermaid"
        )),
        (("rank",), "rank.table"),
        (("rank", "--format", "json"), "rank.json"),
        (("report", "--format", "md"), "report.md"),
    ]
]  # fmt: skip


@pytest.mark.parametrize(("name", "argv", "suffix"), CASES, ids=[f"{n}-{s}" for n, _, s in CASES])
def test_outputs_of_an_undated_session_are_unchanged(
    tmp_path, monkeypatch, capsys, name, argv, suffix
):
    copy_shipped(tmp_path)
    shutil.copy(DATA / f"{name}.toml", tmp_path / "sessions" / f"{name}.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = run_cli(capsys, argv[0], f"sessions/{name}.toml", *argv[1:])
    assert (code, err) == (0, "")
    expected = (DATA / "expected" / f"{name}.{suffix}").read_text(encoding="utf-8")
    assert _undated(out) == _undated(expected)


def _undated(text: str) -> str:
    """The output without the day it was made on: GEXF's ``lastmodifieddate`` is today."""
    return re.sub(r'lastmodifieddate="\d{4}-\d{2}-\d{2}"', 'lastmodifieddate="…"', text)


def test_the_comparison_ignores_only_the_gexf_day():
    assert _undated('<meta lastmodifieddate="2026-12-03">') == _undated(
        '<meta lastmodifieddate="2027-01-31">'
    )
    assert _undated('<node label="2026-12-03">') != _undated('<node label="2026-12-04">')


def test_the_undated_copies_have_no_dated_entry():
    for name in ("paris", "mulhouse"):
        text = (DATA / f"{name}.toml").read_text(encoding="utf-8")
        for word in ("[[assessment]]", "[[stance]]", "since =", "until ="):
            assert word not in text
