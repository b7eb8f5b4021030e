"""The three-way merge of sieve files for git (`sieve merge-driver`), table by table."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from sieve.save.trivia import (
    add_key,
    blank_line,
    pop_tail,
    push_tail,
    strip_tail,
    table_body,
    tail_start,
    unwrap,
)

# -- three-way merge ------------------------------------------------------------------

#: How the entries of an array of tables are matched between versions, by the array's
#: path (the brackets naming an entry dropped); any other array: by ``id``. These are the
#: keys the loader holds unique (docs/format.md, sieve/load/plan.py).
_AOT_KEYS = {
    "relation": ("from", "to", "kind"),
    "portfolio.case": ("case",),
    "portfolio.session": ("number",),
    "decision.case": ("case",),
}

#: The key that matches entries when the usual one is not unique in some version: an
#: angle id is unique within its subject only, so two subjects' ``immersion`` angles are
#: told apart by their subject. Files whose angle ids are all distinct keep being matched
#: by ``id`` alone, so that a subject renamed on one side still meets its angles.
_AOT_WIDER_KEYS = {
    "angle": ("subject", "id"),
}

_MISSING = object()


class Unmarkable(ValueError):
    """A conflict that no line of the merged text can show (see :func:`merge_texts`)."""


@dataclass
class Conflict:
    """The same thing changed two ways (None: absent on that side)."""

    path: str
    base: Any
    ours: Any
    theirs: Any


@dataclass
class _MergeState:
    conflicts: list[Conflict] = field(default_factory=list)
    markers: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Sentinel comment -> (ours text, theirs text) to turn into conflict markers."""


def _aot_fields(path: str, versions: list[Any]) -> tuple[str, ...]:
    """The fields that match the entries of the array of tables at ``path`` in ``versions``."""
    bare = re.sub(r"\[[^\]]*\]", "", path)
    fields = _AOT_KEYS.get(bare, ("id",))
    wider = _AOT_WIDER_KEYS.get(bare)
    if wider is not None and not all(_is_keyed_aot(fields, v) for v in versions):
        return wider
    return fields


def _element_key(fields: tuple[str, ...], table: Any) -> tuple[str, ...] | None:
    """The key of an entry of an array of tables, matched by ``fields`` (None: it has none)."""
    if not hasattr(table, "get"):
        return None
    values = tuple(unwrap(table.get(f)) for f in fields)
    if any(isinstance(v, bool) or not isinstance(v, str | int) for v in values):
        return None
    return tuple(str(v) for v in values)


def _get(container: Any, key: str) -> Any:
    """The tomlkit item under ``key`` (``get`` hands booleans out as bare ``bool``)."""
    from tomlkit.container import Container

    if key not in container:
        return _MISSING
    if _is_proxy(container):
        container = container._internal_container
    elif not isinstance(container, Container):
        container = container.value
    return container.item(key)


def _is_table(item: Any) -> bool:
    from tomlkit.container import OutOfOrderTableProxy
    from tomlkit.items import InlineTable, Table

    return isinstance(item, Table | InlineTable | OutOfOrderTableProxy) or (
        hasattr(item, "body") and not hasattr(item, "trivia")
    )


def _is_proxy(item: Any) -> bool:
    """A table written in several parts (``[scores.a]``, ``[notes.a]``, ``[scores.b]``)."""
    from tomlkit.container import OutOfOrderTableProxy

    return isinstance(item, OutOfOrderTableProxy)


def _text(item: Any) -> str:
    if _is_proxy(item):
        return "".join(part.as_string() for part in item._tables)
    return item.as_string()


def _holder(container: Any, key: str) -> Any:
    """The part of a table written in several parts that holds ``key``."""
    if not _is_proxy(container):
        return container
    return next((part for part in container._tables if key in part), container._tables[-1])


def _is_keyed_aot(fields: tuple[str, ...], item: Any) -> bool:
    from tomlkit.items import AoT

    if not isinstance(item, AoT):
        return False
    keys = [_element_key(fields, tbl) for tbl in item]
    return all(k is not None for k in keys) and len(set(keys)) == len(keys)


def _render(key: str, item: Any, written: str | None = None) -> str:
    """A ``key = value`` line as the item is written (inline tables stay inline)."""
    import tomlkit
    from tomlkit.items import AoT, Table

    if isinstance(item, Table | AoT) or _is_proxy(item):
        doc = tomlkit.document()
        doc[key] = unwrap(item)
        return doc.as_string().strip()
    text = f"{written or tomlkit.key(key).as_string()} = {item.as_string()}"
    trivia = getattr(item, "trivia", None)
    if trivia is not None and trivia.comment and "sieve-conflict-" not in trivia.comment:
        text += trivia.comment_ws + trivia.comment
    return text


def _conflict(
    state: _MergeState,
    container: Any,
    key: str,
    path: str,
    values: tuple[Any, Any, Any],
    owner: tuple[Any, str, Any] | None = None,
) -> None:
    """Record a conflict and mark the ours line so that it gets conflict markers.

    Inside an inline table (a score row), the whole line is marked: ``owner`` is
    (the container of the line, its key, theirs' version of the line).
    """
    import tomlkit

    base, ours, theirs = values
    state.conflicts.append(Conflict(path, *(None if v is _MISSING else unwrap(v) for v in values)))
    if owner is not None:
        container, key, theirs = owner
        ours = _get(container, key)
    container = _holder(container, key)
    sentinel = f"sieve-conflict-{len(state.conflicts)}"
    written = next(
        (k.as_string().strip() for k, _v in table_body(container) if k and k.key == key), None
    )
    ours_text = _render(key, ours, written) if ours is not _MISSING else ""
    theirs_text = _render(key, theirs, written) if theirs is not _MISSING else ""
    if ours is not _MISSING and hasattr(ours, "trivia"):
        item = _get(container, key)
        previous = item.trivia.comment
        mark = re.search(r"# (sieve-conflict-\d+)$", previous)
        if mark:
            state.markers[mark.group(1)] = (ours_text, theirs_text)
            return
        if previous:
            item.trivia.comment = f"{previous}  # {sentinel}"
        else:
            item.trivia.comment_ws = "  "
            item.trivia.comment = f"# {sentinel}"
    else:
        table_body(container).append((None, tomlkit.comment(sentinel)))
    state.markers[sentinel] = (ours_text, theirs_text)


def _merge_tables(
    base: Any,
    ours: Any,
    theirs: Any,
    path: str,
    state: _MergeState,
    owner: tuple[Any, str, Any] | None = None,
) -> None:
    """Apply to ``ours`` (edited in place) what ``theirs`` changed from ``base``."""
    from tomlkit.items import InlineTable

    keys = list(dict.fromkeys([*ours.keys(), *theirs.keys(), *(base.keys() if base else ())]))
    for key in keys:
        b = _get(base, key) if base is not None else _MISSING
        o = _get(ours, key)
        th = _get(theirs, key)
        where = f"{path}.{key}" if path else key
        vb, vo, vt = (unwrap(x) if x is not _MISSING else _MISSING for x in (b, o, th))
        if vo == vt and (o is _MISSING or th is _MISSING or _text(o) == _text(th)):
            continue
        if vt == vb and (th is _MISSING or b is _MISSING or _text(th) == _text(b)):
            continue  # theirs did not touch it
        if o is not _MISSING and th is not _MISSING:
            if _is_table(o) and _is_table(th) and (b is _MISSING or _is_table(b)):
                if vo == vb and b is not _MISSING and _text(o) == _text(b):
                    _take(ours, key, th, theirs)
                else:
                    inline = isinstance(o, InlineTable)
                    before = unwrap(o)
                    inner = (ours, key, th) if inline else owner
                    _merge_tables(None if b is _MISSING else b, o, th, where, state, inner)
                    if inline and owner is None and unwrap(o) != before:
                        _reformat_inline(_holder(ours, key), key)
                continue
            versions = [x for x in (b, o, th) if x is not _MISSING]
            fields = _aot_fields(where, versions)
            if all(_is_keyed_aot(fields, x) for x in versions):
                _merge_aot(None if b is _MISSING else b, o, th, where, fields, state)
                continue
            if _same_length_aots(versions) and len(versions) == 3:
                _merge_aot_by_position(b, o, th, where, state)
                continue
        if vo == vb:
            # only theirs changed the value: take theirs (with its comment, if any)
            if th is _MISSING:
                del ours[key]
            else:
                _take(ours, key, th, theirs)
            continue
        if vt == vb or vo == vt:
            continue  # theirs changed only a comment, or both made the same change
        _conflict(state, ours, key, where, (b, o, th), owner)
    if owner is None and base is not None and not any(map(_is_proxy, (base, ours, theirs))):
        _merge_head(base, ours, theirs)
        _merge_tail(base, ours, theirs)


def _head_end(table: Any) -> int:
    """Where a table's first key is (its leading comments come before)."""
    body = table_body(table)
    return next((i for i, (k, _v) in enumerate(body) if k is not None), 0)


def _merge_head(base: Any, ours: Any, theirs: Any) -> None:
    """Bring in theirs' comments before a table's first key when ours kept base's."""
    texts = [
        "".join(item.as_string() for _k, item in table_body(table)[: _head_end(table)])
        for table in (base, ours, theirs)
    ]
    if texts[1] == texts[0] and texts[2] != texts[0]:
        head = copy.deepcopy(table_body(theirs)[: _head_end(theirs)])
        body = table_body(ours)
        del body[: _head_end(ours)]
        body[:0] = head
        _reindex(ours)


def _reindex(container: Any) -> None:
    """Rebuild tomlkit's key -> position map after items were moved in a body."""
    from tomlkit.container import Container

    if not isinstance(container, Container):
        container = container.value
    container._map = {}
    for i, (key, _item) in enumerate(container.body):
        if key is None:
            continue
        known = container._map.get(key)
        if known is None:
            container._map[key] = i
        else:
            container._map[key] = (*(known if isinstance(known, tuple) else (known,)), i)


def _merge_tail(base: Any, ours: Any, theirs: Any) -> None:
    """Bring in theirs' comments after a table's last key when ours kept base's.

    These comments usually introduce the next section (tomlkit files them under
    the table before), so a city adding one must not lose it in a merge.
    """
    texts = []
    for table in (base, ours, theirs):
        body = table_body(table)
        texts.append("".join(item.as_string() for _k, item in body[tail_start(table) :]))
    if texts[1] == texts[0] and texts[2] != texts[0]:
        body = table_body(theirs)
        tail = copy.deepcopy(body[tail_start(theirs) :])
        pop_tail(ours)
        push_tail(ours, tail)


def _reformat_inline(container: Any, key: str) -> None:
    """Write a merged inline table (a score line) as sieve writes it: ``{ a = 1, b = 2 }``."""
    old = container[key]
    # each value as written (a date, a nested inline table, a quoted key stay as they are)
    inner = ", ".join(
        f"{k.as_string().strip()} = {v.as_string().strip()}"
        for k, v in old.value.body
        if k is not None
    )
    _key, item = _parse_line(f"x = {{ {inner} }}" if inner else "x = {}")
    item.trivia.comment_ws = old.trivia.comment_ws
    item.trivia.comment = old.trivia.comment
    container[key] = item


def _parse_line(text: str) -> tuple[Any, Any]:
    from sieve.save.document import parsed_line

    return parsed_line(text)


def _take(container: Any, key: str, item: Any, source: Any = None) -> None:
    """Put theirs' ``item`` under ``key`` in ours (written as in ``source``, theirs)."""
    from tomlkit.items import AoT, Table

    item = copy.deepcopy(item)
    if key in container:
        container[key] = item
        return
    written = key
    if source is not None:
        part = _holder(source, key)
        written = next((k for k, _v in table_body(part) if k is not None and k.key == key), key)
    if _is_proxy(container):
        container[written] = item
    elif isinstance(item, Table | AoT):
        container.append(written, item)
    else:
        add_key(container, written, item)


def _merge_aot(
    base: Any, ours: Any, theirs: Any, path: str, fields: tuple[str, ...], state: _MergeState
) -> None:
    """Merge arrays of tables element by element, matched by their key (not position)."""
    by = {}
    for label, aot in (("base", base), ("ours", ours), ("theirs", theirs)):
        by[label] = {} if aot is None else {_element_key(fields, tbl): tbl for tbl in aot}
    index = {k: i for i, k in enumerate(by["ours"])}
    removed: list[Any] = []
    for key, th in by["theirs"].items():
        ident = "/".join(key)
        where = f"{path}[{ident}]"
        b = by["base"].get(key)
        o = by["ours"].get(key)
        if o is None:
            if b is None:
                continue  # added by theirs: appended below
            if th.as_string() != b.as_string():
                _conflict_element(state, ours, where, b, None, th)
            continue  # deleted by ours, untouched by theirs
        if b is not None and o.as_string() == b.as_string():
            if th.as_string() != b.as_string():
                _replace_element(ours, index[key], th)
            continue
        _merge_tables(b if b is not None else _empty(), o, th, where, state)
    for key, b in by["base"].items():
        if key in by["theirs"] or key not in by["ours"]:
            continue
        o = by["ours"][key]
        if o.as_string() == b.as_string():
            removed.append(key)
        else:
            _conflict_element(state, ours, f"{path}[{'/'.join(key)}]", b, o, None)
    added = [
        th for key, th in by["theirs"].items() if key not in by["ours"] and key not in by["base"]
    ]
    for key in removed:
        _remove_element(ours, key, fields)
    if added:
        tail = pop_tail(ours[-1]) if len(ours) else []
        for table in added:
            copied = copy.deepcopy(table)
            strip_tail(copied)
            if len(ours):
                blank_line(ours[-1])
            ours.append(copied)
        if tail:
            blank_line(ours[-1])
            push_tail(ours[-1], tail)


def _same_length_aots(versions: list[Any]) -> bool:
    from tomlkit.items import AoT

    return all(isinstance(v, AoT) for v in versions) and len({len(v) for v in versions}) == 1


def _merge_aot_by_position(base: Any, ours: Any, theirs: Any, path: str, state: _MergeState):
    """Merge keyless arrays of tables (``[[assessment]]``, ``[[stance]]``...) entry by entry
    when neither side added or removed one: the n-th entry is then the same entry on every
    side, and two sides changing different fields of it merge like any table."""
    for i, (b, o, th) in enumerate(zip(base, ours, theirs, strict=True)):
        if th.as_string() == b.as_string():
            continue  # theirs did not touch it
        if o.as_string() == b.as_string():
            _replace_element(ours, i, th)
            continue
        _merge_tables(b, o, th, f"{path}[{i}]", state)


def _empty() -> Any:
    import tomlkit

    return tomlkit.table()


def _replace_element(aot: Any, index: int, table: Any) -> None:
    """Put theirs' version of an element (with its comments) at the same place."""
    copied = copy.deepcopy(table)
    old = aot[index]
    tail = pop_tail(old)
    strip_tail(copied)
    trailing_ws = old.as_string().endswith("\n\n")
    if trailing_ws:
        blank_line(copied)
    push_tail(copied, tail)
    aot[index] = copied


def _remove_element(aot: Any, key: Any, fields: tuple[str, ...]) -> None:
    for i, table in enumerate(aot):
        if _element_key(fields, table) == key:
            tail = pop_tail(table)
            del aot[i]
            if tail and len(aot):
                target = aot[i - 1] if i > 0 else aot[0]
                push_tail(target, tail)
            return


def _conflict_element(
    state: _MergeState, aot: Any, path: str, base: Any, ours: Any, theirs: Any
) -> None:
    """An element changed on one side and deleted on the other: keep it, mark it."""
    state.conflicts.append(
        Conflict(
            path,
            unwrap(base),
            None if ours is None else unwrap(ours),
            None if theirs is None else unwrap(theirs),
        )
    )
    sentinel = f"sieve-conflict-{len(state.conflicts)}"
    kept = ours if ours is not None else copy.deepcopy(theirs)
    if ours is None:
        strip_tail(kept)
        if len(aot):
            blank_line(aot[-1])
        aot.append(kept)
        blank_line(kept)
    kept.trivia.comment_ws = "  "
    kept.trivia.comment = f"# {sentinel}"
    state.markers[sentinel] = (_ELEMENT, "") if ours is not None else ("", _ELEMENT)


@dataclass
class MergeResult:
    """The merged text and the conflicts (none: a clean merge)."""

    text: str
    conflicts: list[Conflict]


def merge_texts(base: str, ours: str, theirs: str) -> MergeResult:
    """Three-way merge of three TOML texts at the level of tables and keys.

    ``ours`` is edited in place: its comments and layout are kept; what ``theirs``
    changed from ``base`` is brought in with theirs' comments. The same key changed
    two ways is a conflict, written between git conflict markers.
    Raises ``ValueError`` when a text is not TOML, or when a conflict cannot be marked
    in the text (the same array of tables changed two ways, its entries keyless): a
    conflict is never reported that the text does not show.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        docs = [tomlkit.parse(text) for text in (base, ours, theirs)]
    except TOMLKitError as exc:
        raise ValueError(str(exc)) from None
    for doc, text in zip(docs, (base, ours, theirs), strict=True):
        if doc.as_string() != text:  # e.g. [[x]] tables split by other tables
            raise ValueError("tomlkit cannot keep this file byte for byte")
    state = _MergeState()
    _merge_tables(docs[0], docs[1], docs[2], "", state)
    text = docs[1].as_string()
    if state.conflicts:
        text, found = _apply_markers(text, state.markers)
        if found != set(state.markers):
            raise Unmarkable("a conflict cannot be marked in the file")
    return MergeResult(text, state.conflicts)


_ELEMENT = "\0element"
"""Marker of a whole ``[[…]]`` element changed on one side and deleted on the other."""


def _apply_markers(text: str, markers: dict[str, tuple[str, str]]) -> tuple[str, set[str]]:
    """Turn the sentinel comments left on conflicting lines into git conflict markers.

    Returns the text and the sentinels found (a sentinel on no line marks nothing).
    """
    lines = text.split("\n")
    out: list[str] = []
    used: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        found = next((s for s in markers if line.rstrip().endswith(f"# {s}")), None)
        if found is None:
            out.append(line)
            continue
        used.add(found)
        clean = line[: line.rfind(f"# {found}")].rstrip()
        ours_text, theirs_text = markers[found]
        if _ELEMENT in (ours_text, theirs_text):
            block = [clean]
            while i < len(lines) and not lines[i].startswith("["):
                block.append(lines[i])
                i += 1
            end = len(block)
            while end > 1 and (not block[end - 1].strip() or block[end - 1].startswith("#")):
                end -= 1
            kept, rest = block[:end], block[end:]
            if ours_text == _ELEMENT:
                out += ["<<<<<<< ours", *kept, "=======", ">>>>>>> theirs", *rest]
            else:
                out += ["<<<<<<< ours", "=======", *kept, ">>>>>>> theirs", *rest]
        elif clean:
            out += ["<<<<<<< ours", clean, "=======", theirs_text, ">>>>>>> theirs"]
        else:
            out += ["<<<<<<< ours", *([ours_text] if ours_text else []), "=======", theirs_text]
            out.append(">>>>>>> theirs")
    return "\n".join(out), used
