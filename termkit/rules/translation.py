"""Translation rules: a target segment judged against its source segment (TK301–TK303).

They run only in a translation check (``termkit check`` on an XLIFF, TMX, PO or bilingual table
file, or ``--source`` with two parallel documents), where the checked document is the target and
``CheckContext.pair`` holds the source's analysis and the alignment.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from termkit.analysis import Needs, Occurrence
from termkit.findings import Finding, Severity, SourceRef
from termkit.i18n import M_
from termkit.model import Concept, Status
from termkit.rules.context import CheckContext
from termkit.rules.registry import rule

if TYPE_CHECKING:  # a plain check never imports the translation machinery
    from termkit.analysis.pairs import Pair, Segment, SegmentTerms

__all__ = ["acronym_form", "term_not_rendered", "wrong_concept"]

_NEEDS = Needs.OTHER_ACRONYMS | Needs.VERDICTS | Needs.NEAR_MISSES
# How far apart (as a share of each segment's length) two terms may be and still be at the
# "same place" of their segments, when only their domain pairs them.
_SAME_PLACE = 0.35
_SHOWN = 4  # allowed renderings listed in a message


@dataclass(frozen=True)
class _Missing:
    """A concept the source segment names and the target segment does not render."""

    terms: SegmentTerms
    concept: Concept
    source: Occurrence
    # the target concept's term found in its place (a wrong concept), if any
    instead: Occurrence | None = None
    instead_concept: Concept | None = None


def _missing(ctx: CheckContext) -> list[_Missing]:
    """Every concept a source segment names that its target does not render, each paired with
    the target's wrong concept where one stands in its place (computed once per check)."""
    pair = ctx.pair
    assert pair is not None
    cached = pair.shared.get("missing")
    if isinstance(cached, list):
        return cached
    found: list[_Missing] = []
    for terms in pair.terms(ctx.analysis):
        absent = [
            (ctx.concept(cid), occ)
            for cid, occ in terms.source.items()
            if cid not in terms.target and ctx.concept(cid).terms_in(pair.target_lang)
        ]
        if not absent:
            continue
        extra = [(ctx.concept(cid), occ) for cid, occ in terms.target.items()
                 if cid not in terms.source]
        for concept, occ in absent:
            partner = _partner(concept, occ, extra, terms.segment, len(absent))
            if partner is not None:
                extra.remove(partner)
                found.append(_Missing(terms, concept, occ, partner[1], partner[0]))
            else:
                found.append(_Missing(terms, concept, occ))
    pair.shared["missing"] = found
    return found


def _family(one: Concept, other: Concept) -> bool:
    """Whether two concepts' acronyms share a family: a common start of three letters or more
    (UNEP, UNEA), or the termbase relates them."""
    if other.id in one.related or one.id in other.related:
        return True
    mine = {t.text.upper() for t in one.terms if t.is_acronym}
    theirs = {t.text.upper() for t in other.terms if t.is_acronym}
    return any(a[:3] == b[:3] and len(a) >= 3 for a in mine for b in theirs)


def _place(occ: Occurrence, span: tuple[int, int]) -> float:
    start, end = span
    return (occ.start - start) / max(end - start, 1)


def _partner(
    concept: Concept,
    occ: Occurrence,
    extra: list[tuple[Concept, Occurrence]],
    segment: Segment,
    absent: int,
) -> tuple[Concept, Occurrence] | None:
    """The target concept that stands where the source's ``concept`` should be rendered: of
    the same acronym family, else of the same domain at about the same place, else the only one
    left when the source's concept is the only one missing."""
    for candidate in extra:
        if _family(concept, candidate[0]):
            return candidate
    here = _place(occ, segment.source)
    for candidate in extra:
        if (
            concept.domain is not None
            and candidate[0].domain == concept.domain
            and abs(_place(candidate[1], segment.target) - here) <= _SAME_PLACE
        ):
            return candidate
    if absent == 1 and len(extra) == 1:
        return extra[0]
    return None


def _allowed(concept: Concept, lang: str) -> list[str]:
    """The renderings a target may use: its terms in the language that are not deprecated,
    preferred first, full forms before acronyms."""
    terms = [t for t in concept.terms_in(lang) if t.status is not Status.DEPRECATED]
    terms.sort(key=lambda t: (t.status.rank, t.is_acronym))
    return list(dict.fromkeys(t.text for t in terms))


def _quoted(texts: list[str]) -> str:
    shown = ", ".join(repr(t) for t in texts[:_SHOWN])
    return shown + (", …" if len(texts) > _SHOWN else "")


def _source_ref(pair: Pair, ctx: CheckContext, terms: SegmentTerms,
                occ: Occurrence | None) -> SourceRef:
    """The finding's source side: the segment's source text and the term, located."""
    start, end = terms.segment.source
    source = pair.source
    text = source.written(start, end).strip()
    at = occ.start if occ is not None else start + (len(source.text[start:end]) -
                                                    len(source.text[start:end].lstrip()))
    line, column = pair.source_location(at)
    found = source.written(occ.start, occ.end) if occ is not None else None
    return SourceRef(pair.source_path, text, found, line, column)


def _with_source(finding: Finding, ctx: CheckContext, missing: _Missing) -> Finding:
    assert ctx.pair is not None
    return replace(
        finding, segment=missing.terms.segment.id,
        source=_source_ref(ctx.pair, ctx, missing.terms, missing.source),
    )


def _segment_span(ctx: CheckContext, segment: Segment) -> tuple[int, int]:
    """The target segment's text, less the blanks around it."""
    start, end = segment.target
    text = ctx.text[start:end]
    return start + len(text) - len(text.lstrip()), end - (len(text) - len(text.rstrip()))


@rule(
    "TK301", "term-not-rendered", Severity.WARNING,
    "A concept the source names is not rendered in the translation by a term it allows.",
    needs=_NEEDS, bilingual=True,
)
def term_not_rendered(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    In a translation check, a source segment that names a concept (by any of its terms, in any
    status: full form, short form, acronym, plural, numbered session) whose target segment has
    none of that concept's terms in the target language (in any status: a deprecated one is
    the business of TK101) nor an acronym the target language writes for it (its own, or one it
    borrows: Chinese writes UNEP). When a span of the target closely resembles one of the
    allowed renderings, the finding is there and quotes it. A concept the termbase lists no
    term of in the target language is not expected.

    ## Why it matters

    This is a reviser's first check: does the translation say what the source says, in the
    words the termbase allows? A concept left out, paraphrased or misnamed is invisible to a
    check of the translation alone, which cannot know that `西欧和其他地区磋商` means WEOG.

    ## Example

    ```en-zh
    The GIMM adopted its report.
    矿物和金属管理问题全球政府间会议通过了报告。
    ```

    ```en-fr
    The Open-ended Working Group (OEWG) met.
    Le groupe de travail s'est réuni.
    ```

    ## Does not fire

    ```en-zh
    Non-governmental organizations (NGOs) and UNEP attended.
    非政府组织（NGOs）和联合国环境规划署出席了会议。
    ```

    ## Fix

    None: which words to use is the translator's choice. The message lists the renderings the
    termbase allows, preferred first.
    """
    pair = ctx.pair
    if pair is None:
        return
    pairs_reported = "TK302" in ctx.rules
    for missing in _missing(ctx):
        if missing.instead is not None and pairs_reported:
            continue  # TK302 reports it, once
        concept = missing.concept
        allowed = _allowed(concept, pair.target_lang)
        source_found = pair.source.written(missing.source.start, missing.source.end)
        near = next(
            (m for m in ctx.near_misses
             if m.term.concept_id == concept.id
             and missing.terms.segment.target[0] <= m.start < missing.terms.segment.target[1]),
            None,
        )
        if near is not None:
            start, end = near.start, near.end
            found = ctx.written(start, end)
            wanted = allowed if near.term.text in allowed else [near.term.text, *allowed]
            message = M_(
                "source {source} is rendered as {found}, which is not a term of {concept}; "
                "expected {expected}"
            ).format(source=repr(source_found), found=repr(found), concept=concept.label,
                     expected=_quoted(wanted))
            expected: str | None = near.term.text
        else:
            start, end = _segment_span(ctx, missing.terms.segment)
            found = ctx.written(start, end)
            message = M_(
                "source {source} ({concept}) is not rendered in the translation; expected "
                "{expected}"
            ).format(source=repr(source_found), concept=concept.label, expected=_quoted(allowed))
            expected = allowed[0] if allowed else None
        finding = ctx.finding(
            "TK301", start, end, message, found=found, concept=concept.id, expected=expected
        )
        yield _with_source(finding, ctx, missing)


@rule(
    "TK302", "wrong-concept", Severity.ERROR,
    "The translation names another concept where the source names this one.",
    needs=_NEEDS, bilingual=True,
)
def wrong_concept(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    In a translation check, a source concept that its target segment does not render (what
    term-not-rendered finds) where the target names, in its place, a concept that the source
    segment does not:
    one of the same acronym family (UNEP and UNEA) or related in the termbase, one of the same
    domain at about the same place in the segment, or the only other concept left when the
    source's is the only one missing. An acronym that another body's name introduces
    (`联合国环境署（UNEA）`) renders nothing. Without such a pairing, a target concept the source
    does not name is no finding: translators add explanations.

    ## Why it matters

    Two bodies with similar names (the Environment Programme and the Environment Assembly) are
    the commonest confusion in a UN bulletin, and a reader cannot see it: the name is a real
    one, only not the source's. One finding instead of two (a term missing, another added).

    ## Example

    ```en-zh
    The United Nations Environment Assembly (UNEA) adopted a resolution.
    联合国环境署（UNEA）通过了一项决议。
    ```

    ## Does not fire

    ```en-zh
    The United Nations Environment Assembly (UNEA) adopted a resolution proposed by UNEP.
    联合国环境大会（UNEA）通过了环境署提出的一项决议。
    ```

    ## Fix

    None offered: the message names the concept the target names instead and the rendering
    the source's concept wants.
    """
    pair = ctx.pair
    if pair is None:
        return
    for missing in _missing(ctx):
        instead, other = missing.instead, missing.instead_concept
        if instead is None or other is None:
            continue
        allowed = _allowed(missing.concept, pair.target_lang)
        source_found = pair.source.written(missing.source.start, missing.source.end)
        found = ctx.written(instead.start, instead.end)
        message = M_(
            "source {source} ({concept}) is rendered as {found}, the name of {other}; expected "
            "{expected}"
        ).format(source=repr(source_found), concept=missing.concept.label, found=repr(found),
                 other=other.label, expected=_quoted(allowed))
        finding = ctx.finding(
            "TK302", instead.start, instead.end, message, found=found,
            concept=missing.concept.id, expected=allowed[0] if allowed else None,
        )
        yield _with_source(finding, ctx, missing)


@rule(
    "TK303", "acronym-form", Severity.INFO,
    "The source writes an acronym where the translation spells it out, or the reverse.",
    default=False, needs=_NEEDS, bilingual=True,
)
def acronym_form(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    In a translation check, a concept that the source segment writes only as an acronym and
    its target segment only spelt out, or the reverse (only spelt out in the source, only an
    acronym in the target). Off by default: select it (`--select TK303`, or `select` in the
    configuration) where the house style wants the forms to correspond.

    ## Why it matters

    Some house styles mirror the source: an acronym for an acronym, so that a reader can
    match the two texts, and a definition where the source defines. Others let the translator
    spell out a name the target's readers do not know; then this rule stays off.

    ## Example

    ```en-zh
    The GIMM adopted its report.
    矿物和金属管理所涉环境问题全球政府间会议通过了报告。
    ```

    ## Does not fire

    ```en-zh
    The GIMM adopted its report.
    GIMM通过了报告。
    ```

    ## Fix

    None: the message says which form the source uses.
    """
    pair = ctx.pair
    if pair is None:
        return
    for terms in pair.terms(ctx.analysis):
        for concept_id, source_occ in terms.source.items():
            renderings = terms.target_all.get(concept_id)
            if not renderings:
                continue
            source_forms = terms.source_all[concept_id]
            source_acronym = all(o.is_acronym for o in source_forms)
            source_spelt = not any(o.is_acronym for o in source_forms)
            target_acronym = all(o.is_acronym for o in renderings)
            target_spelt = not any(o.is_acronym for o in renderings)
            first = renderings[0]
            found = ctx.written(first.start, first.end)
            source_found = pair.source.written(source_occ.start, source_occ.end)
            concept = ctx.concept(concept_id)
            if source_acronym and target_spelt:
                message = M_(
                    "the source writes the acronym {source}; the translation spells {concept} "
                    "out as {found}"
                ).format(source=repr(source_found), concept=concept.label, found=repr(found))
            elif source_spelt and target_acronym:
                message = M_(
                    "the source spells {concept} out ({source}); the translation writes only the "
                    "acronym {found}"
                ).format(concept=concept.label, source=repr(source_found), found=repr(found))
            else:
                continue
            finding = ctx.finding(
                "TK303", first.start, first.end, message, found=found, concept=concept_id
            )
            yield replace(
                finding, segment=terms.segment.id,
                source=_source_ref(pair, ctx, terms, source_occ),
            )
