"""The stakeholder map drawn as text: Mendelow's power-interest grid and one person's ties.

Pure renderings of an :class:`~sieve.graph.results.Analysis` into Rich ``Text``, shown by
the stakeholders screen; file text goes through :func:`sieve.app.text.plain`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from sieve.app.text import clip, plain
from sieve.i18n import number, percent, t

if TYPE_CHECKING:
    from sieve.graph.results import Analysis


#: Quadrants in the grid, by (high power?, high interest?).
GRID = {
    (True, False): "keep_satisfied",
    (True, True): "manage_closely",
    (False, False): "monitor",
    (False, True): "keep_informed",
}


def grid_text(analysis: Analysis, width: int, height: int) -> Text:
    """Mendelow's grid as box drawing: power up, interest right, names in their quadrant.

    Names are clipped to the cell; a quadrant with more names than lines ends with
    ``+N``.
    """
    width = max(width, 24)
    height = max(height, 9)
    cell_w = (width - 3) // 2
    cell_h = (height - 4) // 2
    out = Text(end="")
    power = t("graph.axis.power")
    interest = t("graph.axis.interest")
    out.append(f"↑ {power}\n", style="bold")

    def cell(quadrant: str) -> list[Text]:
        members = analysis.quadrants[quadrant]
        lines = [Text(clip(t(f"graph.quadrant.{quadrant}"), cell_w), style="bold")]
        room = cell_h - 1
        shown = members if len(members) <= room else members[: max(room - 1, 0)]
        for ident in shown:
            lines.append(plain(clip(analysis.people[ident].name, cell_w)))
        if len(shown) < len(members):
            lines.append(Text(f"+{len(members) - len(shown)}", style="dim"))
        while len(lines) < cell_h:
            lines.append(Text(""))
        return lines

    def border(left: str, middle: str, right: str) -> None:
        out.append(left + "─" * cell_w + middle + "─" * cell_w + right + "\n", style="dim")

    border("┌", "┬", "┐")
    for high_power in (True, False):
        left = cell(GRID[(high_power, False)])
        right = cell(GRID[(high_power, True)])
        for a, b in zip(left, right, strict=True):
            out.append("│", style="dim")
            out.append_text(a)
            out.append(" " * (cell_w - a.cell_len))
            out.append("│", style="dim")
            out.append_text(b)
            out.append(" " * (cell_w - b.cell_len))
            out.append("│\n", style="dim")
        if high_power:
            border("├", "┼", "┤")
    border("└", "┴", "┘")
    out.append(" " * max(width - len(interest) - 3, 0) + f"{interest} →", style="bold")
    return out


def ego_text(analysis: Analysis, ident: str) -> Text:
    """The selected person: measures, warnings in words, relations out and in by kind."""
    from sieve.graph.words import reason

    person = analysis.people[ident]
    m = analysis.metrics[ident]
    out = Text(end="")
    out.append_text(plain(person.name, style="bold"))
    out.append(f"  ({t(f'graph.role.{person.role}')})\n")
    if person.org:
        out.append_text(plain(person.org, style="italic"))
        out.append("\n")
    out.append(
        t(
            "app.stakeholders.measures",
            power=person.power,
            interest=person.interest,
            quadrant=t(f"graph.quadrant.{m.quadrant}"),
            ties=m.ties,
            betweenness=percent(m.betweenness),
            constraint=number(m.constraint) if m.constraint is not None else "–",
            size=number(m.effective_size, digits=1) if m.effective_size is not None else "–",
            group=m.community + 1,
        )
        + "\n"
    )
    for finding in analysis.about(ident):
        style = "bold red" if finding.is_warning else "cyan"
        out.append("\n" + ("! " if finding.is_warning else "- "), style=style)
        line = t(
            "graph.report.finding",
            headline=t(f"graph.kind.{finding.kind}"),
            reason=reason(finding, analysis.people),
        )
        out.append_text(plain(line))
        out.append("\n")
    for direction, pick in (("out", 0), ("in", 1)):
        by_kind: dict[str, list[str]] = {}
        for r in analysis.relations:
            ends = (r.source, r.target)
            if ends[pick] == ident:
                by_kind.setdefault(r.kind, []).append(ends[1 - pick])
        out.append("\n" + t(f"app.stakeholders.{direction}", count=sum(map(len, by_kind.values()))))
        out.append("\n", style="bold")
        for kind, others in by_kind.items():
            names = ", ".join(analysis.people[o].name for o in others)
            line = t("app.stakeholders.kind_line", kind=t(f"graph.relation.{kind}"), names=names)
            out.append_text(plain("  " + line))
            out.append("\n")
    return out


def people_rows(analysis: Analysis) -> list[tuple[str, ...]]:
    """Each person's cells in the stakeholders list, as text, in the order of its columns."""
    warned: dict[str, int] = {}
    for finding in analysis.warnings:
        for ident in finding.people[:1]:
            warned[ident] = warned.get(ident, 0) + 1
    rows = []
    for ident, person in analysis.people.items():
        m = analysis.metrics[ident]
        rows.append(
            (
                person.name,
                t(f"graph.role.{person.role}"),
                person.org,
                str(m.ties),
                percent(m.betweenness),
                number(m.constraint) if m.constraint is not None else "–",
                t(f"graph.quadrant.{m.quadrant}.short"),
                "!" * min(warned.get(ident, 0), 3),
            )
        )
    return rows
