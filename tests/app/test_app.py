"""Pilot tests of the app: each flow walked with keys, the saved TOML checked after."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import PROJECT, TWO_SCORERS, sync
from rich.text import Text

from sieve.app.app import SieveApp
from sieve.app.screens.dialogs import CellDetail, ReloadDialog
from sieve.app.screens.errors import ErrorScreen
from sieve.app.text import plain
from sieve.app.widgets.matrix import MatrixView
from sieve.workbench import Workbench

BODY = TWO_SCORERS


def levels(path: Path, scorer: str) -> dict:
    return Workbench(path).session.scores.get(scorer, {})


@sync
async def test_scoring_with_undo(workspace):
    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.current_mode == "scoring"
        matrix = app.screen.query_one(MatrixView)
        # columns: service (gate), doable (gate), need, learn; rows: subject a, case a/x
        assert [c.id for c in matrix.columns] == ["service", "doable", "need", "learn"]
        await pilot.press("right", "right", "3")  # ana, subject a, need = 3
        await pilot.press("down", "right", "0")  # ana, case a/x, learn = 0
        await app.workers.wait_for_complete()
        assert levels(path, "ana") == {
            "a": {"need": 3, "service": 1},
            "a/x": {"learn": 0, "doable": 1},
        }
        assert "# gardé" in path.read_text()
        await pilot.press("delete")  # abstain
        await app.workers.wait_for_complete()
        assert levels(path, "ana")["a/x"] == {"doable": 1}
        await pilot.press("u", "u")
        await app.workers.wait_for_complete()
        assert levels(path, "ana")["a/x"] == {"learn": 3, "doable": 1}
        await pilot.press("s", "9")  # bob; 9 is above the scale: refused
        await app.workers.wait_for_complete()
        assert "bob" not in levels(path, "bob")
        await pilot.press("1")
        await app.workers.wait_for_complete()
        assert levels(path, "bob") == {"a/x": {"learn": 1}}
        assert app.workbench.evaluation.result("a/x").cells["learn"].levels == (1, 3)


@sync
async def test_note_dialog_saves(workspace):
    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "down", "n")
        await pilot.press(*"Trop long", "enter")
        await app.workers.wait_for_complete()
        assert Workbench(path).session.notes["ana"] == {"a/x": "Trop long"}


@sync
async def test_blind_mode_hides_then_reveals(workspace):
    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        matrix = app.screen.query_one(MatrixView)
        case_row = next(r for r in matrix.rows if r.case == "a/x")
        assert case_row.score != "░"
        await pilot.press("b")
        await pilot.pause()
        case_row = next(r for r in matrix.rows if r.case == "a/x")
        assert case_row.score == "░"
        assert {text for text, _ in case_row.cells if text} == {"░"}
        # the scoring screen still shows the scorer's own levels, not the group's
        await pilot.press("2")
        await pilot.pause()
        scoring = app.screen.query_one(MatrixView)
        row = next(r for r in scoring.rows if r.case == "a/x")
        assert row.score == "░" and row.cells[3][0] == "3"
        await pilot.press("b", "1")
        await pilot.pause()
        case_row = next(r for r in app.screen.query_one(MatrixView).rows if r.case == "a/x")
        assert case_row.score.strip() == "78 #1"  # (2 x 2/3 + 1 x 3/3) / 3


@sync
async def test_reload_after_external_change(workspace):
    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        path.write_text(path.read_text().replace("need = 2", "need = 0"))
        app.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, ReloadDialog)
        await pilot.press("escape")  # keep: nothing reloaded, nothing written
        assert app.workbench.session.scores["ana"]["a"]["need"] == 2
        app.check_disk()
        await pilot.pause()
        assert not isinstance(app.screen, ReloadDialog)  # not asked twice for one change
        # an edit now is refused, never written over the other's change
        await pilot.press("2", "right", "right", "3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "need = 0" in path.read_text()
        assert isinstance(app.screen, ReloadDialog)
        await pilot.press("r")
        await pilot.pause()
        assert app.workbench.session.scores["ana"]["a"]["need"] == 0
        assert app.workbench.pending == 0


@sync
async def test_hostile_labels_show_literally(workspace):
    from conftest import TAMIS

    hostile = "[@click=app.quit]x[/]"
    tamis = TAMIS.replace('label = "Besoin"', f'label = "{hostile}"')
    body = BODY.replace('title = "Angle X"', 'title = "Angle \\u001b[2J [/x]"')
    path = workspace(body, tamis=tamis)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")  # the "need" column
        await pilot.pause()
        legend = app.screen.query_one("#legend").render()
        assert hostile in str(legend)
        matrix = app.screen.query_one(MatrixView)
        index = next(i for i, r in enumerate(matrix.rows) if r.case == "a/x")
        drawn = matrix._row_strip(index).text
        assert "\x1b" not in drawn and "Angle \\x1b[2J" in drawn
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CellDetail)
        await pilot.click(offset=(20, 5))
        await pilot.press("escape", "3", "6")
        await pilot.pause()
        assert app.is_running
        svg = app.export_screenshot()
        assert "\x1b" not in svg


def test_plain_is_literal():
    text = plain("[b]x[/b] \x1b[2J")
    assert isinstance(text, Text)
    assert text.plain == "[b]x[/b] \\x1b[2J"
    assert not text.spans


@sync
async def test_error_screen_lists_every_problem(monkeypatch):
    monkeypatch.chdir(PROJECT)
    app = SieveApp(Path("tests/data/bad/sessions/bad.toml"), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        shown = str(app.screen.query_one("#problems").render())
        assert "tests/data/bad/sessions/bad.toml:9:1:" in shown
        assert "bad.toml:14:1:" in shown and "bad.toml:22:1:" in shown
        await pilot.press("1")  # no main screen on a session that cannot be opened
        assert isinstance(app.screen, ErrorScreen)


@sync
async def test_vigilance_enter_jumps_to_the_matrix(tmp_path):
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    app = SieveApp(tmp_path / "sessions" / "paris.toml", watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        flag = app.screen.flags[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "matrix"
        matrix = app.screen.query_one(MatrixView)
        assert matrix.current_key() == flag.key


@sync
async def test_one_edit_repaints_few_lines(tmp_path):
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    app = SieveApp(tmp_path / "sessions" / "paris.toml", watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "down")
        matrix = app.screen.query_one(MatrixView)
        total = len(matrix.rows)
        await pilot.press("right", "0")  # agnès: the kiosque case's tenable-sessions gate
        await pilot.pause()
        assert 0 < matrix.repainted_lines < total
        await app.workers.wait_for_complete()


def test_matrix_rows_group_subjects_and_set_sifted_apart(workspace):
    from sieve.app.widgets.matrix import build_rows, ordered_criteria

    body = (
        BODY
        + """
[[angle]]
id = "y"
subject = "a"
title = "Angle Y"

[scores.bob]
"a/y" = { doable = 0, learn = 1 }
"a" = { need = 0 }
"""
    )
    wb = Workbench(workspace(body))
    columns = ordered_criteria(wb.session)
    assert [c.id for c in columns] == ["service", "doable", "need", "learn"]
    rows = build_rows(wb.evaluation, columns, None, False)
    shape = [(r.kind, r.case, r.sifted) for r in rows]
    assert shape == [
        ("subject", None, False),
        ("case", "a/x", False),
        ("section", None, True),
        ("subject", None, True),
        ("case", "a/y", True),
    ]
    subject, case_x = rows[0], rows[1]
    # subject criteria on the subject row only; need: ana 2, bob 0 -> median 1, disputed
    assert subject.cells[2] == ("1≠", "heat3-disputed")
    assert case_x.cells[2] == ("", "")
    # a/x: learn only ana 3 -> 3 on 0..3; doable ana 1 -> passes
    assert case_x.cells[3] == ("3", "heat8") and case_x.cells[1] == ("1", "heat8")
    # a/y: nobody gave doable but bob 0 -> fails the gate "P2"
    assert rows[4].score == "✗ P2"
    assert rows[4].cells[1] == ("0✗", "heat0")
    # bob's own view: his levels, "·" where he abstained
    mine = build_rows(wb.evaluation, columns, "bob", False)
    assert mine[1].cells[3] == ("·", "absent") and mine[4].cells[3] == ("1", "heat3")


def test_screenshot_command(tmp_path, monkeypatch):
    from sieve.cli.main import main

    monkeypatch.chdir(PROJECT)
    out = tmp_path / "m.svg"
    code = main(["screenshot", "sessions/paris.toml", "--out", str(out), "--size", "100x30"])
    assert code == 0
    svg = out.read_text()
    assert svg.startswith("<svg") and "Matrice" in svg
    assert main(["screenshot", "sessions/paris.toml", "--out", str(out), "--size", "big"]) == 2


@sync
async def test_folder_picker_then_scorer_picker(tmp_path):
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    sessions = sorted((tmp_path / "sessions").glob("*.toml"))
    app = SieveApp(None, sessions=sessions, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter")  # mulhouse.toml, paris.toml: paris
        await pilot.pause()
        assert app.workbench.path.name == "paris.toml"
        assert app.current_mode == "matrix"
        await pilot.press("S", "down", "down", "enter")
        await pilot.pause()
        assert app.screen.scorer == list(app.workbench.session.scorers)[2]


@sync
async def test_empty_session_every_screen(workspace):
    path = workspace('[[subject]]\nid = "a"\ntitle = "Seul"\n')
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ["down", "right", "enter", "s", "g", "2", "3", "down", "escape"]:
            await pilot.press(key)
        await pilot.press("escape", "3", "enter", "6", "enter", "p", "escape", "question_mark")
        await pilot.pause()
        assert app.is_running
        rows = (
            app.screen_stack[0].query_one(MatrixView).rows if app.current_mode == "matrix" else []
        )
        assert all(r.case is None for r in rows)


def test_pending_edits_are_written_when_the_app_closes(workspace, monkeypatch):
    import sieve.app as app_package

    path = workspace(BODY)

    def fake_run(self) -> None:  # the user scores then quits before the save thread ran
        self.workbench = Workbench(path, autosave=False)
        self.workbench.set_score("bob", "a", "need", 1)

    monkeypatch.setattr(SieveApp, "run", fake_run)
    assert app_package.run(path) == 0
    assert levels(path, "bob") == {"a": {"need": 1}}


@sync
async def test_error_screen_reloads_once_the_file_is_fixed(workspace):
    path = workspace(BODY.replace('id = "a"\ntitle', 'id = "A a"\ntitle', 1))
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        path.write_text(path.read_text().replace('id = "A a"', 'id = "a"'))
        app.check_disk()
        await pilot.pause()
        assert app.current_mode == "matrix" and not isinstance(app.screen, ErrorScreen)
        assert app.workbench.session.subjects["a"].title == "Sujet A"


@sync
async def test_click_moves_the_matrix_cursor(workspace):
    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        matrix = app.screen.query_one(MatrixView)
        fixed = matrix._fixed_width()
        # line 0 is the header; line 2 is the case a/x; column 3 is "learn"
        await pilot.click(MatrixView, offset=(fixed + 3 * 6 + 2, 2))
        assert matrix.current_key() == "a/x"
        assert matrix.current_criterion.id == "learn"


@sync
async def test_command_palette_lists_the_screens(workspace):
    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"classement")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "ranking"
