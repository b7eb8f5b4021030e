"""Property: random edit pairs on the shipped files, merged by `sieve merge-driver`.

Each side changes different values (scalars, arrays, one key of an inline table),
adds keys, adds or deletes `[[…]]` entries. A clean merge holds both sides' changes;
a reported conflict is visible in the file. Without deletions the merge is clean (two
deletions side by side can move a comment into a deleted entry: a conflict, shown).
Sometimes both sides also set one value two ways: the merge is then a visible conflict.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sieve.cli.main import main

#: A decision journal and a calendar, as `sieve decide` / `sieve review` and the
#: calendar screen write them: arrays of tables keyed by `case` and `number`.
JOURNAL = """
[[decision]]
id = "d1"
date = 2016-06-20
cases = ["carte-max/prototype-appli", "periscolaire/parcours-familles"]

[[decision.case]]
case = "carte-max/prototype-appli"
score = 0.828431
outcome = 2

[[decision.case]]
case = "periscolaire/parcours-familles"
score = 0.705882

[portfolio]
max_cases = 4

[[portfolio.case]]
case = "carte-max/prototype-appli"
sessions = [1, 2]

[[portfolio.case]]
case = "periscolaire/parcours-familles"
sessions = [3, 4]

[[portfolio.session]]
number = 3
days = 2
"""


def _shipped() -> dict[str, str]:
    names = ["criteria/transfo.toml", "sessions/mulhouse.toml", "sessions/paris.toml"]
    names += ["sessions/paris-scores/agnes.toml"]
    files = {name: (PROJECT / name).read_text(encoding="utf-8") for name in names}
    files["sessions/mulhouse.toml + journal"] = files["sessions/mulhouse.toml"] + JOURNAL
    return files


FILES = _shipped()

#: The fields that name an entry of an array of tables: changing one is a rename.
KEY_FIELDS = {"id", "case", "number", "from", "to"}

HEADER = re.compile(r"^\[(\[)?\s*([A-Za-z0-9_.-]+)\s*\]")
KEY_LINE = re.compile(r'^(?P<key>"[^"]*"|[A-Za-z0-9_-]+)\s*=\s*(?P<rest>.*)$')
BARE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Line:
    """A one-line ``key = value`` of the file, at ``path`` in the data."""

    no: int
    path: tuple
    key: str
    value: object


@dataclass(frozen=True)
class Entry:
    """A top-level ``[[name]]`` entry keyed by id: its lines ``start`` to ``end``."""

    name: str
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Shape:
    text: str
    data: dict
    lines: tuple[Line, ...]
    tables: tuple[tuple[int, tuple], ...]
    entries: tuple[Entry, ...]
    marked: tuple[tuple, ...]
    """Tables holding a boolean, and the entries of [[decision]] and [portfolio]."""


def _get(data, path):
    for step in path:
        data = data[step]
    return data


def shape(text: str) -> Shape:
    data = tomllib.loads(text)
    rows = text.split("\n")
    counts: dict[tuple, int] = {}
    path: tuple = ()
    lines, tables, heads = [], [], []
    for no, row in enumerate(rows):
        head = HEADER.match(row)
        if head:
            names = tuple(head.group(2).split("."))
            path = ()
            for i, name in enumerate(names):
                path += (name,)
                if names[: i + 1] in counts and i < len(names) - 1:
                    path += (counts[names[: i + 1]],)
            if head.group(1):
                counts[names] = counts.get(names, -1) + 1
                for known in [k for k in counts if k[: len(names)] == names and k != names]:
                    del counts[known]
                path += (counts[names],)
            tables.append((no, path))
            heads.append((no, names if head.group(1) else None, path))
            continue
        found = KEY_LINE.match(row)
        if found is None:
            continue
        key = next(iter(tomllib.loads(f"{found['key']} = 0")))
        try:
            value = _get(data, (*path, key))
            alone = tomllib.loads("x = " + found["rest"])["x"]
        except (KeyError, IndexError, TypeError, tomllib.TOMLDecodeError):
            continue
        aot = isinstance(value, list) and value and isinstance(value[0], dict)
        naming = key in KEY_FIELDS or (key == "kind" and path[:1] == ("relation",))
        if alone == value and not aot and not (naming and isinstance(path[-1], int)):
            lines.append(Line(no, (*path, key), found["key"], value))
    entries = []
    for i, (no, names, path) in enumerate(heads):
        if names is None or len(names) != 1 or names[0] == "relation":
            continue
        # the entry runs over its own sub-tables ([[decision.case]] under [[decision]])
        after = [h for h in heads[i + 1 :] if not (h[1] and len(h[1]) > 1 and h[1][0] == names[0])]
        end = after[0][0] if after else len(rows)
        while end > no + 1 and (not rows[end - 1].strip() or rows[end - 1].startswith("#")):
            end -= 1
        entries.append(Entry(names[0], path[-1], no, end))
    marked = tuple(
        path
        for _no, path in tables
        if path[:1] in (("decision",), ("portfolio",))
        or any(isinstance(v, bool) for v in _get(data, path).values())
    )
    return Shape(text, data, tuple(lines), tuple(tables), tuple(entries), marked)


SHAPES = {name: shape(text) for name, text in FILES.items()}

# -- values and their TOML text -----------------------------------------------------

words = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=10)
scalars = st.one_of(
    st.integers(min_value=-1000, max_value=10**6),
    st.booleans(),
    words,
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3))


def toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    inner = ", ".join(f"{toml_key(k)} = {toml(v)}" for k, v in value.items())
    return "{ " + inner + " }" if inner else "{}"


def toml_key(key: str) -> str:
    return key if BARE.match(key) else json.dumps(key, ensure_ascii=False)


# -- edits --------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One change: ``claim`` is what it touches (two sides' claims never overlap)."""

    kind: str  # set, delete, add, key
    claim: tuple
    site: tuple  # the lines it writes: ("line", no), ("after", no) or ("range", start, end)
    line: Line | None = None
    inner: str | None = None
    value: object = None
    entry: Entry | None = None
    table: tuple = ()


@st.composite
def edits(draw, shp: Shape, side: str, near: tuple[Line, ...]) -> Edit:
    kind = draw(st.sampled_from(["set", "set", "set", "delete", "add", "key"]))
    if kind == "delete" and shp.entries:
        entry = draw(st.sampled_from(shp.entries))
        site = ("range", entry.start, entry.end)
        return Edit("delete", (entry.name, entry.index), site, entry=entry)
    if kind == "add" and shp.entries:
        entry = draw(st.sampled_from(shp.entries))
        ident = f"{side}-{draw(st.integers(0, 10**6))}"
        value = {"id": ident, "label": draw(words)}
        site = ("after", entry.end, ident)
        return Edit("add", (entry.name, ident), site, entry=entry, value=value)
    if kind == "key":
        no, path = draw(st.sampled_from(shp.tables))
        key = f"{side}-{draw(st.integers(0, 10**6))}"
        return Edit("key", (*path, key), ("after", no + 1, key), table=path, value=draw(values))
    line = draw(st.sampled_from(near or shp.lines))
    inner = None
    if isinstance(line.value, dict) and line.value and draw(st.booleans()):
        inner = draw(st.sampled_from(sorted(line.value)))
    old = line.value[inner] if inner else line.value
    value = draw(values.filter(lambda v: v != old or type(v) is not type(old)))
    claim = (*line.path, inner) if inner else line.path
    return Edit("set", claim, ("line", line.no), line=line, inner=inner, value=value)


def overlap(a: tuple, b: tuple) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def apply_text(shp: Shape, side: list[Edit]) -> str:
    rows = shp.text.split("\n")
    replaced: dict[int, str] = {}
    deleted: set[int] = set()
    inserted: dict[int, list[str]] = {}
    for edit in side:
        if edit.kind == "set":
            value = edit.value
            if edit.inner:
                value = {**edit.line.value, edit.inner: edit.value}
            replaced[edit.line.no] = f"{edit.line.key} = {toml(value)}"
        elif edit.kind == "delete":
            deleted.update(range(edit.entry.start, edit.entry.end))
        elif edit.kind == "add":
            body = [f"[[{edit.entry.name}]]", *(f"{k} = {toml(v)}" for k, v in edit.value.items())]
            inserted.setdefault(edit.entry.end, []).extend(["", *body])
        else:
            inserted.setdefault(edit.site[1], []).append(f"{edit.claim[-1]} = {toml(edit.value)}")
    out: list[str] = []
    for no in range(len(rows) + 1):
        out += inserted.get(no, [])
        if no < len(rows) and no not in deleted:
            out.append(replaced.get(no, rows[no]))
    return "\n".join(out)


def apply_data(data: dict, edits: list[Edit]) -> dict:
    data = copy.deepcopy(data)
    gone = []
    for edit in edits:
        if edit.kind == "set":
            _get(data, edit.claim[:-1])[edit.claim[-1]] = edit.value
        elif edit.kind == "key":
            _get(data, edit.table)[edit.claim[-1]] = edit.value
        elif edit.kind == "add":
            data[edit.entry.name].append(edit.value)
        else:
            gone.append(edit.entry)
    for entry in sorted(gone, key=lambda e: -e.index):
        del data[entry.name][entry.index]
        if not data[entry.name]:
            del data[entry.name]  # no entry left: no array
    return data


def normal(value):
    """Order of `[[…]]` entries and of keys aside (theirs' new entries come after ours)."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [normal(v) for v in value]
        if items and all(isinstance(v, dict) for v in items):
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, default=str))
        return items
    return value


@st.composite
def scenarios(draw):
    name = draw(st.sampled_from(sorted(SHAPES)))
    shp = SHAPES[name]
    # mostly edits close together (one table, one entry): where a line merge fails; half
    # of the time in a table holding a boolean or in the journal and the calendar
    _no, focus = draw(st.sampled_from(shp.tables))
    if shp.marked and draw(st.booleans()):
        focus = draw(st.sampled_from(shp.marked))
    near = tuple(line for line in shp.lines if line.path[: len(focus)] == focus)
    near = near if draw(st.integers(0, 3)) else ()
    sides: dict[str, list[Edit]] = {"ours": [], "theirs": []}
    for label in draw(st.permutations(["ours", "theirs", "ours", "theirs", "ours", "theirs"])):
        edit = draw(edits(shp, label, near))
        taken = [e for edits in sides.values() for e in edits]
        if any(overlap(edit.claim, e.claim) or _same_site(edit, e) for e in taken):
            continue
        sides[label].append(edit)
    clash = None
    taken = [e for edits in sides.values() for e in edits]
    free = [
        line
        for line in shp.lines
        if not isinstance(line.value, dict) and not any(overlap(line.path, e.claim) for e in taken)
    ]
    if free and draw(st.integers(0, 3)) == 0:
        line = draw(st.sampled_from(free))
        clash = 10**7 + draw(st.integers(0, 99))
        for label, value in (("ours", clash), ("theirs", clash + 1)):
            sides[label].append(Edit("set", line.path, ("line", line.no), line=line, value=value))
    return name, sides, clash


def _same_site(a: Edit, b: Edit) -> bool:
    """Two edits writing the same lines (kept apart so that each side's text is sure)."""
    if a.site[0] == "line" and b.site[0] == "line":
        return a.site == b.site
    return False


def merge(name: str, texts: dict[str, str]) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for label, text in texts.items():
            paths[label] = Path(folder) / f"{label}.toml"
            paths[label].write_text(text, encoding="utf-8")
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            argv = ["merge-driver", *(str(paths[k]) for k in ("base", "ours", "theirs")), name]
            status = main(argv)
        return status, paths["ours"].read_text(encoding="utf-8"), err.getvalue()


def _marked(text: str) -> bool:
    rows = text.split("\n")
    starts = [i for i, row in enumerate(rows) if row == "<<<<<<< ours"]
    return bool(starts) and all(
        "=======" in rows[i:] and ">>>>>>> theirs" in rows[i:] for i in starts
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_random_edit_pairs_merge_with_both_sides_or_a_visible_conflict(scenario):
    name, sides, clash = scenario
    shp = SHAPES[name]
    texts = {"base": shp.text}
    for label, side in sides.items():
        texts[label] = apply_text(shp, side)
    for label in ("ours", "theirs"):
        assert normal(tomllib.loads(texts[label])) == normal(apply_data(shp.data, sides[label]))
    status, merged, err = merge(name, texts)
    assert "Traceback" not in err
    deletes = any(e.kind == "delete" for side in sides.values() for e in side)
    # tomlkit cannot keep some documents byte for byte (a date inside an inline table,
    # found by this test): the driver then merges by lines, and adjacent changes make a
    # visible conflict. That is safe; any other refusal of a clean pair is a bug.
    by_lines = "tomlkit cannot keep this file byte for byte" in err
    if clash is None and not deletes and not by_lines:
        assert status == 0, err
    if status == 0:
        assert clash is None
        assert not _marked(merged)
        expected = apply_data(shp.data, sides["ours"] + sides["theirs"])
        assert normal(tomllib.loads(merged)) == normal(expected)
    else:
        assert status == 1, err
        assert _marked(merged), err
    if clash is not None:
        assert f"{clash}\n=======" in merged and f"{clash + 1}\n>>>>>>> theirs" in merged
