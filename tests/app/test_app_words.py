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
