"""The room's server through aiohttp's test client: joining, scoring, abstaining, notes,
changes, lock, reveal and every refusal, each checked against the score files afterwards."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import rtoml
from aiohttp import CookieJar
from aiohttp.test_utils import TestClient, TestServer

from sieve.load.session import load_session
from sieve.room.room import GUESS_LIMIT, NOTE_MAX, Room
from sieve.room.server import MAX_BODY, make_app
from sieve.workbench import Workbench
from tests.conftest import copy_paris, sync

CASE = "carte-participative/kiosque"
SUBJECT = "carte-participative"


def files_bytes(root: Path) -> dict[Path, bytes]:
    """Every file under ``sessions/`` (score files, session), the room's state left out."""
    return {
        p: p.read_bytes()
        for p in sorted((root / "sessions").rglob("*"))
        if p.is_file() and p.name != ".room.json"
    }


def scores_in(path: Path, scorer: str) -> dict:
    return rtoml.loads(path.read_text(encoding="utf-8")).get("scores", {}).get(scorer, {})


def notes_in(path: Path, scorer: str) -> dict:
    return rtoml.loads(path.read_text(encoding="utf-8")).get("notes", {}).get(scorer, {})


class Phone:
    """One participant's browser: its own cookie jar, the last page, its form value."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.html = ""
        self.status = 0

    async def get(self, url: str) -> str:
        r = await self.client.get(url)
        self.status, self.html = r.status, await r.text()
        return self.html

    async def post(self, url: str, data: dict | bytes) -> str:
        r = await self.client.post(url, data=data)
        self.status, self.html = r.status, await r.text()
        return self.html

    @property
    def form(self) -> str:
        return re.search(r'name="form" value="([^"]+)"', self.html).group(1)

    async def join(self, room: Room, scorer: str | None = None, name: str | None = None) -> None:
        await self.get("/")
        await self.post("/join", {"form": self.form, "code": room.code})
        assert self.status == 200, self.html
        data = {"form": self.form}
        if scorer:
            data["scorer"] = scorer
        if name:
            data["name"] = name
        await self.post("/claim", data)
        assert self.status == 200, self.html

    async def score(self, key: str, levels: dict[str, str], note: str = "") -> None:
        await self.get(f"/score?key={key}")
        fields = {f"c.{c}": v for c, v in levels.items()}
        await self.post("/score", {"form": self.form, "key": key, "note": note, **fields})


async def _client(room: Room) -> TestClient:
    client = TestClient(TestServer(make_app(room)), cookie_jar=CookieJar(unsafe=True))
    await client.start_server()
    return client


def open_room(session: Path, allow_new: bool = False) -> Room:
    room = Room(Workbench(session, autosave=False), allow_new=allow_new)
    room.start()
    return room


@pytest.fixture
def paris_room(tmp_path: Path) -> Room:
    return open_room(copy_paris(tmp_path))


@sync
async def test_join_score_abstain_note_change(paris_room: Room, tmp_path: Path) -> None:
    room = paris_room
    agnes = tmp_path / "sessions" / "paris-scores" / "agnes.toml"
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "agnes")
        assert "Vous notez en tant qu&#39;Agnès" in phone.html
        levels = {
            "interet-formation": "4",
            "variete-methodes": "x",  # je ne sais pas
            "tenable-sessions": "0",
            "essai-erreur": "2",
            "transfert-labo": "1",
        }
        await phone.score(CASE, levels, note="Très concret <b>vraiment</b>")
        assert phone.status == 200 and "Enregistré" in phone.html
        row = scores_in(agnes, "agnes")[CASE]
        assert row == {
            "interet-formation": 4,
            "tenable-sessions": 0,
            "essai-erreur": 2,
            "transfert-labo": 1,
        }
        assert notes_in(agnes, "agnes")[CASE] == "Très concret <b>vraiment</b>"
        # what was given shows again, the note escaped in its field
        page = await phone.get(f"/score?key={CASE}")
        assert 'name="c.interet-formation" value="4" checked' in page
        assert 'name="c.variete-methodes" value="x" checked' in page
        assert "Très concret &lt;b&gt;vraiment&lt;/b&gt;</textarea>" in page
        # change an answer, abstain on another, remove the note
        await phone.score(CASE, {"interet-formation": "1", "essai-erreur": "x"}, note="")
        row = scores_in(agnes, "agnes")[CASE]
        assert row == {"interet-formation": 1, "tenable-sessions": 0, "transfert-labo": 1}
        assert CASE not in notes_in(agnes, "agnes")
        # the subject criteria, once for the subject
        await phone.score(SUBJECT, {"besoin-usagers": "3"})
        assert scores_in(agnes, "agnes")[SUBJECT]["besoin-usagers"] == 3
        result = load_session(room.wb.path)
        assert result.session is not None
        assert [p for p in result.problems if p.is_error] == []
        assert result.session.scores["agnes"][CASE]["interet-formation"] == 1
    finally:
        await client.close()


@sync
async def test_a_new_participant_gets_a_score_folder_file_and_pattern(tmp_path: Path) -> None:
    """Mulhouse names no score file: the folder, the pattern and the file are made."""
    copy_paris(tmp_path)
    session = tmp_path / "sessions" / "mulhouse.toml"
    before = session.read_text(encoding="utf-8")
    assert "scores = [" not in before
    room = open_room(session, allow_new=True)
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, name="Zoé Martin")
        own = tmp_path / "sessions" / "mulhouse-scores" / "zoe-martin.toml"
        assert own.is_file()
        text = session.read_text(encoding="utf-8")
        assert 'scores = ["mulhouse-scores/*.toml"]' in text
        assert 'id = "zoe-martin"' in text and 'name = "Zoé Martin"' in text
        # every line of the session is still there (lossless)
        assert all(line in text for line in before.splitlines())
        await phone.score("carte-max/immersion-jeunes", {"interet-formation": "3"}, "ok")
        assert scores_in(own, "zoe-martin") == {
            "carte-max/immersion-jeunes": {"interet-formation": 3}
        }
        assert notes_in(own, "zoe-martin") == {"carte-max/immersion-jeunes": "ok"}
        loaded = load_session(session)
        assert loaded.session is not None
        assert loaded.session.scores["zoe-martin"]["carte-max/immersion-jeunes"] == {
            "interet-formation": 3
        }
    finally:
        await client.close()


@sync
async def test_lock_refuses_then_reveal_shows_the_group_and_the_journal_says_so(
    paris_room: Room, tmp_path: Path
) -> None:
    room = paris_room
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "clemence")
        await phone.score(CASE, {"essai-erreur": "3"})
        room.lock()
        before = files_bytes(tmp_path)
        await phone.get(f"/score?key={CASE}")
        assert "<fieldset disabled>" in phone.html
        await phone.post(
            "/score", {"form": phone.form, "key": CASE, "note": "", "c.essai-erreur": "0"}
        )
        assert phone.status == 409 and "La notation est close" in phone.html
        assert files_bytes(tmp_path) == before
        page = await phone.get(f"/score?key={CASE}")
        assert "Niveau du groupe" not in page
        room.reveal()
        page = await phone.get(f"/score?key={CASE}")
        assert "Niveau du groupe" in page
        rounds = rtoml.loads(room.wb.path.read_text(encoding="utf-8"))["round"]
        assert [r["event"] for r in rounds] == ["opened", "closed", "revealed"]
        assert rounds[1]["scorers"] == ["clemence"]
        room.unlock()
        await phone.score(CASE, {"essai-erreur": "1"})
        assert phone.status == 200
        assert room.wb.session.scores["clemence"][CASE]["essai-erreur"] == 1
    finally:
        await client.close()


@sync
async def test_every_refusal_is_a_4xx_and_writes_nothing(paris_room: Room, tmp_path: Path) -> None:
    room = paris_room
    client = await _client(room)
    other = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "sabine")
        await phone.get(f"/score?key={CASE}")
        form = phone.form
        before = files_bytes(tmp_path)

        def ok(**fields: str) -> dict:
            return {"form": form, "key": CASE, "note": "", **fields}

        refusals = [
            (ok(**{"c.essai-erreur": "4"}), 400, "hors de l"),  # top is 3
            (ok(**{"c.essai-erreur": "-1"}), 400, "hors de l"),
            (ok(**{"c.essai-erreur": "1.5"}), 400, "hors de l"),
            (ok(**{"c.essai-erreur": "²"}), 400, "hors de l"),  # a digit, not ASCII: was a 500
            (ok(**{"c.tenable-sessions": "2"}), 400, "hors de l"),  # yes/no scale
            (ok(**{"c.nope": "1"}), 400, "applique pas"),
            (ok(**{"c.besoin-usagers": "1"}), 400, "applique pas"),  # a subject criterion
            (ok(**{"c.essai-erreur": "1", "scorer": "agnes"}), 400, "Champ inconnu"),
            ({**ok(**{"c.essai-erreur": "1"}), "key": "nope/nope"}, 404, "existe pas"),
            ({**ok(**{"c.essai-erreur": "1"}), "key": "../../etc"}, 404, "existe pas"),
            ({**ok(**{"c.essai-erreur": "1"}), "form": "0" * 32}, 403, "Formulaire refusé"),
            ({"key": CASE, "c.essai-erreur": "1"}, 403, "Formulaire refusé"),
            (ok(**{"c.essai-erreur": "1"}) | {"note": "x" * (NOTE_MAX + 1)}, 413, "trop longue"),
            (b"c.essai-erreur=1&" + b"x" * MAX_BODY, 413, "trop gros"),
        ]
        for data, status, words in refusals:
            await phone.post("/score", data)
            assert (phone.status, words in phone.html) == (status, True), (data, phone.html)
        # the same field twice
        twice = f"form={form}&key={CASE}&c.essai-erreur=1&c.essai-erreur=2".encode()
        r = await client.post(
            "/score", data=twice, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert r.status == 400
        # a device that has not joined (no cookie, or a token of its own making)
        stranger = Phone(other)
        await stranger.post("/score", ok(**{"c.essai-erreur": "1"}))
        assert stranger.status == 403 and "pas rejoint" in stranger.html
        await stranger.get("/cases")
        assert stranger.status == 403
        # a wrong code, then too many guesses
        await stranger.get("/")
        code_form = stranger.form
        for _ in range(GUESS_LIMIT):
            await stranger.post("/join", {"form": code_form, "code": "000000x"})
            assert stranger.status == 403 and "pas celui de la séance" in stranger.html
        await stranger.post("/join", {"form": code_form, "code": room.code})
        assert stranger.status == 429
        # a name taken by another device, a name not in the session
        room._guesses.clear()
        await stranger.get("/")
        await stranger.post("/join", {"form": stranger.form, "code": room.code})
        names_form = stranger.form
        await stranger.post("/claim", {"form": names_form, "scorer": "sabine"})
        assert stranger.status == 409 and "déjà pris" in stranger.html
        await stranger.post("/claim", {"form": names_form, "scorer": "nobody"})
        assert stranger.status == 400
        await stranger.post("/claim", {"form": names_form, "name": "Nouvelle Personne"})
        assert stranger.status == 403  # adding oneself is not allowed in this room
        assert files_bytes(tmp_path) == before
        # an unknown page
        await phone.get("/../../sessions/paris.toml")
        assert phone.status == 404
    finally:
        await client.close()
        await other.close()


@sync
async def test_freeing_a_name_and_a_restart_keeps_the_room(
    paris_room: Room, tmp_path: Path
) -> None:
    room = paris_room
    client = await _client(room)
    second = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "sophie")
        assert room.free("sophie")
        await phone.get("/cases")
        assert phone.status == 403
        other = Phone(second)
        await other.join(room, "sophie")
        await other.score(CASE, {"essai-erreur": "2"})
        assert other.status == 200
        # a new server on the same files: the same code, the device still holds its name
        again = Room(Workbench(room.wb.path, autosave=False))
        assert again.code == room.code
        assert again.scorer_of(next(c.value for c in second.session.cookie_jar)) == "sophie"
        assert again.wb.session.scores["sophie"][CASE]["essai-erreur"] == 2
    finally:
        await client.close()
        await second.close()


@sync
async def test_pages_are_light_local_and_bilingual(paris_room: Room) -> None:
    room = paris_room
    client = await _client(room)
    try:
        phone = Phone(client)
        pages = [await phone.get("/")]
        await phone.join(room, "maxime")
        pages.append(phone.html)
        for item in room.items():
            pages.append(await phone.get(f"/score?key={item.key}"))
        css = await phone.get("/room.css")
        for page in pages:
            assert len(page.encode()) + len(css.encode()) < 50_000
            assert "<fieldset" in page or "<form" in page or "<ul" in page
            assert not re.search(r"(src|href|action)=\"(https?:)?//", page)
            assert "<script" not in page
        r = await client.get("/cases", headers={"Accept-Language": "en-GB,en;q=0.9"})
        assert "You are scoring as Maxime" in await r.text()
        r = await client.get("/cases?lang=en")
        assert 'lang="en"' in await r.text()
        r = await client.get("/cases", headers={"Accept-Language": "fr"})
        assert "You are scoring" in await r.text()  # the switch is kept in a cookie
        assert r.headers["Content-Security-Policy"].startswith("default-src 'none'")
    finally:
        await client.close()


def test_file_text_is_escaped(workspace) -> None:
    """A case's title from the file is data on the participant's page."""
    from tests.conftest import FIVE_CASES

    path = workspace(FIVE_CASES)
    text = path.read_text(encoding="utf-8")
    angle = re.compile(r'(\[\[angle\]\][^\[]*?title = )"[^"]*"')
    text = angle.sub(r'\1"<script>alert(1)</script>"', text, count=1)
    path.write_text(text, encoding="utf-8")

    async def run() -> str:
        room = open_room(path)
        client = await _client(room)
        try:
            phone = Phone(client)
            await phone.join(room, next(iter(room.session.scorers)))
            return await phone.get("/cases")
        finally:
            await client.close()

    page = asyncio.run(run())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page


@sync
async def test_25_participants_at_once_lose_nothing(tmp_path: Path) -> None:
    """25 phones send pages of Mulhouse concurrently: every level is in the files, each
    participant's in their own file."""
    copy_paris(tmp_path)
    session = tmp_path / "sessions" / "mulhouse.toml"
    with session.open("a", encoding="utf-8") as out:
        for n in range(25):
            out.write(f'\n[[scorer]]\nid = "participant-{n}"\nname = "Participant {n}"\n')
    room = open_room(session)
    client = await _client(room)
    try:
        # one cookie jar per phone: a client each
        clients = [await _client(room) for _ in range(25)]
        phones = [Phone(c) for c in clients]
        for n, phone in enumerate(phones):
            await phone.join(room, f"participant-{n}")
        items = room.items()[:4]  # a subject and three cases each (the benchmark does all)

        async def fill(n: int, phone: Phone) -> None:
            for item in items:
                await phone.get(f"/score?key={item.key}")
                levels = {
                    f"c.{c.id}": str((n + i) % (c.scale.top + 1))
                    for i, c in enumerate(item.criteria)
                }
                r = await phone.client.post(
                    "/score",
                    data={"form": phone.form, "key": unquote(item.key), "note": f"n{n}", **levels},
                    allow_redirects=False,
                )
                assert r.status == 303, await r.text()

        await asyncio.gather(*(fill(n, p) for n, p in enumerate(phones)))
        loaded = load_session(session).session
        assert loaded is not None
        lost = 0
        for n in range(25):
            scorer = f"participant-{n}"
            for item in items:
                for i, c in enumerate(item.criteria):
                    want = (n + i) % (c.scale.top + 1)
                    got = loaded.scores.get(scorer, {}).get(item.key, {}).get(c.id)
                    lost += got != want
                assert loaded.notes[scorer][item.key] == f"n{n}"
            own = tmp_path / "sessions" / "mulhouse-scores" / f"{scorer}.toml"
            assert len(scores_in(own, scorer)) == len(items)
        assert lost == 0
        for c in clients:
            await c.close()
    finally:
        await client.close()
