"""Writing the vote: one voter's mention on one case, or a page of them (the room's phones,
in one write), and the ``[vote]`` table it needs.

A mention lives on one line of ``[votes.<scorer>]`` in the session file; it is written
through tomlkit into the existing table (comments and layout kept), atomically, and
refused when the file changed on disk since it was read (:mod:`sieve.save.document`).
"""

from __future__ import annotations

import re
from pathlib import Path

from sieve.errors import EditError, FileChangedError
from sieve.model import Session
from sieve.save import document
from sieve.save.document import TomlDocument, digest, parsed_line, toml_key

#: The scale a new ``[vote]`` names when the tamis has it.
DEFAULT_SCALE = "mention"


def vote_scale(session: Session) -> str | None:
    """The scale a vote uses: ``[vote] scale``, else ``mention``, else ``None``."""
    if session.vote is not None:
        return session.vote.scale.id
    return DEFAULT_SCALE if DEFAULT_SCALE in session.tamis.scales else None


def set_vote(session: Session, scorer: str, case: str, level: int | None) -> list[Path]:
    """Record (or, with ``None``, remove) ``scorer``'s mention for ``case``; return the file.

    A session without ``[vote]`` gains one naming the tamis's ``mention`` scale (the
    default ballot: the cases that pass the sieve).

    Raises:
        EditError: an unknown scorer or case, a case off the ballot, a level outside
            the scale, or no scale to vote with.
        FileChangedError: the session file changed since ``session`` was read.
    """
    return set_votes(session, scorer, {case: level})


def set_votes(session: Session, scorer: str, mentions: dict[str, int | None]) -> list[Path]:
    """Record ``scorer``'s mentions for several cases at once (``None`` removes one), in
    one write of the session file (a phone's vote page); return the file when written.

    Every mention is checked before anything is changed; the rules and errors are
    :func:`set_vote`'s, and an empty ``mentions`` writes nothing.
    """
    import tomlkit

    if scorer not in session.scorers:
        raise EditError("edit.unknown", kind="scorer", id=scorer)
    name = vote_scale(session)
    for case, level in mentions.items():
        _check(session, name, case, level)
    if name is None or not mentions:
        return []
    appended = _append_first_page(session, scorer, mentions, name)
    if appended is not None:
        return appended
    doc = TomlDocument(session.path, session.digests.get(session.path))
    if "vote" not in doc.doc:
        if all(level is None for level in mentions.values()):
            return []
        text = doc.doc.as_string()
        if text and not text.endswith("\n\n"):
            doc.doc.add(tomlkit.nl())
        table = tomlkit.table()
        table.add("scale", name)
        doc.doc.append("vote", table)
    for case, level in mentions.items():
        votes = doc.doc.get("votes", {})
        if level is None:
            if scorer in votes and case in votes[scorer]:
                del votes[scorer][case]
            continue
        rows = doc.table("votes", scorer)
        if case in rows:
            rows[case] = level
        else:
            key, item = parsed_line(f"{toml_key(case)} = {level}")
            rows.append(key, item)
    return [session.path] if doc.save() else []


def _append_first_page(
    session: Session, scorer: str, mentions: dict[str, int | None], name: str
) -> list[Path] | None:
    """A voter's first mentions, when the file has no ``[votes.<scorer>]`` yet: the table
    (after a ``[vote]`` naming the scale, when there is none) appended to the file's text,
    which is read back and must hold exactly the former data plus those mentions. This
    spares tomlkit's two parses of the whole session (about 23 ms each for the shipped
    Paris file, measured alone), the cost of a phone's first vote page; ``None`` when the
    file does not allow it (the tomlkit path then)."""
    import rtoml

    from sieve.load.fields import split_bom
    from sieve.locations import read_regular

    path = session.path
    raw = read_regular(path)
    expected = session.digests.get(path)
    if expected is not None and digest(raw) != expected:
        raise FileChangedError(path)
    bom, text = split_bom(raw.decode("utf-8"))
    try:
        data = rtoml.loads(text)
    except rtoml.TomlParsingError:
        return None
    votes = data.get("votes", {})
    if not isinstance(votes, dict) or scorer in votes or not isinstance(data.get("vote", {}), dict):
        return None
    given = {case: level for case, level in mentions.items() if level is not None}
    if not given:
        return []
    nl = "\r\n" if "\r\n" in text else "\n"
    added = text if not text or text.endswith(nl) else text + nl
    if added and not added.endswith(nl + nl):
        added += nl
    if "vote" not in data:
        added += f"[vote]{nl}scale = {toml_key(name)}{nl}{nl}"
        data["vote"] = {"scale": name}
    header = scorer if _BARE.fullmatch(scorer) else toml_key(scorer)
    added += f"[votes.{header}]{nl}"
    added += "".join(f"{toml_key(case)} = {level}{nl}" for case, level in given.items())
    data.setdefault("votes", {})[scorer] = given
    try:
        if rtoml.loads(added) != data:
            return None
    except rtoml.TomlParsingError:
        return None
    document.atomic_write(path, (bom + added).encode("utf-8"), expected=digest(raw))
    return [path]


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _check(session: Session, name: str | None, case: str, level: int | None) -> None:
    """Refuse a case that is not one, or off the ballot, or a level outside the scale."""
    try:
        session.case(case)
    except KeyError:
        raise EditError("edit.unknown", kind="case", id=case) from None
    if name is None:
        raise EditError("edit.unknown", kind="scale", id=DEFAULT_SCALE)
    if session.vote is not None and session.vote.cases and case not in session.vote.cases:
        raise EditError("edit.unknown", kind="case", id=case)
    top = session.tamis.scales[name].top
    if level is not None and (type(level) is not int or not 0 <= level <= top):
        raise EditError("edit.level", level=level, criterion=name, top=top)
