"""Writing the decision journal: record a decision with what the sieve said, then its review."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path

from sieve.engine.evaluate import evaluate
from sieve.errors import EditError
from sieve.model import OUTCOME_TOP, Session
from sieve.save.document import TomlDocument


def next_id(session: Session, date: _dt.date) -> str:
    """A fresh decision id: ``decision-YYYY-MM-DD`` (with ``-2``, ``-3``... if taken)."""
    taken = {d.id for d in session.decisions}
    base = f"decision-{date.isoformat()}"
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def record_decision(
    session: Session,
    cases: Sequence[str],
    rationale: str,
    present: Sequence[str] = (),
    date: _dt.date | None = None,
    ident: str | None = None,
) -> tuple[str, Path]:
    """Append a ``[[decision]]`` to the session file; return its id and the file.

    Raises:
        EditError: an unknown case or person, a case given twice, no case, an
            empty rationale, or an id already used.
    """
    import tomlkit

    from sieve.model import ID_PATTERN

    if not cases:
        raise EditError("decide.no_cases")
    if not rationale.strip():
        raise EditError("decide.no_rationale")
    if len(set(cases)) != len(cases):
        raise EditError("decide.twice")
    for key in cases:
        try:
            session.case(key)
        except KeyError:
            raise EditError("edit.unknown", kind="case", id=key) from None
    people = set(session.scorers) | set(session.stakeholders)
    for who in present:
        if who not in people:
            raise EditError("decide.unknown_person", id=who)
    date = date or _dt.date.today()
    ident = ident or next_id(session, date)
    if not ID_PATTERN.match(ident):
        raise EditError("decide.bad_id", id=ident)
    if any(d.id == ident for d in session.decisions):
        raise EditError("decide.id_taken", id=ident)

    table = tomlkit.table()
    table.add("id", ident)
    table.add("date", date)
    table.add("cases", _array(cases))
    table.add("rationale", rationale)
    table.add("present", _array(present))
    table.add("tamis", session.tamis.id)
    table.add("tamis_version", session.tamis.version)
    table.add("case", _snapshots(session, cases))

    doc = TomlDocument(session.path, session.digests.get(session.path))
    existing = doc.doc.get("decision")
    if existing is not None:
        if not existing[-1].as_string().endswith("\n\n"):
            table.trivia.indent = "\n"  # a blank line before the new [[decision]] header
        existing.append(table)
    else:
        text = doc.doc.as_string()
        if text and not text.endswith("\n\n"):
            doc.doc.add(tomlkit.nl())
        journal = tomlkit.aot()
        journal.append(table)
        doc.doc.append("decision", journal)
    doc.save()
    return ident, session.path


def _snapshots(session: Session, cases: Sequence[str]):
    """What the sieve, and the vote when there is one, say about each chosen case now."""
    import tomlkit

    from sieve.engine.vote import count_vote

    evaluation = evaluate(session)
    vote = count_vote(session, [r.key for r in evaluation.passing])
    voted = {line.case: line for line in vote.lines} if vote is not None else {}
    snapshots = tomlkit.aot()
    for key in cases:
        r = evaluation.result(key)
        snap = tomlkit.table()
        snap.add("case", key)
        if r.score is not None:
            snap.add("score", round(r.score, 6))
        if r.rank is not None:
            snap.add("rank", r.rank)
        snap.add("flags", _array(r.flags))
        snap.add("disputed", _array(r.disputed))
        line = voted.get(key)
        if vote is not None and line is not None and line.majority is not None:
            snap.add("vote_rank", line.rank)
            snap.add("vote_mention", vote.scale.levels[line.majority])
        snapshots.append(snap)
    return snapshots


def _array(values: Sequence[str]):
    import tomlkit

    array = tomlkit.array()
    array.extend(values)
    return array


def record_review(
    session: Session,
    decision: str,
    case: str,
    level: int,
    note: str = "",
    date: _dt.date | None = None,
) -> Path:
    """Write how a chosen case went (``level`` 0 to OUTCOME_TOP, a note) into its decision."""
    found = [d for d in session.decisions if d.id == decision]
    if not found:
        known = ", ".join(d.id for d in session.decisions) or "-"
        raise EditError("review.unknown_decision", id=decision, known=known)
    position = session.decisions.index(found[0])
    keys = [s.case for s in found[0].snapshots]
    if case not in keys:
        raise EditError("review.unknown_case", case=case, decision=decision, known=", ".join(keys))
    if type(level) is not int or not 0 <= level <= OUTCOME_TOP:
        raise EditError("review.level", level=level, top=OUTCOME_TOP)
    doc = TomlDocument(session.path, session.digests.get(session.path))
    snap = doc.doc["decision"][position]["case"][keys.index(case)]
    snap["outcome"] = level
    if note:
        snap["outcome_note"] = note
    elif "outcome_note" in snap:
        del snap["outcome_note"]
    snap["reviewed"] = date or _dt.date.today()
    doc.save()
    return session.path


#: What a ``[[round]]`` of the journal records: a room's scoring round opened, closed, revealed.
ROUND_EVENTS = ("opened", "closed", "revealed")


def record_round(
    session: Session, event: str, scorers: Sequence[str] = (), when: _dt.datetime | None = None
) -> list[Path]:
    """Append a ``[[round]]`` table to the session file: ``event``, ``at`` (local time, to the
    second) and the ``scorers`` who had joined the room; return the files written."""
    from sieve.save.layout import Batch, append_case_table, new_table

    if event not in ROUND_EVENTS:
        raise ValueError(event)
    when = (when or _dt.datetime.now()).replace(microsecond=0, tzinfo=None)
    pairs: list[tuple[str, object]] = [("event", event), ("at", when)]
    if scorers:
        pairs.append(("scorers", _array(scorers)))
    batch = Batch(session)
    append_case_table(batch.open(session.path), "round", new_table(pairs), before=())
    return batch.save()
