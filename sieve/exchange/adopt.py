"""``sieve adopt``: copy criteria (and the scales they need) from another city's tamis into ours."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.errors import SieveError
from sieve.exchange.common import ExchangeError, open_tamis, origin_of
from sieve.i18n import t
from sieve.load.fields import FileCheck
from sieve.load.tamis import CRITERION_KEYS, parse_tamis
from sieve.model import ID_PATTERN
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

# -- tomlkit helpers ------------------------------------------------------------------


# -- adopt ----------------------------------------------------------------------------


@dataclass
class Adoption:
    """What ``adopt`` did (or would do): criteria and scales added, criteria replaced."""

    target: Path
    added: list[tuple[str, str]] = field(default_factory=list)
    """(id in the target, id in the source)."""
    replaced: list[str] = field(default_factory=list)
    scales: list[str] = field(default_factory=list)
    written: bool = False


def adopt(
    source: Path,
    target: Path,
    criteria: list[str] | None = None,
    rename: str | None = None,
    replace: bool = False,
    write: bool = True,
) -> Adoption:
    """Copy criteria (``None``: all) and the scales they need from ``source`` into ``target``.

    Every byte of the target is kept except the criteria added (appended after the
    last ``[[criterion]]``), the scales added (after the last scale) and, with
    ``replace``, the values of the replaced criterion (in place, comments kept).
    Raises :class:`ExchangeError` and writes nothing on any conflict.
    """
    from sieve.save.document import TomlDocument

    source, target = Path(source), Path(target)
    src = open_tamis(source)
    dst = open_tamis(target)
    wanted = list(src.criterion_ids) if criteria is None else list(dict.fromkeys(criteria))
    unknown = [c for c in wanted if c not in src.by_id]
    if unknown:
        raise ExchangeError(
            "exchange.adopt.unknown",
            ids=", ".join(unknown),
            source=source,
            known=", ".join(src.criterion_ids),
        )
    if rename is not None:
        if len(wanted) != 1:
            raise ExchangeError("exchange.adopt.rename_one")
        if not ID_PATTERN.match(rename):
            raise ExchangeError("exchange.adopt.bad_id", id=rename)
        if replace:
            raise ExchangeError("exchange.adopt.rename_replace")
    plan: list[tuple[str, str]] = []  # (source id, target id)
    taken = []
    for ident in wanted:
        new_id = rename or ident
        if new_id in dst.by_id and not replace:
            taken.append(new_id)
        plan.append((ident, new_id))
    if taken:
        code = "exchange.adopt.renamed_taken" if rename else "exchange.adopt.taken"
        raise ExchangeError(code, ids=", ".join(taken), target=target)
    needed: dict[str, tuple[str, ...]] = {}
    for ident, _new in plan:
        scale = src.by_id[ident].scale
        needed[scale.id] = scale.levels
    for name, levels in needed.items():
        have = dst.scales.get(name)
        if have is not None and have.levels != levels:
            raise ExchangeError(
                "exchange.adopt.scale_conflict",
                scale=name,
                target=target,
                ours=" | ".join(have.levels),
                theirs=" | ".join(levels),
            )

    import tomlkit

    src_doc = tomlkit.parse(source.read_text(encoding="utf-8"))
    src_tables = {unwrap(tbl.get("id")): tbl for tbl in src_doc["criterion"]}
    doc = TomlDocument(target)
    if doc.text() != doc.original:  # e.g. [[criterion]] tables split by other tables
        raise ExchangeError("exchange.not_lossless", path=target)
    result = Adoption(target)

    new_scales = [n for n in needed if n not in dst.scales]
    if new_scales:
        scales = doc.doc["scales"]
        tables = [v for _k, v in table_body(scales) if isinstance(v, tomlkit.items.Table)]
        tail = pop_tail(tables[-1]) if tables else []
        spaced = bool(tables) and ends_blank(tables[-1])
        last = None
        for name in new_scales:
            copied = copy.deepcopy(src_doc["scales"][name])
            if isinstance(copied, tomlkit.items.Table):
                strip_tail(copied)
            if tables:
                blank_line(last or tables[-1])
            scales.append(name, copied)
            last = copied
            result.scales.append(name)
        if last is not None and (tail or spaced):
            blank_line(last)
            push_tail(last, tail)

    aot = doc.doc["criterion"]
    positions = {unwrap(tbl.get("id")): i for i, tbl in enumerate(aot)}
    appended = []
    for ident, new_id in plan:
        origin = origin_of(src, ident, renamed=new_id != ident)
        if new_id in positions:
            _replace_criterion(aot[positions[new_id]], src_tables[ident], origin)
            result.replaced.append(new_id)
            continue
        copied = copy.deepcopy(src_tables[ident])
        strip_tail(copied)
        if new_id != ident:
            copied["id"] = new_id
        if "origin" in copied:
            copied["origin"] = origin
        else:
            add_key(copied, "origin", toml_item(origin))
        appended.append(copied)
        result.added.append((new_id, ident))
    if appended:
        last = aot[-1]
        tail = pop_tail(last)
        spaced = ends_blank(last)
        for table in appended:
            blank_line(aot[-1])
            aot.append(table)
        if tail or spaced:
            blank_line(aot[-1])
        push_tail(aot[-1], tail)

    _check_result(target, doc.text())
    if write:
        result.written = doc.save()
    return result


def _replace_criterion(table: Any, source: Any, origin: str) -> None:
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


def _check_result(path: Path, text: str) -> None:
    """The edited text must still be a valid tamis; otherwise nothing is written."""
    import rtoml

    fc = FileCheck(path, text)
    try:
        data = rtoml.loads(text)
    except ValueError as exc:  # should not happen: tomlkit wrote it
        raise ExchangeError("exchange.invalid_result", path=path, error=str(exc)) from None
    if parse_tamis(data, fc) is None:
        raise SieveError([p for p in fc.problems if p.is_error])


def adopt_text(result: Adoption, lang: str | None = None) -> str:
    lines = []
    for new_id, old_id in result.added:
        if new_id == old_id:
            lines.append(t("exchange.adopt.added", lang=lang, id=new_id))
        else:
            lines.append(t("exchange.adopt.added_as", lang=lang, id=new_id, source=old_id))
    lines += [t("exchange.adopt.replaced", lang=lang, id=i) for i in result.replaced]
    lines += [t("exchange.adopt.scale_added", lang=lang, id=i) for i in result.scales]
    key = "exchange.adopt.written" if result.written else "exchange.adopt.nothing"
    lines.append(t(key, lang=lang, path=result.target))
    return "\n".join(lines) + "\n"
