"""Catalogue ``outcome.*``: the outcomes a review gives a decided case."""

FR: dict[str, str] = {
    "outcome.0": "n'a pas marché",
    "outcome.1": "mitigé",
    "outcome.2": "a bien marché",
    "outcome.3": "au-delà des attentes",
}

EN: dict[str, str] = {
    "outcome.0": "did not work",
    "outcome.1": "mixed",
    "outcome.2": "went well",
    "outcome.3": "beyond hopes",
}
