"""What a person reads in place of an id: a case's titles, a subject's, a person's name.

Keys stay what commands take; screens and reports show these. A key the session no
longer knows (a case renamed since a decision) is shown as it is. Every name is file
text: callers print it through :func:`sieve.text.literal` or the app's ``plain``.
"""

from __future__ import annotations

from sieve.i18n import current
from sieve.model import CASE_SEPARATOR, Session

#: Between a subject's title and its angle's, on one line.
TITLE_JOIN = " — "


def case_titles(session: Session, key: str) -> tuple[str, str] | None:
    """The subject's title and the angle's title of the case ``key``, or ``None``."""
    try:
        case = session.case(key)
    except KeyError:
        return None
    return case.subject.title, case.angle.title


def case_title(session: Session, key: str) -> str:
    """A case key as ``subject — angle``, a subject id as its title, else the key itself."""
    if CASE_SEPARATOR not in key:
        subject = session.subjects.get(key)
        return subject.title if subject is not None else key
    titles = case_titles(session, key)
    return TITLE_JOIN.join(titles) if titles is not None else key


def person_name(session: Session, ident: str) -> str:
    """The name of a scorer or a stakeholder, else the id itself."""
    scorer = session.scorers.get(ident)
    if scorer is not None and scorer.name:
        return scorer.name
    person = session.people.get(ident)
    return person.name if person is not None and person.name else ident


def people(session: Session) -> list[tuple[str, str]]:
    """Everyone who can be present at a decision, as ``(id, name)``: scorers first."""
    out = {ident: person_name(session, ident) for ident in session.scorers}
    for ident in session.people:
        out.setdefault(ident, person_name(session, ident))
    return list(out.items())


def titled_list(session: Session, joined: str, sep: str = ", ") -> str:
    """A ``", "``-joined list of case keys or subject ids with each one titled."""
    if joined in ("", "-"):
        return joined
    join = " ; " if current() == "fr" else "; "  # titles hold commas
    return join.join(case_title(session, key) for key in joined.split(sep))
