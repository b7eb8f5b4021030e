"""Catalogue of the core: file problems, edits, the command line, rankings.

Each area of sieve has its own catalogue module in this package, with the French
(``FR``, the default language) and English (``EN``) messages side by side.
"""

FR: dict[str, str] = {
    # severities
    "severity.error": "erreur",
    "severity.warning": "avertissement",
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
    # TOML types
    "type.str": "un texte",
    "type.int": "un entier",
    "type.float": "un nombre décimal",
    "type.number": "un nombre",
    "type.bool": "true ou false",
    "type.table": "une table",
    "type.tables": "des tables [[…]]",
    "type.array": "une liste",
    "type.str_list": "une liste de textes",
    "type.date": "une date (AAAA-MM-JJ)",
    "type.datetime": "une date et heure",
    "type.other": "une valeur d'un autre type",
    # problems in files
    "problem.io.unreadable": "lecture impossible : {error}",
    "problem.io.encoding": "le fichier n'est pas en UTF-8",
    "problem.toml.syntax": "syntaxe TOML invalide : {error}",
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
    "problem.value.range": "`{key}` : attendu une valeur entre {low} et {high}, trouvé {found}",
    "problem.value.choice": "`{key}` : attendu l'une de ces valeurs ({choices}), trouvé {found}",
    "problem.scale.short": "une échelle a au moins deux niveaux, trouvé {found}",
    "problem.tamis.no_criteria": "le tamis n'a aucun critère [[criterion]]",
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
    "problem.kind.unknown": (
        "ni un tamis ([tamis]), ni une session ([session]), ni un fichier de notes ([scores.*])"
    ),
    # edits
    "edit.unknown": "{kind} `{id}` n'existe pas",
    "edit.applies": "le critère `{criterion}` concerne {applies_to}, pas `{key}`",
    "edit.level": "niveau {level} hors de l'échelle de `{criterion}` (0 à {top})",
    "edit.changed": (
        "{path} a été modifié depuis sa lecture : rien n'a été écrit (rechargez puis recommencez)"
    ),
    "edit.busy": (
        "{path} est en cours d'écriture par un autre programme (attendu {seconds} s) : "
        "rien n'a été écrit (recommencez dans un instant)"
    ),
    # command line
    "cli.description": (
        "sieve : choisir les cas pratiques d'une Transfo avec un tamis de critères partagé."
    ),
    "cli.lang": "langue des messages (fr ou en)",
    "cli.path": "session à ouvrir (fichier .toml ou dossier)",
    "cli.check.help": "vérifier des fichiers tamis et session",
    "cli.check.paths": "fichiers à vérifier",
    "cli.check.ok": "{path} : valide",
    "cli.check.summary": "{errors} erreur(s), {warnings} avertissement(s)",
    "cli.rank.help": "classer les cas d'une session",
    "cli.rank.format": "format de sortie",
    "cli.explain.help": "expliquer le score, le rang et les alertes d'un cas",
    "cli.explain.case": "le cas (sujet/angle)",
    "cli.score.help": "enregistrer une note (un niveau) sans rien perdre du fichier",
    "cli.score.scorer": "identifiant de l'évaluateur·rice",
    "cli.score.key": "sujet ou cas (sujet/angle)",
    "cli.score.criterion": "identifiant du critère",
    "cli.score.level": "niveau sur l'échelle du critère",
    "cli.score.clear": "effacer la note (abstention)",
    "cli.score.written": "écrit dans {path}",
    "cli.score.nothing": "rien à effacer",
    "cli.score.unchanged": "rien n'a changé : {path} a déjà le niveau {level}",
    "cli.score.need_level": "donnez --level N ou --clear",
    "cli.score.both": "--level et --clear s'excluent : donnez l'un ou l'autre",
    "cli.session": "fichier de session",
    "cli.error.not_found": "{path} : fichier ou dossier introuvable",
    "cli.error.no_session": "{path} : aucune session dans ce dossier",
    "cli.error.unknown_case": "cas `{case}` inconnu ; cas de la session : {known}",
    "cli.error.default_missing": (
        "la session par défaut est introuvable ({path}) : donnez le chemin d'une session"
    ),
    "cli.interrupted": "interrompu",
    "cli.demo.copy": (
        "Session d'exemple : {path} (votre copie ; les fichiers livrés restent intacts)"
    ),
    "cli.demo.no_copy": "Copie de l'exemple impossible ({error}) : ouverture de {path}",
    "cli.warnings": "{count} avertissement(s) : `sieve check {path}` les détaille",
    "cli.app_missing": (
        "L'interface n'est pas encore disponible dans cette version : voici le classement."
    ),
    # ranking and explanations
    "rank.col.rank": "rang",
    "rank.col.case": "cas",
    "rank.col.score": "score",
    "rank.col.complete": "complet",
    "rank.col.gates": "arrêté par",
    "rank.col.attention": "attention",
    "rank.col.flags": "alertes",
    "rank.col.disputed": "désaccords",
    "rank.yes": "oui",
    "rank.no": "non",
    "rank.title": "Classement — {title} ({city}), tamis {tamis} v{version}",
    "rank.sifted": "Écartés par le tamis",
    "rank.unscored": "Sans score (aucun critère noté)",
    "flag.attention": "attention politique forte",
    "flag.first-case-attention": "premier cas trop exposé",
    "explain.case": "Cas {case} : {subject} — {angle}",
    "explain.rank": "Rang {rank} sur {count} · score {score}",
    "explain.unranked": "Non classé · score {score}",
    "explain.complete": "complet",
    "explain.incomplete": "incomplet : personne n'a noté {missing}",
    "explain.sifted": "Écarté par le tamis : {gates}",
    "explain.attention": "Attention politique : {level} (seuil {threshold}) — {indicators}",
    "explain.attention.none": "aucun indicateur",
    "explain.first_case": (
        "Premier cas proposé : attention {level} au-dessus du maximum conseillé ({max})"
    ),
    "explain.gates": "Portes (à franchir)",
    "explain.scores": "Critères notés",
    "explain.gate_line": "{mark} {label} — groupe {group}, seuil {pass_at}",
    "explain.score_line": (
        "{label} — poids {share} · groupe {group}/{top} · contribution {contribution}"
    ),
    "explain.levels": "niveaux : {levels}",
    "explain.disputed": "désaccord",
    "explain.nobody": "personne n'a noté",
    "explain.abstain": "abst.",
    "explain.notes": "Notes",
    "explain.note.subject": "sujet",
    "explain.note.case": "cas",
    "explain.note_line": "{name} ({where}) : {note}",
}

EN: dict[str, str] = {
    "severity.error": "error",
    "severity.warning": "warning",
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
    "type.str": "a string",
    "type.int": "an integer",
    "type.float": "a decimal number",
    "type.number": "a number",
    "type.bool": "true or false",
    "type.table": "a table",
    "type.tables": "[[…]] tables",
    "type.array": "an array",
    "type.str_list": "an array of strings",
    "type.date": "a date (YYYY-MM-DD)",
    "type.datetime": "a date-time",
    "type.other": "a value of another type",
    "problem.io.unreadable": "cannot read the file: {error}",
    "problem.io.encoding": "the file is not UTF-8 text",
    "problem.toml.syntax": "invalid TOML: {error}",
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
    "problem.value.range": "`{key}`: expected a value from {low} to {high}, found {found}",
    "problem.value.choice": "`{key}`: expected one of ({choices}), found {found}",
    "problem.scale.short": "a scale has at least two levels, found {found}",
    "problem.tamis.no_criteria": "the tamis has no [[criterion]]",
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
    "problem.kind.unknown": "neither a tamis ([tamis]), a session ([session]) nor a score file",
    "edit.unknown": "{kind} `{id}` does not exist",
    "edit.applies": "criterion `{criterion}` is scored per {applies_to}, not on `{key}`",
    "edit.level": "level {level} is outside the scale of `{criterion}` (0 to {top})",
    "edit.changed": "{path} changed since it was read: nothing was written (reload, then retry)",
    "edit.busy": (
        "{path} is being written by another program (waited {seconds} s): "
        "nothing was written (retry in a moment)"
    ),
    "cli.description": "sieve: choose a Transfo's practical cases with a shared sieve of criteria.",
    "cli.lang": "language of messages (fr or en)",
    "cli.path": "session to open (a .toml file or a folder)",
    "cli.check.help": "validate tamis and session files",
    "cli.check.paths": "files to check",
    "cli.check.ok": "{path}: valid",
    "cli.check.summary": "{errors} error(s), {warnings} warning(s)",
    "cli.rank.help": "rank the cases of a session",
    "cli.rank.format": "output format",
    "cli.explain.help": "explain a case's score, rank and flags",
    "cli.explain.case": "the case (subject/angle)",
    "cli.score.help": "record one score (a level) without losing anything in the file",
    "cli.score.scorer": "scorer id",
    "cli.score.key": "subject or case (subject/angle)",
    "cli.score.criterion": "criterion id",
    "cli.score.level": "level on the criterion's scale",
    "cli.score.clear": "clear the score (abstain)",
    "cli.score.written": "written to {path}",
    "cli.score.nothing": "nothing to clear",
    "cli.score.unchanged": "nothing changed: {path} already has level {level}",
    "cli.score.need_level": "give --level N or --clear",
    "cli.score.both": "--level and --clear exclude each other: give one of them",
    "cli.session": "session file",
    "cli.error.not_found": "{path}: no such file or folder",
    "cli.error.no_session": "{path}: no session in this folder",
    "cli.error.unknown_case": "unknown case `{case}`; the session's cases: {known}",
    "cli.error.default_missing": "the default session is missing ({path}): give a session path",
    "cli.interrupted": "interrupted",
    "cli.demo.copy": "Example session: {path} (your copy; the shipped files stay as they are)",
    "cli.demo.no_copy": "Could not copy the example ({error}): opening {path}",
    "cli.warnings": "{count} warning(s): `sieve check {path}` lists them",
    "cli.app_missing": "The interface is not available in this version yet: here is the ranking.",
    "rank.col.rank": "rank",
    "rank.col.case": "case",
    "rank.col.score": "score",
    "rank.col.complete": "complete",
    "rank.col.gates": "stopped by",
    "rank.col.attention": "attention",
    "rank.col.flags": "flags",
    "rank.col.disputed": "disputed",
    "rank.yes": "yes",
    "rank.no": "no",
    "rank.title": "Ranking — {title} ({city}), tamis {tamis} v{version}",
    "rank.sifted": "Sifted out",
    "rank.unscored": "No score (no criterion scored)",
    "flag.attention": "high political attention",
    "flag.first-case-attention": "first case too exposed",
    "explain.case": "Case {case}: {subject} — {angle}",
    "explain.rank": "Rank {rank} of {count} · score {score}",
    "explain.unranked": "Unranked · score {score}",
    "explain.complete": "complete",
    "explain.incomplete": "incomplete: nobody scored {missing}",
    "explain.sifted": "Sifted out by: {gates}",
    "explain.attention": "Political attention: {level} (threshold {threshold}) — {indicators}",
    "explain.attention.none": "no indicator",
    "explain.first_case": (
        "Proposed first case: attention {level} above the advised maximum ({max})"
    ),
    "explain.gates": "Gates",
    "explain.scores": "Scored criteria",
    "explain.gate_line": "{mark} {label} — group {group}, passes at {pass_at}",
    "explain.score_line": "{label} — weight {share} · group {group}/{top} · adds {contribution}",
    "explain.levels": "levels: {levels}",
    "explain.disputed": "disputed",
    "explain.nobody": "nobody scored",
    "explain.abstain": "abst.",
    "explain.notes": "Notes",
    "explain.note.subject": "subject",
    "explain.note.case": "case",
    "explain.note_line": "{name} ({where}): {note}",
}
