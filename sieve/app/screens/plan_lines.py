"""What the portfolio and calendar screens share: their styles, and their list lines
(a case's angle title, its subject's below, each cut to tell it from its siblings)."""

from __future__ import annotations

from rich.text import Text

from sieve.app.text import clip_apart, plain
from sieve.render.names import case_titles

PLAN_CSS = """
#pf-cases, #cal-cases { width: 2fr; height: 1fr; }
#pf-detail-box, #cal-detail-box { width: 3fr; height: 1fr; padding: 0 1; border-left: vkey $panel; }
#journal-box { height: 1fr; padding: 0 1; overflow-x: auto; }
#journal { width: auto; }
"""


def mark(ok: bool) -> Text:
    return Text("✔ " if ok else "✘ ", style="green" if ok else "bold red")


def cut_titles(
    session, keys: list[str], angle_rooms: list[int], indents: list[int], width: int
) -> list[tuple[str, str]]:
    """Each case's angle title cut to its room and its subject's title to the line below
    (``width`` less its indent), each cut telling it from its siblings' (clip_apart)."""
    pairs = [case_titles(session, key) for key in keys]
    angles = [
        titles[1] if titles is not None else key for titles, key in zip(pairs, keys, strict=True)
    ]
    subjects = [titles[0] if titles is not None else "" for titles in pairs]
    subject_rooms = [max(8, width - indent - 1) for indent in indents]
    return list(
        zip(clip_apart(angles, angle_rooms), clip_apart(subjects, subject_rooms), strict=True)
    )


def titled(
    prompt: Text, angle: str, subject: str, indent: int, style: str = "", after: str = ""
) -> Text:
    """Append a case to a list line: its angle's title (then ``after``, dim), then its
    subject's title on a line below, both already cut (:func:`cut_titles`).

    ``indent`` columns are already used on the first line (and left blank on the
    second).
    """
    prompt.append_text(plain(angle, style=style))
    prompt.append(after, style="dim")
    if subject:
        prompt.append("\n" + " " * indent)
        prompt.append_text(plain(subject, style="dim"))
    return prompt


def angle_title(session, key: str) -> str:
    titles = case_titles(session, key)
    return titles[1] if titles is not None else key
