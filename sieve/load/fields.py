"""The toolkit of every reader: a file's problems, typed field access, TOML parsing."""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import re
from pathlib import Path
from typing import Any

import rtoml

from sieve import FORMAT_VERSION
from sieve.errors import ERROR, WARNING, Problem
from sieve.load import bounds
from sieve.load.locate import Locator
from sieve.locations import NotRegularFileError, read_regular
from sieve.model import ID_PATTERN

_SYNTAX_POSITION = re.compile(r"line (\d+),? column (\d+)")


_NUMBER = (int, float)

#: The UTF-8 byte order mark some editors (Notepad...) write first: read past, kept on write.
BOM = "\ufeff"


def split_bom(text: str) -> tuple[str, str]:
    """``(BOM, the rest)`` when ``text`` starts with a byte order mark, else ``("", text)``.

    Readers parse the rest (positions then count from the first character a person
    sees); every writer puts the BOM back in front of what it writes.
    """
    return (BOM, text[1:]) if text.startswith(BOM) else ("", text)


class FileCheck:
    """The problems of one file, located lazily in its text."""

    def __init__(self, path: Path, text: str = "") -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.digest = ""
        self._locator: Locator | None = None

    def add(self, at: tuple, code: str, severity: str = ERROR, /, **params: Any) -> None:
        if self._locator is None:
            self._locator = Locator(self.text)
        line, col = self._locator.find(at)
        self.problems.append(Problem(self.path, line, col, code, params, severity))

    def warn(self, at: tuple, code: str, /, **params: Any) -> None:
        self.add(at, code, WARNING, **params)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def type_name(value: Any) -> str:
    """The TOML type of a parsed value, as a catalogue code (``type.<name>``)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, dict):
        return "table"
    if isinstance(value, list):
        return "array"
    if isinstance(value, _dt.datetime):
        return "datetime"
    if isinstance(value, _dt.date):
        return "date"
    return "other"


def show(value: Any, limit: int = 60) -> str:
    """A value as it would be written in TOML, shortened for a message."""
    if isinstance(value, str):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = "{…}"
    elif isinstance(value, list):
        text = "[…]"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_toml(path: Path, fc: FileCheck | None = None) -> tuple[dict | None, FileCheck]:
    """Parse a TOML file; on failure the ``FileCheck`` holds a located problem."""
    fc = fc or FileCheck(path)
    try:
        raw = read_regular(path)
    except NotRegularFileError:
        fc.problems.append(Problem(path, 1, 1, "io.not_regular", {}))
        return None, fc
    except OSError as exc:
        fc.problems.append(Problem(path, 1, 1, "io.unreadable", {"error": exc.strerror or exc}))
        return None, fc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        fc.problems.append(Problem(path, line, col, "io.encoding", {}))
        return None, fc
    _bom, text = split_bom(text)
    fc.text = text
    fc.digest = hashlib.sha256(raw).hexdigest()
    try:
        data = rtoml.loads(text)
    except (ValueError, TypeError) as exc:  # rtoml.TomlParsingError is a ValueError
        message = str(exc).strip()
        match = _SYNTAX_POSITION.search(message)
        line, col = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        detail = _SYNTAX_POSITION.sub("", message).rstrip(" at").strip() or message
        fc.problems.append(Problem(path, line, col, "toml.syntax", {"error": detail}))
        return None, fc
    return data, fc


def check_format(data: dict, fc: FileCheck) -> bool:
    """The ``format`` key: required, an integer, not newer than ours."""
    if "format" not in data:
        fc.add((), "format.missing", supported=FORMAT_VERSION)
        return False
    value = data["format"]
    if type(value) is not int:
        fc.add(("format",), "format.type", found=show(value))
        return False
    if value > FORMAT_VERSION:
        fc.add(("format",), "format.newer", found=value, supported=FORMAT_VERSION)
        return False
    if value < 1:
        fc.add(("format",), "format.unknown", found=value, supported=FORMAT_VERSION)
        return False
    return True


class Fields:
    """Typed access to one table of a file, recording problems as it goes."""

    def __init__(self, fc: FileCheck, table: Any, where: tuple, known: set[str]) -> None:
        self.fc = fc
        self.where = where
        self.ok = isinstance(table, dict)
        self.table: dict = table if self.ok else {}
        if not self.ok:
            fc.add(
                where,
                "key.type",
                key=dotted(where),
                expected_type="table",
                found_type=type_name(table),
            )
            return
        for key in self.table:
            if key not in known:
                fc.warn(where + (key,), "key.unknown", key=key, where=dotted(where) or "/")

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.table:
            if required:
                self.fc.add(self.where, "key.missing", key=key, where=dotted(self.where) or "/")
            return None
        return self.table[key]

    def _wrong(self, key: str, expected: str, value: Any) -> None:
        self.fc.add(
            self.where + (key,),
            "key.type_value",
            key=key,
            expected_type=expected,
            found_type=type_name(value),
            found=show(value),
        )

    def str(self, key: str, required: bool = False, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self._wrong(key, "str", value)
            return default
        return value

    def id(self, key: str = "id", required: bool = True) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self._wrong(key, "str", value)
            return None
        if not ID_PATTERN.match(value):
            self.fc.add(self.where + (key,), "id.invalid", found=show(value))
            return None
        return value

    def number(
        self,
        key: str,
        default: float,
        minimum: float | None = 0.0,
        maximum: float | None = None,
        required: bool = False,
    ) -> float:
        """A finite number from ``minimum`` to ``maximum`` (see :mod:`sieve.load.bounds`).

        ``nan`` and the infinities are refused; a missing ``maximum`` is the
        catch-all :data:`bounds.NUMBER`, so that every number read is bounded.
        """
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, _NUMBER):
            self._wrong(key, "number", value)
            return default
        low = bounds.NUMBER.low if minimum is None else minimum
        high = bounds.NUMBER.high if maximum is None else maximum
        if not (math.isfinite(value) and low <= value <= high):
            self._out_of_range(key, value, bounds.plain(low), bounds.plain(high))
            return default
        return float(value)

    def int(
        self, key: str, default: int, low: int, high: int | None, required: bool = False
    ) -> int:
        """An integer from ``low`` to ``high`` (the catch-all :data:`bounds.NUMBER` if ``None``)."""
        value = self._get(key, required)
        if value is None:
            return default
        if type(value) is not int:
            self._wrong(key, "int", value)
            return default
        top = bounds.NUMBER.high if high is None else high
        if not low <= value <= top:
            self._out_of_range(key, value, bounds.plain(low), bounds.plain(top))
            return default
        return value

    def _out_of_range(self, key: str, value: Any, low: str, high: str) -> None:
        self.fc.add(
            self.where + (key,), "value.range", key=key, found=show(value), low=low, high=high
        )

    def bool(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._wrong(key, "bool", value)
            return default
        return value

    def date(self, key: str) -> _dt.date | None:
        """A TOML local date (``2017-01-25``) from :data:`bounds.DATE_LOW` to
        :data:`bounds.DATE_HIGH`, or ``None`` when absent, of another type or out of range."""
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
            self.fc.add(
                self.where + (key,),
                "key.type",
                key=key,
                expected_type="date",
                found_type=type_name(value),
            )
            return None
        if not bounds.DATE_LOW <= value <= bounds.DATE_HIGH:
            self._out_of_range(key, value, str(bounds.DATE_LOW), str(bounds.DATE_HIGH))
            return None
        return value

    def choice(self, key: str, choices: tuple[str, ...], required: bool = True) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if value not in choices:
            self.fc.add(
                self.where + (key,),
                "value.choice",
                key=key,
                found=show(value),
                choices=", ".join(choices),
            )
            return None
        return value

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._wrong(key, "str_list", value)
            return ()
        return tuple(value)


def dotted(where: tuple) -> str:
    out = []
    for part in where:
        if isinstance(part, int):
            out[-1] = f"{out[-1]}[{part + 1}]" if out else f"[{part + 1}]"
        else:
            out.append(part)
    return ".".join(out)


def array_of_tables(data: dict, key: str, fc: FileCheck) -> list[tuple[tuple, Any]]:
    """The ``[[key]]`` tables of ``data`` with their paths (empty when absent)."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        fc.add((key,), "key.type", key=key, expected_type="tables", found_type=type_name(value))
        return []
    return [((key, i), item) for i, item in enumerate(value)]


def unique(fc: FileCheck, seen: set[str], ident: str | None, where: tuple, kind: str) -> bool:
    if ident is None:
        return False
    if ident in seen:
        fc.add(where + ("id",), "id.duplicate", kind=kind, id=ident)
        return False
    seen.add(ident)
    return True


def known_ids(ident: str, known: dict[str, Any], limit: int = 12) -> str:
    """The known ids for a message: all of a short list, else the closest few."""
    if len(known) <= limit:
        return ", ".join(known) or "-"
    import difflib

    close = difflib.get_close_matches(ident, list(known), n=3, cutoff=0.6)
    return ", ".join(close + ["…"])
