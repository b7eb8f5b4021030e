"""Catalogue ``exchange.*``: exchange between cities: diff, adopt, merge-scores,
merge-driver, compare."""

FR: dict[str, str] = {
    # diff
    "exchange.diff.kinds": (
        "on ne compare que deux tamis ou deux sessions : {old} est {a}, {new} est {b}"
    ),
    "exchange.diff.same": "{old} et {new} sont identiques (au sens de sieve)",
    "exchange.diff.head": "{old} → {new} : {count} {count:différence|différences}",
    "exchange.diff.added": "+ {what} `{id}` : ajout{value}",
    "exchange.diff.removed": "- {what} `{id}` : retrait{value}",
    "exchange.diff.changed": "~ {what} `{id}` : {field} {old} → {new}",
    "exchange.diff.changed_plain": "~ {what} : {field} {old} → {new}",
    "exchange.section.tamis": "tamis",
    "exchange.section.scale": "échelle",
    "exchange.section.criterion": "critère",
    "exchange.section.group": "groupe",
    "exchange.section.attention": "attention",
    "exchange.section.indicator": "indicateur d'attention",
    "exchange.section.session": "session",
    "exchange.section.subject": "sujet",
    "exchange.section.angle": "angle",
    "exchange.section.scorer": "évaluateur·rice",
    "exchange.section.score": "note",
    "exchange.section.note": "remarque",
    "exchange.section.stakeholder": "partie prenante",
    "exchange.section.relation": "relation",
    "exchange.section.portfolio": "portefeuille",
    "exchange.section.decision": "décision",
    "exchange.field.id": "identifiant",
    "exchange.field.title": "titre",
    "exchange.field.version": "version",
    "exchange.field.city": "ville",
    "exchange.field.lang": "langue",
    "exchange.field.label": "libellé",
    "exchange.field.question": "question",
    "exchange.field.kind": "nature (porte ou note)",
    "exchange.field.applies_to": "se note par",
    "exchange.field.weight": "poids",
    "exchange.field.pass_at": "seuil de la porte",
    "exchange.field.origin": "origine",
    "exchange.field.scale": "échelle",
    "exchange.field.levels": "niveaux",
    "exchange.field.order": "ordre des critères",
    "exchange.field.disagreement": "seuil de désaccord",
    "exchange.field.threshold": "seuil d'attention",
    "exchange.field.first_case_max": "attention maximale du premier cas",
    "exchange.field.date": "date",
    "exchange.field.tamis": "tamis",
    "exchange.field.description": "description",
    "exchange.field.type": "type",
    "exchange.field.territory": "territoire",
    "exchange.field.attention": "attention politique",
    "exchange.field.first_case": "premier cas",
    "exchange.field.methods": "méthodes",
    "exchange.field.name": "nom",
    "exchange.field.role": "rôle",
    "exchange.field.org": "organisation",
    "exchange.field.power": "pouvoir",
    "exchange.field.interest": "intérêt",
    "exchange.field.value": "valeur",
    "exchange.field.min_cases": "nombre de cas minimal",
    "exchange.field.max_cases": "nombre de cas maximal",
    "exchange.field.min_case_sessions": "sessions par cas (minimum)",
    "exchange.field.max_case_sessions": "sessions par cas (maximum)",
    "exchange.field.case_sessions": "sessions par cas",
    "exchange.field.sessions": "sessions",
    "exchange.field.days": "jours",
    "exchange.field.months": "mois",
    "exchange.field.session_days": "jours par session",
    "exchange.field.min_session_days": "jours par session (minimum)",
    "exchange.field.max_session_days": "jours par session (maximum)",
    "exchange.field.cases_per_session": "cas par session",
    "exchange.field.lab_start": "début du labo",
    "exchange.field.lab_start_min": "début du labo (au plus tôt)",
    "exchange.field.lab_start_max": "début du labo (au plus tard)",
    "exchange.field.min_types": "types différents (minimum)",
    "exchange.field.min_territories": "territoires différents (minimum)",
    "exchange.field.min_methods": "méthodes différentes (minimum)",
    "exchange.field.max_exposed": "cas exposés (maximum)",
    "exchange.field.one_case_per_subject": "un cas par sujet",
    "exchange.field.pinned": "cas retenus d'office",
    "exchange.field.excluded": "cas exclus",
    "exchange.field.start": "début",
    "exchange.field.month_gap": "écart entre sessions (mois)",
    "exchange.field.planned": "cas planifiés",
    "exchange.field.planned_sessions": "sessions planifiées",
    "exchange.field.cases": "cas",
    "exchange.field.rationale": "motifs",
    "exchange.field.present": "présents",
    "exchange.field.tamis_version": "version du tamis",
    "exchange.field.snapshots": "instantanés",
    # adopt
    "exchange.adopt.unknown": "critère(s) {ids} absent(s) de {source} (connus : {known})",
    "exchange.adopt.rename_one": "--rename ne vaut que pour un seul critère",
    "exchange.adopt.rename_replace": "--rename et --replace s'excluent",
    "exchange.adopt.bad_id": (
        "identifiant `{id}` invalide (minuscules, chiffres et tirets attendus)"
    ),
    "exchange.adopt.taken": (
        "{target} a déjà un critère {ids} : rien n'a été écrit. "
        "Donnez --rename NOUVEL-ID pour l'adopter sous un autre nom, "
        "ou --replace pour remplacer le nôtre"
    ),
    "exchange.adopt.renamed_taken": (
        "{target} a déjà un critère {ids} : choisissez un autre nom pour --rename. "
        "Rien n'a été écrit"
    ),
    "exchange.adopt.scale_conflict": (
        "l'échelle `{scale}` existe dans {target} avec d'autres niveaux "
        "(chez nous : {ours} ; chez eux : {theirs}) : rien n'a été écrit"
    ),
    "exchange.adopt.added": "critère `{id}` adopté",
    "exchange.adopt.added_as": "critère `{source}` adopté sous le nom `{id}`",
    "exchange.adopt.replaced": "critère `{id}` remplacé sur place",
    "exchange.adopt.scale_added": "échelle `{id}` ajoutée",
    "exchange.adopt.written": "écrit dans {path}",
    "exchange.adopt.nothing": "rien à changer dans {path}",
    "exchange.invalid_result": "le résultat ne serait pas valide ({path}) : {error}",
    "exchange.not_lossless": (
        "{path} ne peut pas être modifié sans en déplacer des parties (des tables [[…]] "
        "séparées par d'autres tables ?) : regroupez-les, puis recommencez. Rien n'a été écrit"
    ),
    "exchange.merge_scores.summary": (
        "{levels} {levels:niveau|niveaux} et {notes} {notes:remarque|remarques} intégrés"
    ),
    "exchange.written": "écrit dans {path}",
    # merge-driver
    "exchange.merge.conflict": (
        "{path} : conflit sur {where} : base {base}, chez nous {ours}, chez eux {theirs}"
    ),
    "exchange.merge.absent": "(absent)",
    "exchange.merge.not_toml": (
        "{path} : fusion par lignes (le fichier n'est pas du TOML lisible : {error})"
    ),
    "exchange.merge.summary": (
        "{path} : {count} {count:conflit, marqué|conflits, marqués} <<<<<<< / >>>>>>> "
        "dans le fichier"
    ),
    "exchange.merge.unmarkable": (
        "{path} : fusion par lignes (des entrées [[…]] sans clé ont changé des deux côtés)"
    ),
    "exchange.merge.broken": (
        "{path} : la fusion par lignes ne donne pas du TOML lisible ({where}) : "
        "conflit, les changements venus de chez eux sont marqués <<<<<<< / >>>>>>>"
    ),
    "exchange.merge.broken.version": "{version}, ligne {line} : {error}",
    "exchange.merge.broken.result": "le résultat : {error}",
    "exchange.merge.not_utf8": (
        "{path} : {version} n'est pas du texte UTF-8 (ligne {line}, octet {byte}) ; "
        "rien n'est fusionné, le fichier reste en conflit avec notre version "
        "(git show :1:{path}, :2:{path}, :3:{path} : commune, nous, eux)"
    ),
    "exchange.merge.version.base": "la version commune",
    "exchange.merge.version.ours": "notre version",
    "exchange.merge.version.theirs": "leur version",
    # compare
    "exchange.compare.criterion": "critère",
    "exchange.compare.gate": "porte≥{level}",
    "exchange.compare.legend": (
        "nombre : poids ; porte≥N : critère éliminatoire ; · : absent ; "
        "(id) : adopté sous un autre nom"
    ),
}

EN: dict[str, str] = {
    # diff
    "exchange.diff.kinds": "only two tamis or two sessions compare: {old} is {a}, {new} is {b}",
    "exchange.diff.same": "{old} and {new} are the same (as sieve reads them)",
    "exchange.diff.head": "{old} → {new}: {count} {count:difference|differences}",
    "exchange.diff.added": "+ {what} `{id}` added{value}",
    "exchange.diff.removed": "- {what} `{id}` removed{value}",
    "exchange.diff.changed": "~ {what} `{id}`: {field} {old} → {new}",
    "exchange.diff.changed_plain": "~ {what}: {field} {old} → {new}",
    "exchange.section.tamis": "tamis",
    "exchange.section.scale": "scale",
    "exchange.section.criterion": "criterion",
    "exchange.section.group": "group",
    "exchange.section.attention": "attention",
    "exchange.section.indicator": "attention indicator",
    "exchange.section.session": "session",
    "exchange.section.subject": "subject",
    "exchange.section.angle": "angle",
    "exchange.section.scorer": "scorer",
    "exchange.section.score": "score",
    "exchange.section.note": "note",
    "exchange.section.stakeholder": "stakeholder",
    "exchange.section.relation": "relation",
    "exchange.section.portfolio": "portfolio",
    "exchange.section.decision": "decision",
    "exchange.field.id": "id",
    "exchange.field.title": "title",
    "exchange.field.version": "version",
    "exchange.field.city": "city",
    "exchange.field.lang": "language",
    "exchange.field.label": "label",
    "exchange.field.question": "question",
    "exchange.field.kind": "kind (gate or score)",
    "exchange.field.applies_to": "scored per",
    "exchange.field.weight": "weight",
    "exchange.field.pass_at": "gate's pass level",
    "exchange.field.origin": "origin",
    "exchange.field.scale": "scale",
    "exchange.field.levels": "levels",
    "exchange.field.order": "order of the criteria",
    "exchange.field.disagreement": "disagreement threshold",
    "exchange.field.threshold": "attention threshold",
    "exchange.field.first_case_max": "first case's maximum attention",
    "exchange.field.date": "date",
    "exchange.field.tamis": "tamis",
    "exchange.field.description": "description",
    "exchange.field.type": "type",
    "exchange.field.territory": "territory",
    "exchange.field.attention": "political attention",
    "exchange.field.first_case": "first case",
    "exchange.field.methods": "methods",
    "exchange.field.name": "name",
    "exchange.field.role": "role",
    "exchange.field.org": "organisation",
    "exchange.field.power": "power",
    "exchange.field.interest": "interest",
    "exchange.field.value": "value",
    "exchange.field.min_cases": "minimum number of cases",
    "exchange.field.max_cases": "maximum number of cases",
    "exchange.field.min_case_sessions": "sessions per case (minimum)",
    "exchange.field.max_case_sessions": "sessions per case (maximum)",
    "exchange.field.case_sessions": "sessions per case",
    "exchange.field.sessions": "sessions",
    "exchange.field.days": "days",
    "exchange.field.months": "months",
    "exchange.field.session_days": "days per session",
    "exchange.field.min_session_days": "days per session (minimum)",
    "exchange.field.max_session_days": "days per session (maximum)",
    "exchange.field.cases_per_session": "cases per session",
    "exchange.field.lab_start": "lab start",
    "exchange.field.lab_start_min": "lab start (earliest)",
    "exchange.field.lab_start_max": "lab start (latest)",
    "exchange.field.min_types": "different types (minimum)",
    "exchange.field.min_territories": "different territories (minimum)",
    "exchange.field.min_methods": "different methods (minimum)",
    "exchange.field.max_exposed": "exposed cases (maximum)",
    "exchange.field.one_case_per_subject": "one case per subject",
    "exchange.field.pinned": "cases pinned",
    "exchange.field.excluded": "cases excluded",
    "exchange.field.start": "start",
    "exchange.field.month_gap": "gap between sessions (months)",
    "exchange.field.planned": "cases planned",
    "exchange.field.planned_sessions": "sessions planned",
    "exchange.field.cases": "cases",
    "exchange.field.rationale": "reasons",
    "exchange.field.present": "present",
    "exchange.field.tamis_version": "tamis version",
    "exchange.field.snapshots": "snapshots",
    # adopt
    "exchange.adopt.unknown": "criteria {ids} not in {source} (known: {known})",
    "exchange.adopt.rename_one": "--rename works for one criterion only",
    "exchange.adopt.rename_replace": "--rename and --replace exclude each other",
    "exchange.adopt.bad_id": "invalid id `{id}` (lowercase letters, digits and dashes expected)",
    "exchange.adopt.taken": (
        "{target} already has criterion {ids}: nothing was written. "
        "Give --rename NEW-ID to adopt it under another name, or --replace to replace ours"
    ),
    "exchange.adopt.renamed_taken": (
        "{target} already has criterion {ids}: choose another name for --rename. "
        "Nothing was written"
    ),
    "exchange.adopt.scale_conflict": (
        "scale `{scale}` exists in {target} with other levels "
        "(ours: {ours}; theirs: {theirs}): nothing was written"
    ),
    "exchange.adopt.added": "criterion `{id}` adopted",
    "exchange.adopt.added_as": "criterion `{source}` adopted as `{id}`",
    "exchange.adopt.replaced": "criterion `{id}` replaced in place",
    "exchange.adopt.scale_added": "scale `{id}` added",
    "exchange.adopt.written": "written to {path}",
    "exchange.adopt.nothing": "nothing to change in {path}",
    "exchange.invalid_result": "the result would not be valid ({path}): {error}",
    "exchange.not_lossless": (
        "{path} cannot be edited without moving parts of it ([[…]] tables split by other "
        "tables?): put them together, then retry. Nothing was written"
    ),
    "exchange.merge_scores.summary": (
        "{levels} {levels:level|levels} and {notes} {notes:note|notes} brought in"
    ),
    "exchange.written": "written to {path}",
    # merge-driver
    "exchange.merge.conflict": (
        "{path}: conflict on {where}: base {base}, ours {ours}, theirs {theirs}"
    ),
    "exchange.merge.absent": "(absent)",
    "exchange.merge.not_toml": "{path}: merged by lines (the file is not readable TOML: {error})",
    "exchange.merge.summary": (
        "{path}: {count} {count:conflict|conflicts}, marked <<<<<<< / >>>>>>> in the file"
    ),
    "exchange.merge.unmarkable": (
        "{path}: merged by lines (keyless [[…]] entries changed on both sides)"
    ),
    "exchange.merge.broken": (
        "{path}: the line merge is not readable TOML ({where}): "
        "a conflict, the changes from theirs are marked <<<<<<< / >>>>>>>"
    ),
    "exchange.merge.broken.version": "{version}, line {line}: {error}",
    "exchange.merge.broken.result": "the result: {error}",
    "exchange.merge.not_utf8": (
        "{path}: {version} is not UTF-8 text (line {line}, byte {byte}); "
        "nothing is merged, the file stays in conflict with our version "
        "(git show :1:{path}, :2:{path}, :3:{path}: base, ours, theirs)"
    ),
    "exchange.merge.version.base": "the common version",
    "exchange.merge.version.ours": "our version",
    "exchange.merge.version.theirs": "their version",
    # compare
    "exchange.compare.criterion": "criterion",
    "exchange.compare.gate": "gate≥{level}",
    "exchange.compare.legend": (
        "number: weight; gate≥N: a gate criterion; ·: absent; (id): adopted under another name"
    ),
}
