"""Options checked before a command runs, and OS errors worded in the user's language.

Every bad value is a :class:`UsageError` (exit 2) that names it; nothing reaches
the engine, numpy or Textual that they would refuse with a traceback.
"""

from __future__ import annotations

import datetime as _dt
import errno
from pathlib import Path

from sieve.cli.common import UsageError
from sieve.i18n import t
from sieve.load.bounds import DATE_HIGH, DATE_LOW

#: Terminal sizes a screenshot may take: (columns, rows), low and high.
SIZE_LOW = (20, 8)
SIZE_HIGH = (500, 200)

#: Monte Carlo draws allowed: the draws × cases scores are held in memory at once.
DRAWS_HIGH = 100_000

#: The OS errors worded by the catalogue; others keep the system's words.
_OS_KEYS = {
    errno.ENOENT: "cli.os.not_found",
    errno.EACCES: "cli.os.denied",
    errno.EPERM: "cli.os.denied",
    errno.EISDIR: "cli.os.is_folder",
    errno.ENOTDIR: "cli.os.not_folder",
    errno.EROFS: "cli.os.read_only",
    errno.ENOSPC: "cli.os.full",
}


def os_message(exc: OSError) -> str:
    """``path: what went wrong``, in the user's language when sieve knows the error."""
    path = exc.filename or ""
    key = _OS_KEYS.get(exc.errno or 0)
    if key is not None:
        return t(key, path=path)
    return t("cli.os.other", path=path, error=exc.strerror or exc)


def in_range(option: str, value: float, low: float, high: float | None) -> None:
    """Refuse ``value`` of ``option`` outside ``low``..``high`` (``None``: no upper bound)."""
    if not (low <= value and (high is None or value <= high)):
        shown = "∞" if high is None else high
        raise UsageError(t("problem.value.range", key=option, low=low, high=shown, found=value))


def screen_size(raw: str) -> tuple[int, int]:
    """``WIDTHxHEIGHT`` as two numbers within :data:`SIZE_LOW` .. :data:`SIZE_HIGH`."""
    size = raw.lower().split("x")
    if len(size) != 2 or not all(part.isdigit() for part in size):
        raise UsageError(t("cli.screenshot.bad_size", size=raw))
    width, height = int(size[0]), int(size[1])
    bounds = zip((width, height), SIZE_LOW, SIZE_HIGH, strict=True)
    if not all(low <= v <= high for v, low, high in bounds):
        raise UsageError(
            t(
                "cli.screenshot.size_range",
                size=raw,
                low="x".join(map(str, SIZE_LOW)),
                high="x".join(map(str, SIZE_HIGH)),
            )
        )
    return width, height


def theme(name: str) -> str:
    """A Textual theme the app knows."""
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        raise UsageError(t("cli.screenshot.bad_theme", theme=name, known=", ".join(BUILTIN_THEMES)))
    return name


def output_file(raw: str) -> Path:
    """A file that can be written: its folder exists, and it is not itself a folder."""
    path = Path(raw)
    if path.is_dir():
        raise UsageError(t("cli.os.is_folder", path=path))
    folder = path.parent
    if not folder.exists():
        raise UsageError(t("cli.os.no_folder", path=folder))
    if not folder.is_dir():
        raise UsageError(t("cli.os.not_folder", path=folder))
    return path


def iso_date(value: str | None) -> _dt.date | None:
    """A ``--date YYYY-MM-DD`` option within the dates a file may hold, or ``None``."""
    if value is None:
        return None
    try:
        date = _dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(t("cli.error.bad_date", value=value)) from None
    if not DATE_LOW <= date <= DATE_HIGH:
        raise UsageError(t("cli.error.date_range", value=value, low=DATE_LOW, high=DATE_HIGH))
    return date
