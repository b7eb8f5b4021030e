"""The command line: argparse commands over the engine, never a traceback for bad input.

Exit codes: 0 success, 1 nothing to report / differences where relevant,
2 bad input (every problem printed as ``file:line:col: severity: message``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sieve import i18n
from sieve.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    UsageError,
    err,
    out,
    print_problems,
)
from sieve.cli.sessions import add_optional_session, open_session, session_path
from sieve.errors import SieveError
from sieve.i18n import t
from sieve.load.session import find_sessions
from sieve.text import literal

# -- commands -----------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from sieve.load.session import check_file

    errors = warnings = 0
    seen: set[tuple] = set()  # a tamis checked alone and through its session: once
    paths: list[Path] = []
    for raw in args.paths or [session_path(None)]:  # a folder: the .toml files in it
        path = Path(raw)
        paths.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    for path in paths:
        if not path.exists():  # a FIFO or a device: refused by the reader, worded
            err(t("cli.error.not_found", path=path))
            errors += 1
            continue
        problems = []
        for problem in check_file(path):
            where = (str(Path(problem.file).resolve()), problem.line, problem.col, problem.code)
            if where not in seen:
                seen.add(where)
                problems.append(problem)
        print_problems(problems)
        file_errors = sum(p.is_error for p in problems)
        errors += file_errors
        warnings += len(problems) - file_errors
        if not file_errors:
            out(t("cli.check.ok", path=path) + "\n")
    if errors or warnings:
        err(t("cli.check.summary", errors=errors, warnings=warnings))
    return EXIT_BAD_INPUT if errors else EXIT_OK


def cmd_rank(args: argparse.Namespace) -> int:
    from sieve.engine.evaluate import evaluate
    from sieve.render.rank import render_rank

    session = open_session(args.session)
    if args.robust:
        from sieve.cli.plan import robust

        return robust(session, args, out)
    out(render_rank(evaluate(session), args.format))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from sieve.engine.evaluate import evaluate
    from sieve.render.rank import explain_text

    session = open_session(args.session)
    evaluation = evaluate(session)
    keys = [r.key for r in evaluation.results]
    if args.case not in keys:
        raise UsageError(t("cli.error.unknown_case", case=args.case, known=", ".join(keys)))
    out(explain_text(evaluation, args.case))
    return EXIT_OK


def cmd_score(args: argparse.Namespace) -> int:
    from sieve.save.scores import set_score

    if args.clear and args.level is not None:
        raise UsageError(t("cli.score.both"))
    if not args.clear and args.level is None:
        raise UsageError(t("cli.score.need_level"))
    session = open_session(args.session)
    level = None if args.clear else args.level
    changed: dict[Path, str] = {}
    held = set_score(
        session, args.scorer, args.key, args.criterion, level, rebase=True, changed=changed
    )
    if not changed and args.clear:
        out(t("cli.score.nothing") + "\n")
    for path in held:
        if path in changed:
            out(t("cli.score.written", path=path) + "\n")
        elif not args.clear:
            out(t("cli.score.unchanged", path=path, level=level) + "\n")
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from sieve.graph.analyse import analyse_session
    from sieve.graph.export import export

    at = _day(args.at, "--at")
    since = _day(args.since, "--since")
    until = _day(args.until, "--until")
    if at is not None and since is not None:
        raise UsageError(t("time.cli.both"))
    if until is not None and since is None:
        raise UsageError(t("time.cli.until_alone"))
    if since is not None and until is not None and until < since:
        raise UsageError(t("time.cli.order", since=since, until=until))
    if since is not None and args.format not in ("text", "json"):
        raise UsageError(t("time.cli.format"))
    session = open_session(args.session)
    if since is not None:
        from sieve.graph.history import changes, changes_json, changes_text

        found = changes(session, since, until)
        out(changes_json(found) if args.format == "json" else changes_text(found))
        return EXIT_OK
    out(export(analyse_session(session, at), args.format))
    return EXIT_OK


def _time_arguments(graph: argparse.ArgumentParser) -> None:
    """``sieve graph``'s dates: ``--at``, or ``--since`` with an optional ``--until``."""
    graph.add_argument("--at", metavar="DATE", help=t("time.cli.at"))
    graph.add_argument("--since", metavar="DATE", help=t("time.cli.since"))
    graph.add_argument("--until", metavar="DATE", help=t("time.cli.until"))


def _day(text: str | None, option: str):
    """A ``YYYY-MM-DD`` option as a date (within the bounds every file date has)."""
    import datetime as _dt

    if text is None:
        return None
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if (
        day is None
        or len(text) != 10
        or not (_dt.date(1900, 1, 1) <= day <= _dt.date(2999, 12, 31))
    ):
        raise UsageError(t("time.cli.bad_date", option=option, value=text))
    return day


def cmd_open(args: argparse.Namespace) -> int:
    """Open the app on a session (or the embedded default; a folder: pick a session)."""
    from sieve.app import run

    if args.path is None:
        return run(session_path(None))
    if Path(args.path).is_dir():
        sessions = find_sessions(Path(args.path))
        if len(sessions) > 1:
            return run(None, sessions=sessions)
    return run(session_path(args.path))


def cmd_screenshot(args: argparse.Namespace) -> int:
    """Save an SVG screenshot of one screen of the app (for the README)."""
    from sieve.app.screenshot import screenshot
    from sieve.cli import checks

    size, theme = checks.screen_size(args.size), checks.theme(args.theme)
    target = checks.output_file(args.out)
    written = screenshot(session_path(args.session), args.screen, target, size, theme)
    out(t("cli.screenshot.written", path=written) + "\n")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the session's report (HTML or Markdown) to standard output or ``--out``."""
    from sieve.cli import checks
    from sieve.render.report import render_report

    target = checks.output_file(args.out) if args.out else None
    fmt = args.format or ("md" if target and target.suffix.lower() == ".md" else "html")
    text = render_report(open_session(args.session), fmt)
    if target is None:
        out(text)
        return EXIT_OK
    from sieve.save.document import atomic_write

    atomic_write(target, text.encode("utf-8"))
    out(t("cli.report.written", path=target) + "\n")
    return EXIT_OK


# -- parsing ------------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse, with help texts taken literally (argparse reads ``%`` in them as a format)
    and its messages printed under the one rule (``unrecognized arguments: \\x1b]0;...``)."""

    def add_argument(self, *args, **kwargs):  # type: ignore[override]
        if isinstance(kwargs.get("help"), str):
            kwargs["help"] = kwargs["help"].replace("%", "%%")
        return super().add_argument(*args, **kwargs)

    def _print_message(self, message: str, file=None) -> None:  # type: ignore[override]
        super()._print_message(literal(message, one_line=False) if message else message, file)


def _lang_parent() -> argparse.ArgumentParser:
    parent = Parser(add_help=False)
    parent.add_argument("--lang", choices=i18n.LANGS, default=argparse.SUPPRESS, help=t("cli.lang"))
    return parent


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top parser (``sieve [PATH]``) and one parser per command."""
    parent = _lang_parent()
    top = Parser(prog="sieve", description=t("cli.description"), parents=[parent])
    top.add_argument("path", nargs="?", help=t("cli.path"))
    top.set_defaults(func=cmd_open)
    commands: dict[str, argparse.ArgumentParser] = {}

    def command(name: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        parser = Parser(prog=f"sieve {name}", description=t(f"cli.{name}.help"), parents=[parent])
        parser.set_defaults(func=func)
        commands[name] = parser
        return parser

    check = command("check", cmd_check)
    check.add_argument("paths", nargs="*", metavar="PATH", help=t("cli.check.paths"))

    rank = command("rank", cmd_rank)
    add_optional_session(rank)
    formats = ("table", "csv", "json", "md")
    rank.add_argument("--format", choices=formats, default="table", help=t("cli.rank.format"))
    rank.add_argument("--robust", action="store_true", help=t("cli.rank.robust"))
    rank.add_argument("--draws", type=int, default=2000, help=t("cli.rank.draws"))
    rank.add_argument("--seed", type=int, default=0, help=t("cli.rank.seed"))
    rank.add_argument("--top", type=int, help=t("cli.rank.top"))
    rank.add_argument("--spread", type=float, default=0.3, help=t("cli.rank.spread"))

    explain = command("explain", cmd_explain)
    explain.add_argument("session", metavar="SESSION", help=t("cli.session"))
    explain.add_argument("case", metavar="CASE", help=t("cli.explain.case"))

    score = command("score", cmd_score)
    score.add_argument("session", metavar="SESSION", help=t("cli.session"))
    score.add_argument("--scorer", required=True, help=t("cli.score.scorer"))
    score.add_argument("--key", required=True, help=t("cli.score.key"))
    score.add_argument("--criterion", required=True, help=t("cli.score.criterion"))
    score.add_argument("--level", type=int, help=t("cli.score.level"))
    score.add_argument("--clear", action="store_true", help=t("cli.score.clear"))

    graph = command("graph", cmd_graph)
    add_optional_session(graph)
    graph.add_argument(
        "--format",
        choices=("text", "json", "graphml", "gexf", "dot", "mermaid"),
        default="text",
        help=t("cli.graph.format"),
    )
    _time_arguments(graph)

    shot = command("screenshot", cmd_screenshot)
    add_optional_session(shot)
    shot.add_argument(
        "--screen",
        choices=("matrix", "scoring", "ranking", "vigilance", "presentation", "exchange"),
        default="matrix",
        help=t("cli.screenshot.screen"),
    )
    shot.add_argument("--out", required=True, metavar="FILE.svg", help=t("cli.screenshot.out"))
    shot.add_argument("--size", default="120x36", help=t("cli.screenshot.size"))
    shot.add_argument("--theme", default="textual-dark", help=t("cli.screenshot.theme"))

    report = command("report", cmd_report)
    add_optional_session(report)
    report.add_argument("--out", metavar="FILE", help=t("cli.report.out"))
    report.add_argument("--format", choices=("html", "md"), help=t("cli.report.format"))

    from sieve.cli import exchange, new, plan, room, vote, weigh

    for group in (new, exchange, plan, vote, weigh, room):  # each registers its commands
        group.register(command)

    top.epilog = t("cli.commands", names=", ".join(commands))
    return top, commands


def _translate_argparse() -> None:
    """Let argparse's own messages (usage, errors) speak the chosen language."""

    def gettext(message: str) -> str:
        return t("argparse." + message) if "argparse." + message in i18n.CATALOGS["en"] else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _command_index(argv: Sequence[str]) -> int | None:
    """Where the command name stands: the first word that is not an option or its value."""
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return i
    return None


def _early_lang(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run sieve; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_lang(_early_lang(argv))
    _translate_argparse()
    top, commands = build_parser()
    first = _command_index(argv)
    parser = commands.get(argv[first]) if first is not None else None
    if parser is not None:
        del argv[first]
    else:
        parser = top
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed its message
        return EXIT_BAD_INPUT if exc.code not in (0, None) else EXIT_OK
    try:
        return args.func(args)
    except SieveError as exc:
        print_problems(exc.problems)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        err(f"sieve: {exc}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        err(t("cli.interrupted"))
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # an edit refused, a file changed on disk...
        message = _known_error(exc)
        if message is None:
            raise
        err(f"sieve: {message}")
        return EXIT_BAD_INPUT


def _known_error(exc: Exception) -> str | None:
    from sieve.errors import EditError, FileBusyError, FileChangedError

    if isinstance(exc, FileBusyError):
        return t("edit.busy", path=exc.path, seconds=round(exc.waited))
    if isinstance(exc, FileChangedError):
        return t("edit.changed", path=exc.path)
    if isinstance(exc, EditError):
        return t(exc.code, **exc.params)
    if isinstance(exc, OSError):
        from sieve.cli.checks import os_message

        return os_message(exc)
    return None


if __name__ == "__main__":
    sys.exit(main())
