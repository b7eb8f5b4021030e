"""Issue 15.7: saving through a symbolic link writes the file it leads to, the link stays.

The loader reads a file through its links and accepts it only when the file they
lead to is inside the workspace; the write lock is the target's. So a save writes
through to that same target (a chain of links included) instead of replacing the
link with a regular file.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import copy_paris, run_cli

from sieve.save.document import TomlDocument, atomic_write, digest


def link(at: Path, target: Path) -> Path:
    """A relative symbolic link at ``at`` to ``target``."""
    at.symlink_to(os.path.relpath(target, at.parent))
    return at


def test_sieve_score_through_a_linked_score_file_writes_its_target(tmp_path, capsys):
    session = copy_paris(tmp_path)
    linked = session.parent / "paris-scores" / "agnes.toml"
    shared = tmp_path / "commun" / "agnes.toml"
    shared.parent.mkdir()
    linked.rename(shared)
    link(linked, shared)
    before = shared.read_text(encoding="utf-8")
    line = '"carte-participative"                          = { besoin-usagers = 3,'
    assert line in before
    code, _out, err = run_cli(
        capsys,
        "score",
        session,
        "--scorer=agnes",
        "--key=carte-participative",
        "--criterion=besoin-usagers",
        "--level=1",
    )
    assert code == 0, err
    assert linked.is_symlink()
    after = shared.read_text(encoding="utf-8")
    assert after == before.replace(line, line.replace("= 3,", "= 1,"))
    assert sorted(p.name for p in shared.parent.iterdir()) == ["agnes.toml"]


def test_atomic_write_follows_a_chain_of_links(tmp_path):
    target = tmp_path / "data" / "t.toml"
    target.parent.mkdir()
    target.write_bytes(b"format = 1\n")
    middle = link(tmp_path / "middle.toml", target)
    (tmp_path / "sessions").mkdir()
    first = link(tmp_path / "sessions" / "first.toml", middle)
    atomic_write(first, b"format = 1\n# new\n", expected=digest(b"format = 1\n"))
    assert first.is_symlink() and middle.is_symlink()
    assert target.read_bytes() == b"format = 1\n# new\n"
    assert sorted(p.name for p in (tmp_path / "sessions").iterdir()) == ["first.toml"]


def test_a_document_saved_through_a_link_keeps_the_link(tmp_path):
    target = tmp_path / "t.toml"
    target.write_text('format = 1\n[tamis]\nid = "t"\n', encoding="utf-8")
    linked = link(tmp_path / "lien.toml", target)
    doc = TomlDocument(linked)
    doc.doc["tamis"]["id"] = "u"
    assert doc.save()
    assert linked.is_symlink()
    assert 'id = "u"' in target.read_text(encoding="utf-8")
