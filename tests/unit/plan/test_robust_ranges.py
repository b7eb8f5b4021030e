"""The weight ranges of ``sieve rank --robust`` on the shipped Paris session."""

from __future__ import annotations

import pytest
from conftest import copy_paris

from sieve.load.session import open_session
from sieve.plan.robust import analyse


def test_a_change_between_the_last_step_and_the_ceiling_is_found(tmp_path):
    # transfert-labo (weight 2): the portfolio changes at about 28.3, above the last
    # step of the outward search (23.2) and under the ceiling (30).
    rob = analyse(open_session(copy_paris(tmp_path)), draws=50, seed=0)
    low, high = rob.weight_ranges["transfert-labo"]
    assert low == 0.0
    assert high == pytest.approx(28.3, abs=0.1)
