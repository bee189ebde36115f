"""The termbase model: concepts holding terms per language, as TBX (ISO 30042) does.

Plain frozen dataclasses, no I/O. Loading lives in :mod:`termkit.termbase`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import TypeVar, cast

__all__ = [
    "Concept",
    "Status",
    "Term",
    "TermType",
    "Termbase",
    "new_term",
]

_T = TypeVar("_T")


class TermType(str, enum.Enum):
    """What kind of term: a full form, an acronym, or a shortened full form."""

    FULL = "full"
    ACRONYM = "acronym"
    SHORT = "short"


class Status(str, enum.Enum):
    """Administrative status, ordered from most to least wanted."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self]


_STATUS_RANK = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a concept in one language.

    ``borrowed_from`` is set on acronyms that a language without acronyms of its own
    writes as another language does (Chinese text writes ``（UNEA）``): the term then
    appears under ``lang`` with the text and status it has in ``borrowed_from``.

    Slotted: a 20,000-concept termbase has some 200,000 terms, and a ``__dict__`` each would
    triple their size (about 45 MB more when they are all loaded).
    """

    text: str
    lang: str
    type: TermType
    status: Status
    concept_id: str
    note: str | None = None
    source: str | None = None
    plural: str | None = None
    borrowed_from: str | None = None

    @property
    def is_acronym(self) -> bool:
        return self.type is TermType.ACRONYM


def new_term(
    text: str,
    lang: str,
    type: TermType,
    status: Status,
    concept_id: str,
    note: str | None = None,
    source: str | None = None,
    plural: str | None = None,
    borrowed_from: str | None = None,
) -> Term:
    """``Term(text, lang, …)``, made twice as fast, for loaders that make hundreds of thousands.

    Setting the slots directly skips the frozen dataclass's ``__init__``, which goes through
    ``object.__setattr__`` field by field. The result is an ordinary Term (equal and hashing
    as one; ``tests/test_cache.py`` checks that).
    """
    term: Term = _new_object(Term)
    _set_text(term, text)
    _set_lang(term, lang)
    _set_type(term, type)
    _set_status(term, status)
    _set_concept_id(term, concept_id)
    _set_note(term, note)
    _set_source(term, source)
    _set_plural(term, plural)
    _set_borrowed_from(term, borrowed_from)
    return term


(
    _set_text,
    _set_lang,
    _set_type,
    _set_status,
    _set_concept_id,
    _set_note,
    _set_source,
    _set_plural,
    _set_borrowed_from,
) = (getattr(Term, f.name).__set__ for f in fields(Term))
_new_object = object.__new__


def _frozen_mapping(value: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class Concept:
    """A concept: a stable id and its terms in every language, own and borrowed."""

    id: str
    terms: tuple[Term, ...]
    domain: str | None = None
    definitions: Mapping[str, str] = field(default_factory=_frozen_mapping)
    note: str | None = None
    language_notes: Mapping[str, str] = field(default_factory=_frozen_mapping)
    related: tuple[str, ...] = ()
    well_known: bool = False

    def terms_in(
        self,
        lang: str,
        type: TermType | None = None,
        status: Status | None = None,
    ) -> tuple[Term, ...]:
        """The terms of ``lang`` (borrowed acronyms included), filtered by type and status."""
        return tuple(
            t
            for t in self.terms
            if t.lang == lang
            and (type is None or t.type is type)
            and (status is None or t.status is status)
        )

    def preferred_term(self, lang: str, type: TermType = TermType.FULL) -> Term | None:
        """The first preferred term of ``type`` in ``lang``, or None."""
        found = self.terms_in(lang, type, Status.PREFERRED)
        return found[0] if found else None

    def acronyms(self, lang: str) -> tuple[Term, ...]:
        """The acronyms written in ``lang``, preferred first."""
        return tuple(sorted(self.terms_in(lang, TermType.ACRONYM), key=lambda t: t.status.rank))

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with at least one term of the concept's own (not only borrowed)."""
        seen: dict[str, None] = {}
        for t in self.terms:
            if t.borrowed_from is None:
                seen.setdefault(t.lang, None)
        return tuple(seen)

    @property
    def label(self) -> str:
        """A short name for messages: the English acronym, else the id."""
        for lang in ("en", *self.languages):
            acr = self.preferred_term(lang, TermType.ACRONYM)
            if acr is not None:
                return acr.text
        return self.id


@dataclass(frozen=True)
class Termbase:
    """A set of concepts in declared languages.

    ``acronyms_from`` maps a language that has no acronyms of its own to the language
    whose acronyms its texts write (``{"zh": "en"}``); the loader has already copied
    those acronyms into each concept as borrowed terms, so commands need not care.
    """

    name: str
    languages: tuple[str, ...]
    concepts: Mapping[str, Concept]
    acronyms_from: Mapping[str, str] = field(default_factory=_frozen_mapping)
    sources: tuple[str, ...] = ()
    # The ids of concepts marked ``replace = true``: loaded after another termbase, each replaces
    # the earlier concept wholesale instead of extending it (only a file's own parse has them).
    replaces: frozenset[str] = frozenset()
    # What is computed from the termbase once and kept with it (its compiled matcher): owned by
    # this object, so it lives and dies with it; not compared, and not copied by replace().
    _derived: dict[str, object] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def derived(self, key: str, build: Callable[[Termbase], _T]) -> _T:
        """``build(self)``, computed on the first call with ``key`` and kept with the termbase."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return cast(_T, self._derived[key])

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def __getitem__(self, concept_id: str) -> Concept:
        return self.concepts[concept_id]

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def terms(self, lang: str | None = None) -> Iterator[Term]:
        """Every term, or every term written in ``lang`` (borrowed acronyms included)."""
        for concept in self.concepts.values():
            for term in concept.terms:
                if lang is None or term.lang == lang:
                    yield term

    def concepts_with_acronym(self, acronym: str, lang: str | None = None) -> tuple[Concept, ...]:
        """Concepts that have ``acronym`` (exact spelling or recorded plural), homonyms included."""
        found: dict[str, Concept] = {}
        for term in self.terms(lang):
            if term.is_acronym and acronym in (term.text, term.plural):
                found.setdefault(term.concept_id, self.concepts[term.concept_id])
        return tuple(found.values())
