"""Rules about how a concept is rendered: TK101–TK104."""

from __future__ import annotations

from collections.abc import Iterator

from termkit.analysis import Needs, Occurrence, VerdictKind
from termkit.analysis.judgement import candidate_long_form, closest_term
from termkit.edits import narrow_fix
from termkit.findings import Finding, Severity
from termkit.forms import preferred_replacement, term_plural
from termkit.i18n import M_
from termkit.model import Concept, Status, Term, TermType
from termkit.rules.context import CheckContext, Place
from termkit.rules.registry import rule

__all__ = [
    "admitted_term",
    "deprecated_term",
    "inconsistent_rendering",
    "near_miss",
]


def _single_concept_term(occurrence: Occurrence) -> bool:
    return len(occurrence.concept_ids) == 1


@rule("TK101", "deprecated-term", Severity.ERROR, "A deprecated term is used.")
def deprecated_term(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    A term that the termbase marks deprecated for its concept, in the text's language: every
    reading of the text is deprecated (a homonym that is preferred for another concept is not).

    ## Why it matters

    A deprecated term is one the house style has retired: a misnaming seen in published reports, an
    older name, a form a third party uses. In a bulletin it reads as a mistake, and it is the
    form that translators and the next editor will copy.

    ## Example

    ```zh
    各多边环境协议秘书处。
    ```

    ```en
    the Extraction Industries Transparency Initiative reported.
    ```

    ```fr
    le Panel international des ressources a publié son rapport.
    ```

    ## Does not fire

    ```zh
    各多边环境协定秘书处。
    ```

    ## Fix

    `--fix` writes the concept's one preferred term of the same type (a full form for a full
    form, an acronym for an acronym), keeping what follows it (`UNEA 5`) and making a plural
    where the language's rule can (`NGOs`). No fix is offered when the text names several
    concepts or the concept has no single preferred term: the message lists the preferred terms.
    """
    for occ in ctx.occurrences:
        if occ.best_status is not Status.DEPRECATED:
            continue
        term = occ.terms[0]
        concept = ctx.concept(term.concept_id)
        preferred = (
            preferred_replacement(concept, occ.lang, term.type)
            if _single_concept_term(occ)
            else None
        )
        expected = preferred.text if preferred else None
        if preferred is not None and occ.session:
            # Keep what follows the term: UNEA 5.
            expected = preferred.text + occ.text[len(term.text) :]
        elif preferred is not None and occ.plural:
            # NGOs; dispositifs régionaux de contrôle → mécanismes régionaux de contrôle (a
            # French plural is no suffix). None when the language's rule cannot make one.
            expected = term_plural(preferred)
        message = M_("{found} is deprecated for {concept}").format(
            found=repr(occ.text), concept=concept.label
        )
        if expected:
            message += M_("; use {expected}").format(expected=repr(expected))
        elif (alternatives := concept.terms_in(occ.lang, term.type, Status.PREFERRED)):
            message += M_("; preferred: {terms}").format(
                terms=", ".join(repr(t.text) for t in alternatives)
            )
        if term.note:
            message += f" ({term.note})"
        yield ctx.finding(
            "TK101",
            occ.start,
            occ.end,
            message,
            found=ctx.written(occ.start, occ.end),
            concept=concept.id,
            expected=expected,
            fix=narrow_fix(occ, expected) if expected else None,
        )


@rule(
    "TK102",
    "admitted-term",
    Severity.INFO,
    "An admitted, non-preferred term is used.",
    default=False,
)
def admitted_term(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    A term that the termbase admits for its concept but does not prefer. Off by default: turn it
    on with `--select TK102`.

    ## Why it matters

    An admitted term is not wrong (the unhyphenated spelling seen in UNEP documents), but a bulletin
    that wants one voice uses the preferred one; this rule finds the others for a final edit.

    ## Example

    ```zh
    建议设立不限成员名额工作组。
    ```

    ```en
    artisanal and small scale gold mining
    ```

    ## Does not fire

    ```zh
    建议设立不限成员名额的工作组。
    ```

    ```en
    artisanal and small-scale gold mining
    ```

    ## Fix

    None: an admitted term may be the right one in its sentence. The message names the preferred
    term.
    """
    for occ in ctx.occurrences:
        if occ.best_status is not Status.ADMITTED:
            continue
        term = occ.terms[0]
        concept = ctx.concept(term.concept_id)
        preferred = preferred_replacement(concept, occ.lang, term.type)
        message = M_("{found} is admitted for {concept}").format(
            found=repr(occ.text), concept=concept.label
        )
        if preferred is not None:
            message += M_("; preferred: {terms}").format(terms=repr(preferred.text))
        yield ctx.finding(
            "TK102",
            occ.start,
            occ.end,
            message,
            found=ctx.written(occ.start, occ.end),
            concept=concept.id,
            expected=preferred.text if preferred else None,
        )


@rule(
    "TK103",
    "inconsistent-rendering",
    Severity.WARNING,
    "One concept is rendered by two or more different full forms in one document.",
)
def inconsistent_rendering(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    One concept rendered by two or more different full forms in one document: one finding for
    each rendering that is not the preferred term, at its first use, with the count of every
    rendering; never on the preferred term itself, however rarely the document uses it (its own
    glossary may hold it once). Where the language has no preferred term, every rendering but
    the most used one is reported.

    Deprecated renderings are TK101's; short forms (环境署 for 联合国环境规划署) are a legitimate
    shortening, not an inconsistency.

    ## Why it matters

    Two names for one body make a reader wonder whether they are two bodies; a bulletin
    translated from several drafts often mixes them.

    ## Example

    ```zh
    自由、事前和知情同意，自由、事前和知情同意，自由、事先和知情同意。
    ```

    ```en
    artisanal and small-scale gold mining and artisanal and small scale gold mining
    ```

    ## Does not fire

    ```zh
    联合国环境规划署（环境署）……环境署……联合国环境规划署
    ```

    ## Fix

    None: which form the document should keep is the editor's choice. The message names the
    preferred term.
    """
    # (concept, language) -> each full form used, in the order first used: how often, where first
    renderings: dict[tuple[str, str], dict[str, _Rendering]] = ctx.carry("TK103", dict)
    first_here: list[_Rendering] = []  # first used in this part: located if reported or at its end
    for occ in ctx.occurrences:
        if not _single_concept_term(occ) or occ.best_status is Status.DEPRECATED:
            continue
        term = occ.terms[0]
        if term.type is TermType.FULL:
            used = renderings.setdefault((term.concept_id, occ.lang), {})
            rendering = used.get(term.text)
            if rendering is None:
                rendering = used[term.text] = _Rendering(occ.start, occ.end)
                first_here.append(rendering)
            else:
                rendering.count += 1
    if ctx.final:  # the counts are the whole document's
        yield from _inconsistencies(ctx, renderings)
    else:  # a later part cannot locate this one's text: now, whether reported or not
        for rendering in first_here:
            rendering.locate(ctx)


def _inconsistencies(
    ctx: CheckContext, renderings: dict[tuple[str, str], dict[str, _Rendering]]
) -> Iterator[Finding]:
    for (concept_id, lang), used in renderings.items():
        if len(used) < 2:
            continue
        counts = {text: rendering.count for text, rendering in used.items()}
        concept = ctx.concept(concept_id)
        preferred = concept.preferred_term(lang)
        status = {t.text: t.status for t in concept.terms_in(lang, TermType.FULL)}
        ranked = sorted(counts, key=lambda t: (-counts[t], status[t].rank, t))
        # What to change: every rendering that is not a preferred term, however often it is
        # used (a document's glossary may hold the preferred one once); without a preferred
        # term in the language, every rendering but the most used one.
        to_change = [t for t in ranked if status[t] is not Status.PREFERRED] if preferred else []
        majority = ranked[0]
        for minority in to_change or ranked[1:]:
            first = used[minority]
            place = first.locate(ctx)
            others = ", ".join(
                M_("{term} ({count}×)").format(term=repr(t), count=counts[t])
                for t in ranked if t != minority
            )
            message = M_("{concept} is rendered as {found} ({count}×) and as {others}").format(
                concept=concept.label, found=repr(minority), count=counts[minority],
                others=others,
            )
            if preferred is not None:
                message += M_("; preferred: {terms}").format(terms=repr(preferred.text))
            yield ctx.finding_at(
                "TK103",
                place,
                message,
                found=first.found,
                concept=concept_id,
                expected=preferred.text if preferred else majority,
            )


class _Rendering:
    """A full form of a concept as a document uses it: its first use, and how often.

    The first use is located (lines, columns, the text as written) only when it is reported, or
    when its part of the document ends: most renderings are a concept's only one (12,901 on the
    10 MB corpus, 321 reported)."""

    __slots__ = ("count", "end", "found", "place", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end  # of the first use, in its part
        self.place: Place | None = None
        self.found = ""  # as written there
        self.count = 1

    def locate(self, ctx: CheckContext) -> Place:
        """Where the first use is (and its text as written, in ``found``), with ``ctx`` the
        context of the part it is in (the first call's: it is kept)."""
        if self.place is None:
            self.place = ctx.locate(self.start, self.end)
            self.found = ctx.written(self.start, self.end)
        return self.place


@rule(
    "TK104",
    "near-miss",
    Severity.WARNING,
    "A long form introduced for a known acronym closely resembles, but is not, one of its terms.",
    needs=Needs.VERDICTS | Needs.OTHER_ACRONYMS | Needs.NEAR_MISSES,
)
def near_miss(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    A long form introduced for a known acronym that closely resembles, but is not, one of its
    terms (`国际采矿及金属理事会（ICMM）` where the termbase knows 国际采矿与金属理事会); and,
    with a higher bar (85%), any span that closely resembles a long term
    (矿物和金属管理问题全球政府间会议). `--near-miss-threshold` sets the first bar (default 65).

    ## Why it matters

    A near miss is almost always a slip or a translator's paraphrase of an official name; it is
    easy to miss in proofreading because it looks right.

    ## Example

    ```zh
    国际采矿及金属理事会（ICMM）
    ```

    ```en
    The Global Industry Standard on Tailing Management (GISTM) was adopted.
    ```

    When the closest term is a deprecated one, the message says so and proposes the concept's
    preferred term instead of the retired name:

    ```en
    The Extraction Industry Transparency Initiative (EITI) met.
    ```

    ## Does not fire

    ```zh
    国际采矿与金属理事会（ICMM）
    ```

    ## Fix

    None: the closest term may not be the intended one. The message proposes the concept's
    preferred term and, when the span is closest to another listed term (an admitted or a
    deprecated one), names that term and how similar it is.
    """
    reported: list[tuple[int, int]] = []
    for site, verdict in ctx.verdicts:
        if verdict.kind is not VerdictKind.UNMATCHED:
            continue
        best = closest_term(ctx.termbase, site, verdict.concept_ids)
        if best is None or best[1] < ctx.near_miss_threshold:
            continue
        term, score = best
        found, start, end = candidate_long_form(site, term.text)
        reported.append((start + ctx.offset, end + ctx.offset))  # as findings are placed
        concept = ctx.concept(term.concept_id)
        expected, suggestion = _suggestion(concept, term, score, site.lang)
        message = M_("{found} introduces {acronym} but is not a term of {concept}; {suggestion}"
                     ).format(found=repr(found), acronym=site.acronym, concept=concept.label,
                              suggestion=suggestion)
        yield ctx.finding(
            "TK104",
            start,
            end,
            message,
            found=ctx.written(start, end),
            concept=term.concept_id,
            expected=expected,
        )
    for finding in _span_near_misses(ctx):
        if not any(s < finding.end and finding.start < e for s, e in reported):
            yield finding


def _suggestion(concept: Concept, term: Term, score: float, lang: str) -> tuple[str, str]:
    """What a near miss should be, and how to say it: the preferred term first (of the closest
    term's type: a full form for a full form), then the closest term when it is another one."""
    preferred = concept.preferred_term(lang, term.type) or concept.preferred_term(lang)
    # the percent sign outside the message: "% s" would read as a printf conversion to gettext
    similar = M_("{score} similar").format(score=f"{score:.0f}%")
    if preferred is None or preferred.text == term.text:
        return term.text, M_("did you mean {term} ({similar})?").format(
            term=repr(term.text), similar=similar
        )
    if term.status is Status.DEPRECATED:
        # Closest to a retired name: say so, and propose the name to use instead.
        return preferred.text, M_("use {preferred}; it resembles the deprecated {term} ({similar})"
                                  ).format(preferred=repr(preferred.text), term=repr(term.text),
                                           similar=similar)
    closest = (
        M_("did you mean {preferred}? (closest: the admitted {term}, {similar})")
        if term.status is Status.ADMITTED
        else M_("did you mean {preferred}? (closest: the preferred {term}, {similar})")
    )
    return preferred.text, closest.format(
        preferred=repr(preferred.text), term=repr(term.text), similar=similar
    )


def _span_near_misses(ctx: CheckContext) -> Iterator[Finding]:
    for miss in ctx.near_misses:
        concept = ctx.concept(miss.term.concept_id)
        expected, suggestion = _suggestion(concept, miss.term, miss.score, miss.term.lang)
        yield ctx.finding(
            "TK104",
            miss.start,
            miss.end,
            M_("{found} is not a term of the termbase ({concept}); {suggestion}").format(
                found=repr(miss.text), concept=concept.label, suggestion=suggestion
            ),
            found=ctx.written(miss.start, miss.end),
            concept=concept.id,
            expected=expected,
        )
