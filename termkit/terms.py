"""A project term list: the termbase's concepts that a job's source documents name, with the terms
to use in the target languages (what CAT tools call a project termbase).

Every concept the sources name, by any of its terms (full form, short form, acronym, in any status,
plurals too), in order of first occurrence across the files, with the forms found and how often,
where it first appears, and per target language the preferred terms, then the admitted ones, then
the deprecated ones (not to use); its definition and note.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from termkit.analysis import Needs, analyse_document
from termkit.model import Concept, Status, Term, Termbase, TermType
from termkit.settings import CheckSettings
from termkit.text import Document, LineIndex

__all__ = ["JobTerm", "job_terms", "target_terms", "terms_to_json"]


@dataclass
class JobTerm:
    """One concept of the job: the forms the sources write, and where it first appears."""

    concept: Concept
    forms: Counter[str] = field(default_factory=Counter)
    path: str = ""
    line: int = 0
    column: int = 0

    @property
    def count(self) -> int:
        return sum(self.forms.values())


def job_terms(
    documents: Iterable[Document],
    termbase: Termbase,
    settings: CheckSettings | None = None,
    *,
    min_count: int = 1,
) -> list[JobTerm]:
    """The concepts the ``documents`` name, in order of first occurrence (file by file)."""
    settings = settings or CheckSettings()
    found: dict[str, JobTerm] = {}
    for document in documents:
        analysis = analyse_document(
            document.text, termbase, settings, markdown=document.is_markdown,
            needs=Needs.NOTHING,
        )
        lines = LineIndex(document.text)
        for occ in sorted(analysis.occurrences, key=lambda o: o.start):
            # zero-width spaces out: an HTML page's tags read as them (termkit.documents.html)
            written = " ".join(analysis.written(occ.start, occ.end).replace("\u200b", "").split())
            for concept_id in occ.concept_ids:
                entry = found.get(concept_id)
                if entry is None:
                    line, column = lines.line_col(occ.start)
                    entry = found[concept_id] = JobTerm(
                        termbase[concept_id], path=document.path, line=line, column=column
                    )
                entry.forms[written] += 1
    return [entry for entry in found.values() if entry.count >= min_count]


_TYPE_ORDER = {TermType.FULL: 0, TermType.SHORT: 1, TermType.ACRONYM: 2}


def target_terms(concept: Concept, lang: str) -> dict[Status, list[Term]]:
    """The concept's terms in ``lang`` by status, full forms before short forms and acronyms."""
    terms = sorted(concept.terms_in(lang), key=lambda t: _TYPE_ORDER.get(t.type, 3))
    return {status: [t for t in terms if t.status is status] for status in Status}


def terms_to_json(entries: Sequence[JobTerm], targets: Sequence[str]) -> list[dict[str, Any]]:
    """The term list as JSON-ready objects."""
    rows = []
    for entry in entries:
        concept = entry.concept
        rows.append({
            "concept": concept.id,
            "forms": dict(entry.forms.most_common()),
            "count": entry.count,
            "first": {"path": entry.path, "line": entry.line, "column": entry.column},
            "targets": {
                lang: {
                    status.value: [{"term": t.text, "type": t.type.value, "note": t.note}
                                   for t in terms]
                    for status, terms in target_terms(concept, lang).items()
                }
                for lang in targets
            },
            "definition": dict(concept.definitions),
            "note": concept.note,
        })
    return rows
