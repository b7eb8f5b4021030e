"""What the report tests share: a strict reading of the HTML, a hostile workspace."""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser
from pathlib import Path

from conftest import FIVE_CASES, SESSION_HEAD, TAMIS

#: Elements without an end tag in HTML.
VOID = {"meta", "br", "link", "img", "input", "hr", "wbr", "source", "col", "area", "base"}

#: Texts that would act if a page read them as markup or as a template.
IMG = "<img src=x onerror=alert(1)>"
STYLE_END = "</style><b>gras</b>"
TEMPLATE = "{{ 7*7 }} {% if 1 %}oui{% endif %}"
SCRIPT = "<script>alert('x')</script>"


class Page(HTMLParser):
    """The page read strictly: every element closed in order, the text of each kept."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        """Every piece of text outside ``<style>``, with the elements it stands in."""
        self.where: list[tuple[tuple[str, ...], str]] = []
        self.style: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"never closed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.style.append(data)
            return
        self.text.append(data)
        self.where.append((tuple(self.stack), data))

    @property
    def visible(self) -> str:
        """The text a reader sees (outside the head and the drawings' tooltips)."""
        return " ".join(
            data for stack, data in self.where if "head" not in stack and "title" not in stack
        )

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def hostile_tamis() -> str:
    """The test tamis with markup in its title, a label and a level's meaning."""
    return (
        TAMIS.replace('title = "Tamis de test"', f'title = "{IMG}"')
        .replace('label = "Besoin"', f'label = "{STYLE_END}"')
        .replace('levels = ["non", "oui"]', f'levels = ["non", "{TEMPLATE}"]')
    )


def hostile_body() -> str:
    """Five cases whose titles, names, notes and map hold markup and template syntax."""
    body = (
        FIVE_CASES.replace('title = "Alpha"', f'title = "{IMG}"')
        .replace('title = "A1"', f'title = "{SCRIPT}"')
        .replace('name = "X"', f'name = "{TEMPLATE}"')
    )
    return body + textwrap.dedent(
        f"""
        [notes.y]
        "alpha/a1" = "{STYLE_END} \\u202e gnirts \\u001b[2J"

        [[stakeholder]]
        id = "p"
        name = "{IMG}"
        role = "referent"
        org = "{STYLE_END}"

        [[stakeholder]]
        id = "q"
        name = "Q</svg><svg onload=alert(1)>"
        role = "resident"
        org = "La 27e Région"

        [[relation]]
        from = "q"
        to = "p"
        kind = "hierarchy"
        """
    )


def write_hostile(workspace) -> Path:
    """The hostile workspace written by the ``workspace`` fixture; its session's path."""
    head = SESSION_HEAD.replace('title = "Session de test"', f'title = "{SCRIPT}"')
    return workspace(hostile_body(), tamis=hostile_tamis(), head=head)
