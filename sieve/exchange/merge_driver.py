"""`sieve merge-driver`: the three-way merge as git runs it on the files of a repository.

git hands over the three versions (%O base, %A ours, %B theirs) and takes the result
in OURS; a non-zero exit leaves the file as a conflict (git keeps the three versions,
``git show :1:PATH`` / ``:2:`` / ``:3:``). A conflict reported is always visible in the
file between ``<<<<<<< ours`` / ``=======`` / ``>>>>>>> theirs``.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.exchange.merge3 import Unmarkable, merge_texts
from sieve.i18n import t
from sieve.load.fields import show, split_bom
from sieve.locations import read_regular
from sieve.text import literal

VERSIONS = ("base", "ours", "theirs")

#: The driver's exit statuses: merged, conflicts marked in the file, a version that is
#: not UTF-8 text (nothing written).
MERGED, CONFLICT, UNREADABLE = 0, 1, 2


@dataclass
class DriverOutcome:
    """What the driver did: its exit status, the lines for stderr, the conflicts marked."""

    status: int = MERGED
    messages: list[str] = field(default_factory=list)
    marked: int = 0


def merge_driver(base: Path, ours: Path, theirs: Path, shown: str | None = None) -> DriverOutcome:
    """Merge like a git driver: write the result into ``ours``; say what happened.

    Files that sieve cannot merge table by table (not TOML, kept byte for byte by no
    parser, or a conflict that no line can show) fall back to git's line merge; a
    line merge that does not parse, when a version was TOML, is a conflict with
    theirs' changes marked. A version that is not UTF-8 leaves ``ours`` untouched.
    """
    from sieve.save.document import atomic_write

    paths = [Path(p) for p in (base, ours, theirs)]
    name = shown or str(ours)
    texts: list[str] = []
    boms: list[str] = []  # a byte order mark is merged apart: ours' is kept
    for label, path in zip(VERSIONS, paths, strict=True):
        data = read_regular(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return DriverOutcome(UNREADABLE, [_not_utf8(name, label, data, exc.start)])
        bom, text = split_bom(text.replace("\r\n", "\n").replace("\r", "\n"))  # as read_text
        texts.append(text)
        boms.append(bom)
    try:
        result = merge_texts(*texts)
        if not result.conflicts:
            _parse(result.text)  # a clean merge must still be TOML
    except Unmarkable:
        return _line_merge(paths, texts, name, t("exchange.merge.unmarkable", path=name), boms[1])
    except Exception as exc:  # noqa: BLE001 - a git driver falls back, never a traceback
        error = literal(str(exc) or type(exc).__name__)
        why = t("exchange.merge.not_toml", path=name, error=error)
        return _line_merge(paths, texts, name, why, boms[1])
    atomic_write(paths[1], (boms[1] + result.text).encode("utf-8"))
    lines = [
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
    return DriverOutcome(CONFLICT if lines else MERGED, lines, len(lines))


def _not_utf8(name: str, label: str, data: bytes, start: int) -> str:
    return t(
        "exchange.merge.not_utf8",
        path=name,
        version=t(f"exchange.merge.version.{label}"),
        line=data.count(b"\n", 0, start) + 1,
        byte=f"0x{data[start]:02x}",
    )


def _parse(text: str) -> None:
    import rtoml

    rtoml.loads(text)


def _merge_value(value: Any) -> str:
    if value is None:
        return t("exchange.merge.absent")
    if isinstance(value, dict):
        return "{…}"
    return literal(show(value, 60))


def _line_merge(
    paths: list[Path], texts: list[str], name: str, why: str, bom: str = ""
) -> DriverOutcome:
    """git's line merge (``git merge-file``); a result that does not parse is a conflict.

    ``texts`` are the versions without their byte order mark; ``bom`` is ours', kept.
    """
    from sieve.save.document import atomic_write

    base, ours, theirs = (str(p) for p in paths)
    command = ["git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs"]
    try:
        done = subprocess.run([*command, ours, base, theirs], capture_output=True, check=False)
    except OSError:
        done = None
    if done is not None and 0 < done.returncode < 128:  # the number of conflicts marked
        atomic_write(paths[1], done.stdout)
        return DriverOutcome(CONFLICT, [why], done.returncode)
    if done is None or done.returncode:  # no git to merge lines: ours and theirs, marked
        marked, count = _mark_changes(texts[1], texts[2], texts[2])
        atomic_write(paths[1], (bom + marked).encode("utf-8"))
        return DriverOutcome(CONFLICT, [why], count)
    merged = split_bom(done.stdout.decode("utf-8"))[1]
    broken = _broken(texts, merged)
    if broken is None:
        atomic_write(paths[1], done.stdout)
        return DriverOutcome(MERGED)
    marked, count = _mark_changes(texts[1], merged, texts[2])
    atomic_write(paths[1], marked.encode("utf-8"))
    said = t("exchange.merge.broken", path=name, where=broken)
    return DriverOutcome(CONFLICT, [why, said], count)


def _broken(texts: list[str], merged: str) -> str | None:
    """Why a line merge is not TOML (None: it is, or no version ever was: not ours to say)."""
    errors = {label: _error(text) for label, text in zip(VERSIONS, texts, strict=True)}
    result = _error(merged)
    if result is None or all(errors.values()):
        return None
    for label in ("theirs", "ours"):
        if errors[label] is not None:
            line, message = errors[label]
            version = t(f"exchange.merge.version.{label}")
            return t("exchange.merge.broken.version", version=version, line=line, error=message)
    return t("exchange.merge.broken.result", error=result[1])


def _error(text: str) -> tuple[str, str] | None:
    """(line, message) of the first TOML error in ``text``; None when it parses."""
    try:
        _parse(text)
    except Exception as exc:  # noqa: BLE001 - rtoml raises its own error types
        message = str(exc)
        found = re.search(r" at line (\d+) column \d+", message)
        line = found.group(1) if found else "?"
        return line, literal(re.sub(r" at line \d+ column \d+", "", message))
    return None


def _mark_changes(ours: str, merged: str, theirs: str) -> tuple[str, int]:
    """``merged`` with every place it differs from ``ours`` between conflict markers.

    Taking ``ours`` everywhere gives our version back, ``theirs`` everywhere the line
    merge. When the line merge is ours as it was, ours and theirs are set side by side.
    """
    mine = ours.splitlines(keepends=True)
    other = merged.splitlines(keepends=True)
    blocks = difflib.SequenceMatcher(None, mine, other, autojunk=False).get_opcodes()
    if all(op == "equal" for op, *_ in blocks):
        other = theirs.splitlines(keepends=True)
        blocks = [("replace", 0, len(mine), 0, len(other))]
    out: list[str] = []
    count = 0
    for op, i1, i2, j1, j2 in blocks:
        if op == "equal":
            out += mine[i1:i2]
            continue
        count += 1
        out += ["<<<<<<< ours\n", *_lines(mine[i1:i2]), "=======\n"]
        out += [*_lines(other[j1:j2]), ">>>>>>> theirs\n"]
    return "".join(out), count


def _lines(lines: list[str]) -> list[str]:
    """Lines that all end with a newline (the last line of a file may not)."""
    return [line if line.endswith("\n") else line + "\n" for line in lines]
