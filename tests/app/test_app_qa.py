"""Pilot tests of the fixes a QA review asked for (one test per finding)."""

from __future__ import annotations

from conftest import EXCHANGE_BODY, FIVE_CASES_PORTFOLIO, OTHER_TAMIS, settle, sync, write
from textual.notifications import Notification
from textual.widgets import DataTable
from textual.widgets._toast import Toast

from sieve.app.app import SieveApp


def toasts(app: SieveApp) -> list[str]:
    """The notified texts (``app.notices``), each rendered as Textual's toast renders it."""
    out = []
    for note in app.notices:
        assert isinstance(note.message, str)
        assert not note.markup
        shown = Notification(note.message, note.title, note.severity, markup=note.markup)
        out.append(str(Toast(shown).render()))
    return out


@sync
async def test_exchange_notices_are_plain_text_and_adopt_is_confirmed(workspace):
    path = workspace(EXCHANGE_BODY)
    tamis = path.parent.parent / "criteria" / "t.toml"
    write(tamis.with_name("mulhouse.toml"), OTHER_TAMIS.replace('"Mulhouse"', '"[b]Mul[/x]"'))
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("x")
        await settle(pilot)  # the other tamis are read in a thread
        table = app.screen.query_one(DataTable)
        table.cursor_coordinate = (0, 2)  # need: we have it
        await pilot.press("a")
        await pilot.pause()
        assert toasts(app) == [
            "notre tamis a déjà ce critère (`need`) : pour le remplacer, "
            "sieve adopt SOURCE CIBLE --criterion ID --replace"
        ]
        app.clear_notifications()
        app.notices.clear()
        table.cursor_coordinate = (4, 2)  # youth, from Mulhouse
        await pilot.press("a", "y")
        await pilot.pause()
        await pilot.pause()
        assert toasts(app) == ["critère `youth` adopté"]


@sync
async def test_notify_never_reads_markup(workspace):
    from rich.text import Text

    app = SieveApp(workspace(EXCHANGE_BODY), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.notify("[@click=app.quit]x[/] \x1b[2J")
        app.notify(Text("[/x]"))
        await pilot.pause()
        assert toasts(app) == ["[@click=app.quit]x[/] \\x1b[2J", "[/x]"]


#: One subject, two angles: `x` passes the `doable` gate, `y` fails it (both scorers say 0).
SIFTED = """\
[[subject]]
id = "a"
title = "Sujet A"

[[angle]]
id = "y"
subject = "a"
title = "Angle Y"

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

[scores.ana]
"a" = { need = 2, service = 1 }
"a/x" = { learn = 3, doable = 1 }
"a/y" = { learn = 3, doable = 0 }

[scores.bob]
"a" = { need = 2, service = 1 }
"a/x" = { learn = 2, doable = 1 }
"a/y" = { learn = 3, doable = 0 }
"""


def shown(matrix) -> list[tuple[str, str | None, str]]:
    """(kind, case, every visible text of the row) for each matrix row."""
    return [
        (r.kind, r.case, " ".join([r.label, r.score, *(text for text, _ in r.cells)]))
        for r in matrix.rows
    ]


@sync
async def test_blind_matrix_neither_splits_nor_marks_sifted_cases(workspace):
    from sieve.app.widgets.matrix import MatrixView

    app = SieveApp(workspace(SIFTED), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        matrix = app.screen.query_one(MatrixView)
        rows = shown(matrix)
        assert [(k, c) for k, c, _ in rows] == [
            ("subject", None),
            ("case", "a/x"),
            ("section", None),
            ("subject", None),
            ("case", "a/y"),
        ]
        assert "✗" in rows[-1][2]
        await pilot.press("b")
        await pilot.pause()
        rows = shown(matrix)
        assert [(k, c) for k, c, _ in rows] == [("subject", None), ("case", "a/y"), ("case", "a/x")]
        assert not any("✗" in text for _k, _c, text in rows)
        assert not any(r.sifted for r in matrix.rows)
        await pilot.press("s")  # Ana's view: blind hides her levels too (issue 10.5)
        await pilot.pause()
        rows = shown(matrix)
        assert rows[1][1] == "a/y" and "0" not in rows[1][2].split()
        assert not any("✗" in text for _k, _c, text in rows)


@sync
async def test_blind_calendar_shows_results_are_hidden(workspace):
    from textual.widgets import OptionList, Static

    app = SieveApp(workspace(FIVE_CASES_PORTFOLIO), watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one(OptionList).option_count > 0
        await pilot.press("b")
        await pilot.pause()
        assert screen.query_one(OptionList).option_count == 0
        detail = str(screen.query_one("#cal-detail", Static).render())
        assert detail == "Résultats du groupe masqués (mode aveugle) : b pour les révéler."
        await pilot.press("b")
        await pilot.pause()
        assert screen.query_one(OptionList).option_count > 0


@sync
async def test_note_editor_opens_with_the_cursor_at_the_end(workspace):
    from textual.widgets import Input

    from sieve.workbench import Workbench

    body = SIFTED + '\n[notes.ana]\n"a/y" = "Trop long"\n'
    path = workspace(body)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one("#matrix").move_to("a/y")
        await pilot.press("n")
        await pilot.pause()
        box = app.screen.query_one(Input)
        assert box.value == "Trop long"
        assert box.selection.is_empty and box.cursor_position == len("Trop long")
        await pilot.press(*" à revoir", "enter")
        await app.workers.wait_for_complete()
        assert Workbench(path).session.notes["ana"]["a/y"] == "Trop long à revoir"


@sync
async def test_rename_with_a_bad_id_keeps_the_form_open_with_the_error(workspace):
    from textual.widgets import Input, Static

    from sieve.app.screens.forms import FormDialog

    path = workspace(SIFTED)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert app.screen.selected() == ("subject", "a")
        await pilot.press("i", "ctrl+u", *"Mauvais Id", "enter")
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one(Input).value == "Mauvais Id"
        error = str(dialog.query_one("#form-error", Static).render())
        assert error.startswith("identifiant `Mauvais Id` invalide")
        await pilot.press("ctrl+u", *"bon-id", "enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert "bon-id" in app.workbench.session.subjects


@sync
async def test_a_refused_decision_asks_again_with_the_text_and_the_ticks_kept(workspace):
    from textual.widgets import Input, SelectionList, Static

    from sieve.app.screens.decision import DecisionDialog

    path = workspace(FIVE_CASES_PORTFOLIO)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("7", "d")
        await pilot.press("enter", "space", "enter")  # no rationale; x ticked
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)
        assert dialog.query_one(SelectionList).selected == ["x"]
        error = str(dialog.query_one("#decide-error", Static).render())
        assert "raison" in error
        assert app.workbench.session.decisions == ()
        dialog.query_one(Input).focus()
        await pilot.press(*"Choix du groupe", "enter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, DecisionDialog)
        (decision,) = app.workbench.session.decisions
        assert decision.present == ("x",)


@sync
async def test_tamis_ranking_panel_tells_cases_of_one_subject_apart(workspace):
    from sieve.app.widgets.fitted import FittedText

    body = SIFTED.replace("doable = 0", "doable = 1").replace(
        'title = "Sujet A"', 'title = "La carte citoyenne participative du quartier"'
    )
    app = SieveApp(workspace(body), watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        lines = str(app.screen.query_one("#tamis-ranking", FittedText).render()).splitlines()
        cases = [line for line in lines if line[:2].strip().isdigit()]
        assert len(cases) == 2
        assert cases[0].split()[1:3] == ["Angle", "Y"]
        assert cases[1].split()[1:3] == ["Angle", "X"]


@sync
async def test_exchange_table_fits_the_screen_with_the_cursor_on_a_tamis(workspace):
    from sieve.app.widgets.keybar import KeyBar

    path = workspace(EXCHANGE_BODY)
    tamis = path.parent.parent / "criteria" / "t.toml"
    long_city = "Mulhouse Alsace Agglomération et Communauté européenne d'Alsace"
    other = OTHER_TAMIS.replace('city = "Mulhouse"', f'city = "{long_city}"').replace(
        'label = "Parole des jeunes"',
        'label = "Parole des jeunes et des associations de quartier dans la décision"',
    )
    write(tamis.with_name("mulhouse.toml"), other)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("x")
        await settle(pilot)  # the other tamis are read in a thread
        table = app.screen.query_one(DataTable)
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert len(widths) == 3
        assert sum(widths) <= table.size.width
        assert table.cursor_coordinate.column == 1
        keys = str(app.screen.query_one(KeyBar).render())
        assert "^p commandes" in keys and "^q Quitter" in keys


@sync
async def test_english_labels_take_no_space_before_the_colon(workspace):
    from textual.widgets import Static

    from sieve import i18n

    i18n.set_lang("en")
    app = SieveApp(workspace(SIFTED), watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        detail = str(app.screen.query_one("#case-detail", Static).render())
        assert "Id: a" in detail
        await pilot.press("p")
        await pilot.pause()
        shown = str(app.screen.query_one("#presentation", Static).render())
        assert "✗ 1 sifted out: " in shown
        assert " :" not in detail + shown
    i18n.set_lang("fr")
    assert i18n.t("app.colon") == " : "


@sync
async def test_u_undoes_on_the_matrix_too(workspace):
    from sieve.workbench import Workbench

    path = workspace(SIFTED)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "right", "right", "3")  # Ana, subject a, need = 3
        await app.workers.wait_for_complete()
        assert Workbench(path).session.scores["ana"]["a"]["need"] == 3
        await pilot.press("escape")  # back to the matrix
        await pilot.pause()
        assert app.current_mode == "matrix"
        await pilot.press("u")
        await app.workers.wait_for_complete()
        assert Workbench(path).session.scores["ana"]["a"]["need"] == 2


@sync
async def test_narrow_key_bar_keeps_help_and_quit(workspace):
    from rich.cells import cell_len

    from sieve.app.widgets.keybar import KeyBar

    app = SieveApp(workspace(FIVE_CASES_PORTFOLIO), watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("2", "escape", "8", "1"):
            await pilot.press(key)
            await pilot.pause()
            keys = str(app.screen.query_one(KeyBar).render())
            assert keys.endswith(" ^q Quitter") and " ? Aide " in keys, (app.current_mode, keys)
            assert cell_len(keys) <= 80
            assert "…" not in keys
        assert "^p commandes" in keys  # the matrix has room for the palette too


@sync
async def test_every_toast_is_kept_in_the_app_s_public_record(workspace):
    from sieve.app.app import NOTICES_KEPT
    from sieve.i18n import t

    app = SieveApp(workspace(EXCHANGE_BODY), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")  # the app's own toast: blind mode on
        app.screen.notify("[b]x[/b]", severity="warning")  # a screen's toast
        await pilot.pause()
        assert [(n.message, n.severity) for n in app.notices] == [
            (t("app.blind.on"), "information"),
            ("[b]x[/b]", "warning"),
        ]
        for number in range(NOTICES_KEPT + 5):
            app.notify(f"n{number}")
        assert len(app.notices) == NOTICES_KEPT
        assert app.notices[0].message == "n5" and app.notices[-1].message == f"n{NOTICES_KEPT + 4}"


@sync
async def test_the_exchange_screen_reads_other_tamis_once_and_off_the_ui_thread(
    workspace, monkeypatch
):
    """Repaints and resizes read no file; a changed tamis is read again (issue 9)."""
    import threading

    import sieve.workbench

    path = workspace(EXCHANGE_BODY)
    other = path.parent.parent / "criteria" / "mulhouse.toml"
    write(other, OTHER_TAMIS)
    reads = []
    real = sieve.workbench.load_tamis

    def spy(file):
        reads.append((file.name, threading.current_thread() is threading.main_thread()))
        return real(file)

    monkeypatch.setattr(sieve.workbench, "load_tamis", spy)
    app = SieveApp(path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("x")
        await settle(pilot)
        assert reads == [("mulhouse.toml", False)]
        assert len(app.screen.query_one(DataTable).columns) == 3
        for size in ((100, 30), (140, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
        app.screen.refresh_view()
        await settle(pilot)
        assert reads == [("mulhouse.toml", False)]
        write(other, OTHER_TAMIS.replace('"Mulhouse"', '"Mulhouse Alsace"'))
        app.screen.refresh_view()
        await settle(pilot)
        assert reads == [("mulhouse.toml", False)] * 2
        assert "Mulhouse Alsace" in str(app.screen.query_one(DataTable).columns)


def _exchange_rows(app: SieveApp) -> tuple[list[str], dict[str, list[str]]]:
    """The Exchange table as shown: column headings, and each criterion's cells by row key."""
    table = app.screen.query_one(DataTable)
    heads = [str(column.label) for column in table.columns.values()]
    rows = {str(key.value): [str(cell) for cell in table.get_row(key)[1:]] for key in table.rows}
    return heads, rows


@sync
async def test_the_exchange_screen_shows_the_shipped_second_tamis_and_adopts_from_it(tmp_path):
    """Issue 10.13: the shipped workspace holds two tamis; each session sees the other one."""
    from conftest import copy_shipped

    from sieve.i18n import t

    copy_shipped(tmp_path)
    paris, transfo = tmp_path / "sessions" / "paris.toml", tmp_path / "criteria" / "transfo.toml"
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("x")
        await settle(pilot)  # the other tamis are read in a thread
        heads, rows = _exchange_rows(app)
        assert heads[1:] == ["nous : transfo@1\nLa 27e Région", "mulhouse@4\nMulhouse"]
        assert rows["hors-clivage"] == ["2", "3"]
        assert rows["transfert-labo"] == ["2", "2"]  # Mulhouse adopted it: one row
        assert rows["agents-relais"] == ["·", "2"]  # Mulhouse's own
        hint = str(app.screen.query_one("#exchange-hint").render())
        assert hint == t("app.exchange.hint") != t("app.exchange.alone")
        table = app.screen.query_one(DataTable)
        table.cursor_coordinate = (list(rows).index("agents-relais"), 2)
        await pilot.press("a", "o")
        await settle(pilot)
        assert _exchange_rows(app)[1]["agents-relais"] == ["2", "2"]
        assert app.workbench.session.tamis.by_id["agents-relais"].scale.id == "relais"
    text = transfo.read_text(encoding="utf-8")
    assert 'origin = "mulhouse@4 (Mulhouse)"' in text and "[scales.relais]" in text

    app = SieveApp(tmp_path / "sessions" / "mulhouse.toml", watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("x")
        await settle(pilot)
        heads, rows = _exchange_rows(app)
        assert heads[1:] == ["nous : mulhouse@4\nMulhouse", "transfo@1\nLa 27e Région"]
        assert rows["type-echelle"] == ["2", "1"]


@sync
async def test_a_subject_criterion_typed_on_a_case_line_says_it_went_to_the_subject(paris):
    """A digit on a case's line, in a subject criterion's column, changes the subject's
    level (every angle's), which the case's line does not show: a toast says so."""
    from sieve.app.widgets.matrix_rows import CASE

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        matrix = app.screen.matrix
        await pilot.press("down")
        assert matrix.current_row.kind == CASE and not matrix.current_criterion.on_angle
        subject, crit = matrix.current_row.subject, matrix.current_criterion
        await pilot.press("3")
        await settle(pilot)
        session = app.workbench.session
        assert session.scores[app.screen.scorer][subject][crit.id] == 3
        title = session.subjects[subject].title
        angles = sum(1 for case in session.cases if case.subject.id == subject)
        assert angles == 2
        assert toasts(app)[-1] == (
            f"«\u00a0{crit.label}\u00a0» se note par sujet : niveau enregistré pour "
            f"«\u00a0{title}\u00a0», valable pour {angles} angles"
        )
        app.notices.clear()
        await pilot.press("1")  # now on an angle criterion of the case: no such toast
        await settle(pilot)
        assert not toasts(app)


@sync
async def test_exchange_headings_take_two_lines_so_labels_show_whole_at_80_columns(paris):
    """The tamis' headings were ``nous : transfo@1 La 27e Région`` on one line, 31 columns
    for cells of one character, and the criteria's labels were cut at 80 columns."""
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.header_height == 2
        heads = [c.label.plain for c in table.columns.values()]
        assert heads[1] == "nous : transfo@1\nLa 27e Région"
        assert heads[2] == "mulhouse@4\nMulhouse"
        first = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "besoin-usagers · Besoin réel des usagers" in first
        assert "agents-relais · Porté par des agents relais" in first
