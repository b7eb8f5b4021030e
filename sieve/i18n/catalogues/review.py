"""Catalogue ``review.*``: reviewing a decision (``sieve review``)."""

FR: dict[str, str] = {
    "review.unknown_decision": "décision `{id}` inconnue (décisions : {known})",
    "review.unknown_case": "`{case}` n'a pas été choisi par la décision {decision} ({known})",
    "review.level": "niveau {level} invalide (attendu : un entier de 0 à {top})",
}

EN: dict[str, str] = {
    "review.unknown_decision": "unknown decision `{id}` (decisions: {known})",
    "review.unknown_case": "`{case}` was not chosen by decision {decision} ({known})",
    "review.level": "invalid level {level} (expected an integer from 0 to {top})",
}
