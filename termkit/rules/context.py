"""What the rules see of a document: its term occurrences and acronym definitions, in place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from termkit.findings import Finding, Fix
from termkit.model import Concept, Status, Term, Termbase, TermType
from termkit.text.markdown import MARKUP_CHARACTERS

if TYPE_CHECKING:
    from termkit.text import NormalizedText

__all__ = [
    "CheckContext",
    "DefinitionSite",
    "NearMissSpan",
    "Occurrence",
    "Verdict",
    "narrow_fix",
]


@dataclass(frozen=True)
class Occurrence:
    """A term of the termbase found in the document.

    ``start``/``end`` index the original document text; ``text`` is the matched text as
    normalised (line breaks inside it joined). ``terms`` holds every reading: a homonym acronym
    has one per concept.
    """

    start: int
    end: int
    text: str
    lang: str
    terms: tuple[Term, ...]
    plural: bool = False
    session: str | None = None
    # Where ``text`` starts in the normalised document, to map inner characters back for fixes.
    normalized: NormalizedText | None = field(default=None, compare=False, repr=False)
    norm_start: int = 0

    def original_index(self, k: int) -> int:
        """Where character ``k`` of ``text`` is in the original (``k == len(text)``: the end)."""
        if k >= len(self.text):
            return self.end
        if self.normalized is None:
            return self.start + k
        return self.normalized.to_original(self.norm_start + k)

    @property
    def concept_ids(self) -> tuple[str, ...]:
        terms = self.terms
        if len(terms) == 1:
            # Most occurrences have one reading; the rules ask this often (1 µs saved a call).
            return (terms[0].concept_id,)
        return tuple(dict.fromkeys(t.concept_id for t in terms))

    # Cached: the rules ask these of every occurrence, often. (cached_property writes to the
    # instance's __dict__ directly, which a frozen dataclass allows.)
    @cached_property
    def is_acronym(self) -> bool:
        return all(t.is_acronym for t in self.terms)

    @cached_property
    def best_status(self) -> Status:
        return min((t.status for t in self.terms), key=lambda s: s.rank)

    @property
    def acronym_key(self) -> tuple[str, ...]:
        """What identifies an acronym across spellings (NPP, NPPs, UNEA 5): its concepts."""
        return self.concept_ids


@dataclass(frozen=True)
class DefinitionSite:
    """``X (ACR)`` (or ``ACR (X)``) in the document: an acronym introduced with a long form.

    ``preceding`` is the text before the parenthesis back to a clause boundary; ``full`` is the
    long form the definition detector recognised, when it did. Offsets index the original text.
    """

    acronym: str
    acronym_start: int
    acronym_end: int
    lang: str
    preceding: str
    preceding_start: int
    preceding_end: int
    full: str | None = None
    full_start: int | None = None
    full_end: int | None = None
    acronym_occurrence: Occurrence | None = None
    long_form_inside: bool = False  # ACR (long form) rather than long form (ACR)
    # Where ``preceding`` ends in the normalised document, to locate parts of it.
    normalized: NormalizedText | None = field(default=None, compare=False, repr=False)
    preceding_norm_end: int = 0

    def tail_span(self, length: int) -> tuple[int, int]:
        """The original span of the last ``length`` characters of ``preceding``."""
        length = min(length, len(self.preceding))
        if self.normalized is None or length <= 0:
            return max(self.preceding_start, self.preceding_end - length), self.preceding_end
        return self.normalized.to_original(self.preceding_norm_end - length), self.preceding_end


@dataclass(frozen=True)
class Verdict:
    """What a definition site says about its acronym.

    ``kind``: ``matches`` (the long form names the acronym's concept), ``other-concept`` (it is a
    term of another concept, ``other``), ``unmatched`` (neither), ``unknown`` (the termbase lacks
    the acronym), ``foreign`` (an acronym of another language only).
    """

    kind: str
    concept_ids: tuple[str, ...] = ()
    other: Occurrence | None = None


@dataclass(frozen=True)
class NearMissSpan:
    """Text that is no term but closely resembles ``term`` (``score`` 0–100), in the original."""

    start: int
    end: int
    text: str
    lang: str
    term: Term
    score: float


@dataclass
class CheckContext:
    """One document, ready for the rules; ``finding`` builds located findings."""

    path: str
    text: str
    termbase: Termbase
    occurrences: list[Occurrence]
    definitions: list[DefinitionSite]
    foreign_acronyms: list[Occurrence]
    line_col: Callable[[int], tuple[int, int]]
    near_miss_threshold: float = 65.0
    near_misses: list[NearMissSpan] = field(default_factory=list)
    # Another language's acronyms of concepts without one in the text's language (GISTM in
    # French text): their definitions are judged against those concepts' terms.
    borrowed_acronyms: list[Occurrence] = field(default_factory=list)
    # A language the text was read in by default, not as its words said: no fix then rewrites
    # it into another language (a short French line read as English: PNUE → UNEP).
    uncertain_lang: str | None = None
    # paragraph start (normalised) -> the language its words say, or None: guessed once
    paragraph_languages: dict[int, str | None] = field(default_factory=dict)
    _verdicts: list[tuple[DefinitionSite, Verdict]] | None = None

    @property
    def verdicts(self) -> list[tuple[DefinitionSite, Verdict]]:
        """Every definition site with its verdict, judged once for all rules."""
        if self._verdicts is None:
            from termkit.rules.sites import judge_definitions

            self._verdicts = judge_definitions(self)
        return self._verdicts

    def concept(self, concept_id: str) -> Concept:
        return self.termbase[concept_id]

    def finding(
        self,
        code: str,
        start: int,
        end: int,
        message: str,
        *,
        found: str,
        concept: str | None = None,
        expected: str | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        from termkit.rules import RULES

        line, column = self.line_col(start)
        end_line, end_column = self.line_col(end)
        registered = RULES[code]
        return Finding(
            path=self.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            code=code,
            rule=registered.name,
            severity=registered.severity,
            message=message,
            found=found,
            concept=concept,
            expected=expected,
            fix=fix,
            start=start,
            end=end,
        )

    def original(self, start: int, end: int) -> str:
        return self.text[start:end]


def narrow_fix(occurrence: Occurrence, replacement: str) -> Fix | None:
    """A fix that replaces only what differs between the found text and ``replacement``.

    ``多边环境\n协议`` → ``多边环境协定`` edits one character and keeps the line break, so a fix
    never reflows the document; None when there is nothing to change.
    """
    found = occurrence.text
    if found[:1].isupper() and replacement[:1].islower():
        # Sentence-initial capital: keep it.
        replacement = replacement[:1].upper() + replacement[1:]
    if found == replacement:
        return None
    prefix = 0
    while prefix < min(len(found), len(replacement)) and found[prefix] == replacement[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(found), len(replacement)) - prefix
        and found[-1 - suffix] == replacement[-1 - suffix]
    ):
        suffix += 1
    start = occurrence.original_index(prefix)
    end = occurrence.original_index(len(found) - suffix)
    if occurrence.normalized is not None:
        # Markdown markup inside the span (``**Panel international** des ressources``) is not
        # in the normalised text: replacing the span would delete it. No automatic fix then.
        replaced = found[prefix : len(found) - suffix]
        original = occurrence.normalized.source[start:end]
        if any(mark in original and mark not in replaced for mark in MARKUP_CHARACTERS):
            return None
    return Fix(start, end, replacement[prefix : len(replacement) - suffix])


def preferred_replacement(concept: Concept, lang: str, term_type: TermType) -> Term | None:
    """The one preferred term of ``term_type`` in ``lang``, or None when there are none or several."""
    preferred = concept.terms_in(lang, term_type, Status.PREFERRED)
    return preferred[0] if len(preferred) == 1 else None


def local_replacement(concept: Concept, lang: str, term_type: TermType) -> Term | None:
    """What ``lang`` writes instead of another language's term of ``term_type``: its one preferred
    term of that type; for an acronym without one, its preferred short form (ASGM is « EMAPE d'or »
    in French, where EMAPE alone is ASM's acronym and only admitted for ASGM)."""
    own = preferred_replacement(concept, lang, term_type)
    if own is None and term_type is TermType.ACRONYM:
        own = preferred_replacement(concept, lang, TermType.SHORT)
    return own
