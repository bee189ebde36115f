"""A long plain-text document in blocks of paragraphs, so that checking it holds one block at a
time.

A block ends where nothing before it reaches into what follows, so that each block masks,
normalises and analyses as it does inside the whole document:

- at one or more empty lines followed by a line that starts, in its first column, with a letter
  or a digit;
- not after a paragraph whose last character, once its URLs are masked (as
  :func:`~termkit.text.markdown.mask_urls` masks them), is a CJK character other than a
  sentence end, a space or a character the normaliser deletes: the normaliser joins text
  extracted from PDF across such a blank line (``在联合\\n\\n国环境大会``);
- not between ``termkit: off`` and ``termkit: on`` (found as
  :func:`~termkit.text.suppress.find_suppressions` finds them).

Markdown and reStructuredText are not cut: their masking pairs code spans, tags and literals
across paragraphs and decides some of it on the whole document. Where no such place comes, a
block grows until one does: a document without one is one block.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from termkit.patterns import compile_pattern
from termkit.text.markdown import mask_urls
from termkit.text.normalize import CJK, SENTENCE_END
from termkit.text.suppress import switches

__all__ = ["BLOCK_CHARS", "split_blocks"]

# Characters in a block, about: a few MB of analysis at a time, and few enough blocks that
# their fixed costs do not show.
BLOCK_CHARS = 1 << 20

# A paragraph that ends with one of these may be joined to what follows a blank line (see the
# module doc).
_JOINED_AFTER = compile_pattern(f"[\\s{CJK}\u00ad\u200b\u2060\ufeff]")
_ENDS_SENTENCE = frozenset(SENTENCE_END)
_BLANK_LINES = re.compile(r"\n(?:\r?\n)+(?=[^\W_])")
_LOOK_BACK = 8  # lines that mask to nothing (URLs) looked through before a paragraph's end


def _ends_paragraph(text: str, line_end: int) -> bool:
    """Whether the plain-text line ending at ``line_end`` (a ``\\n``) ends its paragraph when a
    blank line follows: the normaliser does not join what follows to it."""
    end = line_end
    for _ in range(_LOOK_BACK):
        start = text.rfind("\n", 0, end) + 1
        line = mask_urls(text[start:end]).rstrip()
        if line:
            last = line[-1]
            return last in _ENDS_SENTENCE or _JOINED_AFTER.match(last) is None
        if start == 0:
            return False  # nothing before: no paragraph to end
        end = start - 1
    return False  # a run of lines that mask to nothing: not cut there


def split_blocks(chunks: Iterable[str], *, block_chars: int | None = None) -> Iterator[str]:
    """The plain text of ``chunks`` (any sizes: an incremental decoder's output) in blocks of
    about ``block_chars`` characters (:data:`BLOCK_CHARS` by default) or more, each ending where
    nothing reaches past it (see the module doc); ``"".join`` of them is the text."""
    block_chars = block_chars or BLOCK_CHARS
    switch = switches(markdown=False)
    off = False  # a "termkit: off" is open where the text is read to
    pending = ""
    scanned = 0  # pending[:scanned] is read: whole lines
    for chunk in chunks:
        pending += chunk
        lines_end = pending.rfind("\n") + 1
        if lines_end <= scanned:
            continue
        # Read the new whole lines, and cut where a block may end, a block's length on. A run of
        # blank lines may have begun in the lines read before: it is looked at again.
        position = back = scanned
        while back and pending[back - 1] in "\r\n":
            back -= 1
        cuts = [0]
        for match in _BLANK_LINES.finditer(pending, back, lines_end + 1):
            line_end = match.start() + 1  # after the paragraph's last line
            if line_end > position:
                for switched in switch.finditer(pending, position, line_end):
                    off = switched.group(1) == "off"
                position = line_end
            if (
                not off
                and match.end() - cuts[-1] >= block_chars
                and _ends_paragraph(pending, match.start())
            ):
                cuts.append(match.end())
        for switched in switch.finditer(pending, position, lines_end):
            off = switched.group(1) == "off"
        scanned = lines_end
        if len(cuts) > 1:
            for start, end in itertools.pairwise(cuts):
                yield pending[start:end]
            pending = pending[cuts[-1] :]
            scanned -= cuts[-1]
    if pending:
        yield pending
