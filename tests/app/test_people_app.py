"""Editing the stakeholder map on the Stakeholders screen: Pilot tests and snapshots.

Each Pilot test performs one edit with the keys and forms a user would, on a copy
of the shipped Paris session, and checks the saved TOML. The snapshots (the list
view and the add form, in French) read the shipped file, never written to; update
them with ``pytest tests/test_people_app.py --snapshot-update`` after a deliberate
change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PARIS, changes, loaded, notices, open_stakeholders, settle, sync

from sieve.app.app import SieveApp
from sieve.app.screens.forms import ConfirmDialog, FormDialog
from sieve.app.screens.stakeholders import StakeholdersScreen
from sieve.text import slug


async def select(pilot, screen: StakeholdersScreen, ident: str) -> None:
    screen.query_one("#people").move_cursor(row=list(screen.analysis.people).index(ident))
    await pilot.pause()
    assert screen.selected == ident


def set_fields(dialog: FormDialog, **values: str) -> None:
    for name, value in values.items():
        dialog.query_one(f"#field-{name}").value = value


def diff(path: Path, before: str) -> list[str]:
    return changes(before, path.read_text(encoding="utf-8"))


# -- people -----------------------------------------------------------------------------


@sync
async def test_add_a_person_with_the_keyboard(paris: Path) -> None:
    before = paris.read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Zoé Martin", "enter")  # the name
        await pilot.press("enter")  # the id: empty, made from the name
        await pilot.press("enter", "down", "enter")  # role: the one after ambassador
        await pilot.pause()
        await pilot.press(*"Mairie", "enter")  # organisation
        await pilot.press("enter", "down", "enter")  # power 1
        await pilot.pause()
        await pilot.press("enter", "down", "down", "down", "enter")  # interest 3
        await pilot.pause()
        await pilot.press("enter")  # on OK
        await settle(pilot)
        assert app.screen is screen
        assert screen.selected == "zoe-martin"
        assert "zoe-martin" in screen.analysis.people
    assert diff(paris, before) == [
        "+[[stakeholder]]",
        '+id = "zoe-martin"',
        '+name = "Zoé Martin"',
        '+role = "relay"',
        '+org = "Mairie"',
        "+power = 1",
        "+interest = 3",
        "+",
    ]
    loaded(paris)


@sync
async def test_edit_and_rename_a_person(paris: Path) -> None:
    before = paris.read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "julien")
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.answer() == {
            "name": "Julien",
            "id": "julien",
            "role": "resident",
            "org": "La 27e Région",
            "power": "1",
            "interest": "4",
        }
        set_fields(dialog, id="julien-m", name="Julien M.", interest="3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.selected == "julien-m"
    lines = diff(paris, before)
    assert lines[:6] == [
        '-id = "julien"',
        '-name = "Julien"',
        '+id = "julien-m"',
        '+name = "Julien M."',
        "-interest = 4",
        "+interest = 3",
    ]
    # the four relations naming Julien follow the new id
    assert lines.count('+to = "julien-m"') + lines.count('+from = "julien-m"') == 4
    assert len(lines) == 6 + 8
    session = loaded(paris)
    assert session.stakeholders["julien-m"].name == "Julien M."


@sync
async def test_remove_a_tied_person_asks_then_removes_their_relations(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "julien")
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question.plain == "Retirer «\u00a0Julien\u00a0» de la carte ?"
        assert dialog.detail.plain == (
            "4 relations nomment cette personne : elles seront retirées aussi."
        )
        await pilot.press("n")  # no: nothing happens
        await pilot.pause()
        assert "julien" in loaded(paris).stakeholders
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("o")
        await settle(pilot)
        assert "julien" not in screen.analysis.people
        assert screen.selected == "arnaud"  # the next one in the list
    session = loaded(paris)
    assert "julien" not in session.people
    assert len(session.relations) == 54 - 4  # 49 today, 5 more in the shipped history


@sync
async def test_remove_an_untied_person(paris: Path) -> None:
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "thomas")
        await pilot.press("delete")
        await pilot.pause()
        assert app.screen.detail is None
        await pilot.press("o")
        await settle(pilot)
    assert "thomas" not in loaded(paris).stakeholders
    assert "thomas" not in paris.read_text()


@sync
async def test_a_refused_person_writes_nothing_and_says_why(paris: Path) -> None:
    before = paris.read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_stakeholders(pilot)
        await pilot.press("a")
        await pilot.pause()
        set_fields(app.screen, name="Autre Agnès", id="agnes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = notices(app)
    assert "la partie prenante `agnes` existe déjà" in messages
    assert paris.read_text() == before


# -- relations ----------------------------------------------------------------------------


@sync
async def test_tie_the_selected_person_to_the_referent(paris: Path) -> None:
    before = paris.read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "thomas")
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        # from the selected person, towards the referent, trust, weight 1 (left empty)
        assert dialog.answer() == {"from": "thomas", "kind": "trust", "to": "agnes", "weight": ""}
        set_fields(dialog, kind="mentors", weight="0,5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.analysis.metrics["thomas"].ties == 1
    assert diff(paris, before) == [
        "+",
        "+[[relation]]",
        '+from = "thomas"',
        '+to = "agnes"',
        '+kind = "mentors"',
        "+weight = 0.5",
    ]
    loaded(paris)


@sync
async def test_a_weight_that_is_no_number_writes_nothing(paris: Path) -> None:
    before = paris.read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_stakeholders(pilot)
        await pilot.press("l")
        await pilot.pause()
        set_fields(app.screen, weight="beaucoup")
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = notices(app)
    assert "`beaucoup` n'est pas un nombre (exemple : 1 ou 0,5)" in messages
    assert paris.read_text() == before


@sync
async def test_edit_a_relation_in_the_relation_view(paris: Path) -> None:
    before = paris.read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await pilot.press("r")  # Nadège's relations first; the view takes the keys
        await pilot.pause()
        await pilot.press("down")
        assert screen.selected_relation_key == ("nadege", "arnaud", "partnership")
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert dialog.answer() == {
            "from": "nadege",
            "kind": "partnership",
            "to": "arnaud",
            "weight": "1",
        }
        set_fields(dialog, kind="trust", weight="2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.selected_relation_key == ("nadege", "arnaud", "trust")
    assert diff(paris, before) == ['-kind = "partnership"', '+kind = "trust"', "+weight = 2"]
    loaded(paris)


@sync
async def test_remove_a_relation_in_the_relation_view(paris: Path) -> None:
    before = paris.read_text()
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await pilot.press("r", "down", "delete")
        await pilot.pause()
        assert app.screen.question.plain == (
            "Retirer la relation «\u00a0Nadège partenariat Arnaud\u00a0» ?"
        )
        await pilot.press("o")
        await settle(pilot)
        assert len(screen.analysis.relations) == 48
        # the cursor stays on the row, now the next relation
        assert screen.selected_relation_key == ("nadege", "lilas", "partnership")
    removed = diff(paris, before)
    assert len(removed) == 5 and all(line.startswith("-") for line in removed)
    assert ("nadege", "arnaud") not in {(r.source, r.target) for r in loaded(paris).relations}


@sync
async def test_names_in_forms_show_literally(workspace) -> None:
    hostile = "[b]Zoé[/b] [@click=app.quit]x[/]"
    path = workspace(
        f"""
        [[stakeholder]]
        id = "z"
        name = "{hostile}"
        role = "referent"
        """
    )
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_stakeholders(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.form_title.plain == f"Modifier «\u00a0{hostile}\u00a0»"
        assert app.screen.answer()["name"] == hostile
        await pilot.press("escape", "delete")
        await pilot.pause()
        assert app.screen.question.plain == f"Retirer «\u00a0{hostile}\u00a0» de la carte ?"
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running


@sync
async def test_a_scorer_named_by_a_relation_gets_a_stakeholder_table(workspace) -> None:
    path = workspace(
        """
        [[scorer]]
        id = "sam"
        name = "Sam"

        [[stakeholder]]
        id = "a"
        name = "A"
        role = "referent"

        [[relation]]
        from = "sam"
        to = "a"
        kind = "trust"
        """
    )
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stakeholders(pilot)
        await select(pilot, screen, "sam")
        await pilot.press("delete")  # no table of their own to remove: says so
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert any("r puis ⌦" in m for m in notices(app))
        await pilot.press("m")  # the add form, under their id
        await pilot.pause()
        assert app.screen.form_title.plain == "Mettre «\u00a0Sam\u00a0» sur la carte"
        assert "id" not in app.screen.answer()
        set_fields(app.screen, role="relay", power="2")
        await pilot.press("ctrl+s")
        await settle(pilot)
    session = loaded(path)
    assert session.stakeholders["sam"].role == "relay"
    assert session.stakeholders["sam"].power == 2
    assert 'role = "referent"\n\n[[stakeholder]]\nid = "sam"\nname = "Sam"' in path.read_text()


def test_slug() -> None:
    assert slug("Zoé Martin") == "zoe-martin"
    assert slug("  Cheffe du bureau (DDCT) ") == "cheffe-du-bureau-ddct"


# -- snapshots ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["list", "add"])
def test_snapshot(snap_compare, view, size):
    async def run_before(pilot) -> None:
        await open_stakeholders(pilot)
        if view == "add":
            await pilot.press("a")
            await pilot.pause()

    assert snap_compare(SieveApp(PARIS, watch=False), run_before=run_before, terminal_size=size)
