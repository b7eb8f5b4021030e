"""A new workspace from nothing: ``criteria/`` with its tamis and one commented session.

:func:`plan_workspace` decides every file to write and refuses what would overwrite
anything; :func:`create_workspace` writes them, each one whole (temporary file, then a
link that fails if the name was taken meanwhile), so a file someone else created in the
meantime is never replaced. The session's comments explain each part of the file to a
first-time reader, in the user's language; their examples, uncommented, are valid.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sieve.errors import EditError
from sieve.i18n import current
from sieve.locations import new_file_mode
from sieve.save.document import toml_value
from sieve.text import literal, slug


@dataclass(frozen=True)
class NewFile:
    """One file of the new workspace: where, what, and whether it is there already."""

    path: Path
    data: bytes
    present: bool = False
    """Already there with these very bytes (a second session reusing the tamis)."""


@dataclass(frozen=True)
class NewWorkspace:
    """What :func:`create_workspace` writes: the tamis copy and the session."""

    root: Path
    tamis: NewFile
    session: NewFile
    session_id: str
    scorers: tuple[tuple[str, str], ...]


def derive_id(name: str, fallback: str) -> str:
    """An id from a name (accents folded, at most :data:`sieve.text.ID_MAX` characters),
    or ``fallback``."""
    return slug(name) or fallback


def plan_workspace(
    root: Path,
    tamis: Path,
    tamis_bytes: bytes,
    title: str,
    city: str = "",
    date: _dt.date | None = None,
    scorers: Sequence[str] = (),
) -> NewWorkspace:
    """Every file a new workspace at ``root`` needs; :class:`EditError` for what would clash.

    ``tamis`` names the file copied (its name is kept under ``criteria/``);
    ``tamis_bytes`` are its bytes, already checked by the caller.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise EditError("new.not_folder", path=root)
    session_id = derive_id(f"{city} {title}" if city else title, "session")
    people = scorer_ids(scorers)
    tamis_file = _tamis_file(root / "criteria" / Path(tamis).name, tamis_bytes)
    session_path = root / "sessions" / f"{session_id}.toml"
    if session_path.exists() or session_path.is_symlink():
        raise EditError("new.exists", path=session_path)
    text = session_text(session_id, title, city, date or _dt.date.today(), tamis_file, people)
    session = NewFile(session_path, text.encode("utf-8"))
    return NewWorkspace(root, tamis_file, session, session_id, people)


def scorer_ids(names: Sequence[str]) -> tuple[tuple[str, str], ...]:
    people: dict[str, str] = {}
    for n, raw in enumerate(names, 1):
        name = " ".join(raw.split())
        if not name:
            continue
        ident = derive_id(name, f"personne-{n}")
        if ident in people:
            raise EditError("new.same_scorer", first=people[ident], second=name, id=ident)
        people[ident] = name
    return tuple(people.items())


def _tamis_file(path: Path, data: bytes) -> NewFile:
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise EditError("new.exists", path=path)
    if path.exists():
        if path.read_bytes() != data:
            raise EditError("new.tamis_differs", path=path)
        return NewFile(path, data, present=True)
    return NewFile(path, data)


def create_workspace(plan: NewWorkspace) -> list[Path]:
    """Write the planned files (each whole, none replaced); return those written.

    A file that appeared since :func:`plan_workspace` is refused (``new.exists``) and
    the files this call wrote before it are removed again.
    """
    written: list[Path] = []
    try:
        for file in (plan.tamis, plan.session):
            if not file.present:
                create_new(file.path, file.data)
                written.append(file.path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def create_new(path: Path, data: bytes) -> None:
    """Write a new file at ``path`` all at once, never replacing one (``new.exists``).

    The bytes go to a temporary file in the same folder, synced, then hard-linked to
    ``path``: the link fails if the name exists, so the check and the write are one step.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, new_file_mode())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise EditError("new.exists", path=path) from None
    finally:
        os.unlink(tmp)


def session_text(
    session_id: str,
    title: str,
    city: str,
    date: _dt.date,
    tamis: NewFile,
    scorers: Sequence[tuple[str, str]],
) -> str:
    """The new session file: its header, its scorers and a commented guide to the rest."""
    words = _WORDS[current()]
    head = [
        words["intro"].format(title=literal(" ".join(title.split()))),
        "format = 1",
        "",
        "[session]",
        f"id = {toml_value(session_id)}",
        f"title = {toml_value(title)}",
        f"city = {toml_value(city)}",
        f"date = {date.isoformat()}" + words["date_comment"],
        f"tamis = {toml_value('../criteria/' + tamis.path.name)}" + words["tamis_comment"],
        "",
        words["subjects"],
        words["angles"],
        words["scorers"],
    ]
    for ident, name in scorers:
        head += ["[[scorer]]", f"id = {toml_value(ident)}", f"name = {toml_value(name)}", ""]
    head += [words["scores"], words["stakeholders"]]
    return "\n".join(head).rstrip("\n") + "\n"


def _rule(title: str) -> str:
    line = "# " + "-" * 77
    return f"{line}\n#  {title}\n{line}"


_FR = {
    "intro": (
        "# " + "=" * 77 + "\n"
        "#  Session de choix des cas pratiques — {title}\n"
        "# " + "=" * 77 + "\n"
        "#\n"
        "# Ce fichier décrit le choix des cas pratiques d'une collectivité : les sujets\n"
        "# candidats, leurs angles d'attaque, les personnes qui notent, leurs niveaux et\n"
        "# la carte des parties prenantes. Format TOML 1.0 (UTF-8) ; tout ce qui suit\n"
        "# un « # » est un commentaire, que sieve garde quand il enregistre.\n"
        "#\n"
        "# Le plus simple : ouvrez-le dans sieve (sieve CE_FICHIER) et ajoutez sujets,\n"
        "# angles et notes à l'écran (touche 5 : sujets et angles ; 2 : noter). On peut\n"
        "# aussi l'écrire à la main : chaque partie ci-dessous donne un exemple en\n"
        "# commentaire ; retirez les « # » de ses lignes pour vous en servir.\n"
        "#\n"
        "# Vocabulaire :\n"
        "#   - un SUJET est un thème de travail réel de la collectivité ;\n"
        "#   - un ANGLE D'ATTAQUE est une façon de prendre ce sujet : il dit ce que le\n"
        "#     groupe apprendra et quelles méthodes il testera ;\n"
        "#   - un CAS PRATIQUE est un sujet + un de ses angles ; on l'écrit\n"
        '#     « id-du-sujet/id-de-l-angle » (ex. "proprete-des-rues/immersion").\n'
        "#   Un id s'écrit en minuscules sans accents, avec des tirets.\n"
    ),
    "date_comment": "                    # date de la séance de choix (AAAA-MM-JJ)",
    "tamis_comment": "   # le tamis utilisé, relatif à ce fichier",
    "subjects": _rule("Les sujets candidats") + "\n"
    "# Chaque [[subject]] a un id, un titre (title) et une description ;\n"
    '#   type        nature du sujet : "service", "outil", "politique", "organisation"... ;\n'
    '#   territory   échelle : "quartier", "ville", "agglomération"... ;\n'
    "#   attention   les indicateurs d'attention politique du tamis qui s'appliquent\n"
    "#               (liste vide [] si aucun) : voir [[attention.indicator]] dans le tamis ;\n"
    "#   first_case  true sur le seul sujet proposé comme premier cas de la Transfo.\n"
    "#\n"
    "#   [[subject]]\n"
    '#   id = "proprete-des-rues"\n'
    '#   title = "La propreté des rues"\n'
    '#   description = "Ce que vivent les habitants et les agents du nettoiement."\n'
    '#   type = "service"\n'
    '#   territory = "quartier"\n'
    "#   attention = []\n"
    "#   first_case = false\n",
    "angles": _rule("Les angles d'attaque") + "\n"
    "# Chaque [[angle]] se rattache à un sujet par « subject » (l'id du sujet) ; deux\n"
    "# sujets peuvent avoir chacun un angle du même id. methods : les méthodes testées.\n"
    "#\n"
    "#   [[angle]]\n"
    '#   id = "immersion"\n'
    '#   subject = "proprete-des-rues"\n'
    '#   title = "Une semaine en immersion avec une équipe de nettoiement"\n'
    '#   methods = ["immersion"]\n',
    "scorers": _rule("Les personnes qui notent") + "\n"
    "# Chaque [[scorer]] a un id et un nom (name). Un niveau absent est une\n"
    "# abstention, pas un zéro.\n",
    "scores": _rule("Les niveaux et les remarques") + "\n"
    "# Une ligne par personne et par sujet (critères du sujet) ou par cas (critères\n"
    "# de l'angle) ; les ids des critères et leurs échelles sont dans le tamis. Dans\n"
    "# sieve, la touche 2 les écrit ici pour vous.\n"
    "#\n"
    "#   [scores.ID-DE-LA-PERSONNE]\n"
    '#   "proprete-des-rues" = { besoin-usagers = 3 }\n'
    "#\n"
    "#   [notes.ID-DE-LA-PERSONNE]\n"
    '#   "proprete-des-rues/immersion" = "Concret, et l\'équipe est partante."\n',
    "stakeholders": _rule("La carte des parties prenantes") + "\n"
    "# Chaque [[stakeholder]] est une personne ou une organisation :\n"
    "#   role      resident, coordinator, referent, ambassador, relay, elected,\n"
    "#             manager, union, service, funder, partner ;\n"
    "#   power     pouvoir d'influence sur la démarche, de 0 à 4 ;\n"
    "#   interest  intérêt pour la démarche, de 0 à 4.\n"
    "# Chaque [[relation]] va de « from » vers « to » : kind est hierarchy,\n"
    "# partnership, funding, informs, mentors ou trust. Dans sieve : touche 0.\n"
    "#\n"
    "#   [[stakeholder]]\n"
    '#   id = "direction-proprete"\n'
    '#   name = "Direction de la propreté"\n'
    '#   role = "service"\n'
    "#   power = 3\n"
    "#   interest = 2\n",
}

_EN = {
    "intro": (
        "# " + "=" * 77 + "\n"
        "#  Session choosing the practical cases — {title}\n"
        "# " + "=" * 77 + "\n"
        "#\n"
        "# This file describes how a local government chooses its practical cases: the\n"
        "# candidate subjects, their angles of attack, the people who score, their levels\n"
        '# and the map of stakeholders. Format TOML 1.0 (UTF-8); everything after a "#"\n'
        "# is a comment, which sieve keeps when it saves.\n"
        "#\n"
        "# The simplest way: open it in sieve (sieve THIS_FILE) and add subjects, angles\n"
        "# and levels on screen (key 5: subjects and angles; 2: scoring). It can also be\n"
        "# written by hand: each part below gives an example in comments; remove the\n"
        '# "#" of its lines to use it.\n'
        "#\n"
        "# Words:\n"
        "#   - a SUBJECT is a real work theme of the local government;\n"
        "#   - an ANGLE OF ATTACK is one way of taking that subject: what the group will\n"
        "#     learn and which methods it will test;\n"
        "#   - a PRACTICAL CASE is a subject + one of its angles, written\n"
        '#     "subject-id/angle-id" (e.g. "street-cleanliness/immersion").\n'
        "#   An id is written in lower case without accents, with hyphens.\n"
    ),
    "date_comment": "                    # date of the choosing meeting (YYYY-MM-DD)",
    "tamis_comment": "   # the tamis used, relative to this file",
    "subjects": _rule("The candidate subjects") + "\n"
    "# Each [[subject]] has an id, a title and a description;\n"
    '#   type        kind of subject: "service", "outil", "politique", "organisation"...;\n'
    '#   territory   scale: "quartier", "ville", "agglomération"...;\n'
    "#   attention   the tamis's political attention indicators that apply (empty\n"
    "#               list [] if none): see [[attention.indicator]] in the tamis;\n"
    "#   first_case  true on the one subject proposed as the Transfo's first case.\n"
    "#\n"
    "#   [[subject]]\n"
    '#   id = "street-cleanliness"\n'
    '#   title = "Street cleanliness"\n'
    '#   description = "What residents and street cleaning staff live through."\n'
    '#   type = "service"\n'
    '#   territory = "quartier"\n'
    "#   attention = []\n"
    "#   first_case = false\n",
    "angles": _rule("The angles of attack") + "\n"
    '# Each [[angle]] belongs to a subject through "subject" (the subject\'s id); two\n'
    "# subjects may each have an angle of the same id. methods: the methods tested.\n"
    "#\n"
    "#   [[angle]]\n"
    '#   id = "immersion"\n'
    '#   subject = "street-cleanliness"\n'
    '#   title = "A week of immersion with a street cleaning team"\n'
    '#   methods = ["immersion"]\n',
    "scorers": _rule("The people who score") + "\n"
    "# Each [[scorer]] has an id and a name. A missing level is an abstention, not a\n"
    "# zero.\n",
    "scores": _rule("Levels and notes") + "\n"
    "# One line per person and subject (the subject's criteria) or case (the angle's\n"
    "# criteria); the criteria's ids and scales are in the tamis. In sieve, key 2\n"
    "# writes them here for you.\n"
    "#\n"
    "#   [scores.PERSON-ID]\n"
    '#   "street-cleanliness" = { besoin-usagers = 3 }\n'
    "#\n"
    "#   [notes.PERSON-ID]\n"
    '#   "street-cleanliness/immersion" = "Concrete, and the team is willing."\n',
    "stakeholders": _rule("The map of stakeholders") + "\n"
    "# Each [[stakeholder]] is a person or an organisation:\n"
    "#   role      resident, coordinator, referent, ambassador, relay, elected,\n"
    "#             manager, union, service, funder, partner;\n"
    "#   power     influence on the programme, from 0 to 4;\n"
    "#   interest  interest in the programme, from 0 to 4.\n"
    '# Each [[relation]] goes from "from" to "to": kind is hierarchy, partnership,\n'
    "# funding, informs, mentors or trust. In sieve: key 0.\n"
    "#\n"
    "#   [[stakeholder]]\n"
    '#   id = "cleaning-department"\n'
    '#   name = "Street cleaning department"\n'
    '#   role = "service"\n'
    "#   power = 3\n"
    "#   interest = 2\n",
}

_WORDS = {"fr": _FR, "en": _EN}
