"""The Session screen (w): title, city, date and scorers edited and undone; another session
opened without quitting (12.2)."""

from __future__ import annotations

import datetime as _dt

from conftest import TWO_SCORERS, copy_paris, loaded, notices, settle, sync
from textual.widgets import OptionList

from sieve.app.app import SieveApp
from sieve.app.screens.forms import ConfirmDialog, FormDialog
from sieve.app.screens.picker import OtherSessionPicker
from sieve.app.screens.session import SessionScreen


async def _type(pilot, text: str) -> None:
    await pilot.press("ctrl+u", *text)


@sync
async def test_the_session_header_is_edited_saved_and_undone(workspace):
    path = workspace(TWO_SCORERS)
    before = path.read_bytes()
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("e")
        assert isinstance(app.screen, FormDialog)
        await _type(pilot, "Choix 2017")
        await pilot.press("enter")
        await _type(pilot, "Lille")
        await pilot.press("enter")
        await _type(pilot, "2017-03-04")
        await pilot.press("enter")
        await settle(pilot)
        session = loaded(path)
        assert (session.title, session.city, session.date) == (
            "Choix 2017", "Lille", _dt.date(2017, 3, 4)
        )  # fmt: skip
        assert "Choix 2017" in str(app.screen.query_one("#bar").content)
        await pilot.press("u")
        await settle(pilot)
    assert path.read_bytes() == before


@sync
async def test_a_bad_date_is_asked_again_with_what_was_typed(workspace):
    path = workspace(TWO_SCORERS)
    before = path.read_bytes()
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "e", "enter", "enter")
        await _type(pilot, "2017-13-01")
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "2017-13-01" in str(dialog.query_one("#form-error").content)
    assert path.read_bytes() == before


@sync
async def test_scorers_are_added_renamed_and_removed_with_a_confirmation(workspace):
    path = workspace(TWO_SCORERS)
    before = path.read_bytes()
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("a", *"Zoé Müller", "enter", "enter")  # the id: from the name
        await settle(pilot)
        assert app.workbench.session.scorers["zoe-muller"].name == "Zoé Müller"
        # rename Ana (first in the list): her id, and so her levels, stay
        await pilot.press("home", "r")
        await _type(pilot, "Ana Lopez")
        await pilot.press("enter")
        await settle(pilot)
        session = loaded(path)
        assert session.scorers["ana"].name == "Ana Lopez" and session.scores["ana"]
        # removing her asks first, saying how many levels go with her
        await pilot.press("home", "delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "4 niveaux" in " ".join(str(w.content) for w in app.screen.query("Static"))
        await pilot.press("n")
        await settle(pilot)
        assert "ana" in loaded(path).scorers
        kept = path.read_bytes()
        await pilot.press("delete", "o")
        await settle(pilot)
        session = loaded(path)
        assert "ana" not in session.scorers and "ana" not in session.scores
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert [line.split()[0] for line in listed] == ["Bob", "Zoé"]
        await pilot.press("u")  # the removal undone: her levels are back, byte for byte
        await settle(pilot)
        assert path.read_bytes() == kept
    assert path.read_bytes() != before


@sync
async def test_another_session_of_the_workspace_opens_without_quitting(tmp_path):
    paris = copy_paris(tmp_path)
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "w")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OtherSessionPicker)
        await pilot.press("escape")  # back, nothing changed
        await settle(pilot)
        assert app.workbench.session.city == "Paris"
        await pilot.press("o", "enter")  # Mulhouse, the only other one
        await settle(pilot)
        assert app.workbench.session.city == "Mulhouse"
        assert app.current_mode == "matrix"
        assert any("La carte Max" in n for n in notices(app))
        await pilot.press("3")  # the ranking screen is made anew: Mulhouse's cases
        await settle(pilot)
        assert "La carte Max" in str(app.screen.query_one("#bar").content)


@sync
async def test_an_empty_session_opens_on_its_first_steps_with_their_keys(tmp_path, capsys):
    from conftest import run_cli

    from sieve.app.screens.guide import GuideScreen

    assert run_cli(capsys, "new", tmp_path / "w", "--title", "Propreté", "--scorer", "Anne")[0] == 0
    (path,) = (tmp_path / "w" / "sessions").glob("*.toml")
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        guide = app.screen
        assert isinstance(guide, GuideScreen)
        steps = str(guide.query_one("#guide-steps").content)
        assert steps.startswith("✔ 1.  w   la session")  # Anne scores already
        assert "  2.  5   les sujets candidats" in steps
        await pilot.press("5")  # a step's key leaves the guide for its screen
        await settle(pilot)
        assert app.current_mode == "cases" and not app.screen.is_modal
        await pilot.press("a", *"Propreté des rues", "enter")  # the form's title field
        await settle(pilot)
        while app.screen.is_modal:
            await pilot.press("enter")
            await settle(pilot)
        assert not isinstance(app.screen, GuideScreen)  # shown once, not after each edit
    app = SieveApp(copy_paris(tmp_path / "p"), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, GuideScreen)  # a session with cases: no guide


@sync
async def test_a_new_session_reads_nothing_to_score_and_a_note_names_its_case_by_title(
    tmp_path, capsys, workspace
):
    """Found trying sieve as a new user: '0/0 ✓' read as done; the note dialog named an id."""
    from conftest import ONE_CASE, run_cli

    assert run_cli(capsys, "new", tmp_path / "w", "--title", "T", "--scorer", "Anne")[0] == 0
    (path,) = (tmp_path / "w" / "sessions").glob("*.toml")
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "1")
        await settle(pilot)
        progress = " ".join(str(w.content) for w in app.screen.query("Static"))
        assert "Anne 0/0" in progress and "0/0 ✓" not in progress
    path = workspace(ONE_CASE)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2", "n")
        await settle(pilot)
        title = str(app.screen.query("Static").first().content)
        assert title == "Remarque de X · A"  # the subject's title, not its id
