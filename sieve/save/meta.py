"""Lossless edits of a session's header (title, city, date) and of its scorers.

A scorer is renamed by name only: the id stays, so the score files and tables
(``[scores.<id>]``) that hold their levels need no change. Removing a scorer who
has levels or notes is refused unless ``drop_scores``; then their tables go from
every file. A scorer tied by a relation on the stakeholder map is not removed (the
relation would name nobody).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from sieve.errors import EditError
from sieve.load import bounds
from sieve.model import Session
from sieve.save.layout import (
    Batch,
    References,
    append_case_table,
    check_id,
    check_text,
    find_entry,
    new_table,
    remove_table,
    set_key,
)
from sieve.text import free_id

#: The kinds of tables a session writes after its scorers, in the format's order.
_AFTER_SCORERS = ("scores", "notes", "stakeholder", "relation", "portfolio", "decision")


def set_session(
    session: Session,
    title: str | None = None,
    city: str | None = None,
    date: _dt.date | None = None,
) -> list[Path]:
    """Change the session's title, city or date (``None``: left as it is)."""
    batch = Batch(session)
    head = batch.open(session.path)["session"]
    if title is not None:
        check_text(title, "title")
        set_key(head, "title", title)
    if city is not None:
        set_key(head, "city", city)
    if date is not None:
        if not bounds.DATE_LOW <= date <= bounds.DATE_HIGH:
            raise EditError("edit.date_range", low=bounds.DATE_LOW, high=bounds.DATE_HIGH)
        set_key(head, "date", date)
    return batch.save()


def scorer_id(session: Session, name: str) -> str:
    """The id a new scorer called ``name`` gets: the name's slug, made unique with -2, -3..."""
    return free_id(name, set(session.scorers) | set(session.people), "personne")


def add_scorer(session: Session, name: str, ident: str | None = None, role: str = "") -> list[Path]:
    """Add a scorer after the last one (the id derived from the name unless given)."""
    check_text(name, "name")
    ident = ident or scorer_id(session, name)
    check_id(ident)
    if ident in session.scorers:
        raise EditError("edit.id_taken", kind="scorer", id=ident)
    pairs: list[tuple[str, Any]] = [("id", ident), ("name", name)]
    if role:
        pairs.append(("role", role))
    batch = Batch(session)
    append_case_table(batch.open(session.path), "scorer", new_table(pairs), before=_AFTER_SCORERS)
    return batch.save()


def _scorer_table(batch: Batch, session: Session, ident: str) -> Any:
    if ident not in session.scorers:
        raise EditError("edit.unknown", kind="scorer", id=ident)
    aot = batch.open(session.path)["scorer"]
    return aot[find_entry(aot, ident)]


def rename_scorer(session: Session, ident: str, name: str) -> list[Path]:
    """Give a scorer another name; the id, and so their levels, stay."""
    check_text(name, "name")
    batch = Batch(session)
    set_key(_scorer_table(batch, session, ident), "name", name)
    return batch.save()


def scorer_references(session: Session, ident: str) -> References:
    """How many levels and notes a scorer has given, across the session's files."""
    if ident not in session.scorers:
        raise EditError("edit.unknown", kind="scorer", id=ident)
    scores = sum(len(row) for row in session.scores.get(ident, {}).values())
    return References(scores, len(session.notes.get(ident, {})))


def remove_scorer(session: Session, ident: str, drop_scores: bool = False) -> list[Path]:
    """Remove a scorer; with ``drop_scores``, their ``[scores.<id>]`` and ``[notes.<id>]`` too."""
    refs = scorer_references(session, ident)
    if refs.total and not drop_scores:
        raise EditError(
            "edit.has_refs", kind="scorer", id=ident, scores=refs.scores, notes=refs.notes
        )
    if ident not in session.stakeholders and any(
        ident in (r.source, r.target) for r in session.relations
    ):
        raise EditError("edit.scorer_related", id=ident)
    batch = Batch(session)
    doc = batch.open(session.path)
    remove_table(doc, "scorer", find_entry(doc["scorer"], ident))
    origins = (session.score_origin.get(ident, ()), session.note_origin.get(ident, ()))
    for section, sources in zip(("scores", "notes"), origins, strict=True):
        for path, _rows in sources:
            tables = batch.open(Path(path)).get(section)
            if tables is not None and ident in tables:
                del tables[ident]
                if not len(tables):
                    del batch.open(Path(path))[section]
    return batch.save()
