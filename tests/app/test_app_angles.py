"""Pilot tests on a session where two subjects each have an angle ``immersion``: scoring,
the cell detail, vigilance and the cases screen reach the one under the cursor only."""

from __future__ import annotations

from conftest import SAME_ANGLE, loaded, settle, sync

from sieve.app.app import SieveApp
from sieve.app.screens.cases import CasesScreen
from sieve.app.screens.dialogs import CellDetail
from sieve.app.screens.forms import ConfirmDialog, FormDialog, TagsDialog
from sieve.app.widgets.matrix import MatrixView


async def _to_cell(pilot, key: str, criterion: str) -> MatrixView:
    """Walk the scoring cursor to (``key``, ``criterion``) with the arrow keys."""
    matrix = pilot.app.screen.query_one(MatrixView)
    for _ in range(len(matrix.columns)):
        if matrix.current_criterion.id == criterion:
            break
        await pilot.press("right")
    for _ in range(len(matrix.rows)):
        if matrix.current_key() == key:
            break
        await pilot.press("down")
    assert (matrix.current_key(), matrix.current_criterion.id) == (key, criterion)
    return matrix


@sync
async def test_score_one_of_two_same_named_angles(workspace):
    path = workspace(SAME_ANGLE)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert app.current_mode == "scoring"
        await _to_cell(pilot, "b/immersion", "learn")
        await pilot.press("2")  # x's level for b/immersion
        await settle(pilot)
        session = loaded(path)
        assert session.scores["x"]["b/immersion"] == {"learn": 2, "doable": 1}
        assert session.scores["x"]["a/immersion"] == {"learn": 1, "doable": 1}
        await _to_cell(pilot, "b/immersion", "learn")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CellDetail)
        detail = app.screen.render_detail().plain
        assert "Sujet B / Immersion chez B" in detail and "Immersion chez A" not in detail
        assert "Chez B." in detail and "Chez A." not in detail
        await pilot.press("escape", "escape", "6")  # close the detail, leave scoring
        await settle(pilot)
        from textual.widgets import OptionList

        options = app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        disputed = [line for line in lines if "Apprentissage" in line]
        assert len(disputed) == 1 and "Sujet B / Immersion chez B" in disputed[0], lines


async def _select(pilot, wanted: tuple[str, str]) -> CasesScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CasesScreen)
    await pilot.press(*["up"] * 6)  # from the top of the tree
    for _ in range(10):
        if screen.selected() == wanted:
            break
        await pilot.press("down")
    assert screen.selected() == wanted
    return screen


@sync
async def test_edit_one_of_two_same_named_angles(workspace):
    path = workspace(SAME_ANGLE)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await _select(pilot, ("angle", "b/immersion"))
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+u", *"Sur le terrain", "enter", "ctrl+u", *"maquette", "enter")
        await settle(pilot)
        session = loaded(path)
        assert (session.angles["b/immersion"].title, session.angles["b/immersion"].methods) == (
            "Sur le terrain",
            ("maquette",),
        )
        assert session.angles["a/immersion"].title == "Immersion chez A"

        await pilot.press("t")  # the attention indicators of the angle's subject, B
        await settle(pilot)
        assert isinstance(app.screen, TagsDialog)
        await pilot.press("space", "enter")
        await settle(pilot)
        session = loaded(path)
        assert (session.subjects["b"].attention, session.subjects["a"].attention) == (
            ("mandat",),
            (),
        )

        screen = await _select(pilot, ("angle", "b/immersion"))
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("ctrl+u", *"terrain", "enter")
        await settle(pilot)
        assert screen.selected() == ("angle", "b/terrain")
        session = loaded(path)
        assert [c.key for c in session.cases] == ["a/immersion", "b/terrain"]
        assert session.scores["y"]["b/terrain"] == {"learn": 0, "doable": 1}
        assert session.notes["x"] == {"a/immersion": "Chez A.", "b/terrain": "Chez B."}

        await _select(pilot, ("angle", "a/immersion"))
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
    session = loaded(path)
    assert [c.key for c in session.cases] == ["b/terrain"]
    assert session.angles["b/terrain"].title == "Sur le terrain"
    assert "a/immersion" not in session.scores["x"] and "b/terrain" in session.scores["x"]
