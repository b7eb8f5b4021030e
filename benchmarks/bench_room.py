# ruff: noqa: E501
"""The room under load: 25 simulated phones scoring every cell of a 60-case x 20-criterion
session at once, against a bare aiohttp server measured in the same run.

Figures: requests per second and p50/p95 latency of the score submissions (each one a
page: a subject's criteria or a case's), the time from a submission's start to the
room's notification of the facilitator (the call that repaints the app's screen), the
count of levels lost (every level sent must be in the files after: 0), and the page
weight in bytes (the largest page plus the style sheet, against the 50 KB budget).
Each page is sent with the note it shows unchanged (a note edit is a tomlkit edit of the
whole score file, about 0.1 s on a generated participant's file: not what is measured).
The baseline is a bare aiohttp handler answering a page of the same size to the same
25 clients (the floor of this machine and of aiohttp itself).

Two runs: the stress figure (every phone sends its pages without a pause: latency is
then mostly the queue of 25 requests at once) and the realistic one (each phone reads a
page for a seeded random 2-5 s before sending it, as people do; 12 pages each).

Run: ``.venv/bin/python benchmarks/bench_room.py [--phones 25] [--subjects 20 --angles 3 --criteria 20]
[--think 2 5] [--think-pages 12] [--seed 1]``
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import subprocess
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


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def room_run(
    session: Path,
    phones: int,
    think: tuple[float, float] | None = None,
    pages: int | None = None,
    seed: int = 1,
) -> dict:
    """The phones on ``session``: each scores its pages one after the other, without a
    pause (``think`` None: the stress figure) or reading each page for a seeded random
    time between ``think[0]`` and ``think[1]`` seconds first (the room as people use it)."""
    wb = Workbench(session, autosave=False)
    room = Room(wb)
    server = RoomServer(room, "127.0.0.1", 0)
    await server.start()
    notified: list[float] = []
    room.listeners.append(lambda: notified.append(time.perf_counter()))
    url = server.url
    scorers = list(wb.session.scorers)[:phones]
    items = room.items()[:pages] if pages else room.items()
    sent: dict[tuple[str, str, str], int] = {}
    latencies: list[float] = []
    to_notify: list[float] = []
    weights: list[int] = []
    css = 0

    notes = wb.session.notes

    def note(scorer: str, key: str) -> str:
        """The note the page shows (kept as it is: a note edit goes through tomlkit)."""
        return notes.get(scorer, {}).get(key, "")

    async def phone(n: int, scorer: str) -> None:
        nonlocal css
        rng = random.Random(seed * 1000 + n)
        async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as http:
            if think:  # people do not join in the same millisecond
                await asyncio.sleep(rng.uniform(0, think[1]))
            page = await (await http.get(f"{url}?code={room.code}")).text()
            form = re.search(r'name="form" value="([^"]+)"', page).group(1)
            await http.post(f"{url}claim", data={"form": form, "scorer": scorer})
            css = len(await (await http.get(f"{url}room.css")).read())
            for item in items:
                page = await (await http.get(f"{url}score", params={"key": item.key})).read()
                weights.append(len(page))
                if think:
                    await asyncio.sleep(rng.uniform(*think))
                levels = {}
                for i, c in enumerate(item.criteria):
                    level = (n + i + 1) % (c.scale.top + 1)
                    levels[f"c.{c.id}"] = str(level)
                    sent[(scorer, item.key, c.id)] = level
                before = len(notified)
                start = time.perf_counter()
                r = await http.post(
                    f"{url}score",
                    data={"form": form, "key": item.key, "note": note(scorer, item.key), **levels},
                    allow_redirects=False,
                )
                latencies.append(time.perf_counter() - start)
                assert r.status == 303, await r.text()
                if len(notified) > before:
                    to_notify.append(notified[before] - start)

    start = time.perf_counter()
    await asyncio.gather(*(phone(n, s) for n, s in enumerate(scorers)))
    elapsed = time.perf_counter() - start
    await server.stop()
    loaded = load_session(session).session
    lost = sum(
        loaded.scores.get(s, {}).get(k, {}).get(c) != level for (s, k, c), level in sent.items()
    )
    return {
        "requests": len(latencies),
        "elapsed": elapsed,
        "latencies": latencies,
        "to_notify": to_notify,
        "lost": lost,
        "levels": len(sent),
        "weight": max(weights) + css,
        "page": max(weights),
    }


async def bare_run(phones: int, requests: int, size: int) -> dict:
    body = "x" * size

    async def handler(request: web.Request) -> web.Response:
        await request.post()
        return web.Response(status=303, headers={"Location": "/"}, text=body)

    app = web.Application()
    app.router.add_post("/", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    latencies: list[float] = []

    async def phone() -> None:
        async with ClientSession() as http:
            for _ in range(requests // phones):
                start = time.perf_counter()
                await http.post(f"http://127.0.0.1:{port}/", data={"a": "1"}, allow_redirects=False)
                latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(phone() for _ in range(phones)))
    elapsed = time.perf_counter() - start
    await runner.cleanup()
    return {"requests": len(latencies), "elapsed": elapsed, "latencies": latencies}


def synth_session(tmp: str, args: argparse.Namespace) -> Path:
    subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "synth.py"), tmp,
         "--subjects", str(args.subjects), "--angles", str(args.angles),
         "--criteria", str(args.criteria), "--scorers", str(args.phones)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return Path(tmp) / "sessions" / "synth.toml"


def report(name: str, run: dict) -> None:
    lat = run["latencies"]
    print(
        f"  {name:24} {run['requests'] / run['elapsed']:7.1f} req/s   "
        f"p50 {percentile(lat, 0.5) * 1000:7.1f} ms   p95 {percentile(lat, 0.95) * 1000:7.1f} ms"
    )
    notify = run.get("to_notify")
    if notify is not None:
        print(
            f"  {'':24} submission -> facilitator notified: p50 {statistics.median(notify) * 1000:.1f} ms, "
            f"p95 {percentile(notify, 0.95) * 1000:.1f} ms, max {max(notify) * 1000:.1f} ms (target < 1000 ms)"
        )
        print(f"  {'':24} levels lost: {run['lost']} of {run['levels']} (must be 0)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=25)
    parser.add_argument("--subjects", type=int, default=20)
    parser.add_argument("--angles", type=int, default=3)
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0), metavar=("MIN", "MAX"),
                        help="seconds a person reads a page before sending it (realistic run)")  # fmt: skip
    parser.add_argument("--think-pages", type=int, default=12,
                        help="pages each phone sends in the realistic run (0: skip it)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        room = asyncio.run(room_run(synth_session(tmp, args), args.phones))
    real = None
    if args.think_pages > 0:
        with tempfile.TemporaryDirectory() as tmp:
            session = synth_session(tmp, args)
            think = (args.think[0], args.think[1])
            real = asyncio.run(room_run(session, args.phones, think, args.think_pages, args.seed))
    bare = asyncio.run(bare_run(args.phones, room["requests"], room["page"]))
    cases = args.subjects * args.angles
    print(f"room: {args.phones} phones, {cases} cases x {args.criteria} criteria")
    print(f"stress (no think time): {room['requests']} page submissions ({room['levels']} levels)")
    report("room", room)
    report("bare aiohttp (baseline)", bare)
    if real is not None:
        print(
            f"realistic (a page read for {args.think[0]:g}-{args.think[1]:g} s, seed {args.seed}, "
            f"{args.think_pages} pages a phone): {real['requests']} page submissions ({real['levels']} levels)"
        )
        report("room", real)
    print(
        f"page weight: largest page {room['page']} B + style sheet = {room['weight']} B (budget 50000 B)"
    )
    return 0 if room["lost"] == 0 and (real is None or real["lost"] == 0) else 1


if __name__ == "__main__":
    raise SystemExit(main())
