"""Catalogue of the Stakeholders screen's edits (people and relations, :mod:`sieve.save.people`)."""

FR: dict[str, str] = {
    "app.people.key.add": "ajouter",
    "app.people.key.edit": "modifier",
    "app.people.key.remove": "retirer",
    "app.people.key.relate": "relier",
    "app.people.add_title": "Ajouter une personne à la carte",
    "app.people.map_title": "Mettre « {name} » sur la carte",
    "app.people.edit_title": "Modifier « {name} »",
    "app.people.remove_title": "Retirer « {name} » de la carte ?",
    "app.people.remove_relations": (
        "{count} relation(s) nomment cette personne : elles seront retirées aussi."
    ),
    "app.people.scorer_only": (
        "« {name} » est sur la carte parce qu'une relation nomme cette personne qui note : "
        "retirez ses relations (r puis ⌦)"
    ),
    "app.people.field.id": "Identifiant (les relations suivent)",
    "app.people.field.new_id": "Identifiant (vide : tiré du nom)",
    "app.people.field.name": "Nom",
    "app.people.field.role": "Rôle",
    "app.people.field.org": "Organisation",
    "app.people.field.power": "Pouvoir d'influence sur la démarche (0 à 4)",
    "app.people.field.interest": "Intérêt pour la démarche (0 à 4)",
    "app.people.level.0": "0 · aucun",
    "app.people.level.1": "1 · faible",
    "app.people.level.2": "2 · moyen",
    "app.people.level.3": "3 · fort",
    "app.people.level.4": "4 · très fort",
    "app.people.scorer": "{name} (note les cas)",
    "app.people.relate_title": "Ajouter une relation",
    "app.people.relation_title": "Modifier la relation",
    "app.people.remove_relation": "Retirer la relation « {source} {kind} {target} » ?",
    "app.people.field.from": "De",
    "app.people.field.kind": "Relation",
    "app.people.field.to": "Vers",
    "app.people.field.weight": "Poids (intensité du lien, 1 par défaut)",
    "app.people.weight_invalid": "`{value}` n'est pas un nombre (exemple : 1 ou 0,5)",
    "app.people.no_person": "Aucune personne sur la carte : a pour en ajouter une.",
}

EN: dict[str, str] = {
    "app.people.key.add": "add",
    "app.people.key.edit": "edit",
    "app.people.key.remove": "remove",
    "app.people.key.relate": "relate",
    "app.people.add_title": "Add a person to the map",
    "app.people.map_title": "Put “{name}” on the map",
    "app.people.edit_title": "Edit “{name}”",
    "app.people.remove_title": "Remove “{name}” from the map?",
    "app.people.remove_relations": "{count} relation(s) name them: they will be removed too.",
    "app.people.scorer_only": (
        "“{name}” is on the map because a relation names this scorer: "
        "remove their relations (r then ⌦)"
    ),
    "app.people.field.id": "Id (the relations follow)",
    "app.people.field.new_id": "Id (empty: made from the name)",
    "app.people.field.name": "Name",
    "app.people.field.role": "Role",
    "app.people.field.org": "Organisation",
    "app.people.field.power": "Power over the programme (0 to 4)",
    "app.people.field.interest": "Interest in the programme (0 to 4)",
    "app.people.level.0": "0 · none",
    "app.people.level.1": "1 · low",
    "app.people.level.2": "2 · medium",
    "app.people.level.3": "3 · high",
    "app.people.level.4": "4 · very high",
    "app.people.scorer": "{name} (scores the cases)",
    "app.people.relate_title": "Add a relation",
    "app.people.relation_title": "Edit the relation",
    "app.people.remove_relation": "Remove the relation “{source} {kind} {target}”?",
    "app.people.field.from": "From",
    "app.people.field.kind": "Relation",
    "app.people.field.to": "To",
    "app.people.field.weight": "Weight (strength of the tie, 1 by default)",
    "app.people.weight_invalid": "`{value}` is not a number (for example: 1 or 0.5)",
    "app.people.no_person": "Nobody on the map yet: a to add someone.",
}
