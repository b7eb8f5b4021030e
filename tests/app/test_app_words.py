"""Pilot tests of issue 10's items 7 to 12: room used, progress shown, words in French."""

from __future__ import annotations

import io

from conftest import FIVE_CASES, notices, settle, sync

from sieve.app.app import SieveApp


def palette_command(app: SieveApp, title: str):
    """The callback of the system command titled ``title``."""
    for command in app.get_system_commands(app.screen):
        if command.title == title:
            return command.callback
    raise AssertionError(f"no command {title!r}")


@sync
async def test_screenshot_command_writes_in_the_current_folder(workspace, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setenv("HOME", str(tmp_path / "home-without-downloads"))
    app = SieveApp(workspace(FIVE_CASES), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        palette_command(app, "Capture d'écran")()
        await pilot.pause(0.3)
        await settle(pilot)
        written = list(here.glob("*.svg"))
        assert len(written) == 1
        assert written[0].read_text(encoding="utf-8").startswith("<svg")
        assert notices(app) == [f"capture enregistrée : {written[0]}"]
        assert [p.name for p in here.iterdir()] == [written[0].name]


@sync
async def test_screenshot_into_a_missing_folder_is_worded(workspace, tmp_path):
    app = SieveApp(workspace(FIVE_CASES), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        missing = tmp_path / "nowhere"
        assert app.take_screenshot(missing) is None
        assert notices(app) == [f"capture non enregistrée dans {missing} : ce dossier n'existe pas"]


#: One subject whose case nobody scored on two criteria (need, learn), and one with no angle.
TWO_UNSCORED = """
[[subject]]
id = "a"
title = "Sujet A"

[[subject]]
id = "lone"
title = "Sujet seul"

[[angle]]
id = "a1"
subject = "a"
title = "Angle A1"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"a" = { service = 1 }
"a/a1" = { }
"""


def test_vigilance_names_every_unscored_criterion_and_subjects_with_no_angle(workspace):
    from conftest import loaded

    from sieve.engine.evaluate import evaluate
    from sieve.engine.vigilance import flags

    path = workspace(TWO_UNSCORED)
    found = {f.kind: f for f in flags(evaluate(loaded(path)), [])}
    assert found["incomplete"].criteria == ("need", "learn")
    assert found["gate"].params == {"unscored": True}
    assert found["no-angle"].key == "lone"


@sync
async def test_vigilance_screen_lists_both_unscored_criteria_and_the_subject_with_no_angle(
    workspace,
):
    from textual.widgets import OptionList

    app = SieveApp(workspace(TWO_UNSCORED), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert lines == [
            "✗ Porte non franchie · Sujet A / Angle A1 · Tenable  (personne ne l'a notée)",
            "? Incomplet · Sujet A / Angle A1 · Besoin, Apprentissage  (2 critères sans note)",
            "∅ Sujet sans angle · Sujet seul  (il ne peut pas devenir un cas)",
        ]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.current_mode == "matrix"
        from sieve.app.widgets.matrix import MatrixView

        row = app.screen.query_one(MatrixView).current_row
        assert row is not None and row.subject == "lone"


def test_the_first_case_rule_is_worded_not_its_file_value():
    from sieve import i18n
    from sieve.i18n import t

    text = t("plan.c.first-case", rule="marked-or-calm", max=1, cases="a")
    assert text == "premier cas possible (règle «\u00a0marqué ou calme\u00a0», attention ≤ 1) : a"
    i18n.set_lang("en")
    assert "“marked or calm”" in t("plan.x.first-case", rule="marked-or-calm", max=1, count=2)


def test_toml_parser_details_are_in_french(workspace):
    from sieve.load.session import load_session

    path = workspace('\n[[subject]]\nid = "a"\nid = "b"\n')
    problems = load_session(path).problems
    assert [p.code for p in problems] == ["toml.syntax"]
    assert problems[0].render().endswith("syntaxe TOML invalide : clé en double")
    path.write_text('format = 1\n[session\nid = "s"\n', encoding="utf-8")
    (problem,) = load_session(path).problems
    assert problem.render().endswith(
        "syntaxe TOML invalide : en-tête de table non fermé (attendu : `]`)"
    )
    path.write_text("format = 1\nx = 01\n", encoding="utf-8")
    (problem,) = load_session(path).problems
    assert problem.render().endswith("syntaxe TOML invalide : un nombre ne commence pas par zéro")


def test_sieve_help_names_its_commands_in_french():
    from sieve.cli.main import build_parser

    top, _commands = build_parser()
    assert "commandes : check, rank" in top.format_help()
    assert "commands:" not in top.format_help()


@sync
async def test_palette_says_no_match_in_french(workspace):
    from textual.command import CommandList

    app = SieveApp(workspace(FIVE_CASES), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zzzqqq")
        await pilot.pause(1.0)
        results = app.screen.query_one(CommandList)
        shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any("Aucune commande ne correspond" in line for line in shown), shown
        assert not any("No matches" in line for line in shown)


@sync
async def test_help_names_the_abstain_keys_in_english(workspace):
    from textual.widgets import Static

    from sieve import i18n

    i18n.set_lang("en")
    app = SieveApp(workspace(FIVE_CASES), watch=False)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2", "question_mark")  # the scoring screen, where one abstains
        await pilot.pause()
        from rich.console import Console

        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one(Static).content)
        body = console.export_text()
        assert "⌫" in body and "Abstain" in body
        assert "Suppr" not in body


@sync
async def test_adopt_dialog_accepts_o_for_oui_and_shows_its_keys(workspace):
    from conftest import EXCHANGE_BODY, OTHER_TAMIS, write
    from textual.widgets import Button, DataTable

    path = workspace(EXCHANGE_BODY)
    write(path.parent.parent / "criteria" / "mulhouse.toml", OTHER_TAMIS)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one(DataTable).cursor_coordinate = (4, 2)  # youth, from Mulhouse
        await pilot.press("a")
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Adopter (o/Entrée)", "Annuler (n/Échap)"]
        await pilot.press("o")
        await settle(pilot)
        assert notices(app) == ["critère `youth` adopté"]


@sync
async def test_confirm_dialog_shows_its_keys_and_accepts_o():
    from rich.text import Text
    from textual.app import App
    from textual.widgets import Button

    from sieve.app.screens.forms import ConfirmDialog

    answers = []
    app = App()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ConfirmDialog(Text("Retirer ?")), answers.append)
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Oui, retirer (o)", "Non (n/Échap)"]
        await pilot.press("o")
        await pilot.pause()
    assert answers == [True]


@sync
async def test_a_tamis_edited_in_the_app_reads_modified_since_its_version(workspace):
    from textual.widgets import Static

    from sieve.app.screens.decision import DecisionDialog
    from sieve.workbench import EDITS

    path = workspace(FIVE_CASES)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen

        def bar() -> str:
            return str(screen.query_one("#bar", Static).content)

        assert "modifié" not in bar()
        assert screen.run_edit(EDITS.set_weight, "need", 5)
        await settle(pilot)
        assert bar() == (
            "Tamis · Tamis de test · version 2  ·  modifié depuis la version 2 : changez "
            "`version` dans le fichier du tamis quand ces changements font une nouvelle version"
        )
        assert app.tamis_modified_since() == 2
        app.push_screen(DecisionDialog(["alpha/a1"]))
        await pilot.pause()
        texts = [str(s.content) for s in app.screen.query(Static)]
        assert any("modifié depuis sa version 2" in text for text in texts), texts
        app.pop_screen()
        await pilot.pause()
        await pilot.press("u")  # undo: the tamis holds version 2's text again
        await settle(pilot)
        assert app.tamis_modified_since() is None
        assert "modifié" not in bar()
        assert screen.run_edit(EDITS.set_weight, "need", 4)
        tamis = path.parent.parent / "criteria" / "t.toml"
        tamis.write_text(
            tamis.read_text(encoding="utf-8").replace("version = 2", "version = 3"),
            encoding="utf-8",
        )
        app.reload(quiet=True)
        await settle(pilot)
        assert app.tamis_modified_since() is None  # renumbered: a new version


@sync
async def test_the_matrix_shows_each_scorers_progress(workspace):
    from conftest import TWO_SCORERS
    from textual.widgets import Static

    app = SieveApp(workspace(TWO_SCORERS), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)

        def progress() -> str:
            return str(app.screen.query_one("#bar", Static).content).splitlines()[-1]

        assert progress() == "Progression (cases notées) : Ana 4/4 ✓ · Bob 0/4"
        app.set_score("bob", "a", "need", 2)
        await settle(pilot)
        assert progress() == "Progression (cases notées) : Ana 4/4 ✓ · Bob 1/4"
        app.set_score("bob", "a/x", "learn", None)  # an abstention fills nothing
        await settle(pilot)
        assert progress() == "Progression (cases notées) : Ana 4/4 ✓ · Bob 1/4"


@sync
async def test_wide_screens_show_whole_titles_in_the_matrix_and_the_presentation(paris):
    from textual.widgets import Static

    from sieve.app.widgets.matrix import MatrixView

    title = "Immersion dans les écoles et les centres Paris Anim' de tous les arrondissements"
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        matrix = app.screen.query_one(MatrixView)
        lines = [matrix.render_line(y).text for y in range(matrix.size.height)]
        assert any(title in line for line in lines), lines
        assert not any("…" in line for line in lines)
        await pilot.press("p")
        await settle(pilot)
        shown = str(app.screen.query_one("#presentation", Static).content)
        assert "Prototyper « le Trocateur citoyen » dans un quartier · " in shown
        assert "…" not in shown.split("✗")[0]  # the ranking: no title cut


@sync
async def test_the_english_tamis_list_says_subject_in_full(workspace):
    from textual.widgets import OptionList

    from sieve import i18n

    i18n.set_lang("en")
    app = SieveApp(workspace(FIVE_CASES), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert " subject " in first, first
