"""Catalogue ``type.*``: TOML value types, which ``t()`` puts for the ``expected_type`` and
``found_type`` parameters of a problem."""

FR: dict[str, str] = {
    # TOML types
    "type.str": "un texte",
    "type.int": "un entier",
    "type.float": "un nombre décimal",
    "type.number": "un nombre",
    "type.bool": "true ou false",
    "type.table": "une table",
    "type.tables": "des tables [[…]]",
    "type.array": "une liste",
    "type.str_list": "une liste de textes",
    "type.date": "une date (AAAA-MM-JJ)",
    "type.datetime": "une date et heure",
    "type.other": "une valeur d'un autre type",
}

EN: dict[str, str] = {
    "type.str": "a string",
    "type.int": "an integer",
    "type.float": "a decimal number",
    "type.number": "a number",
    "type.bool": "true or false",
    "type.table": "a table",
    "type.tables": "[[…]] tables",
    "type.array": "an array",
    "type.str_list": "an array of strings",
    "type.date": "a date (YYYY-MM-DD)",
    "type.datetime": "a date-time",
    "type.other": "a value of another type",
}
