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
