"""The two shipped tamis: La Transfo's shared one and Mulhouse's own variant (issue 10.13)."""

from __future__ import annotations

import re
import shutil

from conftest import PROJECT, loaded

from sieve.engine.evaluate import evaluate
from sieve.exchange.adopt import adopt
from sieve.exchange.common import origin_of
from sieve.exchange.compare import compare
from sieve.load.tamis import load_tamis

CRITERIA = PROJECT / "criteria"


def _tamis(name: str):
    tamis, problems = load_tamis(CRITERIA / name)
    assert tamis is not None and problems == [], problems
    return tamis


def test_mulhouse_adopted_a_criterion_of_the_shared_tamis_as_sieve_adopt_writes_it(tmp_path):
    """Taken out of a copy and adopted again, the criterion comes back byte for byte."""
    shared, mulhouse = _tamis("transfo.toml"), _tamis("mulhouse.toml")
    adopted = [c for c in mulhouse.criteria if c.origin]
    assert [(c.id, c.origin) for c in adopted] == [
        ("transfert-labo", origin_of(shared, "transfert-labo", renamed=False))
    ]
    assert adopted[0].origin == "transfo@1 (La 27e Région)"
    shipped = (CRITERIA / "mulhouse.toml").read_bytes()
    shutil.copytree(CRITERIA, tmp_path / "criteria")
    copy = tmp_path / "criteria" / "mulhouse.toml"
    block = re.compile(rb'\[\[criterion\]\]\nid = "transfert-labo"\n.*?\norigin = [^\n]*\n\n', re.S)
    without, count = block.subn(b"", shipped)
    assert count == 1
    copy.write_bytes(without)
    result = adopt(tmp_path / "criteria" / "transfo.toml", copy, ["transfert-labo"])
    assert result.added == [("transfert-labo", "transfert-labo")]
    assert copy.read_bytes() == shipped


def test_mulhouse_has_a_criterion_of_its_own_that_its_session_scores():
    shared, mulhouse = _tamis("transfo.toml"), _tamis("mulhouse.toml")
    assert (mulhouse.id, mulhouse.version, mulhouse.city) == ("mulhouse", 4, "Mulhouse")
    own = [c.id for c in mulhouse.criteria if c.id not in shared.by_id and not c.origin]
    assert own == ["agents-relais"]
    assert mulhouse.by_id["agents-relais"].scale.id == "relais"
    assert "relais" not in shared.scales
    session = loaded(PROJECT / "sessions" / "mulhouse.toml")
    assert session.tamis.path.resolve() == (CRITERIA / "mulhouse.toml").resolve()
    for result in evaluate(session).results:
        assert result.cells["agents-relais"].group is not None, result.key


def test_compare_of_the_shipped_tamis_shows_what_differs():
    comparison = compare([CRITERIA / "transfo.toml", CRITERIA / "mulhouse.toml"])
    rows = {ident: cells for ident, _label, cells in comparison.rows}
    weights = {
        ident: [None if c is None else (c.pass_at if c.is_gate else c.weight) for c in cells]
        for ident, cells in rows.items()
    }
    assert weights["agents-relais"] == [None, 2]
    assert weights["hors-clivage"] == [2, 3]
    assert weights["type-echelle"] == [1, 2]
    assert weights["transfert-labo"] == [2, 2]
    assert len(rows) == 12  # the shared 11, and Mulhouse's own one
