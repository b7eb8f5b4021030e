"""Titles, not ids, wherever a person reads (12.3): the names and the rank exports."""

from __future__ import annotations

import csv
import io

from conftest import FIVE_CASES, PROJECT, loaded, run_cli

from sieve.render.names import case_title, people, person_name, titled_list

MULHOUSE_SESSION = PROJECT / "sessions" / "mulhouse.toml"


def test_a_case_key_reads_as_its_subject_and_angle_titles(workspace):
    session = loaded(workspace(FIVE_CASES))
    assert case_title(session, "alpha/a1") == "Alpha — A1"
    assert case_title(session, "beta") == "Beta"
    # a key the session no longer knows (renamed since a decision) stays as it is
    assert case_title(session, "alpha/gone") == "alpha/gone"
    assert case_title(session, "beta/a1") == "beta/a1"  # a1 is alpha's angle
    assert titled_list(session, "alpha/a1, gamma/g1") == "Alpha — A1 ; Gamma — G1"
    assert titled_list(session, "-") == "-"


def test_people_are_named_scorers_first(workspace):
    session = loaded(workspace(FIVE_CASES))
    assert people(session) == [("x", "X"), ("y", "Y")]
    assert person_name(session, "x") == "X"
    assert person_name(session, "nobody") == "nobody"


def test_rank_csv_and_markdown_carry_the_titles_beside_the_keys(capsys):
    code, out, _ = run_cli(capsys, "rank", MULHOUSE_SESSION, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    first = next(r for r in rows if r["case"] == "carte-max/immersion-jeunes")
    assert first["subject_title"] == "La carte Max, carte de la politique jeunesse"
    assert first["angle_title"].startswith("Immersion auprès des jeunes")
    code, out, _ = run_cli(capsys, "rank", MULHOUSE_SESSION, "--format", "md", "--lang", "en")
    assert code == 0
    assert "| case | title (subject — angle) | score |" in out
    assert (
        "| carte-max/immersion-jeunes | La carte Max, carte de la politique jeunesse — "
        "Immersion auprès des jeunes" in out
    )
