"""The write lock of a file, the leftovers of a killed save, a score already there."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import PROJECT, TWO_SCORERS

from sieve.cli.main import main
from sieve.errors import FileBusyError, FileChangedError
from sieve.load.session import open_session
from sieve.save import document
from sieve.save.document import TomlDocument, atomic_write, lock_path, locked
from sieve.save.scores import set_score

#: Holds the lock of argv[1] for argv[3] seconds, writing argv[4] into it first when given.
HOLDER = """
import sys, time
from pathlib import Path
from sieve.save.document import atomic_write, locked
path, ready, seconds, *text = sys.argv[1:]
with locked(Path(path)):
    Path(ready).touch()
    time.sleep(float(seconds))
    if text:
        atomic_write(Path(path), text[0].encode())
"""


LEVEL_3 = ["--criterion", "need", "--level", "3"]


def _hold(path: Path, seconds: float, text: str | None = None) -> subprocess.Popen:
    """Another process holding the file's lock; returns once it holds it."""
    ready = path.parent / "holder-ready"
    ready.unlink(missing_ok=True)
    argv = [sys.executable, "-c", HOLDER, str(path), str(ready), str(seconds)]
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    proc = subprocess.Popen([*argv, *([text] if text is not None else [])], env=env)
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert proc.poll() is None and time.monotonic() < deadline, "the holder never got ready"
        time.sleep(0.005)
    ready.unlink()
    return proc


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_save_waits_for_the_writer_holding_the_lock_then_sees_its_bytes(tmp_path: Path):
    path = tmp_path / "f.toml"
    path.write_text("a = 1\n")
    doc = TomlDocument(path)
    doc.doc["a"] = 2
    holder = _hold(path, 0.5, "a = 3\n")  # writes just before it lets go
    with pytest.raises(FileChangedError):
        doc.save()
    assert holder.wait(timeout=30) == 0
    assert path.read_text() == "a = 3\n"
    assert _hidden(tmp_path) == []


def test_the_lock_file_is_removed_after_a_save_even_one_left_by_a_killed_writer(tmp_path):
    path = tmp_path / "f.toml"
    path.write_text("a = 1\n")
    lock_path(path).write_text("")  # a writer killed while holding it: the lock went with it
    atomic_write(path, b"a = 2\n")
    assert path.read_bytes() == b"a = 2\n"
    assert _hidden(tmp_path) == []
    with locked(path), locked(path):  # re-entrant within one thread
        assert lock_path(path).exists()
        atomic_write(path, b"a = 3\n")
    assert _hidden(tmp_path) == []


def test_a_writer_held_up_too_long_stops_with_exit_2_and_writes_nothing(
    workspace, monkeypatch, capsys
):
    session = workspace(TWO_SCORERS)
    before = session.read_bytes()
    monkeypatch.setattr(document, "LOCK_TIMEOUT", 0.3)
    holder = _hold(session, 5)
    try:
        code = main(["score", str(session), "--scorer", "ana", "--key", "a", *LEVEL_3])
        with pytest.raises(FileBusyError):
            atomic_write(session, b"x = 1\n")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert code == 2
    err = capsys.readouterr().err
    assert "s.toml est en cours d'écriture par un autre programme" in err
    assert "rien n'a été écrit" in err and "Traceback" not in err
    assert session.read_bytes() == before


def test_the_same_cell_changed_meanwhile_is_refused_another_cell_is_kept(workspace):
    path = workspace(TWO_SCORERS)
    session = open_session(path)
    text = path.read_text()
    # someone else changes another cell: the edit is made on their bytes
    other = text.replace("learn = 3", "learn = 2")
    path.write_text(other)
    assert set_score(session, "ana", "a", "need", 3, rebase=True) == [path]
    data = open_session(path).scores["ana"]
    assert data["a"]["need"] == 3 and data["a/x"]["learn"] == 2
    assert "# gardé" in path.read_text()
    # ... but without rebase it is refused, as before
    with pytest.raises(FileChangedError):
        set_score(session, "ana", "a", "service", 0)
    # someone else changes the very cell: refused, theirs kept
    session = open_session(path)
    theirs = path.read_text().replace("need = 3", "need = 1")
    path.write_text(theirs)
    with pytest.raises(FileChangedError):
        set_score(session, "ana", "a", "need", 0, rebase=True)
    assert path.read_text() == theirs
    # ... unless they wrote the level asked: nothing to do
    changed: dict[Path, str] = {}
    assert set_score(session, "ana", "a", "need", 1, rebase=True, changed=changed) == [path]
    assert changed == {} and path.read_text() == theirs


def _leftover(path: Path, age: float) -> Path:
    """A temporary file as a save of ``path`` names it, ``age`` seconds old."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.write(fd, b"half a file")
    os.close(fd)
    past = time.time() - age
    os.utime(name, (past, past))
    return Path(name)


def test_a_save_removes_what_a_killed_save_of_that_file_left(workspace):
    path = workspace(TWO_SCORERS)
    folder = path.parent
    old = _leftover(path, 60)
    fresh = _leftover(path, 0)  # perhaps a sieve without the lock writing it now: kept
    others = [folder / ".s.toml.notes.tmp", folder / ".t.toml.abcdefgh.tmp", folder / "x.tmp"]
    for other in others:
        other.write_text("not ours")
        os.utime(other, (time.time() - 60,) * 2)
    main(["score", str(path), "--scorer", "ana", "--key", "a", *LEVEL_3])
    assert not old.exists()
    assert fresh.exists() and all(p.exists() for p in others)
    assert open_session(path).scores["ana"]["a"]["need"] == 3


def test_a_score_already_there_is_not_written_again(workspace, capsys):
    path = workspace(TWO_SCORERS)
    before = path.stat()
    old = _leftover(path, 60)
    need_2 = ["score", str(path), "--scorer", "ana", "--key", "a", "--criterion", "need"]
    need_2 += ["--level", "2"]
    assert main(need_2) == 0
    assert capsys.readouterr().out == f"rien n'a changé : {path} a déjà le niveau 2\n"
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert old.exists()  # nothing saved: nothing cleaned either
    assert main(["--lang", "en", *need_2]) == 0
    assert capsys.readouterr().out == f"nothing changed: {path} already has level 2\n"
    clear = ["score", str(path), "--scorer", "bob", "--key", "a", "--criterion", "need"]
    assert main([*clear, "--clear"]) == 0
    assert capsys.readouterr().out == "rien à effacer\n"


def test_the_workbench_notices_a_write_made_just_after_its_own(workspace, monkeypatch):
    """The digest a save records is that of its own bytes, not of the file read back later."""
    from sieve.save import scores
    from sieve.workbench import Workbench

    path = workspace(TWO_SCORERS)
    wb = Workbench(path)
    real_score, real_note = scores.set_score, scores.set_note

    def then_someone_else(real, level):
        def edit(*args, **kwargs):
            written = real(*args, **kwargs)
            real_score(open_session(path), "bob", "a/x", "learn", level)  # another program
            return written

        return edit

    monkeypatch.setattr(scores, "set_score", then_someone_else(real_score, 1))
    wb.set_score("ana", "a", "need", 3)
    assert wb.changed_on_disk() == [path]
    wb.reload()
    monkeypatch.setattr(scores, "set_note", then_someone_else(real_note, 2))
    wb.set_note("ana", "a", "Vu.")
    assert wb.changed_on_disk() == [path]
    wb.reload()
    assert wb.session.scores["ana"]["a"]["need"] == 3 and wb.session.notes["ana"]["a"] == "Vu."


def test_undo_of_a_structural_edit_waits_for_a_writer_holding_the_lock(tmp_path: Path):
    from conftest import copy_shipped

    from sieve.save.tamis import set_weight
    from sieve.workbench import Workbench

    copy_shipped(tmp_path)
    wb = Workbench(tmp_path / "sessions" / "mulhouse.toml")
    tamis = wb.session.tamis.path  # criteria/mulhouse.toml, Mulhouse's own tamis
    wb.edit_files(set_weight, "besoin-usagers", 1)
    theirs = tamis.read_text() + "\n# quelqu'un d'autre\n"
    holder = _hold(tamis, 0.5, theirs)
    with pytest.raises(FileChangedError):
        wb.undo()
    assert holder.wait(timeout=30) == 0
    assert tamis.read_text() == theirs
    assert len(wb.undo_stack) == 1
