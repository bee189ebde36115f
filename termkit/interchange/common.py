"""What every interchange format shares: the import report, a draft termbase that readers fill and
that is repaired into a valid one, and language selection for export.

Readers never build :class:`~termkit.model.Termbase` objects piecemeal: they fill a
:class:`DraftTermbase`, whose :meth:`~DraftTermbase.finish` applies the rules a TOML termbase must
meet (statuses, duplicates, one full form per concept and language, known related ids) and reports
every repair in an :class:`ImportReport`, so nothing is changed or dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from termkit.errors import InputError
from termkit.langtags import normalize_tag
from termkit.model import Concept, Status, Term, Termbase, TermType

__all__ = [
    "DraftConcept",
    "DraftTerm",
    "DraftTermbase",
    "ImportReport",
    "ImportResult",
    "collapse_space",
    "own_terms",
    "select_languages",
]


@dataclass
class ImportReport:
    """What an import kept in notes, dropped or repaired: every line is shown to the user."""

    kept: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    repaired: list[str] = field(default_factory=list)

    def keep(self, what: str) -> None:
        """Count one piece of data the model has no field for, kept in a note."""
        self.kept[what] += 1

    def drop(self, what: str) -> None:
        """Count one piece of data that was not imported."""
        self.dropped[what] += 1

    def lines(self) -> list[str]:
        """The report as lines for stderr, most frequent first."""
        out: list[str] = []
        if self.kept:
            out.append(
                "kept in notes (no field in termkit's model): "
                + ", ".join(f"{what} ({n})" for what, n in self.kept.most_common())
            )
        if self.dropped:
            out.append(
                "dropped: " + ", ".join(f"{what} ({n})" for what, n in self.dropped.most_common())
            )
        out.extend(self.repaired)
        return out


@dataclass(frozen=True)
class ImportResult:
    """An imported termbase and what the import did to fit it into the model."""

    termbase: Termbase
    report: ImportReport


@dataclass
class DraftTerm:
    """A term as a reader found it; ``status`` None means the file gave none."""

    text: str
    lang: str
    type: TermType = TermType.FULL
    status: Status | None = None
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    plural: str | None = None


@dataclass
class DraftConcept:
    """A concept as a reader found it, before the model's rules are applied."""

    id: str
    terms: list[DraftTerm] = field(default_factory=list)
    domain: str | None = None
    definitions: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    language_notes: dict[str, list[str]] = field(default_factory=dict)
    related: list[str] = field(default_factory=list)
    well_known: bool = False

    def add_definition(self, lang: str, text: str) -> None:
        found = self.definitions.setdefault(lang, [])
        if text not in found:
            found.append(text)

    def add_language_note(self, lang: str, text: str) -> None:
        self.language_notes.setdefault(lang, []).append(text)


@dataclass
class DraftTermbase:
    """Concepts in file order plus the header a reader found (name, languages, acronyms-from)."""

    name: str
    path: str
    concepts: list[DraftConcept] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    acronyms_from: dict[str, str] = field(default_factory=dict)
    report: ImportReport = field(default_factory=ImportReport)

    def finish(self) -> ImportResult:
        """Apply the model's rules, repairing (and reporting) what a TOML termbase cannot hold."""
        report = self.report
        tag = _TagNormalizer(self.path)
        concepts: dict[str, Concept] = {}
        owners: dict[tuple[str, str], str] = {}
        defaulted: Counter[str] = Counter()
        for draft in self._unique_concepts():
            terms = self._concept_terms(draft, tag, defaulted)
            kept_terms: list[Term] = []
            moved: dict[str, list[str]] = {}
            for term in terms:
                if term.type is not TermType.ACRONYM:
                    key = (term.lang, term.text.casefold())
                    owner = owners.setdefault(key, draft.id)
                    if owner != draft.id:
                        # One full form on two concepts is invalid; keep it readable in a note.
                        moved.setdefault(term.lang, []).append(
                            f"also written {term.text!r} ({term.status.value}), "
                            f"a term of concept {owner!r}"
                        )
                        report.repaired.append(
                            f"{term.text!r} ({term.lang}) names both {owner!r} and {draft.id!r}: "
                            f"kept as a {term.lang} note of {draft.id!r}, not as its term"
                        )
                        continue
                kept_terms.append(term)
            language_notes = {
                tag(lang): "\n".join(parts) for lang, parts in draft.language_notes.items() if parts
            }
            for lang, lines in moved.items():
                language_notes[lang] = "\n".join(
                    [language_notes[lang], *lines] if lang in language_notes else lines
                )
            concepts[draft.id] = Concept(
                id=draft.id,
                terms=tuple(kept_terms),
                domain=draft.domain,
                definitions=MappingProxyType(
                    {tag(lang): "\n".join(texts) for lang, texts in draft.definitions.items()}
                ),
                note="\n".join(draft.notes) if draft.notes else None,
                language_notes=MappingProxyType(language_notes),
                related=tuple(dict.fromkeys(draft.related)),
                well_known=draft.well_known,
            )
        for status, count in defaulted.items():
            report.repaired.append(
                f"{count} term(s) without an administrative status read as {status}"
            )
        concepts = self._known_related(concepts)
        languages = [tag(lang) for lang in self.languages]
        for concept in concepts.values():
            for lang in (
                *(t.lang for t in concept.terms),
                *concept.definitions,
                *concept.language_notes,
            ):
                if lang not in languages:
                    languages.append(lang)
        acronyms_from = {
            tag(borrower): tag(lender)
            for borrower, lender in self.acronyms_from.items()
            if tag(lender) in languages
        }
        return ImportResult(
            Termbase(
                name=self.name,
                languages=tuple(languages),
                concepts=MappingProxyType(concepts),
                acronyms_from=MappingProxyType(acronyms_from),
                sources=(self.path,),
            ),
            report,
        )

    def _unique_concepts(self) -> list[DraftConcept]:
        seen: dict[str, DraftConcept] = {}
        for draft in self.concepts:
            if draft.id in seen:
                # Two entries with one id: keep both, the second under a new id.
                n = 2
                while f"{draft.id}-{n}" in seen:
                    n += 1
                self.report.repaired.append(
                    f"concept id {draft.id!r} appears twice: the second is {draft.id}-{n}"
                )
                draft = replace(draft, id=f"{draft.id}-{n}")
            seen[draft.id] = draft
        return list(seen.values())

    def _concept_terms(
        self, draft: DraftConcept, tag: _TagNormalizer, defaulted: Counter[str]
    ) -> list[Term]:
        """The concept's terms with statuses settled and duplicates removed."""
        explicit_preferred = {
            (tag(t.lang), t.type) for t in draft.terms if t.status is Status.PREFERRED
        }
        terms: list[Term] = []
        seen: dict[tuple[str, str], Term] = {}
        for raw in draft.terms:
            lang = tag(raw.lang)
            status = raw.status
            if status is None:
                # TBX leaves status optional; the model needs one: the first term of a type
                # in a language without a preferred one is taken as preferred.
                status = (
                    Status.ADMITTED if (lang, raw.type) in explicit_preferred else Status.PREFERRED
                )
                explicit_preferred.add((lang, raw.type))
                defaulted[status.value] += 1
            term = Term(
                text=raw.text,
                lang=lang,
                type=raw.type,
                status=status,
                concept_id=draft.id,
                note="\n".join(raw.notes) if raw.notes else None,
                source="; ".join(dict.fromkeys(raw.sources)) if raw.sources else None,
                plural=raw.plural,
            )
            other = seen.get((lang, term.text))
            if other is not None:
                if other != term:
                    self.report.repaired.append(
                        f"{term.text!r} ({lang}) is listed twice in concept {draft.id!r}: "
                        f"kept the first ({other.status.value} {other.type.value}), "
                        f"dropped the second ({term.status.value} {term.type.value})"
                    )
                else:
                    self.report.drop("repeated terms")
                continue
            seen[(lang, term.text)] = term
            terms.append(term)
        return terms

    def _known_related(self, concepts: dict[str, Concept]) -> dict[str, Concept]:
        out: dict[str, Concept] = {}
        for concept_id, concept in concepts.items():
            unknown = [r for r in concept.related if r not in concepts]
            if unknown:
                self.report.repaired.append(
                    f"concept {concept_id!r}: dropped links to unknown concepts "
                    + ", ".join(repr(u) for u in unknown)
                )
                concept = replace(
                    concept, related=tuple(r for r in concept.related if r in concepts)
                )
            out[concept_id] = concept
        return out


class _TagNormalizer:
    """Normalise language tags once each; an unknown tag is an input error."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.cache: dict[str, str] = {}

    def __call__(self, tag: str) -> str:
        if tag not in self.cache:
            try:
                self.cache[tag] = normalize_tag(tag)
            except ValueError as exc:
                raise InputError(str(exc), self.path) from None
        return self.cache[tag]


_SPACE_RUN = re.compile(r"\s+")


def collapse_space(text: str) -> str:
    """Text as a reader shows it: whitespace runs (line wrapping, indentation) as one space."""
    return _SPACE_RUN.sub(" ", text).strip()


def own_terms(concept: Concept) -> tuple[Term, ...]:
    """The concept's own terms: borrowed acronyms are derived data, never written out."""
    return tuple(t for t in concept.terms if t.borrowed_from is None)


def select_languages(termbase: Termbase, languages: Sequence[str]) -> Termbase:
    """The termbase restricted to ``languages`` (all of them when empty)."""
    if not languages:
        return termbase
    try:
        wanted = tuple(dict.fromkeys(normalize_tag(lang) for lang in languages))
    except ValueError as exc:
        raise InputError(str(exc)) from None
    concepts = {
        concept.id: replace(
            concept,
            terms=tuple(t for t in concept.terms if t.lang in wanted),
            definitions=MappingProxyType(
                {k: v for k, v in concept.definitions.items() if k in wanted}
            ),
            language_notes=MappingProxyType(
                {k: v for k, v in concept.language_notes.items() if k in wanted}
            ),
        )
        for concept in termbase
    }
    return replace(
        termbase,
        languages=tuple(lang for lang in termbase.languages if lang in wanted)
        or tuple(lang for lang in wanted),
        concepts=MappingProxyType(concepts),
        acronyms_from=MappingProxyType(
            {
                b: lend
                for b, lend in termbase.acronyms_from.items()
                if b in wanted and lend in wanted
            }
        ),
    )
