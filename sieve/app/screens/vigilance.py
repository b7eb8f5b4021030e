"""Vigilance: every flag in one list; Enter jumps to the place in the matrix.

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down | Select a flag. |
    | enter | Go to its place in the matrix. |
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.screens.base import SieveScreen
from sieve.app.widgets.keybar import KeyBar
from sieve.app.widgets.lines import Line, LongOptionList, Piece, piece
from sieve.engine.vigilance import Flag, flags
from sieve.i18n import current, number, t
from sieve.text import literal

SYMBOLS = {
    "first-case": "①",
    "attention": "⚑",
    "opposed-by-power": "⚑",
    "no-service-support": "⚑",
    "gate": "✗",
    "disputed": "≠",
    "incomplete": "?",
    "no-angle": "∅",
    "warning": "!",
}


#: Pieces of a line, with their width in cells.
Part = tuple[tuple[Piece, ...], int]


def _part(pieces: tuple[Piece, ...]) -> Part:
    return pieces, sum([cells for _text, _style, cells in pieces])


class Wording:
    """The words of a session's flags, as :class:`~sieve.app.widgets.lines.Line` pieces.

    A session may have thousands of flags (every disputed cell of 500 cases), which
    share a few titles, labels, kind words and figures: each is made literal, worded
    and measured once.
    """

    def __init__(self, session) -> None:
        self.session = session
        self.words = self.words_of(session)
        """What the wording depends on (see :meth:`words_of`)."""
        self._heads: dict[tuple[str, str], Part] = {}
        self._criteria: dict[tuple[str, bool], Part] = {}
        self._details: dict[tuple, Part] = {}
        self._lines: dict[tuple, Line] = {}
        self._people: dict | None = None

    @property
    def people(self) -> dict:
        """The session's stakeholders (``Session.people``, made once: it is computed)."""
        if self._people is None:
            self._people = self.session.people
        return self._people

    @staticmethod
    def words_of(session) -> tuple:
        """The parts of a session the words come from, and the language: a session edited
        elsewhere (a score, a note) keeps these same objects, and its flags' lines are
        worded alike."""
        return (
            current(),
            session.subjects,
            session.angles,
            session.tamis,
            session.stakeholders,  # and the scorers a relation names: ``Session.people``
            session.relations,
            session.scorers,
        )

    def fits(self, session) -> bool:
        """Whether this wording's lines are those of ``session``'s flags (same objects)."""
        words = self.words_of(session)
        return len(words) == len(self.words) and all(
            a is b for a, b in zip(words, self.words, strict=True)
        )

    def cached_line(self, flag: Flag) -> Line:
        """:meth:`line`, made once per flag's contents (a file warning is worded afresh)."""
        if flag.problem is not None:
            return self.line(flag)
        memo = (
            flag.kind,
            flag.key,
            flag.criterion,
            flag.criteria,
            flag.people,
            *flag.params.items(),
        )
        try:
            found = self._lines.get(memo)
        except TypeError:  # a figure that cannot be a key: worded afresh
            return self.line(flag)
        if found is None:
            found = self._lines[memo] = self.line(flag)
        return found

    def head(self, kind: str, key: str) -> Part:
        """``✗ Porte non franchie · Subject / Angle`` for a kind and a subject or case key."""
        found = self._heads.get((kind, key))
        if found is None:
            symbol = piece(SYMBOLS.get(kind, "•") + " ")
            pieces = (symbol, piece(t(f"app.flag.{kind}") + " · ", "bold"))
            if key:
                session = self.session
                subject_id, _, angle_id = key.partition("/")
                subject = session.subjects.get(subject_id)
                title = literal(subject.title if subject else subject_id)
                if angle_id and key in session.angles:  # angles are keyed by case key
                    title += " / " + literal(session.angles[key].title)
                pieces += (piece(title),)
            found = self._heads[(kind, key)] = _part(pieces)
        return found

    def criterion(self, criterion: str, first: bool) -> Part:
        """`` · Label`` (the first criterion) or ``, Label``."""
        found = self._criteria.get((criterion, first))
        if found is None:
            label = literal(self.session.tamis.by_id[criterion].label)
            found = _part((piece(" · " if first else ", "), piece(label, "italic")))
            self._criteria[(criterion, first)] = found
        return found

    def detail(self, flag: Flag) -> Part:
        """``  (de 0 à 4)``: the flag's figures, if its kind has any."""
        # figures equal as numbers are worded alike (``number`` writes 3.0 as 3)
        memo = (flag.kind, *flag.params.items())
        found = self._details.get(memo)
        if found is None:
            if flag.params.get("unscored"):
                detail = t("app.flag.unscored")
            else:
                params = {
                    k: number(v, digits=1) if isinstance(v, float) else v
                    for k, v in flag.params.items()
                }
                key = f"app.flag.{flag.kind}.detail"
                detail = t(key, **params)
                detail = "" if detail == key else detail
            pieces = (piece("  (" + detail + ")", "dim"),) if detail else ()
            found = self._details[memo] = _part(pieces)
        return found

    def line(self, flag: Flag) -> Line:
        """One line for a flag, file text shown literally, in bold (labels in italics,
        figures dimmed)."""
        if flag.problem is not None:
            head = self.head(flag.kind, "")[0]
            return Line(head + (piece(literal(flag.problem.render())),), "bold")
        pieces, cells = self.head(flag.kind, flag.key)
        criteria = flag.criteria or ((flag.criterion,) if flag.criterion else ())
        for i, crit_id in enumerate(criteria):
            more, width = self.criterion(crit_id, i == 0)
            pieces += more
            cells += width
        for i, ident in enumerate(flag.people):  # the stakeholders a stance flag names
            person = self.people.get(ident)
            more, width = _part(
                (
                    piece(" · " if i == 0 else ", "),
                    piece(literal(person.name if person else ident), "italic"),
                )
            )
            pieces += more
            cells += width
        more, width = self.detail(flag)
        return Line(pieces + more, "bold", cells + width)


class VigilanceScreen(SieveScreen):
    """Every point of vigilance of the session."""

    flags: Sequence[Flag] = ()
    """The flags listed, in the list's order."""

    wording: Wording | None = None
    """The wording of the last flags listed, kept while the session's words stay the same
    (after a score edit most flags are those of the last list, and their lines are reused)."""

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        yield LongOptionList(id="flags")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.evaluation is None:
            return
        session = wb.evaluation.session
        found = flags(wb.evaluation, wb.problems)
        if self.sieve.blind:
            found = [f for f in found if f.kind not in ("disputed", "gate")]
        self.flags = found
        head = Text(t("app.screen.vigilance") + " · ", style="bold")
        head.append(t("app.vigilance.count", count=len(found)))
        if self.sieve.blind:
            head.append("  ·  " + t("app.blind.badge"), style="reverse")
        self.query_one("#bar", Static).update(head)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        # more flags than the screen has lines: the list will scroll, so its scrollbar's
        # room is kept from the start (a scrollbar appearing after the first drawing
        # narrows the list, and every line would be measured again)
        options.styles.scrollbar_gutter = "stable" if len(found) > self.app.size.height else "auto"
        if found:
            if self.wording is None or not self.wording.fits(session):
                self.wording = Wording(session)
            line = self.wording.cached_line
            options.set_options([Option(line(flag)) for flag in found])
        else:
            options.set_options([Option(Text(t("app.vigilance.none")), disabled=True)])
        if found:
            options.highlighted = (
                highlighted if highlighted is not None and highlighted < len(found) else 0
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.flags:
            return
        flag = self.flags[event.option_index]
        if flag.key:
            self.sieve.jump_to(flag.key, flag.criterion or None)
