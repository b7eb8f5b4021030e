"""The final vote by majority judgment (Balinski and Laraki), with its tie-breaks in words.

Each voter gives each case of the ballot a mention of the vote's scale (worst level
first). A case's *merit profile* is the count of each mention. Its *majority mention*
is the lower median (for an even count, the worse of the two middle mentions).
Cases are ranked by their *majority value*: the sequence of majority mentions
obtained by removing one median mention at a time, compared lexicographically
(Balinski & Laraki, "A theory of measuring, electing and ranking", PNAS 104(21),
2007; *Majority Judgment*, MIT Press, 2011).

The sequence is computed group by group rather than voter by voter: at each step
the *majority gauge* is taken (the mention, and the larger of the shares of voters
strictly above and strictly below it, the share below winning a tie, as the lower
median does), then the median group is merged into the nearest mention on the side
of the larger share, and again. Comparing these steps lexicographically orders the
cases exactly as the full majority value does (a test checks it against the
voter-by-voter definition); it uses shares, so that a case judged by fewer voters
(``abstention = "ignore"``) is compared fairly, and it takes one step per mention of
the scale whatever the number of voters. MieuxVoter's libraries rank the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from sieve.model import Scale, Session, Vote


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the majority value: the majority mention and its gauge."""

    mention: int
    """The majority mention (lower median) at this step."""
    above: Fraction
    """The share of voters strictly above it (of all the case's voters)."""
    below: Fraction
    """The share of voters strictly below it."""
    side: int = 0
    """+1 when more voters are above than below, -1 when below (or a tie), 0: none."""

    @property
    def key(self) -> tuple[int, Fraction]:
        """What is compared: the mention, then the larger share, signed by its side."""
        return (self.mention, self.above if self.side > 0 else -self.below)


@dataclass(frozen=True, slots=True)
class VoteLine:
    """One case on the ballot: its merit profile, majority mention and rank."""

    case: str
    profile: tuple[int, ...]
    """Mentions received, level by level, worst first (abstentions counted as the rule says)."""
    steps: tuple[Step, ...]
    """The majority value, one step per mention of the scale."""
    rank: int | None
    """1 for the best; equal profiles share a rank (1, 1, 3); ``None`` without any mention."""

    @property
    def voters(self) -> int:
        return sum(self.profile)

    @property
    def majority(self) -> int | None:
        """The majority mention; ``None`` when nobody judged the case."""
        return self.steps[0].mention if self.steps else None

    @property
    def above(self) -> float:
        """The share of voters who judged the case better than its majority mention."""
        return float(self.steps[0].above) if self.steps else 0.0

    @property
    def below(self) -> float:
        """The share of voters who judged the case worse than its majority mention."""
        return float(self.steps[0].below) if self.steps else 0.0

    def shares(self) -> tuple[float, ...]:
        """The profile as shares of the voters (the stacked bar), worst first."""
        total = self.voters
        return tuple(n / total if total else 0.0 for n in self.profile)


@dataclass(frozen=True, slots=True)
class TieBreak:
    """Why one case is ahead of the next in the ranking (or level with it)."""

    ahead: VoteLine
    behind: VoteLine
    step: int
    """What decides: 0, the majority mentions differ; 1, the same majority mention and
    its gauge (the shares above and below) decides; ``k`` >= 2, the ``k``-th step of the
    majority value (``steps[k - 1]``), once the median mentions were taken away; -1: equal."""

    @property
    def equal(self) -> bool:
        return self.step < 0


@dataclass(frozen=True, slots=True)
class VoteResult:
    """The counted vote: the ballot ranked, and each pair of neighbours explained."""

    scale: Scale
    question: str
    abstention: str
    voters: tuple[str, ...]
    """Who voted (a scorer with at least one mention on the ballot), in file order."""
    lines: tuple[VoteLine, ...]
    """The ballot, best first; cases nobody judged come last, unranked."""
    breaks: tuple[TieBreak, ...]
    """Between each ranked line and the next."""
    ballot: tuple[str, ...] = ()
    """The cases of the ballot in ballot order."""

    def line(self, case: str) -> VoteLine:
        for line in self.lines:
            if line.case == case:
                return line
        raise KeyError(case)


def majority_steps(profile: tuple[int, ...] | list[int]) -> tuple[Step, ...]:
    """The majority value of a merit profile (counts, worst first), as gauges.

    One step per mention of the scale; empty for a profile without any mention.
    """
    counts = list(profile)
    total = sum(counts)
    if total == 0:
        return ()
    steps: list[Step] = []
    middle = (total - 1) // 2  # the lower median's position, worst first
    for _ in range(len(counts)):
        mention, below = _median(counts, middle)
        above = total - below - counts[mention]
        side = 1 if above > below else -1 if below else 0
        steps.append(Step(mention, Fraction(above, total), Fraction(below, total), side))
        if side > 0:
            into = next(m for m in range(mention + 1, len(counts)) if counts[m])
        elif side < 0:
            into = next(m for m in range(mention - 1, -1, -1) if counts[m])
        else:
            continue
        counts[into] += counts[mention]
        counts[mention] = 0
    return tuple(steps)


def _median(counts: list[int], middle: int) -> tuple[int, int]:
    """The mention at position ``middle`` (worst first), and how many are below it."""
    seen = 0
    for mention, count in enumerate(counts):
        if middle < seen + count:
            return mention, seen
        seen += count
    raise ValueError(middle)


def _key(steps: tuple[Step, ...], scale: int) -> tuple[int, ...]:
    """The steps as integers, compared lexicographically: for each step the mention, then
    the larger share signed by its side, as a multiple of ``1 / scale`` (``scale`` is a
    common multiple of every case's number of voters, so the integers are exact)."""
    out: list[int] = []
    for step in steps:
        share = step.above if step.side > 0 else -step.below
        out += (step.mention, share.numerator * (scale // share.denominator))
    return tuple(out)


def rank_profiles(profiles: dict[str, tuple[int, ...]]) -> list[VoteLine]:
    """Cases ranked by majority judgment, best first; equal profiles share a rank.

    ``profiles`` maps each case to its merit profile (all of the same scale), in
    ballot order, which also orders cases of equal rank.
    """
    lines = [(case, profile, majority_steps(profile)) for case, profile in profiles.items()]
    scale = math.lcm(*(sum(profile) for _case, profile, steps in lines if steps), 1)
    keys = {case: _key(steps, scale) for case, _profile, steps in lines}
    judged = [line for line in lines if line[2]]
    judged.sort(key=lambda line: keys[line[0]], reverse=True)  # stable: ballot order kept
    out: list[VoteLine] = []
    for i, (case, profile, steps) in enumerate(judged):
        rank = i + 1
        if out and keys[out[-1].case] == keys[case]:
            rank = out[-1].rank or rank
        out.append(VoteLine(case, tuple(profile), steps, rank))
    out += [
        VoteLine(case, tuple(profile), steps, None) for case, profile, steps in lines if not steps
    ]
    return out


def tie_breaks(lines: list[VoteLine]) -> list[TieBreak]:
    """Between each ranked line and the next: the step of the majority value that decides."""
    out = []
    ranked = [line for line in lines if line.rank is not None]
    for ahead, behind in zip(ranked, ranked[1:], strict=False):
        pairs = enumerate(zip(ahead.steps, behind.steps, strict=True))
        first = next((i for i, (a, b) in pairs if a.key != b.key), None)
        if first is None:
            step = -1
        elif first == 0 and ahead.steps[0].mention != behind.steps[0].mention:
            step = 0
        else:
            step = first + 1
        out.append(TieBreak(ahead, behind, step))
    return out


def ballot(session: Session, passing: list[str] | None = None) -> tuple[str, ...]:
    """The cases on the ballot: ``[vote] cases``, else ``passing`` (the cases that pass the
    sieve, best first), else every case of the session."""
    vote = session.vote
    if vote is not None and vote.cases:
        return vote.cases
    if passing is not None:
        return tuple(passing)
    return tuple(case.key for case in session.cases)


def profiles(session: Session, cases: tuple[str, ...], vote: Vote) -> tuple[dict, tuple[str, ...]]:
    """The merit profile of each case of the ballot, and who voted.

    A voter is a scorer with at least one mention on the ballot; with
    ``abstention = "lowest"`` a voter's missing mention counts as the worst level.
    """
    on_ballot = set(cases)
    voters = tuple(
        scorer
        for scorer in session.scorers
        if any(key in on_ballot for key in session.votes.get(scorer, {}))
    )
    size = len(vote.scale.levels)
    out: dict[str, tuple[int, ...]] = {}
    for case in cases:
        counts = [0] * size
        for scorer in voters:
            level = session.votes.get(scorer, {}).get(case)
            if level is not None:
                counts[level] += 1
            elif vote.abstention == "lowest":
                counts[0] += 1
        out[case] = tuple(counts)
    return out, voters


def count_vote(
    session: Session, passing: list[str] | None = None, vote: Vote | None = None
) -> VoteResult | None:
    """The session's vote counted; ``None`` when it has no ``[vote]``.

    Args:
        session: the session.
        passing: the cases that pass the sieve, best first (the default ballot);
            every case when not given.
        vote: the vote to count instead of ``session.vote`` (the app shows an empty
            ballot before the first mention creates ``[vote]``).
    """
    vote = vote or session.vote
    if vote is None:
        return None
    cases = ballot(session, passing)
    counted, voters = profiles(session, cases, vote)
    lines = rank_profiles(counted)
    return VoteResult(
        vote.scale,
        vote.question,
        vote.abstention,
        voters,
        tuple(lines),
        tuple(tie_breaks(lines)),
        tuple(cases),
    )
