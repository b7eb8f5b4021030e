"""The room's vote page through aiohttp's test client: join, vote, change a mention, remove
one, the vote closed, blind (a phone sees only its own mentions), every refusal; the session
file checked after each (loaded with load_session, the vote counted by engine/vote)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import rtoml

from sieve.engine.vote import count_vote
from sieve.load.session import load_session
from sieve.room.room import Room
from sieve.room.server import MAX_BODY
from sieve.workbench import Workbench
from tests.conftest import copy_paris, sync
from tests.unit.room.test_room_server import Phone, _client, open_room

KIOSQUE = "carte-participative/kiosque"
TROC = "echange-local/trocateur"
OFF_BALLOT = "accueil-mairies/guichet"  # a case that does not pass the sieve


def votes_in(path: Path) -> dict:
    """The session file's ``[votes.*]`` as written."""
    return rtoml.loads(path.read_text(encoding="utf-8")).get("votes", {})


def counted(path: Path):
    """The session loaded from its files (no error) and its vote counted."""
    result = load_session(path)
    assert result.session is not None
    assert [p for p in result.problems if p.is_error] == []
    return result.session, count_vote(result.session)


async def vote(phone: Phone, mentions: dict[str, str]) -> None:
    await phone.get("/vote")
    fields = {f"m.{case}": level for case, level in mentions.items()}
    await phone.post("/vote", {"form": phone.form, **fields})


def open_vote_room(tmp_path: Path) -> Room:
    room = open_room(copy_paris(tmp_path))
    room.open_vote()
    return room


@sync
async def test_join_vote_change_remove(tmp_path: Path) -> None:
    room = open_vote_room(tmp_path)
    path = room.wb.path
    before = path.read_text(encoding="utf-8")
    assert "[vote]" not in before
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "agnes")
        assert 'href="/vote"' in phone.html  # the list of pages offers the open vote
        page = await phone.get("/vote")
        assert phone.status == 200 and "Vous votez en tant qu&#39;Agnès" in page
        # every case of the ballot, each mention worst first, then "no mention" checked
        for case in room.ballot()[0]:
            assert f'name="m.{case}" value="x" checked' in page
        words = re.findall(rf'name="m\.{KIOSQUE}" value="\d"> ([^<]+)</label>', page)
        assert words[0].strip() == "À rejeter" and words[-1].strip() == "Excellent"
        await vote(phone, {KIOSQUE: "6", TROC: "2"})
        assert phone.status == 200 and "Vote enregistré." in phone.html
        assert f'name="m.{KIOSQUE}" value="6" checked' in phone.html
        text = path.read_text(encoding="utf-8")
        assert 'scale = "mention"' in text  # the [vote] the first mention needs
        assert all(line in text for line in before.splitlines())  # lossless
        assert votes_in(path) == {"agnes": {KIOSQUE: 6, TROC: 2}}
        session, result = counted(path)
        assert result.voters == ("agnes",)
        assert result.line(KIOSQUE).majority == 6 and result.line(TROC).majority == 2
        # change one mention, remove the other, leave the rest as they were
        await vote(phone, {KIOSQUE: "4", TROC: "x"})
        assert phone.status == 200
        assert votes_in(path) == {"agnes": {KIOSQUE: 4}}
        session, result = counted(path)
        assert session.votes["agnes"] == {KIOSQUE: 4}
        assert result.line(KIOSQUE).profile == (0, 0, 0, 0, 1, 0, 0)
        # a page that changes nothing writes nothing
        unchanged = path.read_bytes()
        await vote(phone, {KIOSQUE: "4", TROC: "x"})
        assert phone.status == 200 and path.read_bytes() == unchanged
    finally:
        await client.close()


@sync
async def test_the_vote_closed_refuses_and_scoring_stays_apart(tmp_path: Path) -> None:
    room = open_room(copy_paris(tmp_path))
    path = room.wb.path
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "clemence")
        assert 'href="/vote"' not in phone.html  # not opened yet: not offered
        page = await phone.get("/vote")
        assert "Le vote n&#39;est pas ouvert" in page and "<fieldset disabled>" in page
        assert "Enregistrer mon vote" not in page
        before = path.read_bytes()
        await phone.post("/vote", {"form": phone.form, f"m.{KIOSQUE}": "3"})
        assert phone.status == 409 and "rien n&#39;a été enregistré" in phone.html
        assert path.read_bytes() == before
        room.open_vote()
        room.lock()  # scoring closed: the vote is not
        await vote(phone, {KIOSQUE: "3"})
        assert phone.status == 200
        assert votes_in(path) == {"clemence": {KIOSQUE: 3}}
        room.close_vote()
        before = path.read_bytes()
        await vote(phone, {KIOSQUE: "5"})
        assert phone.status == 409 and path.read_bytes() == before
        assert counted(path)[0].votes["clemence"] == {KIOSQUE: 3}
        # a restarted server keeps the vote's state
        assert Room(Workbench(path, autosave=False)).vote_open is False
        room.open_vote()
        assert Room(Workbench(path, autosave=False)).vote_open is True
    finally:
        await client.close()


@sync
async def test_blind_a_phone_sees_only_its_own_mentions(tmp_path: Path) -> None:
    room = open_vote_room(tmp_path)
    client = await _client(room)
    second = await _client(room)
    try:
        agnes, sabine = Phone(client), Phone(second)
        await agnes.join(room, "agnes")
        await sabine.join(room, "sabine")
        await vote(agnes, {KIOSQUE: "6", TROC: "0"})
        room.reveal()  # the scores' reveal: the vote stays blind on the phones
        for url in ("/vote", "/cases", f"/score?key={KIOSQUE}"):
            page = await sabine.get(url)
            assert sabine.status == 200
            assert "Agnès" not in page and 'value="6" checked' not in page
        page = await sabine.get("/vote")
        assert re.findall(r'value="(\d|x)" checked', page) == ["x"] * len(room.ballot()[0])
        page = await agnes.get("/vote")
        assert f'name="m.{KIOSQUE}" value="6" checked' in page
        assert f'name="m.{TROC}" value="0" checked' in page
        assert "majorit" not in page.lower()  # no result on any phone
        await vote(sabine, {KIOSQUE: "1"})
        assert votes_in(room.wb.path) == {"agnes": {KIOSQUE: 6, TROC: 0}, "sabine": {KIOSQUE: 1}}
        assert counted(room.wb.path)[1].voters == ("agnes", "sabine")
    finally:
        await client.close()
        await second.close()


@sync
async def test_every_vote_refusal_is_a_4xx_and_writes_nothing(tmp_path: Path) -> None:
    room = open_vote_room(tmp_path)
    path = room.wb.path
    client = await _client(room)
    stranger_client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "sabine")
        await phone.get("/vote")
        form = phone.form
        before = path.read_bytes()
        refusals = [
            ({"form": form, f"m.{KIOSQUE}": "7"}, 400, "hors de l"),  # top is 6
            ({"form": form, f"m.{KIOSQUE}": "-1"}, 400, "hors de l"),
            ({"form": form, f"m.{KIOSQUE}": "2.5"}, 400, "hors de l"),
            ({"form": form, f"m.{KIOSQUE}": "²"}, 400, "hors de l"),  # a digit, not ASCII
            ({"form": form, f"m.{KIOSQUE}": ""}, 400, "hors de l"),
            ({"form": form, f"m.{OFF_BALLOT}": "3"}, 400, "pas sur le bulletin"),
            ({"form": form, "m.nope/nope": "3"}, 400, "pas sur le bulletin"),
            ({"form": form, "m.../../etc": "3"}, 400, "pas sur le bulletin"),
            ({"form": form, f"m.{KIOSQUE}": "3", "scorer": "agnes"}, 400, "Champ inconnu"),
            ({"form": form, f"c.{KIOSQUE}": "3"}, 400, "Champ inconnu"),
            ({"form": "0" * 32, f"m.{KIOSQUE}": "3"}, 403, "Formulaire refusé"),
            ({f"m.{KIOSQUE}": "3"}, 403, "Formulaire refusé"),
            (f"m.{KIOSQUE}=1&".encode() + b"x" * MAX_BODY, 413, "trop gros"),
        ]
        for data, status, words in refusals:
            await phone.post("/vote", data)
            assert (phone.status, words in phone.html) == (status, True), (data, phone.html)
        # the same case twice
        twice = f"form={form}&m.{KIOSQUE}=1&m.{KIOSQUE}=2".encode()
        r = await client.post(
            "/vote", data=twice, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert r.status == 400
        # a device that has not joined, and one whose name was freed
        stranger = Phone(stranger_client)
        await stranger.post("/vote", {"form": form, f"m.{KIOSQUE}": "3"})
        assert stranger.status == 403 and "pas rejoint" in stranger.html
        await stranger.get("/vote")
        assert stranger.status == 403
        room.free("sabine")
        await phone.post("/vote", {"form": form, f"m.{KIOSQUE}": "3"})
        assert phone.status == 403
        assert path.read_bytes() == before
        assert "votes" not in rtoml.loads(path.read_text(encoding="utf-8"))
    finally:
        await client.close()
        await stranger_client.close()


@sync
async def test_an_explicit_ballot_and_a_session_without_a_scale(tmp_path: Path) -> None:
    session = copy_paris(tmp_path)
    with session.open("a", encoding="utf-8") as out:
        out.write(f'\n[vote]\nscale = "mention"\ncases = ["{OFF_BALLOT}", "{TROC}"]\n')
        out.write('question = "Un <b>bon</b> cas pratique ?"\n')
    room = open_room(session)
    room.open_vote()
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "maxime")
        page = await phone.get("/vote")
        assert re.findall(r'name="m\.([^"]+)" value="x"', page) == [OFF_BALLOT, TROC]
        assert "Un &lt;b&gt;bon&lt;/b&gt; cas pratique ?" in page  # file text is data
        await vote(phone, {KIOSQUE: "3"})
        assert phone.status == 400  # not on this ballot
        await vote(phone, {OFF_BALLOT: "5"})
        assert phone.status == 200 and votes_in(session) == {"maxime": {OFF_BALLOT: 5}}
        assert counted(session)[1].line(OFF_BALLOT).majority == 5
    finally:
        await client.close()
    # Mulhouse's tamis has no scale of mentions: no vote page
    mulhouse = tmp_path / "sessions" / "mulhouse.toml"
    room = open_room(mulhouse)
    room.open_vote()
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, next(iter(room.session.scorers)))
        assert 'href="/vote"' not in phone.html
        await phone.get("/vote")
        assert phone.status == 404 and "pas de vote" in phone.html
    finally:
        await client.close()


@sync
async def test_the_vote_page_is_light_and_in_english(tmp_path: Path) -> None:
    room = open_vote_room(tmp_path)
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "mehdi")
        page = await phone.get("/vote")
        css = await phone.get("/room.css")
        assert len(page.encode()) + len(css.encode()) < 50_000
        assert "<script" not in page and not re.search(r"(src|href|action)=\"(https?:)?//", page)
        r = await client.get("/vote", headers={"Accept-Language": "en-GB,en;q=0.9"})
        text = await r.text()
        assert "You are voting as Mehdi" in text and "No mention" in text
        r = await client.get("/cases?lang=en")
        assert "The vote is open" in await r.text()
    finally:
        await client.close()


@sync
async def test_25_phones_voting_at_once_lose_no_mention(tmp_path: Path) -> None:
    """25 phones send their vote page at the same time, while some of them score: every
    mention is in the session file, every level in its score file."""
    session = copy_paris(tmp_path)
    with session.open("a", encoding="utf-8") as out:
        for n in range(25):
            out.write(f'\n[[scorer]]\nid = "voter-{n}"\nname = "Voter {n}"\n')
    room = open_room(session)
    room.open_vote()
    clients = [await _client(room) for _ in range(25)]
    try:
        phones = [Phone(c) for c in clients]
        for n, phone in enumerate(phones):
            await phone.join(room, f"voter-{n}")
        cases, scale = room.ballot()
        size = len(scale.levels)

        async def send(n: int, phone: Phone) -> None:
            await phone.get("/vote")
            fields = {f"m.{case}": str((n + i) % size) for i, case in enumerate(cases)}
            r = await phone.client.post(
                "/vote", data={"form": phone.form, **fields}, allow_redirects=False
            )
            assert r.status == 303, await r.text()
            if n % 5 == 0:  # a few score a page at the same time
                r = await phone.client.post(
                    "/score",
                    data={"form": phone.form, "key": KIOSQUE, "note": "", "c.essai-erreur": "2"},
                    allow_redirects=False,
                )
                assert r.status == 303, await r.text()

        await asyncio.gather(*(send(n, p) for n, p in enumerate(phones)))
        room.save()
        loaded, result = counted(session)
        lost = sum(
            loaded.votes.get(f"voter-{n}", {}).get(case) != (n + i) % size
            for n in range(25)
            for i, case in enumerate(cases)
        )
        assert lost == 0
        assert len(result.voters) == 25
        for n in range(0, 25, 5):
            assert loaded.scores[f"voter-{n}"][KIOSQUE]["essai-erreur"] == 2
    finally:
        for c in clients:
            await c.close()
