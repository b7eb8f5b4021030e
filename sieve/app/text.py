"""The one way file text reaches the screen: as ``rich.text.Text``, never as markup.

Labels, titles, notes and problems come from files that cities exchange. Given to
Textual as ``str`` they would be parsed as markup (``[@click=app.quit]x[/]`` would
become a live action, ``[/x]`` would crash); given raw to the terminal, escape bytes
would act on it. :func:`plain` shows them literally: control characters become
visible ``\\xNN`` escapes (:func:`sieve.text.literal`) and the result is a ``Text``,
which Textual does not parse.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from sieve.text import literal


def plain(value: object, style: str = "", one_line: bool = True) -> Text:
    """File text as a ``Text`` shown character for character."""
    return Text(literal(str(value), one_line=one_line), style=style, end="")


def wrapped(text: str, width: int) -> str:
    """``text`` made literal (:func:`sieve.text.literal`, newlines kept), then broken
    into lines of at most ``width`` characters at its ordinary spaces only.

    Textual and Rich break a line at any Unicode space, no-break spaces included: a
    French guillemet would end a line without its word. Lines this short are shown as
    they are. A word longer than ``width`` is cut.
    """
    import textwrap  # its whitespace is ASCII's: U+00A0 and U+202F hold their words

    wrapper = textwrap.TextWrapper(
        width=max(1, width), break_on_hyphens=False, replace_whitespace=False
    )
    lines = literal(text, one_line=False).split("\n")
    return "\n".join(wrapper.fill(line) if line else "" for line in lines)


def clip(value: object, width: int) -> str:
    """File text made literal and cut to ``width`` cells with an ellipsis."""
    text = literal(str(value))
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…"


#: Where a text may be cut between words: the ellipsis of :func:`clip_apart` stands
#: for whole words, and a case key (``subject/angle``) breaks at ``/`` and ``-``.
BREAKS = " /-_.,;:"


def clip_apart(texts: Sequence[object], widths: int | Sequence[int]) -> list[str]:
    """Each of ``texts`` cut to its width so that what tells it from the others shows.

    A text that fits is shown whole. A longer one is cut at its end, as by :func:`clip`,
    when that still shows where it differs from each other text. When it would not
    (sibling titles sharing a long beginning: four subjects all reading "La carte
    citoyenne…"), the words it shares with its closest sibling give way to an ellipsis,
    keeping the first ones that fit: "La carte… participative", "La… personnalisable",
    "La… un programme d'édu…". When even that cannot reach the difference, the end of
    the text is shown: "…échange local". Equal texts stay equal; ``widths`` is one
    width for all or one per text.
    """
    shown = [literal(str(text)) for text in texts]
    room = [widths] * len(shown) if isinstance(widths, int) else list(widths)
    if len(room) != len(shown):
        raise ValueError("one width per text")
    # the longest beginning a text shares with another is shared with a neighbour in
    # sorted order
    shared: dict[str, int] = {}
    ordered = sorted(set(shown))
    for a, b in zip(ordered, ordered[1:], strict=False):
        n = _common_prefix(a, b)
        shared[a] = max(shared.get(a, 0), n)
        shared[b] = max(shared.get(b, 0), n)
    out = [
        _apart(text, width, shared.get(text, 0)) for text, width in zip(shown, room, strict=True)
    ]
    # two texts still shown alike (a word dropped that told one from a third text):
    # each takes the first other way of cutting it that no other text shows
    for _ in range(3):
        owners: dict[str, set[str]] = {}
        for text, display in zip(shown, out, strict=True):
            owners.setdefault(display, set()).add(text)
        clashes = [i for i, display in enumerate(out) if len(owners[display]) > 1]
        if not clashes:
            break
        for i in clashes:
            taken = {d for j, d in enumerate(out) if shown[j] != shown[i]}
            for other in _other_cuts(shown[i], room[i]):
                if other not in taken:
                    out = [other if shown[j] == shown[i] else d for j, d in enumerate(out)]
                    break
    return out


def _other_cuts(text: str, width: int) -> list[str]:
    """Other ways to show ``text`` in ``width`` cells: its end, its beginning, both."""
    if len(text) <= width or width < 4:
        return []
    head = (width - 1) // 2
    return [
        "…" + text[len(text) - (width - 1) :],
        _cut(text, width),
        text[:head].rstrip() + "…" + text[len(text) - (width - 1 - head) :].lstrip(),
    ]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _cut(text: str, width: int) -> str:
    """``text`` (already literal) in ``width`` cells, an ellipsis at its end if cut."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _apart(text: str, width: int, shared: int) -> str:
    """``text`` in ``width`` cells, showing its character at index ``shared`` (the
    first one it does not share with its closest sibling) when it can."""
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    if shared < width - 1 or shared >= len(text) or width < 4:
        return _cut(text, width)  # the plain cut shows the difference (or nothing can)
    # the rest starts at the break before the difference: " participative", "/kiosque"
    start = max((i for i in range(1, shared + 1) if text[i] in BREAKS), default=0)
    if start:
        rest = text[start:]
        bare = rest.lstrip(BREAKS)
        heads = [text[:j].rstrip(BREAKS) for j in range(start - 1, 0, -1) if text[j] in BREAKS]
        heads = [head for head in heads if head]
        for head in heads:  # the most words of the beginning that leave room for the rest
            if len(head) + 1 + len(rest) <= width:
                return head + "…" + rest
        if len(bare) + 1 <= width:
            return "…" + bare
        first = heads[-1] if heads else ""
        if first and len(first) <= width // 3:  # the first word, and the rest cut
            room = width - len(first) - 1
            if start + room - 1 > shared:
                return first + "…" + _cut(rest, room)
        begin = len(text) - len(bare)
        if begin + width - 2 > shared:
            return "…" + _cut(bare, width - 1)
    # the difference lies beyond any cut of the beginning: show the end
    return "…" + text[len(text) - (width - 1) :].lstrip(BREAKS)


def fit_widths(natural: Sequence[int], least: Sequence[int], room: int) -> list[int]:
    """Column widths that fit ``room`` cells: each column's ``natural`` width (what its
    widest cell needs) when they all fit; else the widest columns give way first, down
    to their ``least`` width, the room left over shared among them. Columns that cannot
    all fit get their least width (the table then scrolls sideways)."""
    natural = [max(n, m) for n, m in zip(natural, least, strict=True)]
    if sum(natural) <= room:
        return natural
    if sum(least) >= room:
        return list(least)

    def capped(cap: int) -> list[int]:
        return [min(n, max(cap, m)) for n, m in zip(natural, least, strict=True)]

    low, high = 0, max(natural)  # the widest cap that fits: capped(low) always does
    while low < high:
        cap = (low + high + 1) // 2
        if sum(capped(cap)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = capped(low)
    spare = room - sum(widths)
    for i, (width, n) in enumerate(zip(widths, natural, strict=True)):
        if spare and width < n:  # a cell each to the columns cut at the cap
            widths[i] += 1
            spare -= 1
    return widths
