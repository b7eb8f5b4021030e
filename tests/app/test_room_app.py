"""The Room screen (key ``j``): the server in the app's loop, a phone's submission counted
at once while blind mode hides every level, the matrix showing it after the reveal."""

from __future__ import annotations

import re
import time

from aiohttp import ClientSession, CookieJar
from conftest import TWO_SCORERS, sync

from sieve.app.app import SieveApp
from sieve.app.screens.room import RoomScreen
from sieve.app.widgets.matrix import MatrixView


def text_of(screen, selector: str) -> str:
    from textual.widgets import Static

    return str(screen.query_one(selector, Static).render())


async def _phone_scores(url: str, code: str) -> float:
    """Bob joins from a phone and gives a/x learn = 0; the seconds the POST took."""
    async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as phone:
        page = await (await phone.get(f"{url}?code={code}")).text()
        form = re.search(r'name="form" value="([^"]+)"', page).group(1)
        await phone.post(f"{url}claim", data={"form": form, "scorer": "bob"})
        start = time.perf_counter()
        r = await phone.post(
            f"{url}score",
            data={"form": form, "key": "a/x", "note": "", "c.learn": "0", "c.doable": "1"},
        )
        assert r.status == 200, await r.text()
        return time.perf_counter() - start


@sync
async def test_room_counts_a_submission_blind_then_the_matrix_shows_it(workspace, monkeypatch):
    monkeypatch.setattr(RoomScreen, "port", 0)
    path = workspace(TWO_SCORERS)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        server = app.room_server
        assert server is not None and server.running
        assert app.blind  # the room opens blind
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        assert " ".join(server.room.code) in text_of(screen, "#room-info")
        progress = text_of(screen, "#room-progress")
        assert "Angle X  1/2" in progress
        took = await _phone_scores(server.url, server.room.code)
        await pilot.pause()
        assert took < 1.0
        progress = text_of(screen, "#room-progress")
        assert "Angle X  2/2" in progress  # Bob's page is counted at once
        assert "Bob" in str(screen.query_one("#room-joined").get_option_at_index(0).prompt)
        await pilot.press("f")  # free the highlighted name: Bob's phone must choose again
        await pilot.pause()
        assert server.room.taken() == {}
        # no level anywhere: the room shows counts, the matrix hides the group while blind
        await pilot.press("1")
        await pilot.pause()
        row = next(r for r in app.screen.query_one(MatrixView).rows if r.case == "a/x")
        assert row.score == "░" and {text for text, _ in row.cells if text} == {"░"}
        # the reveal: blind mode off, the matrix shows the group with Bob's level
        await pilot.press("j", "r")
        await pilot.pause()
        assert not app.blind and server.room.revealed
        await pilot.press("1")
        await pilot.pause()
        row = next(r for r in app.screen.query_one(MatrixView).rows if r.case == "a/x")
        assert row.score.strip() == "61 #1"  # (2 x 2/3 + 1 x median(3, 0)/3) / 3
        await pilot.press("j", "enter")  # close the room
        await pilot.app.workers.wait_for_complete()
        assert not server.running
    text = path.parent.joinpath("s-scores", "bob.toml").read_text(encoding="utf-8")
    assert '"a/x" = { learn = 0, doable = 1 }' in text
    journal = path.read_text(encoding="utf-8")
    assert journal.count("[[round]]") == 3  # opened, closed (by the reveal), revealed


async def _phone_votes(url: str, code: str, scorer: str, mentions: dict[str, str]) -> None:
    """A phone joins as ``scorer`` and sends its vote page."""
    async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as phone:
        page = await (await phone.get(f"{url}?code={code}")).text()
        form = re.search(r'name="form" value="([^"]+)"', page).group(1)
        await phone.post(f"{url}claim", data={"form": form, "scorer": scorer})
        fields = {f"m.{case}": level for case, level in mentions.items()}
        r = await phone.post(f"{url}vote", data={"form": form, **fields})
        assert r.status == 200, await r.text()


@sync
async def test_a_phones_vote_moves_the_vote_screens_progress_with_nothing_revealed(
    tmp_path, monkeypatch
):
    from conftest import copy_paris
    from textual.widgets import OptionList

    from sieve.app.screens.vote import VoteScreen

    monkeypatch.setattr(RoomScreen, "port", 0)
    path = copy_paris(tmp_path)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        server = app.room_server
        assert "vote fermé ; ont voté : 0" in text_of(app.screen, "#room-info")
        await pilot.press("o")  # the vote opened to the phones
        await pilot.pause()
        assert server.room.vote_open
        assert "vote ouvert ; ont voté : 0" in text_of(app.screen, "#room-info")
        await pilot.press("n")  # a toggle kept in the room's state only repaints too
        await pilot.pause()
        assert "participant·es : permis" in text_of(app.screen, "#room-info")
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VoteScreen) and screen.voter == "agnes"
        assert "votant·es : 0" in text_of(screen, "#bar")
        kiosque, troc = "carte-participative/kiosque", "echange-local/trocateur"
        await _phone_votes(server.url, server.room.code, "agnes", {kiosque: "6", troc: "0"})
        await pilot.pause()
        assert "votant·es : 1" in text_of(screen, "#bar")  # moved at once
        assert "Ont voté (1) : Agnès" in text_of(screen, "#explain")
        options = screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        shown = "\n".join(lines)
        # nothing revealed: no rank, no majority mention, not even Agnès's own mentions
        assert "Excellent" not in shown and "À rejeter" not in shown
        assert lines[0].count("sur son téléphone") == 1 and not lines[0].lstrip()[0].isdigit()
        assert all(len(line) <= screen.size.width - 6 for line in lines)  # one line each
        await pilot.press("r")  # blind mode (the room is open) keeps the results hidden
        await pilot.pause()
        assert "Excellent" not in "\n".join(
            str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
        )
    assert load_votes(path) == {"agnes": {kiosque: 6, troc: 0}}


def load_votes(path) -> dict:
    from sieve.load.session import load_session

    return load_session(path).session.votes


@sync
async def test_the_closed_room_shows_the_address_it_will_have_with_its_port(workspace):
    app = SieveApp(workspace(TWO_SCORERS), watch=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert "http://127.0.0.1:8027/" in text_of(app.screen, "#room-info")
        await pilot.press("h")  # the next address of this machine, same port
        await pilot.pause()
        host = app.screen.hosts[app.screen.host_index]
        assert f"{host}:8027/" in text_of(app.screen, "#room-info")


def _ballot_lines(screen) -> list[str]:
    from textual.widgets import OptionList

    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@sync
async def test_a_phones_mentions_never_show_on_the_vote_screen(tmp_path, monkeypatch):
    """After the reveal, the name freed, the room closed, the app started again: the
    phone's own mentions stay off the projector; the results (ranks) show."""
    from conftest import copy_paris

    monkeypatch.setattr(RoomScreen, "port", 0)
    path = copy_paris(tmp_path)
    kiosque, troc = "carte-participative/kiosque", "echange-local/trocateur"
    path.write_text(
        path.read_text(encoding="utf-8")
        + f'\n[vote]\nscale = "mention"\ncases = ["{kiosque}", "{troc}"]\n',
        encoding="utf-8",
    )

    def phone_hidden(screen) -> None:
        lines = _ballot_lines(screen)
        assert screen.voter == "agnes" and len(lines) == 2
        assert all("sur son téléphone" in line for line in lines), lines
        assert not any("5 Très" in line or "1 Insuffisant" in line for line in lines), lines
        assert all(len(line) <= screen.size.width - 6 for line in lines)

    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        server = app.room_server
        await pilot.press("o")
        await pilot.pause()
        await _phone_votes(server.url, server.room.code, "agnes", {kiosque: "5", troc: "1"})
        await pilot.press("r", "v", "r")  # the room's reveal (blind off), the vote's reveal
        await pilot.pause()
        screen = app.screen
        assert screen.shown and _ballot_lines(screen)[0].lstrip().startswith("1.")
        phone_hidden(screen)
        await pilot.press("j", "f")  # Agnès's name freed
        await pilot.pause()
        assert server.room.taken() == {}
        await pilot.press("v")
        await pilot.pause()
        phone_hidden(app.screen)
        await pilot.press("j", "enter")  # the room closed
        await pilot.app.workers.wait_for_complete()
        await pilot.press("v")
        await pilot.pause()
        phone_hidden(app.screen)
    app = SieveApp(path, watch=False)  # the app started again: the room's state remembers
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("v", "r")
        await pilot.pause()
        assert app.screen.shown
        phone_hidden(app.screen)


@sync
async def test_reopening_scoring_after_the_reveal_turns_blind_mode_back_on(workspace, monkeypatch):
    monkeypatch.setattr(RoomScreen, "port", 0)
    app = SieveApp(workspace(TWO_SCORERS), watch=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        room = app.room_server.room
        assert app.blind
        await pilot.press("l", "r")  # scoring closed, then revealed: blind mode off
        await pilot.pause()
        assert room.revealed and not app.blind
        await pilot.press("l")  # a new round: scoring open, the group hidden, blind again
        await pilot.pause()
        assert not room.locked and not room.revealed
        assert app.blind
        assert "AVEUGLE" in text_of(app.screen, "#room-info").upper()
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()


@sync
async def test_the_open_room_shows_its_other_keys_at_80x24(workspace, monkeypatch):
    """``f``, ``n``, ``o`` are not in the footer: their line shows, whole, open or closed."""
    from rich.cells import cell_len
    from textual.widgets import Static

    monkeypatch.setattr(RoomScreen, "port", 0)
    app = SieveApp(workspace(TWO_SCORERS), watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        for running in (False, True, False):
            server = app.room_server
            assert (server is not None and server.running) is running
            keys = app.screen.query_one("#room-keys", Static)
            words = str(keys.render())
            assert "f libérer le nom choisi" in words and "o ouvrir/fermer le vote" in words
            region = keys.region
            assert region.height == 1 and region.y < 24 - 1  # above the footer
            assert cell_len(words) <= region.width - 2  # not cut
            if running is not False or server is None:
                await pilot.press("enter")  # open (then close) the room
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()


@sync
async def test_h_while_open_and_a_taken_port_say_so_in_french(workspace, monkeypatch):
    import socket

    from test_app_qa import toasts

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        monkeypatch.setattr(RoomScreen, "port", port)
        app = SieveApp(workspace(TWO_SCORERS), watch=False)
        async with app.run_test(size=(110, 36)) as pilot:
            await pilot.press("j", "enter")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert app.room_server is None
            assert toasts(app)[-1] == (
                f"Le port {port} est déjà pris (une autre salle est ouverte ?) : fermez-la, "
                "ou lancez la salle avec «\u00a0sieve room SESSION --port N\u00a0»."
            )
            monkeypatch.setattr(RoomScreen, "port", 0)
            await pilot.press("enter")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert app.room_server.running
            index = app.screen.host_index
            await pilot.press("h")  # nothing changes while open, and the toast says why
            await pilot.pause()
            assert app.screen.host_index == index
            assert toasts(app)[-1].startswith("L'adresse se change quand la salle est fermée")
            await pilot.press("enter")
            await pilot.app.workers.wait_for_complete()
    finally:
        taken.close()


@sync
async def test_the_closed_rooms_address_takes_each_languages_colon(workspace):
    from sieve import i18n

    path = workspace(TWO_SCORERS)
    try:
        for lang, words in (("en", "Address: http://127.0.0.1:8027/"),
                            ("fr", "Adresse : http://127.0.0.1:8027/")):  # fmt: skip
            i18n.set_lang(lang)
            app = SieveApp(path, watch=False)
            async with app.run_test(size=(110, 36)) as pilot:
                await pilot.press("j")
                await pilot.pause()
                assert words in text_of(app.screen, "#room-info")
    finally:
        i18n.set_lang("fr")


@sync
async def test_quitting_while_the_room_is_open_asks_first(workspace, monkeypatch):
    from sieve.app.screens.forms import ConfirmDialog

    monkeypatch.setattr(RoomScreen, "port", 0)
    app = SieveApp(workspace(TWO_SCORERS), watch=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        server = app.room_server
        assert server.running
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # not gone: asked
        from textual.widgets import Button

        assert str(app.screen.query_one("#yes", Button).label) == "Oui, quitter (o)"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RoomScreen) and server.running and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("o")  # oui
        await pilot.pause()
        assert not server.running
    assert app.return_code is not None
