"""Concepts for people and programs: lookup blocks, the concept list, and lookup JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from termkit.i18n import _, interface_language
from termkit.langtags import display_name
from termkit.lookup import Hit, MatchKind
from termkit.model import Concept, Status, Term, Termbase, TermType

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

__all__ = [
    "concept_to_json", "hits_to_json", "no_match", "print_concept_list", "print_hits",
]

_TYPE_ORDER = {TermType.FULL: 0, TermType.SHORT: 1, TermType.ACRONYM: 2}
_STATUS_STYLE = {
    Status.PREFERRED: "bold",
    Status.ADMITTED: "",
    Status.DEPRECATED: "strike red",
}


def _ordered_terms(concept: Concept, lang: str) -> list[Term]:
    return sorted(
        concept.terms_in(lang), key=lambda t: (t.status.rank, _TYPE_ORDER[t.type], t.text)
    )


def _languages(termbase: Termbase, concept: Concept, only: Sequence[str]) -> list[str]:
    langs = list(termbase.languages) or list(concept.languages)
    langs += [lang for lang in concept.languages if lang not in langs]
    return [lang for lang in langs if not only or lang in only]


def no_match(termbase: Termbase, query: str) -> str:
    """What to say when ``query`` finds nothing: that, and the near misses (did you mean…)."""
    from termkit.lookup import suggest

    near = suggest(termbase, query)
    message = _("no concept matches {query}").format(query=repr(query))
    if near:
        message += _("; did you mean {terms}?").format(
            terms=", ".join(f"{h.term.text} ({h.concept.id})" for h in near)
        )
    return message


def _words() -> dict[str, str]:
    """The card's words in the interface language (looked up when a card is drawn)."""
    from termkit.i18n import _

    return {
        "full": _("full"), "acronym": _("acronym"), "short": _("short"),
        "preferred": _("preferred"), "admitted": _("admitted"), "deprecated": _("DEPRECATED"),
        "exact": _("exact"), "prefix": _("prefix"), "substring": _("substring"),
        "fuzzy": _("fuzzy"),
    }


def _match_label(hit: Hit) -> str:
    from termkit.i18n import _

    where = f"{hit.term.text!r} ({hit.term.lang})"
    if hit.kind is MatchKind.FUZZY:
        return _("fuzzy {score}: {term}").format(score=f"{hit.score:.0f}%", term=where)
    return f"{_words()[hit.kind.value]}: {where}"


def _term_line(term: Term) -> Text:
    from rich.text import Text

    from termkit.i18n import _

    words = _words()
    line = Text(term.text, style=_STATUS_STYLE[term.status])
    marks = [words[term.type.value], words[term.status.value]]
    if term.borrowed_from:
        marks.append(_("from {lang}").format(lang=term.borrowed_from))
    line.append(f"  ({', '.join(marks)})", style="dim" if term.status is not Status.DEPRECATED
                else "red")
    if term.status is Status.DEPRECATED:
        line = Text("✗ ", style="red") + line
    if term.note:
        line.append(f" — {term.note}", style="italic dim")
    return line


def concept_block(
    termbase: Termbase, concept: Concept, *, languages: Sequence[str] = (), header: str = ""
) -> Text:
    """One concept as a block of lines: id and domain, definition, terms by language, note."""
    from rich.text import Text

    block = Text()
    block.append(concept.id, style="bold cyan")
    if concept.domain:
        block.append(f"  ·  {concept.domain}", style="dim")
    if header:
        block.append(f"  [{header}]", style="yellow")
    block.append("\n")
    shown = _languages(termbase, concept, languages)
    # The definition in the first shown language that has one; else any (most are English only).
    definition = next(
        (concept.definitions[lang] for lang in shown if lang in concept.definitions),
        next(iter(concept.definitions.values()), None),
    )
    if definition:
        block.append(f"  {definition}\n", style="italic")
    from rich.cells import cell_len

    # language names in the interface language (中文, anglais), padded by the columns they take
    names = {lang: display_name(lang, interface_language()) for lang in shown}
    width = max((cell_len(name) for name in names.values()), default=0)
    for lang in shown:
        terms = _ordered_terms(concept, lang)
        if not terms:
            continue
        label = names[lang]
        for i, term in enumerate(terms):
            pad = " " * (width - cell_len(label))
            prefix = f"  {label}{pad}  " if i == 0 else " " * (width + 4)
            block.append(prefix, style="green" if i == 0 else "")
            block.append(_term_line(term))
            block.append("\n")
        if lang in concept.language_notes:
            block.append(" " * (width + 4) + _("note: {note}").format(
                note=concept.language_notes[lang]) + "\n", "dim")
    if concept.note:
        block.append("  " + _("Note: {note}").format(note=concept.note) + "\n", style="dim")
    if concept.related:
        block.append("  " + _("Related: {concepts}").format(concepts=", ".join(concept.related))
                     + "\n", style="dim")
    return block


def print_hits(
    console: Console, termbase: Termbase, hits: Sequence[Hit], *, languages: Sequence[str] = ()
) -> None:
    """Lookup results, one block per concept, best first."""
    for i, hit in enumerate(hits):
        if i:
            console.print()
        console.print(
            concept_block(termbase, hit.concept, languages=languages, header=_match_label(hit)),
            end="",
        )


def print_concept_list(
    console: Console, termbase: Termbase, *, languages: Sequence[str] = ()
) -> None:
    """Every concept in a table: id, acronym, and the preferred full form per language."""
    from rich import box
    from rich.table import Table

    langs = [lang for lang in termbase.languages if not languages or lang in languages]
    table = Table(box=box.SIMPLE_HEAD if console.is_terminal else box.ASCII2, show_edge=False)
    table.add_column(_("concept"), style="cyan", no_wrap=True)
    table.add_column(_("acronym"), no_wrap=True)
    for lang in langs:
        table.add_column(display_name(lang, interface_language()))
    for concept in sorted(termbase, key=lambda c: c.id.casefold()):
        cells = [concept.id, _acronym_cell(concept, langs)]
        for lang in langs:
            full = concept.preferred_term(lang) or concept.preferred_term(lang, TermType.SHORT)
            cells.append(full.text if full else "")
        table.add_row(*cells)
    console.print(table)


def _acronym_cell(concept: Concept, langs: Sequence[str]) -> str:
    """Each shown language's own acronym (Chinese's borrowed one), once each: ``ASGM, EMAPE``
    for English and French. When none of them has one, the acronym their text borrows, with
    the language it comes from: ``GISTM (en)`` in a French list."""
    shown: list[str] = []
    for lang in langs:
        acronyms = concept.acronyms(lang)
        if acronyms and acronyms[0].text not in shown:
            shown.append(acronyms[0].text)
    if shown:
        return ", ".join(shown)
    for lang in concept.languages:
        acronyms = concept.acronyms(lang)
        if acronyms:
            return f"{acronyms[0].text} ({lang})"
    return ""


def _term_to_json(term: Term) -> dict[str, Any]:
    data: dict[str, Any] = {"term": term.text, "type": term.type.value, "status": term.status.value}
    for key in ("note", "source", "plural", "borrowed_from"):
        value = getattr(term, key)
        if value is not None:
            data[key] = value
    return data


def concept_to_json(
    termbase: Termbase, concept: Concept, languages: Sequence[str] = ()
) -> dict[str, Any]:
    """A concept as a JSON-ready dict (the ``lookup --format json`` element without the match)."""
    shown = _languages(termbase, concept, languages)
    return {
        "concept": concept.id,
        "domain": concept.domain,
        "definition": {k: v for k, v in concept.definitions.items() if k in shown},
        "note": concept.note,
        "related": list(concept.related),
        "well_known": concept.well_known,
        "terms": {lang: [_term_to_json(t) for t in _ordered_terms(concept, lang)] for lang in shown},
    }


def hits_to_json(
    termbase: Termbase, hits: Sequence[Hit], languages: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Lookup hits as a JSON array: concept, score, match, and the concept's data."""
    out = []
    for hit in hits:
        data = concept_to_json(termbase, hit.concept, languages)
        data = {
            "concept": data.pop("concept"),
            "score": round(hit.score, 1),
            "match": {"kind": hit.kind.value, "term": hit.term.text, "lang": hit.term.lang},
            **data,
        }
        out.append(data)
    return out
