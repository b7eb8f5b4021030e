"""Exchange between cities: diff, adopt, merge scores, three-way merge, compare.

Cities send each other tamis and sessions by mail and keep them in git. This
module compares them by meaning (ids, not positions), copies criteria from one
tamis into another, brings scorers' files into a session and merges three
versions of a file the way a git merge driver must, always through tomlkit
edits of the existing documents so that no comment or unknown key is lost.

Provenance: an adopted criterion carries ``origin = "<tamis id>@<version> (<city>)"``,
or ``"<tamis id>@<version>:<criterion id> (<city>)"`` when it was renamed on the way
(the ``:<criterion id>`` names the criterion in the source). ``sieve compare`` reads it
to put a criterion and the one it came from on the same row.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.errors import Problem, SieveError
from sieve.i18n import t
from sieve.load.fields import FileCheck, check_format, read_toml, show
from sieve.load.session import (
    CRITERION_KEYS,
    SCORE_FILE_KEYS,
    ScoreSink,
    detect_kind,
    load_session,
    load_tamis,
    parse_tamis,
)
from sieve.model import CASE_SEPARATOR, ID_PATTERN, Session, Tamis
from sieve.text import literal


class ExchangeError(Exception):
    """A refused exchange (unknown id, id taken, scale conflict...): a catalogue code."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str | None = None) -> str:
        return t(self.code, lang=lang, **self.params)


# -- provenance ---------------------------------------------------------------------

ORIGIN_PATTERN = re.compile(
    r"^(?P<tamis>[a-z0-9][a-z0-9-]*)@(?P<version>\d+)"
    r"(?::(?P<criterion>[a-z0-9][a-z0-9-]*))?(?:\s+\((?P<city>.*)\))?\s*$"
)


def origin_of(tamis: Tamis, criterion_id: str, renamed: bool) -> str:
    """The ``origin`` written on a criterion adopted from ``tamis``."""
    head = f"{tamis.id}@{tamis.version}"
    if renamed:
        head += f":{criterion_id}"
    return f"{head} ({tamis.city})" if tamis.city else head


def parse_origin(text: str) -> tuple[str, str | None] | None:
    """``(tamis id, criterion id or None)`` from an ``origin``; ``None`` if free text."""
    match = ORIGIN_PATTERN.match(text or "")
    if match is None:
        return None
    return match.group("tamis"), match.group("criterion")


# -- loading ------------------------------------------------------------------------


def open_tamis(path: Path) -> Tamis:
    """A valid tamis, or :class:`SieveError` with its located problems."""
    tamis, problems = load_tamis(Path(path))
    if tamis is None:
        raise SieveError([p for p in problems if p.is_error] or problems)
    return tamis


def file_kind(path: Path) -> str:
    """``"tamis"``, ``"session"``, ... of a file; :class:`SieveError` when unreadable."""
    data, fc = read_toml(Path(path))
    if data is None or not check_format(data, fc):
        raise SieveError(fc.problems)
    return detect_kind(data)


# -- diff ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two files, found by id.

    ``op`` is ``added``, ``removed`` or ``changed``; ``section`` the kind of thing
    (``criterion``, ``scale``, ``indicator``, ``score``...); ``id`` its id (a score is
    ``scorer/key/criterion``); for a change, ``field`` with ``old`` and ``new`` values.
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
            out.update(field=self.field, old=_plain(self.old), new=_plain(self.new))
        elif self.new is not None or self.old is not None:
            out["value"] = _plain(self.new if self.op == "added" else self.old)
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


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
    _compare_maps(
        out, "angle", a.angles, b.angles, ("subject", "title", "methods"), lambda x: x.title
    )
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
        return _number(value)
    if value is None:
        return "–"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return literal(show(value, 80))


def _number(value: float, lang: str | None = None) -> str:
    """A number as short as it is exact: ``3``, ``0,4`` (French) or ``0.4``."""
    from sieve.i18n import current

    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if (lang or current()) == "fr" else text


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
                    field=change.field,
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
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# -- tomlkit helpers ------------------------------------------------------------------


def _body(table: Any) -> list:
    """The ``(key, item)`` list of a tomlkit table or container."""
    from tomlkit.container import Container

    return table.body if isinstance(table, Container) else table.value.body


def _tail_start(table: Any) -> int:
    """Where the comments after a table's last key start (``len(body)`` when none)."""
    from tomlkit.items import Whitespace

    body = _body(table)
    last = max((i for i, (k, _v) in enumerate(body) if k is not None), default=-1)
    for i in range(last + 1, len(body)):
        if not isinstance(body[i][1], Whitespace):
            return i
    return len(body)


def _pop_tail(table: Any) -> list:
    """Remove and return the comments (and what follows them) after a table's last key.

    tomlkit keeps the comment block that introduces the *next* section inside the
    previous table; a table appended after it must go before that block.
    """
    body = _body(table)
    start = _tail_start(table)
    tail = body[start:]
    del body[start:]
    return tail


def _strip_tail(table: Any) -> None:
    """Drop every blank line and comment after the last key (of a copied table)."""
    from tomlkit.items import Comment, Whitespace

    body = _body(table)
    while body and body[-1][0] is None and isinstance(body[-1][1], Comment | Whitespace):
        body.pop()


def _ends_blank(table: Any) -> bool:
    return table.as_string().endswith("\n\n")


def _blank_line(table: Any) -> None:
    import tomlkit

    if not _ends_blank(table):
        _body(table).append((None, tomlkit.ws("\n")))


def _push_tail(table: Any, tail: list) -> None:
    _body(table).extend(tail)


def _add_key(table: Any, key: str, item: Any) -> None:
    """Add ``key`` after the table's last key (before its trailing comments)."""
    body = _body(table)
    keys = [k for k, _v in body if k is not None]
    last = max((i for i, (k, _v) in enumerate(body) if k is not None), default=-1)
    if not keys or last == len(body) - 1:
        table.append(key, item)
    else:
        container = table.value if hasattr(table, "value") else table
        container._insert_after(keys[-1], key, item)


def _item(value: Any) -> Any:
    import tomlkit

    return tomlkit.item(value)


def _unwrap(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


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
    src_tables = {_unwrap(tbl.get("id")): tbl for tbl in src_doc["criterion"]}
    doc = TomlDocument(target)
    if doc.text() != doc.original:  # e.g. [[criterion]] tables split by other tables
        raise ExchangeError("exchange.not_lossless", path=target)
    result = Adoption(target)

    new_scales = [n for n in needed if n not in dst.scales]
    if new_scales:
        scales = doc.doc["scales"]
        tables = [v for _k, v in _body(scales) if isinstance(v, tomlkit.items.Table)]
        tail = _pop_tail(tables[-1]) if tables else []
        spaced = bool(tables) and _ends_blank(tables[-1])
        last = None
        for name in new_scales:
            copied = copy.deepcopy(src_doc["scales"][name])
            if isinstance(copied, tomlkit.items.Table):
                _strip_tail(copied)
            if tables:
                _blank_line(last or tables[-1])
            scales.append(name, copied)
            last = copied
            result.scales.append(name)
        if last is not None and (tail or spaced):
            _blank_line(last)
            _push_tail(last, tail)

    aot = doc.doc["criterion"]
    positions = {_unwrap(tbl.get("id")): i for i, tbl in enumerate(aot)}
    appended = []
    for ident, new_id in plan:
        origin = origin_of(src, ident, renamed=new_id != ident)
        if new_id in positions:
            _replace_criterion(aot[positions[new_id]], src_tables[ident], origin)
            result.replaced.append(new_id)
            continue
        copied = copy.deepcopy(src_tables[ident])
        _strip_tail(copied)
        if new_id != ident:
            copied["id"] = new_id
        if "origin" in copied:
            copied["origin"] = origin
        else:
            _add_key(copied, "origin", _item(origin))
        appended.append(copied)
        result.added.append((new_id, ident))
    if appended:
        last = aot[-1]
        tail = _pop_tail(last)
        spaced = _ends_blank(last)
        for table in appended:
            _blank_line(aot[-1])
            aot.append(table)
        if tail or spaced:
            _blank_line(aot[-1])
        _push_tail(aot[-1], tail)

    _check_result(target, doc.text())
    if write:
        result.written = doc.save()
    return result


def _replace_criterion(table: Any, source: Any, origin: str) -> None:
    """Give an existing criterion the source's values, in place (comments kept)."""
    fields = CRITERION_KEYS - {"id", "origin"}
    for key in [k for k in source if k in fields]:
        if key in table and _unwrap(table[key]) == _unwrap(source[key]):
            continue
        item = copy.deepcopy(source.item(key))
        if key in table:
            table[key] = item
        else:
            _add_key(table, key, item)
    for key in [k for k in table if k in fields and k not in source]:
        del table[key]
    if "origin" in table:
        table["origin"] = origin
    else:
        _add_key(table, "origin", _item(origin))


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


# -- merge-scores -------------------------------------------------------------------


@dataclass
class ScoreMerge:
    """What ``merge_scores`` brought in, file by file."""

    levels: int = 0
    notes: int = 0
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0


def merge_scores(session_path: Path, files: list[Path], write: bool = True) -> ScoreMerge:
    """Bring scorers' score files into a session; :class:`SieveError` on any conflict.

    Each incoming file is checked against the session (its scorers, subjects, cases
    and the tamis's criteria and scales) and against what the session already
    holds; a (scorer, key, criterion) given two different levels, or a note given
    two different texts, is a conflict and then no file is written.
    """
    from sieve.save.document import TomlDocument, inline_line, parsed_line, toml_key, toml_value

    loaded = load_session(Path(session_path))
    session = loaded.session
    if session is None:
        raise SieveError(loaded.errors or loaded.problems)
    case_keys = {k.key for k in session.cases}
    sink = ScoreSink(session.scorers, session.subjects, case_keys, session.tamis)
    sink.scores = copy.deepcopy(session.scores)
    sink.origin = {k: list(v) for k, v in session.score_origin.items()}
    problems: list[Problem] = []
    new_levels: dict[tuple[str, str], dict[str, int]] = {}
    new_notes: dict[tuple[str, str], str] = {}
    notes = {s: dict(rows) for s, rows in session.notes.items()}
    for path in map(Path, files):
        data, fc = read_toml(path)
        if data is None or not check_format(data, fc):
            problems.extend(fc.problems)
            continue
        for key in data:
            if key not in SCORE_FILE_KEYS:
                fc.add((key,), "scorefile.extra", key=key)
        before = copy.deepcopy(sink.scores)
        sink.add_scores(data.get("scores"), fc)
        for scorer, rows in sink.scores.items():
            for key, row in rows.items():
                for crit, level in row.items():
                    if crit not in before.get(scorer, {}).get(key, {}):
                        new_levels.setdefault((scorer, key), {})[crit] = level
        raw_notes = data.get("notes")
        sink.notes = {}
        sink.add_notes(raw_notes, fc)
        for scorer, rows in sink.notes.items():
            for key, text in rows.items():
                have = notes.setdefault(scorer, {}).get(key)
                if have is None:
                    notes[scorer][key] = text
                    new_notes[(scorer, key)] = text
                elif have != text:
                    fc.add(("notes", scorer, key), "exchange.note_conflict", scorer=scorer, key=key)
        problems.extend(fc.problems)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise SieveError(errors)

    result = ScoreMerge()
    docs: dict[Path, TomlDocument] = {}

    def table(path: Path, outer: str, scorer: str) -> Any:
        """``[outer.scorer]`` of a file (created at its end when missing)."""
        if path not in docs:
            docs[path] = TomlDocument(path, session.digests.get(path))
        return docs[path].table(outer, scorer)

    def home(scorer: str, table: str) -> Path:
        origins = session.note_origin if table == "notes" else session.score_origin
        held = [p for p, _rows in origins.get(scorer, ())]
        held += [p for p, _rows in session.score_origin.get(scorer, ())]
        if held:
            return held[0]
        named = [p for p in session.score_files if p.stem == scorer]
        return named[0] if named else session.path

    for (scorer, key), entries in new_levels.items():
        with_row = [p for p, rows in session.score_origin.get(scorer, ()) if key in rows]
        path = with_row[0] if with_row else home(scorer, "scores")
        rows = table(path, "scores", scorer)
        if key in rows:
            merged = dict(rows[key].unwrap())
            merged.update(entries)
            _k, item = inline_line(key, merged)
            item.trivia.comment_ws = rows[key].trivia.comment_ws
            item.trivia.comment = rows[key].trivia.comment
            rows[key] = item
        else:
            new_key, item = inline_line(key, entries)
            _add_key(rows, new_key, item)
        result.levels += len(entries)
    for (scorer, key), text in new_notes.items():
        path = home(scorer, "notes")
        new_key, item = parsed_line(f"{toml_key(key)} = {toml_value(text)}")
        _add_key(table(path, "notes", scorer), new_key, item)
        result.notes += 1
    if write:
        for path, document in docs.items():
            if document.save():
                result.written.append(path)
    return result


def merge_scores_text(result: ScoreMerge, lang: str | None = None) -> str:
    lines = [
        t("exchange.merge_scores.summary", lang=lang, levels=result.levels, notes=result.notes)
    ]
    lines += [t("exchange.written", lang=lang, path=p) for p in result.written]
    return "\n".join(lines) + "\n"


# -- three-way merge ------------------------------------------------------------------

#: How the elements of an array of tables are matched between versions.
_AOT_KEYS = {"relation": ("from", "to", "kind")}

_MISSING = object()


@dataclass
class Conflict:
    """The same thing changed two ways."""

    path: str
    base: Any
    ours: Any
    theirs: Any


@dataclass
class _MergeState:
    conflicts: list[Conflict] = field(default_factory=list)
    markers: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Sentinel comment -> (ours text, theirs text) to turn into conflict markers."""


def _element_key(name: str, table: Any) -> Any:
    fields = _AOT_KEYS.get(name, ("id",))
    if not hasattr(table, "get"):
        return None
    values = tuple(_unwrap(table.get(f)) for f in fields)
    if any(v is None or not isinstance(v, str) for v in values):
        return None
    return values


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


def _is_keyed_aot(name: str, item: Any) -> bool:
    from tomlkit.items import AoT

    if not isinstance(item, AoT):
        return False
    keys = [_element_key(name, tbl) for tbl in item]
    return all(k is not None for k in keys) and len(set(keys)) == len(keys)


def _render(key: str, item: Any, written: str | None = None) -> str:
    """A ``key = value`` line as the item is written (inline tables stay inline)."""
    import tomlkit
    from tomlkit.items import AoT, Table

    if isinstance(item, Table | AoT) or _is_proxy(item):
        doc = tomlkit.document()
        doc[key] = _unwrap(item)
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
    state.conflicts.append(Conflict(path, *(_unwrap(v) for v in values)))
    if owner is not None:
        container, key, theirs = owner
        ours = container.get(key, _MISSING)
    container = _holder(container, key)
    sentinel = f"sieve-conflict-{len(state.conflicts)}"
    written = next(
        (k.as_string().strip() for k, _v in _body(container) if k and k.key == key), None
    )
    ours_text = _render(key, ours, written) if ours is not _MISSING else ""
    theirs_text = _render(key, theirs, written) if theirs is not _MISSING else ""
    if ours is not _MISSING and hasattr(ours, "trivia"):
        item = container[key]
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
        _body(container).append((None, tomlkit.comment(sentinel)))
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
        b = base.get(key, _MISSING) if base is not None else _MISSING
        o = ours.get(key, _MISSING)
        th = theirs.get(key, _MISSING)
        where = f"{path}.{key}" if path else key
        vb, vo, vt = (_unwrap(x) if x is not _MISSING else _MISSING for x in (b, o, th))
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
                    before = _unwrap(o)
                    inner = (ours, key, th) if inline else owner
                    _merge_tables(None if b is _MISSING else b, o, th, where, state, inner)
                    if inline and owner is None and _unwrap(o) != before:
                        _reformat_inline(_holder(ours, key), key)
                continue
            if (
                _is_keyed_aot(key, o)
                and _is_keyed_aot(key, th)
                and (b is _MISSING or _is_keyed_aot(key, b))
            ):
                _merge_aot(key, None if b is _MISSING else b, o, th, where, state)
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
    body = _body(table)
    return next((i for i, (k, _v) in enumerate(body) if k is not None), 0)


def _merge_head(base: Any, ours: Any, theirs: Any) -> None:
    """Bring in theirs' comments before a table's first key when ours kept base's."""
    texts = [
        "".join(item.as_string() for _k, item in _body(table)[: _head_end(table)])
        for table in (base, ours, theirs)
    ]
    if texts[1] == texts[0] and texts[2] != texts[0]:
        head = copy.deepcopy(_body(theirs)[: _head_end(theirs)])
        body = _body(ours)
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
        body = _body(table)
        texts.append("".join(item.as_string() for _k, item in body[_tail_start(table) :]))
    if texts[1] == texts[0] and texts[2] != texts[0]:
        body = _body(theirs)
        tail = copy.deepcopy(body[_tail_start(theirs) :])
        _pop_tail(ours)
        _push_tail(ours, tail)


def _reformat_inline(container: Any, key: str) -> None:
    """Write a merged inline table (a score line) as sieve writes it: ``{ a = 1, b = 2 }``."""
    from sieve.save.document import toml_value

    old = container[key]
    inner = ", ".join(f"{k} = {toml_value(v)}" for k, v in old.unwrap().items())
    _key, item = _parse_line(f"x = {{ {inner} }}")
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
        written = next((k for k, _v in _body(part) if k is not None and k.key == key), key)
    if _is_proxy(container):
        container[written] = item
    elif isinstance(item, Table | AoT):
        container.append(written, item)
    else:
        _add_key(container, written, item)


def _merge_aot(name: str, base: Any, ours: Any, theirs: Any, path: str, state: _MergeState) -> None:
    """Merge arrays of tables element by element, matched by id (not position)."""
    by = {}
    for label, aot in (("base", base), ("ours", ours), ("theirs", theirs)):
        by[label] = {} if aot is None else {_element_key(name, tbl): tbl for tbl in aot}
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
        _remove_element(ours, key, name)
    if added:
        tail = _pop_tail(ours[-1]) if len(ours) else []
        for table in added:
            copied = copy.deepcopy(table)
            _strip_tail(copied)
            if len(ours):
                _blank_line(ours[-1])
            ours.append(copied)
        if tail:
            _blank_line(ours[-1])
            _push_tail(ours[-1], tail)


def _empty() -> Any:
    import tomlkit

    return tomlkit.table()


def _replace_element(aot: Any, index: int, table: Any) -> None:
    """Put theirs' version of an element (with its comments) at the same place."""
    copied = copy.deepcopy(table)
    old = aot[index]
    tail = _pop_tail(old)
    _strip_tail(copied)
    trailing_ws = old.as_string().endswith("\n\n")
    if trailing_ws:
        _blank_line(copied)
    _push_tail(copied, tail)
    aot[index] = copied


def _remove_element(aot: Any, key: Any, name: str) -> None:
    for i, table in enumerate(aot):
        if _element_key(name, table) == key:
            tail = _pop_tail(table)
            del aot[i]
            if tail and len(aot):
                target = aot[i - 1] if i > 0 else aot[0]
                _push_tail(target, tail)
            return


def _conflict_element(
    state: _MergeState, aot: Any, path: str, base: Any, ours: Any, theirs: Any
) -> None:
    """An element changed on one side and deleted on the other: keep it, mark it."""
    state.conflicts.append(
        Conflict(
            path,
            _unwrap(base),
            None if ours is None else _unwrap(ours),
            None if theirs is None else _unwrap(theirs),
        )
    )
    sentinel = f"sieve-conflict-{len(state.conflicts)}"
    kept = ours if ours is not None else copy.deepcopy(theirs)
    if ours is None:
        _strip_tail(kept)
        if len(aot):
            _blank_line(aot[-1])
        aot.append(kept)
        _blank_line(kept)
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
    Raises ``ValueError`` when a text is not TOML.
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
        text = _apply_markers(text, state.markers)
    return MergeResult(text, state.conflicts)


_ELEMENT = "\0element"
"""Marker of a whole ``[[…]]`` element changed on one side and deleted on the other."""


def _apply_markers(text: str, markers: dict[str, tuple[str, str]]) -> str:
    """Turn the sentinel comments left on conflicting lines into git conflict markers."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        found = next((s for s in markers if line.rstrip().endswith(f"# {s}")), None)
        if found is None:
            out.append(line)
            continue
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
    return "\n".join(out)


def merge_driver(base: Path, ours: Path, theirs: Path, shown: str | None = None) -> list[str]:
    """Merge like a git driver: write the result into ``ours``; return the conflict lines.

    Files that are not TOML fall back to git's line merge (``git merge-file``).
    """
    from sieve.save.document import atomic_write

    texts = [Path(p).read_text(encoding="utf-8") for p in (base, ours, theirs)]
    name = shown or str(ours)
    try:
        result = merge_texts(*texts)
        if not result.conflicts:
            import rtoml

            rtoml.loads(result.text)  # a clean merge must still be TOML
    except Exception as exc:  # noqa: BLE001 - a git driver falls back, never a traceback
        return _line_merge(base, ours, theirs, name, str(exc) or type(exc).__name__)
    atomic_write(Path(ours), result.text.encode("utf-8"))
    return [
        t(
            "exchange.merge.conflict",
            path=name,
            where=literal(c.path),
            base=_merge_value(c.base),
            ours=_merge_value(c.ours),
            theirs=_merge_value(c.theirs),
        )
        for c in result.conflicts
    ]


def _merge_value(value: Any) -> str:
    if value is _MISSING or value is None:
        return t("exchange.merge.absent")
    if isinstance(value, dict):
        return "{…}"
    return literal(show(value, 60))


def _line_merge(base: Path, ours: Path, theirs: Path, name: str, error: str) -> list[str]:
    command = ["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs"]
    try:
        done = subprocess.run([*command, str(ours), str(base), str(theirs)], check=False)
    except OSError:
        return [t("exchange.merge.not_toml", path=name, error=literal(error))]
    if done.returncode == 0:
        return []
    return [t("exchange.merge.not_toml", path=name, error=literal(error))]


# -- compare -----------------------------------------------------------------------------


@dataclass
class Comparison:
    """Criteria (rows, matched by id and provenance) x tamis (columns)."""

    tamis: list[Tamis]
    rows: list[tuple[str, str, list[Any]]]
    """(criterion id, label, one cell per tamis: the Criterion there or ``None``)."""


def compare(paths: list[Path]) -> Comparison:
    """Which tamis uses which criterion with what weight; :class:`SieveError` if invalid."""
    all_tamis: list[Tamis] = []
    problems: list[Problem] = []
    for path in paths:
        tamis, found = load_tamis(Path(path))
        if tamis is None:
            problems.extend(p for p in found if p.is_error)
        else:
            all_tamis.append(tamis)
    if problems:
        raise SieveError(problems)
    return compare_tamis(all_tamis)


def compare_tamis(all_tamis: list[Tamis]) -> Comparison:
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    # criteria with the same id are the same criterion; provenance links the renamed
    for column, tamis in enumerate(all_tamis):
        for crit in tamis.criteria:
            union(("", crit.id), (str(column), crit.id))
            origin = parse_origin(crit.origin)
            if origin is not None and origin[1] is not None:
                union(("", origin[1]), (str(column), crit.id))
    rows: dict[tuple[str, str], tuple[str, str, list[Any]]] = {}
    for column, tamis in enumerate(all_tamis):
        for crit in tamis.criteria:
            root = find((str(column), crit.id))
            if root not in rows:
                rows[root] = (crit.id, crit.label, [None] * len(all_tamis))
            rows[root][2][column] = crit
    return Comparison(all_tamis, list(rows.values()))


def cell_text(crit: Any, row_id: str, lang: str | None = None) -> str:
    if crit is None:
        return "·"
    if crit.is_gate:
        text = t("exchange.compare.gate", lang=lang, level=_number(crit.pass_at, lang))
    else:
        text = _number(crit.weight, lang)
    if crit.id != row_id:
        text += f" ({literal(crit.id)})"
    return text


def column_labels(all_tamis: list[Tamis], with_city: bool) -> list[str]:
    """One heading per tamis: ``id@version`` (and city), with the file name when ambiguous."""
    labels = [
        f"{x.id}@{x.version}" + (f" {x.city}" if with_city and x.city else "") for x in all_tamis
    ]
    return [
        label if labels.count(label) == 1 else f"{label} ({x.path.name})"
        for label, x in zip(labels, all_tamis, strict=True)
    ]


def compare_table(comparison: Comparison, lang: str | None = None) -> str:
    head = [t("exchange.compare.criterion", lang=lang)]
    head += [literal(label) for label in column_labels(comparison.tamis, with_city=True)]
    body = [
        [literal(ident)] + [cell_text(c, ident, lang) for c in cells]
        for ident, _label, cells in comparison.rows
    ]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]

    def line(row: list[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()

    lines = [line(head), "  ".join("-" * w for w in widths)] + [line(r) for r in body]
    lines.append(t("exchange.compare.legend", lang=lang))
    return "\n".join(lines) + "\n"


def compare_csv(comparison: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["criterion", "label"] + column_labels(comparison.tamis, with_city=False))
    for ident, label, cells in comparison.rows:
        row = [ident, label]
        for crit in cells:
            if crit is None:
                row.append("")
            elif crit.is_gate:
                row.append(f"gate>={_plain(crit.pass_at)}")
            else:
                row.append(str(_plain(crit.weight)))
        writer.writerow(row)
    return out.getvalue()
