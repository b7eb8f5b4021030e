"""Pins, exclusions and the planned calendar written to ``[portfolio]`` (sieve.save.plan).

Each edit is checked by the exact lines it changes, comments kept, and by loading
the result again without errors.
"""

from __future__ import annotations

import pytest
from conftest import FIVE_CASES, changes, loaded

from sieve.errors import EditError, FileChangedError
from sieve.save import plan as plan_edit

PORTFOLIO = """
[portfolio]
max_cases = 3   # trois cas
pinned = []     # imposés

# Le journal
[[decision]]
id = "d1"
cases = ["alpha/a1"]
"""

PLANNED = PORTFOLIO.replace(
    "\n# Le journal",
    '\n[[portfolio.case]]  # le premier\ncase = "alpha/a1"\nsessions = [1, 2]\n\n'
    '[[portfolio.case]]\ncase = "beta/b1"\nsessions = [3]  # une seule\n\n# Le journal',
)


def edited(workspace, body: str, operation, *args) -> list[str]:
    path = workspace(FIVE_CASES + body)
    before = path.read_text(encoding="utf-8")
    written = operation(loaded(path), *args)
    after = path.read_text(encoding="utf-8")
    assert written == ([path] if after != before else [])
    loaded(path)
    return changes(before, after)


def test_pins_fill_the_existing_array_and_add_excluded_after_the_keys(workspace) -> None:
    got = edited(workspace, PORTFOLIO, plan_edit.set_pins, ["beta/b1"], ["gamma/g1"])
    assert got == [
        "-pinned = []     # imposés",
        '+pinned = ["beta/b1"]     # imposés',
        '+excluded = ["gamma/g1"]',
    ]


def test_unpinning_keeps_the_key_and_its_comment(workspace) -> None:
    body = PORTFOLIO.replace("pinned = []", 'pinned = ["beta/b1", "alpha/a1"]')
    got = edited(workspace, body, plan_edit.set_pins, ["alpha/a1"], [])
    assert got == [
        '-pinned = ["beta/b1", "alpha/a1"]     # imposés',
        '+pinned = ["alpha/a1"]     # imposés',
    ]
    assert edited(workspace, body, plan_edit.set_pins, ["beta/b1", "alpha/a1"], []) == []


def test_pins_without_a_portfolio_table_add_one_at_the_end(workspace) -> None:
    got = edited(workspace, "", plan_edit.set_pins, ["beta/b1"], [])
    assert got == ["+", "+[portfolio]", '+pinned = ["beta/b1"]']


def test_pins_go_before_the_planned_cases(workspace) -> None:
    got = edited(workspace, PLANNED, plan_edit.set_pins, [], ["delta/d1"])
    assert got == ['+excluded = ["delta/d1"]']
    path = workspace(FIVE_CASES + PLANNED)
    plan_edit.set_pins(loaded(path), [], ["delta/d1"])
    assert loaded(path).portfolio.excluded == ("delta/d1",)
    assert [c.case for c in loaded(path).portfolio.planned] == ["alpha/a1", "beta/b1"]


@pytest.mark.parametrize(
    ("pinned", "excluded", "code"),
    [
        (["nope/x"], [], "edit.unknown"),
        (["beta/b1"], ["beta/b1"], "plan.edit.pinned_excluded"),
        (["beta/b1", "beta/b1"], [], "plan.edit.twice"),
    ],
)
def test_bad_pins_are_refused_and_write_nothing(workspace, pinned, excluded, code) -> None:
    path = workspace(FIVE_CASES + PORTFOLIO)
    before = path.read_bytes()
    with pytest.raises(EditError) as caught:
        plan_edit.set_pins(loaded(path), pinned, excluded)
    assert caught.value.code == code
    assert path.read_bytes() == before


def test_a_first_calendar_goes_after_the_keys_before_the_next_section(workspace) -> None:
    plan = {"alpha/a1": (1, 2), "beta/b1": (3,)}
    got = edited(workspace, PORTFOLIO, plan_edit.set_calendar, plan, 5)
    assert got == [
        "+lab_start = 5",
        "+",
        "+[[portfolio.case]]",
        '+case = "alpha/a1"',
        "+sessions = [1, 2]",
        "+",
        "+[[portfolio.case]]",
        '+case = "beta/b1"',
        "+sessions = [3]",
    ]


def test_moving_cases_edits_their_tables_in_place(workspace) -> None:
    plan = {"alpha/a1": (2, 3), "beta/b1": (1,)}
    got = edited(workspace, PLANNED, plan_edit.set_calendar, plan)
    assert got == [
        "-sessions = [1, 2]",
        "+sessions = [2, 3]",
        "-sessions = [3]  # une seule",
        "+sessions = [1]  # une seule",
    ]
    path = workspace(FIVE_CASES + PLANNED)
    plan_edit.set_calendar(loaded(path), plan)
    assert "# le premier" in path.read_text(encoding="utf-8")


def test_a_case_leaving_the_calendar_loses_its_table_a_new_one_comes_last(workspace) -> None:
    plan = {"beta/b1": (3,), "delta/d1": (1, 2)}
    path = workspace(FIVE_CASES + PLANNED)
    plan_edit.set_calendar(loaded(path), plan)
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        '[[portfolio.case]]\ncase = "beta/b1"\nsessions = [3]  # une seule\n\n'
        '[[portfolio.case]]\ncase = "delta/d1"\nsessions = [1, 2]\n\n'
        '# Le journal\n[[decision]]\nid = "d1"\ncases = ["alpha/a1"]\n'
    )
    assert 'alpha/a1"\nsessions' not in text
    assert [(c.case, c.sessions) for c in loaded(path).portfolio.planned] == [
        ("beta/b1", (3,)),
        ("delta/d1", (1, 2)),
    ]


def test_clear_calendar_removes_the_cases_and_keeps_the_next_comment(workspace) -> None:
    got = edited(workspace, PLANNED, plan_edit.clear_calendar)
    assert got == [
        "-[[portfolio.case]]  # le premier",
        '-case = "alpha/a1"',
        "-sessions = [1, 2]",
        "-",
        "-[[portfolio.case]]",
        '-case = "beta/b1"',
        "-sessions = [3]  # une seule",
        "-",
    ]
    assert edited(workspace, PORTFOLIO, plan_edit.clear_calendar) == []


def test_lab_start_is_written_only_when_it_changes(workspace) -> None:
    assert edited(workspace, PORTFOLIO, plan_edit.set_lab_start, 4) == []
    assert edited(workspace, PORTFOLIO, plan_edit.set_lab_start, 6) == ["+lab_start = 6"]
    body = PORTFOLIO.replace("max_cases = 3", "lab_start = 5  # la 5e\nmax_cases = 3")
    got = edited(workspace, body, plan_edit.set_lab_start, 7)
    assert got == ["-lab_start = 5  # la 5e", "+lab_start = 7  # la 5e"]


def test_bad_calendars_are_refused(workspace) -> None:
    path = workspace(FIVE_CASES + PORTFOLIO)
    session = loaded(path)
    for plan, lab, code in (
        ({"alpha/a1": (0,)}, None, "plan.edit.sessions"),
        ({"nope/x": (1,)}, None, "edit.unknown"),
        ({"alpha/a1": (1,)}, 0, "plan.edit.lab_start"),
    ):
        with pytest.raises(EditError) as caught:
            plan_edit.set_calendar(session, plan, lab)
        assert caught.value.code == code


def test_a_file_changed_on_disk_is_not_overwritten(workspace) -> None:
    path = workspace(FIVE_CASES + PORTFOLIO)
    session = loaded(path)
    path.write_text(path.read_text(encoding="utf-8") + "# quelqu'un d'autre\n", encoding="utf-8")
    with pytest.raises(FileChangedError):
        plan_edit.set_pins(session, ["beta/b1"], [])
    assert path.read_text(encoding="utf-8").endswith("# quelqu'un d'autre\n")
