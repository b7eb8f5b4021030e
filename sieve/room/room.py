"""The room's state and rules, without HTTP: who holds which name, what may be written, when.

A :class:`Room` works on a :class:`~sieve.workbench.Workbench` (the app's own, so that
the facilitator's screen sees a submission at once, or one of its own for the headless
command). It never writes a file itself: levels and notes go through the Workbench and
:mod:`sieve.save.scores` (locked, atomic, a one-line splice re-read), each participant's
to their own score file (:mod:`sieve.save.room`); the journal's ``[[round]]`` tables
through :func:`sieve.save.journal.record_round`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sieve.errors import EditError, FileChangedError
from sieve.model import CASE_SEPARATOR, Criterion, Scale, Session
from sieve.save import room as _files
from sieve.save.journal import record_round
from sieve.workbench import EDITS, Workbench

#: Wrong code guesses allowed per client address within :data:`GUESS_WINDOW` seconds.
GUESS_LIMIT = 10
GUESS_WINDOW = 60.0
#: The longest note a participant may write (characters).
NOTE_MAX = 2000
#: The longest new name a participant may give.
NAME_MAX = 80


class Refused(Exception):
    """A request the room refuses: an HTTP status and a ``room.error.*`` message."""

    def __init__(self, status: int, code: str, **params: object) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Item:
    """One page a participant scores: a subject (its subject criteria) or a case (its angle's)."""

    key: str
    """A subject id or a case key ``subject/angle``."""
    title: str
    subject_title: str
    criteria: tuple[Criterion, ...]


def items_of(session: Session) -> list[Item]:
    """The pages, in the matrix's order: each subject (when it has subject criteria), then
    each of its cases (when there are angle criteria)."""
    on_subject = tuple(c for c in session.tamis.criteria if not c.on_angle)
    on_angle = tuple(c for c in session.tamis.criteria if c.on_angle)
    items: list[Item] = []
    cases = session.cases
    for subject in session.subjects.values():
        if on_subject:
            items.append(Item(subject.id, subject.title, subject.title, on_subject))
        if on_angle:
            for case in cases:
                if case.subject.id == subject.id:
                    items.append(Item(case.key, case.angle.title, subject.title, on_angle))
    return items


def new_code() -> str:
    """A room code: six random digits (easy to type on a phone's number pad)."""
    return f"{secrets.randbelow(10**6):06d}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Room:
    """One room on one session: its code, the devices that joined, the names they hold,
    whether scoring is open and whether the group was revealed.

    Args:
        workbench: the open session (its ``autosave`` is left as it is; the room flushes).
        allow_new: let a participant add themself as a new scorer.
    """

    def __init__(self, workbench: Workbench, allow_new: bool = False) -> None:
        self.wb = workbench
        workbench.rebase = True
        session = self.session
        state = _files.read_state(session)
        self.code: str = _str(state.get("code")) or new_code()
        """The code a participant enters (the QR code's address carries it)."""
        secret = _str(state.get("secret"))
        self._secret = bytes.fromhex(secret) if _hex(secret) else secrets.token_bytes(32)
        joined = state.get("joined")
        self._joined: set[str] = (
            {h for h in joined if isinstance(h, str)} if isinstance(joined, list) else set()
        )
        claims = state.get("claims")
        self._claims: dict[str, str] = (
            {h: s for h, s in claims.items() if isinstance(s, str) and s in session.scorers}
            if isinstance(claims, dict)
            else {}
        )
        self.locked: bool = state.get("locked") is True
        """Scoring closed: every submission is refused."""
        self.revealed: bool = state.get("revealed") is True
        """The group's results were revealed."""
        self.allow_new = allow_new or state.get("allow_new") is True
        """A participant may add themself as a new scorer."""
        self.open_round = state.get("round_open") is True
        self.vote_open: bool = state.get("vote_open") is True
        """The vote is open to the phones (apart from scoring: :meth:`open_vote`)."""
        self.phone_voters: set[str] = _phone_voters(state)
        """The scorers who sent a vote page from a phone: the projector never shows their
        mentions (kept when their name is freed or the room closed)."""
        self.listeners: list[Callable[[], None]] = []
        """Called (in the caller's thread) after each change: a submission, a join, a lock."""
        self.submitted: dict[str, set[str]] = {}
        """Key -> the scorers who sent its page since the room opened (an all-"don't know"
        page leaves no level in the files, but counts as scored)."""
        self._guesses: dict[str, deque[float]] = {}
        for scorer in self._claims.values():
            self.wb.homes[scorer] = _files.participant_file(session, scorer)

    # -- state ---------------------------------------------------------------------

    @property
    def session(self) -> Session:
        session = self.wb.session
        if session is None:
            # the files do not load (a hand edit under way): never the laptop's paths here
            raise Refused(503, "room.error.repairing")
        return session

    def _save_state(self) -> None:
        _files.write_state(
            self.session,
            {
                "code": self.code,
                "secret": self._secret.hex(),
                "joined": sorted(self._joined),
                "claims": self._claims,
                "locked": self.locked,
                "revealed": self.revealed,
                "allow_new": self.allow_new,
                "round_open": self.open_round,
                "vote_open": self.vote_open,
                "phone_voters": sorted(self.phone_voters),
            },
        )

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()

    def start(self) -> None:
        """Open the room: a new round is recorded in the journal unless one is open."""
        if not self.open_round and not self.locked:
            self._journal("opened")
            self.open_round = True
        self._save_state()

    def _journal(self, event: str) -> None:
        scorers = sorted(set(self._claims.values()))
        self.wb.edit_files(record_round, event, scorers, undoable=False)

    def lock(self) -> None:
        """Close scoring (journal: ``closed``)."""
        if not self.locked:
            self.locked = True
            self.open_round = False
            self._journal("closed")
            self._save_state()
            self._changed()

    def unlock(self) -> None:
        """Reopen scoring: a new round (journal: ``opened``); the group is hidden again."""
        if self.locked:
            self.locked = False
            self.revealed = False
            self.open_round = True
            self._journal("opened")
            self._save_state()
            self._changed()

    def reveal(self) -> None:
        """Reveal the group's results (journal: ``revealed``); scoring is closed first."""
        if not self.revealed:
            self.lock()
            self.revealed = True
            self._journal("revealed")
            self._save_state()
            self._changed()

    def set_allow_new(self, allow: bool) -> None:
        self.allow_new = allow
        self._save_state()
        self._changed()

    def free(self, scorer: str) -> bool:
        """Free a name taken by mistake: the device holding it must choose again."""
        held = [h for h, s in self._claims.items() if s == scorer]
        for h in held:
            del self._claims[h]
        if held:
            self._save_state()
            self._changed()
        return bool(held)

    # -- devices -----------------------------------------------------------------------

    @staticmethod
    def new_token() -> str:
        """A device's token: random, kept in its cookie."""
        return secrets.token_urlsafe(24)

    def form_key(self, token: str) -> str:
        """The anti-forgery value of a device's forms (derived from its token)."""
        return hmac.new(self._secret, token.encode("utf-8"), "sha256").hexdigest()[:32]

    def check_form(self, token: str | None, value: object) -> None:
        if (
            not token
            or not isinstance(value, str)
            or not hmac.compare_digest(value, self.form_key(token))
        ):
            raise Refused(403, "room.error.forged")

    def joined(self, token: str | None) -> bool:
        return bool(token) and _hash(token) in self._joined  # type: ignore[arg-type]

    def scorer_of(self, token: str | None) -> str | None:
        """The scorer the device holds (``None``: none)."""
        return self._claims.get(_hash(token)) if token else None

    def join(self, token: str, code: object, client: str) -> None:
        """Check a code guess (rate-limited per client address); remember the device."""
        now = time.monotonic()
        recent = self._guesses.setdefault(client, deque())
        while recent and now - recent[0] > GUESS_WINDOW:
            recent.popleft()
        if len(recent) >= GUESS_LIMIT:
            raise Refused(429, "room.error.rate")
        guess = code.strip() if isinstance(code, str) else ""
        if not hmac.compare_digest(guess.encode("utf-8"), self.code.encode("utf-8")):
            recent.append(now)
            raise Refused(403, "room.error.code")
        self._joined.add(_hash(token))
        self._save_state()

    def taken(self) -> dict[str, str]:
        """Scorer id -> the hash of the device holding it."""
        return {s: h for h, s in self._claims.items()}

    def claim(self, token: str, scorer: object = None, new_name: object = None) -> str:
        """Give the device a name: an existing scorer not taken, or (when allowed) a new one."""
        if not self.joined(token):
            raise Refused(403, "room.error.token")
        mine = _hash(token)
        session = self.session
        if isinstance(new_name, str) and new_name.strip():
            if not self.allow_new:
                raise Refused(403, "room.error.new_closed")
            name = new_name.strip()
            if len(name) > NAME_MAX or any(ord(ch) < 32 for ch in name):
                raise Refused(400, "room.error.name", reason=name[:NAME_MAX])
            before = set(session.scorers)
            try:
                self.wb.edit_files(EDITS.add_scorer, name, undoable=False)
            except EditError as exc:
                raise Refused(400, "room.error.name", reason=exc.code) from None
            added = set(self.session.scorers) - before
            if len(added) != 1:
                raise Refused(400, "room.error.name", reason=name)
            scorer = added.pop()
        if not isinstance(scorer, str) or scorer not in self.session.scorers:
            raise Refused(400, "room.error.scorer")
        holder = self.taken().get(scorer)
        if holder is not None and holder != mine:
            raise Refused(409, "room.error.taken")
        self.wb.edit_files(_files.ensure_participant_file, scorer, undoable=False)
        self._claims[mine] = scorer
        self.wb.homes[scorer] = _files.participant_file(self.session, scorer)
        self._save_state()
        self._changed()
        return scorer

    def owner(self, token: str | None) -> str:
        """The scorer of a device that may score; refused otherwise."""
        scorer = self.scorer_of(token)
        if scorer is None or scorer not in self.session.scorers:
            raise Refused(403, "room.error.token")
        return scorer

    # -- scoring -------------------------------------------------------------------------

    def parse(self, key: object, fields: dict[str, str]) -> tuple[str, dict[str, int | None], str]:
        """Check a page's answers: ``c.<criterion>`` = a level or ``x`` (don't know),
        ``note``; return the key, the levels and the note. Nothing is written."""
        session = self.session
        if not isinstance(key, str) or not key:
            raise Refused(400, "room.error.no_key")
        if not (key in session.subjects or (CASE_SEPARATOR in key and key in session.angles)):
            raise Refused(404, "room.error.key", key=key[:80])
        on_angle = CASE_SEPARATOR in key
        levels: dict[str, int | None] = {}
        for name, value in fields.items():
            if not name.startswith("c."):
                raise Refused(400, "room.error.field", field=name[:40])
            ident = name[2:]
            crit = session.tamis.by_id.get(ident)
            if crit is None or crit.on_angle is not on_angle:
                raise Refused(400, "room.error.criterion", criterion=ident[:40])
            if value == "x":
                levels[ident] = None
                continue
            digits = value.isascii() and value.isdigit() and len(value) <= 3
            if not digits or int(value) > crit.scale.top:
                raise Refused(400, "room.error.level", criterion=ident, level=value[:10])
            levels[ident] = int(value)
        return key, levels, ""

    def check_note(self, note: object) -> str:
        text = note if isinstance(note, str) else ""
        text = text.replace("\r\n", "\n").strip()
        if len(text) > NOTE_MAX:
            raise Refused(413, "room.error.note", length=len(text), max=NOTE_MAX)
        if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
            raise Refused(400, "room.error.field", field="note")
        return text

    def record(self, scorer: str, key: str, levels: dict[str, int | None], note: str) -> int:
        """Apply a page's answers to the Workbench (in memory: :meth:`save` writes them);
        return how many values changed."""
        if self.locked:
            raise Refused(409, "room.error.locked")
        try:
            edits = self.wb.record(scorer, key, levels, note)
        except EditError as exc:
            raise Refused(400, "room.error.field", field=exc.code) from None
        self.submitted.setdefault(key, set()).add(scorer)
        return len(edits)

    def save(self) -> None:
        """Write what is pending (call it from a worker thread: it syncs to disk)."""
        self.wb.flush()

    def recorded(self) -> None:
        """Tell the listeners a submission was saved."""
        self._changed()

    # -- the vote ------------------------------------------------------------------------

    def open_vote(self) -> None:
        """Open the vote to the phones (scoring stays as it is)."""
        self._set_vote_open(True)

    def close_vote(self) -> None:
        """Close the vote: a phone's vote page is refused, its mentions kept."""
        self._set_vote_open(False)

    def _set_vote_open(self, open_: bool) -> None:
        if self.vote_open is not open_:
            self.vote_open = open_
            self._save_state()
            self._changed()

    def ballot(self) -> tuple[tuple[str, ...], Scale]:
        """The vote's ballot (the cases, in its order) and its scale of mentions, worst
        first (:meth:`sieve.workbench.Workbench.vote`); refused without a scale to vote with."""
        result = self.wb.vote()
        if result is None:
            raise Refused(404, "room.error.no_vote")
        return result.ballot, result.scale

    def parse_vote(self, fields: dict[str, str]) -> dict[str, int | None]:
        """Check a vote page: ``m.<case>`` = a level of the vote's scale or ``x`` (no
        mention), each case on the ballot; return the mentions. Nothing is written."""
        cases, scale = self.ballot()
        on_ballot = set(cases)
        mentions: dict[str, int | None] = {}
        for name, value in fields.items():
            if not name.startswith("m."):
                raise Refused(400, "room.error.field", field=name[:40])
            case = name[2:]
            if case not in on_ballot:
                raise Refused(400, "room.error.ballot", case=case[:80])
            if value == "x":
                mentions[case] = None
                continue
            digits = value.isascii() and value.isdigit() and len(value) <= 3
            if not digits or int(value) > scale.top:
                raise Refused(400, "room.error.mention", case=case, level=value[:10])
            mentions[case] = int(value)
        return mentions

    def record_vote(self, scorer: str, mentions: dict[str, int | None]) -> bool:
        """Write a vote page's mentions in one write of the session file
        (:func:`sieve.save.vote.set_votes`); whether the file changed."""
        if not self.vote_open:
            raise Refused(409, "room.error.vote_closed")
        if scorer not in self.phone_voters:  # remembered before anything is written
            self.phone_voters.add(scorer)
            self._save_state()
        try:
            written = self.wb.set_votes(scorer, mentions)
        except EditError as exc:
            raise Refused(400, "room.error.field", field=exc.code) from None
        except (FileChangedError, OSError) as exc:
            self.wb.reload()  # the files are the truth: nothing of this page was written
            raise Refused(503, "room.error.busy", reason=type(exc).__name__) from None
        self._changed()
        return written

    def voters(self) -> tuple[str, ...]:
        """Who has given a mention on the ballot (never what): the scorers' ids."""
        result = self.wb.vote()
        return result.voters if result is not None else ()

    # -- what the facilitator sees ---------------------------------------------------

    def joined_names(self) -> list[str]:
        session = self.session
        return [
            session.scorers[s].name
            for s in sorted(set(self._claims.values()))
            if s in session.scorers
        ]

    def progress(self) -> list[tuple[Item, int]]:
        """Each page, with how many scorers have scored it (a level given, or the page sent)."""
        session = self.session
        out = []
        for item in self.items():
            who = set(self.submitted.get(item.key, ()))
            for scorer, rows in session.scores.items():
                if rows.get(item.key):
                    who.add(scorer)
            out.append((item, len(who)))
        return out

    def given(self) -> int:
        return sum(len(row) for rows in self.session.scores.values() for row in rows.values())

    def items(self) -> list[Item]:
        return items_of(self.session)

    def state_key(self) -> str:
        if self.revealed:
            return "room.state.revealed"
        return "room.state.closed" if self.locked else "room.state.open"

    def files(self) -> Path:
        return _files.scores_folder(self.session)


def phone_voters(session: Session) -> frozenset[str]:
    """The scorers of ``session`` who voted from a phone, as the room's state keeps them
    (the vote screen hides their mentions, the room open or not)."""
    return frozenset(_phone_voters(_files.read_state(session)))


def _phone_voters(state: dict) -> set[str]:
    voters = state.get("phone_voters")
    return {s for s in voters if isinstance(s, str)} if isinstance(voters, list) else set()


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _hex(value: str) -> bool:
    try:
        return len(bytes.fromhex(value)) >= 16
    except ValueError:
        return False
