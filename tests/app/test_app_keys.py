"""Pilot tests of the keys a user presses in a hurry: bursts in dialogs (issue 10.3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    EXCHANGE_BODY,
    FIVE_CASES_PORTFOLIO,
    OTHER_TAMIS,
    loaded,
    notices,
    settle,
    sync,
    write,
)
from textual import events
from textual.widgets import DataTable

from sieve.app.app import SieveApp
from sieve.app.screens import SCREENS
from sieve.app.screens.help import HelpScreen


async def burst(pilot, *keys: str) -> None:
    """Send ``keys`` at once, as a terminal delivers keys typed faster than a repaint.

    ``pilot.press`` lets the app handle each key before sending the next; a burst
    queues them all first, so that the second key reaches a dialog its first key
    already answered.
    """
    driver = pilot.app._driver
    for key in keys:
        event = events.Key(key, "\r" if key == "enter" else None)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await settle(pilot)


@sync
async def test_enter_twice_on_the_last_field_adds_one_subject_and_keeps_the_app(
    paris: Path,
) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"La cantine", "enter", *"cantine", "enter", "enter", "enter")
        await pilot.press(*"quartier")
        await burst(pilot, "enter", "enter")
        assert app.is_running and app.current_mode == "cases"
        assert not app.screen.is_modal  # the form answered once, nothing asked again
        assert app.screen.selected() == ("subject", "cantine")
    assert app._exception is None
    assert loaded(paris).subjects["cantine"].territory == "quartier"


#: (screen key, keys that open a dialog there) — every dialog of the app.
DIALOGS = {
    "cell detail": ("1", ["enter"]),
    "scorer picker": ("2", ["S"]),
    "note": ("2", ["n"]),
    "help": ("1", ["question_mark"]),
    "criterion form": ("4", ["e"]),
    "add criterion": ("4", ["a"]),
    "remove criterion": ("4", ["delete"]),
    "subject form": ("5", ["a"]),
    "rename": ("5", ["r"]),
    "describe": ("5", ["e"]),
    "remove case": ("5", ["down", "delete"]),
    "tags": ("5", ["t"]),
    "decision": ("7", ["d"]),
    "person": ("0", ["a"]),
    "edit person": ("0", ["m"]),
    "relate": ("0", ["l"]),
    "remove person": ("0", ["delete"]),
    "adopt": ("x", ["adopt"]),
    "reload": ("1", ["reload"]),
}


async def open_dialog(pilot, workspace_path: Path, screen: str, keys: list[str]) -> None:
    app = pilot.app
    await pilot.press(screen)
    await settle(pilot)
    for key in keys:
        if key == "adopt":  # the cell of a criterion we lack: Mulhouse's youth
            app.screen.query_one(DataTable).cursor_coordinate = (4, 2)
            await pilot.press("a")
        elif key == "reload":  # someone else changed the file
            workspace_path.write_text(workspace_path.read_text() + "\n# changé\n")
            app.check_disk(force=True)
        else:
            await pilot.press(key)
        await settle(pilot)
    assert app.screen.is_modal, app.screen


@pytest.mark.parametrize("keys", [("enter",) * 4, ("escape", "escape", "enter", "escape")])
@pytest.mark.parametrize("dialog", list(DIALOGS))
@sync
async def test_no_key_burst_in_a_dialog_crashes_the_app(workspace, dialog, keys) -> None:
    # the portfolio's decision needs a portfolio; the other dialogs, people and another tamis
    path = workspace(FIVE_CASES_PORTFOLIO if dialog == "decision" else EXCHANGE_BODY)
    write(path.parent.parent / "criteria" / "mulhouse.toml", OTHER_TAMIS)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, opening = DIALOGS[dialog]
        await open_dialog(pilot, path, screen, opening)
        await burst(pilot, *keys)
        await burst(pilot, *keys)
        assert app.is_running
        # the app still answers: out of the dialogs, then the help opens
        while app.screen.is_modal:
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
    assert app._exception is None


@sync
async def test_a_burst_on_the_session_picker_opens_one_session(tmp_path) -> None:
    from conftest import copy_shipped

    copy_shipped(tmp_path)
    sessions = sorted((tmp_path / "sessions").glob("*.toml"))
    app = SieveApp(None, sessions=sessions, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, "enter", "enter", "enter")
        assert app.is_running and app.current_mode == "matrix"
    assert app._exception is None


def test_every_dialog_of_the_app_answers_once() -> None:
    """A dialog added later is covered too: every modal screen of the app is a Dialog."""
    import importlib
    import inspect
    import pkgutil

    from textual.screen import ModalScreen

    import sieve.app.screens as package
    from sieve.app.screens.base import AnsweredOnce

    modal = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, ModalScreen) and cls.__module__ == module.__name__:
                modal.add(cls)
    assert len(modal) >= 10
    assert [cls.__name__ for cls in modal if not issubclass(cls, AnsweredOnce)] == []


# -- scoring: the cursor follows its cell, a digit moves on (10.4) -----------------------

#: Subject a is sifted out by its gate (service = 0) until scored; then it ranks first.
SIFTED_THEN_FIRST = """
[[subject]]
id = "a"
title = "A"

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[subject]]
id = "b"
title = "B"

[[angle]]
id = "b1"
subject = "b"
title = "B1"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"a" = { need = 3, service = 0 }
"a/a1" = { learn = 3, doable = 1 }
"b" = { need = 1, service = 1 }
"b/b1" = { learn = 1, doable = 1 }
"""


async def scoring_at(pilot, key: str, criterion: str):
    """The scoring screen's matrix with the cursor on ``key``'s cell of ``criterion``."""
    from sieve.app.widgets.matrix import MatrixView

    await pilot.press("2")
    await settle(pilot)
    matrix = pilot.app.screen.query_one(MatrixView)
    matrix.move_to(key, criterion)
    await pilot.pause()
    assert where(matrix) == (key, criterion)
    return matrix


def where(matrix) -> tuple[str, str]:
    """The cursor's line (a case key or a subject id) and criterion."""
    row = matrix.current_row
    return (row.case or row.subject, matrix.current_criterion.id)


@sync
async def test_a_level_that_lets_a_case_pass_keeps_the_cursor_on_its_cell(workspace) -> None:
    path = workspace(SIFTED_THEN_FIRST)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        matrix = await scoring_at(pilot, "a", "service")
        assert [r.case or r.subject for r in matrix.rows][:2] == ["b", "b/b1"]  # a is sifted
        await pilot.press("1")  # a passes its gate and moves up, first
        await settle(pilot)
        assert [r.case or r.subject for r in matrix.rows][:2] == ["a", "a/a1"]
        assert matrix.current_row.subject == "a" and matrix.current_row.case is None
        await pilot.press("2")  # the next cell of a's line: need
        await settle(pilot)
    scores = loaded(path).scores["x"]
    assert scores["a"] == {"need": 2, "service": 1}
    assert scores["b"] == {"need": 1, "service": 1}  # untouched


@sync
async def test_a_digit_moves_to_the_next_cell_of_the_line(workspace) -> None:
    path = workspace(SIFTED_THEN_FIRST)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        # columns: service, doable (gates), need, learn; a case's line scores doable, learn
        matrix = await scoring_at(pilot, "b/b1", "service")
        await pilot.press("0")  # the subject's gate, from the case's line
        assert where(matrix) == ("b/b1", "doable")
        await pilot.press("1")
        assert where(matrix) == ("b/b1", "learn")
        await pilot.press("2", "3")  # the line's last cell: the cursor stays on it
        assert where(matrix) == ("b/b1", "learn")
        await pilot.press("9")  # above the scale: refused, the cursor does not move
        assert matrix.current_criterion.id == "learn"
        await pilot.press("delete")  # abstaining does not move either
        assert matrix.current_criterion.id == "learn"
        await settle(pilot)
    scores = loaded(path).scores["x"]
    assert scores["b"] == {"need": 1, "service": 0}
    assert scores["b/b1"] == {"doable": 1}


# -- blind mode hides each person's levels and notes too (10.5) ----------------------------

#: Two scorers with levels and notes on case a/x.
BLIND_BODY = """
[[subject]]
id = "a"
title = "Sujet A"

[[angle]]
id = "x"
subject = "a"
title = "Angle X"

[[scorer]]
id = "ana"
name = "Ana"

[[scorer]]
id = "bob"
name = "Bob"

[scores.ana]
"a" = { need = 2, service = 1 }
"a/x" = { learn = 3, doable = 1 }

[scores.bob]
"a" = { need = 1, service = 1 }
"a/x" = { learn = 2, doable = 1 }

[notes.ana]
"a/x" = "Secret d'Ana"

[notes.bob]
"a/x" = "Avis de Bob"
"""


def detail_text(app) -> str:
    from sieve.app.screens.dialogs import CellDetail

    assert isinstance(app.screen, CellDetail)
    return app.screen.render_detail().plain


@sync
async def test_blind_hides_a_person_s_view_on_the_matrix(workspace) -> None:
    from sieve.app.widgets.matrix import MatrixView

    app = SieveApp(workspace(BLIND_BODY), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("b", "s")  # blind, then Ana's view
        await settle(pilot)
        matrix = app.screen.query_one(MatrixView)
        cells = {text for row in matrix.rows for text, _ in row.cells if text}
        assert cells == {"░"}
        assert any("aveugle" in n for n in notices(app)[1:])  # said why
        await pilot.press("b")  # revealed: Ana's own levels
        await settle(pilot)
        case = next(r for r in matrix.rows if r.case == "a/x")
        assert [text for text, _ in case.cells if text] == ["1", "3"]


@sync
async def test_blind_hides_each_person_s_levels_and_notes_in_the_cell_detail(workspace) -> None:
    from sieve.app.widgets.matrix import MatrixView

    app = SieveApp(workspace(BLIND_BODY), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        app.screen.query_one(MatrixView).move_to("a/x", "learn")
        await pilot.press("enter")
        await settle(pilot)
        shown = detail_text(app)
        assert "Secret d'Ana" in shown and "Avis de Bob" in shown
        await pilot.press("escape", "b", "enter")
        await settle(pilot)
        shown = detail_text(app)
        assert "Secret d'Ana" not in shown and "Avis de Bob" not in shown
        assert "Ana : ░" in shown and "Bob : ░" in shown
        # the scoring screen: the scorer sees their own level and note, no one else's
        await pilot.press("escape", "2")
        await settle(pilot)
        app.screen.query_one(MatrixView).move_to("a/x", "learn")
        await pilot.press("enter")
        await settle(pilot)
        shown = detail_text(app)
        assert "Secret d'Ana" in shown and "Avis de Bob" not in shown
        assert "Ana : 3" in shown and "Bob : ░" in shown


# -- help shows the keys of the screen it is opened on (10.6) ------------------------------


def help_text(app) -> str:
    """The help screen's text, as a console of its width prints it."""
    from rich.console import Console
    from textual.widgets import Static

    assert isinstance(app.screen, HelpScreen)
    console = Console(width=110, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(app.screen.query_one(Static).content)
    return console.export_text()


#: screen key -> words naming some of its keys (and how to leave it) in the help.
SCREEN_KEYS = {
    "4": ["Poids +", "Enregistrer les poids"],
    "5": ["Sujet +", "Premier cas"],
    "7": ["imposer", "exclure", "décider"],
    "8": ["plus tôt", "plus tard"],
    "0": ["relier"],
    "x": ["adopter"],
    "p": ["Retour"],
    "2": ["Sortir", "0-9", "Notation : donner ce niveau"],
}


@sync
async def test_help_lists_the_keys_of_the_screen_it_is_opened_on(workspace) -> None:
    from sieve.i18n import t

    path = workspace(FIVE_CASES_PORTFOLIO)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        for key, words in SCREEN_KEYS.items():
            await pilot.press(key)
            await settle(pilot)
            title = t(next(e.title_key for e in SCREENS if e.key == key))
            await pilot.press("question_mark")
            await settle(pilot)
            shown = help_text(app)
            assert t("app.help.here", screen=title) in shown, key
            for word in words:
                assert word in shown, (key, word)
            assert t("app.help.keys.other_screen") in shown  # how to leave, everywhere
            await pilot.press("escape")
            await settle(pilot)
            if key in ("2", "p"):
                await pilot.press("escape")
                await settle(pilot)


@sync
async def test_help_names_the_keys_a_narrow_footer_dropped(paris) -> None:
    from sieve.app.widgets.keybar import KeyBar
    from sieve.i18n import t

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")
        await settle(pilot)
        dropped = app.screen.query_one(KeyBar).dropped
        assert dropped  # the stakeholders' keys do not fit in 80 columns
        await pilot.press("question_mark")
        await settle(pilot)
        shown = help_text(app)
        assert t("app.help.dropped") in shown
        section = shown.split(t("app.help.dropped"), 1)[1].split(t("app.help.everywhere"))[0]
        for _key, words in dropped:
            assert words in section


#: Screens whose digits answer (a level, a mention, a pairwise judgment) rather than
#: switch screens, as the README and the help say; Escape leaves them.
DIGITS_ANSWER = {"ScoringScreen", "VoteScreen", "WeightingScreen"}


def test_no_screen_hides_an_app_key_or_a_screen_key():
    """A key the README gives for the whole app (``R`` the report, ``b`` blind...) or for
    a screen works everywhere: a screen binding the same key for another action would
    hide it (the Cases screen's ``R`` changed an id instead of writing the report)."""
    import importlib
    import inspect
    import pkgutil

    from textual.screen import Screen

    import sieve.app.screens as package

    app_keys = {key: b.action for b in SieveApp.BINDINGS for key in b.key.split(",")}
    screen_keys = {entry.key for entry in SCREENS}
    hidden = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"sieve.app.screens.{info.name}")
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, Screen)):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                for key in binding.key.split(","):
                    same = (f"app.{app_keys.get(key)}", app_keys.get(key), "close", "back")
                    if binding.action in same:
                        continue  # the same action (the screen's own undo), or leaving
                    if (
                        key in app_keys
                        or key in screen_keys
                        and not (key.isdigit() and cls.__name__ in DIGITS_ANSWER)
                    ):
                        hidden.append((cls.__name__, key, binding.action))
    assert hidden == []
