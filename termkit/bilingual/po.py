"""gettext PO files: each message's msgid (source) and msgstr (target), located in the file.

Babel's PO parser reads the catalogue (header, plural forms, contexts, obsolete entries); the
position of each msgstr's characters is then found by reading its quoted strings from the line
Babel gives, escapes resolved (``\\"`` is one character, located at its backslash).
"""

from __future__ import annotations

import io

from termkit.bilingual.units import BilingualFile, Located, OffsetMap, Unit
from termkit.errors import InputError
from termkit.i18n import T_
from termkit.text.lines import LineIndex

__all__ = ["read_po"]

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}


def read_po(data: bytes, path: str, *, source_lang: str | None = None) -> BilingualFile:
    """The translated messages of a PO file; untranslated ones are units without a target.
    The target language is the header's ``Language``; msgids are in ``source_lang`` (gettext's
    convention, and the default: English). Fuzzy messages are checked (their text is in the
    file and will be reviewed); obsolete ones (``#~``) are not."""
    from babel.messages.pofile import PoFileError
    from babel.messages.pofile import read_po as babel_read_po

    try:
        catalog = babel_read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise InputError(T_("not a valid PO file: {reason}", reason=error), path) from None
    charset = catalog.charset or "utf-8"
    try:
        text = data.decode(charset).removeprefix("\ufeff")
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(
            T_(
                "cannot decode as {charset}: {reason}",
                charset=charset, reason=error,
            ),
            path,
        ) from None
    index = LineIndex(text)
    units: list[Unit] = []
    for message in catalog:
        if not message.id or not message.lineno:
            continue  # the header
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        raw = message.string if isinstance(message.string, tuple) else (message.string,)
        strings = [str(string or "") for string in raw]
        at = index.offset(message.lineno)
        entries = _entries(text, at)
        sources = [located for keyword, located in entries if keyword.startswith("msgid")]
        targets = [located for keyword, located in entries if keyword.startswith("msgstr")]
        prefix = f"{message.context}|" if message.context else ""
        for k, string in enumerate(strings):
            source_text = str(ids[min(k, len(ids) - 1)])
            source = _found(sources, min(k, len(ids) - 1), source_text, at)
            unit_id = prefix + str(ids[0]) + (f"[{k}]" if len(strings) > 1 else "")
            target = _found(targets, k, string, at) if string.strip() else None
            units.append(Unit(unit_id, source, target))
    locale = catalog.locale_identifier if catalog.locale else None
    return BilingualFile(path, text, tuple(units), source_lang or "en", locale)


def _at(length: int, offset: int) -> OffsetMap:
    """A map that puts every character at ``offset``."""
    offsets = OffsetMap()
    offsets.add(length, offset, width=1)
    return offsets


def _found(located: list[Located], k: int, expected: str, fallback: int) -> Located:
    """The ``k``-th string read at the message, if it is what Babel read; else ``expected``
    with every character at the message's line (an unusual layout)."""
    if k < len(located) and located[k].text == expected:
        return located[k]
    return Located(expected, _at(len(expected), fallback))


def _entries(text: str, start: int) -> list[tuple[str, Located]]:
    """The keyword strings of the message at ``start`` (``msgctxt``, ``msgid``,
    ``msgid_plural``, ``msgstr``, ``msgstr[n]``), in order, each located."""
    found: list[tuple[str, Located]] = []
    current: tuple[str, list[str], OffsetMap] | None = None
    position = start
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        line = text[position:end]
        stripped = line.lstrip()
        if stripped.startswith("msg"):
            if current is not None:
                found.append((current[0], Located("".join(current[1]), current[2])))
            keyword = stripped.split(None, 1)[0]
            current = (keyword, [], OffsetMap())
            quote = line.find('"')
            if quote != -1:
                _read_string(line, quote, position, (current[1], current[2]))
        elif stripped.startswith('"') and current is not None:
            _read_string(line, line.find('"'), position, (current[1], current[2]))
        elif current is not None:
            break  # the message ends: a blank line, a comment, the next message
        position = end + 1
    if current is not None:
        found.append((current[0], Located("".join(current[1]), current[2])))
    return found


def _read_string(line: str, quote: int, base: int, into: tuple[list[str], OffsetMap]) -> None:
    """The quoted string of ``line`` that opens at ``quote``, escapes resolved, into ``into``."""
    parts, offsets = into
    k = quote + 1
    while k < len(line) and line[k] != '"':
        if line[k] == "\\" and k + 1 < len(line):
            parts.append(_ESCAPES.get(line[k + 1], line[k + 1]))
            offsets.add(1, base + k, width=2)
            k += 2
            continue
        run = k
        while k < len(line) and line[k] not in '"\\':
            k += 1
        parts.append(line[run:k])
        offsets.add(k - run, base + run)
