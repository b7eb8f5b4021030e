"""Catalogue ``problem.*``: the problems found in files (:mod:`sieve.load`, and the exchange
and graph checks), each shown at file:line."""

FR: dict[str, str] = {
    # problems in files
    "problem.io.unreadable": "lecture impossible : {error}",
    "problem.io.encoding": "le fichier n'est pas en UTF-8",
    "problem.io.not_regular": (
        "pas un fichier ordinaire (un tube, un périphérique ou un dossier) : refusé"
    ),
    "problem.toml.syntax": "syntaxe TOML invalide : {error}",
    "problem.toml.expected": "{text} (attendu : {expected})",
    "problem.toml.why.duplicate_key": "clé en double",
    "problem.toml.why.unquoted_string": "un texte doit être entre guillemets",
    "problem.toml.why.no_value": "clé sans valeur",
    "problem.toml.why.unclosed_table": "en-tête de table non fermé",
    "problem.toml.why.unclosed_array": "liste non fermée",
    "problem.toml.why.unclosed_inline_table": "table en ligne non fermée",
    "problem.toml.why.basic_string": "texte entre guillemets non fermé ou invalide",
    "problem.toml.why.literal_string": "texte entre apostrophes non fermé ou invalide",
    "problem.toml.why.multiline_string": "texte sur plusieurs lignes non fermé",
    "problem.toml.why.boolean": "booléen invalide",
    "problem.toml.why.fraction": "nombre décimal invalide",
    "problem.toml.why.date": "date invalide",
    "problem.toml.why.time": "heure invalide",
    "problem.toml.why.bad_key": "nom de clé invalide",
    "problem.toml.why.empty_key": "nom de clé vide",
    "problem.toml.why.escape": "séquence d'échappement invalide après `\\`",
    "problem.toml.why.leading_zero": "un nombre ne commence pas par zéro",
    "problem.toml.why.underscore": "`_` ne va qu'entre deux chiffres",
    "problem.toml.why.pair": "paire clé = valeur invalide",
    "problem.toml.why.header": "en-tête de table invalide",
    "problem.toml.why.array": "liste invalide",
    "problem.toml.why.inline_table": "table en ligne invalide",
    "problem.toml.why.string": "texte invalide",
    "problem.toml.why.integer": "entier invalide",
    "problem.toml.expected.literal_string": "une valeur",
    "problem.toml.expected.digits": "des chiffres",
    "problem.toml.expected.key_chars": "lettres, chiffres, `-`, `_`",
    "problem.toml.expected.newline": "une fin de ligne",
    "problem.toml.expected.comment": "un commentaire",
    "problem.toml.expected.month": "un mois de 01 à 12",
    "problem.toml.expected.day": "un jour de 01 à 31",
    "problem.format.missing": "clé `format` absente (attendu : `format = {supported}`)",
    "problem.format.type": "`format` doit être un entier, trouvé {found}",
    "problem.format.newer": (
        "format {found} plus récent que celui que cette version de sieve sait lire "
        "({supported}) : mettez sieve à jour"
    ),
    "problem.format.unknown": "format {found} inconnu (attendu : {supported})",
    "problem.key.missing": "clé `{key}` absente dans {where}",
    "problem.key.type": "`{key}` : attendu {expected_type}, trouvé {found_type}",
    "problem.key.type_value": "`{key}` : attendu {expected_type}, trouvé {found_type} : {found}",
    "problem.key.unknown": (
        "clé `{key}` inconnue dans {where} : conservée telle quelle, non utilisée"
    ),
    "problem.id.invalid": (
        "identifiant {found} invalide (attendu : minuscules, chiffres et tirets, "
        "commençant par une lettre ou un chiffre)"
    ),
    "problem.id.duplicate": "identifiant `{id}` en double pour {kind}",
    "problem.angle.duplicate": (
        "le sujet `{subject}` a déjà un angle `{id}` (un identifiant d'angle est unique "
        "dans son sujet)"
    ),
    "problem.value.range": "`{key}` : attendu une valeur entre {low} et {high}, trouvé {found}",
    "problem.value.choice": "`{key}` : attendu l'une de ces valeurs ({choices}), trouvé {found}",
    "problem.scale.short": "une échelle a au moins deux niveaux, trouvé {found}",
    "problem.scale.long": "une échelle a au plus {high} niveaux, trouvé {found}",
    "problem.tamis.no_criteria": "le tamis n'a aucun critère [[criterion]]",
    "problem.weighting.gate": (
        "`{id}` est une porte : seuls les critères notés se pondèrent (order de [weighting] ; "
        "gardé tel quel, c'est l'histoire des poids)"
    ),
    "problem.weighting.unknown": (
        "[weighting] nomme `{id}`, qui n'est plus un critère du tamis (gardé tel quel, "
        "c'est l'histoire des poids)"
    ),
    "problem.weighting.twice": "`{id}` figure deux fois dans l'ordre de [weighting]",
    "problem.weighting.pair": (
        "`{key}` : attendu deux identifiants de critères distincts, `premier/second`"
    ),
    "problem.weighting.positive": "`{key}` : un jugement est un nombre positif, trouvé {found}",
    "problem.pairwise.empty": (
        "matrice vide : attendu une ligne d'en-tête d'identifiants de critères"
    ),
    "problem.pairwise.corner": "la première case de l'en-tête doit être vide, trouvé « {found} »",
    "problem.pairwise.gate": "`{id}` est une porte : seuls les critères notés se comparent",
    "problem.pairwise.unknown": "critère `{id}` inconnu du tamis (critères notés : {known})",
    "problem.pairwise.twice": "`{id}` figure deux fois",
    "problem.pairwise.too_small": "il faut au moins deux critères à comparer",
    "problem.pairwise.row_unknown": (
        "la ligne commence par `{id}`, qui n'est pas dans l'en-tête ({known})"
    ),
    "problem.pairwise.row_missing": "aucune ligne pour `{id}`",
    "problem.pairwise.not_square": (
        "matrice non carrée : {found} cases sur cette ligne, {expected} attendues"
    ),
    "problem.pairwise.positive": ("« {found} » : attendu un nombre positif (3, 1/5 ou 0.2)"),
    "problem.pairwise.diagonal": "`{id}` face à lui-même vaut 1, trouvé « {found} »",
    "problem.pairwise.missing": (
        "`{first}` face à `{second}` : aucune des deux moitiés n'est remplie"
    ),
    "problem.pairwise.not_reciprocal": (
        "`{first}` face à `{second}` vaut {found}, mais l'autre moitié implique {expected} "
        "(les deux moitiés doivent être réciproques)"
    ),
    "problem.ref.unknown": "{kind} `{id}` n'existe pas (connus : {known})",
    "problem.criterion.ignored": "`{key}` n'a pas de sens pour un critère de type {kind} : ignoré",
    "problem.score.conflict": (
        "notes contradictoires de {scorer} pour `{key}`, `{criterion}` : {level} ici, "
        "{other} dans {other_file}"
    ),
    "problem.score.applies": (
        "le critère `{criterion}` concerne {applies_to}, pas la clé `{key}` "
        "(sujet : `sujet`, cas : `sujet/angle`)"
    ),
    "problem.score.level": (
        "niveau {found} pour `{criterion}` hors de l'échelle `{scale}` "
        "(attendu : un entier de 0 à {top})"
    ),
    "problem.path.absolute": "chemin absolu refusé : {path} (attendu : un chemin relatif)",
    "problem.path.outside": "le chemin {path} sort de l'espace de travail {workspace} : refusé",
    "problem.path.missing": "fichier introuvable : {path}",
    "problem.path.nul": "chemin refusé : {path} contient un octet nul",
    "problem.path.no_match": "aucun fichier ne correspond à {pattern}",
    "problem.scorefile.extra": (
        "un fichier de notes ne contient que `format`, [scores.*] et [notes.*] : `{key}` trouvé"
    ),
    "problem.scorefile.alone": (
        "fichier de notes vérifié seul : ses références seront vérifiées avec sa session"
    ),
    "problem.subject.several_first": (
        "plusieurs sujets marqués premier cas : `{id}` en plus de `{first}`"
    ),
    "problem.subject.no_angle": "le sujet `{id}` n'a aucun angle : il ne peut pas devenir un cas",
    "problem.relation.self": "relation de `{id}` vers lui-même",
    "problem.relation.duplicate": "relation `{kind}` de `{source}` vers `{target}` en double",
    "problem.dates.order": "`until` ({until}) est avant `since` ({since})",
    "problem.assessment.duplicate": "deux évaluations de `{id}` à la même date ({date})",
    "problem.assessment.empty": (
        "l'évaluation de `{id}` du {date} ne change ni `role`, ni `power`, ni `interest`"
    ),
    "problem.stance.duplicate": "deux positions de `{id}` sur `{subject}` à la même date ({date})",
    "problem.kind.unknown": (
        "ni un tamis ([tamis]), ni une session ([session]), ni un fichier de notes ([scores.*])"
    ),
    # merge-scores
    "problem.exchange.note_conflict": (
        "remarque de {scorer} sur `{key}` différente de celle déjà enregistrée"
    ),
    # the stakeholder graph
    "problem.relation.weight_zero": (
        "relation de `{source}` vers `{target}` de poids 0\u00a0: elle ne compte comme aucun lien "
        "dans les analyses"
    ),
    # problems in [portfolio] and [[decision]]
    "problem.portfolio.min_max": "`{low}` est plus grand que `{high}`",
    "problem.portfolio.pinned_excluded": "le cas `{case}` est à la fois imposé et exclu",
    "problem.portfolio.session_numbers": (
        "`sessions` : attendu une liste de numéros de séance (entiers de 1 à {high})"
    ),
    "problem.portfolio.session_twice": "la séance {number} est décrite deux fois",
    "problem.decision.unknown_person": (
        "`{id}` n'est ni un·e évaluateur·rice ni une partie prenante de la session"
    ),
    "problem.ballot.missing": (
        "des tables `[votes.*]` sans table `[vote]` : ajoutez `[vote]` avec l'échelle des mentions"
    ),
    "problem.ballot.twice": "le cas `{case}` figure deux fois sur le bulletin",
    "problem.ballot.empty": (
        "`cases` : le bulletin est vide (retirez la clé pour voter sur les cas retenus)"
    ),
    "problem.ballot.off_ballot": "le cas `{case}` n'est pas sur le bulletin de `[vote]`",
    "problem.ballot.level": (
        "mention {found} hors de l'échelle `{scale}` (attendu : un entier de 0 à {top})"
    ),
}

EN: dict[str, str] = {
    "problem.io.unreadable": "cannot read the file: {error}",
    "problem.io.encoding": "the file is not UTF-8 text",
    "problem.io.not_regular": "not a regular file (a pipe, a device or a folder): refused",
    "problem.toml.syntax": "invalid TOML: {error}",
    "problem.toml.expected": "{text}, expected {expected}",
    "problem.toml.why.duplicate_key": "duplicate key",
    "problem.toml.why.unquoted_string": "string values must be quoted",
    "problem.toml.why.no_value": "key with no value",
    "problem.toml.why.unclosed_table": "unclosed table",
    "problem.toml.why.unclosed_array": "unclosed array",
    "problem.toml.why.unclosed_inline_table": "unclosed inline table",
    "problem.toml.why.basic_string": "invalid basic string",
    "problem.toml.why.literal_string": "invalid literal string",
    "problem.toml.why.multiline_string": "invalid multi-line string",
    "problem.toml.why.boolean": "invalid boolean",
    "problem.toml.why.fraction": "invalid fraction",
    "problem.toml.why.date": "invalid date",
    "problem.toml.why.time": "invalid time",
    "problem.toml.why.bad_key": "invalid unquoted key",
    "problem.toml.why.empty_key": "unquoted keys cannot be empty",
    "problem.toml.why.escape": "missing escaped value",
    "problem.toml.why.leading_zero": "unexpected leading zero",
    "problem.toml.why.underscore": "`_` may only go between digits",
    "problem.toml.why.pair": "invalid key-value pair",
    "problem.toml.why.header": "invalid table header",
    "problem.toml.why.array": "invalid array",
    "problem.toml.why.inline_table": "invalid inline table",
    "problem.toml.why.string": "invalid string",
    "problem.toml.why.integer": "invalid integer",
    "problem.toml.expected.literal_string": "literal string",
    "problem.toml.expected.digits": "digits",
    "problem.toml.expected.key_chars": "letters, numbers, `-`, `_`",
    "problem.toml.expected.newline": "newline",
    "problem.toml.expected.comment": "comment",
    "problem.toml.expected.month": "month between 01 and 12",
    "problem.toml.expected.day": "day between 01 and 31",
    "problem.format.missing": "missing key `format` (expected `format = {supported}`)",
    "problem.format.type": "`format` must be an integer, found {found}",
    "problem.format.newer": (
        "format {found} is newer than this version of sieve reads ({supported}): update sieve"
    ),
    "problem.format.unknown": "unknown format {found} (expected {supported})",
    "problem.key.missing": "missing key `{key}` in {where}",
    "problem.key.type": "`{key}`: expected {expected_type}, found {found_type}",
    "problem.key.type_value": "`{key}`: expected {expected_type}, found {found_type}: {found}",
    "problem.key.unknown": "unknown key `{key}` in {where}: kept as is, not used",
    "problem.id.invalid": (
        "invalid id {found} (expected lower-case letters, digits and hyphens, "
        "starting with a letter or digit)"
    ),
    "problem.id.duplicate": "duplicate {kind} id `{id}`",
    "problem.angle.duplicate": (
        "subject `{subject}` already has an angle `{id}` (an angle id is unique within its subject)"
    ),
    "problem.value.range": "`{key}`: expected a value from {low} to {high}, found {found}",
    "problem.value.choice": "`{key}`: expected one of ({choices}), found {found}",
    "problem.scale.short": "a scale has at least two levels, found {found}",
    "problem.scale.long": "a scale has at most {high} levels, found {found}",
    "problem.tamis.no_criteria": "the tamis has no [[criterion]]",
    "problem.weighting.gate": (
        "`{id}` is a gate: only score criteria are weighted ([weighting] order; kept as is, "
        "it is the history of the weights)"
    ),
    "problem.weighting.unknown": (
        "[weighting] names `{id}`, which is no longer a criterion of the tamis (kept as is, "
        "it is the history of the weights)"
    ),
    "problem.weighting.twice": "`{id}` appears twice in the [weighting] order",
    "problem.weighting.pair": "`{key}`: expected two distinct criterion ids, `first/second`",
    "problem.weighting.positive": "`{key}`: a judgment is a positive number, found {found}",
    "problem.pairwise.empty": "empty matrix: expected a header row of criterion ids",
    "problem.pairwise.corner": "the header's first cell must be empty, found “{found}”",
    "problem.pairwise.gate": "`{id}` is a gate: only score criteria are compared",
    "problem.pairwise.unknown": "criterion `{id}` is not in the tamis (score criteria: {known})",
    "problem.pairwise.twice": "`{id}` appears twice",
    "problem.pairwise.too_small": "at least two criteria are needed to compare",
    "problem.pairwise.row_unknown": (
        "the row starts with `{id}`, which is not in the header ({known})"
    ),
    "problem.pairwise.row_missing": "no row for `{id}`",
    "problem.pairwise.not_square": (
        "matrix not square: {found} cells on this row, {expected} expected"
    ),
    "problem.pairwise.positive": "“{found}”: expected a positive number (3, 1/5 or 0.2)",
    "problem.pairwise.diagonal": "`{id}` against itself is 1, found “{found}”",
    "problem.pairwise.missing": "`{first}` against `{second}`: neither half is filled in",
    "problem.pairwise.not_reciprocal": (
        "`{first}` against `{second}` is {found}, but the other half implies {expected} "
        "(the two halves must be reciprocal)"
    ),
    "problem.ref.unknown": "{kind} `{id}` does not exist (known: {known})",
    "problem.criterion.ignored": "`{key}` means nothing for a {kind} criterion: ignored",
    "problem.score.conflict": (
        "conflicting scores from {scorer} for `{key}`, `{criterion}`: {level} here, "
        "{other} in {other_file}"
    ),
    "problem.score.applies": (
        "criterion `{criterion}` is scored per {applies_to}, not on key `{key}` "
        "(subject: `subject`, case: `subject/angle`)"
    ),
    "problem.score.level": (
        "level {found} for `{criterion}` is outside scale `{scale}` "
        "(expected an integer from 0 to {top})"
    ),
    "problem.path.absolute": "absolute path refused: {path} (expected a relative path)",
    "problem.path.outside": "path {path} leaves the workspace {workspace}: refused",
    "problem.path.missing": "file not found: {path}",
    "problem.path.nul": "path refused: {path} holds a NUL byte",
    "problem.path.no_match": "no file matches {pattern}",
    "problem.scorefile.extra": (
        "a score file holds only `format`, [scores.*] and [notes.*]: found `{key}`"
    ),
    "problem.scorefile.alone": (
        "score file checked alone: its references are checked with its session"
    ),
    "problem.subject.several_first": "several subjects marked first case: `{id}` besides `{first}`",
    "problem.subject.no_angle": "subject `{id}` has no angle: it cannot become a case",
    "problem.relation.self": "relation from `{id}` to itself",
    "problem.relation.duplicate": "duplicate `{kind}` relation from `{source}` to `{target}`",
    "problem.dates.order": "`until` ({until}) is before `since` ({since})",
    "problem.assessment.duplicate": "two assessments of `{id}` on the same date ({date})",
    "problem.assessment.empty": (
        "the assessment of `{id}` on {date} changes neither `role`, `power` nor `interest`"
    ),
    "problem.stance.duplicate": "two stances of `{id}` on `{subject}` on the same date ({date})",
    "problem.kind.unknown": "neither a tamis ([tamis]), a session ([session]) nor a score file",
    # merge-scores
    "problem.exchange.note_conflict": (
        "note of {scorer} on `{key}` differs from the one already recorded"
    ),
    # the stakeholder graph
    "problem.relation.weight_zero": (
        "relation from `{source}` to `{target}` has weight 0: the analyses count it as no tie"
    ),
    "problem.portfolio.min_max": "`{low}` is larger than `{high}`",
    "problem.portfolio.pinned_excluded": "case `{case}` is both pinned and excluded",
    "problem.portfolio.session_numbers": (
        "`sessions`: expected a list of session numbers (integers from 1 to {high})"
    ),
    "problem.portfolio.session_twice": "session {number} is described twice",
    "problem.decision.unknown_person": (
        "`{id}` is neither a scorer nor a stakeholder of the session"
    ),
    "problem.ballot.missing": (
        "`[votes.*]` tables without a `[vote]` table: add `[vote]` with the scale of mentions"
    ),
    "problem.ballot.twice": "case `{case}` is twice on the ballot",
    "problem.ballot.empty": (
        "`cases`: the ballot is empty (remove the key to vote on the passing cases)"
    ),
    "problem.ballot.off_ballot": "case `{case}` is not on the ballot of `[vote]`",
    "problem.ballot.level": (
        "mention {found} outside scale `{scale}` (expected an integer from 0 to {top})"
    ),
}
