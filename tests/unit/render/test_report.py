"""``sieve report``: one standalone HTML page (or Markdown) about a session.

The page parses; nothing in it is fetched or run; text from the files shows as text;
the ranking is ``sieve rank``'s; the same files give the same bytes; the digests at the
end are the files'. The snapshots (``__snapshots__/test_report/``) are the reports of the
shipped sessions: after a deliberate change, ``pytest tests/unit/render --snapshot-update``
and read the difference.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIVE_CASES, PROJECT, copy_shipped, loaded, run_cli
from report_helpers import IMG, SCRIPT, STYLE_END, TEMPLATE, Page, write_hostile
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from sieve.render.report import TEMPLATES, render_report
from sieve.render.report.names import markdown

SHIPPED = ["paris", "mulhouse"]


class HTMLSnapshot(SingleFileSnapshotExtension):
    _file_extension = "html"
    _write_mode = WriteMode.TEXT


class MarkdownSnapshot(SingleFileSnapshotExtension):
    _file_extension = "md"
    _write_mode = WriteMode.TEXT


def report(path: Path, fmt: str = "html", lang: str = "fr") -> str:
    return render_report(loaded(path), fmt, lang)


def shipped(name: str) -> Path:
    return PROJECT / "sessions" / f"{name}.toml"


# -- the page ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", SHIPPED)
def test_the_page_parses_strictly_with_one_head_one_body_and_its_language(name, lang):
    html = report(shipped(name), lang=lang)
    page = Page(html)
    assert page.errors == []
    assert html.startswith("<!DOCTYPE html>\n")
    assert [t for t, _ in page.tags].count("body") == 1
    assert page.named("html") == [{"lang": lang}]
    assert page.named("meta")[0] == {"charset": "utf-8"}
    assert len(page.named("style")) == 1
    assert "".join(page.style).strip() == (TEMPLATES / "report.css").read_text().strip()


@pytest.mark.parametrize("name", SHIPPED)
def test_nothing_is_fetched_and_nothing_runs(name):
    html = report(shipped(name))
    page = Page(html)
    assert "http://" not in html and "https://" not in html
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "image", "use"}
    for _tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], attrs
        for name_ in ("href", "src", "xlink:href", "action"):
            assert attrs.get(name_) is None or attrs[name_].startswith("#"), attrs
    urls = re.findall(r"url\(([^)]*)\)", html)
    assert urls and all(u.startswith("#") for u in urls)  # the map's arrowheads, in the page
    assert "@import" not in html and "@font-face" not in html
    anchors = {a["id"] for a in (attrs for _t, attrs in page.tags) if "id" in a}
    for attrs in page.named("a"):
        assert attrs["href"][1:] in anchors, attrs  # every link leads inside the page


def test_the_map_is_inline_svg_with_one_mark_per_person_and_one_line_per_relation():
    from sieve.timeline import session_map

    session = loaded(shipped("mulhouse"))
    page = Page(render_report(session, "html", "fr"))
    drawings = [a for a in page.named("svg") if a.get("class") == "people"]
    assert len(drawings) == 1
    # the map as it stands after every dated entry: whoever left is not drawn
    now, holding = session_map(session)
    assert len(now) < len(session.people)
    people = [a for a in page.named("g") if a.get("class") == "person"]
    assert len(people) == len(now)
    edges = [a for a in page.named("line") if "marker-end" in a]  # the legend's have none
    assert len(edges) == len(holding)
    forbidden = [a for a in edges if "forbidden" in a["class"]]
    assert len(forbidden) == 1  # the DGS over the coordinator of La 27e Région
    assert "Directeur général des services" in page.visible  # the finding beside it


def test_the_map_is_laid_out_the_same_way_each_time():
    from sieve.render.report.people_map import layout

    session = loaded(shipped("paris"))
    first = layout(session)
    assert first == layout(session)
    assert set(first) == set(session.people)
    xs = [x for x, _ in first.values()]
    assert len(set(first.values())) == len(first)  # nobody on top of anybody
    assert min(xs) >= 0 and max(xs) <= 640


# -- text from the files is text ----------------------------------------------------------


def test_markup_and_template_syntax_in_the_files_show_as_text_in_the_page(workspace):
    html = report(write_hostile(workspace))
    page = Page(html)
    assert page.errors == []
    tags = [t for t, _ in page.tags]
    assert "img" not in tags and "script" not in tags and "b" not in tags
    assert tags.count("style") == 1 and tags.count("svg") > 1
    assert [a for _t, attrs in page.tags for a in attrs if a.startswith("on")] == []
    visible = page.visible
    for text in (IMG, SCRIPT, STYLE_END, TEMPLATE, "Q</svg><svg onload=alert(1)>"):
        assert text in visible, text
    assert "49" not in visible and "{{ 7*7 }}" in visible
    # a control character or a reversal of the line shows as an escape, never acts
    assert "\x1b" not in html and "\u202e" not in html
    assert "\\x1b[2J" in visible and "\\u202e" in visible


def test_markup_in_the_files_shows_as_text_in_the_markdown_too(workspace):
    from markdown_it import MarkdownIt

    text = report(write_hostile(workspace), "md")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    page = Page(html)
    tags = {t for t, _ in page.tags}
    assert not tags & {"img", "script", "style", "svg", "b"}
    for hostile in (IMG, SCRIPT, STYLE_END, TEMPLATE):
        assert hostile in page.visible, hostile


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("<img src=x>", "&lt;img src=x&gt;"),
        ("a|b", "a\\|b"),
        ("*x* _y_ `z` [l](u)", "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u)"),
        ("- item", "\\- item"),
        ("1. first", "1\\. first"),
        ("# title", "\\# title"),
        ("1.5 et 0,75", "1.5 et 0,75"),
    ],
)
def test_markdown_escapes_what_markdown_would_read(value, written):
    assert markdown(value) == written


def test_the_markdown_says_what_the_page_says():
    from markdown_it import MarkdownIt

    session = loaded(shipped("paris"))
    html, md = render_report(session, "html", "fr"), render_report(session, "md", "fr")
    from_md = Page(MarkdownIt("commonmark").enable("table").render(md)).visible
    headings = re.findall(r'<section id="[a-z]+">\n<h2>([^<]*)</h2>', html)
    assert len(headings) == 12
    for heading in headings:
        assert heading.replace("&#39;", "'") in from_md
    for r in [a["data-case"] for a in Page(html).named("tr") if a.get("data-case")]:
        title = session.case(r).angle.title
        assert title in from_md


# -- what it says ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_the_ranking_order_is_sieve_ranks(name, capsys):
    code, out, _err = run_cli(capsys, "rank", shipped(name), "--format", "json")
    assert code == 0
    expected = [c["case"] for c in json.loads(out)["cases"]]
    page = Page(report(shipped(name)))
    rows = [a["data-case"] for a in page.named("tr") if a.get("data-case")]
    assert rows == expected
    cases = [a["data-case"] for a in page.named("article") if a.get("data-case")]
    assert cases == expected  # each case explained, in the same order


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_titles_not_ids_wherever_a_person_reads(lang):
    session = loaded(shipped("paris"))
    visible = Page(render_report(session, "html", lang)).visible
    visible = visible[: visible.rindex("SHA-256")]  # the file names of the digests aside
    for case in session.cases:
        assert case.key not in visible
        assert case.angle.title in visible
    for ident in ("besoin-usagers", "tenable-sessions", "attente-elu", "agnes", "nadege"):
        assert ident not in visible
    assert "Prototyper un kiosque citoyen d'arrondissement" in visible


def test_the_digests_at_the_end_are_those_of_the_files_read():
    session = loaded(shipped("paris"))
    page = Page(render_report(session, "html", "fr"))
    cells = [d for stack, d in page.where if stack[-1:] == ("td",)]
    files = [session.path, session.tamis.path, *session.score_files]
    assert len(files) == 9
    for path in files:
        name = path.resolve().relative_to(PROJECT).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert cells[cells.index(name) + 1] == digest


def test_a_decision_its_rationale_and_its_review_are_in_the_report(shipped, capsys):
    session = shipped / "sessions" / "paris.toml"
    cases = ["carte-participative/kiosque", "echange-local/trocateur"]
    argv = ["decide", session, "--cases", *cases, "--rationale", "Démonstratif\nsans <b>trop</b>"]
    assert run_cli(capsys, *argv, "--present", "agnes", "--date", "2017-01-25")[0] == 0
    decision = loaded(session).decisions[0].id
    review = ["review", session, decision, cases[0], "--level", "3", "--note", "Réussi."]
    assert run_cli(capsys, *review, "--date", "2017-06-12")[0] == 0
    html = report(session)
    visible = Page(html).visible
    assert "Démonstratif\nsans <b>trop</b>" in visible  # its lines kept, its markup text
    assert "2017-01-25" in visible and "revu le 2017-06-12" in visible
    assert "3/3 au-delà des attentes" in visible and "Réussi." in visible
    assert "Agnès" in visible[visible.index("Présents") :]
    assert "Aucune décision" not in visible


def test_a_calendar_breach_and_an_impossible_portfolio_are_named(workspace):
    breach = report(workspace(FIVE_CASES + "\n[portfolio]\nlab_start = 8\n"))
    visible = Page(breach).visible
    assert "✘" in visible and re.search(r"\b1 écart au protocole|\d+ écarts au protocole", visible)
    assert re.search(r'<li class="breach">.*séance 8', breach)
    impossible = Page(report(workspace(FIVE_CASES + "\n[portfolio]\nmin_cases = 6\n"))).visible
    assert "Aucun portefeuille ne respecte toutes les contraintes." in impossible
    assert "au moins 6 cas" in impossible


def test_an_empty_session_has_a_report_that_says_so(workspace):
    visible = Page(report(workspace(""))).visible
    assert "Aucun cas ne passe les portes du tamis." in visible
    assert "La session n'a pas de carte des parties prenantes." in visible


def test_the_report_speaks_english_with_lang_en():
    visible = Page(report(shipped("mulhouse"), lang="en")).visible
    assert "The ranking" in visible and "Points of vigilance" in visible
    assert "Le classement" not in visible


# -- the same bytes ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_same_files_give_the_same_bytes_whatever_the_run(fmt, tmp_path):
    copy_shipped(tmp_path)
    outputs = []
    for seed in ("1", "2"):  # another hash seed: no set order may show through
        target = tmp_path / f"out-{seed}.{fmt}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "LANG": "C.UTF-8"}
        cmd = [sys.executable, "-m", "sieve", "report", "sessions/paris.toml", "--out", target]
        run = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, timeout=120)
        assert run.returncode == 0, run.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == report(PROJECT / "sessions" / "paris.toml", fmt).encode()
    assert b"2016-11-15" in outputs[0]  # the session's own date, and no clock time


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("name", SHIPPED)
def test_the_reports_of_the_shipped_sessions(name, fmt, snapshot):
    extension = HTMLSnapshot if fmt == "html" else MarkdownSnapshot
    assert report(shipped(name), fmt) == snapshot(extension_class=extension)


# -- the command ---------------------------------------------------------------------------


def test_sieve_report_prints_html_or_writes_the_file_asked(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "report", shipped("mulhouse"))
    assert code == 0 and out == report(shipped("mulhouse"))
    target = tmp_path / "rapport.md"
    code, out, _ = run_cli(capsys, "report", shipped("mulhouse"), "--out", target, "--lang", "en")
    assert code == 0 and out == f"report written: {target}\n"
    assert target.read_text(encoding="utf-8") == report(shipped("mulhouse"), "md", "en")
    code, _, _ = run_cli(capsys, "report", shipped("mulhouse"), "--out", target, "--format", "html")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_sieve_report_refuses_bad_input_with_a_worded_message(tmp_path, capsys, workspace):
    code, out, err = run_cli(capsys, "report", shipped("paris"), "--out", tmp_path / "no" / "x")
    assert code == 2 and out == "" and "dossier introuvable" in err
    code, _, err = run_cli(capsys, "report", shipped("paris"), "--format", "pdf")
    assert code == 2 and "pdf" in err
    bad = workspace('[[subject]]\nid = "a"\ntitle = 3\n')
    code, out, err = run_cli(capsys, "report", bad)
    assert code == 2 and out == "" and "s.toml:" in err and "Traceback" not in err
