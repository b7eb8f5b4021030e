"""Catalogue ``weigh.*``: weighting methods (rank order, AHP, a group), command and screen."""

FR: dict[str, str] = {
    # the command's arguments
    "weigh.arg.tamis": "le fichier tamis dont on calcule les poids",
    "weigh.arg.order": (
        "l'ordre des critères notés, du plus important au moins important, séparés par des virgules"
    ),
    "weigh.arg.ahp": (
        "une matrice de comparaisons par paires par personne (CSV : en-tête d'identifiants, "
        "une ligne par critère, cases 3, 1/5 ou 0.2)"
    ),
    "weigh.arg.method": (
        "roc, rank-sum ou rank-reciprocal (ordre, défaut roc) ; eigen ou geometric "
        "(AHP, défaut eigen : vecteur propre principal)"
    ),
    "weigh.arg.format": "format de sortie",
    "weigh.arg.save": "écrire les poids et l'enregistrement [weighting] dans le tamis",
    "weigh.arg.participant": "une personne qui a pris part (répétable)",
    # errors
    "weigh.error.need": "donner soit --order, soit --ahp",
    "weigh.error.method": "méthode « {method} » impossible ici (possibles : {choices})",
    "weigh.error.gate": "`{id}` est une porte : seuls les critères notés se pondèrent",
    "weigh.error.unknown": "critère `{id}` inconnu (critères notés : {known})",
    "weigh.error.twice": "nommé deux fois dans l'ordre : {ids}",
    "weigh.error.too_few": "il faut au moins deux critères",
    "weigh.error.other_criteria": "{path} ne compare pas les mêmes critères ({ids})",
    "weigh.error.missing": (
        "pour enregistrer, chaque critère noté doit recevoir un poids ; manquent : {ids}"
    ),
    "weigh.saved": "{path} : poids et [weighting] enregistrés",
    "weigh.unchanged": "{path} : rien à changer",
    # the result
    "weigh.title": "Poids par {method} — {tamis}",
    "weigh.method.roc": "centroïde des rangs (ROC)",
    "weigh.method.rank-sum": "somme des rangs",
    "weigh.method.rank-reciprocal": "inverse des rangs",
    "weigh.method.eigen": "AHP, vecteur propre principal",
    "weigh.method.geometric": "AHP, moyenne géométrique des lignes",
    "weigh.col.criterion": "critère",
    "weigh.col.new": "nouveau",
    "weigh.col.current": "actuel",
    "weigh.consistency": (
        "λmax {lambda_max} · IC {ci} · RC {cr} (indice aléatoire {ri}, table {table})"
    ),
    "weigh.consistent": "Jugements cohérents (RC ≤ {limit}).",
    "weigh.inconsistent": (
        "⚠ RC {cr} > {limit} : les jugements se contredisent ; "
        "les revoir avant d'adopter ces poids."
    ),
    "weigh.no_ri": (
        "Pas d'indice aléatoire de Saaty pour {n} critères (table jusqu'à 10) : RC non calculé."
    ),
    "weigh.revisit": "Jugements à revoir en premier :",
    "weigh.revisit.line": (
        "« {first} » compte {given} fois « {second} » ; "
        "les poids disent {implied} (proposé : {suggested})"
    ),
    "weigh.group": "Groupe de {count} personnes : moyenne géométrique des jugements individuels.",
    "weigh.people": "Cohérence de chacun :",
    "weigh.person": "  {name} : RC {cr}",
    # the app's screen
    "weigh.app.bar": "Pondération — {title}",
    "weigh.app.mode.order": "classer les critères",
    "weigh.app.mode.pairwise": "comparaisons par paires",
    "weigh.app.order_help": (
        "Du plus important au moins important : [ et ] déplacent le critère choisi ; "
        "m passe aux comparaisons par paires."
    ),
    "weigh.app.question": (
        "Pour choisir nos cas, « {first} » compte-t-il plus que « {second} » ? Combien ?"
    ),
    "weigh.app.answered": "Réponse : « {first} » compte {times} fois « {second} »",
    "weigh.app.progress": (
        "{answered} {answered:question répondue|questions répondues} sur {count} "
        "(les autres : autant)"
    ),
    "weigh.app.scale": (
        "1 autant · 3 un peu plus · 5 nettement plus · 7 beaucoup plus · 9 infiniment plus · "
        "i : c'est l'inverse · 0 : effacer"
    ),
    "weigh.app.weights": "Poids obtenus",
    "weigh.app.not_recorded": "Le tamis ne dit pas d'où viennent ses poids actuels.",
    "weigh.app.recorded": (
        "Poids actuels obtenus par {method} le {date} ; ont pris part : {people}"
    ),
    "weigh.app.ranking": "Le classement qu'ils donneraient",
    "weigh.app.digits_pairwise": "Les chiffres répondent aux comparaisons par paires (m)",
    "weigh.app.no_answer": "Aucune question n'a de réponse : rien à enregistrer",
    "weigh.app.undone": "Dernière réponse annulée (rien n'est enregistré avant « s »)",
    "weigh.app.undo_nothing": (
        "Rien à annuler dans cette pondération (les autres écrans annulent leurs modifications)"
    ),
    "weigh.app.participants": "Qui a pris part (noms séparés par des virgules)",
    "weigh.app.save_title": "Enregistrer ces poids dans le tamis",
    "weigh.revisit.equal": (
        "« {first} » et « {second} » comptent autant ; "
        "les poids disent {implied} (proposé : {suggested})"
    ),
}

EN: dict[str, str] = {
    "weigh.arg.tamis": "the tamis file whose weights are computed",
    "weigh.arg.order": "the score criteria, most important first, separated by commas",
    "weigh.arg.ahp": (
        "one pairwise-comparison matrix per person (CSV: a header of ids, one row per "
        "criterion, cells 3, 1/5 or 0.2)"
    ),
    "weigh.arg.method": (
        "roc, rank-sum or rank-reciprocal (an order, default roc); eigen or geometric "
        "(AHP, default eigen: principal eigenvector)"
    ),
    "weigh.arg.format": "output format",
    "weigh.arg.save": "write the weights and the [weighting] record into the tamis",
    "weigh.arg.participant": "someone who took part (repeatable)",
    "weigh.error.need": "give either --order or --ahp",
    "weigh.error.method": "method “{method}” does not apply here (possible: {choices})",
    "weigh.error.gate": "`{id}` is a gate: only score criteria are weighted",
    "weigh.error.unknown": "unknown criterion `{id}` (score criteria: {known})",
    "weigh.error.twice": "named twice in the order: {ids}",
    "weigh.error.too_few": "at least two criteria are needed",
    "weigh.error.other_criteria": "{path} does not compare the same criteria ({ids})",
    "weigh.error.missing": "to save, every score criterion needs a weight; missing: {ids}",
    "weigh.saved": "{path}: weights and [weighting] saved",
    "weigh.unchanged": "{path}: nothing to change",
    "weigh.title": "Weights by {method} — {tamis}",
    "weigh.method.roc": "rank-order centroid (ROC)",
    "weigh.method.rank-sum": "rank sum",
    "weigh.method.rank-reciprocal": "rank reciprocal",
    "weigh.method.eigen": "AHP, principal eigenvector",
    "weigh.method.geometric": "AHP, row geometric mean",
    "weigh.col.criterion": "criterion",
    "weigh.col.new": "new",
    "weigh.col.current": "current",
    "weigh.consistency": (
        "λmax {lambda_max} · CI {ci} · CR {cr} (random index {ri}, table {table})"
    ),
    "weigh.consistent": "Consistent judgments (CR ≤ {limit}).",
    "weigh.inconsistent": (
        "⚠ CR {cr} > {limit}: the judgments contradict each other; revisit them before "
        "adopting these weights."
    ),
    "weigh.no_ri": "No Saaty random index for {n} criteria (table up to 10): CR not computed.",
    "weigh.revisit": "Judgments to revisit first:",
    "weigh.revisit.line": (
        "“{first}” counts {given} times “{second}”; "
        "the weights say {implied} (suggested: {suggested})"
    ),
    "weigh.group": "Group of {count} people: geometric mean of the individual judgments.",
    "weigh.people": "Each person's consistency:",
    "weigh.person": "  {name}: CR {cr}",
    "weigh.app.bar": "Weighting — {title}",
    "weigh.app.mode.order": "rank the criteria",
    "weigh.app.mode.pairwise": "pairwise comparisons",
    "weigh.app.order_help": (
        "Most important first: [ and ] move the selected criterion; "
        "m switches to pairwise comparisons."
    ),
    "weigh.app.question": (
        "To choose our cases, does “{first}” count more than “{second}”? How much?"
    ),
    "weigh.app.answered": "Answer: “{first}” counts {times} times “{second}”",
    "weigh.app.progress": (
        "{answered} of {count} {count:question|questions} answered (the others: the same)"
    ),
    "weigh.app.scale": (
        "1 the same · 3 a little more · 5 clearly more · 7 much more · 9 extremely more · "
        "i: the other way round · 0: clear"
    ),
    "weigh.app.weights": "Resulting weights",
    "weigh.app.not_recorded": "The tamis does not say where its current weights come from.",
    "weigh.app.recorded": "Current weights obtained by {method} on {date}; took part: {people}",
    "weigh.app.ranking": "The ranking they would give",
    "weigh.app.digits_pairwise": "The digits answer pairwise comparisons (m)",
    "weigh.app.no_answer": "No question has an answer: nothing to save",
    "weigh.app.undone": "Last answer undone (nothing is saved before “s”)",
    "weigh.app.undo_nothing": (
        "Nothing to undo in this weighting (the other screens undo their own edits)"
    ),
    "weigh.app.participants": "Who took part (names separated by commas)",
    "weigh.app.save_title": "Save these weights into the tamis",
    "weigh.revisit.equal": (
        "“{first}” and “{second}” count the same; "
        "the weights say {implied} (suggested: {suggested})"
    ),
}
