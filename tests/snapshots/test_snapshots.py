"""Snapshots of every screen (pytest-textual-snapshot), French at 80x24 and 160x48;
the matrix and the presentation also in English and in a light theme.

Update them with ``pytest tests/test_snapshots.py --snapshot-update`` after a
deliberate change, and look at the report. They read the shipped Paris session
(never written to) with the file watcher off; nothing on screen depends on time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT, snapshot_app

from sieve import i18n

BAD = Path("tests/data/bad/sessions/bad.toml")

#: screen -> keys pressed from the matrix to reach it.
SCREENS = {
    "matrix": ["down", "right", "right"],
    "matrix-scorer": ["s"],
    "detail": ["down", "enter"],
    "scoring": ["2", "down", "right"],
    "ranking": ["3", "down"],
    "vigilance": ["6"],
    "presentation": ["p"],
    "help": ["question_mark"],
    "weighting": ["k", "m", "3", "5", "i", "2"],
}
SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_fr(snap_compare, screen, size):
    assert snap_compare(snapshot_app(), press=SCREENS[screen], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_error_screen_fr(snap_compare, monkeypatch, size):
    monkeypatch.chdir(PROJECT)
    assert snap_compare(snapshot_app(path=BAD), terminal_size=size)


@pytest.mark.parametrize("screen", ["matrix", "presentation"])
def test_screen_en(snap_compare, screen):
    i18n.set_lang("en")
    assert snap_compare(snapshot_app(), press=SCREENS[screen], terminal_size=(120, 36))


@pytest.mark.parametrize("screen", ["matrix", "presentation"])
def test_screen_light(snap_compare, screen):
    assert snap_compare(
        snapshot_app("textual-light"), press=SCREENS[screen], terminal_size=(120, 36)
    )


VOTE = """
[vote]
scale = "mention"
cases = [
  "carte-participative/kiosque",
  "carte-personnalisable/maquette-appli",
  "echange-local/trocateur",
  "accueil-mairies/guichet",
]
question = "Ce cas ferait-il un bon cas pratique pour notre Transfo ?"

[votes.agnes]
"carte-participative/kiosque" = 5
"carte-personnalisable/maquette-appli" = 4
"echange-local/trocateur" = 3
"accueil-mairies/guichet" = 1

[votes.clemence]
"carte-participative/kiosque" = 4
"carte-personnalisable/maquette-appli" = 4
"echange-local/trocateur" = 2
"accueil-mairies/guichet" = 2

[votes.sabine]
"carte-participative/kiosque" = 6
"carte-personnalisable/maquette-appli" = 3
"echange-local/trocateur" = 4
"accueil-mairies/guichet" = 0

[votes.sophie]
"carte-participative/kiosque" = 3
"carte-personnalisable/maquette-appli" = 5
"echange-local/trocateur" = 4
"""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("keys", [["v"], ["v", "r"]], ids=["hidden", "revealed"])
def test_vote_screen(snap_compare, tmp_path, keys, size):
    from conftest import copy_paris

    path = copy_paris(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + VOTE, encoding="utf-8")
    assert snap_compare(snapshot_app(path=path), press=keys, terminal_size=size)
