"""The counted vote as text and JSON, and each tie-break in words (no Textual here)."""

from __future__ import annotations

from collections.abc import Callable

from sieve.engine.vote import Step, TieBreak, VoteResult
from sieve.i18n import percent, t
from sieve.text import json_text, literal

FORMATS = ("text", "json")

#: MieuxVoter's colours of seven mentions, worst first (other scales take the nearest).
MENTION_COLOURS = (
    "#df3222",
    "#ed6f01",
    "#fab001",
    "#c5d300",
    "#7bbd3e",
    "#00a249",
    "#017a36",
)


def mention_colour(level: int, size: int) -> str:
    """The colour of ``level`` on a scale of ``size`` mentions."""
    if size <= 1:
        return MENTION_COLOURS[-1]
    return MENTION_COLOURS[round(level * (len(MENTION_COLOURS) - 1) / (size - 1))]


def _plain(key: str) -> str:
    return key


def explain_break(
    tb: TieBreak,
    result: VoteResult,
    lang: str | None = None,
    name: Callable[[str], str] = _plain,
    mention: Callable[[str], str] = _plain,
) -> str:
    """One tie-break in words: why ``tb.ahead`` is ahead of ``tb.behind`` (or level).

    ``name`` words a case key, ``mention`` a mention of the scale (both file text: the
    caller makes them safe for where they go).
    """
    levels = tuple(mention(level) for level in result.scale.levels)
    ahead, behind = name(tb.ahead.case), name(tb.behind.case)
    if tb.equal:
        return t("vote.break.equal", lang, ahead=ahead, behind=behind)
    first_a, first_b = tb.ahead.steps[0], tb.behind.steps[0]
    if tb.step == 0:
        return t(
            "vote.break.mention",
            lang,
            ahead=ahead,
            behind=behind,
            m1=levels[first_a.mention],
            m2=levels[first_b.mention],
        )
    m = levels[first_a.mention]
    a, b = tb.ahead.steps[tb.step - 1], tb.behind.steps[tb.step - 1]
    detail = _detail(a, b, levels, ahead, behind, lang)
    if tb.step == 1:
        return t("vote.break.same", lang, ahead=ahead, behind=behind, m=m, detail=detail)
    side = "above" if first_a.side > 0 else "below"
    share = first_a.above if first_a.side > 0 else first_a.below
    gauge = t(f"vote.gauge.{side}", lang, share=percent(float(share), lang), m=m)
    return t(
        "vote.break.later",
        lang,
        ahead=ahead,
        behind=behind,
        m=m,
        gauge=gauge,
        step=tb.step,
        detail=detail,
    )


def _detail(
    a: Step, b: Step, levels: tuple[str, ...], ahead: str, behind: str, lang: str | None
) -> str:
    """The words of one step where two cases differ (``a`` is the one ahead)."""
    if a.mention != b.mention:
        return t(
            "vote.detail.mention",
            lang,
            ahead=ahead,
            behind=behind,
            m1=levels[a.mention],
            m2=levels[b.mention],
        )
    shares = {
        "pa": percent(float(a.above), lang),
        "pb": percent(float(b.above), lang),
        "qa": percent(float(a.below), lang),
        "qb": percent(float(b.below), lang),
    }
    words = dict(ahead=ahead, behind=behind, m=levels[a.mention], **shares)
    if a.side > 0 and b.side < 0:
        return t("vote.detail.mixed", lang, **words)
    if a.side > 0:
        return t("vote.detail.better", lang, **words)
    return t("vote.detail.worse", lang, **words)


def vote_records(result: VoteResult, lang: str | None = None) -> dict:
    """The JSON contract of ``sieve vote``."""
    return {
        "scale": list(result.scale.levels),
        "question": result.question,
        "abstention": result.abstention,
        "voters": list(result.voters),
        "cases": [
            {
                "case": line.case,
                "rank": line.rank,
                "majority": line.majority,
                "profile": list(line.profile),
                "above": line.above,
                "below": line.below,
            }
            for line in result.lines
        ],
        "tie_breaks": [
            {
                "ahead": tb.ahead.case,
                "behind": tb.behind.case,
                "step": tb.step,
                "text": explain_break(tb, result, lang),
            }
            for tb in result.breaks
        ],
    }


def vote_json(result: VoteResult, lang: str | None = None) -> str:
    return json_text(vote_records(result, lang)) + "\n"


def vote_text(result: VoteResult, lang: str | None = None) -> str:
    """The ranking as a table, then each tie-break in words."""
    levels = tuple(literal(level) for level in result.scale.levels)
    out = [t("vote.title", lang)]
    if result.question:
        out.append(t("vote.question", lang, question=literal(result.question)))
    rule = t(f"vote.abstention.{result.abstention}", lang, worst=levels[0])
    out.append(t("vote.voters", lang, count=len(result.voters), rule=rule))
    out.append("")
    header = [
        t("vote.col.rank", lang),
        t("vote.col.case", lang),
        t("vote.col.majority", lang),
        t("vote.col.above", lang),
        t("vote.col.below", lang),
        t("vote.col.profile", lang, worst=levels[0], best=levels[-1]),
    ]
    rows = [header]
    for line in result.lines:
        majority = (
            levels[line.majority] if line.majority is not None else t("vote.no_mention", lang)
        )
        rows.append(
            [
                str(line.rank) if line.rank is not None else "–",
                literal(line.case),
                majority,
                percent(line.above, lang),
                percent(line.below, lang),
                " ".join(str(n) for n in line.profile),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    for row in rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        out.append("  ".join(cells + [row[-1]]).rstrip())
    if result.breaks:
        out.append("")
        out.append(t("vote.breaks", lang))
        out.extend(f"- {explain_break(tb, result, lang, literal, literal)}" for tb in result.breaks)
    return "\n".join(out) + "\n"


def render_vote(result: VoteResult, fmt: str, lang: str | None = None) -> str:
    return vote_json(result, lang) if fmt == "json" else vote_text(result, lang)
