# ruff: noqa: E501
"""The phones' vote: 25 participants sending a vote page of every case of the Paris ballot.

Two figures, each beside its baseline measured in the same run:

1. The write of the pages through the Workbench, each voter's first page then a second
   one changing every mention: each page's mentions in one write of the session file
   (``Workbench.set_votes`` -> ``sieve.save.vote.set_votes``, what the room does; a
   voter's first page is appended as text), against two baselines: the same with the
   text path off (every page edited through tomlkit), and the mentions written one at a
   time (``Workbench.set_vote`` per mention: one locked write and one reload of the
   session per mention). All end with the same ``[votes.*]`` (checked).
2. The room over HTTP: 25 phones (one aiohttp client each, over TCP to a real
   ``RoomServer``) sending their page at the same moment: requests per second, p50/p95
   latency of the ``POST /vote``, mentions lost (must be 0), the page's weight; beside a
   bare aiohttp handler answering a page of the same size to the same 25 clients (the
   floor of this machine and of aiohttp).

The session is a copy of the shipped Paris session with ``--voters`` scorers added and
``[vote] cases`` set to all its cases. Medians of ``--runs`` runs (``time.perf_counter``).

Run: ``.venv/bin/python benchmarks/bench_vote_room.py [--voters 25] [--runs 3]``
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from aiohttp import ClientSession, CookieJar, web  # noqa: E402

from sieve.load.session import load_session  # noqa: E402
from sieve.room.room import Room  # noqa: E402
from sieve.room.server import RoomServer  # noqa: E402
from sieve.workbench import Workbench  # noqa: E402


def workspace(folder: Path, voters: int) -> Path:
    """A copy of the shipped workspace; Paris with ``voters`` scorers and every case on the ballot."""
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, folder / name)
    session = folder / "sessions" / "paris.toml"
    cases = [case.key for case in load_session(session).session.cases]
    with session.open("a", encoding="utf-8") as out:
        for n in range(voters):
            out.write(f'\n[[scorer]]\nid = "voter-{n}"\nname = "Voter {n}"\n')
        out.write(
            '\n[vote]\nscale = "mention"\ncases = [' + ", ".join(f'"{c}"' for c in cases) + "]\n"
        )
    return session


def pages(voters: int, cases: list[str], size: int) -> dict[str, dict[str, int]]:
    return {f"voter-{n}": {c: (n + i) % size for i, c in enumerate(cases)} for n in range(voters)}


def write_run(voters: int, way: str) -> tuple[float, float, int]:
    """Seconds to write every voter's first page through a Workbench, then a second page
    changing every mention; and the mentions that differ after.

    ``way``: ``page`` (``set_votes``, a first page appended as text), ``tomlkit`` (the
    same with the text path off: the page edited through tomlkit), ``mention`` (one
    ``set_vote`` per mention)."""
    from sieve.save import vote as vote_module

    real = vote_module._append_first_page
    if way == "tomlkit":
        vote_module._append_first_page = lambda *a: None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            session = workspace(Path(tmp), voters)
            wb = Workbench(session, autosave=False)
            vote = wb.session.vote
            size = len(vote.scale.levels)
            first = pages(voters, list(vote.cases), size)
            second = {
                s: {c: (level + 1) % size for c, level in page.items()} for s, page in first.items()
            }
            took = []
            for wanted in (first, second):
                start = time.perf_counter()
                for scorer, page in wanted.items():
                    if way == "mention":
                        for case, level in page.items():
                            wb.set_vote(scorer, case, level)
                    else:
                        wb.set_votes(scorer, page)
                took.append(time.perf_counter() - start)
            return took[0], took[1], lost(session, second)
    finally:
        vote_module._append_first_page = real


def lost(session: Path, wanted: dict[str, dict[str, int]]) -> int:
    votes = load_session(session).session.votes
    return sum(
        votes.get(s, {}).get(c) != level for s, page in wanted.items() for c, level in page.items()
    )


async def join(url: str, code: str, scorer: str) -> tuple[ClientSession, str]:
    phone = ClientSession(cookie_jar=CookieJar(unsafe=True))
    page = await (await phone.get(f"{url}?code={code}")).text()
    form = re.search(r'name="form" value="([^"]+)"', page).group(1)
    await phone.post(f"{url}claim", data={"form": form, "scorer": scorer})
    return phone, form


async def room_run(voters: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        session = workspace(Path(tmp), voters)
        room = Room(Workbench(session, autosave=False))
        room.open_vote()
        server = RoomServer(room, "127.0.0.1", 0)
        await server.start()
        cases, scale = room.ballot()
        wanted = pages(voters, list(cases), len(scale.levels))
        phones = [await join(server.url, room.code, s) for s in wanted]
        weight = len(await (await phones[0][0].get(f"{server.url}vote")).read())
        latencies: list[float] = []

        async def send(phone: ClientSession, form: str, page: dict[str, int]) -> None:
            data = {"form": form, **{f"m.{c}": str(level) for c, level in page.items()}}
            start = time.perf_counter()
            r = await phone.post(f"{server.url}vote", data=data, allow_redirects=False)
            latencies.append(time.perf_counter() - start)
            assert r.status == 303, await r.text()

        start = time.perf_counter()
        await asyncio.gather(
            *(send(p, f, wanted[s]) for (p, f), s in zip(phones, wanted, strict=True))
        )
        took = time.perf_counter() - start
        for phone, _form in phones:
            await phone.close()
        await server.stop()
        return {
            "took": took,
            "latencies": latencies,
            "lost": lost(session, wanted),
            "weight": weight,
        }


async def bare_run(voters: int, weight: int) -> dict:
    body = "x" * weight

    async def handler(_request: web.Request) -> web.Response:
        await _request.post()
        return web.Response(status=303, headers={"Location": "/vote"}, text=body)

    app = web.Application()
    app.router.add_post("/vote", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    phones = [ClientSession() for _ in range(voters)]
    latencies: list[float] = []

    async def send(phone: ClientSession) -> None:
        start = time.perf_counter()
        r = await phone.post(
            f"http://127.0.0.1:{port}/vote", data={"m.a": "1"}, allow_redirects=False
        )
        await r.read()
        latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(send(p) for p in phones))
    took = time.perf_counter() - start
    for phone in phones:
        await phone.close()
    await runner.cleanup()
    return {"took": took, "latencies": latencies}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=25)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    voters = args.voters
    with tempfile.TemporaryDirectory() as tmp:
        cases = len(load_session(workspace(Path(tmp), 0)).session.vote.cases)
    print(
        f"{voters} voters x {cases} cases (Paris, every case on the ballot), median of {args.runs} runs\n"
    )

    runs: dict[str, list[tuple[float, float]]] = {"page": [], "tomlkit": [], "mention": []}
    for _ in range(args.runs):  # interleaved: a busy machine slows all alike
        for way, kept in runs.items():
            first, second, missing = write_run(voters, way)
            assert missing == 0, (way, missing)
            kept.append((first, second))
    print(
        "1. writing every voter's page through the Workbench (ms a page: first page / second page)"
    )
    words = {
        "page": "one write a page (set_votes)",
        "tomlkit": "baseline: the same, text path off",
        "mention": "baseline: one write a mention",
    }
    for way, kept in runs.items():
        first = statistics.median(f for f, _s in kept) / voters * 1000
        second = statistics.median(s for _f, s in kept) / voters * 1000
        print(f"   {words[way]:36} {first:7.1f} / {second:7.1f} ms")
    print()

    rooms, bares = [], []
    for _ in range(args.runs):
        room = asyncio.run(room_run(voters))
        rooms.append(room)
        bares.append(asyncio.run(bare_run(voters, room["weight"])))
    print(f"2. {voters} phones sending their vote page at once (HTTP over TCP)")
    for name, runs in (("the room", rooms), ("baseline, a bare aiohttp handler", bares)):
        took = statistics.median(r["took"] for r in runs)
        p50 = statistics.median(pct(r["latencies"], 0.5) for r in runs)
        p95 = statistics.median(pct(r["latencies"], 0.95) for r in runs)
        print(
            f"   {name:34} {voters / took:7.1f} req/s   p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms"
        )
    print(f"   mentions lost: {sum(r['lost'] for r in rooms)} (of {voters * cases} per run)")
    print(f"   vote page weight: {rooms[0]['weight']} bytes (budget with the style sheet: 50,000)")


if __name__ == "__main__":
    main()
