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


BALLOT = '\n[vote]\nscale = "mention"\nquestion = "Un bon cas ?"  # kept\n'


@pytest.mark.parametrize("ballot", [False, True], ids=["no-vote-table", "vote-table"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["plain", "bom"])
def test_a_voters_first_page_appended_as_text_is_what_tomlkit_writes(
    tmp_path, monkeypatch, ballot, newline, bom
) -> None:
    """The first page of a voter is appended to the text (no tomlkit parse of the whole
    session); its bytes are those of the tomlkit path, for every kind of file."""
    from sieve.save import vote as vote_module

    written: dict[str, bytes] = {}
    for way in ("text", "tomlkit"):
        path = copy_paris(tmp_path / way)
        text = path.read_text(encoding="utf-8") + (BALLOT if ballot else "")
        path.write_bytes((bom + text.replace("\n", newline)).encode("utf-8"))
        if way == "tomlkit":
            monkeypatch.setattr(vote_module, "_append_first_page", lambda *a: None)
        assert set_votes(session_of(path), "agnes", {KIOSQUE: 5, TROC: None}) == [path]
        assert set_votes(session_of(path), "clemence", {TROC: 0}) == [path]
        written[way] = path.read_bytes()
        votes = session_of(path).votes
        assert votes == {"agnes": {KIOSQUE: 5}, "clemence": {TROC: 0}}
    assert written["text"].startswith(bom.encode("utf-8") + b"#")
    if newline == "\n":
        assert written["text"] == written["tomlkit"]
        assert b"\r" not in written["text"]
    else:  # the same lines; the text path keeps the file's CRLF (tomlkit's new lines end in LF)
        assert written["text"].replace(b"\r\n", b"\n") == written["tomlkit"].replace(b"\r\n", b"\n")
        assert written["text"].count(b"\n") == written["text"].count(b"\r\n")


def test_a_voter_already_in_the_file_goes_through_tomlkit(tmp_path, monkeypatch) -> None:
    """``[votes]`` written as one table with dotted keys, agnes already in it: her page is
    edited where her mentions are (tomlkit), clemence's first page is appended as text."""
    from sieve.save import vote as vote_module

    path = copy_paris(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f'\n[vote]\nscale = "mention"\n\n[votes]\nagnes."{TROC}" = 3\n')
    appended: list[str] = []
    real = vote_module._append_first_page

    def spy(session, scorer, mentions, name):
        result = real(session, scorer, mentions, name)
        appended.append(f"{scorer}:{result is not None}")
        return result

    monkeypatch.setattr(vote_module, "_append_first_page", spy)
    assert set_votes(session_of(path), "agnes", {TROC: 1, KIOSQUE: 6}) == [path]
    assert set_votes(session_of(path), "clemence", {KIOSQUE: 1}) == [path]
    assert appended == ["agnes:False", "clemence:True"]
    assert session_of(path).votes == {"agnes": {TROC: 1, KIOSQUE: 6}, "clemence": {KIOSQUE: 1}}
    assert f'agnes."{TROC}" = 1' in path.read_text(encoding="utf-8")
