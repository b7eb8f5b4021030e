"""The portfolio, calendar and journal screens, walked with keys (Pilot)."""

from __future__ import annotations

import asyncio
import functools

from textual.widgets import Static

from sieve.app.app import SieveApp
from sieve.app.screens.portfolio import CalendarScreen, DecisionDialog, PortfolioScreen
from sieve.load import open_session
from tests.test_plan import SESSION_BODY

BODY = (
    "# un commentaire gardé\n"
    + SESSION_BODY
    + '\n[portfolio]\nmax_cases = 3\nfirst_case = "calm"\n'
)


def sync(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@sync
async def test_portfolio_screen_pins_and_excludes_live(workspace):
    app = SieveApp(workspace(BODY), watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7")
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        assert screen.result.best.cases == ("alpha/a1", "beta/b1", "gamma/g1")
        # Candidates are listed in ranking order: beta/b1 first. Exclude it.
        await pilot.press("e")
        assert "beta/b1" not in screen.result.best.cases
        assert "✔" in text_of(screen, "#pf-detail")
        await pilot.press("e", "down", "down", "down", "down", "i")  # delta/d1 pinned
        assert "delta/d1" in screen.result.best.cases
        await pilot.press("c")
        assert screen.result.best.cases == ("alpha/a1", "beta/b1", "gamma/g1")


@sync
async def test_decision_from_the_app_round_trips(workspace):
    path = workspace(BODY)
    before = path.read_text(encoding="utf-8")
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7", "d")
        assert isinstance(app.screen, DecisionDialog)
        await pilot.press(*"Choix du groupe", "enter", "x", "space", "y", "enter")
        await pilot.pause()
        assert len(app.workbench.session.decisions) == 1
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    (decision,) = open_session(path).decisions
    assert decision.cases == ("alpha/a1", "beta/b1", "gamma/g1")
    assert decision.rationale == "Choix du groupe"
    assert decision.present == ("x", "y")
    assert [s.rank for s in decision.snapshots] == [4, 1, 1]  # b1, g1 tie; b2 is third


@sync
async def test_calendar_screen_shows_what_breaks(workspace):
    app = SieveApp(workspace(BODY), watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("8")
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        assert screen.calendar.breaches == []
        await pilot.press("plus", "plus", "plus")  # the first case gets 5 sessions
        assert [b.id for b in screen.calendar.breaches] == ["calendar.case-sessions"]
        await pilot.press("minus", "minus", "minus", "greater_than_sign", "greater_than_sign")
        await pilot.press("greater_than_sign")  # lab work from session 7
        assert [b.id for b in screen.calendar.breaches] == ["calendar.lab-start"]
        await pilot.press("r")
        assert screen.calendar.breaches == []
        # The exposed case (third) moved to the front cannot open the Transfo.
        await pilot.press("down", "down", "left_square_bracket", "left_square_bracket")
        assert screen.calendar.cases[0] == "gamma/g1"
        assert [b.id for b in screen.calendar.breaches] == ["calendar.first-case"]


@sync
async def test_journal_screen_lists_decisions(workspace):
    path = workspace(BODY)
    from sieve.journal import record_decision

    record_decision(open_session(path), ["alpha/a1"], "Parce que [bold]x[/]")
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("9")
        shown = text_of(app.screen, "#journal")
        assert "Parce que [bold]x[/]" in shown
        assert "alpha/a1" in shown


@sync
async def test_robustness_from_the_portfolio_screen(workspace):
    app = SieveApp(workspace(BODY), watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7", "m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert screen.robust is not None
        assert screen.robust.proposed == screen.result.best.cases
        assert "P(portefeuille)" in text_of(screen, "#pf-detail")
