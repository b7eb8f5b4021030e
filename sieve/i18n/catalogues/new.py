"""Catalogue ``new.*``: a workspace made from nothing (``sieve new``)."""

FR: dict[str, str] = {
    "new.default_title": "Choix des cas pratiques",
    "new.exists": "{path} existe déjà : rien n'a été écrit (sieve new ne remplace aucun fichier)",
    "new.not_folder": "{path} existe et n'est pas un dossier",
    "new.tamis_differs": (
        "{path} existe déjà avec un autre contenu que le tamis choisi : rien n'a été écrit"
    ),
    "new.same_scorer": "« {first} » et « {second} » donneraient le même id `{id}` : changez un nom",
}

EN: dict[str, str] = {
    "new.default_title": "Choice of practical cases",
    "new.exists": "{path} exists already: nothing was written (sieve new replaces no file)",
    "new.not_folder": "{path} exists and is not a folder",
    "new.tamis_differs": (
        "{path} exists already with other contents than the chosen tamis: nothing was written"
    ),
    "new.same_scorer": "'{first}' and '{second}' would give the same id `{id}`: change one name",
}
