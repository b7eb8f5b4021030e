"""Layout of tomlkit tables: the trailing comments and blank lines of a table, kept in place
when keys are added or tables merged (adopt, merge-scores, the three-way merge)."""

from __future__ import annotations

from typing import Any


def table_body(table: Any) -> list:
    """The ``(key, item)`` list of a tomlkit table or container."""
    from tomlkit.container import Container

    return table.body if isinstance(table, Container) else table.value.body


def tail_start(table: Any) -> int:
    """Where the comments after a table's last key start (``len(body)`` when none)."""
    from tomlkit.items import Whitespace

    body = table_body(table)
    last = max((i for i, (k, _v) in enumerate(body) if k is not None), default=-1)
    for i in range(last + 1, len(body)):
        if not isinstance(body[i][1], Whitespace):
            return i
    return len(body)


def pop_tail(table: Any) -> list:
    """Remove and return the comments (and what follows them) after a table's last key.

    tomlkit keeps the comment block that introduces the *next* section inside the
    previous table; a table appended after it must go before that block.
    """
    body = table_body(table)
    start = tail_start(table)
    tail = body[start:]
    del body[start:]
    return tail


def strip_tail(table: Any) -> None:
    """Drop every blank line and comment after the last key (of a copied table)."""
    from tomlkit.items import Comment, Whitespace

    body = table_body(table)
    while body and body[-1][0] is None and isinstance(body[-1][1], Comment | Whitespace):
        body.pop()


def ends_blank(table: Any) -> bool:
    return table.as_string().endswith("\n\n")


def blank_line(table: Any) -> None:
    import tomlkit

    if not ends_blank(table):
        table_body(table).append((None, tomlkit.ws("\n")))


def push_tail(table: Any, tail: list) -> None:
    table_body(table).extend(tail)


def add_key(table: Any, key: str, item: Any) -> None:
    """Add ``key`` after the table's last key (before its trailing comments)."""
    body = table_body(table)
    keys = [k for k, _v in body if k is not None]
    last = max((i for i, (k, _v) in enumerate(body) if k is not None), default=-1)
    if not keys or last == len(body) - 1:
        table.append(key, item)
    else:
        insert_after(table, keys[-1], key, item)


def insert_after(table: Any, after: Any, key: str, item: Any) -> None:
    """Insert ``key`` right after the key ``after`` (its last occurrence) in a table.

    tomlkit has no public positional insert: 0.13 had ``Container._insert_after``,
    0.15 dropped it and kept ``_insert_at``, which every supported version has.
    """
    from tomlkit.container import Container

    container = table if isinstance(table, Container) else table.value
    body = container.body
    name = getattr(after, "key", after)
    at = max(i for i, (k, _v) in enumerate(body) if k is not None and k.key == name)
    trivia = getattr(body[at][1], "trivia", None)
    if trivia is not None and "\n" not in trivia.trail:
        trivia.trail += "\n"
    if at == len(body) - 1:
        container.append(key, item)
    else:
        container._insert_at(at + 1, key, item)


def toml_item(value: Any) -> Any:
    import tomlkit

    return tomlkit.item(value)


def unwrap(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value
