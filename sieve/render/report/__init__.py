"""``sieve report``: one standalone file about a session, to mail, print or paste in a wiki.

HTML (the default) is one file with its style sheet and its drawings inline: no script,
nothing fetched from anywhere, an A4 print style that reads in black and white. Markdown
says the same. Both come from Jinja2 templates (``templates/``): HTML with autoescape on,
Markdown with every value escaped for Markdown (:func:`names.markdown`, as the
environment's ``finalize``), so that no text from the files is ever read as markup.

The same files give the same bytes: nothing depends on the clock, the machine or the
order of a set, and the digests of the files read close the report so that another city
can check it describes the same data.
"""

from __future__ import annotations

import functools
from pathlib import Path

from sieve.i18n import current, t
from sieve.model import Session
from sieve.render.report.names import Names, markdown, shown

FORMATS = ("html", "md")

TEMPLATES = Path(__file__).parent / "templates"

#: The headings and fixed words of the report (catalogue ``report.*``, keys ``report.`` + these).
LABELS = (
    "colon", "title", "generated", "contents", "h.session", "h.tamis", "h.ranking", "h.sifted",
    "h.disputes", "h.attention", "h.portfolio", "h.calendar", "h.decisions", "h.map",
    "h.explanations", "h.sources", "session.city", "session.date", "session.cases",
    "session.scorers", "session.col.name", "session.col.role", "session.col.given",
    "session.col.notes",  "tamis.origin", "tamis.indicators",
    "tamis.gate_mark", "ranking.col.rank", "ranking.col.case", "ranking.col.points",
    "ranking.col.flags", "ranking.incomplete", "ranking.none", "ranking.points_note",
    "sifted.none", "disputes.none", "disputes.col.what", "disputes.col.criterion",
    "disputes.col.spread", "disputes.col.levels", "attention.col.subject",
    "attention.col.level", "attention.col.indicators", "attention.flagged", "attention.first",
    "attention.over", "portfolio.col.order", "portfolio.col.case", "portfolio.col.points",
    "portfolio.col.rank", "portfolio.col.sessions", "portfolio.col.why",
    "portfolio.constraints", "portfolio.alternatives", "portfolio.no_alternative",
    "portfolio.left", "portfolio.infeasible", "calendar.col.session", "calendar.col.date",
    "calendar.col.days", "calendar.col.cases", "calendar.col.lab", "calendar.lab",
    "calendar.checks", "calendar.breach", "decisions.none", "decisions.present",
    "decisions.rationale", "decisions.col.case", "decisions.col.points", "decisions.col.rank",
    "decisions.col.vote",
    "decisions.col.flags", "decisions.col.disputed", "decisions.col.outcome",
    "decisions.reviewed", "decisions.compare", "map.vigilance", "map.no_vigilance",
    "map.others", "map.grid", "map.roles", "map.kinds", "map.forbidden", "map.warned",
    "map.empty", "map.alt", "map.relations", "case.gates", "case.scores",
    "case.col.share", "case.col.group", "case.col.points", "case.col.levels",
    "case.notes", "case.methods", "case.nobody", "case.disputed",
    "sources.intro", "sources.col.file", "sources.col.digest", "passed", "failed",
)  # fmt: skip


def render_report(session: Session, fmt: str = "html", lang: str | None = None) -> str:
    """The report of ``session`` as HTML or Markdown, in ``lang`` (default: the current one)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    lang = lang or current()
    page = build(session, lang)
    template = _environment(fmt).get_template(f"page.{fmt}.j2")
    return template.render(page)


def build(session: Session, lang: str) -> dict:
    """Everything the templates lay out, worded in ``lang``."""
    from sieve.engine.evaluate import evaluate
    from sieve.graph.analyse import analyse_session
    from sieve.plan.calendar import build_calendar
    from sieve.plan.instance import build_instance
    from sieve.plan.solve import solve_instance
    from sieve.render.report import content, people_map, planning
    from sieve.render.report.vote import vote_part

    names = Names(session, lang)
    evaluation = evaluate(session)
    inst = build_instance(session, evaluation)
    return {
        "lang": lang,
        "w": {name: t("report." + name, lang) for name in LABELS},
        "heading": t("report.heading", lang, title=shown(session.title), city=shown(session.city)),
        "version": _version(),
        "session": content.session_part(session, names),
        "tamis": content.tamis_part(session, evaluation, names),
        "ranking": content.ranking_part(evaluation, names),
        "sifted": content.sifted_part(evaluation, names),
        "explanations": content.explanations(evaluation, names),
        "disputes": content.disputes_part(evaluation, names),
        "attention": content.attention_part(evaluation, names),
        "portfolio": planning.portfolio_part(solve_instance(inst), names),
        "calendar": planning.calendar_part(session, build_calendar(session, inst=inst), names),
        "journal": planning.decisions_part(session, names),
        "vote": vote_part(evaluation, names),
        "map": people_map.map_part(session, analyse_session(session), names),
        "sources": sources(session),
    }


def sources(session: Session) -> list[dict]:
    """The files read, each with the SHA-256 of its bytes: the session, its tamis, its
    score files. Paths are relative to the workspace, so that the report is the same
    wherever the files are."""
    from sieve.locations import workspace_of

    root = workspace_of(session.path)
    files = [session.path, session.tamis.path, *session.score_files]
    out = []
    for path in dict.fromkeys(files):
        digest = session.digests.get(path) or (
            session.tamis.digest if path == session.tamis.path else ""
        )
        try:
            shown_path = path.resolve().relative_to(root).as_posix()
        except ValueError:
            shown_path = path.name
        out.append({"file": shown(shown_path), "digest": digest})
    return out


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sieve")
    except PackageNotFoundError:
        return "?"


@functools.cache
def _environment(fmt: str):
    """The Jinja2 environment of a format: HTML autoescaped, Markdown escaped for Markdown."""
    import jinja2

    options = {
        "loader": jinja2.FileSystemLoader(TEMPLATES),
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if fmt == "html":
        return jinja2.Environment(autoescape=True, **options)
    env = jinja2.Environment(autoescape=False, finalize=markdown, **options)
    env.filters["bar"] = text_bar
    return env


def text_bar(score: float, width: int = 20) -> str:
    """A score (0 to 1) as a bar of ``width`` characters: ``█`` reached, ``░`` left."""
    full = round(max(0.0, min(score, 1.0)) * width)
    return "█" * full + "░" * (width - full)
