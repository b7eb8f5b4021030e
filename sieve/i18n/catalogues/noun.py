"""Catalogue ``noun.*``: the domain's nouns, which ``t()`` puts for the ``kind`` and
``applies_to`` parameters of a message."""

FR: dict[str, str] = {
    # nouns used inside messages
    "noun.scale": "l'échelle",
    "noun.criterion": "le critère",
    "noun.indicator": "l'indicateur d'attention",
    "noun.subject": "le sujet",
    "noun.angle": "l'angle",
    "noun.case": "le cas",
    "noun.scorer": "l'évaluateur·rice",
    "noun.stakeholder": "la partie prenante",
    "noun.score": "score",
    "noun.gate": "porte",
    "noun.tamis": "le tamis",
    "noun.decision": "la décision",
}

EN: dict[str, str] = {
    "noun.scale": "scale",
    "noun.criterion": "criterion",
    "noun.indicator": "attention indicator",
    "noun.subject": "subject",
    "noun.angle": "angle",
    "noun.case": "case",
    "noun.scorer": "scorer",
    "noun.stakeholder": "stakeholder",
    "noun.score": "score",
    "noun.gate": "gate",
    "noun.tamis": "tamis",
    "noun.decision": "decision",
}
