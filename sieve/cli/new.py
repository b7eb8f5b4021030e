"""``sieve new``: a workspace from nothing, from options or by answering a few questions.

Registered by :func:`sieve.cli.main.build_parser` through :func:`register`.
Exit codes: 0 created; 2 bad input or something already there (nothing is written).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from sieve.cli.checks import iso_date
from sieve.cli.common import EXIT_OK, UsageError, err, out
from sieve.errors import EditError, SieveError
from sieve.i18n import t


def register(command: Callable[[str, Callable], argparse.ArgumentParser]) -> None:
    """Add ``sieve new`` to the parser being built (``command(name, func)``)."""
    new = command("new", cmd_new)
    new.add_argument("path", nargs="?", metavar="PATH", help=t("cli.new.path"))
    new.add_argument("--tamis", metavar="FILE", help=t("cli.new.tamis"))
    new.add_argument("--city", default="", help=t("cli.new.city"))
    new.add_argument("--title", help=t("cli.new.title"))
    new.add_argument("--date", metavar="YYYY-MM-DD", help=t("cli.new.date"))
    new.add_argument(
        "--scorer", action="append", default=[], metavar="NAME", help=t("cli.new.scorer")
    )


def cmd_new(args: argparse.Namespace) -> int:
    from sieve.save.new import create_workspace, plan_workspace

    date = iso_date(args.date)
    if any(not name.strip() for name in args.scorer):
        raise UsageError(t("cli.new.empty_scorer"))
    if args.path is None:
        _ask(args)
    tamis_path, tamis_bytes = _tamis(args.tamis)
    title = (args.title or "").strip() or t("new.default_title")
    plan = plan_workspace(
        Path(args.path), tamis_path, tamis_bytes, title, args.city.strip(), date, args.scorer
    )
    create_workspace(plan)
    _check_written(plan.session.path)
    for file in (plan.tamis, plan.session):
        key = "cli.new.kept" if file.present else "cli.new.written"
        out(t(key, path=file.path) + "\n")
    if plan.scorers:
        out(t("cli.new.scorers", names=", ".join(name for _, name in plan.scorers)) + "\n")
    out(t("cli.new.next", command="sieve " + shlex.quote(str(plan.session.path))) + "\n")
    return EXIT_OK


def _tamis(option: str | None) -> tuple[Path, bytes]:
    """The tamis to copy (the shipped one by default), checked: its path and its bytes."""
    from sieve.load.tamis import load_tamis
    from sieve.locations import CRITERIA_DIR, read_regular

    path = Path(option) if option else CRITERIA_DIR / "transfo.toml"
    tamis, problems = load_tamis(path)
    if tamis is None or any(p.is_error for p in problems):
        raise SieveError(problems)
    return path, read_regular(path)


def _check_written(path: Path) -> None:
    """The session just written loads without error (else sieve has a bug: say so)."""
    from sieve.load.session import check_file

    errors = [p for p in check_file(path) if p.is_error]
    if errors:
        raise SieveError(errors)


def _ask(args: argparse.Namespace) -> None:
    """Fill ``args`` from the answers to a few questions (each with a default)."""
    from sieve.save.new import derive_id

    err(t("cli.new.intro"))
    args.title = _answer("cli.new.ask_title", args.title or t("new.default_title"))
    args.city = _answer("cli.new.ask_city", args.city)
    args.scorer = _ask_people(", ".join(args.scorer))
    folder = derive_id(f"{args.city} {args.title}" if args.city else args.title, "session")
    args.path = _answer("cli.new.ask_path", folder)


def _ask_people(default: str) -> list[str]:
    """The names of the people who score, asked again until no two give the same id."""
    from sieve.save.new import scorer_ids

    while True:
        people = _answer("cli.new.ask_people", default)
        names = [name.strip() for name in people.split(",") if name.strip()]
        try:
            scorer_ids(names)
        except EditError as exc:
            err(t("cli.new.ask_again", problem=t(exc.code, **exc.params)))
            continue
        return names


def _answer(key: str, default: str) -> str:
    """One question on standard error; the line read, or ``default`` for an empty one."""
    if default:
        prompt = t("cli.new.prompt_default", question=t(key), default=default)
    else:
        prompt = t("cli.new.prompt", question=t(key))
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:  # end of input: nobody to answer
        sys.stderr.write("\n")
        raise UsageError(t("cli.new.no_answer"))
    return line.strip() or default
