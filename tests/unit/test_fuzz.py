"""Fuzz every command on mutated copies of the shipped files (issue 15).

Each example copies the shipped Paris workspace (its tamis, its session, its score
files), mutates one to three lines of one file (a hostile value in place of a value,
a line dropped or doubled, a BOM, a cut), then runs every reading command and one of
each writing command in-process, each under a time limit. Whatever the file holds,
a command must end with exit 0, 1 or 2 and never with a traceback, must not hang,
must never print a non-finite number (``nan``, ``inf``) in JSON, and never a
control, bidi or invisible character raw (``sieve.text.UNSAFE``, the one rule).

The budget is fixed (``FUZZ_EXAMPLES``, 100 by default: about 20 s here) and the
examples are derandomised, so CI runs the same cases every time; raise the
environment variable ``SIEVE_FUZZ_EXAMPLES`` to search longer.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
from pathlib import Path

import pytest
from conftest import FUZZ_FILES, PROJECT, fuzz_workspace, mutate_text, mutations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sieve.cli.main import main
from sieve.text import UNSAFE

FUZZ_EXAMPLES = int(os.environ.get("SIEVE_FUZZ_EXAMPLES", "100"))
#: Seconds one command may take on a mutated file before it counts as a hang.
TIME_LIMIT = 30


class _Hang(Exception):
    pass


def _run(argv: list[str]) -> tuple[int, str, str]:
    """Run one command in-process under :data:`TIME_LIMIT`: (exit code, stdout, stderr)."""

    def alarm(_signum, _frame):
        raise _Hang(" ".join(argv))

    stdout, stderr = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(TIME_LIMIT)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's own refusals
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, stdout.getvalue(), stderr.getvalue()


def _no_non_finite(text: str, argv: list[str]) -> None:
    def refuse(name: str):
        raise AssertionError(f"{name} in the JSON of {' '.join(argv)}")

    json.loads(text, parse_constant=refuse)


def _commands(root: Path) -> list[list[str]]:
    session = str(root / "sessions" / "paris.toml")
    tamis = str(root / "criteria" / "transfo.toml")
    shipped = str(PROJECT / "sessions" / "paris.toml")
    return [
        ["check", session, tamis],
        ["rank", session],
        ["rank", session, "--format", "json"],
        ["rank", session, "--format", "csv"],
        ["rank", session, "--robust", "--draws", "20"],
        ["explain", session, "carte-participative/kiosque"],
        ["graph", session, "--format", "json"],
        ["graph", session, "--format", "graphml"],
        ["plan", session, "--format", "json"],
        ["plan", session, "--calendar"],
        ["journal", session],
        ["compare", tamis, str(PROJECT / "criteria" / "transfo.toml"), "--format", "csv"],
        ["diff", shipped, session, "--format", "json"],
        ["score", session, "--scorer", "agnes", "--key", "carte-participative",
         "--criterion", "besoin-usagers", "--level", "2"],
        ["decide", session, "--cases", "carte-participative/kiosque", "--rationale", "r"],
    ]  # fmt: skip


@pytest.mark.fuzz
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(file=st.sampled_from(FUZZ_FILES), ops=mutations)
def test_no_command_crashes_hangs_or_prints_a_non_finite_number(tmp_path_factory, file, ops):
    root = tmp_path_factory.mktemp("fuzz")
    fuzz_workspace(root)
    target = root / file
    target.write_text(mutate_text(target.read_text(encoding="utf-8"), ops), encoding="utf-8")
    for argv in _commands(root):
        code, out, err = _run(argv)
        assert code in (0, 1, 2), (argv, code, err[-2000:])
        assert "Traceback" not in err and "Traceback" not in out, (argv, err[-2000:])
        if code == 0 and "json" in argv:
            _no_non_finite(out, argv)
        for text in (out, err):  # the one rule: no control, bidi or invisible character raw
            found = UNSAFE.search(text)
            assert found is None, (argv, "raw in output", repr(found and found.group()))


def test_the_fuzzed_commands_succeed_on_the_shipped_files(tmp_path):
    """The harness itself: unmutated, every command runs and ends well (0, or 1 for a
    plan whose calendar breaks the protocol), so a mutation is what a failure shows."""
    fuzz_workspace(tmp_path)
    for argv in _commands(tmp_path):
        code, out, err = _run(argv)
        assert code in (0, 1), (argv, code, err)
        assert out or "score" in argv or "decide" in argv, argv
        if "json" in argv:
            _no_non_finite(out, argv)
