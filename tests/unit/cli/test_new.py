"""``sieve new``: a workspace from nothing that checks and ranks, from options or prompts (12.1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, loaded, run_cli

from sieve.errors import EditError
from sieve.save.new import create_workspace, derive_id, plan_workspace

SHIPPED_TAMIS = PROJECT / "criteria" / "transfo.toml"


def _session_of(root: Path) -> Path:
    (session,) = (root / "sessions").glob("*.toml")
    return session


def test_new_writes_a_workspace_that_checks_and_ranks(tmp_path: Path, capsys):
    root = tmp_path / "atelier"
    code, out, _ = run_cli(
        capsys, "new", root, "--city", "Mulhouse", "--title", "Propreté des rues",
        "--date", "2026-03-02", "--scorer", "Zoé Martin", "--scorer", "Karim", "--lang", "fr",
    )  # fmt: skip
    assert code == 0
    session = root / "sessions" / "mulhouse-proprete-des-rues.toml"
    assert (root / "criteria" / "transfo.toml").read_bytes() == SHIPPED_TAMIS.read_bytes()
    assert f"sieve {session}" in out
    assert run_cli(capsys, "check", session)[0] == 0
    code, out, _ = run_cli(capsys, "rank", session, "--lang", "fr")
    assert code == 0 and "Propreté des rues (Mulhouse)" in out
    opened = loaded(session)
    assert (opened.title, opened.city, str(opened.date)) == (
        "Propreté des rues",
        "Mulhouse",
        "2026-03-02",
    )
    people = [(s.id, s.name) for s in opened.scorers.values()]
    assert people == [("zoe-martin", "Zoé Martin"), ("karim", "Karim")]


def test_new_through_the_prompts_fed_on_standard_input(tmp_path: Path):
    answers = "Les inscriptions au périscolaire\nLyon\nAnne Dupré, Bob\natelier\n"
    done = subprocess.run(
        [sys.executable, "-m", "sieve", "new", "--lang", "en"],
        input=answers, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Session title [Choice of practical cases]: " in done.stderr
    session = tmp_path / "atelier" / "sessions" / "lyon-les-inscriptions-au.toml"
    assert f"To open it: sieve {session.relative_to(tmp_path)}" in done.stdout
    opened = loaded(session)
    assert (opened.title, opened.city) == ("Les inscriptions au périscolaire", "Lyon")
    assert list(opened.scorers) == ["anne-dupre", "bob"]
    for command in ("check", "rank"):
        ran = subprocess.run(
            [sys.executable, "-m", "sieve", command, str(session)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert ran.returncode == 0, ran.stderr


def test_empty_answers_take_the_defaults_and_no_answer_at_all_is_worded(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-m", "sieve", "new", "--lang", "fr"],
        input="\n\n\n\n", capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert loaded(_session_of(tmp_path / "choix-des-cas-pratiques")).title == (
        "Choix des cas pratiques"
    )
    nobody = subprocess.run(
        [sys.executable, "-m", "sieve", "new", "--lang", "fr"],
        input="", capture_output=True, text=True, cwd=tmp_path / "choix-des-cas-pratiques",
        timeout=60,
    )  # fmt: skip
    assert nobody.returncode == 2
    assert "réponse attendue" in nobody.stderr and "Traceback" not in nobody.stderr


def test_new_never_overwrites_a_file(tmp_path: Path, capsys):
    root = tmp_path / "atelier"
    assert run_cli(capsys, "new", root, "--title", "Un")[0] == 0
    session = _session_of(root)
    session.write_text(session.read_text(encoding="utf-8") + "# à moi\n", encoding="utf-8")
    before = session.read_bytes()
    code, _, err = run_cli(capsys, "new", root, "--title", "Un", "--lang", "fr")
    assert code == 2 and "existe déjà" in err and "Traceback" not in err
    assert session.read_bytes() == before
    # a second session reuses the workspace's tamis when it is the same file
    code, out, _ = run_cli(capsys, "new", root, "--title", "Deux", "--lang", "fr")
    assert code == 0 and "gardé tel quel" in out
    assert len(list((root / "sessions").glob("*.toml"))) == 2


def test_a_tamis_of_the_same_name_with_other_contents_is_refused_and_nothing_written(
    tmp_path: Path, capsys
):
    root = tmp_path / "atelier"
    (root / "criteria").mkdir(parents=True)
    mine = root / "criteria" / "transfo.toml"
    mine.write_text(SHIPPED_TAMIS.read_text(encoding="utf-8") + "# modifié\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "new", root, "--title", "Un", "--lang", "fr")
    assert code == 2 and "autre contenu" in err
    assert not (root / "sessions").exists()


def test_bad_options_are_worded_with_exit_2(tmp_path: Path, capsys):
    code, _, err = run_cli(capsys, "new", tmp_path / "a", "--date", "2026-13-40", "--lang", "en")
    assert code == 2 and "2026-13-40" in err
    not_tamis = tmp_path / "x.toml"
    not_tamis.write_text("format = 1\n[session]\nid = 3\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "new", tmp_path / "b", "--tamis", not_tamis)
    assert code == 2 and f"{not_tamis}:" in err and "Traceback" not in err
    code, _, err = run_cli(
        capsys, "new", tmp_path / "c", "--scorer", "Zoé", "--scorer", "zoe", "--lang", "en"
    )
    assert code == 2 and "same id `zoe`" in err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert not (tmp_path / "c").exists()
    a_file = tmp_path / "file"
    a_file.write_text("", encoding="utf-8")
    code, _, err = run_cli(capsys, "new", a_file, "--lang", "en")
    assert code == 2 and "not a folder" in err


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Propreté des rues", "proprete-des-rues"),
        ("  L'accueil — des NOUVEAUX habitants ! ", "l-accueil-des-nouveaux-habitants"),
        ("Zoé Müller-Łukasz", "zoe-muller-ukasz"),
        ("李", "fallback"),
        ("un " * 30, "un-un-un-un-un-un-un-un-un-un"),
    ],
)
def test_ids_are_derived_from_names_with_accents_folded(name: str, ident: str):
    assert derive_id(name, "fallback") == ident


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_commented_examples_uncommented_make_a_case_that_ranks(tmp_path: Path, lang, capsys):
    root = tmp_path / "atelier"
    assert run_cli(capsys, "new", root, "--title", "T", "--scorer", "Zoé", "--lang", lang)[0] == 0
    session = _session_of(root)
    text = session.read_text(encoding="utf-8")
    example = [line[4:] for line in text.splitlines() if line.startswith("#   ") and "=" in line
               or line.startswith("#   [")]  # fmt: skip
    body = "\n".join(example).replace("ID-DE-LA-PERSONNE", "zoe").replace("PERSON-ID", "zoe")
    session.write_text(text + "\n" + body + "\n", encoding="utf-8")
    assert run_cli(capsys, "check", session)[0] == 0
    opened = loaded(session)
    assert len(opened.subjects) == 1 and len(opened.angles) == 1 and opened.stakeholders
    assert opened.scores and opened.notes


def test_hostile_names_are_written_as_toml_strings_and_read_back_exactly(tmp_path: Path):
    title = 'Une "carte"\n\x1b]0;pwned\x07 \\ # pas un commentaire'
    plan = plan_workspace(
        tmp_path, SHIPPED_TAMIS, SHIPPED_TAMIS.read_bytes(), title, "Lille", None, ["A\tB"]
    )
    create_workspace(plan)
    opened = loaded(plan.session.path)
    assert opened.title == title
    assert "\x1b" not in plan.session.path.read_text(encoding="utf-8")
    assert [s.name for s in opened.scorers.values()] == ["A B"]


def test_a_file_created_between_plan_and_write_is_not_replaced(tmp_path: Path):
    plan = plan_workspace(tmp_path, SHIPPED_TAMIS, SHIPPED_TAMIS.read_bytes(), "Un")
    plan.session.path.parent.mkdir(parents=True)
    plan.session.path.write_text("# quelqu'un d'autre\n", encoding="utf-8")
    with pytest.raises(EditError) as refused:
        create_workspace(plan)
    assert refused.value.code == "new.exists"
    assert plan.session.path.read_text(encoding="utf-8") == "# quelqu'un d'autre\n"
    assert not plan.tamis.path.exists()  # what this call wrote is removed again
    assert not list(tmp_path.rglob("*.tmp"))


def test_two_names_giving_one_id_are_asked_again_at_once(tmp_path: Path):
    """The names are checked when given, not after every other question."""
    answers = "Vélo\nLyon\nAnne, anne\nAnne, Bob\natelier\n"
    done = subprocess.run(
        [sys.executable, "-m", "sieve", "new", "--lang", "fr"],
        input=answers, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "donnez les noms à nouveau" in done.stderr
    assert done.stderr.count("Personnes qui notent") == 2
    assert list(loaded(_session_of(tmp_path / "atelier")).scorers) == ["anne", "bob"]


def test_an_empty_scorer_option_is_refused(tmp_path: Path, capsys):
    code, _, err = run_cli(capsys, "new", tmp_path / "a", "--scorer", " ", "--lang", "en")
    assert code == 2 and "not an empty string" in err
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_ranking_a_new_session_says_there_is_no_case_yet(tmp_path: Path, capsys, fmt):
    root = tmp_path / "atelier"
    assert run_cli(capsys, "new", root, "--title", "Vélo", "--lang", "fr")[0] == 0
    code, out, _ = run_cli(capsys, "rank", _session_of(root), "--format", fmt, "--lang", "fr")
    assert code == 0
    assert "Aucun cas à classer" in out
    assert "Classement — Vélo, tamis transfo v1" in out  # no "()" for a session without a city


def test_new_keeps_words_apart_at_a_dash_in_the_title(tmp_path: Path, capsys):
    root = tmp_path / "t4"
    code, _, _ = run_cli(
        capsys, "new", root, "--city", "Lyon", "--title", "Vélo : l'école–maison (2026)",
        "--lang", "fr",
    )  # fmt: skip
    assert code == 0
    assert _session_of(root).name == "lyon-velo-l-ecole-maison-2026.toml"
    assert loaded(_session_of(root)).id == "lyon-velo-l-ecole-maison-2026"
