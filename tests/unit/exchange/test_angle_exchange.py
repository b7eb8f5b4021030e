"""Exchange between cities on files where two subjects each have an angle ``immersion``:
diff, merge-scores and the three-way merge match an angle within its subject."""

from __future__ import annotations

import json

from conftest import SAME_ANGLE, SESSION_HEAD, loaded, run_cli, write

from sieve.exchange.merge3 import merge_texts

BASE = SESSION_HEAD + SAME_ANGLE

#: A subject renamed on one side (its angle follows), in a file whose angle ids are distinct.
DISTINCT = SESSION_HEAD + SAME_ANGLE.replace(
    'id = "immersion"\nsubject = "b"', 'id = "terrain"\nsubject = "b"'
).replace('"b/immersion"', '"b/terrain"')


def test_diff_names_the_angle_that_changed_by_its_case_key(workspace, capsys):
    old = workspace(SAME_ANGLE)
    new = write(
        old.with_name("new.toml"),
        BASE.replace('title = "Immersion chez B"', 'title = "Immerger B"').replace(
            'methods = ["immersion"]\n', 'methods = ["immersion", "maquette"]\n'
        ),
    )
    code, out, err = run_cli(capsys, "diff", old, new, "--format", "json")
    assert code == 1, err
    got = [(c["op"], c["section"], c["id"], c.get("field")) for c in json.loads(out)["changes"]]
    assert got == [
        ("changed", "angle", "a/immersion", "methods"),
        ("changed", "angle", "b/immersion", "title"),
    ]
    code, out, _ = run_cli(capsys, "diff", old, new)
    assert "b/immersion" in out and "a/immersion" in out


def test_diff_of_an_angle_added_under_another_subject(workspace, capsys):
    old = workspace(SAME_ANGLE.replace('"b/immersion" = { learn = 0, doable = 1 }', ""))
    text = old.read_text(encoding="utf-8")
    new = write(
        old.with_name("new.toml"),
        text.replace(
            "[[scorer]]",
            '[[subject]]\nid = "c"\ntitle = "C"\n\n'
            '[[angle]]\nid = "immersion"\nsubject = "c"\ntitle = "Immersion chez C"\n\n[[scorer]]',
            1,
        ),
    )
    code, out, err = run_cli(capsys, "diff", old, new, "--format", "json")
    assert code == 1, err
    got = [(c["op"], c["section"], c["id"]) for c in json.loads(out)["changes"]]
    assert got == [("added", "subject", "c"), ("added", "angle", "c/immersion")]


def test_merge_scores_of_one_of_two_same_named_angles(workspace, capsys):
    session = workspace(SAME_ANGLE.replace('"b/immersion" = { learn = 0, doable = 1 }\n', ""))
    incoming = write(
        session.parent / "in" / "y.toml",
        'format = 1\n\n[scores.y]\n"b/immersion" = { learn = 2, doable = 1 }\n\n'
        '[notes.y]\n"a/immersion" = "Vu."\n',
    )
    code, out, err = run_cli(capsys, "merge-scores", session, incoming)
    assert code == 0, err
    merged = loaded(session)
    assert merged.scores["y"]["b/immersion"] == {"learn": 2, "doable": 1}
    assert merged.scores["y"]["a/immersion"] == {"learn": 1, "doable": 1}
    assert merged.notes["y"] == {"a/immersion": "Vu."}


def test_three_way_merge_of_two_same_named_angles(tmp_path):
    ours = BASE.replace('title = "Immersion chez A"', 'title = "Immerger A"')
    theirs = BASE.replace(
        'methods = ["immersion", "personas"]', 'methods = ["immersion", "personas", "maquette"]'
    )
    result = merge_texts(BASE, ours, theirs)
    assert result.conflicts == []
    assert result.text == ours.replace(
        'methods = ["immersion", "personas"]', 'methods = ["immersion", "personas", "maquette"]'
    )


def test_three_way_merge_conflict_names_the_case_of_the_angle():
    ours = BASE.replace('title = "Immersion chez B"', 'title = "Ours"')
    theirs = BASE.replace('title = "Immersion chez B"', 'title = "Theirs"')
    result = merge_texts(BASE, ours, theirs)
    assert [(c.path, c.base, c.ours, c.theirs) for c in result.conflicts] == [
        ("angle[b/immersion].title", "Immersion chez B", "Ours", "Theirs")
    ]
    assert 'title = "Immersion chez A"' in result.text
    assert '<<<<<<< ours\ntitle = "Ours"\n=======\ntitle = "Theirs"\n>>>>>>> theirs' in result.text


def test_three_way_merge_of_an_angle_added_under_each_of_two_subjects():
    """Each side adds an angle ``maquette``, under another subject: both are kept."""
    add_a = '[[angle]]\nid = "maquette"\nsubject = "a"\ntitle = "Maquette A"\n\n[[scorer]]'
    add_b = '[[angle]]\nid = "maquette"\nsubject = "b"\ntitle = "Maquette B"\n\n[[scorer]]'
    ours = BASE.replace("[[scorer]]", add_a, 1)
    theirs = BASE.replace("[[scorer]]", add_b, 1)
    result = merge_texts(BASE, ours, theirs)
    assert result.conflicts == []
    assert result.text.index('title = "Maquette A"') < result.text.index('title = "Maquette B"')
    assert result.text.count('id = "maquette"') == 2


def test_merge_driver_merges_two_same_named_angles(tmp_path, capsys):
    """Two lines side by side of b's angle, changed one each: git's line merge would
    conflict; matched within its subject, the angle merges key by key."""
    more = 'methods = ["immersion", "personas", "maquette"]'
    base = write(tmp_path / "base.toml", BASE)
    ours_text = BASE.replace('title = "Immersion chez B"', 'title = "Immerger B"')
    ours = write(tmp_path / "ours.toml", ours_text)
    theirs = write(
        tmp_path / "theirs.toml", BASE.replace('methods = ["immersion", "personas"]', more)
    )
    code, _out, err = run_cli(capsys, "merge-driver", base, ours, theirs, "sessions/s.toml")
    assert (code, err) == (0, "")
    assert ours.read_text(encoding="utf-8") == ours_text.replace(
        'methods = ["immersion", "personas"]', more
    )


def test_three_way_merge_keeps_matching_distinct_angle_ids_by_id():
    """A file whose angle ids are all distinct merges as before: a subject renamed on one
    side still meets its angle, whose title the other side changed."""
    ours = (
        DISTINCT.replace('id = "b"\ntitle = "Sujet B"', 'id = "bb"\ntitle = "Sujet B"')
        .replace('subject = "b"', 'subject = "bb"')
        .replace('"b"', '"bb"')
        .replace('"b/terrain"', '"bb/terrain"')
    )
    theirs = DISTINCT.replace('title = "Immersion chez B"', 'title = "Sur le terrain"')
    result = merge_texts(DISTINCT, ours, theirs)
    assert result.conflicts == []
    assert result.text == ours.replace('title = "Immersion chez B"', 'title = "Sur le terrain"')
