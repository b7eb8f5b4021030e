"""Shared fixtures: small workspaces (a tamis and a session) written to a temporary folder."""

from __future__ import annotations

import asyncio
import difflib
import functools
import json
import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import strategies as st

from sieve import i18n
from sieve.load.session import load_session
from sieve.model import Session

PROJECT = Path(__file__).resolve().parent.parent

#: The shipped Paris session (read, never written to: copy it with ``paris`` to edit).
PARIS = PROJECT / "sessions" / "paris.toml"

#: A small tamis: two subject criteria (a score, a gate), two angle criteria (same).
TAMIS = """\
format = 1

[tamis]
id = "t"
title = "Tamis de test"
version = 2
city = "Testville"

[scales.n]
levels = ["non", "un peu", "nettement", "pleinement"]

[scales.b]
levels = ["non", "oui"]

[[criterion]]
id = "need"
label = "Besoin"
applies_to = "subject"
kind = "score"
scale = "n"
weight = 2

[[criterion]]
id = "service"
label = "Service associé"
applies_to = "subject"
kind = "gate"
scale = "n"
pass_at = 1

[[criterion]]
id = "learn"
label = "Apprentissage"
applies_to = "angle"
kind = "score"
scale = "n"
weight = 1

[[criterion]]
id = "doable"
label = "Tenable"
applies_to = "angle"
kind = "gate"
scale = "b"
pass_at = 1

[group]
disagreement = 0.5

[attention]
threshold = 3
first_case_max = 1

[[attention.indicator]]
id = "mandat"
label = "Engagement de mandature"
weight = 2

[[attention.indicator]]
id = "media"
label = "Médiatisation"
weight = 1
"""

#: The head of a session using TAMIS, before its subjects.
SESSION_HEAD = """\
format = 1

[session]
id = "s"
title = "Session de test"
city = "Testville"
date = 2017-01-25
tamis = "../criteria/t.toml"
"""

#: A session body with one case (a/a1), one scorer (x) and every criterion scored.
ONE_CASE = """
[[subject]]
id = "a"
title = "A"

[[angle]]
id = "a1"
subject = "a"
title = "A1"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"a" = { need = 2, service = 1 }
"a/a1" = { learn = 1, doable = 1 }
"""

#: A session body with one case (a/x), two scorers (ana, bob) and commented scores of ana.
TWO_SCORERS = """\
[[subject]]
id = "a"
title = "Sujet A"

[[angle]]
id = "x"
subject = "a"
title = "Angle X"

[[scorer]]
id = "ana"
name = "Ana"

[[scorer]]
id = "bob"
name = "Bob"

# les notes d'Ana
[scores.ana]
"a" = { need = 2, service = 1 }   # gardé
"a/x" = { learn = 3, doable = 1 }
"""

#: Four subjects (one exposed), five cases; all pass the gates.
FIVE_CASES = """
[[subject]]
id = "alpha"
title = "Alpha"
type = "service"
territory = "ville"
first_case = true

[[subject]]
id = "beta"
title = "Beta"
type = "outil"
territory = "quartier"

[[subject]]
id = "gamma"
title = "Gamma"
type = "politique"
territory = "ville"
attention = ["mandat", "media"]

[[subject]]
id = "delta"
title = "Delta"
type = "service"
territory = "région"

[[angle]]
id = "a1"
subject = "alpha"
title = "A1"
methods = ["immersion", "personas"]

[[angle]]
id = "b1"
subject = "beta"
title = "B1"
methods = ["prototypage"]

[[angle]]
id = "b2"
subject = "beta"
title = "B2"
methods = ["maquette"]

[[angle]]
id = "g1"
subject = "gamma"
title = "G1"
methods = ["personas", "scénarisation"]

[[angle]]
id = "d1"
subject = "delta"
title = "D1"
methods = ["scénarisation", "brainstorming"]

[[scorer]]
id = "x"
name = "X"

[[scorer]]
id = "y"
name = "Y"

[scores.x]
"alpha" = { need = 2, service = 1 }
"beta" = { need = 3, service = 2 }
"gamma" = { need = 3, service = 1 }
"delta" = { need = 1, service = 1 }
"alpha/a1" = { learn = 2, doable = 1 }
"beta/b1" = { learn = 3, doable = 1 }
"beta/b2" = { learn = 1, doable = 1 }
"gamma/g1" = { learn = 3, doable = 1 }
"delta/d1" = { learn = 1, doable = 1 }

[scores.y]
"alpha" = { need = 2, service = 1 }
"beta" = { need = 3, service = 2 }
"gamma" = { need = 3, service = 1 }
"delta" = { need = 1, service = 1 }
"alpha/a1" = { learn = 2, doable = 1 }
"beta/b1" = { learn = 3, doable = 1 }
"beta/b2" = { learn = 1, doable = 1 }
"gamma/g1" = { learn = 3, doable = 1 }
"delta/d1" = { learn = 1, doable = 1 }
"""

#: Two subjects that each have an angle ``immersion`` (angle ids are unique within their
#: subject); b/immersion is disputed (x: 3, y: 0 on ``learn``) and ranks first.
SAME_ANGLE = """
[[subject]]
id = "a"
title = "Sujet A"

[[subject]]
id = "b"
title = "Sujet B"

[[angle]]
id = "immersion"
subject = "a"
title = "Immersion chez A"
methods = ["immersion"]

[[angle]]
id = "immersion"
subject = "b"
title = "Immersion chez B"
methods = ["immersion", "personas"]

[[scorer]]
id = "x"
name = "X"

[[scorer]]
id = "y"
name = "Y"

[scores.x]
"a" = { need = 1, service = 1 }
"b" = { need = 3, service = 1 }
"a/immersion" = { learn = 1, doable = 1 }
"b/immersion" = { learn = 3, doable = 1 }

[scores.y]
"a" = { need = 1, service = 1 }
"b" = { need = 3, service = 1 }
"a/immersion" = { learn = 1, doable = 1 }
"b/immersion" = { learn = 0, doable = 1 }

[notes.x]
"a/immersion" = "Chez A."
"b/immersion" = "Chez B."
"""

#: A second city's tamis: `need` reweighted, `service` gone, a new scale and criterion.
OTHER_TAMIS = """\
format = 1

[tamis]
id = "mulhouse"
title = "Tamis de Mulhouse"
version = 4
city = "Mulhouse"

[scales.n]
levels = ["non", "un peu", "nettement", "pleinement"]

[scales.trois]   # une échelle courte
levels = ["bas", "moyen", "haut"]

[[criterion]]
id = "need"
label = "Besoin"
applies_to = "subject"
kind = "score"
scale = "n"
weight = 2

[[criterion]]
id = "youth"
label = "Parole des jeunes"   # ajouté à Mulhouse
question = "Les jeunes sont-ils associés ?"
applies_to = "subject"
kind = "score"
scale = "trois"
weight = 3

[[criterion]]
id = "learn"
label = "Apprentissage"
applies_to = "angle"
kind = "gate"
scale = "n"
pass_at = 2
"""

EXCHANGE_BODY = """
[[subject]]
id = "a"
title = "Sujet A"

[[angle]]
id = "x"
subject = "a"
title = "Angle X"

[[scorer]]
id = "ana"
name = "Ana"

[scores.ana]
"a" = { need = 2, service = 1 }
"a/x" = { learn = 3 }

[notes.ana]
"a/x" = "Bien."

[[stakeholder]]
id = "p"
name = "P"
role = "referent"

[[stakeholder]]
id = "q"
name = "Q"
role = "elected"

[[relation]]
from = "p"
to = "q"
kind = "informs"
"""

#: FIVE_CASES with a comment on top and a ``[portfolio]`` of three cases, calm first.
FIVE_CASES_PORTFOLIO = (
    "# un commentaire gardé\n" + FIVE_CASES + '\n[portfolio]\nmax_cases = 3\nfirst_case = "calm"\n'
)

WorkspaceMaker = Callable[..., Path]


def copy_shipped(folder: Path) -> Path:
    """Copy the shipped ``criteria/`` and ``sessions/`` into ``folder``; return it."""
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, folder / name)
    return folder


def copy_paris(folder: Path) -> Path:
    """Copy the shipped workspace into ``folder``; return its Paris session file."""
    copy_shipped(folder)
    return folder / "sessions" / "paris.toml"


@pytest.fixture(autouse=True)
def french() -> None:
    """Tests run in French (the default language) unless they ask otherwise."""
    i18n.set_lang("fr")


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path_factory, monkeypatch) -> None:
    """No test writes into the user's data folder (the example's copy): a temporary one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))


@pytest.fixture
def workspace(tmp_path: Path) -> WorkspaceMaker:
    """Write a workspace; return the session's path.

    ``workspace(body, tamis=TAMIS, head=SESSION_HEAD, files={"sessions/x.toml": "..."})``
    writes ``criteria/t.toml`` and ``sessions/s.toml`` (head + dedented body).
    """

    def make(
        body: str = "",
        tamis: str = TAMIS,
        head: str = SESSION_HEAD,
        files: dict[str, str] | None = None,
    ) -> Path:
        (tmp_path / "criteria").mkdir(exist_ok=True)
        (tmp_path / "sessions").mkdir(exist_ok=True)
        (tmp_path / "criteria" / "t.toml").write_text(tamis, encoding="utf-8")
        session = tmp_path / "sessions" / "s.toml"
        session.write_text(head + textwrap.dedent(body), encoding="utf-8")
        for name, text in (files or {}).items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return session

    return make


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped workspace (criteria/ and sessions/); returns its root."""
    copy_shipped(tmp_path)
    return tmp_path


@pytest.fixture
def paris(tmp_path: Path) -> Path:
    """A copy of the shipped workspace; returns its Paris session file."""
    return copy_paris(tmp_path)


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (making its folder); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def changes(before: str, after: str) -> list[str]:
    """The changed lines, as ``-old`` / ``+new``, in file order."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("---", "+++"))
    ]


def files_of(root: Path) -> dict[Path, str]:
    """Every TOML file under ``root`` with its text."""
    return {p: p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.toml"))}


def loaded(path: Path) -> Session:
    """The session at ``path``, loaded with no error."""
    result = load_session(path)
    assert [p for p in result.problems if p.is_error] == []
    assert result.session is not None
    return result.session


def comments(text: str) -> list[str]:
    """Every comment line and trailing comment of a file, in order."""
    out = []
    for line in text.splitlines():
        if "#" in line and '"' not in line.split("#", 1)[0][-1:]:
            out.append(line[line.index("#") :])
    return out


class Workspace:
    """The shipped workspace, with its session loaded and the files read before an edit."""

    def __init__(self, root: Path, session: str = "paris") -> None:
        self.root = root
        self.path = root / "sessions" / f"{session}.toml"
        self.session = loaded(self.path)
        self.tamis = root / "criteria" / self.session.tamis.path.name
        self.before = files_of(root)

    def diff(self, path: Path) -> list[str]:
        return changes(self.before[path], path.read_text(encoding="utf-8"))

    def changed(self) -> list[Path]:
        return [p for p, text in files_of(self.root).items() if text != self.before[p]]

    def score_file(self, name: str) -> Path:
        return self.root / "sessions" / "paris-scores" / f"{name}.toml"


def run_cli(capsys, *argv: object) -> tuple[int, str, str]:
    """Run ``sieve ARGV...``; return its exit code, stdout and stderr."""
    from sieve.cli.main import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- the app (Pilot tests and snapshots) ----------------------------------------------------


def sync(test):
    """Run an async test with asyncio (no async plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def snapshot_app(theme: str = "textual-dark", path: Path = PARIS):
    """The app on ``path`` (the shipped Paris session), file watcher off, in ``theme``."""
    from sieve.app.app import SieveApp

    app = SieveApp(path, watch=False)

    async def set_theme() -> None:
        app.theme = theme

    app.call_later(set_theme)
    return app


async def settle(pilot) -> None:
    """Let the app handle its messages and finish its workers (saves, analyses), and
    those they start (a worker may be started after a repaint: the portfolio's)."""
    await pilot.pause()
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            break


async def open_stakeholders(pilot):
    """Show the Stakeholders screen (key ``0``) once its analysis is done; return it."""
    from sieve.app.screens.stakeholders import StakeholdersScreen

    await pilot.press("0")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StakeholdersScreen)
    return screen


def notices(app) -> list[str]:
    """The texts the app notified (its public record, ``SieveApp.notices``), oldest first."""
    return [notice.message for notice in app.notices]


def text_of(screen, selector: str) -> str:
    """The text of the ``Static`` widget ``selector`` on ``screen``."""
    from textual.widgets import Static

    return str(screen.query_one(selector, Static).render())


# -- fuzzing: mutated copies of the shipped files (tests/unit/test_fuzz.py, tests/app) ----

FUZZ_FILES = ["criteria/transfo.toml", "sessions/paris.toml", "sessions/paris-scores/agnes.toml"]

HOSTILE = [
    "nan", "inf", "-inf", "+nan", "1e309", "-1", "0", "-0.0", "100000000", "9223372036854775807",
    "-9223372036854775808", "99999999999999999999", "[1, 2]", "[]", "{ a = 1 }", "{}", "true",
    '""', '"\\u0000"', '"\\u001b]0;pwned\\u0007"', '"\\u202eevil"', '"=HYPERLINK(1)"',
    '"a/b/c"', '"../../../etc/passwd"', '"*"', "9999-12-31", "0001-01-01", "1979-05-27T07:32:00Z",
    '"' + "x" * 5000 + '"', '"\\n[[subject]]\\nid = \\"z\\""', "'''a\nb'''",
]  # fmt: skip

VALUE_LINE = re.compile(r"^(\s*[\w\"./-]+\s*=\s*)(.+)$")


def mutate_text(text: str, ops: list[tuple[str, int, int]]) -> str:
    lines = text.split("\n")
    for op, where, which in ops:
        if not lines:
            break
        i = where % len(lines)
        if op == "value":
            match = VALUE_LINE.match(lines[i])
            candidates = [k for k, line in enumerate(lines) if VALUE_LINE.match(line)]
            if match is None and candidates:
                i = candidates[where % len(candidates)]
                match = VALUE_LINE.match(lines[i])
            if match is not None:
                lines[i] = match.group(1) + HOSTILE[which % len(HOSTILE)]
        elif op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines = lines[: i + 1]
    out = "\n".join(lines)
    if any(op == "bom" for op, _w, _x in ops):
        out = "\ufeff" + out
    return out


mutations = st.lists(
    st.tuples(
        st.sampled_from(["value", "value", "value", "drop", "double", "cut", "bom"]),
        st.integers(0, 10_000),
        st.integers(0, len(HOSTILE) - 1),
    ),
    min_size=1,
    max_size=3,
)


def fuzz_workspace(root: Path) -> None:
    """A copy of the shipped criteria/ and sessions/ under ``root``."""
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, root / name)


# -- hostile text: terminal safety (tests/unit/cli/test_terminal.py, tests/app) ------------

#: What the files hold (decoded): a formula first, then every kind of trick.
HOSTILE = '=HYPERLINK("http://x","y")\x1b]0;pwned\x07 \u202eevil\u200b\x9b2J\nFAKE line'
#: The same as a TOML basic string's body.
HOSTILE_TOML = json.dumps(HOSTILE, ensure_ascii=True)[1:-1]

FIELDS = "title|name|label|question|org|description|city"
FREE_TEXT = re.compile(rf'^(\s*(?:{FIELDS}) = )"([^"]*)"', re.M)
NOTE = re.compile(r'^("[a-z/-]+"\s*=\s*)"([^"]*)"', re.M)


def hostile_workspace(root: Path) -> Path:
    """The shipped workspace, every title, name, label, question, org and note starting
    with :data:`HOSTILE`; returns its Paris session file."""
    session = copy_paris(root)
    for path in root.rglob("*.toml"):
        text = FREE_TEXT.sub(_hostile, path.read_text(encoding="utf-8"))
        if "[notes." in text:
            head, notes = text.split("[notes.", 1)
            text = head + "[notes." + NOTE.sub(_hostile, notes)
        path.write_text(text, encoding="utf-8")
    return session


def _hostile(match: re.Match[str]) -> str:
    return f'{match.group(1)}"{HOSTILE_TOML}{match.group(2)}"'
