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
