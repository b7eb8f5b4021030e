"""`sieve merge-scores`: bring scorers' files into a session; nothing written on a conflict."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sieve.errors import Problem, SieveError
from sieve.i18n import t
from sieve.load.fields import check_format, read_toml
from sieve.load.scores import SCORE_FILE_KEYS, ScoreSink
from sieve.load.session import load_session
from sieve.model import Session
from sieve.save.trivia import add_key

if TYPE_CHECKING:
    from sieve.save.document import TomlDocument

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
    loaded = load_session(Path(session_path))
    session = loaded.session
    if session is None:
        raise SieveError(loaded.errors or loaded.problems)
    new_levels, new_notes = _incoming(session, files)
    result = ScoreMerge()
    target = _ScoreFiles(session)
    for (scorer, key), entries in new_levels.items():
        target.add_levels(scorer, key, entries)
        result.levels += len(entries)
    for (scorer, key), text in new_notes.items():
        target.add_note(scorer, key, text)
        result.notes += 1
    if write:
        for path, document in target.docs.items():
            if document.save():
                result.written.append(path)
    return result


# (scorer, subject or case key) -> what the incoming files bring
_Levels = dict[tuple[str, str], dict[str, int]]
_Notes = dict[tuple[str, str], str]


def _incoming(session: Session, files: list[Path]) -> tuple[_Levels, _Notes]:
    """The levels and notes the files bring that the session lacks, every file checked;
    :class:`SieveError` with every error when any file has one (a conflict included)."""
    case_keys = {k.key for k in session.cases}
    sink = ScoreSink(session.scorers, session.subjects, case_keys, session.tamis)
    sink.scores = copy.deepcopy(session.scores)
    sink.origin = {k: list(v) for k, v in session.score_origin.items()}
    problems: list[Problem] = []
    new_levels: _Levels = {}
    new_notes: _Notes = {}
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
        sink.notes = {}
        sink.add_notes(data.get("notes"), fc)
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
    return new_levels, new_notes


class _ScoreFiles:
    """The session's score files, opened as documents when a level or note goes in."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.docs: dict[Path, TomlDocument] = {}

    def table(self, path: Path, outer: str, scorer: str) -> Any:
        """``[outer.scorer]`` of a file (created at its end when missing)."""
        from sieve.save.document import TomlDocument

        if path not in self.docs:
            self.docs[path] = TomlDocument(path, self.session.digests.get(path))
        return self.docs[path].table(outer, scorer)

    def home(self, scorer: str, table: str) -> Path:
        """The file a scorer's new rows go to: where they have rows already, else their
        own score file (named after them), else the session file."""
        session = self.session
        origins = session.note_origin if table == "notes" else session.score_origin
        held = [p for p, _rows in origins.get(scorer, ())]
        held += [p for p, _rows in session.score_origin.get(scorer, ())]
        if held:
            return held[0]
        named = [p for p in session.score_files if p.stem == scorer]
        return named[0] if named else session.path

    def add_levels(self, scorer: str, key: str, entries: dict[str, int]) -> None:
        """New levels into the scorer's row of ``key`` (its comment kept), or a new row."""
        from sieve.save.document import inline_line

        origin = self.session.score_origin.get(scorer, ())
        with_row = [p for p, rows in origin if key in rows]
        path = with_row[0] if with_row else self.home(scorer, "scores")
        rows = self.table(path, "scores", scorer)
        if key in rows:
            merged = dict(rows[key].unwrap())
            merged.update(entries)
            _k, item = inline_line(key, merged)
            item.trivia.comment_ws = rows[key].trivia.comment_ws
            item.trivia.comment = rows[key].trivia.comment
            rows[key] = item
        else:
            new_key, item = inline_line(key, entries)
            add_key(rows, new_key, item)

    def add_note(self, scorer: str, key: str, text: str) -> None:
        from sieve.save.document import parsed_line, toml_key, toml_value

        path = self.home(scorer, "notes")
        new_key, item = parsed_line(f"{toml_key(key)} = {toml_value(text)}")
        add_key(self.table(path, "notes", scorer), new_key, item)


def merge_scores_text(result: ScoreMerge, lang: str | None = None) -> str:
    lines = [
        t("exchange.merge_scores.summary", lang=lang, levels=result.levels, notes=result.notes)
    ]
    lines += [t("exchange.written", lang=lang, path=p) for p in result.written]
    return "\n".join(lines) + "\n"
