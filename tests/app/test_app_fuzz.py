"""Fuzz the app (headless) on mutated copies of the shipped files (issues 10.20 and 15).

Each example mutates one to three lines of the shipped tamis, session or a score
file (the mutations of ``tests/unit/test_fuzz.py``), opens the app on it and visits
every screen. The app must never crash: a file that does not load opens on the error
screen, one that loads shows every screen. The budget is fixed and derandomised
(``SIEVE_FUZZ_APP_EXAMPLES``, 12 by default) so CI runs the same cases every time.
"""

from __future__ import annotations

import asyncio
import os

import pytest
from conftest import FUZZ_FILES, fuzz_workspace, mutate_text, mutations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sieve.app.app import SieveApp
from sieve.app.screens.errors import ErrorScreen
from sieve.load.session import load_session

EXAMPLES = int(os.environ.get("SIEVE_FUZZ_APP_EXAMPLES", "12"))
SCREENS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "x", "question_mark", "escape"]


async def _visit(path) -> None:
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if load_session(path).session is None:
            assert isinstance(app.screen, ErrorScreen)
            return
        for key in SCREENS:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code in (None, 0)


@pytest.mark.fuzz
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(file=st.sampled_from(FUZZ_FILES), ops=mutations)
def test_the_app_opens_any_mutated_file_without_crashing(tmp_path_factory, file, ops):
    root = tmp_path_factory.mktemp("appfuzz")
    fuzz_workspace(root)
    target = root / file
    target.write_text(mutate_text(target.read_text(encoding="utf-8"), ops), encoding="utf-8")
    asyncio.run(_visit(root / "sessions" / "paris.toml"))
