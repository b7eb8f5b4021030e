"""sieve as a user installs it: built from the checkout into an sdist, then a wheel from
that sdist (as ``python -m build`` does), installed into a fresh venv, and run from a
folder outside the checkout with a home of its own.

The venv gets the wheel alone (``--no-deps``); its dependencies come from the test
venv's site-packages, put on its path by a ``.pth`` file (a plain path: the ``.pth`` files
in there, such as an editable install of sieve, are not run), so nothing is downloaded.
Deselect with ``-m "not wheel"``; CI runs it.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PROJECT

pytestmark = pytest.mark.wheel

#: What a build never reads: virtual environments, caches, earlier builds.
_NOT_SOURCES = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
)


def _run(argv: list[object], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, timeout=300, **kwargs
    )


def _ok(done: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert done.returncode == 0, f"{done.args}\n{done.stdout}\n{done.stderr}"
    return done


@dataclass(frozen=True)
class Installed:
    sdist: Path
    wheel: Path
    venv: Path
    cwd: Path  # a folder outside the checkout
    home: Path

    def sieve(self, *argv: object) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "XDG_"))}
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "VIRTUAL_ENV"):
            env.pop(name, None)
        env.update(HOME=str(self.home), LANG="C.UTF-8")  # not English: sieve speaks French
        return _run([self.venv / "bin" / "sieve", *argv], cwd=self.cwd, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    if not _has_module("build"):
        pytest.fail("the wheel test needs `build`: pip install -e '.[test]'")
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(PROJECT, source, ignore=_NOT_SOURCES)
    dist = root / "dist"
    # the sdist, then the wheel from it; with this venv's setuptools (the test extras hold
    # the build-system's requirement, which build checks), not in fresh isolated venvs
    build = [sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, source]
    _ok(_run(build))
    (sdist,), (wheel,) = sorted(dist.glob("*.tar.gz")), sorted(dist.glob("*.whl"))
    venv = root / "venv"
    _ok(_run([sys.executable, "-m", "venv", "--without-pip", venv]))
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python]
    _ok(_run([*pip, "install", "--quiet", "--no-deps", wheel]))
    site = _ok(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]))
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(site.stdout.strip(), "_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    (root / "elsewhere").mkdir()
    (root / "home").mkdir()
    return Installed(sdist, wheel, venv, root / "elsewhere", root / "home")


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _shipped() -> set[str]:
    """The shipped example's files, relative to the project: ``criteria/…``, ``sessions/…``."""
    return {
        path.relative_to(PROJECT).as_posix()
        for folder in ("criteria", "sessions")
        for path in (PROJECT / folder).rglob("*.toml")
        if not path.name.startswith(".")
    }


def _svg_text(path: Path) -> str:
    """The words of an SVG screenshot, as one line."""
    svg = path.read_text(encoding="utf-8")
    return html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))).replace("\xa0", " ")


def test_the_sdist_and_the_wheel_carry_the_shipped_example(installed):
    shipped = _shipped()
    assert "sessions/paris.toml" in shipped and "criteria/transfo.toml" in shipped
    with tarfile.open(installed.sdist) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        in_sdist = {n.removeprefix(top + "/") for n in sdist.getnames()}
    assert shipped <= in_sdist
    with zipfile.ZipFile(installed.wheel) as wheel:
        in_wheel = set(wheel.namelist())
    assert {"sieve/example/" + name for name in shipped} <= in_wheel
    # the wheel holds one copy, inside the package: nothing at the top of site-packages
    assert not {n for n in in_wheel if n.startswith(("criteria/", "sessions/"))}


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    done = _ok(installed.sieve("--help"))
    assert "utilisation : sieve" in done.stdout
    python = installed.venv / "bin" / "python"
    probe = "import sieve.locations as l; print(l.PACKAGE_DIR); print(l.DEFAULT_SESSION)"
    package, default = _ok(_run([python, "-c", probe], cwd=installed.cwd)).stdout.split()
    assert Path(package).is_relative_to(installed.venv)
    assert Path(default) == Path(package) / "example" / "sessions" / "paris.toml"


def test_check_and_rank_without_a_session_use_the_default_one(installed):
    check = _ok(installed.sieve("check"))
    copy = installed.home / ".local" / "share" / "sieve" / "exemple"
    assert f"{copy / 'sessions' / 'paris.toml'} : valide" in check.stdout
    rank = _ok(installed.sieve("rank"))
    assert "Classement — Carte citoyenne de Paris (Paris)" in rank.stdout
    assert "carte-participative/kiosque" in rank.stdout
    english = _ok(installed.sieve("rank", "--lang", "en"))
    assert "Ranking — Carte citoyenne de Paris (Paris)" in english.stdout
    # the user's copy of the example holds every shipped file
    copied = {p.relative_to(copy).as_posix() for p in copy.rglob("*.toml")}
    assert copied == _shipped()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ((), ["Matrice", "Carte citoyenne de Paris", "vue du groupe", "Écartés"]),
        (("--lang", "en"), ["Matrix", "Carte citoyenne de Paris", "group view", "Sifted"]),
    ],
)
def test_the_app_opens_on_the_default_session(installed, lang, words):
    shot = installed.cwd / f"matrix{'-'.join(lang)}.svg"
    _ok(installed.sieve(*lang, "screenshot", "--out", shot))
    text = _svg_text(shot)
    for word in words:
        assert word in text, (word, text[:400])


def test_the_exchange_screen_shows_every_shipped_tamis(installed):
    import tomllib

    tamis = [
        tomllib.loads(path.read_text(encoding="utf-8"))["tamis"]
        for path in sorted((PROJECT / "criteria").glob("*.toml"))
    ]
    shot = installed.cwd / "exchange.svg"
    _ok(installed.sieve("screenshot", "--screen", "exchange", "--size", "200x50", "--out", shot))
    text = _svg_text(shot)
    assert "Échange entre villes" in text
    for one in tamis:
        assert f"{one['id']}@{one['version']}" in text, (one["id"], text[:400])


def test_new_copies_the_shipped_tamis_from_the_package(installed):
    made = installed.cwd / "lyon"
    argv = ["new", made, "--city", "Lyon", "--title", "Propreté des rues", "--scorer", "Ana"]
    _ok(installed.sieve(*argv))
    copied = made / "criteria" / "transfo.toml"
    assert copied.read_bytes() == (PROJECT / "criteria" / "transfo.toml").read_bytes()
    check = _ok(installed.sieve("check", *sorted((made / "sessions").glob("*.toml"))))
    assert "valide" in check.stdout
