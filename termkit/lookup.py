"""Finding concepts for a translator's query: by acronym, by any term, by prefix, substring, or fuzzily."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from termkit.model import Concept, Term, Termbase

__all__ = ["Hit", "LookupIndex", "MatchKind", "complete", "fold_query", "lookup", "suggest"]

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


class LookupIndex:
    """Every searchable term with its folded form, and what finds them quickly: acronym forms
    and folded texts by value, folded texts in order (prefixes), and all of them in one string
    (substrings, found by ``str.find``). Computed once per termbase: a translator looks many
    terms up in a row (``lookup -i`` searches at each keystroke of a 200,000-term termbase)."""

    _SEPARATOR = "\x00"

    def __init__(self, termbase: Termbase) -> None:
        self.termbase = termbase
        self.terms = list(_searchable_terms(termbase))
        self.folded = [fold_query(t.text) for t in self.terms]
        self.by_acronym: dict[str, list[int]] = {}
        self.by_folded: dict[str, list[int]] = {}
        for index, (term, folded) in enumerate(zip(self.terms, self.folded, strict=True)):
            self.by_folded.setdefault(folded, []).append(index)
            if term.is_acronym:
                for form in _acronym_forms(term):
                    self.by_acronym.setdefault(form, []).append(index)
        order = sorted(range(len(self.folded)), key=self.folded.__getitem__)
        self.sorted_folded = [self.folded[i] for i in order]
        self.sorted_index = order
        self.haystack = self._SEPARATOR.join(self.folded)
        self.starts: list[int] = []
        position = 0
        for folded in self.folded:
            self.starts.append(position)
            position += len(folded) + 1

    @classmethod
    def of(cls, termbase: Termbase) -> LookupIndex:
        return termbase.derived("lookup-index", cls)

    def classified(
        self, query: str, folded: str, *, cap: int | None = None
    ) -> Iterable[tuple[Term, MatchKind]]:
        """Every term that matches ``query`` other than fuzzily, and how: acronyms, exact
        terms, prefixes, then substrings (with ``cap``, at most that many prefixes and as many
        substrings: enough to complete a one-letter query)."""
        from bisect import bisect_left, bisect_right

        seen: set[int] = set()
        for index in self.by_acronym.get(query.strip().casefold(), ()):
            seen.add(index)
            yield self.terms[index], MatchKind.ACRONYM
        for index in self.by_folded.get(folded, ()):
            if index not in seen:
                seen.add(index)
                yield self.terms[index], MatchKind.EXACT
        first = position = bisect_left(self.sorted_folded, folded)
        while position < len(self.sorted_folded) and self.sorted_folded[position].startswith(
            folded
        ):
            position += 1
        if cap is not None:
            position = min(position, first + cap)
        # in the termbase's order, as the other kinds: the first of two equal hits wins
        for index in sorted(self.sorted_index[first:position]):
            if index not in seen:
                seen.add(index)
                yield self.terms[index], MatchKind.PREFIX
        if self._SEPARATOR in folded:
            return
        found = 0
        offset = self.haystack.find(folded)
        while offset != -1 and (cap is None or found < cap):
            index = bisect_right(self.starts, offset) - 1
            if index not in seen:
                seen.add(index)
                found += 1
                yield self.terms[index], MatchKind.SUBSTRING
            following = self.starts[index + 1] if index + 1 < len(self.starts) else None
            if following is None:
                break
            offset = self.haystack.find(folded, following)

    def fuzzy(self, folded: str, threshold: float, *, limit: int | None = None,
              fast: bool = False) -> list[tuple[Term, float]]:
        """Terms that resemble the query, tolerant of typos (``ratio``), of word order
        (``token_sort_ratio``) and of missing words (``token_set_ratio``: "artisanal small
        scale gold"), each score the best of the three, best first. No ``partial_ratio``: it
        lets a short term match any query that happens to contain its letters. ``fast``
        (completion as the user types): by ``ratio`` alone. Each scorer runs over all terms in
        rapidfuzz's compiled code."""
        from rapidfuzz import fuzz, process

        scorers = (fuzz.ratio,) if fast else (
            fuzz.ratio, fuzz.token_sort_ratio, fuzz.token_set_ratio
        )
        best: dict[int, float] = {}
        for scorer in scorers:
            for _, score, index in process.extract(
                folded, self.folded, scorer=scorer, processor=None, score_cutoff=threshold,
                limit=None,
            ):
                if score > best.get(index, -1.0):
                    best[index] = score
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        if limit is not None:
            ranked = ranked[:limit]
        return [(self.terms[index], score) for index, score in ranked]


def _acronym_forms(term: Term) -> frozenset[str]:
    """The spellings under which an acronym query finds ``term`` (case-insensitive, plurals)."""
    base = term.text.casefold()
    forms = {base, base + "s"}
    if base.endswith("s") and len(base) > 2:
        forms.add(base[:-1])
    if term.plural:
        forms.add(term.plural.casefold())
    return frozenset(forms)


def lookup(termbase: Termbase, query: str, *, limit: int | None = None) -> list[Hit]:
    """The concepts matching ``query``, best first; one hit per concept.

    Ranking: exact acronym, exact term, prefix, substring, then fuzzy matches
    (rapidfuzz, scored 0–100) for concepts that matched no other way.
    """
    folded = fold_query(query)
    if not folded:
        return []
    index = LookupIndex.of(termbase)
    best: dict[str, Hit] = {}

    def offer(hit: Hit) -> None:
        current = best.get(hit.concept.id)
        if current is None or hit.sort_key < current.sort_key:
            best[hit.concept.id] = hit

    for term, kind in index.classified(query, folded):
        offer(Hit(termbase[term.concept_id], kind, term, 100.0))
    # Once something matched exactly, only strong resemblances are worth a translator's time.
    threshold = FUZZY_THRESHOLD if not best else STRONG_FUZZY_THRESHOLD
    if not best or len(folded) >= 3:
        for term, score in index.fuzzy(folded, threshold):
            if term.concept_id not in best:
                offer(Hit(termbase[term.concept_id], MatchKind.FUZZY, term, score))
    hits = sorted(best.values(), key=lambda h: h.sort_key)
    return hits[:limit] if limit else hits


def complete(termbase: Termbase, query: str, *, limit: int = 12) -> list[tuple[Term, MatchKind]]:
    """Terms to offer as ``query`` is typed, ranked as :func:`lookup` ranks (acronym, exact,
    prefix, substring, then fuzzy), one per concept and text. Quick enough for each keystroke
    on a 20,000-concept termbase: fuzzy matching by the compiled scorer, only when too few
    terms contain the query."""
    folded = fold_query(query)
    if not folded:
        return []
    index = LookupIndex.of(termbase)
    found = sorted(
        index.classified(query, folded, cap=limit * 20),
        key=lambda tk: (tk[1].rank, len(tk[0].text), tk[0].text),
    )
    offered: list[tuple[Term, MatchKind]] = []
    seen: set[tuple[str, str]] = set()
    for term, kind in found:
        if (term.concept_id, term.text) not in seen:
            seen.add((term.concept_id, term.text))
            offered.append((term, kind))
        if len(offered) >= limit:
            return offered
    if len(folded) >= 3:
        for term, _ in index.fuzzy(folded, FUZZY_THRESHOLD, limit=limit * 2, fast=True):
            if (term.concept_id, term.text) not in seen and len(offered) < limit:
                seen.add((term.concept_id, term.text))
                offered.append((term, MatchKind.FUZZY))
    return offered


def suggest(termbase: Termbase, query: str, *, limit: int = 3) -> list[Hit]:
    """Near misses for a query that found nothing: the "did you mean" list."""
    folded = fold_query(query)
    seen: dict[str, Hit] = {}
    for term, score in LookupIndex.of(termbase).fuzzy(folded, SUGGEST_THRESHOLD):
        if term.concept_id not in seen:
            seen[term.concept_id] = Hit(termbase[term.concept_id], MatchKind.FUZZY, term, score)
    return sorted(seen.values(), key=lambda h: h.sort_key)[:limit]
