"""``check``: find where a document renders the termbase's concepts in ways it does not want.

The data flow: document text → masked (Markdown code, URLs) → paragraphs normalised with an
offset map → language runs → term matches and acronym definitions → rules → findings located
in the original text.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from termkit.errors import InputError
from termkit.findings import Finding, Fix
from termkit.model import Termbase, TermType
from termkit.text.normalize import HAN
from termkit.text.segments import AUTO, guess_latin_language

if TYPE_CHECKING:
    from termkit.definitions import AcronymCandidate, Definition
    from termkit.matcher import Match, TermMatcher
    from termkit.rules import Rule
    from termkit.rules.context import DefinitionSite, NearMissSpan, Occurrence
    from termkit.text import NormalizedText

__all__ = [
    "Analysis",
    "CheckSettings",
    "analyse_document",
    "apply_fixes",
    "check_text",
    "compile_matcher",
    "preload",
]


@dataclass(frozen=True)
class CheckSettings:
    """How to check: languages, rules, thresholds. Defaults suit a zh/en/fr bulletin."""

    lang: str | None = None  # one language for the whole text; None: by script per paragraph
    # The language of Latin-script passages when lang is None; "auto": each document's guessed
    # from its words (English or French, of those the termbase has), else "en".
    latin_lang: str = "en"
    han_lang: str = "zh"
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    per_file_ignores: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # Character-level similarity of short CJK names runs low (西欧和其他地区 ~ 西欧和其他国家组: 67).
    near_miss_threshold: float = 65.0


# A span that resembles a term is flagged from this similarity on, whatever the threshold for long
# forms introducing an acronym (where the acronym says which term was meant).
SPAN_NEAR_MISS_FLOOR = 85.0

_MATCHERS: dict[int, tuple[Termbase, TermMatcher]] = {}


def compile_matcher(termbase: Termbase) -> TermMatcher:
    """The termbase's matcher, compiled once per termbase object."""
    from termkit.matcher import TermMatcher

    cached = _MATCHERS.get(id(termbase))
    if cached is not None and cached[0] is termbase:
        return cached[1]
    matcher = TermMatcher(termbase)  # each language compiles (or loads) when first scanned
    _MATCHERS.clear()  # one termbase per process is the norm; do not pin old ones in memory
    _MATCHERS[id(termbase)] = (termbase, matcher)
    return matcher


def _termbase_lang(termbase: Termbase, lang: str, option: str) -> str:
    """The termbase language serving ``lang``; InputError naming ``option`` when there is none."""
    from termkit.langtags import resolve_language

    return resolve_language(lang, termbase.languages, option)


def _optional_lang(termbase: Termbase, lang: str, default: str, option: str) -> str | None:
    """The termbase language serving ``lang``, or None when the termbase lacks the default one.

    A language the user asked for (not the default) must exist: checking nothing in silence
    would pass every draft.
    """
    try:
        return _termbase_lang(termbase, lang, option)
    except InputError:
        if lang != default:
            raise
        return None


def _rules_for(path: str, settings: CheckSettings) -> list[Rule]:
    from termkit.rules import select_rules

    ignore = list(settings.ignore)
    for pattern, codes in settings.per_file_ignores.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern):
            ignore.extend(codes)
    return select_rules(settings.select, ignore)


def preload(termbase: Termbase, settings: CheckSettings) -> None:
    """Load now what checking with ``settings`` may use: the automata of every language that can
    be in play, of the languages whose acronyms are foreign there, and the near-miss anchors.

    ``check`` loads these on first use; a parent process calls this before it forks workers, so
    that they share one copy instead of each loading its own.
    """
    matcher = compile_matcher(termbase)
    if settings.lang:
        languages = [_termbase_lang(termbase, settings.lang, "--lang")]
    else:
        # "auto": documents are mostly in the default language; another one loads when needed
        latin_setting = "en" if settings.latin_lang == AUTO else settings.latin_lang
        candidates = (
            _optional_lang(termbase, latin_setting, "en", "--latin-lang"),
            _optional_lang(termbase, settings.han_lang, "zh", "han-lang"),
        )
        languages = [lang for lang in candidates if lang is not None]
    codes = {r.code for r in _rules_for("", settings)}
    for lang in languages:
        matcher.preload(lang, anchors="TK104" in codes)
        if codes & {"TK201", "TK204", "TK205"}:
            for other in _lenders_of_foreign_acronyms(termbase, lang):
                matcher.preload_acronyms(other)


def check_text(
    text: str,
    termbase: Termbase,
    lang: str | None = None,
    *,
    path: str = "<string>",
    markdown: bool = False,
    settings: CheckSettings | None = None,
) -> list[Finding]:
    """Every finding in ``text``, sorted by position.

    ``lang`` forces one language for the whole text (``zh``, ``en``, ``fr``…); without it, each
    paragraph's language follows its script. ``markdown`` masks code and link targets first.
    """
    from termkit.rules.context import CheckContext
    from termkit.text import LineIndex, find_suppressions

    settings = settings or CheckSettings()
    if lang is not None:
        settings = replace(settings, lang=lang)
    rules = _rules_for(path, settings)
    if not rules:
        return []
    found = analyse_document(
        text, termbase, settings, markdown=markdown,
        near_misses=any(r.code == "TK104" for r in rules),
        foreign_acronyms=any(r.code in ("TK205", "TK201", "TK204", "TK104") for r in rules),
    )
    index = LineIndex(text)
    context = CheckContext(
        path=path,
        text=text,
        termbase=termbase,
        occurrences=found.occurrences,
        definitions=found.sites,
        foreign_acronyms=found.foreign,
        borrowed_acronyms=found.borrowed,
        uncertain_lang=found.uncertain_lang,
        line_col=index.line_col,
        near_miss_threshold=settings.near_miss_threshold,
        near_misses=found.near_misses,
    )
    suppressions = find_suppressions(text, markdown=markdown)
    findings = [
        finding
        for registered in rules
        for finding in registered.function(context)
        if not suppressions.is_suppressed(finding.line, finding.code, finding.rule)
    ]
    return sorted(findings, key=lambda f: (f.start, f.code, f.end))


@dataclass(frozen=True)
class Analysis:
    """What ``check`` found in a document before any rule ran."""

    occurrences: list[Occurrence]
    sites: list[DefinitionSite]
    foreign: list[Occurrence]
    near_misses: list[NearMissSpan]
    normalized: NormalizedText  # the document as it was matched, mapping back to the original
    # Another language's acronyms of concepts that have none in the text's language (French
    # text writes GISTM): no TK205, but their definitions are judged like the text's own.
    borrowed: list[Occurrence] = field(default_factory=list)
    # The Latin-script language when it was taken by default ("auto", and the words did not say)
    uncertain_lang: str | None = None


_HAN = re.compile(f"[{HAN}]")  # the normaliser's Han ranges, extensions B and later included
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LOWER_LATIN = re.compile(r"[a-z\u00df-\u00ff\u0100-\u024f]")


def analyse_document(
    text: str,
    termbase: Termbase,
    settings: CheckSettings,
    *,
    markdown: bool,
    near_misses: bool = False,
    foreign_acronyms: bool = True,
) -> Analysis:
    """Term occurrences, definition sites, foreign acronyms and (on request) near misses.

    The hot path: the whole document is normalised once and scanned once per language in play;
    a paragraph's language runs are worked out only where there is a hit.
    """
    from termkit.text import Languages, normalize_document

    matcher = compile_matcher(termbase)
    normalized = normalize_document(text, markdown=markdown, keep_hyphen=matcher.keep_hyphen)
    ntext = normalized.text
    latin_lang = settings.latin_lang
    uncertain = False  # "auto", and the words did not say: English by default
    if latin_lang == AUTO:
        guess = guess_latin_language(ntext, termbase.languages)
        latin_lang, uncertain = (guess, False) if guess else ("en", True)
    # A termbase need not have both a Latin-script and a Han language: text in a script whose
    # language it lacks has nothing to match.
    latin = _optional_lang(termbase, latin_lang, "en", "--latin-lang")
    han = _optional_lang(termbase, settings.han_lang, "zh", "han-lang")
    if settings.lang:
        forced = _termbase_lang(termbase, settings.lang, "--lang")
        in_play = [forced]

        def lang_at(index: int) -> str:
            return forced
    else:
        # Skip a language whose script the document does not contain: most drafts are one script.
        # (isascii: no search through an English document, which has no Han.)
        has_han = not ntext.isascii() and bool(_HAN.search(ntext))
        has_latin = bool(_LATIN.search(ntext))
        in_play = [
            lang
            for lang, present in ((latin, has_latin), (han, has_han))
            if lang is not None and present
        ]
        languages = Languages(
            normalized, latin_lang=latin_lang, han_lang=settings.han_lang
        )
        by_text_lang = {latin_lang: latin or "", settings.han_lang: han or ""}

        scripts: dict[int, str | None] = {}  # paragraph start -> its one language, if it has one

        def lang_at(index: int) -> str:
            if len(in_play) == 1:
                # One script in play: a hit is in it, unless it lies in the other script's
                # passages, which that language (absent from the termbase) cannot match.
                return in_play[0]
            start, end = normalized.paragraph_at(index)
            if start not in scripts:
                # Most paragraphs are in one script: no Han means Latin; Han without lower-case
                # Latin letters (only acronyms such as UNEA) means Chinese. Mixed ones need runs.
                if not _HAN.search(ntext, start, end):
                    scripts[start] = latin_lang
                elif not _LOWER_LATIN.search(ntext, start, end):
                    scripts[start] = settings.han_lang
                else:
                    scripts[start] = None
            known = scripts[start]
            return by_text_lang.get(known or languages.at(index), in_play[0])

    if not in_play:
        # No letters of a language the termbase has (punctuation, digits, another script).
        return Analysis([], [], [], [], normalized)
    uncertain_lang = latin if uncertain and not settings.lang else None
    occurrences: list[Occurrence] = []
    for lang in in_play:
        kept = [m for m in matcher.find(ntext, lang) if lang_at(m.start) == lang]
        occurrences.extend(_occurrences(kept, lang, normalized))
    occurrences.sort(key=lambda o: o.start)

    foreign: list[Occurrence] = []
    borrowed: list[Occurrence] = []
    own_acronym_starts = {o.norm_start for o in occurrences if o.is_acronym}
    for lang in in_play if foreign_acronyms else ():
        for other in _lenders_of_foreign_acronyms(termbase, lang):
            replaceable: list[Match] = []
            lent: list[Match] = []
            for m in matcher.find_acronyms(ntext, other):
                if m.start in own_acronym_starts or lang_at(m.start) != lang:
                    continue
                has_own = termbase[m.terms[0].concept_id].terms_in(lang, TermType.ACRONYM)
                (replaceable if has_own else lent).append(m)
            foreign.extend(_occurrences(replaceable, lang, normalized))
            borrowed.extend(_occurrences(lent, lang, normalized))
    foreign.sort(key=lambda o: o.start)
    borrowed.sort(key=lambda o: o.start)

    sites = list(_definition_sites(normalized, lang_at, occurrences))
    misses = (
        _near_misses(matcher, normalized, in_play, lang_at, occurrences, settings)
        if near_misses
        else []
    )
    return Analysis(occurrences, sites, foreign, misses, normalized, borrowed, uncertain_lang)


def _near_misses(
    matcher: TermMatcher,
    normalized: NormalizedText,
    in_play: list[str],
    lang_at: Callable[[int], str],
    occurrences: list[Occurrence],
    settings: CheckSettings,
) -> list[NearMissSpan]:
    """Variants of long terms that the termbase does not list, located in the original."""
    from termkit.rules.context import NearMissSpan

    known = [(o.norm_start, o.norm_start + len(o.text)) for o in occurrences]
    # Without an acronym to say what the text means, only close resemblances are worth a flag.
    threshold = max(settings.near_miss_threshold, SPAN_NEAR_MISS_FLOOR)
    found: list[NearMissSpan] = []
    for lang in in_play:
        for miss in matcher.find_near_misses(normalized.text, lang, known, threshold):
            if lang_at(miss.start) != lang:
                continue
            start, end = normalized.span_to_original(miss.start, miss.end)
            found.append(NearMissSpan(start, end, miss.text, lang, miss.term, miss.score))
    return found


def _lenders_of_foreign_acronyms(termbase: Termbase, lang: str) -> list[str]:
    """Languages whose acronyms are foreign in ``lang`` text: not its own, not borrowed by it."""
    own_source = termbase.acronyms_from.get(lang, lang)
    # A language that borrows its acronyms (zh from en) lends nothing of its own.
    return [
        other
        for other in termbase.languages
        if other not in (lang, own_source) and other not in termbase.acronyms_from
    ]


def _occurrences(matches: list[Match], lang: str, normalized: NormalizedText) -> list[Occurrence]:
    """Matches in the normalised document → occurrences located in the original text."""
    from termkit.rules.context import Occurrence

    if not matches:
        return []
    starts = normalized.to_original_all([m.start for m in matches])
    lasts = normalized.to_original_all([m.end - 1 for m in matches])
    source = normalized.source
    return [
        Occurrence(
            start=start,
            end=last + 1,
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


_BLANKS = re.compile(r"[\s\u00ad\u200b]+")


def _spans_masked_text(source: str, start: int, end: int, matched: str) -> bool:
    """Whether a match reaches across text the normaliser masked (a Markdown comment or code
    between ``ASM`` and ``1``): its original then holds more than the match and line breaks."""
    if end - start <= len(matched) + 2:
        return False  # the common case, decided without a regex
    original = _BLANKS.sub("", source[start:end])
    return len(original) > len(_BLANKS.sub("", matched)) + 1


def _definition_sites(
    normalized: NormalizedText,
    lang_at: Callable[[int], str],
    occurrences: Sequence[Occurrence],
) -> Iterable[DefinitionSite]:
    """``X (ACR)`` and ``ACR (X)`` in each paragraph that has a parenthesis, located in the
    original. The normaliser has folded full-width parentheses, so ``(`` finds them all."""
    ntext = normalized.text
    if "(" not in ntext:
        return
    from termkit.definitions import find_definitions, find_parenthesised_acronyms
    from termkit.rules.context import DefinitionSite

    acronym_at = {o.norm_start: o for o in occurrences if o.is_acronym}
    acronym_starts = sorted(acronym_at)
    ends_at: dict[int, Occurrence] = {}
    for o in occurrences:
        if not o.is_acronym:
            ends_at[o.norm_start + len(o.text)] = o
    done: set[int] = set()
    position = ntext.find("(")
    while position >= 0:
        p_start, p_end = normalized.paragraph_at(position)
        position = ntext.find("(", p_end)
        if p_start in done:
            continue
        done.add(p_start)
        paragraph = ntext[p_start:p_end]
        lang = lang_at(paragraph.index("(") + p_start)
        candidates = find_parenthesised_acronyms(paragraph, lang)
        # The detector's long forms matter only where a definition is not plainly right (a term
        # of the acronym's concept just before the parenthesis) or an acronym comes before one.
        needs_long_forms = any(
            not _plainly_defined(candidate, p_start, acronym_at, ends_at) for candidate in candidates
        ) or any(
            ntext.startswith(("(", " ("), o.norm_start + len(o.text))
            for o in _in_paragraph(acronym_starts, acronym_at, p_start, p_end)
        )
        # keyed on where the acronym starts: a numbered session's definition (UNEA-5) is the
        # base acronym's (UNEA), a shorter span than the candidate's
        definitions: dict[int, Definition] = (
            {d.acronym_span[0]: d for d in find_definitions(paragraph, lang)}
            if needs_long_forms
            else {}
        )
        for candidate in candidates:
            a_start, a_end = (p_start + i for i in candidate.acronym_span)
            b_start, b_end = (p_start + i for i in candidate.preceding_span)
            definition = definitions.pop(candidate.acronym_span[0], None)
            if (
                definition is not None
                and definition.acronym_span != candidate.acronym_span
                and (
                    definition.full_span[0] < candidate.preceding_span[0]
                    or _HAN.search(definition.full)
                )
            ):
                # A numbered session (UNEA-5) defines its base acronym. In Chinese the rules
                # read the session's name from the termbase's terms alone: the detector takes
                # the run before 第六届会议, which a PDF page footer can make anything.
                definition = None
            yield _site(
                normalized, candidate.acronym, lang_at(a_start), (a_start, a_end),
                candidate.preceding, (b_start, b_end), definition, p_start, acronym_at,
                DefinitionSite,
            )
        short_long = [d for d in definitions.values() if d.pattern == "short-long"]
        for definition in short_long:
            a_start, a_end = (p_start + i for i in definition.acronym_span)
            yield _site(
                normalized, definition.acronym, lang_at(a_start), (a_start, a_end),
                "", (a_start, a_start), definition, p_start, acronym_at, DefinitionSite,
            )
        done_acronyms = {p_start + d.acronym_span[0] for d in short_long}
        in_paragraph = _in_paragraph(acronym_starts, acronym_at, p_start, p_end)
        yield from _han_short_long_sites(
            normalized, p_start, in_paragraph, lang_at, acronym_at, done_acronyms
        )


def _plainly_defined(
    candidate: AcronymCandidate,
    base: int,
    acronym_at: Mapping[int, Occurrence],
    ends_at: Mapping[int, Occurrence],
) -> bool:
    """A known acronym whose concept's term ends right before its parenthesis (quotes allowed)."""
    acronym = acronym_at.get(base + candidate.acronym_span[0])
    if acronym is None:
        return False
    end = base + candidate.preceding_span[1]
    for gap in range(3):
        term = ends_at.get(end - gap)
        if term is not None:
            return bool(set(term.concept_ids) & set(acronym.concept_ids))
    return False


# ACR（全称）: an acronym followed by a Chinese long form in parentheses.
_HAN_LONG_FORM = re.compile(r"\(\s*([\u3400-\u9fff\uf900-\ufaff][^()\n]{2,60}?)\s*\)")


def _in_paragraph(
    starts: list[int], by_start: Mapping[int, Occurrence], p_start: int, p_end: int
) -> list[Occurrence]:
    """The occurrences (from ``by_start``, keys sorted in ``starts``) starting in a paragraph."""
    from bisect import bisect_left

    return [by_start[i] for i in starts[bisect_left(starts, p_start) : bisect_left(starts, p_end)]]


def _han_short_long_sites(
    normalized: NormalizedText,
    p_start: int,
    in_paragraph: list[Occurrence],
    lang_at: Callable[[int], str],
    acronym_at: Mapping[int, Occurrence],
    done: set[int],
) -> Iterable[DefinitionSite]:
    """``UNEP（联合国环境规划署）``: the detector leaves this form alone in Chinese (a country
    often follows a name in parentheses); a known acronym directly before it is enough to judge
    it."""
    from termkit.definitions import Definition
    from termkit.rules.context import DefinitionSite

    ntext = normalized.text
    for occurrence in in_paragraph:
        start = occurrence.norm_start
        if start in done:
            continue
        after = start + len(occurrence.text)
        match = _HAN_LONG_FORM.match(ntext, after)
        if match is None or not _HAN.search(match.group(1)):
            continue
        inner = match.group(1)
        definition = Definition(
            acronym=occurrence.text,
            full=inner,
            lang=lang_at(start),
            acronym_span=(start - p_start, after - p_start),
            full_span=(match.start(1) - p_start, match.end(1) - p_start),
            pattern="short-long",
        )
        yield _site(
            normalized, occurrence.text, lang_at(start), (start, after), "", (start, start),
            definition, p_start, acronym_at, DefinitionSite,
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
    factory: type[DefinitionSite],
) -> DefinitionSite:
    a_start, a_end = normalized.span_to_original(*acronym_span)
    b_start, b_end = normalized.span_to_original(*preceding_span)
    full_start = full_end = None
    if definition is not None:
        full_start, full_end = normalized.span_to_original(
            base + definition.full_span[0], base + definition.full_span[1]
        )
    return factory(
        acronym=acronym,
        acronym_start=a_start,
        acronym_end=a_end,
        lang=lang,
        preceding=preceding,
        preceding_start=b_start,
        preceding_end=b_end,
        full=definition.full if definition else None,
        full_start=full_start,
        full_end=full_end,
        acronym_occurrence=acronym_at.get(acronym_span[0]),
        long_form_inside=bool(definition and definition.pattern == "short-long"),
        normalized=normalized,
        preceding_norm_end=preceding_span[1],
    )


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes (the first of two that overlap wins); return the text and
    how many were applied."""
    chosen: list[Fix] = []
    last_end = -1
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < last_end:
            continue
        chosen.append(fix)
        last_end = fix.end
    pieces: list[str] = []
    position = 0
    for fix in chosen:
        pieces += [text[position : fix.start], fix.replacement]
        position = fix.end
    pieces.append(text[position:])
    return "".join(pieces), len(chosen)
