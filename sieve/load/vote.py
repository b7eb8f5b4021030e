"""The final vote as written in a session file: ``[vote]`` and ``[votes.<scorer>]``.

``[vote]`` names a scale of the tamis (its levels are the mentions, worst first), the
ballot (``cases``; by default the cases that pass the sieve), the question asked and
how a missing mention counts (``abstention``). ``[votes.<scorer>]`` holds one line per
case, a level of that scale, as scores do. This module only reads and validates;
:mod:`sieve.engine.vote` ranks, :mod:`sieve.save.vote` writes.
"""

from __future__ import annotations

from typing import Any

from sieve.load.fields import Fields, FileCheck, known_ids, show, type_name
from sieve.model import ABSTENTION_RULES, Scale, Scorer, Tamis, Vote

VOTE_KEYS = {"scale", "cases", "question", "abstention"}


def read_vote(
    data: dict, fc: FileCheck, tamis: Tamis, case_keys: set[str], scorers: dict[str, Scorer]
) -> tuple[Vote | None, dict[str, dict[str, int]]]:
    """The ``[vote]`` table and the ``[votes.*]`` tables, every problem recorded in ``fc``.

    ``[votes.*]`` without a ``[vote]`` is an error: the levels mean nothing without
    the scale the vote names.
    """
    vote = _vote(data, fc, tamis, case_keys) if "vote" in data else None
    raw = data.get("votes")
    if raw is None:
        return vote, {}
    if not isinstance(raw, dict):
        fc.add(
            ("votes",), "key.type", key="votes", expected_type="table", found_type=type_name(raw)
        )
        return vote, {}
    if "vote" not in data:
        fc.add(("votes", next(iter(raw), "")) if raw else ("votes",), "ballot.missing")
        return None, {}
    if vote is None:  # its own problem is reported already
        return None, {}
    ballot = set(vote.cases) or case_keys
    votes: dict[str, dict[str, int]] = {}
    for scorer, rows in raw.items():
        where = ("votes", scorer)
        if scorer not in scorers:
            fc.add(where, "ref.unknown", kind="scorer", id=scorer, known=", ".join(scorers) or "-")
            continue
        if not isinstance(rows, dict):
            fc.add(
                where,
                "key.type",
                key=f"votes.{scorer}",
                expected_type="table",
                found_type=type_name(rows),
            )
            continue
        votes[scorer] = _rows(fc, where, rows, vote.scale, ballot, case_keys)
    return vote, votes


def _vote(data: dict, fc: FileCheck, tamis: Tamis, case_keys: set[str]) -> Vote | None:
    where = ("vote",)
    f = Fields(fc, data["vote"], where, VOTE_KEYS)
    if not f.ok:
        return None
    name = f.str("scale", required=True)
    scale = tamis.scales.get(name)
    if name and scale is None:
        fc.add(
            where + ("scale",), "ref.unknown", kind="scale", id=name, known=", ".join(tamis.scales)
        )
    cases: list[str] = []
    for i, key in enumerate(f.str_list("cases")):
        if key not in case_keys:
            fc.add(
                where + ("cases", i),
                "ref.unknown",
                kind="case",
                id=key,
                known=known_ids(key, dict.fromkeys(sorted(case_keys))),
            )
        elif key in cases:
            fc.add(where + ("cases", i), "ballot.twice", case=key)
        else:
            cases.append(key)
    if "cases" in f.table and not f.table["cases"] and isinstance(f.table["cases"], list):
        fc.add(where + ("cases",), "ballot.empty")
    question = f.str("question")
    abstention = f.choice("abstention", ABSTENTION_RULES, required=False) or "lowest"
    if scale is None or fc.has_errors:
        return None
    return Vote(scale, tuple(cases), question, abstention)


def _rows(
    fc: FileCheck,
    where: tuple,
    rows: dict[str, Any],
    scale: Scale,
    ballot: set[str],
    case_keys: set[str],
) -> dict[str, int]:
    """One voter's mentions, each a level of the vote's scale, on a case of the ballot."""
    out: dict[str, int] = {}
    for key, level in rows.items():
        at = where + (key,)
        if key not in case_keys:
            fc.add(
                at,
                "ref.unknown",
                kind="case",
                id=key,
                known=known_ids(key, dict.fromkeys(sorted(case_keys))),
            )
        elif key not in ballot:
            fc.add(at, "ballot.off_ballot", case=key)
        elif type(level) is not int:
            fc.add(
                at,
                "key.type_value",
                key=key,
                expected_type="int",
                found_type=type_name(level),
                found=show(level),
            )
        elif not 0 <= level <= scale.top:
            fc.add(at, "ballot.level", found=show(level), scale=scale.id, top=scale.top)
        else:
            out[key] = level
    return out
