"""Text from files is data: make it safe to print without ever being interpreted.

**The one rule** (docs/format.md, "Text on the screen and in exports"): the
characters of :data:`UNSAFE` — C0 control characters (tab and newline apart: they
are the formats' own), DEL, C1 control characters, the line and paragraph
separators, the bidirectional overrides, embeddings, isolates and marks, and the
invisible characters (zero-width spaces and joiners, word joiner, invisible
operators, BOM, tags...) — never reach an output as they are. Every output shows
them visibly, each in its format's way:

- text (the command line, the app's widgets, CSV, Markdown, DOT, Mermaid):
  :func:`literal`, ``\\x1b``, ``\\u202e``, ``\\U000e0041``;
- JSON: :func:`json_text`, the JSON escape ``\\u202e`` (the value reads back the same);
- XML (GraphML, GEXF): a character reference ``&#x202e;`` (networkx writes every
  non-ASCII character so; the C0 ones XML cannot hold are shown as ``\\xNN``);
- an edit field of the app: :func:`editable`, read back by :func:`from_editable`,
  so that saving an edit keeps every character the user did not touch;
- a CSV cell is also neutralised against formula injection: :func:`csv_cell`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container

#: The characters no output shows as they are (tab and newline not included: each
#: caller says what becomes of them).
UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f"  # C0 control characters but tab and newline
    "\x7f-\x9f"  # DEL and the C1 control characters (CSI, OSC, NEL...)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, overrides, isolates
    "\u2028\u2029"  # line and paragraph separators
    "\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"  # invisible
    "\U000e0000-\U000e007f"  # tags: invisible ASCII
)
UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")

#: UNSAFE with tab and newline: what an output that must stay on one line escapes.
_UNSAFE_OR_BREAK = re.compile(f"[{UNSAFE_CLASS}\t\n]")


def escape(char: str) -> str:
    """The visible spelling of one character: ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def literal(text: str, one_line: bool = True) -> str:
    """``text`` with every character of the one rule (:data:`UNSAFE`) shown as an escape.

    Terminal escape sequences in a label (``\\x1b]0;title\\x07``...), bidirectional
    overrides and zero-width characters are thus printed as visible characters
    instead of acting on the terminal or hiding text. With ``one_line``, newlines
    and tabs become spaces so that a label keeps its row; without, they are kept.
    A backslash is kept as it is: the result is for reading, not for reading back
    (an edit field uses :func:`editable`).
    """
    if one_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return UNSAFE.sub(_escape_match, text)


def _escape_match(match: re.Match[str]) -> str:
    return escape(match.group())


# -- edit fields: a visible form that reads back to the same text ------------------------

_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_SHORT_BACK = {"n": "\n", "t": "\t", "r": "\r"}
#: An escape :func:`from_editable` reads (``\\\\``, ``\\n``, ``\\t``, ``\\r``, ``\\xNN``,
#: ``\\uNNNN``, ``\\UNNNNNNNN``); whether it stands for a character is checked apart.
_ESCAPE = re.compile(r"\\(?:(\\)|([ntr])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))")


def _read_escape(match: re.Match[str]) -> str | None:
    """The character one escape stands for, or ``None`` when it stands for none
    (``\\x41``: ``A`` is shown as it is, so ``\\x41`` is four characters typed)."""
    backslash, short, *codes = match.groups()
    if backslash:
        return "\\"
    if short:
        return _SHORT_BACK[short]
    code = int(next(c for c in codes if c), 16)
    char = chr(code) if code <= 0x10FFFF else ""
    return char if char and UNSAFE.fullmatch(char) else None


def editable(text: str) -> str:
    """``text`` as an edit field shows it: on one line, every character of the rule
    visible (``\\x1b``, ``\\u202e``; newline, tab and carriage return as ``\\n``,
    ``\\t``, ``\\r``), and a backslash doubled only where it would otherwise read as
    one of these escapes. ``from_editable(editable(text)) == text`` for every text.
    """
    out = []
    for i, char in enumerate(text):
        if char == "\\":
            rest = text[i + 1 :]
            risky = rest[:1] == "\\" or bool(rest[:1] and _UNSAFE_OR_BREAK.match(rest[:1]))
            if not risky:
                match = _ESCAPE.match("\\" + rest)
                risky = match is not None and _read_escape(match) is not None
            out.append("\\\\" if risky else "\\")
        elif char in _SHORT:
            out.append(_SHORT[char])
        elif UNSAFE.match(char):
            out.append(escape(char))
        else:
            out.append(char)
    return "".join(out)


def from_editable(shown: str) -> str:
    """The text an edit field's visible form spells (the inverse of :func:`editable`).

    ``\\\\`` is a backslash; ``\\n``, ``\\t``, ``\\r`` and the escapes of the rule's
    characters (``\\x1b``, ``\\u202e``...) are those characters, typed or kept from
    the file alike; any other backslash is a backslash.
    """

    def back(match: re.Match[str]) -> str:
        char = _read_escape(match)
        return match.group() if char is None else char

    return _ESCAPE.sub(back, shown)


# -- formats with escapes of their own -----------------------------------------------------


def json_text(payload: object, indent: int | None = 2) -> str:
    """``payload`` as JSON (UTF-8 text), every character of the rule JSON-escaped.

    ``json.dumps`` escapes the C0 characters but leaves DEL, C1, bidi and invisible
    characters raw; each becomes its ``\\uNNNN`` escape (a surrogate pair beyond the
    BMP), so a reader gets the same value and a terminal sees only ASCII escapes.
    """
    text = json.dumps(payload, ensure_ascii=False, indent=indent)
    return UNSAFE.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return json.dumps(match.group())[1:-1]


# -- CSV -----------------------------------------------------------------------------------

#: The first characters that make a spreadsheet read a cell as a formula (OWASP,
#: "CSV Injection"): ``=``, ``+``, ``-``, ``@``, and tab and carriage return.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A text cell of a CSV sieve writes: on one line, literal, and never a formula.

    A cell that starts with one of :data:`FORMULA_START` (after any spaces: a
    spreadsheet may skip them) gets a single quote in front, as the OWASP guidance
    says, so that a spreadsheet shows ``'=HYPERLINK(...)`` as text. The rule is for
    text from files; a number sieve formats itself is written as a number.
    """
    shown = literal(text)
    if text.lstrip(" ")[:1] in FORMULA_START:
        return "'" + shown
    return shown


#: How long an id made from a name may be (cut at a hyphen).
ID_MAX = 32


#: Letters NFKD leaves whole that have a usual ASCII spelling.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def slug(name: str, limit: int = ID_MAX) -> str:
    """An id made from a name, accents folded: ``Propreté des rues`` gives ``proprete-des-rues``.

    Every character that is not a letter or a digit (a space, an apostrophe, any dash
    ``–`` ``—`` ``‐``, a slash...) separates words: ``école–maison`` gives
    ``ecole-maison``. ``œ``, ``æ`` and ``ß`` are written ``oe``, ``ae``, ``ss``; other
    letters without an ASCII form (``李``) are dropped; the result may be empty. Past
    ``limit`` characters it is cut at its last hyphen.
    """
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    words = "".join(ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in decomposed)
    ascii_name = words.encode("ascii", "ignore").decode()
    ident = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(ident) > limit:
        cut = ident[:limit]
        ident = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return ident


def free_id(name: str, taken: Container[str], fallback: str) -> str:
    """An id made from ``name`` (``fallback`` when it has no letter to keep) that is not
    ``taken``: ``-2``, ``-3``... is added until it is free."""
    base = slug(name) or fallback
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident
