"""The edits that take an angle, on a session where two subjects each have an angle
``immersion``: each touches the one it names (by case key), never the other."""

from __future__ import annotations

import pytest
from conftest import SAME_ANGLE, changes, loaded

from sieve.errors import EditError
from sieve.save import cases as case_edits
from sieve.save import layout as edit_layout


@pytest.fixture
def same(workspace):
    path = workspace(SAME_ANGLE)
    return path, path.read_text(encoding="utf-8")


def test_add_an_angle_whose_id_another_subject_has(same) -> None:
    path, before = same
    case_edits.add_subject(loaded(path), "c", "Sujet C")
    assert case_edits.add_angle(loaded(path), "immersion", "c", "Immersion chez C") == [path]
    session = loaded(path)
    assert [c.key for c in session.cases] == ["a/immersion", "b/immersion", "c/immersion"]
    with pytest.raises(EditError) as caught:
        case_edits.add_angle(session, "immersion", "b", "Encore")
    assert (caught.value.code, caught.value.params["id"]) == ("edit.id_taken", "b/immersion")


def test_rename_one_of_two_same_named_angles(same) -> None:
    path, before = same
    assert case_edits.rename_angle(loaded(path), "b/immersion", "terrain") == [path]
    assert changes(before, path.read_text(encoding="utf-8")) == [
        '-id = "immersion"',
        '+id = "terrain"',
        '-"b/immersion" = { learn = 3, doable = 1 }',
        '+"b/terrain"   = { learn = 3, doable = 1 }',  # the `=` column kept
        '-"b/immersion" = { learn = 0, doable = 1 }',
        '+"b/terrain"   = { learn = 0, doable = 1 }',
        '-"b/immersion" = "Chez B."',
        '+"b/terrain"   = "Chez B."',
    ]
    session = loaded(path)
    assert session.angles["b/terrain"].title == "Immersion chez B"
    assert session.angles["a/immersion"].title == "Immersion chez A"
    assert session.scores["x"]["a/immersion"] == {"learn": 1, "doable": 1}


def test_rename_to_an_id_another_subject_has(same) -> None:
    path, _before = same
    case_edits.rename_angle(loaded(path), "b/immersion", "terrain")
    case_edits.rename_angle(loaded(path), "b/terrain", "immersion")  # a has one: allowed
    assert [c.key for c in loaded(path).cases] == ["a/immersion", "b/immersion"]
    case_edits.add_angle(loaded(path), "terrain", "b", "Terrain")
    written = path.read_text(encoding="utf-8")
    with pytest.raises(EditError) as caught:
        case_edits.rename_angle(loaded(path), "b/terrain", "immersion")  # b has one
    assert (caught.value.code, caught.value.params["id"]) == ("edit.id_taken", "b/immersion")
    assert path.read_text(encoding="utf-8") == written


@pytest.mark.parametrize(
    "call",
    [
        lambda s: case_edits.rename_angle(s, "immersion", "z"),
        lambda s: case_edits.set_angle(s, "immersion", title="Z"),
        lambda s: case_edits.remove_angle(s, "immersion", drop_scores=True),
        lambda s: edit_layout.references(s, angle="immersion"),
    ],
)
def test_a_bare_id_that_two_subjects_have_is_refused(same, call) -> None:
    path, before = same
    with pytest.raises(EditError) as caught:
        call(loaded(path))
    assert caught.value.code == "edit.angle_ambiguous"
    assert caught.value.params == {"id": "immersion", "keys": "a/immersion, b/immersion"}
    assert path.read_text(encoding="utf-8") == before


def test_describe_one_of_two_same_named_angles(same) -> None:
    path, before = same
    case_edits.set_angle(loaded(path), "a/immersion", title="Observer A", methods=["maquette"])
    assert changes(before, path.read_text(encoding="utf-8")) == [
        '-title = "Immersion chez A"',
        '-methods = ["immersion"]',
        '+title = "Observer A"',
        '+methods = ["maquette"]',
    ]
    session = loaded(path)
    assert (session.angles["a/immersion"].title, session.angles["a/immersion"].methods) == (
        "Observer A",
        ("maquette",),
    )
    assert session.angles["b/immersion"].title == "Immersion chez B"


def test_references_and_removal_of_one_of_two_same_named_angles(same) -> None:
    path, before = same
    refs = edit_layout.references(loaded(path), angle="b/immersion")
    assert (refs.scores, refs.notes) == (4, 1)  # x's and y's learn and doable; x's note
    with pytest.raises(EditError) as caught:
        case_edits.remove_angle(loaded(path), "b/immersion")
    assert (caught.value.code, caught.value.params["id"]) == ("edit.has_refs", "b/immersion")
    assert path.read_text(encoding="utf-8") == before
    case_edits.remove_angle(loaded(path), "b/immersion", drop_scores=True)
    removed = changes(before, path.read_text(encoding="utf-8"))
    assert all(line.startswith("-") for line in removed)
    assert [line for line in removed if "immersion" in line] == [
        '-id = "immersion"',
        '-methods = ["immersion", "personas"]',
        '-"b/immersion" = { learn = 3, doable = 1 }',
        '-"b/immersion" = { learn = 0, doable = 1 }',
        '-"b/immersion" = "Chez B."',
    ]
    session = loaded(path)
    assert [c.key for c in session.cases] == ["a/immersion"]
    assert session.angles["a/immersion"].title == "Immersion chez A"
    assert session.notes["x"] == {"a/immersion": "Chez A."}
    assert session.scores["y"]["a/immersion"] == {"learn": 1, "doable": 1}
    assert "b/immersion" not in session.scores["y"]
