"""Lossless edits of the tamis and of the cases (sieve.save.tamis, sieve.save.cases).

Each edit is checked by the exact lines it changes in each file, by the files it
says it wrote, and by loading the result again without errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TAMIS, Workspace, changes, comments, files_of, loaded

from sieve import i18n
from sieve.engine.evaluate import evaluate
from sieve.errors import EditError, FileChangedError
from sieve.save import cases as case_edits
from sieve.save import layout as edit_layout
from sieve.save import tamis as tamis_edits

# -- helpers -------------------------------------------------------------------------


@pytest.fixture
def paris(shipped: Path) -> Workspace:
    return Workspace(shipped)


# -- the tamis ---------------------------------------------------------------------------


def test_weight_change_changes_exactly_one_line(paris: Workspace) -> None:
    written = tamis_edits.set_weight(paris.session, "besoin-usagers", 2.5)
    assert written == [paris.tamis]
    assert paris.changed() == [paris.tamis]
    assert paris.diff(paris.tamis) == ["-weight = 3", "+weight = 2.5"]
    session = loaded(paris.path)
    assert session.tamis.by_id["besoin-usagers"].weight == 2.5
    assert comments(paris.tamis.read_text()) == comments(paris.before[paris.tamis])


def test_integer_weight_is_written_as_an_integer(paris: Workspace) -> None:
    tamis_edits.set_weight(paris.session, "type-echelle", 4.0)
    assert paris.diff(paris.tamis) == ["-weight = 1", "+weight = 4"]


def test_pass_at_change_keeps_the_trailing_comment(paris: Workspace) -> None:
    tamis_edits.set_pass_at(paris.session, "service-associe", 2)
    assert paris.diff(paris.tamis) == [
        "-pass_at = 1                 # il faut au moins « un peu »",
        "+pass_at = 2                 # il faut au moins « un peu »",
    ]
    assert loaded(paris.path).tamis.by_id["service-associe"].pass_at == 2


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda s: tamis_edits.set_weight(s, "service-associe", 2), "edit.not_score"),
        (lambda s: tamis_edits.set_weight(s, "besoin-usagers", -1), "edit.range"),
        (lambda s: tamis_edits.set_weight(s, "besoin-usagers", True), "edit.not_number"),
        (lambda s: tamis_edits.set_weight(s, "besoin-usagers", float("nan")), "edit.range"),
        (lambda s: tamis_edits.set_weight(s, "nope", 1), "edit.unknown"),
        (lambda s: tamis_edits.set_pass_at(s, "besoin-usagers", 1), "edit.not_gate"),
        (lambda s: tamis_edits.set_pass_at(s, "tenable-sessions", 2), "edit.range"),
        (lambda s: tamis_edits.set_criterion_text(s, "besoin-usagers", label="  "), "edit.empty"),
        (lambda s: tamis_edits.set_thresholds(s, disagreement=1.5), "edit.range"),
    ],
)
def test_bad_tamis_edits_are_refused_and_write_nothing(
    paris: Workspace, call: object, code: str
) -> None:
    with pytest.raises(EditError) as caught:
        call(paris.session)  # type: ignore[operator]
    assert caught.value.code == code
    assert paris.changed() == []


def test_label_and_question_are_written_literally(paris: Workspace) -> None:
    label = 'Besoin [@click=app.quit]x[/] "cité"'
    tamis_edits.set_criterion_text(
        paris.session, "besoin-usagers", label=label, question="Vraiment ?"
    )
    assert paris.diff(paris.tamis) == [
        '-label = "Besoin réel des usagers"',
        '-question = "Le sujet répond-il à un besoin réel et visible des usagers ?"',
        '+label = "Besoin [@click=app.quit]x[/] \\"cité\\""',
        '+question = "Vraiment ?"',
    ]
    crit = loaded(paris.path).tamis.by_id["besoin-usagers"]
    assert (crit.label, crit.question) == (label, "Vraiment ?")


def test_add_criterion_after_one_keeps_the_section_comment_after_it(paris: Workspace) -> None:
    tamis_edits.add_criterion(
        paris.session,
        "ancrage-local",
        "Ancrage local",
        "subject",
        "score",
        "niveau",
        question="Le sujet touche-t-il un quartier précis ?",
        weight=2,
        after="role-strategie",
    )
    text = paris.tamis.read_text()
    assert paris.diff(paris.tamis) == [
        "+[[criterion]]",
        '+id = "ancrage-local"',
        '+label = "Ancrage local"',
        '+question = "Le sujet touche-t-il un quartier précis ?"',
        '+applies_to = "subject"',
        '+kind = "score"',
        '+scale = "niveau"',
        "+weight = 2",
        "+",
    ]
    block = "weight = 2\n\n# --- Critères sur l'angle d'attaque"
    assert block in text
    assert text.index('id = "role-strategie"') < text.index('id = "ancrage-local"')
    ids = loaded(paris.path).tamis.criterion_ids
    assert ids[ids.index("role-strategie") + 1] == "ancrage-local"
    assert comments(text) == comments(paris.before[paris.tamis])


def test_add_gate_at_the_end_of_a_small_tamis(workspace) -> None:
    path = workspace()
    tamis = path.parent.parent / "criteria" / "t.toml"
    tamis_edits.add_criterion(loaded(path), "budget", "Budget", "angle", "gate", "b", pass_at=1)
    assert changes(TAMIS, tamis.read_text()) == [
        "+[[criterion]]",
        '+id = "budget"',
        '+label = "Budget"',
        '+applies_to = "angle"',
        '+kind = "gate"',
        '+scale = "b"',
        "+pass_at = 1",
        "+",
    ]
    assert "pass_at = 1\n\n[group]" in tamis.read_text()
    assert loaded(path).tamis.criterion_ids[-1] == "budget"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"criterion": "need"}, "edit.id_taken"),
        ({"criterion": "Pas un slug"}, "edit.id_invalid"),
        ({"scale": "nope"}, "edit.unknown"),
        ({"after": "nope"}, "edit.unknown"),
        ({"kind": "other"}, "edit.choice"),
        ({"applies_to": "case"}, "edit.choice"),
        ({"label": ""}, "edit.empty"),
        ({"kind": "gate", "scale": "b", "pass_at": 2}, "edit.range"),
    ],
)
def test_bad_new_criteria_are_refused(workspace, kwargs: dict, code: str) -> None:
    path = workspace()
    args = {
        "criterion": "new",
        "label": "New",
        "applies_to": "subject",
        "kind": "score",
        "scale": "n",
        **kwargs,
    }
    with pytest.raises(EditError) as caught:
        tamis_edits.add_criterion(loaded(path), **args)
    assert caught.value.code == code
    assert (path.parent.parent / "criteria" / "t.toml").read_text() == TAMIS


def test_scores_for_criterion_counts_every_file(paris: Workspace) -> None:
    # grep -c "essai-erreur = " sessions/paris-scores/*.toml: 12+12+12+10+11+12+11
    assert edit_layout.scores_for_criterion(paris.session, "essai-erreur") == 80
    texts = [p.read_text() for p in paris.session.score_files]
    assert edit_layout.scores_for_criterion(paris.session, "role-strategie") == sum(
        text.count("role-strategie = ") for text in texts
    )


def test_removing_a_scored_criterion_needs_consent(paris: Workspace) -> None:
    with pytest.raises(EditError) as caught:
        tamis_edits.remove_criterion(paris.session, "essai-erreur")
    assert caught.value.code == "edit.has_scores"
    assert caught.value.params["count"] == 80
    assert paris.changed() == []


def test_removing_a_criterion_removes_its_scores_everywhere(paris: Workspace) -> None:
    written = tamis_edits.remove_criterion(paris.session, "essai-erreur", drop_scores=True)
    assert sorted(written) == sorted([paris.tamis, *paris.session.score_files])
    assert paris.diff(paris.tamis) == [
        '-id = "essai-erreur"',
        '-label = "Droit à l\'essai-erreur"',
        "-question = \"L'angle laisse-t-il la place de se tromper et de recommencer sans "
        'conséquence pour les usagers ?"',
        '-applies_to = "angle"',
        '-kind = "score"',
        '-scale = "niveau"',
        "-weight = 1",
        "-",
        "-[[criterion]]",
    ]
    agnes = paris.diff(paris.score_file("agnes"))
    assert len(agnes) == 24  # 12 rows, each replaced
    assert agnes[0] == (
        '-"carte-participative/kiosque"                  = { interet-formation = 3, '
        "variete-methodes = 3, tenable-sessions = 1, essai-erreur = 2, transfert-labo = 2 }"
    )
    assert (
        '+"carte-participative/kiosque"                  = { interet-formation = 3, '
        "variete-methodes = 3, tenable-sessions = 1, transfert-labo = 2 }"
    ) in agnes
    assert all("essai-erreur" not in p.read_text() for p in paris.session.score_files)
    session = loaded(paris.path)
    assert "essai-erreur" not in session.tamis.by_id
    assert evaluate(session).results
    assert comments(paris.tamis.read_text()) == comments(paris.before[paris.tamis])


def test_removing_the_last_criterion_of_a_section_keeps_the_next_section_header(
    paris: Workspace,
) -> None:
    tamis_edits.remove_criterion(paris.session, "role-strategie", drop_scores=True)
    text = paris.tamis.read_text()
    assert "weight = 1\n\n# --- Critères sur l'angle d'attaque" in text
    assert comments(text) == comments(paris.before[paris.tamis])
    loaded(paris.path)


def test_removing_an_unscored_criterion_writes_only_the_tamis(workspace) -> None:
    path = workspace(
        """
        [[subject]]
        id = "a"
        title = "A"

        [[angle]]
        id = "x"
        subject = "a"
        title = "X"

        [[scorer]]
        id = "p"

        [scores.p]
        "a" = { need = 2, service = 1 }
        """
    )
    tamis = path.parent.parent / "criteria" / "t.toml"
    session = loaded(path)
    assert edit_layout.scores_for_criterion(session, "learn") == 0
    assert edit_layout.scores_for_criterion(session, "need") == 1
    assert tamis_edits.remove_criterion(session, "learn") == [tamis]
    assert changes(TAMIS, tamis.read_text()) == [
        '-id = "learn"',
        '-label = "Apprentissage"',
        '-applies_to = "angle"',
        '-kind = "score"',
        '-scale = "n"',
        "-weight = 1",
        "-",
        "-[[criterion]]",
    ]
    tamis_edits.remove_criterion(loaded(path), "need", drop_scores=True)
    assert '"a" = { service = 1 }' in path.read_text()
    loaded(path)


def test_removing_the_first_criterion(workspace) -> None:
    path = workspace()
    tamis = path.parent.parent / "criteria" / "t.toml"
    tamis_edits.remove_criterion(loaded(path), "need")
    block = TAMIS[TAMIS.index("[[criterion]]") : TAMIS.index('[[criterion]]\nid = "service"')]
    assert tamis.read_text() == TAMIS.replace(block, "")
    assert loaded(path).tamis.criterion_ids == ("service", "learn", "doable")


def test_add_and_remove_an_indicator(paris: Workspace) -> None:
    tamis_edits.add_indicator(paris.session, "presse", "Presse locale", 1)
    assert paris.diff(paris.tamis) == [
        "+",
        "+[[attention.indicator]]",
        '+id = "presse"',
        '+label = "Presse locale"',
        "+weight = 1",
    ]
    session = loaded(paris.path)
    assert "presse" in session.tamis.indicators
    tamis_edits.remove_indicator(session, "presse")
    assert paris.tamis.read_text() == paris.before[paris.tamis]


def test_removing_an_indicator_in_use_needs_consent_then_untags(paris: Workspace) -> None:
    assert tamis_edits.subjects_with_indicator(paris.session, "attente-elu") == [
        "carte-participative",
        "education-citoyennete",
    ]
    with pytest.raises(EditError) as caught:
        tamis_edits.remove_indicator(paris.session, "attente-elu")
    assert caught.value.code == "edit.tagged"
    assert paris.changed() == []
    tamis_edits.remove_indicator(paris.session, "attente-elu", untag=True)
    assert paris.diff(paris.path) == [
        '-attention = ["attente-elu"]          # l\'adjointe suit le projet de près, sans plus',
        "+attention = []          # l'adjointe suit le projet de près, sans plus",
        '-attention = ["attente-elu", "calendrier-electoral"]',
        '+attention = ["calendrier-electoral"]',
    ]
    assert "attente-elu" not in loaded(paris.path).tamis.indicators


def test_set_thresholds(paris: Workspace) -> None:
    tamis_edits.set_thresholds(paris.session, threshold=4, disagreement=0.25, first_case_max=1)
    assert paris.diff(paris.tamis) == [
        "-disagreement = 0.5",
        "+disagreement = 0.25",
        "-threshold = 3               # à partir de ce niveau, le sujet est signalé",
        "+threshold = 4               # à partir de ce niveau, le sujet est signalé",
    ]
    tamis = loaded(paris.path).tamis
    assert (tamis.attention_threshold, tamis.disagreement) == (4, 0.25)


def test_unknown_keys_and_tables_survive_tamis_edits(workspace) -> None:
    odd = TAMIS.replace('label = "Besoin"\n', 'label = "Besoin"\ncolour = "red"  # ours\n')
    odd += '\n[extra]\nowner = "someone"\n'
    path = workspace(tamis=odd)
    tamis = path.parent.parent / "criteria" / "t.toml"
    tamis_edits.set_weight(loaded(path), "need", 5)
    tamis_edits.add_criterion(loaded(path), "more", "More", "subject", "score", "n", after="need")
    tamis_edits.remove_criterion(loaded(path), "learn")
    text = tamis.read_text()
    assert 'colour = "red"  # ours' in text
    assert text.endswith('[extra]\nowner = "someone"\n')
    assert loaded(path).tamis.criterion_ids == ("need", "more", "service", "doable")


def test_tamis_changed_on_disk_is_refused(paris: Workspace) -> None:
    with paris.tamis.open("a", encoding="utf-8") as handle:
        handle.write("# someone else\n")
    edited = paris.tamis.read_text()
    with pytest.raises(FileChangedError):
        tamis_edits.set_weight(paris.session, "besoin-usagers", 1)
    assert paris.tamis.read_text() == edited


# -- the cases ----------------------------------------------------------------------------


def test_add_subject_goes_after_the_last_subject(paris: Workspace) -> None:
    written = case_edits.add_subject(
        paris.session,
        "cantine",
        "La cantine scolaire",
        description="Des repas [b]moins[/b] gaspillés.",
        type="service",
        territory="arrondissement",
        attention=["mediatisation"],
    )
    assert written == [paris.path]
    assert paris.diff(paris.path) == [
        "+[[subject]]",
        '+id = "cantine"',
        '+title = "La cantine scolaire"',
        '+description = "Des repas [b]moins[/b] gaspillés."',
        '+type = "service"',
        '+territory = "arrondissement"',
        '+attention = ["mediatisation"]',
        "+first_case = false",
        "+",
    ]
    text = paris.path.read_text()
    assert "first_case = false\n\n# ------" in text
    assert text.index('id = "budget-participatif"') < text.index('id = "cantine"')
    assert text.index('id = "cantine"') < text.index("#  Les angles d'attaque")
    subject = loaded(paris.path).subjects["cantine"]
    assert subject.description == "Des repas [b]moins[/b] gaspillés."
    assert subject.attention == ("mediatisation",)


def test_add_angle_goes_after_the_last_angle(paris: Workspace) -> None:
    case_edits.add_angle(
        paris.session, "guichet-unique", "accueil-mairies", "Un guichet", ["immersion"]
    )
    assert paris.diff(paris.path) == [
        "+[[angle]]",
        '+id = "guichet-unique"',
        '+subject = "accueil-mairies"',
        '+title = "Un guichet"',
        '+methods = ["immersion"]',
        "+",
    ]
    text = paris.path.read_text()
    assert text.index('id = "scenarios-vote"') < text.index('id = "guichet-unique"')
    assert text.index('id = "guichet-unique"') < text.index("#  Les personnes qui notent")
    assert loaded(paris.path).angles["accueil-mairies/guichet-unique"].subject == "accueil-mairies"


def test_new_tables_follow_the_blank_line_style_of_the_file(workspace) -> None:
    path = workspace(
        """
        [[subject]]
        id = "a"
        title = "A"
        [[subject]]
        id = "b"
        title = "B"


        [[angle]]
        id = "x"
        subject = "a"
        title = "X"
        [[angle]]
        id = "y"
        subject = "b"
        title = "Y"
        """
    )
    before = path.read_text()
    case_edits.add_subject(loaded(path), "c", "C")
    case_edits.add_angle(loaded(path), "z", "c", "Z")
    text = path.read_text()
    assert changes(before, text) == [
        "+[[subject]]",
        '+id = "c"',
        '+title = "C"',
        "+attention = []",
        "+first_case = false",
        "+[[angle]]",
        '+id = "z"',
        '+subject = "c"',
        '+title = "Z"',
    ]
    assert 'title = "B"\n[[subject]]\nid = "c"' in text
    assert "first_case = false\n\n\n[[angle]]" in text
    assert text.endswith('title = "Y"\n[[angle]]\nid = "z"\nsubject = "c"\ntitle = "Z"\n')
    assert list(loaded(path).subjects) == ["a", "b", "c"]


def test_first_subject_and_angle_of_an_empty_session(workspace) -> None:
    path = workspace(
        """
        # Nobody yet.

        [[scorer]]
        id = "p"
        """
    )
    case_edits.add_subject(loaded(path), "a", "A")
    case_edits.add_angle(loaded(path), "x", "a", "X")
    session = loaded(path)
    assert list(session.subjects) == ["a"]
    assert list(session.angles) == ["a/x"]
    text = path.read_text()
    assert text.index("[[subject]]") < text.index("[[angle]]") < text.index("[[scorer]]")
    assert "# Nobody yet." in text


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda s: case_edits.add_subject(s, "echange-local", "Doublon"), "edit.id_taken"),
        (lambda s: case_edits.add_subject(s, "Sujet", "Titre"), "edit.id_invalid"),
        (lambda s: case_edits.add_subject(s, "nouveau", ""), "edit.empty"),
        (lambda s: case_edits.add_subject(s, "nouveau", "T", attention=["x"]), "edit.unknown"),
        (
            lambda s: case_edits.add_subject(s, "nouveau", "T", first_case=True),
            "edit.first_case_taken",
        ),
        (
            # an angle id is unique within its subject (another subject may have one)
            lambda s: case_edits.add_angle(s, "kiosque", "carte-participative", "T"),
            "edit.id_taken",
        ),
        (lambda s: case_edits.add_angle(s, "nouveau", "nope", "T"), "edit.unknown"),
        (
            lambda s: case_edits.rename_subject(s, "echange-local", "accueil-mairies"),
            "edit.id_taken",
        ),
        (lambda s: case_edits.rename_subject(s, "echange-local", "Échange"), "edit.id_invalid"),
        (lambda s: case_edits.rename_angle(s, "kiosque", "contributeurs"), "edit.id_taken"),
        (lambda s: case_edits.set_subject(s, "echange-local", title=""), "edit.empty"),
        (lambda s: case_edits.set_subject(s, "echange-local", colour="red"), "edit.field"),
        (lambda s: case_edits.set_attention(s, "echange-local", "nope", True), "edit.unknown"),
        (lambda s: case_edits.set_first_case(s, "nope"), "edit.unknown"),
    ],
)
def test_bad_case_edits_are_refused_and_write_nothing(
    paris: Workspace, call: object, code: str
) -> None:
    with pytest.raises(EditError) as caught:
        call(paris.session)  # type: ignore[operator]
    assert caught.value.code == code
    assert paris.changed() == []


def test_rename_subject_updates_every_reference(paris: Workspace) -> None:
    old_ranking = {r.key: r.score for r in evaluate(paris.session).results}
    written = case_edits.rename_subject(paris.session, "carte-participative", "carte-contributive")
    assert sorted(written) == sorted([paris.path, *paris.session.score_files])
    assert paris.diff(paris.path) == [
        '-id = "carte-participative"',
        '+id = "carte-contributive"',
        '-subject = "carte-participative"',
        '+subject = "carte-contributive"',
        '-subject = "carte-participative"',
        '+subject = "carte-contributive"',
        # the two [[stance]] tables on it
        '-subject = "carte-participative"',
        '+subject = "carte-contributive"',
        '-subject = "carte-participative"',
        '+subject = "carte-contributive"',
    ]
    clemence = paris.diff(paris.score_file("clemence"))
    assert clemence[3].startswith('+"carte-contributive"                           = {')
    assert clemence[4].startswith('+"carte-contributive/kiosque"                   = {')
    assert clemence[-2:] == [
        '+"carte-contributive/kiosque"        = '
        '"Très concret, mais attention aux attentes des élus."',
        '+"carte-contributive/contributeurs"  = "Les contributeurs sont déjà très sollicités : '
        'risque de lassitude."',
    ]
    for text in files_of(paris.root).values():
        data = [line for line in text.splitlines() if not line.startswith("#")]
        assert '"carte-participative' not in "\n".join(data)
    session = loaded(paris.path)
    renamed = {
        key.replace("carte-participative", "carte-contributive"): score
        for key, score in old_ranking.items()
    }
    assert {r.key: r.score for r in evaluate(session).results} == renamed
    assert session.notes["agnes"]["carte-contributive"].startswith("Bon premier cas")


def test_rename_angle_updates_case_keys(paris: Workspace) -> None:
    case_edits.rename_angle(paris.session, "trocateur", "trocateur-citoyen")
    assert paris.diff(paris.path) == ['-id = "trocateur"', '+id = "trocateur-citoyen"']
    assert paris.diff(paris.score_file("agnes"))[-2:] == [
        '-"echange-local/trocateur" = "Je ne vois pas encore ce que le labo en retiendrait : '
        'je ne note pas ce critère."',
        '+"echange-local/trocateur-citoyen" = "Je ne vois pas encore ce que le labo en '
        'retiendrait : je ne note pas ce critère."',
    ]
    session = loaded(paris.path)
    assert session.scores["agnes"]["echange-local/trocateur-citoyen"]["interet-formation"] == 3
    assert "echange-local/trocateur" not in session.scores["agnes"]


def test_rename_in_a_session_holding_its_own_scores(shipped: Path) -> None:
    mulhouse = Workspace(shipped, "mulhouse")
    assert case_edits.rename_subject(mulhouse.session, "carte-max", "max") == [mulhouse.path]
    session = loaded(mulhouse.path)
    assert "max" in session.subjects
    assert any(key.startswith("max/") for rows in session.scores.values() for key in rows)


def test_set_subject_and_angle_fields(paris: Workspace) -> None:
    case_edits.set_subject(
        paris.session,
        "echange-local",
        title="Un système d'échange local",
        description="",
        territory="quartier",
    )
    assert paris.diff(paris.path) == [
        '-title = "La carte citoyenne, un système d\'échange local"',
        "-description = \"Un support au troc et à l'échange non monétaire entre habitants, "
        'qui intègre les acteurs locaux (AMAP, ressourceries, conciergeries de quartier)."',
        '+title = "Un système d\'échange local"',
    ]
    session = loaded(paris.path)
    case_edits.set_angle(session, "kiosque", methods=["immersion"])
    case_edits.set_subject(loaded(paris.path), "accueil-mairies", type="organisation")
    session = loaded(paris.path)
    assert session.subjects["echange-local"].description == ""
    assert session.subjects["accueil-mairies"].type == "organisation"
    assert session.angles["carte-participative/kiosque"].methods == ("immersion",)


def test_set_a_missing_key_puts_it_after_the_last_key(workspace) -> None:
    path = workspace(
        """
        [[subject]]
        id = "a"
        title = "A"

        # --- angles

        [[angle]]
        id = "x"
        subject = "a"
        title = "X"
        """
    )
    case_edits.set_subject(loaded(path), "a", territory="ville")
    case_edits.set_attention(loaded(path), "a", "media", True)
    assert 'title = "A"\nterritory = "ville"\nattention = ["media"]\n\n# --- angles' in (
        path.read_text()
    )


def test_remove_subject_needs_consent_then_removes_angles_scores_and_notes(
    paris: Workspace,
) -> None:
    refs = edit_layout.references(paris.session, subject="budget-participatif")
    # 7 scorers: 5 subject rows of 5 criteria, 13 case rows of 5 (3 rows short of one)...
    # counted independently: every level on a budget-participatif key, every note on one.
    levels = sum(
        len(row)
        for rows in paris.session.scores.values()
        for key, row in rows.items()
        if key.split("/")[0] == "budget-participatif"
    )
    notes = sum(
        1
        for rows in paris.session.notes.values()
        for key in rows
        if key.split("/")[0] == "budget-participatif"
    )
    assert (refs.scores, refs.notes) == (levels, notes) == (100, 5)
    with pytest.raises(EditError) as caught:
        case_edits.remove_subject(paris.session, "budget-participatif")
    assert caught.value.code == "edit.has_refs"
    assert paris.changed() == []
    case_edits.remove_subject(paris.session, "budget-participatif", drop_scores=True)
    diff = paris.diff(paris.path)
    assert all(line.startswith("-") for line in diff)
    assert len(diff) == 9 + 12 + 7  # the subject, its angles, its one [[stance]] (6 + blank)
    for path in paris.session.score_files:
        assert '"budget-participatif' not in path.read_text()
    session = loaded(paris.path)
    assert "budget-participatif" not in session.subjects
    assert set(session.angles).isdisjoint(
        {"budget-participatif/porteurs-projets", "budget-participatif/scenarios-vote"}
    )
    assert comments(paris.path.read_text()) == comments(paris.before[paris.path])


def test_remove_the_first_subject(paris: Workspace) -> None:
    case_edits.remove_subject(paris.session, "carte-participative", drop_scores=True)
    session = loaded(paris.path)
    assert next(iter(session.subjects)) == "carte-personnalisable"
    assert next(iter(session.angles)) == "carte-personnalisable/parcours-personnalises"
    assert "#  Les angles d'attaque" in paris.path.read_text()


def test_remove_angle(paris: Workspace) -> None:
    refs = edit_layout.references(paris.session, angle="contributeurs")
    assert refs.notes == 1  # clemence's
    case_edits.remove_angle(paris.session, "contributeurs", drop_scores=True)
    block = (
        '[[angle]]\nid = "contributeurs"\nsubject = "carte-participative"\n'
        'title = "Aller à la rencontre des habitants qui contribuent déjà"\n'
        'methods = ["immersion", "personas", "synthèse créative"]\n\n'
    )
    assert block in paris.before[paris.path]
    assert paris.path.read_text() == paris.before[paris.path].replace(block, "")
    session = loaded(paris.path)
    assert "carte-participative/contributeurs" not in session.angles
    assert "carte-participative/contributeurs" not in session.notes["clemence"]


def test_remove_an_unscored_angle_writes_only_the_session(paris: Workspace) -> None:
    case_edits.add_angle(paris.session, "essai", "echange-local", "Essai")
    session = loaded(paris.path)
    assert edit_layout.references(session, angle="essai").total == 0
    assert case_edits.remove_angle(session, "essai") == [paris.path]
    assert paris.path.read_text() == paris.before[paris.path]


def test_toggle_attention(paris: Workspace) -> None:
    case_edits.toggle_attention(paris.session, "accueil-mairies", "mediatisation")
    assert paris.diff(paris.path) == ["-attention = []", '+attention = ["mediatisation"]']
    case_edits.toggle_attention(loaded(paris.path), "accueil-mairies", "mediatisation")
    assert paris.path.read_text() == paris.before[paris.path]
    assert case_edits.set_attention(paris.session, "echange-local", "attente-elu", False) == []


def test_mark_the_first_case_unmarks_the_other(paris: Workspace) -> None:
    case_edits.set_first_case(paris.session, "accueil-mairies")
    assert paris.diff(paris.path) == [
        "-first_case = true                    # démonstratif, sans trop d'attentes",
        "+first_case = false                    # démonstratif, sans trop d'attentes",
        "-first_case = false",
        "+first_case = true",
    ]
    session = loaded(paris.path)
    assert [s.id for s in session.subjects.values() if s.first_case] == ["accueil-mairies"]


def test_score_file_changed_on_disk_refuses_the_whole_rename(paris: Workspace) -> None:
    sabine = paris.score_file("sabine")
    sabine.write_text(sabine.read_text() + "# ajouté à la main\n", encoding="utf-8")
    edited = files_of(paris.root)
    with pytest.raises(FileChangedError) as caught:
        case_edits.rename_subject(paris.session, "carte-participative", "carte-contributive")
    assert caught.value.path == sabine
    assert files_of(paris.root) == edited


def test_session_file_changed_on_disk_is_refused(paris: Workspace) -> None:
    paris.path.write_text(paris.before[paris.path].replace("Paris", "Lutèce", 1))
    with pytest.raises(FileChangedError):
        case_edits.add_subject(paris.session, "nouveau", "Nouveau")
    assert "nouveau" not in paris.path.read_text()


def test_edit_messages_exist_in_both_languages() -> None:
    from sieve.i18n.catalogues import edit as catalogue

    assert catalogue.FR.keys() == catalogue.EN.keys()
    error = EditError("edit.has_refs", kind="subject", id="x", scores=3, notes=1)
    assert i18n.t(error.code, **error.params) == (
        "le sujet `x` a 3 niveaux et 1 remarque : confirmez pour les supprimer aussi"
    )


def test_edit_does_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, sieve.save.tamis, sieve.save.cases, sieve.save.people;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_removing_the_only_subject_keeps_the_comments_after_it(workspace) -> None:
    path = workspace(
        """
        [[subject]]
        id = "a"
        title = "A"

        # --- angles

        [[angle]]
        id = "x"
        subject = "a"
        title = "X"

        # --- scorers

        [[scorer]]
        id = "p"
        """
    )
    case_edits.remove_subject(loaded(path), "a")
    text = path.read_text()
    assert "[[subject]]" not in text and "[[angle]]" not in text
    assert text.endswith(
        'tamis = "../criteria/t.toml"\n\n# --- angles\n\n# --- scorers\n\n[[scorer]]\nid = "p"\n'
    )
    assert loaded(path).subjects == {}


def test_set_weights_writes_several_in_one_go(paris: Workspace) -> None:
    written = tamis_edits.set_weights(paris.session, {"besoin-usagers": 1, "transfert-labo": 3})
    assert written == [paris.tamis]
    assert paris.diff(paris.tamis) == [
        "-weight = 3",
        "+weight = 1",
        "-weight = 2",
        "+weight = 3",
    ]
    with pytest.raises(EditError):
        tamis_edits.set_weights(loaded(paris.path), {"besoin-usagers": 2, "service-associe": 1})
    assert loaded(paris.path).tamis.by_id["besoin-usagers"].weight == 1


def test_set_subject_attention_keeps_order_and_comment(paris: Workspace) -> None:
    case_edits.set_subject_attention(
        paris.session, "carte-participative", ["mediatisation", "attente-elu"]
    )
    assert paris.diff(paris.path) == [
        '-attention = ["attente-elu"]          # l\'adjointe suit le projet de près, sans plus',
        '+attention = ["attente-elu", "mediatisation"]          # l\'adjointe suit le projet de '
        "près, sans plus",
    ]
    assert case_edits.set_subject_attention(loaded(paris.path), "carte-participative", []) == [
        paris.path
    ]
    assert loaded(paris.path).subjects["carte-participative"].attention == ()
    with pytest.raises(EditError):
        case_edits.set_subject_attention(paris.session, "echange-local", ["nope"])


def test_remove_subject_in_a_session_holding_its_own_scores(shipped: Path) -> None:
    mulhouse = Workspace(shipped, "mulhouse")
    refs = edit_layout.references(mulhouse.session, subject="carte-max")
    assert refs.scores > 0
    assert case_edits.remove_subject(mulhouse.session, "carte-max", drop_scores=True) == [
        mulhouse.path
    ]
    session = loaded(mulhouse.path)
    assert "carte-max" not in session.subjects
    assert not any(k.startswith("carte-max") for rows in session.scores.values() for k in rows)
    assert comments(mulhouse.path.read_text())[:10] == comments(mulhouse.before[mulhouse.path])[:10]


def test_unknown_keys_survive_case_edits(workspace) -> None:
    path = workspace(
        """
        [[subject]]
        id = "a"
        title = "A"
        budget = 12000    # not a sieve key

        [[angle]]
        id = "x"
        subject = "a"
        title = "X"
        lead = "someone"

        [[scorer]]
        id = "p"

        [scores.p]
        "a/x" = { learn = 2 }   # gardé

        [extra]
        kept = true
        """
    )
    case_edits.rename_subject(loaded(path), "a", "b")
    case_edits.rename_angle(loaded(path), "x", "y")
    case_edits.set_subject(loaded(path), "b", title="B", territory="ville")
    case_edits.set_angle(loaded(path), "y", methods=["immersion"])
    text = path.read_text()
    assert 'title = "B"\nbudget = 12000    # not a sieve key\nterritory = "ville"\n' in text
    assert 'lead = "someone"\nmethods = ["immersion"]\n' in text
    assert '"b/y" = { learn = 2 }   # gardé' in text
    assert text.endswith("[extra]\nkept = true\n")
    assert loaded(path).scores["p"]["b/y"] == {"learn": 2}
