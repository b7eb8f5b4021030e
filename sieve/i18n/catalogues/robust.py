"""Catalogue ``robust.*``: the robustness analysis (Monte Carlo) of the portfolio."""

FR: dict[str, str] = {
    # robustness
    "robust.title": "Robustesse du choix — {title}",
    "robust.method": (
        "{draws} tirages indépendants (graine {seed}) : poids tirés à ±{spread} % de ceux "
        "du tamis, évaluateurs rééchantillonnés (bootstrap)"
    ),
    "robust.error": (
        "± : erreur type de Monte-Carlo, en points de pourcentage "
        "(racine de p (1 - p) / n pour n tirages)"
    ),
    "robust.col.case": "cas",
    "robust.col.first": "P(1er)",
    "robust.col.top": "P(top {k})",
    "robust.col.portfolio": "P(portefeuille)",
    "robust.col.proposed": "proposé",
    "robust.portfolio_draws": "P(portefeuille) : optimiseur exact relancé sur {count} tirages",
    "robust.ranges": "Plages de poids qui gardent le portefeuille proposé (les autres poids fixes)",
    "robust.col.criterion": "critère",
    "robust.col.weight": "poids",
    "robust.col.range": "plage",
    "robust.range": "de {low} à {high}",
    "robust.range_open": "{low} et plus (essayé jusqu'à {ceiling})",
    "robust.no_portfolio": "Aucun portefeuille possible : pas de plages de poids.",
    "robust.case": "P(1er) {first} · P(top {k}) {top} · P(portefeuille) {portfolio}",
}

EN: dict[str, str] = {
    "robust.title": "Robustness of the choice — {title}",
    "robust.method": (
        "{draws} independent draws (seed {seed}): weights drawn within ±{spread}% of "
        "the tamis's, scorers resampled (bootstrap)"
    ),
    "robust.error": (
        "±: the Monte Carlo standard error, in percentage points "
        "(the square root of p (1 - p) / n for n draws)"
    ),
    "robust.col.case": "case",
    "robust.col.first": "P(1st)",
    "robust.col.top": "P(top {k})",
    "robust.col.portfolio": "P(portfolio)",
    "robust.col.proposed": "proposed",
    "robust.portfolio_draws": "P(portfolio): the exact optimiser re-run on {count} draws",
    "robust.ranges": "Weight ranges that keep the proposed portfolio (other weights fixed)",
    "robust.col.criterion": "criterion",
    "robust.col.weight": "weight",
    "robust.col.range": "range",
    "robust.range": "{low} to {high}",
    "robust.range_open": "{low} and above (tried up to {ceiling})",
    "robust.no_portfolio": "No possible portfolio: no weight ranges.",
    "robust.case": "P(1st) {first} · P(top {k}) {top} · P(portfolio) {portfolio}",
}
