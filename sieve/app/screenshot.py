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


def save_svg(svg: str, folder: Path, stem: str = "sieve") -> Path:
    """Write ``svg`` as ``STEM_DATE.svg`` in ``folder``, whole or not at all.

    The text goes to a temporary file in the same folder, renamed into place, so
    that a failed write never leaves half an image; an ``OSError`` is the caller's
    to word (a missing or read-only folder).
    """
    import os
    import tempfile
    from datetime import datetime

    from sieve.locations import new_file_mode

    stamp = datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    target = folder / f"{stem}_{stamp}.svg"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem}_{stamp}_{n}.svg"
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(svg)
        os.chmod(temporary, new_file_mode())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
