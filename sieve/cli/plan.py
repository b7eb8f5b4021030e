"""The commands of the portfolio: ``plan``, ``decide``, ``journal``, ``review``, ``rank --robust``.

Registered by :func:`sieve.cli.main.build_parser` through :func:`register`, as the
exchange commands are.
Exit codes: 0 success; 1 when no portfolio meets the constraints or the calendar
breaks the protocol; 2 bad input.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sieve.cli.checks import iso_date
from sieve.cli.common import EXIT_DIFFERENT, EXIT_OK, UsageError, err, out
from sieve.cli.sessions import add_optional_session, open_session
from sieve.i18n import t


def register(command: Callable[[str, Callable], argparse.ArgumentParser]) -> None:
    """Add the portfolio's commands to the parser being built (``command(name, func)``)."""
    _add_plan(command)
    _add_decide(command)
    _add_journal(command)
    _add_review(command)


def _add_plan(command: Callable) -> None:
    """``sieve plan``: the proposed portfolio, or its calendar."""

    def cmd_plan(args: argparse.Namespace) -> int:
        from sieve.plan.calendar import build_calendar
        from sieve.plan.instance import build_instance
        from sieve.plan.solve import solve_instance
        from sieve.render import plan as plan_report

        session = open_session(args.session)
        inst = build_instance(session)
        if args.calendar:
            cal = build_calendar(session, inst=inst)
            render = (
                plan_report.calendar_json if args.format == "json" else plan_report.calendar_text
            )
            out(render(session, cal))
            return EXIT_OK if cal is not None and not cal.breaches else EXIT_DIFFERENT
        result = solve_instance(inst)
        render = plan_report.plan_json if args.format == "json" else plan_report.plan_text
        out(render(session, result))
        return EXIT_OK if result.best is not None else EXIT_DIFFERENT

    plan = command("plan", cmd_plan)
    add_optional_session(plan)
    plan.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("cli.plan.format")
    )
    plan.add_argument("--calendar", action="store_true", help=t("cli.plan.calendar"))


def _add_decide(command: Callable) -> None:
    """``sieve decide``: record a decision in the journal."""

    def cmd_decide(args: argparse.Namespace) -> int:
        from sieve.save.journal import record_decision

        session = open_session(args.session)
        ident, path = record_decision(
            session,
            args.cases,
            args.rationale,
            args.present or (),
            date=iso_date(args.date),
            ident=args.id,
        )
        out(t("cli.decide.written", id=ident, path=path) + "\n")
        for warning in _decision_warnings(session, args.cases):
            err(warning)
        return EXIT_OK

    decide = command("decide", cmd_decide)
    decide.add_argument("session", metavar="SESSION", help=t("cli.session"))
    decide.add_argument(
        "--cases", nargs="+", required=True, metavar="CASE", help=t("cli.decide.cases")
    )
    decide.add_argument("--rationale", required=True, help=t("cli.decide.rationale"))
    decide.add_argument("--present", nargs="*", metavar="ID", help=t("cli.decide.present"))
    decide.add_argument("--date", help=t("cli.decide.date"))
    decide.add_argument("--id", help=t("cli.decide.id"))


def _add_journal(command: Callable) -> None:
    """``sieve journal``: the decisions and their reviews."""

    def cmd_journal(args: argparse.Namespace) -> int:
        from sieve.render import plan as plan_report

        session = open_session(args.session)
        if args.format == "json":
            out(plan_report.journal_json(session))
        else:
            out(plan_report.journal_text(session))
        return EXIT_OK

    journal = command("journal", cmd_journal)
    add_optional_session(journal)
    journal.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("cli.plan.format")
    )


def _add_review(command: Callable) -> None:
    """``sieve review``: how a chosen case went."""

    def cmd_review(args: argparse.Namespace) -> int:
        from sieve.save.journal import record_review

        session = open_session(args.session)
        path = record_review(
            session, args.decision, args.case, args.level, args.note or "", iso_date(args.date)
        )
        out(t("cli.review.written", case=args.case, path=path) + "\n")
        return EXIT_OK

    review = command("review", cmd_review)
    review.add_argument("session", metavar="SESSION", help=t("cli.session"))
    review.add_argument("decision", metavar="DECISION", help=t("cli.review.decision"))
    review.add_argument("case", metavar="CASE", help=t("cli.review.case"))
    review.add_argument("--level", type=int, required=True, help=t("cli.review.level"))
    review.add_argument("--note", help=t("cli.review.note"))
    review.add_argument("--date", help=t("cli.decide.date"))


def robust(session, args: argparse.Namespace, write: Callable[[str], None]) -> int:
    """``sieve rank SESSION --robust``: the Monte Carlo analysis."""
    from sieve.cli.checks import DRAWS_HIGH, in_range
    from sieve.plan.robust import analyse
    from sieve.render import plan as plan_report

    in_range("--draws", args.draws, 1, DRAWS_HIGH)
    in_range("--seed", args.seed, 0, None)
    if not 0 <= args.spread < 1:
        raise UsageError(t("problem.value.range", key="--spread", low=0, high=1, found=args.spread))
    if args.top is not None:
        in_range("--top", args.top, 1, len(session.cases))
    rob = analyse(session, draws=args.draws, seed=args.seed, top_k=args.top, spread=args.spread)
    if args.format == "json":
        write(plan_report.robust_json(session, rob))
    else:
        write(plan_report.robust_text(session, rob))
    return EXIT_OK


def _decision_warnings(session, cases: list[str]) -> list[str]:
    """What a decision goes against: sifted-out cases, a count outside the protocol's."""
    from sieve.engine.evaluate import evaluate
    from sieve.model import Portfolio

    evaluation = evaluate(session)
    by_key = {r.key: r for r in evaluation.results}
    out = []
    for key in cases:
        result = by_key.get(key)
        if result is not None and result.sifted_out:
            out.append(t("cli.decide.warn_sifted", case=key, gates=", ".join(result.failed_gates)))
    rules = session.portfolio or Portfolio()
    if not rules.min_cases <= len(cases) <= rules.max_cases:
        out.append(
            t("cli.decide.warn_count", count=len(cases), low=rules.min_cases, high=rules.max_cases)
        )
    return out
