"""Catalogue ``journal.*``: the decision journal: prediction against outcome."""

FR: dict[str, str] = {
    # journal
    "journal.title": "Journal des décisions — {title}",
    "journal.empty": "Aucune décision consignée.",
    "journal.decision": "{id} · {date} · tamis {tamis} v{version}",
    "journal.tamis_changed": "le tamis est maintenant en v{version}",
    "journal.present": "Présents : {names}",
    "journal.rationale": "Raisons : {text}",
    "journal.col.case": "cas",
    "journal.col.score": "score",
    "journal.col.rank": "rang",
    "journal.col.vote": "vote",
    "journal.col.flags": "alertes",
    "journal.col.disputed": "désaccords",
    "journal.col.outcome": "bilan",
    "journal.compare": "Prédiction et résultat",
    "journal.compare.none": "Aucun cas revu pour l'instant ({pending} à revoir).",
    "journal.compare.line": (
        "{count} cas revus, {pending} à revoir ; écart moyen entre score et bilan : {gap} "
        "(sur 0 à 1)"
    ),
    "journal.compare.spearman": "corrélation de rang entre score et bilan : {rho}",
    "journal.compare.case": "{decision} · {case} : score {score} → bilan {level}/{top} ({label})",
}

EN: dict[str, str] = {
    "journal.title": "Decision journal — {title}",
    "journal.empty": "No decision recorded.",
    "journal.decision": "{id} · {date} · tamis {tamis} v{version}",
    "journal.tamis_changed": "the tamis is now at v{version}",
    "journal.present": "Present: {names}",
    "journal.rationale": "Rationale: {text}",
    "journal.col.case": "case",
    "journal.col.score": "score",
    "journal.col.rank": "rank",
    "journal.col.vote": "vote",
    "journal.col.flags": "flags",
    "journal.col.disputed": "disputed",
    "journal.col.outcome": "outcome",
    "journal.compare": "Prediction and outcome",
    "journal.compare.none": "No case reviewed yet ({pending} to review).",
    "journal.compare.line": (
        "{count} cases reviewed, {pending} to review; mean gap between score and outcome: {gap} "
        "(on 0 to 1)"
    ),
    "journal.compare.spearman": "rank correlation of score and outcome: {rho}",
    "journal.compare.case": "{decision} · {case}: score {score} → outcome {level}/{top} ({label})",
}
