"""Lossless edits of the stakeholder map: stakeholders and relations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from sieve.errors import EditError
from sieve.load.bounds import WEIGHT
from sieve.model import Relation, Session
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
from sieve.save.splice import Append, Change, Edit, Expected, Put, Removal, TableSplice

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
    ids = [*session.stakeholders, ident]
    spliced = _splice(
        session,
        [Append("stakeholder", tuple(pairs), _AFTER_STAKEHOLDERS)],
        {"stakeholder": ids},
    )
    if spliced is not None:
        return spliced
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
    # the fast path knows relations and decisions, not the dated entries naming them
    dated = new_id is not None and _dated_refs(session, ident)
    spliced = None if dated else _splice_set_stakeholder(session, ident, values, new_id)
    if spliced is not None:
        return spliced
    batch = Batch(session)
    doc = batch.open(session.path)
    table = doc["stakeholder"][find_entry(doc["stakeholder"], ident)]
    _person_edit(values, new_id)(table, set_key)
    if new_id is not None:
        rename = _ends_edit(ident, new_id)
        for relation in array_of(doc, "relation") or ():
            rename(relation, set_key)
        present = _present_edit(ident, new_id)
        for decision in array_of(doc, "decision") or ():
            present(decision, set_key)
        for kind in _DATED_KINDS:
            for table in array_of(doc, kind) or ():
                if table.get("stakeholder") == ident:
                    table["stakeholder"] = new_id
    return batch.save()


#: The dated entries that name a stakeholder (``stakeholder = "id"``).
_DATED_KINDS = ("assessment", "stance")


def _dated_refs(session: Session, ident: str) -> bool:
    """Whether an ``[[assessment]]`` or a ``[[stance]]`` names ``ident``."""
    return any(a.stakeholder == ident for a in session.assessments) or any(
        s.stakeholder == ident for s in session.stances
    )


def _person_edit(values: dict[str, Any], new_id: str | None) -> Callable[[Any, Put], None]:
    """Set a stakeholder table's fields (only those that change) and maybe its id."""

    def edit(table: Any, put: Put) -> None:
        for name, value in values.items():
            if name == "org" and value == "":
                if "org" in table:
                    del table["org"]
            elif table.get(name) != value or name not in table:
                if name in _STAKEHOLDER_LEVELS and name not in table and value == 0:
                    continue  # absent means 0 already
                put(table, name, value)
        if new_id is not None:
            table["id"] = new_id

    return edit


def _ends_edit(ident: str, new_id: str) -> Callable[[Any, Put], None]:
    """Rename ``ident`` in a relation table's ``from`` and ``to``."""

    def edit(relation: Any, _put: Put) -> None:
        for end in ("from", "to"):
            if relation.get(end) == ident:
                relation[end] = new_id

    return edit


def _present_edit(ident: str, new_id: str) -> Callable[[Any, Put], None]:
    """Rename ``ident`` in a decision table's ``present`` list."""

    def edit(decision: Any, _put: Put) -> None:
        present = decision.get("present")
        if isinstance(present, list) and ident in present:
            present[list(present).index(ident)] = new_id

    return edit


def rename_stakeholder(session: Session, ident: str, new: str) -> list[Path]:
    """Rename a stakeholder, with the relations naming them (see :func:`set_stakeholder`)."""
    return set_stakeholder(session, ident, new_id=new)


def remove_stakeholder(session: Session, ident: str, drop_relations: bool = False) -> list[Path]:
    """Remove a ``[[stakeholder]]``, and their ``[[assessment]]`` and ``[[stance]]`` tables.

    Relations naming them would no longer load (unless the id is also a scorer's):
    the removal is refused while some exist (see :func:`relations_of`) unless
    ``drop_relations`` is true, in which case those relations are removed too.
    """
    _stakeholder(session, ident)
    count = relations_of(session, ident)
    if count and not drop_relations:
        raise EditError("edit.has_relations", id=ident, count=count)
    dated = _dated_refs(session, ident)
    spliced = None if dated else _splice_remove_stakeholder(session, ident)
    if spliced is not None:
        return spliced
    batch = Batch(session)
    doc = batch.open(session.path)
    if ident not in session.scorers:  # a scorer stays on the map: their entries still hold
        for kind in _DATED_KINDS:
            tables = array_of(doc, kind)
            for i in reversed(range(len(tables) if tables is not None else 0)):
                if tables[i].get("stakeholder") == ident:
                    remove_table(doc, kind, i)
                    tables = array_of(doc, kind)
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
    value = plain_number(check_number(weight, "weight", *WEIGHT))
    pairs: list[tuple[str, Any]] = [("from", source), ("to", target), ("kind", kind)]
    if value != 1:
        pairs.append(("weight", value))
    relations = [*session.relations, Relation(source, target, kind, float(value))]
    spliced = _splice(
        session,
        [Append("relation", tuple(pairs), _AFTER_STAKEHOLDERS[1:])],
        {"relation": relations},
    )
    if spliced is not None:
        return spliced
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
    value = None if weight is None else plain_number(check_number(weight, "weight", *WEIGHT))
    edit = _relation_edit((source, target, kind), wanted, value)
    at = session.relations.index(_relation(session, source, target, kind))
    relations = list(session.relations)
    relations[at] = Relation(*wanted, relations[at].weight if value is None else float(value))
    spliced = _splice(session, [Change("relation", at, edit)], {"relation": relations})
    if spliced is not None:
        return spliced
    batch = Batch(session)
    doc = batch.open(session.path)
    edit(doc["relation"][_relation_index(doc, source, target, kind)], set_key)
    return batch.save()


def _relation_edit(
    old: tuple[str, str, str], wanted: tuple[str, str, str], weight: float | None
) -> Callable[[Any, Put], None]:
    """Set a relation table's ends and kind (those that change) and its weight."""

    def edit(table: Any, put: Put) -> None:
        for key, before, after in zip(("from", "to", "kind"), old, wanted, strict=True):
            if before != after:
                table[key] = after
        if weight is not None and table.get("weight", 1) != weight:
            put(table, "weight", weight)

    return edit


def remove_relation(session: Session, source: str, target: str, kind: str) -> list[Path]:
    """Remove the relation ``source`` → ``target`` of ``kind``."""
    at = session.relations.index(_relation(session, source, target, kind))
    spliced = _splice(
        session,
        [Removal("relation", (at,))],
        {"relation": session.relations[:at] + session.relations[at + 1 :]},
    )
    if spliced is not None:
        return spliced
    batch = Batch(session)
    doc = batch.open(session.path)
    remove_table(doc, "relation", _relation_index(doc, source, target, kind))
    return batch.save()


# -- the fast path: a splice of the few tables an edit changes ------------------------------


def _splice(
    session: Session, edits: Iterable[Edit], after: dict[str, Sequence[Any]]
) -> list[Path] | None:
    """Make ``edits`` by :class:`TableSplice`; ``None``: use the general edit instead.

    ``after`` gives, for each kind edited, what the model should hold after the
    edit (see :func:`_records`); the model gives what it holds now.
    """
    splice = TableSplice(session.path, session.digests.get(session.path))
    expected = {
        kind: Expected(_TABLE_IDENTITY[kind], _records(session, kind), records, _RECORD[kind])
        for kind, records in after.items()
    }
    text = splice.edit(edits, expected)
    return None if text is None else splice.save(text)


_triple_of = attrgetter("source", "target", "kind")

#: How a table and a record of the model are matched: by id, or a relation's triple.
_TABLE_IDENTITY = {
    "stakeholder": itemgetter("id"),
    "relation": itemgetter("from", "to", "kind"),
    "decision": itemgetter("id"),
}
_RECORD: dict[str, Callable[[Any], Any]] = {
    "stakeholder": str,
    "relation": _triple_of,
    "decision": str,
}


def _records(session: Session, kind: str) -> Sequence[Any]:
    """The model's records of ``kind`` in the file's order: stakeholder and decision ids, the
    relations."""
    if kind == "stakeholder":
        return list(session.stakeholders)
    if kind == "relation":
        return session.relations
    return [decision.id for decision in session.decisions]


def _splice_set_stakeholder(
    session: Session, ident: str, values: dict[str, Any], new_id: str | None
) -> list[Path] | None:
    ids = list(session.stakeholders)
    edits: list[Edit] = [Change("stakeholder", ids.index(ident), _person_edit(values, new_id))]
    after: dict[str, Sequence[Any]] = {}
    if new_id is not None:
        rename = _ends_edit(ident, new_id)
        relations = list(session.relations)
        for i, r in enumerate(relations):
            if ident in (r.source, r.target):
                edits.append(Change("relation", i, rename))
                relations[i] = replace(
                    r,
                    source=new_id if r.source == ident else r.source,
                    target=new_id if r.target == ident else r.target,
                )
        present = _present_edit(ident, new_id)
        for i, decision in enumerate(session.decisions):
            if ident in decision.present:
                edits.append(Change("decision", i, present))
        after["relation"] = relations
        after["decision"] = _records(session, "decision")
        ids = [new_id if i == ident else i for i in ids]
    after["stakeholder"] = ids
    return _splice(session, edits, after)


def _splice_remove_stakeholder(session: Session, ident: str) -> list[Path] | None:
    """Remove the relations naming ``ident`` (last first), then the stakeholder."""
    ids = list(session.stakeholders)
    tied = [i for i, r in enumerate(session.relations) if ident in (r.source, r.target)]
    edits: list[Edit] = [Removal("relation", tuple(tied))] if tied else []
    edits.append(Removal("stakeholder", (ids.index(ident),)))
    relations = [r for r in session.relations if ident not in (r.source, r.target)]
    return _splice(
        session, edits, {"stakeholder": [i for i in ids if i != ident], "relation": relations}
    )
