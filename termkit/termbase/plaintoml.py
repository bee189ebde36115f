"""A fast reader for the plain TOML that large termbases are written in, or None for any other.

``tomli`` reads a 20,000-concept termbase in 2 s and holds some 500 MB at 80,000 (it keeps a
tree of flags beside the tables). Generated and exported termbases are plain: table headers of
bare keys, and one ``key = value`` a line, the values strings without escapes, booleans, and
arrays and inline tables of those on one line. This reads exactly that, line by line with
regular expressions, in a fifth of the time, and gives up (None) on anything else (an escape,
a dotted key, a number, a value that spans lines, a table declared twice, a duplicate key, a
comment with a control character…): the caller then parses with ``tomli``, which also gives
the messages of the documents that are not TOML at all. Whenever this returns a document it is
the one ``tomli`` returns (``tests/test_plaintoml.py`` checks them against each other).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["read_plain_toml"]

# TOML's whitespace is space and tab; a comment may hold any character but the controls.
_WS = "[ \t]*"
_COMMENT = "(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
_BARE_KEY = "[A-Za-z0-9_-]+"
# Strings without escapes: a basic one without backslashes, or a literal one.
_BASIC_CHARS = "[^\"\\\\\x00-\x08\x0a-\x1f\x7f]*"
_STRING = f"\"{_BASIC_CHARS}\"|'[^'\x00-\x08\x0a-\x1f\x7f]*'"
_SCALAR = f"{_STRING}|true|false"
# Whitespace is never on both sides of an optional part: a run of spaces then has one way to
# match, and a line that is not plain is refused in linear time.
_ARRAY = rf"\[{_WS}(?:(?:{_STRING}){_WS},{_WS})*(?:(?:{_STRING}){_WS})?\]"
_PAIR = f"{_BARE_KEY}{_WS}={_WS}(?:{_STRING})"
_INLINE = rf"\{{{_WS}(?:{_PAIR}{_WS}(?:,{_WS}{_PAIR}{_WS})*)?\}}"
_LINE = re.compile(
    rf"{_WS}(?:(?:"
    rf"\[(?P<header>{_BARE_KEY}(?:\.{_BARE_KEY})*)\]"
    rf"|(?P<key>{_BARE_KEY}){_WS}={_WS}(?P<value>{_SCALAR}|{_ARRAY}|{_INLINE})"
    rf"){_WS})?{_COMMENT}"
)
# Every line of the text, in order: the two that nearly every line of a large termbase is,
# ``[concept.id.lang]`` and ``key = "string"``, picked out, and any other line as it is.
_LINES = re.compile(
    rf'^(?:\[({_BARE_KEY}(?:\.{_BARE_KEY})*)\]|({_BARE_KEY}) = "({_BASIC_CHARS})"|(.*))\r?\n',
    re.MULTILINE,
)
_ITEM = re.compile(_STRING)
_INLINE_PAIR = re.compile(f"({_BARE_KEY}){_WS}={_WS}({_STRING})")


def read_plain_toml(text: str) -> dict[str, Any] | None:
    """The document ``text`` holds, when it is plain TOML (see the module's documentation);
    None for any other, valid or not."""
    root: dict[str, Any] = {}
    table = root
    declared: set[tuple[str, ...]] = set()  # tables declared by a header
    inline: set[int] = set()  # ids of inline tables, which no header may open or extend
    match_line = _LINE.fullmatch
    # Each line's key and header parts are new strings: the same few keys (full, en…) over
    # and over, a million times in a large termbase (90 MB at 80,000 concepts), unless shared.
    # Shared through this table, not sys.intern: interned strings can outlive the termbase.
    shared: dict[str, str] = {}
    intern = shared.setdefault
    if text.endswith("\r"):
        return None  # a carriage return that ends no line: an error
    if not text.endswith("\n"):
        text += "\n"
    # Line by line (finditer): findall's list of a tuple per line would hold more than the
    # document does (250 MB at 80,000 concepts, 1,160,000 lines), all at once.
    for line in _LINES.finditer(text):
        header, key, value, other = line.groups()
        if key:
            if key in table:
                return None  # a duplicate key: an error
            table[intern(key, key)] = value
            continue
        if not header:
            match = match_line(other[:-1] if other.endswith("\r") else other)
            if match is None:
                return None
            key = match["key"]
            if key is not None:
                if key in table:
                    return None
                value = _value(match["value"])
                if value is None:
                    return None
                if type(value) is dict:
                    inline.add(id(value))
                table[key] = value
                continue
            header = match["header"]
            if header is None:
                continue  # a blank line or a comment
        path = tuple([intern(part, part) for part in header.split(".")])
        if path in declared:
            return None  # a table declared twice: an error
        declared.add(path)
        table = root
        for part in path:
            inner = table.get(part)
            if inner is None:
                inner = table[part] = {}
            elif type(inner) is not dict or id(inner) in inline:
                return None  # a value, an array of tables or an inline table: not opened so
            table = inner
    return root


def _value(written: str) -> Any:
    """The value of a line's ``written`` value; None for a duplicate key in an inline table."""
    first = written[0]
    if first == '"' or first == "'":
        return written[1:-1]
    if first == "t":
        return True
    if first == "f":
        return False
    if first == "[":
        return [item[1:-1] for item in _ITEM.findall(written)]
    table: dict[str, str] = {}
    for key, value in _INLINE_PAIR.findall(written):
        if key in table:
            return None
        table[key] = value[1:-1]
    return table
