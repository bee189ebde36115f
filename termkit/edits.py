"""Edits of a document's original text: what ``check --fix`` and ``expand`` both write.

One type, :class:`Edit`, for a finding's fix and for an expansion's insertions and replacements,
and the two ways of applying a set of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from termkit.i18n import T_
from termkit.patterns import compile_pattern

if TYPE_CHECKING:
    from termkit.analysis.types import Occurrence

__all__ = ["Edit", "apply_edits", "apply_fixes", "choose_fixes", "narrow_fix"]


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the original document with ``replacement``
    (``start == end``: insert)."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` made. They must not overlap (ValueError); insertions may share a
    position, and are made in the order given."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise ValueError(T_("overlapping changes at {start}", start=edit.start))
        pieces += [text[position : edit.start], edit.replacement]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def choose_fixes(fixes: Iterable[Edit]) -> list[Edit]:
    """The fixes that can be applied together, by position: the first of two that overlap wins."""
    chosen: list[Edit] = []
    last_end = -1
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < last_end:
            continue
        chosen.append(fix)
        last_end = fix.end
    return chosen


def apply_fixes(text: str, fixes: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping fixes (see :func:`choose_fixes`); return the text and how many
    were applied."""
    chosen = choose_fixes(fixes)
    return apply_edits(text, chosen), len(chosen)


def narrow_fix(occurrence: Occurrence, replacement: str) -> Edit | None:
    """An edit that replaces only what differs between the found text and ``replacement``.

    ``多边环境\\n协议`` → ``多边环境协定`` edits one character and keeps the line break, so a fix
    never reflows the document; None when there is nothing to change.
    """
    found = occurrence.text
    if found[:1].isupper() and replacement[:1].islower():
        # Sentence-initial capital: keep it.
        replacement = replacement[:1].upper() + replacement[1:]
    if found == replacement:
        return None
    prefix = 0
    while prefix < min(len(found), len(replacement)) and found[prefix] == replacement[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(found), len(replacement)) - prefix
        and found[-1 - suffix] == replacement[-1 - suffix]
    ):
        suffix += 1
    start = occurrence.original_index(prefix)
    end = occurrence.original_index(len(found) - suffix)
    inserted = replacement[prefix : len(replacement) - suffix]
    if occurrence.normalized is not None:
        # (imported here: findings import this module, and need no text machinery)
        from termkit.text.lines import LINE_BREAKS
        from termkit.text.markdown import MARKUP_CHARACTERS

        # Markdown markup inside the span (``**Panel international** des ressources``) is not
        # in the normalised text: replacing the span would delete it. No automatic fix then.
        replaced = found[prefix : len(found) - suffix]
        original = occurrence.normalized.source[start:end]
        if any(mark in original and mark not in replaced for mark in MARKUP_CHARACTERS):
            return None
        if any(char in LINE_BREAKS for char in original):
            # What differs spans a line break the normaliser joined (an acronym hyphenated
            # across lines, A-\nIE): replacing it would join the lines. No automatic fix then.
            return None
        written = occurrence.normalized.source[occurrence.start : occurrence.end]
        if _FULL_WIDTH_LATIN.search(written) and not _ASCII_LETTER.search(written):
            # The text writes the term in full-width forms (U+FF21...): so does the fix.
            inserted = inserted.translate(_WIDEN)
    return Edit(start, end, inserted)


_FULL_WIDTH_LATIN = compile_pattern("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_ASCII_LETTER = compile_pattern("[A-Za-z0-9]")
# ASCII letters and digits to their full-width forms (U+FF10–U+FF5A)
_WIDEN = {
    code: code + 0xFEE0 for code in (*range(0x30, 0x3A), *range(0x41, 0x5B), *range(0x61, 0x7B))
}
