"""The build hook: the shipped example travels inside the package.

Everything else is in ``pyproject.toml``. The example's source stays the top-level
``criteria/`` and ``sessions/`` folders (``MANIFEST.in`` puts them in the sdist); building
the package copies their files into ``sieve/example/`` in the build, so a wheel (and a
non-editable ``pip install .``) carries them where ``sieve.locations`` looks first. An
editable install copies nothing: it reads the checkout's folders in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: The example's folders, at the project's top, and where they go in the package.
EXAMPLE_FOLDERS = ("criteria", "sessions")
EXAMPLE_IN_PACKAGE = Path("sieve", "example")
HERE = Path(__file__).resolve().parent


def example_files(root: Path) -> list[Path]:
    """The example's files under ``root``, relative to it (sieve's hidden lock and
    temporary files left beside a file being saved are not part of it)."""
    return sorted(
        path.relative_to(root)
        for folder in EXAMPLE_FOLDERS
        for path in (root / folder).rglob("*.toml")
        if path.is_file() and not path.name.startswith(".")
    )


class BuildPyWithExample(build_py):
    """``build_py``, plus the example's files copied into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib, EXAMPLE_IN_PACKAGE)
        shutil.rmtree(target, ignore_errors=True)  # no file left from an earlier build
        for name in example_files(HERE):
            self.mkpath(str((target / name).parent))
            self.copy_file(str(HERE / name), str(target / name), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if self.editable_mode:
            return outputs
        target = Path(self.build_lib, EXAMPLE_IN_PACKAGE)
        return outputs + [str(target / name) for name in example_files(HERE)]


setup(cmdclass={"build_py": BuildPyWithExample})
