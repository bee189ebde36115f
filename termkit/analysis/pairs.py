"""A translation and its source, segment by segment: which concepts the source names, which the
target renders, and how, read from the two documents' analyses (one per language, each made as
``check`` makes it, so that the same matching judges both sides).

A segment's source names a concept by any term of it (any status, acronyms and their plurals,
numbered sessions); the target renders it by any of its terms in the target language (a
deprecated one too: that is TK101's business) or by an acronym the target language writes (its
own, borrowed or foreign). Leftmost-longest matching on both sides means a term inside a longer
term of another concept counts for neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from termkit.analysis.document import Analysis
from termkit.analysis.types import Occurrence, VerdictKind

__all__ = ["Pair", "Segment", "SegmentTerms"]


@dataclass(frozen=True)
class Segment:
    """One aligned segment: its id, and its spans in the source and target documents' text."""

    id: str
    source: tuple[int, int]
    target: tuple[int, int]


@dataclass(frozen=True)
class SegmentTerms:
    """What one segment's two sides name: concept id → the first occurrence naming it."""

    segment: Segment
    source: dict[str, Occurrence]
    target: dict[str, Occurrence]
    # every occurrence of each concept, on each side (for the acronym-form rule)
    source_all: dict[str, list[Occurrence]]
    target_all: dict[str, list[Occurrence]]


@dataclass
class Pair:
    """The source side of a translation check, as the target's rules see it.

    ``source`` is the source document's analysis; ``segments`` align its text with the target
    document's; ``source_location`` gives a source offset's line and column in its file.
    """

    source: Analysis
    segments: Sequence[Segment]
    source_lang: str
    target_lang: str
    source_path: str
    source_location: Callable[[int], tuple[int, int]]
    _terms: list[SegmentTerms] | None = field(default=None, repr=False)
    # What the translation rules work out once for all of them (by the rule module's key)
    shared: dict[str, object] = field(default_factory=dict, repr=False)

    def terms(self, target: Analysis) -> list[SegmentTerms]:
        """Each segment's concepts on both sides (computed once)."""
        if self._terms is None:
            self._terms = _segment_terms(self.source, target, self.segments)
        return self._terms

    def source_occurrence(self, span: tuple[int, int], concept_id: str) -> Occurrence | None:
        """The first source occurrence in ``span`` that names ``concept_id`` alone."""
        from bisect import bisect_left

        starts = self.shared.get("source_starts")
        if not isinstance(starts, list):
            starts = self.shared["source_starts"] = [o.start for o in self.source.occurrences]
        occurrences = self.source.occurrences
        for k in range(bisect_left(starts, span[0]), len(starts)):
            occ = occurrences[k]
            if occ.start >= span[1]:
                break
            if occ.concept_ids == (concept_id,):
                return occ
        return None

    def segment_at(self, offset: int, side: str = "target") -> Segment | None:
        """The segment whose ``side`` ("target" or "source") span holds ``offset``."""
        from bisect import bisect_right

        key = f"{side}_segment_starts"
        starts = self.shared.get(key)
        if not isinstance(starts, list):
            starts = self.shared[key] = [getattr(s, side)[0] for s in self.segments]
        k = bisect_right(starts, offset) - 1
        if k >= 0 and offset <= getattr(self.segments[k], side)[1]:
            return self.segments[k]
        return None


def _all_occurrences(analysis: Analysis) -> list[Occurrence]:
    found = [*analysis.occurrences, *analysis.borrowed, *analysis.foreign]
    found.sort(key=lambda o: o.start)
    return found


def _misdefined_acronyms(analysis: Analysis) -> set[int]:
    """The starts of acronyms introduced by another concept's name (联合国环境署（UNEA）): the
    acronym there does not render its concept."""
    return {
        site.acronym_start
        for site, verdict in analysis.verdicts
        if verdict.kind is VerdictKind.OTHER_CONCEPT
    }


def _segment_terms(
    source: Analysis, target: Analysis, segments: Sequence[Segment]
) -> list[SegmentTerms]:
    from bisect import bisect_left

    sources = _all_occurrences(source)
    targets = _all_occurrences(target)
    source_starts = [o.start for o in sources]
    target_starts = [o.start for o in targets]
    misdefined = _misdefined_acronyms(target)
    result = []
    for segment in segments:
        named: dict[str, Occurrence] = {}
        named_all: dict[str, list[Occurrence]] = {}
        lo = bisect_left(source_starts, segment.source[0])
        hi = bisect_left(source_starts, segment.source[1])
        for occ in sources[lo:hi]:
            ids = occ.concept_ids
            if len(ids) == 1:  # a homonym acronym names no one concept
                named.setdefault(ids[0], occ)
                named_all.setdefault(ids[0], []).append(occ)
        rendered: dict[str, Occurrence] = {}
        every: dict[str, list[Occurrence]] = {}
        lo = bisect_left(target_starts, segment.target[0])
        hi = bisect_left(target_starts, segment.target[1])
        for occ in targets[lo:hi]:
            if occ.is_acronym and occ.start in misdefined:
                continue
            for concept_id in occ.concept_ids:
                rendered.setdefault(concept_id, occ)
                every.setdefault(concept_id, []).append(occ)
        result.append(SegmentTerms(segment, named, rendered, named_all, every))
    return result
