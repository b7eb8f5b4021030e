"""The catalogues: both languages complete, every code the engine uses is worded."""

from __future__ import annotations

import ast
import string

from conftest import PROJECT

from sieve import i18n
from sieve.i18n import CATALOGS, detect, number, t

SIEVE = PROJECT / "sieve"


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_french_and_english_have_the_same_keys_and_fields():
    fr, en = CATALOGS["fr"], CATALOGS["en"]
    assert set(fr) == set(en)
    for key in fr:
        assert fields(fr[key]) == fields(en[key]), key


def problem_codes(source: str) -> set[str]:
    """Codes given to ``<x>fc.add/warn(at, code, ...)`` and ``Problem(file, l, c, code)``."""
    codes = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        position = None
        if isinstance(func, ast.Attribute) and func.attr in ("add", "warn"):
            owner = func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name.endswith("fc"):
                position = 1
        elif isinstance(func, ast.Name) and func.id == "Problem":
            position = 3
        if position is not None and len(node.args) > position:
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes.add(arg.value)
    return codes


def test_every_problem_code_raised_in_code_is_in_the_catalogue():
    codes = set()
    for path in SIEVE.rglob("*.py"):
        codes |= problem_codes(path.read_text())
    assert len(codes) > 20, "the scan found too few problem codes"
    missing = sorted(c for c in codes if f"problem.{c}" not in CATALOGS["fr"])
    assert missing == []


def test_detect_language_from_the_environment():
    assert detect({}) == "fr"
    assert detect({"LANG": "en_US.UTF-8"}) == "en"
    assert detect({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert detect({"LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}) == "en"
    assert detect({"LANGUAGE": "fr", "LANG": "en_US.UTF-8"}) == "fr"


def test_numbers_are_worded_per_language():
    assert number(0.75, "fr") == "0,75"
    assert number(0.75, "en") == "0.75"
    assert number(None, "fr") == "–"
    assert number(3.0, "fr", 1) == "3"


def test_messages_with_a_key_field():
    i18n.set_lang("en")
    assert t("problem.key.missing", key="id", where="subject[1]") == (
        "missing key `id` in subject[1]"
    )


def test_one_percent_formatter_follows_the_language():
    from sieve.i18n import percent, points

    assert percent(0.425, lang="fr") == "42\u00a0%"
    assert percent(0.425, lang="en") == "42 %"
    assert percent(1.0, lang="fr", compact=True) == "100%"
    assert percent(None) == "–"
    assert points(0.734) == "73"
    assert points(None) == "?"
    assert points(None, missing="–") == "–"
