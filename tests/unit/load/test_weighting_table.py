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


@pytest.mark.parametrize(
    "table, words",
    [
        ('[weighting]\nmethod = "roc"\norder = ["besoin-usagers", "nope"]\n', "nope"),
        ('[weighting]\nmethod = "roc"\norder = ["service-associe"]\n', "porte"),
        (
            '[weighting]\nmethod = "eigen"\n[weighting.judgments.a]\n"old/besoin-usagers" = 3\n',
            "old",
        ),
    ],
)
def test_a_criterion_gone_since_is_a_warning_the_record_is_history(tmp_path, table, words):
    tamis, problems = tamis_with(tmp_path, table)
    assert tamis is not None and tamis.weighting is not None
    assert problems and not [p for p in problems if p.is_error]
    assert words in problems[0].render() and "histoire" in problems[0].render()


def test_removing_a_criterion_named_in_the_record_keeps_the_tamis_readable(shipped):
    from sieve.load.session import open_session
    from sieve.save.tamis import remove_criterion

    path = shipped / "criteria" / "transfo.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n[weighting]\nmethod = "roc"\norder = ["type-echelle"]\n')
    session = open_session(shipped / "sessions" / "paris.toml")
    remove_criterion(session, "type-echelle", drop_scores=True)
    tamis, problems = load_tamis(path)
    assert tamis is not None and tamis.weighting.order == ("type-echelle",)
