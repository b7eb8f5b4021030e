"""Undo (``u``) takes back the edits made at this keyboard, never a participant's answer
saved from a phone through the room (the Workbench methods the room calls: ``record``,
``set_votes``), and refuses, with a toast, to clobber a cell a phone changed since."""

from __future__ import annotations

from pathlib import Path

from conftest import TWO_SCORERS, settle, sync

from sieve.app.app import SieveApp
from sieve.workbench import Workbench


def levels(path: Path, scorer: str) -> dict:
    return Workbench(path).session.scores.get(scorer, {})


def toasts(app: SieveApp) -> list[str]:
    return [str(note.message) for note in app.notices]


def phone(app: SieveApp, scorer: str, key: str, levels: dict) -> None:
    """A page saved from a phone, as :meth:`sieve.room.room.Room.record` then
    :meth:`~sieve.room.room.Room.save` do it."""
    wb = app.workbench
    wb.rebase = True  # as the room sets it
    wb.record(scorer, key, levels, "")
    wb.flush()


@sync
async def test_undo_never_reverts_a_phones_answer(workspace):
    path = workspace(TWO_SCORERS)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        phone(app, "bob", "a/x", {"learn": 2, "doable": 1})
        assert levels(path, "bob") == {"a/x": {"learn": 2, "doable": 1}}
        await pilot.press("u")
        await settle(pilot)
        assert levels(path, "bob") == {"a/x": {"learn": 2, "doable": 1}}  # the phone's kept
        assert toasts(app)[-1] == "Rien à annuler."


@sync
async def test_undo_of_a_keyboard_edit_refuses_to_clobber_a_later_phone_edit(workspace):
    path = workspace(TWO_SCORERS)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("right", "right", "3")  # ana, subject a, need = 3 (was 2)
        await pilot.press("down", "right", "0")  # ana, case a/x, learn = 0 (was 3)
        await settle(pilot)
        assert levels(path, "ana")["a/x"] == {"learn": 0, "doable": 1}
        phone(app, "ana", "a/x", {"learn": 1})  # Ana's phone gives learn = 1 after that
        await pilot.press("u")  # would put learn = 3 back over the phone's 1: refused
        await settle(pilot)
        assert levels(path, "ana")["a/x"] == {"learn": 1, "doable": 1}
        assert toasts(app)[-1] == (
            "pas annulé : la valeur de ana sur a/x a été changée depuis, "
            "par quelqu'un d'autre (le salon) ; elle est gardée"
        )
        await pilot.press("u")  # the edit before it is still undone
        await settle(pilot)
        assert levels(path, "ana")["a"] == {"need": 2, "service": 1}
        assert levels(path, "ana")["a/x"] == {"learn": 1, "doable": 1}


@sync
async def test_a_participant_joining_is_not_undone_and_keeps_the_keyboards_undo(workspace):
    """The room's own writes (a new name, a participant's file, a round of the journal)
    go through ``edit_files(..., undoable=False)``: ``u`` then takes back the keyboard's
    last edit, not the join, which stays in the file."""
    from sieve.workbench import EDITS

    path = workspace(TWO_SCORERS)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("right", "right", "3")  # ana, subject a, need = 3 (was 2)
        await pilot.press("down", "right", "0")  # ana, case a/x, learn = 0 (was 3)
        await settle(pilot)
        assert levels(path, "ana")["a/x"]["learn"] == 0
        app.workbench.edit_files(EDITS.add_scorer, "Zoé", undoable=False)  # as the room does
        await pilot.press("u")
        await settle(pilot)
        assert levels(path, "ana")["a/x"]["learn"] == 3  # the keyboard's edit taken back
        assert "zoe" in Workbench(path).session.scorers  # the participant still there
