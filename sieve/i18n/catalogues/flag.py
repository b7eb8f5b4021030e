"""Catalogue ``flag.*``: the flags of a case in the rankings."""

FR: dict[str, str] = {
    "flag.attention": "attention politique forte",
    "flag.first-case-attention": "premier cas trop exposé",
}

EN: dict[str, str] = {
    "flag.attention": "high political attention",
    "flag.first-case-attention": "first case too exposed",
}
