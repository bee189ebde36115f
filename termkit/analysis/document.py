"""``analyse_document``: one document, read once, into the :class:`Analysis` that ``check``'s rules,
``expand`` and ``glossary`` all judge.

The data flow: document text → masked (Markdown code, URLs) → paragraphs normalised with an
offset map → the language of each place → term matches, other languages' acronyms, acronym
definition sites and their verdicts, near misses → located in the original text.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from termkit.analysis.definition_sites import definition_sites
from termkit.analysis.languages import (
    LanguageMap,
    foreign_acronym_lenders,
    optional_language,
    termbase_language,
)
from termkit.analysis.types import DefinitionSite, NearMissSpan, Occurrence, Verdict
from termkit.analysis.verdicts import judge_definitions
from termkit.model import Termbase, TermType
from termkit.patterns import compile_pattern
from termkit.settings import CheckSettings
from termkit.text.languages import AUTO, guess_latin_language
from termkit.text.lines import LINE_BREAKS
from termkit.text.normalize import KeepHyphen, normalize

if TYPE_CHECKING:
    from termkit.matcher import Match, TermMatcher
    from termkit.text import NormalizedText

__all__ = [
    "ACRONYMS",
    "Analysis",
    "LanguageChoice",
    "Needs",
    "analyse_document",
    "latin_language",
    "matcher_for",
    "preload",
]


class Needs(enum.Flag):
    """What a reader of the analysis needs beyond the terms and definition sites, which are
    always there. Rules declare theirs; the driver analyses for their union."""

    NOTHING = 0
    VERDICTS = enum.auto()  # each definition site judged
    # Other languages' acronyms: foreign ones (ASGM in French text) and those the text's language
    # borrows (GISTM in French, which has none of its own); both are judged as acronyms.
    OTHER_ACRONYMS = enum.auto()
    NEAR_MISSES = enum.auto()  # spans that closely resemble a long term but are none
    # Whether each foreign acronym's own paragraph says another language (a fix rewrites it).
    PARAGRAPH_LANGUAGES = enum.auto()


class LanguageChoice(enum.Enum):
    """How the language of a document's Latin-script text was chosen."""

    GIVEN = "given"  # --lang, --latin-lang or the configuration said it
    GUESSED = "guessed"  # latin-lang "auto": its words said it
    DEFAULT = "default"  # latin-lang "auto": its words did not say; English by default


# What expand and glossary read: every acronym judged.
ACRONYMS = Needs.VERDICTS | Needs.OTHER_ACRONYMS

# A span that resembles a term is flagged from this similarity on, whatever the threshold for long
# forms introducing an acronym (where the acronym says which term was meant).
SPAN_NEAR_MISS_FLOOR = 85.0


@dataclass(frozen=True)
class Analysis:
    """A document as every judge sees it, before any judgement; offsets index ``text``."""

    text: str  # the original
    normalized: NormalizedText  # as it was matched, mapping back to the original
    occurrences: tuple[Occurrence, ...] = ()
    sites: tuple[DefinitionSite, ...] = ()
    # Each site with its verdict (Needs.VERDICTS), in text order.
    verdicts: tuple[tuple[DefinitionSite, Verdict], ...] = ()
    # Another language's acronyms where the text's language has its own (ASGM in French text).
    foreign: tuple[Occurrence, ...] = ()
    # Another language's acronyms of concepts that have none in the text's language (French
    # text writes GISTM): no TK205, but they are judged like the text's own.
    borrowed: tuple[Occurrence, ...] = ()
    near_misses: tuple[NearMissSpan, ...] = ()
    # The Latin-script language when it was taken by default ("auto", and the words did not say)
    uncertain_lang: str | None = None
    # The language Latin-script text was read in (the one forced with --lang, if any), and how
    # it was chosen
    latin_lang: str = "en"
    latin_choice: LanguageChoice = LanguageChoice.GIVEN
    # A foreign acronym's start -> the language its paragraph's words say, or None when they say
    # none (Needs.PARAGRAPH_LANGUAGES, without a language forced); absent where not guessed.
    paragraph_languages: Mapping[int, str | None] = field(
        default_factory=lambda: MappingProxyType({})
    )
    # How the document's line-broken hyphens were read (the matcher's words), for ``written``
    keep_hyphen: KeepHyphen | None = field(default=None, compare=False, repr=False)

    def written(self, start: int, end: int) -> str:
        """The text at ``start:end`` as the document writes it (full-width forms, case, markup),
        with its line breaks read as the normaliser read them: a space between words, nothing
        inside a Chinese word or after a hyphen that joins a word."""
        text = self.text[start:end]
        if not any(char in LINE_BREAKS for char in text):
            return text  # the common case: the span as it stands
        normalized = normalize(text, keep_hyphen=self.keep_hyphen)
        originals = normalized.to_original_all(range(len(normalized.text)))
        return "".join(
            char if char.isspace() else text[original]
            for char, original in zip(normalized.text, originals, strict=True)
        )


def matcher_for(termbase: Termbase) -> TermMatcher:
    """The termbase's matcher, compiled (or loaded) language by language when first scanned,
    and kept with the termbase."""
    from termkit.matcher import TermMatcher

    return termbase.derived("matcher", TermMatcher)


def preload(termbase: Termbase, settings: CheckSettings, needs: Needs) -> None:
    """Load now what analysing for ``needs`` with ``settings`` may use: the automata of every
    language that can be in play, of the languages whose acronyms are foreign there, and the
    near-miss anchors.

    Analysis loads these on first use; a parent process calls this before it forks workers, so
    that they share one copy instead of each loading its own.
    """
    matcher = matcher_for(termbase)
    if settings.lang:
        languages = [termbase_language(termbase, settings.lang, "--lang")]
    else:
        # "auto": documents are mostly in the default language; another one loads when needed
        latin_setting = "en" if settings.latin_lang == AUTO else settings.latin_lang
        candidates = (
            optional_language(termbase, latin_setting, "en", "--latin-lang"),
            optional_language(termbase, settings.han_lang, "zh", "han-lang"),
        )
        languages = [lang for lang in candidates if lang is not None]
    lenders = _lenders(termbase, languages) if Needs.OTHER_ACRONYMS in needs else []
    matcher.expect_acronyms(lenders)
    for lang in languages:
        matcher.preload(lang, anchors=Needs.NEAR_MISSES in needs)
    for other in lenders:  # built already by a sort above, unless the cache had that language
        matcher.preload_acronyms(other)


def _lenders(termbase: Termbase, languages: list[str]) -> list[str]:
    """The languages whose acronyms are foreign in one of ``languages``, each once."""
    return list(
        dict.fromkeys(
            other for lang in languages for other in foreign_acronym_lenders(termbase, lang)
        )
    )


def analyse_document(
    text: str,
    termbase: Termbase,
    settings: CheckSettings,
    *,
    markdown: bool,
    needs: Needs = ACRONYMS,
    blocks: bool = False,
    latin: tuple[str, LanguageChoice] | None = None,
) -> Analysis:
    """Term occurrences and definition sites, and what ``needs`` asks for besides.

    The hot path: the whole document is normalised once and scanned once per language in play;
    a paragraph's language runs are worked out only where there is a hit. ``latin``: the
    language of the Latin-script text and how it was chosen, when ``text`` is a part of a
    document (see :func:`latin_language`); by default it is decided on ``text``.
    """
    from termkit.text import normalize_document

    matcher = matcher_for(termbase)
    normalized = normalize_document(
        text, markdown=markdown, keep_hyphen=matcher.keep_hyphen, blocks=blocks
    )
    latin_lang, choice = latin or latin_language(termbase, normalized, settings)
    languages = LanguageMap.for_document(termbase, normalized, settings, latin_lang)
    said = settings.lang or latin_lang  # the language reported as the Latin-script text's
    if not languages.in_play:
        # No letters of a language the termbase has (punctuation, digits, another script).
        return Analysis(
            text, normalized, keep_hyphen=matcher.keep_hyphen, latin_lang=said,
            latin_choice=choice,
        )
    # Taken by default: nothing is rewritten into another language then.
    uncertain_lang = languages.latin if choice is LanguageChoice.DEFAULT else None
    if Needs.NEAR_MISSES in needs:
        matcher.expect_near_misses(languages.in_play)
    if Needs.OTHER_ACRONYMS in needs:
        matcher.expect_acronyms(_lenders(termbase, languages.in_play))
    occurrences = _term_occurrences(matcher, normalized, languages)
    foreign: list[Occurrence] = []
    borrowed: list[Occurrence] = []
    if Needs.OTHER_ACRONYMS in needs:
        foreign, borrowed = _other_acronyms(termbase, matcher, normalized, languages, occurrences)
    sites = list(definition_sites(normalized, languages.at, occurrences))
    verdicts = (
        judge_definitions(text, sites, occurrences, foreign, borrowed)
        if Needs.VERDICTS in needs
        else []
    )
    misses = (
        _near_misses(matcher, normalized, languages, occurrences, settings)
        if Needs.NEAR_MISSES in needs
        else []
    )
    paragraph_languages = (
        _paragraph_languages(termbase, foreign, uncertain_lang)
        # With --lang the user said the language: no paragraph guesses otherwise.
        if Needs.PARAGRAPH_LANGUAGES in needs and not settings.lang
        else {}
    )
    return Analysis(
        text=text,
        normalized=normalized,
        occurrences=tuple(occurrences),
        sites=tuple(sites),
        verdicts=tuple(verdicts),
        foreign=tuple(foreign),
        borrowed=tuple(borrowed),
        near_misses=tuple(misses),
        uncertain_lang=uncertain_lang,
        latin_lang=said,
        latin_choice=choice,
        paragraph_languages=MappingProxyType(paragraph_languages),
        keep_hyphen=matcher.keep_hyphen,
    )


def latin_language(
    termbase: Termbase, normalized: NormalizedText, settings: CheckSettings
) -> tuple[str, LanguageChoice]:
    """The language of the document's Latin-script text, and how it was chosen: given (by
    --lang, when its words are not even looked at, or --latin-lang), guessed from its words
    (``auto``), or English by default when they do not say."""
    if settings.lang:
        # --lang decides every language; the setting below only names the Latin one
        return ("en" if settings.latin_lang == AUTO else settings.latin_lang), LanguageChoice.GIVEN
    if settings.latin_lang != AUTO:
        return settings.latin_lang, LanguageChoice.GIVEN
    guess = guess_latin_language(normalized.text, termbase.languages)
    if guess is None:
        return "en", LanguageChoice.DEFAULT
    return guess, LanguageChoice.GUESSED


def _term_occurrences(
    matcher: TermMatcher, normalized: NormalizedText, languages: LanguageMap
) -> list[Occurrence]:
    """The terms of each language in play, where the text is in that language, in text order."""
    occurrences: list[Occurrence] = []
    for lang in languages.in_play:
        kept = matcher.find(normalized.text, lang, keep=languages.is_in(lang))
        occurrences.extend(_occurrences(kept, lang, normalized))
    occurrences.sort(key=lambda o: o.start)
    return occurrences


def _other_acronyms(
    termbase: Termbase,
    matcher: TermMatcher,
    normalized: NormalizedText,
    languages: LanguageMap,
    occurrences: list[Occurrence],
) -> tuple[list[Occurrence], list[Occurrence]]:
    """Other languages' acronyms in each language in play: those the language has its own
    for (foreign), and those it borrows (its concept has none in the language). Each lender's
    acronyms are looked for once, for every language in play it lends to (French acronyms in
    the English and the Chinese text of a mixed bulletin: one scan)."""
    foreign: list[Occurrence] = []
    borrowed: list[Occurrence] = []
    own_acronym_starts = {o.norm_start for o in occurrences if o.is_acronym}
    borrowers: dict[str, list[str]] = {}  # lender -> the languages in play it lends to
    for lang in languages.in_play:
        for other in foreign_acronym_lenders(termbase, lang):
            borrowers.setdefault(other, []).append(lang)
    # In the termbase's order of languages, as each language's lenders are: two lenders'
    # acronyms at one place keep their order.
    for other in sorted(borrowers, key=termbase.languages.index):
        langs = borrowers[other]
        keep = _not_in(own_acronym_starts, languages.is_in(*langs))
        found: dict[str, tuple[list[Match], list[Match]]] = {lang: ([], []) for lang in langs}
        for m in matcher.find_acronyms(normalized.text, other, keep=keep):
            lang = langs[0] if len(langs) == 1 else languages.at(m.start)
            replaceable, lent = found[lang]
            has_own = termbase[m.terms[0].concept_id].terms_in(lang, TermType.ACRONYM)
            (replaceable if has_own else lent).append(m)
        for lang, (replaceable, lent) in found.items():
            foreign.extend(_occurrences(replaceable, lang, normalized))
            borrowed.extend(_occurrences(lent, lang, normalized))
    foreign.sort(key=lambda o: o.start)
    borrowed.sort(key=lambda o: o.start)
    return foreign, borrowed


def _not_in(starts: set[int], in_lang: Callable[[int], bool]) -> Callable[[int], bool]:
    """Whether a match starting at an index is not at one of ``starts`` and is ``in_lang``."""
    return lambda start: start not in starts and in_lang(start)


def _near_misses(
    matcher: TermMatcher,
    normalized: NormalizedText,
    languages: LanguageMap,
    occurrences: list[Occurrence],
    settings: CheckSettings,
) -> list[NearMissSpan]:
    """Variants of long terms that the termbase does not list, located in the original."""
    known = [(o.norm_start, o.norm_start + len(o.text)) for o in occurrences]
    # Without an acronym to say what the text means, only close resemblances are worth a flag.
    threshold = max(settings.near_miss_threshold, SPAN_NEAR_MISS_FLOOR)
    found: list[NearMissSpan] = []
    for lang in languages.in_play:
        for miss in matcher.find_near_misses(normalized.text, lang, known, threshold):
            if languages.at(miss.start) != lang:
                continue
            start, end = normalized.span_to_original(miss.start, miss.end)
            found.append(NearMissSpan(start, end, miss.text, lang, miss.term, miss.score))
    return found


def _paragraph_languages(
    termbase: Termbase, foreign: list[Occurrence], uncertain_lang: str | None
) -> dict[int, str | None]:
    """For each foreign acronym in a language not taken by default, the language its own
    paragraph's words say (None: they say none). Paragraphs are the normalised text's (PDF
    line wraps joined), each guessed once."""
    said: dict[int, str | None] = {}  # paragraph start (normalised) -> its guess
    found: dict[int, str | None] = {}
    for occ in foreign:
        if occ.lang == uncertain_lang or occ.normalized is None:
            continue
        try:
            start, end = occ.normalized.paragraph_at(occ.norm_start)
        except IndexError:
            continue
        if start not in said:
            paragraph = occ.normalized.text[start:end]
            said[start] = guess_latin_language(paragraph, termbase.languages)
        found[occ.start] = said[start]
    return found


def _occurrences(matches: list[Match], lang: str, normalized: NormalizedText) -> list[Occurrence]:
    """Matches in the normalised document → occurrences located in the original text."""
    if not matches:
        return []
    starts = normalized.to_original_all([m.start for m in matches])
    lasts = normalized.to_original_all([m.end - 1 for m in matches])
    source = normalized.source
    return [
        Occurrence(
            start=start,
            end=normalized.end_after(last),
            text=m.text,
            lang=lang,
            terms=m.terms,
            plural=m.plural,
            session=m.session,
            normalized=normalized,
            norm_start=m.start,
        )
        for m, start, last in zip(matches, starts, lasts, strict=True)
        if not _spans_masked_text(source, start, last + 1, m.text)
    ]


_BLANKS = compile_pattern(r"[\s\u00ad\u200b]+")


def _spans_masked_text(source: str, start: int, end: int, matched: str) -> bool:
    """Whether a match reaches across text the normaliser masked (a Markdown comment or code
    between ``ASM`` and ``1``): its original then holds more than the match and line breaks."""
    if end - start <= len(matched) + 2:
        return False  # the common case, decided without a regex
    original = _BLANKS.sub("", source[start:end])
    return len(original) > len(_BLANKS.sub("", matched)) + 1
