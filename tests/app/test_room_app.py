"""The Room screen (key ``j``): the server in the app's loop, a phone's submission counted
at once while blind mode hides every level, the matrix showing it after the reveal."""

from __future__ import annotations

import re
import time

from aiohttp import ClientSession, CookieJar
from conftest import TWO_SCORERS, sync

from sieve.app.app import SieveApp
from sieve.app.screens.room import RoomScreen
from sieve.app.widgets.matrix import MatrixView


def text_of(screen, selector: str) -> str:
    from textual.widgets import Static

    return str(screen.query_one(selector, Static).render())


async def _phone_scores(url: str, code: str) -> float:
    """Bob joins from a phone and gives a/x learn = 0; the seconds the POST took."""
    async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as phone:
        page = await (await phone.get(f"{url}?code={code}")).text()
        form = re.search(r'name="form" value="([^"]+)"', page).group(1)
        await phone.post(f"{url}claim", data={"form": form, "scorer": "bob"})
        start = time.perf_counter()
        r = await phone.post(
            f"{url}score",
            data={"form": form, "key": "a/x", "note": "", "c.learn": "0", "c.doable": "1"},
        )
        assert r.status == 200, await r.text()
        return time.perf_counter() - start


@sync
async def test_room_counts_a_submission_blind_then_the_matrix_shows_it(workspace, monkeypatch):
    monkeypatch.setattr(RoomScreen, "port", 0)
    path = workspace(TWO_SCORERS)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        server = app.room_server
        assert server is not None and server.running
        assert app.blind  # the room opens blind
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        assert " ".join(server.room.code) in text_of(screen, "#room-info")
        progress = text_of(screen, "#room-progress")
        assert "Angle X  1/2" in progress
        took = await _phone_scores(server.url, server.room.code)
        await pilot.pause()
        assert took < 1.0
        progress = text_of(screen, "#room-progress")
        assert "Angle X  2/2" in progress  # Bob's page is counted at once
        assert "Bob" in str(screen.query_one("#room-joined").get_option_at_index(0).prompt)
        await pilot.press("f")  # free the highlighted name: Bob's phone must choose again
        await pilot.pause()
        assert server.room.taken() == {}
        # no level anywhere: the room shows counts, the matrix hides the group while blind
        await pilot.press("1")
        await pilot.pause()
        row = next(r for r in app.screen.query_one(MatrixView).rows if r.case == "a/x")
        assert row.score == "░" and {text for text, _ in row.cells if text} == {"░"}
        # the reveal: blind mode off, the matrix shows the group with Bob's level
        await pilot.press("j", "r")
        await pilot.pause()
        assert not app.blind and server.room.revealed
        await pilot.press("1")
        await pilot.pause()
        row = next(r for r in app.screen.query_one(MatrixView).rows if r.case == "a/x")
        assert row.score.strip() == "61 #1"  # (2 x 2/3 + 1 x median(3, 0)/3) / 3
        await pilot.press("j", "enter")  # close the room
        await pilot.app.workers.wait_for_complete()
        assert not server.running
    text = path.parent.joinpath("s-scores", "bob.toml").read_text(encoding="utf-8")
    assert '"a/x" = { learn = 0, doable = 1 }' in text
    journal = path.read_text(encoding="utf-8")
    assert journal.count("[[round]]") == 3  # opened, closed (by the reveal), revealed
