"""Catalogue ``vote.*``: the final vote by majority judgment (``sieve vote``, the vote
screen, the report)."""

FR: dict[str, str] = {
    "vote.title": "Vote au jugement majoritaire",
    "vote.none": "Cette session n'a pas de vote (table `[vote]`).",
    "vote.question": "Question : {question}",
    "vote.voters": "votant·es : {count} ; abstention : {rule}",
    "vote.abstention.lowest": "une mention absente compte comme « {worst} »",
    "vote.abstention.ignore": "une mention absente n'est pas comptée",
    "vote.col.rank": "rang",
    "vote.col.case": "cas",
    "vote.col.majority": "mention majoritaire",
    "vote.col.above": "mieux",
    "vote.col.below": "moins bien",
    "vote.col.profile": "profil (de « {worst} » à « {best} »)",
    "vote.no_mention": "aucune mention",
    "vote.breaks": "Départages :",
    "vote.break.mention": "{ahead} devant {behind} : mention majoritaire « {m1} » contre « {m2} »",
    "vote.break.same": "{ahead} devant {behind} : même mention majoritaire « {m} » ; {detail}",
    "vote.break.later": (
        "{ahead} devant {behind} : même mention majoritaire « {m} » et {gauge} ; à l'étape "
        "{step} de la valeur majoritaire (les mentions médianes retirées une à une), {detail}"
    ),
    "vote.gauge.above": "{share} jugent chacun des deux mieux que « {m} »",
    "vote.gauge.below": "{share} jugent chacun des deux moins bien que « {m} »",
    "vote.break.equal": "{ahead} et {behind} : profils de mérite identiques, même rang",
    "vote.detail.mention": "mention « {m1} » pour {ahead} contre « {m2} » pour {behind}",
    "vote.detail.better": "{pa} jugent {ahead} mieux que « {m} » contre {pb} pour {behind}",
    "vote.detail.worse": "{qa} jugent {ahead} moins bien que « {m} » contre {qb} pour {behind}",
    "vote.detail.mixed": (
        "{pa} jugent {ahead} mieux que « {m} », alors que {qb} jugent {behind} moins bien"
    ),
    "vote.screen.no_scale": (
        "Le tamis n'a pas d'échelle `mention` : ajoutez-la, ou une table `[vote]` à la session."
    ),
    "vote.screen.empty": "Aucun cas sur le bulletin (aucun cas ne passe le tamis).",
    "vote.screen.voter": "votant·e :",
    "vote.screen.own": "sa mention :",
    "vote.screen.hidden_badge": "RÉSULTATS CACHÉS (r pour révéler)",
    "vote.screen.blind": "Mode aveugle : les résultats restent cachés (b pour en sortir).",
    "vote.screen.legend": "Mentions :",
    "vote.screen.how": (
        "Chiffre 0 à {top} : la mention de la personne pour le cas choisi ; s : personne "
        "suivante ; r : révéler les résultats."
    ),
    "vote.screen.too_high": "Mention de 0 à {top}.",
    "vote.screen.who": "Ont voté ({count}) : {names}",
    "vote.screen.on_phone": "sur son téléphone",
}

EN: dict[str, str] = {
    "vote.title": "Vote by majority judgment",
    "vote.none": "This session has no vote (`[vote]` table).",
    "vote.question": "Question: {question}",
    "vote.voters": "voters: {count}; abstention: {rule}",
    "vote.abstention.lowest": "a missing mention counts as “{worst}”",
    "vote.abstention.ignore": "a missing mention is not counted",
    "vote.col.rank": "rank",
    "vote.col.case": "case",
    "vote.col.majority": "majority mention",
    "vote.col.above": "better",
    "vote.col.below": "worse",
    "vote.col.profile": "profile (from “{worst}” to “{best}”)",
    "vote.no_mention": "no mention",
    "vote.breaks": "Tie-breaks:",
    "vote.break.mention": "{ahead} ahead of {behind}: majority mention “{m1}” against “{m2}”",
    "vote.break.same": "{ahead} ahead of {behind}: same majority mention “{m}”; {detail}",
    "vote.break.later": (
        "{ahead} ahead of {behind}: same majority mention “{m}” and {gauge}; at step {step} "
        "of the majority value (median mentions taken away one at a time), {detail}"
    ),
    "vote.gauge.above": "{share} judge each of them better than “{m}”",
    "vote.gauge.below": "{share} judge each of them worse than “{m}”",
    "vote.break.equal": "{ahead} and {behind}: identical merit profiles, same rank",
    "vote.detail.mention": "mention “{m1}” for {ahead} against “{m2}” for {behind}",
    "vote.detail.better": "{pa} judge {ahead} better than “{m}” against {pb} for {behind}",
    "vote.detail.worse": "{qa} judge {ahead} worse than “{m}” against {qb} for {behind}",
    "vote.detail.mixed": "{pa} judge {ahead} better than “{m}”, while {qb} judge {behind} worse",
    "vote.screen.no_scale": (
        "The tamis has no `mention` scale: add one, or a `[vote]` table to the session."
    ),
    "vote.screen.empty": "No case on the ballot (no case passes the sieve).",
    "vote.screen.voter": "voter:",
    "vote.screen.own": "their mention:",
    "vote.screen.hidden_badge": "RESULTS HIDDEN (r to reveal)",
    "vote.screen.blind": "Blind mode: the results stay hidden (b to leave it).",
    "vote.screen.legend": "Mentions:",
    "vote.screen.how": (
        "Digit 0 to {top}: the person's mention for the selected case; s: next person; "
        "r: reveal the results."
    ),
    "vote.screen.too_high": "Mention from 0 to {top}.",
    "vote.screen.who": "Have voted ({count}): {names}",
    "vote.screen.on_phone": "on their phone",
}
