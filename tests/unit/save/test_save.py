"""Lossless saving: same bytes when nothing changes, one line for one score, no silent overwrite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import changes

from sieve.errors import EditError, FileChangedError
from sieve.load.session import load_session, open_session
from sieve.save.document import TomlDocument, atomic_write
from sieve.save.scores import set_note, set_score


def test_noop_save_gives_the_same_bytes(shipped: Path):
    files = [*shipped.glob("criteria/*.toml"), *shipped.glob("sessions/**/*.toml")]
    assert len(files) >= 9
    for path in files:
        before = path.read_bytes()
        doc = TomlDocument(path)
        assert doc.text().encode() == before
        assert doc.save() is False
        assert path.read_bytes() == before


def test_crlf_file_survives_a_noop_save(tmp_path: Path):
    path = tmp_path / "t.toml"
    path.write_bytes(b'format = 1\r\n# comment\r\n[tamis]\r\nid = "t"\r\n')
    doc = TomlDocument(path)
    assert doc.text().encode() == path.read_bytes()


def test_score_edit_changes_exactly_one_line_and_keeps_comments(shipped: Path):
    session = open_session(shipped / "sessions" / "paris.toml")
    target = shipped / "sessions" / "paris-scores" / "clemence.toml"
    before = target.read_text()
    old = session.scores["clemence"]["carte-participative/kiosque"]["interet-formation"]
    new = 0 if old else 1
    written = set_score(
        session, "clemence", "carte-participative/kiosque", "interet-formation", new
    )
    assert [p.name for p in written] == ["clemence.toml"]
    after = target.read_text()
    diff = changes(before, after)
    assert len(diff) == 2  # one line removed, one added: the same line, changed
    assert diff[1].startswith('+"carte-participative/kiosque"')
    assert f"interet-formation = {new}" in diff[1]
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(c in after.splitlines() for c in comments)
    reloaded = open_session(shipped / "sessions" / "paris.toml")
    assert reloaded.scores["clemence"]["carte-participative/kiosque"]["interet-formation"] == new


def test_adding_a_criterion_to_a_line_changes_only_that_line(shipped: Path):
    path = shipped / "sessions" / "mulhouse.toml"
    session = open_session(path)
    before = path.read_text()
    # Touria scored only carte-max: add a subject line, then a criterion to it.
    assert "periscolaire" not in session.scores["touria"]
    set_score(session, "touria", "periscolaire", "besoin-usagers", 2)
    middle = path.read_text()
    diff = changes(before, middle)
    assert diff == ['+"periscolaire" = { besoin-usagers = 2 }']
    set_score(open_session(path), "touria", "periscolaire", "hors-clivage", 1)
    diff = changes(middle, path.read_text())
    assert diff == [
        '-"periscolaire" = { besoin-usagers = 2 }',
        '+"periscolaire" = { besoin-usagers = 2, hors-clivage = 1 }',
    ]
    assert load_session(path).errors == []


def test_clear_removes_the_entry_then_the_empty_line(workspace):
    path = workspace(
        """
[[subject]]
id = "a"
title = "A"

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"a" = { need = 2, service = 1 }  # avis de X
"a/a1" = { learn = 1 }
"""
    )
    set_score(open_session(path), "x", "a/a1", "learn", None)
    assert '"a/a1"' not in path.read_text()
    set_score(open_session(path), "x", "a", "need", None)
    assert '"a" = { service = 1 }  # avis de X' in path.read_text()
    assert set_score(open_session(path), "x", "a", "need", None) == []


def test_first_score_of_a_scorer_creates_their_table(workspace):
    body = """
[[subject]]
id = "a"
title = "A"

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[scorer]]
id = "x"
name = "X"
"""
    path = workspace(body)
    before = path.read_text()
    set_score(open_session(path), "x", "a/a1", "learn", 3)
    after = path.read_text()
    assert after.startswith(before)
    assert after[len(before) :] == '\n[scores.x]\n"a/a1" = { learn = 3 }\n'
    assert open_session(path).scores == {"x": {"a/a1": {"learn": 3}}}


def test_unknown_keys_survive_an_edit(workspace):
    body = """
[[subject]]
id = "a"
title = "A"
colour = "bleu"   # a key sieve does not know

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[scorer]]
id = "x"
name = "X"

[custom]
anything = [1, 2, 3]

[scores.x]
"a/a1" = { learn = 1 }
"""
    path = workspace(body)
    set_score(open_session(path), "x", "a/a1", "learn", 2)
    text = path.read_text()
    assert 'colour = "bleu"   # a key sieve does not know' in text
    assert "[custom]\nanything = [1, 2, 3]" in text
    assert '"a/a1" = { learn = 2 }' in text


def test_file_changed_on_disk_is_not_overwritten(shipped: Path):
    path = shipped / "sessions" / "mulhouse.toml"
    session = open_session(path)
    someone_else = path.read_text() + "\n# ajouté par quelqu'un d'autre\n"
    path.write_text(someone_else)
    with pytest.raises(FileChangedError):
        set_score(session, "touria", "carte-max", "besoin-usagers", 0)
    assert path.read_text() == someone_else


def test_invalid_edits_are_refused_before_writing(shipped: Path):
    path = shipped / "sessions" / "mulhouse.toml"
    session = open_session(path)
    before = path.read_bytes()
    for args, code in [
        (("nobody", "carte-max", "besoin-usagers", 1), "edit.unknown"),
        (("touria", "nowhere", "besoin-usagers", 1), "edit.unknown"),
        (("touria", "carte-max/nope", "interet-formation", 1), "edit.unknown"),
        (("touria", "carte-max", "interet-formation", 1), "edit.applies"),
        (("touria", "carte-max", "besoin-usagers", 9), "edit.level"),
        (("touria", "carte-max", "nope", 1), "edit.unknown"),
    ]:
        with pytest.raises(EditError) as info:
            set_score(session, *args)
        assert info.value.code == code
    assert path.read_bytes() == before


def test_notes_are_written_and_removed(workspace):
    body = """
[[subject]]
id = "a"
title = "A"

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"a/a1" = { learn = 1 }
"""
    path = workspace(body)
    set_note(open_session(path), "x", "a/a1", 'Très "concret"\net sur deux lignes')
    session = open_session(path)
    assert session.notes["x"]["a/a1"] == 'Très "concret"\net sur deux lignes'
    set_note(session, "x", "a/a1", None)
    assert "notes" not in open_session(path).notes.get("x", {})
    assert open_session(path).notes.get("x", {}) == {}


def test_atomic_write_leaves_no_temporary_file_and_keeps_mode(tmp_path: Path):
    path = tmp_path / "f.toml"
    path.write_text("a = 1\n")
    os.chmod(path, 0o640)
    atomic_write(path, b"a = 2\n")
    assert path.read_bytes() == b"a = 2\n"
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.toml"]


def test_new_scorer_table_goes_at_the_end_not_under_another_heading(workspace):
    body = """
[[subject]]
id = "a"
title = "A"

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[scorer]]
id = "x"
name = "X"

[[scorer]]
id = "y"
name = "Y"

[scores.x]
"a/a1" = { learn = 1 }

# --- Notes --------------------------------------------------------------
[notes.x]
"a/a1" = "Une note."
"""
    path = workspace(body)
    before = path.read_text()
    set_score(open_session(path), "y", "a/a1", "learn", 2)
    after = path.read_text()
    assert after == before + '\n[scores.y]\n"a/a1" = { learn = 2 }\n'
    set_note(open_session(path), "y", "a/a1", "Autre note.")
    assert path.read_text() == after + '\n[notes.y]\n"a/a1" = "Autre note."\n'
    session = open_session(path)
    assert session.scores["y"] == {"a/a1": {"learn": 2}}
    assert session.notes["y"] == {"a/a1": "Autre note."}


def _tomlkit_edit(path: Path, scorer: str, key: str, criterion: str, level) -> str:
    from sieve.save.scores import _tomlkit_score

    doc = TomlDocument(path)
    _tomlkit_score(doc, scorer, key, criterion, level)
    return doc.text()


@pytest.mark.parametrize(
    ("scorer", "key", "criterion", "level"),
    [
        ("clemence", "carte-participative/kiosque", "interet-formation", 0),  # change a level
        ("clemence", "carte-participative/kiosque", "interet-formation", None),  # clear one
        ("mehdi", "accueil-mairies/maquette-accueil", "interet-formation", 2),  # a new line
        ("sophie", "carte-personnalisable/maquette-appli", "essai-erreur", 1),  # fill a gap
    ],
)
def test_one_line_splice_gives_the_same_bytes_as_the_tomlkit_edit(
    shipped: Path, scorer, key, criterion, level
):
    from sieve.save.scores import splice_score

    path = shipped / "sessions" / "paris-scores" / f"{scorer}.toml"
    text = path.read_text()
    spliced = splice_score(text, scorer, key, criterion, level)
    assert spliced is not None and spliced != text
    assert spliced == _tomlkit_edit(path, scorer, key, criterion, level)


def test_splice_declines_what_it_cannot_do_safely_and_the_edit_still_happens(workspace):
    from sieve.save.scores import splice_score

    body = """
[[subject]]
id = "a"
title = "A"

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[scorer]]
id = "x"
name = "X"

[scores]
x."a/a1" = { learn = 1 }   # written as a dotted key, not as [scores.x]
"""
    path = workspace(body)
    assert splice_score(path.read_text(), "x", "a/a1", "learn", 2) is None
    set_score(open_session(path), "x", "a/a1", "learn", 2)
    assert open_session(path).scores["x"]["a/a1"] == {"learn": 2}
    assert "# written as a dotted key" in path.read_text()


def test_splice_keeps_crlf_line_ends(workspace):
    body = (
        '\n[[subject]]\nid = "a"\ntitle = "A"\n\n[[angle]]\nid = "a1"\nsubject = "a"\n'
        'title = "A1"\n\n[[scorer]]\nid = "x"\nname = "X"\n\n[scores.x]\n"a" = { need = 1 }\n'
    )
    path = workspace(body)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    set_score(open_session(path), "x", "a", "need", 3)
    set_score(open_session(path), "x", "a/a1", "learn", 2)
    raw = path.read_bytes()
    assert b'"a" = { need = 3 }\r\n"a/a1" = { learn = 2 }\r\n' in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")
