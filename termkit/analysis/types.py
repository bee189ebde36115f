"""What a document holds before any rule judges it: term occurrences, acronym definition sites,
their verdicts and near misses, each located in the original text."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from termkit.model import Status, Term, TermType

if TYPE_CHECKING:
    from termkit.text import NormalizedText

__all__ = [
    "DefinitionSite",
    "NearMissSpan",
    "Occurrence",
    "Verdict",
    "VerdictKind",
]


_T = TypeVar("_T")


class _cached(Generic[_T]):
    """``functools.cached_property`` without the lock Python 3.11 takes on every first access
    (removed in 3.12): tens of thousands of occurrences each ask twice. The value goes into the
    instance's ``__dict__``, which a frozen dataclass allows, and is read from there after."""

    def __init__(self, function: Callable[[Any], _T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _cached[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...

    def __get__(self, instance: object, owner: type | None = None) -> _T | _cached[_T]:
        if instance is None:  # asked of the class
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


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

    # Cached: the rules ask these of every occurrence, often (see _cached).
    @_cached
    def is_acronym(self) -> bool:
        terms = self.terms
        if len(terms) == 1:  # most occurrences: no generator to start
            return terms[0].type is TermType.ACRONYM
        return all(t.is_acronym for t in terms)

    @_cached
    def best_status(self) -> Status:
        terms = self.terms
        if len(terms) == 1:
            return terms[0].status
        return min((t.status for t in terms), key=lambda s: s.rank)

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


class VerdictKind(enum.Enum):
    """What a definition site's long form says about its acronym."""

    MATCHES = "matches"  # the long form names the acronym's concept
    OTHER_CONCEPT = "other-concept"  # it is a term of another concept
    UNMATCHED = "unmatched"  # it is neither
    UNKNOWN = "unknown"  # the termbase lacks the acronym
    FOREIGN = "foreign"  # an acronym of another language only


@dataclass(frozen=True)
class Verdict:
    """What a definition site says about its acronym: ``kind``, the acronym's concepts, and for
    ``OTHER_CONCEPT`` the occurrence of the other concept's term (``other``)."""

    kind: VerdictKind
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
