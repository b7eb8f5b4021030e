"""Catalogue ``decide.*``: recording a decision in the journal (``sieve decide``)."""

FR: dict[str, str] = {
    "decide.no_cases": "aucun cas choisi : donnez --cases",
    "decide.no_rationale": "une décision garde ses raisons : donnez --rationale",
    "decide.twice": "un même cas est donné deux fois",
    "decide.unknown_person": (
        "`{id}` n'est ni un·e évaluateur·rice ni une partie prenante de la session"
    ),
    "decide.bad_id": "identifiant de décision invalide : {id}",
    "decide.id_taken": "la décision `{id}` existe déjà",
}

EN: dict[str, str] = {
    "decide.no_cases": "no case chosen: give --cases",
    "decide.no_rationale": "a decision keeps its reasons: give --rationale",
    "decide.twice": "the same case is given twice",
    "decide.unknown_person": "`{id}` is neither a scorer nor a stakeholder of the session",
    "decide.bad_id": "invalid decision id: {id}",
    "decide.id_taken": "decision `{id}` already exists",
}
