"""The edits of scores and notes the Workbench makes and undoes, as records (no Textual).

:class:`Edit` is one value changed, :class:`FilesEdit` a structural edit undone by putting
bytes back; :func:`apply_edit` gives the session with one edit applied (the Workbench's
in-memory copy and its copy of the disk); :func:`row_of` the edits a flush writes together.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace

from sieve.locations import read_regular
from sieve.model import Session
from sieve.records import record
from sieve.save.document import digest

SCORE = "score"
NOTE = "note"


@record
class Edit:
    """One change of one value, with the value it replaced (``None``: absent)."""

    kind: str
    """:data:`SCORE` or :data:`NOTE`."""
    scorer: str
    key: str
    """A subject id or a case key ``subject/angle``."""
    criterion: str
    """The criterion of a score edit; ``""`` for a note."""
    before: int | str | None
    after: int | str | None

    def inverse(self) -> Edit:
        return replace(self, before=self.after, after=self.before)


@dataclass(frozen=True)
class FilesEdit:
    """A structural edit (tamis, cases...), undone by putting the files' bytes back."""

    before: dict[Path, bytes]
    """Each file written, as it was before the edit."""
    after: dict[Path, str]
    """Each file's digest just after the edit: undo refuses a file changed since."""


def file_digest(path: Path) -> str | None:
    """The digest of the file's bytes now, ``None`` when it cannot be read."""
    try:
        return digest(read_regular(Path(path)))
    except OSError:
        return None


def _with_value(
    mapping: dict[str, dict], key: str, field_name: str | None, value: object | None
) -> dict[str, dict]:
    """A copy of ``scorer's rows`` with one value set (or removed, for ``None``).

    For scores ``mapping`` is key -> criterion -> level and ``field_name`` is the
    criterion; for notes it is key -> text and ``field_name`` is ``None``.
    """
    rows = dict(mapping)
    if field_name is None:
        if value is None:
            rows.pop(key, None)
        else:
            rows[key] = value
        return rows
    row = dict(rows.get(key, {}))
    if value is None:
        row.pop(field_name, None)
    else:
        row[field_name] = value
    if row:
        rows[key] = row
    else:
        rows.pop(key, None)
    return rows


def apply_edit(
    session: Session,
    edit: Edit,
    written: list[Path] | None = None,
    digests: dict[Path, str] | None = None,
) -> Session:
    """The session with one edit applied, sharing everything it does not change.

    Args:
        session: the session before the edit.
        edit: the edit.
        written: when given, the files the edit was saved to: their raw rows in
            ``score_origin`` / ``note_origin`` are updated too (a file written
            for the first time for this scorer is added at the end), and their
            digests are read back.
        digests: when given, the files the save rewrote and the digests of the
            bytes it wrote (the writer's ``changed``): those are recorded instead
            of reading the files back, so that a write by someone else just after
            ours is still noticed; a file of ``written`` not rewritten keeps its
            digest.
    """
    is_score = edit.kind == SCORE
    field_name = edit.criterion if is_score else None
    values = session.scores if is_score else session.notes
    new_values = dict(values)
    new_values[edit.scorer] = _with_value(
        values.get(edit.scorer, {}), edit.key, field_name, edit.after
    )
    changes: dict[str, object] = {"scores" if is_score else "notes": new_values}
    if written is not None:
        origin_name = "score_origin" if is_score else "note_origin"
        origin = getattr(session, origin_name)
        sources = list(origin.get(edit.scorer, ()))
        for path in written:
            for i, (source, rows) in enumerate(sources):
                if source == path:
                    sources[i] = (source, _with_value(rows, edit.key, field_name, edit.after))
                    break
            else:
                sources.append((path, _with_value({}, edit.key, field_name, edit.after)))
        new_origin = dict(origin)
        new_origin[edit.scorer] = tuple(sources)
        changes[origin_name] = new_origin
        known = dict(session.digests)
        for path in written:
            if digests is not None and path in digests:
                known[path] = digests[path]
            elif digests is None or path not in known:
                known[path] = file_digest(path) or ""
        changes["digests"] = known
    return replace(session, **changes)


def row_of(pending: list[Edit]) -> list[Edit]:
    """The score edits at the head of ``pending`` on one scorer's one key, each criterion once
    (a room's page): :meth:`Workbench.flush` writes them together."""
    head = pending[0]
    row: list[Edit] = []
    seen: set[str] = set()
    for edit in pending:
        if (
            edit.kind != SCORE
            or (edit.scorer, edit.key) != (head.scorer, head.key)
            or edit.criterion in seen
        ):
            break
        row.append(edit)
        seen.add(edit.criterion)
    return row


class LazyEdits:
    """The public functions of some :mod:`sieve.save` modules, as attributes; the modules
    are imported on first use (the writers and tomlkit cost a noticeable part of the
    app's start, and most sessions are opened to be looked at and scored)."""

    def __init__(self, *modules: str) -> None:
        self._modules = modules
        self._found: SimpleNamespace | None = None

    def _load(self) -> SimpleNamespace:
        if self._found is None:
            loaded = [importlib.import_module(name) for name in self._modules]
            self._found = SimpleNamespace(
                **{
                    name: value
                    for module in loaded
                    for name, value in vars(module).items()
                    if not name.startswith("_")
                    and getattr(value, "__module__", None) == module.__name__
                }
            )
        return self._found

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._load(), name)

    def __dir__(self) -> list[str]:
        return sorted(vars(self._load()))
