"""Catalogue ``graph.*``: the stakeholder graph: analyses, their reasons, the report, the command.

Reasons are written for a steering meeting: what was found, why it matters to the
programme, and what to do about it, without graph-theory words where plain ones exist.
"""

FR: dict[str, str] = {
    # small words
    "graph.list.more": "{names} et {count} autres",
    # roles
    "graph.role.resident": "résident·e",
    "graph.role.coordinator": "coordinateur·rice",
    "graph.role.referent": "résident·e à domicile",
    "graph.role.ambassador": "ambassadeur·rice",
    "graph.role.relay": "agent relais",
    "graph.role.elected": "élu·e",
    "graph.role.manager": "encadrement",
    "graph.role.union": "syndicat",
    "graph.role.service": "service",
    "graph.role.funder": "financeur",
    "graph.role.partner": "partenaire",
    # relation kinds
    "graph.relation.hierarchy": "hiérarchie",
    "graph.relation.partnership": "partenariat",
    "graph.relation.funding": "financement",
    "graph.relation.informs": "informe",
    "graph.relation.mentors": "accompagne",
    "graph.relation.trust": "confiance",
    # finding kinds, short
    "graph.kind.forbidden_hierarchy": "Hiérarchie à proscrire",
    "graph.kind.referent_load": "Résident·e à domicile trop central·e",
    "graph.kind.cut_vertex": "Personne indispensable",
    "graph.kind.bridge": "Lien unique",
    "graph.kind.isolated_ambassador": "Ambassadeur·rice isolé·e",
    "graph.kind.weak_ambassador": "Ambassadeur·rice peu relié·e",
    "graph.kind.disconnected": "Hors du réseau",
    "graph.kind.second_circle": "Deuxième cercle trop présent",
    "graph.kind.key_player_unlinked": "Acteur clé sans lien avec l'équipe",
    "graph.kind.pivot": "Pivot",
    "graph.kind.broker": "Passeur",
    "graph.kind.one_way_out": "Dialogue à sens unique (depuis le pivot)",
    "graph.kind.one_way_in": "Dialogue à sens unique (vers le pivot)",
    "graph.kind.referent_trajectory": "Trajectoire du pivot",
    # finding reasons
    "graph.finding.forbidden_hierarchy": (
        "{source} ({source_org}) a un lien hiérarchique vers {target} ({target_org}) : entre "
        "la collectivité et La 27e Région, la relation doit rester un partenariat fondé sur "
        "la confiance, pas une relation hiérarchique."
    ),
    "graph.finding.referent_load": (
        "{person} ({role}) se trouve sur {share} des plus courts chemins entre deux autres "
        "personnes (seuil : {limit_share}) : une grande partie des échanges dépend d'une seule "
        "personne. Créez des liens directs entre résidents, ambassadeurs et services, pour "
        "que le réseau tienne quand {person} s'absente."
    ),
    "graph.finding.cut_vertex": (
        "Si {person} s'absente, le reste du réseau perd tout lien avec : {cut_off}."
    ),
    "graph.finding.cut_vertex.split": (
        "Si {person} s'absente, le réseau se coupe en {pieces} morceaux sans aucun lien entre "
        "eux : {cut_off}."
    ),
    "graph.finding.bridge": (
        "Le lien {source} – {target} est le seul passage vers : {cut_off} ; s'il se rompt, "
        "le reste du réseau n'a plus aucun lien avec eux."
    ),
    "graph.finding.isolated_ambassador": (
        "{person} ({role}) n'a aucune relation dans la carte : personne ne l'informe, ne "
        "l'accompagne ni ne travaille avec cette personne. Prévoyez un binôme ou un point "
        "régulier."
    ),
    "graph.finding.weak_ambassador": (
        "{person} ({role}) n'a de lien qu'avec {others} (minimum souhaité : {minimum}) : "
        "risque d'être laissé·e de côté. Prévoyez un binôme ou un point régulier."
    ),
    "graph.finding.disconnected": ("Aucune relation ne relie {members} à l'équipe de la Transfo."),
    "graph.finding.second_circle": (
        "{person} ({role}, deuxième cercle) est en lien direct avec {ties} personnes du noyau "
        "({core}), au-delà de {limit} : la participation du deuxième cercle doit rester "
        "limitée et ponctuelle."
    ),
    "graph.finding.key_player_unlinked": (
        "{person} a beaucoup de pouvoir et d'intérêt pour la démarche (à gérer de près), mais "
        "aucun lien direct avec l'équipe de la Transfo : qui l'associe ?"
    ),
    "graph.finding.one_way_out": (
        "{person} ({role}) a une relation vers {others} sans relation en retour : le rôle "
        "pivot demande un dialogue dans les deux sens (confiance, transparence)."
    ),
    "graph.finding.one_way_in": (
        "{person} ({role}) n'a pas de relation en retour vers {others}, qui en ont une vers "
        "elle ou lui : le rôle pivot demande un dialogue dans les deux sens (confiance, "
        "transparence)."
    ),
    "graph.finding.referent_trajectory": "{person} : {path}.",
    "graph.trajectory.start": "{role} au départ",
    "graph.trajectory.step": "{role} depuis le {date}",
    "graph.finding.pivot": (
        "{person} ({role}) se trouve sur {share} des plus courts chemins entre deux autres "
        "personnes."
    ),
    "graph.finding.broker": (
        "{person} ({role}) relie des personnes qui ne se connaissent pas entre elles : "
        "{effective_size} contacts non redondants sur {ties} (contrainte de Burt {constraint} ; "
        "plus elle est basse, plus la personne fait le pont entre des groupes)."
    ),
    # Mendelow's grid
    "graph.quadrant.manage_closely": "Gérer de près",
    "graph.quadrant.keep_satisfied": "Satisfaire",
    "graph.quadrant.keep_informed": "Tenir informé·es",
    "graph.quadrant.monitor": "Surveiller",
    "graph.quadrant.manage_closely.why": "pouvoir élevé, intérêt élevé",
    "graph.quadrant.keep_satisfied.why": "pouvoir élevé, intérêt faible",
    "graph.quadrant.keep_informed.why": "pouvoir faible, intérêt élevé",
    "graph.quadrant.monitor.why": "pouvoir faible, intérêt faible",
    "graph.axis.power": "pouvoir",
    "graph.axis.interest": "intérêt",
    # the report
    "graph.report.title": "Carte des parties prenantes : {title}",
    "graph.report.summary": (
        "{people} parties prenantes, {relations} relations, {groups} groupes de travail"
    ),
    "graph.report.warnings": "Points de vigilance ({count})",
    "graph.report.finding": "{headline} : {reason}",
    "graph.report.quadrant": "{label} ({why}) : {names}",
    "graph.report.no_warnings": "Aucun point de vigilance.",
    "graph.report.pivots": "Pivots et passeurs",
    "graph.report.no_pivots": "Aucun pivot ni passeur au-dessus des seuils.",
    "graph.report.grid": (
        "Grille pouvoir-intérêt (élevé à partir de {power} pour le pouvoir, de {interest} "
        "pour l'intérêt, sur 4)"
    ),
    "graph.report.communities": "Groupes de travail (qui travaille avec qui)",
    "graph.report.group": "{index}. {members} ({count})",
    "graph.report.sampled": (
        "Intermédiation estimée à partir de {sample} personnes tirées au sort sur {people} "
        "(tirage fixe : mêmes résultats à chaque calcul)."
    ),
    "graph.report.empty": "Aucune partie prenante dans cette session.",
    "graph.report.nobody": "personne",
    # progress of the analyses
    "graph.step.ties": "liens",
    "graph.step.betweenness": "intermédiation",
    "graph.step.structural_holes": "contrainte de Burt",
    "graph.step.cuts": "points de rupture",
    "graph.step.communities": "groupes de travail",
    "graph.step.checks": "vérifications",
    "graph.step.done": "terminé",
    "graph.quadrant.manage_closely.short": "de près",
    "graph.quadrant.keep_satisfied.short": "satisfaire",
    "graph.quadrant.keep_informed.short": "informer",
    "graph.quadrant.monitor.short": "surveiller",
}

# French typography: a no-break space before ":", ";", "?", "!" and "%", so that a
# wrapped line never starts with one of them.
FR = {
    key: text.replace(" :", "\u00a0:")
    .replace(" ;", "\u00a0;")
    .replace(" ?", "\u00a0?")
    .replace(" !", "\u00a0!")
    .replace(" %", "\u00a0%")
    for key, text in FR.items()
}

EN: dict[str, str] = {
    # small words
    "graph.list.more": "{names} and {count} more",
    # roles
    "graph.role.resident": "resident",
    "graph.role.coordinator": "coordinator",
    "graph.role.referent": "referent",
    "graph.role.ambassador": "ambassador",
    "graph.role.relay": "relay agent",
    "graph.role.elected": "elected official",
    "graph.role.manager": "manager",
    "graph.role.union": "union",
    "graph.role.service": "service",
    "graph.role.funder": "funder",
    "graph.role.partner": "partner",
    # relation kinds
    "graph.relation.hierarchy": "hierarchy",
    "graph.relation.partnership": "partnership",
    "graph.relation.funding": "funding",
    "graph.relation.informs": "informs",
    "graph.relation.mentors": "mentors",
    "graph.relation.trust": "trust",
    # finding kinds, short
    "graph.kind.forbidden_hierarchy": "Forbidden hierarchy",
    "graph.kind.referent_load": "Referent too central",
    "graph.kind.cut_vertex": "Indispensable person",
    "graph.kind.bridge": "Single tie",
    "graph.kind.isolated_ambassador": "Isolated ambassador",
    "graph.kind.weak_ambassador": "Weakly tied ambassador",
    "graph.kind.disconnected": "Outside the network",
    "graph.kind.second_circle": "Second circle too involved",
    "graph.kind.key_player_unlinked": "Key player without a tie to the team",
    "graph.kind.pivot": "Pivot",
    "graph.kind.broker": "Broker",
    "graph.kind.one_way_out": "One-way dialogue (from the pivot)",
    "graph.kind.one_way_in": "One-way dialogue (towards the pivot)",
    "graph.kind.referent_trajectory": "The pivot's trajectory",
    # finding reasons
    "graph.finding.forbidden_hierarchy": (
        "{source} ({source_org}) has a hierarchy relation to {target} ({target_org}): between "
        "the local government and La 27e Région, the relation must stay a partnership built "
        "on trust, not a hierarchy."
    ),
    "graph.finding.referent_load": (
        "{person} ({role}) lies on {share} of the shortest paths between two other people "
        "(limit: {limit_share}): much of the exchange depends on one person. Create direct "
        "ties between residents, ambassadors and services, so that the network holds when "
        "{person} is away."
    ),
    "graph.finding.cut_vertex": (
        "If {person} is away, the rest of the network loses every tie with: {cut_off}."
    ),
    "graph.finding.cut_vertex.split": (
        "If {person} is away, the network falls into {pieces} pieces with no tie between "
        "them: {cut_off}."
    ),
    "graph.finding.bridge": (
        "The tie {source} – {target} is the only way to: {cut_off}; if it breaks, the rest of "
        "the network has no tie left with them."
    ),
    "graph.finding.isolated_ambassador": (
        "{person} ({role}) has no relation at all in the map: nobody informs, mentors or "
        "works with them. Plan a buddy or a regular check-in."
    ),
    "graph.finding.weak_ambassador": (
        "{person} ({role}) is tied only to {others} (wished: at least {minimum}): at risk of "
        "being left out. Plan a buddy or a regular check-in."
    ),
    "graph.finding.disconnected": "No relation ties {members} to the Transfo team.",
    "graph.finding.second_circle": (
        "{person} ({role}, second circle) has direct ties with {ties} people of the core team "
        "({core}), more than {limit}: the second circle's involvement should stay limited "
        "and occasional."
    ),
    "graph.finding.key_player_unlinked": (
        "{person} has high power and high interest in the programme (manage closely), but no "
        "direct tie to the Transfo team: who involves them?"
    ),
    "graph.finding.one_way_out": (
        "{person} ({role}) has a relation towards {others} with none back: the pivot role "
        "needs dialogue in both directions (trust, transparency)."
    ),
    "graph.finding.one_way_in": (
        "{person} ({role}) has no relation back towards {others}, who have one towards them: "
        "the pivot role needs dialogue in both directions (trust, transparency)."
    ),
    "graph.finding.referent_trajectory": "{person}: {path}.",
    "graph.trajectory.start": "{role} at the start",
    "graph.trajectory.step": "{role} from {date}",
    "graph.finding.pivot": (
        "{person} ({role}) lies on {share} of the shortest paths between two other people."
    ),
    "graph.finding.broker": (
        "{person} ({role}) connects people who do not know each other: {effective_size} "
        "non-redundant contacts out of {ties} (Burt's constraint {constraint}; the lower, the "
        "more this person bridges groups)."
    ),
    # Mendelow's grid
    "graph.quadrant.manage_closely": "Manage closely",
    "graph.quadrant.keep_satisfied": "Keep satisfied",
    "graph.quadrant.keep_informed": "Keep informed",
    "graph.quadrant.monitor": "Monitor",
    "graph.quadrant.manage_closely.why": "high power, high interest",
    "graph.quadrant.keep_satisfied.why": "high power, low interest",
    "graph.quadrant.keep_informed.why": "low power, high interest",
    "graph.quadrant.monitor.why": "low power, low interest",
    "graph.axis.power": "power",
    "graph.axis.interest": "interest",
    # the report
    "graph.report.title": "Stakeholder map: {title}",
    "graph.report.summary": "{people} stakeholders, {relations} relations, {groups} working groups",
    "graph.report.warnings": "Points of vigilance ({count})",
    "graph.report.finding": "{headline}: {reason}",
    "graph.report.quadrant": "{label} ({why}): {names}",
    "graph.report.no_warnings": "No point of vigilance.",
    "graph.report.pivots": "Pivots and brokers",
    "graph.report.no_pivots": "No pivot or broker above the thresholds.",
    "graph.report.grid": (
        "Power-interest grid (high from {power} for power, from {interest} for interest, out of 4)"
    ),
    "graph.report.communities": "Working groups (who works with whom)",
    "graph.report.group": "{index}. {members} ({count})",
    "graph.report.sampled": (
        "Betweenness estimated from {sample} people drawn out of {people} (fixed draw: the "
        "same results every time)."
    ),
    "graph.report.empty": "No stakeholder in this session.",
    "graph.report.nobody": "nobody",
    # progress of the analyses
    "graph.step.ties": "ties",
    "graph.step.betweenness": "betweenness",
    "graph.step.structural_holes": "Burt's constraint",
    "graph.step.cuts": "single points of failure",
    "graph.step.communities": "working groups",
    "graph.step.checks": "checks",
    "graph.step.done": "done",
    "graph.quadrant.manage_closely.short": "manage",
    "graph.quadrant.keep_satisfied.short": "satisfy",
    "graph.quadrant.keep_informed.short": "inform",
    "graph.quadrant.monitor.short": "monitor",
}
