"""The Room screen: the participants' server started from the app, for the projector.

It shows, large, the join address, its QR code and the room's code; then who has
joined and, per subject and case, how many have scored it (never a level: the levels
stay hidden until the reveal); ``l`` closes (or reopens) scoring, ``r`` reveals (blind
mode goes off, the matrix shows the group), ``f`` frees the name picked in the list,
``o`` opens (or closes) the vote to the phones, apart from scoring (how many have voted,
never a mention: the vote screen ``v`` reveals the result).
The server runs in the app's own event loop, on the app's Workbench, so a submission
repaints the screen at once. :mod:`sieve.room` (aiohttp) is imported only here, when
the screen is first shown.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.base import SieveScreen
from sieve.app.text import plain
from sieve.i18n import t

if TYPE_CHECKING:
    from sieve.room.server import RoomServer


class RoomScreen(SieveScreen):
    """The room: join address, QR code, code; who joined; progress per case; lock, reveal.

    Bindings: ``enter`` open/close the room, ``h`` the address to listen on, ``l`` close or
    reopen scoring, ``r`` reveal, ``n`` let participants add their name, ``f`` free the
    name picked in the list of those who joined, ``o`` open or close the vote to the phones.
    """

    BINDINGS = [
        Binding("enter", "toggle_room", "app.key.room.toggle", priority=True),
        Binding("h", "next_host", "app.key.room.host"),
        Binding("l", "lock", "app.key.room.lock"),
        Binding("r", "reveal", "app.key.room.reveal"),
        Binding("n", "allow_new", "app.key.room.new", show=False),
        Binding("f", "free", "app.key.room.free", show=False),
        Binding("o", "vote", "app.key.room.vote", show=False),
    ]

    #: The port the room listens on (tests set 0: any free port).
    port: int | None = None

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.hosts = ["127.0.0.1"]
        self.host_index = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="room-body"):
            yield Static(id="room-qr")
            with VerticalScroll(id="room-side"):
                yield Static(id="room-info")
                yield OptionList(id="room-joined")
                yield Static(id="room-progress")
        yield Static(t("room.screen.keys"), id="room-keys")  # n, f, o: not in the footer
        yield Footer()

    def on_mount(self) -> None:
        from sieve.room.server import machine_addresses

        self.hosts = ["127.0.0.1", *machine_addresses()]
        super().on_mount()

    @property
    def server(self) -> RoomServer | None:
        return self.sieve.room_server

    # -- painting ---------------------------------------------------------------------

    def view_state(self) -> tuple[object, ...]:
        """The files' state, and the room's own (kept in its state file, not the session's):
        a toggle of the vote, of adding names, or a name freed repaints the screen too."""
        server = self.server
        if server is None or not server.running:
            return (*super().view_state(), False)
        room = server.room
        return (*super().view_state(), True, room.locked, room.revealed, room.allow_new,
                room.vote_open, tuple(sorted(room.taken())))  # fmt: skip

    def update_view(self) -> None:
        server = self.server
        info = self.query_one("#room-info", Static)
        qr = self.query_one("#room-qr", Static)
        joined = self.query_one("#room-joined", OptionList)
        progress = self.query_one("#room-progress", Static)
        if server is None or not server.running:
            qr.update("")
            qr.display = False
            head = Text(t("app.screen.room"), style="bold")
            head.append("\n\n" + t("room.screen.stopped"))
            head.append(f"\n{t('room.screen.address')}{t('app.colon')}{self._address()}")
            info.update(head)
            joined.display = False
            progress.update("")
            return
        from sieve.room.qr import qr_lines

        room = server.room
        qr.display = True
        qr.update(Text("\n".join(qr_lines(server.join_url)), style="black on white"))
        head = Text(t("app.screen.room"), style="bold")
        head.append("  ·  " + t(room.state_key()))
        if self.sieve.blind:
            head.append("  ·  " + t("app.blind.badge"), style="reverse")
        head.append(f"\n\n{t('room.screen.address')}\n", style="dim")
        head.append(server.url, style="bold")
        head.append(f"\n\n{t('room.screen.code')}\n", style="dim")
        head.append(" ".join(room.code), style="bold reverse")
        yes = t("room.screen.yes" if room.allow_new else "room.screen.no")
        head.append("\n\n" + t("room.screen.allow_new", state=yes), style="dim")
        if room.wb.vote() is not None:
            state = t("room.state.vote_open" if room.vote_open else "room.state.vote_closed")
            head.append("\n" + t("room.screen.vote", state=state, count=len(room.voters())))
        names = room.joined_names()
        head.append("\n\n" + t("room.screen.joined", count=len(names)))
        if not names:
            head.append(" " + t("room.screen.nobody"), style="italic")
        info.update(head)
        joined.display = bool(names)
        held = sorted(set(room.taken()))
        options = [Option(plain(room.session.scorers[s].name), id=s) for s in held]
        if [o.id for o in joined.options] != [o.id for o in options]:
            joined.clear_options()
            joined.add_options(options)
            if options:
                joined.highlighted = 0  # ``f`` frees the highlighted name
        progress.update(self._progress(room))

    def _progress(self, room) -> Text:
        """Per page, how many of the session's scorers have scored it: counts, never a level."""
        out = Text(t("room.screen.progress") + "\n", style="bold")
        everyone = len(room.session.scorers)
        width = max(20, self.size.width - 50)
        for item, count in room.progress():
            subject = "/" not in item.key
            title = item.title if len(item.title) <= width else item.title[: width - 1] + "…"
            line = Text("" if subject else "  ")
            line.append_text(plain(title))
            line.append(f"  {count}/{everyone}", style="bold" if count else "dim")
            out.append_text(line)
            out.append("\n")
        return out

    # -- actions -------------------------------------------------------------------------

    def action_toggle_room(self) -> None:
        if self.server is not None and self.server.running:
            self.run_worker(self._stop(), exclusive=True, group="room")
        else:
            self.run_worker(self._start(), exclusive=True, group="room")

    async def _start(self) -> None:
        from sieve.room.room import Room
        from sieve.room.server import DEFAULT_PORT, RoomServer

        wb = self.sieve.workbench
        if wb is None or not wb.ok:
            return
        room = Room(wb)
        port = DEFAULT_PORT if self.port is None else self.port
        server = RoomServer(room, self.hosts[self.host_index], port)
        try:
            await server.start()
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:  # worded, not the system's English
                words = t("room.screen.port_taken", port=port)
            else:
                words = t("room.screen.failed", reason=exc.strerror or exc)
            self.notify(words, severity="error", timeout=8)
            return
        self.sieve.room_server = server
        room.listeners.append(self.sieve.update_views)
        if not room.revealed:
            self.sieve.set_blind(True)
        self.sieve.update_views()

    async def _stop(self) -> None:
        server = self.server
        if server is not None:
            await server.stop()
            server.room.save()
        self.sieve.update_views()

    def _address(self) -> str:
        """The address the room will have once open: the chosen host and the port."""
        from sieve.room.server import DEFAULT_PORT, room_url

        return room_url(
            self.hosts[self.host_index], DEFAULT_PORT if self.port is None else self.port
        )

    def action_next_host(self) -> None:
        if self.server is not None and self.server.running:
            self.notify(t("room.screen.host_while_open"), severity="warning", timeout=4)
            return
        self.host_index = (self.host_index + 1) % len(self.hosts)
        self.refresh_view()

    def _room(self):
        server = self.server
        return server.room if server is not None and server.running else None

    def action_lock(self) -> None:
        room = self._room()
        if room is None:
            return
        if not room.locked:
            room.lock()
            return
        room.unlock()  # a new round: the group hidden again (Room.unlock), blind while open
        if not self.sieve.blind:
            self.sieve.set_blind(True)

    def action_reveal(self) -> None:
        room = self._room()
        if room is not None:
            room.reveal()
            self.sieve.set_blind(False)
            self.sieve.update_views()

    def action_allow_new(self) -> None:
        room = self._room()
        if room is not None:
            room.set_allow_new(not room.allow_new)

    def action_vote(self) -> None:
        room = self._room()
        if room is not None:
            room.close_vote() if room.vote_open else room.open_vote()

    def action_free(self) -> None:
        room = self._room()
        joined = self.query_one("#room-joined", OptionList)
        if room is None or joined.highlighted is None:
            return
        option = joined.get_option_at_index(joined.highlighted)
        if option.id is not None:
            room.free(option.id)
