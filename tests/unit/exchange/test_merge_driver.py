"""The git merge driver in a real git repository: every value type, the arrays of tables
keyed by something other than `id`, bad bytes and broken TOML on one side."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
from conftest import PROJECT

MARKERS = ("<<<<<<< ours", "=======", ">>>>>>> theirs")


def marked(text: str) -> bool:
    """Whether the text holds a whole git conflict block (lines of their own)."""
    lines = text.split("\n")
    found = [next((i for i, line in enumerate(lines) if line == m), -1) for m in MARKERS]
    return -1 not in found and found == sorted(found)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository set up as the README says, holding the shipped files."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "config", "merge.sieve.name", "sieve semantic merge")
    driver = f'"{sys.executable}" -m sieve merge-driver %O %A %B %P'
    git(repo, "config", "merge.sieve.driver", driver)
    (repo / ".gitattributes").write_text("*.toml merge=sieve\n", encoding="utf-8")
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, repo / name)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def commit(repo: Path, branch: str, name: str, change, start: str = "main") -> None:
    """On a new ``branch`` from ``start``, edit ``name`` with ``change(path)``; commit."""
    assert git(repo, "checkout", "-q", "-b", branch, start).returncode == 0
    path = repo / name
    before = path.read_bytes()
    change(path)
    assert path.read_bytes() != before
    git(repo, "add", "-A")
    done = git(repo, "commit", "-q", "-m", branch)
    assert done.returncode == 0, done.stderr


def replace(old: str, new: str):
    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")

    return change


def merge(repo: Path, name: str, ours: str = "ours", theirs: str = "theirs"):
    """Merge ``theirs`` into ``ours``: (git's exit status, its output, the file's text)."""
    git(repo, "checkout", "-q", ours)
    done = git(repo, "merge", "--no-edit", theirs)
    return done.returncode, done.stdout + done.stderr, (repo / name).read_bytes()


def assert_clean(status: int, output: str, data: bytes, *expected: str) -> str:
    assert status == 0, output
    text = data.decode("utf-8")
    assert not any(line.startswith(("<<<<<<<", ">>>>>>>")) for line in text.split("\n"))
    tomllib.loads(text)
    for part in expected:
        assert part in text, part
    return text


# -- every TOML value type (issue 10 item 15) ------------------------------------------

SUBJECT = '''title = "Les inscriptions au périscolaire"
description = "Simplifier l'inscription des enfants à la cantine et aux accueils du soir, \
aujourd'hui en plusieurs guichets et formulaires."
type = "service"'''


def test_two_cities_edit_a_subject_holding_a_boolean(repo):
    # adjacent lines: only a merge key by key is clean here
    name = "sessions/mulhouse.toml"
    ours = SUBJECT.replace('"service"', '"outil"')
    theirs = SUBJECT.replace('"Les inscriptions', '"Les').replace('"Simplifier', '"Rendre')
    commit(repo, "ours", name, replace(SUBJECT, ours))
    commit(repo, "theirs", name, replace(SUBJECT, theirs))
    status, output, data = merge(repo, name)
    text = assert_clean(status, output, data)
    assert "lignes" not in output  # no fallback to git's line merge
    assert theirs.replace('"service"', '"outil"') in text
    assert "first_case = false" in text


TYPES = """\
format = 1

[all]
flag = true
count = 3
share = 0.5
name = "x"
day = 2017-02-14
when = 2017-02-14T09:30:00+01:00
local = 2017-02-14T09:30:00
hour = 09:30:00
list = [1, 2]
row = { a = 1, b = true }

[other]
off = false
"""

#: Each type's key, a new value for one side and another for the other side.
EDITS = {
    "flag": ("false", '"non"  # eux'),
    "count": ("4", "5"),
    "share": ("0.75", "1e3"),
    "name": ('"y"', '"z"'),
    "day": ("2018-03-01", "2019-04-02"),
    "when": ("2017-02-14T10:00:00Z", "2017-02-15T09:30:00+02:00"),
    "local": ("2018-01-01T00:00:00", "2019-01-01T00:00:00.5"),
    "hour": ("10:00:00", "11:15:30"),
    "list": ("[1, 2, 3]", '["a"]'),
    "row": ("{ a = 2, b = true }", "{ a = 3, b = true }"),
}


def _types_repo(repo: Path) -> str:
    name = "types.toml"
    (repo / name).write_text(TYPES, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "types")
    return name


def _set(text: str, key: str, value: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
    return text.replace(line + "\n", f"{key} = {value}\n", 1)


def test_every_value_type_merges_key_by_key(repo):
    name = _types_repo(repo)
    keys = list(EDITS)
    mine, yours = keys[::2], keys[1::2]

    def change(keys: list[str], side: int):
        def apply(path: Path) -> None:
            text = path.read_text(encoding="utf-8")
            for key in keys:
                text = _set(text, key, EDITS[key][side])
            if side:
                text = text.replace("off = false", "off = true  # eux")
            path.write_text(text, encoding="utf-8")

        return apply

    commit(repo, "ours", name, change(mine, 0))
    commit(repo, "theirs", name, change(yours, 1))
    status, output, data = merge(repo, name)
    text = assert_clean(status, output, data, "off = true  # eux")
    for key in mine:
        assert f"{key} = {EDITS[key][0]}\n" in text
    for key in yours:
        assert f"{key} = {EDITS[key][1]}\n" in text


def test_every_value_type_changed_two_ways_is_a_marked_conflict(repo):
    name = _types_repo(repo)

    def change(side: int):
        def apply(path: Path) -> None:
            text = path.read_text(encoding="utf-8")
            for key, values in EDITS.items():
                text = _set(text, key, values[side].split("  #")[0])
            path.write_text(text, encoding="utf-8")

        return apply

    commit(repo, "ours", name, change(0))
    commit(repo, "theirs", name, change(1))
    status, output, data = merge(repo, name)
    assert status != 0
    text = data.decode("utf-8")
    for key, (mine, yours) in EDITS.items():
        assert f"all.{key}" in output
        block = f"<<<<<<< ours\n{key} = {mine}\n=======\n{key} = {yours.split('  #')[0]}\n"
        assert block + ">>>>>>> theirs\n" in text, key
    assert "sieve-conflict" not in text


# -- arrays of tables keyed by something else than `id` (issue 15 item 2a) -----------

DECISION = """
[[decision]]
id = "d1"
date = 2016-06-20
cases = ["carte-max/prototype-appli", "periscolaire/parcours-familles"]
rationale = "x"

[[decision.case]]
case = "carte-max/prototype-appli"
score = 0.828431
rank = 1

[[decision.case]]
case = "periscolaire/parcours-familles"
score = 0.705882
rank = 5

[portfolio]
max_cases = 4

[[portfolio.case]]
case = "carte-max/prototype-appli"
sessions = [1, 2]

[[portfolio.case]]
case = "periscolaire/parcours-familles"
sessions = [3, 4]

[[portfolio.session]]
number = 3
days = 2

[[portfolio.session]]
number = 4
days = 3
"""


def _journal_repo(repo: Path) -> str:
    name = "sessions/mulhouse.toml"
    path = repo / name
    path.write_text(path.read_text(encoding="utf-8") + DECISION, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "journal")
    return name


def _review(case: str, level: int, note: str):
    def apply(path: Path) -> None:
        from sieve.cli.main import main

        argv = ["review", str(path), "d1", case, "--level", str(level), "--note", note]
        assert main([*argv, "--date", "2016-12-01"]) == 0

    return apply


def test_two_people_review_different_cases_of_a_decision(repo):
    name = _journal_repo(repo)
    commit(repo, "ours", name, _review("carte-max/prototype-appli", 2, "bien"))
    commit(repo, "theirs", name, _review("periscolaire/parcours-familles", 1, "mitigé"))
    status, output, data = merge(repo, name)
    text = assert_clean(status, output, data, 'outcome_note = "bien"', 'outcome_note = "mitigé"')
    journal = tomllib.loads(text)["decision"][0]["case"]
    assert [(c["case"], c.get("outcome")) for c in journal] == [
        ("carte-max/prototype-appli", 2),
        ("periscolaire/parcours-familles", 1),
    ]


def test_the_calendar_merges_by_case_and_by_session_number(repo):
    name = _journal_repo(repo)
    ours_edit = replace("sessions = [1, 2]", "sessions = [1, 2, 5]  # nous")
    theirs_edit = replace("number = 4\ndays = 3", "number = 4\ndays = 2.5")

    def both(path: Path) -> None:
        replace("sessions = [3, 4]", "sessions = [3]")(path)
        theirs_edit(path)

    commit(repo, "ours", name, ours_edit)
    commit(repo, "theirs", name, both)
    status, output, data = merge(repo, name)
    text = assert_clean(status, output, data)
    portfolio = tomllib.loads(text)["portfolio"]
    assert [c["sessions"] for c in portfolio["case"]] == [[1, 2, 5], [3]]
    assert [s["days"] for s in portfolio["session"]] == [2, 2.5]
    assert "sessions = [1, 2, 5]  # nous" in text


def test_the_same_review_recorded_two_ways_is_a_marked_conflict(repo):
    name = _journal_repo(repo)
    commit(repo, "ours", name, _review("carte-max/prototype-appli", 2, "bien"))
    commit(repo, "theirs", name, _review("carte-max/prototype-appli", 0, "raté"))
    status, output, data = merge(repo, name)
    assert status != 0
    assert "decision[d1].case[carte-max/prototype-appli].outcome" in output
    text = data.decode("utf-8")
    assert "<<<<<<< ours\noutcome = 2\n=======\noutcome = 0\n>>>>>>> theirs\n" in text
    assert git(repo, "status", "--porcelain").stdout.startswith("UU " + name)


def test_entries_without_a_key_are_never_a_conflict_the_file_does_not_show(repo):
    # `[[extra]]` entries have no key sieve knows: matched by position only when no side
    # added or removed one
    name = "sessions/extra.toml"
    body = "format = 1\n" + "".join(f'\n[[extra]]\nlabel = "{n}"\nvalue = {n}\n' for n in range(4))
    (repo / name).write_text(body, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "extra")
    git(repo, "branch", "-q", "-f", "extra-base")
    commit(repo, "ours", name, replace("value = 0", "value = 10"))
    commit(repo, "theirs", name, replace("value = 3", "value = 13"))
    status, output, data = merge(repo, name)
    text = data.decode("utf-8")
    if status != 0:
        assert marked(text), output
    else:
        assert_clean(status, output, data, "value = 10\n", "value = 13\n")
    commit(repo, "ours2", name, replace("value = 1", "value = 11"), start="extra-base")
    commit(repo, "theirs2", name, replace("value = 1", "value = 21"), start="extra-base")
    status, output, data = merge(repo, name, "ours2", "theirs2")
    assert status != 0
    assert marked(data.decode("utf-8")), output


def test_two_fields_of_one_dated_entry_changed_on_each_side_merge_cleanly(repo):
    """`[[assessment]]` has no key: the first entry's stakeholder changed on one side and
    its date on the other (hypothesis found it on the shipped Mulhouse) merge field by
    field, the entries being matched by position since no side added or removed one."""
    name = "sessions/dated.toml"
    body = "format = 1\n" + "".join(
        f'\n[[assessment]]\nstakeholder = "p{n}"\ndate = 2017-0{n + 1}-01\npower = {n}\n'
        for n in range(3)
    )
    (repo / name).write_text(body, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "dated")
    git(repo, "branch", "-q", "-f", "dated-base")
    commit(repo, "ours", name, replace('stakeholder = "p0"', 'stakeholder = "sebastien"'))
    commit(repo, "theirs", name, replace("date = 2017-01-01", "date = 2017-02-13"))
    status, output, data = merge(repo, name)
    assert status == 0, output
    merged = tomllib.loads(data.decode("utf-8"))["assessment"]
    assert merged[0] == {"stakeholder": "sebastien", "date": date(2017, 2, 13), "power": 0}
    assert [a["stakeholder"] for a in merged] == ["sebastien", "p1", "p2"]
    # an entry added on one side: positions no longer match, the lines decide
    added = '\n[[assessment]]\nstakeholder = "new"\ndate = 2017-05-01\n'
    commit(repo, "ours3", name, lambda p: p.write_text(p.read_text() + added), start="dated-base")
    commit(repo, "theirs3", name, replace("power = 1", "power = 4"), start="dated-base")
    status, output, data = merge(repo, name, "ours3", "theirs3")
    text = data.decode("utf-8")
    assert status == 0 and "power = 4" in text and 'stakeholder = "new"' in text, output


# -- bad bytes, broken TOML (issue 15 items 2b and 2c) ---------------------------------


def test_a_version_that_is_not_utf8_is_a_worded_conflict(repo):
    name = "criteria/transfo.toml"
    commit(repo, "ours", name, replace('id = "transfo"', 'id = "transfo" # nous'))

    def latin1(path: Path) -> None:  # "été" in Latin-1
        path.write_bytes(path.read_bytes().replace(b"version = 1 ", b"version = 2 # \xe9t\xe9"))

    commit(repo, "theirs", name, latin1)
    git(repo, "checkout", "-q", "ours")
    ours = (repo / name).read_bytes()
    status, output, data = merge(repo, name)
    assert status != 0
    assert "Traceback" not in output
    assert "UTF-8" in output and name in output
    assert git(repo, "status", "--porcelain").stdout.startswith("UU " + name)
    assert data == ours


def test_a_broken_theirs_is_a_conflict_with_visible_markers(repo):
    name = "criteria/transfo.toml"
    commit(repo, "ours", name, replace('id = "transfo"', 'id = "transfo"  # nous'))
    commit(repo, "theirs", name, replace("[group]", "[group"))
    status, output, data = merge(repo, name)
    assert status != 0, output
    assert "Traceback" not in output
    text = data.decode("utf-8")
    assert "<<<<<<< ours\n[group]\n=======\n[group\n>>>>>>> theirs\n" in text
    assert 'id = "transfo"  # nous' in text
    assert git(repo, "status", "--porcelain").stdout.startswith("UU " + name)
