"""Catalogue ``time.*``: the stakeholder map over time (dated entries, changes, stances)."""

FR: dict[str, str] = {
    "time.latest": "aujourd'hui (après la dernière entrée datée)",
    "time.report.on": "le {date}",
    "time.report.at": "Au {date}",
    "time.report.between": "Ce qui a changé entre le {start} et {end}",
    "time.report.nothing": "Rien n'a changé sur la carte entre ces deux dates.",
    "time.report.people": "Arrivées et départs",
    "time.joined": "{person} ({role}) arrive",
    "time.left": "{person} ({role}) part",
    "time.report.roles": "Changements de rôle",
    "time.role": "{person} : {before} → {after}",
    "time.report.grid": "Pouvoir et intérêt",
    "time.grid.crossed": (
        "{person} change de case dans la grille : {before} → {after} "
        "(pouvoir {power_before} → {power_after}, intérêt {interest_before} → {interest_after})"
    ),
    "time.grid.within": (
        "{person} reste en « {after} » (pouvoir {power_before} → {power_after}, "
        "intérêt {interest_before} → {interest_after})"
    ),
    "time.report.gained": "Relations nouvelles ({count})",
    "time.report.lost": "Relations perdues ({count})",
    "time.relation": "{source} → {target} ({kind})",
    "time.report.appeared": "Points apparus ({count})",
    "time.report.gone": "Points disparus ({count})",
    # the CLI
    "time.cli.at": "les analyses à cette date (AAAA-MM-JJ)",
    "time.cli.since": "ce qui a changé depuis cette date (AAAA-MM-JJ)",
    "time.cli.until": "avec --since : jusqu'à cette date (par défaut : la dernière entrée)",
    "time.cli.bad_date": "{option} : date attendue sous la forme AAAA-MM-JJ, trouvé « {value} »",
    "time.cli.both": "--at et --since ne vont pas ensemble",
    "time.cli.until_alone": "--until ne va qu'avec --since",
    "time.cli.order": "--until ({until}) est avant --since ({since})",
    "time.cli.format": "--since ne s'écrit qu'en texte ou en JSON (--format text ou json)",
    # stance positions
    "time.position.support": "soutient",
    "time.position.neutral": "neutre",
    "time.position.oppose": "s'oppose",
}

EN: dict[str, str] = {
    "time.latest": "now (after the last dated entry)",
    "time.report.on": "{date}",
    "time.report.at": "On {date}",
    "time.report.between": "What changed from {start} to {end}",
    "time.report.nothing": "Nothing changed on the map between these two dates.",
    "time.report.people": "Arrivals and departures",
    "time.joined": "{person} ({role}) joins",
    "time.left": "{person} ({role}) leaves",
    "time.report.roles": "Role changes",
    "time.role": "{person}: {before} → {after}",
    "time.report.grid": "Power and interest",
    "time.grid.crossed": (
        "{person} moves across the grid: {before} → {after} "
        "(power {power_before} → {power_after}, interest {interest_before} → {interest_after})"
    ),
    "time.grid.within": (
        "{person} stays in “{after}” (power {power_before} → {power_after}, "
        "interest {interest_before} → {interest_after})"
    ),
    "time.report.gained": "New relations ({count})",
    "time.report.lost": "Lost relations ({count})",
    "time.relation": "{source} → {target} ({kind})",
    "time.report.appeared": "Points that appeared ({count})",
    "time.report.gone": "Points that went away ({count})",
    "time.cli.at": "the analyses as of this date (YYYY-MM-DD)",
    "time.cli.since": "what changed since this date (YYYY-MM-DD)",
    "time.cli.until": "with --since: up to this date (default: the last dated entry)",
    "time.cli.bad_date": "{option}: expected a date as YYYY-MM-DD, found “{value}”",
    "time.cli.both": "--at and --since do not go together",
    "time.cli.until_alone": "--until goes with --since only",
    "time.cli.order": "--until ({until}) is before --since ({since})",
    "time.cli.format": "--since is written as text or JSON only (--format text or json)",
    "time.position.support": "supports",
    "time.position.neutral": "neutral",
    "time.position.oppose": "opposes",
}
