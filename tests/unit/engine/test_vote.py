"""The vote by majority judgment: published worked examples, properties, and words.

Sources:
- M. Balinski and R. Laraki, "A theory of measuring, electing and ranking", PNAS 104(21),
  2007, and *Majority Judgment: Measuring, Ranking, and Electing*, MIT Press, 2011: the
  majority grade is the lower middlemost grade for an even number of judges; the
  majority value is the sequence of majority grades obtained by removing one
  majority grade at a time, compared lexicographically. ``_majority_value`` below is
  that definition, voter by voter, and the engine must order profiles as it does.
- MieuxVoter's documented test cases of their ``majority-judgment`` libraries
  (test data only, re-typed here): the Java library's ``src/test/resources/assertions.json``
  ("Few judgments"), the Go library's ``judgment/majorityjudgment_test.go``
  (``TestReadmeDemo``, an even count of 10; "Basic 01"; "Billions of participants") and the
  PHP library's ``test/MajorityJudgmentDeliberatorTest.php`` (the 21-judgment tie decided
  at the fifth step; the mvapi ``election1`` fixture of 17 proposals).
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sieve.engine.vote import majority_steps, rank_profiles, tie_breaks
from tests.conftest import loaded, run_cli, write


def ranks(*profiles: list[int]) -> list[int | None]:
    """The ranks of the profiles, in the order given."""
    lines = {
        line.case: line.rank
        for line in rank_profiles({str(i): tuple(p) for i, p in enumerate(profiles)})
    }
    return [lines[str(i)] for i in range(len(profiles))]


def _majority_value(profile: list[int]) -> tuple[int, ...]:
    """Balinski & Laraki's majority value, voter by voter (lower median, one removed at a time)."""
    counts, out = list(profile), []
    while sum(counts):
        middle = (sum(counts) - 1) // 2
        grade = next(g for g in range(len(counts)) if middle < sum(counts[: g + 1]))
        out.append(grade)
        counts[grade] -= 1
    return tuple(out)


# -- Balinski & Laraki's definitions ---------------------------------------------------


def test_lower_median_for_an_even_count():
    # Four judges: two "Passable" (2), two "Bien" (4): the majority mention is the lower one.
    assert majority_steps((0, 0, 2, 0, 2, 0, 0))[0].mention == 2
    # Five judges: the middle one.
    assert majority_steps((1, 1, 1, 1, 1))[0].mention == 2


def test_gauge_shares_above_and_below():
    first = majority_steps((2, 1, 1, 1, 5))[0]  # MieuxVoter's README demo, proposal B
    assert (first.mention, float(first.above), float(first.below)) == (3, 0.5, 0.4)


@settings(max_examples=400, deadline=None)
@given(
    st.integers(2, 6).flatmap(
        lambda size: st.tuples(
            st.integers(1, 12),
            st.lists(st.integers(0, size - 1), min_size=1, max_size=12),
            st.lists(st.integers(0, size - 1), min_size=1, max_size=12),
            st.just(size),
        )
    )
)
def test_order_is_the_majority_value(data):
    """Same number of voters: the engine orders two profiles as the full majority value does."""
    _n, xs, ys, size = data
    n = min(len(xs), len(ys))
    x = [xs[:n].count(g) for g in range(size)]
    y = [ys[:n].count(g) for g in range(size)]
    want = (_majority_value(x) > _majority_value(y)) - (_majority_value(x) < _majority_value(y))
    r = ranks(x, y)
    got = 0 if r[0] == r[1] else 1 if r[0] < r[1] else -1
    assert got == want


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 9), min_size=5, max_size=5), min_size=2, max_size=8),
    st.integers(2, 7),
)
def test_ranking_unchanged_when_every_profile_is_scaled(profiles, factor):
    profiles = [p if sum(p) else [1, 0, 0, 0, 0] for p in profiles]
    assert ranks(*profiles) == ranks(*[[n * factor for n in p] for p in profiles])


# -- MieuxVoter's documented test cases --------------------------------------------------


def test_mieuxvoter_java_few_judgments():
    assert ranks([1, 1, 1], [1, 0, 2], [3, 0, 0], [2, 0, 1], [0, 3, 0]) == [3, 1, 5, 4, 2]


def test_mieuxvoter_go_readme_demo_even_count():
    # Ten judges, five mentions; A and E have equal profiles and share rank 4.
    profiles = ([2, 2, 2, 2, 2], [2, 1, 1, 1, 5], [2, 1, 1, 2, 4], [2, 1, 5, 0, 2], [2, 2, 2, 2, 2])
    assert ranks(*profiles) == [4, 1, 2, 3, 4]


def test_mieuxvoter_go_basic_and_billions():
    assert ranks([1, 1, 1], [1, 2, 0], [0, 2, 1]) == [2, 3, 1]
    assert ranks([10_000_000_000, 10_000_000_000], [9_999_999_999, 10_000_000_001]) == [2, 1]


def test_mieuxvoter_php_tie_decided_at_the_fifth_step():
    # 21 judgments; proposal d has 20 and its missing one counts as the worst mention
    # (MieuxVoter's default grade), as ``abstention = "lowest"`` does.
    a = [1, 1, 4, 3, 7, 4, 1]
    b = [0, 2, 4, 3, 7, 4, 1]
    d = [2, 0, 4, 3, 7, 4, 1]
    lines = rank_profiles({"a": tuple(a), "b": tuple(b), "c": tuple(a), "d": tuple(d)})
    assert [(line.case, line.rank) for line in lines] == [("b", 1), ("a", 2), ("c", 2), ("d", 4)]
    breaks = tie_breaks(lines)
    assert [tb.step for tb in breaks] == [5, -1, 5]  # same mention and gauge for four steps


def test_mieuxvoter_php_election1_fixture():
    tallies = [
        [0, 2, 0, 7, 5, 4],
        [1, 1, 1, 7, 4, 4],
        [2, 4, 2, 1, 5, 4],
        [1, 2, 4, 6, 2, 3],
        [1, 2, 5, 4, 3, 3],
        [1, 4, 3, 2, 5, 3],
        [1, 1, 2, 4, 4, 6],
        [1, 3, 1, 4, 3, 6],
        [1, 2, 2, 6, 3, 4],
        [2, 2, 1, 5, 2, 6],
        [0, 0, 0, 0, 1, 17],
        [1, 0, 2, 3, 7, 5],
        [0, 2, 1, 1, 4, 10],
        [1, 1, 3, 1, 5, 7],
        [1, 1, 0, 1, 11, 4],
        [1, 2, 3, 6, 5, 1],
        [1, 0, 2, 0, 3, 12],
    ]
    order = [10, 16, 12, 13, 14, 11, 6, 7, 0, 2, 9, 1, 8, 15, 3, 5, 4]
    lines = rank_profiles({str(i): tuple(t) for i, t in enumerate(tallies)})
    assert [int(line.case) for line in lines] == order
    assert [line.rank for line in lines] == list(range(1, 18))


def test_the_issue_example_in_words():
    """Issue 13's wording: same majority mention, the shares above it decide."""
    from sieve.engine.vote import VoteResult
    from sieve.model import Scale
    from sieve.render.vote import explain_break

    levels = ("À rejeter", "Insuffisant", "Passable", "Assez bien", "Bien", "Très bien")
    scale = Scale("m", levels)
    # 20 voters each: 45 % of A and 30 % of B above "Bien", 25 % and 20 % below.
    lines = rank_profiles({"A": (0, 0, 5, 0, 6, 9), "B": (0, 0, 4, 0, 10, 6)})
    result = VoteResult(scale, "", "lowest", (), tuple(lines), tuple(tie_breaks(lines)))
    assert explain_break(result.breaks[0], result) == (
        "A devant B : même mention majoritaire «\u00a0Bien\u00a0» ; 45\u00a0% jugent A mieux que "
        "«\u00a0Bien\u00a0» contre 30\u00a0% pour B"
    )
    assert explain_break(result.breaks[0], result, "en") == (
        "A ahead of B: same majority mention “Bien”; 45% judge A better than “Bien” "
        "against 30% for B"
    )


def test_nobody_judged_comes_last_unranked():
    lines = rank_profiles({"x": (0, 0, 0), "y": (0, 1, 0)})
    assert [(line.case, line.rank) for line in lines] == [("y", 1), ("x", None)]


# -- a session's vote, in words --------------------------------------------------------

VOTE = """
[vote]
scale = "mention"
cases = [
  "carte-participative/kiosque",
  "carte-personnalisable/maquette-appli",
  "echange-local/trocateur",
]
question = "Ce cas ferait-il un bon cas pratique pour notre Transfo ?"
abstention = "{rule}"

[votes.clemence]
"carte-participative/kiosque" = 4
"carte-personnalisable/maquette-appli" = 4
"echange-local/trocateur" = 2

[votes.sabine]
"carte-participative/kiosque" = 5
"carte-personnalisable/maquette-appli" = 4
"echange-local/trocateur" = 3

[votes.sophie]
"carte-participative/kiosque" = 4
"carte-personnalisable/maquette-appli" = 3

[votes.isabelle]
"carte-participative/kiosque" = 3
"carte-personnalisable/maquette-appli" = 4
"echange-local/trocateur" = 6
"""


def with_vote(paris, rule="lowest"):
    text = paris.read_text(encoding="utf-8") + VOTE.replace("{rule}", rule)
    write(paris, text)
    return paris


def test_cli_vote_json_contract(paris, capsys):
    code, out, _err = run_cli(capsys, "vote", with_vote(paris), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["scale"][0] == "À rejeter" and len(data["scale"]) == 7
    first, second, third = data["cases"]
    assert first == {
        "case": "carte-participative/kiosque",
        "rank": 1,
        "majority": 4,
        "profile": [0, 0, 0, 1, 2, 1, 0],
        "above": 0.25,
        "below": 0.25,
    }
    assert second["case"] == "carte-personnalisable/maquette-appli"
    assert (second["majority"], second["above"], second["below"]) == (4, 0.0, 0.25)
    # sophie gave trocateur nothing: counted as "À rejeter" (abstention = "lowest")
    assert third["profile"] == [1, 0, 1, 1, 0, 0, 1] and third["majority"] == 2
    # Same mention "Bien" and the same gauge (25 % below each): decided at step 2.
    assert data["tie_breaks"][0]["step"] == 2
    assert data["tie_breaks"][0]["text"] == (
        "carte-participative/kiosque devant carte-personnalisable/maquette-appli : même mention "
        "majoritaire «\u00a0Bien\u00a0» et 25\u00a0% jugent chacun des deux moins bien que "
        "«\u00a0Bien\u00a0» ; à l'étape 2 de la valeur majoritaire (les mentions médianes "
        "retirées une à une), 25\u00a0% jugent carte-participative/kiosque mieux que "
        "«\u00a0Assez bien\u00a0» contre 0\u00a0% pour carte-personnalisable/maquette-appli"
    )


def test_cli_vote_text_in_english(paris, capsys):
    code, out, _err = run_cli(capsys, "vote", with_vote(paris), "--lang", "en")
    assert code == 0
    assert "Tie-breaks:" in out
    assert (
        "carte-personnalisable/maquette-appli ahead of echange-local/trocateur: "
        "majority mention “Bien” against “Passable”" in out
    )


def test_ignore_counts_only_the_mentions_given(paris):
    from sieve.engine.vote import count_vote

    result = count_vote(loaded(with_vote(paris, "ignore")))
    assert result is not None
    line = result.line("echange-local/trocateur")
    assert line.profile == (0, 0, 1, 1, 0, 0, 1) and line.majority == 3


def test_cli_vote_without_a_vote_exits_2(paris, capsys):
    code, _out, err = run_cli(capsys, "vote", paris)
    assert code == 2
    assert "[vote]" in err


# -- the journal and the report ---------------------------------------------------------


def test_the_journal_records_the_vote_beside_the_sieve(paris, capsys):
    path = with_vote(paris)
    code, _out, err = run_cli(
        capsys,
        "decide",
        path,
        "--cases",
        "carte-participative/kiosque",
        "echange-local/trocateur",
        "--rationale",
        "Le vote confirme le tamis.",
        "--date",
        "2017-01-25",
    )
    assert code == 0, err
    decision = loaded(path).decisions[-1]
    by_case = {s.case: s for s in decision.snapshots}
    assert (
        by_case["carte-participative/kiosque"].vote_rank,
        by_case["carte-participative/kiosque"].vote_mention,
    ) == (1, "Bien")
    assert (
        by_case["echange-local/trocateur"].vote_rank,
        by_case["echange-local/trocateur"].vote_mention,
    ) == (3, "Passable")
    assert by_case["carte-participative/kiosque"].rank is not None  # the sieve's rank too
    code, out, _err = run_cli(capsys, "journal", path)
    assert code == 0
    assert "vote" in out and "1 Bien" in out and "3 Passable" in out
    code, out, _err = run_cli(capsys, "journal", path, "--format", "json")
    snap = json.loads(out)["decisions"][-1]["snapshots"][0]
    assert (snap["vote_rank"], snap["vote_mention"]) == (1, "Bien")
    from sieve.render.report import render_report

    html = render_report(loaded(path), "html", "fr")
    decisions = html[html.index('<section id="decisions">') :]
    assert "<th>vote</th>" in decisions and "<td>1 · Bien</td>" in decisions


def test_the_report_shows_the_vote_and_its_tie_breaks(paris):
    from sieve.render.report import render_report

    session = loaded(with_vote(paris))
    html = render_report(session, "html", "fr")
    assert '<section id="vote">' in html and 'href="#vote"' in html
    assert "à l&#39;étape 2 de la valeur majoritaire" in html
    assert html.count('class="merit"') == 3
    md = render_report(session, "md", "en")
    assert "## Vote by majority judgment" in md
    assert "majority mention “Bien” against “Passable”" in md
    assert "| 1 |" in md


def test_no_vote_no_vote_section(paris):
    from sieve.render.report import render_report

    html = render_report(loaded(paris), "html", "fr")
    assert '<section id="vote">' not in html


def test_file_text_is_shown_literally_in_the_text_output():
    from sieve.engine.vote import VoteResult
    from sieve.model import Scale
    from sieve.render.vote import vote_text

    scale = Scale("m", ("\x1b[31mrouge", "Bien"))
    lines = rank_profiles({"a/\u202eb": (0, 2), "c/d": (2, 0)})
    result = VoteResult(scale, "", "lowest", ("x", "y"), tuple(lines), tuple(tie_breaks(lines)))
    text = vote_text(result, "fr")
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\x1b[31mrouge" in text
