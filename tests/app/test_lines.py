"""The vigilance list's lines (sieve.app.widgets.lines): measured as Textual draws them."""

from __future__ import annotations

from conftest import settle, sync
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from textual.content import Content, Span

from sieve.app.app import SieveApp
from sieve.app.widgets.lines import Line, piece

#: Words as they come in titles and labels: accents, wide characters, long runs.
WORD = st.lists(
    st.sampled_from(list("abcdéèàç'-/·") + ["中", "文", "🎉", "x" * 30, " ", "  "]), max_size=12
).map("".join)
PIECES = st.lists(st.tuples(WORD, st.sampled_from(["", "bold", "italic", "dim"])), max_size=8)
RULES = st.sampled_from(
    [{}, {"text_wrap": "nowrap"}, {"line_pad": 1}, {"text_overflow": "ellipsis"}]
)


@settings(max_examples=300, deadline=None)
@given(PIECES, st.integers(1, 120), RULES, st.sampled_from(["", "bold"]))
def test_a_line_is_as_high_and_as_wide_as_textual_draws_it(pieces, width, rules, base):
    # Textual itself cannot wrap into no room: Content.get_height raises ValueError (rich's
    # chop_cells, a zero step) when the padding takes the whole width.
    assume(width > 2 * rules.get("line_pad", 0))
    line = Line(tuple(piece(text, style) for text, style in pieces), base)
    plain = "".join(text for text, _style in pieces)
    spans, at = [], 0
    for text, style in pieces:
        if style and text:
            spans.append(Span(at, at + len(text), style))
        at += len(text)
    content = Content(plain, ([Span(0, len(plain), base)] if base else []) + spans)
    assert str(line) == plain
    assert line.cell_length == content.cell_length
    assert line.get_optimal_width(rules, width) == content.get_optimal_width(rules, width)
    assert line.get_height(rules, width) == content.get_height(rules, width)
    assert line.content.spans == content.spans


BODY = """
[[subject]]
id = "a"
title = "[bold red]Sujet[/] \\u001b[2J A"

[[angle]]
id = "a1"
subject = "a"
title = "Angle [@click=app.quit]A1[/]"

[[scorer]]
id = "x"
name = "X"

[scores.x]
"a" = { service = 0, need = 1 }
"a/a1" = { learn = 1, doable = 1 }
"""


@sync
async def test_vigilance_shows_file_text_literally(workspace):
    from textual.widgets import OptionList

    app = SieveApp(workspace(BODY), watch=False)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert first == (
            "✗ Porte non franchie · [bold red]Sujet[/] \\x1b[2J A / Angle [@click=app.quit]A1[/]"
            " · Service associé"
        )
        # drawn as written (wrapped at 60 columns), never read as markup
        drawn = " ".join(options.render_line(y).text for y in range(4)).split()
        assert drawn[: len(first.split())] == first.split()


@sync
async def test_a_long_list_measures_its_lines_again_only_when_its_width_changes(monkeypatch):
    from textual.app import App
    from textual.widgets.option_list import Option

    from sieve.app.widgets.lines import LongOptionList

    measured = []
    height = Line.get_height
    monkeypatch.setattr(Line, "get_height", lambda s, r, w: measured.append(w) or height(s, r, w))
    words = [piece(f"point {i} " + "mot " * (i % 30)) for i in range(300)]

    class Lists(App):
        CSS = "LongOptionList { height: 1fr; scrollbar-gutter: stable; }"

        def compose(self):
            yield LongOptionList(*[Option(Line((w,))) for w in words])

    app = Lists()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        options = app.query_one(LongOptionList)
        assert len(measured) == len(words)
        (wide,) = set(measured)
        measured.clear()
        await pilot.resize_terminal(80, 20)  # shorter: every line keeps its height
        await pilot.pause()
        assert measured == []  # (OptionList measured them all again)
        await pilot.resize_terminal(60, 20)  # narrower: measured again, and drawn so
        await pilot.pause()
        assert len(measured) == len(words)
        assert set(measured) == {wide - 20}
        first = [options.render_line(y).text.strip() for y in range(3)]
        assert first[0] == "point 0" and first[1].startswith("point 1 mot")


@sync
async def test_vigilance_reuses_the_lines_of_unchanged_flags_after_a_score_edit(paris):
    """After a score edit the titles and labels are the same: each unchanged flag keeps
    its line (worded and drawn once); a session read again is worded afresh."""
    from textual.widgets import OptionList

    from sieve.app.screens.vigilance import Wording

    app = SieveApp(paris, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        options = screen.query_one(OptionList)
        before = {str(o.prompt): o.prompt for o in options.options}
        wording = screen.wording
        wb = app.workbench
        session = wb.session
        scorer = next(iter(session.scorers))
        crit = next(c for c in session.tamis.criteria if c.on_angle)
        key = session.cases[0].key
        level = session.scores.get(scorer, {}).get(key, {}).get(crit.id)
        assert wb.set_score(scorer, key, crit.id, 0 if level else 1) is not None
        screen.update_view()
        await settle(pilot)
        assert screen.wording is wording and wording.fits(wb.session)
        after = [o.prompt for o in options.options]
        fresh = Wording(wb.session)
        assert [str(line) for line in after] == [str(fresh.line(f)) for f in screen.flags]
        kept = [line for line in after if before.get(str(line)) is line]
        assert len(kept) >= len(after) - 2  # the edited cell's flags at most are new
        wb.reload()
        assert not wording.fits(wb.session)
        screen.update_view()
        assert screen.wording is not wording


def test_the_vigilance_lines_know_their_width_and_their_text(paris):
    """The wording sums its parts' widths for each line (the text is joined when drawn):
    each line is as wide as its text, and its text that of its pieces."""
    from rich.cells import cell_len

    from sieve.app.screens.vigilance import Wording
    from sieve.engine.vigilance import flags
    from sieve.workbench import Workbench

    wb = Workbench(paris, autosave=False)
    found = flags(wb.evaluation, wb.problems)
    assert len({f.kind for f in found}) >= 4
    wording = Wording(wb.session)
    for flag in found:
        line = wording.cached_line(flag)
        assert line.cell_length == cell_len(line.plain) > 0
        assert line.plain == "".join(text for text, _style, _cells in line._pieces)
        assert line.content.plain == line.plain
