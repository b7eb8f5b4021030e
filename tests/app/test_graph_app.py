"""The Stakeholders screen: Pilot tests of its state, and snapshots.

Update the snapshots with ``pytest tests/test_graph_app.py --snapshot-update`` after a
deliberate change. They read the shipped Paris session (never written to).
"""

from __future__ import annotations

import pytest
from conftest import PARIS, open_stakeholders, sync
from conftest import text_of as static_text
from rich.text import Text

from sieve.app.app import SieveApp
from sieve.graph.analyse import analyse_session
from sieve.load.session import load_session


@sync
async def test_list_ego_grid_and_relations_of_paris():
    from textual.widgets import DataTable

    expected = analyse_session(load_session(PARIS).session)
    app = SieveApp(PARIS, watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_stakeholders(pilot)
        screen = app.screen
        assert app.current_mode == "stakeholders"
        assert screen.analysis is not None
        assert screen.analysis.findings == expected.findings
        people = screen.query_one("#people", DataTable)
        assert people.row_count == len(expected.people)
        bar = static_text(screen, "#bar")
        count = len(expected.warnings)
        assert f"{count} {'point' if count < 2 else 'points'} de vigilance" in bar
        # Thomas, the isolated ambassador: the ego view says why
        thomas = list(expected.people).index("thomas")
        for _ in range(thomas):
            await pilot.press("down")
        await pilot.pause()
        assert screen.selected == "thomas"
        ego = static_text(screen, "#ego-text")
        assert "Ambassadeur·rice isolé·e" in ego and "Relations vers d'autres (0)" in ego
        # the grid, with names in their quadrant
        await pilot.press("g")
        await pilot.pause()
        grid = static_text(screen, "#grid")
        assert "Gérer de près" in grid and "Surveiller" in grid and "Thomas" in grid
        # every relation, the selected person's first (Agnès's here)
        await pilot.press("e")
        for _ in range(thomas - list(expected.people).index("agnes")):
            await pilot.press("up")
        await pilot.press("r")
        await pilot.pause()
        relations = screen.query_one("#relations", DataTable)
        assert relations.row_count == len(expected.relations)
        first = relations.get_row_at(0)
        assert "Agnès" in (str(first[0]) + str(first[2]))


@sync
async def test_analyses_run_again_only_when_the_session_changes():
    app = SieveApp(PARIS, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_stakeholders(pilot)
        first = app.screen.analysis
        await pilot.press("1")
        await pilot.press("0")
        await pilot.pause()
        assert app.screen.analysis is first
        app.workbench.reload()
        app.update_views()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.analysis is not first
        assert app.screen.analysis.findings == first.findings


@sync
async def test_hostile_names_show_literally(workspace):
    from textual.widgets import DataTable

    hostile = "[@click=app.quit]x[/]"
    body = f"""
[[stakeholder]]
id = "a"
name = "{hostile}"
role = "referent"

[[stakeholder]]
id = "b"
name = "B\\u001b[2J"
role = "ambassador"

[[relation]]
from = "a"
to = "b"
kind = "informs"
"""
    app = SieveApp(workspace(body), watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_stakeholders(pilot)
        table = app.screen.query_one("#people", DataTable)
        cell = table.get_row_at(0)[0]
        assert isinstance(cell, Text) and cell.plain.startswith("[@click=app.quit]")
        assert table.get_row_at(1)[0].plain == "B\\x1b[2J"
        assert hostile in static_text(app.screen, "#ego-text")
        await pilot.press("g", "r")
        await pilot.pause()
        assert app.is_running


def synthetic_body(count: int, per_person: int = 4) -> str:
    """A session body with ``count`` people and ``per_person * count`` relations."""
    import random

    rng = random.Random(7)
    roles = ["referent", "coordinator", "resident"] + ["ambassador"] * 15 + ["relay", "service"]
    lines = []
    for i in range(count):
        lines += [
            "[[stakeholder]]",
            f'id = "p{i}"',
            f'name = "Personne {i}"',
            f'role = "{roles[i % len(roles)]}"',
            f"power = {rng.randint(0, 4)}",
            f"interest = {rng.randint(0, 4)}",
            "",
        ]
    seen = set()
    while len(seen) < per_person * count:
        a, b = rng.sample(range(count), 2)
        if (a, b) in seen:
            continue
        seen.add((a, b))
        lines += ["[[relation]]", f'from = "p{a}"', f'to = "p{b}"', 'kind = "trust"', ""]
    return "\n".join(lines) + "\n"


@sync
async def test_two_hundred_people_stay_usable(workspace):
    from textual.widgets import DataTable

    app = SieveApp(workspace(synthetic_body(200)), watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_stakeholders(pilot)
        screen = app.screen
        assert screen.query_one("#people", DataTable).row_count == 200
        table = screen.query_one("#people", DataTable)
        table.move_cursor(row=199)
        await pilot.pause()
        assert screen.selected == "p199"
        assert "Personne 199" in static_text(screen, "#ego-text")
        await pilot.press("r")
        await pilot.pause()
        relations = screen.query_one("#relations", DataTable)
        assert relations.row_count == 800
        first = relations.get_row_at(0)
        assert "Personne 199" in (first[0].plain + first[2].plain)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["ego", "grid", "relations"])
def test_snapshot(snap_compare, view, size):
    keys = {"ego": ["down"], "grid": ["g"], "relations": ["r"]}[view]

    async def run_before(pilot) -> None:
        await open_stakeholders(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(SieveApp(PARIS, watch=False), run_before=run_before, terminal_size=size)
