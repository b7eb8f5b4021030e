"""Catalogue ``edit.*``: edits of the files refused or confirmed (:mod:`sieve.save`): the tamis,
the cases, the stakeholders and their relations."""

FR: dict[str, str] = {
    # edits
    "edit.unknown": "{kind} `{id}` n'existe pas",
    "edit.applies": "le critère `{criterion}` concerne {applies_to}, pas `{key}`",
    "edit.level": "niveau {level} hors de l'échelle de `{criterion}` (0 à {top})",
    "edit.changed": (
        "{path} a été modifié depuis sa lecture : rien n'a été écrit (rechargez puis recommencez)"
    ),
    "edit.undo_changed": (
        "pas annulé : la valeur de {scorer} sur {key} a été changée depuis, "
        "par quelqu'un d'autre (le salon) ; elle est gardée"
    ),
    "edit.busy": (
        "{path} est en cours d'écriture par un autre programme (attendu {seconds} s) : "
        "rien n'a été écrit (recommencez dans un instant)"
    ),
    "edit.id_invalid": (
        "identifiant `{id}` invalide (attendu : minuscules, chiffres et tirets, "
        "commençant par une lettre ou un chiffre)"
    ),
    "edit.id_taken": "{kind} `{id}` existe déjà",
    "edit.angle_ambiguous": (
        "plusieurs sujets ont un angle `{id}` ({keys}) : nommer le cas, `sujet/{id}`"
    ),
    "edit.empty": "`{field}` ne peut pas être vide",
    "edit.not_number": "`{field}` : attendu un nombre, trouvé {value}",
    "edit.range": "`{field}` : attendu une valeur entre {low} et {high}, trouvé {value}",
    "edit.choice": "`{field}` : attendu l'une de ces valeurs ({choices}), trouvé {value}",
    "edit.field": "`{field}` n'est pas un champ modifiable ici",
    "edit.not_score": "le critère `{criterion}` est une porte : il n'a pas de poids",
    "edit.not_gate": "le critère `{criterion}` est un score : il n'a pas de seuil `pass_at`",
    "edit.last_criterion": "`{criterion}` est le dernier critère : un tamis en garde au moins un",
    "edit.has_scores": (
        "{count} {count:note existe|notes existent} pour {kind} `{id}` : "
        "confirmez pour {count:la|les} supprimer aussi"
    ),
    "edit.scorer_related": (
        "`{id}` est relié·e à d'autres sur la carte des parties prenantes : "
        "retirez d'abord ces relations (écran 0)"
    ),
    "edit.date_range": "date hors limites : attendu entre {low} et {high}",
    "edit.not_date": "attendu une date AAAA-MM-JJ, trouvé {value}",
    "edit.assessment_empty": "une évaluation change au moins le rôle, le pouvoir ou l'intérêt",
    "edit.assessment_taken": "`{id}` a déjà une évaluation au {date}",
    "edit.stance_taken": "`{id}` a déjà une position sur `{subject}` à cette date ({date})",
    "edit.has_refs": (
        "{kind} `{id}` a {scores} {scores:niveau|niveaux} et {notes} {notes:remarque|remarques} : "
        "confirmez pour les supprimer aussi"
    ),
    "edit.tagged": (
        "{count} {count:sujet porte|sujets portent} l'indicateur `{id}` : "
        "confirmez pour le {count:lui|leur} retirer aussi"
    ),
    "edit.first_case_taken": (
        "un autre sujet est déjà le premier cas : marquez `{id}` comme premier cas ensuite"
    ),
    "edit.not_integer": "`{field}` : attendu un nombre entier, trouvé {value}",
    "edit.has_relations": (
        "{count} {count:relation nomme|relations nomment} `{id}` : "
        "confirmez pour {count:la|les} retirer aussi"
    ),
    "edit.self_relation": "`{id}` ne peut pas être en relation avec soi-même",
    "edit.relation_taken": "la relation `{source}` → `{target}` ({relation}) existe déjà",
    "edit.unknown_relation": "la relation `{source}` → `{target}` ({relation}) n'existe pas",
}

EN: dict[str, str] = {
    "edit.unknown": "{kind} `{id}` does not exist",
    "edit.applies": "criterion `{criterion}` is scored per {applies_to}, not on `{key}`",
    "edit.level": "level {level} is outside the scale of `{criterion}` (0 to {top})",
    "edit.changed": "{path} changed since it was read: nothing was written (reload, then retry)",
    "edit.undo_changed": (
        "not undone: {scorer}'s value on {key} was changed since by someone else "
        "(the room); it is kept"
    ),
    "edit.busy": (
        "{path} is being written by another program (waited {seconds} s): "
        "nothing was written (retry in a moment)"
    ),
    "edit.id_invalid": (
        "invalid id `{id}` (expected: lowercase letters, digits and hyphens, "
        "starting with a letter or a digit)"
    ),
    "edit.id_taken": "{kind} `{id}` already exists",
    "edit.angle_ambiguous": (
        "several subjects have an angle `{id}` ({keys}): name the case, `subject/{id}`"
    ),
    "edit.empty": "`{field}` cannot be empty",
    "edit.not_number": "`{field}`: expected a number, found {value}",
    "edit.range": "`{field}`: expected a value between {low} and {high}, found {value}",
    "edit.choice": "`{field}`: expected one of ({choices}), found {value}",
    "edit.field": "`{field}` is not a field that can be edited here",
    "edit.not_score": "criterion `{criterion}` is a gate: it has no weight",
    "edit.not_gate": "criterion `{criterion}` is a score: it has no `pass_at`",
    "edit.last_criterion": "`{criterion}` is the last criterion: a tamis keeps at least one",
    "edit.has_scores": (
        "{count} {count:score exists|scores exist} for {kind} `{id}`: "
        "confirm to remove {count:it|them} too"
    ),
    "edit.scorer_related": (
        "`{id}` is tied to others on the stakeholder map: remove those relations first (screen 0)"
    ),
    "edit.date_range": "date out of range: expected between {low} and {high}",
    "edit.not_date": "expected a date YYYY-MM-DD, found {value}",
    "edit.assessment_empty": "an assessment changes at least the role, the power or the interest",
    "edit.assessment_taken": "`{id}` already has an assessment on {date}",
    "edit.stance_taken": "`{id}` already has a stance on `{subject}` on this date ({date})",
    "edit.has_refs": (
        "{kind} `{id}` has {scores} {scores:level|levels} and {notes} {notes:note|notes}: "
        "confirm to remove them too"
    ),
    "edit.tagged": (
        "{count} {count:subject carries|subjects carry} indicator `{id}`: "
        "confirm to untag {count:it|them} too"
    ),
    "edit.first_case_taken": (
        "another subject is already the first case: mark `{id}` as the first case afterwards"
    ),
    "edit.not_integer": "`{field}`: expected a whole number, found {value}",
    "edit.has_relations": (
        "{count} {count:relation names|relations name} `{id}`: "
        "confirm to remove {count:it|them} too"
    ),
    "edit.self_relation": "`{id}` cannot be in a relation with themselves",
    "edit.relation_taken": "the relation `{source}` → `{target}` ({relation}) already exists",
    "edit.unknown_relation": "the relation `{source}` → `{target}` ({relation}) does not exist",
}
