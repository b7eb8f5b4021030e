"""Exchange between cities: diff, adopt, merge-scores, the git merge driver, compare."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXCHANGE_BODY, OTHER_TAMIS, PROJECT, TAMIS, copy_shipped, run_cli, write

from sieve.cli.main import main
from sieve.exchange.common import parse_origin
from sieve.exchange.compare import compare
from sieve.exchange.merge3 import merge_texts

TRANSFO = PROJECT / "criteria" / "transfo.toml"


# -- diff ----------------------------------------------------------------------------


def test_diff_of_identical_files_is_empty(tmp_path, capsys):
    a = write(tmp_path / "a.toml", TAMIS)
    b = write(tmp_path / "b.toml", "# only a comment differs\n" + TAMIS)
    code, out, _ = run_cli(capsys, "diff", a, b, "--format", "json")
    assert code == 0
    assert json.loads(out)["changes"] == []
    assert json.loads(out)["equal"] is True


def test_diff_reports_each_kind_of_tamis_change(tmp_path, capsys):
    changed = (
        TAMIS.replace("version = 2", "version = 3")
        .replace('label = "Besoin"', 'label = "Besoin réel"')
        .replace(
            'weight = 2\n\n[[criterion]]\nid = "service"',
            'weight = 5\n\n[[criterion]]\nid = "service"',
        )
        .replace(
            'kind = "gate"\nscale = "n"\npass_at = 1', 'kind = "gate"\nscale = "n"\npass_at = 2'
        )
        .replace('levels = ["non", "oui"]', 'levels = ["non", "oui", "tout à fait"]')
        .replace("disagreement = 0.5", "disagreement = 0.4")
        .replace("threshold = 3", "threshold = 4")
        .replace('label = "Médiatisation"\nweight = 1', 'label = "Médiatisation"\nweight = 2')
        .replace(
            'id = "learn"\nlabel = "Apprentissage"\napplies_to = "angle"',
            'id = "learn"\nlabel = "Apprentissage"\napplies_to = "subject"',
        )
    )
    changed = changed.replace(
        '[[criterion]]\nid = "doable"',
        '[[criterion]]\nid = "new-one"\nlabel = "Nouveau"\n'
        'applies_to = "angle"\nkind = "score"\nscale = "n"\nweight = 1\n\n'
        '[[criterion]]\nid = "doable"',
    )
    changed = changed.replace(
        '[[attention.indicator]]\nid = "mandat"\nlabel = "Engagement de mandature"\nweight = 2\n\n',
        "",
    )
    a = write(tmp_path / "a.toml", TAMIS)
    b = write(tmp_path / "b.toml", changed)
    code, out, _ = run_cli(capsys, "diff", a, b, "--format", "json")
    assert code == 1
    changes = {
        (c["op"], c["section"], c["id"], c.get("field", "")): c for c in json.loads(out)["changes"]
    }
    assert changes[("changed", "tamis", "t", "version")]["new"] == 3
    assert changes[("changed", "criterion", "need", "label")]["new"] == "Besoin réel"
    assert changes[("changed", "criterion", "need", "weight")] == {
        "op": "changed",
        "section": "criterion",
        "id": "need",
        "field": "weight",
        "old": 2,
        "new": 5,
    }
    assert changes[("changed", "criterion", "service", "pass_at")]["new"] == 2
    assert changes[("changed", "criterion", "learn", "applies_to")]["new"] == "subject"
    assert changes[("changed", "scale", "b", "levels")]["new"] == ["non", "oui", "tout à fait"]
    assert changes[("changed", "criterion", "doable", "levels")]["old"] == ["non", "oui"]
    assert ("added", "criterion", "new-one", "") in changes
    assert ("removed", "indicator", "mandat", "") in changes
    assert changes[("changed", "indicator", "media", "weight")]["new"] == 2
    assert changes[("changed", "group", "", "disagreement")]["new"] == 0.4
    assert changes[("changed", "attention", "", "threshold")]["new"] == 4
    assert len(changes) == 12

    code, text, _ = run_cli(capsys, "diff", a, b)
    assert code == 1
    # the fields are worded, not given as TOML keys
    assert "~ critère `need` : poids 2 → 5" in text
    assert '+ critère `new-one` : ajout ("Nouveau")' in text
    assert "~ groupe : seuil de désaccord 0,5 → 0,4" in text
    assert "~ critère `service` : seuil de la porte" in text
    code, text, _ = run_cli(capsys, "diff", "--lang", "en", a, b)
    assert "~ criterion `need`: weight 2 → 5" in text
    assert "~ group: disagreement threshold 0.5 → 0.4" in text


def test_every_field_a_diff_names_is_worded_in_both_languages():
    from dataclasses import fields

    from sieve.exchange import diff
    from sieve.i18n.catalogues.exchange import EN, FR
    from sieve.model import Portfolio

    root = Path(__file__).resolve().parents[3]
    named = {f.name for f in fields(Portfolio)} - {"declared"}
    named |= set(diff._TAMIS_HEAD) | set(diff._CRITERION_FIELDS)
    for old, new in (
        ("criteria/transfo.toml", "criteria/mulhouse.toml"),
        ("sessions/paris.toml", "sessions/mulhouse.toml"),
    ):
        named |= {c.field for c in diff.diff_files(root / old, root / new).changes if c.field}
    missing = {
        n for n in named if f"exchange.field.{n}" not in FR or f"exchange.field.{n}" not in EN
    }
    assert not missing


def test_diff_of_criteria_moved_and_scale_swapped(tmp_path, capsys):
    moved = TAMIS.replace('scale = "b"\npass_at = 1', 'scale = "n"\npass_at = 1')
    a = write(tmp_path / "a.toml", TAMIS)
    b = write(tmp_path / "b.toml", moved)
    code, out, _ = run_cli(capsys, "diff", a, b, "--format", "json")
    fields = {(c["id"], c["field"]) for c in json.loads(out)["changes"]}
    assert code == 1
    assert fields == {("doable", "scale"), ("doable", "levels")}


def test_diff_of_sessions(workspace, capsys):
    session = workspace(EXCHANGE_BODY)
    other = session.with_name("other.toml")
    other.write_text(
        session.read_text(encoding="utf-8")
        .replace('title = "Angle X"', 'title = "Angle X bis"')
        .replace("need = 2, service = 1", "need = 3")
        .replace('"a/x" = "Bien."', '"a/x" = "Très bien."')
        .replace('kind = "informs"', 'kind = "informs"\nweight = 2')
        .replace('name = "Q"', 'name = "Q"\npower = 3')
        .replace(
            '[[scorer]]\nid = "ana"\nname = "Ana"',
            '[[scorer]]\nid = "ana"\nname = "Ana"\n\n[[scorer]]\nid = "bob"\nname = "Bob"',
        ),
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "diff", session, other, "--format", "json")
    assert code == 1
    got = {(c["op"], c["section"], c["id"], c.get("field", "")) for c in json.loads(out)["changes"]}
    assert got == {
        ("changed", "angle", "a/x", "title"),  # an angle is named by its case key
        ("added", "scorer", "bob", ""),
        ("changed", "score", "ana/a/need", "value"),
        ("removed", "score", "ana/a/service", ""),
        ("changed", "note", "ana/a/x", "value"),
        ("changed", "stakeholder", "q", "power"),
        ("changed", "relation", "p->q (informs)", "weight"),
    }
    code, _, _ = run_cli(capsys, "diff", session, session)
    assert code == 0


def test_diff_bad_input_is_located(tmp_path, capsys):
    a = write(tmp_path / "a.toml", TAMIS)
    b = write(tmp_path / "b.toml", TAMIS.replace("weight = 2\n", "weight = -1\n", 1))
    code, out, err = run_cli(capsys, "diff", a, b)
    assert code == 2 and out == ""
    assert "b.toml:" in err and "weight" in err
    code, _, err = run_cli(capsys, "diff", a, PROJECT / "sessions" / "paris.toml")
    assert code == 2 and "tamis" in err


# -- adopt ---------------------------------------------------------------------------


def test_adopt_appends_criterion_and_scale_keeping_every_byte(tmp_path, capsys):
    source = write(tmp_path / "other.toml", OTHER_TAMIS)
    target = tmp_path / "transfo.toml"
    shutil.copy(TRANSFO, target)
    before = target.read_text(encoding="utf-8")
    code, out, err = run_cli(capsys, "adopt", source, target, "--criterion", "youth")
    assert code == 0, err
    after = target.read_text(encoding="utf-8")
    scale = '[scales.trois]   # une échelle courte\nlevels = ["bas", "moyen", "haut"]\n\n'
    criterion = (
        "\n[[criterion]]\n"
        'id = "youth"\n'
        'label = "Parole des jeunes"   # ajouté à Mulhouse\n'
        'question = "Les jeunes sont-ils associés ?"\n'
        'applies_to = "subject"\nkind = "score"\nscale = "trois"\nweight = 3\n'
        'origin = "mulhouse@4 (Mulhouse)"\n'
    )
    # the scale goes after the last scale, the criterion after the last criterion
    scale_at = before.index("# ---", before.index("[scales.binaire]"))
    crit_at = before.index("# ---", before.index('id = "transfert-labo"'))
    expected = (
        before[:scale_at]
        + scale
        + before[scale_at : crit_at - 1]
        + criterion
        + "\n"
        + before[crit_at:]
    )
    assert after == expected
    assert "youth" in out
    assert run_cli(capsys, "check", target)[0] == 0


def test_adopt_existing_id_is_refused_then_renamed_or_replaced(tmp_path, capsys):
    source = write(tmp_path / "other.toml", OTHER_TAMIS)
    target = write(tmp_path / "t.toml", TAMIS.replace("weight = 2\n", "weight = 2   # à nous\n", 1))
    before = target.read_text(encoding="utf-8")

    code, _, err = run_cli(capsys, "adopt", source, target, "--criterion", "learn")
    assert code == 2
    assert "déjà un critère learn" in err and "--rename" in err and "--replace" in err
    assert target.read_text(encoding="utf-8") == before

    code, _, err = run_cli(
        capsys, "adopt", source, target, "--criterion", "learn", "--rename", "need"
    )
    assert code == 2 and "déjà un critère need" in err
    assert target.read_text(encoding="utf-8") == before

    code, _, err = run_cli(
        capsys, "adopt", source, target, "--criterion", "learn", "--rename", "learn2"
    )
    assert code == 0, err
    after = target.read_text(encoding="utf-8")
    added = (
        '\n[[criterion]]\nid = "learn2"\nlabel = "Apprentissage"\napplies_to = "angle"\n'
        'kind = "gate"\nscale = "n"\npass_at = 2\norigin = "mulhouse@4:learn (Mulhouse)"\n'
    )
    at = before.index("\n[group]")
    assert after == before[:at] + added + before[at:]
    assert parse_origin("mulhouse@4:learn (Mulhouse)") == ("mulhouse", "learn")

    target.write_text(before, encoding="utf-8")
    code, _, err = run_cli(capsys, "adopt", source, target, "--criterion", "learn", "--replace")
    assert code == 0, err
    replaced = before.replace(
        'id = "learn"\nlabel = "Apprentissage"\napplies_to = "angle"\nkind = "score"\n'
        'scale = "n"\nweight = 1\n',
        'id = "learn"\nlabel = "Apprentissage"\napplies_to = "angle"\nkind = "gate"\n'
        'scale = "n"\npass_at = 2\norigin = "mulhouse@4 (Mulhouse)"\n',
    )
    assert replaced != before
    assert target.read_text(encoding="utf-8") == replaced


def test_adopt_scale_conflict_writes_nothing(tmp_path, capsys):
    source = write(tmp_path / "other.toml", OTHER_TAMIS)
    mine = TAMIS.replace(
        '[scales.b]\nlevels = ["non", "oui"]', '[scales.trois]\nlevels = ["1", "2", "3"]'
    )
    mine = mine.replace('scale = "b"', 'scale = "trois"')
    target = write(tmp_path / "t.toml", mine)
    code, _, err = run_cli(capsys, "adopt", source, target, "--criterion", "youth")
    assert code == 2
    assert "`trois`" in err and "bas | moyen | haut" in err and "rien n'a été écrit" in err
    assert target.read_text(encoding="utf-8") == mine


def test_adopt_unknown_criterion_and_missing_choice(tmp_path, capsys):
    source = write(tmp_path / "other.toml", OTHER_TAMIS)
    target = write(tmp_path / "t.toml", TAMIS)
    code, _, err = run_cli(capsys, "adopt", source, target, "--criterion", "nope")
    assert code == 2 and "nope" in err
    code, _, err = run_cli(capsys, "adopt", source, target)
    assert code == 2 and "--all" in err
    assert target.read_text(encoding="utf-8") == TAMIS


# -- merge-scores -------------------------------------------------------------------


MERGE_BODY = """
[[subject]]
id = "a"
title = "Sujet A"

[[angle]]
id = "x"
subject = "a"
title = "Angle X"

[[scorer]]
id = "ana"

[[scorer]]
id = "bob"

[scores.ana]
"a" = { need = 2 }   # première séance
"""


def test_merge_scores_appends_entries(workspace, capsys):
    session = workspace(MERGE_BODY)
    before = session.read_text(encoding="utf-8")
    incoming = write(
        session.parent / "in" / "ana.toml",
        'format = 1\n\n[scores.ana]\n"a" = { need = 2, service = 1 }\n"a/x" = { learn = 3 }\n\n'
        '[notes.ana]\n"a/x" = "Concret."\n',
    )
    code, out, err = run_cli(capsys, "merge-scores", session, incoming)
    assert code == 0, err
    after = session.read_text(encoding="utf-8")
    assert (
        after
        == before.replace(
            '"a" = { need = 2 }   # première séance\n',
            '"a" = { need = 2, service = 1 }   # première séance\n"a/x" = { learn = 3 }\n',
        )
        + '\n[notes.ana]\n"a/x" = "Concret."\n'
    )
    assert "2 niveaux et 1 remarque" in out


def test_merge_scores_conflict_writes_nothing(workspace, capsys):
    session = workspace(MERGE_BODY)
    before = session.read_text(encoding="utf-8")
    good = write(session.parent / "bob.toml", 'format = 1\n[scores.bob]\n"a" = { need = 1 }\n')
    bad = write(session.parent / "ana.toml", 'format = 1\n[scores.ana]\n"a" = { need = 3 }\n')
    code, out, err = run_cli(capsys, "merge-scores", session, good, bad)
    assert code == 2 and out == ""
    assert "ana.toml:3:" in err and "contradictoires" in err
    assert session.read_text(encoding="utf-8") == before


def test_merge_scores_validates_against_the_tamis(workspace, capsys):
    session = workspace(MERGE_BODY)
    before = session.read_text(encoding="utf-8")
    bad = write(session.parent / "bob.toml", 'format = 1\n[scores.bob]\n"a" = { need = 9 }\n')
    code, _, err = run_cli(capsys, "merge-scores", session, bad)
    assert code == 2 and "bob.toml:3:" in err and "hors de l'échelle" in err
    assert session.read_text(encoding="utf-8") == before


# -- three-way merge -------------------------------------------------------------------


def test_merge_texts_same_field_two_ways_is_a_conflict():
    ours = TAMIS.replace("weight = 2\n", "weight = 4\n", 1)
    theirs = TAMIS.replace("weight = 2\n", "weight = 5\n", 1)
    result = merge_texts(TAMIS, ours, theirs)
    assert [(c.path, c.base, c.ours, c.theirs) for c in result.conflicts] == [
        ("criterion[need].weight", 2, 4, 5)
    ]
    assert "<<<<<<< ours\nweight = 4\n=======\nweight = 5\n>>>>>>> theirs\n" in result.text


def test_merge_texts_added_criteria_and_scores_rows():
    base = TAMIS
    ours = TAMIS.replace(
        "[group]",
        '[[criterion]]\nid = "ours"\nlabel = "O"\napplies_to = "subject"\n'
        'kind = "score"\nscale = "n"\nweight = 1\n\n[group]',
    )
    theirs = TAMIS.replace('label = "Tenable"', 'label = "Tenable"  # eux')
    result = merge_texts(base, ours, theirs)
    assert result.conflicts == []
    assert result.text == ours.replace('label = "Tenable"', 'label = "Tenable"  # eux')


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "commit.gpgsign", "false")
    driver = f'"{sys.executable}" -m sieve merge-driver %O %A %B %P'
    git(repo, "config", "merge.sieve.driver", driver)
    git(repo, "config", "merge.sieve.name", "sieve semantic merge")
    (repo / ".gitattributes").write_text("*.toml merge=sieve\n", encoding="utf-8")
    (repo / "criteria").mkdir()
    shutil.copy(TRANSFO, repo / "criteria" / "transfo.toml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def edit(repo: Path, branch: str, old: str, new: str, create: bool = True) -> None:
    git(repo, "checkout", "-q", *(["-b"] if create else []), branch)
    path = repo / "criteria" / "transfo.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert git(repo, "commit", "-q", "-am", branch).returncode == 0


def test_git_merge_of_different_criteria_is_clean_and_keeps_comments(repo):
    # Adjacent lines of one file: git's line merge would conflict here.
    edit(
        repo,
        "paris",
        'scale = "niveau"\nweight = 2\n\n[[criterion]]\nid = "hors-clivage"',
        'scale = "niveau"\nweight = 1                  # Paris : moins démonstratif\n\n'
        '[[criterion]]\nid = "hors-clivage"',
    )
    git(repo, "checkout", "-q", "main")
    edit(
        repo,
        "mulhouse",
        '[[criterion]]\nid = "hors-clivage"\nlabel = "À l\'abri des clivages politiques"',
        '# Mulhouse : critère décisif chez nous\n[[criterion]]\nid = "hors-clivage"\n'
        'label = "Hors clivages"',
    )
    git(repo, "checkout", "-q", "paris")
    merged = git(repo, "merge", "-q", "--no-edit", "mulhouse")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = (repo / "criteria" / "transfo.toml").read_text(encoding="utf-8")
    assert "weight = 1                  # Paris : moins démonstratif" in text
    assert "# Mulhouse : critère décisif chez nous\n[[criterion]]" in text
    assert 'label = "Hors clivages"' in text
    assert "# =====" in text and "Le groupe" in text
    assert "<<<<<<<" not in text
    assert git(repo, "status", "--porcelain").stdout == ""


def test_git_merge_same_weight_two_ways_is_a_conflict(repo):
    edit(repo, "paris", 'scale = "niveau"\nweight = 3', 'scale = "niveau"\nweight = 4')
    git(repo, "checkout", "-q", "main")
    edit(repo, "mulhouse", 'scale = "niveau"\nweight = 3', 'scale = "niveau"\nweight = 1')
    git(repo, "checkout", "-q", "paris")
    merged = git(repo, "merge", "--no-edit", "mulhouse")
    assert merged.returncode != 0
    assert "criterion[besoin-usagers].weight" in merged.stderr + merged.stdout
    assert git(repo, "status", "--porcelain").stdout.startswith("UU criteria/transfo.toml")
    text = (repo / "criteria" / "transfo.toml").read_text(encoding="utf-8")
    assert "<<<<<<< ours\nweight = 4\n=======\nweight = 1\n>>>>>>> theirs\n" in text


# -- compare ---------------------------------------------------------------------------


def test_compare_matches_by_id_and_provenance(tmp_path, capsys):
    source = write(tmp_path / "mulhouse.toml", OTHER_TAMIS)
    target = write(tmp_path / "t.toml", TAMIS)
    assert (
        run_cli(capsys, "adopt", source, target, "--criterion", "youth", "--rename", "jeunes")[0]
        == 0
    )
    comparison = compare([target, source])
    rows = {
        ident: [None if c is None else c.id for c in cells] for ident, _l, cells in comparison.rows
    }
    assert rows == {
        "need": ["need", "need"],
        "service": ["service", None],
        "learn": ["learn", "learn"],
        "doable": ["doable", None],
        "jeunes": ["jeunes", "youth"],
    }
    code, out, _ = run_cli(capsys, "compare", target, source, "--format", "csv")
    assert code == 0
    assert out.splitlines() == [
        "criterion,label,t@2,mulhouse@4",
        "need,Besoin,2,2",
        "service,Service associé,gate>=1,",
        "learn,Apprentissage,1,gate>=2",
        "doable,Tenable,gate>=1,",
        "jeunes,Parole des jeunes,3,3",
    ]
    code, out, _ = run_cli(capsys, "compare", target, source)
    assert code == 0
    assert "3 (youth)" in out and "porte≥2" in out


def test_compare_bad_file_is_located(tmp_path, capsys):
    bad = write(tmp_path / "bad.toml", TAMIS.replace('scale = "b"', 'scale = "zz"'))
    code, _, err = run_cli(capsys, "compare", bad)
    assert code == 2 and "bad.toml:" in err and "zz" in err


def test_help_texts_exist_in_both_languages():
    from sieve.i18n import CATALOGS

    for key in ("cli.diff.help", "cli.adopt.help", "cli.merge-scores.help", "cli.compare.help"):
        assert key in CATALOGS["fr"] and key in CATALOGS["en"]


SCORES = """\
format = 1

[scores.ana]   # les notes d'Ana
"a" = { need = 2, service = 1 }   # première séance
"a/x" = { learn = 3 }
"""


def test_merge_texts_score_rows_merge_by_criterion():
    ours = SCORES.replace("need = 2", "need = 3")
    theirs = SCORES.replace("service = 1", "service = 0")
    result = merge_texts(SCORES, ours, theirs)
    assert result.conflicts == []
    assert result.text == SCORES.replace("need = 2, service = 1", "need = 3, service = 0")


def test_merge_texts_score_conflict_marks_the_whole_line():
    ours = SCORES.replace("need = 2", "need = 3")
    theirs = SCORES.replace("need = 2", "need = 0")
    result = merge_texts(SCORES, ours, theirs)
    assert [(c.path, c.base, c.ours, c.theirs) for c in result.conflicts] == [
        ("scores.ana.a.need", 2, 3, 0)
    ]
    assert (
        '<<<<<<< ours\n"a" = { need = 3, service = 1 }   # première séance\n=======\n'
        '"a" = { need = 0, service = 1 }   # première séance\n>>>>>>> theirs\n'
    ) in result.text


def test_merge_texts_changed_here_deleted_there_is_a_conflict():
    doable = (
        '[[criterion]]\nid = "doable"\nlabel = "Tenable"\napplies_to = "angle"\n'
        'kind = "gate"\nscale = "b"\npass_at = 1\n'
    )
    ours = TAMIS.replace('label = "Tenable"', 'label = "Tenable ici"')
    theirs = TAMIS.replace(doable + "\n", "")
    result = merge_texts(TAMIS, ours, theirs)
    assert [c.path for c in result.conflicts] == ["criterion[doable]"]
    kept = doable.replace('"Tenable"', '"Tenable ici"')
    assert "<<<<<<< ours\n" + kept + "=======\n>>>>>>> theirs\n\n[group]" in result.text


def test_merge_driver_falls_back_to_lines_for_non_toml(tmp_path, capsys):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = "a = [\nb\nc\nd\ne\n"
    files = {
        "base": base,
        "ours": base.replace("b\n", "B\n"),
        "theirs": base.replace("e\n", "E\n"),
    }
    paths = [write(tmp_path / f"{name}.toml", text) for name, text in files.items()]
    code, _, err = run_cli(capsys, "merge-driver", *paths)
    assert code == 0, err
    assert paths[1].read_text(encoding="utf-8") == "a = [\nB\nc\nd\nE\n"


# -- the app's exchange screen ------------------------------------------------------


def test_app_exchange_screen_compares_and_adopts(workspace):
    import asyncio

    from textual.widgets import DataTable

    from sieve.app.app import SieveApp
    from sieve.app.screens.exchange import AdoptDialog

    path = workspace(EXCHANGE_BODY)
    tamis = path.parent.parent / "criteria" / "t.toml"
    write(tamis.with_name("mulhouse.toml"), OTHER_TAMIS)
    write(tamis.with_name("broken.toml"), "format = 1\n[tamis\n")
    before = tamis.read_text(encoding="utf-8")

    async def walk() -> None:
        app = SieveApp(path, watch=False)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("x")
            await pilot.pause()
            assert app.current_mode == "exchange"
            screen = app.screen
            table = screen.query_one(DataTable)
            assert [str(c.label) for c in table.columns.values()][1:] == [
                "nous : t@2\nTestville",
                "mulhouse@4\nMulhouse",
            ]
            assert [r.key.value for r in table.rows.values()] == [
                "need",
                "service",
                "learn",
                "doable",
                "youth",
            ]
            assert [str(c) for c in table.get_row("learn")[1:]] == ["1", "porte≥2"]
            hint = str(screen.query_one("#exchange-hint").render())
            assert "broken.toml" in hint
            # a criterion we already have: nothing to adopt, nothing written
            table.cursor_coordinate = (0, 2)
            await pilot.press("a")
            await pilot.pause()
            assert not isinstance(app.screen, AdoptDialog)
            # youth, from Mulhouse's column
            table.cursor_coordinate = (4, 2)
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, AdoptDialog)
            await pilot.press("y")
            await pilot.pause()
            await pilot.pause()
            assert app.workbench.session.tamis.by_id["youth"].origin == "mulhouse@4 (Mulhouse)"
            table = app.screen.query_one(DataTable)
            assert [str(c) for c in table.get_row("youth")[1:]] == ["3", "3"]
            adopted = tamis.read_text(encoding="utf-8")
            # undo puts our tamis back as it was, then the adoption is made again
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert tamis.read_text(encoding="utf-8") == before
            assert "youth" not in app.workbench.session.tamis.by_id
            table = app.screen.query_one(DataTable)
            table.cursor_coordinate = (4, 2)
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            await pilot.pause()
            assert tamis.read_text(encoding="utf-8") == adopted

    asyncio.run(walk())
    scale = '[scales.trois]   # une échelle courte\nlevels = ["bas", "moyen", "haut"]\n\n'
    youth = (
        '\n[[criterion]]\nid = "youth"\nlabel = "Parole des jeunes"   # ajouté à Mulhouse\n'
        'question = "Les jeunes sont-ils associés ?"\napplies_to = "subject"\nkind = "score"\n'
        'scale = "trois"\nweight = 3\norigin = "mulhouse@4 (Mulhouse)"\n'
    )
    at_scale = before.index("[[criterion]]")
    at_crit = before.index("\n[group]")
    expected = before[:at_scale] + scale + before[at_scale:at_crit] + youth + before[at_crit:]
    assert tamis.read_text(encoding="utf-8") == expected


def test_merge_texts_their_comment_and_our_value_do_not_conflict():
    ours = TAMIS.replace("weight = 2\n", "weight = 4\n", 1)
    theirs = TAMIS.replace("weight = 2\n", "weight = 2  # à revoir\n", 1)
    result = merge_texts(TAMIS, ours, theirs)
    assert result.conflicts == []
    assert result.text == ours


def test_merge_texts_brings_their_comments_at_the_top_and_in_tables():
    base = 'format = 1  # f\n\n[tamis]\n# h\nid = "t"\n'
    ours = base + "# ours at the end\n"
    theirs = "# theirs at the top\n" + base.replace("# h", "# h, theirs")
    result = merge_texts(base, ours, theirs)
    assert result.conflicts == []
    assert result.text == (
        "# theirs at the top\nformat = 1  # f\n\n"
        '[tamis]\n# h, theirs\nid = "t"\n# ours at the end\n'
    )


def test_files_tomlkit_cannot_keep_are_refused_or_merged_by_lines(tmp_path, capsys):
    split = TAMIS.replace(
        "[group]",
        '[other]\nx = 1\n\n[[criterion]]\nid = "late"\n'
        'label = "L"\napplies_to = "subject"\nkind = "score"\nscale = "n"\n'
        "weight = 1\n\n[group]",
    )
    target = write(tmp_path / "split.toml", split)
    source = write(tmp_path / "other.toml", OTHER_TAMIS)
    code, _, err = run_cli(capsys, "adopt", source, target, "--criterion", "youth")
    assert code == 2 and "rien n'a été écrit" in err.lower()
    assert target.read_text(encoding="utf-8") == split
    with pytest.raises(ValueError):
        merge_texts(split, split, split.replace('label = "L"', 'label = "M"'))


def test_merge_texts_score_tables_written_in_several_parts():
    # sieve writes a new scorer's table at the end, after [notes.*]: [scores] comes in parts
    base = (
        '[scores.ana]\n"a" = { need = 2 }\n\n[notes.ana]\n"a" = "ok"\n\n'
        '[scores.zed]\n"a" = { need = 0 }\n'
    )
    ours = base.replace('"a" = { need = 2 }', '"a" = { need = 2 }\n"b" = { need = 1 }')
    theirs = base.replace("need = 0", "need = 0, service = 1")
    result = merge_texts(base, ours, theirs)
    assert result.conflicts == []
    assert result.text == ours.replace("need = 0", "need = 0, service = 1")
    clash = merge_texts(base, base.replace("need = 0", "need = 2"), theirs.replace("0,", "3,"))
    assert [c.path for c in clash.conflicts] == ["scores.zed.a.need"]
    assert clash.text.endswith(
        '[scores.zed]\n<<<<<<< ours\n"a" = { need = 2, service = 1 }\n=======\n'
        '"a" = { need = 3, service = 1 }\n>>>>>>> theirs\n'
    )


def test_session_diff_sees_the_decision_journal_and_the_portfolio(tmp_path):

    copy_shipped(tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    b = tmp_path / "b" / "sessions" / "mulhouse.toml"
    assert main(["decide", str(b), "--cases", "carte-max/prototype-appli", "--rationale", "x"]) == 0
    b.write_text(b.read_text() + "\n[portfolio]\nmax_cases = 5\n")
    from sieve.exchange.diff import diff_sessions
    from sieve.load.session import open_session

    changes = diff_sessions(
        open_session(tmp_path / "a" / "sessions" / "mulhouse.toml"), open_session(b)
    )
    assert {(c.op, c.section) for c in changes} == {("added", "decision"), ("changed", "portfolio")}
    assert [c.field for c in changes if c.section == "portfolio"] == ["max_cases"]
