"""The catalogues: both languages complete, every code the engine uses is worded."""

from __future__ import annotations

import ast
import re
import string

import pytest
from conftest import PROJECT

from sieve import i18n
from sieve.i18n import AREAS, CATALOGS, PREFIXES, detect, number, t

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
    assert percent(0.425, lang="en") == "42%"  # English sets no space before the sign
    assert percent(1.0, lang="fr", compact=True) == "100%"
    assert percent(None) == "–"
    assert points(0.734) == "73"
    assert points(None) == "?"
    assert points(None, missing="–") == "–"


def test_one_catalogue_per_key_prefix_with_the_same_keys_in_both_languages():
    assert len(set(PREFIXES)) == len(PREFIXES) == len(AREAS)
    for prefix, area in zip(PREFIXES, AREAS, strict=True):
        assert area.__name__ == f"sieve.i18n.catalogues.{prefix}"
        assert area.FR.keys() == area.EN.keys(), prefix
        assert area.FR, prefix
        assert [k for k in area.FR if k.split(".")[0] != prefix] == [], prefix
    files = {p.stem for p in CATALOGUES.glob("*.py")} | {p.name for p in CATALOGUES.iterdir()}
    assert set(PREFIXES) <= files
    assert {p.stem for p in CATALOGUES.glob("[!_]*.py")} == set(PREFIXES) - {"app"}
    assert sum(len(area.FR) for area in AREAS) == len(CATALOGS["fr"])


# -- every key is used, every key used exists ---------------------------------------------

#: The catalogue modules themselves (their strings are messages, not uses of keys).
CATALOGUES = SIEVE / "i18n" / "catalogues"

#: Keys computed by the code, as the code writes them (an f-string, or ``"prefix." + x``):
#: ``{}`` is the part computed there. A key matching one counts as used when each ``{}``
#: part is itself a string written somewhere in sieve/ (a kind, a role, a code...).
#: The test fails when the code has a pattern this list lacks, or the reverse.
CODE_PATTERNS = {
    "app.applies.{}",
    "app.flag.{}",
    "app.flag.{}.detail",
    "app.people.level.{}",
    "app.stakeholders.col.{}",
    "app.stakeholders.{}",
    "app.tamis.kind.{}",
    "app.tamis.on.{}",
    "argparse.{}",
    "cal.col.{}",
    "cli.{}.help",
    "exchange.diff.{}",
    "exchange.merge.version.{}",
    "exchange.section.{}",
    "exchange.field.{}",
    "explain.note.{}",
    "flag.{}",
    "graph.finding.{}",
    "graph.finding.{}.split",
    "graph.kind.{}",
    "graph.quadrant.{}",
    "graph.quadrant.{}.short",
    "graph.quadrant.{}.why",
    "graph.relation.{}",
    "graph.role.{}",
    "graph.step.{}",
    "journal.col.{}",
    "outcome.{}",
    "plan.c.{}",
    "plan.col.{}",
    "plan.name.{}",
    "plan.r.{}",
    "plan.x.{}",
    "problem.{}",
    "rank.col.{}",
    "report.{}",
    "report.rule.{}",
    "robust.col.{}",
    "severity.{}",
    "vote.abstention.{}",
    "vote.gauge.{}",
    "time.grid.{}",
    "time.position.{}",
}

#: Keys computed by ``t()`` itself: the values of the parameters ``kind`` and
#: ``applies_to`` are worded by ``noun.*``, those of ``expected_type`` and ``found_type``
#: by ``type.*``, those of ``rule`` (a portfolio's first-case rule) by ``noun.rule.*``
#: (see ``sieve/i18n/__init__.py``).
T_PATTERNS = {"noun.{}", "noun.rule.{}", "type.{}"}

#: Patterns whose ``{}`` comes from outside sieve: argparse's own messages.
FOREIGN = {"argparse.{}"}

#: Strings of the code shaped like a key of a catalogue prefix that are not keys.
NOT_KEYS = {
    "app.reload",  # Textual actions of the app (bindings), not messages
    "app.toggle_blind",
    "app.undo",
    "app.tcss",  # the app's style sheet
    "room.css",  # the room's style sheet
    "exchange.note_conflict",  # a problem code: its message is problem.exchange.note_conflict
}


def _code_files() -> list:
    return sorted(p for p in SIEVE.rglob("*.py") if CATALOGUES not in p.parents)


def _variants(node: ast.expr) -> list[str] | None:
    """The strings an expression may give, ``{}`` for any computed part (``None``: none)."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)]
    if isinstance(node, ast.IfExp):
        both = (_variants(node.body), _variants(node.orelse))
        return both[0] + both[1] if None not in both else ["{}"]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _variants(node.left), _variants(node.right)
        if left is None and right is None:
            return None
        return [a + b for a in (left or ["{}"]) for b in (right or ["{}"])]
    return None


def _scan() -> tuple[set[str], set[str]]:
    """Every string literal of sieve/ (outside the catalogues), and every key pattern."""
    literals, patterns = set(), set()
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, (ast.JoinedStr, ast.BinOp)):
                for text in _variants(node) or []:
                    if "{}" in text and re.match(r"[a-z_]+\.", text):
                        patterns.add(text)
    return literals, patterns


def _matches(key: str, pattern: str, literals: set[str], foreign: bool) -> bool:
    regex = "^" + re.escape(pattern).replace(r"\{\}", "(.+)") + "$"
    found = re.match(regex, key)
    return bool(found) and (foreign or all(part in literals for part in found.groups()))


def test_the_code_builds_keys_only_along_the_listed_patterns():
    _literals, patterns = _scan()
    prefixes = {key.split(".")[0] for key in CATALOGS["fr"]}
    patterns = {p for p in patterns if p.split(".")[0] in prefixes}
    assert patterns == CODE_PATTERNS


def test_every_catalogue_key_is_used_by_the_code():
    literals, _patterns = _scan()
    patterns = CODE_PATTERNS | T_PATTERNS
    unused = sorted(
        key
        for key in CATALOGS["fr"]
        if key not in literals
        and not any(_matches(key, p, literals, p in FOREIGN) for p in patterns)
    )
    assert unused == []


def test_every_key_the_code_names_is_in_both_languages():
    literals, _patterns = _scan()
    prefixes = {key.split(".")[0] for key in CATALOGS["fr"]}
    shaped = {
        text
        for text in literals
        if re.fullmatch(r"[a-z_]+(\.[a-z0-9_-]+)+", text) and text.split(".")[0] in prefixes
    }
    assert len(shaped) > 300, "the scan found too few keys"
    for lang in ("fr", "en"):
        assert sorted(shaped - NOT_KEYS - set(CATALOGS[lang])) == [], lang
    for pattern in CODE_PATTERNS | T_PATTERNS:
        head = pattern.partition("{}")[0]
        assert any(key.startswith(head) for key in CATALOGS["fr"]), pattern


#: Each message given a plural: its parameters, and its words for 1 and for 2.
PLURALS = [
    ("weigh.app.progress", "fr", {"count": 36}, "answered",
     "1 question répondue sur 36", "2 questions répondues sur 36"),
    ("weigh.app.progress", "en", {"answered": 3}, "count",
     "3 of 1 question answered", "3 of 2 questions answered"),
    ("report.tamis.head", "fr", {"version": 1, "city": "Paris", "scores": 9}, "gates",
     "1 porte à franchir et 9 critères", "2 portes à franchir et 9 critères"),
    ("report.tamis.head", "fr", {"version": 1, "city": "Paris", "gates": 2}, "scores",
     "et 1 critère pondéré.", "et 2 critères pondérés."),
    ("report.tamis.head", "en", {"version": 1, "city": "Paris", "scores": 9}, "gates",
     "1 gate to pass", "2 gates to pass"),
    ("report.tamis.head", "en", {"version": 1, "city": "Paris", "gates": 2}, "scores",
     "1 weighted criterion.", "2 weighted criteria."),
    ("report.session.counts", "fr", {"cases": 5}, "subjects", "1 sujet, 5 cas", "2 sujets, 5 cas"),
    ("report.session.counts", "en", {"cases": 1}, "subjects",
     "1 subject, 1 case (", "2 subjects, 1 case ("),
    ("report.session.counts", "en", {"subjects": 2}, "cases",
     "2 subjects, 1 case (", "2 subjects, 2 cases ("),
    ("app.cases.bar", "fr", {"title": "T", "angles": 3}, "subjects",
     "1 sujet, 3 angles", "2 sujets, 3 angles"),
    ("app.cases.bar", "fr", {"title": "T", "subjects": 3}, "angles",
     "3 sujets, 1 angle", "3 sujets, 2 angles"),
    ("app.cases.bar", "en", {"title": "T", "angles": 3}, "subjects",
     "1 subject, 3 angles", "2 subjects, 3 angles"),
    ("app.cases.bar", "en", {"title": "T", "subjects": 3}, "angles",
     "3 subjects, 1 angle", "3 subjects, 2 angles"),
    ("app.edit.saved", "fr", {}, "files", "Enregistré (1 fichier)", "Enregistré (2 fichiers)"),
    ("app.edit.saved", "en", {}, "files", "Saved (1 file)", "Saved (2 files)"),
    ("plan.c.calendar.clash", "en", {"sessions": "3"}, "max",
     "at most 1 case per session", "at most 2 cases per session"),
    ("cli.check.summary", "fr", {"warnings": 2}, "errors",
     "1 erreur, 2 avertissements", "2 erreurs, 2 avertissements"),
    ("cli.check.summary", "fr", {"errors": 2}, "warnings",
     "2 erreurs, 1 avertissement", "2 erreurs, 2 avertissements"),
    ("cli.check.summary", "en", {"warnings": 2}, "errors",
     "1 error, 2 warnings", "2 errors, 2 warnings"),
    ("cli.check.summary", "en", {"errors": 2}, "warnings",
     "2 errors, 1 warning", "2 errors, 2 warnings"),
    ("cli.warnings", "fr", {"path": "s.toml"}, "count",
     "1 avertissement : `sieve check s.toml` le détaille",
     "2 avertissements : `sieve check s.toml` les détaille"),
    ("cli.warnings", "en", {"path": "s.toml"}, "count",
     "1 warning: `sieve check s.toml` lists it", "2 warnings: `sieve check s.toml` lists them"),
    ("app.reload.pending", "fr", {}, "count",
     "1 modification non enregistrée sera perdue.",
     "2 modifications non enregistrées seront perdues."),
    ("app.reload.pending", "en", {}, "count",
     "1 unsaved edit will be lost.", "2 unsaved edits will be lost."),
    ("app.errors.title", "fr", {}, "count", ": 1 erreur", ": 2 erreurs"),
    ("app.errors.title", "en", {}, "count", ": 1 error", ": 2 errors"),
    ("app.vigilance.count", "fr", {}, "count", "1 point", "2 points"),
    ("app.vigilance.count", "en", {}, "count", "1 point", "2 points"),
    ("app.stakeholders.warnings", "fr", {}, "count",
     "1 point de vigilance", "2 points de vigilance"),
    ("app.stakeholders.warnings", "en", {}, "count",
     "1 point of vigilance", "2 points of vigilance"),
    ("app.presentation.people", "fr", {}, "count", "1 personne a noté", "2 personnes ont noté"),
    ("app.presentation.people", "en", {}, "count", "1 scorer", "2 scorers"),
    ("app.presentation.sifted", "fr", {}, "count", "1 écarté", "2 écartés"),
    ("app.presentation.more", "fr", {}, "count", "… et 1 autre", "… et 2 autres"),
    ("cal.breaches", "fr", {}, "count", "1 écart au protocole.", "2 écarts au protocole."),
    ("cal.breaches", "en", {}, "count",
     "1 breach of the protocol.", "2 breaches of the protocol."),
    ("exchange.diff.head", "fr", {"old": "a", "new": "b"}, "count",
     "a → b : 1 différence", "a → b : 2 différences"),
    ("exchange.diff.head", "en", {"old": "a", "new": "b"}, "count",
     "a → b: 1 difference", "a → b: 2 differences"),
    ("app.flag.incomplete.detail", "fr", {}, "count",
     "1 critère sans note", "2 critères sans note"),
    ("app.flag.incomplete.detail", "en", {}, "count",
     "1 criterion not scored", "2 criteria not scored"),
    ("app.flag.opposed-by-power.detail", "fr", {}, "count",
     "pouvoir élevé : 1 personne", "pouvoir élevé : 2 personnes"),
    ("app.flag.opposed-by-power.detail", "en", {}, "count",
     "high power: 1 person", "high power: 2 people"),
    ("app.flag.no-service-support.detail", "fr", {}, "count",
     "1 service a pris position", "2 services ont pris position"),
    ("app.flag.no-service-support.detail", "en", {}, "count",
     "1 service took a stance", "2 services took a stance"),
    ("app.session.given", "fr", {"notes": 2}, "scores", "1 niveau, 2 remarques", "2 niveaux, 2"),
    ("app.session.given", "fr", {"scores": 2}, "notes", "2 niveaux, 1 remarque", "2 remarques"),
    ("app.session.given", "en", {"notes": 2}, "scores", "1 level, 2 notes", "2 levels, 2 notes"),
    ("app.session.given", "en", {"scores": 2}, "notes", "2 levels, 1 note", "2 levels, 2 notes"),
    ("cli.decide.warn_count", "fr", {"low": 2, "high": 4}, "count",
     "attention : 1 cas retenu,", "attention : 2 cas retenus,"),
    ("cli.decide.warn_count", "en", {"low": 2, "high": 4}, "count",
     "warning: 1 case chosen", "warning: 2 cases chosen"),
    ("plan.c.attention.max", "fr", {"threshold": 2, "max": 1, "cases": "a"}, "count",
     "1 sujet à l'attention", "2 sujets à l'attention"),
    ("plan.c.attention.max", "en", {"threshold": 2, "max": 1, "cases": "a"}, "count",
     "1 subject with", "2 subjects with"),
    ("plan.x.attention.max", "fr", {"threshold": 2}, "max",
     "au plus 1 sujet à", "au plus 2 sujets à"),
    ("plan.x.attention.max", "en", {"threshold": 2}, "max",
     "at most 1 subject with", "at most 2 subjects with"),
    ("exchange.merge.summary", "fr", {"path": "p"}, "count",
     "p : 1 conflit, marqué <<<", "p : 2 conflits, marqués <<<"),
    ("exchange.merge.summary", "en", {"path": "p"}, "count",
     "p: 1 conflict, marked", "p: 2 conflicts, marked"),
    ("app.scoring.to_subject", "fr", {"criterion": "c", "subject": "s"}, "count",
     "valable pour 1 angle", "valable pour 2 angles"),
    ("app.scoring.to_subject", "en", {"criterion": "c", "subject": "s"}, "count",
     "valid for its 1 angle", "valid for its 2 angles"),
    ("app.people.remove_relations", "fr", {}, "count",
     "1 relation nomme cette personne : elle sera retirée aussi.",
     "2 relations nomment cette personne : elles seront retirées aussi."),
    ("app.people.remove_relations", "en", {}, "count",
     "1 relation names them: it will be removed too.",
     "2 relations name them: they will be removed too."),
    ("edit.has_relations", "fr", {"id": "x"}, "count",
     "1 relation nomme `x` : confirmez pour la retirer aussi",
     "2 relations nomment `x` : confirmez pour les retirer aussi"),
    ("edit.has_relations", "en", {"id": "x"}, "count",
     "1 relation names `x`: confirm to remove it too",
     "2 relations name `x`: confirm to remove them too"),
    ("edit.tagged", "fr", {"id": "x"}, "count",
     "1 sujet porte l'indicateur `x` : confirmez pour le lui retirer aussi",
     "2 sujets portent l'indicateur `x` : confirmez pour le leur retirer aussi"),
    ("edit.tagged", "en", {"id": "x"}, "count",
     "1 subject carries indicator `x`: confirm to untag it too",
     "2 subjects carry indicator `x`: confirm to untag them too"),
    ("edit.has_scores", "fr", {"kind": "le sujet", "id": "x"}, "count",
     "1 note existe pour le sujet `x` : confirmez pour la supprimer aussi",
     "2 notes existent pour le sujet `x` : confirmez pour les supprimer aussi"),
    ("edit.has_scores", "en", {"kind": "subject", "id": "x"}, "count",
     "1 score exists for subject `x`: confirm to remove it too",
     "2 scores exist for subject `x`: confirm to remove them too"),
    ("edit.has_refs", "fr", {"kind": "le sujet", "id": "x", "notes": 2}, "scores",
     "a 1 niveau et 2 remarques", "a 2 niveaux et 2 remarques"),
    ("edit.has_refs", "fr", {"kind": "le sujet", "id": "x", "scores": 2}, "notes",
     "a 2 niveaux et 1 remarque", "a 2 niveaux et 2 remarques"),
    ("edit.has_refs", "en", {"kind": "subject", "id": "x", "notes": 2}, "scores",
     "has 1 level and 2 notes", "has 2 levels and 2 notes"),
    ("app.cases.remove_refs", "fr", {"notes": 2}, "scores",
     "1 niveau et 2 remarques seront", "2 niveaux et 2 remarques seront"),
    ("app.cases.remove_refs", "en", {"scores": 2}, "notes",
     "2 levels and 1 note will", "2 levels and 2 notes will"),
    ("app.session.remove_refs", "fr", {"notes": 2}, "scores",
     "Ses 1 niveau et 2 remarques", "Ses 2 niveaux et 2 remarques"),
    ("app.session.remove_refs", "en", {"scores": 2}, "notes",
     "Their 2 levels and 1 note", "Their 2 levels and 2 notes"),
    ("app.cases.refs", "fr", {"notes": 2}, "scores",
     "1 niveau et 2 remarques le", "2 niveaux et 2 remarques le"),
    ("app.cases.refs", "en", {"scores": 2}, "notes",
     "2 levels and 1 note concern", "2 levels and 2 notes concern"),
    ("app.cases.remove_subject", "fr", {"title": "T"}, "angles",
     "avec 1 angle ?", "avec 2 angles ?"),
    ("app.cases.remove_subject", "en", {"title": "T"}, "angles",
     "and its 1 angle?", "and its 2 angles?"),
    ("exchange.merge_scores.summary", "fr", {"notes": 2}, "levels",
     "1 niveau et 2 remarques intégrés", "2 niveaux et 2 remarques intégrés"),
    ("exchange.merge_scores.summary", "en", {"levels": 2}, "notes",
     "2 levels and 1 note brought in", "2 levels and 2 notes brought in"),
    ("app.tamis.remove_scores", "fr", {}, "count",
     "1 niveau donné pour ce critère sera aussi retiré des fichiers de notes.",
     "2 niveaux donnés pour ce critère seront aussi retirés des fichiers de notes."),
    ("app.tamis.remove_scores", "en", {}, "count",
     "1 level given for this criterion will", "2 levels given for this criterion will"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "lang", "params", "count", "one", "two"), PLURALS)
def test_plurals_word_one_and_two(key, lang, params, count, one, two):
    assert one in t(key, lang=lang, **params, **{count: 1})
    assert two in t(key, lang=lang, **params, **{count: 2})


def test_a_plural_field_is_singular_for_0_and_1_in_french_for_1_alone_in_english():
    from sieve.i18n import singular

    assert [singular(n, "fr") for n in (0, 1, 1.5, 2)] == [True, True, True, False]
    assert [singular(n, "en") for n in (0, 1, 1.5, 2)] == [False, True, False, False]
    assert not singular("1", "fr") and not singular(True, "en")
    assert t("cli.check.summary", lang="fr", errors=0, warnings=0) == "0 erreur, 0 avertissement"
    assert t("cli.check.summary", lang="en", errors=0, warnings=0) == "0 errors, 0 warnings"


def test_french_guillemets_hold_their_words_with_no_break_spaces():
    spaced = {
        key
        for key, text in CATALOGS["fr"].items()
        if re.search(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»", text)
    }
    assert spaced == set()
