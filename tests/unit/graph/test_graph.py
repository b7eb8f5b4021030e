"""The stakeholder graph: validation, analyses on graphs solved by hand, exports, CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from sieve.load.session import load_session

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


# -- analyses on graphs solved by hand ----------------------------------------------------


def person(ident: str, role: str = "ambassador", power: int = 1, interest: int = 3):
    from sieve.model import Stakeholder

    return Stakeholder(ident, ident.upper(), role, "", power, interest)


def people_of(*specs) -> dict:
    """``people_of(("c", "referent"), "a1", ...)``: ids, or (id, role[, power, interest])."""
    out = {}
    for spec in specs:
        p = person(spec) if isinstance(spec, str) else person(*spec)
        out[p.id] = p
    return out


def rel(source: str, target: str, kind: str = "trust", weight: float = 1.0):
    from sieve.model import Relation

    return Relation(source, target, kind, weight)


def kinds(analysis) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.kind, f.people) for f in analysis.findings]


def test_star_centre_is_the_only_articulation_point():
    from sieve.graph.analyse import analyse
    from sieve.graph.measures import cuts, ties_graph

    people = people_of(("c", "referent"), "a1", "a2", "a3", "a4")
    relations = [rel("c", leaf, "informs") for leaf in ("a1", "a2", "a3", "a4")]
    found = cuts(ties_graph(people, relations))
    assert found.vertices == {"c": [("a1",), ("a2",), ("a3",), ("a4",)]}
    assert [(u, v) for u, v, _, _ in found.bridges] == [
        ("c", "a1"),
        ("c", "a2"),
        ("c", "a3"),
        ("c", "a4"),
    ]
    analysis = analyse(people, relations)
    (vertex,) = analysis.of("cut_vertex")
    # no leaf stands out as "the programme": the network falls into four pieces
    assert vertex.params == {
        "person": "c",
        "cut_off": ["a1", "a2", "a3", "a4"],
        "split": True,
        "pieces": 4,
    }
    assert "4 morceaux" in _reason(vertex, analysis)
    # the centre lies on every path between two leaves: betweenness 1
    assert analysis.metrics["c"].betweenness == 1.0
    assert [f.people for f in analysis.of("referent_load")] == [("c",)]
    # Burt: four contacts who do not know each other: constraint 4 x (1/4)^2, size 4
    assert analysis.metrics["c"].constraint == pytest.approx(0.25)
    assert analysis.metrics["c"].effective_size == pytest.approx(4.0)
    assert [f.people for f in analysis.of("broker")] == [("c",)]
    # each leaf has a single tie: weakly tied ambassadors (minimum 2)
    assert [f.people[0] for f in analysis.of("weak_ambassador")] == ["a1", "a2", "a3", "a4"]


def test_chain_has_two_bridges_and_one_articulation_point():
    from sieve.graph.analyse import analyse

    people = people_of(("a", "referent"), ("b", "ambassador"), ("c", "service"))
    relations = [rel("a", "b"), rel("b", "c", "partnership")]
    analysis = analyse(people, relations)
    (vertex,) = analysis.of("cut_vertex")
    # without b, the service c is cut off from the core (a holds the referent)
    assert vertex.params == {"person": "b", "cut_off": ["c"]}
    bridges = [f.params for f in analysis.of("bridge")]
    # a-b: both sides hold one core person; b's side is larger, so a is the one cut off
    assert bridges == [
        {"source": "b", "target": "a", "cut_off": ["a"]},
        {"source": "b", "target": "c", "cut_off": ["c"]},
    ]
    assert _reason(vertex, analysis) == (
        "Si B s'absente, le reste du réseau perd tout lien avec\u00a0: C."
    )


def test_cuts_agree_with_networkx_and_parts_are_the_components_left():
    import random

    import networkx as nx

    from sieve.graph.measures import cuts

    rng = random.Random(4)
    for _ in range(60):
        n = rng.randint(1, 14)
        graph = nx.gnm_random_graph(n, rng.randint(0, 2 * n), seed=rng.randint(0, 999))
        graph = nx.relabel_nodes(graph, {i: f"p{i}" for i in graph})
        found = cuts(graph)
        assert set(found.vertices) == set(nx.articulation_points(graph))
        assert {frozenset(b[:2]) for b in found.bridges} == {
            frozenset(b) for b in nx.bridges(graph)
        }
        for v, parts in found.vertices.items():
            component = nx.node_connected_component(graph, v) - {v}
            left = graph.subgraph(component)
            expected = {frozenset(c) for c in nx.connected_components(left)}
            assert {frozenset(p) for p in parts} == expected
        for u, v, side_u, side_v in found.bridges:
            cut = graph.copy()
            cut.remove_edge(u, v)
            assert set(side_u) == nx.node_connected_component(cut, u)
            assert set(side_v) == nx.node_connected_component(cut, v)


def test_forbidden_hierarchy_between_the_programme_and_the_local_government():
    from sieve.graph.analyse import analyse

    people = people_of(
        ("cy", "coordinator"), ("re", "resident"), ("dg", "manager"), ("am", "ambassador")
    )
    relations = [
        rel("dg", "cy", "hierarchy"),  # forbidden: local government over La 27e Région
        rel("cy", "re", "hierarchy"),  # inside La 27e Région: not our business
        rel("dg", "am", "hierarchy"),  # inside the local government: allowed
        rel("re", "dg", "partnership"),  # not a hierarchy
    ]
    analysis = analyse(people, relations)
    (finding,) = analysis.of("forbidden_hierarchy")
    assert finding.people == ("dg", "cy")
    assert "lien hiérarchique vers CY" in _reason(finding, analysis)
    exported = _graph_of(analysis)
    assert exported.edges["dg", "cy", "hierarchy"]["forbidden"] == 1
    assert "forbidden" not in exported.edges["dg", "am", "hierarchy"]


def test_isolated_ambassador_is_reported_once():
    from sieve.graph.analyse import analyse

    people = people_of(("r", "referent"), "a1", "a2", "lonely")
    relations = [rel("r", "a1"), rel("r", "a2"), rel("a1", "a2")]
    analysis = analyse(people, relations)
    assert kinds(analysis) == [("isolated_ambassador", ("lonely",))]
    assert analysis.metrics["lonely"].constraint is None


def test_people_apart_from_the_team_are_disconnected():
    from sieve.graph.analyse import analyse

    people = people_of(("r", "referent"), "a1", ("m", "elected"), ("s", "service"))
    relations = [rel("r", "a1"), rel("m", "s", "hierarchy")]
    analysis = analyse(people, relations)
    assert [f.params for f in analysis.of("disconnected")] == [{"members": ["m", "s"]}]
    # the tie m-s holds their little group together, but they are apart already: only
    # the team's own single tie r-a1 is reported
    assert [f.people[:2] for f in analysis.of("bridge")] == [("r", "a1")]
    assert analysis.of("cut_vertex") == []


def test_second_circle_beyond_the_threshold():
    from sieve.graph.analyse import analyse
    from sieve.model import StakeholderRules

    people = people_of(("k", "relay"), ("e", "elected"), "a1", "a2", "a3", "a4")
    relations = [rel("k", a, "informs") for a in ("a1", "a2", "a3", "a4")]
    relations += [rel("e", a, "informs") for a in ("a1", "a2", "a3")]
    analysis = analyse(people, relations)
    (finding,) = analysis.of("second_circle")
    assert finding.params["person"] == "k" and finding.params["ties"] == 4
    stricter = analyse(people, relations, StakeholderRules(second_circle_max_ties=2))
    assert [f.params["person"] for f in stricter.of("second_circle")] == ["k", "e"]


def test_power_interest_quadrants():
    from sieve.graph.analyse import analyse
    from sieve.graph.findings import quadrant
    from sieve.model import StakeholderRules

    people = people_of(
        ("high-both", "elected", 3, 3),
        ("power-only", "manager", 4, 0),
        ("interest-only", "ambassador", 0, 4),
        ("low-both", "union", 2, 2),
        ("power-3-interest-2", "service", 3, 2),
        ("power-2-interest-3", "ambassador", 2, 3),
    )
    analysis = analyse(people, [])
    assert analysis.quadrants == {
        "manage_closely": ("high-both",),
        "keep_satisfied": ("power-only", "power-3-interest-2"),
        "keep_informed": ("interest-only", "power-2-interest-3"),
        "monitor": ("low-both",),
    }
    lower = StakeholderRules(high_power=2, high_interest=2)
    assert quadrant(people["low-both"], lower) == "manage_closely"
    # a key player nobody of the core team is tied to
    assert [f.people for f in analysis.of("key_player_unlinked")] == [("high-both",)]


def test_communities_are_the_two_triangles():
    from sieve.graph.analyse import analyse

    people = people_of("a", "b", "c", "x", "y", "z")
    relations = [rel("a", "b"), rel("b", "c"), rel("c", "a")]
    relations += [rel("x", "y"), rel("y", "z"), rel("z", "x"), rel("c", "x")]
    analysis = analyse(people, relations)
    assert analysis.communities == [("a", "b", "c"), ("x", "y", "z")]
    assert analysis.metrics["z"].community == 1


def test_zero_weight_relation_is_no_tie():
    from sieve.graph.measures import ties_graph

    people = people_of("a", "b")
    assert ties_graph(people, [rel("a", "b", weight=0)]).number_of_edges() == 0
    assert ties_graph(people, [rel("a", "b"), rel("b", "a", "informs", 2)])["a"]["b"] == {
        "weight": 3
    }


def random_map(count: int, edges: int, seed: int):
    import random

    from sieve.model import STAKEHOLDER_ROLES

    rng = random.Random(seed)
    people = people_of(
        *[
            (f"p{i}", rng.choice(STAKEHOLDER_ROLES), rng.randint(0, 4), rng.randint(0, 4))
            for i in range(count)
        ]
    )
    seen, relations = set(), []
    while len(relations) < edges:
        a, b = rng.sample(range(count), 2)
        if (a, b) not in seen:
            seen.add((a, b))
            relations.append(rel(f"p{a}", f"p{b}", rng.choice(["trust", "informs"])))
    return people, relations


def test_sampled_betweenness_is_the_same_from_run_to_run():
    from sieve.graph.analyse import analyse

    people, relations = random_map(120, 300, seed=1)
    first = analyse(people, relations, exact_limit=50, sample=30)
    second = analyse(people, relations, exact_limit=50, sample=30)
    assert first.sample == 30
    assert first.metrics == second.metrics
    assert first.findings == second.findings
    assert first.communities == second.communities
    exact = analyse(people, relations)
    assert exact.sample is None
    assert exact.metrics != first.metrics


def test_progress_is_reported_step_by_step():
    from sieve.graph.analyse import analyse

    steps = []
    analyse(*random_map(10, 15, seed=2), progress=lambda step, done, total: steps.append(done))
    assert steps == [0, 1, 2, 3, 4, 5, 6]


def test_empty_map_has_no_finding():
    from sieve.graph.analyse import analyse
    from sieve.graph.export import render_text

    analysis = analyse({}, [])
    assert analysis.findings == [] and analysis.communities == []
    assert "Aucune partie prenante" in render_text(analysis)


def _reason(finding, analysis, lang="fr") -> str:
    from sieve.graph.words import reason

    return reason(finding, analysis.people, lang)


def _graph_of(analysis):
    from sieve.graph.analyse import build_graph

    return build_graph(analysis.people, analysis.relations, analysis)


# -- the shipped sessions -------------------------------------------------------------------


def shipped(name: str):
    from sieve.graph.analyse import analyse_session
    from sieve.locations import SESSIONS_DIR

    return analyse_session(load_session(SESSIONS_DIR / name).session)


def test_shipped_sessions_raise_every_kind_of_warning():
    from sieve.graph.results import WARNING_KINDS

    paris, mulhouse = shipped("paris.toml"), shipped("mulhouse.toml")
    raised = {f.kind for f in paris.warnings} | {f.kind for f in mulhouse.warnings}
    assert raised == set(WARNING_KINDS)

    def first(analysis, kind):
        return [f.people[:2] for f in analysis.of(kind)]

    assert first(paris, "referent_load") == [("agnes",)]
    assert first(mulhouse, "referent_load") == [("sebastien",)]
    assert ("maxime", "mairie-11e") in first(paris, "bridge")
    assert ("brigitte", "collecte-dechets") in first(mulhouse, "bridge")
    assert first(paris, "isolated_ambassador") == [("thomas",)]
    assert first(mulhouse, "weak_ambassador") == [("touria", "sebastien")]
    assert first(paris, "forbidden_hierarchy") == [("secretariat-general", "nadege")]
    assert first(mulhouse, "forbidden_hierarchy") == [("dgs", "stephane")]
    assert [f.people[0] for f in paris.of("second_circle")] == ["karim"]
    assert [f.people[0] for f in mulhouse.of("second_circle")] == ["adjointe-jeunesse"]
    assert first(paris, "disconnected") == [("maire-20e", "mairie-20e")]


# -- exports -------------------------------------------------------------------------------

NASTY = 'Zoé "la boss" <b>#1</b> & co \\ fin\\'


def export_case():
    """A small map with a name full of special characters and two relations on one pair."""
    from sieve.graph.analyse import analyse

    people = people_of(("r", "referent"), ("cy", "coordinator"), ("dg", "manager"), "end")
    people["end"] = type(people["end"])("end", NASTY + "\x1b[2J", "ambassador", "Org\tX", 1, 3)
    relations = [
        rel("r", "cy", "partnership", 3),
        rel("r", "cy", "trust", 2),
        rel("dg", "cy", "hierarchy"),
        rel("r", "end", "informs"),
    ]
    return analyse(people, relations, title="Carte « test »", session_id="t")


def edges_of(graph, drop=()) -> list:
    return sorted(
        (u, v, k, {a: x for a, x in d.items() if a not in drop})
        for u, v, k, d in graph.edges(keys=True, data=True)
    )


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes():
    import io

    import networkx as nx

    from sieve.graph.export import export_graph, to_graphml

    analysis = export_case()
    text = to_graphml(analysis)
    back = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    expected = export_graph(analysis)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert edges_of(back) == edges_of(expected)
    assert back.nodes["r"]["betweenness"] == analysis.metrics["r"].betweenness
    assert back.nodes["end"]["name"] == NASTY + "\\x1b[2J"  # control character made visible
    assert back.edges["dg", "cy", "hierarchy"]["forbidden"] == 1


def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes():
    import io

    import networkx as nx

    from sieve.graph.export import export_graph, to_gexf

    analysis = export_case()
    back = nx.read_gexf(io.StringIO(to_gexf(analysis)))
    expected = export_graph(analysis)
    assert back.is_multigraph() and back.is_directed()
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert edges_of(back, drop=("id",)) == edges_of(expected)
    assert back.nodes["r"]["label"] == "R"


def test_json_export_holds_people_relations_and_findings():
    import json

    from sieve.graph.export import to_json

    analysis = export_case()
    doc = json.loads(to_json(analysis, "en"))
    assert [p["id"] for p in doc["stakeholders"]] == ["r", "cy", "dg", "end"]
    assert doc["stakeholders"][0]["quadrant"] == "keep_informed"
    assert [(r["from"], r["to"], r["kind"], r["forbidden"]) for r in doc["relations"]] == [
        ("r", "cy", "partnership", False),
        ("r", "cy", "trust", False),
        ("dg", "cy", "hierarchy", True),
        ("r", "end", "informs", False),
    ]
    hierarchy = next(f for f in doc["findings"] if f["kind"] == "forbidden_hierarchy")
    assert hierarchy["people"] == ["dg", "cy"]
    assert hierarchy["message"].startswith("DG (manager) has a hierarchy relation to CY")


def test_dot_quoting_by_hand():
    from sieve.graph.export import dot_quote

    assert dot_quote("plain") == '"plain"'
    assert dot_quote('say "hi"') == '"say \\"hi\\""'
    assert dot_quote("back\\slash\\") == '"back\\\\slash\\\\"'
    assert dot_quote("two\nlines") == '"two\\nlines"'
    assert dot_quote("esc\x1b[2J") == '"esc\\\\x1b[2J"'


def test_dot_export_lines():
    from sieve.graph.export import to_dot

    lines = to_dot(export_case(), "fr").splitlines()
    assert lines[0] == 'digraph "t" {'
    assert lines[-1] == "}"
    node = next(line for line in lines if line.startswith('  "end" ['))
    assert node.startswith(
        '  "end" [label="Zoé \\"la boss\\" <b>#1</b> & co '
        '\\\\ fin\\\\\\\\x1b[2J\\nambassadeur·rice", '
    )
    edge = next(line for line in lines if line.startswith('  "dg" -> "cy"'))
    assert 'kind="hierarchy"' in edge and 'forbidden="1"' in edge and 'color="red"' in edge
    for line in lines:  # every quote that is not escaped opens or closes a string
        unescaped = len(line.replace("\\\\", "").replace('\\"', "").split('"')) - 1
        assert unescaped % 2 == 0, line


def test_mermaid_export_has_safe_ids_and_escaped_labels():
    from sieve.graph.export import mermaid_id, mermaid_text, to_mermaid

    assert mermaid_id("end") == "s_end"
    assert mermaid_id("mairie-11e") == "s_mairie_11e"
    assert mermaid_text('a "b" <i>#1</i> & `c`') == (
        "a #quot;b#quot; #lt;i#gt;#35;1#lt;/i#gt; #amp; #96;c#96;"
    )
    lines = to_mermaid(export_case(), "fr").splitlines()
    assert lines[0] == "flowchart LR"
    assert (
        '  s_end["Zoé #quot;la boss#quot; #lt;b#gt;#35;1#lt;/b#gt; #amp; co \\ fin\\\\x1b[2J'
        in ("\n".join(lines))
    )
    assert '  s_dg -.->|"hiérarchie"| s_cy' in lines
    assert "  linkStyle 2 stroke:#c00,stroke-width:3px" in lines


# -- the command line ------------------------------------------------------------------------


def test_cli_graph_prints_the_analyses(capsys):
    from sieve.locations import SESSIONS_DIR

    code, out, err = run_cli(capsys, "graph", str(SESSIONS_DIR / "mulhouse.toml"))
    assert code == 0 and err == ""
    assert "Points de vigilance" in out
    assert "Touria" in out and "Hiérarchie à proscrire" in out
    code, out, _ = run_cli(capsys, "graph", str(SESSIONS_DIR / "mulhouse.toml"), "--lang", "en")
    assert "Forbidden hierarchy: Directeur général des services" in out


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "dot", "mermaid"])
def test_cli_graph_exports(capsys, fmt):
    from sieve.locations import SESSIONS_DIR

    code, out, err = run_cli(capsys, "graph", str(SESSIONS_DIR / "paris.toml"), "--format", fmt)
    assert code == 0 and err == ""
    assert "agnes" in out


def test_cli_graph_bad_input_exits_2_with_located_problems(capsys, workspace):
    code, _, err = run_cli(capsys, "graph", "nowhere.toml")
    assert code == 2 and "Traceback" not in err
    path = workspace(PEOPLE + relation("ana", "ana"))
    code, out, err = run_cli(capsys, "graph", str(path))
    assert code == 2 and out == ""
    assert "s.toml:" in err and "vers lui-même" in err
    code, _, err = run_cli(capsys, "graph", str(path), "--format", "svg")
    assert code == 2


def test_fast_betweenness_and_effective_size_equal_networkx_reference_paths():
    import math
    import random

    import networkx as nx

    from sieve.graph.measures import betweenness, effective_size

    rng = random.Random(3)
    for _ in range(40):
        n = rng.randint(0, 30)
        graph = nx.gnm_random_graph(n, rng.randint(0, 3 * n), seed=rng.randint(0, 999))
        for u, v in graph.edges:
            graph[u][v]["weight"] = rng.choice([0.5, 1, 2, 3])
        graph = nx.relabel_nodes(graph, {i: f"p{i}" for i in graph})
        exact, sampled = betweenness(graph)
        assert sampled is None
        assert exact == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)
        if n > 3:
            k = rng.randint(2, n)
            estimate, sampled = betweenness(graph, exact_limit=1, sample=k, seed=11)
            assert sampled == k
            reference = nx.betweenness_centrality(graph, k=k, seed=11)
            assert estimate == pytest.approx(reference, abs=1e-12)
        size = effective_size(graph)
        reference = nx.effective_size(graph, nodes=list(graph), weight="weight")
        for node in graph:
            if math.isnan(reference[node]):
                assert math.isnan(size[node])
            else:
                assert size[node] == pytest.approx(reference[node], abs=1e-12)


def test_any_name_survives_every_export():
    """Names from files are data: whatever they hold, every export stays well formed."""
    import io

    import networkx as nx
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sieve.graph.analyse import analyse
    from sieve.graph.export import export_graph, to_dot, to_gexf, to_graphml, to_mermaid
    from sieve.model import Stakeholder

    @settings(max_examples=60, deadline=None)
    @given(st.text(max_size=30), st.text(max_size=30))
    def check(name, org):
        people = {
            "a": Stakeholder("a", name, "referent", org, 2, 3),
            "b": Stakeholder("b", org, "ambassador", name, 1, 1),
        }
        analysis = analyse(people, [rel("a", "b", "informs")], title=name, session_id="s")
        expected = export_graph(analysis)
        for text, read in ((to_graphml(analysis), nx.read_graphml), (to_gexf(analysis), None)):
            if read is None:
                back = nx.read_gexf(io.StringIO(text))
            else:
                back = read(io.StringIO(text), force_multigraph=True)
            # XML normalises line ends: \r and \r\n read back as \n
            for node, data in expected.nodes(data=True):
                got = back.nodes[node]
                for key, value in data.items():
                    if isinstance(value, str):
                        value = value.replace("\r\n", "\n").replace("\r", "\n")
                        assert got[key].replace("\r\n", "\n").replace("\r", "\n") == value
                    else:
                        assert got[key] == value
        for line in to_dot(analysis).splitlines():
            unescaped = len(line.replace("\\\\", "").replace('\\"', "").split('"')) - 1
            assert unescaped % 2 == 0, line
        for line in to_mermaid(analysis).splitlines()[2:4]:
            inside = line.split('["', 1)[1].rsplit('"]', 1)[0]
            assert '"' not in inside and "\n" not in inside

    check()


def test_a_scorer_named_by_a_relation_is_on_the_map(workspace):
    from sieve.graph.analyse import analyse_session

    body = (
        PEOPLE
        + relation("ana", "x")
        + """
[[scorer]]
id = "x"
name = "Xavier"
role = "ambassador"
"""
    )
    result = load_session(workspace(body))
    assert result.errors == []
    analysis = analyse_session(result.session)
    assert analysis.people["x"].name == "Xavier"
    assert ("ana", "x") in {(r.source, r.target) for r in analysis.relations}
