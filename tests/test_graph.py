"""The stakeholder graph: validation, analyses on graphs solved by hand, exports, CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from sieve.load import load_session

PEOPLE = """
[[stakeholder]]
id = "ana"
name = "Ana"
role = "referent"
org = "Ville"
power = 2
interest = 4

[[stakeholder]]
id = "bo"
name = "Bo"
role = "ambassador"
org = "Ville"
power = 1
interest = 3

[[stakeholder]]
id = "cy"
name = "Cy"
role = "coordinator"
org = "La 27e Région"
power = 2
interest = 4
"""


def relation(source: str, target: str, kind: str = "trust", extra: str = "") -> str:
    return f'\n[[relation]]\nfrom = "{source}"\nto = "{target}"\nkind = "{kind}"\n{extra}'


def problems_at(path: Path, problems) -> list[tuple[int, int, str, str]]:
    """(line, col, code, the text of the line from that column) for each problem."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(p.line, p.col, p.code, lines[p.line - 1][p.col - 1 :]) for p in problems]


# -- validation -----------------------------------------------------------------------


def test_valid_stakeholders_and_relations_load(workspace):
    body = PEOPLE + relation("ana", "bo", "informs") + relation("bo", "ana", "trust", "weight = 2")
    result = load_session(workspace(body))
    assert result.problems == []
    session = result.session
    assert list(session.stakeholders) == ["ana", "bo", "cy"]
    assert session.stakeholders["ana"].power == 2
    assert [(r.source, r.target, r.kind, r.weight) for r in session.relations] == [
        ("ana", "bo", "informs", 1.0),
        ("bo", "ana", "trust", 2.0),
    ]


def test_unknown_stakeholder_in_a_relation_is_located_on_its_key(workspace):
    path = workspace(PEOPLE + relation("ana", "bob"))
    result = load_session(path)
    assert result.session is None
    ((line, col, code, text),) = problems_at(path, result.problems)
    assert code == "ref.unknown"
    assert text == 'to = "bob"'
    assert result.problems[0].params["kind"] == "stakeholder"
    # the message lists the known ids instead of saying none is known
    assert result.problems[0].render(lang="en").endswith("(known: ana, bo, cy)")


def test_unknown_stakeholder_among_many_suggests_the_closest(workspace):
    many = "".join(
        f'\n[[stakeholder]]\nid = "agent-{i:02d}"\nname = "A{i}"\nrole = "ambassador"\n'
        for i in range(20)
    )
    path = workspace(PEOPLE + many + relation("ana", "agent-7"))
    (problem,) = load_session(path).problems
    assert "agent-07" in problem.params["known"].split(", ")
    assert problem.params["known"].endswith("…")


def test_self_loop_is_located_on_the_target(workspace):
    path = workspace(PEOPLE + relation("ana", "ana"))
    ((line, col, code, text),) = problems_at(path, load_session(path).problems)
    assert (code, text) == ("relation.self", 'to = "ana"')


def test_duplicate_relation_is_located_on_the_second(workspace):
    body = PEOPLE + relation("ana", "bo", "informs") + relation("ana", "bo", "informs")
    path = workspace(body)
    ((line, col, code, text),) = problems_at(path, load_session(path).problems)
    assert code == "relation.duplicate"
    assert text == "[[relation]]"
    headers = [i + 1 for i, raw in enumerate(path.read_text().splitlines()) if raw == text]
    assert line == headers[1] and col == 1


def test_same_pair_with_another_kind_or_direction_is_not_a_duplicate(workspace):
    body = (
        PEOPLE
        + relation("ana", "bo", "informs")
        + relation("ana", "bo", "trust")
        + relation("bo", "ana", "informs")
    )
    result = load_session(workspace(body))
    assert result.problems == []
    assert len(result.session.relations) == 3


def test_unknown_relation_kind_is_located_on_its_value(workspace):
    path = workspace(PEOPLE + relation("ana", "bo", "boss"))
    ((line, col, code, text),) = problems_at(path, load_session(path).problems)
    assert (code, text) == ("value.choice", 'kind = "boss"')
    assert "hierarchy" in load_session(path).problems[0].render()


def test_unknown_role_is_located_and_does_not_cascade_into_relations(workspace):
    body = PEOPLE.replace('role = "ambassador"', 'role = "boss"') + relation("ana", "bo")
    path = workspace(body)
    ((line, col, code, text),) = problems_at(path, load_session(path).problems)
    assert (code, text) == ("value.choice", 'role = "boss"')


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("power = 2", "power = 5", "value.range"),
        ("power = 2", "power = -1", "value.range"),
        ("interest = 3", "interest = 7", "value.range"),
        ("interest = 3", "interest = 2.5", "key.type_value"),
        ("power = 1", 'power = "high"', "key.type_value"),
    ],
)
def test_power_and_interest_out_of_range_or_of_the_wrong_type(workspace, old, new, code):
    path = workspace(PEOPLE.replace(old, new, 1))
    ((line, col, found, text),) = problems_at(path, load_session(path).problems)
    assert (found, text) == (code, new)


def test_range_message_gives_the_bounds(workspace):
    path = workspace(PEOPLE.replace("power = 2", "power = 5", 1))
    (problem,) = load_session(path).problems
    assert "0" in problem.render(lang="en") and "4" in problem.render(lang="en")


def test_duplicate_stakeholder_id_is_located_on_the_second_id(workspace):
    body = PEOPLE + '\n[[stakeholder]]\nid = "bo"\nname = "Bo bis"\nrole = "relay"\n'
    path = workspace(body)
    ((line, col, code, text),) = problems_at(path, load_session(path).problems)
    assert (code, text) == ("id.duplicate", 'id = "bo"')
    assert line > 20


def test_missing_name_and_role_are_reported(workspace):
    body = PEOPLE + '\n[[stakeholder]]\nid = "dee"\n'
    path = workspace(body)
    found = problems_at(path, load_session(path).problems)
    assert [(code, text) for _, _, code, text in found] == [
        ("key.missing", "[[stakeholder]]"),
        ("key.missing", "[[stakeholder]]"),
    ]
    assert {p.params["key"] for p in load_session(path).problems} == {"name", "role"}


def test_negative_weight_is_an_error_and_zero_a_warning(workspace):
    path = workspace(PEOPLE + relation("ana", "bo", extra="weight = -1\n"))
    ((line, col, code, text),) = problems_at(path, load_session(path).problems)
    assert (code, text) == ("value.range", "weight = -1")
    path = workspace(PEOPLE + relation("ana", "bo", extra="weight = 0\n"))
    result = load_session(path)
    ((line, col, code, text),) = problems_at(path, result.problems)
    assert (code, text) == ("relation.weight_zero", "weight = 0")
    assert not result.problems[0].is_error
    assert result.session is not None


def test_missing_relation_end_is_reported_once(workspace):
    path = workspace(PEOPLE + '\n[[relation]]\nfrom = "ana"\nkind = "trust"\n')
    found = problems_at(path, load_session(path).problems)
    assert [(code, text) for _, _, code, text in found] == [("key.missing", "[[relation]]")]


# -- thresholds in the tamis ----------------------------------------------------------


def test_rules_default_when_the_tamis_has_no_stakeholders_table(workspace):
    from sieve.model import StakeholderRules

    session = load_session(workspace(PEOPLE)).session
    assert session.tamis.stakeholder_rules == StakeholderRules()


def test_rules_are_read_from_the_tamis(workspace):
    from conftest import TAMIS

    table = (
        "\n[stakeholders]\nreferent_max_share = 0.3\nambassador_min_ties = 3\n"
        'high_power = 2\ncore_roles = ["referent", "ambassador"]\n'
    )
    session = load_session(workspace(PEOPLE, tamis=TAMIS + table)).session
    rules = session.tamis.stakeholder_rules
    assert rules.referent_max_share == 0.3
    assert rules.ambassador_min_ties == 3
    assert rules.high_power == 2
    assert rules.high_interest == 3
    assert rules.core_roles == ("referent", "ambassador")


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("referent_max_share = 1.5", "value.range"),
        ("high_interest = 5", "value.range"),
        ("ambassador_min_ties = 1.5", "key.type_value"),
        ('core_roles = ["referent", "boss"]', "value.choice"),
        ('local_roles = "referent"', "key.type_value"),
        ("seuil = 3", "key.unknown"),
    ],
)
def test_wrong_rules_are_located_in_the_tamis(workspace, line, code):
    from conftest import TAMIS

    path = workspace(PEOPLE, tamis=TAMIS + "\n[stakeholders]\n" + line + "\n")
    problems = load_session(path).problems
    tamis_path = path.parent.parent / "criteria" / "t.toml"
    ((_, _, found, text),) = problems_at(tamis_path, problems)
    assert (found, text) == (code, line)
    if code != "key.unknown":
        assert load_session(path).session is None
