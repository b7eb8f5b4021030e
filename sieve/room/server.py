"""The participants' HTTP server: aiohttp, server-rendered pages, every request validated.

The pages are Jinja2 templates with autoescape on (file text is data), a few KB each,
one style sheet served from here (no other host: no CDN, no web font), no JavaScript.
A device gets a random token in a cookie; every form carries the token's anti-forgery
value (:meth:`Room.form_key`); bodies are limited to :data:`MAX_BODY` bytes; no path or
parameter of a request reaches the file system: keys and criteria are looked up in the
loaded session, levels checked against their scale, and the write goes through the
Workbench (:mod:`sieve.save.scores`).

Routes: ``GET /`` (join with the code, or ``?code=`` from the QR code; then choose a
name), ``POST /join``, ``POST /claim``, ``GET /cases`` (the pages to score, with what
was given), ``GET /score?key=K``, ``POST /score``, ``GET /room.css``; the vote's
``GET /vote`` and ``POST /vote`` (:mod:`sieve.room.vote_pages`); ``?lang=fr|en`` on any
page switches the language (kept in a cookie).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import jinja2
from aiohttp import web

from sieve.errors import FileChangedError
from sieve.i18n import LANGS, elides, number, t
from sieve.room.room import NAME_MAX, NOTE_MAX, Refused, Room

#: The largest request body accepted (bytes): a page of 20 criteria and a full note fit.
MAX_BODY = 16 * 1024
TOKEN_COOKIE = "sieve_room"
LANG_COOKIE = "sieve_lang"
DEFAULT_PORT = 8027
TEMPLATES = Path(__file__).parent / "templates"

ROOM_KEY: web.AppKey[Room] = web.AppKey("room", Room)
# What a request carries: its language and its device's token (typed keys since aiohttp 3.14).
_RequestKey = getattr(web, "RequestKey", None)
LANG: Any = _RequestKey("lang", str) if _RequestKey else "lang"
TOKEN: Any = _RequestKey("token", str) if _RequestKey else "token"

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


_ENV = _environment()

#: The words of the pages without parameters, looked up per request's language.
_WORDS = (
    "room.lang_name",
    "room.other_lang",
    "room.title",
    "room.join.heading",
    "room.join.code",
    "room.join.code_help",
    "room.join.submit",
    "room.names.heading",
    "room.names.legend",
    "room.names.taken",
    "room.names.none",
    "room.names.new",
    "room.names.submit",
    "room.cases.heading",
    "room.cases.subject",
    "room.cases.case",
    "room.cases.closed",
    "room.cases.revealed",
    "room.cases.blind",
    "room.cases.vote",
    "room.cases.vote_link",
    "room.score.subject_legend",
    "room.score.case_legend",
    "room.score.abstain",
    "room.score.note",
    "room.score.save",
    "room.score.save_next",
    "room.score.back",
    "room.score.saved",
    "room.score.none",
    "room.error.heading",
    "room.error.back",
)


def words(keys: tuple[str, ...], lang: str) -> dict[str, str]:
    """The catalogue's ``keys`` in ``lang``, named for a template (``room.a.b`` is ``a_b``)."""
    return {key.removeprefix("room.").replace(".", "_"): t(key, lang) for key in keys}


def _lang(request: web.Request) -> str:
    asked = request.query.get("lang")
    if asked in LANGS:
        return asked
    kept = request.cookies.get(LANG_COOKIE)
    if kept in LANGS:
        return kept
    for part in request.headers.get("Accept-Language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGS:
            return tag
    return "fr"


def page(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    lang = request[LANG]
    other = "en" if lang == "fr" else "fr"
    html = _ENV.get_template(template).render(
        w=words(_WORDS, lang), lang=lang, other=other, path=request.path, **values
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def _refusal(request: web.Request, exc: Refused) -> web.Response:
    message = t(exc.code, request[LANG], **exc.params)
    return page(request, "error.html", status=exc.status, message=message)


@web.middleware
async def _guard(request: web.Request, handler):
    """Language, device token, security headers, and every refusal as a clear 4xx page."""
    request[LANG] = _lang(request)
    token = request.cookies.get(TOKEN_COOKIE)
    fresh = None
    if not token or len(token) > 64 or not token.isascii():
        token = fresh = Room.new_token()
    request[TOKEN] = token
    try:
        response = await handler(request)
    except Refused as exc:
        response = _refusal(request, exc)
    except web.HTTPRequestEntityTooLarge:
        response = _refusal(request, Refused(413, "room.error.size"))
    except web.HTTPNotFound:
        response = _refusal(request, Refused(404, "room.error.not_found"))
    except web.HTTPMethodNotAllowed:
        response = _refusal(request, Refused(405, "room.error.method"))
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    if fresh is not None:
        response.set_cookie(
            TOKEN_COOKIE, fresh, max_age=30 * 86400, httponly=True, samesite="Lax", path="/"
        )
    if request.query.get("lang") in LANGS:
        response.set_cookie(
            LANG_COOKIE, request.query["lang"], max_age=365 * 86400, samesite="Lax", path="/"
        )
    return response


def _client(request: web.Request) -> str:
    return request.remote or "?"


async def form_fields(request: web.Request) -> dict[str, str]:
    """The posted fields, each once and as text.

    Only an URL-encoded form in UTF-8 is read (what the pages' forms send): any other
    content type (a multipart body, say), bytes that are not UTF-8 or a field given twice
    is refused with a 400 page, before anything is looked at.
    """
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Refused(413, "room.error.size")
    body = await request.read()  # whatever its type, a body over MAX_BODY is refused (413)
    if not body:
        return {}
    if request.content_type != "application/x-www-form-urlencoded":
        raise Refused(400, "room.error.body")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "room.error.body") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in fields:
            raise Refused(400, "room.error.twice", field=name[:40])
        fields[name] = value
    return fields


# -- pages ---------------------------------------------------------------------------


async def index(request: web.Request) -> web.StreamResponse:
    room = request.app[ROOM_KEY]
    token = request[TOKEN]
    if room.scorer_of(token) is not None:
        return redirect("/cases")
    code = request.query.get("code", "")
    if not room.joined(token) and code:
        room.join(token, code[:20], _client(request))
    if not room.joined(token):
        return page(request, "join.html", form_key=room.form_key(token), code=code[:20])
    session = room.session
    taken = room.taken()
    names = [(ident, scorer.name, ident in taken) for ident, scorer in session.scorers.items()]
    return page(
        request,
        "names.html",
        form_key=room.form_key(token),
        names=names,
        any_free=any(not taken for _i, _n, taken in names),
        allow_new=room.allow_new,
        name_max=NAME_MAX,
    )


async def join(request: web.Request) -> web.StreamResponse:
    room = request.app[ROOM_KEY]
    fields = await form_fields(request)
    room.check_form(request[TOKEN], fields.get("form"))
    room.join(request[TOKEN], fields.get("code"), _client(request))
    return redirect("/")


async def claim(request: web.Request) -> web.StreamResponse:
    room = request.app[ROOM_KEY]
    fields = await form_fields(request)
    room.check_form(request[TOKEN], fields.get("form"))
    room.claim(request[TOKEN], fields.get("scorer"), fields.get("name"))
    return redirect("/cases")


async def cases(request: web.Request) -> web.StreamResponse:
    room = request.app[ROOM_KEY]
    scorer = room.owner(request[TOKEN])
    session = room.session
    lang = request[LANG]
    mine = session.scores.get(scorer, {})
    rows = []
    for item in room.items():
        given = len(mine.get(item.key, {}))
        done = given > 0 or scorer in room.submitted.get(item.key, ())
        rows.append(
            {
                "key": item.key,
                "title": item.title,
                "subject": item.key == item.key.split("/")[0],
                "progress": t("room.cases.progress", lang, given=given, total=len(item.criteria)),
                "done": done,
            }
        )
    name = session.scorers[scorer].name
    return page(
        request,
        "cases.html",
        hello=t("room.cases.hello_elided" if elides(name) else "room.cases.hello", lang, name=name),
        rows=rows,
        locked=room.locked,
        revealed=room.revealed,
        vote_open=room.vote_open and room.wb.vote() is not None,
    )


async def score_page(request: web.Request) -> web.StreamResponse:
    room = request.app[ROOM_KEY]
    token = request[TOKEN]
    scorer = room.owner(token)
    key, _levels, _ = room.parse(request.query.get("key"), {})
    return _score_view(request, room, scorer, key, saved=request.query.get("saved") == "1")


def _score_view(
    request: web.Request, room: Room, scorer: str, key: str, saved: bool = False
) -> web.Response:
    session = room.session
    lang = request[LANG]
    item = next((i for i in room.items() if i.key == key), None)
    if item is None:  # a subject when the tamis has no subject criteria
        raise Refused(404, "room.error.key", key=key)
    mine = session.scores.get(scorer, {}).get(key, {})
    group = _group_levels(room, key) if room.revealed else {}
    criteria = []
    for crit in item.criteria:
        criteria.append(
            {
                "id": crit.id,
                "label": crit.label,
                "question": crit.question,
                "levels": [
                    (str(n), t("room.score.level", lang, level=n, meaning=meaning))
                    for n, meaning in enumerate(crit.scale.levels)
                ],
                "given": "x" if mine.get(crit.id) is None else str(mine[crit.id]),
                "group": (
                    t("room.score.group", lang, level=number(group[crit.id], lang, 1))
                    if group.get(crit.id) is not None
                    else ""
                ),
            }
        )
    on_subject = "/" not in key
    return page(
        request,
        "score.html",
        form_key=room.form_key(request[TOKEN]),
        key=key,
        title=item.title,
        subject_title=item.subject_title,
        legend_words="subject" if on_subject else "case",
        criteria=criteria,
        note=session.notes.get(scorer, {}).get(key, ""),
        note_help=t("room.score.note_help", lang, max=NOTE_MAX),
        note_max=NOTE_MAX,
        saved=saved,
        locked=room.locked,
    )


def _group_levels(room: Room, key: str) -> dict[str, float | None]:
    """After the reveal: the group level of each criterion of a page (its median)."""
    from statistics import median

    levels: dict[str, list[int]] = {}
    for rows in room.session.scores.values():
        for crit, level in rows.get(key, {}).items():
            levels.setdefault(crit, []).append(level)
    return {crit: median(values) for crit, values in levels.items()}


async def posted(request: web.Request) -> tuple[Room, str, dict[str, str]]:
    """A page's POST checked as every page's is: the room, the device's name, and the
    form's fields less its anti-forgery value (refused when it is wrong)."""
    room = request.app[ROOM_KEY]
    token = request[TOKEN]
    fields = await form_fields(request)
    scorer = room.owner(token)
    room.check_form(token, fields.pop("form", None))
    return room, scorer, fields


async def score_post(request: web.Request) -> web.StreamResponse:
    room, scorer, fields = await posted(request)
    key = fields.pop("key", None)
    note = room.check_note(fields.pop("note", ""))
    key, levels, _ = room.parse(key, fields)
    room.record(scorer, key, levels, note)
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, room.save)
    except (FileChangedError, OSError) as exc:
        room.wb.reload()  # the files are the truth: what was not written is dropped
        raise Refused(503, "room.error.busy", reason=type(exc).__name__) from None
    room.recorded()
    keys = [i.key for i in room.items()]
    position = keys.index(key)
    if position + 1 < len(keys):
        return redirect(f"/score?key={quote_key(keys[position + 1])}&saved=1")
    return redirect("/cases")


def redirect(location: str) -> web.Response:
    """A 303 to ``location`` (returned, not raised, so that the middleware adds its headers)."""
    return web.Response(status=303, headers={"Location": location})


def quote_key(key: str) -> str:
    from urllib.parse import quote

    return quote(key, safe="/")


async def style(_request: web.Request) -> web.StreamResponse:
    return web.Response(
        text=(TEMPLATES / "room.css").read_text(encoding="utf-8"),
        content_type="text/css",
        charset="utf-8",
    )


def make_app(room: Room) -> web.Application:
    """The aiohttp application of a room."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_guard])
    app[ROOM_KEY] = room
    app.router.add_get("/", index)
    app.router.add_post("/join", join)
    app.router.add_post("/claim", claim)
    app.router.add_get("/cases", cases)
    app.router.add_get("/score", score_page)
    app.router.add_post("/score", score_post)
    app.router.add_get("/room.css", style)
    from sieve.room.vote_pages import add_routes

    add_routes(app)
    return app


class RoomServer:
    """A room served on ``host:port`` in the running event loop (the app's, or the command's).

    Args:
        room: the room.
        host: the address to listen on (127.0.0.1: this machine only).
        port: the port (0: any free one).
    """

    def __init__(self, room: Room, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> None:
        self.room = room
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen (raises :class:`OSError` when the port is taken); record the round opened."""
        runner = web.AppRunner(make_app(self.room), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        if self.port == 0:
            server = site._server
            sockets = getattr(server, "sockets", None) or ()
            for sock in sockets:
                self.port = sock.getsockname()[1]
                break
        self.room.start()

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def url(self) -> str:
        return room_url(self.host, self.port)

    @property
    def join_url(self) -> str:
        """The address the QR code carries: the room's, with its code."""
        return f"{self.url}?code={self.room.code}"


def room_url(host: str, port: int) -> str:
    """The address a phone types for a room listening on ``host`` and ``port``."""
    if host in ("0.0.0.0", "", "::"):
        host = next(iter(machine_addresses()), "127.0.0.1")
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def machine_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback (what a phone on its network uses)."""
    found: list[str] = []
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = info[4][0]
            if not address.startswith("127.") and address not in found:
                found.append(str(address))
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: it only picks the outgoing address
        address = probe.getsockname()[0]
        if not address.startswith("127.") and address not in found:
            found.append(address)
    return found


logging.getLogger("aiohttp.access").disabled = True
