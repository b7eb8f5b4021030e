"""The files of a room (:mod:`sieve.room`): one score file per participant, the room's state.

Each participant's levels and notes go to their own score file,
``sessions/<session>-scores/<scorer>.toml`` (FORMAT.md: a score file holds only
``format``, ``[scores.*]`` and ``[notes.*]``). When the session names no pattern
matching that file, ``"<session>-scores/*.toml"`` is added to its ``scores``
array, losslessly (the array is extended in place, or the key set after the
header's last key). The room's own state (its code, the devices' tokens, hashed,
and who holds which name) is kept in ``.room.json`` in the same folder: a hidden
JSON file that no score pattern matches, so that a restarted server keeps the room.
"""

from __future__ import annotations

import fnmatch
import json
import os
from pathlib import Path
from typing import Any

from sieve.locations import read_regular
from sieve.model import ID_PATTERN, Session
from sieve.save.document import atomic_write, locked
from sieve.save.layout import Batch, set_key

#: The first line of a participant's new score file.
NEW_SCORE_FILE = "format = 1\n"
#: The name of the room's state file in the scores folder.
STATE_FILE = ".room.json"


def scores_folder(session: Session) -> Path:
    """``sessions/<session>-scores/``: beside the session file, named after its stem."""
    return session.path.parent / f"{session.path.stem}-scores"


def participant_file(session: Session, scorer: str) -> Path:
    """The score file of one participant (``scorer`` is an id, a slug: checked)."""
    if not ID_PATTERN.match(scorer):
        raise ValueError(scorer)
    return scores_folder(session) / f"{scorer}.toml"


def ensure_participant_file(session: Session, scorer: str) -> list[Path]:
    """Create the participant's score file (and its folder, and the session's pattern for it)
    when missing; return the files written (none when everything was there)."""
    target = participant_file(session, scorer)
    written: list[Path] = []
    target.parent.mkdir(exist_ok=True)
    with locked(target):
        if not target.exists():
            atomic_write(target, NEW_SCORE_FILE.encode("utf-8"))
            written.append(target)
    written += _add_pattern(session, target)
    return written


def _add_pattern(session: Session, target: Path) -> list[Path]:
    """Add ``<session>-scores/*.toml`` to ``session.scores`` unless a pattern matches ``target``."""
    import rtoml
    import tomlkit

    relative = os.path.relpath(target, session.path.parent).replace(os.sep, "/")

    def matched(patterns: object) -> bool:
        return isinstance(patterns, list) and any(
            isinstance(p, str) and fnmatch.fnmatchcase(relative, p.lstrip("./")) for p in patterns
        )

    # the fast parser first: the session is parsed by tomlkit only when it must change
    head = rtoml.loads(read_regular(session.path).decode("utf-8-sig")).get("session", {})
    if matched(head.get("scores")):
        return []
    batch = Batch(session)
    head = batch.open(session.path)["session"]
    patterns = head.get("scores")
    if matched(patterns):
        return []
    pattern = f"{target.parent.name}/*.toml"
    if patterns is None:
        array = tomlkit.array()
        array.append(pattern)
        set_key(head, "scores", array)
    else:
        patterns.append(pattern)
    return batch.save()


def read_state(session: Session) -> dict[str, Any]:
    """The room's saved state (``{}`` when there is none or it is unreadable)."""
    path = scores_folder(session) / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_state(session: Session, state: dict[str, Any]) -> Path:
    """Save the room's state, atomically (the folder is created when missing)."""
    folder = scores_folder(session)
    folder.mkdir(exist_ok=True)
    path = folder / STATE_FILE
    atomic_write(path, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))
    return path
