"""Writing weights and how they were obtained (``[weighting]``) into a tamis, losslessly.

The weights go into the existing ``weight`` keys of the score criteria (each in place, its
comment kept); the ``[weighting]`` record replaces the former one (it describes the weights
written now) or is appended at the end of the file. Every other byte of the file is kept,
and the result is checked to be a valid tamis before anything is written.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.errors import EditError
from sieve.load.bounds import WEIGHT
from sieve.model import WEIGHTING_METHODS, Session
from sieve.save.document import TomlDocument
from sieve.save.layout import Batch, check_number, find_entry, plain_number, set_key

#: Digits kept for a weight written by a weighting method (they are normalised anyway).
DIGITS = 4


@dataclass(frozen=True, slots=True)
class WeightingRecord:
    """What ``[weighting]`` records: the method and what the room said."""

    method: str
    order: tuple[str, ...] = ()
    judgments: dict[str, tuple[tuple[str, str, float], ...]] = field(default_factory=dict)
    """Per person: ``(first, second, value)``, first counting value times as much."""
    participants: tuple[str, ...] = ()
    cr: float | None = None
    random_index: str = ""
    """The name of the random index table the CR was computed with."""
    date: _dt.date | None = None


def _rounded(value: float) -> int | float:
    return plain_number(round(float(value), DIGITS))


def _section(record: WeightingRecord) -> str:
    """The ``[weighting]`` section as TOML text."""
    import tomlkit

    if record.method not in WEIGHTING_METHODS:
        raise EditError(
            "edit.choice", field="method", value=record.method, choices=", ".join(WEIGHTING_METHODS)
        )
    table = tomlkit.table()
    table.add("method", record.method)
    if record.participants:
        table.add("participants", list(record.participants))
    if record.date is not None:
        table.add("date", record.date)
    if record.order:
        table.add("order", list(record.order))
    if record.cr is not None:
        table.add("cr", _rounded(record.cr))
    if record.random_index:
        table.add("random_index", record.random_index)
    if record.judgments:
        people = tomlkit.table(is_super_table=True)
        for person, pairs in record.judgments.items():
            rows = tomlkit.table()
            for first, second, value in pairs:
                rows.add(f"{first}/{second}", plain_number(round(float(value), 6)))
            people.add(person, rows)
        table.add("judgments", people)
    doc = tomlkit.document()
    doc.add("weighting", table)
    return doc.as_string()


def _edit(doc: Any, weights: dict[str, float], record: WeightingRecord) -> Any:
    """Set the weights in ``doc`` and put the record at its end; return the new document."""
    import tomlkit

    for criterion, weight in weights.items():
        value = _rounded(check_number(weight, "weight", *WEIGHT))
        table = doc["criterion"][find_entry(doc["criterion"], criterion)]
        if table.get("weight") != value:
            set_key(table, "weight", value)
    if "weighting" in doc:
        del doc["weighting"]
    text = doc.as_string().rstrip("\n")
    return tomlkit.parse(f"{text}\n\n{_section(record)}" if text else _section(record))


def _check_weights(criteria: dict[str, Any], weights: dict[str, float]) -> None:
    for criterion in weights:
        crit = criteria.get(criterion)
        if crit is None:
            raise EditError("edit.unknown", kind="criterion", id=criterion)
        if crit.is_gate:
            raise EditError("edit.not_score", criterion=criterion)


def save_weighting(
    session: Session, weights: dict[str, float], record: WeightingRecord
) -> list[Path]:
    """Write the weights and the ``[weighting]`` record into the session's tamis."""
    _check_weights(session.tamis.by_id, weights)
    batch = Batch(session)
    path = Path(session.tamis.path)
    batch.open(path)
    document = batch.docs[path]
    document.doc = _edit(document.doc, weights, record)
    from sieve.save.adopt import check_tamis_text

    check_tamis_text(path, document.text())
    return batch.save()


def write_weighting(
    path: Path, weights: dict[str, float], record: WeightingRecord, expected: str | None = None
) -> bool:
    """Write the weights and the record into the tamis at ``path`` (the command line).

    ``expected``: the digest of the bytes read, refusing a file changed since.
    Returns whether the file changed.
    """
    from sieve.load.tamis import load_tamis
    from sieve.save.adopt import check_tamis_text

    tamis, problems = load_tamis(Path(path))
    if tamis is None:
        from sieve.errors import SieveError

        raise SieveError([p for p in problems if p.is_error])
    _check_weights(tamis.by_id, weights)
    document = TomlDocument(Path(path), expected)
    document.doc = _edit(document.doc, weights, record)
    check_tamis_text(Path(path), document.text())
    return document.save()
