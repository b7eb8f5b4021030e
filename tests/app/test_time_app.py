"""The map over time on the Stakeholders screen: the date control, the trajectory view,
the assessment and stance forms. Pilot tests and snapshots.

The shipped Paris session's history (sessions/paris.toml): Agnès is an ambassador at the
start and the referent from 2017-03-14; Bruno and Odile leave after 2017-03-31; Elia and
Arié arrive on 2017-04-04, the mayor of the 20th on 2017-05-16. Its dates, in order:
02-07 (a stance), 03-07 (a stance), 03-14, 04-01 (the day after the departures), 04-04,
05-01 (a tie ended on 04-30), 05-02 (a stance), 05-16 and 06-06.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import PARIS, changes, loaded, open_stakeholders, settle, sync

from sieve.app.app import SieveApp
from sieve.app.screens.forms import FormDialog
from sieve.app.screens.stakeholders import StakeholdersScreen

D = dt.date


async def select(pilot, screen: StakeholdersScreen, ident: str) -> None:
    screen.query_one("#people").move_cursor(row=list(screen.analysis.people).index(ident))
    await pilot.pause()
    assert screen.selected == ident


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def set_fields(dialog: FormDialog, **values: str) -> None:
    for name, value in values.items():
        dialog.query_one(f"#field-{name}").value = value


def test_the_dates_of_the_shipped_map():
    from sieve.timeline import dates_of

    assert dates_of(loaded(PARIS)) == [
        D(2017, 2, 7),
        D(2017, 3, 7),
        D(2017, 3, 14),
        D(2017, 4, 1),
        D(2017, 4, 4),
        D(2017, 5, 1),
        D(2017, 5, 2),
        D(2017, 5, 16),
        D(2017, 6, 6),
    ]


@sync
async def test_the_date_control_moves_the_list_and_the_findings() -> None:
    app = SieveApp(PARIS, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        assert screen.at is None and screen.analysis.at is None
        now = set(screen.analysis.people)
        assert "bruno" not in now and "elia" in now and "maire-20e" in now
        # back one step: the last date, 2017-06-06
        await press(pilot, "left_square_bracket")
        assert screen.analysis.at == D(2017, 6, 6)
        # back to the start: the day before the first date
        for _ in range(9):
            await press(pilot, "left_square_bracket")
        assert screen.at == D(2017, 2, 6)
        start = screen.analysis
        assert {"bruno", "odile"} <= set(start.people)
        assert not {"elia", "arie", "maire-20e"} & set(start.people)
        assert start.people["agnes"].role == "ambassador"
        # the list follows: its rows are the people of that day
        table = screen.query_one("#people")
        assert table.row_count == len(start.people)
        # the findings follow: no referent yet, so no trajectory to tell
        assert start.of("referent_trajectory") == []
        # forward to 2017-03-14: Agnès is the referent
        for _ in range(3):
            await press(pilot, "right_square_bracket")
        assert screen.at == D(2017, 3, 14)
        assert screen.analysis.people["agnes"].role == "referent"
        assert [f.people for f in screen.analysis.of("referent_trajectory")] == [("agnes",)]
        # past the last date: the map after every dated entry
        for _ in range(10):
            await press(pilot, "right_square_bracket")
        assert screen.at is None


@sync
async def test_a_date_typed_in() -> None:
    app = SieveApp(PARIS, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        set_fields(dialog, date="2017-04-02")
        await press(pilot, "ctrl+s")
        assert screen.at == D(2017, 4, 2)
        assert "bruno" not in screen.analysis.people and "elia" not in screen.analysis.people
        # a bad date: a message, the date kept
        await pilot.press("d")
        await pilot.pause()
        set_fields(app.screen, date="2017-02-30")
        await press(pilot, "ctrl+s")
        assert screen.at == D(2017, 4, 2)
        assert any("2017-02-30" in n.message for n in app.notices)
        # empty: now
        await pilot.press("d")
        await pilot.pause()
        set_fields(app.screen, date="")
        await press(pilot, "ctrl+s")
        assert screen.at is None


@sync
async def test_the_trajectory_view() -> None:
    app = SieveApp(PARIS, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "agnes")
        await press(pilot, "t")
        text = str(screen.query_one("#trajectory-text").render())
        assert "Agnès · trajectoire" in text
        assert "au départ  ambassadeur·rice · pouvoir 1 · intérêt 4" in text
        assert "▶ 2017-03-14 résident·e à domicile · pouvoir 2 · intérêt 4" in text
        assert "Bruno (informe) · jusqu'au 2017-03-31" in text
        assert "Direction des affaires scolaires (informe) · jusqu'au 2017-04-30" in text
        # at the start, the first step is the one in force
        for _ in range(10):
            await press(pilot, "left_square_bracket")
        text = str(screen.query_one("#trajectory-text").render())
        assert "▶ au départ" in text


@sync
async def test_add_an_assessment_then_undo(paris: Path) -> None:
    before = paris.read_text(encoding="utf-8")
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "clemence")
        await pilot.press("h")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        set_fields(dialog, date="2017-09-05", interest="2", note="Moins disponible.")
        await press(pilot, "ctrl+s")
        assert changes(before, paris.read_text(encoding="utf-8")) == [
            "+[[assessment]]",
            '+stakeholder = "clemence"',
            "+date = 2017-09-05",
            "+interest = 2",
            '+note = "Moins disponible."',
            "+",
        ]
        # the map after every dated entry: Clémence's interest is now 2
        assert screen.analysis.people["clemence"].interest == 2
        assert screen.selected == "clemence"
        await press(pilot, "u")
        assert paris.read_text(encoding="utf-8") == before


@sync
async def test_add_a_stance_shows_in_vigilance(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "secretariat-general")
        await pilot.press("s")
        await pilot.pause()
        set_fields(app.screen, subject="echange-local", position="oppose", date="2017-06-20")
        await press(pilot, "ctrl+s")
        last = loaded(paris).stances[-1]
        assert (last.stakeholder, last.subject, last.position, last.date) == (
            "secretariat-general",
            "echange-local",
            "oppose",
            D(2017, 6, 20),
        )
        flags = app.workbench.evaluation.results
        assert any(
            "opposed-by-power" in r.flags for r in flags if r.case.subject.id == "echange-local"
        )


@sync
async def test_a_refused_assessment_writes_nothing(paris: Path) -> None:
    before = paris.read_bytes()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "agnes")
        await pilot.press("h")
        await pilot.pause()
        set_fields(app.screen, date="2017-03-14", power="3")  # she has one on that day
        await press(pilot, "ctrl+s")
    assert paris.read_bytes() == before


# -- snapshots ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["start", "trajectory"])
def test_snapshot(snap_compare, view, size):
    async def run_before(pilot) -> None:
        screen = await open_stakeholders(pilot)
        if view == "start":
            for _ in range(10):
                await press(pilot, "left_square_bracket")
        else:
            await select(pilot, screen, "agnes")
            await press(pilot, "t")

    assert snap_compare(SieveApp(PARIS, watch=False), run_before=run_before, terminal_size=size)
