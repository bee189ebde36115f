"""Glossaries for people and programs: a terminal table, Markdown for a bulletin, CSV and JSON."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from typing import IO, Any

from termkit.glossary import GlossaryEntry
from termkit.langtags import display_name, primary_subtag

__all__ = [
    "glossary_to_csv",
    "glossary_to_json",
    "glossary_to_markdown",
    "print_glossary_text",
]

# The acronym column's heading in a pasted glossary, in the glossary's language.
_ACRONYM_HEADING = {"zh": "缩写", "ja": "略語", "en": "Acronym", "fr": "Sigle", "es": "Sigla"}


def glossary_to_json(
    entries: Sequence[GlossaryEntry], languages: Sequence[str]
) -> list[dict[str, Any]]:
    """``[{"acronym", "concept", <lang>: full form or None…, "in_termbase", "count"}]``."""
    return [
        {
            "acronym": entry.acronym,
            "concept": entry.concept,
            **{lang: entry.full_forms.get(lang) for lang in languages},
            "in_termbase": entry.in_termbase,
            "count": entry.count,
        }
        for entry in entries
    ]


def glossary_to_csv(entries: Sequence[GlossaryEntry], languages: Sequence[str]) -> str:
    """CSV with a header: acronym, concept, one column per language, in_termbase, count."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["acronym", "concept", *languages, "in_termbase", "count"])
    for entry in entries:
        writer.writerow(
            [
                entry.acronym,
                entry.concept or "",
                *(entry.full_forms.get(lang) or "" for lang in languages),
                "true" if entry.in_termbase else "false",
                entry.count,
            ]
        )
    return out.getvalue()


def _cell(text: str | None) -> str:
    """Text that cannot break a Markdown table row."""
    return (text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _heading(lang: str, glossary_lang: str) -> str:
    name = display_name(lang, glossary_lang)
    return name[:1].upper() + name[1:]


def glossary_to_markdown(entries: Sequence[GlossaryEntry], languages: Sequence[str]) -> str:
    """A Markdown table to paste at the end of a bulletin, headed in the glossary's language."""
    glossary_lang = languages[0] if languages else "en"
    acronym = _ACRONYM_HEADING.get(primary_subtag(glossary_lang), "Acronym")
    headings = [acronym, *(_heading(lang, glossary_lang) for lang in languages)]
    lines = [
        "| " + " | ".join(headings) + " |",
        "|" + "|".join(" --- " for _ in headings) + "|",
    ]
    for entry in entries:
        cells = [entry.acronym, *(entry.full_forms.get(lang) for lang in languages)]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _note(entry: GlossaryEntry) -> str:
    if not entry.in_termbase:
        return "not in termbase"
    if entry.candidates:
        return "homonym: " + " / ".join(entry.candidates)
    return ""


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _plain_table(rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned with spaces (CJK counted double width), no trailing spaces."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def print_glossary_text(
    entries: Sequence[GlossaryEntry], languages: Sequence[str], stream: IO[str]
) -> None:
    """A rich table on a terminal; plain aligned columns in a pipe or file."""
    from termkit.render.console import wants_color

    headings = ["acronym", *(display_name(lang) for lang in languages), "count", "note"]
    rows = [
        [
            entry.acronym,
            *(entry.full_forms.get(lang) or "" for lang in languages),
            str(entry.count),
            _note(entry),
        ]
        for entry in entries
    ]
    if not any(row[-1] for row in rows):  # no notes: no empty column
        headings.pop()
        rows = [row[:-1] for row in rows]
    if not wants_color(stream):
        stream.write(_plain_table([headings, *rows]))
        return
    from rich import box
    from rich.table import Table

    from termkit.render.console import make_console

    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for i, heading in enumerate(headings):
        table.add_column(
            heading,
            style="bold cyan" if i == 0 else "dim" if heading == "note" else None,
            justify="right" if heading == "count" else "left",
            no_wrap=i == 0,
        )
    for row in rows:
        table.add_row(*row)
    make_console(stream).print(table)
