"""Snapshots of the Room screen (key ``j``), open on a copy of the Paris session, at 80x24
and 120x40: the address and the code fixed, so that nothing on screen depends on chance."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_paris, snapshot_app

import sieve.room.room
import sieve.room.server
from sieve.app.screens.room import RoomScreen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_room_screen_open(snap_compare, monkeypatch, tmp_path: Path, size) -> None:
    monkeypatch.setattr(sieve.room.room, "new_code", lambda: "424242")
    monkeypatch.setattr(sieve.room.server, "machine_addresses", lambda: [])
    monkeypatch.setattr(
        sieve.room.server.RoomServer, "url", property(lambda self: "http://192.168.1.20:8027/")
    )
    monkeypatch.setattr(RoomScreen, "port", 0)

    async def open_room(pilot) -> None:
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()
        pilot.app.clear_notifications()  # the blind-mode toast expires after 3 s: not shown
        await pilot.pause()

    app = snapshot_app(path=copy_paris(tmp_path))
    assert snap_compare(app, run_before=open_room, terminal_size=size)
