"""``save.vote.set_votes``: a page of mentions in one write of the session file, lossless,
every mention checked before anything is written, refused when the file changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_paris

from sieve.errors import EditError, FileChangedError
from sieve.load.session import load_session
from sieve.save import document
from sieve.save.vote import set_votes

KIOSQUE = "carte-participative/kiosque"
TROC = "echange-local/trocateur"


def session_of(path: Path):
    result = load_session(path)
    assert result.session is not None
    return result.session


def test_a_page_of_mentions_is_one_write_and_keeps_every_line(tmp_path, monkeypatch) -> None:
    path = copy_paris(tmp_path)
    before = path.read_text(encoding="utf-8")
    writes: list[Path] = []
    real = document.atomic_write
    monkeypatch.setattr(
        document, "atomic_write", lambda p, *a, **k: (writes.append(p), real(p, *a, **k))[1]
    )
    assert set_votes(session_of(path), "agnes", {KIOSQUE: 5, TROC: 1}) == [path]
    assert writes == [path]
    text = path.read_text(encoding="utf-8")
    assert all(line in text for line in before.splitlines())
    assert session_of(path).votes["agnes"] == {KIOSQUE: 5, TROC: 1}
    # change one, remove the other, in one write again
    assert set_votes(session_of(path), "agnes", {KIOSQUE: 2, TROC: None}) == [path]
    assert len(writes) == 2
    assert session_of(path).votes["agnes"] == {KIOSQUE: 2}
    assert set_votes(session_of(path), "agnes", {}) == []
    assert set_votes(session_of(path), "agnes", {TROC: None}) == []  # nothing to remove


@pytest.mark.parametrize(
    "scorer, mentions",
    [
        ("nobody", {KIOSQUE: 1}),
        ("agnes", {KIOSQUE: 1, "nope/nope": 1}),
        ("agnes", {KIOSQUE: 1, TROC: 7}),  # the mention scale's top is 6
        ("agnes", {KIOSQUE: 1, TROC: True}),
    ],
)
def test_one_bad_mention_refuses_the_whole_page(tmp_path, scorer, mentions) -> None:
    path = copy_paris(tmp_path)
    before = path.read_bytes()
    with pytest.raises(EditError):
        set_votes(session_of(path), scorer, mentions)
    assert path.read_bytes() == before


def test_a_file_changed_since_it_was_read_is_refused(tmp_path) -> None:
    path = copy_paris(tmp_path)
    session = session_of(path)
    with path.open("a", encoding="utf-8") as out:
        out.write("\n# someone else's edit\n")
    changed = path.read_bytes()
    with pytest.raises(FileChangedError):
        set_votes(session, "agnes", {KIOSQUE: 3})
    assert path.read_bytes() == changed
