"""Segments read out of bilingual files: their text, and where each character is in the file."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["BilingualFile", "Located", "OffsetMap", "Unit"]


class OffsetMap:
    """Where each character of a text read out of a file is in that file's text.

    Runs of characters copied as they stand map one to one; the characters a reference stands
    for (``&amp;``, ``\\"``, ``&#x4E2D;``, a CRLF read as one line break) map to the reference,
    which is ``width`` characters of the file. Compact: one run per stretch of plain text, not
    one number per character.
    """

    __slots__ = ("_length", "_starts", "_targets", "_widths")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._targets: list[int] = []
        self._widths: list[int] = []  # 0: a plain run; else the width of a reference
        self._length = 0  # the length of the text mapped so far

    def __len__(self) -> int:
        return self._length

    def add(self, length: int, target: int, *, width: int = 0) -> None:
        """Map the next ``length`` characters: to ``target`` onwards, one to one, or (with
        ``width``) all to the reference of ``width`` characters at ``target``."""
        if length <= 0:
            return
        if (
            not width
            and self._widths
            and not self._widths[-1]
            and self._targets[-1] + (self._length - self._starts[-1]) == target
        ):
            self._length += length  # continues the last run
            return
        self._starts.append(self._length)
        self._targets.append(target)
        self._widths.append(width)
        self._length += length

    def extend(self, other: OffsetMap) -> None:
        """Append ``other``'s runs after this map's."""
        ends = [*other._starts[1:], other._length]
        for start, target, width, end in zip(
            other._starts, other._targets, other._widths, ends, strict=True
        ):
            self.add(end - start, target, width=width)

    def _run(self, index: int) -> int:
        return max(bisect_right(self._starts, index) - 1, 0)

    def __call__(self, index: int) -> int:
        """The file offset of character ``index`` (``len(self)``: just past the last one)."""
        if not self._starts:
            return 0
        if index >= self._length:
            return self.end_of(self._length - 1)
        k = self._run(index)
        if self._widths[k]:
            return self._targets[k]
        return self._targets[k] + index - self._starts[k]

    def end_of(self, last: int) -> int:
        """The file offset just past character ``last``: where a span ending with it ends."""
        k = self._run(last)
        if self._widths[k]:
            return self._targets[k] + self._widths[k]
        return self._targets[k] + last - self._starts[k] + 1


@dataclass(frozen=True)
class Located:
    """Text read out of a file (markup left out, references resolved) and its map to the file."""

    text: str
    map: OffsetMap = field(compare=False, repr=False)


@dataclass(frozen=True)
class Unit:
    """One segment of a bilingual file: its id, its source and its target (None: untranslated
    or empty, skipped)."""

    id: str
    source: Located
    target: Located | None


@dataclass(frozen=True)
class BilingualFile:
    """The segments of a bilingual file, its languages as the file says them (tags as written,
    or None), and its text (for lines and columns)."""

    path: str
    text: str
    units: tuple[Unit, ...]
    source_lang: str | None
    target_lang: str | None
    # Segments that were not units: not to be translated (``translate="no"``)
    excluded: int = 0
