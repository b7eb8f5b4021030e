"""Terminal safety of the app's edit dialogs (issue 15, item 5).

Every title, name, label, question, org and note of the workspace starts with
``HOSTILE`` (an OSC title sequence, a right-to-left override, a zero-width space, a
C1 CSI, a newline). Each edit dialog opened on such a value shows it in its visible
form: no character of the rule reaches an ``Input``'s value or what it draws, and
the field reads back the file's text exactly, so saving a field left as it was (or
an edit of another field) keeps the value byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HOSTILE, hostile_workspace, loaded, open_stakeholders, settle, sync
from textual import events

from sieve.app.app import SieveApp
from sieve.app.screens.dialogs import NoteDialog
from sieve.app.screens.forms import FormDialog
from sieve.app.screens.portfolio import DecisionDialog
from sieve.app.widgets.text_input import TextInput
from sieve.text import UNSAFE, editable


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_workspace(tmp_path)


def check_inputs(app, expected: dict[str, str]) -> None:
    """Each input of the dialog on top: nothing of the rule in its value or its drawing,
    and it reads back the value it was opened on."""
    inputs = {w.id: w for w in app.screen.query(TextInput)}
    assert inputs, type(app.screen)
    for widget in inputs.values():
        assert UNSAFE.search(widget.value) is None and "\n" not in widget.value, widget.id
        drawn = "".join(widget.render_line(y).text for y in range(widget.size.height))
        assert UNSAFE.search(drawn) is None, widget.id
    for ident, value in expected.items():
        assert inputs[ident].text == value, ident
        assert inputs[ident].value == editable(value)
    assert UNSAFE.search(app.export_screenshot()) is None


async def press_away(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


# -- every dialog that edits file text --------------------------------------------------


@sync
async def test_every_edit_dialog_shows_a_hostile_value_visibly(hostile: Path) -> None:
    session = loaded(hostile)
    crit = session.tamis.criteria[0]
    subject = next(iter(session.subjects.values()))
    angle = next(a for a in session.angles.values() if a.subject == subject.id)
    app = SieveApp(hostile, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await press_away(pilot, "4", "e")  # a criterion's label and question
        assert isinstance(app.screen, FormDialog)
        check_inputs(app, {"field-label": crit.label, "field-question": crit.question})
        await press_away(pilot, "escape", "5")
        assert app.screen.selected() == ("subject", subject.id)
        await press_away(pilot, "e")  # a subject's title, description, type, territory
        check_inputs(app, {"field-title": subject.title, "field-description": subject.description})
        await press_away(pilot, "escape", "down", "e")  # its first angle
        assert isinstance(app.screen, FormDialog)
        check_inputs(app, {"field-title": angle.title})
        await press_away(pilot, "escape", "2", "n")  # a scorer's note on the first subject
        assert isinstance(app.screen, NoteDialog)
        scorer = app.screen.scorer_name
        assert scorer.startswith(HOSTILE)
        check_inputs(app, {"note": app.screen.current})
        assert app.screen.current.startswith(HOSTILE)
        await press_away(pilot, "escape", "escape")  # the dialog, then the scoring mode
        await open_stakeholders(pilot)
        ident = app.screen.selected
        await press_away(pilot, "m")  # a stakeholder's name and org
        person = session.stakeholders[ident]
        check_inputs(app, {"field-name": person.name, "field-org": person.org})
        await press_away(pilot, "escape", "7", "d")  # the decision: text typed or pasted
        assert isinstance(app.screen, DecisionDialog)
        field = app.screen.query_one("#rationale", TextInput)
        field.post_message(events.Paste(HOSTILE.replace("\n", " ")))
        await pilot.pause()
        field.insert_text_at_cursor("\x1b[2J")  # what typing goes through
        check_inputs(app, {"rationale": HOSTILE.replace("\n", " ") + "\x1b[2J"})
        assert app.is_running


@sync
async def test_saving_a_dialog_left_as_it_was_changes_nothing(hostile: Path) -> None:
    files = {p: p.read_bytes() for p in hostile.parent.parent.rglob("*.toml")}
    app = SieveApp(hostile, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await press_away(pilot, "4", "e", "ctrl+s")  # criterion: same label and question
        await press_away(pilot, "5", "e", "ctrl+s")  # subject: same four fields
        await press_away(pilot, "down", "e", "ctrl+s")  # angle: same title and methods
        await press_away(pilot, "2", "n", "enter", "escape")  # the same note
        await open_stakeholders(pilot)
        await press_away(pilot, "m", "ctrl+s")  # the same person
        assert app.is_running
    assert {p: p.read_bytes() for p in files} == files


@sync
async def test_an_edit_of_another_field_keeps_the_hidden_characters(hostile: Path) -> None:
    session = loaded(hostile)
    subject = next(iter(session.subjects.values()))
    app = SieveApp(hostile, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await press_away(pilot, "5", "e")
        app.screen.query_one("#field-type", TextInput).value = "service"
        await press_away(pilot, "ctrl+s")
        await press_away(pilot, "2", "n", "end", *" ok", "enter")
        note = app.workbench.session.notes
    after = loaded(hostile)
    assert after.subjects[subject.id].title == subject.title  # ESC, BEL, RLO, ZWSP kept
    assert after.subjects[subject.id].type == "service"
    changed = [
        (scorer, key, text)
        for scorer, texts in after.notes.items()
        for key, text in texts.items()
        if text != session.notes[scorer].get(key)
    ]
    assert len(changed) == 1 and changed[0][2].startswith(HOSTILE) and changed[0][2].endswith(" ok")
    scorer, key, text = changed[0]
    assert text == session.notes[scorer][key] + " ok" == note[scorer][key]


# -- untouched values that the form shows rounded or joined -------------------------------


@sync
async def test_a_relation_weight_left_as_shown_keeps_the_file_value(workspace) -> None:
    path = workspace(
        """
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
        weight = 0.3333
        """
    )
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_stakeholders(pilot)
        await press_away(pilot, "r", "m")
        assert app.screen.answer()["weight"] == "0,33"  # shown rounded
        app.screen.query_one("#field-kind").value = "trust"
        await press_away(pilot, "ctrl+s")
    (relation,) = loaded(path).relations
    assert relation.kind == "trust" and relation.weight == 0.3333


@sync
async def test_methods_left_as_they_were_keep_a_comma_inside_one(workspace) -> None:
    path = workspace(
        """
        [[subject]]
        id = "a"
        title = "A"

        [[angle]]
        id = "x"
        subject = "a"
        title = "X"
        methods = ["immersion, trio", "maquette"]
        """
    )
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await press_away(pilot, "5", "down", "e")
        app.screen.query_one("#field-title", TextInput).value = "Y"
        await press_away(pilot, "ctrl+s")
    angle = loaded(path).angles["a/x"]
    assert angle.title == "Y" and angle.methods == ("immersion, trio", "maquette")


# -- every screen -----------------------------------------------------------------------


@sync
async def test_every_screen_draws_hostile_text_visibly(hostile: Path) -> None:
    app = SieveApp(hostile, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        for key in ["1", "enter", "escape", "3", "4", "5", "6", "7", "8", "9", "0", "x", "p"]:
            await press_away(pilot, key)
            drawn = app.export_screenshot()
            found = UNSAFE.search(drawn)
            assert found is None, (key, type(app.screen).__name__, repr(found and found.group()))
        assert app.is_running


@sync
async def test_the_error_screen_shows_each_problem_on_its_line(workspace) -> None:
    from sieve.app.screens.errors import ErrorScreen

    path = workspace('[[subject]]\nid = "a\\nFAKE\\u001b]0;id\\u0007\\u202e"\ntitle = "A"\n')
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        shown = str(app.screen.query_one("#problems").render())
        assert UNSAFE.search(shown) is None
        assert "a FAKE\\x1b]0;id\\x07\\u202e" in shown
        assert not [line for line in shown.splitlines() if line.startswith("FAKE")]
