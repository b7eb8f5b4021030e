"""The participants' vote page: a mention per case of the ballot, blind, one write a page.

``GET /vote`` shows the ballot (``[vote] cases``, else the cases that pass the sieve): each
case a fieldset with the vote's mentions as large radio buttons, worst first as the scale
is, and *Sans mention* (no mention: one given before is removed); only the phone's own
mentions are ever shown (never the others', never a result: the projector shows those
after the vote screen's reveal). ``POST /vote`` takes ``form`` and ``m.<case>`` = a level
or ``x``; everything is checked before anything is written (:meth:`Room.parse_vote`), then
the page's mentions go to the session file in one write (:func:`sieve.save.vote.set_votes`:
locked, atomic, refused if the file changed). Refused while the facilitator has not opened
the vote (:meth:`Room.open_vote`), whatever scoring's state.
"""

from __future__ import annotations

from aiohttp import web

from sieve.i18n import elides, t
from sieve.room.room import Room
from sieve.room.server import LANG, ROOM_KEY, TOKEN, page, posted, redirect, words

#: The words of the vote page, looked up per request's language.
_WORDS = (
    "room.vote.heading",
    "room.vote.help",
    "room.vote.none",
    "room.vote.submit",
    "room.vote.saved",
    "room.vote.closed",
    "room.vote.empty",
    "room.score.back",
)


def _title(room: Room, key: str) -> tuple[str, str]:
    case = room.session.case(key)
    return case.angle.title, case.subject.title


async def vote_page(request: web.Request) -> web.StreamResponse:
    room = request.app[ROOM_KEY]
    token = request[TOKEN]
    scorer = room.owner(token)
    cases, scale = room.ballot()
    session = room.session
    lang = request[LANG]
    mine = session.votes.get(scorer, {})
    mentions = [(str(level), word) for level, word in enumerate(scale.levels)]
    rows = []
    for key in cases:
        title, subject = _title(room, key)
        given = mine.get(key)
        rows.append(
            {"key": key, "title": title, "subject": subject,
             "given": "x" if given is None else str(given)}
        )  # fmt: skip
    question = session.vote.question if session.vote is not None else ""
    name = session.scorers[scorer].name
    return page(
        request,
        "ballot.html",
        v=words(_WORDS, lang),
        form_key=room.form_key(token),
        hello=t("room.vote.hello_elided" if elides(name) else "room.vote.hello", lang, name=name),
        question=question,
        rows=rows,
        mentions=mentions,
        closed=not room.vote_open,
        saved=request.query.get("saved") == "1",
    )


async def vote_post(request: web.Request) -> web.StreamResponse:
    room, scorer, fields = await posted(request)
    mentions = room.parse_vote(fields)
    room.record_vote(scorer, mentions)
    return redirect("/vote?saved=1")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/vote", vote_page)
    app.router.add_post("/vote", vote_post)
