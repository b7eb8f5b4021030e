"""Every bad value given to an option: exit 2 and a worded message, never a traceback."""

from __future__ import annotations

import errno

import pytest
from conftest import FIVE_CASES, run_cli


@pytest.fixture
def session(workspace):
    return workspace(FIVE_CASES)


def refused(capsys, *argv) -> str:
    code, out, err = run_cli(capsys, *argv)
    assert code == 2, (argv, out, err)
    assert "Traceback" not in err and err.startswith("sieve: "), err
    return err


def test_screenshot_refuses_an_unknown_theme(session, tmp_path, capsys):
    err = refused(capsys, "screenshot", session, "--out", tmp_path / "x.svg", "--theme", "nope")
    assert "nope" in err and "textual-light" in err
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize("size", ["0x0", "5x3", "99999x99999", "120x0"])
def test_screenshot_refuses_a_size_out_of_bounds(session, tmp_path, capsys, size):
    err = refused(capsys, "screenshot", session, "--out", tmp_path / "x.svg", "--size", size)
    assert size in err
    assert not (tmp_path / "x.svg").exists()


def test_screenshot_into_a_missing_folder_is_worded(session, tmp_path, capsys):
    target = tmp_path / "missing" / "x.svg"
    err = refused(capsys, "screenshot", session, "--out", target)
    assert str(tmp_path / "missing") in err and "introuvable" in err
    assert "No such file" not in err


def test_screenshot_onto_a_folder_is_worded(session, tmp_path, capsys):
    err = refused(capsys, "screenshot", session, "--out", tmp_path)
    assert "dossier" in err and "Is a directory" not in err


def test_screenshot_errors_in_english_too(session, tmp_path, capsys):
    err = refused(capsys, "--lang", "en", "screenshot", session, "--out", tmp_path / "m" / "x.svg")
    assert "folder" in err and "not found" in err
    err = refused(
        capsys, "--lang", "en", "screenshot", session, "--out", tmp_path / "x.svg", "--theme", "x"
    )
    assert "unknown theme" in err


@pytest.mark.parametrize(
    ("option", "value"),
    [("--seed", "-1"), ("--draws", "100000000000"), ("--top", "1000")],
)
def test_rank_robust_refuses_values_out_of_range(session, capsys, option, value):
    err = refused(capsys, "rank", session, "--robust", option, value)
    assert option in err and value in err


def test_an_os_error_is_worded_in_the_language(session, capsys, monkeypatch):
    import sieve.cli.main as cli

    def fail(args):
        raise PermissionError(errno.EACCES, "Permission denied", "/x/y.toml")

    monkeypatch.setattr(cli, "cmd_graph", fail)
    err = refused(capsys, "graph", session)
    assert "/x/y.toml" in err and "Permission denied" not in err and "refusé" in err
