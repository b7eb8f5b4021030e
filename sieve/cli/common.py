"""What every command module of the command line shares: exit codes, bad usage, output.

Exit codes are defined here once: 0 success, 1 nothing to report or differences
where relevant, 2 bad input (never a traceback).

Every byte the command line prints goes through :func:`out` or :func:`err`, which
apply the one rule of :mod:`sieve.text` (control, bidi and invisible characters shown
as ``\\x1b``, ``\\u202e``...): whatever a renderer forgot, nothing printed can act on
the terminal. Each renderer still escapes in its own format first (JSON escapes,
CSV cells, one-line labels), so that this last guard finds nothing to do.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from sieve.errors import Problem
from sieve.text import literal

EXIT_OK = 0
EXIT_DIFFERENT = 1
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input that is not about a file's contents: a message and exit code 2."""


def out(text: str) -> None:
    """Write ``text`` to standard output, its lines kept, nothing else raw."""
    sys.stdout.write(literal(text, one_line=False))


def err(text: str) -> None:
    """Write one message (its lines kept, nothing else raw) to standard error."""
    sys.stderr.write(literal(text.rstrip("\n"), one_line=False) + "\n")


def print_problems(problems: Sequence[Problem]) -> None:
    """Every problem as ``file:line:col: severity: message`` on standard error, each on
    its one line (a newline in an id or a key it echoes is shown as a space)."""
    for problem in problems:
        err(literal(problem.render()))
