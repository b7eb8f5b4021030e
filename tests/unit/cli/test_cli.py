"""The command line: exit codes, the JSON contract, languages, no traceback on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ONE_CASE, PROJECT, copy_shipped, run_cli

from sieve.cli.main import main

PARIS = str(PROJECT / "sessions" / "paris.toml")
MULHOUSE = str(PROJECT / "sessions" / "mulhouse.toml")

BODY = ONE_CASE


def test_check_shipped_files(capsys):
    code, out, err = run_cli(
        capsys, "check", str(PROJECT / "criteria" / "transfo.toml"), PARIS, MULHOUSE
    )
    assert code == 0, err
    assert out.count("valide") == 3


def test_check_reports_problems_with_positions_and_exit_2(workspace, capsys):
    path = workspace(BODY.replace("need = 2", "need = 9").replace('title = "A1"', "title = 1"))
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 2
    lines = [line for line in err.splitlines() if ": erreur: " in line]
    assert len(lines) == 2
    for line in lines:
        file, row, col, _rest = line.split(":", 3)
        assert file.endswith("s.toml") and row.isdigit() and col.isdigit()
    assert "Traceback" not in err


def test_check_warnings_exit_0(workspace, capsys):
    path = workspace(BODY.replace('title = "A"', 'title = "A"\nextra = 1'))
    code, _out, err = run_cli(capsys, "check", str(path))
    assert code == 0
    assert "avertissement" in err


def test_rank_json_contract(capsys):
    code, out, _err = run_cli(capsys, "rank", MULHOUSE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["session"] == "mulhouse-carte-max"
    assert data["tamis"] == {"id": "mulhouse", "version": 4}  # Mulhouse's own tamis
    keys = {
        "case", "subject", "angle", "subject_title", "angle_title", "rank", "score",
        "complete", "sifted_out", "failed_gates", "attention", "flags", "disputed",
    }  # fmt: skip
    ranked = [c for c in data["cases"] if c["rank"] is not None]
    sifted = [c for c in data["cases"] if c["sifted_out"]]
    assert ranked and sifted
    for case in data["cases"]:
        assert set(case) == keys
        assert case["case"] == f"{case['subject']}/{case['angle']}"
        assert (case["rank"] is None) == (case["sifted_out"] or case["score"] is None)
        assert bool(case["failed_gates"]) == case["sifted_out"]
    # ranked first, best first; sifted-out after
    assert data["cases"][: len(ranked)] == ranked
    scores = [c["score"] for c in ranked]
    assert scores == sorted(scores, reverse=True)


def test_rank_json_on_a_hand_computed_fixture(workspace, capsys):
    code, out, _err = run_cli(capsys, "rank", str(workspace(BODY)), "--format", "json")
    assert code == 0
    (case,) = json.loads(out)["cases"]
    # need 2/3 weight 2, learn 1/3 weight 1 -> (4/3 + 1/3) / 3 = 5/9
    assert case["score"] == pytest.approx(5 / 9)
    assert case["rank"] == 1 and case["complete"] is True


@pytest.mark.parametrize("fmt", ["table", "csv", "md"])
def test_rank_other_formats(fmt, capsys):
    code, out, _err = run_cli(capsys, "rank", PARIS, "--format", fmt)
    assert code == 0
    assert "carte-participative/kiosque" in out
    if fmt == "csv":
        assert out.splitlines()[0].startswith("case,subject,angle,subject_title,angle_title,rank")
    if fmt == "md":
        assert out.splitlines()[2].startswith("| rang |")


def test_explain_in_french_and_english(capsys):
    code, out, _err = run_cli(capsys, "explain", PARIS, "carte-participative/kiosque")
    assert code == 0
    assert "Portes" in out and "contribution" in out
    code, out, _err = run_cli(
        capsys, "explain", PARIS, "carte-participative/kiosque", "--lang", "en"
    )
    assert code == 0
    assert "Gates" in out and "adds" in out


def test_explain_unknown_case(capsys):
    code, _out, err = run_cli(capsys, "explain", PARIS, "nope/nope")
    assert code == 2
    assert "inconnu" in err


def test_score_command_writes_and_validates(tmp_path, capsys):
    copy_shipped(tmp_path)
    session = str(tmp_path / "sessions" / "mulhouse.toml")
    args = ["score", session, "--scorer", "touria", "--key", "carte-max", "--criterion"]
    code, out, _err = run_cli(capsys, *args, "besoin-usagers", "--level", "0")
    assert code == 0 and "mulhouse.toml" in out
    code, _out, err = run_cli(capsys, *args, "besoin-usagers", "--level", "7")
    assert code == 2 and "hors de l'échelle" in err
    code, _out, err = run_cli(capsys, *args, "besoin-usagers")
    assert code == 2
    code, out, _err = run_cli(capsys, *args, "besoin-usagers", "--clear")
    assert code == 0


def test_bad_paths_and_arguments_exit_2(tmp_path, capsys, monkeypatch):
    assert run_cli(capsys, "rank", str(tmp_path / "missing.toml"))[0] == 2
    monkeypatch.setattr("sieve.locations.DEFAULT_SESSION", tmp_path / "gone" / "paris.toml")
    code, _out, err = run_cli(capsys, "rank")  # no session, and the example is missing
    assert code == 2 and "la session par défaut est introuvable" in err
    assert run_cli(capsys, "rank", PARIS, "--format", "xml")[0] == 2
    assert run_cli(capsys, "rank", str(tmp_path))[0] == 2


def test_folder_with_one_session(workspace, capsys):
    path = workspace(BODY)
    code, out, _err = run_cli(capsys, "rank", str(path.parent.parent))
    assert code == 0 and "a/a1" in out


def test_language_from_the_environment():
    env = {**os.environ, "LANG": "en_GB.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
    done = subprocess.run(
        [sys.executable, "-m", "sieve", "rank", MULHOUSE],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("Ranking")
    env["LANG"] = "fr_FR.UTF-8"
    done = subprocess.run(
        [sys.executable, "-m", "sieve", "check", "/nonexistent.toml"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert "introuvable" in done.stderr and "Traceback" not in done.stderr


def test_hostile_text_is_printed_literally(workspace, capsys):
    body = BODY.replace('title = "A"', 'title = "\\u001b[2J[@click=app.quit]x[/]"')
    code, out, _err = run_cli(capsys, "explain", str(workspace(body)), "a/a1")
    assert code == 0
    assert "\x1b" not in out
    assert "\\x1b[2J[@click=app.quit]x[/]" in out


def test_lang_before_the_command(capsys):
    code, out, _err = run_cli(capsys, "--lang", "en", "rank", MULHOUSE)
    assert code == 0
    assert out.startswith("Ranking")


def test_literal_escapes_every_line_breaking_character():
    from sieve.text import literal

    shown = literal("a\u2028b\u2029c\x85d\x1be\nf")
    assert shown == "a\\u2028b\\u2029c\\x85d\\x1be f"
    assert len(shown.splitlines()) == 1


def test_check_a_folder_checks_the_files_in_it(capsys):
    code, out, _err = run_cli(capsys, "check", str(PROJECT / "sessions"))
    assert code == 0
    assert "paris.toml" in out and "mulhouse.toml" in out


def test_level_and_clear_together_are_refused_clearly(capsys):
    code, _out, err = run_cli(
        capsys,
        "score",
        PARIS,
        "--scorer",
        "x",
        "--key",
        "k",
        "--criterion",
        "c",
        "--level",
        "2",
        "--clear",
    )
    assert code == 2 and "s'excluent" in err


def test_every_command_has_help_in_both_languages(capsys):
    from sieve.cli.main import build_parser

    _top, commands = build_parser()
    assert len(commands) >= 10
    for lang in ("fr", "en"):
        for name in [None, *commands]:
            args = [name] if name else []
            assert main([*args, "--lang", lang, "--help"]) == 0, (name, lang)
            out = capsys.readouterr().out
            assert out.startswith("utilisation :" if lang == "fr" else "usage:"), (name, lang)


def test_argparse_errors_speak_french(capsys):
    code, _out, err = run_cli(capsys, "rank", PARIS, "--format", "xml")
    assert code == 2
    assert "erreur : argument --format : choix invalide" in err


def test_the_example_opens_from_a_copy_of_its_own(tmp_path, monkeypatch):
    from sieve.load.session import load_session
    from sieve.locations import demo_session

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = demo_session()
    assert path == tmp_path / "sieve" / "exemple" / "sessions" / "paris.toml"
    assert load_session(path).errors == []
    assert (path.parent / "paris-scores" / "agnes.toml").is_file()
    path.write_text(path.read_text() + "\n# édité\n")
    assert demo_session() == path
    assert path.read_text().endswith("# édité\n")  # a second run keeps the user's copy


def test_the_example_copy_is_editable_when_the_shipped_files_are_read_only(tmp_path, monkeypatch):
    import stat

    from sieve import locations

    installed = copy_shipped(tmp_path / "installed")  # as a read-only site-packages holds it
    for path in installed.rglob("*"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    monkeypatch.setattr(locations, "CRITERIA_DIR", installed / "criteria")
    monkeypatch.setattr(locations, "SESSIONS_DIR", installed / "sessions")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    copy = locations.demo_session().parent.parent
    copied = sorted(copy.rglob("*"))
    assert [p.relative_to(copy) for p in copied] == [
        p.relative_to(installed) for p in sorted(installed.rglob("*"))
    ]
    assert all(p.stat().st_mode & stat.S_IWUSR for p in copied)  # folders and files alike


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["check"], "paris.toml : valide"),
        (["rank"], "Classement — Carte citoyenne de Paris (Paris)"),
        (["graph"], "Carte des parties prenantes\xa0: Carte citoyenne de Paris"),
        (["plan"], "Portefeuille proposé — Carte citoyenne de Paris (Paris)"),
        (["journal"], "Journal des décisions — Carte citoyenne de Paris"),
    ],
)
def test_a_reading_command_without_a_session_reads_the_example(
    argv, shown, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    code, out, err = run_cli(capsys, *argv)
    assert code == 0, err
    assert shown in out
    copy = tmp_path / "sieve" / "exemple" / "sessions" / "paris.toml"
    assert f"Session d'exemple : {copy}" in err  # the user's copy, said on stderr
    assert copy.is_file()


def test_a_command_that_writes_still_needs_its_session(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    code, _out, err = run_cli(capsys, "decide", "--cases", "a/b", "--rationale", "x")
    assert code == 2
    assert "arguments obligatoires manquants : SESSION" in err
    assert not (tmp_path / "sieve").exists()
