"""The domain of sieve as plain, typed records.

A *tamis* is the shared sieve of criteria; a *session* is one local government's
case-selection work that names the tamis it uses. Records are frozen dataclasses (made
by :func:`sieve.records.record`, cheaper to create at each start); the mappings they
hold are built once by :mod:`sieve.load` and treated as read-only.
Edits go back to the files through :mod:`sieve.save`, then the files are loaded again.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import field
from pathlib import Path

from sieve.records import record

#: Ids are slugs, unique within their kind in a file (angle ids: within their subject).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

#: The separator between the subject and the angle of a case key.
CASE_SEPARATOR = "/"

APPLIES_TO = ("subject", "angle")
CRITERION_KINDS = ("score", "gate")
STAKEHOLDER_ROLES = (
    "resident",
    "coordinator",
    "referent",
    "ambassador",
    "relay",
    "elected",
    "manager",
    "union",
    "service",
    "funder",
    "partner",
)
#: How a vote counts a voter who gave a case no mention (``[vote] abstention``).
ABSTENTION_RULES = ("lowest", "ignore")
RELATION_KINDS = ("hierarchy", "partnership", "funding", "informs", "mentors", "trust")
#: A stakeholder's position on a subject (``[[stance]]``).
STANCE_POSITIONS = ("support", "neutral", "oppose")
POWER_INTEREST_RANGE = (0, 4)


def case_key(subject: str, angle: str) -> str:
    """The key of a case (``subject-id/angle-id``)."""
    return f"{subject}{CASE_SEPARATOR}{angle}"


@record
class Scale:
    """A rating scale: levels 0, 1, 2 ... each with its anchored meaning."""

    id: str
    levels: tuple[str, ...]

    @property
    def top(self) -> int:
        """The highest level of the scale."""
        return len(self.levels) - 1


@record
class Criterion:
    """One criterion of a tamis: a gate to pass or a weighted score."""

    id: str
    label: str
    question: str
    applies_to: str
    """``"subject"`` (scored once per subject) or ``"angle"`` (scored per case)."""
    kind: str
    """``"score"`` or ``"gate"``."""
    scale: Scale
    weight: float = 0.0
    """Score criteria only; weights are normalised by their sum."""
    pass_at: float = 0.0
    """Gate criteria only: the gate passes when the group level is >= this."""
    origin: str = ""
    """Where an adopted criterion came from (free text written by ``sieve adopt``)."""

    @property
    def is_gate(self) -> bool:
        return self.kind == "gate"

    @property
    def on_angle(self) -> bool:
        return self.applies_to == "angle"


#: How a tamis's weights may have been obtained (``[weighting] method``): from an order of
#: the score criteria, or from pairwise judgments (AHP: principal eigenvector or row
#: geometric mean).
WEIGHTING_ORDER_METHODS = ("roc", "rank-sum", "rank-reciprocal")
WEIGHTING_AHP_METHODS = ("eigen", "geometric")
WEIGHTING_METHODS = WEIGHTING_ORDER_METHODS + WEIGHTING_AHP_METHODS


@record
class Weighting:
    """How a tamis's weights were obtained (``[weighting]``), so that another city sees it."""

    method: str
    """One of :data:`WEIGHTING_METHODS`."""
    order: tuple[str, ...] = ()
    """Rank-order methods: the score criteria, most important first."""
    judgments: dict[str, tuple[tuple[str, str, float], ...]] = field(default_factory=dict)
    """AHP: per person, ``(first, second, value)``: first counts value times as much."""
    participants: tuple[str, ...] = ()
    """Who took part."""
    cr: float | None = None
    """AHP: the consistency ratio of the (combined) judgments, as recorded."""
    date: _dt.date | None = None

    @property
    def is_ahp(self) -> bool:
        return self.method in WEIGHTING_AHP_METHODS


@record
class Indicator:
    """A political-attention indicator, with the weight it adds to a subject."""

    id: str
    label: str
    weight: float


@record
class StakeholderRules:
    """Thresholds of the stakeholder-graph analyses: the tamis's ``[stakeholders]`` table.

    Shares are fractions (0.5 is 50 %); ``high_power`` and ``high_interest`` are levels
    on the 0..4 scale of ``power`` and ``interest``. Role lists name
    :data:`STAKEHOLDER_ROLES`.
    """

    referent_max_share: float = 0.5
    """The referent carries too much of the flow above this betweenness share."""
    pivot_min_share: float = 0.1
    """Anyone at or above this betweenness share is listed as a pivot."""
    broker_max_constraint: float = 0.35
    """At or below this Burt constraint (and with 3 ties or more), a person is a broker."""
    ambassador_min_ties: int = 2
    """An ambassador tied to fewer people than this is weakly tied."""
    second_circle_max_ties: int = 3
    """A second-circle member tied to more core people than this is too involved."""
    high_power: int = 3
    """Power at or above this is high (Mendelow grid)."""
    high_interest: int = 3
    """Interest at or above this is high (Mendelow grid)."""
    programme_roles: tuple[str, ...] = ("resident", "coordinator")
    """La 27e Région's people."""
    local_roles: tuple[str, ...] = (
        "referent",
        "ambassador",
        "relay",
        "elected",
        "manager",
        "service",
        "union",
    )
    """The local government's people: no hierarchy with ``programme_roles``."""
    core_roles: tuple[str, ...] = ("resident", "coordinator", "referent", "ambassador")
    """The core team of the Transfo."""
    second_circle_roles: tuple[str, ...] = ("relay", "elected")
    """The second circle: limited, occasional involvement."""


@record
class Tamis:
    """The shared sieve: scales, criteria (in matrix column order) and attention rules."""

    path: Path
    id: str
    title: str
    version: int
    city: str
    lang: str
    scales: dict[str, Scale]
    criteria: tuple[Criterion, ...]
    disagreement: float = 0.5
    attention_threshold: float = 3.0
    first_case_max: float = 1.0
    indicators: dict[str, Indicator] = field(default_factory=dict)
    by_id: dict[str, Criterion] = field(default_factory=dict, compare=False, repr=False)
    """The criteria by id (derived from ``criteria``)."""
    stakeholder_rules: StakeholderRules = field(default_factory=StakeholderRules)
    """Thresholds of the stakeholder-graph analyses (``[stakeholders]``)."""
    weighting: Weighting | None = None
    """How the weights were obtained (``[weighting]``), when the tamis records it."""
    digest: str = field(default="", compare=False, repr=False)
    """The fingerprint of the bytes read, to refuse saving over a changed file."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {c.id: c for c in self.criteria})

    def criterion(self, criterion_id: str) -> Criterion:
        return self.by_id[criterion_id]

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)


@record
class Subject:
    """A candidate subject of work."""

    id: str
    title: str
    description: str = ""
    type: str = ""
    territory: str = ""
    attention: tuple[str, ...] = ()
    """Ids of the tamis's attention indicators that apply to this subject."""
    first_case: bool = False


@record
class Angle:
    """An angle of attack on a subject: it carries the training interest."""

    id: str
    subject: str
    title: str
    methods: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The key of its case (``subject-id/angle-id``), unique in the session."""
        return case_key(self.subject, self.id)


@record
class Case:
    """A candidate practical case: a subject and one of its angles."""

    subject: Subject
    angle: Angle

    @property
    def key(self) -> str:
        return case_key(self.subject.id, self.angle.id)


@record
class Scorer:
    """Someone who gives levels to cases."""

    id: str
    name: str
    role: str = ""


@record
class Stakeholder:
    """A person or organisation in the programme's stakeholder map."""

    id: str
    name: str
    role: str
    org: str = ""
    power: int = 0
    interest: int = 0
    since: _dt.date | None = None
    """The day they joined the map (``None``: from the start)."""
    until: _dt.date | None = None
    """The last day they were on the map (``None``: still there)."""


@record
class Relation:
    """A directed, typed, weighted relation between two stakeholders."""

    source: str
    target: str
    kind: str
    weight: float = 1.0
    since: _dt.date | None = None
    """The first day it holds (``None``: from the start)."""
    until: _dt.date | None = None
    """The last day it holds (``None``: it still does)."""

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None


@record
class Assessment:
    """A stakeholder's role, power or interest from a date on (``[[assessment]]``).

    A field left ``None`` keeps the value in force before; the ``[[stakeholder]]``
    table gives the values at the start.
    """

    stakeholder: str
    date: _dt.date
    role: str | None = None
    power: int | None = None
    interest: int | None = None
    note: str = ""


@record
class Stance:
    """A stakeholder's position on a subject (``[[stance]]``), from ``date`` on."""

    stakeholder: str
    subject: str
    position: str
    """One of :data:`STANCE_POSITIONS`."""
    date: _dt.date | None = None
    """From when it holds (``None``: from the start)."""
    note: str = ""


@record
class Vote:
    """The ``[vote]`` table: a final vote by majority judgment on a ballot of cases."""

    scale: Scale
    """The tamis scale of the mentions, worst level first."""
    cases: tuple[str, ...] = ()
    """The ballot as written; empty: the cases that pass the sieve."""
    question: str = ""
    abstention: str = "lowest"
    """``"lowest"``: a voter's missing mention counts as the worst level; ``"ignore"``:
    each case is judged by the mentions it received."""


@record
class Session:
    """One local government's case-selection work, with the tamis it names."""

    path: Path
    id: str
    title: str
    city: str
    date: _dt.date | None
    tamis_ref: str
    """The tamis path as written in the file (relative to the session file)."""
    tamis: Tamis
    subjects: dict[str, Subject]
    angles: dict[str, Angle]
    """Case key (``subject-id/angle-id``) -> angle: an angle id is unique within its
    subject only, so two subjects may each have an angle ``immersion``."""
    scorers: dict[str, Scorer]
    scores: dict[str, dict[str, dict[str, int]]]
    """scorer id -> subject or case key -> criterion id -> level."""
    notes: dict[str, dict[str, str]]
    """scorer id -> subject or case key -> note."""
    score_files: tuple[Path, ...] = ()
    """The further score files named by ``session.scores``, in load order."""
    stakeholders: dict[str, Stakeholder] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    digests: dict[Path, str] = field(default_factory=dict, compare=False, repr=False)
    """File -> fingerprint of the bytes read, to refuse saving over a changed file."""
    score_origin: dict[str, tuple[tuple[Path, dict], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Scorer id -> the files holding their ``[scores.<id>]`` tables, with the raw rows."""
    note_origin: dict[str, tuple[tuple[Path, dict], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Scorer id -> the files holding their ``[notes.<id>]`` tables, with the raw rows."""
    portfolio: Portfolio | None = None
    """The ``[portfolio]`` table (constraints and planned calendar); ``None``: defaults."""
    decisions: tuple[Decision, ...] = ()
    """The decision journal (``[[decision]]`` tables), in file order."""
    vote: Vote | None = None
    """The ``[vote]`` table, ``None`` when the session has none."""
    votes: dict[str, dict[str, int]] = field(default_factory=dict)
    """scorer id -> case key -> level of the vote's scale (``[votes.<scorer>]``)."""
    assessments: tuple[Assessment, ...] = ()
    """Dated roles, powers and interests (``[[assessment]]``), in file order."""
    stances: tuple[Stance, ...] = ()
    """Stakeholders' positions on subjects (``[[stance]]``), in file order."""

    @property
    def dated(self) -> bool:
        """Whether the map has a history (assessments, dated relations or people)."""
        return (
            bool(self.assessments)
            or any(r.dated for r in self.relations)
            or any(p.since is not None or p.until is not None for p in self.stakeholders.values())
        )

    @property
    def cases(self) -> list[Case]:
        """Every candidate case, subjects in file order, then their angles in file order."""
        by_subject: dict[str, list[Angle]] = {}
        for angle in self.angles.values():
            by_subject.setdefault(angle.subject, []).append(angle)
        return [
            Case(subject, angle)
            for subject in self.subjects.values()
            for angle in by_subject.get(subject.id, ())
        ]

    @property
    def people(self) -> dict[str, Stakeholder]:
        """Everyone on the stakeholder map.

        The declared stakeholders, plus each scorer named by a relation without a
        ``[[stakeholder]]`` of their own (as FORMAT.md's example does): such a scorer
        is on the map with their name, their role when it is a stakeholder role
        (``ambassador`` otherwise), and power and interest 0.
        """
        people = dict(self.stakeholders)
        for relation in self.relations:
            for ident in (relation.source, relation.target):
                scorer = self.scorers.get(ident)
                if ident not in people and scorer is not None:
                    role = scorer.role if scorer.role in STAKEHOLDER_ROLES else "ambassador"
                    people[ident] = Stakeholder(ident, scorer.name, role)
        return people

    def case(self, key: str) -> Case:
        """The case with this key; raises ``KeyError`` when there is none."""
        angle = self.angles.get(key)
        if angle is None or angle.subject not in self.subjects:
            raise KeyError(key)
        return Case(self.subjects[angle.subject], angle)


#: The rules a first case may have to follow (``first_case`` key).
FIRST_CASE_RULES = ("marked-or-calm", "marked", "calm", "marked-and-calm", "none")


#: Outcome levels of a reviewed case: 0 (it did not work) to OUTCOME_TOP (beyond hopes).
OUTCOME_TOP = 3


@record
class PlannedCase:
    """A chosen case and the numbers of the sessions given to it."""

    case: str
    sessions: tuple[int, ...]


@record
class PlannedSession:
    """A session whose days or date differ from the portfolio's defaults."""

    number: int
    days: float | None = None
    date: _dt.date | None = None


@record
class Portfolio:
    """The constraints of a portfolio of cases, and its planned calendar.

    Every figure defaults to the protocol of La Transfo (see DOMAIN.md).
    """

    min_cases: int = 3
    max_cases: int = 6
    min_case_sessions: int = 1
    max_case_sessions: int = 4
    case_sessions: int = 2
    """Sessions counted for a candidate case that has no planned sessions."""
    sessions: int = 11
    """The session budget: sessions available for the cases."""
    days: float = 35.0
    months: int = 18
    session_days: float = 3.0
    """Days of a session unless ``[[portfolio.session]]`` says otherwise."""
    min_session_days: float = 2.0
    max_session_days: float = 3.0
    cases_per_session: int = 1
    lab_start: int = 4
    """The planned session where work on the future lab starts."""
    lab_start_min: int = 4
    lab_start_max: int = 6
    min_types: int = 2
    min_territories: int = 2
    min_methods: int = 4
    max_exposed: int = 1
    """At most this many chosen subjects at or over the tamis's attention threshold."""
    first_case: str = "marked-or-calm"
    first_case_max: float | None = None
    """The first case's attention limit; ``None``: the tamis's ``first_case_max``."""
    one_case_per_subject: bool = True
    pinned: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    start: _dt.date | None = None
    """The date of session 1 (optional); later sessions follow every ``month_gap`` months."""
    month_gap: int = 1
    planned: tuple[PlannedCase, ...] = ()
    planned_sessions: tuple[PlannedSession, ...] = ()
    declared: bool = False
    """Whether the session file has a ``[portfolio]`` table at all."""


@record
class Snapshot:
    """What the sieve said about a chosen case when the decision was made."""

    case: str
    score: float | None = None
    rank: int | None = None
    flags: tuple[str, ...] = ()
    disputed: tuple[str, ...] = ()
    outcome: int | None = None
    """How the case went (0 to OUTCOME_TOP), written by a review."""
    outcome_note: str = ""
    reviewed: _dt.date | None = None
    vote_rank: int | None = None
    """The case's rank in the session's vote by majority judgment, when it was on the ballot."""
    vote_mention: str = ""
    """Its majority mention then, as worded by the vote's scale."""


@record
class Decision:
    """One entry of the decision journal."""

    id: str
    date: _dt.date | None
    cases: tuple[str, ...]
    rationale: str = ""
    present: tuple[str, ...] = ()
    tamis: str = ""
    tamis_version: int | None = None
    snapshots: tuple[Snapshot, ...] = field(default=())
