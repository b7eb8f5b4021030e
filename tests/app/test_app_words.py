"""Pilot tests of issue 10's items 7 to 12: room used, progress shown, words in French."""

from __future__ import annotations

from conftest import FIVE_CASES, notices, settle, sync

from sieve.app.app import SieveApp


def palette_command(app: SieveApp, title: str):
    """The callback of the system command titled ``title``."""
    for command in app.get_system_commands(app.screen):
        if command.title == title:
            return command.callback
    raise AssertionError(f"no command {title!r}")


@sync
async def test_screenshot_command_writes_in_the_current_folder(workspace, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setenv("HOME", str(tmp_path / "home-without-downloads"))
    app = SieveApp(workspace(FIVE_CASES), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        palette_command(app, "Capture d'écran")()
        await pilot.pause(0.3)
        await settle(pilot)
        written = list(here.glob("*.svg"))
        assert len(written) == 1
        assert written[0].read_text(encoding="utf-8").startswith("<svg")
        assert notices(app) == [f"capture enregistrée : {written[0]}"]
        assert [p.name for p in here.iterdir()] == [written[0].name]


@sync
async def test_screenshot_into_a_missing_folder_is_worded(workspace, tmp_path):
    app = SieveApp(workspace(FIVE_CASES), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        missing = tmp_path / "nowhere"
        assert app.take_screenshot(missing) is None
        assert notices(app) == [f"capture non enregistrée dans {missing} : ce dossier n'existe pas"]


#: One subject whose case nobody scored on two criteria (need, learn), and one with no angle.
TWO_UNSCORED = """
[[subject]]
id = "a"
title = "Sujet A"

[[subject]]
id = "lone"
title = "Sujet seul"

[[angle]]
id = "a1"
subject = "a"
title = "Angle A1"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"a" = { service = 1 }
"a/a1" = { }
"""


def test_vigilance_names_every_unscored_criterion_and_subjects_with_no_angle(workspace):
    from conftest import loaded

    from sieve.engine.evaluate import evaluate
    from sieve.engine.vigilance import flags

    path = workspace(TWO_UNSCORED)
    found = {f.kind: f for f in flags(evaluate(loaded(path)), [])}
    assert found["incomplete"].criteria == ("need", "learn")
    assert found["gate"].params == {"unscored": True}
    assert found["no-angle"].key == "lone"


@sync
async def test_vigilance_screen_lists_both_unscored_criteria_and_the_subject_with_no_angle(
    workspace,
):
    from textual.widgets import OptionList

    app = SieveApp(workspace(TWO_UNSCORED), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert lines == [
            "✗ Porte non franchie · Sujet A / Angle A1 · Tenable  (personne ne l'a notée)",
            "? Incomplet · Sujet A / Angle A1 · Besoin, Apprentissage  (2 critère(s) sans note)",
            "∅ Sujet sans angle · Sujet seul  (il ne peut pas devenir un cas)",
        ]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.current_mode == "matrix"
        from sieve.app.widgets.matrix import MatrixView

        row = app.screen.query_one(MatrixView).current_row
        assert row is not None and row.subject == "lone"
