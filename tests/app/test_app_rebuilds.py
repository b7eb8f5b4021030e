"""A screen rebuilds once per change (issue 10.22): counted, never timed.

Textual mounts a screen, lays it out, resizes it and resumes it (twice on a first
visit), and the app asks the current screen to update after every edit: each used to
rebuild the screen from the session, three to five times on a first visit (the
vigilance list of a large session took a second each time). ``SieveScreen.rebuilds``
counts the rebuilds.
"""

from __future__ import annotations

import pytest
from conftest import settle, sync

from sieve.app.app import SieveApp
from sieve.app.screens import SCREENS

#: Every main screen's key, but the stakeholders' (its analysis runs in a thread and
#: shows itself; it is counted apart below).
KEYS = [entry.key for entry in SCREENS if entry.name not in ("stakeholders",)]


@sync
async def test_the_first_screen_is_built_once_at_start(paris):
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.current_mode == "matrix"
        assert app.screen.rebuilds == 1


@pytest.mark.parametrize("key", KEYS)
@sync
async def test_each_screen_is_built_once_on_its_first_visit_and_not_again_unchanged(paris, key):
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        matrix = app.screen
        await pilot.press(key)
        await settle(pilot)
        screen = app.screen
        assert screen.rebuilds == 1, screen
        # the screens where a digit is an answer (a level, a mention, a judgment) leave by escape
        leave_by_escape = ("scoring", "presentation", "vote", "weighting")
        await pilot.press("escape" if app.current_mode in leave_by_escape else "1")
        await settle(pilot)
        if key != "1":
            assert app.screen is matrix and matrix.rebuilds == 1
            await pilot.press(key)  # shown again, nothing changed: nothing rebuilt
            await settle(pilot)
            assert app.screen is screen and screen.rebuilds == 1


@sync
async def test_the_stakeholders_screen_is_built_once(paris):
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("0")
        await settle(pilot)
        assert app.screen.rebuilds == 1


@sync
async def test_a_change_rebuilds_the_screen_once_and_the_others_when_shown(paris):
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        vigilance = app.screen
        await pilot.press("2", "down", "right")
        await settle(pilot)
        scoring = app.screen
        assert scoring.rebuilds == 1
        matrix = scoring.matrix
        key, crit = matrix.current_key(), matrix.current_criterion
        now = app.workbench.session.scores[scoring.scorer].get(key, {}).get(crit.id)
        await pilot.press(str(0 if now else 1))  # a level: one edit
        await settle(pilot)
        assert len(app.workbench.undo_stack) == 1
        assert scoring.rebuilds == 2
        await pilot.press("b")  # blind mode: a change too
        await settle(pilot)
        assert scoring.rebuilds == 3
        await pilot.press("escape", "6")
        await settle(pilot)
        assert app.screen is vigilance and vigilance.rebuilds == 2  # both changes at once


@sync
async def test_a_resize_rebuilds_a_screen_worded_to_its_width_once(paris):
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        tamis = app.screen
        assert tamis.rebuilds == 1
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert tamis.rebuilds == 2


#: Sizes where the matrix fits (one frame), where the progress line takes two lines
#: (the matrix leaves them blank: worked out before the layout), and where the matrix
#: scrolls (its scrollbars).
START_SIZES = [(120, 36), (100, 30), (160, 48), (200, 60), (80, 24), (60, 20)]


@pytest.mark.parametrize("size", START_SIZES, ids=[f"{w}x{h}" for w, h in START_SIZES])
@sync
async def test_the_app_starts_with_one_frame_and_one_build(paris, size):
    app = SieveApp(paris, watch=False)
    written = []  # the frames Textual writes to the terminal (none while it holds them)
    display = app._display

    def counted(screen, frame) -> None:
        if frame is not None and not app._batch_count:
            written.append(frame)
        display(screen, frame)

    app._display = counted  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert app.current_mode == "matrix" and app.screen.rebuilds == 1
        kinds = [type(frame).__name__ for frame in written]
        assert kinds.count("LayoutUpdate") == 1, kinds  # one paint of the whole screen
        # and nothing else, but where the matrix scrolls: Textual places a scroll view's
        # scrollbars after its first layout and draws them apart
        matrix = app.screen.matrix
        bars = [bar.region for bar in (matrix.vertical_scrollbar, matrix.horizontal_scrollbar)]
        bars = [region for region in bars if region]
        others = [frame for frame in written if type(frame).__name__ != "LayoutUpdate"]
        assert not others or bars, kinds
        for frame in others:
            assert type(frame).__name__ == "ChopsUpdate", kinds
            for y, x1, x2 in frame.spans:
                assert any(
                    bar.y <= y < bar.bottom and bar.x <= x1 and x2 <= bar.right for bar in bars
                ), (bars, y, x1, x2)


@sync
async def test_the_error_screen_opens_over_the_first_screen_and_leaves_it_when_fixed(tmp_path):
    from conftest import copy_paris

    from sieve.app.screens.errors import ErrorScreen

    path = copy_paris(tmp_path)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("[session]", "[session", 1), encoding="utf-8")  # bad TOML
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        path.write_text(good, encoding="utf-8")
        app.reload(quiet=True)
        await settle(pilot)
        assert app.current_mode == "matrix" and app.screen.rebuilds == 1


@sync
async def test_the_first_frame_does_not_wait_for_the_screens_update_timer(paris, monkeypatch):
    """The first screen is laid out in Textual's start-up batch, when nothing is written;
    its frame is written as soon as the start-up is over, not at the first tick of the
    screen's update timer (a whole 1/60 s after it starts, idle: issue 10.24)."""
    from textual.timer import Timer

    ticks = []
    tick = Timer._tick

    async def counted_tick(self, *args, **kwargs):
        if self.name == "screen_update":
            ticks.append(self)
        return await tick(self, *args, **kwargs)

    monkeypatch.setattr(Timer, "_tick", counted_tick)
    app = SieveApp(paris, watch=False)
    at_first_frame = []
    display = app._display

    def counted(screen, frame) -> None:
        if frame is not None and not app._batch_count and not at_first_frame:
            at_first_frame.append(len(ticks))
        display(screen, frame)

    app._display = counted  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
    assert at_first_frame == [0]
