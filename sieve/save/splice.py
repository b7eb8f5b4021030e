"""Edits of a few ``[[kind]]`` tables of a big file, each made by tomlkit on its slice alone.

tomlkit needs some 8 s to parse a session of 5,000 stakeholders and 20,000
relations, and an edit of the stakeholder map touches one table or a few. A
:class:`TableSplice` finds the ``[[kind]]`` tables of the text with one regular
expression; each edit is run by the same tomlkit code as the general edit, but on
a small document made of the tables it looks at only (the edited table; for a
removal the one before it, which takes over its trailing comments, and the one
after it; for an addition the last tables). The result is put back in place: the
file outside those slices stays byte for byte what it was.

Then the new text is verified against the caller's model (:class:`Expected`): each
slice, read alone with rtoml, must hold the tables the model places there, and after
the edit exactly the old slice's data with the edit made; the tables of each kind
edited, slices and the rest together, must be the model's with just that change.
Without multi-line strings a line that reads as a header is one, so the slices say
it all; a file with some is also read whole with rtoml (about 80 ms for 2 MB), every
slice's tables in their place. Anything else — a layout the scan does not follow,
a slice tomlkit refuses, a check that fails — gives ``None``: the caller then makes
the general edit on the whole document.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.errors import FileChangedError
from sieve.load.fields import split_bom
from sieve.locations import read_regular
from sieve.save.document import atomic_write, digest
from sieve.save.layout import append_case_table, new_table, remove_table, set_key

#: ``put(table, key, value)``: how an edit sets a key, in a tomlkit table or a plain dict.
Put = Callable[[Any, str, Any], None]

_HEADER = re.compile(
    r"^[ \t]*\[(\[?)[ \t]*([^\[\]\r\n]*?)[ \t]*\](\]?)[ \t]*(?:#[^\r\n]*)?\r?$", re.M
)
_LINE_BRACKET = re.compile(r"^[ \t]*\[", re.M)
_FIRST_KEY = re.compile(r"""([A-Za-z0-9_-]+)|"([^"\\\r\n]*)"|'([^'\r\n]*)'""")
_MULTILINE = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*""""{0,2}|\'\'\'[\s\S]*?\'\'\'\'{0,2}')


def put_item(table: Any, key: str, value: Any) -> None:
    """Set a key of a plain dict (the data an edit is checked against)."""
    table[key] = value


@dataclass(frozen=True)
class Change:
    """Edit the table ``index`` of ``[[kind]]`` in place with ``edit(table, put)``."""

    kind: str
    index: int
    edit: Callable[[Any, Put], None]


@dataclass(frozen=True)
class Removal:
    """Remove the tables ``indexes`` of ``[[kind]]`` (from the last to the first)."""

    kind: str
    indexes: tuple[int, ...]


@dataclass(frozen=True)
class Append:
    """Add a ``[[kind]]`` table of ``pairs`` after the last one (there must be one)."""

    kind: str
    pairs: tuple[tuple[str, Any], ...]
    before: tuple[str, ...] = ()


Edit = Change | Removal | Append


def _same(record: Any) -> Any:
    return record


@dataclass(frozen=True)
class Expected:
    """The tables of one kind as the caller's model has them, before and after the edit.

    ``before`` and ``after`` are the model's records in the file's order; a table
    read from the file and a record are compared by identity: ``table(data)`` (a
    stakeholder's id, a relation's triple) against ``record(item)``.
    """

    table: Callable[[dict], Any]
    before: Sequence[Any]
    after: Sequence[Any]
    record: Callable[[Any], Any] = _same

    def old(self, start: int, stop: int) -> list[Any]:
        return list(map(self.record, self.before[start:stop]))

    def new(self, start: int, stop: int) -> list[Any]:
        return list(map(self.record, self.after[start:stop]))


@dataclass(frozen=True)
class _Spans:
    """Where each table of one ``[[kind]]`` starts and ends (its sub-tables included)."""

    starts: list[int]
    ends: list[int]
    before: int | None  # where the table just before the first one starts


@dataclass
class _Step:
    start: int
    end: int
    run: Callable[[Any, Callable[[str, int], int]], None]
    want: Callable[[Any, Callable[[str, int], int]], None]


@dataclass
class _Region:
    start: int
    end: int
    steps: list[_Step] = field(default_factory=list)


class TableSplice:
    """One file, read for edits of a few of its ``[[kind]]`` tables.

    Args:
        path: the file.
        expected: the digest of the bytes the caller's model was read from; when the
            file no longer has it, opening fails with :class:`FileChangedError`.
    """

    def __init__(self, path: Path, expected: str | None) -> None:
        self.path = Path(path)
        raw = read_regular(self.path)
        self.digest = digest(raw)
        if expected is not None and expected != self.digest:
            raise FileChangedError(self.path)
        # A byte order mark is kept aside and written back by save().
        self.bom, self.text = split_bom(raw.decode("utf-8"))
        self._padded = "\n" + self.text  # a line of the text starts after a newline here
        self._strings: list[tuple[int, int]] | None = None
        self._starts: dict[str, list[int]] = {}
        self._spans_of: dict[tuple[str, int], _Spans | None] = {}

    def edit(self, edits: Iterable[Edit], expected: dict[str, Expected]) -> str | None:
        """The text with ``edits`` made, or ``None`` when the splice can't be trusted.

        ``expected`` says, for every kind edited, what the caller's model holds
        before and after the edit (see :class:`Expected`).
        """
        from tomlkit.exceptions import TOMLKitError

        try:
            counts = {kind: len(e.before) for kind, e in expected.items()}
            regions = self._regions(list(edits), counts)
            if regions is None:
                return None
            return self._apply(regions, expected)
        except (TOMLKitError, ValueError, KeyError, IndexError, TypeError, AttributeError):
            return None

    def save(self, text: str) -> list[Path]:
        """Write ``text`` (atomically) unless it is the file's; refuse a file changed since."""
        if text == self.text:
            return []
        data = (self.bom + text).encode("utf-8")
        # checked and written under the file's lock: no other writer in between
        atomic_write(self.path, data, expected=self.digest)
        self.text = text
        self.digest = digest(data)
        return [self.path]

    # -- the scan -----------------------------------------------------------------

    def _multiline_strings(self) -> list[tuple[int, int]]:
        if self._strings is None:
            self._strings = []
            if '"""' in self.text or "'''" in self.text:
                self._strings = [(m.start(), m.end()) for m in _MULTILINE.finditer(self.text)]
        return self._strings

    def _in_string(self, pos: int) -> bool:
        """Whether ``pos`` is inside a multi-line string."""
        strings = self._multiline_strings()
        k = bisect.bisect_right(strings, (pos, len(self.text))) - 1
        return k >= 0 and pos < strings[k][1]

    def _line(self, pattern: re.Pattern[str], start: int, end: int) -> int | None:
        """The start of the first line in ``text[start:end]`` that ``pattern`` matches.

        The patterns begin with the newline before the line (a literal: the search
        is fast), so they run on the text after a newline; lines in multi-line
        strings are skipped.
        """
        for m in pattern.finditer(self._padded, start):
            if m.start() >= end:
                break
            if not self._in_string(m.start()):
                return m.start()
        return None

    def _element_starts(self, kind: str) -> list[int]:
        """Where each ``[[kind]]`` header line starts."""
        if kind not in self._starts:
            starts = [m.start() for m in _patterns(kind)[0].finditer(self._padded)]
            if self._multiline_strings():
                starts = [start for start in starts if not self._in_string(start)]
            self._starts[kind] = starts
        return self._starts[kind]

    def _spans(self, kind: str, count: int) -> _Spans | None:
        if (kind, count) not in self._spans_of:
            self._spans_of[kind, count] = self._scan(kind, count)
        return self._spans_of[kind, count]

    def _scan(self, kind: str, count: int) -> _Spans | None:
        """The tables of ``[[kind]]``, when they are ``count`` tables in one block.

        A table runs from its header to the next header that is not one of its
        sub-tables (``[kind.x]``, ``[[kind.x]]``). Refused: another table between two
        of them, a sub-table outside the block, a header the scan does not read.
        """
        starts = self._element_starts(kind)
        if len(starts) != count:
            return None
        if not starts:
            return _Spans([], [], None)
        element, related, other = _patterns(kind)
        first, last = starts[0], starts[-1]
        size = len(self.text)
        if self._line(other, first, last) is not None or self._line(related, 0, first) is not None:
            return None
        end = self._line(other, last + 1, size)
        end = size if end is None else end
        if self._line(related, end, size) is not None:
            return None
        return _Spans(starts, starts[1:] + [end], self._previous_header(first))

    def _previous_header(self, pos: int) -> int | None:
        """The start of the header line before ``pos``, if the scan reads it."""
        size = 4096
        while True:
            low = max(0, pos - size)
            found = [m.start() for m in _LINE_BRACKET.finditer(self.text, low, pos)]
            found = [start for start in found if not self._in_string(start)]
            if found or low == 0:
                break
            size *= 4
        if not found:
            return None
        m = _HEADER.match(self.text, found[-1])
        return m.start() if m is not None and _readable(m) else None

    def _ends_in_comment(self, spans: _Spans, i: int) -> bool:
        """Whether comments follow the last key of table ``i`` (tomlkit keeps them in it)."""
        body = self.text[spans.starts[i] : spans.ends[i]].rstrip()
        return body[body.rfind("\n") + 1 :].lstrip().startswith("#")

    # -- the plan -----------------------------------------------------------------

    def _regions(self, edits: list[Edit], counts: dict[str, int]) -> list[_Region] | None:
        steps: list[_Step] = []
        for edit in edits:
            spans = self._spans(edit.kind, counts[edit.kind])
            if spans is None:
                return None
            found = self._steps(edit, spans, counts[edit.kind])
            if found is None:
                return None
            steps.extend(found)
        regions: list[_Region] = []
        for step in sorted(steps, key=lambda s: s.start):  # stable: edits keep their order
            if regions and step.start < regions[-1].end:
                regions[-1].end = max(regions[-1].end, step.end)
            else:
                regions.append(_Region(step.start, step.end))
        for step in steps:
            region = next(r for r in regions if r.start <= step.start < r.end)
            region.steps.append(step)
        return regions

    def _steps(self, edit: Edit, spans: _Spans, count: int) -> list[_Step] | None:
        kind = edit.kind
        if isinstance(edit, Change):
            if not 0 <= edit.index < count:
                return None
            return [_change_step(spans, kind, edit.index, edit.edit)]
        if isinstance(edit, Append):
            if not count:
                return None  # the first table of a kind: the general edit places it
            first = count - 1
            for i in range(count - 2, -1, -1):
                if not self._ends_in_comment(spans, i):
                    first = i  # the nearest two tables with only blank lines between
                    break
            return [_append_step(spans, kind, first, edit)]
        gone = set(edit.indexes)
        if any(not 0 <= i < count for i in gone):
            return None
        steps = []
        for i in sorted(gone, reverse=True):
            kept = next((j for j in range(i + 1, count) if j not in gone), None)
            start = spans.starts[i - 1] if i else spans.before
            if start is None:
                return None
            end = spans.ends[i if kept is None else kept]
            steps.append(_removal_step(start, end, kind, i))
        return steps

    # -- the splice and its verification ------------------------------------------

    def _apply(self, regions: list[_Region], expected: dict[str, Expected]) -> str | None:
        """Edit each region with tomlkit; check it by rtoml against the data it should hold.

        A region's tables, read alone, must have the identities the model gives at
        their place; after the edit, exactly the old data with the edit made; and
        the identities of all tables of each kind, the model's after the edit.
        """
        import rtoml
        import tomlkit

        pieces: list[str] = []
        parts: list[tuple[int, int, dict]] = []
        # how far the model's records before and after the edit have been matched
        done = {kind: [0, 0] for kind in expected}
        at = 0
        for region in regions:
            old = self.text[region.start : region.end]
            doc = tomlkit.parse(old)
            want = rtoml.loads(old)
            counts = {}
            for kind, e in expected.items():
                first, counts[kind] = self._elements_in(kind, region)
                if list(map(e.table, want.get(kind, []))) != e.old(first, first + counts[kind]):
                    return None  # the slice is not what the model says stands there
                if not _untouched(e, done[kind], first):
                    return None

            def local(kind: str, index: int, start: int = region.start) -> int:
                return index - bisect.bisect_left(self._element_starts(kind), start)

            for step in region.steps:
                step.run(doc, local)
                step.want(want, local)
            new = doc.as_string()
            if rtoml.loads(new) != want:
                return None
            for kind, e in expected.items():
                tables = list(map(e.table, want.get(kind, [])))
                before, after = done[kind]
                if tables != e.new(after, after + len(tables)):
                    return None
                done[kind] = [before + counts[kind], after + len(tables)]
            pieces += [self.text[at : region.start], new]
            parts.append((region.start, region.end, want))
            at = region.end
        pieces.append(self.text[at:])
        if not all(_untouched(e, done[k], len(e.before), last=True) for k, e in expected.items()):
            return None
        text = "".join(pieces)
        if self._multiline_strings() and not self._whole_file(text, parts, expected):
            return None
        return text

    def _elements_in(self, kind: str, region: _Region) -> tuple[int, int]:
        """The index of the first ``[[kind]]`` table in ``region`` and how many are there."""
        starts = self._element_starts(kind)
        first = bisect.bisect_left(starts, region.start)
        return first, bisect.bisect_left(starts, region.end) - first

    def _whole_file(
        self, text: str, parts: list[tuple[int, int, dict]], expected: dict[str, Expected]
    ) -> bool:
        """The new file read whole: each kind's identities, each slice's tables in place.

        Without multi-line strings a header line can only be a header, and the
        slices alone say it all; with some, the scan may have been misled.
        """
        import rtoml

        data = rtoml.loads(text)
        for kind, e in expected.items():
            tables = data.get(kind, [])
            if not isinstance(tables, list) or list(map(e.table, tables)) != e.new(0, len(e.after)):
                return False
        shift: dict[str, int] = {}
        for start, end, part in parts:
            arrays = {k for k, v in part.items() if isinstance(v, list)} | set(expected)
            for kind in sorted(arrays):
                tables = part.get(kind, [])
                first, count = self._elements_in(kind, _Region(start, end))
                base = first + shift.get(kind, 0)
                if data.get(kind, [])[base : base + len(tables)] != tables:
                    return False
                shift[kind] = shift.get(kind, 0) + len(tables) - count
        return True


def _untouched(e: Expected, done: list[int], stop: int, last: bool = False) -> bool:
    """The model's records up to ``stop`` (before the edit), outside the slices, unchanged.

    ``done`` holds how far the records before and after the edit are matched; the
    next ``stop - done[0]`` of each must be the same (the same objects, mostly),
    and then it moves on. ``last``: they must also be the last records after it.
    """
    before, after = done
    count = stop - before
    if list(e.before[before:stop]) != list(e.after[after : after + count]):
        return False
    done[:] = [stop, after + count]
    return not last or after + count == len(e.after)


@functools.cache
def _patterns(kind: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The header lines of ``[[kind]]``; of it and its sub-tables; of anything else."""
    name = re.escape(kind)
    key = rf"(?:{name}|\"{name}\"|'{name}')"
    element = re.compile(rf"\n[ \t]*\[\[[ \t]*{key}[ \t]*\]\][ \t]*(?:#[^\r\n]*)?\r?$", re.M)
    related = re.compile(rf"\n[ \t]*\[\[?[ \t]*{key}[ \t]*[.\]]")
    other = re.compile(rf"\n[ \t]*\[(?!\[?[ \t]*{key}[ \t]*[.\]])")
    return element, related, other


def _readable(m: re.Match[str]) -> bool:
    """Whether a header line (a match of ``_HEADER``) has brackets that pair and a plain key."""
    first = _FIRST_KEY.match(m.group(2))
    if first is None or (m.group(1) == "[") != (m.group(3) == "]"):
        return False
    rest = m.group(2)[first.end() :].strip()
    return not rest or rest.startswith(".")


def _change_step(spans: _Spans, kind: str, index: int, edit: Callable[[Any, Put], None]) -> _Step:
    def run(doc: Any, local: Callable[[str, int], int]) -> None:
        edit(doc[kind][local(kind, index)], set_key)

    def want(data: Any, local: Callable[[str, int], int]) -> None:
        edit(data[kind][local(kind, index)], put_item)

    return _Step(spans.starts[index], spans.ends[index], run, want)


def _append_step(spans: _Spans, kind: str, first: int, edit: Append) -> _Step:
    def run(doc: Any, _local: Callable[[str, int], int]) -> None:
        append_case_table(doc, kind, new_table(edit.pairs), before=edit.before)

    def want(data: Any, _local: Callable[[str, int], int]) -> None:
        data.setdefault(kind, []).append(dict(edit.pairs))

    return _Step(spans.starts[first], spans.ends[-1], run, want)


def _removal_step(start: int, end: int, kind: str, index: int) -> _Step:
    def run(doc: Any, local: Callable[[str, int], int]) -> None:
        remove_table(doc, kind, local(kind, index))

    def want(data: Any, local: Callable[[str, int], int]) -> None:
        del data[kind][local(kind, index)]
        if not data[kind]:
            del data[kind]

    return _Step(start, end, run, want)
