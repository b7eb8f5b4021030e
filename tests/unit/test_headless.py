"""The engine never imports Textual: each module is usable and testable on its own."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import PROJECT

SIEVE = PROJECT / "sieve"
ENGINE = sorted(
    ".".join(("sieve", *p.relative_to(SIEVE).with_suffix("").parts)).removesuffix(".__init__")
    for p in SIEVE.rglob("*.py")
    if p.stem != "__main__" and "app" not in p.relative_to(SIEVE).parts
)


@pytest.mark.parametrize("module", ENGINE)
def test_engine_module_does_not_import_textual(module):
    code = f"import sys, {module}; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_cli_start_path_imports_no_heavy_library():
    code = (
        "import sys; from sieve.cli.main import main; main(['check', 'criteria/transfo.toml']);"
        "heavy = [m for m in ('textual', 'tomlkit', 'networkx', 'numpy', 'aiohttp')"
        " if m in sys.modules];"
        "sys.exit(1 if heavy else 0)"
    )
    root = SIEVE.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, check=False)
    assert done.returncode == 0


def test_the_app_imports_the_room_only_when_its_screen_opens():
    """aiohttp and sieve.room stay off the app's start-up path (the Room screen imports them)."""
    code = (
        "import sys; import sieve.app.app, sieve.app.screens, sieve.app.screens.room;"
        "sys.exit(1 if {'aiohttp', 'sieve.room', 'segno'} & set(sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_app_starts_without_what_its_first_screen_does_not_need():
    """Started in French on the default session and painted, the app has imported neither
    the palette's commands, nor the English words, nor the screens not yet shown."""
    code = (
        "import asyncio, sys\n"
        "from sieve import i18n\n"
        "from sieve.app.app import SieveApp\n"
        "from sieve.locations import DEFAULT_SESSION\n"
        "i18n.set_lang('fr')\n"
        "async def main():\n"
        "    app = SieveApp(DEFAULT_SESSION, watch=False)\n"
        "    async with app.run_test(size=(120, 36)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.screen.rebuilds == 1\n"
        "asyncio.run(main())\n"
        "later = ['sieve.app.commands', 'sieve.i18n.catalogues.app.en',\n"
        "         'sieve.app.screens.vigilance', 'sieve.app.screens.ranking']\n"
        "print([m for m in later if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
