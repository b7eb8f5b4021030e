"""Read tamis, session and score files into the model, or report every problem.

Reading uses ``rtoml`` (a fast TOML parser): tomlkit is far slower and is kept
for saving only. Validation collects *all* the problems of a file, each with
``file:line:col`` (positions come from :mod:`sieve.load.locate`, computed only when a
problem needs one), instead of stopping at the first.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sieve.errors import Problem, SieveError
from sieve.load.fields import (
    Fields,
    FileCheck,
    array_of_tables,
    check_format,
    dotted,
    read_toml,
    show,
    type_name,
    unique,
)
from sieve.load.plan import read_plan
from sieve.locations import workspace_of
from sieve.model import (
    APPLIES_TO,
    CASE_SEPARATOR,
    CRITERION_KINDS,
    ID_PATTERN,
    POWER_INTEREST_RANGE,
    RELATION_KINDS,
    STAKEHOLDER_ROLES,
    Angle,
    Criterion,
    Indicator,
    Relation,
    Scale,
    Scorer,
    Session,
    Stakeholder,
    Subject,
    Tamis,
)

# The keys sieve understands, table by table. Any other key is kept when saving
# and reported as a warning by ``sieve check``.
TAMIS_KEYS = {"format", "tamis", "scales", "criterion", "group", "attention", "stakeholders"}
TAMIS_HEADER_KEYS = {"id", "title", "version", "city", "lang"}
SCALE_KEYS = {"levels"}
CRITERION_KEYS = {
    "id",
    "label",
    "question",
    "applies_to",
    "kind",
    "scale",
    "weight",
    "pass_at",
    "origin",
}
GROUP_KEYS = {"disagreement"}
ATTENTION_KEYS = {"threshold", "first_case_max", "indicator"}
INDICATOR_KEYS = {"id", "label", "weight"}
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
}
SESSION_HEADER_KEYS = {"id", "title", "city", "date", "tamis", "scores"}
SUBJECT_KEYS = {"id", "title", "description", "type", "territory", "attention", "first_case"}
ANGLE_KEYS = {"id", "subject", "title", "methods"}
SCORER_KEYS = {"id", "name", "role"}
STAKEHOLDER_KEYS = {"id", "name", "role", "org", "power", "interest"}
RELATION_KEYS = {"from", "to", "kind", "weight"}
SCORE_FILE_KEYS = {"format", "scores", "notes"}


# -- reading --------------------------------------------------------------------


# -- field helpers ----------------------------------------------------------------


# -- tamis ------------------------------------------------------------------------


def parse_tamis(data: dict, fc: FileCheck) -> Tamis | None:
    """Validate a parsed tamis document; ``None`` when it has errors."""
    Fields(fc, data, (), TAMIS_KEYS)
    head = Fields(fc, data.get("tamis", {}), ("tamis",), TAMIS_HEADER_KEYS)
    if "tamis" not in data:
        fc.add((), "key.missing", key="tamis", where="/")
    tamis_id = head.id(required="tamis" in data) if head.ok else None

    scales: dict[str, Scale] = {}
    raw_scales = data.get("scales", {})
    if not isinstance(raw_scales, dict):
        fc.add(
            ("scales",),
            "key.type",
            key="scales",
            expected_type="table",
            found_type=type_name(raw_scales),
        )
        raw_scales = {}
    for name, body in raw_scales.items():
        where = ("scales", name)
        if not ID_PATTERN.match(name):
            fc.add(where, "id.invalid", found=show(name))
            continue
        fields = Fields(fc, body, where, SCALE_KEYS)
        if not fields.ok:
            continue
        levels = fields.str_list("levels")
        if "levels" not in fields.table:
            fc.add(where, "key.missing", key="levels", where=dotted(where))
        elif len(levels) < 2:
            fc.add(where + ("levels",), "scale.short", found=len(levels))
            continue
        if levels:
            scales[name] = Scale(name, levels)

    criteria: list[Criterion] = []
    seen: set[str] = set()
    items = array_of_tables(data, "criterion", fc)
    if not items:
        fc.add((), "tamis.no_criteria")
    for where, body in items:
        f = Fields(fc, body, where, CRITERION_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        label = f.str("label", required=True)
        question = f.str("question")
        applies_to = f.choice("applies_to", APPLIES_TO)
        kind = f.choice("kind", CRITERION_KINDS)
        scale_name = f.str("scale", required=True)
        scale = scales.get(scale_name)
        if scale_name and scale is None and scale_name not in raw_scales:
            fc.add(
                where + ("scale",),
                "ref.unknown",
                kind="scale",
                id=scale_name,
                known=", ".join(scales) or "-",
            )
        weight = 0.0
        pass_at = 0.0
        if kind == "score":
            weight = f.number("weight", 1.0, required=True)
            if "pass_at" in f.table:
                fc.warn(where + ("pass_at",), "criterion.ignored", key="pass_at", kind=kind)
        elif kind == "gate":
            top = scale.top if scale else None
            pass_at = f.number("pass_at", 1.0, 0.0, top, required=True)
            if "weight" in f.table:
                fc.warn(where + ("weight",), "criterion.ignored", key="weight", kind=kind)
        origin = f.str("origin")
        if not unique(fc, seen, ident, where, "criterion"):
            continue
        if ident and applies_to and kind and scale:
            criteria.append(
                Criterion(ident, label, question, applies_to, kind, scale, weight, pass_at, origin)
            )

    group = Fields(fc, data.get("group", {}), ("group",), GROUP_KEYS)
    disagreement = group.number("disagreement", 0.5, 0.0, 1.0) if group.ok else 0.5
    att = Fields(fc, data.get("attention", {}), ("attention",), ATTENTION_KEYS)
    threshold = att.number("threshold", 3.0) if att.ok else 3.0
    first_case_max = att.number("first_case_max", 1.0) if att.ok else 1.0
    indicators: dict[str, Indicator] = {}
    if att.ok:
        seen_ind: set[str] = set()
        for where, body in array_of_tables(att.table, "indicator", fc):
            where = ("attention",) + where
            f = Fields(fc, body, where, INDICATOR_KEYS)
            if not f.ok:
                continue
            ident = f.id()
            label = f.str("label", required=True)
            weight = f.number("weight", 1.0)
            if unique(fc, seen_ind, ident, where, "indicator") and ident:
                indicators[ident] = Indicator(ident, label, weight)

    from sieve.load.rules import read_rules

    stakeholder_rules = read_rules(data.get("stakeholders"), fc)
    if fc.has_errors or tamis_id is None:
        return None
    return Tamis(
        path=fc.path,
        id=tamis_id,
        title=head.str("title", default=tamis_id),
        version=head.int("version", 1, 0, None),
        city=head.str("city"),
        lang=head.str("lang", default="fr"),
        scales=scales,
        criteria=tuple(criteria),
        disagreement=disagreement,
        attention_threshold=threshold,
        first_case_max=first_case_max,
        indicators=indicators,
        stakeholder_rules=stakeholder_rules,
        digest=fc.digest,
    )


def load_tamis(path: Path) -> tuple[Tamis | None, list[Problem]]:
    """Read and validate a tamis file."""
    data, fc = read_toml(Path(path))
    if data is None or not check_format(data, fc):
        return None, fc.problems
    return parse_tamis(data, fc), fc.problems


# -- session ----------------------------------------------------------------------


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
    reported already, so scores and notes naming them add none."""

    def _unknown_key(self, fc: FileCheck, table: str, scorer: str, key: str) -> None:
        subject, sep, angle = key.partition(CASE_SEPARATOR)
        if subject in self.refused or (sep and sep + angle in self.refused):
            return
        on_angle = CASE_SEPARATOR in key
        known = sorted(self.case_keys) if on_angle else list(self.subjects)
        fc.add(
            (table, scorer, key),
            "ref.unknown",
            kind="case" if on_angle else "subject",
            id=key,
            known=_known_ids(key, dict.fromkeys(known)),
        )

    def add_scores(self, raw: Any, fc: FileCheck) -> None:
        if raw is None:
            return
        if not isinstance(raw, dict):
            fc.add(
                ("scores",),
                "key.type",
                key="scores",
                expected_type="table",
                found_type=type_name(raw),
            )
            return
        # criterion id -> (applies to an angle?, top level, scale id)
        info = {c.id: (c.on_angle, c.scale.top, c.scale.id) for c in self.tamis.criteria}
        subjects = self.subjects
        case_keys = self.case_keys
        # The (criterion, level) pairs valid on each side: a whole row is accepted at
        # once (set inclusion, in C) when every pair is valid and every level an int
        # (True == 1 would pass the pairs, hence the type test); else entry by entry.
        valid: dict[bool, set[tuple[str, int]]] = {False: set(), True: set()}
        for crit in self.tamis.criteria:
            valid[crit.on_angle].update((crit.id, n) for n in range(crit.scale.top + 1))
        ints = {int}
        for scorer, rows in raw.items():
            if scorer not in self.scorers:
                fc.add(
                    ("scores", scorer),
                    "ref.unknown",
                    kind="scorer",
                    id=scorer,
                    known=", ".join(self.scorers) or "-",
                )
                continue
            if not isinstance(rows, dict):
                fc.add(
                    ("scores", scorer),
                    "key.type",
                    key=f"scores.{scorer}",
                    expected_type="table",
                    found_type=type_name(rows),
                )
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
                    and entries.items() <= valid[on_angle]
                    and set(map(type, entries.values())) <= ints
                ):
                    merged[key] = entries  # read-only from here on: no copy needed
                    continue
                if not known:
                    self._unknown_key(fc, "scores", scorer, key)
                    continue
                if not isinstance(entries, dict):
                    fc.add(
                        ("scores", scorer, key),
                        "key.type",
                        key=key,
                        expected_type="table",
                        found_type=type_name(entries),
                    )
                    continue
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
        if raw is None:
            return
        if not isinstance(raw, dict):
            fc.add(
                ("notes",),
                "key.type",
                key="notes",
                expected_type="table",
                found_type=type_name(raw),
            )
            return
        for scorer, rows in raw.items():
            if scorer not in self.scorers:
                fc.add(
                    ("notes", scorer),
                    "ref.unknown",
                    kind="scorer",
                    id=scorer,
                    known=", ".join(self.scorers) or "-",
                )
                continue
            if not isinstance(rows, dict):
                fc.add(
                    ("notes", scorer),
                    "key.type",
                    key=f"notes.{scorer}",
                    expected_type="table",
                    found_type=type_name(rows),
                )
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


def _resolve_inside(
    fc: FileCheck, where: tuple, ref: str, base: Path, workspace: Path
) -> Path | None:
    """A relative path of the session, resolved; ``None`` (and a problem) if refused."""
    if os.path.isabs(ref) or ref.startswith("~"):
        fc.add(where, "path.absolute", path=ref)
        return None
    target = (base / ref).resolve()
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
    tamis: Tamis | None = None
    if tamis_ref:
        tamis_path = _resolve_inside(fc, ("session", "tamis"), tamis_ref, base, workspace)
        if tamis_path is not None:
            if not tamis_path.is_file():
                fc.add(("session", "tamis"), "path.missing", path=tamis_ref)
            else:
                shown = Path(os.path.relpath(tamis_path)) if not path.is_absolute() else tamis_path
                tamis, tamis_problems = load_tamis(shown)
                result.files.append(shown)
                result.problems.extend(tamis_problems)

    score_paths: list[Path] = []
    globs = head.str_list("scores")
    for pattern in globs:
        where = ("session", "scores")
        if os.path.isabs(pattern) or pattern.startswith("~"):
            fc.add(where, "path.absolute", path=pattern)
            continue
        matches = sorted(glob.glob(str(base / pattern)))
        if not matches:
            fc.warn(where, "path.no_match", pattern=pattern)
        for match in matches:
            target = _resolve_inside(fc, where, os.path.relpath(match, base), base, workspace)
            if target is not None and target != path.resolve() and target.is_file():
                shown = Path(os.path.relpath(match)) if not path.is_absolute() else Path(match)
                if shown not in score_paths:
                    score_paths.append(shown)

    subjects = _subjects(data, fc, tamis)
    angles = _angles(data, fc, subjects)
    scorers = _scorers(data, fc)
    stakeholders = _stakeholders(data, fc)
    relations = _relations(data, fc, {**stakeholders, **scorers})
    plan = read_plan(data, fc, subjects, angles, set(scorers) | set(stakeholders))

    if tamis is None:
        return result
    case_keys = {f"{a.subject}{CASE_SEPARATOR}{a.id}" for a in angles.values()}
    sink = ScoreSink(scorers, subjects, case_keys, tamis, refused=_refused(data, subjects, angles))
    sink.add_scores(data.get("scores"), fc)
    sink.add_notes(data.get("notes"), fc)
    digests = {path: fc.digest, tamis.path: tamis.digest}
    for score_path in score_paths:
        score_data, sfc = read_toml(score_path)
        digests[score_path] = sfc.digest
        result.files.append(score_path)
        if score_data is not None and check_format(score_data, sfc):
            for key in score_data:
                if key not in SCORE_FILE_KEYS:
                    sfc.add((key,), "scorefile.extra", key=key)
            sink.add_scores(score_data.get("scores"), sfc)
            sink.add_notes(score_data.get("notes"), sfc)
        result.problems.extend(sfc.problems)

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
    )
    return result


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
    angles: dict[str, Angle] = {}
    seen: set[str] = set()
    for where, body in array_of_tables(data, "angle", fc):
        f = Fields(fc, body, where, ANGLE_KEYS)
        if not f.ok:
            continue
        ident = f.id()
        subject = f.id("subject")
        title = f.str("title", required=True)
        methods = f.str_list("methods")
        if subject is not None and subject not in subjects:
            fc.add(
                where + ("subject",),
                "ref.unknown",
                kind="subject",
                id=subject,
                known=", ".join(subjects) or "-",
            )
            subject = None
        if unique(fc, seen, ident, where, "angle") and ident and subject:
            angles[ident] = Angle(ident, subject, title, methods)
    with_angle = {a.subject for a in angles.values()}
    for i, subject in enumerate(subjects.values()):
        if subject.id not in with_angle:
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
        if unique(fc, seen, ident, where, "stakeholder") and ident and role:
            out[ident] = Stakeholder(ident, name, role, org, power, interest)
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
        weight = f.number("weight", 1.0, 0.0)
        ok = source is not None and target is not None and kind is not None
        for key, ident in (("from", source), ("to", target)):
            if ident is not None and ident not in people:
                if ident not in declared:
                    fc.add(
                        where + (key,),
                        "ref.unknown",
                        kind="stakeholder",
                        id=ident,
                        known=_known_ids(ident, people),
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
            out.append(Relation(source, target, kind, weight))
    return out


def written_ids(data: dict, kind: str) -> set[str]:
    """The string ids of the ``[[kind]]`` tables of a document, accepted or not."""
    tables = data.get(kind)
    if not isinstance(tables, list):
        return set()
    return {t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)}


def _refused(data: dict, subjects: dict[str, Subject], angles: dict[str, Angle]) -> set[str]:
    """Subject ids (``id``) and angle ids (``/id``) written in the file but not accepted."""
    refused = written_ids(data, "subject") - subjects.keys()
    refused |= {f"{CASE_SEPARATOR}{a}" for a in written_ids(data, "angle") - angles.keys()}
    return refused


def _known_ids(ident: str, known: dict[str, Any], limit: int = 12) -> str:
    """The known ids for a message: all of a short list, else the closest few."""
    if len(known) <= limit:
        return ", ".join(known) or "-"
    import difflib

    close = difflib.get_close_matches(ident, list(known), n=3, cutoff=0.6)
    return ", ".join(close + ["…"])


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
