"""The Tamis and Cases screens: each edit made with the keys, then the saved TOML checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import loaded, notices, settle, sync

from sieve.app.app import SieveApp
from sieve.app.screens.forms import ConfirmDialog, FormDialog, TagsDialog


def tamis_of(session: Path) -> Path:
    return session.parent.parent / "criteria" / "transfo.toml"


# -- Tamis ----------------------------------------------------------------------------


@sync
async def test_weight_keys_move_the_ranking_then_save_one_line(paris: Path) -> None:
    tamis = tamis_of(paris)
    before = tamis.read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        wb = app.workbench
        saved_order = [r.key for r in wb.evaluation.results]
        # the 7th criterion is interet-formation (weight 3): raise it to 6
        await pilot.press(*["down"] * 6, "plus", "plus", "plus")
        await settle(pilot)
        assert app.screen.selected().id == "interet-formation"
        assert wb.weights == {"interet-formation": 6.0}
        assert [r.key for r in wb.evaluation.results] != saved_order
        assert tamis.read_text() == before  # a preview: nothing written yet
        assert "Classement avec ces poids" in str(app.screen.query_one("#tamis-ranking").render())
        await pilot.press("s")
        await settle(pilot)
        assert wb.weights is None
        assert notices(app)[-1] == "Enregistré (1 fichier)"
    after = tamis.read_text()
    assert after == before.replace(
        'weight = 3\n\n[[criterion]]\nid = "variete-methodes"',
        'weight = 6\n\n[[criterion]]\nid = "variete-methodes"',
    )
    assert loaded(paris).tamis.by_id["interet-formation"].weight == 6


@sync
async def test_escape_forgets_the_previewed_weights(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("minus", "minus")
        assert app.workbench.weights == {"besoin-usagers": 1.0}
        await pilot.press("escape")
        assert app.workbench.weights is None
        await pilot.press("down", "plus")  # a gate has no weight
        assert app.workbench.weights is None
        assert notices(app)[-1] == "Une porte n'a pas de poids : elle se franchit ou non."


@sync
async def test_edit_label_and_question_in_a_form(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("end", *" [@click=app.quit]x[/]", "enter")
        await pilot.press("ctrl+u", *"Vraiment ?", "enter")
        await settle(pilot)
        assert app.is_running
        shown = app.screen.query_one("#criteria").get_option_at_index(0).prompt
        assert "Besoin réel des usagers [@click=app.quit]x[/]" in shown.plain
    crit = loaded(paris).tamis.by_id["besoin-usagers"]
    assert crit.label == "Besoin réel des usagers [@click=app.quit]x[/]"
    assert crit.question == "Vraiment ?"
    assert 'label = "Besoin réel des usagers [@click=app.quit]x[/]"' in tamis_of(paris).read_text()


@sync
async def test_a_gate_s_pass_level_is_edited_in_the_form(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("down", "e")  # service-associe, a gate
        await settle(pilot)
        await pilot.press("enter", "enter", "ctrl+u", "2", "enter")
        await settle(pilot)
        assert notices(app)[-1] == "Enregistré (1 fichier)"
    assert "pass_at = 2                 # il faut au moins" in tamis_of(paris).read_text()
    assert loaded(paris).tamis.by_id["service-associe"].pass_at == 2


@sync
async def test_add_a_criterion_after_the_selected_one(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Ancrage local", "enter", *"ancrage-local", "enter")
        await pilot.press(*"Le sujet touche-t-il un quartier ?", "ctrl+s")
        await settle(pilot)
        assert app.screen.selected().id == "ancrage-local"
    tamis = loaded(paris).tamis
    assert tamis.criterion_ids[:2] == ("besoin-usagers", "ancrage-local")
    crit = tamis.by_id["ancrage-local"]
    assert (crit.applies_to, crit.kind, crit.scale.id, crit.weight) == (
        "subject",
        "score",
        "niveau",
        1.0,
    )
    assert crit.question == "Le sujet touche-t-il un quartier ?"


@sync
async def test_bad_criterion_id_is_refused_with_a_message(paris: Path) -> None:
    before = tamis_of(paris).read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"X", "enter", *"Pas Un Slug", "ctrl+s")
        await settle(pilot)
        assert "identifiant `Pas Un Slug` invalide" in notices(app)[-1]
    assert tamis_of(paris).read_text() == before


@sync
async def test_remove_a_scored_criterion_asks_first(paris: Path) -> None:
    agnes = paris.parent / "paris-scores" / "agnes.toml"
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press(*["down"] * 9, "delete")  # essai-erreur
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert "essai-erreur" in agnes.read_text()
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "essai-erreur" not in app.workbench.session.tamis.by_id
    assert "essai-erreur" not in agnes.read_text()
    assert "essai-erreur" not in loaded(paris).tamis.by_id


@sync
async def test_removing_a_criterion_can_be_undone(paris: Path) -> None:
    files = [tamis_of(paris), *sorted(paris.parent.rglob("*.toml"))]
    before = {p: p.read_bytes() for p in files}
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press(*["down"] * 9, "delete", "y")  # essai-erreur, with its scores
        await settle(pilot)
        assert "essai-erreur" not in app.workbench.session.tamis.by_id
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "essai-erreur" in app.workbench.session.tamis.by_id
    assert {p: p.read_bytes() for p in files} == before


# -- Cases ----------------------------------------------------------------------------


@sync
async def test_add_subject_and_angle(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"La cantine", "enter", *"cantine", "enter", *"Repas [b]", "enter")
        await pilot.press(*"service", "enter", *"quartier", "enter")
        await settle(pilot)
        assert app.screen.selected() == ("subject", "cantine")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Goûter les menus", "enter", *"menus", "enter")
        await pilot.press(*"immersion, maquette", "enter")
        await settle(pilot)
        assert app.screen.selected() == ("angle", "cantine/menus")
    session = loaded(paris)
    subject = session.subjects["cantine"]
    assert (subject.title, subject.description, subject.type, subject.territory) == (
        "La cantine",
        "Repas [b]",
        "service",
        "quartier",
    )
    assert session.angles["cantine/menus"].subject == "cantine"
    assert session.angles["cantine/menus"].methods == ("immersion", "maquette")


@sync
async def test_rename_subject_moves_its_scores(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("down", "down", "down", "i")  # i: the id (r: the title)
        await settle(pilot)
        await pilot.press("ctrl+u", *"carte-perso", "enter")
        await settle(pilot)
        assert app.screen.selected() == ("subject", "carte-perso")
        assert notices(app)[-1] == "Enregistré (8 fichiers)"
    session = loaded(paris)
    assert "carte-perso" in session.subjects
    assert session.scores["agnes"]["carte-perso/maquette-appli"]["interet-formation"] == 2


@sync
async def test_ids_come_from_titles_and_rename_changes_the_title_only(paris: Path) -> None:
    """12.2: a form's empty id is made from the title; r gives another title, not an id."""
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("a", *"Propreté des rues", "enter", "enter", "enter", "enter", "enter")
        await settle(pilot)
        assert app.screen.selected() == ("subject", "proprete-des-rues")
        await pilot.press("n", *"Une semaine d'immersion", "enter", "enter", "enter")
        await settle(pilot)
        assert app.screen.selected() == ("angle", "proprete-des-rues/une-semaine-d-immersion")
        # the same title again: the id is made free with -2
        await pilot.press("up", "n", *"Une semaine d'immersion", "enter", "enter", "enter")
        await settle(pilot)
        assert app.screen.selected() == ("angle", "proprete-des-rues/une-semaine-d-immersion-2")
        # r renames: the title changes, the id (and so the scores) stay
        await pilot.press("home", "r", "ctrl+u", *"Une carte, enfin", "enter")
        await settle(pilot)
        assert app.screen.selected() == ("subject", "carte-participative")
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a", *"Le portage par un élu", "ctrl+s")
        await settle(pilot)
    session = loaded(paris)
    assert session.subjects["carte-participative"].title == "Une carte, enfin"
    assert session.scores["agnes"]["carte-participative"]
    assert session.subjects["proprete-des-rues"].title == "Propreté des rues"
    labels = {c.id: c.label for c in session.tamis.criteria}
    assert labels["le-portage-par-un-elu"] == "Le portage par un élu"


@sync
async def test_describe_an_angle(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        await pilot.press("ctrl+u", *"Un kiosque", "enter", "ctrl+u", *"maquette", "enter")
        await settle(pilot)
    angle = loaded(paris).angles["carte-participative/kiosque"]
    assert (angle.title, angle.methods) == ("Un kiosque", ("maquette",))


@sync
async def test_remove_angle_after_confirmation(paris: Path) -> None:
    clemence = paris.parent / "paris-scores" / "clemence.toml"
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("down", "down", "delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert "carte-participative/contributeurs" in app.workbench.session.angles
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    session = loaded(paris)
    assert "carte-participative/contributeurs" not in session.angles
    assert "carte-participative/contributeurs" not in clemence.read_text()


@sync
async def test_tag_attention_and_mark_first_case(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press(*["down"] * 12, "t")  # accueil-mairies
        await settle(pilot)
        assert isinstance(app.screen, TagsDialog)
        await pilot.press("down", "down", "down", "space", "enter")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
    session = loaded(paris)
    assert session.subjects["accueil-mairies"].attention == ("mediatisation",)
    assert [s.id for s in session.subjects.values() if s.first_case] == ["accueil-mairies"]


@sync
async def test_file_changed_on_disk_is_not_overwritten(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        changed = paris.read_text() + "# ajouté par quelqu'un d'autre\n"
        paris.write_text(changed)
        await pilot.press("f")
        await settle(pilot)
        assert any("a été modifié depuis sa lecture" in m for m in notices(app)), notices(app)
    assert paris.read_text() == changed


# -- snapshots ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("screen", ["4", "5"], ids=["tamis", "cases"])
def test_snapshot(snap_compare, paris: Path, screen: str, size: tuple[int, int]) -> None:
    app = SieveApp(paris, watch=False)
    assert snap_compare(app, press=[screen], terminal_size=size)


@sync
async def test_file_text_is_shown_literally(paris: Path) -> None:
    tamis = tamis_of(paris)
    hostile = "[@click=app.quit]x[/] \\u001b[31mrouge"
    tamis.write_text(
        tamis.read_text().replace('"Besoin réel des usagers"', f'"{hostile}"'),
        encoding="utf-8",
    )
    paris.write_text(
        paris.read_text().replace('"La carte citoyenne participative"', '"[/x] [b]gras"'),
        encoding="utf-8",
    )
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        prompt = app.screen.query_one("#criteria").get_option_at_index(0).prompt
        assert "[@click=app.quit]x[/] \\x1b[31mrouge" in prompt.plain
        await pilot.press("5")
        await settle(pilot)
        label = app.screen.tree.root.children[0].label
        assert "[/x] [b]gras" in label.plain
        assert app.is_running
