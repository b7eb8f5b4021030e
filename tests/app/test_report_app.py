"""The report from the app: ``R`` (or the palette) writes it in the current folder; refused
while blind mode hides the results."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TWO_SCORERS, loaded, notices, settle, sync

from sieve import i18n
from sieve.app.app import SieveApp
from sieve.render.report import render_report


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, where the app writes its reports."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@sync
async def test_R_saves_the_edits_then_writes_the_report_beside_never_over_another(workspace, here):
    path = workspace(TWO_SCORERS)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "right", "right", "3")  # ana: subject a, need = 3
        await pilot.press("R")  # at once: the level may still be pending
        await settle(pilot)
        first = here / "rapport-s.html"
        assert sorted(p.name for p in here.iterdir()) == ["rapport-s.html"]
        session = loaded(path)
        assert session.scores["ana"]["a"]["need"] == 3
        assert first.read_text(encoding="utf-8") == render_report(session, "html", "fr")
        assert f"Rapport écrit : {first}" in notices(app)
        await pilot.press("escape", "R")
        await settle(pilot)
        assert sorted(p.name for p in here.iterdir()) == ["rapport-s-2.html", "rapport-s.html"]


@sync
async def test_blind_mode_refuses_the_report_and_says_why(workspace, here):
    app = SieveApp(workspace(TWO_SCORERS), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "R")
        await settle(pilot)
        assert list(here.iterdir()) == []
        assert notices(app)[-1] == i18n.t("app.report.blind")
        await pilot.press("b", "R")
        await settle(pilot)
        assert [p.name for p in here.iterdir()] == ["rapport-s.html"]


@sync
async def test_the_palette_writes_the_report_in_english_too(workspace, here):
    i18n.set_lang("en")
    app = SieveApp(workspace(TWO_SCORERS), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Session report")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        written = here / "report-s.html"
        assert [p.name for p in here.iterdir()] == [written.name]
        assert '<html lang="en">' in written.read_text(encoding="utf-8")
        assert f"Report written: {written}" in notices(app)


@sync
async def test_a_folder_that_cannot_be_written_is_worded(workspace, tmp_path):
    app = SieveApp(workspace(TWO_SCORERS), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        missing = tmp_path / "missing"
        app.write_report(missing)
        await settle(pilot)
        assert notices(app)[-1] == f"Rapport non écrit dans {missing} : ce dossier n'existe pas"
