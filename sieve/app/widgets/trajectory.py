"""One person's trajectory on the map, as text: dated assessments, dated ties, stances.

A pure rendering of a :class:`~sieve.model.Session` (its dated map) for the stakeholders
screen's trajectory view; file text goes through :func:`sieve.app.text.plain`. The step
in force at the date shown is marked ``▶``; ties that do not hold then are dim.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from rich.text import Text

from sieve.app.text import plain
from sieve.i18n import t
from sieve.timeline import by_person, present, stances_at, trajectory

if TYPE_CHECKING:
    from sieve.model import Session


def _day(day: _dt.date | None) -> str:
    return t("time.app.start") if day is None else day.isoformat()


def _span(since: _dt.date | None, until: _dt.date | None) -> str:
    if since is None and until is None:
        return t("time.app.always")
    if until is None:
        return t("time.app.since", date=since.isoformat())  # type: ignore[union-attr]
    if since is None:
        return t("time.app.until", date=until.isoformat())
    return t("time.app.between", start=since.isoformat(), end=until.isoformat())


def trajectory_text(session: Session, ident: str, at: _dt.date | None) -> Text:
    """``ident``'s steps (start, then each assessment), their ties with dates, their stances."""
    people = session.people
    person = people.get(ident)
    if person is None:
        return Text(t("graph.report.empty"))
    out = Text(end="")
    out.append_text(plain(person.name, style="bold"))
    out.append(" · " + t("time.app.trajectory") + "\n", style="bold")
    out.append(t("time.app.on_map", span=_span(person.since, person.until)) + "\n\n", style="dim")
    steps = trajectory(person, by_person(session.assessments).get(ident, []))
    current = 0
    for i, step in enumerate(steps):
        if step.date is None or at is None or step.date <= at:
            current = i
    for i, step in enumerate(steps):
        mark = "▶ " if i == current else "  "
        out.append(mark, style="bold")
        out.append(f"{_day(step.date):<11}", style="bold" if i == current else "")
        out.append(
            t(
                "time.app.step",
                role=t(f"graph.role.{step.role}"),
                power=step.power,
                interest=step.interest,
            )
        )
        out.append("\n")
        if step.note:
            out.append("    ")
            out.append_text(plain(step.note, style="italic"))
            out.append("\n")
    mine = [r for r in session.relations if ident in (r.source, r.target)]
    out.append("\n" + t("time.app.ties", count=len(mine)) + "\n", style="bold")
    for r in mine:
        # a tie holds while the relation does and both its ends are on the map
        ends = [people[p] for p in (r.source, r.target) if p in people]
        since = max((d for d in [r.since, *(p.since for p in ends)] if d), default=None)
        until = min((d for d in [r.until, *(p.until for p in ends)] if d), default=None)
        style = "" if present(since, until, at) else "dim"
        other = r.target if r.source == ident else r.source
        out.append("  → " if r.source == ident else "  ← ", style=style)
        out.append_text(plain(people[other].name if other in people else other, style=style))
        out.append(f" ({t(f'graph.relation.{r.kind}')}) · {_span(since, until)}\n", style=style)
    held = stances_at(session.stances, at)
    stances = [s for s in session.stances if s.stakeholder == ident]
    if stances:
        out.append("\n" + t("time.app.stances") + "\n", style="bold")
        for s in stances:
            in_force = held.get(s.subject, {}).get(ident) is s
            style = "" if in_force else "dim"
            out.append("  " + t(f"time.position.{s.position}") + " ", style=style)
            subject = session.subjects.get(s.subject)
            out.append_text(plain(subject.title if subject else s.subject, style=style))
            out.append(f" · {_day(s.date)}", style=style)
            if s.note:
                out.append(" — ", style=style)
                out.append_text(plain(s.note, style=style or "italic"))
            out.append("\n")
    return out
