"""``sieve screenshot``: an SVG of one screen, taken from a headless run of the app."""

from __future__ import annotations

import asyncio
from pathlib import Path


def screenshot(
    session: Path, screen: str, out: Path, size: tuple[int, int], theme: str = "textual-dark"
) -> Path:
    """Run the app headless at ``size``, show ``screen``, write its SVG to ``out``."""
    from sieve.app.app import SieveApp

    async def take() -> str:
        app = SieveApp(session, watch=False)
        async with app.run_test(size=size) as pilot:
            app.theme = theme
            await pilot.pause()
            if screen != "matrix":
                app.action_show(screen)
            await pilot.pause()
            await pilot.pause()
            return app.export_screenshot(title="sieve")

    svg = asyncio.run(take())
    out.write_text(svg, encoding="utf-8")
    return out
