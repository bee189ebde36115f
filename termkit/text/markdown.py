"""Masking what is not prose: code, URLs, link targets, HTML comments.

Both functions return a string of the **same length** as their input, with the masked
characters replaced by spaces and line breaks (``\\n``, ``\\r``) kept, so that offsets and line
numbers need no map: normalise the masked text with ``normalize(masked, source=text)``.

What :func:`mask_markdown` masks:

- fenced code blocks (``\\`\\`\\``` and ``~~~``, three or more, any indentation, also inside
  ``>`` quotes), fences included, up to the closing fence of the same character and at least
  the same length, or to the end of the text;
- indented code blocks: lines indented by four spaces or a tab after a blank line, unless the
  paragraph before them is a list item (then they are the item's continuation, which is prose);
- inline code (a backtick string up to the next backtick string of the same length, in one
  paragraph);
- HTML comments ``<!-- … -->``, HTML tags ``<tag attr="…">`` (not the text between them) and
  autolinks ``<https://…>``, ``<name@example.org>``;
- link and image targets ``[text](target "title")`` → only ``(target "title")``; reference
  labels ``[text][label]`` → ``[label]``; reference definitions ``[label]: url "title"`` (the
  whole line). Link text and image alt text stay: they are prose;
- bare URLs and e-mail addresses, as :func:`mask_urls` does.

Markup around prose is deleted rather than blanked: emphasis delimiters (``**``, ``*``,
``__``, ``_`` at a word's edge; not list bullets, rules or ``snake_case``) and the brackets of
link text (``[``, ``]``, the ``!`` of an image) become U+200B, which :func:`normalize` drops,
so that ``**联合国**环境大会`` is still one term and ``**Global Mercury Partnership** (GMP)`` a
definition. Front matter, tables and math are not treated specially.

What :func:`mask_urls` masks (for plain text): URLs (``http://``, ``https://``, ``ftp://``,
lower-case ``www.``) up to the first space, quote, angle bracket or non-ASCII character,
without trailing punctuation; e-mail addresses; and a whole line that starts with a URL and
ends like a file name with no CJK character in between (PDF extraction keeps the spaces of
file names: ``https://…/ENVIRONMENTAL ASPECTS OF … MANAGEMENT. English.pdf``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from termkit.patterns import compile_pattern
from termkit.text.normalize import CJK, compiled

__all__ = ["mask_markdown", "mask_urls"]

_NOT_LINE_BREAK = compile_pattern("[^\r\n]")


def _blank(text: str) -> str:
    """Spaces for everything but line breaks."""
    return _NOT_LINE_BREAK.sub(" ", text)


def _blank_match(match: re.Match[str]) -> str:
    return _blank(match.group())


def _splice(
    text: str, spans: list[tuple[int, int]], fill: Callable[[str], str] = _blank
) -> str:
    """``text`` with the (sorted, disjoint) ``spans`` blanked (or replaced by ``fill``)."""
    if not spans:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(fill(text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# --- URLs --------------------------------------------------------------------------------------

# Printable ASCII except space, quotes and angle brackets: a URL stops at the first other
# character (a CJK character right after a URL is text: "见https://x.org。").
_URL_CHARS = "!#-&(-;=?-~"
# Patterns start with a literal ("://", "www.", "@") so that `re` finds candidates fast; the
# part before the literal is checked afterwards.
_AFTER_SCHEME = compile_pattern(f"://[{_URL_CHARS}]+")
_SCHEME = compile_pattern(r"(?<![A-Za-z0-9.+-])(?:https?|ftp)\Z", re.IGNORECASE)
_WWW = compile_pattern(f"www\\.(?<![A-Za-z0-9.+-]...\\.)[{_URL_CHARS}]+")
_WWW_SEARCH = compile_pattern(r"www\.")  # lower case only: a class here is 20 times slower
_EMAIL_DOMAIN = compile_pattern(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_EMAIL_LOCAL = compile_pattern(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*\Z")
_TRAILING_PUNCTUATION = ".,;:!?'\")]}*_"
_CJK_CHAR = f"[{CJK}]"
# A line that starts with a URL and ends with a file name: masked whole (spaces in file names).
_FILE_END = compile_pattern(r"\.[A-Za-z0-9]{2,5}[ \t]*\Z")


def _url_end(text: str, start: int, end: int) -> int:
    """Trim trailing punctuation, keeping a ``)`` that closes a ``(`` inside the URL."""
    while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def _to_end_of_file_line(text: str, start: int, end: int) -> int:
    """Extend a URL that starts a line to the line's end when the line ends with a file name."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return end
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_end - 1 : line_end] == "\r":
        line_end -= 1
    rest = text[end:line_end]
    if rest and not compiled(_CJK_CHAR).search(rest) and _FILE_END.search(rest):
        return line_end
    return end


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if ":" in text and "://" in text:  # one-character searches are much faster
        for match in _AFTER_SCHEME.finditer(text):
            scheme = _SCHEME.search(text, max(0, match.start() - 5), match.start())
            if scheme is not None:
                start = scheme.start()
                end = _url_end(text, start, match.end())
                spans.append((start, _to_end_of_file_line(text, start, end)))
    if _WWW_SEARCH.search(text):
        for match in _WWW.finditer(text):
            start = match.start()
            spans.append((start, _url_end(text, start, match.end())))
    if "@" in text:
        for match in _EMAIL_DOMAIN.finditer(text):
            local = _EMAIL_LOCAL.search(text, max(0, match.start() - 64), match.start())
            if local is not None:
                spans.append((local.start(), match.end()))
    spans.sort()
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def mask_urls(text: str) -> str:
    """``text`` with URLs and e-mail addresses blanked (same length; see the module doc)."""
    return _splice(text, _url_spans(text))


# --- Markdown ----------------------------------------------------------------------------------

FENCE = compile_pattern(r"^[ \t>]*(`{3,}|~{3,})([^\n]*)$", re.MULTILINE)
# Blank line(s), then lines indented by four spaces or a tab (the first one not blank).
# Anchored on "\n" for speed; the text is searched with "\n\n" in front (a block at the start).
_INDENTED_BLOCK = compile_pattern(
    r"\n(?:[ \t]*\r?\n)+"
    r"((?: {4}|\t)[ \t]*[^ \t\r\n][^\n]*(?:\n|\Z)(?:(?: {4}|\t)[^\n]*(?:\n|\Z)|[ \t]*\r?\n)*)"
)
_INDENTED_LINE = compile_pattern(r"\n(?: {4}|\t)[ \t]*[^ \t\r\n]")
_LIST_ITEM = compile_pattern(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")
_INLINE_CODE = compile_pattern(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_BLANK_LINE = compile_pattern(r"\n[ \t]*\r?\n")
_HTML_COMMENT = compile_pattern(r"<!--.*?-->", re.DOTALL)
_AUTOLINK = compile_pattern(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_HTML_TAG = compile_pattern(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>\s=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>`=]+))?)*\s*/?>"
)
_LINK_TARGET = compile_pattern(
    r"\]"
    r"(\((?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\))"
)
_REFERENCE_LABEL = compile_pattern(r"\](\[[^\[\]\n]*\])")
_REFERENCE_DEFINITION = compile_pattern(
    r"^ {0,3}\[(?!\^)[^\[\]\n]+\]:[ \t]*\S+"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$",
    re.MULTILINE,
)


def _line_matches(
    text: str, pattern: re.Pattern[str], markers: tuple[str, ...]
) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a one-line pattern anchored at a line start (``^``, in
    MULTILINE), tried only on the lines that hold one of ``markers``: ``re`` cannot skip ahead
    to a line start, and trying every position cost more than the rest of the masking."""
    line_starts: set[int] = set()
    for marker in markers:
        position = text.find(marker)
        while position >= 0:
            line_starts.add(text.rfind("\n", 0, position) + 1)
            line_end = text.find("\n", position)
            position = text.find(marker, line_end) if line_end >= 0 else -1
    found = (pattern.match(text, start) for start in sorted(line_starts))
    return [match for match in found if match is not None]


def _fenced_code_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    opening: re.Match[str] | None = None
    for match in _line_matches(text, FENCE, ("```", "~~~")):
        fence = match.group(1)
        if opening is None:
            if fence[0] == "`" and "`" in match.group(2):
                continue  # a backtick fence's info string has no backticks: inline code
            opening = match
        else:
            opened = opening.group(1)
            if fence[0] == opened[0] and len(fence) >= len(opened) and not match.group(2).strip():
                spans.append((opening.start(), match.end()))
                opening = None
    if opening is not None:
        spans.append((opening.start(), len(text)))
    return spans


def _indented_code_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    padded = "\n\n" + text
    for match in _INDENTED_BLOCK.finditer(padded):
        start = match.start(1) - 2
        # The last line before the blank line(s): after a list item or an indented line (its
        # continuation) the block is the item's next paragraph, which is prose.
        before = match.start() - 2  # the "\n" that ends that line
        last_line = text[text.rfind("\n", 0, max(before, 0)) + 1 : max(before, 0)]
        if before > 0 and (_LIST_ITEM.match(last_line) or last_line.startswith((" ", "\t"))):
            continue
        block = match.group(1).rstrip(" \t\r\n")
        spans.append((start, start + len(block)))
    return spans


def _mask_inline_code(text: str) -> str:
    """``_INLINE_CODE.sub`` blanking each code span that stays within one paragraph.

    The pattern starts with a lookbehind, which keeps ``re`` from skipping ahead to a backtick:
    it tries every position (40 µs for a 2 KB file). Trying it only at backticks gives the same
    spans, found left to right as ``sub`` does, in a sixth of the time.
    """
    pieces: list[str] = []
    done = position = 0
    while (position := text.find("`", position)) >= 0:
        match = _INLINE_CODE.match(text, position)
        if match is None:
            position += 1
            continue
        code = match.group()
        # a code span does not cross paragraphs
        pieces += [text[done:position], code if _BLANK_LINE.search(code) else _blank(code)]
        done = position = match.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _mask_group_1(match: re.Match[str]) -> str:
    start = match.start(1) - match.start()
    return match.group()[:start] + _blank(match.group(1))


DELETED = "\u200b"  # a character normalize() drops: markup that joins what it surrounds
# The characters of the markup that mask_markdown deletes: a replacement must not swallow them
MARKUP_CHARACTERS = ("*", "_", "[", "]", "!")
_STARS = compile_pattern(r"\*{1,3}")
_BLANK_LINE = compile_pattern(r"\n[ \t\r]*\n")
# ``_`` delimits emphasis only at a word's edge: ``__Global Environment Facility__``
_UNDERSCORES = compile_pattern(r"(?<![^\W_])_{1,3}(?=[^\W_])|(?<=[^\W_])_{1,3}(?![^\W_])")


def _emphasis_spans(text: str) -> list[tuple[int, int]]:
    """Emphasis delimiter runs: ``*`` runs that pair up in a paragraph, as CommonMark pairs them
    (simplified): a closer (a non-space before it) takes its stars from the latest openers (a
    non-space after them), so ``*it*``, ``**ENGO**s`` and ``**bold *UNEP***`` all pair. Never
    a run between spaces (``* item``, ``a * b``), escaped (``\\*``) or in a longer run
    (``****``, a rule); an unpaired star (``2*3``) is text. ``_`` runs at a word's edge."""
    spans: list[tuple[int, int]] = []
    if "*" in text:
        openers: list[list[int]] = []  # [start, end, stars not yet closed]
        last_end = 0
        for run in _STARS.finditer(text):
            start, end = run.span()
            if _BLANK_LINE.search(text, last_end, start):
                openers = []  # emphasis does not cross a paragraph
            last_end = end
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if (before.isspace() and after.isspace()) or "*" in (before, after) or before == "\\":
                continue
            stars = end - start
            if not before.isspace() and openers:
                while stars and openers:
                    opener = openers[-1]
                    taken = min(stars, opener[2])
                    stars -= taken
                    opener[2] -= taken
                    if opener[2] == 0:
                        spans.append((opener[0], opener[1]))
                        openers.pop()
                spans.append((start, end))
            elif not after.isspace():
                openers.append([start, end, stars])
    if "_" in text:
        spans.extend(run.span() for run in _UNDERSCORES.finditer(text))
    return _merge(sorted(spans))


def _link_brackets(text: str, closers: list[int]) -> list[tuple[int, int]]:
    """The ``[`` and ``]`` (and an image's ``!``) around link texts whose ``]`` is at
    ``closers``; the ``[`` is looked for in the same paragraph, at most 300 characters back."""
    spans = []
    for close in closers:
        floor = max(0, close - 300, text.rfind("\n\n", 0, close) + 1)
        opened = text.rfind("[", floor, close)
        if opened < 0:
            continue
        if opened > 0 and text[opened - 1] == "!":
            opened -= 1
        spans.append((opened, opened + (2 if text[opened] == "!" else 1)))
        spans.append((close, close + 1))
    return sorted(spans)


def _deleted(markup: str) -> str:
    return DELETED * len(markup)


# A line indented enough to be code inside a list item, or code inside a block quote: only then
# is the CommonMark parser asked (it costs a parse of the document).
_NESTED_CODE_HINT = compile_pattern(r"^(?: {4}|\t)[ \t]*\S|^(?:[ \t]*>)+(?: {5}|[ \t]*\t)", re.MULTILINE)
_PRE_BLOCK = compile_pattern(r"<pre\b[^>]*>.*?(?:</pre\s*>|\Z)", re.IGNORECASE | re.DOTALL)


def _nested_code_spans(text: str) -> list[tuple[int, int]]:
    """Code blocks inside list items and block quotes (indented or fenced deeper than the
    line-based rules look), found by markdown-it-py's CommonMark parser from its line maps."""
    from markdown_it import MarkdownIt

    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    spans = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type in ("code_block", "fence") and token.level > 0 and token.map:
            first, last = token.map
            end = starts[last] - 1 if last < len(starts) else len(text)
            spans.append((starts[first], max(end, starts[first])))
    return spans


def mask_markdown(text: str) -> str:
    """``text`` with code, comments, tags, URLs and link targets blanked, and emphasis and
    link-text brackets deleted (U+200B); same length."""
    if "```" in text or "~~~" in text:
        text = _splice(text, _fenced_code_spans(text))
    if _INDENTED_LINE.search("\n" + text):
        text = _splice(text, _indented_code_spans(text))
    if _NESTED_CODE_HINT.search(text) and any(
        _LIST_ITEM.match(line) or line.lstrip().startswith(">") for line in text.splitlines()
    ):
        text = _splice(text, _merge(sorted(_nested_code_spans(text))))
    if "<pre" in text or "<PRE" in text:
        text = _PRE_BLOCK.sub(_blank_match, text)
    if "`" in text:
        text = _mask_inline_code(text)
    if "<" in text:
        if "<!--" in text:
            text = _HTML_COMMENT.sub(_blank_match, text)
        text = _AUTOLINK.sub(_blank_match, text)
        text = _HTML_TAG.sub(_blank_match, text)
    brackets: list[int] = []  # the ] of link texts
    if "]" in text:
        if "](" in text:
            brackets += [match.start() for match in _LINK_TARGET.finditer(text)]
            text = _LINK_TARGET.sub(_mask_group_1, text)
        if "][" in text:
            brackets += [match.start() for match in _REFERENCE_LABEL.finditer(text)]
            text = _REFERENCE_LABEL.sub(_mask_group_1, text)
        if "]:" in text:
            definitions = _line_matches(text, _REFERENCE_DEFINITION, ("]:",))
            text = _splice(text, [match.span() for match in definitions])
    text = mask_urls(text)
    deleted = _merge(sorted(_emphasis_spans(text) + _link_brackets(text, brackets)))
    return _splice(text, deleted, _deleted)
