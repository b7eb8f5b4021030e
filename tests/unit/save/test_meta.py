"""The session's header and its scorers, edited losslessly (12.2)."""

from __future__ import annotations

import datetime as _dt

import pytest
from conftest import TWO_SCORERS, Workspace, loaded, run_cli

from sieve.errors import EditError
from sieve.save.meta import add_scorer, remove_scorer, rename_scorer, scorer_id, set_session
from sieve.workbench import Workbench


def test_the_title_city_and_date_change_in_place_with_the_comments_kept(shipped):
    ws = Workspace(shipped)
    set_session(
        ws.session, title="Carte « citoyenne »", city="Paris 11e", date=_dt.date(2017, 2, 1)
    )
    assert ws.diff(ws.path) == [
        '-title = "Carte citoyenne de Paris"',
        '-city = "Paris"',
        "-date = 2016-11-15                    # date de la séance de choix (AAAA-MM-JJ)",
        '+title = "Carte « citoyenne »"',
        '+city = "Paris 11e"',
        "+date = 2017-02-01                    # date de la séance de choix (AAAA-MM-JJ)",
    ]
    session = loaded(ws.path)
    assert (session.title, session.city, session.date) == (
        "Carte « citoyenne »", "Paris 11e", _dt.date(2017, 2, 1)
    )  # fmt: skip
    assert ws.changed() == [ws.path]


def test_an_empty_title_or_a_far_date_is_refused_and_nothing_written(shipped):
    ws = Workspace(shipped)
    with pytest.raises(EditError) as empty:
        set_session(ws.session, title="  ")
    assert empty.value.code == "edit.empty"
    with pytest.raises(EditError) as far:
        set_session(ws.session, date=_dt.date(9999, 1, 1))
    assert far.value.code == "edit.date_range"
    assert ws.changed() == []


def test_a_scorer_added_gets_an_id_from_the_name_after_the_last_scorer(workspace):
    path = workspace(TWO_SCORERS)
    before = path.read_text(encoding="utf-8")
    session = loaded(path)
    assert scorer_id(session, "Zoé Müller") == "zoe-muller"
    assert scorer_id(session, "Ana") == "ana-2"  # taken: made unique
    add_scorer(session, "Zoé Müller")
    text = path.read_text(encoding="utf-8")
    assert text == before.replace(
        'name = "Bob"\n', 'name = "Bob"\n\n[[scorer]]\nid = "zoe-muller"\nname = "Zoé Müller"\n'
    )
    assert loaded(path).scorers["zoe-muller"].name == "Zoé Müller"


def test_the_first_scorer_of_a_new_session_loads(tmp_path, capsys):
    root = tmp_path / "atelier"
    assert run_cli(capsys, "new", root, "--title", "T")[0] == 0
    (path,) = (root / "sessions").glob("*.toml")
    add_scorer(loaded(path), "Karim")
    add_scorer(loaded(path), "Léa")
    assert list(loaded(path).scorers) == ["karim", "lea"]
    assert run_cli(capsys, "check", path)[0] == 0


def test_renaming_a_scorer_changes_the_name_only_and_keeps_the_levels(workspace):
    path = workspace(TWO_SCORERS)
    before = path.read_text(encoding="utf-8")
    rename_scorer(loaded(path), "ana", "Ana Lopez")
    assert path.read_text(encoding="utf-8") == before.replace('"Ana"', '"Ana Lopez"')
    session = loaded(path)
    assert session.scorers["ana"].name == "Ana Lopez" and session.scores["ana"]


def test_removing_a_scorer_with_levels_asks_first_then_drops_them_from_every_file(shipped):
    ws = Workspace(shipped)
    with pytest.raises(EditError) as asked:
        remove_scorer(ws.session, "clemence")
    assert asked.value.code == "edit.has_refs" and asked.value.params["scores"] > 0
    assert ws.changed() == []
    written = remove_scorer(ws.session, "clemence", drop_scores=True)
    scores = ws.score_file("clemence")
    assert sorted(written) == sorted([ws.path, scores])
    session = loaded(ws.path)
    assert "clemence" not in session.scorers and "clemence" not in session.scores
    assert "[scores.clemence]" not in scores.read_text(encoding="utf-8")
    # the other scorers' files, and the rest of the session, are untouched
    assert sorted(ws.changed()) == sorted([ws.path, scores])
    assert all(line.startswith("-") for line in ws.diff(ws.path))


def test_a_scorer_tied_by_a_relation_without_a_stakeholder_entry_is_not_removed(workspace):
    path = workspace(
        TWO_SCORERS.replace("# les notes d'Ana\n[scores.ana]", "[scores.ana]")
        + '\n[[stakeholder]]\nid = "eve"\nname = "Eve"\nrole = "elected"\n'
        + '\n[[relation]]\nfrom = "bob"\nto = "eve"\nkind = "informs"\n'
    )
    with pytest.raises(EditError) as refused:
        remove_scorer(loaded(path), "bob")
    assert refused.value.code == "edit.scorer_related"


def test_a_scorer_edit_is_undone_byte_for_byte(workspace):
    path = workspace(TWO_SCORERS)
    before = path.read_bytes()
    wb = Workbench(path)
    from sieve.workbench import EDITS

    wb.edit_files(EDITS.remove_scorer, "ana", drop_scores=True)
    assert "ana" not in wb.session.scorers
    wb.undo()
    assert path.read_bytes() == before
    assert "ana" in wb.session.scorers
