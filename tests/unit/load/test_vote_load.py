"""`[vote]` and `[votes.*]`: read into the model, every problem at file:line:col."""

from __future__ import annotations

import re
from pathlib import Path

from sieve.load.session import load_session
from sieve.load.tamis import load_tamis
from sieve.locations import PROJECT_DIR
from tests.conftest import loaded, write


def located(problems) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.code) for p in problems]


def append(paris: Path, text: str) -> Path:
    base = paris.read_text(encoding="utf-8")
    write(paris, base + text)
    return paris


def line_of(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(needle) + 1


def test_shipped_tamis_has_a_mention_scale_worst_first():
    tamis, problems = load_tamis(PROJECT_DIR / "criteria" / "transfo.toml")
    assert tamis is not None and problems == []
    levels = tamis.scales["mention"].levels
    assert levels[0] == "À rejeter" and levels[-1] == "Excellent" and len(levels) == 7
    assert all(c.scale.id != "mention" for c in tamis.criteria)  # a scale no criterion uses


def test_the_documented_example_loads(paris):
    doc = (PROJECT_DIR / "docs" / "format.md").read_text(encoding="utf-8")
    section = doc[doc.index("## The final vote by majority judgment") :]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    session = loaded(append(paris, "\n" + example))
    assert session.vote is not None
    assert session.vote.scale.id == "mention" and session.vote.abstention == "lowest"
    assert session.vote.cases == ("carte-participative/kiosque", "echange-local/trocateur")
    assert session.votes == {
        "clemence": {"carte-participative/kiosque": 4, "echange-local/trocateur": 5}
    }


def test_without_vote_tables_nothing_changes(paris):
    session = loaded(paris)
    assert session.vote is None and session.votes == {}


def test_every_problem_located(paris):
    path = append(
        paris,
        "\n[vote]\n"
        'scale = "mention"\n'
        'cases = ["carte-participative/kiosque", "nope/nope", "carte-participative/kiosque"]\n'
        'abstention = "maybe"\n',
    )
    result = load_session(path)
    assert result.session is None
    line = line_of(path, 'abstention = "maybe"')
    got = located(p for p in result.problems if p.file == path)
    assert (line - 1, 1, "ref.unknown") in got
    assert (line - 1, 1, "ballot.twice") in got
    assert (line, 1, "value.choice") in got


def test_unknown_scale(paris):
    path = append(paris, '\n[vote]\nscale = "etoiles"\n')
    result = load_session(path)
    problem = next(p for p in result.problems if p.code == "ref.unknown")
    assert problem.line == line_of(path, 'scale = "etoiles"')
    assert "mention" in problem.params["known"]


def test_votes_without_vote_is_an_error(paris):
    path = append(paris, '\n[votes.clemence]\n"carte-participative/kiosque" = 4\n')
    result = load_session(path)
    assert [p.code for p in result.errors] == ["ballot.missing"]
    assert result.errors[0].line == line_of(path, "[votes.clemence]")


def test_bad_votes(paris):
    path = append(
        paris,
        '\n[vote]\nscale = "mention"\ncases = ["carte-participative/kiosque"]\n'
        "\n[votes.clemence]\n"
        '"carte-participative/kiosque" = 9\n'
        '"echange-local/trocateur" = 2\n'
        "\n[votes.nobody]\n"
        '"carte-participative/kiosque" = 1\n'
        "\n[votes.sabine]\n"
        '"carte-participative/kiosque" = "Bien"\n',
    )
    result = load_session(path)
    got = {(p.line, p.code) for p in result.errors}
    assert got == {
        (line_of(path, '"carte-participative/kiosque" = 9'), "ballot.level"),
        (line_of(path, '"echange-local/trocateur" = 2'), "ballot.off_ballot"),
        (line_of(path, "[votes.nobody]"), "ref.unknown"),
        (line_of(path, '"carte-participative/kiosque" = "Bien"'), "key.type_value"),
    }


def test_default_ballot_accepts_any_case(paris):
    path = append(
        paris, '\n[vote]\nscale = "mention"\n\n[votes.clemence]\n"echange-local/trocateur" = 2\n'
    )
    session = loaded(path)
    assert session.vote is not None and session.vote.cases == ()
    assert session.votes["clemence"] == {"echange-local/trocateur": 2}


def test_sieve_check_reports_it(paris, capsys):
    from tests.conftest import run_cli

    path = append(paris, '\n[vote]\nscale = "mention"\nabstention = "maybe"\n')
    code, out, err = run_cli(capsys, "check", path)
    assert code != 0
    line = line_of(path, 'abstention = "maybe"')
    assert f"{path.name}:{line}:1" in out + err
