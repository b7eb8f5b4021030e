"""Defects a QA try found in the room's server (aiohttp test client): unreadable bodies,
fields given twice, a missing key, the phones' words (no laptop path, elision, numbers)."""

from __future__ import annotations

from pathlib import Path

from sieve.room.room import Room
from tests.conftest import copy_paris, sync
from tests.unit.room.test_room_server import CASE, Phone, _client, files_bytes, open_room

ROUTES = ("/join", "/claim", "/score", "/vote")


def _room(tmp_path: Path) -> Room:
    room = open_room(copy_paris(tmp_path))
    room.open_vote()
    return room


@sync
async def test_an_unreadable_body_is_a_400_page_on_every_route(tmp_path: Path) -> None:
    """Bytes that are not UTF-8, a multipart body, another content type: 400, nothing
    written, never a 500 (they were: UnicodeDecodeError, "Could not find starting boundary")."""
    room = _room(tmp_path)
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "agnes")
        await phone.get(f"/score?key={CASE}")
        form = phone.form
        before = files_bytes(tmp_path)
        multipart = (
            '--XyZ\r\nContent-Disposition: form-data; name="form"\r\n\r\n'
            f'{form}\r\n--XyZ\r\nContent-Disposition: form-data; name="m.{CASE}"\r\n\r\n'
            "3\r\n--XyZ--\r\n"
        ).encode()
        bodies = [
            (f"form={form}&key=".encode() + b"\xff", "application/x-www-form-urlencoded"),
            (f"form={form}&key=%ff".encode(), "application/x-www-form-urlencoded"),
            (multipart, "multipart/form-data; boundary=XyZ"),
            (f"form={form}&m.{CASE}=3".encode(), "text/plain"),
            (b'{"form": "x"}', "application/json"),
        ]
        for route in ROUTES:
            for body, kind in bodies:
                r = await client.post(route, data=body, headers={"Content-Type": kind})
                html = await r.text()
                assert r.status == 400, (route, kind, r.status, html[:300])
                assert "Envoi illisible" in html and "Traceback" not in html
        assert files_bytes(tmp_path) == before
    finally:
        await client.close()


@sync
async def test_a_field_given_twice_says_so(tmp_path: Path) -> None:
    room = _room(tmp_path)
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "agnes")
        await phone.get(f"/score?key={CASE}")
        form = phone.form
        before = files_bytes(tmp_path)
        kind = {"Content-Type": "application/x-www-form-urlencoded"}
        for route, body in (
            ("/score", f"form={form}&key={CASE}&c.essai-erreur=1&c.essai-erreur=2"),
            ("/vote", f"form={form}&m.{CASE}=2&m.{CASE}=3"),
        ):
            r = await client.post(route, data=body.encode(), headers=kind)
            html = await r.text()
            assert r.status == 400
            assert "Champ donné deux fois" in html and "Champ inconnu" not in html
        assert files_bytes(tmp_path) == before
    finally:
        await client.close()


@sync
async def test_a_broken_session_file_never_shows_the_laptops_path(tmp_path: Path) -> None:
    room = _room(tmp_path)
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "agnes")
        path = room.wb.path
        path.write_text(path.read_text(encoding="utf-8") + "\n[[broken\n", encoding="utf-8")
        room.wb.reload()
        assert room.wb.session is None
        for url in ("/cases", f"/score?key={CASE}", "/vote", "/"):
            html = await phone.get(url)
            assert phone.status == 503, (url, html[:300])
            assert "La séance est en cours de correction, réessayez dans un instant." in html
            assert str(tmp_path) not in html and "paris.toml" not in html
        r = await client.get("/cases?lang=en")
        assert "The session is being corrected, try again in a moment." in await r.text()
    finally:
        await client.close()


@sync
async def test_group_levels_are_written_as_numbers_for_people(tmp_path: Path) -> None:
    """A median of 2.5 is "2,5" in French, "2.5" in English; 3.0 is "3" (it was "3.0")."""
    room = _room(tmp_path)
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "agnes")
        await phone.score(CASE, {"interet-formation": "x"})  # six levels left: 0 1 2 3 4 4
        room.reveal()
        page = await phone.get(f"/score?key={CASE}")
        assert "Niveau du groupe : 2,5<" in page  # interet-formation
        assert "Niveau du groupe : 3<" in page  # essai-erreur: seven 2s and 3s
        assert ".0<" not in page and "2.5" not in page
        english = await phone.get(f"/score?key={CASE}&lang=en")
        assert "Group level: 2.5<" in english and "Group level: 3<" in english
        assert ".0<" not in english
    finally:
        await client.close()


def test_que_is_elided_before_a_vowel_or_an_h() -> None:
    from sieve.i18n import elides

    names = ("Agnès", "Isabelle", "Hugo", "Élise", "Bob", "Zoé", "")
    assert [elides(n) for n in names] == [True, True, True, True, False, False, False]


@sync
async def test_the_pages_elide_que_before_the_name(tmp_path: Path) -> None:
    room = _room(tmp_path)
    client = await _client(room)
    other = await _client(room)
    try:
        agnes, sabine = Phone(client), Phone(other)
        await agnes.join(room, "agnes")
        await sabine.join(room, "sabine")
        assert "Vous notez en tant qu&#39;Agnès." in await agnes.get("/cases")
        assert "Vous votez en tant qu&#39;Agnès." in await agnes.get("/vote")
        assert "Vous notez en tant que Sabine." in await sabine.get("/cases")
        assert "Vous votez en tant que Sabine." in await sabine.get("/vote")
        assert "You are voting as Agnès." in await agnes.get("/vote?lang=en")
    finally:
        await client.close()
        await other.close()


@sync
async def test_a_score_page_without_a_key_asks_for_a_case_never_none(tmp_path: Path) -> None:
    room = _room(tmp_path)
    client = await _client(room)
    try:
        phone = Phone(client)
        await phone.join(room, "agnes")
        for url in ("/score", "/score?key="):
            html = await phone.get(url)
            assert phone.status == 400 and "None" not in html
            assert "Aucun sujet ni cas choisi : choisissez-en un dans la liste." in html
        await phone.get(f"/score?key={CASE}")
        before = files_bytes(tmp_path)
        html = await phone.post("/score", {"form": phone.form, "c.essai-erreur": "1"})
        assert phone.status == 400 and "None" not in html and "Aucun sujet ni cas" in html
        assert files_bytes(tmp_path) == before
    finally:
        await client.close()
