"""Catalogue ``rank.*``: the ranking (:mod:`sieve.render.rank`): titles and columns."""

FR: dict[str, str] = {
    # ranking and explanations
    "rank.col.rank": "rang",
    "rank.col.case": "cas",
    "rank.col.title": "titre (sujet — angle)",
    "rank.col.score": "score",
    "rank.col.complete": "complet",
    "rank.col.gates": "arrêté par",
    "rank.col.attention": "attention",
    "rank.col.flags": "alertes",
    "rank.col.disputed": "désaccords",
    "rank.yes": "oui",
    "rank.no": "non",
    "rank.title": "Classement — {title} ({city}), tamis {tamis} v{version}",
    "rank.title_no_city": "Classement — {title}, tamis {tamis} v{version}",
    "rank.no_cases": "Aucun cas à classer : ajoutez un sujet et un angle (dans l'app, touche 5).",
}

EN: dict[str, str] = {
    "rank.col.rank": "rank",
    "rank.col.case": "case",
    "rank.col.title": "title (subject — angle)",
    "rank.col.score": "score",
    "rank.col.complete": "complete",
    "rank.col.gates": "stopped by",
    "rank.col.attention": "attention",
    "rank.col.flags": "flags",
    "rank.col.disputed": "disputed",
    "rank.yes": "yes",
    "rank.no": "no",
    "rank.title": "Ranking — {title} ({city}), tamis {tamis} v{version}",
    "rank.title_no_city": "Ranking — {title}, tamis {tamis} v{version}",
    "rank.no_cases": "No case to rank: add a subject and an angle (in the app, key 5).",
}
