"""``sieve weigh``: the contract of issue 13 (order and AHP, text and JSON, --save)."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from sieve.load.session import open_session
from sieve.load.tamis import load_tamis

SCORED = (
    "besoin-usagers",
    "valeur-demonstrative",
    "hors-clivage",
    "type-echelle",
    "role-strategie",
    "interet-formation",
    "variete-methodes",
    "essai-erreur",
    "transfert-labo",
)


@pytest.fixture
def tamis(shipped):
    return shipped / "criteria" / "transfo.toml"


def csv_of(path, ids, rows):
    lines = ["," + ",".join(ids)] + [f"{i}," + ",".join(r) for i, r in zip(ids, rows, strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def consistent_csv(path, ids, weights):
    from fractions import Fraction

    rows = [[str(Fraction(a, b)) for b in weights] for a in weights]
    return csv_of(path, ids, rows)


def test_order_json_roc_for_four(tamis, capsys):
    ids = SCORED[:4]
    code, out, err = run_cli(capsys, "weigh", tamis, "--order", ",".join(ids), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["method"] == "roc"
    assert list(data["weights"]) == list(ids)
    assert [round(w, 4) for w in data["weights"].values()] == [0.5208, 0.2708, 0.1458, 0.0625]
    assert "cr" not in data


@pytest.mark.parametrize("method", ["rank-sum", "rank-reciprocal"])
def test_order_other_methods(tamis, capsys, method):
    code, out, _ = run_cli(
        capsys, "weigh", tamis, "--order", "besoin-usagers,hors-clivage", "--method", method,
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    weights = json.loads(out)["weights"]
    expected = 2 / 3
    assert weights["besoin-usagers"] == pytest.approx(expected)


def test_ahp_json_contract(tamis, tmp_path, capsys):
    ids = SCORED[:3]
    path = consistent_csv(tmp_path / "anne.csv", ids, [4, 2, 1])
    code, out, err = run_cli(capsys, "weigh", tamis, "--ahp", path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["method"] == "eigen"
    assert data["weights"] == pytest.approx(dict(zip(ids, [4 / 7, 2 / 7, 1 / 7], strict=True)))
    assert sum(data["weights"].values()) == pytest.approx(1)
    assert data["lambda_max"] == pytest.approx(3)
    assert data["ci"] == pytest.approx(0, abs=1e-9)
    assert data["cr"] == pytest.approx(0, abs=1e-9)
    assert data["random_index"] == 0.58
    assert "Saaty" in data["random_index_table"]


def test_ahp_text_names_the_table_and_flags_inconsistency(tamis, tmp_path, capsys):
    ids = SCORED[:3]
    path = csv_of(tmp_path / "k.csv", ids, [["1", "9", "1/9"], ["", "1", "9"], ["", "", "1"]])
    code, out, _ = run_cli(capsys, "weigh", tamis, "--ahp", path, "--method", "geometric")
    assert code == 0
    assert "Saaty 1980" in out and "moyenne géométrique" in out
    assert "⚠ RC" in out and "Jugements à revoir" in out


def test_group_shows_each_persons_cr(tamis, tmp_path, capsys):
    ids = SCORED[:3]
    a = consistent_csv(tmp_path / "anne.csv", ids, [4, 2, 1])
    k = csv_of(tmp_path / "karim.csv", ids, [["1", "1/4", "1/2"], ["", "1", "2"], ["", "", "1"]])
    code, out, _ = run_cli(capsys, "weigh", tamis, "--ahp", a, k, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [p["name"] for p in data["people"]] == ["anne", "karim"]
    # geometric mean of 2 and 1/4 for (besoin, valeur): 1/√2
    import numpy as np

    combined = np.array([[1, 2**0.5 / 2, 1], [2**0.5, 1, 2], [1, 0.5, 1]])
    combined[0][2] = (4 * 0.5) ** 0.5
    combined[2][0] = 1 / combined[0][2]
    values, vectors = np.linalg.eig(combined)
    w = np.abs(vectors[:, np.argmax(values.real)].real)
    assert list(data["weights"].values()) == pytest.approx(list(w / w.sum()))


def test_save_order_writes_weights_and_record_losslessly(tamis, capsys):
    before = tamis.read_text(encoding="utf-8")
    order = ",".join(reversed(SCORED))
    code, _out, err = run_cli(
        capsys, "weigh", tamis, "--order", order, "--save", "--participant", "Anne"
    )
    assert code == 0 and "[weighting]" in err
    after = tamis.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("weight =")])  # the head, comments and all
    loaded, problems = load_tamis(tamis)
    assert not [p for p in problems if p.is_error]
    assert loaded.weighting.method == "roc"
    assert loaded.weighting.order == tuple(reversed(SCORED))
    assert loaded.weighting.participants == ("Anne",)
    assert loaded.by_id["transfert-labo"].weight == pytest.approx(0.3143)
    # every comment line of the original is still there
    assert [ln for ln in before.splitlines() if ln.lstrip().startswith("#")] == [
        ln for ln in after.splitlines() if ln.lstrip().startswith("#")
    ]
    # the shipped session still opens on it
    open_session(tamis.parent.parent / "sessions" / "paris.toml")


def test_save_ahp_records_judgments_then_check_accepts(tamis, tmp_path, capsys):
    weights = [9, 8, 7, 6, 5, 4, 3, 2, 1]
    path = consistent_csv(tmp_path / "Clémence.csv", SCORED, weights)
    code, _o, err = run_cli(capsys, "weigh", tamis, "--ahp", path, "--save")
    assert code == 0, err
    loaded, _p = load_tamis(tamis)
    assert loaded.weighting.method == "eigen"
    assert list(loaded.weighting.judgments) == ["clemence"]
    assert len(loaded.weighting.judgments["clemence"]) == 36
    assert loaded.weighting.cr == pytest.approx(0, abs=1e-4)
    assert loaded.by_id["besoin-usagers"].weight == pytest.approx(9 / 45, abs=1e-4)
    code, out, err = run_cli(capsys, "check", tamis)
    assert code == 0 and "weighting" not in err, err  # no "unknown key" warning


def test_save_refuses_an_incomplete_order(tamis, capsys):
    before = tamis.read_bytes()
    code, _o, err = run_cli(
        capsys, "weigh", tamis, "--order", "besoin-usagers,hors-clivage", "--save"
    )
    assert code == 2 and "manquent" in err
    assert tamis.read_bytes() == before


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--order", "besoin-usagers,nope"], "nope"),
        (["--order", "besoin-usagers,service-associe"], "porte"),
        (["--order", "besoin-usagers,besoin-usagers"], "deux fois"),
        (["--order", "besoin-usagers", "--method", "eigen"], "eigen"),
        ([], "--order"),
    ],
)
def test_bad_orders_exit_2(tamis, capsys, argv, words):
    code, _o, err = run_cli(capsys, "weigh", tamis, *argv)
    assert code == 2 and words in err and "Traceback" not in err


H = ",besoin-usagers,hors-clivage\n"


@pytest.mark.parametrize(
    "text, where, words",
    [
        (H + "besoin-usagers,1,3\nhors-clivage,,1,4\n", ":3:1:", "carrée"),
        (",besoin-usagers,nope\nbesoin-usagers,1,3\nnope,,1\n", ":1:17:", "nope"),
        (H + "besoin-usagers,1,-3\nhors-clivage,,1\n", ":2:18:", "positif"),
        (H + "besoin-usagers,1,0\nhors-clivage,,1\n", ":2:18:", "positif"),
        (H + "besoin-usagers,1,3\nhors-clivage,3,1\n", ":3:14:", "réciproques"),
        (H + "besoin-usagers,1,\nhors-clivage,,1\n", ":2:1:", "aucune"),
        (H + "besoin-usagers,2,3\nhors-clivage,,1\n", ":2:16:", "lui-même"),
        (H + "autre,1,3\nhors-clivage,,1\n", ":2:1:", "autre"),
    ],
)  # fmt: skip
def test_bad_matrices_are_located(tamis, tmp_path, capsys, text, where, words):
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    code, _o, err = run_cli(capsys, "weigh", tamis, "--ahp", path)
    assert code == 2, err
    assert f"m.csv{where}" in err and words in err and "Traceback" not in err


def test_semicolons_and_both_halves_reciprocal(tamis, tmp_path, capsys):
    path = tmp_path / "fr.csv"
    path.write_text(
        ";besoin-usagers;hors-clivage\nbesoin-usagers;1;0,25\nhors-clivage;4;1\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "weigh", tamis, "--ahp", path, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["weights"]["hors-clivage"] == pytest.approx(0.8)


def test_english(tamis, tmp_path, capsys):
    path = consistent_csv(tmp_path / "a.csv", SCORED[:3], [1, 1, 1])
    code, out, _ = run_cli(capsys, "weigh", tamis, "--ahp", path, "--lang", "en")
    assert code == 0 and "principal eigenvector" in out and "Consistent" in out
