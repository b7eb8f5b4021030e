"""The findings in words (catalogue :mod:`sieve.i18n.catalogues.graph`): names and reasons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sieve.graph.results import Finding
from sieve.model import Stakeholder

if TYPE_CHECKING:
    pass


#: Params holding one person id, or a list of them.
_PERSON_PARAMS = {"person", "source", "target"}


_PEOPLE_PARAMS = {"cut_off", "others", "core", "members"}


#: Params holding a fraction shown as a percentage.
_PERCENT_PARAMS = {"share", "limit_share"}


#: At most this many names in a sentence; the rest are counted.
NAMES_SHOWN = 8


def name_of(people: dict[str, Stakeholder], ident: str) -> str:
    person = people.get(ident)
    return person.name or ident if person else ident


def names(
    people: dict[str, Stakeholder],
    idents: Sequence[str],
    lang: str | None = None,
    limit: int = NAMES_SHOWN,
) -> str:
    """A list of names for a sentence, shortened past ``limit``."""
    from sieve.i18n import t

    shown = [name_of(people, i) for i in idents[:limit]]
    text = ", ".join(shown)
    if len(idents) > limit:
        return t("graph.list.more", lang=lang, names=text, count=len(idents) - limit)
    return text


def reason(finding: Finding, people: dict[str, Stakeholder], lang: str | None = None) -> str:
    """The finding in words a civil servant understands, in ``lang``."""
    from sieve.i18n import number, percent, t

    params: dict[str, object] = {}
    for key, value in finding.params.items():
        if key in _PERSON_PARAMS:
            params[key] = name_of(people, value)
        elif key in _PEOPLE_PARAMS:
            params[key] = names(people, value, lang)
            params[key + "_count"] = len(value)
        elif key in _PERCENT_PARAMS:
            params[key] = percent(value, lang)
        elif key == "role":
            params[key] = t(f"graph.role.{value}", lang=lang)
        elif key == "steps":
            params["path"] = path(value, lang)
        elif isinstance(value, float):
            params[key] = number(value, lang, 1 if key == "effective_size" else 2)
        else:
            params[key] = value
    if "person" in finding.params:
        person = people.get(finding.params["person"])
        if person is not None and "role" not in params:
            params["role"] = t(f"graph.role.{person.role}", lang=lang)
    for end in ("source", "target"):
        ident = finding.params.get(end)
        if ident in people:
            params[end + "_org"] = people[ident].org or t(
                f"graph.role.{people[ident].role}", lang=lang
            )
    key = f"graph.finding.{finding.kind}" + (".split" if finding.params.get("split") else "")
    return t(key, lang=lang, **params)


def path(steps: Sequence[Sequence[str | None]], lang: str | None = None) -> str:
    """A trajectory in words: ``ambassadeur·rice au départ, résident·e à domicile depuis le
    2017-03-01`` from ``[[None, "ambassador"], ["2017-03-01", "referent"]]``."""
    from sieve.i18n import t

    parts = []
    for day, role in steps:
        name = t(f"graph.role.{role}", lang=lang)
        if day is None:
            parts.append(t("graph.trajectory.start", lang=lang, role=name))
        else:
            parts.append(t("graph.trajectory.step", lang=lang, role=name, date=day))
    return ", ".join(parts)


def headline(finding: Finding, lang: str | None = None) -> str:
    """The short name of a finding's kind (``Pivot surchargé``...)."""
    from sieve.i18n import t

    return t(f"graph.kind.{finding.kind}", lang=lang)
