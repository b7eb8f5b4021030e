"""Issue 10.20: the files the command line refuses open on the app's error screen, with
their file:line:col; those it accepts open; none crashes the app (a level as an array,
a NUL byte in a path, a BOM, ``weight = inf``, far dates, huge labels...)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_paris, settle, sync

from sieve.app.app import SieveApp
from sieve.app.screens.errors import ErrorScreen
from sieve.load.session import check_file


def _replace(name: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """A mutation of the file ``name`` (relative to the workspace)."""

    def mutate(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return mutate


def _append(name: str, text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        with (root / name).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return mutate


def _bom(*names: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for name in names:
            path = root / name
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    return mutate


SESSION = "sessions/paris.toml"
AGNES = "sessions/paris-scores/agnes.toml"
TAMIS = "criteria/transfo.toml"
HUGE = "é" * 30_000

#: name -> (mutation, whether ``sieve check`` accepts the result)
CASES: dict[str, tuple[Callable[[Path], None], bool]] = {
    "level-array": (_replace(AGNES, "besoin-usagers = 3,", "besoin-usagers = [3],"), False),
    "level-table": (_replace(AGNES, "besoin-usagers = 3,", "besoin-usagers = { a = 3 },"), False),
    "nul-tamis-path": (
        _replace(SESSION, 'tamis = "../criteria/', 'tamis = "../criteria/\\u0000'),
        False,
    ),
    "nul-scores-glob": (
        _replace(SESSION, 'scores = ["paris-scores/', 'scores = ["paris-scores/\\u0000'),
        False,
    ),
    "weight-inf": (_replace(TAMIS, "\nweight = 3", "\nweight = inf"), False),
    "pass-at-nan": (_replace(TAMIS, "\npass_at = 1", "\npass_at = nan"), False),
    "disagreement-nan": (_replace(TAMIS, "disagreement = 0.5", "disagreement = nan"), False),
    "date-9999": (_replace(SESSION, "date = 2016-11-15", "date = 9999-12-31"), False),
    "date-0001": (_replace(SESSION, "date = 2016-11-15", "date = 0001-01-01"), False),
    "huge-session-numbers": (
        _append(
            SESSION,
            "\n[portfolio]\nlab_start = 100000000\n\n[[portfolio.case]]\n"
            'case = "carte-participative/kiosque"\nsessions = [1, 100000000]\n',
        ),
        False,
    ),
    "bom": (_bom(SESSION, AGNES, TAMIS), True),
    "far-but-allowed-dates": (
        _append(
            SESSION,
            "\n[portfolio]\nstart = 2999-12-31\nmonth_gap = 24\nlab_start = 6\n\n"
            '[[portfolio.case]]\ncase = "carte-participative/kiosque"\nsessions = [1, 100]\n',
        ),
        True,
    ),
    "huge-labels": (
        lambda root: (
            _replace(TAMIS, 'label = "Besoin réel des usagers"', f'label = "{HUGE}"')(root),
            _replace(SESSION, 'title = "La carte citoyenne participative"', f'title = "{HUGE}"')(
                root
            ),
        ),
        True,
    ),
}


def _accepted(root: Path) -> bool:
    problems = check_file(root / SESSION)
    return not any(p.is_error for p in problems)


@pytest.mark.parametrize("name", list(CASES))
@sync
async def test_a_bad_file_opens_on_the_error_screen_and_a_good_one_opens(tmp_path, name):
    mutate, accepted = CASES[name]
    copy_paris(tmp_path)
    mutate(tmp_path)
    assert _accepted(tmp_path) is accepted  # what `sieve check` says
    app = SieveApp(tmp_path / SESSION, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        if not accepted:
            assert isinstance(app.screen, ErrorScreen)
            shown = str(app.screen.query_one("#problems").render())
            assert re.search(r"\.toml:\d+:\d+:", shown), shown
            await pilot.press("1")  # still no main screen
            assert isinstance(app.screen, ErrorScreen)
            return
        assert not isinstance(app.screen, ErrorScreen)
        for key in ("1", "2", "3", "4", "5", "8", "9"):
            await pilot.press(key)
            await settle(pilot)
            assert not isinstance(app.screen, ErrorScreen), key
