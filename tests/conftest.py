"""Shared fixtures: small workspaces (a tamis and a session) written to a temporary folder."""

from __future__ import annotations

import difflib
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from sieve import i18n

PROJECT = Path(__file__).resolve().parent.parent

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

WorkspaceMaker = Callable[..., Path]


def copy_shipped(folder: Path) -> Path:
    """Copy the shipped ``criteria/`` and ``sessions/`` into ``folder``; return it."""
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, folder / name)
    return folder


@pytest.fixture(autouse=True)
def french() -> None:
    """Tests run in French (the default language) unless they ask otherwise."""
    i18n.set_lang("fr")


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


def changes(before: str, after: str) -> list[str]:
    """The changed lines, as ``-old`` / ``+new``, in file order."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("---", "+++"))
    ]
