# ruff: noqa: RUF002  (CJK and full-width punctuation is this module's subject)
r"""A normalised view of a text, with an offset map back to the original.

The matcher scans :attr:`NormalizedText.text`; every index it finds there maps back to the text
that was normalised with :meth:`NormalizedText.to_original`, so findings point at the original
line and column and fixes edit the original.

Rules, in the order they apply:

1. Spaces and line breaks fold, one character for one: tab, NBSP (U+00A0), narrow NBSP
   (U+202F), U+1680, U+2000–U+200A, U+205F and the ideographic space (U+3000) become a space;
   ``\r\n`` becomes ``\n`` and a space; ``\r``, ``\v``, ``\f``, U+0085, U+2028 and U+2029
   become ``\n``.
2. Soft hyphens (U+00AD, dropped together with a line break that follows), zero-width spaces
   (U+200B), word joiners (U+2060) and stray BOMs (U+FEFF) are deleted.
3. A run of spaces becomes one space; spaces at the start and end of lines are dropped.
4. A hyphen (``-``, U+2010, U+2011) at a line end between two letters or digits keeps the
   hyphen and drops the line break (``small-\nscale`` → ``small-scale``); between two Latin
   letters the ``keep_hyphen`` callback, when given, decides: ``keep_hyphen("manage", "ment")``
   false gives ``management``.
5. A line break disappears between two CJK characters (Han, kana, CJK punctuation, full-width
   and half-width forms but full-width Latin letters: ``全球政府\n间会议`` → ``全球政府间会议``),
   and between a CJK character
   and a digit, a bracket ``()[]``, ``%``, ``/``, a quote ``“”‘’'``, ``·``, ``—`` or ``…``
   (Chinese writes numbers and brackets against Han characters: ``2040\n年`` → ``2040年``).
   With ``join_paragraphs``, blank lines do too when the line before them ends with a CJK
   character that does not end a sentence (``。！？；：」』``) and the line after them starts
   with a CJK character: text extracted from PDF has blank lines inside sentences
   (``在联合\n\n国环境大会``), while a heading or a finished sentence before a blank line is not
   joined unless it ends with a CJK character and the next paragraph starts with one.
6. Every other run of blank lines separates paragraphs and becomes one ``\n``: the normalised
   text of a document is its paragraphs joined by ``\n``, so that patterns (which never
   contain ``\n``) cannot match across paragraphs. Every other line break is one space
   (``open-ended\nworking group``, and also between a CJK character and a Latin letter).
   Leading and trailing whitespace is dropped.
7. Characters fold, one for one (so they need no map), after the rules above have seen them:

   - full-width ASCII forms U+FF01–U+FF5E become ASCII (``（ＵＮＥＰ）`` → ``(UNEP)``,
     ``２０３０`` → ``2030``), **except** the Chinese sentence punctuation ``！，：；？``
     (U+FF01, U+FF0C, U+FF1A, U+FF1B, U+FF1F), which is CJK punctuation, not a variant of
     ASCII that matters for terms;
   - half-width CJK punctuation ``｡｢｣､`` (U+FF61–U+FF64) becomes ``。「」、``;
   - full-width signs ``￠￡￢￣￤￥￦`` (U+FFE0–U+FFE6) become ``¢£¬¯¦¥₩``;
   - the hyphens U+2010 and U+2011 become ``-``; the apostrophes U+2019 and U+02BC become
     ``'`` (French elision: ``l’environnement`` matches a termbase's ``l'environnement``);
   - everything else stays: CJK punctuation ``，。、《》「」“”``, ``‘``, dashes, accents,
     half-width katakana, letter case.

   :func:`fold` applies steps 1 and 7 alone. Termbase spellings should go through
   :func:`normalize` too, so that both sides are written alike.

The offset map is stored as breakpoints per length-changing step (sorted normalised indices
and the offset to add from there on), resolved with :mod:`bisect`: its size grows with the
number of line breaks, not with the number of characters. Every step runs in C (``re``,
``str`` methods, :mod:`itertools`); only hyphenated line ends and the rare characters to fold
call back into Python.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache, partial
from itertools import accumulate, repeat
from operator import add, eq, methodcaller, sub

from termkit.patterns import compile_pattern
from termkit.text.scripts import HAN

__all__ = [
    "CJK",
    "HAN",
    "KeepHyphen",
    "NormalizedText",
    "fold",
    "normalize",
]

KeepHyphen = Callable[[str, str], bool]
"""``keep_hyphen(left_word, right_word)``: keep the hyphen of ``left-\\nright``?"""

# Character classes, as text for use inside [...].
# Other characters written without spaces in Chinese/Japanese text: radicals, CJK symbols and
# punctuation, kana, bopomofo, enclosed and compatibility forms, vertical forms, full-width and
# half-width forms. No Hangul: Korean puts spaces between words. Nor full-width Latin letters:
# words in full-width letters (U+FF21-U+FF5A) are spaced as Latin ones, so a line break between
# two of them is a space.
_CJK_OTHER = (
    "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3200-\u33ff"
    "\ufe10-\ufe19\ufe30-\ufe4f\uff01-\uff20\uff3b-\uff40\uff5b-\uff9f\uffe0-\uffe6"
)
CJK = HAN + _CJK_OTHER
"""Characters between which a line break disappears (checked before the characters fold)."""
# Joins a line break when the other side is CJK: digits and script-neutral punctuation.
_NEUTRAL = "0-9()\\[\\]%/'\u00b7\u02bc\u2014\u2015\u2018\u2019\u201c\u201d\u2026"
# A paragraph ending with one of these is a finished sentence: a blank line after it stays.
SENTENCE_END = "\u3002\uff01\uff1f\uff1b\uff1a\u300d\u300f"
_LATIN_LETTER = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """``re.compile`` on first use: classes spanning the CJK blocks take milliseconds to
    compile, which a command that never meets Chinese text should not pay at startup."""
    return compile_pattern(pattern)


# --- step 1: folding -------------------------------------------------------------------------

# Spaces and line breaks fold first (the later steps only know " " and "\n"). The common ones
# are each found with a one-character search and replaced in bulk; the rare ones are caught by
# the late character fold, which then starts over with all of them folded first (searching
# for each of them every time would cost more than the whole character fold).
_IDEOGRAPHIC_SPACE = compile_pattern("\u3000")  # the common ones: NBSP, narrow NBSP and this
_RARE_SPACES = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f"
_RARE_BREAKS = "\x85\u2028\u2029"
_SPACE_TABLE = dict.fromkeys(map(ord, _RARE_SPACES), " ")
_SPACE_TABLE.update(dict.fromkeys(map(ord, _RARE_BREAKS), "\n"))
_RARE_SPACE_RE = compile_pattern(f"[{_RARE_SPACES}{_RARE_BREAKS}]")
# The other characters fold last, after the line-break rules have seen the original CJK
# punctuation: "建议”\n（NPPs）" joins because "（" is CJK, which "(" is not.
_KEPT_FULLWIDTH = frozenset("\uff01\uff0c\uff1a\uff1b\uff1f")
_FOLD_TABLE: dict[int, int] = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEPT_FULLWIDTH
}
_FOLD_TABLE.update(zip(range(0xFF61, 0xFF65), map(ord, "\u3002\u300c\u300d\u3001"), strict=True))
_FOLD_TABLE.update(
    zip(range(0xFFE0, 0xFFE7), map(ord, "\u00a2\u00a3\u00ac\u00af\u00a6\u00a5\u20a9"), strict=True)
)
_FOLD_TABLE.update({0x2010: 0x2D, 0x2011: 0x2D, 0x2019: 0x27, 0x02BC: 0x27})
# The two most frequent characters of Chinese text, （ and ）, are replaced in bulk first, so
# that the regex calls back only for rare characters.
_FOLD_CLASS = (
    "["
    + "".join(re.escape(chr(c)) for c in sorted(_FOLD_TABLE))
    + _RARE_SPACES
    + _RARE_BREAKS
    + "]"
)
# "[...][...]*" rather than "[...]+": a pattern that starts with a plain character class lets
# `re` skip ahead with its (three times faster) character-set search.
_FOLD_RE = compile_pattern(_FOLD_CLASS + _FOLD_CLASS + "*")


class _RareSpaceError(Exception):
    """A rare space or line break reached the late fold: start over with it folded first."""


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD_TABLE)


def _fold_run_strict(match: re.Match[str]) -> str:
    if _RARE_SPACE_RE.search(match.group()):
        raise _RareSpaceError
    return match.group().translate(_FOLD_TABLE)


def _fold_spaces(text: str, *, rare: bool = True) -> str:
    if "\r" in text:
        # "\r\n" -> "\n " keeps the length; the space is absorbed like any indentation.
        text = text.replace("\r\n", "\n ").replace("\r", "\n")
    for control, replacement in (("\t", " "), ("\v", "\n"), ("\f", "\n")):
        if control in text:
            text = text.replace(control, replacement)
    if not text.isascii():
        if "\u00a0" in text:
            text = text.replace("\u00a0", " ")
        if "\u202f" in text:
            text = text.replace("\u202f", " ")
        # `in` scans slowly for a character whose low byte is 0 (no memchr); `re` does not
        if _IDEOGRAPHIC_SPACE.search(text):
            text = text.replace("\u3000", " ")
        if rare and _RARE_SPACE_RE.search(text):
            for char in _RARE_SPACES + _RARE_BREAKS:
                if char in text:
                    text = text.replace(char, _SPACE_TABLE[ord(char)])
    return text


def _fold_characters(text: str, *, strict: bool = False) -> str:
    """The late fold; ``strict`` raises :class:`_RareSpaceError` on a rare space."""
    if text.isascii():
        return text
    if "\uff08" in text:
        text = text.replace("\uff08", "(")
    if "\uff09" in text:
        text = text.replace("\uff09", ")")
    return _FOLD_RE.sub(_fold_run_strict if strict else _fold_run, text)


def fold(text: str) -> str:
    r"""Steps 1 and 7 alone: fold spaces, line breaks, full-width/half-width forms, hyphens and
    apostrophes.

    One character in, one character out (``len(fold(t)) == len(t)``); ``\r\n`` becomes
    ``\n`` and a space.
    """
    return _fold_characters(_fold_spaces(text))


# --- steps 2-7: patterns ---------------------------------------------------------------------
# Each pattern starts with a literal so that `re` finds candidates with its fast literal search,
# and captures exactly what it replaces (re.split then returns the kept and removed pieces).

_DELETED = compile_pattern("(\u00ad *\\n(?! *\\n)|[\u00ad\u200b\u2060\ufeff])")
_SPACE_RUN = compile_pattern("(  +)")
_SPACE_BEFORE_BREAK = compile_pattern("( \\n)")
_SPACE_AFTER_BREAK = compile_pattern("(\\n )")
_HYPHEN_BREAK = compile_pattern("\\n(?<=[^\\W_][-\u2010\u2011]\\n)(?=[^\\W_])")
_LATIN_WORD_BEFORE = compile_pattern(f"[{_LATIN_LETTER}]+\\Z")
_LATIN_WORD_AFTER = compile_pattern(f"[{_LATIN_LETTER}]+")
_LATIN_CHAR = compile_pattern(f"[{_LATIN_LETTER}]")
# CJK or neutral on both sides, but not neutral on both sides.
_JOIN_LINE = (
    f"\\n(?<=[{CJK}{_NEUTRAL}]\\n)(?=[{CJK}{_NEUTRAL}])(?:(?<![{_NEUTRAL}]\\n)|(?![{_NEUTRAL}]))"
)
_JOIN_BLANK = f"\\n(?<=[{CJK}]\\n)(?<![{SENTENCE_END}]\\n)\\n+(?=[{CJK}])"


_SPACE_IN_CJK = compile_pattern(f"((?<=[{CJK}]) (?=[{CJK}]))")  # one space, between CJK
_BLANK_RUN = compile_pattern("(\\n\\n+)")
_LINE_BREAK_TO_SPACE = methodcaller("replace", "\n", " ")
# Searches only: is there anything for a step to do? Anchored on a first literal character,
# which `re` finds much faster than `in` finds a two-character string.
_DOUBLE_SPACE = compile_pattern("  ")
_BREAK_WITH_NEIGHBOUR = compile_pattern("\\n(?:(?<=[ \\-\u2010\u2011]\\n)| )")
_SPACE_BEFORE_BREAK_SEARCH = compile_pattern("\\n(?<= \\n)")
_SPACE_AFTER_BREAK_SEARCH = compile_pattern("\\n ")
_BLANK_SEARCH = compile_pattern("\\n\\n")
_SINGLE_BREAK = compile_pattern("\\n(?<!\\n\\n)(?!\\n)")

# One length-changing step: normalised indices where the offset changes, and the offset
# (original - normalised) from each on.
_Step = tuple[list[int], list[int]]


def _replace_all(
    pattern: re.Pattern[str],
    replacement: str,
    text: str,
    transform: Callable[[str], str] | None = None,
) -> tuple[str, _Step | None]:
    """``pattern.sub(replacement, text)`` with the step's breakpoints, computed in C.

    ``transform`` (one character for one) is applied to the pieces between the matches.
    """
    parts = pattern.split(text)
    if len(parts) == 1:
        return text, None
    kept = parts[0::2]
    removed = parts[1::2]
    width = len(replacement)
    ends_of_kept = accumulate(map(len, kept[:-1]))
    removed_so_far = accumulate(map(len, removed))
    if width:
        # after the k-th replacement: sum(kept[:k+1]) + (k+1)*width normalised characters,
        # sum(kept[:k+1]) + sum(removed[:k+1]) original ones.
        inserted = range(width, width * len(removed) + 1, width)
        keys = list(map(add, ends_of_kept, inserted))
        offsets = list(map(sub, removed_so_far, inserted))
    else:
        keys = list(ends_of_kept)
        offsets = list(removed_so_far)
    if transform is not None:
        return replacement.join(map(transform, kept)), (keys, offsets)
    return replacement.join(kept), (keys, offsets)


_COMBINING_RUN = compile_pattern(
    "[^\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]?"
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


def _compose(text: str) -> tuple[str, _Step | None]:
    """Text in decomposed form (NFD accents, common in text copied from macOS or PDF) composed
    as NFC: ``e`` + U+0301 is ``é``, as the termbase writes it. Each composed character maps
    to the start of what it replaces."""
    pieces: list[str] = []
    keys: list[int] = []
    offsets: list[int] = []
    last = removed = length = 0
    for match in _COMBINING_RUN.finditer(text):
        composed = unicodedata.normalize("NFC", match.group())
        if len(composed) == len(match.group()):
            continue
        pieces.append(text[last : match.start()])
        pieces.append(composed)
        length += match.start() - last + len(composed)
        removed += len(match.group()) - len(composed)
        keys.append(length)
        offsets.append(removed)
        last = match.end()
    if not keys:
        return text, None
    pieces.append(text[last:])
    return "".join(pieces), (keys, offsets)


def _hyphen_breaks(text: str, keep_hyphen: KeepHyphen | None) -> tuple[str, _Step | None]:
    """Step 4: join ``word-\\nword`` (rare enough for a Python loop)."""
    pieces: list[str] = []
    keys: list[int] = []
    offsets: list[int] = []
    position = 0  # in text
    length = 0  # of the output so far
    removed = 0
    for match in _HYPHEN_BREAK.finditer(text):
        start, end = match.span()  # the line break; the hyphen is just before it
        hyphen = start - 1
        keep = True
        if (
            keep_hyphen is not None
            and _LATIN_CHAR.match(text, hyphen - 1)
            and _LATIN_CHAR.match(text, end)
        ):
            left = _LATIN_WORD_BEFORE.search(text, max(0, hyphen - 200), hyphen)
            right = _LATIN_WORD_AFTER.match(text, end)
            if left is not None and right is not None:
                keep = bool(keep_hyphen(left.group(), right.group()))
        cut = start if keep else hyphen
        pieces.append(text[position:cut])
        length += cut - position
        removed += end - cut
        keys.append(length)
        offsets.append(removed)
        position = end
    if not keys:
        return text, None
    pieces.append(text[position:])
    return "".join(pieces), (keys, offsets)


class NormalizedText:
    """The normalised text and its map back to the text that was normalised.

    ``source`` is that original text; indices from :meth:`to_original` index it. A view made
    with :meth:`slice` (a paragraph) has the slice as ``text`` but still maps to ``source``.
    """

    __slots__ = ("_base", "_offset", "_paragraphs", "_steps", "composed", "source", "text")

    def __init__(
        self, text: str, source: str, steps: Sequence[_Step] = (), *, composed: bool = False
    ) -> None:
        self.text = text
        self.source = source
        # Decomposed accents were composed (NFC): a character's original may be several.
        self.composed = composed
        # last step first, each with a 0 in front of its offsets (index += offsets[k])
        self._steps = tuple((keys, [0, *offsets]) for keys, offsets in reversed(steps))
        self._base: NormalizedText | None = None
        self._offset = 0
        self._paragraphs: list[tuple[int, int]] | None = None

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"NormalizedText({self.text!r})"

    def _resolve(self, index: int) -> int:
        if self._base is not None:
            return self._base._resolve(self._offset + index)
        for keys, offsets in self._steps:
            index += offsets[bisect_right(keys, index)]
        return index

    def _resolve_all(self, indices: list[int]) -> list[int]:
        if self._base is not None:
            return self._base._resolve_all(list(map(add, indices, repeat(self._offset))))
        for keys, offsets in self._steps:
            found = map(partial(bisect_right, keys), indices)
            indices = list(map(add, indices, map(offsets.__getitem__, found)))
        return indices

    def to_original(self, index: int) -> int:
        """The index in ``source`` of the character at ``index`` of ``text``.

        ``index == len(text)`` gives the end of the last character (not of trailing spaces).
        A space that stands for a line break maps to the first character it replaces.
        """
        size = len(self.text)
        if not 0 <= index <= size:
            raise IndexError(f"index {index} out of range 0..{size}")
        if index == size and size:
            return self._resolve(index - 1) + 1
        return self._resolve(index)

    def to_original_all(self, indices: Sequence[int]) -> list[int]:
        """:meth:`to_original` of each of ``indices``, in one go (much faster for many)."""
        if not indices:
            return []
        size = len(self.text)
        if min(indices) < 0 or max(indices) > size:
            raise IndexError(f"index out of range 0..{size}")
        if not size:
            return self._resolve_all(list(indices))
        # index == size maps like size - 1, plus one
        last = size - 1
        resolved = self._resolve_all(list(map(min, indices, repeat(last))))
        return list(map(add, resolved, map(eq, indices, repeat(size))))

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]``: from its first to its last character.

        A term that a line break splits (``全球政府间会\\n议``) maps to the whole original,
        line break included, which is what a fix must replace.
        """
        if end <= start:
            position = self.to_original(start)
            return position, position
        return self.to_original(start), self.end_after(self.to_original(end - 1))

    def slice(self, start: int, end: int) -> NormalizedText:
        """A view of ``text[start:end]`` whose indices still map to ``source``."""
        view = NormalizedText.__new__(NormalizedText)
        view.text = self.text[start:end]
        view.source = self.source
        view._steps = ()
        view._base = self if self._base is None else self._base
        view._offset = start + self._offset
        view._paragraphs = None
        view.composed = self.composed
        return view

    def end_after(self, last: int) -> int:
        """The original end of a span whose last character is at original index ``last``: just
        past it, and past the combining marks that were composed into it."""
        end = last + 1
        if self.composed:
            source = self.source
            while end < len(source) and unicodedata.combining(source[end]):
                end += 1
        return end

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each paragraph in ``text`` (paragraphs are separated by ``\\n``)."""
        if self._paragraphs is None:
            if not self.text:
                self._paragraphs = []
            else:
                lengths = list(map(len, self.text.split("\n")))
                ends = list(map(add, accumulate(lengths), range(len(lengths))))
                self._paragraphs = list(zip(map(sub, ends, lengths), ends, strict=True))
        return self._paragraphs

    def paragraph_at(self, index: int) -> tuple[int, int]:
        """The ``(start, end)`` in ``text`` of the paragraph holding ``text[index]``."""
        spans = self.paragraph_spans()
        k = bisect_right(spans, (index, len(self.text) + 1)) - 1
        if k < 0 or not spans[k][0] <= index <= spans[k][1]:
            raise IndexError(f"index {index} is not in a paragraph")
        return spans[k]


def normalize(
    text: str,
    *,
    keep_hyphen: KeepHyphen | None = None,
    join_paragraphs: bool = True,
    source: str | None = None,
) -> NormalizedText:
    """Normalise ``text`` (a paragraph or a whole document) for matching; see the module doc.

    ``keep_hyphen(left, right)`` decides whether ``left-\\nright`` keeps its hyphen (default:
    keep); it should be a pure function (it may be asked twice). ``join_paragraphs`` joins CJK
    text across blank lines (text from PDF; off for Markdown, whose blank lines are meant).
    ``source`` is the text that indices map to, when ``text`` is a same-length masked copy of
    it (see :mod:`termkit.text.markdown`).
    """
    if source is None:
        source = text
    elif len(source) != len(text):
        raise ValueError("source and text must have the same length")
    try:
        return _normalize(text, source, keep_hyphen, join_paragraphs, fold_rare_spaces=False)
    except _RareSpaceError:
        return _normalize(text, source, keep_hyphen, join_paragraphs, fold_rare_spaces=True)


def _normalize(
    text: str,
    source: str,
    keep_hyphen: KeepHyphen | None,
    join_paragraphs: bool,
    *,
    fold_rare_spaces: bool,
) -> NormalizedText:
    steps: list[_Step] = []
    current = _fold_spaces(text, rare=fold_rare_spaces)

    def apply(result: tuple[str, _Step | None]) -> None:
        nonlocal current
        current, step = result
        if step is not None:
            steps.append(step)

    if not current.isascii() and (
        "\u00ad" in current or "\u200b" in current or "\u2060" in current or "\ufeff" in current
    ):
        apply(_replace_all(_DELETED, "", current))
    composed = False
    if not current.isascii() and not unicodedata.is_normalized("NFC", current):
        apply(_compose(current))
        composed = True
    if not current.isascii() and _SPACE_IN_CJK.search(current):
        # One space between two Chinese characters on one line (PDF text: 2030年 可持续发展议程)
        # is read as a line break there is: as nothing. Only one: a masked URL or code span
        # (a run of spaces) still separates what stands on either side.
        apply(_replace_all(_SPACE_IN_CJK, "", current))
    # From here on every run of spaces is one space, and no space touches a line break.
    if _DOUBLE_SPACE.search(current):
        apply(_replace_all(_SPACE_RUN, " ", current))
    if "\n" in current:
        # One fast scan (anchored on "\n") tells whether the rarer steps have anything to do.
        if _BREAK_WITH_NEIGHBOUR.search(current):
            if _SPACE_BEFORE_BREAK_SEARCH.search(current):
                apply(_replace_all(_SPACE_BEFORE_BREAK, "\n", current))
            if _SPACE_AFTER_BREAK_SEARCH.search(current):
                apply(_replace_all(_SPACE_AFTER_BREAK, "\n", current))
            if _HYPHEN_BREAK.search(current):
                apply(_hyphen_breaks(current, keep_hyphen))
        if not current.isascii():
            join = f"({_JOIN_LINE}|{_JOIN_BLANK})" if join_paragraphs else f"({_JOIN_LINE})"
            apply(_replace_all(compiled(join), "", current))
        if "\n" in current:
            if not _BLANK_SEARCH.search(current):
                current = current.replace("\n", " ")
            elif _SINGLE_BREAK.search(current):
                # Blank lines become the paragraph separator "\n"; line breaks inside
                # paragraphs, spaces.
                apply(_replace_all(_BLANK_RUN, "\n", current, _LINE_BREAK_TO_SPACE))
            else:
                apply(_replace_all(_BLANK_RUN, "\n", current))
    stripped = current.strip(" \n")
    if len(stripped) != len(current):
        leading = len(current) - len(current.lstrip(" \n"))
        if leading:
            steps.append(([0], [leading]))
        current = stripped
    return NormalizedText(
        _fold_characters(current, strict=not fold_rare_spaces), source, steps, composed=composed
    )
