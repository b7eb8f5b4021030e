"""The vote screen: the final vote by majority judgment on the shortlist.

Each case of the ballot is one line: the person's own mention, and, once the results
are revealed, the case's rank, its merit profile as a stacked bar (worst mention on
the left, as MieuxVoter draws it) and its majority mention; under the list, every
tie-break in words. Results stay hidden until revealed (``r``), and always in the
app's blind mode (``b``), so that nobody votes after seeing the others. A person who
voted from a phone never has their mentions shown (the room's state remembers them).

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down | Select a case. |
    | 0-9 | Record this mention (a level of the vote's scale) for the person. |
    | delete, backspace | Remove the person's mention. |
    | s | Next person. |
    | r | Reveal or hide the results. |
    | u, ctrl+z | Undo the last edit. |
    | b | Blind mode: hide or reveal the group's results. |
    | escape | Back to the previous screen. |
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.base import SieveScreen
from sieve.app.text import clip, plain
from sieve.app.widgets.keybar import KeyBar
from sieve.errors import EditError, FileChangedError
from sieve.i18n import t
from sieve.render.vote import mention_colour

BAR_WIDTH = 30


def bar_cells(profile: tuple[int, ...], width: int) -> list[int]:
    """How many cells of a ``width``-cell bar each mention takes (largest remainders)."""
    total = sum(profile)
    if total == 0:
        return [0] * len(profile)
    exact = [n * width / total for n in profile]
    cells = [int(x) for x in exact]
    order = sorted(range(len(profile)), key=lambda i: exact[i] - cells[i], reverse=True)
    for i in order[: width - sum(cells)]:
        cells[i] += 1
    return cells


def merit_bar(profile: tuple[int, ...], width: int = BAR_WIDTH) -> Text:
    """The merit profile as a stacked bar, worst mention on the left, a tick at the median."""
    bar = Text()
    size = len(profile)
    for level, cells in enumerate(bar_cells(profile, width)):
        bar.append(" " * cells, style=f"on {mention_colour(level, size)}")
    if sum(profile):
        middle = width // 2
        tick = Text("│", style=f"bold white on {_colour_at(bar, middle)}")
        bar = bar[:middle] + tick + bar[middle + 1 :]
    return bar


def _colour_at(bar: Text, offset: int) -> str:
    for span in bar.spans:
        if span.start <= offset < span.end:
            return str(span.style).removeprefix("on ")
    return "black"


class VoteScreen(SieveScreen):
    """The ballot, one person's mentions, and the counted vote once revealed."""

    BINDINGS = [
        Binding("escape", "leave", "app.key.leave"),
        Binding("s", "next_voter", "app.key.next_scorer"),
        Binding("delete,backspace", "abstain", "app.key.abstain", key_display="⌫"),
        Binding("r", "reveal", "app.vote.key.reveal"),
        Binding("u", "app.undo", "app.key.undo"),
        Binding("b", "app.toggle_blind", "app.key.blind"),
        *(Binding(str(d), f"mention({d})", "app.help.keys.digit", show=False) for d in range(10)),
    ]

    DEFAULT_CSS = """
    VoteScreen #ballot { height: auto; max-height: 60%; }
    VoteScreen #breaks { height: 1fr; padding: 0 1; }
    """

    revealed = False
    """Whether the results are shown (never in the app's blind mode)."""
    voter: str | None = None
    """The person whose mentions the digits record."""
    on_phone = False
    """Whether the person's mentions came from a phone (never shown: :meth:`_on_phone`)."""

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.cases: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        yield OptionList(id="ballot")
        with VerticalScroll(id="breaks"):
            yield Static(id="explain")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        super().on_mount()

    @property
    def shown(self) -> bool:
        """Whether results are on screen now."""
        return self.revealed and not self.sieve.blind

    def update_view(self) -> None:
        wb = self.sieve.workbench
        session = self.session
        if wb is None or session is None:
            return
        if self.voter not in session.scorers:
            self.voter = next(iter(session.scorers), None)
        result = wb.vote()
        bar = self.query_one("#bar", Static)
        options = self.query_one(OptionList)
        explain = self.query_one("#explain", Static)
        highlighted = options.highlighted
        options.clear_options()
        if result is None:
            bar.update(Text(t("app.screen.vote"), style="bold"))
            options.add_option(Option(Text(t("vote.screen.no_scale")), disabled=True))
            explain.update("")
            return
        bar.update(self._head(result))
        lines = list(result.lines) if self.shown else [result.line(c) for c in _ballot(result)]
        self.cases = [line.case for line in lines]
        mine = session.votes.get(self.voter or "", {})
        self.on_phone = self._on_phone()
        for line in lines:
            options.add_option(Option(self._line(line, result, mine.get(line.case)), id=line.case))
        if not lines:
            options.add_option(Option(Text(t("vote.screen.empty")), disabled=True))
        elif highlighted is not None:
            options.highlighted = min(highlighted, len(lines) - 1)
        else:
            options.highlighted = 0
        explain.update(self._explanations(result) if self.shown else self._hidden(result))

    def _head(self, result) -> Text:
        session = self.session
        head = Text(t("app.screen.vote") + " · ", style="bold")
        if self.voter is not None:
            head.append(t("vote.screen.voter") + " ")
            head.append_text(plain(session.scorers[self.voter].name, style="bold"))
        head.append("  ·  " + t("vote.voters", count=len(result.voters), rule=_rule(result)))
        if self.sieve.blind:
            head.append("  ·  " + t("app.blind.badge"), style="reverse")
        elif not self.revealed:
            head.append("  ·  " + t("vote.screen.hidden_badge"), style="reverse")
        if result.question:
            head.append("\n")
            head.append_text(plain(result.question, style="italic"))
        return head

    def _line(self, line, result, own: int | None) -> Text:
        session = self.session
        levels = result.scale.levels
        narrow = self.size.width < 120
        title_width, bar_width = (24, 16) if narrow else (40, BAR_WIDTH)
        # the title takes what the line's other parts leave (their widths are known)
        longest = max(len(level) for level in levels)
        phone = self.on_phone
        compact = narrow and self.shown and not phone
        own_width = 2 + longest
        if phone:
            own_width = max(own_width, len(t("vote.screen.on_phone")))
        rest = 2 + (1 if compact else own_width)
        if self.shown:
            rest += 4 + bar_width + 2 + longest + 2 + 2
        if not compact:
            rest += len(t("vote.screen.own")) + 1
        title_width = max(20, self.size.width - 6 - rest)
        text = Text()
        if self.shown:
            text.append(f"{line.rank if line.rank is not None else '–':>2}. ", style="bold")
        title = _title(session, line.case)
        text.append(clip(title, title_width).ljust(title_width))
        text.append("  ")
        if self.shown:
            text.append_text(merit_bar(line.profile, bar_width))
            text.append("  ")
            if line.majority is not None:
                colour = mention_colour(line.majority, len(levels))
                text.append(f" {_keep(levels[line.majority])} ", style=f"bold black on {colour}")
            else:
                text.append(t("vote.no_mention"), style="dim")
            text.append("  ")
        if not compact:
            text.append(t("vote.screen.own") + " ", style="dim")
        if phone:  # a phone's own mentions: never on the projector, revealed or not
            text.append(t("vote.screen.on_phone"), style="dim italic")
        elif own is None:
            text.append("–", style="dim")
        else:
            words = str(own) if compact else f"{own} {_keep(levels[own])}"
            text.append(words, style=f"bold {mention_colour(own, len(levels))}")
        return text

    def _on_phone(self) -> bool:
        """Whether the person's mentions are a phone's: their name is held by a phone in
        the open room, or they voted from a phone (the room's state keeps it, the room
        closed or the name freed)."""
        if self.voter is None or self.session is None:
            return False
        server = self.sieve.room_server
        if server is not None and server.running and self.voter in server.room.taken():
            return True
        from sieve.room.room import phone_voters

        return self.voter in phone_voters(self.session)

    def _explanations(self, result) -> Text:
        from sieve.render.vote import explain_break

        session = self.session
        text = Text()
        levels = result.scale.levels
        legend = Text(t("vote.screen.legend") + " ", style="dim")
        for level, name in enumerate(levels):
            legend.append(
                f" {level}\u00a0{_keep(name)} ",
                style=f"black on {mention_colour(level, len(levels))}",
            )
        text.append_text(legend)
        if result.breaks:
            text.append("\n\n" + t("vote.breaks") + "\n", style="bold")
            for tb in result.breaks:
                words = explain_break(tb, result, name=lambda key: _short(session, key))
                text.append("• ")
                text.append_text(plain(words))
                text.append("\n")
        return text

    def _hidden(self, result) -> Text:
        levels = result.scale.levels
        text = Text()
        if result.voters:  # who voted, how many: never what
            scorers = self.session.scorers
            names = ", ".join(scorers[s].name for s in result.voters if s in scorers)
            text.append_text(plain(t("vote.screen.who", count=len(result.voters), names=names)))
            text.append("\n")
        text.append(t("vote.screen.how", top=len(levels) - 1) + "\n", style="dim")
        for level, name in enumerate(levels):
            text.append(
                f" {level}\u00a0{_keep(name)} ",
                style=f"black on {mention_colour(level, len(levels))}",
            )
            text.append(" ")
        return text

    # -- actions -------------------------------------------------------------------

    def action_leave(self) -> None:
        previous = self.sieve.previous_mode
        self.sieve.action_show(previous if previous not in (None, "vote") else "matrix")

    def action_reveal(self) -> None:
        if self.sieve.blind:
            self.notify(t("vote.screen.blind"), severity="warning", timeout=3)
            return
        self.revealed = not self.revealed
        self.refresh_view()

    def action_next_voter(self) -> None:
        session = self.session
        if session is None or not session.scorers:
            return
        ids = list(session.scorers)
        at = ids.index(self.voter) if self.voter in ids else -1
        self.voter = ids[(at + 1) % len(ids)]
        self.refresh_view()

    def action_mention(self, level: int) -> None:
        self._record(level)

    def action_abstain(self) -> None:
        self._record(None)

    def current_case(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.cases:
            return None
        return self.cases[options.highlighted]

    def _record(self, level: int | None) -> bool:
        """Record ``level`` for the person on the highlighted case; ``True`` when written."""
        app = self.sieve
        wb = app.workbench
        case = self.current_case()
        if wb is None or not wb.ok or case is None or self.voter is None:
            return False
        result = wb.vote()
        if result is not None and level is not None and level > result.scale.top:
            self.notify(t("vote.screen.too_high", top=result.scale.top), severity="warning")
            return False
        try:
            written = wb.set_vote(self.voter, case, level)
        except EditError as exc:
            app.notify(t(exc.code, **exc.params), severity="error")
            return False
        except FileChangedError as exc:
            app.notify(t("edit.changed", path=exc.path), severity="error", timeout=8)
            app.check_disk(force=True)
            return False
        if not wb.ok:
            app.reload()
            return False
        app.update_views()
        if written and level is not None:
            options = self.query_one(OptionList)
            if options.highlighted is not None and options.highlighted < len(self.cases) - 1:
                options.highlighted += 1
        return written


def _ballot(result) -> list[str]:
    """The ballot in its own order (hidden results: the ranking would show through)."""
    return list(result.ballot)


def _keep(name: str) -> str:
    """A mention kept on one line (its spaces made non-breaking) and shown literally."""
    return clip(name, 40).replace(" ", "\u00a0")


def _rule(result) -> str:
    return t(f"vote.abstention.{result.abstention}", worst=result.scale.levels[0])


def _title(session, key: str) -> str:
    try:
        case = session.case(key)
    except KeyError:
        return key
    return f"{case.angle.title} · {case.subject.title}"


def _short(session, key: str) -> str:
    try:
        return session.case(key).angle.title
    except KeyError:
        return key
