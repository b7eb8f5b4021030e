"""What every command module of the command line shares: exit codes, bad usage, output.

Exit codes are defined here once: 0 success, 1 nothing to report or differences
where relevant, 2 bad input (never a traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from sieve.errors import Problem

EXIT_OK = 0
EXIT_DIFFERENT = 1
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input that is not about a file's contents: a message and exit code 2."""


def out(text: str) -> None:
    """Write ``text`` to standard output as it is."""
    sys.stdout.write(text)


def err(text: str) -> None:
    """Write one message line to standard error."""
    sys.stderr.write(text.rstrip("\n") + "\n")


def print_problems(problems: Sequence[Problem]) -> None:
    """Every problem as ``file:line:col: severity: message`` on standard error."""
    for problem in problems:
        err(problem.render())
