"""The portfolio, calendar and journal screens, walked with keys (Pilot)."""

from __future__ import annotations

import pytest
from conftest import FIVE_CASES_PORTFOLIO, copy_paris, settle, snapshot_app, sync, text_of

from sieve.app.app import SieveApp
from sieve.app.screens.calendar import CalendarScreen
from sieve.app.screens.decision import DecisionDialog
from sieve.app.screens.portfolio import PortfolioScreen
from sieve.load.session import open_session

BODY = FIVE_CASES_PORTFOLIO


def tail(path) -> str:
    """The session file from its ``[portfolio]`` table on."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("[portfolio]") :]


@sync
async def test_portfolio_screen_pins_and_excludes_are_saved(workspace):
    path = workspace(BODY)
    head = path.read_text(encoding="utf-8").partition("[portfolio]")[0]
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7")
        await settle(pilot)  # the optimiser runs in a thread
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        assert screen.result.best.cases == ("alpha/a1", "beta/b1", "gamma/g1")
        # Candidates are listed in ranking order: beta/b1 first. Exclude it.
        await pilot.press("e")
        await settle(pilot)
        assert "beta/b1" not in screen.result.best.cases
        assert "✔" in text_of(screen, "#pf-detail")
        assert tail(path) == (
            '[portfolio]\nmax_cases = 3\nfirst_case = "calm"\nexcluded = ["beta/b1"]\n'
        )
        await pilot.press("e", "down", "down", "down", "down", "i")  # delta/d1 pinned
        await settle(pilot)
        assert "delta/d1" in screen.result.best.cases
        assert tail(path) == (
            '[portfolio]\nmax_cases = 3\nfirst_case = "calm"\nexcluded = []\n'
            'pinned = ["delta/d1"]\n'
        )
        assert app.workbench.session.portfolio.pinned == ("delta/d1",)
        await pilot.press("c")
        await settle(pilot)
        assert screen.result.best.cases == ("alpha/a1", "beta/b1", "gamma/g1")
        assert tail(path).endswith("excluded = []\npinned = []\n")
    assert path.read_text(encoding="utf-8").startswith(head)  # the comment is kept
    assert "# un commentaire gardé\n" in head


@sync
async def test_pins_write_pending_scores_first(workspace):
    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        app.workbench.set_score("x", "delta", "need", 0)  # not saved yet
        assert app.workbench.pending == 1
        await pilot.press("7", "e")
        assert app.workbench.pending == 0
    session = open_session(path)
    assert session.scores["x"]["delta"]["need"] == 0
    assert session.portfolio.excluded == ("beta/b1",)


@sync
async def test_decision_from_the_app_round_trips(workspace):
    path = workspace(BODY)
    before = path.read_text(encoding="utf-8")
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7", "d")
        assert isinstance(app.screen, DecisionDialog)
        # Enter moves to the people present: Space ticks x, then y; Enter records.
        await pilot.press(*"Choix du groupe", "enter", "space", "down", "space", "enter")
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
async def test_a_decision_recorded_in_the_app_is_undone_byte_for_byte(workspace):
    """Recording a decision goes through the workbench, so u takes it back like any edit."""
    path = workspace(BODY)
    before = path.read_bytes()
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7", "d")
        await pilot.press(*"Choix du groupe", "enter", "space", "enter")
        await pilot.pause()
        assert len(app.workbench.session.decisions) == 1
        assert path.read_bytes() != before
        await pilot.press("u")
        await pilot.pause()
        assert app.workbench.session.decisions == ()
    assert path.read_bytes() == before


@sync
async def test_calendar_screen_shows_what_breaks_and_saves_each_move(workspace):
    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("8")
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        assert screen.calendar.breaches == []
        assert not screen.planned and "[[portfolio.case]]" not in path.read_text("utf-8")
        await pilot.press("plus", "plus", "plus")  # the first case gets 5 sessions
        assert [b.id for b in screen.calendar.breaches] == ["calendar.case-sessions"]
        assert screen.planned
        assert tail(path) == (
            '[portfolio]\nmax_cases = 3\nfirst_case = "calm"\n\n'
            '[[portfolio.case]]\ncase = "alpha/a1"\nsessions = [1, 2, 3, 4, 5]\n\n'
            '[[portfolio.case]]\ncase = "beta/b1"\nsessions = [6, 7]\n\n'
            '[[portfolio.case]]\ncase = "gamma/g1"\nsessions = [8, 9]\n'
        )
        await pilot.press("minus", "minus", "minus", "greater_than_sign", "greater_than_sign")
        await pilot.press("greater_than_sign")  # lab work from session 7
        assert [b.id for b in screen.calendar.breaches] == ["calendar.lab-start"]
        assert tail(path).startswith(
            '[portfolio]\nmax_cases = 3\nfirst_case = "calm"\nlab_start = 7\n\n'
            '[[portfolio.case]]\ncase = "alpha/a1"\nsessions = [1, 2]\n\n'
            '[[portfolio.case]]\ncase = "beta/b1"\nsessions = [3, 4]\n'
        )
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign", "r")
        assert screen.calendar.breaches == []
        assert not screen.planned
        assert tail(path) == '[portfolio]\nmax_cases = 3\nfirst_case = "calm"\nlab_start = 4\n'
        # The exposed case (third) moved to the front cannot open the Transfo.
        await pilot.press("down", "down", "left_square_bracket", "left_square_bracket")
        assert screen.calendar.cases[0] == "gamma/g1"
        assert [b.id for b in screen.calendar.breaches] == ["calendar.first-case"]


@sync
async def test_journal_screen_lists_decisions(workspace):
    path = workspace(BODY)
    from sieve.save.journal import record_decision

    record_decision(open_session(path), ["alpha/a1"], "Parce que [bold]x[/]")
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("9")
        shown = text_of(app.screen, "#journal")
        assert "Parce que [bold]x[/]" in shown
        assert "A1 · Alpha" in shown and "alpha/a1" not in shown  # titles, not keys


@sync
async def test_robustness_from_the_portfolio_screen(workspace):
    from sieve.render.plan import robust_case

    app = SieveApp(workspace(BODY), watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7", "m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert screen.robust is not None
        assert screen.robust.proposed == screen.result.best.cases
        assert "P(portefeuille)" in text_of(screen, "#pf-detail")
        key = screen.query_one("#pf-cases").highlighted_option.id
        assert robust_case(screen.robust, key) in text_of(screen, "#pf-detail")


@sync
async def test_robustness_on_the_ranking_screen(workspace):
    from sieve.app.screens.ranking import ROBUST_DRAWS, RankingScreen
    from sieve.i18n import percent
    from sieve.plan.robust import analyse
    from sieve.render.plan import robust_case

    path = workspace(BODY)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("3")
        screen = app.screen
        assert isinstance(screen, RankingScreen)
        assert screen.robust is None
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rob = screen.robust
        assert rob is not None and rob.draws == ROBUST_DRAWS
        want = analyse(open_session(path), draws=ROBUST_DRAWS, seed=0)
        assert rob.p_top == want.p_top and rob.p_portfolio == want.p_portfolio
        assert not screen.query_one("#robust-progress").has_class("running")
        # beta/b1 is first; its line shows P(top 3) and P(portfolio) beside the bar.
        first = screen.query_one("#ranking").get_option_at_index(0)
        assert first.id == "beta/b1"
        pct = f"{round(want.p_top['beta/b1'] * 100)}%"
        assert (
            str(first.prompt)
            .rstrip()
            .endswith(f"{pct:>4} {round(want.p_portfolio['beta/b1'] * 100)}%".rstrip())
        )
        explain = text_of(screen, "#explain")
        assert "P(portefeuille)" in explain
        # Each chance with its Monte Carlo standard error.
        assert robust_case(want, "beta/b1") in explain
        assert percent(want.p_top["beta/b1"], error=want.se_top["beta/b1"]) in explain
        assert "Plages de poids" in explain and "need (2)" in explain
        # An edit makes the analysis stale: the figures go away until it is run again.
        app.set_score("x", "delta", "need", 0)
        await pilot.pause()
        assert "relancer" in text_of(screen, "#bar")
        assert "P(portefeuille)" not in text_of(screen, "#explain")


# -- snapshots (French, 80x24 and 160x48) ------------------------------------------------------

SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def paris_with_journal(tmp_path):
    """A copy of the shipped Paris session with one decision, reviewed, on fixed dates."""
    import datetime as dt

    from sieve.save.journal import record_decision, record_review

    path = copy_paris(tmp_path)
    cases = ["carte-participative/kiosque", "echange-local/trocateur"]
    record_decision(
        open_session(path), cases, "Deux cas tenables", ["agnes"], date=dt.date(2017, 3, 1)
    )
    record_review(
        open_session(path),
        "decision-2017-03-01",
        cases[0],
        2,
        "Kiosque testé en mairie",
        date=dt.date(2017, 9, 1),
    )
    return path


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "screen", ["portfolio", "calendar", "exchange"], ids=["portfolio", "calendar", "exchange"]
)
def test_snapshot(snap_compare, screen, size):
    keys = {"portfolio": ["7", "down"], "calendar": ["8", "down"], "exchange": ["x"]}[screen]

    async def show(pilot) -> None:  # the exchange screen reads the other tamis in a thread
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(snapshot_app(), run_before=show, terminal_size=size)


@sync
async def test_journal_rows_say_which_case_in_view_at_80_columns(paris_with_journal):
    app = SieveApp(paris_with_journal, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9")
        await pilot.pause()
        lines = text_of(app.screen, "#journal").splitlines()
    head = next(line for line in lines if "score" in line and "rang" in line)
    assert head.split()[:3] == ["cas", "score", "rang"]  # the case first, as sieve journal
    rows = [line[:40].rstrip() for line in lines if "…   0," in line]
    assert rows == [  # as the app names cases: angle · subject, cut apart
        "  Prototyper un kiosque citoyen…   0,86",
        "  Prototyper « le Trocateur cit…   0,78",
    ]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_journal(snap_compare, paris_with_journal, size):
    assert snap_compare(snapshot_app(path=paris_with_journal), press=["9"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_ranking_robust(snap_compare, size):
    """The ranking with the Monte Carlo figures (seed 0) beside the bars."""

    async def run_before(pilot) -> None:
        await pilot.press("3", "m")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=size)


@sync
async def test_the_ranking_s_robustness_is_the_portfolio_s(workspace):
    """Run once on the ranking screen, the analysis shows on the portfolio screen too."""
    app = SieveApp(workspace(BODY), watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("3", "m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rob = app.screen.robust
        assert rob is not None
        await pilot.press("7")
        await pilot.pause()
        assert app.screen.robust is rob
        assert "P(portefeuille)" in text_of(app.screen, "#pf-detail")


@sync
async def test_portfolio_calendar_and_decision_read_titles_not_keys(workspace):
    """12.3: a person reads titles; keys stay in the file and on the command line."""
    from textual.widgets import OptionList, SelectionList, Static

    app = SieveApp(workspace(BODY), watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7")
        await settle(pilot)
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        angle, subject = listed[0].split("\n")  # the angle, its subject below
        assert angle.endswith(" B1") and subject.strip() == "Beta"
        assert not any("/" in line for line in listed)
        detail = text_of(app.screen, "#pf-detail")
        assert "1. Alpha — A1" in detail and "alpha/a1" not in detail
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)
        shown = [str(s.content) for s in dialog.query(Static)]
        assert "· Alpha — A1" in shown and not any("alpha/a1" in s for s in shown)
        names = [str(o.prompt) for o in dialog.query_one(SelectionList).options]
        assert names == ["X", "Y"]
        await pilot.press("escape", "8")
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert listed[0] == "A1  [1, 2]\nAlpha"
        detail = text_of(app.screen, "#cal-detail")
        assert " A1\n" in detail and "alpha/a1" not in detail


@sync
async def test_the_portfolio_screen_paints_before_the_optimiser_answers(paris, monkeypatch):
    """The optimiser's first run imports SciPy (about two seconds on the default
    session): the screen is painted at once, saying that it works, and filled after."""
    import threading

    from textual.widgets import OptionList

    from sieve.app.screens import portfolio as module
    from sieve.i18n import t

    answer = threading.Event()
    solve = module._solve

    def slow(session, evaluation):
        assert answer.wait(20), "the test never let the optimiser answer"
        return solve(session, evaluation)

    monkeypatch.setattr(module, "_solve", slow)
    app = SieveApp(paris, watch=False)
    painted = []  # the screens of the frames written to the terminal
    display = app._display

    def counted(screen, frame) -> None:
        if frame is not None and not app._batch_count:
            painted.append(screen)
        display(screen, frame)

    app._display = counted  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen) and screen.result is None
        assert screen in painted  # painted while the optimiser has not answered
        options = screen.query_one(OptionList)
        assert [str(o.prompt) for o in options.options] == [t("plan.computing")]
        assert t("plan.computing") in text_of(screen, "#bar")
        await pilot.press("d")  # nothing to record yet: said, no dialog
        assert app.screen is screen
        answer.set()
        await settle(pilot)
        assert screen.result is not None and screen.rebuilds == 1
        keys = [c.key for c in screen.result.instance.candidates]
        assert [o.id for o in options.options] == keys
        assert t("plan.computing") not in text_of(screen, "#bar")
