"""The map over time: dated entries, the state at a date, changes, pivot findings, exports.

Every expected value below was worked out by hand on the small map ``DATED`` (its
comments give the reasoning), never read back from the code.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from conftest import ONE_CASE, run_cli

from sieve.graph.analyse import analyse_session
from sieve.graph.export import to_gexf
from sieve.graph.history import changes
from sieve.load.session import load_session
from sieve.timeline import dates_of, session_map, stances_at

D = dt.date

# Ana starts as an ambassador and becomes the referent on 2017-03-01 (power 1 -> 2,
# interest 3 -> 4); Bo leaves on 2017-04-30 (his last day); Dan, an elected official of
# power 4, arrives on 2017-05-01; Eve is a service of power 3.
DATED = (
    ONE_CASE
    + """
[[stakeholder]]
id = "ana"
name = "Ana"
role = "ambassador"
power = 1
interest = 3

[[stakeholder]]
id = "bo"
name = "Bo"
role = "ambassador"
until = 2017-04-30

[[stakeholder]]
id = "cy"
name = "Cy"
role = "coordinator"
power = 2
interest = 4

[[stakeholder]]
id = "dan"
name = "Dan"
role = "elected"
power = 4
interest = 1
since = 2017-05-01

[[stakeholder]]
id = "eve"
name = "Eve"
role = "service"
power = 3
interest = 2

[[assessment]]
stakeholder = "ana"
date = 2017-03-01
role = "referent"
power = 2
interest = 4
note = "Elle devient résidente à domicile."

[[assessment]]
stakeholder = "dan"
date = 2017-09-01
interest = 3

[[relation]]
from = "cy"
to = "ana"
kind = "mentors"

[[relation]]
from = "ana"
to = "cy"
kind = "trust"
since = 2017-06-01

[[relation]]
from = "ana"
to = "bo"
kind = "trust"

[[relation]]
from = "bo"
to = "ana"
kind = "trust"

[[relation]]
from = "ana"
to = "dan"
kind = "informs"
since = 2017-05-15

[[relation]]
from = "ana"
to = "eve"
kind = "informs"

[[relation]]
from = "eve"
to = "cy"
kind = "partnership"
until = 2017-07-31

[[stance]]
stakeholder = "eve"
subject = "a"
position = "neutral"

[[stance]]
stakeholder = "dan"
subject = "a"
position = "oppose"
date = 2017-06-01

[[stance]]
stakeholder = "eve"
subject = "a"
position = "support"
date = 2017-10-01
"""
)


@pytest.fixture
def dated(workspace):
    result = load_session(workspace(DATED))
    assert [p.code for p in result.problems] == []
    return result.session


def test_the_dated_entries_load(dated):
    assert dated.dated
    assert [(a.stakeholder, a.date, a.role, a.power, a.interest) for a in dated.assessments] == [
        ("ana", D(2017, 3, 1), "referent", 2, 4),
        ("dan", D(2017, 9, 1), None, None, 3),
    ]
    assert dated.stakeholders["bo"].until == D(2017, 4, 30)
    assert dated.stakeholders["dan"].since == D(2017, 5, 1)
    assert [(r.source, r.target, r.since, r.until) for r in dated.relations if r.dated] == [
        ("ana", "cy", D(2017, 6, 1), None),
        ("ana", "dan", D(2017, 5, 15), None),
        ("eve", "cy", None, D(2017, 7, 31)),
    ]
    assert [(s.stakeholder, s.position, s.date) for s in dated.stances] == [
        ("eve", "neutral", None),
        ("dan", "oppose", D(2017, 6, 1)),
        ("eve", "support", D(2017, 10, 1)),
    ]


def test_the_role_in_force_is_the_latest_assessment_on_or_before_the_date(dated):
    before, _ = session_map(dated, D(2017, 2, 28))
    assert (before["ana"].role, before["ana"].power, before["ana"].interest) == (
        "ambassador",
        1,
        3,
    )
    on_the_day, _ = session_map(dated, D(2017, 3, 1))
    assert (on_the_day["ana"].role, on_the_day["ana"].power) == ("referent", 2)
    # Dan's interest only: his power stays the [[stakeholder]] value
    autumn, _ = session_map(dated, D(2017, 9, 1))
    assert (autumn["dan"].power, autumn["dan"].interest) == (4, 3)


def test_people_and_relations_at_a_date(dated):
    people, relations = session_map(dated, D(2017, 4, 30))
    assert list(people) == ["ana", "bo", "cy", "eve"]
    # Bo's last day: his two ties hold; Dan is not there yet, nor is ana -> cy
    assert {(r.source, r.target) for r in relations} == {
        ("cy", "ana"),
        ("ana", "bo"),
        ("bo", "ana"),
        ("ana", "eve"),
        ("eve", "cy"),
    }
    people, relations = session_map(dated, D(2017, 5, 15))
    assert list(people) == ["ana", "cy", "dan", "eve"]
    assert ("ana", "dan") in {(r.source, r.target) for r in relations}
    assert ("ana", "bo") not in {(r.source, r.target) for r in relations}
    # the latest state: Bo gone, eve -> cy ended
    people, relations = session_map(dated, None)
    assert list(people) == ["ana", "cy", "dan", "eve"]
    assert {(r.source, r.target) for r in relations} == {
        ("cy", "ana"),
        ("ana", "cy"),
        ("ana", "dan"),
        ("ana", "eve"),
    }


def test_the_stance_in_force(dated):
    assert {p: s.position for p, s in stances_at(dated.stances, D(2017, 5, 1))["a"].items()} == {
        "eve": "neutral"
    }
    assert {p: s.position for p, s in stances_at(dated.stances, None)["a"].items()} == {
        "eve": "support",
        "dan": "oppose",
    }


def test_one_way_relations_of_the_referent(dated):
    analysis = analyse_session(dated, D(2017, 5, 20))
    # on 2017-05-20 Ana (referent) -> Dan and -> Eve get no relation back; Cy -> Ana too
    out = analysis.of("one_way_out")
    assert [f.people for f in out] == [("ana", "dan", "eve")]
    incoming = analysis.of("one_way_in")
    assert [f.people for f in incoming] == [("ana", "cy")]
    # from 2017-06-01 Ana answers Cy: the one-way tie towards her is gone
    assert analyse_session(dated, D(2017, 6, 1)).of("one_way_in") == []
    # before she is the referent there is no pivot to check
    early = analyse_session(dated, D(2017, 2, 1))
    assert early.of("one_way_out") == [] and early.of("one_way_in") == []


def test_the_referents_trajectory_in_words(dated):
    from sieve.graph.words import reason

    (finding,) = analyse_session(dated, D(2017, 12, 31)).of("referent_trajectory")
    assert finding.params["steps"] == [[None, "ambassador"], ["2017-03-01", "referent"]]
    assert reason(finding, dated.people, "en") == (
        "Ana: ambassador at the start, referent from 2017-03-01."
    )
    assert reason(finding, dated.people, "fr") == (
        "Ana\u00a0: ambassadeur·rice au départ, résident·e à domicile depuis le 2017-03-01."
    )
    # not yet a referent: no trajectory to tell
    assert analyse_session(dated, D(2017, 2, 1)).of("referent_trajectory") == []


def test_changes_between_two_dates(dated):
    found = changes(dated, D(2017, 2, 1), D(2017, 9, 30))
    assert found.joined == ["dan"]
    assert found.left == ["bo"]
    # Dan was not on the map on 2017-02-01: he joined, he did not move
    (ana,) = found.moves
    # Ana: ambassador -> referent, power 1 -> 2, interest 3 -> 4: with high = 3, she was
    # "keep informed" (interest 3) and is still (power 2 < 3)
    assert ana.person == "ana" and ana.role == ("ambassador", "referent")
    assert ana.quadrant == ("keep_informed", "keep_informed") and not ana.crossed
    assert {(r.source, r.target) for r in found.gained} == {("ana", "cy"), ("ana", "dan")}
    assert {(r.source, r.target) for r in found.lost} == {
        ("ana", "bo"),
        ("bo", "ana"),
        ("eve", "cy"),
    }
    assert "referent_trajectory" in [f.kind for f in found.appeared]
    assert "one_way_out" in [f.kind for f in found.appeared]


def test_dan_moves_across_the_grid(dated):
    # Dan arrives with power 4, interest 1 (keep satisfied); from 2017-09-01 interest 3:
    # manage closely
    (move,) = changes(dated, D(2017, 6, 1), D(2017, 9, 1)).moves
    assert move.person == "dan" and move.crossed
    assert move.quadrant == ("keep_satisfied", "manage_closely")


def test_dates_of_the_map(dated):
    # assessments 03-01 and 09-01; relations 05-15, 06-01 and 08-01 (eve -> cy ends
    # 07-31: gone the next day); people 05-01 (Dan arrives, Bo is gone after 04-30);
    # stances 06-01 and 10-01
    assert dates_of(dated) == [
        D(2017, 3, 1),
        D(2017, 5, 1),
        D(2017, 5, 15),
        D(2017, 6, 1),
        D(2017, 8, 1),
        D(2017, 9, 1),
        D(2017, 10, 1),
    ]


def test_gexf_carries_start_and_end_read_back_by_networkx(dated):
    import networkx as nx

    graph = nx.read_gexf(io.BytesIO(to_gexf(analyse_session(dated)).encode("utf-8")))
    assert graph.graph["mode"] == "dynamic"
    # every person and relation ever is in the timeline, with its interval
    assert set(graph.nodes) == {"ana", "bo", "cy", "dan", "eve"}
    assert graph.nodes["bo"]["end"] == "2017-04-30"
    assert graph.nodes["dan"]["start"] == "2017-05-01"
    assert "start" not in graph.nodes["ana"]
    spans = {(u, v, d.get("start"), d.get("end")) for u, v, d in graph.edges(data=True)}
    assert ("ana", "dan", "2017-05-15", None) in spans
    assert ("eve", "cy", None, "2017-07-31") in spans
    assert ("cy", "ana", None, None) in spans


def test_json_holds_the_dated_entries(dated):
    from sieve.graph.export import to_json

    doc = json.loads(to_json(analyse_session(dated, D(2017, 5, 20))))
    assert doc["at"] == "2017-05-20"
    assert [p["id"] for p in doc["stakeholders"]] == ["ana", "cy", "dan", "eve"]
    assert doc["assessments"][0] == {
        "stakeholder": "ana",
        "date": "2017-03-01",
        "role": "referent",
        "power": 2,
        "interest": 4,
        "note": "Elle devient résidente à domicile.",
    }
    assert doc["stances"][1] == {
        "stakeholder": "dan",
        "subject": "a",
        "position": "oppose",
        "date": "2017-06-01",
    }
    assert {
        "from": "eve",
        "to": "cy",
        "kind": "partnership",
        "weight": 1.0,
        "until": "2017-07-31",
    } in doc["timeline"]["relations"]


# -- validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "code", "text"),
    [
        (
            '[[assessment]]\nstakeholder = "zed"\ndate = 2017-01-01\nrole = "referent"\n',
            "ref.unknown",
            'stakeholder = "zed"',
        ),
        (
            '[[assessment]]\nstakeholder = "ana"\nrole = "referent"\n',
            "key.missing",
            "[[assessment]]",
        ),
        (
            '[[assessment]]\nstakeholder = "ana"\ndate = 2017-01-01\nrole = "boss"\n',
            "value.choice",
            'role = "boss"',
        ),
        (
            '[[assessment]]\nstakeholder = "ana"\ndate = 2017-01-01\npower = 9\n',
            "value.range",
            "power = 9",
        ),
        (
            '[[assessment]]\nstakeholder = "ana"\ndate = 2017-03-01\npower = 3\n',
            "assessment.duplicate",
            "date = 2017-03-01",
        ),
        (
            '[[stance]]\nstakeholder = "ana"\nsubject = "zz"\nposition = "support"\n',
            "ref.unknown",
            'subject = "zz"',
        ),
        (
            '[[stance]]\nstakeholder = "ana"\nsubject = "a"\nposition = "maybe"\n',
            "value.choice",
            'position = "maybe"',
        ),
        (
            '[[relation]]\nfrom = "eve"\nto = "ana"\nkind = "trust"\n'
            "since = 2017-05-01\nuntil = 2017-04-01\n",
            "dates.order",
            "until = 2017-04-01",
        ),
        (
            '[[relation]]\nfrom = "eve"\nto = "ana"\nkind = "trust"\nsince = "2017-05-01"\n',
            "key.type",
            'since = "2017-05-01"',
        ),
    ],
)
def test_bad_dated_entries_are_located(workspace, extra, code, text):
    path = workspace(DATED + "\n" + extra)
    result = load_session(path)
    assert result.session is None
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [(p.code, lines[p.line - 1][p.col - 1 :]) for p in result.problems if p.is_error]
    assert found == [(code, text)]


def test_an_assessment_that_changes_nothing_is_a_warning(workspace):
    result = load_session(
        workspace(DATED + '\n[[assessment]]\nstakeholder = "cy"\ndate = 2017-01-01\nnote = "x"\n')
    )
    assert result.session is not None
    assert [p.code for p in result.problems] == ["assessment.empty"]


# -- the command line -----------------------------------------------------------------


def test_cli_at_a_date(capsys, dated):
    code, out, _ = run_cli(capsys, "graph", dated.path, "--at", "2017-05-20", "--lang", "en")
    assert code == 0
    assert "On 2017-05-20" in out
    assert "One-way dialogue (from the pivot)" in out


def test_cli_since_until_text_and_json(capsys, dated):
    code, out, _ = run_cli(
        capsys,
        "graph",
        dated.path,
        "--since",
        "2017-02-01",
        "--until",
        "2017-09-30",
        "--lang",
        "en",
    )
    assert code == 0
    assert "What changed from 2017-02-01 to 2017-09-30" in out
    assert "  + Dan (elected official) joins\n  - Bo (ambassador) leaves\n" in out
    assert "  + Ana → Dan (informs)\n" in out
    assert "  - Eve → Cy (partnership)\n" in out
    assert "Ana: ambassador → " in out
    code, out, _ = run_cli(capsys, "graph", dated.path, "--since", "2017-02-01", "--format", "json")
    doc = json.loads(out)
    assert doc["joined"] == ["dan"] and doc["left"] == ["bo"] and doc["until"] is None


@pytest.mark.parametrize(
    "argv",
    [
        ("--at", "2017-13-01"),
        ("--at", "soon"),
        ("--at", "2017-01-01", "--since", "2017-01-01"),
        ("--until", "2017-01-01"),
        ("--since", "2017-05-01", "--until", "2017-01-01"),
        ("--since", "2017-05-01", "--format", "gexf"),
    ],
)
def test_cli_bad_dates_are_usage_errors(capsys, dated, argv):
    code, out, err = run_cli(capsys, "graph", dated.path, *argv)
    assert code == 2
    assert "Traceback" not in err and err.strip()
