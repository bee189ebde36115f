"""Judgement that more than one rule needs: how closely a long form resembles a term, and which
part of a definition site is the long form it introduces."""

from __future__ import annotations

from termkit.analysis.types import DefinitionSite
from termkit.model import Term, Termbase

__all__ = ["candidate_long_form", "closest_term", "similarity"]


def similarity(candidate: str, term: str) -> float:
    """How closely the end of ``candidate`` resembles ``term`` (0–100), tolerant of extra
    leading words: the best ratio over the candidate's suffixes of about the term's length."""
    from rapidfuzz import fuzz

    candidate = candidate.casefold()
    term = term.casefold()
    if " " in term:
        words = candidate.split()
        size = len(term.split())
        suffixes = {" ".join(words[-n:]) for n in range(max(1, size - 1), size + 2)}
    else:
        size = len(term)
        suffixes = {candidate[-n:] for n in range(max(1, size - 2), size + 3)}
    return max((fuzz.ratio(s, term) for s in suffixes if s), default=0.0)


def closest_term(
    termbase: Termbase, site: DefinitionSite, concept_ids: tuple[str, ...]
) -> tuple[Term, float] | None:
    """The term of the acronym's concepts that the site's long form most resembles."""
    candidate = site.full or site.preceding
    best: tuple[Term, float] | None = None
    if not candidate:
        return None
    for concept_id in concept_ids:
        for term in termbase[concept_id].terms_in(site.lang):
            if term.is_acronym:
                continue
            score = similarity(candidate, term.text)
            if best is None or score > best[1]:
                best = (term, score)
    return best


def candidate_long_form(site: DefinitionSite, term_text: str) -> tuple[str, int, int]:
    """The long form a site introduces, and its original span.

    The detector's long form when it recognised one; otherwise the tail of the clause before
    the parenthesis, about as long as the term it is compared with.
    """
    if site.full and site.full_start is not None and site.full_end is not None:
        return site.full, site.full_start, site.full_end
    if " " in term_text:
        words = site.preceding.split()
        tail = " ".join(words[-len(term_text.split()) :])
    else:
        # a term without spaces is compared with as many characters, within the last word:
        # never a space or a table's cell border before a Chinese name
        words = site.preceding[-len(term_text) :].split()
        tail = words[-1] if words else ""
    start, end = site.tail_span(len(tail))
    return tail, start, end
