"""Catalogue ``flag.*``: the flags of a case in the rankings."""

FR: dict[str, str] = {
    "flag.attention": "attention politique forte",
    "flag.first-case-attention": "premier cas trop exposé",
    "flag.opposed-by-power": "opposition d'un acteur puissant",
    "flag.no-service-support": "aucun service concerné ne soutient",
}

EN: dict[str, str] = {
    "flag.attention": "high political attention",
    "flag.first-case-attention": "first case too exposed",
    "flag.opposed-by-power": "opposed by a powerful stakeholder",
    "flag.no-service-support": "no supporting service",
}
