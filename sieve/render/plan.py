"""The portfolio, the calendar, the robustness analysis and the journal, as text and JSON."""

from __future__ import annotations

from collections.abc import Mapping

from sieve.i18n import number, percent, t
from sieve.model import OUTCOME_TOP, Session
from sieve.plan.calendar import Calendar
from sieve.plan.instance import Status
from sieve.plan.solve import PlanResult
from sieve.render.names import case_title, person_name, titled_list
from sieve.text import json_text, literal

#: The parameters of a constraint or a reason that hold case keys or subject ids.
_NAMED = ("cases", "subjects", "instead")


def words(params: dict, lang: str | None, session: Session | None = None) -> dict:
    """Parameters ready for a message: numbers per language, constraint ids as names.

    With ``session``, case keys and subject ids are given as their titles (a screen);
    without, as keys (the command line, whose keys a user types back).
    """
    out = {}
    for key, value in params.items():
        if session is not None and key in _NAMED and isinstance(value, str):
            value = literal(titled_list(session, value))
        elif key == "broken":
            value = ", ".join(t(f"plan.name.{g}", lang) for g in value)
        elif isinstance(value, bool):
            pass
        elif isinstance(value, float):
            value = number(value, lang)
        elif value is None:
            value = "–"
        elif isinstance(value, str):
            value = literal(value)
        out[key] = value
    return out


def status_message(status: Status, lang: str | None = None, session: Session | None = None) -> str:
    """A constraint measured on a portfolio or a calendar, worded (titled with ``session``)."""
    return t(f"plan.c.{status.id}", lang, **words(status.params, lang, session))


def conflict_message(status: Status, lang: str | None, session: Session | None = None) -> str:
    return t(f"plan.x.{status.id}", lang, **words(status.params, lang, session))


def _table(head: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(row: list[str]) -> str:
        cells = [
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  " + "  ".join(cells).rstrip()

    return [line(head), line(["─" * w for w in widths]), *(line(r) for r in rows)]


# -- sieve plan ----------------------------------------------------------------------------


def plan_json(session: Session, result: PlanResult, lang: str | None = None) -> str:
    best = result.best
    by_key = {c.key: c for c in result.instance.candidates}
    payload = {
        "session": session.id,
        "tamis": {"id": session.tamis.id, "version": session.tamis.version},
        "feasible": best is not None,
        "conflicts": [list(c) for c in result.conflicts],
        "cases": list(best.cases) if best else [],
        "total_score": best.total if best else None,
        "alternatives": [
            {"cases": list(a.cases), "total_score": a.total} for a in result.alternatives
        ],
        "constraints": [
            {
                "id": s.id,
                "met": s.met,
                "conflict": s.conflict,
                "message": (conflict_message(s, lang) if best is None else status_message(s, lang)),
            }
            for s in result.constraints
        ],
        "reasons": [
            {
                "case": r.key,
                "chosen": r.chosen,
                "code": r.code,
                "score": by_key[r.key].score,
                "message": t(f"plan.r.{r.code}", lang, **words(r.params, lang)),
            }
            for r in result.reasons
        ],
    }
    return json_text(payload) + "\n"


def plan_text(session: Session, result: PlanResult, lang: str | None = None) -> str:
    out = [t("plan.title", lang, title=literal(session.title), city=literal(session.city)), ""]
    best = result.best
    if best is None:
        out.append(t("plan.infeasible", lang))
        by_id = {s.id: s for s in result.constraints}
        for n, found in enumerate(result.conflicts, start=1):
            head = "plan.conflict" if len(found) > 1 else "plan.conflict_one"
            out += ["", t(head, lang, n=n)]
            out += [f"  ✘ {conflict_message(by_id[g], lang)}" for g in found]
        if len(result.conflicts) > 1:
            lifted = dict.fromkeys(c[-1] for c in result.conflicts)  # a group once
            lift = ", ".join(t(f"plan.name.{g}", lang) for g in lifted)
            out += ["", t("plan.lift", lang, names=lift)]
        return "\n".join(out) + "\n"
    by_key = {c.key: c for c in result.instance.candidates}
    why = {r.key: r for r in result.reasons}
    out.append(t("plan.total", lang, total=number(best.total, lang), count=len(best.cases)))
    out.append("")
    rows = []
    for n, key in enumerate(best.cases, start=1):
        c = by_key[key]
        r = why[key]
        rows.append(
            [
                str(n),
                key,
                number(c.score, lang),
                str(c.rank) if c.rank else "–",
                str(c.need),
                t(f"plan.r.{r.code}", lang, **words(r.params, lang)),
            ]
        )
    head = [t(f"plan.col.{c}", lang) for c in ("order", "case", "score", "rank", "sessions", "why")]
    out += _table(head, rows, {0, 2, 3, 4})
    out += ["", t("plan.constraints", lang)]
    out += [f"  {'✔' if s.met else '✘'} {status_message(s, lang)}" for s in result.constraints]
    out += ["", t("plan.alternatives", lang)]
    if not result.alternatives:
        out.append(t("plan.no_alternative", lang))
    for n, alt in enumerate(result.alternatives, start=2):
        delta = alt.total - best.total
        out.append(
            "  "
            + t(
                "plan.alternative",
                lang,
                n=n,
                total=number(alt.total, lang),
                delta=("+" if delta > 0 else "−" if delta < 0 else "±") + number(abs(delta), lang),
                cases=", ".join(alt.cases),
            )
        )
    left = [r for r in result.reasons if not r.chosen]
    if left:
        out += ["", t("plan.out", lang)]
        width = max(len(r.key) for r in left)
        for r in left:
            text = t(f"plan.r.{r.code}", lang, **words(r.params, lang))
            out.append(f"  {r.key.ljust(width)}  {text}")
    return "\n".join(out) + "\n"


# -- the calendar ----------------------------------------------------------------------------


def calendar_text(session: Session, cal: Calendar | None, lang: str | None = None) -> str:
    if cal is None:
        return t("cal.none", lang) + "\n"
    from sieve.plan.instance import portfolio_of

    p = portfolio_of(session)
    title = t(
        "cal.title.planned" if cal.planned else "cal.title.proposed",
        lang,
        title=literal(session.title),
    )
    out = [
        title,
        t(
            "cal.summary",
            lang,
            sessions=len(cal.sessions),
            days=number(cal.days, lang),
            max_days=number(p.days, lang),
            months=cal.months,
            max_months=p.months,
        ),
        "",
    ]
    head = [t(f"cal.col.{c}", lang) for c in ("session", "date", "days", "cases", "lab")]
    rows = [
        [
            str(s.number),
            s.date.isoformat() if s.date else "–",
            number(s.days, lang),
            ", ".join(s.cases) or "–",
            t("cal.lab", lang) if s.lab else "",
        ]
        for s in cal.sessions
    ]
    out += _table(head, rows, {0, 2})
    out += ["", t("cal.checks", lang)]
    out += [f"  {'✔' if s.met else '✘'} {status_message(s, lang)}" for s in cal.checks]
    out.append("")
    breaches = cal.breaches
    out.append(t("cal.breaches", lang, count=len(breaches)) if breaches else t("cal.ok", lang))
    return "\n".join(out) + "\n"


def calendar_json(session: Session, cal: Calendar | None, lang: str | None = None) -> str:
    if cal is None:
        payload: dict = {"session": session.id, "calendar": None}
    else:
        payload = {
            "session": session.id,
            "planned": cal.planned,
            "cases": list(cal.cases),
            "days": cal.days,
            "months": cal.months,
            "sessions": [
                {
                    "number": s.number,
                    "date": s.date.isoformat() if s.date else None,
                    "days": s.days,
                    "cases": list(s.cases),
                    "lab": s.lab,
                }
                for s in cal.sessions
            ],
            "checks": [
                {"id": s.id, "met": s.met, "message": status_message(s, lang)} for s in cal.checks
            ],
        }
    return json_text(payload) + "\n"


# -- robustness --------------------------------------------------------------------------------


def robust_text(session: Session, rob, lang: str | None = None) -> str:
    out = [
        t("robust.title", lang, title=literal(session.title)),
        t(
            "robust.method",
            lang,
            draws=rob.draws,
            seed=rob.seed,
            spread=number(rob.spread * 100, lang, 0),
        ),
        "",
    ]
    head = [
        t("robust.col.case", lang),
        t("robust.col.first", lang),
        t("robust.col.top", lang, k=rob.top_k),
        t("robust.col.portfolio", lang),
        t("robust.col.proposed", lang),
    ]
    rows = [
        [
            key,
            percent(rob.p_first[key], lang, error=rob.se_first[key]),
            percent(rob.p_top[key], lang, error=rob.se_top[key]),
            percent(rob.p_portfolio[key], lang, error=rob.se_portfolio[key])
            if rob.p_portfolio
            else "–",
            "✔" if key in rob.proposed else "",
        ]
        for key in rob.keys
    ]
    out += _table(head, rows, {1, 2, 3})
    out += ["", t("robust.error", lang)]
    if rob.portfolio_draws:
        out.append(t("robust.portfolio_draws", lang, count=rob.portfolio_draws))
    out.append("")
    if not rob.proposed:
        out.append(t("robust.no_portfolio", lang))
        return "\n".join(out) + "\n"
    out.append(t("robust.ranges", lang))
    head = [t(f"robust.col.{c}", lang) for c in ("criterion", "weight", "range")]
    rows = []
    for crit, (low, high) in rob.weight_ranges.items():
        text = (
            t(
                "robust.range_open",
                lang,
                low=number(low, lang),
                ceiling=number(rob.ceiling, lang),
            )
            if high is None
            else t("robust.range", lang, low=number(low, lang), high=number(high, lang))
        )
        rows.append([crit, number(rob.weights[crit], lang), text])
    out += _table(head, rows, {1})
    return "\n".join(out) + "\n"


def robust_case(rob, key: str, lang: str | None = None) -> str:
    """One case's chances, each with its standard error: ``P(1er) 76 % ± 1 · ...``."""
    return t(
        "robust.case",
        lang,
        first=percent(rob.p_first.get(key), lang, error=rob.se_first.get(key)),
        k=rob.top_k,
        top=percent(rob.p_top.get(key), lang, error=rob.se_top.get(key)),
        portfolio=percent(rob.p_portfolio.get(key), lang, error=rob.se_portfolio.get(key)),
    )


def robust_json(session: Session, rob) -> str:
    payload = {
        "session": session.id,
        "draws": rob.draws,
        "seed": rob.seed,
        "spread": rob.spread,
        "top_k": rob.top_k,
        "portfolio_draws": rob.portfolio_draws,
        "proposed": list(rob.proposed),
        "cases": [
            {
                "case": key,
                "p_first": rob.p_first[key],
                "p_top": rob.p_top[key],
                "p_portfolio": rob.p_portfolio.get(key),
                "se_first": rob.se_first[key],
                "se_top": rob.se_top[key],
                "se_portfolio": rob.se_portfolio.get(key),
            }
            for key in rob.keys
        ],
        "weight_ceiling": rob.ceiling,
        "weight_ranges": [
            {"criterion": c, "weight": rob.weights[c], "low": lo, "high": hi}
            for c, (lo, hi) in rob.weight_ranges.items()
        ],
    }
    return json_text(payload) + "\n"


# -- the journal -------------------------------------------------------------------------------


def journal_text(
    session: Session,
    lang: str | None = None,
    titles: bool = False,
    names: Mapping[str, str] | None = None,
) -> str:
    """The journal; with ``titles``, cases are named by their titles (a screen), else by key.

    The case comes first in each decision's table, as ``sieve journal`` has it; ``names``
    (case key -> the words to show), when given, names the cases in those tables (a
    screen's titles cut to fit, so that the figures stay in view)."""
    from sieve.plan.journal import compare

    def case_name(key: str) -> str:
        return literal(case_title(session, key) if titles else key)

    def cell_name(key: str) -> str:
        return literal(names[key]) if names is not None and key in names else case_name(key)

    out = [t("journal.title", lang, title=literal(session.title)), ""]
    if not session.decisions:
        out.append(t("journal.empty", lang))
        return "\n".join(out) + "\n"
    for d in session.decisions:
        line = t(
            "journal.decision",
            lang,
            id=d.id,
            date=d.date.isoformat() if d.date else "–",
            tamis=literal(d.tamis) or "–",
            version=d.tamis_version if d.tamis_version is not None else "–",
        )
        if d.tamis == session.tamis.id and d.tamis_version not in (None, session.tamis.version):
            line += f"  ⚠ {t('journal.tamis_changed', lang, version=session.tamis.version)}"
        out.append(line)
        if d.present:
            who = ", ".join(literal(person_name(session, p)) for p in d.present)
            out.append("  " + t("journal.present", lang, names=who))
        out.append("  " + t("journal.rationale", lang, text=literal(d.rationale)))
        columns = ["case", "score", "rank", "flags", "disputed", "outcome"]
        voted = any(s.vote_rank is not None for s in d.snapshots)
        if voted:  # the vote's result beside the sieve's
            columns.insert(3, "vote")
        head = [t(f"journal.col.{c}", lang) for c in columns]
        rows = [_snapshot_row(s, cell_name(s.case), voted, lang) for s in d.snapshots]
        out += ["", *_table(head, rows, {1, 2}), ""]
    cmp = compare(session.decisions)
    out.append(t("journal.compare", lang))
    if not cmp.pairs:
        out.append("  " + t("journal.compare.none", lang, pending=cmp.pending))
    else:
        out.append(
            "  "
            + t(
                "journal.compare.line",
                lang,
                count=len(cmp.pairs),
                pending=cmp.pending,
                gap=number(cmp.mean_gap, lang),
            )
        )
        if cmp.spearman is not None:
            out.append("  " + t("journal.compare.spearman", lang, rho=number(cmp.spearman, lang)))
        for decision, case, score, level in cmp.pairs:
            out.append(
                "  "
                + t(
                    "journal.compare.case",
                    lang,
                    decision=decision,
                    case=case_name(case),
                    score=number(score, lang),
                    level=level,
                    top=OUTCOME_TOP,
                    label=t(f"outcome.{level}", lang),
                )
            )
    return "\n".join(out) + "\n"


def _snapshot_row(s, name: str, voted: bool, lang: str | None) -> list[str]:
    """One chosen case of a decision in the journal's table (the vote's column if ``voted``)."""
    outcome = "–"
    if s.outcome is not None:
        outcome = f"{s.outcome}/{OUTCOME_TOP} {t(f'outcome.{s.outcome}', lang)}"
        if s.outcome_note:
            outcome += f" — {literal(s.outcome_note)}"
    row = [
        name,
        number(s.score, lang),
        str(s.rank) if s.rank else "–",
        ", ".join(t(f"flag.{f}", lang) for f in s.flags),
        " ".join(literal(x) for x in s.disputed),
        outcome,
    ]
    if voted:
        row.insert(3, f"{s.vote_rank} {literal(s.vote_mention)}" if s.vote_rank else "–")
    return row


def journal_json(session: Session) -> str:
    from sieve.plan.journal import compare

    cmp = compare(session.decisions)
    payload = {
        "session": session.id,
        "decisions": [
            {
                "id": d.id,
                "date": d.date.isoformat() if d.date else None,
                "cases": list(d.cases),
                "rationale": d.rationale,
                "present": list(d.present),
                "tamis": {"id": d.tamis, "version": d.tamis_version},
                "snapshots": [
                    {
                        "case": s.case,
                        "score": s.score,
                        "rank": s.rank,
                        "flags": list(s.flags),
                        "disputed": list(s.disputed),
                        "outcome": s.outcome,
                        "outcome_note": s.outcome_note,
                        "reviewed": s.reviewed.isoformat() if s.reviewed else None,
                        "vote_rank": s.vote_rank,
                        "vote_mention": s.vote_mention or None,
                    }
                    for s in d.snapshots
                ],
            }
            for d in session.decisions
        ],
        "comparison": {
            "reviewed": len(cmp.pairs),
            "pending": cmp.pending,
            "mean_gap": cmp.mean_gap,
            "spearman": cmp.spearman,
        },
    }
    return json_text(payload) + "\n"
