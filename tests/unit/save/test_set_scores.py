"""``set_scores``: one scorer's levels on one key, each file written once, as ``set_score``
would place them; a file changed by someone else is refused, or rebased when asked."""

from __future__ import annotations

import pytest
import rtoml
from conftest import TWO_SCORERS, loaded

from sieve.errors import EditError, FileChangedError
from sieve.save.scores import set_score, set_scores


def test_a_page_of_levels_lands_where_set_score_puts_them(workspace) -> None:
    path = workspace(TWO_SCORERS, files={"sessions/s-scores/bob.toml": "format = 1\n"})
    home = path.parent / "s-scores" / "bob.toml"
    session = loaded(path)
    held = set_scores(session, "ana", "a/x", {"learn": 1, "doable": None}, home=home)
    assert held == {"learn": [path], "doable": [path]}  # Ana's cells are in the session file
    assert '"a/x" = { learn = 1 }' in path.read_text(encoding="utf-8")
    assert "# gardé" in path.read_text(encoding="utf-8")
    session = loaded(path)
    held = set_scores(session, "bob", "a/x", {"learn": 2, "doable": 0}, home=home)
    assert held == {"learn": [home], "doable": [home]}  # new cells: Bob's own file
    assert rtoml.loads(home.read_text(encoding="utf-8"))["scores"]["bob"] == {
        "a/x": {"learn": 2, "doable": 0}
    }


def test_nothing_is_written_when_one_level_is_refused(workspace) -> None:
    path = workspace(TWO_SCORERS)
    before = path.read_bytes()
    with pytest.raises(EditError):
        set_scores(loaded(path), "ana", "a/x", {"learn": 1, "doable": 5})
    assert path.read_bytes() == before


def test_a_changed_file_is_refused_or_rebased(workspace) -> None:
    path = workspace(TWO_SCORERS)
    session = loaded(path)
    set_score(loaded(path), "bob", "a", "need", 1)  # someone else writes meanwhile
    with pytest.raises(FileChangedError):
        set_scores(session, "ana", "a/x", {"learn": 0})
    set_scores(session, "ana", "a/x", {"learn": 0}, rebase=True)
    now = loaded(path)
    assert now.scores["ana"]["a/x"]["learn"] == 0 and now.scores["bob"]["a"]["need"] == 1


ROWS = (
    "format = 1\n\n[scores.ana]\n"
    '"a/x" = { learn = 1, doable = 2 } # gardé\n'
    '"a/y" = { learn = 0 }\n\n'
    "[scores.bob]\n"
    '"a/x" = { learn = 3 }\n'
)


@pytest.mark.parametrize(
    ("text", "scorer", "key", "levels"),
    [
        (ROWS, "ana", "a/x", {"learn": 2, "doable": 0}),  # both in place, comment kept
        (ROWS, "ana", "a/x", {"learn": 2, "need": 1, "doable": None}),  # set, add, remove
        (ROWS, "ana", "a/y", {"learn": None}),  # the row becomes empty: its line goes
        (ROWS, "ana", "a/z", {"learn": 1, "doable": 3}),  # a new row after the last one
        (ROWS, "cleo", "a/x", {"learn": 1, "doable": 0}),  # a new table at the end
        (ROWS.replace("\n", "\r\n"), "bob", "a/x", {"learn": 0, "doable": 1}),  # CRLF kept
        ("format = 1\n", "bob", "a", {"need": 2, "reach": 1}),
    ],
)
def test_a_page_spliced_at_once_is_the_cell_by_cell_splice(text, scorer, key, levels) -> None:
    from sieve.save.scores import splice_score, splice_scores

    one_by_one = text
    for criterion, level in levels.items():
        one_by_one = splice_score(one_by_one, scorer, key, criterion, level)
    assert one_by_one is not None
    assert splice_scores(text, scorer, key, levels) == one_by_one


def test_a_page_the_splice_cannot_read_back_is_left_to_the_cell_by_cell_edit() -> None:
    from sieve.save.scores import splice_scores

    multiline = 'format = 1\n[scores.ana]\n"a/x" = { learn = 1 }\nnote = """\nx\n"""\n'
    assert splice_scores(multiline, "ana", "a/x", {"learn": 2}) is None
    assert splice_scores(ROWS, "ana", "a/q", {"learn": None}) is None  # nothing to remove
