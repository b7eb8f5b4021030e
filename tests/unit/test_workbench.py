"""The workbench: in-memory edits, saving through sieve.save, undo, changes on disk."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import PROJECT, TWO_SCORERS, copy_paris

from sieve.errors import FileChangedError
from sieve.workbench import Workbench

BODY = TWO_SCORERS


def test_set_score_updates_memory_and_file(workspace):
    path = workspace(BODY)
    wb = Workbench(path)
    assert wb.evaluation.result("a/x").cells["need"].group == 2
    wb.set_score("ana", "a", "need", 3)
    assert wb.session.scores["ana"]["a"]["need"] == 3
    # need 3/3 weight 2, learn 3/3 weight 1 -> 1.0
    assert wb.evaluation.result("a/x").score == 1.0
    text = path.read_text()
    assert '"a" = { need = 3, service = 1 }   # gardé' in text
    assert "# les notes d'Ana" in text
    assert wb.changed_on_disk() == []


def test_new_scorer_row_then_second_edit_same_row(workspace):
    path = workspace(BODY)
    wb = Workbench(path)
    wb.set_score("bob", "a/x", "learn", 1)
    wb.set_score("bob", "a/x", "doable", 0)  # the row now exists: must not be added twice
    wb.set_score("bob", "a/x", "learn", 2)
    fresh = Workbench(path)
    assert fresh.session.scores["bob"] == {"a/x": {"learn": 2, "doable": 0}}
    assert fresh.session.scores == wb.session.scores
    # learn: ana 3, bob 2 -> 2.5; need 2 -> (2*2/3 + 1*2.5/3) / 3
    assert wb.evaluation.result("a/x").score == pytest.approx((4 / 3 + 2.5 / 3) / 3)


def test_clear_and_undo(workspace):
    path = workspace(BODY)
    wb = Workbench(path)
    wb.clear_score("ana", "a/x", "learn")
    assert "learn" not in Workbench(path).session.scores["ana"]["a/x"]
    assert wb.evaluation.result("a/x").missing == ("learn",)
    wb.set_score("ana", "a", "need", 0)
    assert wb.undo().criterion == "need"
    assert wb.undo().criterion == "learn"
    assert wb.undo() is None
    assert Workbench(path).session.scores["ana"] == {
        "a": {"need": 2, "service": 1},
        "a/x": {"learn": 3, "doable": 1},
    }
    assert "# gardé" in path.read_text()


def test_same_value_is_not_an_edit(workspace):
    wb = Workbench(workspace(BODY))
    assert wb.set_score("ana", "a", "need", 2) is None
    assert wb.undo_stack == []


def test_note_and_undo(workspace):
    path = workspace(BODY)
    wb = Workbench(path)
    wb.set_note("bob", "a/x", "Très concret")
    assert Workbench(path).session.notes["bob"] == {"a/x": "Très concret"}
    wb.set_note("bob", "a/x", "Plus tard")
    wb.undo()
    assert Workbench(path).session.notes["bob"] == {"a/x": "Très concret"}
    wb.undo()
    assert "bob" not in Workbench(path).session.notes or not Workbench(path).session.notes["bob"]


def test_external_change_is_noticed_and_never_overwritten(workspace):
    path = workspace(BODY)
    wb = Workbench(path)
    wb.set_score("ana", "a", "need", 3)
    assert wb.changed_on_disk() == []
    path.write_text(path.read_text() + "\n# ajouté par quelqu'un\n")
    assert wb.changed_on_disk() == [path]
    with pytest.raises(FileChangedError):
        wb.set_score("ana", "a", "need", 1)
    assert wb.pending == 1
    assert "# ajouté par quelqu'un" in path.read_text()
    wb.reload()
    assert wb.pending == 0
    assert wb.session.scores["ana"]["a"]["need"] == 3
    wb.set_score("ana", "a", "need", 1)
    assert "# ajouté par quelqu'un" in path.read_text()


def test_deferred_flush_keeps_order(workspace):
    path = workspace(BODY)
    wb = Workbench(path, autosave=False)
    wb.set_score("bob", "a", "need", 1)
    wb.set_score("bob", "a", "need", 2)
    wb.set_note("bob", "a", "ok")
    assert wb.session.scores["bob"]["a"]["need"] == 2
    assert "bob" not in Workbench(path).session.scores
    assert wb.flush() == 3
    assert Workbench(path).session.scores["bob"] == {"a": {"need": 2}}
    assert Workbench(path).session.notes["bob"] == {"a": "ok"}


def test_score_files_of_the_shipped_session(tmp_path):
    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    path = tmp_path / "sessions" / "paris.toml"
    wb = Workbench(path)
    before = (tmp_path / "sessions" / "paris-scores" / "clemence.toml").read_text()
    wb.set_score("clemence", "carte-participative", "besoin-usagers", 0)
    after = (tmp_path / "sessions" / "paris-scores" / "clemence.toml").read_text()
    assert after == before.replace(
        '"carte-participative"                          = { besoin-usagers = 2,',
        '"carte-participative"                          = { besoin-usagers = 0,',
    )
    assert wb.changed_on_disk() == []


def test_no_textual_import():
    code = (
        "import sys, sieve.workbench, sieve.engine.vigilance, sieve.cli.main\n"
        "assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_vigilance_flags(workspace):
    from sieve.engine.vigilance import flags

    body = BODY.replace(
        'title = "Sujet A"', 'title = "Sujet A"\nattention = ["mandat", "media"]\nfirst_case = true'
    )
    body += '\n[scores.bob]\n"a" = { need = 0 }\n"a/x" = { doable = 0 }\n'
    wb = Workbench(workspace(body))
    found = [(f.kind, f.key, f.criterion) for f in flags(wb.evaluation, wb.problems)]
    assert found == [
        ("first-case", "a", ""),
        ("attention", "a", ""),
        ("gate", "a/x", "doable"),  # ana 1, bob 0 -> 0.5 < 1
        ("disputed", "a", "need"),  # 2 and 0 on 0..3: 2/3 >= 0.5
        ("disputed", "a/x", "doable"),  # 1 and 0 on 0..1
    ]


def test_incremental_levels_match_a_full_evaluation(tmp_path):
    from sieve.engine.evaluate import evaluate

    for name in ("criteria", "sessions"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    wb = Workbench(tmp_path / "sessions" / "paris.toml", autosave=False)
    wb.set_score("agnes", "carte-participative", "besoin-usagers", 0)
    wb.set_score("agnes", "carte-participative", "besoin-usagers", None)
    wb.set_score("mehdi", "carte-participative/kiosque", "interet-formation", 1)
    wb.set_score("clemence", "echange-local/trocateur", "transfert-labo", 3)
    wb.undo()
    assert wb.evaluation.results == evaluate(wb.session).results
    wb.set_weights({"besoin-usagers": 0})
    assert wb.evaluation.results == evaluate(wb.session, {"besoin-usagers": 0}).results


def test_a_structural_edit_is_undone_by_putting_the_files_back(tmp_path):
    from sieve.save.tamis import remove_criterion

    session = copy_paris(tmp_path)
    files = [tmp_path / "criteria" / "transfo.toml", *sorted(session.parent.rglob("*.toml"))]
    before = {p: p.read_bytes() for p in files}
    wb = Workbench(session)
    written = wb.edit_files(remove_criterion, "hors-clivage", drop_scores=True)
    assert len(written) >= 2  # the tamis and the score files
    assert "hors-clivage" not in wb.load.session.tamis.by_id
    wb.undo()
    assert {p: p.read_bytes() for p in files} == before
    assert "hors-clivage" in wb.load.session.tamis.by_id
    assert wb.undo() is None


def test_undo_of_a_structural_edit_refuses_files_changed_since(tmp_path):
    from sieve.save.tamis import set_weight

    session = copy_paris(tmp_path)
    tamis = tmp_path / "criteria" / "transfo.toml"
    wb = Workbench(session)
    wb.edit_files(set_weight, "besoin-usagers", 1)
    someone = tamis.read_text() + "\n# quelqu'un d'autre\n"
    tamis.write_text(someone)
    with pytest.raises(FileChangedError):
        wb.undo()
    assert tamis.read_text() == someone


def test_other_tamis_are_read_once_then_again_when_a_file_changes(workspace):
    from conftest import TAMIS

    other = TAMIS.replace('id = "t"', 'id = "autre"', 1)
    assert other != TAMIS
    path = workspace(BODY, files={"criteria/autre.toml": other, "criteria/casse.toml": "x = ["})
    wb = Workbench(path)
    found, skipped = wb.other_tamis()
    assert [t.id for t in found] == ["autre"]
    assert [p.name for p in skipped] == ["casse.toml"]
    again, _ = wb.other_tamis()
    assert again[0] is found[0]  # not parsed again
    (path.parent.parent / "criteria" / "casse.toml").write_text(other.replace("autre", "casse"))
    found, skipped = wb.other_tamis()
    assert sorted(t.id for t in found) == ["autre", "casse"] and skipped == []


def test_two_threads_asking_for_the_other_tamis_at_once_read_each_file_once(workspace, monkeypatch):
    """The Exchange screen may start a second reading thread before the first ends (a
    show and a repaint in a row): the second waits for the first's read and reuses it."""
    import threading
    import time

    from conftest import TAMIS

    import sieve.workbench

    path = workspace(BODY, files={"criteria/autre.toml": TAMIS.replace('id = "t"', 'id = "a"', 1)})
    reads = []
    real = sieve.workbench.load_tamis

    def slow(file):
        reads.append(file.name)
        time.sleep(0.2)  # long enough for the other thread to arrive meanwhile
        return real(file)

    monkeypatch.setattr(sieve.workbench, "load_tamis", slow)
    wb = Workbench(path)
    results = []
    threads = [threading.Thread(target=lambda: results.append(wb.other_tamis())) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads == ["autre.toml"]
    assert results[0][0][0] is results[1][0][0]


def test_robustness_is_computed_once_per_state_of_the_session(workspace, monkeypatch):
    """The ranking and the portfolio screens share one Monte Carlo analysis (issue 9)."""
    import sieve.plan.robust as robust

    calls = []
    real = robust.analyse

    def counting(*args, **kwargs):
        calls.append(kwargs.get("draws"))
        return real(*args, **kwargs)

    monkeypatch.setattr(robust, "analyse", counting)
    wb = Workbench(workspace(BODY))
    assert wb.robustness() is None and wb.robustness(stale=True) is None
    first = wb.compute_robustness()
    assert wb.compute_robustness() is first and wb.robustness() is first
    assert len(calls) == 1
    wb.set_score("ana", "a/x", "learn", 1)
    assert wb.robustness() is None  # an edit makes it stale...
    assert wb.robustness(stale=True) is first  # ...but the last one is still there
    assert wb.compute_robustness() is not first
    assert len(calls) == 2


def test_workbench_on_two_same_named_angles_scores_renames_and_undoes(workspace):
    from conftest import SAME_ANGLE

    from sieve.workbench import EDITS

    path = workspace(SAME_ANGLE)
    wb = Workbench(path)
    assert [r.key for r in wb.evaluation.results] == ["b/immersion", "a/immersion"]
    wb.set_score("y", "a/immersion", "learn", 3)
    assert wb.evaluation.result("a/immersion").cells["learn"].levels == (1, 3)
    assert wb.evaluation.result("b/immersion").cells["learn"].levels == (0, 3)
    before = path.read_bytes()
    wb.edit_files(EDITS.rename_angle, "a/immersion", "terrain")
    assert [c.key for c in wb.session.cases] == ["a/terrain", "b/immersion"]
    assert wb.session.scores["y"]["a/terrain"] == {"learn": 3, "doable": 1}
    assert wb.session.case("b/immersion").angle.title == "Immersion chez B"
    wb.undo()
    assert path.read_bytes() == before
    assert [c.key for c in Workbench(path).session.cases] == ["a/immersion", "b/immersion"]
