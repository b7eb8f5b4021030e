"""What the report says about the portfolio, its calendar and the decision journal.

The plan's messages (:mod:`sieve.i18n.catalogues.plan`) name cases by their keys;
here every key they carry is replaced by the case's title first.
"""

from __future__ import annotations

from sieve.i18n import number, points, t
from sieve.model import OUTCOME_TOP, Session
from sieve.plan.calendar import Calendar
from sieve.plan.instance import Status
from sieve.plan.solve import PlanResult
from sieve.render.plan import words
from sieve.render.report.names import Names, shown

#: Message parameters holding case keys (one, or several joined by ``, ``).
_CASE_PARAMS = ("cases", "instead")
#: Message parameters holding a case's score (0 to 1).
_SCORE_PARAMS = ("score", "lowest")


def _titled(params: dict, names: Names) -> dict:
    """A message's parameters with case keys, subject and criterion ids given as titles."""
    out = dict(params)
    for key in _SCORE_PARAMS:  # scores as the report shows them: points out of 100
        if isinstance(out.get(key), float):
            out[key] = points(out[key], names.lang)
    for key in _CASE_PARAMS:
        if isinstance(out.get(key), str):
            out[key] = names.cases(out[key])
    for key, name in (("subjects", names.subject), ("gates", names.criterion)):
        value = out.get(key)
        if isinstance(value, str) and value not in ("", "-"):
            out[key] = ", ".join(name(part) for part in value.split(", "))
    return words(out, names.lang)


def _status(status: Status, names: Names, prefix: str = "plan.c.") -> dict:
    return {
        "met": status.met,
        "text": t(prefix + status.id, names.lang, **_titled(status.params, names)),
    }


def portfolio_part(result: PlanResult, names: Names) -> dict:
    """The proposed portfolio, its constraints, alternatives and the cases left out."""
    lang = names.lang
    if result.best is None:
        by_id = {s.id: s for s in result.constraints}
        conflicts = [
            {
                "head": t("plan.conflict" if len(found) > 1 else "plan.conflict_one", lang, n=n),
                "lines": [_status(by_id[g], names, "plan.x.")["text"] for g in found],
            }
            for n, found in enumerate(result.conflicts, start=1)
        ]
        return {"feasible": False, "conflicts": conflicts}
    by_key = {c.key: c for c in result.instance.candidates}
    why = {r.key: r for r in result.reasons}
    chosen = []
    for n, key in enumerate(result.best.cases, start=1):
        c, r = by_key[key], why[key]
        chosen.append(
            {
                "order": n,
                "case": names.case(key),
                "points": points(c.score, lang, "–"),
                "rank": str(c.rank) if c.rank else "–",
                "sessions": c.need,
                "why": t(f"plan.r.{r.code}", lang, **_titled(r.params, names)),
            }
        )
    best = result.best
    alternatives = []
    for n, alt in enumerate(result.alternatives, start=2):
        delta = alt.total - best.total
        sign = "+" if delta > 0 else "−" if delta < 0 else "±"
        alternatives.append(
            t(
                "plan.alternative",
                lang,
                n=n,
                total=points(alt.total, lang),
                delta=sign + points(abs(delta), lang),
                cases=names.apart.join(names.case(k) for k in alt.cases),
            )
        )
    left = [
        {"case": names.case(r.key), "why": t(f"plan.r.{r.code}", lang, **_titled(r.params, names))}
        for r in result.reasons
        if not r.chosen
    ]
    return {
        "feasible": True,
        "total": t("plan.total", lang, total=points(best.total, lang), count=len(best.cases)),
        "chosen": chosen,
        "constraints": [_status(s, names) for s in result.constraints],
        "alternatives": alternatives,
        "left": left,
    }


def calendar_part(session: Session, cal: Calendar | None, names: Names) -> dict:
    """The sessions of the Transfo with their cases, every protocol check, the breaches."""
    from sieve.plan.instance import portfolio_of

    lang = names.lang
    if cal is None:
        return {"exists": False, "none": t("cal.none", lang)}
    p = portfolio_of(session)
    sessions = [
        {
            "number": s.number,
            "date": s.date.isoformat() if s.date else "–",
            "days": number(s.days, lang),
            "cases": [names.case(k) for k in s.cases],
            "lab": s.lab,
        }
        for s in cal.sessions
    ]
    checks = [_status(s, names) for s in cal.checks]
    breaches = [c for c in checks if not c["met"]]
    return {
        "exists": True,
        "head": t("report.calendar.planned" if cal.planned else "report.calendar.proposed", lang),
        "summary": t(
            "cal.summary",
            lang,
            sessions=len(cal.sessions),
            days=number(cal.days, lang),
            max_days=number(p.days, lang),
            months=cal.months,
            max_months=p.months,
        ),
        "sessions": sessions,
        "checks": checks,
        "breaches": breaches,
        "verdict": (
            t("cal.breaches", lang, count=len(breaches)) if breaches else t("cal.ok", lang)
        ),
    }


def decisions_part(session: Session, names: Names) -> dict:
    """The decisions, their reasons, what the sieve said then, and how each case went."""
    from sieve.plan.journal import compare

    lang = names.lang
    decisions = []
    for d in session.decisions:
        changed = d.tamis == session.tamis.id and d.tamis_version not in (
            None,
            session.tamis.version,
        )
        decisions.append(
            {
                "date": d.date.isoformat() if d.date else "–",
                "tamis": t(
                    "report.decisions.tamis",
                    lang,
                    tamis=shown(d.tamis) or "–",
                    version=d.tamis_version if d.tamis_version is not None else "–",
                ),
                "changed": (
                    t("journal.tamis_changed", lang, version=session.tamis.version)
                    if changed
                    else ""
                ),
                "present": ", ".join(names.person(p) for p in d.present),
                "rationale": shown(d.rationale, one_line=False),
                "cases": [_snapshot(s, names) for s in d.snapshots],
                "voted": any(s.vote_rank is not None for s in d.snapshots),
            }
        )
    cmp = compare(session.decisions)
    if not cmp.pairs:
        summary = t("journal.compare.none", lang, pending=cmp.pending)
    else:
        summary = t(
            "journal.compare.line",
            lang,
            count=len(cmp.pairs),
            pending=cmp.pending,
            gap=number(cmp.mean_gap, lang),
        )
        if cmp.spearman is not None:
            summary += " ; " if lang == "fr" else "; "
            summary += t("journal.compare.spearman", lang, rho=number(cmp.spearman, lang))
    return {"decisions": decisions, "compare": summary if session.decisions else ""}


def _snapshot(s, names: Names) -> dict:
    lang = names.lang
    outcome = ""
    if s.outcome is not None:
        outcome = f"{s.outcome}/{OUTCOME_TOP} {t(f'outcome.{s.outcome}', lang)}"
    return {
        "case": names.case(s.case),
        "points": points(s.score, lang, "–"),
        "rank": str(s.rank) if s.rank else "–",
        "flags": ", ".join(shown(t(f"flag.{f}", lang)) for f in s.flags),
        "disputed": ", ".join(names.criterion(c) for c in s.disputed),
        "outcome": outcome,
        "note": shown(s.outcome_note, one_line=False),
        "reviewed": s.reviewed.isoformat() if s.reviewed else "",
        "vote": f"{s.vote_rank} · {shown(s.vote_mention)}" if s.vote_rank else "–",
    }
