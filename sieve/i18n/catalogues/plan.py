"""Catalogue ``plan.*``: the portfolio: constraints, reasons, proposals."""

FR: dict[str, str] = {
    # the plan
    "plan.title": "Portefeuille proposé — {title} ({city})",
    "plan.total": "Score total : {total} ({count} cas, en ordre de calendrier)",
    "plan.col.order": "ordre",
    "plan.col.case": "cas",
    "plan.col.score": "score",
    "plan.col.rank": "rang",
    "plan.col.sessions": "séances",
    "plan.col.why": "pourquoi",
    "plan.constraints": "Contraintes",
    "plan.alternatives": "Les deux meilleures autres possibilités",
    "plan.alternative": "{n}. total {total} ({delta}) : {cases}",
    "plan.no_alternative": "  aucune autre combinaison ne respecte les contraintes",
    "plan.out": "Cas non retenus",
    "plan.infeasible": "Aucun portefeuille ne respecte toutes les contraintes.",
    "plan.computing": "calcul du meilleur portefeuille…",
    "plan.conflict": (
        "Conflit {n} : ces contraintes ne peuvent pas être tenues ensemble "
        "(sans l'une d'elles, les autres le peuvent) :"
    ),
    "plan.conflict_one": "Conflit {n} : cette contrainte ne peut pas être tenue :",
    "plan.lift": (
        "Lever une contrainte de chaque conflit, n'importe laquelle, rend un portefeuille "
        "possible ; par exemple : {names}"
    ),
    # constraint names
    "plan.name.gates": "portes du tamis",
    "plan.name.count.min": "nombre minimal de cas",
    "plan.name.count.max": "nombre maximal de cas",
    "plan.name.subjects.distinct": "un seul cas par sujet",
    "plan.name.sessions.budget": "séances disponibles",
    "plan.name.days.budget": "jours d'intervention",
    "plan.name.diversity.types": "variété des types",
    "plan.name.diversity.territories": "variété des échelles",
    "plan.name.diversity.methods": "variété des méthodes",
    "plan.name.attention.max": "sujets très exposés",
    "plan.name.first-case": "premier cas",
    "plan.name.pinned": "cas imposés",
    "plan.name.excluded": "cas exclus",
    # constraints measured on a portfolio
    "plan.c.gates": "seuls des cas qui passent les portes (hors portes : {cases})",
    "plan.c.count.min": "{count} cas (au moins {min})",
    "plan.c.count.max": "{count} cas (au plus {max})",
    "plan.c.subjects.distinct": "un seul cas par sujet (sujets en double : {subjects})",
    "plan.c.sessions.budget": "{count} séances pour les cas (au plus {max})",
    "plan.c.days.budget": "{days} jours à {per} jours par séance (au plus {max})",
    "plan.c.diversity.types": "{count} types de sujet (au moins {min}) : {values}",
    "plan.c.diversity.territories": "{count} échelles de territoire (au moins {min}) : {values}",
    "plan.c.diversity.methods": "{count} méthodes (au moins {min}) : {values}",
    "plan.c.attention.max": (
        "{count} {count:sujet|sujets} à l'attention politique ≥ {threshold} "
        "(au plus {max}) : {cases}"
    ),
    "plan.c.first-case": "premier cas possible (règle {rule}, attention ≤ {max}) : {cases}",
    "plan.c.pinned": "cas imposés présents (manquants : {cases})",
    "plan.c.excluded": "cas exclus absents (présents : {cases})",
    # constraints when no portfolio exists
    "plan.x.gates": "seuls {count} cas sur {total} passent les portes du tamis",
    "plan.x.count.min": "au moins {min} cas",
    "plan.x.count.max": "au plus {max} cas",
    "plan.x.subjects.distinct": "un seul cas par sujet ({count} sujets possibles)",
    "plan.x.sessions.budget": "au plus {max} séances pour les cas ({per} par cas sans calendrier)",
    "plan.x.days.budget": "au plus {max} jours, à {per} jours par séance",
    "plan.x.diversity.types": "au moins {min} types de sujet ({count} parmi les cas possibles)",
    "plan.x.diversity.territories": (
        "au moins {min} échelles de territoire ({count} parmi les cas possibles)"
    ),
    "plan.x.diversity.methods": "au moins {min} méthodes ({count} parmi les cas possibles)",
    "plan.x.attention.max": (
        "au plus {max} {max:sujet|sujets} à l'attention politique ≥ {threshold}"
    ),
    "plan.x.first-case": (
        "un premier cas possible (règle {rule}, attention ≤ {max}) : {count} cas possibles"
    ),
    "plan.x.pinned": "cas imposés : {cases}",
    "plan.x.excluded": "cas exclus : {cases}",
    # why in, why out
    "plan.r.in.first": (
        "premier cas : score {score}, rang {rank}, démonstratif sans trop d'attentes"
    ),
    "plan.r.in.pinned": "imposé ; score {score}, rang {rank}",
    "plan.r.in.score": "score {score}, rang {rank}",
    "plan.r.out.gate": "écarté par le tamis ({gates})",
    "plan.r.out.unscored": "sans score",
    "plan.r.out.excluded": "exclu par l'équipe (score {score})",
    "plan.r.out.tie": "score {score}, à égalité avec {instead} : portefeuille aussi bon",
    "plan.r.out.constraint": "score {score} ; à la place de {instead}, enfreindrait : {broken}",
    "plan.r.out.lower_added": (
        "score {score}, sous tous les cas retenus (le plus bas : {lowest}) ; "
        "en plus, enfreindrait : {broken}"
    ),
    "plan.r.out.lower": "score {score}, sous tous les cas retenus (le plus bas : {lowest})",
    "plan.r.out.nothing_added": (
        "score {score} : l'ajouter n'augmenterait pas le total (le plus bas retenu : {lowest})"
    ),
    "plan.c.calendar.count": "{count} cas au calendrier (de {min} à {max})",
    "plan.c.calendar.case-sessions": ("de {min} à {max} séances par cas (hors limites : {cases})"),
    "plan.c.calendar.budget": "{count} séances données aux cas (au plus {max})",
    "plan.c.calendar.first-case": (
        "le premier cas ouvre la Transfo sans trop d'attentes (règle {rule}, attention ≤ {max}) : "
        "{cases}"
    ),
    "plan.c.calendar.lab-start": (
        "le travail sur le labo commence à la séance {start} (entre {min} et {max})"
    ),
    "plan.c.calendar.session-days": "séances de {min} à {max} jours (hors limites : {sessions})",
    "plan.c.calendar.days": "{days} jours d'intervention (au plus {max})",
    "plan.c.calendar.months": "{months} mois (au plus {max})",
    "plan.c.calendar.clash": ("au plus {max} cas par séance (séances trop chargées : {sessions})"),
    "plan.c.calendar.order": "dates dans l'ordre des séances (séances mal datées : {sessions})",
    "plan.edit.twice": "le cas `{case}` est donné deux fois",
    "plan.edit.pinned_excluded": "le cas `{case}` ne peut pas être à la fois imposé et exclu",
    "plan.edit.sessions": "`{case}` : les séances sont des numéros entiers de 1 à {high}",
    "plan.edit.lab_start": "début du labo : un numéro de séance de 1 à {high} (reçu {value})",
}

EN: dict[str, str] = {
    "plan.title": "Proposed portfolio — {title} ({city})",
    "plan.total": "Total score: {total} ({count} cases, in calendar order)",
    "plan.col.order": "order",
    "plan.col.case": "case",
    "plan.col.score": "score",
    "plan.col.rank": "rank",
    "plan.col.sessions": "sessions",
    "plan.col.why": "why",
    "plan.constraints": "Constraints",
    "plan.alternatives": "The two best other options",
    "plan.alternative": "{n}. total {total} ({delta}): {cases}",
    "plan.no_alternative": "  no other combination meets the constraints",
    "plan.out": "Cases left out",
    "plan.infeasible": "No portfolio meets every constraint.",
    "plan.computing": "working out the best portfolio…",
    "plan.conflict": (
        "Conflict {n}: these constraints cannot all hold together "
        "(without any one of them, the others can):"
    ),
    "plan.conflict_one": "Conflict {n}: this constraint cannot hold:",
    "plan.lift": (
        "Lifting one constraint of each conflict, any one, makes a portfolio possible; "
        "for instance: {names}"
    ),
    "plan.name.gates": "the sieve's gates",
    "plan.name.count.min": "minimum number of cases",
    "plan.name.count.max": "maximum number of cases",
    "plan.name.subjects.distinct": "one case per subject",
    "plan.name.sessions.budget": "sessions available",
    "plan.name.days.budget": "intervention days",
    "plan.name.diversity.types": "variety of types",
    "plan.name.diversity.territories": "variety of scales",
    "plan.name.diversity.methods": "variety of methods",
    "plan.name.attention.max": "highly exposed subjects",
    "plan.name.first-case": "first case",
    "plan.name.pinned": "pinned cases",
    "plan.name.excluded": "excluded cases",
    "plan.c.gates": "only cases that pass the gates (failing: {cases})",
    "plan.c.count.min": "{count} cases (at least {min})",
    "plan.c.count.max": "{count} cases (at most {max})",
    "plan.c.subjects.distinct": "one case per subject (subjects twice: {subjects})",
    "plan.c.sessions.budget": "{count} sessions for the cases (at most {max})",
    "plan.c.days.budget": "{days} days at {per} days a session (at most {max})",
    "plan.c.diversity.types": "{count} subject types (at least {min}): {values}",
    "plan.c.diversity.territories": "{count} territorial scales (at least {min}): {values}",
    "plan.c.diversity.methods": "{count} methods (at least {min}): {values}",
    "plan.c.attention.max": (
        "{count} {count:subject|subjects} with political attention ≥ {threshold} (at most {max}): "
        "{cases}"
    ),
    "plan.c.first-case": "possible first case (rule {rule}, attention ≤ {max}): {cases}",
    "plan.c.pinned": "pinned cases present (missing: {cases})",
    "plan.c.excluded": "excluded cases absent (present: {cases})",
    "plan.x.gates": "only {count} of {total} cases pass the sieve's gates",
    "plan.x.count.min": "at least {min} cases",
    "plan.x.count.max": "at most {max} cases",
    "plan.x.subjects.distinct": "one case per subject ({count} possible subjects)",
    "plan.x.sessions.budget": "at most {max} sessions for the cases ({per} per unplanned case)",
    "plan.x.days.budget": "at most {max} days, at {per} days a session",
    "plan.x.diversity.types": "at least {min} subject types ({count} among the possible cases)",
    "plan.x.diversity.territories": (
        "at least {min} territorial scales ({count} among the possible cases)"
    ),
    "plan.x.diversity.methods": "at least {min} methods ({count} among the possible cases)",
    "plan.x.attention.max": (
        "at most {max} {max:subject|subjects} with political attention ≥ {threshold}"
    ),
    "plan.x.first-case": "a possible first case (rule {rule}, attention ≤ {max}): {count} cases",
    "plan.x.pinned": "pinned cases: {cases}",
    "plan.x.excluded": "excluded cases: {cases}",
    "plan.r.in.first": (
        "first case: score {score}, rank {rank}, demonstrative without raising expectations"
    ),
    "plan.r.in.pinned": "pinned; score {score}, rank {rank}",
    "plan.r.in.score": "score {score}, rank {rank}",
    "plan.r.out.gate": "sifted out ({gates})",
    "plan.r.out.unscored": "no score",
    "plan.r.out.excluded": "excluded by the team (score {score})",
    "plan.r.out.tie": "score {score}, tied with {instead}: an equally good portfolio",
    "plan.r.out.constraint": "score {score}; in place of {instead}, it would break: {broken}",
    "plan.r.out.lower_added": (
        "score {score}, below every chosen case (lowest: {lowest}); added, it would break: {broken}"
    ),
    "plan.r.out.lower": "score {score}, below every chosen case (lowest: {lowest})",
    "plan.r.out.nothing_added": (
        "score {score}: adding it would not raise the total (lowest chosen: {lowest})"
    ),
    "plan.c.calendar.count": "{count} cases in the calendar ({min} to {max})",
    "plan.c.calendar.case-sessions": "{min} to {max} sessions per case (outside: {cases})",
    "plan.c.calendar.budget": "{count} sessions given to cases (at most {max})",
    "plan.c.calendar.first-case": (
        "the first case opens the Transfo without raising expectations "
        "(rule {rule}, attention ≤ {max}): {cases}"
    ),
    "plan.c.calendar.lab-start": "work on the lab starts at session {start} ({min} to {max})",
    "plan.c.calendar.session-days": "sessions of {min} to {max} days (outside: {sessions})",
    "plan.c.calendar.days": "{days} intervention days (at most {max})",
    "plan.c.calendar.months": "{months} months (at most {max})",
    "plan.c.calendar.clash": "at most {max} {max:case|cases} per session (overloaded: {sessions})",
    "plan.c.calendar.order": "dates in session order (misdated sessions: {sessions})",
    "plan.edit.twice": "case `{case}` is given twice",
    "plan.edit.pinned_excluded": "case `{case}` cannot be both pinned and excluded",
    "plan.edit.sessions": "`{case}`: sessions are whole numbers from 1 to {high}",
    "plan.edit.lab_start": "lab start: a session number from 1 to {high} (got {value})",
}
