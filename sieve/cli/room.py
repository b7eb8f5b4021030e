"""``sieve room SESSION``: the participants' server without the app (a second laptop).

It prints the address, the code and this machine's addresses, then serves until ctrl+c
(or ``quit``); a few words typed on its standard input drive the room: ``lock``, ``open``,
``reveal``, ``free NAME``, ``vote open``, ``vote close``, ``status``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import signal
import sys
import threading
from collections.abc import Callable

from sieve.cli.common import EXIT_BAD_INPUT, EXIT_OK, err, out
from sieve.cli.sessions import session_path
from sieve.errors import SieveError
from sieve.i18n import t
from sieve.text import literal


def register(command: Callable[[str, Callable], argparse.ArgumentParser]) -> None:
    room = command("room", cmd_room)
    room.add_argument("session", metavar="SESSION", help=t("cli.session"))
    room.add_argument("--host", default="127.0.0.1", help=t("room.cli.host"))
    room.add_argument("--port", type=port_number, default=None, help=t("room.cli.port"))
    room.add_argument("--allow-new", action="store_true", help=t("room.cli.allow_new"))


def port_number(text: str) -> int:
    """A TCP port, 0 to 65535 (0: any free one); else argparse's one-line error, exit 2."""
    value = int(text) if text.strip().isascii() and text.strip().isdigit() else -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(t("room.cli.port_range", value=literal(text)))
    return value


def cmd_room(args: argparse.Namespace) -> int:
    from sieve.room.room import Room
    from sieve.room.server import DEFAULT_PORT, RoomServer, machine_addresses
    from sieve.workbench import Workbench

    wb = Workbench(session_path(args.session), autosave=False)
    if wb.session is None:
        raise SieveError(wb.problems)
    room = Room(wb, allow_new=args.allow_new)
    port = DEFAULT_PORT if args.port is None else args.port
    server = RoomServer(room, args.host, port)
    try:
        return asyncio.run(_serve(server, machine_addresses()))
    except OSError as exc:
        # a port taken is worded in the user's language, not the system's English
        reason = t("room.cli.in_use") if exc.errno == errno.EADDRINUSE else exc.strerror or exc
        err(t("room.cli.port_taken", host=args.host, port=port, reason=reason))
        return EXIT_BAD_INPUT


async def _serve(server, addresses: list[str]) -> int:
    await server.start()
    room = server.room
    out(t("room.cli.open", url=server.join_url) + "\n")
    out(t("room.cli.code", code=room.code) + "\n")
    out(t("room.cli.addresses", addresses=", ".join(addresses) or "-") + "\n")
    if server.host.startswith("127.") or server.host == "localhost":
        out(t("room.cli.local_only") + "\n")
    out(t("room.cli.commands") + "\n")
    sys.stdout.flush()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)

    def typed(line: str) -> None:
        if _command(room, line.strip()):
            stop.set()

    def read() -> None:  # a daemon thread: standard input never blocks the loop
        for line in sys.stdin:
            loop.call_soon_threadsafe(typed, line)

    if sys.stdin is not None and not sys.stdin.closed:
        threading.Thread(target=read, daemon=True).start()
    try:
        await stop.wait()
    finally:
        await server.stop()
        room.save()
        out(t("room.cli.stopped") + "\n")
    return EXIT_OK


def _free(room, wanted: str) -> bool:
    """``free NAME`` (an id or a name): whether a name was freed; else say why, with the
    names taken."""
    session = room.session
    found = [i for i, s in session.scorers.items() if wanted in (i, s.name)]
    freed = [i for i in found if room.free(i)]
    for ident in freed:
        out(t("room.cli.freed", name=literal(session.scorers[ident].name)) + "\n")
    if freed:
        return True
    taken = ", ".join(literal(n) for n in room.joined_names()) or "-"
    key = "room.cli.free_not_taken" if found else "room.cli.free_unknown"
    err(t(key, name=literal(wanted), taken=taken))
    return False


def _command(room, line: str) -> bool:
    """Run one typed command; ``True`` to stop."""
    word, _, rest = line.partition(" ")
    if not word:
        return False
    if word == "quit":
        return True
    if word == "lock":
        room.lock()
    elif word == "open":
        room.unlock()
    elif word == "reveal":
        room.reveal()
    elif word == "vote" and rest.strip() in ("open", "close"):
        room.open_vote() if rest.strip() == "open" else room.close_vote()
    elif word == "vote":
        err(t("room.cli.vote_usage"))
        return False
    elif word == "free":
        if not _free(room, rest.strip()):
            return False
    elif word != "status":
        err(t("room.cli.unknown_command", command=literal(word)))
        return False
    out(
        t(
            "room.cli.status",
            joined=len(room.joined_names()),
            given=room.given(),
            state=t(room.state_key()),
            vote=t("room.state.vote_open" if room.vote_open else "room.state.vote_closed"),
            voters=len(room.voters()),
        )
        + "\n"
    )
    sys.stdout.flush()
    return False
