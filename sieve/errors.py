"""Problems found in files: what, where, how serious.

A problem carries a message *code* and its parameters rather than a sentence,
so that the command line and the app can word it in the user's language
(see :mod:`sieve.i18n`).
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from sieve.records import record

ERROR = "error"
WARNING = "warning"


@record
class Problem:
    """One problem in one file, at a 1-based line and column."""

    file: Path
    line: int
    col: int
    code: str
    params: dict[str, object] = field(default_factory=dict)
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def render(self, lang: str | None = None, base: Path | None = None) -> str:
        """``file:line:col: severity: message`` in the given language."""
        from sieve.i18n import t

        shown = relative_path(self.file, base)
        return (
            f"{shown}:{self.line}:{self.col}: "
            f"{t('severity.' + self.severity, lang=lang)}: "
            f"{t('problem.' + self.code, lang=lang, **self.params)}"
        )


class SieveError(Exception):
    """Raised when files cannot be used: carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def relative_path(path: Path, base: Path | None) -> str:
    base = base or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except (ValueError, OSError):
        return str(path)


class FileChangedError(Exception):
    """The file changed on disk since it was read: saving would lose someone's work."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class FileBusyError(FileChangedError):
    """Another writer held the file's lock too long: nothing was written (retry)."""

    def __init__(self, path: Path, waited: float) -> None:
        super().__init__(path)
        self.waited = waited


class EditError(Exception):
    """An edit that does not fit the session (unknown id, level outside the scale...)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class ExchangeError(Exception):
    """A refused exchange (unknown id, id taken, scale conflict...): a catalogue code."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str | None = None) -> str:
        from sieve.i18n import t

        return t(self.code, lang=lang, **self.params)
