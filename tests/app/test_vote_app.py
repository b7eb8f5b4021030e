"""The vote screen (key ``v``): mentions recorded per person, saved, undone; results
hidden until revealed and in blind mode (Pilot)."""

from __future__ import annotations

from conftest import copy_paris, loaded, sync, text_of

from sieve.app.app import SieveApp
from sieve.app.screens.vote import VoteScreen, bar_cells, merit_bar

BALLOT = """
[vote]
scale = "mention"
cases = ["carte-participative/kiosque", "echange-local/trocateur"]
question = "Ce cas ferait-il un bon cas pratique pour notre Transfo ?"

[votes.clemence]
"carte-participative/kiosque" = 4
"echange-local/trocateur" = 2
"""


def with_ballot(tmp_path):
    path = copy_paris(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + BALLOT, encoding="utf-8")
    return path


def ballot_text(screen) -> str:
    from textual.widgets import OptionList

    options = screen.query_one(OptionList)
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


@sync
async def test_vote_recorded_saved_and_undone(tmp_path):
    path = with_ballot(tmp_path)
    before = path.read_bytes()
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VoteScreen)
        assert screen.voter == "agnes"  # the session's first scorer
        await pilot.press("5")  # agnes: "Très bien" for the first case of the ballot
        await pilot.pause()
        assert loaded(path).votes["agnes"] == {"carte-participative/kiosque": 5}
        assert path.read_bytes().startswith(before)  # only lines added: lossless
        await pilot.press("s", "s")  # clemence -> sabine? agnes -> clemence -> sabine
        await pilot.pause()
        assert screen.voter == "sabine"
        await pilot.press("up", "6")
        await pilot.pause()
        assert loaded(path).votes["sabine"] == {"carte-participative/kiosque": 6}
        await pilot.press("u")
        await pilot.pause()
        assert "sabine" not in loaded(path).votes or not loaded(path).votes["sabine"]
        await pilot.press("u")
        await pilot.pause()
        assert path.read_bytes() == before  # both undone, byte for byte


@sync
async def test_first_mention_creates_the_vote_table(tmp_path):
    path = copy_paris(tmp_path)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
    session = loaded(path)
    assert session.vote is not None and session.vote.scale.id == "mention"
    assert list(session.votes["agnes"].values()) == [4]


@sync
async def test_results_hidden_until_revealed_and_in_blind_mode(tmp_path):
    path = with_ballot(tmp_path)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert "Bien " not in ballot_text(screen).replace("Très bien", "")
        assert "RÉSULTATS CACHÉS" in text_of(screen, "#bar")
        assert "Départages" not in text_of(screen, "#explain")
        await pilot.press("r")
        await pilot.pause()
        shown = ballot_text(screen)
        assert shown.splitlines()[0].lstrip().startswith("1.")
        assert "Départages" in text_of(screen, "#explain")
        assert "mention majoritaire «\u00a0Bien\u00a0» contre «\u00a0Passable\u00a0»" in text_of(
            screen, "#explain"
        )
        await pilot.press("b")  # blind mode hides them again, and r cannot show them
        await pilot.pause()
        assert "Départages" not in text_of(screen, "#explain")
        await pilot.press("r")
        await pilot.pause()
        assert "Départages" not in text_of(screen, "#explain")


@sync
async def test_vote_screen_from_the_palette(tmp_path):
    path = with_ballot(tmp_path)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Vote")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VoteScreen)


def test_bar_cells_fill_the_width():
    assert bar_cells((1, 1, 1), 30) == [10, 10, 10]
    assert sum(bar_cells((3, 0, 5, 1, 2, 0, 7), 30)) == 30
    assert bar_cells((0, 0), 10) == [0, 0]
    assert len(merit_bar((1, 2, 3)).plain) == 30
