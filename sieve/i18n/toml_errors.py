"""The TOML parser's own words (rtoml, in English) put in the user's language.

rtoml says what is wrong as ``"PHRASE, expected WHAT"`` (``"unclosed table,
expected `]`"``). :func:`worded` looks the phrase up among the ones the parser
uses (each a ``problem.toml.why.*`` key) and words what was expected; a phrase it
does not know is kept as the parser wrote it, rather than guessed.
"""

from __future__ import annotations

import re

#: The parser's phrases, each with the key that words it.
PHRASES = {
    "duplicate key": "problem.toml.why.duplicate_key",
    "string values must be quoted": "problem.toml.why.unquoted_string",
    "key with no value": "problem.toml.why.no_value",
    "unclosed table": "problem.toml.why.unclosed_table",
    "unclosed array": "problem.toml.why.unclosed_array",
    "unclosed inline table": "problem.toml.why.unclosed_inline_table",
    "invalid basic string": "problem.toml.why.basic_string",
    "invalid literal string": "problem.toml.why.literal_string",
    "invalid multi-line basic string": "problem.toml.why.multiline_string",
    "invalid multi-line literal string": "problem.toml.why.multiline_string",
    "invalid boolean": "problem.toml.why.boolean",
    "invalid fraction": "problem.toml.why.fraction",
    "invalid exponent": "problem.toml.why.fraction",
    "invalid date": "problem.toml.why.date",
    "invalid time": "problem.toml.why.time",
    "invalid unquoted key": "problem.toml.why.bad_key",
    "unquoted keys cannot be empty": "problem.toml.why.empty_key",
    "missing escaped value": "problem.toml.why.escape",
    "unexpected leading zero": "problem.toml.why.leading_zero",
    "`_` may only go between digits": "problem.toml.why.underscore",
    "invalid key-value pair": "problem.toml.why.pair",
    "invalid table header": "problem.toml.why.header",
    "invalid array": "problem.toml.why.array",
    "invalid inline table": "problem.toml.why.inline_table",
    "invalid string": "problem.toml.why.string",
    "invalid integer": "problem.toml.why.integer",
}

#: Words of what the parser expected, beside the punctuation it names in backticks.
EXPECTED = {
    "literal string": "problem.toml.expected.literal_string",
    "digits": "problem.toml.expected.digits",
    "letters, numbers, `-`, `_`": "problem.toml.expected.key_chars",
    "newline": "problem.toml.expected.newline",
    "comment": "problem.toml.expected.comment",
    "month between 01 and 12": "problem.toml.expected.month",
    "day between 01 and 31": "problem.toml.expected.day",
}

_TOKENS = re.compile(r"^(`[^`]+`(, )?)+$")


def worded(detail: str, lang: str) -> str:
    """The parser's ``detail`` in ``lang`` (as it is, when a part of it is unknown)."""
    from sieve.i18n import t

    if lang == "en":
        return detail
    phrase, _, expected = detail.partition(", expected ")
    key = PHRASES.get(phrase.strip())
    if key is None:
        return detail
    text = t(key, lang)
    expected = expected.strip()
    if not expected or expected == "nothing":
        return text
    if expected in EXPECTED:
        expected = t(EXPECTED[expected], lang)
    elif not _TOKENS.match(expected):
        return detail
    return t("problem.toml.expected", lang, text=text, expected=expected)
