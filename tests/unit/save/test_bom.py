"""Issue 15.4: files starting with a UTF-8 byte order mark are read and written by every
writer (decide, review, adopt, merge-scores, score, a note, the people splice, the merge
driver), and keep their BOM."""

from __future__ import annotations

from pathlib import Path

from conftest import FIVE_CASES, OTHER_TAMIS, TAMIS, TWO_SCORERS, run_cli, sync, write

from sieve.exchange.merge_driver import merge_driver
from sieve.load.session import load_session
from sieve.save import people, scores

BOM = b"\xef\xbb\xbf"


def bommed(path: Path) -> Path:
    """Put a byte order mark in front of ``path``; return it."""
    path.write_bytes(BOM + path.read_bytes())
    return path


def assert_bom_kept(path: Path, before: bytes) -> str:
    """The file changed, starts with exactly one BOM; return its text (without it)."""
    after = path.read_bytes()
    assert after != before
    assert after.startswith(BOM) and not after[3:].startswith(BOM)
    return after[3:].decode("utf-8")


def test_a_bom_does_not_shift_the_positions_of_line_1(workspace):
    path = workspace("")
    path.write_bytes(BOM + b"format = 0\n" + path.read_bytes().split(b"\n", 1)[1])
    (problem,) = load_session(path).problems
    assert (problem.code, problem.line, problem.col) == ("format.unknown", 1, 1)


def test_decide_and_review_keep_the_bom(workspace, capsys):
    path = bommed(workspace(FIVE_CASES))
    before = path.read_bytes()
    code, _out, err = run_cli(
        capsys, "decide", path, "--cases", "alpha/a1", "--rationale", "r", "--id", "d1"
    )
    assert code == 0, err
    assert 'id = "d1"' in assert_bom_kept(path, before)
    before = path.read_bytes()
    code, _out, err = run_cli(capsys, "review", path, "d1", "alpha/a1", "--level", "2")
    assert code == 0, err
    assert "outcome = 2" in assert_bom_kept(path, before)
    assert load_session(path).problems == []


def test_adopt_reads_a_source_and_writes_a_target_with_a_bom(tmp_path, capsys):
    source = bommed(write(tmp_path / "other.toml", OTHER_TAMIS))
    target = bommed(write(tmp_path / "t.toml", TAMIS))
    before = target.read_bytes()
    code, _out, err = run_cli(capsys, "adopt", source, target, "--criterion", "youth")
    assert code == 0, err
    text = assert_bom_kept(target, before)
    assert "[scales.trois]" in text and 'id = "youth"' in text


def test_merge_scores_into_and_from_files_with_a_bom(workspace, capsys):
    body = TWO_SCORERS.replace("[scores.ana]", "[scores.bob]\n\n[scores.ana]")
    session = bommed(workspace(body))
    incoming = bommed(
        write(session.parent / "in" / "bob.toml", 'format = 1\n[scores.bob]\n"a" = { need = 1 }\n')
    )
    before = session.read_bytes()
    code, _out, err = run_cli(capsys, "merge-scores", session, incoming)
    assert code == 0, err
    assert_bom_kept(session, before)
    assert load_session(session).session.scores["bob"] == {"a": {"need": 1}}


def test_a_score_keeps_the_bom_spliced_or_through_tomlkit(workspace, capsys):
    path = bommed(workspace(TWO_SCORERS))
    for scorer in ("ana", "bob"):  # ana: a one-line splice; bob: a new table (tomlkit)
        before = path.read_bytes()
        args = ["--scorer", scorer, "--key", "a", "--criterion", "need", "--level", "1"]
        code, _out, err = run_cli(capsys, "score", path, *args)
        assert code == 0, err
        assert_bom_kept(path, before)
    assert load_session(path).session.scores["bob"] == {"a": {"need": 1}}


def test_a_note_keeps_the_bom(workspace):
    path = bommed(workspace(TWO_SCORERS))
    before = path.read_bytes()
    scores.set_note(load_session(path).session, "ana", "a/x", "Trop long")
    assert_bom_kept(path, before)
    assert load_session(path).session.notes["ana"] == {"a/x": "Trop long"}


def test_a_stakeholder_edit_keeps_the_bom(workspace):
    body = TWO_SCORERS + '\n[[stakeholder]]\nid = "p"\nname = "P"\nrole = "referent"\n'
    path = bommed(workspace(body))
    before = path.read_bytes()
    people.set_stakeholder(load_session(path).session, "p", name="Paule")
    assert_bom_kept(path, before)
    assert load_session(path).session.stakeholders["p"].name == "Paule"


def test_the_merge_driver_merges_versions_with_a_bom_and_keeps_ours(tmp_path):
    text = 'format = 1\n\n[tamis]\nid = "t"\ntitle = "T"\ncity = "C"\n'
    base = bommed(write(tmp_path / "base.toml", text))
    ours = bommed(write(tmp_path / "ours.toml", text.replace('"T"', '"Ours"')))
    theirs = bommed(write(tmp_path / "theirs.toml", text.replace('"C"', '"Theirs"')))
    before = ours.read_bytes()
    outcome = merge_driver(base, ours, theirs)
    merged = assert_bom_kept(ours, before)
    assert 'title = "Ours"' in merged and 'city = "Theirs"' in merged, outcome


@sync
async def test_a_note_in_the_app_keeps_the_bom(workspace):
    from sieve.app.app import SieveApp
    from sieve.workbench import Workbench

    path = bommed(workspace(TWO_SCORERS))
    before = path.read_bytes()
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "down", "n")
        await pilot.press(*"Trop long", "enter")
        await app.workers.wait_for_complete()
    assert_bom_kept(path, before)
    assert Workbench(path).session.notes["ana"] == {"a/x": "Trop long"}
