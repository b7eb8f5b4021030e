"""What the stakeholder analyses return: findings (warnings, information), measures, analysis."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sieve.model import Assessment, Relation, Stakeholder, StakeholderRules, Stance

if TYPE_CHECKING:
    pass


WARNING = "warning"


INFO = "info"


#: Mendelow's quadrants, in the order they are shown.
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")


#: Finding kinds, warnings first, in the order they are shown.
WARNING_KINDS = (
    "forbidden_hierarchy",
    "referent_load",
    "cut_vertex",
    "bridge",
    "isolated_ambassador",
    "weak_ambassador",
    "disconnected",
    "second_circle",
    "key_player_unlinked",
    "one_way_out",
    "one_way_in",
)


INFO_KINDS = ("pivot", "broker", "referent_trajectory")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the analyses found, with what is needed to word its reason.

    ``params`` hold raw values (ids, counts, fractions); :func:`reason` turns them
    into a sentence in the user's language, with names instead of ids.
    """

    kind: str
    """One of :data:`WARNING_KINDS` or :data:`INFO_KINDS`."""
    severity: str
    """:data:`WARNING` (a point of vigilance) or :data:`INFO`."""
    people: tuple[str, ...]
    """The stakeholders concerned, the main one first."""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING


@dataclass(frozen=True, slots=True)
class Metrics:
    """The measures of one person in the graph."""

    ties: int
    """How many different people this person is tied to (any relation, either way)."""
    relations_out: int
    relations_in: int
    betweenness: float
    """The share of shortest paths between two other people that pass through this one."""
    constraint: float | None
    """Burt's constraint (low: contacts who do not know each other); none when untied."""
    effective_size: float | None
    """Burt's effective size: the number of non-redundant contacts; none when untied."""
    community: int
    """Index into :attr:`Analysis.communities`."""
    quadrant: str
    """One of :data:`QUADRANTS`."""


@dataclass(frozen=True)
class History:
    """A session's dated map, whole: what the exports with time need."""

    people: dict[str, Stakeholder]
    """Everyone who is ever on the map, with their starting values and their dates."""
    relations: tuple[Relation, ...]
    """Every relation, with its dates."""
    assessments: tuple[Assessment, ...] = ()
    stances: tuple[Stance, ...] = ()


@dataclass
class Analysis:
    """Everything the analyses found on one stakeholder map."""

    people: dict[str, Stakeholder]
    relations: tuple[Relation, ...]
    rules: StakeholderRules
    metrics: dict[str, Metrics]
    findings: list[Finding]
    communities: list[tuple[str, ...]]
    """Groups of people who work together, largest first; members in file order."""
    quadrants: dict[str, tuple[str, ...]]
    """Mendelow quadrant -> people in file order."""
    sample: int | None = None
    """The number of sampled sources when betweenness was estimated, else ``None``."""
    title: str = ""
    """The session's title."""
    session_id: str = ""
    at: _dt.date | None = None
    """The date the map was analysed at (``None``: as it stands after every dated entry)."""
    history: History | None = None
    """The whole dated map (every person and relation ever, the dated entries), when the
    session has one; ``None`` for an undated map."""

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_warning]

    def of(self, kind: str) -> list[Finding]:
        """The findings of one kind."""
        return [f for f in self.findings if f.kind == kind]

    def about(self, person: str) -> list[Finding]:
        """The findings that concern one person."""
        return [f for f in self.findings if person in f.people]
