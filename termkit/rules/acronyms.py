"""Rules about acronyms: TK201–TK205."""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from termkit.analysis import Needs, Occurrence, VerdictKind
from termkit.analysis.judgement import candidate_long_form, closest_term
from termkit.edits import narrow_fix
from termkit.findings import Finding, Severity
from termkit.forms import definition_form, full_form, full_form_key, local_replacement
from termkit.i18n import M_, message_language
from termkit.langtags import display_name
from termkit.model import Concept, Status
from termkit.rules.context import CheckContext
from termkit.rules.registry import rule

# What a rule that judges acronyms reads: every definition site judged, with other languages'
# acronyms among them (GISTM in French text is the text's acronym; ASGM is foreign).
_ACRONYMS = Needs.VERDICTS | Needs.OTHER_ACRONYMS

__all__ = [
    "acronym_mismatch",
    "foreign_acronym",
    "redefined_acronym",
    "undefined_acronym",
    "unknown_acronym",
]


def _names(ctx: CheckContext, concept_ids: tuple[str, ...]) -> str:
    return " or ".join(ctx.concept(c).label for c in concept_ids)


@rule(
    "TK201",
    "acronym-mismatch",
    Severity.ERROR,
    "An acronym is introduced with the name of another concept, or with a name that is none of its.",
    needs=_ACRONYMS,
)
def acronym_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    `X (ACR)` where X names another concept (`联合国环境署（UNEA）`: that is UNEP), or a long
    form that is none of ACR's names and not close to one (closer ones are TK104's). Text in
    brackets after an acronym (`UNEP（内罗毕）`) and ACR's name in another language are let be.

    ## Why it matters

    A definition tells the reader what an acronym stands for for the rest of the bulletin: a
    wrong one misinforms every later use.

    ## Example

    ```zh
    联合国环境署（UNEA）
    ```

    ```en
    The Universal Natural Energy Project (UNEP) met.
    ```

    ## Does not fire

    ```en
    asked the United Nations Environment Assembly (UNEA) to act.
    ```

    ## Fix

    None: the long form or the acronym may be the wrong one. The message gives the acronym's
    preferred full form.
    """
    for site, verdict in ctx.verdicts:
        if verdict.kind not in (VerdictKind.OTHER_CONCEPT, VerdictKind.UNMATCHED):
            continue
        # The concepts are read (decoded) for a reported site only: most unmatched sites are
        # let be below (the 10 MB corpus: 4,600 sites; 3,800 of 8,900 concept decodes saved).
        if verdict.kind is VerdictKind.OTHER_CONCEPT and verdict.other is not None:
            defined, expected = _defined_and_expected(ctx, verdict.concept_ids, site.lang)
            other = verdict.other
            message = M_("{found} names {other}, not {defined}").format(
                found=repr(other.text), other=_names(ctx, other.concept_ids), defined=defined
            )
            if site.long_form_inside and site.full_end is not None:
                start, end = site.acronym_start, _closing_bracket_end(ctx, site.full_end)
            else:
                start, end = other.start, _closing_bracket_end(ctx, site.acronym_end)
        elif verdict.kind is VerdictKind.UNMATCHED:
            best = closest_term(ctx.termbase, site, verdict.concept_ids)
            if best is not None and best[1] >= ctx.near_miss_threshold:
                continue  # a near miss: TK104
            if not site.full or site.long_form_inside:
                # No recognisable long form, or ACR (text) where the text may be a place or a
                # gloss (UNEP（内罗毕）): nothing to say with confidence.
                continue
            if _named_in_another_language(ctx, site.full, verdict.concept_ids):
                # le Global Industry Standard on Tailings Management (GISTM): its English name
                continue
            defined, expected = _defined_and_expected(ctx, verdict.concept_ids, site.lang)
            found, start, _ = candidate_long_form(site, expected or site.full)
            message = M_("{found} is not a name of {defined}").format(
                found=repr(found), defined=defined
            )
            end = _closing_bracket_end(ctx, site.acronym_end)
        else:
            continue
        if expected:
            message += M_("; {defined} is {expected}").format(
                defined=defined, expected=repr(expected)
            )
        yield ctx.finding(
            "TK201",
            start,
            end,
            message,
            found=ctx.written(start, end),
            concept=verdict.concept_ids[0],
            expected=expected,
        )


def _defined_and_expected(
    ctx: CheckContext, concept_ids: tuple[str, ...], lang: str
) -> tuple[str, str | None]:
    """What a TK201 message says the acronym defines, and the preferred full form it expects."""
    return _names(ctx, concept_ids), _preferred_full(ctx, concept_ids, lang)


def _named_in_another_language(ctx: CheckContext, full: str, concept_ids: tuple[str, ...]) -> bool:
    """Whether ``full`` is a term (not an acronym) of one of the concepts, in any language,
    compared as extract compares full forms."""
    key = full_form_key(full)
    return any(
        full_form_key(term.text) == key
        for concept_id in concept_ids
        for term in ctx.concept(concept_id).terms
        if not term.is_acronym
    )


def _closing_bracket_end(ctx: CheckContext, acronym_end: int) -> int:
    """Just past the bracket that closes ``(ACR)``, so that the found text is balanced."""
    text = ctx.text
    index = acronym_end
    while index < len(text) and text[index] in " \t":
        index += 1
    return index + 1 if index < len(text) and text[index] in ")）" else acronym_end


def _preferred_full(ctx: CheckContext, concept_ids: tuple[str, ...], lang: str) -> str | None:
    for concept_id in concept_ids:
        term = ctx.concept(concept_id).preferred_term(lang)
        if term is not None:
            return term.text
    return None


def _plural_acronym(occ: Occurrence, concept: Concept) -> bool:
    """NGOs for NGO: a made-up plural, or a listed one whose singular the concept also has."""
    if occ.plural:
        return True
    text = occ.text
    return text.endswith("s") and any(t.text == text[:-1] for t in concept.acronyms(occ.lang))


def _first_definitions(ctx: CheckContext) -> dict[str, int]:
    """Where each concept's acronym is first defined (by any spelling: NPPs defines NPP)."""
    first: dict[str, int] = {}
    for site, verdict in ctx.verdicts:
        if site.long_form_inside and verdict.kind is VerdictKind.UNMATCHED:
            best = closest_term(ctx.termbase, site, verdict.concept_ids)
            if best is None or best[1] < ctx.near_miss_threshold:
                continue  # UNEP（内罗毕）: a place or a gloss, not a definition
        for concept_id in verdict.concept_ids:
            first.setdefault(concept_id, site.acronym_start)
    return first


def _first_uses() -> tuple[set[tuple[str, ...]], dict[str, int]]:
    return set(), {}


@rule(
    "TK202",
    "undefined-acronym",
    Severity.WARNING,
    "The first use of an acronym is not its definition and no definition comes before it.",
    needs=_ACRONYMS,
)
def undefined_acronym(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    The first use of an acronym when no definition (`long form (ACR)`, by any spelling: NPPs
    defines NPP) comes at or before it. Concepts marked `well-known` (NGO, ISO) are skipped.

    ## Why it matters

    A bulletin is read by delegates and the public in several languages: an acronym used
    before it is spelled out is one a reader may not know.

    ## Example

    ```en
    UNEP met.
    ```

    ```zh
    会议讨论了NPPs。
    ```

    ## Does not fire

    ```en
    The United Nations Environment Programme (UNEP) met. UNEP agreed.
    ```

    ## Fix

    None in `check`: the message gives the definition as `termkit expand` would write it.
    """
    # Across the document's parts: the acronyms already met, and where each concept's acronym is
    # first defined (document offsets; a later part's definitions come after every use here).
    seen, first_definition = ctx.carry("TK202", _first_uses)
    offset = ctx.offset
    for concept_id, start in _first_definitions(ctx).items():
        first_definition.setdefault(concept_id, start + offset)
    # The text's acronyms, and those it borrows (GISTM in French, which has none of its own)
    uses = heapq.merge(
        (occ for occ in ctx.occurrences if occ.is_acronym),
        ctx.borrowed_acronyms,
        key=lambda occ: occ.start,
    )
    for occ in uses:
        if occ.acronym_key in seen:
            continue
        seen.add(occ.acronym_key)
        start = occ.start + offset
        if any(first_definition.get(c, start + 1) <= start for c in occ.concept_ids):
            continue
        if any(ctx.concept(c).well_known for c in occ.concept_ids):
            continue
        expected = _preferred_full(ctx, occ.concept_ids, occ.lang)
        message = M_("{acronym} is used before it is defined").format(acronym=occ.text)
        # As expand would write it: NGOs as non-governmental organizations (NGOs).
        concept = ctx.concept(occ.concept_ids[0])
        full = full_form(concept, occ.lang, plural=_plural_acronym(occ, concept)) or expected
        if full:
            message += M_("; introduce it as {definition}").format(
                definition=repr(definition_form(full, occ.text, occ.lang))
            )
        yield ctx.finding(
            "TK202",
            occ.start,
            occ.end,
            message,
            found=ctx.written(occ.start, occ.end),
            concept=occ.concept_ids[0],
            expected=expected,
        )


@rule(
    "TK203",
    "redefined-acronym",
    Severity.INFO,
    "An acronym is defined again after its first definition.",
    default=False,
    needs=_ACRONYMS,
)
def redefined_acronym(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    An acronym defined again after its first definition. A numbered session (UNEA 6 after UNEA)
    introduces the session, not the body again; a definition naming another concept is TK201's.

    ## Why it matters

    Defining an acronym once is the convention of most documents; a second definition is then
    usually left over from merged drafts. It is harmless, hence `info`. Off by default: ENB-style
    bulletins define acronyms again in each section, on purpose, so on them it would fire on
    almost every section. Select it (`--select TK203`) for documents that define once.

    ## Example

    ```zh
    联合国环境规划署（UNEP）……联合国环境规划署（UNEP）
    ```

    ## Does not fire

    ```en
    The United Nations Environment Assembly (UNEA) met.
    The sixth session of the United Nations Environment Assembly (UNEA 6) opened.
    ```

    ## Fix

    None: the message gives the line of the first definition.
    """
    # Each acronym's first definition (its line), across the document's parts
    first: dict[tuple[str, ...], int] = ctx.carry("TK203", dict)
    for site, verdict in ctx.verdicts:
        # A numbered session (UNEA 6 after UNEA 5) introduces the session, not the body again;
        # a definition that names another concept is TK201's.
        occurrence = site.acronym_occurrence
        if verdict.kind is not VerdictKind.MATCHES or (occurrence is not None and occurrence.session):
            continue
        key = verdict.concept_ids
        if key not in first:
            first[key] = ctx.line_col(site.acronym_start)[0]
            continue
        line = first[key]
        yield ctx.finding(
            "TK203",
            site.acronym_start,
            site.acronym_end,
            M_("{acronym} is defined again (first defined on line {line})").format(
                acronym=site.acronym, line=line
            ),
            found=ctx.written(site.acronym_start, site.acronym_end),
            concept=key[0],
        )


@rule(
    "TK204",
    "unknown-acronym",
    Severity.INFO,
    "An acronym is defined in the text but the termbase does not hold it.",
    needs=_ACRONYMS,
)
def unknown_acronym(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    A definition of an acronym that the termbase does not hold.

    ## Why it matters

    The termbase can only check what it knows: each unknown definition is a candidate entry, and
    a new body named in a bulletin is one the next bulletins will name too.

    ## Example

    ```en
    The Blue Planet Alliance (BPA) and the BPA met.
    ```

    ```fr
    L'Alliance pour la planète bleue (APB) s'est réunie.
    ```

    ## Does not fire

    ```en
    The Open-ended Working Group (OEWG) met.
    ```

    ## Fix

    None in the document: add the concept with `termkit add` (`termkit extract` lists every
    definition of a folder).
    """
    for site, verdict in ctx.verdicts:
        if verdict.kind is not VerdictKind.UNKNOWN:
            continue
        long_form = site.full or site.preceding
        message = M_("{acronym} is not in the termbase").format(acronym=site.acronym)
        if long_form:
            message += M_(" (defined here as {long_form}); add it with termkit add").format(
                long_form=repr(long_form)
            )
        yield ctx.finding(
            "TK204",
            site.acronym_start,
            site.acronym_end,
            message,
            found=ctx.written(site.acronym_start, site.acronym_end),
            expected=long_form or None,
        )


@rule(
    "TK205",
    "foreign-acronym",
    Severity.WARNING,
    "An acronym of another language is used where the text's language has its own.",
    needs=Needs.OTHER_ACRONYMS | Needs.PARAGRAPH_LANGUAGES,
)
def foreign_acronym(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    An acronym of another language where the text's language has its own: UNEP in French text
    (PNUE), ANUE in English text (UNEA). Where the language has no preferred acronym for the
    concept, its preferred short form is expected (ASGM → EMAPE d'or). A French text may write
    an English acronym that has no French one (GISTM): that is the text's acronym.

    ## Why it matters

    Each language version of a bulletin uses its own acronyms; a foreign one is usually left over
    from translation.

    ## Example

    ```fr
    L'UNEP a présenté son rapport.
    ```

    ```fr
    Les délégués ont parlé de l'ASGM.
    ```

    ```en
    The ANUE met.
    ```

    ## Does not fire

    ```fr
    Le PNUE a présenté son rapport.
    ```

    ## Fix

    `--fix` writes the language's own form when the acronym names one concept and the text's
    language is certain: not taken by default (a short French line read as English is not
    rewritten) and not contradicted by the words of its paragraph. A short form takes no plural
    or session number.
    """
    for occ in ctx.foreign_acronyms:
        yield _foreign_finding(ctx, occ)


def _foreign_finding(ctx: CheckContext, occ: Occurrence) -> Finding:
    term = occ.terms[0]
    concept = ctx.concept(term.concept_id)
    suffix = occ.text[len(term.text) :]
    own = local_replacement(concept, occ.lang, term.type)
    if own is not None and own.type is not term.type and suffix:
        own = None  # no plural or session number after a short form: EMAPE d'or-5
    expected = None
    if own is not None and len(occ.concept_ids) == 1:
        expected = own.text + suffix
    # The language's own forms, the replacement first, then its acronyms, preferred first.
    own_terms = sorted(concept.terms_in(occ.lang, term.type), key=lambda t: t.status.rank)
    texts = [own.text] if own is not None else []
    texts += [t.text for t in own_terms if t.status is not Status.DEPRECATED and t.text not in texts]
    choices = ", ".join(texts)
    # the concept by its name in the text's language: its id is often the foreign acronym itself
    name = concept.preferred_term(occ.lang)
    said_in = message_language()
    message = M_("{acronym} is the {language} acronym of {name}; {text_language} text uses "
                 "{choices}").format(
        acronym=occ.text, language=display_name(term.lang, said_in),
        name=name.text if name is not None else concept.id,
        text_language=display_name(occ.lang, said_in), choices=choices,
    )
    return ctx.finding(
        "TK205",
        occ.start,
        occ.end,
        message,
        found=ctx.written(occ.start, occ.end),
        concept=concept.id,
        expected=expected,
        fix=narrow_fix(occ, expected) if expected and _sure_of_language(ctx, occ) else None,
    )


def _sure_of_language(ctx: CheckContext, occ: Occurrence) -> bool:
    """Whether ``occ``'s language is certain enough to rewrite the acronym into it: not taken by
    default, and not contradicted by the words of its own paragraph (the English paragraph
    of a document read as French)."""
    if occ.lang == ctx.uncertain_lang:
        return False
    said = ctx.analysis.paragraph_languages.get(occ.start)
    return said is None or said == occ.lang
