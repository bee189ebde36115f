"""Judging acronym definitions: does ``X (ACR)`` name ACR's concept, another one, or nothing known?"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from termkit.analysis.types import DefinitionSite, Occurrence, Verdict, VerdictKind
from termkit.patterns import compile_pattern

__all__ = ["acronym_concepts", "judge_definitions"]

# How far a term of another concept may end before the parenthesis and still be what it defines:
# a closing quote or 》 and a space.
_ADJACENT = 2


def acronym_concepts(
    site: DefinitionSite, lent: dict[int, Occurrence] | None = None
) -> tuple[str, ...]:
    """The concepts whose acronym (in the site's language, borrowed ones included) is defined.

    ``lent`` maps starts to acronyms of another language whose concepts have none in the text's
    (GISTM in French text): such a definition is one of those concepts' too.
    """
    if site.acronym_occurrence is not None and site.acronym_occurrence.is_acronym:
        return site.acronym_occurrence.concept_ids
    if lent and site.acronym_start in lent:
        return lent[site.acronym_start].concept_ids
    return ()


def _long_form_occurrences(
    index: tuple[list[Occurrence], list[int]], site: DefinitionSite
) -> list[Occurrence]:
    if site.long_form_inside and site.full_start is not None and site.full_end is not None:
        lo, hi = site.full_start, site.full_end
    else:
        lo, hi = site.preceding_start, site.preceding_end
    # A term that ends inside the long form counts even when it starts before it: the detector
    # stops a Chinese long form at 、, which 自由、事前和知情同意 contains.
    by_end, ends = index
    return [
        occ
        for occ in by_end[bisect_right(ends, lo) : bisect_right(ends, hi)]
        if not occ.is_acronym and occ.lang == site.lang
    ]


# What joins a body's name to its parent's in a formal name: ``of the``, ``du``, ``de la``…
_LINK = compile_pattern(r"\s+(?:of(?:\s+the)?|du|des|de(?:\s+la)?|de\s+l['’]|d['’])\s*", re.IGNORECASE)


def _parent_named_after(
    text: str,
    site: DefinitionSite,
    inside: list[Occurrence],
    nearest: Occurrence,
    concept_ids: tuple[str, ...],
) -> bool:
    """``United Nations Environment Assembly of the United Nations Environment Programme
    (UNEA)``: a body's formal name holds its parent's as a complement.

    The long form the detector found starts with a term of the acronym's concept, and only
    a linking word (``of the``, ``du``, ``de la``) separates that term from the other
    concept's, which ends the long form. ``联合国环境署（UNEA）`` and ``the Assembly, not the
    Programme (UNEA)`` stay mismatches.
    """
    if site.long_form_inside or site.full_start is None:
        return False
    for occ in inside:
        own = set(occ.concept_ids) & set(concept_ids)
        if own and occ.start == site.full_start and occ.end <= nearest.start:
            return _LINK.fullmatch(text, occ.end, nearest.start) is not None
    return False


def _occurrences_by_end(occurrences: Sequence[Occurrence]) -> tuple[list[Occurrence], list[int]]:
    by_end = sorted(occurrences, key=lambda o: o.end)
    return by_end, [o.end for o in by_end]


def judge_definitions(
    text: str,
    sites: Sequence[DefinitionSite],
    occurrences: Sequence[Occurrence],
    foreign: Sequence[Occurrence],
    borrowed: Sequence[Occurrence],
) -> list[tuple[DefinitionSite, Verdict]]:
    """A verdict for every definition site of the document ``text``, in text order.

    ``occurrences`` are the text's terms; ``foreign`` and ``borrowed`` the acronyms of other
    languages it writes (ASGM in French; GISTM, which French borrows).
    """
    judged = []
    index = _occurrences_by_end(occurrences)
    foreign_starts = {occ.start for occ in foreign}
    lent = {occ.start: occ for occ in borrowed}
    for site in sites:
        concept_ids = acronym_concepts(site, lent)
        if not concept_ids:
            foreign_acronym = site.acronym_start in foreign_starts
            judged.append((site, Verdict(VerdictKind.FOREIGN if foreign_acronym else VerdictKind.UNKNOWN)))
            continue
        inside = _long_form_occurrences(index, site)
        # The term nearest the parenthesis is what the site defines: an earlier mention of the
        # acronym's concept in the same clause does not excuse a wrong name right before it.
        nearest = max(inside, key=lambda occ: occ.end, default=None)
        edge = site.full_end if site.long_form_inside and site.full_end else site.preceding_end
        if nearest is not None and set(nearest.concept_ids) & set(concept_ids):
            judged.append((site, Verdict(VerdictKind.MATCHES, concept_ids)))
        elif nearest is not None and edge - nearest.end <= _ADJACENT:
            if _parent_named_after(text, site, inside, nearest, concept_ids):
                judged.append((site, Verdict(VerdictKind.MATCHES, concept_ids)))
            else:
                judged.append((site, Verdict(VerdictKind.OTHER_CONCEPT, concept_ids, nearest)))
        elif any(set(occ.concept_ids) & set(concept_ids) for occ in inside):
            # 联合国环境大会第五届会议（UNEA 5）: the name, then words about the session.
            judged.append((site, Verdict(VerdictKind.MATCHES, concept_ids)))
        else:
            judged.append((site, Verdict(VerdictKind.UNMATCHED, concept_ids)))
    return judged
