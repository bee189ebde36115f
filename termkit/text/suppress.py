"""Inline suppressions: ``termkit: ignore`` on a line, ``termkit: off`` … ``termkit: on`` blocks.

- ``termkit: ignore`` anywhere on a line (in any comment syntax, or plain) suppresses every rule
  on that line; ``termkit: ignore TK101, TK202`` (codes or rule names such as
  ``deprecated-term``, separated by commas or spaces) only those. The list ends at the first
  word that is neither, so a reason may follow: ``termkit: ignore TK101 -- quoted verbatim``.
- ``termkit: off`` … ``termkit: on`` suppresses every rule on the lines from the one with
  ``off`` to the one with ``on`` (to the end of the text when ``on`` is missing). In Markdown
  they count only inside an HTML comment, ``<!-- termkit: off -->``, so that prose or inline
  code mentioning them does nothing; in other text they count anywhere on a line.

``termkit:`` is lower case; codes and names compare case-insensitively.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from termkit.text.lines import LineIndex

__all__ = ["Suppressions", "find_suppressions"]

_IDENTIFIER = r"(?:[A-Za-z]+[0-9]+|[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)\b"
_IGNORE = re.compile(rf"termkit:[ \t]*ignore\b((?:[ \t]*[,=:]?[ \t]*{_IDENTIFIER}(?![-\w]))*)")
_IDENTIFIERS = re.compile(_IDENTIFIER)
_SWITCH_PLAIN = re.compile(r"termkit:[ \t]*(off|on)\b")
_SWITCH_MARKDOWN = re.compile(r"<!--[ \t]*termkit:[ \t]*(off|on)\b[^\n]*?-->")
_ALL: frozenset[str] = frozenset()
_NO_LINES: Mapping[int, frozenset[str]] = MappingProxyType({})


@dataclass(frozen=True)
class Suppressions:
    """The suppressions of one document.

    ``lines`` maps a 1-based line to the identifiers it suppresses (empty: all of them);
    ``blocks`` are inclusive ``(first, last)`` line ranges where everything is suppressed.
    """

    lines: Mapping[int, frozenset[str]] = field(default_factory=lambda: _NO_LINES)
    blocks: tuple[tuple[int, int], ...] = ()

    def is_suppressed(self, line: int, *identifiers: str) -> bool:
        """Is a finding on ``line`` suppressed for any of ``identifiers`` (code, rule name)?

        With no identifiers: is everything on the line suppressed?
        """
        if self.blocks:
            k = bisect_right([first for first, _ in self.blocks], line) - 1
            if k >= 0 and self.blocks[k][0] <= line <= self.blocks[k][1]:
                return True
        codes = self.lines.get(line)
        if codes is None:
            return False
        if not codes:
            return True
        return any(identifier.casefold() in codes for identifier in identifiers)

    def __bool__(self) -> bool:
        return bool(self.lines or self.blocks)


def find_suppressions(text: str, markdown: bool) -> Suppressions:
    """Find the ``termkit:`` suppressions of a document (see the module doc)."""
    if "termkit:" not in text:
        return Suppressions()
    index = LineIndex(text)
    lines: dict[int, frozenset[str]] = {}
    for match in _IGNORE.finditer(text):
        line = index.line_col(match.start())[0]
        codes = frozenset(code.casefold() for code in _IDENTIFIERS.findall(match.group(1)))
        previous = lines.get(line)
        if previous is None:
            lines[line] = codes
        elif previous and codes:
            lines[line] = previous | codes
        else:
            lines[line] = _ALL
    blocks: list[tuple[int, int]] = []
    off_line: int | None = None
    for match in (_SWITCH_MARKDOWN if markdown else _SWITCH_PLAIN).finditer(text):
        line = index.line_col(match.start())[0]
        if match.group(1) == "off":
            if off_line is None:
                off_line = line
        elif off_line is not None:
            blocks.append((off_line, line))
            off_line = None
    if off_line is not None:
        blocks.append((off_line, index.line_count))
    return Suppressions(MappingProxyType(lines), tuple(blocks))
