"""What every exchange shares: provenance of adopted criteria, loading."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sieve.errors import SieveError
from sieve.load.fields import check_format, read_toml
from sieve.load.session import detect_kind
from sieve.load.tamis import load_tamis
from sieve.model import Tamis

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


def plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def number_text(value: float, lang: str | None = None) -> str:
    """A number as short as it is exact: ``3``, ``0,4`` (French) or ``0.4``."""
    from sieve.i18n import current

    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if (lang or current()) == "fr" else text
