"""New files are shareable: a report, a new session or a score file gets the mode any
program would give it (0o666 less the umask), not the owner-only mode of the temporary
file it was written to; an existing file keeps its own mode."""

from __future__ import annotations

import os
import stat

import pytest
from conftest import copy_shipped, run_cli

from sieve.save.document import atomic_write
from sieve.save.new import create_new


@pytest.fixture
def umask():
    """Set the process's umask for one test, and put the old one back."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_the_umask_mode(tmp_path, umask):
    atomic_write(tmp_path / "a.toml", b"a = 1\n")
    assert mode(tmp_path / "a.toml") == 0o644
    umask(0o077)
    atomic_write(tmp_path / "b.toml", b"b = 1\n")
    assert mode(tmp_path / "b.toml") == 0o600
    umask(0o002)
    create_new(tmp_path / "c.toml", b"c = 1\n")
    assert mode(tmp_path / "c.toml") == 0o664


def test_an_existing_file_keeps_its_mode(tmp_path, umask):
    for wanted in (0o600, 0o664, 0o640):
        path = tmp_path / f"{wanted:o}.toml"
        path.write_bytes(b"x = 0\n")
        os.chmod(path, wanted)
        atomic_write(path, b"x = 1\n")
        assert mode(path) == wanted and path.read_bytes() == b"x = 1\n"


def test_a_report_written_by_the_command_is_readable_by_others(
    tmp_path, monkeypatch, capsys, umask
):
    copy_shipped(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_cli(capsys, "report", "sessions/paris.toml", "--out", "rapport.html")
    assert (code, err) == (0, "")
    assert mode(tmp_path / "rapport.html") == 0o644
