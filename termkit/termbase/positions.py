"""Where keys stand in a TOML file, so that schema errors can name a line and column.

``tomllib`` returns plain values without positions. This scanner reads the text once and records the
1-based line and column of every table header and key, by dotted path. It understands quoted keys,
dotted keys, multi-line strings and arrays that span lines, which is all a termbase uses; a position it
cannot find falls back to the nearest enclosing table.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

Position = tuple[int, int]
KeyPath = tuple[str, ...]

__all__ = ["KeyPath", "Position", "TomlPositions", "bracket_depth_change", "split_key"]


def split_key(text: str) -> tuple[KeyPath, int] | None:
    """Parse a dotted key at the start of ``text``; return its parts and where it ends."""
    parts: list[str] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            return None
        if text[i] in "\"'":
            quote = text[i]
            end = text.find(quote, i + 1)
            while quote == '"' and end > 0 and text[end - 1] == "\\":
                end = text.find(quote, end + 1)
            if end < 0:
                return None
            parts.append(text[i + 1 : end])
            i = end + 1
        else:
            start = i
            while i < n and (text[i].isalnum() or text[i] in "-_"):
                i += 1
            if i == start:
                return None
            parts.append(text[start:i])
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ".":
            i += 1
            continue
        return tuple(parts), i


def bracket_depth_change(value: str) -> int:
    """Net ``[``/``{`` minus ``]``/``}`` outside strings and comments, for arrays spanning lines."""
    depth, i, n = 0, 0, len(value)
    while i < n:
        ch = value[i]
        if ch == "#":
            break
        if ch in "\"'":
            end = value.find(ch, i + 1)
            while ch == '"' and end > 0 and value[end - 1] == "\\":
                end = value.find(ch, end + 1)
            if end < 0:
                break
            i = end + 1
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        i += 1
    return depth


class TomlPositions:
    """Line and column (1-based) of the tables and keys of one TOML document."""

    def __init__(self, text: str) -> None:
        # Scanned on the first question: most termbases load without a problem to place, and
        # the index of a 20,000-concept file holds some 85 MB at the peak of a cache-cold run.
        self._text = text

    @cached_property
    def lines(self) -> list[str]:
        return self._text.splitlines()

    @cached_property
    def _where(self) -> dict[KeyPath, Position]:
        where: dict[KeyPath, Position] = {}
        self._scan(where)
        return where

    def _scan(self, where: dict[KeyPath, Position]) -> None:
        table: KeyPath = ()
        depth = 0
        in_multiline: str | None = None
        for lineno, line in enumerate(self.lines, start=1):
            if in_multiline is not None:
                if in_multiline in line:
                    in_multiline = None
                continue
            if depth > 0:
                depth += bracket_depth_change(line)
                continue
            stripped = line.lstrip()
            indent = len(line) - len(stripped)
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("["):
                is_array = stripped.startswith("[[")
                parsed = split_key(stripped[2 if is_array else 1 :])
                if parsed is not None:
                    table = parsed[0]
                    for i in range(1, len(table) + 1):
                        where.setdefault(table[:i], (lineno, indent + 1))
                continue
            parsed = split_key(stripped)
            if parsed is None:
                continue
            key, end = parsed
            rest = stripped[end:]
            if not rest.startswith("="):
                continue
            path = table + key
            where.setdefault(path, (lineno, indent + 1))
            for i in range(1, len(key)):
                where.setdefault(table + key[:i], (lineno, indent + 1))
            value = rest[1:]
            for quote in ('"""', "'''"):
                if value.count(quote) == 1:
                    in_multiline = quote
            if in_multiline is None:
                depth = max(0, bracket_depth_change(value))

    def find(self, path: KeyPath) -> Position | None:
        """The position of ``path``, or of its nearest ancestor that was found."""
        for i in range(len(path), 0, -1):
            hit = self._where.get(path[:i])
            if hit is not None:
                return hit
        return None

    def find_value(self, path: KeyPath, literal: str) -> Position | None:
        """The position of the string ``literal`` in the value of ``path`` (spanning lines)."""
        start = self.find(path)
        if start is None:
            return None
        for lineno, line in self._lines_from(start[0]):
            for quote in ('"', "'"):
                col = line.find(quote + literal + quote)
                if col >= 0:
                    return lineno, col + 1
        return start

    def _lines_from(self, first: int) -> Iterator[tuple[int, str]]:
        """The lines of the key starting at ``first`` until the next key or table."""
        yield first, self.lines[first - 1]
        for lineno in range(first + 1, len(self.lines) + 1):
            line = self.lines[lineno - 1]
            stripped = line.lstrip()
            if stripped.startswith("["):
                return
            parsed = split_key(stripped)
            if parsed is not None and stripped[parsed[1] :].startswith("="):
                return
            yield lineno, line
