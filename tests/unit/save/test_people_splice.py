"""The fast path of the stakeholder map's edits: a splice of the few tables an edit touches.

Each edit of :mod:`sieve.save.people` first tries :class:`sieve.save.splice.TableSplice`
and falls back to the whole-document tomlkit edit. These tests check that the splice
writes the very bytes the whole-document edit writes (on the shipped sessions and on
generated ones), that the file outside the edited tables is untouched, and that a
splice that does not verify is never written.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from conftest import SESSION_HEAD, TAMIS, copy_shipped
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sieve.errors import FileChangedError
from sieve.load.session import load_session
from sieve.model import Session
from sieve.save import people as people_edits
from sieve.save import splice as splice_module
from sieve.save.splice import Change, Expected, TableSplice

Edit = Callable[[Session], object]


def loaded(path: Path) -> Session:
    result = load_session(path)
    assert [p for p in result.problems if p.is_error] == []
    assert result.session is not None
    return result.session


class NoWholeDocument:
    """Stands for the whole-document edit when a test wants the splice only."""

    def __init__(self, *_args: object) -> None:
        raise AssertionError("the whole-document edit was used")


def spliced(path: Path, session: Session, edit: Edit) -> str:
    """The file after ``edit`` made by the splice (it must not fall back)."""
    with mock.patch.object(people_edits, "Batch", NoWholeDocument):
        edit(session)
    return path.read_text(encoding="utf-8")


def whole(path: Path, session: Session, edit: Edit) -> str:
    """The file after ``edit`` made by the whole-document edit (the splice refused)."""
    with mock.patch.object(people_edits, "_splice", lambda *_args: None):
        edit(session)
    return path.read_text(encoding="utf-8")


def both(path: Path, session: Session, edit: Edit, must_splice: bool = True) -> tuple[str, str]:
    original = path.read_bytes()
    try:
        if must_splice:
            fast = spliced(path, session, edit)
        else:
            edit(session)
            fast = path.read_text(encoding="utf-8")
        path.write_bytes(original)
        slow = whole(path, session, edit)
    finally:
        path.write_bytes(original)
    return fast, slow


def map_edits(session: Session) -> dict[str, Edit]:
    """Every kind of edit, on every stakeholder and relation of a session."""
    edits: dict[str, Edit] = {}
    ids = list(session.stakeholders)
    for n, ident in enumerate(ids):
        person = session.stakeholders[ident]
        edits[f"set {ident}"] = lambda s, i=ident, p=person: people_edits.set_stakeholder(
            s, i, name="Autre nom", power=(p.power + 1) % 5, interest=0, org=""
        )
        edits[f"org {ident}"] = lambda s, i=ident: people_edits.set_stakeholder(
            s, i, org="Une autre organisation", role="relay"
        )
        edits[f"rename {ident}"] = lambda s, i=ident: people_edits.rename_stakeholder(
            s, i, f"{i}-2"
        )
        edits[f"remove {ident}"] = lambda s, i=ident: people_edits.remove_stakeholder(
            s, i, drop_relations=True
        )
        other = ids[(n + 1) % len(ids)]
        if not any({r.source, r.target} == {ident, other} for r in session.relations):
            edits[f"tie {ident}"] = lambda s, a=ident, b=other: people_edits.add_relation(
                s, a, b, "informs", weight=0.5
            )
    for r in session.relations:
        name = f"{r.source}->{r.target}:{r.kind}"
        edits[f"set {name}"] = lambda s, r=r: people_edits.set_relation(
            s, r.source, r.target, r.kind, new_kind="funding" if r.kind != "funding" else "trust"
        )
        edits[f"weigh {name}"] = lambda s, r=r: people_edits.set_relation(
            s, r.source, r.target, r.kind, weight=r.weight + 1
        )
        edits[f"remove {name}"] = lambda s, r=r: people_edits.remove_relation(
            s, r.source, r.target, r.kind
        )
    edits["add"] = lambda s: people_edits.add_stakeholder(s, "zoe", "Zoé", "relay", power=2)
    return edits


@pytest.mark.parametrize("name", ["paris", "mulhouse"])
def test_the_splice_writes_what_the_whole_document_edit_writes(tmp_path: Path, name: str) -> None:
    copy_shipped(tmp_path)
    path = tmp_path / "sessions" / f"{name}.toml"
    session = loaded(path)
    edits = map_edits(session)
    # every kind of edit, on tables spread over the file (the whole-document edit is slow)
    picked = [label for n, label in enumerate(edits) if n % 5 == 0 or label.startswith("remove")]
    assert len(picked) > 50
    # renaming or removing someone named by an [[assessment]] or a [[stance]] takes the
    # whole-document edit (the splice knows relations and decisions only)
    dated = {a.stakeholder for a in session.assessments} | {x.stakeholder for x in session.stances}
    whole_only = {f"{verb} {ident}" for ident in dated for verb in ("rename", "remove")}
    assert whole_only & set(picked)
    for label in picked:
        fast, slow = both(path, session, edits[label], must_splice=label not in whole_only)
        assert fast == slow, label


def big_session(count: int) -> str:
    """A session of ``count`` stakeholders, each with comments around, and a ring of relations."""
    parts = [SESSION_HEAD, "\n# --- people ---\n"]
    for i in range(count):
        parts.append(
            f'\n[[stakeholder]]\nid = "p{i}"\nname = "P {i}"   # trailing {i}\n'
            f'role = "relay"\nmood = "calme"\npower = {i % 5}\n'
        )
        if i % 7 == 3:
            parts.append(f"# group {i}\n")
    parts.append("\n# --- ties ---\n")
    for i in range(count):
        parts.append(f'\n[[relation]]\nfrom = "p{i}"\nto = "p{(i + 1) % count}"\nkind = "trust"\n')
    return "".join(parts)


@pytest.fixture
def big(workspace) -> Path:
    return workspace(head="", body=big_session(60))


def _edges(old: str, new: str) -> tuple[int, int]:
    """How many characters the texts share at their start and at their end."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, end


def test_a_splice_leaves_every_byte_outside_the_table_as_it_was(big: Path) -> None:
    old = big.read_text(encoding="utf-8")
    session = loaded(big)
    new = spliced(big, session, lambda s: people_edits.set_stakeholder(s, "p30", name="Trente"))
    header = old.index('[[stakeholder]]\nid = "p30"')
    table_end = old.index("[[stakeholder]]", header + 1)
    start, end = _edges(old, new)
    assert start >= header and len(old) - end <= table_end
    assert new[start:].startswith("Trente") and 'name = "Trente"   # trailing 30' in new
    assert loaded(big).stakeholders["p30"].name == "Trente"


def test_comments_next_to_a_removed_table_stay(big: Path) -> None:
    old = big.read_text(encoding="utf-8")
    session = loaded(big)
    # p24's table ends with the comment "# group 24": it stays, after p23
    new = spliced(big, session, lambda s: people_edits.remove_stakeholder(s, "p24", True))
    assert "# group 24\n" in new and "# group 17\n" in new
    assert 'id = "p24"' not in new
    assert [line for line in new.splitlines() if "#" in line] == [
        line for line in old.splitlines() if "#" in line and "trailing 24" not in line
    ]
    session = loaded(big)
    assert "p24" not in session.stakeholders and len(session.relations) == 58


def test_a_rename_splices_each_relation_and_the_journal(workspace) -> None:
    path = workspace(
        """
        [[stakeholder]]
        id = "a"
        name = "A"
        role = "referent"

        [[stakeholder]]
        id = "b"
        name = "B"
        role = "ambassador"   # b

        # the ties
        [[relation]]
        from = "b"
        to = "a"   # to a
        kind = "trust"

        [[relation]]
        from = "a"
        to = "b"
        kind = "informs"

        # the journal
        [[decision]]
        id = "lancement"
        date = 2017-01-25
        present = ["a", "b"]   # les deux

        [[decision.case]]
        case = "x"
        """
    )
    session = loaded(path)
    fast, slow = both(path, session, lambda s: people_edits.rename_stakeholder(s, "a", "alice"))
    assert fast == slow
    assert 'to = "alice"   # to a' in fast and 'present = ["alice", "b"]   # les deux' in fast


def test_the_first_relation_removed_hands_its_comments_to_the_last_stakeholder(workspace) -> None:
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

        # the ties
        [[relation]]
        from = "b"
        to = "a"
        kind = "trust"
        # after the first tie

        [[relation]]
        from = "a"
        to = "b"
        kind = "informs"
        """
    )
    session = loaded(path)
    for edit in (
        lambda s: people_edits.remove_relation(s, "b", "a", "trust"),
        lambda s: people_edits.remove_stakeholder(s, "b", drop_relations=True),
        lambda s: people_edits.remove_stakeholder(s, "a", drop_relations=True),
    ):
        fast, slow = both(path, session, edit)
        assert fast == slow
        assert "# the ties" in fast and "# after the first tie" in fast


def test_a_multiline_string_sends_the_splice_through_the_whole_file_check(workspace) -> None:
    path = workspace(
        '''
        [[stakeholder]]
        id = "a"
        name = "A"
        role = "referent"
        mood = """
        [[stakeholder]]
        [other]
        """

        [[stakeholder]]
        id = "b"
        name = "B"
        role = "ambassador"
        '''
    )
    session = loaded(path)
    whole_file = mock.patch.object(
        TableSplice, "_whole_file", autospec=True, side_effect=TableSplice._whole_file
    )
    with whole_file as check:
        fast, slow = both(path, session, lambda s: people_edits.set_stakeholder(s, "b", power=3))
    assert check.call_count == 1
    assert fast == slow
    assert loaded(path).stakeholders["a"].name == "A"


def test_a_splice_that_does_not_verify_falls_back_to_the_whole_document(big: Path) -> None:
    session = loaded(big)
    original = big.read_bytes()
    slow = whole(big, session, lambda s: people_edits.remove_relation(s, "p3", "p4", "trust"))
    big.write_bytes(original)

    def faulty(doc, key, index):  # removes the table and nothing else: the data differ
        del doc[key][index + 1]

    with mock.patch.object(splice_module, "remove_table", faulty):
        people_edits.remove_relation(session, "p3", "p4", "trust")
    assert big.read_text(encoding="utf-8") == slow


def test_a_splice_the_model_does_not_match_gives_nothing(big: Path) -> None:
    splice = TableSplice(big, None)
    ids = [f"p{i}" for i in range(60)]

    def rename(table, _put):
        table["name"] = "X"

    wrong_before = Expected(lambda t: t["id"], ids[::-1], ids[::-1])
    assert splice.edit([Change("stakeholder", 5, rename)], {"stakeholder": wrong_before}) is None
    wrong_after = Expected(lambda t: t["id"], ids, ids[:-1])
    assert splice.edit([Change("stakeholder", 5, rename)], {"stakeholder": wrong_after}) is None
    right = Expected(lambda t: t["id"], ids, ids)
    assert splice.edit([Change("stakeholder", 5, rename)], {"stakeholder": right}) is not None
    too_many = Expected(lambda t: t["id"], [*ids, "p60"], [*ids, "p60"])
    assert splice.edit([Change("stakeholder", 5, rename)], {"stakeholder": too_many}) is None


def test_a_file_changed_between_reading_and_writing_is_refused(big: Path) -> None:
    session = loaded(big)
    splice = TableSplice(big, session.digests[big])
    ids = list(session.stakeholders)
    text = splice.edit(
        [Change("stakeholder", 0, lambda t, put: put(t, "power", 4))],
        {"stakeholder": Expected(lambda t: t["id"], ids, ids)},
    )
    assert text is not None
    big.write_text(big.read_text(encoding="utf-8") + "# someone else\n", encoding="utf-8")
    changed = big.read_bytes()
    with pytest.raises(FileChangedError):
        splice.save(text)
    assert big.read_bytes() == changed
    with pytest.raises(FileChangedError):
        TableSplice(big, session.digests[big])


# -- generated sessions ----------------------------------------------------------------

ROLES = ["relay", "ambassador", "referent"]
KINDS = ["trust", "informs", "funding"]


@st.composite
def sessions(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """A session text of a few stakeholders and relations, with comments and blank lines."""
    count = draw(st.integers(2, 6))
    gaps = st.sampled_from(["", "\n", "\n\n", "\n# a comment\n", "# heading\n", "\n# c\n\n"])
    lines = [SESSION_HEAD, draw(gaps)]
    for i in range(count):
        lines.append(f'[[stakeholder]]\nid = "p{i}"\nname = "P{i}"')
        lines.append(draw(st.sampled_from(["", "   # who"])) + "\n")
        lines.append(f'role = "{draw(st.sampled_from(ROLES))}"\n')
        if draw(st.booleans()):
            lines.append(f"power = {draw(st.integers(0, 4))}\n")
        if draw(st.booleans()):
            lines.append('extra = "inconnu"   # unknown\n')
        lines.append(draw(gaps))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, count - 1), st.integers(0, count - 1), st.sampled_from(KINDS)),
            max_size=6,
            unique=True,
        )
    )
    relations = [(a, b, k) for a, b, k in pairs if a != b]
    for a, b, k in relations:
        lines.append(f'[[relation]]\nfrom = "p{a}"\nto = "p{b}"\nkind = "{k}"\n')
        if draw(st.booleans()):
            lines.append(f"weight = {draw(st.integers(0, 3))}\n")
        lines.append(draw(gaps))
    if draw(st.booleans()):
        lines.append('[[decision]]\nid = "d"\ndate = 2017-01-25\npresent = ["p0", "p1"]\n')
    return "".join(lines), relations


def generated_edits(count: int, relations: list) -> st.SearchStrategy[Edit]:
    person = st.integers(0, count - 1).map(lambda i: f"p{i}")
    edits = [
        st.builds(
            lambda i, p: lambda s: people_edits.set_stakeholder(s, i, power=p, org="O"),
            person,
            st.integers(0, 4),
        ),
        person.map(lambda i: lambda s: people_edits.rename_stakeholder(s, i, "nouveau")),
        person.map(lambda i: lambda s: people_edits.remove_stakeholder(s, i, True)),
        st.just(lambda s: people_edits.add_stakeholder(s, "zoe", "Zoé", "relay")),
    ]
    if relations:
        tie = st.sampled_from(relations)
        edits += [
            tie.map(
                lambda r: lambda s: people_edits.remove_relation(s, f"p{r[0]}", f"p{r[1]}", r[2])
            ),
            tie.map(
                lambda r: (
                    lambda s: people_edits.set_relation(s, f"p{r[0]}", f"p{r[1]}", r[2], weight=2)
                )
            ),
            st.just(lambda s: people_edits.add_relation(s, "p0", "p1", "mentors")),
        ]
    return st.one_of(edits)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_edits_splice_as_the_whole_document_edits(tmp_path_factory, data) -> None:
    text, relations = data.draw(sessions())
    root = tmp_path_factory.mktemp("s")
    (root / "criteria").mkdir()
    (root / "sessions").mkdir()
    (root / "criteria" / "t.toml").write_text(TAMIS, encoding="utf-8")
    path = root / "sessions" / "s.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    session = loaded(path)
    edit = data.draw(generated_edits(len(session.stakeholders), relations))
    fast, slow = both(path, session, edit, must_splice=False)
    assert fast == slow
