"""The acronyms a document uses, each with the concept it names there: what ``expand`` spells out
and ``glossary`` lists, read from the document's :class:`~termkit.analysis.Analysis`."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from termkit.analysis.document import analyse_document
from termkit.analysis.types import DefinitionSite, Occurrence, Verdict, VerdictKind
from termkit.model import Termbase
from termkit.settings import CheckSettings

if TYPE_CHECKING:
    from termkit.text import NormalizedText

__all__ = ["AcronymUse", "DocumentAcronyms", "find_acronym_uses"]


@dataclass(frozen=True)
class AcronymUse:
    """An acronym of the termbase used in a document, with the concept it names there.

    ``concept_id`` is None for a homonym (French EMAPE: ASGM or ASM) that neither a definition in
    the document nor the ``prefer`` setting resolves; ``candidates`` then lists the concepts.
    ``foreign`` marks an acronym of another language (ASGM in French text). ``site`` is the
    definition (``X (ACR)``, ``ACR (X)``) whose acronym this use is, with its verdict.
    """

    occurrence: Occurrence
    concept_id: str | None
    candidates: tuple[str, ...]
    foreign: bool = False
    site: DefinitionSite | None = None
    verdict: Verdict | None = None
    # The site's long form is a term of ``concept_id`` (``全称（ACR）`` written right), or a near
    # miss of one (check: TK104): either way a rendering of the concept.
    long_form_names_concept: bool = False

    @property
    def start(self) -> int:
        return self.occurrence.start

    @property
    def end(self) -> int:
        return self.occurrence.end

    @property
    def lang(self) -> str:
        return self.occurrence.lang

    @property
    def acronym(self) -> str:
        """The acronym as the document writes it, without a session number (``UNEA 5`` → UNEA)."""
        text = self.occurrence.text
        session = self.occurrence.session
        if session and text.endswith(session):
            text = text[: -len(session)].rstrip(" -")
        return text

    @property
    def key(self) -> tuple[str, bool]:
        """What makes two uses the same acronym to a reader: the concept, and whether it is the
        text language's own acronym (NPP and NPPs are one; EMAPE and ASGM in French are two)."""
        return (self.concept_id or "|".join(self.candidates), self.foreign)


@dataclass(frozen=True)
class DocumentAcronyms:
    """Every acronym use in a document, and the definitions of acronyms the termbase lacks."""

    text: str
    uses: tuple[AcronymUse, ...]
    # ``X (ACR)`` sites whose acronym is not in the termbase and whose long form was recognised.
    unknown_definitions: tuple[DefinitionSite, ...]
    normalized: NormalizedText


def find_acronym_uses(
    text: str,
    termbase: Termbase,
    settings: CheckSettings | None = None,
    *,
    markdown: bool = False,
    prefer: Mapping[str, str] | None = None,
) -> DocumentAcronyms:
    """The acronyms of ``termbase`` used in ``text``, in text order, each with its concept.

    A homonym acronym names the concept that a definition in the document gives it (the long
    form before ``(EMAPE)`` is a term of ASGM), else the one ``prefer`` names (``{"EMAPE":
    "ASGM"}``: a concept id, or any term of one of its concepts), else none.
    """
    settings = settings or CheckSettings()
    found = analyse_document(text, termbase, settings, markdown=markdown)
    occurrences, foreign, verdicts = found.occurrences, found.foreign, found.verdicts
    if found.uncertain_lang:
        # Read in a language taken by default (the words did not say): another language's
        # acronym there (Rapport annuel du PNUE, read as English) is left as it is.
        foreign = tuple(o for o in foreign if o.lang != found.uncertain_lang)
    site_at: dict[int, tuple[DefinitionSite, Verdict]] = {
        site.acronym_start: (site, verdict) for site, verdict in verdicts
    }
    long_forms = _LongForms(occurrences)
    resolved = _homonyms_resolved(verdicts, long_forms)
    foreign_starts = {o.start for o in foreign}
    uses: list[AcronymUse] = []
    # Borrowed acronyms (GISTM in French, which has none of its own) are the text's acronyms.
    for occurrence in sorted(
        [o for o in occurrences if o.is_acronym] + list(foreign) + list(found.borrowed),
        key=lambda o: o.start,
    ):
        candidates = occurrence.concept_ids
        concept_id: str | None = candidates[0] if len(candidates) == 1 else None
        if concept_id is None:
            concept_id = resolved.get(candidates) or _preferred_concept(
                termbase, _base_acronym(occurrence), candidates, prefer or {}
            )
        use_site: DefinitionSite | None = None
        use_verdict: Verdict | None = None
        if occurrence.start in site_at:
            use_site, use_verdict = site_at[occurrence.start]
        uses.append(
            AcronymUse(
                occurrence=occurrence,
                concept_id=concept_id,
                candidates=candidates,
                foreign=occurrence.start in foreign_starts,
                site=use_site,
                verdict=use_verdict,
                long_form_names_concept=bool(
                    use_site
                    and concept_id
                    and (
                        long_forms.names(use_site, concept_id)
                        or _near_miss_of(termbase, use_site, use_verdict, concept_id, settings)
                    )
                ),
            )
        )
    # A foreign acronym left as it is, in a language taken by default, counts as unknown.
    dropped = {o.start for o in found.foreign} - foreign_starts
    unknown = tuple(
        site
        for site, verdict in verdicts
        if site.full
        and (
            verdict.kind is VerdictKind.UNKNOWN
            or (verdict.kind is VerdictKind.FOREIGN and site.acronym_start in dropped)
        )
    )
    return DocumentAcronyms(text, tuple(uses), unknown, found.normalized)


def _homonyms_resolved(
    verdicts: Sequence[tuple[DefinitionSite, Verdict]], long_forms: _LongForms
) -> dict[tuple[str, ...], str]:
    """Homonym acronyms that the document's own definitions resolve: their concepts -> the one
    concept whose term the first such definition's long form holds."""
    resolved: dict[tuple[str, ...], str] = {}
    for site, _ in verdicts:
        occurrence = site.acronym_occurrence
        if occurrence is None or len(occurrence.concept_ids) < 2:
            continue
        named = [c for c in occurrence.concept_ids if long_forms.names(site, c)]
        if len(named) == 1:
            resolved.setdefault(occurrence.concept_ids, named[0])
    return resolved


def _base_acronym(occurrence: Occurrence) -> str:
    text = occurrence.text
    if occurrence.session and text.endswith(occurrence.session):
        text = text[: -len(occurrence.session)].rstrip(" -")
    return text


def _preferred_concept(
    termbase: Termbase, acronym: str, candidates: tuple[str, ...], prefer: Mapping[str, str]
) -> str | None:
    """The candidate that ``prefer`` names for ``acronym`` (or its singular), if any."""
    wanted = prefer.get(acronym)
    if wanted is None and acronym.endswith("s"):
        wanted = prefer.get(acronym[:-1])
    if wanted is None:
        return None
    if wanted in candidates:
        return wanted
    for concept_id in candidates:
        if any(term.text == wanted for term in termbase[concept_id].terms):
            return concept_id
    return None


def _near_miss_of(
    termbase: Termbase,
    site: DefinitionSite,
    verdict: Verdict | None,
    concept_id: str,
    settings: CheckSettings,
) -> bool:
    """Whether the site's long form is, for ``check``, a near miss of a term of ``concept_id``
    (TK104): ``Forum on Mining, Minerals, Metals & Sustainable Development (IGF)``."""
    if verdict is None or verdict.kind is not VerdictKind.UNMATCHED:
        return False
    from termkit.analysis.judgement import closest_term

    best = closest_term(termbase, site, (concept_id,))
    return best is not None and best[1] >= settings.near_miss_threshold


class _LongForms:
    """The non-acronym occurrences by where they end, to ask what a definition's long form names."""

    def __init__(self, occurrences: Sequence[Occurrence]) -> None:
        self._by_end = sorted((o for o in occurrences if not o.is_acronym), key=lambda o: o.end)
        self._ends = [o.end for o in self._by_end]

    def names(self, site: DefinitionSite, concept_id: str) -> bool:
        """Does the site's long form contain a term of ``concept_id`` (as ``check`` judges it)?"""
        if site.long_form_inside and site.full_start is not None and site.full_end is not None:
            lo, hi = site.full_start, site.full_end
        else:
            lo, hi = site.preceding_start, site.preceding_end
        found = self._by_end[bisect_right(self._ends, lo) : bisect_right(self._ends, hi)]
        return any(concept_id in o.concept_ids and o.lang == site.lang for o in found)
