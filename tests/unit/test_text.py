"""The one rule for text from files (sieve/text.py): every output shows control, bidi and
invisible characters visibly, in its own format's way (issue 15, items 5 and 6)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sieve.text import UNSAFE, csv_cell, editable, from_editable, json_text, literal, slug

#: One character of each kind the rule names, with its visible form.
KINDS = {
    "\x1b": "\\x1b",  # C0: ESC
    "\x07": "\\x07",  # C0: BEL
    "\x7f": "\\x7f",  # DEL
    "\x9b": "\\x9b",  # C1: CSI
    "\x85": "\\x85",  # C1: NEL
    "\u202e": "\\u202e",  # right-to-left override
    "\u202a": "\\u202a",  # left-to-right embedding
    "\u2066": "\\u2066",  # left-to-right isolate
    "\u2069": "\\u2069",  # pop directional isolate
    "\u200e": "\\u200e",  # left-to-right mark
    "\u200f": "\\u200f",  # right-to-left mark
    "\u061c": "\\u061c",  # Arabic letter mark
    "\u200b": "\\u200b",  # zero-width space
    "\u200c": "\\u200c",  # zero-width non-joiner
    "\u200d": "\\u200d",  # zero-width joiner
    "\u2060": "\\u2060",  # word joiner
    "\ufeff": "\\ufeff",  # BOM inside text
    "\u2028": "\\u2028",  # line separator
    "\U000e0041": "\\U000e0041",  # tag latin capital A: invisible ASCII
}

#: Text that must pass untouched: accents, typographic quotes, emoji, a backslash.
KEPT = "Évaluer « l'accueil » — 3 € ✓ 👍 C:\\dossier\\x41"


@pytest.mark.parametrize(("char", "shown"), list(KINDS.items()))
def test_literal_shows_each_kind_of_character_visibly(char, shown):
    assert literal(f"a{char}b") == f"a{shown}b"
    assert literal(f"a{char}b", one_line=False) == f"a{shown}b"


def test_literal_keeps_ordinary_text_and_a_title_sequence_becomes_visible():
    assert literal(KEPT) == KEPT
    assert literal("\x1b]0;pwned\x07x") == "\\x1b]0;pwned\\x07x"
    assert literal("a\nb\tc\r\nd") == "a b c d"
    assert literal("a\nb\tc\rd", one_line=False) == "a\nb\tc\\x0dd"


@given(st.text())
def test_literal_never_leaves_a_character_of_the_rule(text):
    assert UNSAFE.search(literal(text)) is None
    assert "\n" not in literal(text) and "\t" not in literal(text)
    assert UNSAFE.search(literal(text, one_line=False)) is None


@given(st.text())
def test_an_edit_field_reads_back_exactly_what_it_shows(text):
    shown = editable(text)
    assert UNSAFE.search(shown) is None and "\n" not in shown and "\t" not in shown
    assert from_editable(shown) == text


#: Few characters, so that backslashes meet letters and hex digits that spell escapes.
TRICKY = ["\\", "x", "u", "U", "n", "1", "b", "0", "2", "e", "\x1b", "\n", "\u202e", "a"]


@given(st.text(alphabet=st.sampled_from(TRICKY)))
def test_an_edit_field_round_trips_backslashes_and_escapes(text):
    assert from_editable(editable(text)) == text


def test_an_edit_field_shows_escapes_and_reads_typed_ones_the_same_way():
    assert editable("Titre\x1b]0;x\x07\u202e\nfin") == "Titre\\x1b]0;x\\x07\\u202e\\nfin"
    assert editable(KEPT) == KEPT  # a backslash that spells no escape stays single
    assert editable("C:\\nouveau") == "C:\\\\nouveau"  # would read as a newline
    assert from_editable("a\\x1bb\\u202ec\\nd") == "a\x1bb\u202ec\nd"
    assert from_editable("\\x41 \\q \\u0041") == "\\x41 \\q \\u0041"  # no escape of the rule


def test_json_text_escapes_what_json_dumps_leaves_raw_and_reads_back_the_same():
    value = {"name": "".join(KINDS) + KEPT, "n": 1}
    text = json_text(value)
    assert UNSAFE.search(text) is None
    assert json.loads(text) == value
    assert "\\u202e" in text and "\\udb40\\udc41" in text  # a surrogate pair beyond the BMP


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "' =1"),  # a tab: made a space, still neutralised
        ("\r=1", "'\\x0d=1"),
        ("  =1", "'  =1"),  # spaces first: a spreadsheet may skip them
        ("Besoin\nréel", "Besoin réel"),  # one line
        ("\x1b]0;t\x07", "\\x1b]0;t\\x07"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_cell_is_one_line_literal_and_never_a_formula(cell, written):
    assert csv_cell(cell) == written


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Le trajet école–maison à vélo", "le-trajet-ecole-maison-a-velo"),
        ("Lyon Vélo : l'école–maison (2026)", "lyon-velo-l-ecole-maison-2026"),
        ("a—b‐c‑d/e\\f·g•h", "a-b-c-d-e-f-g-h"),  # em dash, hyphen, no-break hyphen...
        ("l’accueil « à la carte »", "l-accueil-a-la-carte"),
        ("Vœux et cæcum, Straße", "voeux-et-caecum-strasse"),
        ("Propreté des rues", "proprete-des-rues"),
        ("李", ""),
    ],
)
def test_slug_separates_words_at_every_dash_and_punctuation(name, ident):
    assert slug(name) == ident
