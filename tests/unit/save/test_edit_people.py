"""Lossless edits of the stakeholder map (sieve.save.people): stakeholders and relations.

Each edit runs on a copy of a shipped session and is checked by the exact lines it
changes, by its comments surviving, and by loading the result again without errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Workspace, changes, comments, loaded

from sieve import i18n
from sieve.errors import EditError, FileChangedError
from sieve.model import Relation
from sieve.save import people as people_edits


@pytest.fixture
def paris(shipped: Path) -> Workspace:
    return Workspace(shipped)


@pytest.fixture
def mulhouse(shipped: Path) -> Workspace:
    return Workspace(shipped, "mulhouse")


# -- stakeholders -------------------------------------------------------------------------


def test_add_stakeholder_goes_after_the_last_one_before_the_relations(paris: Workspace) -> None:
    written = people_edits.add_stakeholder(
        paris.session, "zoe", "Zoé", "ambassador", org="Mairie de Paris", power=1, interest=3
    )
    assert written == [paris.path]
    assert paris.changed() == [paris.path]
    assert paris.diff(paris.path) == [
        "+[[stakeholder]]",
        '+id = "zoe"',
        '+name = "Zoé"',
        '+role = "ambassador"',
        '+org = "Mairie de Paris"',
        "+power = 1",
        "+interest = 3",
        "+",
    ]
    text = paris.path.read_text()
    # after Bloomberg, one blank line, and the relations' section header after it
    assert 'interest = 2\n\n[[stakeholder]]\nid = "zoe"' in text
    assert "interest = 3\n\n# ------" in text
    assert comments(text) == comments(paris.before[paris.path])
    session = loaded(paris.path)
    assert list(session.stakeholders)[-1] == "zoe"
    assert session.stakeholders["zoe"].org == "Mairie de Paris"


def test_add_stakeholder_without_org_leaves_the_key_out(mulhouse: Workspace) -> None:
    people_edits.add_stakeholder(mulhouse.session, "zoe", "Zoé", "relay")
    added = [line for line in mulhouse.diff(mulhouse.path) if line != "+"]
    assert added == [
        "+[[stakeholder]]",
        '+id = "zoe"',
        '+name = "Zoé"',
        '+role = "relay"',
        "+power = 0",
        "+interest = 0",
    ]
    assert loaded(mulhouse.path).stakeholders["zoe"].power == 0


def test_edit_stakeholder_changes_only_its_lines(paris: Workspace) -> None:
    written = people_edits.set_stakeholder(
        paris.session, "bloomberg", name="Bloomberg", power=4, org="Bloomberg Philanthropies"
    )
    assert written == [paris.path]
    assert paris.diff(paris.path) == [
        '-name = "Bloomberg Philanthropies"',
        '+name = "Bloomberg"',
        "-power = 3",
        "+power = 4",
    ]
    person = loaded(paris.path).stakeholders["bloomberg"]
    assert (person.name, person.power, person.interest) == ("Bloomberg", 4, 2)


def test_org_change_keeps_its_trailing_comment_and_empty_org_removes_it(
    paris: Workspace,
) -> None:
    people_edits.set_stakeholder(paris.session, "bloomberg", org="Bloomberg")
    assert paris.diff(paris.path) == [
        '-org = "Bloomberg Philanthropies"     # 45 % du financement du programme Transfo',
        '+org = "Bloomberg"     # 45 % du financement du programme Transfo',
    ]
    people_edits.set_stakeholder(loaded(paris.path), "anna", org="")
    assert '-org = "La 27e Région"                # coordination internationale avec Bloomberg' in (
        paris.diff(paris.path)
    )
    assert loaded(paris.path).stakeholders["anna"].org == ""


def test_nothing_to_change_writes_nothing(paris: Workspace) -> None:
    person = paris.session.stakeholders["agnes"]
    assert (
        people_edits.set_stakeholder(
            paris.session,
            "agnes",
            new_id="agnes",
            name=person.name,
            role=person.role,
            org=person.org,
            power=person.power,
            interest=person.interest,
        )
        == []
    )
    assert paris.changed() == []


def test_rename_stakeholder_updates_every_relation_naming_them(paris: Workspace) -> None:
    people_edits.rename_stakeholder(paris.session, "julien", "julien-m")
    # the id, then the four relations naming Julien (twice as `to`, twice as `from`)
    assert paris.diff(paris.path) == [
        '-id = "julien"',
        '+id = "julien-m"',
        '-to = "julien"',
        '+to = "julien-m"',
        '-to = "julien"',
        '+to = "julien-m"',
        '-from = "julien"',
        '+from = "julien-m"',
        '-from = "julien"',
        '+from = "julien-m"',
    ]
    session = loaded(paris.path)
    assert "julien" not in session.people
    assert sum("julien-m" in (r.source, r.target) for r in session.relations) == 4
    assert len(session.relations) == len(paris.session.relations)


def test_rename_updates_the_decision_journal(workspace) -> None:
    path = workspace(
        """
        [[stakeholder]]
        id = "a"
        name = "A"
        role = "referent"

        [[stakeholder]]
        id = "b"
        name = "B"
        role = "ambassador"

        [[relation]]
        from = "b"
        to = "a"
        kind = "trust"

        [[decision]]
        id = "lancement"
        date = 2017-01-25
        present = ["a", "b"]   # les deux
        """
    )
    before = path.read_text()
    people_edits.rename_stakeholder(loaded(path), "a", "alice")
    assert changes(before, path.read_text()) == [
        '-id = "a"',
        '+id = "alice"',
        '-to = "a"',
        '+to = "alice"',
        '-present = ["a", "b"]   # les deux',
        '+present = ["alice", "b"]   # les deux',
    ]
    assert loaded(path).decisions[0].present == ("alice", "b")


def test_removing_a_tied_stakeholder_needs_consent(paris: Workspace) -> None:
    assert people_edits.relations_of(paris.session, "julien") == 4
    with pytest.raises(EditError) as caught:
        people_edits.remove_stakeholder(paris.session, "julien")
    assert caught.value.code == "edit.has_relations"
    assert caught.value.params == {"id": "julien", "count": 4}
    assert i18n.t(caught.value.code, **caught.value.params) == (
        "4 relations nomment `julien` : confirmez pour les retirer aussi"
    )
    assert paris.changed() == []


def test_removing_a_stakeholder_with_their_relations(paris: Workspace) -> None:
    written = people_edits.remove_stakeholder(paris.session, "julien", drop_relations=True)
    assert written == [paris.path]
    removed = [line for line in paris.diff(paris.path) if line.startswith("-")]
    assert removed.count("-[[stakeholder]]") == 1
    assert removed.count("-[[relation]]") == 4
    assert not [line for line in paris.diff(paris.path) if line.startswith("+")]
    assert comments(paris.path.read_text()) == comments(paris.before[paris.path])
    session = loaded(paris.path)
    assert "julien" not in session.people
    assert len(session.relations) == len(paris.session.relations) - 4


def test_removing_an_untied_stakeholder(paris: Workspace) -> None:
    assert people_edits.relations_of(paris.session, "thomas") == 0
    people_edits.remove_stakeholder(paris.session, "thomas")
    diff = paris.diff(paris.path)
    assert diff[0] == "-[[stakeholder]]" and '-id = "thomas"' in diff
    assert all(line.startswith("-") for line in diff)
    assert "thomas" not in loaded(paris.path).stakeholders


def test_add_then_remove_restores_the_file(paris: Workspace) -> None:
    people_edits.add_stakeholder(paris.session, "zoe", "Zoé", "ambassador", power=1, interest=3)
    people_edits.add_relation(loaded(paris.path), "zoe", "agnes", "trust")
    people_edits.remove_stakeholder(loaded(paris.path), "zoe", drop_relations=True)
    assert paris.path.read_text() == paris.before[paris.path]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"ident": "Zoé"}, "edit.id_invalid"),
        ({"ident": "agnes"}, "edit.id_taken"),
        ({"name": " "}, "edit.empty"),
        ({"role": "boss"}, "edit.choice"),
        ({"power": 5}, "edit.range"),
        ({"interest": -1}, "edit.range"),
        ({"power": 2.5}, "edit.not_integer"),
        ({"power": "2"}, "edit.not_number"),
        ({"interest": True}, "edit.not_number"),
    ],
)
def test_bad_stakeholders_are_refused_and_write_nothing(
    paris: Workspace, kwargs: dict, code: str
) -> None:
    args = {"ident": "zoe", "name": "Zoé", "role": "ambassador", **kwargs}
    with pytest.raises(EditError) as caught:
        people_edits.add_stakeholder(paris.session, **args)
    assert caught.value.code == code
    assert paris.changed() == []


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda s: people_edits.set_stakeholder(s, "nobody", name="X"), "edit.unknown"),
        (lambda s: people_edits.set_stakeholder(s, "agnes", power=9), "edit.range"),
        (lambda s: people_edits.set_stakeholder(s, "agnes", role="chief"), "edit.choice"),
        (lambda s: people_edits.set_stakeholder(s, "agnes", name=""), "edit.empty"),
        (lambda s: people_edits.set_stakeholder(s, "agnes", colour="red"), "edit.field"),
        (lambda s: people_edits.rename_stakeholder(s, "agnes", "julien"), "edit.id_taken"),
        (lambda s: people_edits.rename_stakeholder(s, "agnes", "Agnès"), "edit.id_invalid"),
        (lambda s: people_edits.remove_stakeholder(s, "nobody"), "edit.unknown"),
    ],
)
def test_bad_stakeholder_edits_are_refused(paris: Workspace, call, code: str) -> None:
    with pytest.raises(EditError) as caught:
        call(paris.session)
    assert caught.value.code == code
    assert paris.changed() == []


# -- relations ----------------------------------------------------------------------------


def test_add_relation_goes_after_the_last_one(paris: Workspace) -> None:
    written = people_edits.add_relation(paris.session, "thomas", "agnes", "trust", weight=2)
    assert written == [paris.path]
    assert paris.diff(paris.path) == [
        "+",
        "+[[relation]]",
        '+from = "thomas"',
        '+to = "agnes"',
        '+kind = "trust"',
        "+weight = 2",
    ]
    assert paris.path.read_text().endswith(
        'kind = "partnership"\n\n[[relation]]\nfrom = "thomas"\nto = "agnes"\n'
        'kind = "trust"\nweight = 2\n'
    )
    assert loaded(paris.path).relations[-1] == Relation("thomas", "agnes", "trust", 2.0)


def test_a_relation_of_weight_one_has_no_weight_line(paris: Workspace) -> None:
    people_edits.add_relation(paris.session, "thomas", "agnes", "informs")
    assert "+weight = 1" not in paris.diff(paris.path)
    assert loaded(paris.path).relations[-1] == Relation("thomas", "agnes", "informs", 1.0)


def test_edit_relation_kind_and_weight(paris: Workspace) -> None:
    written = people_edits.set_relation(
        paris.session, "bloomberg", "nadege", "funding", new_kind="partnership", weight=3
    )
    assert written == [paris.path]
    assert paris.diff(paris.path) == [
        '-kind = "funding"',
        "-weight = 2",
        '+kind = "partnership"',
        "+weight = 3",
    ]
    assert Relation("bloomberg", "nadege", "partnership", 3.0) in loaded(paris.path).relations


def test_edit_relation_ends_and_a_first_weight(paris: Workspace) -> None:
    people_edits.set_relation(
        paris.session, "adjointe-participation", "ddct", "informs", new_target="dasco", weight=0.5
    )
    assert paris.diff(paris.path) == [
        '-to = "ddct"',
        '-kind = "informs"',
        '+to = "dasco"',
        '+kind = "informs"',
        "+weight = 0.5",
    ]
    assert Relation("adjointe-participation", "dasco", "informs", 0.5) in (
        loaded(paris.path).relations
    )


def test_remove_relation_keeps_the_comment_before_it(paris: Workspace) -> None:
    people_edits.remove_relation(
        paris.session, "adjointe-participation", "secretariat-general", "informs"
    )
    # five lines go: the table's four and one blank line; the group's heading stays
    # right above the next relation
    diff = paris.diff(paris.path)
    assert len(diff) == 5 and all(line.startswith("-") for line in diff)
    assert '-to = "secretariat-general"' in diff
    text = paris.path.read_text()
    assert (
        "# Les élus (deuxième cercle : participation ponctuelle)\n[[relation]]\n"
        'from = "adjointe-participation"\nto = "ddct"' in text
    )
    assert comments(text) == comments(paris.before[paris.path])
    assert len(loaded(paris.path).relations) == len(paris.session.relations) - 1


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("nobody", "agnes", "trust"), "edit.unknown"),
        (("agnes", "nobody", "trust"), "edit.unknown"),
        (("agnes", "agnes", "trust"), "edit.self_relation"),
        (("nadege", "julien", "partnership"), "edit.relation_taken"),
        (("agnes", "thomas", "friendship"), "edit.choice"),
        (("agnes", "thomas", "trust", -1), "edit.range"),
        (("agnes", "thomas", "trust", "2"), "edit.not_number"),
    ],
)
def test_bad_relations_are_refused_and_write_nothing(
    paris: Workspace, args: tuple, code: str
) -> None:
    with pytest.raises(EditError) as caught:
        people_edits.add_relation(paris.session, *args)
    assert caught.value.code == code
    assert paris.changed() == []


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (
            lambda s: people_edits.set_relation(s, "agnes", "thomas", "trust", weight=2),
            "edit.unknown_relation",
        ),
        (
            lambda s: people_edits.remove_relation(s, "agnes", "thomas", "trust"),
            "edit.unknown_relation",
        ),
        (
            lambda s: people_edits.set_relation(
                s, "nadege", "julien", "partnership", new_target="arnaud"
            ),
            "edit.relation_taken",
        ),
        (
            lambda s: people_edits.set_relation(
                s, "nadege", "julien", "partnership", new_target="nadege"
            ),
            "edit.self_relation",
        ),
        (
            lambda s: people_edits.set_relation(
                s, "nadege", "julien", "partnership", new_kind="boss"
            ),
            "edit.choice",
        ),
        (
            lambda s: people_edits.set_relation(s, "nadege", "julien", "partnership", weight=-2),
            "edit.range",
        ),
    ],
)
def test_bad_relation_edits_are_refused(paris: Workspace, call, code: str) -> None:
    with pytest.raises(EditError) as caught:
        call(paris.session)
    assert caught.value.code == code
    assert paris.changed() == []


def test_a_scorer_without_a_stakeholder_table_can_be_tied(workspace) -> None:
    path = workspace(
        """
        [[scorer]]
        id = "sam"
        name = "Sam"
        role = "ambassador"

        [[stakeholder]]
        id = "a"
        name = "A"
        role = "referent"
        """
    )
    before = path.read_text()
    people_edits.add_relation(loaded(path), "sam", "a", "trust")
    assert changes(before, path.read_text()) == [
        "+",
        "+[[relation]]",
        '+from = "sam"',
        '+to = "a"',
        '+kind = "trust"',
    ]
    assert "sam" in loaded(path).people


def test_first_stakeholder_goes_before_the_relations_and_the_journal(workspace) -> None:
    path = workspace(
        """
        [[scorer]]
        id = "sam"
        name = "Sam"

        # Le journal des décisions
        [[decision]]
        id = "lancement"
        date = 2017-01-25
        """
    )
    people_edits.add_stakeholder(loaded(path), "a", "A", "referent", power=2, interest=4)
    people_edits.add_relation(loaded(path), "sam", "a", "informs")
    text = path.read_text()
    assert text.index("[[stakeholder]]") < text.index("[[relation]]") < text.index("# Le journal")
    assert 'name = "Sam"\n\n[[stakeholder]]' in text
    assert 'kind = "informs"\n\n# Le journal des décisions\n[[decision]]' in text
    session = loaded(path)
    assert session.relations == (Relation("sam", "a", "informs", 1.0),)
    assert len(session.decisions) == 1


def test_unknown_keys_survive_stakeholder_edits(workspace) -> None:
    path = workspace(
        """
        [[stakeholder]]
        id = "a"
        name = "A"
        role = "referent"
        mood = "calme"       # a key sieve does not know

        [[stakeholder]]
        id = "b"
        name = "B"
        role = "ambassador"
        """
    )
    people_edits.set_stakeholder(loaded(path), "a", new_id="anne", interest=3)
    text = path.read_text()
    assert 'mood = "calme"       # a key sieve does not know' in text
    assert 'id = "anne"\nname = "A"\nrole = "referent"\nmood = "calme"' in text
    assert "interest = 3\n\n[[stakeholder]]" in text


def test_session_changed_on_disk_is_refused(paris: Workspace) -> None:
    paris.path.write_text(paris.before[paris.path] + "# someone else\n", encoding="utf-8")
    edited = paris.path.read_text()
    with pytest.raises(FileChangedError):
        people_edits.add_stakeholder(paris.session, "zoe", "Zoé", "ambassador")
    with pytest.raises(FileChangedError):
        people_edits.add_relation(paris.session, "thomas", "agnes", "trust")
    with pytest.raises(FileChangedError):
        people_edits.remove_stakeholder(paris.session, "julien", drop_relations=True)
    assert paris.path.read_text() == edited


def test_people_messages_in_both_languages() -> None:
    from sieve.i18n.catalogues import edit as catalogue

    codes = [
        "edit.not_integer",
        "edit.has_relations",
        "edit.self_relation",
        "edit.relation_taken",
        "edit.unknown_relation",
    ]
    for code in codes:
        assert code in catalogue.FR and code in catalogue.EN
    error = EditError("edit.relation_taken", source="a", target="b", relation="trust")
    assert i18n.t(error.code, **error.params) == "la relation `a` → `b` (trust) existe déjà"
