"""The engine never imports Textual: each module is usable and testable on its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SIEVE = Path(__file__).resolve().parent.parent / "sieve"
ENGINE = sorted("sieve." + p.stem for p in SIEVE.glob("*.py") if p.stem not in ("__main__",))


@pytest.mark.parametrize("module", ENGINE)
def test_engine_module_does_not_import_textual(module):
    code = f"import sys, {module}; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_cli_start_path_imports_no_heavy_library():
    code = (
        "import sys; from sieve.cli import main; main(['check', 'criteria/transfo.toml']);"
        "heavy = [m for m in ('textual', 'tomlkit', 'networkx', 'numpy') if m in sys.modules];"
        "sys.exit(1 if heavy else 0)"
    )
    root = SIEVE.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, check=False)
    assert done.returncode == 0
