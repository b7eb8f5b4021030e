"""Text from files is data: make it safe to print without ever being interpreted."""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL included, and the Unicode line and paragraph
# separators (they break lines too); tab and newline are handled apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def literal(text: str, one_line: bool = True) -> str:
    """``text`` with control characters shown as ``\\xNN`` escapes.

    Terminal escape sequences in a label (``\\x1b[2J``...) are thus printed as
    visible characters instead of acting on the terminal. With ``one_line``,
    newlines and tabs become spaces so that a label keeps its row.
    """
    if one_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def slug(name: str) -> str:
    """An id made from a name, accents folded: ``Propreté des rues`` gives ``proprete-des-rues``.

    Letters without an ASCII form (``李``) are dropped; the result may be empty.
    """
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
