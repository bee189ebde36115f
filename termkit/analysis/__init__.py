"""The analysis of a document: what ``check``'s rules, ``expand`` and ``glossary`` all read.

Between the matcher and definition detector below and the judges above: a document is read
once into a frozen :class:`Analysis` (its term occurrences, other languages' acronyms, acronym
definition sites with their verdicts, near misses, the language of each place), and each judge
reads that. Judgement that more than one rule needs lives here too, in ``judgement``.
"""

from __future__ import annotations

from termkit.analysis.document import (
    ACRONYMS,
    Analysis,
    LanguageChoice,
    Needs,
    analyse_document,
    latin_language,
    matcher_for,
    preload,
)
from termkit.analysis.types import DefinitionSite, NearMissSpan, Occurrence, Verdict, VerdictKind

__all__ = [
    "ACRONYMS",
    "Analysis",
    "DefinitionSite",
    "LanguageChoice",
    "NearMissSpan",
    "Needs",
    "Occurrence",
    "Verdict",
    "VerdictKind",
    "analyse_document",
    "latin_language",
    "matcher_for",
    "preload",
]
