"""The stakeholder map for people and for other tools: a text report and five exports.

- text: the analyses, worded for a steering meeting (:func:`render_text`);
- JSON: people with their measures, relations, communities, quadrants, findings;
- GraphML and GEXF (Gephi): through networkx, every attribute kept;
- DOT (Graphviz) and Mermaid (Markdown docs): written here, with their own escaping,
  so no extra library is needed.

Names come from files: they are data. The characters of the one rule (control, bidi,
invisible: :mod:`sieve.text`) become visible escapes in every text format
(:func:`sieve.text.literal`), JSON escapes in JSON and character references in GraphML
and GEXF (networkx writes them; a reader gets the same value), and each format's
special characters are escaped, so that no name can break the file or act on a terminal.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from typing import TYPE_CHECKING, Any

from sieve.graph.analyse import build_graph
from sieve.graph.results import QUADRANTS, Analysis, Finding
from sieve.graph.words import headline, names, reason
from sieve.text import json_text, literal

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("text", "json", "graphml", "gexf", "dot", "mermaid")

#: At most this many names per line of the grid and of the communities in the report.
LIST_SHOWN = 30

# Characters XML 1.0 does not allow, even escaped.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def export(analysis: Analysis, fmt: str, lang: str | None = None) -> str:
    """The analysis in one of :data:`FORMATS`."""
    if fmt == "text":
        return render_text(analysis, lang)
    if fmt == "json":
        return to_json(analysis, lang)
    if fmt == "graphml":
        return to_graphml(analysis)
    if fmt == "gexf":
        return to_gexf(analysis)
    if fmt == "dot":
        return to_dot(analysis, lang)
    if fmt == "mermaid":
        return to_mermaid(analysis, lang)
    raise ValueError(fmt)


# -- text -------------------------------------------------------------------------------


def render_text(analysis: Analysis, lang: str | None = None, width: int | None = None) -> str:
    """The analyses as a report: warnings, pivots and brokers, the grid, the groups."""
    from sieve.i18n import t

    width = width or min(shutil.get_terminal_size((100, 24)).columns, 100)
    people = analysis.people
    out: list[str] = []

    def para(text: str, first: str = "  ", rest: str = "    ") -> None:
        out.extend(
            textwrap.wrap(literal(text), width, initial_indent=first, subsequent_indent=rest)
            or [first.rstrip()]
        )

    out.append(literal(t("graph.report.title", lang=lang, title=analysis.title)))
    if analysis.at is not None:
        out.append(t("time.report.at", lang=lang, date=analysis.at.isoformat()))
    if not people:
        out.append(t("graph.report.empty", lang=lang))
        return "\n".join(out) + "\n"
    out.append(
        t(
            "graph.report.summary",
            lang=lang,
            people=len(people),
            relations=len(analysis.relations),
            groups=len(analysis.communities),
        )
    )
    if analysis.sample is not None:
        para(
            t("graph.report.sampled", lang=lang, sample=analysis.sample, people=len(people)),
            first="",
            rest="",
        )

    warnings = analysis.warnings
    out += ["", t("graph.report.warnings", lang=lang, count=len(warnings))]
    if not warnings:
        out.append("  " + t("graph.report.no_warnings", lang=lang))
    for finding in warnings:
        para(_line(finding, people, lang), first="  ! ")
    infos = [f for f in analysis.findings if not f.is_warning]
    out += ["", t("graph.report.pivots", lang=lang)]
    if not infos:
        out.append("  " + t("graph.report.no_pivots", lang=lang))
    for finding in infos:
        para(_line(finding, people, lang), first="  - ")

    rules = analysis.rules
    out += [
        "",
        t("graph.report.grid", lang=lang, power=rules.high_power, interest=rules.high_interest),
    ]
    for quadrant in QUADRANTS:
        members = analysis.quadrants[quadrant]
        label = t(f"graph.quadrant.{quadrant}", lang=lang)
        why = t(f"graph.quadrant.{quadrant}.why", lang=lang)
        listed = names(people, members, lang, LIST_SHOWN) or t("graph.report.nobody", lang=lang)
        para(t("graph.report.quadrant", lang=lang, label=label, why=why, names=listed))

    out += ["", t("graph.report.communities", lang=lang)]
    for i, group in enumerate(analysis.communities, 1):
        para(
            t(
                "graph.report.group",
                lang=lang,
                index=i,
                members=names(people, group, lang, LIST_SHOWN),
                count=len(group),
            )
        )
    return "\n".join(out) + "\n"


def _line(finding: Finding, people: dict, lang: str | None) -> str:
    from sieve.i18n import t

    return t(
        "graph.report.finding",
        lang=lang,
        headline=headline(finding, lang),
        reason=reason(finding, people, lang),
    )


# -- JSON -------------------------------------------------------------------------------


def to_json(analysis: Analysis, lang: str | None = None) -> str:
    """People with their measures, relations, groups, the grid and the findings."""
    from sieve import FORMAT_VERSION

    forbidden = {tuple(f.people) for f in analysis.of("forbidden_hierarchy")}
    people = []
    for ident, person in analysis.people.items():
        m = analysis.metrics[ident]
        people.append(
            {
                "id": ident,
                "name": person.name,
                "role": person.role,
                "org": person.org,
                "power": person.power,
                "interest": person.interest,
                "quadrant": m.quadrant,
                "community": m.community,
                "ties": m.ties,
                "relations_out": m.relations_out,
                "relations_in": m.relations_in,
                "betweenness": m.betweenness,
                "constraint": m.constraint,
                "effective_size": m.effective_size,
                **_span(person),
            }
        )
    doc = {
        "format": FORMAT_VERSION,
        "session": analysis.session_id,
        "title": analysis.title,
        "betweenness_sample": analysis.sample,
        "stakeholders": people,
        "relations": [
            {
                "from": r.source,
                "to": r.target,
                "kind": r.kind,
                "weight": r.weight,
                "forbidden": (r.source, r.target) in forbidden and r.kind == "hierarchy",
                **_span(r),
            }
            for r in analysis.relations
        ],
        "communities": [list(group) for group in analysis.communities],
        "quadrants": {q: list(members) for q, members in analysis.quadrants.items()},
        "findings": [
            {
                "kind": f.kind,
                "severity": f.severity,
                "people": list(f.people),
                "params": f.params,
                "message": reason(f, analysis.people, lang),
            }
            for f in analysis.findings
        ],
    }
    if analysis.at is not None:
        doc["at"] = analysis.at.isoformat()
    if analysis.history is not None:
        doc.update(dated_entries(analysis))
    return json_text(doc) + "\n"


def _span(record: Any) -> dict[str, str]:
    """``since`` and ``until`` of a person or a relation, as ISO dates, when it has them."""
    out = {}
    for key in ("since", "until"):
        day = getattr(record, key, None)
        if day is not None:
            out[key] = day.isoformat()
    return out


def dated_entries(analysis: Analysis) -> dict[str, Any]:
    """The dated map whole, as JSON: every person and relation ever, assessments, stances."""
    history = analysis.history
    assert history is not None
    return {
        "timeline": {
            "stakeholders": [
                {"id": p.id, "role": p.role, "power": p.power, "interest": p.interest, **_span(p)}
                for p in history.people.values()
            ],
            "relations": [
                {"from": r.source, "to": r.target, "kind": r.kind, "weight": r.weight, **_span(r)}
                for r in history.relations
            ],
        },
        "assessments": [
            {
                "stakeholder": a.stakeholder,
                "date": a.date.isoformat(),
                **{
                    k: v
                    for k, v in (("role", a.role), ("power", a.power), ("interest", a.interest))
                    if v is not None
                },
                **({"note": a.note} if a.note else {}),
            }
            for a in history.assessments
        ],
        "stances": [
            {
                "stakeholder": s.stakeholder,
                "subject": s.subject,
                "position": s.position,
                **({"date": s.date.isoformat()} if s.date is not None else {}),
                **({"note": s.note} if s.note else {}),
            }
            for s in history.stances
        ],
    }


# -- GraphML and GEXF -------------------------------------------------------------------


def xml_safe(text: str) -> str:
    """Text XML 1.0 can hold: forbidden control characters shown as ``\\xNN``."""
    return _XML_INVALID.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def export_graph(analysis: Analysis, timeline: bool = False) -> nx.MultiDiGraph:
    """The graph as exported to GraphML and GEXF: every attribute, ``label`` = the name.

    With ``timeline`` on a dated map (GEXF, for Gephi's timeline), every person and
    relation ever is there, with ``start`` and ``end`` (ISO dates, both included) where
    it has them; the measures are those of the analysed date, for whoever is on the map then.
    """
    if timeline and analysis.history is not None:
        graph = _timeline_graph(analysis)
    else:
        graph = build_graph(analysis.people, analysis.relations, analysis)
    for _node, data in graph.nodes(data=True):
        for key, value in list(data.items()):
            if isinstance(value, str):
                data[key] = xml_safe(value)
        data["label"] = data["name"]
    graph.graph["name"] = xml_safe(analysis.title)
    return graph


def to_graphml(analysis: Analysis) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(export_graph(analysis))) + "\n"


def to_gexf(analysis: Analysis) -> str:
    import networkx as nx

    return "\n".join(nx.generate_gexf(export_graph(analysis, timeline=True))) + "\n"


def _timeline_graph(analysis: Analysis) -> nx.MultiDiGraph:
    """Every person and relation of the dated map, with ``start``/``end`` where dated."""
    history = analysis.history
    assert history is not None
    now = build_graph(analysis.people, analysis.relations, analysis)
    import networkx as nx

    graph = nx.MultiDiGraph()
    for ident, person in history.people.items():
        attrs: dict[str, Any] = (
            dict(now.nodes[ident])
            if ident in now
            else {
                "name": person.name,
                "role": person.role,
                "org": person.org,
                "power": person.power,
                "interest": person.interest,
            }
        )
        if person.since is not None:
            attrs["start"] = person.since.isoformat()
        if person.until is not None:
            attrs["end"] = person.until.isoformat()
        graph.add_node(ident, **attrs)
    for r in history.relations:
        attrs = {"kind": r.kind, "weight": r.weight}
        if now.has_edge(r.source, r.target, key=r.kind):
            attrs.update(now.edges[r.source, r.target, r.kind])
        if r.since is not None:
            attrs["start"] = r.since.isoformat()
        if r.until is not None:
            attrs["end"] = r.until.isoformat()
        graph.add_edge(r.source, r.target, key=r.kind, **attrs)
    return graph


# -- DOT --------------------------------------------------------------------------------


def dot_quote(text: str) -> str:
    """A DOT quoted string that reads back as ``text`` in a label.

    Inside DOT quotes only ``\\"`` is an escape for the parser, but a backslash just
    before the closing quote would swallow it, and label text gives ``\\n``, ``\\l``,
    ``\\N``... a meaning: so backslashes are doubled, quotes escaped, line breaks made
    ``\\n`` and other control characters shown as ``\\xNN`` (doubled too).
    """
    text = literal(text.replace("\r\n", "\n"), one_line=False)
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\n", "\\n").replace("\t", " ")
    return f'"{text}"'


def _dot_attrs(attrs: dict[str, Any]) -> str:
    return ", ".join(f"{key}={dot_quote(str(value))}" for key, value in attrs.items())


def to_dot(analysis: Analysis, lang: str | None = None) -> str:
    """Graphviz DOT: one node per person (name and role as label), one edge per relation."""
    from sieve.i18n import t

    graph = build_graph(analysis.people, analysis.relations, analysis)
    lines = [f"digraph {dot_quote(analysis.session_id or 'stakeholders')} {{"]
    lines.append(
        "  graph ["
        + _dot_attrs({"label": analysis.title, "labelloc": "t", "charset": "UTF-8"})
        + "];"
    )
    lines.append('  node [shape="box", style="rounded"];')
    for node, data in graph.nodes(data=True):
        role = t(f"graph.role.{data['role']}", lang=lang)
        attrs = {"label": f"{data['name']}\n{role}", **data}
        lines.append(f"  {dot_quote(node)} [{_dot_attrs(attrs)}];")
    for u, v, data in graph.edges(data=True):
        attrs = {"label": t(f"graph.relation.{data['kind']}", lang=lang), **data}
        if data.get("forbidden"):
            attrs.update(color="red", fontcolor="red", penwidth=2)
        lines.append(f"  {dot_quote(u)} -> {dot_quote(v)} [{_dot_attrs(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- Mermaid ----------------------------------------------------------------------------

_MERMAID_ENTITIES = {
    "&": "#amp;",
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
}


def mermaid_id(ident: str) -> str:
    """A Mermaid node id for a stakeholder id: ``s_`` + the slug, ``-`` made ``_``.

    Slugs never hold ``_``, so ids stay distinct; the prefix keeps words Mermaid
    reserves (``end``, ``graph``...) from being ids.
    """
    return "s_" + re.sub(r"[^A-Za-z0-9_]", "_", ident)


def mermaid_text(text: str) -> str:
    """Label text for inside ``["..."]``: Mermaid's entity codes for special characters."""
    text = literal(text)
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in text)


def to_mermaid(analysis: Analysis, lang: str | None = None) -> str:
    """A Mermaid flowchart: people with name and role, relations labelled by kind.

    Forbidden hierarchies are drawn red; people with a warning get a red border.
    """
    from sieve.i18n import t

    lines = ["flowchart LR", f"  %% {mermaid_text(analysis.title)}"]
    warned = {p for f in analysis.warnings for p in f.people[:1]}
    for ident, person in analysis.people.items():
        role = t(f"graph.role.{person.role}", lang=lang)
        label = f"{mermaid_text(person.name)}<br/>{mermaid_text(role)}"
        lines.append(f'  {mermaid_id(ident)}["{label}"]')
    forbidden = {tuple(f.people) for f in analysis.of("forbidden_hierarchy")}
    red = []
    for i, r in enumerate(analysis.relations):
        kind = mermaid_text(t(f"graph.relation.{r.kind}", lang=lang))
        arrow = "-.->" if r.kind == "hierarchy" else "-->"
        lines.append(f'  {mermaid_id(r.source)} {arrow}|"{kind}"| {mermaid_id(r.target)}')
        if r.kind == "hierarchy" and (r.source, r.target) in forbidden:
            red.append(str(i))
    if red:
        lines.append(f"  linkStyle {','.join(red)} stroke:#c00,stroke-width:3px")
    if warned:
        lines.append("  classDef warning stroke:#c00,stroke-width:3px")
        ids = ",".join(mermaid_id(p) for p in analysis.people if p in warned)
        lines.append(f"  class {ids} warning")
    return "\n".join(lines) + "\n"
