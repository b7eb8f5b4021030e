"""The French and English catalogues, and the one function that words things: ``t``.

Every string a user sees comes from a catalogue by key. A key's first part is its
catalogue: ``plan.r.in.score`` lives in ``catalogues/plan.py``, which holds every
``plan.*`` key, the French (``FR``) and English (``EN``) messages side by side
(``catalogues/app/`` keeps them in two modules, ``fr.py`` and ``en.py``). They are
merged below; tests check both languages have the same keys, each catalogue holds
only its prefix, and every key is used by the code.
French is the default; English is chosen with ``--lang en`` or an English locale
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` starting with ``en``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping

LANGS = ("fr", "en")

#: The key prefixes, each the name of its catalogue in ``sieve/i18n/catalogues/``.
PREFIXES = (
    "severity", "noun", "type", "problem", "edit", "cli", "rank", "flag", "explain", "app",
    "exchange", "graph", "decide", "review", "plan", "cal", "robust", "journal", "outcome",
    "argparse", "new", "report", "room",
)  # fmt: skip

#: The catalogue modules, in the order of PREFIXES (imported by name: ``type`` and
#: ``argparse`` would shadow built-in names here).
AREAS = tuple(importlib.import_module(f"sieve.i18n.catalogues.{name}") for name in PREFIXES)

CATALOGS: dict[str, dict[str, str]] = {
    "fr": {k: v for area in AREAS for k, v in area.FR.items()},
    "en": {k: v for area in AREAS for k, v in area.EN.items()},
}

# Parameters whose values are themselves catalogue codes, with their prefix.
_CODED_PARAMS = {
    "kind": "noun.",
    "applies_to": "noun.",
    "expected_type": "type.",
    "found_type": "type.",
    "rule": "noun.rule.",
}

_current: str | None = None


def detect(env: Mapping[str, str] | None = None) -> str:
    """The language asked for by the environment: ``"en"`` for an English locale, else French."""
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value or value.split(".")[0] in ("C", "POSIX"):
            continue
        return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def set_lang(lang: str | None) -> str:
    """Choose the language for the rest of the run (``None``: from the environment)."""
    global _current
    _current = lang if lang in LANGS else detect()
    return _current


def current() -> str:
    return _current or set_lang(None)


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` (default: the current language), filled in.

    ``key`` is positional-only, so that a message may itself have a ``{key}`` field.
    """
    lang = lang or current()
    catalog = CATALOGS.get(lang, CATALOGS["fr"])
    text = catalog.get(key)
    if text is None:
        text = CATALOGS["en"].get(key, key)
    for name, prefix in _CODED_PARAMS.items():
        value = params.get(name)
        if isinstance(value, str) and (prefix + value) in catalog:
            params[name] = catalog[prefix + value]
    if key == "problem.toml.syntax" and isinstance(params.get("error"), str):
        from sieve.i18n.toml_errors import worded

        params["error"] = worded(params["error"], lang)
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def number(value: float | None, lang: str | None = None, digits: int = 2) -> str:
    """A number for people: ``0,75`` in French, ``0.75`` in English, ``–`` for none."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    if digits and "." in text:
        text = text.rstrip("0").rstrip(".") if value == int(value) else text
    return text.replace(".", ",") if (lang or current()) == "fr" else text


def percent(
    share: float | None,
    lang: str | None = None,
    missing: str = "–",
    compact: bool = False,
    error: float | None = None,
) -> str:
    """A share (``0.42``) for people: ``42 %``, the sign kept on its line in French
    (a no-break space); ``compact``: ``42%``, for a narrow column; ``error``: its
    standard error after it, in percentage points to one decimal (``42 % ± 1,1``).

    The one formatter of percentages: robustness, betweenness, weight shares.
    """
    if share is None:
        return missing
    fr = (lang or current()) == "fr"
    text = number(share * 100, lang, 0)
    text = f"{text}%" if compact else f"{text}\u00a0%" if fr else f"{text} %"
    if error is not None:
        space = "\u00a0" if fr else " "
        text += f" ±{space}{number(error * 100, lang, 1)}"
    return text


def points(score: float | None, lang: str | None = None, missing: str = "?") -> str:
    """A case's score (``0`` to ``1``) in points out of 100, as the matrix shows it: ``73``."""
    return missing if score is None else number(score * 100, lang, 0)
