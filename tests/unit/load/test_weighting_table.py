"""``[weighting]`` in a tamis: optional, validated, every problem located."""

from __future__ import annotations

import pytest
from conftest import PROJECT

from sieve.load.tamis import load_tamis

SHIPPED = (PROJECT / "criteria" / "transfo.toml").read_text(encoding="utf-8")


def tamis_with(tmp_path, table: str):
    path = tmp_path / "t.toml"
    path.write_text(SHIPPED + "\n" + table, encoding="utf-8")
    return load_tamis(path)


def test_without_it_the_tamis_reads_as_before(tmp_path):
    tamis, problems = tamis_with(tmp_path, "")
    assert tamis.weighting is None and problems == []


def test_an_ahp_record_is_read(tmp_path):
    tamis, problems = tamis_with(
        tmp_path,
        '[weighting]\nmethod = "geometric"\nparticipants = ["anne"]\ncr = 0.05\n'
        'random_index = "Saaty 1980"\ndate = 2026-12-03\n\n'
        '[weighting.judgments.anne]\n"besoin-usagers/hors-clivage" = 3\n',
    )
    assert problems == []
    assert tamis.weighting.method == "geometric" and tamis.weighting.is_ahp
    assert tamis.weighting.judgments == {"anne": (("besoin-usagers", "hors-clivage", 3.0),)}
    assert tamis.weighting.cr == 0.05


@pytest.mark.parametrize(
    "table, line, words",
    [
        ('[weighting]\nmethod = "borda"\norder = ["besoin-usagers"]\n', 2, "borda"),
        ('[weighting]\nmethod = "roc"\norder = ["besoin-usagers", "nope"]\n', 3, "nope"),
        ('[weighting]\nmethod = "roc"\norder = ["service-associe"]\n', 3, "porte"),
        ('[weighting]\nmethod = "roc"\n', 1, "order"),
        ('[weighting]\nmethod = "eigen"\n[weighting.judgments.a]\n"x" = 3\n', 4, "premier/second"),
        (
            '[weighting]\nmethod = "eigen"\n[weighting.judgments.a]\n'
            '"besoin-usagers/hors-clivage" = 0\n',
            4,
            "positif",
        ),
    ],
)
def test_bad_records_are_located(tmp_path, table, line, words):
    tamis, problems = tamis_with(tmp_path, table)
    errors = [p for p in problems if p.is_error]
    assert tamis is None and errors, problems
    first_line = SHIPPED.count("\n") + 1
    rendered = errors[0].render()
    assert errors[0].line == first_line + line, rendered
    assert words in rendered
