"""The registry of the app's main screens: one entry per screen.

Each entry names the screen (its Textual *mode*), the key that shows it from
anywhere, the catalogue key of its title (used in the footer, the help screen
and the command palette), and where its class lives (imported on first use, so
that start-up stays quick). To add a screen, write its module here and add one
:class:`ScreenEntry` to :data:`SCREENS`; the app binds its key, adds it to the
command palette and lists it in the help screen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from textual.screen import Screen

from sieve.records import record


@record
class ScreenEntry:
    """One main screen of the app."""

    name: str
    """The screen's id (its Textual mode name), e.g. ``"matrix"``."""
    key: str
    """The key that shows it from anywhere (Textual key name)."""
    title_key: str
    """The catalogue key of its title (:mod:`sieve.i18n.catalogues.app`)."""
    target: str
    """``"module:Class"`` of the screen, relative to ``sieve.app.screens``."""
    help_key: str = ""
    """The catalogue key of a one-line description for the palette and the help."""

    def factory(self) -> Callable[[], Screen]:
        def make() -> Screen:
            module, _, cls = self.target.partition(":")
            return getattr(importlib.import_module(f"sieve.app.screens.{module}"), cls)()

        return make


#: The main screens, in the order of their keys.
SCREENS: list[ScreenEntry] = [
    ScreenEntry("matrix", "1", "app.screen.matrix", "matrix:MatrixScreen", "app.help.matrix"),
    ScreenEntry("scoring", "2", "app.screen.scoring", "scoring:ScoringScreen", "app.help.scoring"),
    ScreenEntry("ranking", "3", "app.screen.ranking", "ranking:RankingScreen", "app.help.ranking"),
    ScreenEntry("tamis", "4", "app.screen.tamis", "tamis:TamisScreen", "app.help.tamis"),
    ScreenEntry("cases", "5", "app.screen.cases", "cases:CasesScreen", "app.help.cases"),
    ScreenEntry(
        "vigilance", "6", "app.screen.vigilance", "vigilance:VigilanceScreen", "app.help.vigilance"
    ),
    ScreenEntry(
        "portfolio",
        "7",
        "app.screen.portfolio",
        "portfolio:PortfolioScreen",
        "app.help.portfolio",
    ),
    ScreenEntry(
        "calendar", "8", "app.screen.calendar", "calendar:CalendarScreen", "app.help.calendar"
    ),
    ScreenEntry(
        "journal", "9", "app.screen.journal", "portfolio:JournalScreen", "app.help.journal"
    ),
    ScreenEntry(
        "stakeholders",
        "0",
        "app.screen.stakeholders",
        "stakeholders:StakeholdersScreen",
        "app.help.stakeholders",
    ),
    ScreenEntry("vote", "v", "app.screen.vote", "vote:VoteScreen", "app.help.vote"),
    ScreenEntry("session", "w", "app.screen.session", "session:SessionScreen", "app.help.session"),
    ScreenEntry(
        "exchange", "x", "app.screen.exchange", "exchange:ExchangeScreen", "app.help.exchange"
    ),
    ScreenEntry(
        "weighting",
        "k",
        "app.screen.weighting",
        "weighting:WeightingScreen",
        "app.help.weighting",
    ),
    ScreenEntry(
        "presentation",
        "p",
        "app.screen.presentation",
        "presentation:PresentationScreen",
        "app.help.presentation",
    ),
    ScreenEntry("room", "j", "app.screen.room", "room:RoomScreen", "app.help.room"),
]


def entry(name: str) -> ScreenEntry:
    """The registered screen called ``name``."""
    for item in SCREENS:
        if item.name == name:
            return item
    raise KeyError(name)
