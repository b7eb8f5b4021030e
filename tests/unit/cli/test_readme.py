"""README.md: every example command runs as written on a fresh checkout (issue 10.13).

The commands are the lines of the page's ```sh blocks and its inline code spans that
are a concrete command (``git checkout -- criteria sessions``; not a synopsis with
placeholders such as ``sieve diff A B``, nor a command's name in a sentence such as
``sieve``, ``sieve plan`` or ``git merge``), taken in the order of the page. They run
one after the other, with bash, in a copy of the checkout (its files, committed in a
new git repository as a clone would be) whose ``.venv`` leads to the environment
running the tests, so that no shipped file is edited. A trailing ``# exit N`` comment
is the exit code the command must return; 0 otherwise.

Not run: installing (``python3 -m venv``, ``pip install``), the test suite itself
(``pytest``), and the developer's tools that CI runs (``ruff``, ``lint-imports``): for
those, the program must exist in the environment. A command that opens the app
(``sieve`` without a command) runs in this process, headless: the app must open a
session, not the error screen.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PROJECT, settle

from sieve.cli import main as cli

README = PROJECT / "README.md"

_FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.DOTALL | re.MULTILINE)
_SPAN = re.compile(r"`([^`\n]+)`")
_EXIT = re.compile(r"(?:^|\s)#.*\bexit (\d+)")
_COMMAND_WORDS = ("sieve", "python3", "python", "pytest", "git", "echo")

#: Commands that only read: they must leave every file as it was.
READERS = {"check", "rank", "explain", "diff", "compare", "graph", "plan", "journal"}
#: Commands the README shows writing: they must change a file.
WRITERS = {"adopt", "merge-scores", "score", "decide", "review"}


@dataclass(frozen=True)
class Command:
    line: int
    text: str


def _program(word: str) -> str:
    """``sieve`` for ``.venv/bin/sieve``: the name a command word runs."""
    return word.rsplit("/", 1)[-1]


def _is_command(span: str) -> bool:
    """An inline code span that is a concrete command to run."""
    words = span.split()
    if not words or not (words[0].startswith(".venv/bin/") or words[0] in _COMMAND_WORDS):
        return False
    if any(mark in re.sub(r"'[^']*'", "", span) for mark in ("[", "|", "...", "…")):
        return False  # a synopsis: [OPTION], a|b, FILE...
    if any(re.search(r"[A-Z]", w) and not re.search(r"[a-z]", w) for w in words):
        return False  # a placeholder: SESSION, A B, NEW-ID
    if len(words) == 1:  # `.venv/bin/lint-imports` runs; `sieve` alone is a name
        return words[0].startswith(".venv/bin/")
    return len(words) != 2  # `sieve plan`, `git merge`: a command's name in a sentence


def readme_commands(text: str) -> list[Command]:
    """The page's example commands, in order: sh block lines and concrete inline spans."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for fence in _FENCE.finditer(text):
        taken.append(fence.span())
        if fence["lang"] not in ("sh", "bash", "shell"):
            continue
        first = text.count("\n", 0, fence.start("body"))
        for offset, line in enumerate(fence["body"].splitlines()):
            if line.strip() and not line.lstrip().startswith("#"):
                found.append((first + offset + 1, line.strip()))
    for span in _SPAN.finditer(text):
        inside = any(start <= span.start() < end for start, end in taken)
        if not inside and _is_command(span[1]):
            found.append((text.count("\n", 0, span.start()) + 1, span[1]))
    return [Command(line, body) for line, body in sorted(found)]


def kind_of(segment: str, subcommands: set[str]) -> str:
    """How one ``&&`` segment is handled: run, app, install, tests or dev."""
    words = shlex.split(segment, comments=True)
    program, rest = _program(words[0]), words[1:]
    if rest[:2] == ["-m", "venv"] or program == "pip" or rest[:2] == ["-m", "pip"]:
        return "install"
    if program == "pytest" or rest[:2] == ["-m", "pytest"]:
        return "tests"
    if program in ("ruff", "lint-imports"):
        return "dev"
    if program == "sieve":
        while rest[:1] == ["--lang"]:
            rest = rest[2:]
        if not rest or (rest[0] not in subcommands and not rest[0].startswith("-")):
            return "app"
    return "run"


def _segments(command: str) -> list[str]:
    return [part.strip() for part in command.split("&&")]


def _subcommands() -> set[str]:
    return set(cli.build_parser()[1])


def test_the_readme_commands_are_found_and_classified() -> None:
    commands = readme_commands(README.read_text(encoding="utf-8"))
    texts = [c.text for c in commands]
    subcommands = _subcommands()
    kinds = [kind_of(s, subcommands) for c in commands for s in _segments(c.text)]
    assert {"run", "app", "install", "tests"} <= set(kinds)
    assert set(kinds) <= {"run", "app", "install", "tests", "dev"}
    ran = {shlex.split(t)[1] for t in texts if _program(t.split()[0]) == "sieve" and " " in t}
    # the exchange between cities, on the shipped files
    assert {"check", "rank", "explain", "diff", "adopt", "compare", "merge-scores"} <= ran
    assert "git checkout -- criteria sessions" in texts
    # synopses and names are not commands
    assert not _is_command("sieve diff A B")
    assert not _is_command("sieve rank SESSION [--format table|csv]")
    assert not _is_command("sieve plan")
    assert not _is_command("git merge")
    assert not _is_command("sieve")


# -- running them ----------------------------------------------------------------------


def _fresh_checkout(root: Path, env: dict[str, str]) -> None:
    """The project's files (tracked, or new and not ignored), committed in a new repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = subprocess.run(
        ["git", "-C", str(PROJECT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("the project is not a git checkout")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = PROJECT / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    venv = Path(sys.prefix)
    if not (venv / "bin" / "sieve").is_file():
        pytest.fail(f"no {venv}/bin/sieve: install sieve in the environment that runs the tests")
    (root / ".venv").symlink_to(venv, target_is_directory=True)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "checkout"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _environment(tmp_path: Path, root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        LANG="fr_FR.UTF-8",
        PATH=f"{root / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="sieve",
        GIT_AUTHOR_EMAIL="sieve@example.org",
        GIT_COMMITTER_NAME="sieve",
        GIT_COMMITTER_EMAIL="sieve@example.org",
    )
    return env


def _digests(root: Path, *folders: str) -> dict[str, str]:
    """The files under ``root`` (or its ``folders``), outside ``.git`` and ``.venv``."""
    out = {}
    for place in [root / f for f in folders] if folders else [root]:
        for top, dirs, files in os.walk(place):
            dirs[:] = [d for d in dirs if d not in (".git", ".venv")]
            for name in files:
                path = Path(top) / name
                out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _open_headless(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """``sieve ARGV`` with the app run headless; what it opened (session, screen)."""
    import sieve.app
    from sieve.app.app import SieveApp

    opened = []

    def run(path, sessions=None) -> int:
        app = SieveApp(path, sessions=sessions, watch=False)

        async def drive() -> None:
            async with app.run_test(size=(120, 36)) as pilot:
                await settle(pilot)
                workbench = app.workbench
                opened.append((workbench.session if workbench else None, app.screen))

        asyncio.run(drive())
        return 0

    monkeypatch.setattr(sieve.app, "run", run)
    assert cli.main(argv) == 0
    assert len(opened) == 1
    return opened[0]


def test_every_readme_command_runs_as_written_on_a_fresh_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sieve.app.screens.errors import ErrorScreen

    project = _digests(PROJECT, "criteria", "sessions")
    root = tmp_path / "checkout"
    env = _environment(tmp_path, root)
    _fresh_checkout(root, env)
    shipped = _digests(root, "criteria", "sessions")
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "LANG"):
        monkeypatch.setenv(name, env[name])
    monkeypatch.chdir(root)
    subcommands = _subcommands()
    opened = 0
    for command in readme_commands(README.read_text(encoding="utf-8")):
        where = f"README.md:{command.line}: {command.text}"
        segments = _segments(command.text)
        expected = _EXIT.search(command.text)
        assert expected is None or len(segments) == 1, f"{where}: `# exit N` on a chain"
        for segment in segments:
            words = shlex.split(segment, comments=True)
            kind = kind_of(segment, subcommands)
            if kind == "dev":
                assert (root / ".venv" / "bin" / _program(words[0])).is_file(), where
            if kind != "run" and kind != "app":
                continue  # installing, the test suite itself, CI's tools
            if kind == "app":
                session, screen = _open_headless(words[1:], monkeypatch)
                capsys.readouterr()
                assert session is not None and not isinstance(screen, ErrorScreen), where
                opened += 1
                continue
            before = _digests(root)
            done = subprocess.run(
                ["bash", "-c", segment],
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            code = int(expected[1]) if expected else 0
            assert done.returncode == code, f"{where}\n{done.stdout}\n{done.stderr}"
            assert "Traceback" not in done.stderr, where
            changed = _digests(root) != before
            sub = words[1] if _program(words[0]) == "sieve" else None
            if sub in READERS:
                assert not changed, f"{where}: a reading command changed a file"
                assert done.stdout.strip(), f"{where}: printed nothing"
            if sub in WRITERS:
                assert changed, f"{where}: wrote nothing"
            if words[:2] == ["git", "checkout"]:
                assert _digests(root, "criteria", "sessions") == shipped, where
    assert opened, "the app-opening command of the quick start was run headless"
    # the git merge driver, set up as the README says
    attr = subprocess.run(
        ["git", "check-attr", "merge", "--", "criteria/transfo.toml"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert attr.stdout.strip() == "criteria/transfo.toml: merge: sieve"
    # the project's own files were never touched
    assert _digests(PROJECT, "criteria", "sessions") == project
