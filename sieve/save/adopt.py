"""Write an adoption into a tamis: criteria and scales copied from another city's file.

The exchange layer (:mod:`sieve.exchange.adopt`) decides *what* to copy and refuses
conflicts; this module only edits the target document, losslessly: every byte of
the target is kept except the criteria added (appended after the last
``[[criterion]]``), the scales added (after the last scale) and, for a replaced
criterion, its values (in place, comments kept).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sieve.errors import ExchangeError, SieveError
from sieve.load.fields import FileCheck, split_bom
from sieve.load.tamis import CRITERION_KEYS, parse_tamis
from sieve.locations import read_regular
from sieve.save.document import TomlDocument
from sieve.save.trivia import (
    add_key,
    blank_line,
    ends_blank,
    pop_tail,
    push_tail,
    strip_tail,
    table_body,
    toml_item,
    unwrap,
)


@dataclass(frozen=True, slots=True)
class Copy:
    """One criterion to copy: its id in the source, its id in the target, its origin."""

    source_id: str
    target_id: str
    origin: str


def write_adoption(
    source: Path, target: Path, copies: list[Copy], scales: list[str], write: bool = True
) -> tuple[list[Copy], list[Copy], bool]:
    """Copy ``scales`` and ``copies`` from ``source`` into ``target``.

    A copy whose target id is already a criterion of the target replaces that
    criterion's values. Returns ``(added, replaced, written)``. Raises
    :class:`ExchangeError` or :class:`SieveError`, and writes nothing, when the
    target cannot be edited losslessly or the result would not be a valid tamis.
    """
    import tomlkit

    src_text = split_bom(read_regular(Path(source)).decode("utf-8"))[1]
    src_doc = tomlkit.parse(src_text.replace("\r\n", "\n").replace("\r", "\n"))
    doc = TomlDocument(Path(target))
    if doc.text() != doc.original:  # e.g. [[criterion]] tables split by other tables
        raise ExchangeError("exchange.not_lossless", path=target)
    if scales:
        _append_scales(doc.doc["scales"], src_doc["scales"], scales)
    src_tables = {unwrap(tbl.get("id")): tbl for tbl in src_doc["criterion"]}
    aot = doc.doc["criterion"]
    positions = {unwrap(tbl.get("id")): i for i, tbl in enumerate(aot)}
    added, replaced, appended = [], [], []
    for item in copies:
        source_table = src_tables[item.source_id]
        if item.target_id in positions:
            replace_criterion(aot[positions[item.target_id]], source_table, item.origin)
            replaced.append(item)
        else:
            appended.append(_copied_criterion(source_table, item))
            added.append(item)
    if appended:
        _append_tables(aot, appended)
    check_tamis_text(Path(target), doc.text())
    written = doc.save() if write else False
    return added, replaced, written


def _append_scales(scales: Any, source_scales: Any, names: list[str]) -> None:
    """Append the source's scales ``names`` after the target's last scale, layout kept."""
    from tomlkit.items import Table

    tables = [v for _k, v in table_body(scales) if isinstance(v, Table)]
    tail = pop_tail(tables[-1]) if tables else []
    spaced = bool(tables) and ends_blank(tables[-1])
    last = None
    for name in names:
        copied = copy.deepcopy(source_scales[name])
        if isinstance(copied, Table):
            strip_tail(copied)
        if tables:
            blank_line(last or tables[-1])
        scales.append(name, copied)
        last = copied
    if last is not None and (tail or spaced):
        blank_line(last)
        push_tail(last, tail)


def _copied_criterion(source_table: Any, item: Copy) -> Any:
    """A copy of the source's criterion table, renamed and marked with its origin."""
    copied = copy.deepcopy(source_table)
    strip_tail(copied)
    if item.target_id != item.source_id:
        copied["id"] = item.target_id
    if "origin" in copied:
        copied["origin"] = item.origin
    else:
        add_key(copied, "origin", toml_item(item.origin))
    return copied


def _append_tables(aot: Any, tables: list[Any]) -> None:
    """Append ``tables`` to an array of tables; the comments after its end stay last."""
    last = aot[-1]
    tail = pop_tail(last)
    spaced = ends_blank(last)
    for table in tables:
        blank_line(aot[-1])
        aot.append(table)
    if tail or spaced:
        blank_line(aot[-1])
    push_tail(aot[-1], tail)


def replace_criterion(table: Any, source: Any, origin: str) -> None:
    """Give an existing criterion the source's values, in place (comments kept)."""
    fields = CRITERION_KEYS - {"id", "origin"}
    for key in [k for k in source if k in fields]:
        if key in table and unwrap(table[key]) == unwrap(source[key]):
            continue
        item = copy.deepcopy(source.item(key))
        if key in table:
            table[key] = item
        else:
            add_key(table, key, item)
    for key in [k for k in table if k in fields and k not in source]:
        del table[key]
    if "origin" in table:
        table["origin"] = origin
    else:
        add_key(table, "origin", toml_item(origin))


def check_tamis_text(path: Path, text: str) -> None:
    """The edited text must still be a valid tamis; otherwise nothing is written."""
    import rtoml

    fc = FileCheck(path, text)
    try:
        data = rtoml.loads(text)
    except ValueError as exc:  # should not happen: tomlkit wrote it
        raise ExchangeError("exchange.invalid_result", path=path, error=str(exc)) from None
    if parse_tamis(data, fc) is None:
        raise SieveError([p for p in fc.problems if p.is_error])
