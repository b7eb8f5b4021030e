"""Adding assessments and stances: lossless, validated, read back as written."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ONE_CASE, changes, loaded

from sieve.errors import EditError
from sieve.save.history import add_assessment, add_stance


def test_an_assessment_is_appended_and_everything_else_kept(paris):
    before = paris.read_text(encoding="utf-8")
    session = loaded(paris)
    add_assessment(session, "clemence", dt.date(2017, 9, 5), power=2, note="Elle co-anime.")
    # every line kept; only the new table (and a blank line after it) added
    assert changes(before, paris.read_text(encoding="utf-8")) == [
        "+[[assessment]]",
        '+stakeholder = "clemence"',
        "+date = 2017-09-05",
        "+power = 2",
        '+note = "Elle co-anime."',
        "+",
    ]
    again = loaded(paris)
    assert again.assessments[-1].stakeholder == "clemence"
    assert again.assessments[-1].power == 2 and again.assessments[-1].role is None


def test_a_stance_is_appended(paris):
    session = loaded(paris)
    add_stance(session, "dasco", "echange-local", "oppose", dt.date(2017, 6, 1))
    again = loaded(paris)
    last = again.stances[-1]
    assert (last.stakeholder, last.subject, last.position, last.date) == (
        "dasco",
        "echange-local",
        "oppose",
        dt.date(2017, 6, 1),
    )
    assert len(again.stances) == len(session.stances) + 1


def test_a_first_assessment_goes_before_the_portfolio(workspace):
    path = workspace(
        ONE_CASE
        + '\n[[stakeholder]]\nid = "ana"\nname = "Ana"\nrole = "ambassador"\n'
        + "\n[portfolio]\nmin_cases = 1\n"
    )
    add_assessment(loaded(path), "ana", dt.date(2017, 3, 1), role="referent")
    text = path.read_text(encoding="utf-8")
    assert text.index("[[assessment]]") < text.index("[portfolio]")
    assert loaded(path).assessments[0].role == "referent"


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda s: add_assessment(s, "nobody", dt.date(2017, 1, 1), power=1), "edit.unknown"),
        (lambda s: add_assessment(s, "clemence", dt.date(2017, 1, 1)), "edit.assessment_empty"),
        (
            lambda s: add_assessment(s, "agnes", dt.date(2017, 3, 14), power=3),
            "edit.assessment_taken",
        ),
        (lambda s: add_assessment(s, "agnes", dt.date(2017, 1, 1), power=7), "edit.range"),
        (lambda s: add_assessment(s, "agnes", dt.date(2017, 1, 1), role="boss"), "edit.choice"),
        (lambda s: add_stance(s, "ddct", "nothing", "support"), "edit.unknown"),
        (lambda s: add_stance(s, "ddct", "echange-local", "maybe"), "edit.choice"),
        (
            lambda s: add_stance(s, "ddct", "carte-participative", "oppose", dt.date(2017, 2, 7)),
            "edit.stance_taken",
        ),
    ],
)
def test_refused_edits_write_nothing(paris, call, code):
    before = paris.read_bytes()
    with pytest.raises(EditError) as raised:
        call(loaded(paris))
    assert raised.value.code == code
    assert paris.read_bytes() == before
