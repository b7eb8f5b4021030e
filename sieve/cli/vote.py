"""The command of the final vote: ``sieve vote SESSION [--format text|json]``.

Registered by :func:`sieve.cli.main.build_parser` through :func:`register`, as the
portfolio commands are. Exit codes: 0 success; 2 bad input, or a session without
``[vote]``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sieve.cli.common import EXIT_OK, UsageError, out
from sieve.cli.sessions import add_optional_session, open_session
from sieve.i18n import t


def register(command: Callable[[str, Callable], argparse.ArgumentParser]) -> None:
    """Add ``sieve vote`` to the parser being built (``command(name, func)``)."""
    parser = command("vote", cmd_vote)
    add_optional_session(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("cli.vote.format")
    )


def cmd_vote(args: argparse.Namespace) -> int:
    """Count the session's vote by majority judgment; the default ballot is the cases
    that pass the sieve."""
    from sieve.engine.evaluate import evaluate
    from sieve.engine.vote import count_vote
    from sieve.render.vote import render_vote

    session = open_session(args.session)
    passing = [r.key for r in evaluate(session).passing]
    result = count_vote(session, passing)
    if result is None:
        raise UsageError(t("vote.none"))
    out(render_vote(result, args.format))
    return EXIT_OK
