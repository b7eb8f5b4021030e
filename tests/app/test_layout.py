"""Pilot tests of issue 10's item 7: text cut where room remains, at 80x24, 120x40, 200x60."""

from __future__ import annotations

import pytest
from conftest import settle, sync

from sieve.app.app import SieveApp

SIZES = [(80, 24), (120, 40), (200, 60)]
ids = [f"{w}x{h}" for w, h in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=ids)
@sync
async def test_the_matrix_tells_sibling_subjects_apart(paris, size):
    from sieve.app.widgets.matrix import MatrixView
    from sieve.app.widgets.matrix_rows import SUBJECT

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        matrix = app.screen.query_one(MatrixView)
        lines = [matrix.render_line(y).text for y in range(1, len(matrix.rows) + 1)]
        subjects = {
            row.subject: lines[i][: matrix._label_width()].strip()  # noqa: SLF001
            for i, row in enumerate(matrix.rows)
            if row.kind == SUBJECT
        }
        assert len(set(subjects.values())) == len(subjects), subjects
        if size == (80, 24):
            assert subjects["carte-participative"] == "① La… participative"
            assert subjects["carte-personnalisable"] == "La… personnalisable"


def column_widths(table) -> dict[str, int]:
    """Each column's width in cells, by its key (without the padding)."""
    return {
        str(key.value): column.get_render_width(table) - 2 * table.cell_padding
        for key, column in table.columns.items()
    }


def used_room(table) -> int:
    """The cells a table's columns may take: its width less the padding of each."""
    return table.scrollable_content_region.width - 2 * table.cell_padding * len(table.columns)


@pytest.mark.parametrize("size", SIZES[1:], ids=ids[1:])
@sync
async def test_the_relation_view_fits_its_columns(paris, size):
    from conftest import open_stakeholders
    from textual.widgets import DataTable

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_stakeholders(pilot)
        await pilot.press("r")
        await settle(pilot)
        table = screen.query_one("#relations", DataTable)
        widths = column_widths(table)
        used = sum(w + 2 * table.cell_padding for w in widths.values())
        assert used <= table.scrollable_content_region.width, (widths, table.size)
        assert widths["to"] >= 8 and widths["from"] >= 8, widths
        assert widths["kind"] == len("financement")  # a relation's kind is never cut
        analysis = screen.analysis
        sources = max(len(analysis.people[r.source].name) for r in analysis.relations)
        targets = max(len(analysis.people[r.target].name) for r in analysis.relations)
        assert widths["from"] <= sources and widths["to"] <= targets
        # long names on both sides: the two share the room the kind and weight leave
        assert widths["from"] + widths["to"] == used_room(table) - 11 - len("Poids"), widths
        assert abs(widths["from"] - widths["to"]) <= 1, widths


@sync
async def test_the_stakeholder_list_shows_whole_roles_when_there_is_room(paris):
    from conftest import open_stakeholders
    from textual.widgets import DataTable

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        screen = await open_stakeholders(pilot)
        table = screen.query_one("#people", DataTable)
        widths = column_widths(table)
        used = sum(w + 2 * table.cell_padding for w in widths.values())
        assert used <= table.scrollable_content_region.width, widths
        assert widths["role"] == len("résident·e à domicile"), widths
        cells = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "résident·e à domicile" in cells
        assert not any(cell.endswith("…") for cell in cells)
    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:  # no room: as before, then it scrolls
        await settle(pilot)
        screen = await open_stakeholders(pilot)
        widths = column_widths(screen.query_one("#people", DataTable))
        assert (widths["name"], widths["role"], widths["org"]) == (18, 14, 14)


@sync
async def test_the_relation_view_fits_again_when_the_terminal_grows(paris):
    from conftest import open_stakeholders
    from textual.widgets import DataTable

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_stakeholders(pilot)
        await pilot.press("r")
        await settle(pilot)
        table = screen.query_one("#relations", DataTable)
        narrow = column_widths(table)
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        await pilot.pause(0.1)
        wide = column_widths(table)
        assert wide["from"] > narrow["from"] and wide["to"] > narrow["to"], (narrow, wide)
        assert sum(wide.values()) == used_room(table), wide
        people = column_widths(screen.query_one("#people", DataTable))
        assert people["role"] == len("résident·e à domicile"), people


@pytest.mark.parametrize("size", SIZES, ids=ids)
@sync
async def test_the_presentation_uses_the_whole_height(paris, size):
    from textual.widgets import Static

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        lines = screen.query_one("#presentation", Static).content.plain.split("\n")
        width, height = screen.size  # inside the screen's padding
        assert len(lines) == height, lines
        assert max(len(line) for line in lines) <= width
        assert lines[-1].startswith("⚑ Attention politique : Le budget participatif")
        bars = {}
        for line in lines:
            if "█" in line:
                key = line.split("█")[0][:4].strip() or "same"
                bars.setdefault(len(bars) if key != "same" else len(bars) - 1, []).append(line)
        assert len(bars) == 9  # every passing case
        tall = min(len(lines_of_bar) for lines_of_bar in bars.values())
        assert tall == {80: 1, 120: 2, 200: 4}[size[0]], bars
        sifted = [line for line in lines if line.startswith("✗ 3 écartés : ")]
        assert sifted, lines
        # the room the ranking leaves goes to the names of the sifted-out cases: all shown
        assert "Maquetter à l'échelle 1 un nouvel espace d'accueil" in " ".join(lines)


def test_the_presentation_fits_a_short_screen_and_caps_its_bars():
    from conftest import PARIS

    from sieve.app.screens.presentation import MOST_LINES_PER_CASE, presentation_text
    from sieve.engine.evaluate import evaluate
    from sieve.load.session import load_session

    evaluation = evaluate(load_session(PARIS).session)
    short = presentation_text(evaluation, 76, 12, False).plain.split("\n")
    assert len(short) == 12, short
    assert any(line.startswith("… et ") for line in short), short  # cases left out, said
    assert short[-1].startswith("⚑ Attention politique")
    tall = presentation_text(evaluation, 196, 200, False).plain.split("\n")
    assert len(tall) == 200
    first = [i for i, line in enumerate(tall) if line.startswith(" 1  ")][0]
    second = [i for i, line in enumerate(tall) if line.startswith(" 2  ")][0]
    assert second - first == MOST_LINES_PER_CASE
    blind = presentation_text(evaluation, 76, 22, True).plain
    assert "█" not in blind


@pytest.mark.parametrize("size", SIZES, ids=ids)
@sync
async def test_the_progress_takes_a_second_line_the_matrix_leaves_blank(paris, size):
    from textual.widgets import Static

    from sieve.app.widgets.matrix import MatrixView

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        bar = str(app.screen.query_one("#bar", Static).content).splitlines()
        matrix = app.screen.query_one(MatrixView)
        progress = bar[1:]
        if size == (80, 24):  # the matrix is full: one line, cut
            assert len(progress) == 1 and progress[0].endswith("…"), bar
            return
        assert "…" not in " ".join(progress), bar
        assert progress[-1].endswith("Mehdi 89/96"), bar
        assert len(progress) == (2 if size == (120, 40) else 1), bar
        # no row of the matrix hidden for it
        assert matrix.size.height >= len(matrix.rows) + 1, matrix.size


@sync
async def test_the_progress_puts_in_bold_only_the_scorer_shown(paris):
    from textual.widgets import Static

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        bar = app.screen.query_one("#bar", Static).content
        start = bar.plain.index("Progression")
        line = bar[start:]
        bold = [line.plain[s.start : s.end] for s in line.spans if "bold" in str(s.style)]
        assert bold == ["Progression (cases notées) : ", "Agnès"], bold
        assert "bold" not in str(line.style)


@pytest.mark.parametrize("size", SIZES, ids=ids)
@sync
async def test_the_tamis_list_leaves_its_spare_room_to_the_ranking(paris, size):
    from textual.widgets import OptionList

    from sieve.app.widgets.fitted import FittedText

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        options = screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        box = screen.query_one("#tamis-ranking", FittedText)
        ranking = str(box.render()).splitlines()
        ranked = [line for line in ranking if line[:2].strip().isdigit()]
        assert len(ranked) == 9, ranking
        # worded to the width the ranking got beside the list laid out as wide as its
        # lines: no line wraps (the list, laid out after its lines, narrows the side)
        assert all(len(line) <= box.size.width for line in ranking), (box.size, ranking)
        if size == (80, 24):
            return  # no room to spare
        labels = [crit.label for crit in app.workbench.session.tamis.criteria]
        assert all(label in prompt for label, prompt in zip(labels, prompts, strict=True))
        # the list as wide as its lines: the ranking beside it gets the rest
        assert options.outer_size.width <= max(len(p) for p in prompts) + 6, options.size
        titles = [line[6:].rsplit(" ", 1)[0].rstrip() for line in ranked]
        if size == (200, 60):
            assert not any("…" in title for title in titles), titles
        else:
            assert min(len(title) for title in titles) >= 50, titles


@pytest.mark.parametrize("key", ["7", "8"], ids=["portfolio", "calendar"])
@pytest.mark.parametrize("size", SIZES, ids=ids)
@sync
async def test_the_portfolio_and_calendar_lines_fit_their_list(paris, size, key):
    from textual.widgets import OptionList

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        room = options.scrollable_content_region.width
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        lines = [line for prompt in prompts for line in prompt.splitlines()]
        assert max(len(line) for line in lines) <= room, (room, lines)
        subjects = {line.strip() for prompt in prompts for line in prompt.splitlines()[1:]}
        if key == "7":  # every subject of the session has a case in the list
            assert len(subjects) == 6, subjects  # told apart, even at 80 columns


@pytest.mark.parametrize("size", SIZES, ids=ids)
@sync
async def test_the_case_tree_gets_the_room_on_a_wide_screen(paris, size):
    from textual.widgets import Tree

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        tree = app.screen.query_one(Tree)
        side = app.screen.query_one("#case-side")
        if size[0] < 120:  # a narrow screen: halves, the detail readable
            assert abs(tree.outer_size.width - side.outer_size.width) <= 1
        else:
            assert tree.outer_size.width > side.outer_size.width
        if size == (200, 60):  # every title and id whole
            assert tree.virtual_size.width <= tree.scrollable_content_region.width, (
                tree.virtual_size,
                tree.size,
            )
