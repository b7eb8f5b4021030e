"""The report's vote section: the ballot ranked by majority judgment, each merit profile
as a stacked bar, and every tie-break in words (plain records for the templates)."""

from __future__ import annotations

from sieve.engine.evaluate import Evaluation
from sieve.engine.vote import count_vote
from sieve.i18n import percent, t
from sieve.render.report.names import Names, shown
from sieve.render.vote import explain_break, mention_colour


def vote_part(evaluation: Evaluation, names: Names) -> dict | None:
    """The vote, worded in ``names.lang``; ``None`` when the session has no ``[vote]``."""
    session = evaluation.session
    lang = names.lang
    result = count_vote(session, [r.key for r in evaluation.passing])
    if result is None:
        return None
    levels = result.scale.levels
    size = len(levels)
    rows = []
    for line in result.lines:
        total = line.voters or 1
        rows.append(
            {
                "rank": str(line.rank) if line.rank is not None else "–",
                "case": names.case(line.case),
                "mention": shown(levels[line.majority]) if line.majority is not None else "–",
                "above": percent(line.above, lang),
                "below": percent(line.below, lang),
                "counts": " · ".join(str(n) for n in line.profile),
                "segments": [
                    {
                        "width": f"{100 * n / total:.4f}",
                        "colour": mention_colour(level, size),
                        "label": shown(levels[level]) + t("report.colon", lang) + str(n),
                    }
                    for level, n in enumerate(line.profile)
                    if n
                ],
            }
        )
    rule = t(f"vote.abstention.{result.abstention}", lang, worst=shown(levels[0]))
    return {
        "title": t("vote.title", lang),
        "question": shown(result.question),
        "voters": t("vote.voters", lang, count=len(result.voters), rule=rule),
        "legend": [
            {"level": level, "name": shown(name), "colour": mention_colour(level, size)}
            for level, name in enumerate(levels)
        ],
        "cols": {
            "rank": t("vote.col.rank", lang),
            "case": t("vote.col.case", lang),
            "majority": t("vote.col.majority", lang),
            "above": t("vote.col.above", lang),
            "below": t("vote.col.below", lang),
            "profile": t("vote.col.profile", lang, worst=shown(levels[0]), best=shown(levels[-1])),
        },
        "rows": rows,
        "breaks_title": t("vote.breaks", lang),
        "breaks": [explain_break(tb, result, lang, names.case, shown) for tb in result.breaks],
    }
