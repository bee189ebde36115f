"""``glossary``: the acronyms that documents use, with their full forms, as a bulletin lists them.

The library behind ``termkit glossary``::

    from termkit.glossary import glossary_text
    for entry in glossary_text(text, termbase, ["zh", "en"]):
        print(entry.acronym, entry.full_forms["zh"], entry.full_forms["en"])

Acronyms are found as ``check`` and ``expand`` find them
(:func:`termkit.analysis.acronym_uses.find_acronym_uses`):
only where they stand as words (``ISA`` is not in ``ISAAC``), plurals and numbered sessions
counted with their acronym (``NPPs``, ``UNEA 5``). Acronyms the documents define but the termbase
lacks are listed with the documents' own long form. Entries sort as glossaries do: acronyms
that start with a digit first, then A–Z without regard to case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from termkit.analysis.acronym_uses import DocumentAcronyms, find_acronym_uses
from termkit.forms import full_form
from termkit.model import Termbase

if TYPE_CHECKING:
    from termkit.settings import CheckSettings

__all__ = [
    "GlossaryEntry",
    "build_glossary",
    "glossary_sort_key",
    "glossary_text",
    "main_language",
]


def _frozen(value: Mapping[str, str | None] | None = None) -> Mapping[str, str | None]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class GlossaryEntry:
    """One acronym of a glossary.

    ``acronym`` is spelled as the documents write it most often (``NPPs``); ``concept`` is the
    termbase concept, or None for an acronym the termbase lacks (``in_termbase`` false; its full
    form is the documents' own) or for a homonym the documents do not resolve (``candidates``
    then lists its concepts and each full form joins theirs with `` / ``). ``full_forms`` maps
    each requested language to its full form, or None. ``count`` is how many times the documents
    use the acronym.
    """

    acronym: str
    concept: str | None
    full_forms: Mapping[str, str | None] = field(default_factory=_frozen)
    in_termbase: bool = True
    count: int = 0
    candidates: tuple[str, ...] = ()


def glossary_sort_key(acronym: str) -> tuple[bool, str, str]:
    """Digits first, then A–Z ignoring case (``2030`` < ``ASGM`` < ``iso`` < ``OEWG``)."""
    return (not acronym[:1].isdigit(), acronym.casefold(), acronym)


@dataclass
class _EntryCounts:
    """What the documents say of one acronym, gathered before it becomes an entry."""

    concept: str | None
    candidates: tuple[str, ...]
    spellings: Counter[str] = field(default_factory=Counter)
    own_expansion: dict[str, str] = field(default_factory=dict)  # lang -> the documents' long form


def build_glossary(
    documents: Iterable[DocumentAcronyms],
    termbase: Termbase,
    languages: Sequence[str],
) -> list[GlossaryEntry]:
    """The glossary of the acronyms ``documents`` use, with full forms in ``languages``.

    ``documents`` come from :func:`find_acronym_uses`. One entry per concept and
    per kind of acronym (the text language's own, another language's: EMAPE and ASGM in French
    are two entries); NPP and NPPs, UNEA and UNEA 5 are one. An acronym that the documents
    define but the termbase lacks is one entry per spelling, with the first long form given.
    A homonym that one document resolves (its definition there names ASGM) is resolved in the
    others too, when no document resolves it otherwise: they make one glossary.
    """
    documents = list(documents)
    resolutions: dict[tuple[str, ...], set[str]] = {}
    for document in documents:
        for use in document.uses:
            if use.concept_id is not None and len(use.candidates) > 1:
                resolutions.setdefault(use.candidates, set()).add(use.concept_id)
    counts_by_key: dict[tuple[str, bool], _EntryCounts] = {}
    for document in documents:
        for use in document.uses:
            concept_id, key = use.concept_id, use.key
            if concept_id is None and len(resolutions.get(use.candidates, ())) == 1:
                (concept_id,) = resolutions[use.candidates]
                key = (concept_id, use.foreign)
            counts = counts_by_key.setdefault(key, _EntryCounts(concept_id, use.candidates))
            counts.spellings[use.acronym] += 1
        counted: set[str] = set()
        for site in document.unknown_definitions:
            assert site.full is not None
            key = ("?" + site.acronym, False)
            counts = counts_by_key.setdefault(key, _EntryCounts(None, ()))
            if site.acronym not in counted:  # each definition is a use, but count them once
                counted.add(site.acronym)
                counts.spellings[site.acronym] += _count_word(document.normalized.text, site.acronym)
            counts.own_expansion.setdefault(site.lang, site.full)
    entries = [_entry(counts, termbase, languages) for counts in counts_by_key.values()]
    return sorted(entries, key=lambda e: glossary_sort_key(e.acronym))


def _entry(counts: _EntryCounts, termbase: Termbase, languages: Sequence[str]) -> GlossaryEntry:
    # The spelling written most often; on a tie the shorter (NGO before NGOs), then the first met.
    acronym = min(counts.spellings, key=lambda s: (-counts.spellings[s], len(s)))
    count = sum(counts.spellings.values())
    if not counts.candidates:  # not in the termbase: the documents' own long form
        forms: dict[str, str | None] = {
            lang: counts.own_expansion.get(lang) for lang in languages
        }
        if languages and not any(forms.values()):
            # Defined in another language than those asked for: show it rather than nothing.
            forms[languages[0]] = next(iter(counts.own_expansion.values()))
        return GlossaryEntry(acronym, None, _frozen(forms), False, count)
    concepts = [counts.concept] if counts.concept else list(counts.candidates)
    forms = {}
    for lang in languages:
        found = [f for c in concepts if (f := full_form(termbase[c], lang)) is not None]
        forms[lang] = " / ".join(dict.fromkeys(found)) or None
    return GlossaryEntry(
        acronym,
        counts.concept,
        _frozen(forms),
        True,
        count,
        () if counts.concept else counts.candidates,
    )


def _count_word(text: str, acronym: str) -> int:
    """How often ``acronym`` (or its plural with s) stands as a word in ``text``."""
    pattern = rf"(?<![A-Za-z0-9]){re.escape(acronym)}s?(?![A-Za-z0-9])"
    return max(1, len(re.findall(pattern, text)))


def glossary_text(
    text: str,
    termbase: Termbase,
    languages: Sequence[str],
    *,
    settings: CheckSettings | None = None,
    markdown: bool = False,
    prefer: Mapping[str, str] | None = None,
) -> list[GlossaryEntry]:
    """The glossary of one text: its acronyms with their full forms in ``languages``.

    ``settings`` say the text's language as for ``check`` (default: by script per paragraph,
    Latin script read as English); ``prefer`` says which concept a homonym acronym means.
    """
    found = find_acronym_uses(text, termbase, settings, markdown=markdown, prefer=prefer)
    return build_glossary([found], termbase, languages)


def main_language(texts: Iterable[str], *, latin_lang: str = "en", han_lang: str = "zh") -> str:
    """The documents' main language by script (see :func:`main_script_language`)."""
    from termkit.text.languages import main_script_language

    return main_script_language(texts, latin_lang=latin_lang, han_lang=han_lang)
