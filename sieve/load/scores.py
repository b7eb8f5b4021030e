"""Reading the ``[scores.*]`` and ``[notes.*]`` tables of a session and of its score files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.load.fields import (
    FileCheck,
    known_ids,
    show,
    type_name,
)
from sieve.model import (
    CASE_SEPARATOR,
    Scorer,
    Subject,
    Tamis,
)

SCORE_FILE_KEYS = {"format", "scores", "notes"}


@dataclass
class ScoreSink:
    """Scores and notes gathered from the session file and its score files."""

    scorers: dict[str, Scorer]
    subjects: dict[str, Subject]
    case_keys: set[str]
    tamis: Tamis
    scores: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    origin: dict[str, list[tuple[Path, dict]]] = field(default_factory=dict)
    note_origin: dict[str, list[tuple[Path, dict]]] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)
    """Subjects and cases written in the file but refused: their own problem is
    reported already, so scores and notes naming them add none (subject ids, case
    keys, and ``/angle`` for an angle of any subject)."""

    def _unknown_key(self, fc: FileCheck, table: str, scorer: str, key: str) -> None:
        subject, sep, angle = key.partition(CASE_SEPARATOR)
        if subject in self.refused or (sep and ({key, sep + angle} & self.refused)):
            return
        on_angle = CASE_SEPARATOR in key
        known = sorted(self.case_keys) if on_angle else list(self.subjects)
        fc.add(
            (table, scorer, key),
            "ref.unknown",
            kind="case" if on_angle else "subject",
            id=key,
            known=known_ids(key, dict.fromkeys(known)),
        )

    def _is_table(self, fc: FileCheck, at: tuple, key: str, value: Any) -> bool:
        """Whether ``value`` is a table; if not, the problem is reported at ``at``."""
        if isinstance(value, dict):
            return True
        fc.add(at, "key.type", key=key, expected_type="table", found_type=type_name(value))
        return False

    def _scorer_table(self, fc: FileCheck, table: str, scorer: str, rows: Any) -> bool:
        """Whether ``[table.scorer]`` names a known scorer and is a table (else reported)."""
        if scorer not in self.scorers:
            fc.add(
                (table, scorer),
                "ref.unknown",
                kind="scorer",
                id=scorer,
                known=", ".join(self.scorers) or "-",
            )
            return False
        return self._is_table(fc, (table, scorer), f"{table}.{scorer}", rows)

    def add_scores(self, raw: Any, fc: FileCheck) -> None:
        if raw is None or not self._is_table(fc, ("scores",), "scores", raw):
            return
        # criterion id -> (applies to an angle?, top level, scale id)
        info = {c.id: (c.on_angle, c.scale.top, c.scale.id) for c in self.tamis.criteria}
        subjects = self.subjects
        case_keys = self.case_keys
        # The (criterion, level) pairs valid on each side: a whole row is accepted at
        # once (set inclusion, in C) when every level is an int and every pair valid
        # (True == 1 would pass the pairs, hence the type test; it comes first, as a
        # level written as an array or a table cannot be hashed); else entry by entry.
        valid: dict[bool, set[tuple[str, int]]] = {False: set(), True: set()}
        for crit in self.tamis.criteria:
            valid[crit.on_angle].update((crit.id, n) for n in range(crit.scale.top + 1))
        ints = {int}
        for scorer, rows in raw.items():
            if not self._scorer_table(fc, "scores", scorer, rows):
                continue
            self.origin.setdefault(scorer, []).append((fc.path, rows))
            merged = self.scores.setdefault(scorer, {})
            for key, entries in rows.items():
                on_angle = CASE_SEPARATOR in key
                known = key in case_keys if on_angle else key in subjects
                if (
                    known
                    and type(entries) is dict
                    and key not in merged
                    and set(map(type, entries.values())) <= ints
                    and entries.items() <= valid[on_angle]
                ):
                    merged[key] = entries  # read-only from here on: no copy needed
                    continue
                if not known:
                    self._unknown_key(fc, "scores", scorer, key)
                elif self._is_table(fc, ("scores", scorer, key), key, entries):
                    self._add_entries(fc, scorer, key, entries, merged, info)

    def _add_entries(
        self,
        fc: FileCheck,
        scorer: str,
        key: str,
        entries: dict,
        merged: dict[str, dict[str, int]],
        info: dict[str, tuple[bool, int, str]],
    ) -> None:
        """One row of scores checked entry by entry (the slow path: some entry is wrong,
        or another file scored this case already)."""
        on_angle = CASE_SEPARATOR in key
        row = merged.get(key)
        if row is None:
            row = merged[key] = {}
        for crit, level in entries.items():
            meta = info.get(crit)
            if (
                meta is None
                or meta[0] is not on_angle
                or type(level) is not int
                or not 0 <= level <= meta[1]
            ):
                self._bad_entry(fc, scorer, key, crit, level, meta)
                continue
            previous = row.get(crit)
            if previous is None:
                row[crit] = level
            elif previous != level:
                fc.add(
                    ("scores", scorer, key, crit),
                    "score.conflict",
                    scorer=scorer,
                    key=key,
                    criterion=crit,
                    level=level,
                    other=previous,
                    other_file=self._file_of(scorer, key, crit, fc.path),
                )

    def _bad_entry(
        self, fc: FileCheck, scorer: str, key: str, crit: str, level: Any, meta: tuple | None
    ) -> None:
        where = ("scores", scorer, key, crit)
        if meta is None:
            fc.add(
                where,
                "ref.unknown",
                kind="criterion",
                id=crit,
                known=", ".join(self.tamis.criterion_ids),
            )
        elif meta[0] is not (CASE_SEPARATOR in key):
            fc.add(
                where,
                "score.applies",
                criterion=crit,
                applies_to="angle" if meta[0] else "subject",
                key=key,
            )
        elif type(level) is not int:
            fc.add(
                where,
                "key.type_value",
                key=crit,
                expected_type="int",
                found_type=type_name(level),
                found=show(level),
            )
        else:
            fc.add(
                where, "score.level", criterion=crit, found=show(level), scale=meta[2], top=meta[1]
            )

    def _file_of(self, scorer: str, key: str, crit: str, current: Path) -> str:
        for path, rows in self.origin.get(scorer, ()):
            row = rows.get(key)
            if isinstance(row, dict) and crit in row and path != current:
                return str(path)
        return str(current)

    def add_notes(self, raw: Any, fc: FileCheck) -> None:
        if raw is None or not self._is_table(fc, ("notes",), "notes", raw):
            return
        for scorer, rows in raw.items():
            if not self._scorer_table(fc, "notes", scorer, rows):
                continue
            self.note_origin.setdefault(scorer, []).append((fc.path, rows))
            merged = self.notes.setdefault(scorer, {})
            for key, note in rows.items():
                on_angle = CASE_SEPARATOR in key
                if not (key in self.case_keys if on_angle else key in self.subjects):
                    self._unknown_key(fc, "notes", scorer, key)
                elif not isinstance(note, str):
                    fc.add(
                        ("notes", scorer, key),
                        "key.type",
                        key=key,
                        expected_type="str",
                        found_type=type_name(note),
                    )
                else:
                    merged[key] = note
