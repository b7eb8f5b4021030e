"""Catalogue ``noun.*``: the domain's nouns, which ``t()`` puts for the ``kind`` and
``applies_to`` parameters of a message, and the first-case rules for ``rule``."""

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
    # the portfolio's first-case rules (the ``rule`` parameter)
    "noun.rule.marked-or-calm": "« marqué ou calme »",
    "noun.rule.marked": "« marqué »",
    "noun.rule.calm": "« calme »",
    "noun.rule.marked-and-calm": "« marqué et calme »",
    "noun.rule.none": "« aucune »",
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
    "noun.rule.marked-or-calm": "“marked or calm”",
    "noun.rule.marked": "“marked”",
    "noun.rule.calm": "“calm”",
    "noun.rule.marked-and-calm": "“marked and calm”",
    "noun.rule.none": "“none”",
}
