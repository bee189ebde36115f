"""``termkit terms`` output: a readable list, Markdown, CSV/TSV (safe for spreadsheets)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from termkit.i18n import _
from termkit.model import Concept, Status
from termkit.terms import JobTerm, target_terms

__all__ = ["terms_to_markdown", "terms_to_table", "terms_to_text"]


def _forms(entry: JobTerm) -> str:
    return ", ".join(f"{form} ×{count}" for form, count in entry.forms.most_common())


def _rendering(concept: Concept, lang: str) -> str:
    """``preferred; admitted: …; do not use: …`` for one target language."""
    by_status = target_terms(concept, lang)
    parts = [" · ".join(t.text for t in by_status[Status.PREFERRED]) or _("(no preferred term)")]
    if by_status[Status.ADMITTED]:
        parts.append(_("admitted: {terms}").format(
            terms=" · ".join(t.text for t in by_status[Status.ADMITTED])))
    if by_status[Status.DEPRECATED]:
        parts.append(_("do not use: {terms}").format(
            terms=" · ".join(t.text for t in by_status[Status.DEPRECATED])))
    return _("; ").join(parts)


def _definition(concept: Concept, targets: Sequence[str]) -> str:
    for lang in (*targets, "en"):
        if lang in concept.definitions:
            return concept.definitions[lang]
    return next(iter(concept.definitions.values()), "")


def terms_to_text(entries: Sequence[JobTerm], targets: Sequence[str]) -> str:
    """One block a concept: its id, the forms found and where first; a line per target language;
    the definition and note."""
    blocks = []
    for entry in entries:
        concept = entry.concept
        first = _("first at {place}").format(place=f"{entry.path}:{entry.line}:{entry.column}")
        lines = [f"{concept.id}  ({_forms(entry)})  {first}"]
        lines += [f"  {lang}  {_rendering(concept, lang)}" for lang in targets]
        definition = _definition(concept, targets)
        if definition:
            lines.append(f"      {definition}")
        if concept.note:
            lines.append("      " + _("note: {note}").format(note=concept.note))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def terms_to_markdown(entries: Sequence[JobTerm], targets: Sequence[str]) -> str:
    """A Markdown table: concept, forms found, first place, one column per target language."""
    header = ["Concept", "Found in the source", "First", *targets, "Definition"]
    rows = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for entry in entries:
        concept = entry.concept
        cells = [
            concept.id, _forms(entry), f"{entry.path}:{entry.line}",
            *(_rendering(concept, lang) for lang in targets),
            _definition(concept, targets),
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"


def terms_to_table(
    entries: Sequence[JobTerm], targets: Sequence[str], fmt: str = "csv",
    *, escape_formulas: bool = True,
) -> str:
    """CSV or TSV: the same columns as Markdown, a preferred/admitted/deprecated column per target
    language; a cell a spreadsheet would run as a formula gets a ``'`` (as ``export`` does)."""
    from termkit.interchange.tabular import escape_formula

    columns = ["concept", "forms", "count", "first"]
    for lang in targets:
        columns += [f"{lang}_preferred", f"{lang}_admitted", f"{lang}_deprecated"]
    columns += ["definition", "note"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(columns)
    for entry in entries:
        concept = entry.concept
        row = [concept.id, _forms(entry), str(entry.count),
               f"{entry.path}:{entry.line}:{entry.column}"]
        for lang in targets:
            by_status = target_terms(concept, lang)
            row += [" | ".join(t.text for t in by_status[status])
                    for status in (Status.PREFERRED, Status.ADMITTED, Status.DEPRECATED)]
        row += [_definition(concept, targets), concept.note or ""]
        writer.writerow([escape_formula(cell) if escape_formulas else cell for cell in row])
    return out.getvalue()
