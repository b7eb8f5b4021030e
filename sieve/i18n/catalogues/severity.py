"""Catalogue ``severity.*``: how serious a problem is (error, warning)."""

FR: dict[str, str] = {
    # severities
    "severity.error": "erreur",
    "severity.warning": "avertissement",
}

EN: dict[str, str] = {
    "severity.error": "error",
    "severity.warning": "warning",
}
