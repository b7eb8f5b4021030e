"""``sieve diff``: what changed between two tamis or two sessions, matched by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.errors import ExchangeError, SieveError
from sieve.exchange.common import file_kind, number_text, open_tamis, plain
from sieve.i18n import t
from sieve.load.fields import show
from sieve.load.session import load_session
from sieve.model import CASE_SEPARATOR, Session, Tamis
from sieve.text import json_text, literal

# -- diff ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two files, found by id.

    ``op`` is ``added``, ``removed`` or ``changed``; ``section`` the kind of thing
    (``criterion``, ``scale``, ``indicator``, ``score``...); ``id`` its id (an angle is
    ``subject/angle``, a score ``scorer/key/criterion``); for a change, ``field`` with
    ``old`` and ``new`` values.
    """

    op: str
    section: str
    id: str
    field: str = ""
    old: Any = None
    new: Any = None

    def record(self) -> dict:
        out: dict[str, Any] = {"op": self.op, "section": self.section, "id": self.id}
        if self.op == "changed":
            out.update(field=self.field, old=plain(self.old), new=plain(self.new))
        elif self.new is not None or self.old is not None:
            out["value"] = plain(self.new if self.op == "added" else self.old)
        return out


def _compare_fields(
    out: list[Change], section: str, ident: str, old: Any, new: Any, names: tuple[str, ...]
) -> None:
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(Change("changed", section, ident, name, a, b))


def _compare_maps(
    out: list[Change],
    section: str,
    old: dict[str, Any],
    new: dict[str, Any],
    names: tuple[str, ...],
    value=None,
) -> None:
    """Added, removed and changed items of two id -> record mappings."""
    for ident, item in old.items():
        if ident not in new:
            out.append(Change("removed", section, ident, old=value(item) if value else None))
    for ident, item in new.items():
        if ident not in old:
            out.append(Change("added", section, ident, new=value(item) if value else None))
        else:
            _compare_fields(out, section, ident, old[ident], item, names)


_TAMIS_HEAD = ("id", "title", "version", "city", "lang")
_CRITERION_FIELDS = ("label", "question", "kind", "applies_to", "weight", "pass_at", "origin")


def diff_tamis(a: Tamis, b: Tamis) -> list[Change]:
    """What changed from tamis ``a`` to tamis ``b``."""
    out: list[Change] = []
    _compare_fields(out, "tamis", b.id, a, b, _TAMIS_HEAD)
    for ident, scale in a.scales.items():
        if ident not in b.scales:
            out.append(Change("removed", "scale", ident, old=scale.levels))
        elif b.scales[ident].levels != scale.levels:
            out.append(
                Change("changed", "scale", ident, "levels", scale.levels, b.scales[ident].levels)
            )
    for ident, scale in b.scales.items():
        if ident not in a.scales:
            out.append(Change("added", "scale", ident, new=scale.levels))
    for crit in a.criteria:
        if crit.id not in b.by_id:
            out.append(Change("removed", "criterion", crit.id, old=crit.label))
    for crit in b.criteria:
        old = a.by_id.get(crit.id)
        if old is None:
            out.append(Change("added", "criterion", crit.id, new=crit.label))
            continue
        _compare_fields(out, "criterion", crit.id, old, crit, _CRITERION_FIELDS)
        if old.scale.id != crit.scale.id:
            out.append(
                Change("changed", "criterion", crit.id, "scale", old.scale.id, crit.scale.id)
            )
        if old.scale.levels != crit.scale.levels:
            out.append(
                Change(
                    "changed", "criterion", crit.id, "levels", old.scale.levels, crit.scale.levels
                )
            )
    common_a = [c.id for c in a.criteria if c.id in b.by_id]
    common_b = [c.id for c in b.criteria if c.id in a.by_id]
    if common_a != common_b:
        out.append(Change("changed", "tamis", b.id, "order", tuple(common_a), tuple(common_b)))
    if a.disagreement != b.disagreement:
        out.append(Change("changed", "group", "", "disagreement", a.disagreement, b.disagreement))
    for name, attr in (("threshold", "attention_threshold"), ("first_case_max", "first_case_max")):
        if getattr(a, attr) != getattr(b, attr):
            out.append(Change("changed", "attention", "", name, getattr(a, attr), getattr(b, attr)))
    _compare_maps(
        out, "indicator", a.indicators, b.indicators, ("label", "weight"), lambda i: i.label
    )
    return out


def _flat_scores(session: Session) -> dict[str, int]:
    return {
        CASE_SEPARATOR.join((scorer, key, crit)): level
        for scorer, rows in session.scores.items()
        for key, row in rows.items()
        for crit, level in row.items()
    }


def _flat_notes(session: Session) -> dict[str, str]:
    return {
        f"{scorer}{CASE_SEPARATOR}{key}": note
        for scorer, rows in session.notes.items()
        for key, note in rows.items()
    }


def diff_sessions(a: Session, b: Session) -> list[Change]:
    """What changed from session ``a`` to session ``b`` (scores from every score file)."""
    out: list[Change] = []
    for name, attr in (
        ("id", "id"),
        ("title", "title"),
        ("city", "city"),
        ("date", "date"),
        ("tamis", "tamis_ref"),
    ):
        if getattr(a, attr) != getattr(b, attr):
            out.append(Change("changed", "session", b.id, name, getattr(a, attr), getattr(b, attr)))
    _compare_maps(
        out,
        "subject",
        a.subjects,
        b.subjects,
        ("title", "description", "type", "territory", "attention", "first_case"),
        lambda s: s.title,
    )
    # angles by case key (``subject/angle``): an angle id is unique within its subject only
    _compare_maps(out, "angle", a.angles, b.angles, ("title", "methods"), lambda x: x.title)
    _compare_maps(out, "scorer", a.scorers, b.scorers, ("name", "role"), lambda s: s.name)
    for section, old, new in (
        ("score", _flat_scores(a), _flat_scores(b)),
        ("note", _flat_notes(a), _flat_notes(b)),
    ):
        for ident, value in old.items():
            if ident not in new:
                out.append(Change("removed", section, ident, old=value))
            elif new[ident] != value:
                out.append(Change("changed", section, ident, "value", value, new[ident]))
        for ident, value in new.items():
            if ident not in old:
                out.append(Change("added", section, ident, new=value))
    _compare_maps(
        out,
        "stakeholder",
        a.stakeholders,
        b.stakeholders,
        ("name", "role", "org", "power", "interest"),
        lambda s: s.name,
    )

    def relations(session: Session) -> dict[str, Any]:
        return {f"{r.source}->{r.target} ({r.kind})": r for r in session.relations}

    _compare_maps(out, "relation", relations(a), relations(b), ("weight",))
    _diff_portfolio(out, a, b)
    return out


def _diff_portfolio(out: list[Change], a: Session, b: Session) -> None:
    """The ``[portfolio]`` constraints and calendar, and the decision journal."""
    from dataclasses import fields

    from sieve.model import Portfolio

    old, new = a.portfolio or Portfolio(), b.portfolio or Portfolio()
    for item in fields(Portfolio):
        if item.name == "declared":  # whether the table is written: not a difference of meaning
            continue
        before, after = getattr(old, item.name), getattr(new, item.name)
        if before != after:
            out.append(Change("changed", "portfolio", b.id, item.name, before, after))
    _compare_maps(
        out,
        "decision",
        {d.id: d for d in a.decisions},
        {d.id: d for d in b.decisions},
        ("date", "cases", "rationale", "present", "tamis", "tamis_version", "snapshots"),
        lambda d: " ".join(d.cases),
    )


@dataclass
class Diff:
    """The semantic difference of two files of the same kind."""

    kind: str
    old: Path
    new: Path
    changes: list[Change] = field(default_factory=list)


def diff_files(old: Path, new: Path) -> Diff:
    """Compare two tamis or two sessions; :class:`SieveError` / :class:`ExchangeError`."""
    old, new = Path(old), Path(new)
    kinds = (file_kind(old), file_kind(new))
    if kinds[0] != kinds[1] or kinds[0] not in ("tamis", "session"):
        raise ExchangeError("exchange.diff.kinds", old=old, new=new, a=kinds[0], b=kinds[1])
    if kinds[0] == "tamis":
        return Diff("tamis", old, new, diff_tamis(open_tamis(old), open_tamis(new)))
    sessions = []
    for path in (old, new):
        result = load_session(path)
        if result.session is None:
            raise SieveError(result.errors or result.problems)
        sessions.append(result.session)
    return Diff("session", old, new, diff_sessions(*sessions))


def _shown(value: Any) -> str:
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, float):
        return number_text(value)
    if value is None:
        return "–"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return literal(show(value, 80))


def diff_text(diff: Diff, lang: str | None = None) -> str:
    """One line per change, French or English."""
    lines = []
    if not diff.changes:
        return t("exchange.diff.same", lang=lang, old=diff.old, new=diff.new) + "\n"
    lines.append(
        t("exchange.diff.head", lang=lang, old=diff.old, new=diff.new, count=len(diff.changes))
    )
    for change in diff.changes:
        what = t(f"exchange.section.{change.section}", lang=lang)
        ident = literal(change.id)
        if change.op == "changed":
            lines.append(
                t(
                    "exchange.diff.changed" if change.id else "exchange.diff.changed_plain",
                    lang=lang,
                    what=what,
                    id=ident,
                    field=t(f"exchange.field.{change.field}", lang=lang),
                    old=_shown(change.old),
                    new=_shown(change.new),
                )
            )
        else:
            value = change.new if change.op == "added" else change.old
            lines.append(
                t(
                    f"exchange.diff.{change.op}",
                    lang=lang,
                    what=what,
                    id=ident,
                    value="" if value is None else f" ({_shown(value)})",
                )
            )
    return "\n".join(lines) + "\n"


def diff_json(diff: Diff) -> str:
    payload = {
        "kind": diff.kind,
        "old": str(diff.old),
        "new": str(diff.new),
        "equal": not diff.changes,
        "changes": [c.record() for c in diff.changes],
    }
    return json_text(payload) + "\n"
