"""The stakeholder map of the report: people laid out by networkx, the points of vigilance.

The layout is networkx's force-directed one (``spring_layout``) with a fixed seed, so
the same map gives the same drawing; coordinates are rounded to a tenth of a unit of
the drawing, which the template turns into inline SVG (no script, nothing fetched).
A role is told by the shape of its mark and a relation kind by its line, never by colour
alone, so that the map reads in black and white.
"""

from __future__ import annotations

from sieve.graph.results import QUADRANTS, Analysis
from sieve.graph.words import headline, names, reason
from sieve.i18n import t
from sieve.model import RELATION_KINDS, STAKEHOLDER_ROLES, Session
from sieve.render.report.names import Names, shown

#: The seed of the layout: the same map is always drawn the same way.
LAYOUT_SEED = 27
#: The drawing's size in SVG units, and the room kept around it for the names.
WIDTH, HEIGHT = 640.0, 520.0
MARGIN_X, MARGIN_Y = 70.0, 28.0
#: The row along the bottom for the people outside the largest group.
ROW_HEIGHT = 60.0
#: Longer names are shortened on the map (the list beside it gives them whole).
LABEL_CHARS = 24
#: The width of a character of a name on the map, about (SVG units, 10-unit type).
CHAR_WIDTH = 5.6

#: The mark of each role: (shape, filled). Shapes: circle, square, diamond, triangle.
ROLE_MARKS = {
    "resident": ("square", True),
    "coordinator": ("square", False),
    "referent": ("diamond", True),
    "ambassador": ("circle", True),
    "relay": ("circle", False),
    "elected": ("triangle", True),
    "manager": ("triangle", False),
    "union": ("diamond", False),
    "service": ("circle", False),
    "funder": ("square", False),
    "partner": ("diamond", False),
}


def layout(
    session: Session, people: dict | None = None, relations: tuple | None = None
) -> dict[str, tuple[float, float]]:
    """Person id -> (x, y) in the drawing, laid out by networkx with a fixed seed.

    The largest group of connected people takes the drawing's upper part (a spring
    layout, refined by Kamada-Kawai from there); smaller groups and people without any
    tie stand in a row along the bottom, so that they do not squeeze the rest.
    """
    import networkx as nx

    people = session.people if people is None else people
    graph = nx.Graph()
    graph.add_nodes_from(people)
    for r in session.relations if relations is None else relations:
        if r.source in people and r.target in people and r.source != r.target:
            graph.add_edge(r.source, r.target)
    if not people:
        return {}
    order = {ident: i for i, ident in enumerate(people)}
    parts = sorted(
        (sorted(part, key=order.__getitem__) for part in nx.connected_components(graph)),
        key=lambda part: (-len(part), order[part[0]]),
    )
    main, rest = parts[0], [p for part in parts[1:] for p in part]
    bottom = HEIGHT - MARGIN_Y
    top_height = (HEIGHT - 2 * MARGIN_Y - ROW_HEIGHT) if rest else (HEIGHT - 2 * MARGIN_Y)
    out = _spread(
        nx,
        graph.subgraph(main),
        main,
        (MARGIN_X, MARGIN_Y, WIDTH - MARGIN_X, MARGIN_Y + top_height),
    )
    if rest:
        step = (WIDTH - 2 * MARGIN_X) / max(len(rest) - 1, 1)
        for i, ident in enumerate(rest):
            x = MARGIN_X + i * step if len(rest) > 1 else WIDTH / 2
            out[ident] = (round(x, 1), round(bottom - 10, 1))
    return out


def _spread(nx, graph, nodes: list[str], box: tuple[float, float, float, float]):
    """The nodes of one connected group laid out inside ``box`` (left, top, right, bottom)."""
    left, top, right, bottom = box
    if len(nodes) == 1:
        return {nodes[0]: (round((left + right) / 2, 1), round((top + bottom) / 2, 1))}
    start = nx.spring_layout(graph, seed=LAYOUT_SEED, iterations=200)
    raw = nx.kamada_kawai_layout(graph, pos=start)
    xs = [float(raw[n][0]) for n in nodes]
    ys = [float(raw[n][1]) for n in nodes]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        n: (
            round(left + (float(raw[n][0]) - min(xs)) / span_x * (right - left), 1),
            round(top + (float(raw[n][1]) - min(ys)) / span_y * (bottom - top), 1),
        )
        for n in nodes
    }


def mark(shape: str, x: float, y: float, r: float) -> dict:
    """The geometry of a person's mark centred on (x, y), ``r`` its half-size."""
    if shape == "square":
        return {"shape": "rect", "x": round(x - r, 1), "y": round(y - r, 1), "size": 2 * r}
    if shape == "diamond":
        d = r * 1.3
        corners = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
    elif shape == "triangle":
        corners = [(x, y - r * 1.3), (x + r * 1.2, y + r * 0.8), (x - r * 1.2, y + r * 0.8)]
    else:
        return {"shape": "circle", "cx": x, "cy": y, "r": r}
    return {"shape": "polygon", "points": " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)}


def _label_x(x: float, label: str) -> float:
    """Where a name centred under its mark stays inside the drawing (its width estimated)."""
    half = len(label) * CHAR_WIDTH / 2 + 2
    return round(min(max(x, half), WIDTH - half), 1)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def map_part(session: Session, analysis: Analysis, names_: Names) -> dict:
    """The drawing (nodes, edges, legend) and the findings listed beside it."""
    lang = names_.lang
    # the map as analysed: on a dated map, whoever and whatever holds at its date
    people, relations = analysis.people, analysis.relations
    where = layout(session, people, relations)
    warned = {p for f in analysis.warnings for p in f.people}
    nodes = []
    for ident, person in people.items():
        x, y = where[ident]
        shape, filled = ROLE_MARKS.get(person.role, ("circle", False))
        name = names_.person(ident)
        label = _short(name)
        nodes.append(
            {
                "x": x,
                "y": y,
                "mark": mark(shape, x, y, 6),
                "filled": filled,
                "label": label,
                "label_x": _label_x(x, label),
                "label_y": round(y + 18 if y < HEIGHT - MARGIN_Y - 4 else y - 12, 1),
                "title": ", ".join(
                    part for part in (name, names_.role(person.role), shown(person.org)) if part
                ),
                "warned": ident in warned,
            }
        )
    forbidden = {tuple(f.people[:2]) for f in analysis.of("forbidden_hierarchy")}
    edges = []
    for r in relations:
        if r.source not in where or r.target not in where or r.source == r.target:
            continue
        (x1, y1), (x2, y2) = where[r.source], where[r.target]
        edges.append(
            {
                "x1": x1,
                "y1": y1,
                "x2": x2,
                "y2": y2,
                "kind": r.kind if r.kind in RELATION_KINDS else "other",
                "forbidden": (r.source, r.target) in forbidden,
                "title": t(
                    "report.map.edge",
                    lang,
                    source=names_.person(r.source),
                    kind=t(f"graph.relation.{r.kind}", lang)
                    if r.kind in RELATION_KINDS
                    else shown(r.kind),
                    target=names_.person(r.target),
                ),
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "nodes": nodes,
        "edges": edges,
        "roles": _roles_legend(people, lang),
        "kinds": [
            {"kind": k, "label": t(f"graph.relation.{k}", lang)}
            for k in RELATION_KINDS
            if any(r.kind == k for r in relations)
        ],
        "summary": t(
            "graph.report.summary",
            lang,
            people=len(people),
            relations=len(relations),
            groups=len(analysis.communities),
        ),
        "warnings": [_finding(f, analysis, lang) for f in analysis.warnings],
        "infos": [_finding(f, analysis, lang) for f in analysis.findings if not f.is_warning],
        "quadrants": _quadrants(analysis, lang),
    }


def _roles_legend(people: dict, lang: str) -> list[dict]:
    """The roles on the map, in the vocabulary's order, with their marks."""
    present = {p.role for p in people.values()}
    return [
        {
            "mark": mark(ROLE_MARKS[role][0], 8, 8, 5),
            "filled": ROLE_MARKS[role][1],
            "label": t(f"graph.role.{role}", lang),
        }
        for role in STAKEHOLDER_ROLES
        if role in present
    ]


def _finding(finding, analysis: Analysis, lang: str) -> dict:
    return {
        "headline": headline(finding, lang),
        "reason": shown(reason(finding, analysis.people, lang)),
    }


def _quadrants(analysis: Analysis, lang: str) -> list[dict]:
    """The power-interest grid: who to manage closely, keep satisfied, informed, monitor."""
    return [
        {
            "label": t(f"graph.quadrant.{q}", lang),
            "why": t(f"graph.quadrant.{q}.why", lang),
            "names": shown(names(analysis.people, analysis.quadrants[q], lang, 60))
            or t("graph.report.nobody", lang),
        }
        for q in QUADRANTS
    ]
