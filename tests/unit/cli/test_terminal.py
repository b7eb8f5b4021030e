"""Terminal safety of every command (issue 15, items 5 and 6).

The shipped workspace with hostile text in every free text of its files (an OSC
sequence that sets the terminal's title, a right-to-left override, a zero-width
space, a formula, a newline then a fake line): no command prints a character of the
one rule raw, none lets the newline start a line of its own, JSON and XML read back
the very text, and no CSV cell is a formula.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import HOSTILE, SESSION_HEAD, copy_paris, hostile_workspace, run_cli, write

from sieve.text import UNSAFE


def assert_safe(text: str, what: object) -> None:
    """Nothing of the rule raw, and the hostile newline never began a line."""
    found = UNSAFE.search(text)
    assert found is None, (what, repr(found.group()), text[max(0, found.start() - 60) :][:120])
    assert not any(line.startswith("FAKE") for line in text.splitlines()), (what, text[:2000])


def strings(data: object):
    """Every string in decoded JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def commands(session, tamis, shipped):
    return [
        ["check", session, tamis],
        ["rank", session],
        ["rank", session, "--format", "md"],
        ["explain", session, "carte-participative/kiosque"],
        ["explain", session, "accueil-mairies/maquette-accueil"],
        ["graph", session],
        ["graph", session, "--format", "dot"],
        ["graph", session, "--format", "mermaid"],
        ["plan", session],
        ["plan", session, "--calendar"],
        ["rank", session, "--robust", "--draws", "20"],
        ["compare", tamis, shipped / "criteria" / "transfo.toml"],
        ["diff", shipped / "sessions" / "paris.toml", session],
        ["diff", shipped / "criteria" / "transfo.toml", tamis],
    ]


@pytest.fixture
def hostile(tmp_path):
    session = hostile_workspace(tmp_path / "hostile")
    shipped = tmp_path / "shipped"
    copy_paris(shipped)
    return session, tmp_path / "hostile" / "criteria" / "transfo.toml", shipped


def test_the_workspace_holds_the_hostile_text(hostile):
    from conftest import loaded

    session = loaded(hostile[0])
    assert session.title.startswith(HOSTILE) and session.tamis.criteria[0].label.startswith(HOSTILE)
    assert all(n.startswith(HOSTILE) for notes in session.notes.values() for n in notes.values())


def test_no_text_output_lets_hostile_text_act_on_the_terminal(hostile, capsys):
    session, tamis, shipped = hostile
    for argv in commands(session, tamis, shipped):
        code, out, err = run_cli(capsys, *argv)
        assert code in (0, 1), (argv, err)
        assert_safe(out, argv)
        assert_safe(err, argv)
    assert "\\x1b]0;pwned\\x07 \\u202eevil\\u200b\\x9b2J FAKE line" in out  # shown, on its line


@pytest.mark.parametrize(
    "argv",
    [
        ["rank", "{session}", "--format", "json"],
        ["plan", "{session}", "--format", "json"],
        ["graph", "{session}", "--format", "json"],
        ["diff", "{shipped}", "{session}", "--format", "json"],
    ],
)
def test_json_escapes_the_hostile_text_and_reads_it_back(hostile, capsys, argv):
    session, _tamis, shipped = hostile
    argv = [a.format(session=session, shipped=shipped / "sessions" / "paris.toml") for a in argv]
    code, out, err = run_cli(capsys, *argv)
    assert code in (0, 1), err
    assert UNSAFE.search(out) is None and UNSAFE.search(err) is None
    data = json.loads(out)
    if "graph" in argv or "diff" in argv:  # the formats that carry free text
        assert any(HOSTILE in text for text in strings(data))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_xml_keeps_the_names_and_prints_nothing_raw(hostile, capsys, fmt):
    code, out, _err = run_cli(capsys, "graph", hostile[0], "--format", fmt)
    assert code == 0
    assert UNSAFE.search(out) is None
    texts = [v for e in ET.fromstring(out).iter() for v in (e.text or "", *e.attrib.values())]
    shown = HOSTILE.replace("\x1b", "\\x1b").replace("\x07", "\\x07")  # XML cannot hold those
    assert any(text.startswith(shown) for text in texts)


def test_journal_and_decide_show_a_hostile_rationale_visibly(hostile, capsys):
    session = hostile[0]
    code, out, err = run_cli(
        capsys, "decide", session, "--cases", "carte-participative/kiosque", "--rationale", HOSTILE
    )
    assert code == 0, err
    assert_safe(out + err, "decide")
    for argv in (["journal", session], ["journal", session, "--format", "json"]):
        code, out, err = run_cli(capsys, *argv)
        assert code == 0, err
        assert_safe(out + err, argv)
    assert json.loads(out)["decisions"][0]["rationale"] == HOSTILE


def test_compare_csv_neutralises_formulas_and_keeps_each_row_on_its_line(hostile, capsys):
    session, tamis, shipped = hostile
    code, out, _err = run_cli(
        capsys, "compare", tamis, shipped / "criteria" / "transfo.toml", "--format", "csv"
    )
    assert code == 0
    assert_safe(out, "compare csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == len(out.splitlines())  # no cell spans two lines
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + HOSTILE.split("\x1b")[0] + "\\x1b]0;pwned" in "".join(cells)


def test_rank_csv_has_no_formula_cell(capsys):
    """Its cells are ids, numbers and words: slugs cannot start a formula, checked anyway."""
    from conftest import PARIS

    code, out, _err = run_cli(capsys, "rank", PARIS, "--format", "csv")
    assert code == 0
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


# -- messages: the problems of sieve check, usage errors, argparse -----------------------


def test_check_messages_show_hostile_ids_keys_and_globs_visibly(workspace, capsys):
    body = """
    [[subject]]
    id = "a\\nFAKE\\u001b]0;id\\u0007\\u202e"
    title = "A"
    "\\u001b]0;key\\u0007\\u200b" = 1
    """
    head = SESSION_HEAD.replace(
        'tamis = "../criteria/t.toml"',
        'tamis = "../criteria/t.toml"\nscores = ["\\u001b]0;glob\\u0007*.toml"]',
    )
    path = workspace(body, head=head)
    code, _out, err = run_cli(capsys, "check", path)
    assert code == 2
    assert_safe(err, "check")
    assert '"a FAKE\\x1b]0;id\\x07\\u202e"' in err  # the id, on its line
    assert "\\x1b]0;key\\x07\\u200b" in err and "\\x1b]0;glob\\x07*.toml" in err


def test_a_file_name_with_control_characters_is_shown_visibly(tmp_path, capsys):
    bad = write(tmp_path / "x\x1b]0;name\x07\nFAKE.toml", "format = 1\n[tamis\n")
    code, out, err = run_cli(capsys, "check", bad)
    assert code == 2
    assert_safe(out + err, "check")
    assert "x\\x1b]0;name\\x07 FAKE.toml" in err


def test_usage_errors_and_argparse_show_hostile_arguments_visibly(capsys):
    from conftest import PARIS

    code, _out, err = run_cli(capsys, "explain", PARIS, "\x1b]0;case\x07\u202e")
    assert code == 2
    assert_safe(err, "explain")
    assert "\\x1b]0;case\\x07\\u202e" in err
    code, _out, err = run_cli(capsys, "rank", PARIS, "\x1b]0;extra\x07\u2066")
    assert code == 2
    assert_safe(err, "argparse")
    assert "\\x1b]0;extra\\x07\\u2066" in err
