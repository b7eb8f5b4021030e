"""Catalogue ``cal.*``: the calendar of the portfolio's sessions."""

FR: dict[str, str] = {
    # the calendar
    "cal.title.planned": "Calendrier prévu — {title}",
    "cal.title.proposed": "Calendrier du portefeuille proposé — {title}",
    "cal.summary": (
        "{sessions} séances, {days} jours sur {max_days}, {months} mois sur {max_months}"
    ),
    "cal.col.session": "séance",
    "cal.col.date": "date",
    "cal.col.days": "jours",
    "cal.col.cases": "cas",
    "cal.col.lab": "labo",
    "cal.lab": "travail sur le labo",
    "cal.checks": "Vérifications",
    "cal.ok": "Le calendrier respecte le protocole.",
    "cal.breaches": "{count} {count:écart|écarts} au protocole.",
    "cal.none": "Rien à mettre au calendrier : aucun portefeuille ne respecte les contraintes.",
}

EN: dict[str, str] = {
    "cal.title.planned": "Planned calendar — {title}",
    "cal.title.proposed": "Calendar of the proposed portfolio — {title}",
    "cal.summary": (
        "{sessions} sessions, {days} days of {max_days}, {months} months of {max_months}"
    ),
    "cal.col.session": "session",
    "cal.col.date": "date",
    "cal.col.days": "days",
    "cal.col.cases": "cases",
    "cal.col.lab": "lab",
    "cal.lab": "work on the lab",
    "cal.checks": "Checks",
    "cal.ok": "The calendar follows the protocol.",
    "cal.breaches": "{count} {count:breach|breaches} of the protocol.",
    "cal.none": "Nothing to lay out: no portfolio meets the constraints.",
}
