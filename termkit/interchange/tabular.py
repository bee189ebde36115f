"""CSV and TSV in and out: a long table that round-trips, and a wide one for spreadsheets.

The long table has one row per term, plus rows without a term for what belongs to a concept, to a
concept in one language, or to the whole termbase (the layout is in ``docs/json-format.md``)::

    concept,lang,term,type,status,note,source,plural,domain,definition,related,well-known,acronyms-from
    ,en fr zh,Minerals and metals,,,,,,,,,,zh=en
    OEWG,,,,,,,,UN bodies,,UNEA,,
    OEWG,en,,,,,,,,A working group that…,,,
    OEWG,en,open-ended working group,full,preferred,,,,,,,,

The wide table has one row per concept and, per language, the preferred full form and acronym
(``concept,en,en acronym,fr,fr acronym``); it loses everything else, so it is for reading.

Both are written for spreadsheets, which run a cell that starts with ``=``, ``+``, ``-``, ``@``,
TAB or CR as a formula (CSV injection: ``=cmd|' /C calc'!A0``, ``=HYPERLINK(…)``). As OWASP
advises, such a cell gets a ``'`` in front (:func:`escape_formula`); so does one that starts with
apostrophes followed by one of those characters (``'-ene`` is written ``''-ene``), so that
reading removes exactly the apostrophe writing added (:func:`unescape_formula`): a leading ``'``
is removed only when what follows it, after any further apostrophes, is one of those characters.
A round trip is exact; ``'tis`` is written and read as it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from termkit.errors import InputError
from termkit.i18n import T_
from termkit.interchange.common import (
    DraftConcept,
    DraftTerm,
    DraftTermbase,
    ImportResult,
    collapse_space,
    own_terms,
)
from termkit.langtags import normalize_tag
from termkit.model import Status, Termbase, TermType

__all__ = [
    "FORMULA_TRIGGERS",
    "LONG_COLUMNS",
    "escape_formula",
    "read_table",
    "unescape_formula",
    "write_long",
    "write_wide",
]

LONG_COLUMNS = (
    "concept",
    "lang",
    "term",
    "type",
    "status",
    "note",
    "source",
    "plural",
    "domain",
    "definition",
    "related",
    "well-known",
    "acronyms-from",
)
REQUIRED_LONG = ("concept", "lang", "term")
RELATED_SEPARATOR = " | "
# Header spellings other tools use for the same columns.
_ALIASES = {
    "id": "concept",
    "concept id": "concept",
    "entry": "concept",
    "language": "lang",
    "term type": "type",
    "termtype": "type",
    "administrative status": "status",
    "administrativestatus": "status",
    "subject field": "domain",
    "subjectfield": "domain",
    "well known": "well-known",
    "wellknown": "well-known",
    "acronyms from": "acronyms-from",
}
_TYPES = {
    "full": TermType.FULL,
    "fullform": TermType.FULL,
    "acronym": TermType.ACRONYM,
    "abbreviation": TermType.ACRONYM,
    "short": TermType.SHORT,
    "shortform": TermType.SHORT,
}
_TRUE = ("true", "yes", "1", "x")


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP's list)."""


def _delimiter(fmt: str) -> str:
    return "\t" if fmt == "tsv" else ","


def escape_formula(cell: str) -> str:
    """``cell`` with a ``'`` in front when a spreadsheet would run it as a formula.

    That is when its first character, after any apostrophes, is one of
    :data:`FORMULA_TRIGGERS`: ``-ene`` → ``'-ene``, ``'-ene`` → ``''-ene``; ``'tis`` and
    ``x=1`` are left as they are. :func:`unescape_formula` reverses it exactly.
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_TRIGGERS) else cell


def unescape_formula(cell: str) -> str:
    """``cell`` without the ``'`` that :func:`escape_formula` put in front, if it has one."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


# --- writing ---------------------------------------------------------------------------------


class _Rows:
    """A CSV writer whose cells are escaped (:func:`escape_formula`) when ``escape`` is set."""

    def __init__(self, out: io.StringIO, fmt: str, escape: bool) -> None:
        self._writer = csv.writer(
            out, delimiter=_delimiter(fmt), lineterminator="\r\n" if fmt == "csv" else "\n"
        )
        self._escape = escape

    def header(self, names: Sequence[str]) -> None:
        self._writer.writerow(names)

    def row(self, cells: Sequence[str]) -> None:
        self._writer.writerow([escape_formula(c) for c in cells] if self._escape else cells)

    def long_row(self, values: Mapping[str, str]) -> None:
        self.row([values.get(column, "") for column in LONG_COLUMNS])


def write_long(termbase: Termbase, fmt: str = "csv", *, escape_formulas: bool = True) -> str:
    """The termbase as a long table (one row per term); reading it back gives an equal one.

    ``escape_formulas``: put a ``'`` before cells a spreadsheet would run
    (:func:`escape_formula`); :func:`read_table` removes it.
    """
    out = io.StringIO()
    writer = _Rows(out, fmt, escape_formulas)
    writer.header(LONG_COLUMNS)
    writer.long_row(
        {
            "term": termbase.name,
            "lang": " ".join(termbase.languages),
            "acronyms-from": " ".join(f"{b}={lend}" for b, lend in termbase.acronyms_from.items()),
        }
    )
    for concept in termbase:
        terms = own_terms(concept)
        languages = list(
            dict.fromkeys([*(t.lang for t in terms), *concept.language_notes, *concept.definitions])
        )
        has_fields = (
            concept.domain is not None
            or concept.note is not None
            or concept.related
            or concept.well_known
        )
        if has_fields or not languages:
            writer.long_row(
                {
                    "concept": concept.id,
                    "domain": concept.domain or "",
                    "note": concept.note or "",
                    "related": RELATED_SEPARATOR.join(concept.related),
                    "well-known": "true" if concept.well_known else "",
                }
            )
        for lang in languages:
            if lang in concept.definitions or lang in concept.language_notes:
                writer.long_row(
                    {
                        "concept": concept.id,
                        "lang": lang,
                        "definition": concept.definitions.get(lang, ""),
                        "note": concept.language_notes.get(lang, ""),
                    }
                )
            for term in terms:
                if term.lang == lang:
                    writer.long_row(
                        {
                            "concept": concept.id,
                            "lang": lang,
                            "term": term.text,
                            "type": term.type.value,
                            "status": term.status.value,
                            "note": term.note or "",
                            "source": term.source or "",
                            "plural": term.plural or "",
                        }
                    )
    return out.getvalue()


def write_wide(termbase: Termbase, fmt: str = "csv", *, escape_formulas: bool = True) -> str:
    """One row per concept: its preferred full form and acronym in each language.

    ``escape_formulas`` as for :func:`write_long`.
    """
    out = io.StringIO()
    writer = _Rows(out, fmt, escape_formulas)
    languages = termbase.languages or tuple(
        dict.fromkeys(t.lang for t in termbase.terms() if t.borrowed_from is None)
    )
    writer.header(["concept", *(col for lang in languages for col in (lang, f"{lang} acronym"))])
    for concept in termbase:
        row = [concept.id]
        for lang in languages:
            full = concept.preferred_term(lang, TermType.FULL)
            acronym = concept.preferred_term(lang, TermType.ACRONYM)
            row.append(full.text if full else "")
            row.append(acronym.text if acronym and acronym.borrowed_from is None else "")
        writer.row(row)
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WideColumn:
    index: int
    lang: str
    type: TermType


def _normal_header(name: str) -> str:
    key = " ".join(name.strip().lower().replace("_", " ").split())
    return _ALIASES.get(key, key)


def _sniff_delimiter(first_line: str, fmt: str) -> str:
    if fmt == "tsv":
        return "\t"
    candidates = [",", ";"] if fmt == "csv" else ["\t", ",", ";"]
    # Excel writes ";" where the decimal separator is a comma (French locales).
    return max(candidates, key=first_line.count)


def read_table(data: bytes, path: str, fmt: str = "auto") -> ImportResult:
    """Read a long or wide CSV/TSV table (told apart by its header) into a termbase.

    A cell's leading ``'`` that :func:`escape_formula` adds is removed (:func:`unescape_formula`).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            T_("the table is not valid UTF-8 (save it as CSV UTF-8)"), path, line
        ) from None
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line, fmt))
    rows = _rows(reader, path)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise InputError(T_("the table is empty: it needs a header row"), path, 1)
    header = [_normal_header(cell) for cell in rows[0]]
    if {"term", "lang", "type", "status"} & set(header):
        return _read_long(header, rows[1:], path)
    return _read_wide(header, rows[1:], path)


def _rows(reader: Iterator[list[str]], path: str) -> list[list[str]]:
    """The table's rows, formula escapes removed; a CSV error at the line of its row. csv's
    limit on a cell (128 KiB) stays: a cell that long is a quote left open, not a term."""
    rows: list[list[str]] = []
    line = 1  # where the row being read starts
    try:
        for row in reader:
            rows.append([unescape_formula(cell) for cell in row])
            line = getattr(reader, "line_num", line) + 1
    except csv.Error as exc:
        if "field limit" in str(exc):
            message = (
                f"a cell runs over {csv.field_size_limit():,} characters (is a quote left open?)"
            )
        else:
            message = f"CSV syntax error: {exc}"
        raise InputError(message, path, line) from None
    return rows


def _expected() -> str:
    return (
        "a long table needs the columns "
        + ", ".join(REQUIRED_LONG)
        + " (and may have "
        + ", ".join(c for c in LONG_COLUMNS if c not in REQUIRED_LONG)
        + "); a wide table needs concept and a column per language (en, en acronym, en short…)"
    )


def _read_long(header: list[str], rows: list[list[str]], path: str) -> ImportResult:
    unknown = [name for name in header if name and name not in LONG_COLUMNS]
    missing = [c for c in REQUIRED_LONG if c not in header]
    if unknown or missing:
        problem = []
        if unknown:
            problem.append("cannot map the column(s) " + ", ".join(repr(u) for u in unknown))
        if missing:
            problem.append("missing the column(s) " + ", ".join(missing))
        raise InputError("; ".join(problem) + ": " + _expected(), path, 1)
    draft = DraftTermbase(name=Path(path).stem, path=path)
    concepts: dict[str, DraftConcept] = {}
    for number, row in enumerate(rows, start=2):
        cell = {name: (row[i] if i < len(row) else "") for i, name in enumerate(header) if name}
        concept_id = cell.get("concept", "").strip()
        lang = cell.get("lang", "").strip()
        term = collapse_space(cell.get("term", ""))
        if not any(v.strip() for v in cell.values()):
            continue
        if not concept_id:
            # The termbase row: name, declared languages, borrowings.
            draft.name = cell.get("term", "").strip() or draft.name
            draft.languages = lang.split()
            for pair in cell.get("acronyms-from", "").split():
                borrower, _, lender = pair.partition("=")
                if not (borrower and lender):
                    raise InputError(
                        T_(
                            "acronyms-from: {pair!r} is not LANG=LANG",
                            pair=pair,
                        ),
                        path, number,
                    )
                draft.acronyms_from[borrower] = lender
            continue
        concept = concepts.get(concept_id)
        if concept is None:
            concept = concepts[concept_id] = DraftConcept(id=concept_id)
            draft.concepts.append(concept)
        if lang:
            _check_tag(lang, path, number)
        if not lang:
            concept.domain = cell.get("domain") or concept.domain
            if cell.get("note"):
                concept.notes.append(cell["note"])
            related = cell.get("related", "")
            concept.related.extend(r.strip() for r in related.split("|") if r.strip())
            concept.well_known = concept.well_known or (
                cell.get("well-known", "").strip().lower() in _TRUE
            )
        elif not term:
            if cell.get("definition"):
                concept.add_definition(lang, cell["definition"])
            if cell.get("note"):
                concept.add_language_note(lang, cell["note"])
        else:
            concept.terms.append(
                DraftTerm(
                    text=term,
                    lang=lang,
                    type=_term_type(cell.get("type", ""), path, number),
                    status=_status(cell.get("status", ""), path, number),
                    notes=[cell["note"]] if cell.get("note") else [],
                    sources=[cell["source"]] if cell.get("source") else [],
                    plural=cell.get("plural") or None,
                )
            )
    return draft.finish()


def _check_tag(lang: str, path: str, line: int) -> str:
    try:
        return normalize_tag(lang)
    except ValueError as exc:
        raise InputError(str(exc), path, line) from None


def _term_type(value: str, path: str, line: int) -> TermType:
    key = value.strip().lower().replace(" ", "").replace("-", "")
    if not key:
        return TermType.FULL
    if key not in _TYPES:
        raise InputError(
            T_("unknown term type {value!r} (expected full, acronym or short)", value=value), path, line
        )
    return _TYPES[key]


def _status(value: str, path: str, line: int) -> Status | None:
    key = value.strip().lower().removesuffix("-admn-sts").removesuffix("term")
    if not key:
        return None
    try:
        return Status(key)
    except ValueError:
        raise InputError(
            T_(
                "unknown status {value!r} (expected preferred, admitted or deprecated)",
                value=value,
            ), path, line
        ) from None


def _wide_columns(header: list[str], path: str) -> tuple[int | None, list[_WideColumn]]:
    concept_index: int | None = None
    columns: list[_WideColumn] = []
    unknown: list[str] = []
    for index, name in enumerate(header):
        if name == "concept":
            concept_index = index
            continue
        lang, _, kind = name.partition(" ")
        kind_key = kind.replace(" ", "").replace("-", "")
        try:
            tag = normalize_tag(lang) if lang else None
        except ValueError:
            tag = None
        if tag is None or (kind_key and kind_key not in _TYPES):
            unknown.append(name)
            continue
        columns.append(_WideColumn(index, tag, _TYPES[kind_key] if kind_key else TermType.FULL))
    if unknown or not columns:
        what = ", ".join(repr(u) for u in unknown) if unknown else "no language column"
        raise InputError(f"cannot map the column(s) {what}: " + _expected(), path, 1)
    return concept_index, columns


def _read_wide(header: list[str], rows: list[list[str]], path: str) -> ImportResult:
    concept_index, columns = _wide_columns(header, path)
    # A language has two columns (full form and acronym): declare it once.
    languages = list(dict.fromkeys(c.lang for c in columns))
    draft = DraftTermbase(name=Path(path).stem, path=path, languages=languages)
    for number, row in enumerate(rows, start=2):
        cells = {c: collapse_space(row[c.index]) if c.index < len(row) else "" for c in columns}
        if not any(cells.values()):
            continue
        given = (
            row[concept_index].strip()
            if concept_index is not None and concept_index < len(row)
            else ""
        )
        concept = DraftConcept(id=given or _made_id(cells, number))
        for column, text in cells.items():
            if text:
                concept.terms.append(
                    DraftTerm(
                        text=text, lang=column.lang, type=column.type, status=Status.PREFERRED
                    )
                )
        draft.concepts.append(concept)
    return draft.finish()


def _made_id(cells: dict[_WideColumn, str], number: int) -> str:
    """An id for a row without one: its first acronym, else ``row-N``."""
    for column, text in cells.items():
        if (
            column.type is TermType.ACRONYM
            and text
            and all(ch.isalnum() or ch in "-_" for ch in text)
        ):
            return text
    return f"row-{number}"
