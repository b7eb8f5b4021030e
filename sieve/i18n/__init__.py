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
import string
from collections.abc import Mapping

LANGS = ("fr", "en")

#: The key prefixes, each the name of its catalogue in ``sieve/i18n/catalogues/``.
PREFIXES = (
    "severity", "noun", "type", "problem", "edit", "cli", "rank", "flag", "explain", "app",
    "exchange", "graph", "decide", "review", "plan", "cal", "robust", "journal", "outcome",
    "argparse", "new", "report", "vote", "weigh", "time", "room",
)  # fmt: skip

_KNOWN = frozenset(PREFIXES)


def _area(prefix: str):
    """The catalogue module of a prefix (imported by name: ``type`` and ``argparse``
    would shadow built-in names here)."""
    return importlib.import_module(f"sieve.i18n.catalogues.{prefix}")


class _Catalog(Mapping[str, str]):
    """Every message of one language, by key; a catalogue module is imported when a key
    of its prefix is first looked up (twenty modules cost a noticeable part of the
    app's start, which words things from two of them). Iterating, or asking the
    length, reads them all, in the order of :data:`PREFIXES`."""

    def __init__(self, lang: str) -> None:
        self._name = "FR" if lang == "fr" else "EN"
        self._found: dict[str, str] = {}
        self._read: set[str] = set()

    def _prefix_read(self, key: str) -> None:
        prefix = key.partition(".")[0]
        if prefix not in self._read and prefix in _KNOWN:
            self._found.update(getattr(_area(prefix), self._name))
            self._read.add(prefix)

    def _all(self) -> dict[str, str]:
        if len(self._read) < len(_KNOWN):
            self._found = {k: v for p in PREFIXES for k, v in getattr(_area(p), self._name).items()}
            self._read = set(_KNOWN)
        return self._found

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        self._prefix_read(key)
        return self._found.get(key, default)

    def __getitem__(self, key: str) -> str:
        self._prefix_read(key)
        return self._found[key]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        self._prefix_read(key)
        return key in self._found

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


CATALOGS: dict[str, _Catalog] = {lang: _Catalog(lang) for lang in LANGS}


def __getattr__(name: str) -> object:
    if name == "AREAS":  # the catalogue modules, in the order of PREFIXES
        return tuple(_area(prefix) for prefix in PREFIXES)
    raise AttributeError(name)


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
        if "|" in text:  # a plural: {count:sujet|sujets}
            return _Plurals(lang).vformat(text, (), params)
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def elides(word: str) -> bool:
    """Whether French elides ``que`` (``qu'``) before ``word``: before a vowel, accented
    or not, or an h (Agnès, Isabelle, Hugo, Élise; not Bob). A catalogue then has two
    keys, ``x`` (``que {name}``) and ``x_elided`` (``qu'{name}``): the name, data, is
    left as it is."""
    import unicodedata

    first = unicodedata.normalize("NFD", word.lstrip()[:1])[:1].lower()
    return bool(first) and first in "aeiouyh"


def singular(count: object, lang: str | None = None) -> bool:
    """Whether ``count`` takes the singular in ``lang``: 0 and 1 in French (« 0 erreur »,
    « 1 erreur »), 1 alone in English ("0 errors", "1 error")."""
    if isinstance(count, bool) or not isinstance(count, int | float):
        return False
    if (lang or current()) == "fr":
        return 0 <= abs(count) < 2
    return count == 1


class _Plurals(string.Formatter):
    """``str.format`` with one more field form, ``{count:one|many}``: the word ``one``
    when ``count`` takes the singular (:func:`singular`), else ``many``; the number
    itself is written by its own field: ``{count} {count:sujet|sujets}``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, _, many = format_spec.partition("|")
            return one if singular(value, self.lang) else many
        return super().format_field(value, format_spec)


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
    """A share (``0.42``) for people: ``42 %`` in French, the sign kept on its line (a
    no-break space), ``42%`` in English; ``compact``: ``42%``, for a narrow column; ``error``: its
    standard error after it, in percentage points to one decimal (``42 % ± 1,1``).

    The one formatter of percentages: robustness, betweenness, weight shares.
    """
    if share is None:
        return missing
    fr = (lang or current()) == "fr"
    text = number(share * 100, lang, 0)
    # French sets a no-break space before the sign; English writes none (42%)
    text = f"{text}\u00a0%" if fr and not compact else f"{text}%"
    if error is not None:
        space = "\u00a0" if fr else " "
        text += f" ±{space}{number(error * 100, lang, 1)}"
    return text


def points(score: float | None, lang: str | None = None, missing: str = "?") -> str:
    """A case's score (``0`` to ``1``) in points out of 100, as the matrix shows it: ``73``."""
    return missing if score is None else number(score * 100, lang, 0)
