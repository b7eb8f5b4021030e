"""Lossless edits of the stakeholder map: stakeholders and relations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sieve.errors import EditError
from sieve.model import Session
from sieve.save.layout import (
    Batch,
    append_case_table,
    array_of,
    check_id,
    check_number,
    check_text,
    find_entry,
    new_table,
    plain_number,
    remove_table,
    set_key,
)

# -- the stakeholder map -------------------------------------------------------------------

#: The kinds of tables a session writes after its stakeholders, in the format's order.
_AFTER_STAKEHOLDERS = ("relation", "portfolio", "decision")

_STAKEHOLDER_TEXT = ("name", "role", "org")
_STAKEHOLDER_LEVELS = ("power", "interest")


def _ends(session: Session) -> set[str]:
    """The ids a relation may name: the stakeholders and the scorers (see FORMAT.md)."""
    return set(session.stakeholders) | set(session.scorers)


def _stakeholder(session: Session, ident: str) -> Any:
    if ident not in session.stakeholders:
        raise EditError("edit.unknown", kind="stakeholder", id=ident)
    return session.stakeholders[ident]


def _check_role(role: str) -> str:
    from sieve.model import STAKEHOLDER_ROLES

    if role not in STAKEHOLDER_ROLES:
        raise EditError(
            "edit.choice", field="role", value=role, choices=", ".join(STAKEHOLDER_ROLES)
        )
    return role


def _check_level(value: Any, field_name: str) -> int:
    """Power or interest: an integer of 0..4."""
    from sieve.model import POWER_INTEREST_RANGE

    low, high = POWER_INTEREST_RANGE
    number = check_number(value, field_name, low, high)
    if not number.is_integer():
        raise EditError("edit.not_integer", field=field_name, value=value)
    return int(number)


def relations_of(session: Session, ident: str) -> int:
    """How many relations name ``ident`` (as ``from`` or as ``to``)."""
    return sum(1 for r in session.relations if ident in (r.source, r.target))


def add_stakeholder(
    session: Session,
    ident: str,
    name: str,
    role: str,
    org: str = "",
    power: int = 0,
    interest: int = 0,
) -> list[Path]:
    """Add a ``[[stakeholder]]`` after the last one (keys in the format's order)."""
    check_id(ident)
    if ident in session.stakeholders:
        raise EditError("edit.id_taken", kind="stakeholder", id=ident)
    check_text(name, "name")
    _check_role(role)
    if not isinstance(org, str):
        raise EditError("edit.empty", field="org")
    pairs: list[tuple[str, Any]] = [("id", ident), ("name", name), ("role", role)]
    if org:
        pairs.append(("org", org))
    pairs.append(("power", _check_level(power, "power")))
    pairs.append(("interest", _check_level(interest, "interest")))
    batch = Batch(session)
    append_case_table(
        batch.open(session.path), "stakeholder", new_table(pairs), before=_AFTER_STAKEHOLDERS
    )
    return batch.save()


def set_stakeholder(
    session: Session, ident: str, new_id: str | None = None, **fields: Any
) -> list[Path]:
    """Set a stakeholder's ``name``, ``role``, ``org``, ``power``, ``interest``; rename it.

    A new id (``new_id``) is written in every ``[[relation]]`` naming the old one and
    in the ``present`` lists of the decision journal. An empty ``org`` removes the key;
    the name can't be empty. Only the lines that change are written.
    """
    _stakeholder(session, ident)
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _STAKEHOLDER_LEVELS:
            values[name] = _check_level(value, name)
        elif name == "name":
            check_text(value, "name")
            values[name] = value
        elif name == "role":
            values[name] = _check_role(value)
        elif name == "org":
            if not isinstance(value, str):
                raise EditError("edit.empty", field="org")
            values[name] = value
        else:
            raise EditError("edit.field", field=name)
    if new_id is not None and new_id != ident:
        check_id(new_id)
        if new_id in session.stakeholders:
            raise EditError("edit.id_taken", kind="stakeholder", id=new_id)
    else:
        new_id = None
    batch = Batch(session)
    doc = batch.open(session.path)
    table = doc["stakeholder"][find_entry(doc["stakeholder"], ident)]
    for name, value in values.items():
        if name == "org" and value == "":
            if "org" in table:
                del table["org"]
        elif table.get(name) != value or name not in table:
            if name in _STAKEHOLDER_LEVELS and name not in table and value == 0:
                continue  # absent means 0 already
            set_key(table, name, value)
    if new_id is not None:
        table["id"] = new_id
        for relation in array_of(doc, "relation") or ():
            for end in ("from", "to"):
                if relation.get(end) == ident:
                    relation[end] = new_id
        for decision in array_of(doc, "decision") or ():
            present = decision.get("present")
            if isinstance(present, list) and ident in present:
                present[list(present).index(ident)] = new_id
    return batch.save()


def rename_stakeholder(session: Session, ident: str, new: str) -> list[Path]:
    """Rename a stakeholder, with the relations naming them (see :func:`set_stakeholder`)."""
    return set_stakeholder(session, ident, new_id=new)


def remove_stakeholder(session: Session, ident: str, drop_relations: bool = False) -> list[Path]:
    """Remove a ``[[stakeholder]]``.

    Relations naming them would no longer load (unless the id is also a scorer's):
    the removal is refused while some exist (see :func:`relations_of`) unless
    ``drop_relations`` is true, in which case those relations are removed too.
    """
    _stakeholder(session, ident)
    count = relations_of(session, ident)
    if count and not drop_relations:
        raise EditError("edit.has_relations", id=ident, count=count)
    batch = Batch(session)
    doc = batch.open(session.path)
    relations = array_of(doc, "relation")
    for i in reversed(range(len(relations) if relations is not None else 0)):
        if ident in (relations[i].get("from"), relations[i].get("to")):
            remove_table(doc, "relation", i)
            relations = array_of(doc, "relation")
    remove_table(doc, "stakeholder", find_entry(doc["stakeholder"], ident))
    return batch.save()


def _relation_index(doc: Any, source: str, target: str, kind: str) -> int:
    for i, table in enumerate(array_of(doc, "relation") or ()):
        if (table.get("from"), table.get("to"), table.get("kind")) == (source, target, kind):
            return i
    raise KeyError((source, target, kind))


def _check_relation(
    session: Session, source: str, target: str, kind: str, ignore: tuple[str, str, str] | None
) -> None:
    from sieve.model import RELATION_KINDS

    ends = _ends(session)
    for ident in (source, target):
        if ident not in ends:
            raise EditError("edit.unknown", kind="stakeholder", id=ident)
    if source == target:
        raise EditError("edit.self_relation", id=source)
    if kind not in RELATION_KINDS:
        raise EditError("edit.choice", field="kind", value=kind, choices=", ".join(RELATION_KINDS))
    triple = (source, target, kind)
    if triple != ignore and any((r.source, r.target, r.kind) == triple for r in session.relations):
        raise EditError("edit.relation_taken", source=source, target=target, relation=kind)


def _relation(session: Session, source: str, target: str, kind: str) -> Any:
    for r in session.relations:
        if (r.source, r.target, r.kind) == (source, target, kind):
            return r
    raise EditError("edit.unknown_relation", source=source, target=target, relation=kind)


def add_relation(
    session: Session, source: str, target: str, kind: str, weight: float = 1.0
) -> list[Path]:
    """Add a ``[[relation]]`` after the last one; ``weight`` is written when it is not 1."""
    _check_relation(session, source, target, kind, None)
    value = plain_number(check_number(weight, "weight", 0.0, None))
    pairs: list[tuple[str, Any]] = [("from", source), ("to", target), ("kind", kind)]
    if value != 1:
        pairs.append(("weight", value))
    batch = Batch(session)
    append_case_table(
        batch.open(session.path), "relation", new_table(pairs), before=_AFTER_STAKEHOLDERS[1:]
    )
    return batch.save()


def set_relation(
    session: Session,
    source: str,
    target: str,
    kind: str,
    new_source: str | None = None,
    new_target: str | None = None,
    new_kind: str | None = None,
    weight: float | None = None,
) -> list[Path]:
    """Change a relation (found by its ``from``, ``to`` and ``kind``): its ends, kind, weight.

    A weight of 1 is left unwritten when the table has none (1 is the default).
    """
    _relation(session, source, target, kind)
    wanted = (new_source or source, new_target or target, new_kind or kind)
    _check_relation(session, *wanted, ignore=(source, target, kind))
    value = None if weight is None else plain_number(check_number(weight, "weight", 0.0, None))
    batch = Batch(session)
    doc = batch.open(session.path)
    table = doc["relation"][_relation_index(doc, source, target, kind)]
    for key, old, new in zip(("from", "to", "kind"), (source, target, kind), wanted, strict=True):
        if old != new:
            table[key] = new
    if value is not None and table.get("weight", 1) != value:
        set_key(table, "weight", value)
    return batch.save()


def remove_relation(session: Session, source: str, target: str, kind: str) -> list[Path]:
    """Remove the relation ``source`` → ``target`` of ``kind``."""
    _relation(session, source, target, kind)
    batch = Batch(session)
    doc = batch.open(session.path)
    remove_table(doc, "relation", _relation_index(doc, source, target, kind))
    return batch.save()
