"""Inline suppressions: ``termkit: ignore`` on a line, ``termkit: off`` … ``termkit: on`` blocks.

- ``termkit: ignore`` anywhere on a line (in any comment syntax, or plain) suppresses every rule
  on that line; ``termkit: ignore TK101, TK202`` (codes or rule names such as
  ``deprecated-term``, separated by commas or spaces) only those. The list ends at the first
  word that is neither, so a reason may follow: ``termkit: ignore TK101 -- quoted verbatim``.
- ``termkit: off`` … ``termkit: on`` suppresses every rule on the lines from the one with
  ``off`` to the one with ``on`` (to the end of the text when ``on`` is missing). In Markdown
  they count only inside an HTML comment, ``<!-- termkit: off -->``, so that prose or inline
  code mentioning them does nothing; in other text they count anywhere on a line.

A finding that spans several lines is suppressed by a comment on any of them. ``termkit check``
warns about a code or name that no rule has (``TK999``), and TK001 (``--report-unused-suppressions``)
reports comments that hide nothing.

``termkit:`` is lower case; codes and names compare case-insensitively.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from termkit.patterns import compile_pattern
from termkit.text.lines import LineIndex

__all__ = ["Directive", "Suppressions", "find_suppressions"]

_IDENTIFIER = r"(?:[A-Za-z]+[0-9]+|[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)\b"
_IGNORE = compile_pattern(rf"termkit:[ \t]*ignore\b((?:[ \t]*[,=:]?[ \t]*{_IDENTIFIER}(?![-\w]))*)")
_IDENTIFIERS = compile_pattern(_IDENTIFIER)
_SWITCH_PLAIN = compile_pattern(r"termkit:[ \t]*(off|on)\b")
_SWITCH_MARKDOWN = compile_pattern(r"<!--[ \t]*termkit:[ \t]*(off|on)\b[^\n]*?-->")
_ALL: frozenset[str] = frozenset()
_NO_LINES: Mapping[int, frozenset[str]] = MappingProxyType({})


@dataclass(frozen=True)
class Directive:
    """One suppression comment: ``termkit: ignore [codes]`` on ``line``, or a ``termkit: off``
    block from ``line`` to ``last_line``. ``start``/``end`` are its offsets in the text;
    ``codes`` the identifiers it names, folded (empty: every rule)."""

    line: int
    last_line: int
    start: int
    end: int
    codes: frozenset[str]
    block: bool = False
    # The comment as written (``termkit: ignore TK101``): TK001 quotes it.
    text: str = field(default="", compare=False)

    def covers(self, first: int, last: int, identifiers: tuple[str, ...]) -> bool:
        """Does it suppress a finding on lines ``first``..``last`` for any of ``identifiers``?"""
        if self.block:
            return self.line <= last and first <= self.last_line
        if not first <= self.line <= last:
            return False
        return not self.codes or any(i.casefold() in self.codes for i in identifiers)


@dataclass(frozen=True)
class Suppressions:
    """The suppressions of one document.

    ``lines`` maps a 1-based line to the identifiers it suppresses (empty: all of them);
    ``blocks`` are inclusive ``(first, last)`` line ranges where everything is suppressed;
    ``directives`` are the comments themselves, in text order.
    """

    lines: Mapping[int, frozenset[str]] = field(default_factory=lambda: _NO_LINES)
    blocks: tuple[tuple[int, int], ...] = ()
    directives: tuple[Directive, ...] = ()

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

    def directive_for(self, first: int, last: int, *identifiers: str) -> Directive | None:
        """The first comment that suppresses a finding on lines ``first`` to ``last`` (a comment
        on any line of a finding that spans several suppresses it), or None."""
        for directive in self.directives:
            if directive.line > last:
                break
            if directive.covers(first, last, identifiers):
                return directive
        return None

    def __bool__(self) -> bool:
        return bool(self.lines or self.blocks)

    def followed_by(self, later: Suppressions, offset: int) -> Suppressions:
        """These suppressions and those of a later part of the document, which starts at
        ``offset`` (its comments' offsets are moved there; its lines are the document's)."""
        if not later.directives:
            return self
        directives = tuple(
            replace(directive, start=directive.start + offset, end=directive.end + offset)
            for directive in later.directives
        ) if offset else later.directives
        return Suppressions(
            MappingProxyType({**self.lines, **later.lines}),
            self.blocks + later.blocks,
            self.directives + directives,
        )


def switches(markdown: bool) -> re.Pattern[str]:
    """The pattern of ``termkit: off`` and ``termkit: on`` (group 1) in a document."""
    return _SWITCH_MARKDOWN if markdown else _SWITCH_PLAIN


def find_suppressions(
    text: str, markdown: bool, line_col: Callable[[int], tuple[int, int]] | None = None
) -> Suppressions:
    """Find the ``termkit:`` suppressions of a document (see the module doc). ``line_col``
    locates an offset where ``text`` is not the file (a Word document's paragraphs, a bilingual
    file's joined segments), so that a comment's line is the line its findings report."""
    if "termkit:" not in text:
        return Suppressions()
    lines_of_text = LineIndex(text)
    index = _Lines(line_col or lines_of_text.line_col, lines_of_text, len(text))
    lines: dict[int, frozenset[str]] = {}
    directives: list[Directive] = []
    for match in _IGNORE.finditer(text):
        line = index.line_col(match.start())[0]
        codes = frozenset(code.casefold() for code in _IDENTIFIERS.findall(match.group(1)))
        directives.append(Directive(line, line, match.start(), match.end(), codes, text=match.group()))
        previous = lines.get(line)
        if previous is None:
            lines[line] = codes
        elif previous and codes:
            lines[line] = previous | codes
        else:
            lines[line] = _ALL
    blocks: list[tuple[int, int]] = []
    off: tuple[int, int, int] | None = None  # line, start, end of the open "off"
    off_text = ""
    for match in switches(markdown).finditer(text):
        line = index.line_col(match.start())[0]
        if match.group(1) == "off":
            if off is None:
                off = (line, match.start(), match.end())
                off_text = match.group()
        elif off is not None:
            blocks.append((off[0], line))
            directives.append(Directive(off[0], line, off[1], off[2], _ALL, block=True, text=off_text))
            off = None
    if off is not None:
        last = index.last_line()
        blocks.append((off[0], last))
        directives.append(Directive(off[0], last, off[1], off[2], _ALL, block=True, text=off_text))
    directives.sort(key=lambda d: (d.line, d.start))
    return Suppressions(MappingProxyType(lines), tuple(blocks), tuple(directives))


class _Lines:
    """Lines of offsets as findings report them, and the last line of the document."""

    def __init__(
        self, line_col: Callable[[int], tuple[int, int]], text_lines: LineIndex, length: int
    ) -> None:
        self.line_col = line_col
        self._text_lines = text_lines
        self._length = length

    def last_line(self) -> int:
        # a block left open runs to the end: the last line of the file, past every finding
        try:
            last = self.line_col(self._length)[0]
        except (IndexError, ValueError):  # a locator of characters only, not of the end
            last = self.line_col(max(self._length - 1, 0))[0] if self._length else 1
        return max(last, self._text_lines.line_count)
