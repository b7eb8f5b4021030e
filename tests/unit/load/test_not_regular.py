"""Issue 15.7: anything that is not a regular file (a FIFO, a device, a folder) is refused
by every reader, without blocking.

A regression here would hang rather than fail: the commands run in a subprocess with
a timeout, and a reader under test in a thread that is unblocked (by opening the FIFO
for writing) when it does not return in time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import PARIS, PROJECT, copy_paris

from sieve.load.fields import read_toml
from sieve.save.document import TomlDocument, atomic_write

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")

#: Seconds a command may take before it counts as blocked.
LIMIT = 20


def sieve(*argv: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m sieve ARGV...`` in French; fail (not hang) when it blocks."""
    env = {**os.environ, "LANGUAGE": "fr"}
    try:
        return subprocess.run(
            [sys.executable, "-m", "sieve", *map(str, argv)],
            capture_output=True,
            text=True,
            timeout=LIMIT,
            cwd=cwd or PROJECT,
            env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"sieve {' '.join(map(str, argv))} blocked for {LIMIT} s")


def without_blocking(call: Callable[[], Any], fifo: Path) -> Any:
    """``call()``'s result (or the exception it raised); fail if it blocks on ``fifo``."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # handed to the test
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # let the blocked reader go (it sees an empty file)
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(10)
        pytest.fail(f"reading {fifo} blocked")
    if "error" in box:
        return box["error"]
    return box["result"]


def test_rank_refuses_a_fifo(tmp_path):
    fifo = tmp_path / "tube.toml"
    os.mkfifo(fifo)
    done = sieve("rank", fifo)
    assert done.returncode == 2
    assert f"{fifo}:1:1:" in done.stderr
    assert "pas un fichier ordinaire" in done.stderr
    assert "Traceback" not in done.stderr


def test_rank_refuses_a_device():
    done = sieve("rank", "/dev/zero")
    assert done.returncode == 2
    assert "/dev/zero:1:1:" in done.stderr
    assert "pas un fichier ordinaire" in done.stderr


def test_rank_on_a_folder_holding_a_fifo_ranks_its_one_session(tmp_path):
    session = copy_paris(tmp_path)
    for other in session.parent.glob("*.toml"):
        if other != session:
            other.unlink()
    os.mkfifo(session.parent / "tube.toml")
    done = sieve("rank", session.parent)
    assert done.returncode == 0, done.stderr
    assert "carte" in done.stdout


def test_check_says_a_fifo_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "tube.toml"
    os.mkfifo(fifo)
    done = sieve("check", tmp_path)
    assert done.returncode == 2
    assert "pas un fichier ordinaire" in done.stderr
    assert "introuvable" not in done.stderr


def test_read_toml_refuses_a_fifo_a_folder_and_a_device(tmp_path):
    fifo = tmp_path / "tube.toml"
    os.mkfifo(fifo)
    folder = tmp_path / "dossier.toml"
    folder.mkdir()
    for path in (fifo, folder, Path("/dev/null")):
        data, fc = without_blocking(lambda p=path: read_toml(p), fifo)
        assert data is None
        assert [(p.line, p.col, p.code) for p in fc.problems] == [(1, 1, "io.not_regular")]


def test_saving_refuses_a_file_turned_into_a_fifo(tmp_path):
    """A score file swapped for a FIFO after loading: the writers refuse, nothing blocks."""
    from sieve.locations import NotRegularFileError

    fifo = tmp_path / "s.toml"
    os.mkfifo(fifo)
    error = without_blocking(lambda: TomlDocument(fifo), fifo)
    assert isinstance(error, NotRegularFileError)
    error = without_blocking(lambda: atomic_write(fifo, b"format = 1\n", expected="x"), fifo)
    assert isinstance(error, NotRegularFileError)
    error = without_blocking(lambda: atomic_write(fifo, b"format = 1\n"), fifo)
    assert isinstance(error, NotRegularFileError)
    assert fifo.is_fifo()  # not replaced by a regular file


def test_the_workbench_disk_watch_does_not_block_on_a_fifo(tmp_path):
    from sieve.workbench import file_digest

    fifo = tmp_path / "s.toml"
    os.mkfifo(fifo)
    assert without_blocking(lambda: file_digest(fifo), fifo) is None
    assert file_digest(PARIS) is not None


def test_a_tamis_that_is_a_fifo_is_said_so(workspace, tmp_path):
    from sieve.load.session import load_session

    session = workspace()
    tamis = tmp_path / "criteria" / "t.toml"
    tamis.unlink()
    os.mkfifo(tamis)
    result = without_blocking(lambda: load_session(session), tamis)
    assert [(p.file.name, p.code) for p in result.problems] == [("t.toml", "io.not_regular")]
