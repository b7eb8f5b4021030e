"""What changed on the stakeholder map between two dates.

Both states come from :func:`sieve.graph.analyse.analyse_session` (the map at each
date, :mod:`sieve.timeline`), so the findings compared are the very ones each date
shows. A finding is the same on both sides when its kind and its people are.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from sieve.graph.analyse import analyse_session
from sieve.graph.findings import quadrant
from sieve.graph.results import Analysis, Finding
from sieve.model import Relation, Session


@dataclass(frozen=True, slots=True)
class Move:
    """One person's role, power or interest changed between the two dates."""

    person: str
    role: tuple[str, str]
    """(before, after); equal when only power or interest moved."""
    power: tuple[int, int]
    interest: tuple[int, int]
    quadrant: tuple[str, str]
    """Mendelow's quadrant before and after: a move across the grid when they differ."""

    @property
    def role_changed(self) -> bool:
        return self.role[0] != self.role[1]

    @property
    def crossed(self) -> bool:
        """Whether the person moved to another quadrant of the grid."""
        return self.quadrant[0] != self.quadrant[1]


@dataclass
class Changes:
    """The map at ``start``, at ``end``, and what differs."""

    start: _dt.date
    end: _dt.date | None
    """``None``: the map as it stands after every dated entry."""
    before: Analysis
    after: Analysis
    joined: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    gained: list[Relation] = field(default_factory=list)
    lost: list[Relation] = field(default_factory=list)
    appeared: list[Finding] = field(default_factory=list)
    gone: list[Finding] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.joined
            or self.left
            or self.moves
            or self.gained
            or self.lost
            or self.appeared
            or self.gone
        )


def _key(finding: Finding) -> tuple[str, tuple[str, ...]]:
    return finding.kind, finding.people


def _relation_key(r: Relation) -> tuple[str, str, str]:
    return r.source, r.target, r.kind


def compare(before: Analysis, after: Analysis, start: _dt.date, end: _dt.date | None) -> Changes:
    """What differs from the analysis ``before`` to the analysis ``after``."""
    rules = after.rules
    out = Changes(start, end, before, after)
    out.joined = [p for p in after.people if p not in before.people]
    out.left = [p for p in before.people if p not in after.people]
    for ident, now in after.people.items():
        then = before.people.get(ident)
        if then is None:
            continue
        if (then.role, then.power, then.interest) != (now.role, now.power, now.interest):
            out.moves.append(
                Move(
                    ident,
                    (then.role, now.role),
                    (then.power, now.power),
                    (then.interest, now.interest),
                    (quadrant(then, rules), quadrant(now, rules)),
                )
            )
    had = {_relation_key(r) for r in before.relations}
    has = {_relation_key(r) for r in after.relations}
    out.gained = [r for r in after.relations if _relation_key(r) not in had]
    out.lost = [r for r in before.relations if _relation_key(r) not in has]
    found_before = {_key(f) for f in before.findings}
    found_after = {_key(f) for f in after.findings}
    out.appeared = [f for f in after.findings if _key(f) not in found_before]
    out.gone = [f for f in before.findings if _key(f) not in found_after]
    return out


def changes(
    session: Session, start: _dt.date, end: _dt.date | None = None, **options: Any
) -> Changes:
    """What changed on the session's map from ``start`` to ``end`` (``None``: the latest)."""
    before = analyse_session(session, start, **options)
    after = analyse_session(session, end, **options)
    return compare(before, after, start, end)


# -- in words and as JSON ---------------------------------------------------------------


def _people(changes: Changes) -> dict:
    """Everyone named on either side (for names: who left is on the ``before`` side only)."""
    return {**changes.before.people, **changes.after.people}


def _end(changes: Changes, lang: str | None) -> str:
    from sieve.i18n import t

    if changes.end is None:
        return t("time.latest", lang=lang)
    return t("time.report.on", lang=lang, date=changes.end.isoformat())


Section = tuple[str, list[tuple[str, str]]]
"""A titled part of the text: (title, [(mark, line)])."""


def _people_sections(changes: Changes, lang: str | None) -> list[Section]:
    """Arrivals and departures, role changes, power and interest moves."""
    from sieve.graph.words import name_of
    from sieve.i18n import t

    people = _people(changes)

    def role(r: str) -> str:
        return t(f"graph.role.{r}", lang=lang)

    def quadrant_name(q: str) -> str:
        return t(f"graph.quadrant.{q}", lang=lang)

    arrivals = [
        ("+", t("time.joined", lang=lang, person=name_of(people, p), role=role(people[p].role)))
        for p in changes.joined
    ] + [
        ("-", t("time.left", lang=lang, person=name_of(people, p), role=role(people[p].role)))
        for p in changes.left
    ]
    roles = [
        (
            "~",
            t(
                "time.role",
                lang=lang,
                person=name_of(people, m.person),
                before=role(m.role[0]),
                after=role(m.role[1]),
            ),
        )
        for m in changes.moves
        if m.role_changed
    ]
    grid = []
    for m in changes.moves:
        what = [
            t(f"time.grid.{name}", lang=lang, before=pair[0], after=pair[1])
            for name, pair in (("power", m.power), ("interest", m.interest))
            if pair[0] != pair[1]
        ]
        if what:
            key = "time.grid.crossed" if m.crossed else "time.grid.within"
            grid.append(
                (
                    "~",
                    t(
                        key,
                        lang=lang,
                        person=name_of(people, m.person),
                        what=", ".join(what),
                        before=quadrant_name(m.quadrant[0]),
                        after=quadrant_name(m.quadrant[1]),
                    ),
                )
            )
    return [
        (t("time.report.people", lang=lang), arrivals),
        (t("time.report.roles", lang=lang), roles),
        (t("time.report.grid", lang=lang), grid),
    ]


def _tie_sections(changes: Changes, lang: str | None) -> list[Section]:
    """Relations gained and lost, points of vigilance that appeared and went away."""
    from sieve.graph.words import headline, name_of, reason
    from sieve.i18n import t

    people = _people(changes)
    out: list[Section] = []
    for title, relations, mark in (
        ("time.report.gained", changes.gained, "+"),
        ("time.report.lost", changes.lost, "-"),
    ):
        lines = [
            (
                mark,
                t(
                    "time.relation",
                    lang=lang,
                    source=name_of(people, r.source),
                    target=name_of(people, r.target),
                    kind=t(f"graph.relation.{r.kind}", lang=lang),
                ),
            )
            for r in relations
        ]
        out.append((t(title, lang=lang, count=len(relations)), lines))
    for title, findings, mark, side in (
        ("time.report.appeared", changes.appeared, "+", changes.after),
        ("time.report.gone", changes.gone, "-", changes.before),
    ):
        lines = [
            (
                mark,
                t(
                    "graph.report.finding",
                    lang=lang,
                    headline=headline(f, lang),
                    reason=reason(f, side.people, lang),
                ),
            )
            for f in findings
        ]
        out.append((t(title, lang=lang, count=len(findings)), lines))
    return out


def changes_text(changes: Changes, lang: str | None = None, width: int = 100) -> str:
    """What changed, in words, one section per kind of change (empty ones left out)."""
    import textwrap

    from sieve.i18n import t
    from sieve.text import literal

    out = [
        literal(t("graph.report.title", lang=lang, title=changes.after.title)),
        t(
            "time.report.between",
            lang=lang,
            start=changes.start.isoformat(),
            end=_end(changes, lang),
        ),
    ]
    if changes.empty:
        out += ["", "  " + t("time.report.nothing", lang=lang)]
        return "\n".join(out) + "\n"
    for title, lines in _people_sections(changes, lang) + _tie_sections(changes, lang):
        if not lines:
            continue
        out += ["", title]
        for mark, text in lines:
            out.extend(
                textwrap.wrap(
                    literal(text), width, initial_indent=f"  {mark} ", subsequent_indent="    "
                )
            )
    return "\n".join(out) + "\n"


def changes_json(changes: Changes, lang: str | None = None) -> str:
    """What changed, as JSON (ids, not names; findings with their message)."""
    from sieve import FORMAT_VERSION
    from sieve.graph.words import reason
    from sieve.text import json_text

    def relation(r: Relation) -> dict:
        return {"from": r.source, "to": r.target, "kind": r.kind, "weight": r.weight}

    def finding(f: Finding, side: Analysis) -> dict:
        return {
            "kind": f.kind,
            "severity": f.severity,
            "people": list(f.people),
            "params": f.params,
            "message": reason(f, side.people, lang),
        }

    doc = {
        "format": FORMAT_VERSION,
        "session": changes.after.session_id,
        "since": changes.start.isoformat(),
        "until": None if changes.end is None else changes.end.isoformat(),
        "joined": changes.joined,
        "left": changes.left,
        "moves": [
            {
                "id": m.person,
                "role": list(m.role),
                "power": list(m.power),
                "interest": list(m.interest),
                "quadrant": list(m.quadrant),
                "role_changed": m.role_changed,
                "crossed": m.crossed,
            }
            for m in changes.moves
        ],
        "gained": [relation(r) for r in changes.gained],
        "lost": [relation(r) for r in changes.lost],
        "appeared": [finding(f, changes.after) for f in changes.appeared],
        "gone": [finding(f, changes.before) for f in changes.gone],
    }
    return json_text(doc) + "\n"
