"""The model as JSON, for other tools; the format is documented in ``docs/json-format.md``.

Every field of :class:`~termkit.model.Termbase`, :class:`~termkit.model.Concept` and
:class:`~termkit.model.Term` appears under its own name (snake_case), absent values as ``null``.
Borrowed acronyms are included (with ``borrowed_from`` set), since a tool reading the JSON has no
loader to derive them; reading JSON back skips them for the same reason.
"""

from __future__ import annotations

import json
from typing import Any

from termkit.errors import InputError
from termkit.i18n import T_
from termkit.interchange.common import DraftConcept, DraftTerm, DraftTermbase, ImportResult
from termkit.model import Concept, Status, Term, Termbase, TermType

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "read_json", "termbase_to_data", "write_json"]

FORMAT_NAME = "termkit-termbase"
FORMAT_VERSION = 1


def _term(term: Term) -> dict[str, Any]:
    return {
        "text": term.text,
        "lang": term.lang,
        "type": term.type.value,
        "status": term.status.value,
        "note": term.note,
        "source": term.source,
        "plural": term.plural,
        "borrowed_from": term.borrowed_from,
    }


def _concept(concept: Concept) -> dict[str, Any]:
    return {
        "id": concept.id,
        "domain": concept.domain,
        "definitions": dict(concept.definitions),
        "note": concept.note,
        "language_notes": dict(concept.language_notes),
        "related": list(concept.related),
        "well_known": concept.well_known,
        "terms": [_term(t) for t in concept.terms],
    }


def termbase_to_data(termbase: Termbase) -> dict[str, Any]:
    """The termbase as plain JSON-ready data."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "name": termbase.name,
        "languages": list(termbase.languages),
        "acronyms_from": dict(termbase.acronyms_from),
        "concepts": [_concept(c) for c in termbase],
    }


def write_json(termbase: Termbase) -> str:
    """The termbase as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(termbase_to_data(termbase), ensure_ascii=False, indent=2) + "\n"


def read_json(data: bytes, path: str) -> ImportResult:
    """Read JSON written by :func:`write_json` (or by hand, to the documented format)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(T_("JSON is not valid UTF-8"), path) from None
    except json.JSONDecodeError as exc:
        raise InputError(T_("JSON syntax error: {msg}", msg=exc.msg), path, exc.lineno, exc.colno) from None
    except RecursionError:  # the parser recurses into each array and object
        raise InputError(
            T_("JSON nested too deeply (arrays or objects hundreds deep): not a termbase"), path
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise InputError(
            T_(
                "not a termkit JSON termbase (expected \"format\": \"{FORMAT_NAME}\")",
                FORMAT_NAME=FORMAT_NAME,
            ),
            path,
        )
    try:
        draft = DraftTermbase(
            name=str(doc.get("name") or path),
            path=path,
            languages=list(doc.get("languages", [])),
            acronyms_from=dict(doc.get("acronyms_from", {})),
        )
        for item in doc.get("concepts", []):
            concept = DraftConcept(
                id=item["id"],
                domain=item.get("domain"),
                notes=[item["note"]] if item.get("note") is not None else [],
                related=list(item.get("related", [])),
                well_known=bool(item.get("well_known", False)),
            )
            for lang, text in item.get("definitions", {}).items():
                concept.add_definition(lang, text)
            for lang, text in item.get("language_notes", {}).items():
                concept.add_language_note(lang, text)
            for term in item.get("terms", []):
                if term.get("borrowed_from"):
                    continue  # derived from acronyms_from when the termbase loads
                concept.terms.append(
                    DraftTerm(
                        text=term["text"],
                        lang=term["lang"],
                        type=TermType(term.get("type", "full")),
                        status=Status(term.get("status", "preferred")),
                        notes=[term["note"]] if term.get("note") is not None else [],
                        sources=[term["source"]] if term.get("source") is not None else [],
                        plural=term.get("plural"),
                    )
                )
            draft.concepts.append(concept)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(T_("not a termkit JSON termbase: {reason!r}", reason=exc), path) from None
    return draft.finish()
