"""A long document in blocks of paragraphs, so that checking it holds one block at a time.

A block ends where nothing before it reaches into what follows, so that each block masks,
normalises and analyses as it does inside the whole document:

- at one or more empty lines followed by a line that starts, in its first column, with a letter
  or a digit (it ends any indented code or literal block, list continuation or quote);
- in plain text, not after a line ending with a CJK character other than a sentence end (text
  extracted from PDF joins ``在联合\\n\\n国环境大会`` across the blank line), nor after a space
  or a character the normaliser deletes (what stands before it then ends the line);
- in Markdown, not inside a fenced code block, an HTML comment or a ``<pre>`` element;
- not between ``termkit: off`` and ``termkit: on`` (the comments are found as
  :func:`~termkit.text.suppress.find_suppressions` finds them).

Where no such place comes, a block grows until one does: a document without one is one block.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from termkit.text.markdown import FENCE
from termkit.text.normalize import CJK, SENTENCE_END
from termkit.text.suppress import switches

__all__ = ["BLOCK_CHARS", "split_blocks"]

# Characters in a block, about: a few MB of analysis at a time, and few enough blocks that
# their fixed costs do not show.
BLOCK_CHARS = 1 << 20

# Where a line ending with one of these stands before a blank line, the normaliser may join
# what follows (see the module doc); searched for after a blank line is found.
_JOINED_AFTER = re.compile(f"[\\s{CJK}\u00ad\u200b\u2060\ufeff]")
_ENDS_SENTENCE = frozenset(SENTENCE_END)
_BLANK_LINES = re.compile(r"\n(?:\r?\n)+(?=[^\W_])")
# What opens or closes a Markdown construct that spans paragraphs, but fences (FENCE)
_MARKDOWN_TAGS = re.compile(r"<!--|-->|</?pre\b", re.IGNORECASE)


class _Reach:
    """What is open at a place of the document: a fence, an HTML comment, a ``<pre>``, a
    ``termkit: off``. Fed the text in order, line by line."""

    __slots__ = ("comment", "fence", "markdown", "off", "pre", "switch")

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.switch = switches(markdown)
        self.fence: tuple[str, int] | None = None  # character and length of the open fence
        self.comment = self.pre = self.off = False

    @property
    def closed(self) -> bool:
        return not (self.fence or self.comment or self.pre or self.off)

    def feed(self, text: str, start: int, end: int) -> None:
        """Read ``text[start:end]``, whole lines."""
        for match in self.switch.finditer(text, start, end):
            self.off = match.group(1) == "off"
        if not self.markdown:
            return
        tokens = [
            (match.start(), match.group().lower())
            for match in _MARKDOWN_TAGS.finditer(text, start, end)
        ]
        for marker in ("```", "~~~"):
            position = text.find(marker, start, end)
            while position >= 0:
                line_start = text.rfind("\n", start, position) + 1 or start
                tokens.append((line_start, "fence"))
                line_end = text.find("\n", position, end)
                position = text.find(marker, line_end, end) if line_end >= 0 else -1
        tokens.sort()
        for position, token in tokens:
            if token == "fence":
                self._fence(text, position, end)
            elif self.fence is not None:
                continue  # blanked with the code before comments and tags are looked at
            elif token == "<!--":
                self.comment = True
            elif token == "-->":
                self.comment = False
            else:
                self.pre = token == "<pre"

    def _fence(self, text: str, start: int, end: int) -> None:
        match = FENCE.match(text, start, end)
        if match is None:  # the fence characters do not start the line after all
            return
        fence, info = match.group(1), match.group(2)
        if self.fence is None:
            if fence[0] == "`" and "`" in info:
                return  # inline code, not a fence
            self.fence = fence[0], len(fence)
        elif fence[0] == self.fence[0] and len(fence) >= self.fence[1] and not info.strip():
            self.fence = None


def _ends_paragraph(text: str, line_end: int) -> bool:
    """Whether the plain-text line ending at ``line_end`` (a ``\\n``) ends its paragraph when a
    blank line follows: the normaliser does not join what follows to it."""
    last = line_end - 1 if line_end and text[line_end - 1] == "\r" else line_end
    if last <= 0:
        return False
    char = text[last - 1]
    return char in _ENDS_SENTENCE or _JOINED_AFTER.match(char) is None


def split_blocks(
    chunks: Iterable[str], *, markdown: bool, block_chars: int | None = None
) -> Iterator[str]:
    """The text of ``chunks`` (any sizes: an incremental decoder's output) in blocks of about
    ``block_chars`` characters or more, each ending where nothing reaches past it (see the
    module doc); ``"".join`` of them is the text. By default, blocks of :data:`BLOCK_CHARS`."""
    block_chars = block_chars or BLOCK_CHARS
    reach = _Reach(markdown)
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
                reach.feed(pending, position, line_end)
                position = line_end
            if (
                reach.closed
                and match.end() - cuts[-1] >= block_chars
                and (markdown or _ends_paragraph(pending, match.start()))
            ):
                cuts.append(match.end())
        reach.feed(pending, position, lines_end)
        scanned = lines_end
        if len(cuts) > 1:
            for start, end in itertools.pairwise(cuts):
                yield pending[start:end]
            pending = pending[cuts[-1] :]
            scanned -= cuts[-1]
    if pending:
        yield pending
