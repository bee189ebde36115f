"""Bilingual tables: TSV (tab-separated, no quoting, as IANA defines it) and CSV (RFC 4180
quoting), one segment per row, the columns named by a header row or by ``--columns``."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from termkit.bilingual import TABLE_SUFFIXES
from termkit.bilingual.units import BilingualFile, Located, OffsetMap, Unit
from termkit.errors import InputError
from termkit.i18n import T_

__all__ = ["TABLE_SUFFIXES", "read_table"]

_ID_NAMES = frozenset({"id", "segment", "seg", "tuid", "key"})
_SKIP = frozenset({"-", "_", ""})


def _records(text: str, delimiter: str, quoting: bool) -> list[list[tuple[str, OffsetMap]]]:
    """The table's rows, each cell with its map to the file (a CSV tokenizer that keeps
    positions; its cells are checked against the ``csv`` module's below)."""
    rows: list[list[tuple[str, OffsetMap]]] = []
    k, size = 0, len(text)
    while k < size:
        row: list[tuple[str, OffsetMap]] = []
        while True:
            parts: list[str] = []
            offsets = OffsetMap()
            if quoting and k < size and text[k] == '"':
                k += 1
                while k < size:
                    if text[k] == '"':
                        if k + 1 < size and text[k + 1] == '"':
                            parts.append('"')
                            offsets.add(1, k, width=2)
                            k += 2
                            continue
                        k += 1
                        break
                    run = k
                    while k < size and text[k] != '"':
                        k += 1
                    parts.append(text[run:k])
                    offsets.add(k - run, run)
            run = k
            while k < size and text[k] not in (delimiter, "\n", "\r"):
                k += 1
            parts.append(text[run:k])
            offsets.add(k - run, run)
            row.append(("".join(parts), offsets))
            if k < size and text[k] == delimiter:
                k += 1
                continue
            break
        if text.startswith("\r\n", k):
            k += 2
        elif k < size:
            k += 1
        rows.append(row)
    return rows


def read_table(
    text: str,
    path: str,
    *,
    delimiter: str,
    languages: Sequence[str],
    columns: Sequence[str] = (),
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> BilingualFile:
    """The rows of a bilingual table as units. ``columns`` names each column (a language tag,
    ``id``, or ``-`` for one to leave out); without it, the header row must name the language
    columns with tags of the termbase's ``languages`` (``en``, ``zh``, ``zh-CN``…)."""
    quoting = delimiter != "\t"
    rows = _records(text, delimiter, quoting)
    expected = list(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                   quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE)
    )
    cells = [[cell for cell, _ in row] for row in rows]
    if [row for row in cells if row != [""]] != [row for row in expected if row]:
        raise InputError(
            T_(
                "cannot read this table's quoting (quote whole cells, doubling quotes inside "
                "them)",
            ),
            path,
        )
    rows = [row for row in rows if any(cell.strip() for cell, _ in row)]
    if not rows:
        return BilingualFile(path, text, (), source_lang, target_lang)
    names, body = _column_names(rows, columns)
    language_columns = [(k, n) for k, n in enumerate(names)
                        if n not in _SKIP and n.casefold() not in _ID_NAMES
                        and _is_language(n, languages)]
    if len(language_columns) < 2:
        raise InputError(
            T_(
                "cannot tell the table's languages: give a header row naming them (id, en, zh) "
                "or --columns en,zh",
            ), path, 1, 1,
        )
    source = _choose(language_columns, source_lang) or language_columns[0]
    others = [c for c in language_columns if c != source]
    target = _choose(others, target_lang) if target_lang else (others[0] if len(others) == 1
                                                                   else None)
    if target is None:
        raise InputError(
            T_(
                "the table has columns in {value}: say which is the target with --lang",
                value=', '.join((n for _, n in others)),
            ), path,
        )
    id_column = next((k for k, n in enumerate(names) if n.casefold() in _ID_NAMES), None)
    first_row = len(rows) - len(body) + 1
    units = []
    for number, row in enumerate(body, start=first_row):
        if len(row) <= source[0]:
            continue
        unit_id = row[id_column][0] if id_column is not None and id_column < len(row) else ""
        source_text, source_map = row[source[0]]
        target_cell = row[target[0]] if target[0] < len(row) else None
        if not source_text.strip():
            continue
        located = (
            Located(*target_cell) if target_cell is not None and target_cell[0].strip() else None
        )
        units.append(Unit(unit_id or f"row {number}", Located(source_text, source_map), located))
    return BilingualFile(path, text, tuple(units), source[1], target[1])


def _is_language(name: str, languages: Sequence[str]) -> bool:
    from termkit.langtags import match_language

    try:
        return match_language(name, list(languages)) is not None
    except ValueError:
        return False


Row = list[tuple[str, OffsetMap]]


def _column_names(rows: list[Row], columns: Sequence[str]) -> tuple[list[str], list[Row]]:
    """Each column's name (a language tag, ``id``, ``-``) and the rows below the header: the
    header's names, or ``columns`` (names of the header's columns, picked out of it; or, when
    the first row is no header of them, of every column in order)."""
    header = [cell.strip() for cell, _ in rows[0]]
    if not columns:
        return header, rows[1:]
    lowered = [h.casefold() for h in header]
    named = [n for n in columns if n not in _SKIP]
    if not all(n.casefold() in lowered for n in named):
        return list(columns), rows
    picked = ["-"] * len(header)
    for name in named:
        picked[lowered.index(name.casefold())] = name
    return picked, rows[1:]


def _choose(columns: list[tuple[int, str]], wanted: str | None) -> tuple[int, str] | None:
    """The column whose language ``wanted`` names (the same tag, else the same primary one)."""
    if wanted is None:
        return None
    from termkit.langtags import primary_subtag

    for column in columns:
        if column[1].casefold() == wanted.casefold():
            return column
    for column in columns:
        if primary_subtag(column[1]) == primary_subtag(wanted):
            return column
    return None
