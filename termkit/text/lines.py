"""Where things are: the line and column of an offset in a document, and back."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from operator import add

__all__ = ["LINE_BREAKS", "LineIndex"]

# What ends a line for Python's str.splitlines (and so may end one in a document read as text).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class LineIndex:
    """Line and column of offsets in one text, built once per document.

    Lines end at ``\\r\\n``, ``\\n`` or ``\\r``; lines and columns are 1-based and columns count
    Unicode characters (code points). The line starts are computed on first use.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            text = self._text
            if "\r" in text:
                # same length, one "\n" per line end
                text = text.replace("\r\n", " \n").replace("\r", "\n")
            lengths = map(len, text.split("\n"))
            # line k+1 starts after lines 0..k and their k+1 line breaks
            self._starts = [0, *map(add, accumulate(lengths), range(1, len(text) + 2))]
            self._starts.pop()  # the start of the line after the last one
        return self._starts

    @property
    def line_count(self) -> int:
        """Number of lines, counting the empty one after a final line break."""
        return len(self._line_starts())

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of ``text[index]``; ``index == len(text)`` is allowed."""
        if not 0 <= index <= len(self._text):
            raise IndexError(f"index {index} out of range 0..{len(self._text)}")
        starts = self._line_starts()
        line = bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """The index of 1-based ``(line, column)``; the inverse of :meth:`line_col`."""
        starts = self._line_starts()
        if not 1 <= line <= len(starts):
            raise IndexError(f"line {line} out of range 1..{len(starts)}")
        index = starts[line - 1] + column - 1
        if not 0 <= index <= len(self._text):
            raise IndexError(f"column {column} out of range on line {line}")
        return index
