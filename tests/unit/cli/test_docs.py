"""docs/format.md stays in step with the code.

The page marks its blocks with HTML comments (invisible once rendered):

- ``<!-- example: PATH -->`` before a ```toml block: a complete example file,
  written at PATH (relative to a workspace). They must load without any problem.
- ``<!-- broken-example: PATH -->``: a file written next to them, to show problems.
- ``<!-- output exit=N: sieve ARGS -->`` before a ```text block: what ``sieve ARGS``
  prints (standard output, then error output) in that workspace, and its exit code.

The other tests check the figures and rules the page states, on its own example.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import PROJECT

from sieve.cli import main as cli
from sieve.engine.evaluate import FLAG_ATTENTION, FLAG_FIRST_CASE, evaluate
from sieve.load.fields import read_toml
from sieve.load.session import check_file, detect_kind, load_session
from sieve.load.tamis import load_tamis

DOC = PROJECT / "docs" / "format.md"

_BLOCK = re.compile(
    r"<!-- (?P<marker>[^>]*?) -->\n```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$",
    re.DOTALL | re.MULTILINE,
)
_OUTPUT = re.compile(r"output exit=(?P<code>\d+): sieve (?P<args>.*)")


def _blocks() -> list[tuple[str, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return [(m["marker"].strip(), m["lang"], m["body"]) for m in _BLOCK.finditer(text)]


def _files(kind: str) -> dict[str, str]:
    prefix = kind + ":"
    return {
        marker[len(prefix) :].strip(): body
        for marker, lang, body in _blocks()
        if marker.startswith(prefix) and lang == "toml"
    }


EXAMPLES = _files("example")
BROKEN = _files("broken-example")
OUTPUTS = [
    (int(m["code"]), m["args"], body)
    for marker, lang, body in _blocks()
    if lang == "text" and (m := _OUTPUT.fullmatch(marker))
]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The page's complete examples (and its broken one) in a fresh workspace."""
    _write(tmp_path, EXAMPLES)
    _write(tmp_path, BROKEN)
    return tmp_path


@pytest.fixture
def french_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line picks its language from the environment: make it French."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")


def test_the_page_has_a_complete_tamis_session_and_score_file() -> None:
    kinds = sorted(n.split("/")[0] for n in EXAMPLES)
    assert kinds == ["criteria", "sessions", "sessions"]
    assert any(n.count("/") == 2 for n in EXAMPLES), "a score file in a sub-folder"
    assert BROKEN
    assert len(OUTPUTS) >= 4


def test_complete_examples_load_without_any_problem(example: Path) -> None:
    sessions = []
    for name in EXAMPLES:
        path = example / name
        problems = check_file(path)
        assert not [p for p in problems if p.is_error], (name, problems)
        if name.startswith("criteria/"):
            tamis, problems = load_tamis(path)
            assert tamis is not None and problems == []
        elif detect_kind(read_toml(path)[0]) == "session":
            sessions.append(path)
    assert len(sessions) == 1
    result = load_session(sessions[0])
    assert result.problems == []
    assert result.session is not None
    # The score file example is named by the session and really read.
    score_files = {p.resolve() for p in result.session.score_files}
    assert score_files == {(example / n).resolve() for n in EXAMPLES if n.count("/") == 2}, (
        "the score file example is read through session.scores"
    )


def test_the_broken_example_is_refused(example: Path) -> None:
    for name in BROKEN:
        result = load_session(example / name)
        assert result.session is None
        assert result.errors


@pytest.mark.parametrize(("code", "args", "expected"), OUTPUTS, ids=[a for _, a, _ in OUTPUTS])
def test_documented_output(
    example: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    french_locale: None,
    code: int,
    args: str,
    expected: str,
) -> None:
    monkeypatch.chdir(example)
    assert cli.main(shlex.split(args)) == code
    out = capsys.readouterr()
    assert out.out + out.err == expected


# -- the rules the page states, on its example ---------------------------------------


def _session(example: Path):
    name = next(n for n in EXAMPLES if n.startswith("sessions/") and n.count("/") == 1)
    session = load_session(example / name).session
    assert session is not None
    return session


def test_worked_figures(example: Path) -> None:
    evaluation = evaluate(_session(example))
    results = {r.key: r for r in evaluation.results}
    # The score table of "What sieve computes", as fractions.
    assert results["accueil-habitants/guichet-unique"].score == pytest.approx(17 / 18)
    assert results["accueil-habitants/parcours-arrivants"].score == pytest.approx(13 / 18)
    assert results["restauration-scolaire/cantine"].score == pytest.approx(13 / 18)
    assert results["restauration-scolaire/menus"].score == pytest.approx(7 / 12)
    assert results["bus-gratuit/usagers-bus"].score == pytest.approx(2 / 3)
    # Group levels: an even count gives the mean of the two middle levels.
    cells = results["restauration-scolaire/menus"].cells
    assert cells["besoin-usagers"].group == 2
    assert cells["service-associe"].group == 1.5
    assert cells["interet-formation"].group is None
    assert results["restauration-scolaire/menus"].missing == ("interet-formation",)
    assert results["bus-gratuit/usagers-bus"].failed_gates == ("service-associe",)
    # Attention and first-case flags.
    assert results["bus-gratuit/usagers-bus"].flags == (FLAG_ATTENTION,)
    assert results["accueil-habitants/guichet-unique"].flags == (FLAG_FIRST_CASE,)
    assert results["restauration-scolaire/cantine"].disputed == ("besoin-usagers",)


def test_ties_keep_the_session_order_even_when_the_last_bits_differ(example: Path) -> None:
    evaluation = evaluate(_session(example))
    parcours = evaluation.result("accueil-habitants/parcours-arrivants")
    cantine = evaluation.result("restauration-scolaire/cantine")
    # The two sums differ in their last bit: the tie is within 1e-9, not exact.
    assert parcours.score != cantine.score
    assert abs(parcours.score - cantine.score) < 1e-9
    assert [(r.key, r.rank) for r in evaluation.results] == [
        ("accueil-habitants/guichet-unique", 1),
        ("accueil-habitants/parcours-arrivants", 2),
        ("restauration-scolaire/cantine", 2),
        ("restauration-scolaire/menus", 4),
        ("bus-gratuit/usagers-bus", None),
    ]


def test_unknown_keys_are_warnings_and_survive_a_score(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_path = example / "sessions" / "dunkerque.toml"
    text = session_path.read_text(encoding="utf-8")
    text = text.replace(
        '[[subject]]\nid = "bus-gratuit"\n', '[[subject]]\nid = "bus-gratuit"\ncouleur = "rouge"\n'
    )
    text = 'exporte-par = "outil de Mulhouse"\n' + text
    session_path.write_text(text, encoding="utf-8")
    problems = check_file(session_path)
    assert [(p.code, p.severity, p.params["key"]) for p in problems] == [
        ("key.unknown", "warning", "exporte-par"),
        ("key.unknown", "warning", "couleur"),
    ]
    assert cli.main(["check", str(session_path)]) == 0
    args = ["score", str(session_path), "--scorer", "farida", "--key", "bus-gratuit"]
    assert cli.main([*args, "--criterion", "hors-clivage", "--level", "1"]) == 0
    after = session_path.read_text(encoding="utf-8")
    assert 'couleur = "rouge"' in after and after.startswith("exporte-par =")
    capsys.readouterr()


def test_a_newer_format_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('format = 2\n\n[tamis]\nid = "t"\n', encoding="utf-8")
    (problem,) = check_file(path)
    assert (problem.code, problem.line, problem.col) == ("format.newer", 1, 1)
    assert "update sieve" in problem.render(lang="en")


def test_where_sieve_score_writes(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session_path = example / "sessions" / "dunkerque.toml"
    martine = example / "sessions" / "dunkerque-scores" / "martine.toml"
    before = session_path.read_text(encoding="utf-8")
    martine_before = martine.read_text(encoding="utf-8")

    def score(scorer: str, key: str, criterion: str, *level: str) -> None:
        args = ["score", str(session_path), "--scorer", scorer, "--key", key]
        assert cli.main([*args, "--criterion", criterion, *level]) == 0

    # Rule 3: Martine has no line for the subject; her score file holds her table.
    score("martine", "restauration-scolaire", "besoin-usagers", "--level", "2")
    assert session_path.read_text(encoding="utf-8") == before
    added = martine.read_text(encoding="utf-8")
    assert '"restauration-scolaire" = { besoin-usagers = 2 }\n' in added
    assert len(added.splitlines()) == len(martine_before.splitlines()) + 1
    # Rule 2: Farida has a line for the case, without that criterion.
    score("farida", "restauration-scolaire/menus", "interet-formation", "--level", "2")
    after = session_path.read_text(encoding="utf-8")
    assert (
        '"restauration-scolaire/menus" = { tenable-sessions = 1, interet-formation = 2 }'
        in after.splitlines()
    )
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1
    # Rule 1: only the value changes.
    score("farida", "restauration-scolaire/menus", "interet-formation", "--level", "3")
    assert (
        '"restauration-scolaire/menus" = { tenable-sessions = 1, interet-formation = 3 }'
        in session_path.read_text(encoding="utf-8").splitlines()
    )
    # --clear removes it again.
    score("farida", "restauration-scolaire/menus", "interet-formation", "--clear")
    row = load_session(session_path).session.scores["farida"]["restauration-scolaire/menus"]
    assert row == {"tenable-sessions": 1}
    capsys.readouterr()
