"""HTML pages (``.html``, ``.htm``): the text of the body, located in the file's own characters.

The page is read as text (its ``<meta charset>`` honoured) and *masked*: every character that is
not text of the page is replaced, one for one, so that the masked text is exactly as long as the
file, with its line breaks where the file has them. The matcher reads the masked text; a finding's
offsets, line and column are therefore those of the file, and ``--fix`` edits the file's text
exactly as for a plain-text file, never re-serialising the page.

- Tags of inline elements (``<b>``, ``<span>``, ``<a>``…), comments and declarations become zero-
  width spaces, which the normaliser deletes: ``多边环境<b>协议</b>`` reads as one term.
- Tags of block elements (``<p>``, ``<li>``, ``<td>``, headings…) become two paragraph separators
  (U+2029), which end a paragraph; ``<br>`` becomes one line separator.
- A character reference becomes its character and zero-width spaces (``&amp;`` → ``&`` and four).
- The content of ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``, ``title``,
  ``template``, ``svg`` and ``math`` is blanked, and attributes are markup (``alt`` and ``title``
  are not read).

The tokenizer is the standard library's :class:`html.parser.HTMLParser`, not lxml or html5lib:
both build a tree and keep no character offsets for text (lxml keeps an element's line only), and
this reader needs the offset of every character. ``HTMLParser`` reports the position of each
token, tolerates broken markup as browsers do, and reads the raw text of ``script`` and ``style``.
"""

from __future__ import annotations

import codecs
import re
from html import unescape
from html.parser import HTMLParser

__all__ = ["declared_charset", "mask_html"]

_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})
_SKIPPED = frozenset({
    # not "head": its end tag is optional; what it holds is void, or one of these
    "script", "style", "code", "pre", "kbd", "samp", "title", "template", "svg", "math",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
_HIDDEN = "\u200b"  # zero-width space: deleted by the normaliser
_PARAGRAPH = "\u2029"  # paragraph separator: a line break to the normaliser
_LINE = "\u2028"
_META = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# What browsers decode these labels as (the WHATWG Encoding Standard)
_WHATWG = {
    "gb2312": "gbk", "x-gbk": "gbk", "gbk": "gbk", "iso-8859-1": "cp1252", "latin1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "shift_jis": "cp932", "x-sjis": "cp932",
    "big5": "big5hkscs", "euc-kr": "cp949", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
}


def declared_charset(data: bytes) -> str | None:
    """The encoding a page's ``<meta charset>`` (or ``http-equiv`` content type) declares in
    its first 1,024 bytes, as a Python codec name; None when it declares none or an unknown one."""
    match = _META.search(data[:1024])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    label = _WHATWG.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # a page saying UTF-16 in ASCII bytes is not UTF-16 (the standard reads it as UTF-8)
    return "utf-8" if name.startswith("utf-16") else name


def _reference(raw: str) -> str:
    """A character reference (``&amp;``, ``&#x591A;``) as its character(s) and zero-width
    spaces. A legacy reference without its semicolon may run into letters (``&nbspmember``):
    the letters it does not name stay where they are."""
    decoded = unescape(raw)
    if not raw.startswith("&") or decoded == raw:
        return raw
    tail = 0  # the letters after the reference: the same at the end of both
    while (tail < len(decoded) - 1 and tail < len(raw) - 1
           and decoded[-1 - tail] == raw[-1 - tail]):
        tail += 1
    reference, characters = raw[:len(raw) - tail], decoded[:len(decoded) - tail]
    if len(characters) > len(reference):
        return raw
    return characters + _blank(reference[len(characters):], _HIDDEN) + raw[len(raw) - tail:]


def _blank(raw: str, fill: str) -> str:
    """``raw`` with every character but line breaks replaced by ``fill``."""
    return "".join(char if char in "\r\n" else fill for char in raw)


class _Tokens(HTMLParser):
    """Records each token's kind, name and start; the masker slices the text between starts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[tuple[tuple[int, int], str, str]] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tokens.append((self.getpos(), "start", tag))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.tokens.append((self.getpos(), "void", tag))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append((self.getpos(), "end", tag))

    def handle_data(self, data: str) -> None:
        self.tokens.append((self.getpos(), "data", ""))

    def handle_entityref(self, name: str) -> None:
        self.tokens.append((self.getpos(), "ref", ""))

    def handle_charref(self, name: str) -> None:
        self.tokens.append((self.getpos(), "ref", ""))

    def handle_comment(self, data: str) -> None:
        self.tokens.append((self.getpos(), "markup", ""))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append((self.getpos(), "markup", ""))

    def handle_pi(self, data: str) -> None:
        self.tokens.append((self.getpos(), "markup", ""))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append((self.getpos(), "markup", ""))


def mask_html(text: str) -> str:
    """``text`` (an HTML page) with everything that is not text of its body masked, one
    character for one (see the module's documentation)."""
    tokens = _Tokens()
    tokens.feed(text)
    tokens.close()
    line_starts = [0]
    line_starts += [match.end() for match in re.finditer("\n", text)]
    starts = [line_starts[line - 1] + column for (line, column), _kind, _tag in tokens.tokens]
    out: list[str] = []
    covered = starts[0] if starts else len(text)
    out.append(_blank(text[:covered], " "))
    skipped: list[str] = []
    for index, (_where, kind, tag) in enumerate(tokens.tokens):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        if start < covered:  # never: tokens come in order; a safeguard against overlaps
            start = covered
        raw = text[start:end]
        covered = max(covered, end)
        if kind == "data":
            out.append(_blank(raw, " ") if skipped else raw)
        elif kind == "ref":
            if skipped:
                out.append(_blank(raw, " "))
            else:
                out.append(_reference(raw))
        elif kind in ("start", "end", "void"):
            if kind == "start" and tag in _SKIPPED and tag not in _VOID:
                skipped.append(tag)
            elif kind == "end" and tag in skipped:
                while skipped and skipped.pop() != tag:
                    pass
            if tag in _BLOCK and len(raw) >= 2 and "\n" not in raw[:2] and "\r" not in raw[:2]:
                out.append(_PARAGRAPH * 2 + _blank(raw[2:], _HIDDEN))
            elif tag == "br" and raw and raw[0] not in "\r\n":
                out.append(_LINE + _blank(raw[1:], _HIDDEN))
            else:
                out.append(_blank(raw, _HIDDEN))
        else:
            out.append(_blank(raw, _HIDDEN))
    masked = "".join(out)
    if len(masked) != len(text):  # never; the masked text must stand where the file's does
        raise AssertionError("the masked page is not as long as the page")
    return masked
