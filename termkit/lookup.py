"""Finding concepts for a translator's query: by acronym, by any term, by prefix, substring, or fuzzily."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from termkit.model import Concept, Term, Termbase

__all__ = ["Hit", "MatchKind", "fold_query", "lookup", "suggest"]

FUZZY_THRESHOLD = 72.0
STRONG_FUZZY_THRESHOLD = 85.0
SUGGEST_THRESHOLD = 45.0


class MatchKind(str, enum.Enum):
    """How a concept matched, best first: the order of the ranking."""

    ACRONYM = "acronym"
    EXACT = "exact"
    PREFIX = "prefix"
    SUBSTRING = "substring"
    FUZZY = "fuzzy"

    @property
    def rank(self) -> int:
        return list(MatchKind).index(self)


@dataclass(frozen=True)
class Hit:
    """A concept that matched a query, with the term that matched and how."""

    concept: Concept
    kind: MatchKind
    term: Term
    score: float  # 100 for all but fuzzy hits

    @property
    def sort_key(self) -> tuple[int, float, int, str]:
        # Within a kind: higher score, then the shorter matched term (closer to the query), then id.
        return (self.kind.rank, -self.score, len(self.term.text), self.concept.id)


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_HYPHENS = re.compile(r"[-\u2010\u2011\u2012\u2013]")


def fold_query(text: str) -> str:
    """Fold a query or term for comparison: width, case, apostrophes, hyphens and spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'")
    text = _HYPHENS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _searchable_terms(termbase: Termbase) -> Iterable[Term]:
    # Borrowed acronyms repeat the lender's: searching them again adds nothing.
    return (t for t in termbase.terms() if t.borrowed_from is None)


def _acronym_forms(term: Term) -> set[str]:
    """The spellings under which an acronym query finds ``term`` (case-insensitive, plurals)."""
    base = term.text.casefold()
    forms = {base, base + "s"}
    if base.endswith("s") and len(base) > 2:
        forms.add(base[:-1])
    if term.plural:
        forms.add(term.plural.casefold())
    return forms


def _classify(query: str, folded: str, term: Term) -> MatchKind | None:
    if term.is_acronym and query.strip().casefold() in _acronym_forms(term):
        return MatchKind.ACRONYM
    folded_term = fold_query(term.text)
    if folded == folded_term:
        return MatchKind.EXACT
    if folded_term.startswith(folded):
        return MatchKind.PREFIX
    if folded in folded_term:
        return MatchKind.SUBSTRING
    return None


def lookup(termbase: Termbase, query: str, *, limit: int | None = None) -> list[Hit]:
    """The concepts matching ``query``, best first; one hit per concept.

    Ranking: exact acronym, exact term, prefix, substring, then fuzzy matches
    (rapidfuzz, scored 0–100) for concepts that matched no other way.
    """
    folded = fold_query(query)
    if not folded:
        return []
    best: dict[str, Hit] = {}

    def offer(hit: Hit) -> None:
        current = best.get(hit.concept.id)
        if current is None or hit.sort_key < current.sort_key:
            best[hit.concept.id] = hit

    terms = list(_searchable_terms(termbase))
    for term in terms:
        kind = _classify(query, folded, term)
        if kind is not None:
            offer(Hit(termbase[term.concept_id], kind, term, 100.0))
    # Once something matched exactly, only strong resemblances are worth a translator's time.
    threshold = FUZZY_THRESHOLD if not best else STRONG_FUZZY_THRESHOLD
    if not best or len(folded) >= 3:
        for term, score in _fuzzy(folded, terms, threshold):
            if term.concept_id not in best:
                offer(Hit(termbase[term.concept_id], MatchKind.FUZZY, term, score))
    hits = sorted(best.values(), key=lambda h: h.sort_key)
    return hits[:limit] if limit else hits


def suggest(termbase: Termbase, query: str, *, limit: int = 3) -> list[Hit]:
    """Near misses for a query that found nothing: the "did you mean" list."""
    folded = fold_query(query)
    seen: dict[str, Hit] = {}
    for term, score in _fuzzy(folded, list(_searchable_terms(termbase)), SUGGEST_THRESHOLD):
        if term.concept_id not in seen:
            seen[term.concept_id] = Hit(termbase[term.concept_id], MatchKind.FUZZY, term, score)
    return sorted(seen.values(), key=lambda h: h.sort_key)[:limit]


def _fuzzy(folded: str, terms: list[Term], threshold: float) -> list[tuple[Term, float]]:
    """Terms that resemble the query, tolerant of typos and of word order."""
    from rapidfuzz import fuzz, process

    choices = [fold_query(t.text) for t in terms]

    def scorer(query: str, choice: str, **kwargs: object) -> float:
        # ratio forgives typos, token_sort_ratio word order, token_set_ratio missing words
        # ("artisanal small scale gold"). No partial_ratio: it lets a short term match any
        # query that happens to contain its letters.
        return max(
            fuzz.ratio(query, choice),
            fuzz.token_sort_ratio(query, choice, processor=None),
            fuzz.token_set_ratio(query, choice, processor=None),
        )

    results = process.extract(
        folded,
        choices,
        scorer=scorer,
        score_cutoff=threshold,
        limit=None,
    )
    return [(terms[index], score) for _, score, index in results]
