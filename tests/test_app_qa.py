"""Pilot tests of the fixes a QA review asked for (one test per finding)."""

from __future__ import annotations

import asyncio
import functools

from textual.widgets import DataTable
from textual.widgets._toast import Toast

from sieve.app.app import SieveApp
from tests.test_exchange import OTHER, SESSION_BODY, write


def sync(test):
    """Run an async test with asyncio (no async plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def toasts(app: SieveApp) -> list[str]:
    """The notifications' texts, each rendered as Textual's toast renders it."""
    out = []
    for note in app._notifications:
        assert isinstance(note.message, str)
        assert not note.markup
        out.append(str(Toast(note).render()))
    return out


@sync
async def test_exchange_notices_are_plain_text_and_adopt_is_confirmed(workspace):
    path = workspace(SESSION_BODY)
    tamis = path.parent.parent / "criteria" / "t.toml"
    write(tamis.with_name("mulhouse.toml"), OTHER.replace('"Mulhouse"', '"[b]Mul[/x]"'))
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.cursor_coordinate = (0, 2)  # need: we have it
        await pilot.press("a")
        await pilot.pause()
        assert toasts(app) == [
            "notre tamis a déjà ce critère (`need`) : pour le remplacer, "
            "sieve adopt SOURCE CIBLE --criterion ID --replace"
        ]
        app.clear_notifications()
        table.cursor_coordinate = (4, 2)  # youth, from Mulhouse
        await pilot.press("a", "y")
        await pilot.pause()
        await pilot.pause()
        assert toasts(app) == ["critère `youth` adopté"]


@sync
async def test_notify_never_reads_markup(workspace):
    from rich.text import Text

    app = SieveApp(workspace(SESSION_BODY), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.notify("[@click=app.quit]x[/] \x1b[2J")
        app.notify(Text("[/x]"))
        await pilot.pause()
        assert toasts(app) == ["[@click=app.quit]x[/] \\x1b[2J", "[/x]"]
