"""reStructuredText: what is code, not prose, blanked as Markdown code is (same length, so that
every offset still points into the original).

- literal blocks: the indented block after a paragraph that ends with ``::`` (``Example::`` or a
  lone ``::``), up to the first line indented no deeper than that paragraph;
- code directives and their bodies: ``.. code-block::``, ``.. code::``, ``.. sourcecode::``,
  ``.. literalinclude::``, ``.. math::``, ``.. raw::``;
- inline literals (````text````) and the code and math roles (``:code:`x```, ``:math:`x```).

Comments (``.. termkit: ignore``) stay: suppressions live there. URLs are masked as in plain text.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from termkit.patterns import compile_pattern
from termkit.text.markdown import mask_urls

__all__ = ["RST_SUFFIXES", "is_rst_path", "mask_rst"]

RST_SUFFIXES = frozenset({".rst", ".rest"})
_CODE_DIRECTIVE = compile_pattern(
    r"^([ \t]*)\.\.[ \t]+(?:code-block|code|sourcecode|literalinclude|math|raw)::", re.IGNORECASE
)
_INLINE = compile_pattern(r"``[^`\n](?:[^`]|`(?!`))*?``|:(?:code|math|literal):`[^`]*`")
_NOT_LINE_BREAK = compile_pattern("[^\r\n]")


def is_rst_path(path: str | PurePath) -> bool:
    """Does the file name say reStructuredText (``.rst``, ``.rest``, any case)?"""
    return PurePath(path).suffix.lower() in RST_SUFFIXES


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _block_end(lines: list[str], first: int, indent: int) -> int:
    """The index of the first line after ``first`` that is not blank and is indented no deeper
    than ``indent`` (the end of an indented block that starts after line ``first``)."""
    k = first + 1
    while k < len(lines) and (not lines[k].strip() or _indent(lines[k]) > indent):
        k += 1
    while k > first + 1 and not lines[k - 1].strip():
        k -= 1  # trailing blank lines stay outside
    return k


def _code_lines(lines: list[str]) -> list[tuple[int, int]]:
    """Ranges of line indices (start inclusive, end exclusive) that hold code."""
    ranges: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        line = lines[k].rstrip("\r\n")
        directive = _CODE_DIRECTIVE.match(line)
        if directive:
            end = _block_end(lines, k, len(directive.group(1)))
            ranges.append((k, end))
            k = end
            continue
        if line.rstrip().endswith("::") and not line.lstrip().startswith(".."):
            end = _block_end(lines, k, _indent(line))
            if end > k + 1:
                ranges.append((k + 1, end))
                k = end
                continue
        k += 1
    return ranges


def mask_rst(text: str) -> str:
    """``text`` with its literal blocks, code directives and inline literals blanked."""
    if "::" in text:
        lines = text.splitlines(keepends=True)
        for start, end in _code_lines(lines):
            for k in range(start, end):
                lines[k] = _NOT_LINE_BREAK.sub(" ", lines[k])
        text = "".join(lines)
    if "`" in text:
        text = _INLINE.sub(lambda m: " " * len(m.group()), text)
    return mask_urls(text)
