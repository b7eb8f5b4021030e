"""Titles, not ids: how the report names a case, a subject, a criterion or a person.

Every text that comes from a file goes through :func:`shown` first: the one rule of
:mod:`sieve.text` (control, bidirectional and invisible characters as visible escapes),
so that a label can neither break the page nor hide what follows it. The templates then
escape it for HTML (Jinja2's autoescape) or for Markdown (:func:`markdown`).
"""

from __future__ import annotations

import re

from sieve.i18n import t
from sieve.model import STAKEHOLDER_ROLES, Session
from sieve.render.names import case_title, person_name
from sieve.text import literal


def shown(text: object, one_line: bool = True) -> str:
    """File text made safe to lay out: :func:`sieve.text.literal` (the one rule)."""
    return literal(str(text), one_line)


class Names:
    """The words for the ids of one session."""

    def __init__(self, session: Session, lang: str) -> None:
        self.session = session
        self.lang = lang
        self.apart = " ; " if lang == "fr" else "; "
        """Between two titles in a sentence (a title may hold commas)."""

    def subject(self, ident: str) -> str:
        subject = self.session.subjects.get(ident)
        return shown(subject.title or ident) if subject else shown(ident)

    def angle(self, key: str) -> str:
        """The title of a case's angle (angles are held by case key)."""
        angle = self.session.angles.get(key)
        return shown(angle.title or angle.id) if angle else shown(key)

    def case(self, key: str) -> str:
        """``subject title — angle title`` (the key itself when the session lacks it)."""
        return shown(case_title(self.session, key))

    def key(self, key: str) -> str:
        """A subject id or a case key, by its title."""
        return self.case(key) if "/" in key else self.subject(key)

    def cases(self, keys: str) -> str:
        """A comma-separated list of case keys (as plan messages hold them), by title."""
        if keys in ("", "-"):
            return keys
        return self.apart.join(self.case(k) for k in keys.split(", "))

    def criterion(self, ident: str) -> str:
        crit = self.session.tamis.by_id.get(ident)
        return shown(crit.label or ident) if crit else shown(ident)

    def person(self, ident: str) -> str:
        return shown(person_name(self.session, ident))

    def role(self, role: str) -> str:
        """A stakeholder role in words; any other role as written."""
        return t(f"graph.role.{role}", self.lang) if role in STAKEHOLDER_ROLES else shown(role)


# -- Markdown -------------------------------------------------------------------------------

# Characters that mean something to Markdown (CommonMark and the common wiki extensions:
# tables, strikethrough): each is written with a backslash before it.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
# What opens a block when it starts a line (a list, a quote, a heading...).
_MD_LINE_START = re.compile(r"^(\s*)([-+>=]|(\d+)([.)])(?=\s|$))")


def markdown(value: object) -> str:
    """A value for a Markdown document: its markup characters escaped, HTML as entities.

    The Markdown renderers of wikis pass HTML through: ``<``, ``>`` and ``&`` become
    entities, so that a title ``<img src=x onerror=...>`` shows as text there too.
    """
    if value is None:
        return ""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_line_start, text)


def _line_start(match: re.Match[str]) -> str:
    """A list, quote or heading marker at the start of a value, escaped."""
    space, marker, digits, dot = match.groups()
    return space + (f"{digits}\\{dot}" if digits else f"\\{marker}")
