"""Find where a key stands in a TOML text, for error messages.

The fast reader (``rtoml``) gives values but no positions. When a problem is
found in a file, this module scans the text once and maps each key path
(``("criterion", 2, "weight")``, ``("scores", "ana", "sujet/angle", "besoin")``)
to its line and column. It is only used on the error path, so it favours
simplicity over speed, and it never fails: an unknown path falls back to the
closest known ancestor, then to the top of the file.
"""

from __future__ import annotations

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

Path = tuple[str | int, ...]


class Locator:
    """Key paths of one TOML text, with their 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.positions: dict[Path, tuple[int, int]] = {}
        self._array_counts: dict[Path, int] = {}
        self._text = text
        self._scan()

    def find(self, path: Path) -> tuple[int, int]:
        """The position of ``path``, or of its closest located ancestor, or (1, 1)."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)

    # -- scanning ---------------------------------------------------------------

    def _scan(self) -> None:
        lines = self._text.split("\n")
        self._table: Path = ()
        i = 0
        while i < len(lines):
            stripped = lines[i].strip()
            if not stripped or stripped.startswith("#"):
                i += 1
                continue
            try:
                i = self._scan_line(lines, i)
            except (IndexError, ValueError):  # a broken line: skip it, keep the rest
                i += 1

    def _scan_line(self, lines: list[str], i: int) -> int:
        """Record the header or key of line ``i``; return the index of the next line."""
        line = lines[i]
        col = len(line) - len(line.lstrip())
        if line.startswith("[[", col):
            keys, _ = _parse_key(line, col + 2)
            base = tuple(keys)
            index = self._array_counts.get(base, 0)
            self._array_counts[base] = index + 1
            self._table = self._resolve(base) + (index,)
            self.positions.setdefault(self._table, (i + 1, col + 1))
            return i + 1
        if line.startswith("[", col):
            keys, _ = _parse_key(line, col + 1)
            self._table = self._resolve(tuple(keys))
            self.positions.setdefault(self._table, (i + 1, col + 1))
            return i + 1
        keys, end = _parse_key(line, col)
        path = self._table + tuple(keys)
        self.positions.setdefault(path, (i + 1, col + 1))
        return self._scan_value(lines, i, line.index("=", end) + 1, path)

    def _resolve(self, keys: Path) -> Path:
        """Insert array-of-tables indexes: ``[criterion.x]`` after ``[[criterion]]``."""
        out: Path = ()
        for key in keys:
            out = out + (key,)
            count = self._array_counts.get(out)
            if count and out != keys:
                out = out + (count - 1,)
        return out

    def _scan_value(self, lines: list[str], i: int, pos: int, path: Path) -> int:
        """Record inline-table keys of the value at (i, pos); return the next line index."""
        line = lines[i]
        pos = _skip_ws(line, pos)
        rest = line[pos:]
        for quote in ('"""', "'''"):
            if rest.startswith(quote):
                close = line.find(quote, pos + 3)
                if close != -1:
                    return i + 1
                i += 1
                while i < len(lines) and quote not in lines[i]:
                    i += 1
                return i + 1
        if rest.startswith("{"):
            self._inline(line, i, pos, path)
            return i + 1
        if rest.startswith("["):
            depth = 0
            while i < len(lines):
                depth += _bracket_balance(lines[i] if depth else lines[i][pos:])
                if depth <= 0:
                    return i + 1
                i += 1
            return i
        return i + 1

    def _inline(self, line: str, i: int, pos: int, path: Path) -> int:
        """Record the keys of the inline table starting at ``line[pos] == "{"``."""
        pos += 1
        while pos < len(line):
            pos = _skip_ws(line, pos)
            if pos >= len(line) or line[pos] == "}":
                return pos + 1
            if line[pos] == ",":
                pos += 1
                continue
            keys, end = _parse_key(line, pos)
            sub = path + tuple(keys)
            self.positions.setdefault(sub, (i + 1, pos + 1))
            pos = _skip_ws(line, end)
            if pos < len(line) and line[pos] == "=":
                pos = _skip_ws(line, pos + 1)
            if pos < len(line) and line[pos] == "{":
                pos = self._inline(line, i, pos, sub)
            else:
                pos = _skip_simple_value(line, pos)
        return pos


def _skip_ws(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in " \t\r":
        pos += 1
    return pos


def _parse_key(line: str, pos: int) -> tuple[list[str], int]:
    """Parse a (dotted, maybe quoted) key at ``pos``; return its parts and end."""
    parts: list[str] = []
    while True:
        pos = _skip_ws(line, pos)
        if pos >= len(line):
            raise ValueError("no key")
        ch = line[pos]
        if ch == '"':
            end = pos + 1
            buf = []
            while line[end] != '"':
                if line[end] == "\\":
                    buf.append(_unescape(line[end + 1]))
                    end += 2
                else:
                    buf.append(line[end])
                    end += 1
            parts.append("".join(buf))
            pos = end + 1
        elif ch == "'":
            end = line.index("'", pos + 1)
            parts.append(line[pos + 1 : end])
            pos = end + 1
        else:
            end = pos
            while end < len(line) and line[end] in _BARE:
                end += 1
            if end == pos:
                raise ValueError("no key")
            parts.append(line[pos:end])
            pos = end
        pos = _skip_ws(line, pos)
        if pos < len(line) and line[pos] == ".":
            pos += 1
            continue
        return parts, pos


def _unescape(ch: str) -> str:
    return {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}.get(ch, ch)


def _skip_simple_value(line: str, pos: int) -> int:
    """Skip one value inside an inline table: a string, an array or a bare token."""
    if pos >= len(line):
        return pos
    ch = line[pos]
    if ch in "\"'":
        end = pos + 1
        while end < len(line) and line[end] != ch:
            end += 2 if (ch == '"' and line[end] == "\\") else 1
        return end + 1
    if ch == "[":
        depth = 0
        end = pos
        while end < len(line):
            if line[end] == "[":
                depth += 1
            elif line[end] == "]":
                depth -= 1
                if depth == 0:
                    return end + 1
            end += 1
        return end
    end = pos
    while end < len(line) and line[end] not in ",}":
        end += 1
    return end


def _bracket_balance(text: str) -> int:
    """Net count of ``[`` over ``]`` outside strings and comments."""
    depth = 0
    quote = ""
    k = 0
    while k < len(text):
        ch = text[k]
        if quote:
            if ch == "\\" and quote == '"':
                k += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        k += 1
    return depth
