"""Where a document introduces acronyms: ``X (ACR)``, ``ACR (X)`` and ``ACR（全称）`` sites, each with
the long form the definition detector recognised, located in the original text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from termkit.analysis.long_forms import longer_term, terms_by_end
from termkit.analysis.types import DefinitionSite, Occurrence
from termkit.definitions import AcronymCandidate, Definition, Reading
from termkit.text.normalize import compiled
from termkit.text.scripts import HAN, has_han

if TYPE_CHECKING:
    from termkit.text import NormalizedText

__all__ = ["definition_sites"]

# Paragraphs seen lately, and what the detectors found in them: a pure function of the text.
# ``termkit server`` checks the whole document after each keystroke, and all but one paragraph
# are as they were (a 20-page draft: 30 ms of 120 saved); a run over files rarely meets a
# paragraph twice and pays a dictionary lookup. Bounded: at most 1,024 paragraphs of at most
# 4,096 characters are kept (a few MB at worst; a 20-page draft has about 300).
_KEPT_PARAGRAPHS = 1024
_KEPT_LENGTH = 4096


@lru_cache(maxsize=_KEPT_PARAGRAPHS)
def _kept_reading(paragraph: str, lang: str) -> Reading:
    return Reading(paragraph, lang)


def _reading(paragraph: str, lang: str) -> Reading:
    """The paragraph's candidates and definitions, each found when first asked (a Chinese
    paragraph's parentheses are read once for both)."""
    if len(paragraph) > _KEPT_LENGTH:
        return Reading(paragraph, lang)
    return _kept_reading(paragraph, lang)


def definition_sites(
    normalized: NormalizedText,
    language_of: Callable[[int], str],
    occurrences: Sequence[Occurrence],
) -> Iterable[DefinitionSite]:
    """``X (ACR)`` and ``ACR (X)`` in each paragraph that has a parenthesis, located in the
    original. The normaliser has folded full-width parentheses, so ``(`` finds them all."""
    text = normalized.text
    if "(" not in text:
        return
    acronym_at = {o.norm_start: o for o in occurrences if o.is_acronym}
    acronym_starts = sorted(acronym_at)
    ends_at: dict[int, Occurrence] = {}
    for o in occurrences:
        if not o.is_acronym:
            ends_at[o.norm_start + len(o.text)] = o
    by_end = terms_by_end(occurrences)
    done: set[int] = set()
    position = text.find("(")
    while position >= 0:
        p_start, p_end = normalized.paragraph_at(position)
        position = text.find("(", p_end)
        if p_start in done:
            continue
        done.add(p_start)
        paragraph = text[p_start:p_end]
        lang = language_of(paragraph.index("(") + p_start)
        reading = _reading(paragraph, lang)
        candidates = reading.candidates()
        # The detector's long forms matter only where a definition is not plainly right (a term
        # of the acronym's concept just before the parenthesis) or an acronym comes before one.
        named = {
            candidate.acronym_span: _plainly_defined(candidate, p_start, acronym_at, ends_at)
            for candidate in candidates
        }
        in_paragraph = _in_paragraph(acronym_starts, acronym_at, p_start, p_end)
        needs_long_forms = not all(named.values()) or any(
            text.startswith(("(", " ("), o.norm_start + len(o.text)) for o in in_paragraph
        )
        # keyed on where the acronym starts: a numbered session's definition (UNEA-5) is the
        # base acronym's (UNEA), a shorter span than the candidate's
        definitions: dict[int, Definition] = (
            {d.acronym_span[0]: d for d in reading.definitions()}
            if needs_long_forms
            else {}
        )
        for candidate in candidates:
            a_start, a_end = p_start + candidate.acronym_span[0], p_start + candidate.acronym_span[1]
            b_start = p_start + candidate.preceding_span[0]
            b_end = p_start + candidate.preceding_span[1]
            definition = definitions.pop(candidate.acronym_span[0], None)
            if (
                definition is not None
                and definition.acronym_span != candidate.acronym_span
                and (
                    definition.full_span[0] < candidate.preceding_span[0]
                    or has_han(definition.full)
                )
            ):
                # A numbered session (UNEA-5) defines its base acronym. In Chinese the rules
                # read the session's name from the termbase's terms alone: the detector takes
                # the run before 第六届会议, which a PDF page footer can make anything.
                definition = None
            yield _site(
                normalized, candidate.acronym, language_of(a_start), (a_start, a_end),
                candidate.preceding, (b_start, b_end), definition, p_start, acronym_at, by_end,
                named[candidate.acronym_span],
            )
        short_long = [d for d in definitions.values() if d.pattern == "short-long"]
        for definition in short_long:
            a_start, a_end = (p_start + i for i in definition.acronym_span)
            yield _site(
                normalized, definition.acronym, language_of(a_start), (a_start, a_end),
                "", (a_start, a_start), definition, p_start, acronym_at, by_end,
            )
        done_acronyms = {p_start + d.acronym_span[0] for d in short_long}
        yield from _han_short_long_sites(
            normalized, p_start, in_paragraph, language_of, acronym_at, done_acronyms
        )


def _plainly_defined(
    candidate: AcronymCandidate,
    base: int,
    acronym_at: Mapping[int, Occurrence],
    ends_at: Mapping[int, Occurrence],
) -> Occurrence | None:
    """The term of a known acronym's concept that ends right before its parenthesis (quotes
    allowed): the long form, with no need to ask the detector. None when there is none."""
    acronym = acronym_at.get(base + candidate.acronym_span[0])
    if acronym is None:
        return None
    end = base + candidate.preceding_span[1]
    for gap in range(3):
        term = ends_at.get(end - gap)
        if term is not None and term.norm_start >= base:  # in the paragraph, not the last one
            return term if set(term.concept_ids) & set(acronym.concept_ids) else None
    return None


# ACR（全称）: an acronym followed by a Chinese long form in parentheses.
_HAN_LONG_FORM = rf"\(\s*([{HAN}][^()\n]{{2,60}}?)\s*\)"  # compiled on first use


def _in_paragraph(
    starts: list[int], by_start: Mapping[int, Occurrence], p_start: int, p_end: int
) -> list[Occurrence]:
    """The occurrences (from ``by_start``, keys sorted in ``starts``) starting in a paragraph."""
    return [by_start[i] for i in starts[bisect_left(starts, p_start) : bisect_left(starts, p_end)]]


def _han_short_long_sites(
    normalized: NormalizedText,
    p_start: int,
    in_paragraph: list[Occurrence],
    language_of: Callable[[int], str],
    acronym_at: Mapping[int, Occurrence],
    done: set[int],
) -> Iterable[DefinitionSite]:
    """``UNEP（联合国环境规划署）``: the detector leaves this form alone in Chinese (a country
    often follows a name in parentheses); a known acronym directly before it is enough to judge
    it."""
    text = normalized.text
    for occurrence in in_paragraph:
        start = occurrence.norm_start
        after = start + len(occurrence.text)
        if not text.startswith("(", after) or start in done:
            continue  # most acronyms: the pattern below opens with the parenthesis
        match = compiled(_HAN_LONG_FORM).match(text, after)
        if match is None or not has_han(match.group(1)):
            continue
        inner = match.group(1)
        definition = Definition(
            acronym=occurrence.text,
            full=inner,
            lang=language_of(start),
            acronym_span=(start - p_start, after - p_start),
            full_span=(match.start(1) - p_start, match.end(1) - p_start),
            pattern="short-long",
        )
        yield _site(
            normalized, occurrence.text, language_of(start), (start, after), "", (start, start),
            definition, p_start, acronym_at, {},
        )


def _site(
    normalized: NormalizedText,
    acronym: str,
    lang: str,
    acronym_span: tuple[int, int],
    preceding: str,
    preceding_span: tuple[int, int],
    definition: Definition | None,
    base: int,
    acronym_at: Mapping[int, Occurrence],
    by_end: Mapping[int, Occurrence],
    named: Occurrence | None = None,
) -> DefinitionSite:
    """The site, with its long form decided: the detector's, or the longer term of the termbase
    that ends where it ends (:func:`~termkit.analysis.long_forms.longer_term`); where the detector
    was not asked, the term of the acronym's concept right before the parenthesis (``named``)."""
    a_start, a_end = normalized.span_to_original(*acronym_span)
    b_start, b_end = normalized.span_to_original(*preceding_span)
    full: str | None = None
    full_start: int | None = None
    full_end: int | None = None
    if definition is None and named is not None:
        full, full_start, full_end = named.text, named.start, named.end
    elif definition is not None:
        full = definition.full
        full_start, full_end = normalized.span_to_original(
            base + definition.full_span[0], base + definition.full_span[1]
        )
        term = longer_term(full_start, full_end, by_end)
        if term is not None:
            full, full_start = term.text, term.start
    return DefinitionSite(
        acronym=acronym,
        acronym_start=a_start,
        acronym_end=a_end,
        lang=lang,
        preceding=preceding,
        preceding_start=b_start,
        preceding_end=b_end,
        full=full,
        full_start=full_start,
        full_end=full_end,
        acronym_occurrence=acronym_at.get(acronym_span[0]),
        long_form_inside=bool(definition and definition.pattern == "short-long"),
        normalized=normalized,
        preceding_norm_end=preceding_span[1],
    )
