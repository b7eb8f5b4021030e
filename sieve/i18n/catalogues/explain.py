"""Catalogue ``explain.*``: the explanation of one case's score (``sieve explain``)."""

FR: dict[str, str] = {
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
