"""``sieve compare`` after adoptions: every criterion of every tamis shown, once."""

from __future__ import annotations

from conftest import OTHER_TAMIS, TAMIS, run_cli, write

from sieve.exchange.compare import compare


def renamed_adoption(tmp_path, capsys):
    """Ours has its own ``need`` (weight 3); theirs' ``need`` (5) adopted as ``need-mulhouse``."""
    ours = write(tmp_path / "t.toml", TAMIS.replace("weight = 2", "weight = 3", 1))
    theirs = write(tmp_path / "mulhouse.toml", OTHER_TAMIS.replace("weight = 2", "weight = 5", 1))
    code = run_cli(
        capsys, "adopt", theirs, ours, "--criterion", "need", "--rename", "need-mulhouse"
    )[0]
    assert code == 0
    return ours, theirs


def cells(comparison) -> list[tuple[str, list]]:
    return [
        (ident, [None if c is None else (c.id, c.weight) for c in row])
        for ident, _label, row in comparison.rows
    ]


def test_compare_keeps_our_criterion_beside_one_adopted_under_a_new_name(tmp_path, capsys):
    ours, theirs = renamed_adoption(tmp_path, capsys)
    for order in ((ours, theirs), (theirs, ours)):
        comparison = compare(list(order))
        for column, tamis in enumerate(comparison.tamis):
            shown = [row[column].id for _i, _l, row in comparison.rows if row[column] is not None]
            assert sorted(shown) == sorted(c.id for c in tamis.criteria)
    rows = cells(compare([ours, theirs]))
    assert ("need-mulhouse", [("need-mulhouse", 5.0), ("need", 5.0)]) in rows
    assert [row for ident, row in rows if row[0] == ("need", 3.0)] == [[("need", 3.0), None]]


def test_compare_table_shows_our_weight_and_the_adopted_one(tmp_path, capsys):
    ours, theirs = renamed_adoption(tmp_path, capsys)
    code, out, _ = run_cli(capsys, "compare", ours, theirs)
    assert code == 0
    lines = [line.split() for line in out.splitlines() if line.startswith("need")]
    assert ["need-mulhouse", "5", "5", "(need)"] in lines
    assert ["need", "3", "·"] in lines
    code, out, _ = run_cli(capsys, "compare", ours, theirs, "--format", "csv")
    rows = out.splitlines()[1:]
    assert sorted(r.split(",", 2)[2] for r in rows if r.startswith("need")) == ["3,", "5,5"]
