"""Read tamis, session and score files into the model, or report every problem.

Reading uses ``rtoml`` (a fast TOML parser): tomlkit is far slower and is kept
for saving only. Validation collects *all* the problems of a file, each with
``file:line:col`` (positions come from :mod:`sieve.load.locate`, computed only when a
problem needs one), instead of stopping at the first.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.errors import Problem, SieveError
from sieve.load import bounds
from sieve.load import history as dated
from sieve.load.fields import (
    Fields,
    FileCheck,
    array_of_tables,
    check_format,
    known_ids,
    read_toml,
    unique,
)
from sieve.load.history import written_ids
from sieve.load.plan import read_plan
from sieve.load.scores import SCORE_FILE_KEYS, ScoreSink
from sieve.load.tamis import load_tamis, parse_tamis
from sieve.load.vote import read_vote
from sieve.locations import workspace_of
from sieve.model import (
    CASE_SEPARATOR,
    POWER_INTEREST_RANGE,
    RELATION_KINDS,
    STAKEHOLDER_ROLES,
    Angle,
    Relation,
    Scorer,
    Session,
    Stakeholder,
    Subject,
    Tamis,
)

SESSION_KEYS = {
    "format",
    "session",
    "subject",
    "angle",
    "scorer",
    "scores",
    "notes",
    "stakeholder",
    "relation",
    "portfolio",
    "decision",
    "vote",
    "votes",
    "assessment",
    "stance",
    "round",  # the room's journal (sieve.save.journal.record_round): written, not read
}
SESSION_HEADER_KEYS = {"id", "title", "city", "date", "tamis", "scores"}
SUBJECT_KEYS = {"id", "title", "description", "type", "territory", "attention", "first_case"}
ANGLE_KEYS = {"id", "subject", "title", "methods"}
SCORER_KEYS = {"id", "name", "role"}
STAKEHOLDER_KEYS = {"id", "name", "role", "org", "power", "interest", "since", "until"}
RELATION_KEYS = {"from", "to", "kind", "weight", "since", "until"}


# -- reading --------------------------------------------------------------------


# -- field helpers ----------------------------------------------------------------


# -- tamis ------------------------------------------------------------------------


# -- session ----------------------------------------------------------------------


def _resolve_inside(
    fc: FileCheck, where: tuple, ref: str, base: Path, workspace: Path
) -> Path | None:
    """A relative path of the session, resolved; ``None`` (and a problem) if refused."""
    if "\0" in ref:
        fc.add(where, "path.nul", path=ref)
        return None
    if os.path.isabs(ref) or ref.startswith("~"):
        fc.add(where, "path.absolute", path=ref)
        return None
    try:
        target = (base / ref).resolve()
    except OSError as exc:  # a link that cannot be followed (permission denied...)
        fc.add(where, "io.unreadable", error=exc.strerror or exc)
        return None
    if not target.is_relative_to(workspace):
        fc.add(where, "path.outside", path=ref, workspace=str(workspace))
        return None
    return target


@dataclass
class SessionLoad:
    """What loading a session gives: the session (when usable) and every problem."""

    session: Session | None
    problems: list[Problem]
    files: list[Path] = field(default_factory=list)
    """Every file read: the session, its tamis and its score files."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def load_session(path: Path) -> SessionLoad:
    """Read a session, its tamis and its score files, and validate them together."""
    path = Path(path)
    data, fc = read_toml(path)
    result = SessionLoad(None, fc.problems, [path])
    if data is None or not check_format(data, fc):
        return result
    Fields(fc, data, (), SESSION_KEYS)
    if "session" not in data:
        fc.add((), "key.missing", key="session", where="/")
        return result
    head = Fields(fc, data["session"], ("session",), SESSION_HEADER_KEYS)
    if not head.ok:
        return result
    session_id = head.id()
    tamis_ref = head.str("tamis", required=True)
    date = head.date("date")

    workspace = workspace_of(path)
    base = path.resolve().parent
    tamis = _read_tamis(result, fc, tamis_ref, path, base, workspace) if tamis_ref else None
    score_paths = _score_paths(fc, head.str_list("scores"), path, base, workspace)

    subjects = _subjects(data, fc, tamis)
    angles = _angles(data, fc, subjects)
    scorers = _scorers(data, fc)
    stakeholders = _stakeholders(data, fc)
    relations = _relations(data, fc, {**stakeholders, **scorers})
    plan = read_plan(data, fc, subjects, angles, set(scorers) | set(stakeholders))
    assessments = dated.assessments(data, fc, {**stakeholders, **scorers})
    stances = dated.stances(data, fc, {**stakeholders, **scorers}, subjects)

    if tamis is None:
        return result
    vote, votes = read_vote(data, fc, tamis, set(angles), scorers)
    sink = ScoreSink(
        scorers, subjects, set(angles), tamis, refused=_refused(data, subjects, angles)
    )
    sink.add_scores(data.get("scores"), fc)
    sink.add_notes(data.get("notes"), fc)
    digests = {path: fc.digest, tamis.path: tamis.digest}
    for score_path in score_paths:
        digests[score_path] = _read_score_file(result, sink, score_path)

    if any(p.is_error for p in result.problems) or session_id is None:
        return result
    result.session = Session(
        path=path,
        id=session_id,
        title=head.str("title", default=session_id),
        city=head.str("city"),
        date=date,
        tamis_ref=tamis_ref,
        tamis=tamis,
        subjects=subjects,
        angles=angles,
        scorers=scorers,
        scores=sink.scores,
        notes=sink.notes,
        score_files=tuple(score_paths),
        stakeholders=stakeholders,
        relations=tuple(relations),
        digests=digests,
        score_origin={k: tuple(v) for k, v in sink.origin.items()},
        note_origin={k: tuple(v) for k, v in sink.note_origin.items()},
        portfolio=plan[0],
        decisions=plan[1],
        vote=vote,
        votes=votes,
        assessments=assessments,
        stances=stances,
    )
    return result


def _read_tamis(
    result: SessionLoad, fc: FileCheck, tamis_ref: str, path: Path, base: Path, workspace: Path
) -> Tamis | None:
    """The tamis the session names, read and checked; its problems join the session's."""
    tamis_path = _resolve_inside(fc, ("session", "tamis"), tamis_ref, base, workspace)
    if tamis_path is None:
        return None
    if not tamis_path.exists():  # a FIFO or a device: refused by its reader, worded
        fc.add(("session", "tamis"), "path.missing", path=tamis_ref)
        return None
    shown = Path(os.path.relpath(tamis_path)) if not path.is_absolute() else tamis_path
    tamis, tamis_problems = load_tamis(shown)
    result.files.append(shown)
    result.problems.extend(tamis_problems)
    return tamis


def _score_paths(
    fc: FileCheck, globs: list[str], path: Path, base: Path, workspace: Path
) -> list[Path]:
    """The score files matched by the session's ``scores`` patterns, each once, in order."""
    score_paths: list[Path] = []
    where = ("session", "scores")
    for pattern in globs:
        if "\0" in pattern:
            fc.add(where, "path.nul", path=pattern)
            continue
        if os.path.isabs(pattern) or pattern.startswith("~"):
            fc.add(where, "path.absolute", path=pattern)
            continue
        matches, left = _glob_inside(base, pattern, workspace)
        if left:  # named as written: the files out there are none of our business
            fc.add(where, "path.outside", path=pattern, workspace=str(workspace))
        elif not matches:
            fc.warn(where, "path.no_match", pattern=pattern)
        for match in matches:
            target = _resolve_inside(fc, where, os.path.relpath(match, base), base, workspace)
            if target is not None and target != path.resolve() and target.is_file():
                shown = Path(os.path.relpath(match)) if not path.is_absolute() else Path(match)
                if shown not in score_paths:
                    score_paths.append(shown)
    return score_paths


_MAGIC = re.compile(r"[*?[]")
_SEPARATORS = re.compile(r"[\\/]" if os.sep == "\\" else "/")


def _glob_inside(base: Path, pattern: str, workspace: Path) -> tuple[list[str], bool]:
    """What ``glob.glob(base / pattern)`` finds, sorted, without ever listing a folder
    that resolves outside ``workspace``; ``True`` when the pattern would have.

    One part of the pattern at a time, as :mod:`glob` does (``*`` skips hidden names
    unless the part starts with a dot; ``**`` is ``*``).
    """
    parts = [part for part in _SEPARATORS.split(pattern) if part]
    found, left = [str(base)], False
    for i, part in enumerate(parts):
        last, step = i == len(parts) - 1, []
        for folder in found:
            if not _MAGIC.search(part):
                names = [part]
            elif _inside(folder, workspace):
                names = _listed(folder, part)
            else:
                left = True
                continue
            for name in names:
                path = os.path.join(folder, name)
                if os.path.lexists(path) if last else os.path.isdir(path):
                    step.append(path)
        found = step
    return sorted(found), left


def _inside(folder: str, workspace: Path) -> bool:
    try:
        return Path(os.path.realpath(folder)).is_relative_to(workspace)
    except OSError:
        return False


def _listed(folder: str, part: str) -> list[str]:
    """The names of ``folder`` matching one part of a pattern (none when unreadable)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    if not part.startswith("."):
        names = [name for name in names if not name.startswith(".")]
    return fnmatch.filter(names, part)


def _read_score_file(result: SessionLoad, sink: ScoreSink, score_path: Path) -> str:
    """One score file's scores and notes into the sink; its digest."""
    score_data, sfc = read_toml(score_path)
    result.files.append(score_path)
    if score_data is not None and check_format(score_data, sfc):
        for key in score_data:
            if key not in SCORE_FILE_KEYS:
                sfc.add((key,), "scorefile.extra", key=key)
        sink.add_scores(score_data.get("scores"), sfc)
        sink.add_notes(score_data.get("notes"), sfc)
    result.problems.extend(sfc.problems)
    return sfc.digest


def _subjects(data: dict, fc: FileCheck, tamis: Tamis | None) -> dict[str, Subject]:
    subjects: dict[str, Subject] = {}
    seen: set[str] = set()
    first_cases = []
    for where, body in array_of_tables(data, "subject", fc):
        f = Fields(fc, body, where, SUBJECT_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        title = f.str("title", required=True)
        attention = f.str_list("attention")
        if tamis is not None:
            for indicator in attention:
                if indicator not in tamis.indicators:
                    fc.add(
                        where + ("attention",),
                        "ref.unknown",
                        kind="indicator",
                        id=indicator,
                        known=", ".join(tamis.indicators) or "-",
                    )
        subject = Subject(
            id=ident or "",
            title=title,
            description=f.str("description"),
            type=f.str("type"),
            territory=f.str("territory"),
            attention=attention,
            first_case=f.bool("first_case"),
        )
        if unique(fc, seen, ident, where, "subject") and ident:
            subjects[ident] = subject
            if subject.first_case:
                first_cases.append((where, ident))
    for where, ident in first_cases[1:]:
        fc.warn(where + ("first_case",), "subject.several_first", id=ident, first=first_cases[0][1])
    return subjects


def _angles(data: dict, fc: FileCheck, subjects: dict[str, Subject]) -> dict[str, Angle]:
    """The angles by case key: an angle id is unique within its subject only."""
    angles: dict[str, Angle] = {}
    named: set[str] = set()  # subjects that some [[angle]] names, accepted or not
    for where, body in array_of_tables(data, "angle", fc):
        f = Fields(fc, body, where, ANGLE_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        subject = f.id("subject")
        title = f.str("title", required=True)
        methods = f.str_list("methods")
        if subject is not None:
            named.add(subject)
        if subject is not None and subject not in subjects:
            fc.add(
                where + ("subject",),
                "ref.unknown",
                kind="subject",
                id=subject,
                known=", ".join(subjects) or "-",
            )
            subject = None
        if ident is None or subject is None:
            continue
        key = f"{subject}{CASE_SEPARATOR}{ident}"
        if key in angles:
            fc.add(where + ("id",), "angle.duplicate", id=ident, subject=subject)
            continue
        angles[key] = Angle(ident, subject, title, methods)
    # A subject whose angle was refused has its problem reported already: no warning more.
    for i, subject in enumerate(subjects.values()):
        if subject.id not in named:
            fc.warn(("subject", i), "subject.no_angle", id=subject.id)
    return angles


def _scorers(data: dict, fc: FileCheck) -> dict[str, Scorer]:
    scorers: dict[str, Scorer] = {}
    seen: set[str] = set()
    for where, body in array_of_tables(data, "scorer", fc):
        f = Fields(fc, body, where, SCORER_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        name = f.str("name", default=ident or "")
        role = f.str("role")
        if unique(fc, seen, ident, where, "scorer") and ident:
            scorers[ident] = Scorer(ident, name, role)
    return scorers


def _stakeholders(data: dict, fc: FileCheck) -> dict[str, Stakeholder]:
    out: dict[str, Stakeholder] = {}
    seen: set[str] = set()
    low, high = POWER_INTEREST_RANGE
    for where, body in array_of_tables(data, "stakeholder", fc):
        f = Fields(fc, body, where, STAKEHOLDER_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        name = f.str("name", required=True)
        role = f.choice("role", STAKEHOLDER_ROLES)
        org = f.str("org")
        power = f.int("power", 0, low, high)
        interest = f.int("interest", 0, low, high)
        since, until = dated.span(f, where)
        if unique(fc, seen, ident, where, "stakeholder") and ident and role:
            out[ident] = Stakeholder(ident, name, role, org, power, interest, since, until)
    return out


def _relations(data: dict, fc: FileCheck, people: dict[str, Any]) -> list[Relation]:
    """Relations between stakeholders; a scorer's id names them on the map too."""
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    # Stakeholders written in the file but refused (a bad role...): their own problem
    # is reported already, so relations naming them add none.
    declared = written_ids(data, "stakeholder")
    for where, body in array_of_tables(data, "relation", fc):
        f = Fields(fc, body, where, RELATION_KEYS)
        if not f.ok:
            continue
        source = f.id("from")
        target = f.id("to")
        kind = f.choice("kind", RELATION_KINDS)
        weight = f.number("weight", 1.0, *bounds.WEIGHT)
        since, until = dated.span(f, where)
        ok = source is not None and target is not None and kind is not None
        for key, ident in (("from", source), ("to", target)):
            if ident is not None and ident not in people:
                if ident not in declared:
                    fc.add(
                        where + (key,),
                        "ref.unknown",
                        kind="stakeholder",
                        id=ident,
                        known=known_ids(ident, people),
                    )
                ok = False
        if ok and source == target:
            fc.add(where + ("to",), "relation.self", id=source)
            ok = False
        if ok and (source, target, kind) in seen:
            fc.add(where, "relation.duplicate", source=source, target=target, kind=kind)
            ok = False
        if ok and weight == 0:
            fc.warn(where + ("weight",), "relation.weight_zero", source=source, target=target)
        if ok:
            seen.add((source, target, kind))
            out.append(Relation(source, target, kind, weight, since, until))
    return out


def _refused(data: dict, subjects: dict[str, Subject], angles: dict[str, Angle]) -> set[str]:
    """What the file writes but the loader did not accept: subject ids (``id``), case
    keys (``subject/angle``), and ``/angle`` for an angle whose own subject is unknown
    (its case key, under any subject, then names that refused angle)."""
    refused = written_ids(data, "subject") - subjects.keys()
    tables = data.get("angle")
    for table in tables if isinstance(tables, list) else ():
        if not isinstance(table, dict) or not isinstance(table.get("id"), str):
            continue
        subject = table.get("subject")
        key = f"{subject}{CASE_SEPARATOR}{table['id']}"
        if subject not in subjects:
            refused.add(f"{CASE_SEPARATOR}{table['id']}")
        elif key not in angles:
            refused.add(key)
    return refused


# -- any file -----------------------------------------------------------------------


def detect_kind(data: dict) -> str:
    """``"tamis"``, ``"session"``, ``"scores"`` or ``"unknown"``."""
    if "tamis" in data:
        return "tamis"
    if "session" in data:
        return "session"
    if "scores" in data or "notes" in data:
        return "scores"
    return "unknown"


def find_sessions(folder: Path) -> list[Path]:
    """Session files in a folder and in its ``sessions/`` sub-folder."""
    found = []
    for place in (folder, folder / "sessions"):
        for path in sorted(place.glob("*.toml")):
            data, _ = read_toml(path)
            if data is not None and detect_kind(data) == "session":
                found.append(path)
    return found


def check_file(path: Path) -> list[Problem]:
    """Every problem of one file, whatever its kind (a session brings its tamis)."""
    path = Path(path)
    data, fc = read_toml(path)
    if data is None or not check_format(data, fc):
        return fc.problems
    kind = detect_kind(data)
    if kind == "tamis":
        parse_tamis(data, fc)
        return fc.problems
    if kind == "session":
        return load_session(path).problems
    if kind == "scores":
        for key in data:
            if key not in SCORE_FILE_KEYS:
                fc.add((key,), "scorefile.extra", key=key)
        fc.warn((), "scorefile.alone")
        return fc.problems
    fc.add((), "kind.unknown")
    return fc.problems


def open_session(path: Path) -> Session:
    """Load a session or raise :class:`SieveError` with its problems."""
    result = load_session(path)
    if result.session is None:
        raise SieveError(result.problems or [Problem(Path(path), 1, 1, "kind.unknown")])
    return result.session
