"""The exchange commands of the command line: diff, adopt, merge-scores, merge-driver, compare.

Registered by :func:`sieve.cli.main.build_parser` through :func:`register`; the work is
done by :mod:`sieve.exchange`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sieve.cli.common import EXIT_DIFFERENT, EXIT_OK, UsageError, err, out
from sieve.i18n import t


def _refused(exc: Exception) -> Exception:
    return UsageError(exc.message())


def _existing(raw: str) -> Path:
    path = Path(raw)
    if not path.is_file():
        raise UsageError(t("cli.error.not_found", path=path))
    return path


def cmd_diff(args: argparse.Namespace) -> int:
    from sieve.errors import ExchangeError
    from sieve.exchange.diff import diff_files, diff_json, diff_text

    try:
        diff = diff_files(_existing(args.old), _existing(args.new))
    except ExchangeError as exc:
        raise _refused(exc) from None
    out(diff_json(diff) if args.format == "json" else diff_text(diff))
    return EXIT_DIFFERENT if diff.changes else EXIT_OK


def cmd_adopt(args: argparse.Namespace) -> int:
    from sieve.errors import ExchangeError
    from sieve.exchange.adopt import adopt, adopt_text

    if bool(args.criterion) == bool(args.all):
        raise UsageError(t("cli.adopt.need"))
    try:
        result = adopt(
            _existing(args.source),
            _existing(args.target),
            None if args.all else args.criterion,
            rename=args.rename,
            replace=args.replace,
        )
    except ExchangeError as exc:
        raise _refused(exc) from None
    out(adopt_text(result))
    return EXIT_OK


def cmd_merge_scores(args: argparse.Namespace) -> int:
    from sieve.exchange.merge_scores import merge_scores, merge_scores_text

    files = [_existing(raw) for raw in args.files]
    result = merge_scores(_existing(args.session), files)
    out(merge_scores_text(result))
    return EXIT_OK


def cmd_merge_driver(args: argparse.Namespace) -> int:
    """Exit 0: merged; 1: conflicts, marked in the file; 2: a version is not UTF-8."""
    from sieve.exchange.merge_driver import merge_driver

    paths = [_existing(raw) for raw in (args.base, args.ours, args.theirs)]
    shown = args.path or args.ours
    outcome = merge_driver(*paths, shown=shown)
    for line in outcome.messages:
        err(line)
    if outcome.marked:
        err(t("exchange.merge.summary", path=shown, count=outcome.marked))
    return outcome.status


def cmd_compare(args: argparse.Namespace) -> int:
    from sieve.exchange.compare import compare, compare_csv, compare_table

    comparison = compare([_existing(raw) for raw in args.paths])
    if args.format == "csv":
        out(compare_csv(comparison))
    else:
        out(compare_table(comparison))
    return EXIT_OK


def register(command: Callable[[str, Callable], argparse.ArgumentParser]) -> None:
    """Add the exchange commands to the parser being built."""
    diff = command("diff", cmd_diff)
    diff.add_argument("old", metavar="A", help=t("cli.diff.old"))
    diff.add_argument("new", metavar="B", help=t("cli.diff.new"))
    diff.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("cli.diff.format")
    )

    adopt = command("adopt", cmd_adopt)
    adopt.add_argument("source", metavar="SOURCE", help=t("cli.adopt.source"))
    adopt.add_argument("target", metavar="TARGET", help=t("cli.adopt.target"))
    adopt.add_argument(
        "--criterion", action="extend", nargs="+", metavar="ID", help=t("cli.adopt.criterion")
    )
    adopt.add_argument("--all", action="store_true", help=t("cli.adopt.all"))
    adopt.add_argument("--rename", metavar="NEW", help=t("cli.adopt.rename"))
    adopt.add_argument("--replace", action="store_true", help=t("cli.adopt.replace"))

    merge = command("merge-scores", cmd_merge_scores)
    merge.add_argument("session", metavar="SESSION", help=t("cli.session"))
    merge.add_argument("files", nargs="+", metavar="FILE", help=t("cli.merge-scores.files"))

    driver = command("merge-driver", cmd_merge_driver)
    driver.add_argument("base", metavar="BASE", help=t("cli.merge-driver.base"))
    driver.add_argument("ours", metavar="OURS", help=t("cli.merge-driver.ours"))
    driver.add_argument("theirs", metavar="THEIRS", help=t("cli.merge-driver.theirs"))
    driver.add_argument("path", metavar="PATH", nargs="?", help=t("cli.merge-driver.path"))

    comp = command("compare", cmd_compare)
    comp.add_argument("paths", nargs="+", metavar="TAMIS", help=t("cli.compare.paths"))
    comp.add_argument(
        "--format", choices=("table", "csv"), default="table", help=t("cli.compare.format")
    )
