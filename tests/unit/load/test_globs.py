"""Issue 15.7: a ``scores`` glob never walks out of the workspace.

A pattern that would list a folder outside the workspace (by ``..`` or through a
link) is refused once, naming the pattern as written, never the files found out
there; an unreadable entry out there (``/proc``) cannot abort the load.
"""

from __future__ import annotations

from pathlib import Path

from conftest import write

from sieve.load.session import load_session

SCORES = 'format = 1\n\n[scores.a]\n"x" = { need = 2 }\n'


def head(pattern: str) -> str:
    return (
        f'format = 1\n[session]\nid = "s"\ntamis = "../criteria/t.toml"\nscores = [{pattern!r}]\n'
    )


BODY = """
[[subject]]
id = "x"
title = "X"

[[angle]]
id = "a1"
subject = "x"
title = "A1"

[[scorer]]
id = "a"
"""


def outside_folder(tmp_path: Path) -> Path:
    """A folder beside the workspace holding a score file named ``secret-outside``."""
    folder = tmp_path.parent / f"{tmp_path.name}-dehors"
    write(folder / "secret-outside.toml", SCORES)
    return folder


def messages(problems) -> str:
    return "\n".join(p.render() for p in problems)


def test_a_glob_walking_out_by_dots_is_refused_without_naming_the_files_found(workspace, tmp_path):
    folder = outside_folder(tmp_path)
    pattern = f"../../{folder.name}/*.toml"
    problems = load_session(workspace(BODY, head=head(pattern))).problems
    assert [(p.code, p.params["path"]) for p in problems] == [("path.outside", pattern)]
    assert "secret-outside" not in messages(problems)


def test_a_glob_walking_out_through_a_link_is_refused_without_naming_the_files_found(
    workspace, tmp_path
):
    folder = outside_folder(tmp_path)
    session = workspace(BODY, head=head("dehors/*.toml"))
    (session.parent / "dehors").symlink_to(folder, target_is_directory=True)
    problems = load_session(session).problems
    assert [(p.code, p.params["path"]) for p in problems] == [("path.outside", "dehors/*.toml")]
    assert "secret-outside" not in messages(problems)


def test_a_glob_into_proc_cannot_abort_the_load(workspace, tmp_path):
    up = "../" * (len(tmp_path.parts) + 2)
    for pattern, link in ((f"{up}proc/*/cwd/*.toml", False), ("racine/proc/*/fd/*", True)):
        session = workspace(BODY, head=head(pattern))
        if link and not (session.parent / "racine").exists():
            (session.parent / "racine").symlink_to("/", target_is_directory=True)
        problems = load_session(session).problems
        assert [(p.code, p.params["path"]) for p in problems] == [("path.outside", pattern)]


def test_a_glob_going_up_but_staying_inside_still_matches(workspace, tmp_path):
    write(tmp_path / "notes" / "a.toml", SCORES)
    result = load_session(workspace(BODY, head=head("../notes/*.toml")))
    assert result.errors == []
    assert result.session is not None
    assert result.session.scores["a"]["x"]["need"] == 2
