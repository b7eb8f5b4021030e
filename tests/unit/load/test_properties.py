"""Property-based tests: malformed documents give clean problems, never an exception."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import rtoml
from conftest import SESSION_HEAD, TAMIS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sieve.engine.evaluate import evaluate
from sieve.load.session import check_file, load_session

KEYS = [
    "format", "tamis", "session", "id", "title", "criterion", "subject", "angle", "scorer",
    "scores", "notes", "levels", "scales", "weight", "pass_at", "kind", "applies_to", "scale",
    "attention", "first_case", "stakeholder", "relation", "from", "to", "power", "a", "a/a1",
    "need", "learn", "x", "Bad Key", "",
]  # fmt: skip

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=12),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["a", "a/a1", "x", "need", "score", "gate", "subject", "angle", "n"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    ),
    max_leaves=12,
)

GOOD = {
    "format": 1,
    "session": {"id": "s", "title": "S", "tamis": "../criteria/t.toml"},
    "subject": [{"id": "a", "title": "A", "attention": ["mandat"]}],
    "angle": [{"id": "a1", "subject": "a", "title": "A1"}],
    "scorer": [{"id": "x", "name": "X"}],
    "scores": {"x": {"a": {"need": 2, "service": 1}, "a/a1": {"learn": 1, "doable": 1}}},
    "notes": {"x": {"a/a1": "note"}},
    "stakeholder": [{"id": "x", "name": "X", "role": "ambassador", "power": 1}],
}


def mutate(doc, path: list, value):
    """Replace (or add) the value at a path of keys/indexes, as far as it exists."""
    target = doc
    for step in path[:-1]:
        in_dict = isinstance(target, dict) and step in target
        in_list = isinstance(target, list) and isinstance(step, int) and step < len(target)
        if in_dict or in_list:
            target = target[step]
        else:
            break
    last = path[-1]
    if isinstance(target, dict):
        target[last if isinstance(last, str) else str(last)] = value
    elif isinstance(target, list) and target:
        target[(last if isinstance(last, int) else 0) % len(target)] = value


def write_workspace(root: Path, session_text: str) -> Path:
    (root / "criteria").mkdir(exist_ok=True)
    (root / "sessions").mkdir(exist_ok=True)
    (root / "criteria" / "t.toml").write_text(TAMIS)
    path = root / "sessions" / "s.toml"
    path.write_text(session_text)
    return path


def assert_clean(path: Path) -> None:
    result = load_session(path)
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1
        assert problem.render(lang="fr") and problem.render(lang="en")
    if result.session is not None:
        evaluate(result.session)
    check_file(path)


paths = st.lists(
    st.one_of(st.sampled_from(KEYS), st.integers(min_value=0, max_value=2)), min_size=1, max_size=4
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=paths, value=values)
def test_mutated_sessions_give_only_clean_problems(path, value):
    import copy

    doc = copy.deepcopy(GOOD)
    mutate(doc, path, value)
    try:
        text = rtoml.dumps(doc)
    except Exception:  # not every mutation is expressible in TOML (e.g. None)
        return
    with tempfile.TemporaryDirectory() as folder:
        assert_clean(write_workspace(Path(folder), text))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_gives_only_clean_problems(text):
    with tempfile.TemporaryDirectory() as folder:
        assert_clean(write_workspace(Path(folder), text))


lines = st.sampled_from(
    [
        "[[subject]]", "[[angle]]", "[scores.x]", "[notes.x]", 'id = "a"', 'title = "T"',
        'subject = "a"', '"a" = { need = 2 }', '"a/a1" = { learn = 5 }', "[session]",
        'tamis = "../criteria/t.toml"', "format = 1", "x = [1, ", '"""', "id = 3",
        '"a" = { need = "2" }', "[[scorer]]", 'id = "x"', "first_case = 1",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(body=st.lists(lines, max_size=25))
def test_shuffled_session_lines_give_only_clean_problems(body):
    with tempfile.TemporaryDirectory() as folder:
        assert_clean(write_workspace(Path(folder), SESSION_HEAD + "\n".join(body) + "\n"))
