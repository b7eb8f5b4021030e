"""The weighting screen (key k): order or pairwise answers, live weights and CR, save, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import loaded, notices, settle, sync

from sieve.app.app import SieveApp
from sieve.app.screens.forms import FormDialog
from sieve.app.screens.weighting import WeightingScreen


def tamis_of(session: Path) -> Path:
    return session.parent.parent / "criteria" / "transfo.toml"


def side(app) -> str:
    return str(app.screen.query_one("#weigh-weights").render())


@sync
async def test_answer_questions_save_then_undo(paris: Path) -> None:
    tamis = tamis_of(paris)
    before = tamis.read_bytes()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WeightingScreen) and screen.mode == "order"
        await pilot.press("m")
        await settle(pilot)
        assert screen.mode == "pairwise"
        question = str(screen.query_one("#weigh-question").render())
        assert (
            "Pour choisir nos cas, «\u00a0Besoin réel des usagers\u00a0» compte-t-il plus que"
            in question
        )
        assert "Valeur démonstrative" in question and "Combien ?" in question
        # nothing answered: all equal, consistent; the tamis says nothing of its weights
        assert "RC 0" in side(app) and "ne dit pas d'où viennent" in side(app)
        # besoin 3× valeur; besoin 5× hors-clivage; then the third: the other way round, 2×
        await pilot.press("3", "5", "i", "2")
        await settle(pilot)
        assert screen.answers[("besoin-usagers", "valeur-demonstrative")] == 3
        assert screen.answers[("besoin-usagers", "hors-clivage")] == 5
        assert screen.answers[("besoin-usagers", "type-echelle")] == pytest.approx(0.5)
        weights, ahp = screen.result()
        assert max(weights, key=weights.get) == "besoin-usagers"
        assert ahp.cr is not None and ahp.random_index == 1.45  # 9 score criteria
        assert "3 questions répondues sur 36" in str(screen.query_one("#weigh-question").render())
        assert "Saaty 1980" in side(app)
        assert tamis.read_bytes() == before  # live only: nothing written yet
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert notices(app)[-1] == "Enregistré (1 fichier)"
        session = loaded(paris)
        record = session.tamis.weighting
        assert record.method == "eigen" and "Clémence" in record.participants
        assert ("type-echelle", "besoin-usagers", 2.0) in record.judgments["salle"]
        assert session.tamis.by_id["besoin-usagers"].weight == pytest.approx(
            round(weights["besoin-usagers"], 4)
        )
        assert "Poids actuels obtenus par AHP, vecteur propre principal" in side(app)
        await pilot.press("u")
        await settle(pilot)
        assert "ne dit pas d'où viennent" in side(app)
    assert tamis.read_bytes() == before
    assert loaded(paris).tamis.weighting is None


@sync
async def test_order_moves_and_method_then_save(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        first = screen.order[0]
        await pilot.press("right_square_bracket")  # the first criterion goes down one
        await settle(pilot)
        assert screen.order[1] == first
        await pilot.press("g")  # ROC -> rank sum
        await settle(pilot)
        assert screen.order_method == "rank-sum"
        weights, ahp = screen.result()
        n = len(screen.order)
        assert ahp is None and weights[screen.order[0]] == pytest.approx(2 * n / (n * (n + 1)))
        assert "Le classement qu'ils donneraient" in str(
            screen.query_one("#weigh-ranking").render()
        )
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    record = loaded(paris).tamis.weighting
    assert record.method == "rank-sum" and record.order[1] == first


@sync
async def test_digits_in_order_mode_say_where_they_work(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "3")
        await settle(pilot)
        assert isinstance(app.screen, WeightingScreen)  # the digit did not switch screens
        assert "comparaisons par paires" in notices(app)[-1]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, WeightingScreen)


@sync
async def test_the_palette_reaches_the_weighting_screen(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Pondération")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WeightingScreen)


@sync
async def test_a_tamis_with_one_score_criterion_has_nothing_to_weigh(workspace) -> None:
    from conftest import FIVE_CASES, TAMIS

    learn = 'kind = "score"\nscale = "n"\nweight = 1\n'
    assert learn in TAMIS
    session = workspace(
        FIVE_CASES, tamis=TAMIS.replace(learn, 'kind = "gate"\nscale = "n"\npass_at = 0\n')
    )
    app = SieveApp(session, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WeightingScreen)
        assert [c.id for c in screen._scored()] == ["need"]
        assert "au moins deux critères" in str(screen.query_one("#weigh-question").render())
        await pilot.press("m", "3", "s")
        await settle(pilot)
        assert app.screen is screen  # no dialog opened, nothing broke


@sync
async def test_u_undoes_the_weighting_in_progress_never_another_screens_edit(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("right_square_bracket")  # a calendar edit, on screen 8
        await settle(pilot)
        calendar = paris.read_bytes()
        assert len(app.workbench.undo_stack) == 1
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        first = list(screen.order)
        await pilot.press("right_square_bracket", "g", "m", "5", "i", "g")
        await settle(pilot)
        pair, second = (
            ("besoin-usagers", "valeur-demonstrative"),
            ("besoin-usagers", "hors-clivage"),
        )
        assert screen.mode == "pairwise"
        assert screen.answers == {pair: 5, second: pytest.approx(1 / 3)}  # "i": the next one
        await pilot.press("u")  # the "i" taken back
        await settle(pilot)
        assert screen.answers == {pair: 5}
        await pilot.press("u")  # the "5"
        await settle(pilot)
        assert screen.answers == {}
        await pilot.press("u")  # the move, in the order it was made in
        await settle(pilot)
        assert screen.mode == "order" and screen.order == first
        await pilot.press("u")  # nothing left here: the calendar edit is not this screen's
        await settle(pilot)
        assert notices(app)[-1] == (
            "Rien à annuler dans cette pondération (les autres écrans annulent leurs modifications)"
        )
        assert paris.read_bytes() == calendar
        tamis = tamis_of(paris)
        before = tamis.read_bytes()
        await pilot.press("right_square_bracket", "s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert tamis.read_bytes() != before
        await pilot.press("u")  # once saved, u undoes the save, as a file edit
        await settle(pilot)
        assert tamis.read_bytes() == before
        await pilot.press("u")
        await settle(pilot)
        assert paris.read_bytes() == calendar  # still not the calendar's


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@sync
async def test_the_side_and_the_bar_fit_without_wrapping(paris: Path, size) -> None:
    from rich.cells import cell_len

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=size) as pilot:
        for keys in (["k"], ["m"], ["m", "3", "5"]):
            await pilot.press(*keys)
            await settle(pilot)
            screen = app.screen
            # the table's lines, the ranking's and the bar: never wrapped (prose may be)
            for selector, kept in (
                ("#weigh-weights", lambda line: "%" in line or "nouveau" in line),
                ("#weigh-ranking", lambda line: line[:2].strip().isdigit()),
                ("#bar", lambda line: True),
            ):
                widget = screen.query_one(selector)
                room = widget.content_region.width
                lines = [line for line in str(widget.render()).splitlines() if kept(line)]
                assert lines and all(cell_len(line) <= room for line in lines), (selector, room)
            head = next(line for line in side(app).splitlines() if "nouveau" in line)
            assert "actuel" in head  # both headers on one line, above their columns
            row = next(line for line in side(app).splitlines() if line.startswith("Besoin"))
            assert row.endswith("18%") and "…" in row or size == (120, 40)


@sync
async def test_the_weighting_question_never_leaves_a_guillemet_at_a_lines_end(paris):
    from textual.geometry import Region
    from textual.widgets import Static

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "m", "3", "5", "i", "2")
        await pilot.pause()
        box = app.screen.query_one("#weigh-question", Static)
        region = Region(0, 0, box.size.width, box.size.height)
        rows = [strip.text.strip() for strip in box.render_lines(region)]  # as on screen
    assert "«\u00a0Rôle clair dans la stratégie\u00a0» ?" in rows
    assert not any(row.rstrip().endswith("«") or row.lstrip().startswith("»") for row in rows)
