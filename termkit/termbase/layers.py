"""Termbases in layers: a later termbase extends the concepts of an earlier one.

A translator's own termbase loads after the shipped one. A concept whose id the earlier layers
already have is **extended**: each of its terms is added to the concept, or, when the concept
already has that term in that language, takes its place (so that a layer can change a term's
status, type, note or source); the concept's domain, note and well-known flag are set where the
layer sets them, its definitions and language notes merged language by language, its related
concepts added. ``replace = true`` on the concept replaces the earlier one wholesale. A concept
with a new id is added.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from types import MappingProxyType

from termkit.i18n import T_
from termkit.model import Concept, Term

__all__ = ["describe_layer", "layer_concept"]


def layer_concept(earlier: Concept, later: Concept) -> Concept:
    """``earlier`` extended by ``later`` (same id)."""
    terms: dict[tuple[str, str], Term] = {(t.lang, t.text): t for t in earlier.terms}
    for term in later.terms:
        key = (term.lang, term.text)
        terms[key] = _layer_term(terms[key], term) if key in terms else term
    return replace(
        earlier,
        terms=tuple(terms.values()),
        domain=later.domain or earlier.domain,
        definitions=_merged(earlier.definitions, later.definitions),
        note=later.note or earlier.note,
        language_notes=_merged(earlier.language_notes, later.language_notes),
        related=(*earlier.related, *(r for r in later.related if r not in earlier.related)),
        well_known=earlier.well_known or later.well_known,
    )


def _layer_term(earlier: Term, later: Term) -> Term:
    """The term as a layer restates it: its status and type, and the note, source and plural
    it sets (those it leaves out are kept: restating a term must not erase its source)."""
    return replace(
        earlier,
        type=later.type,
        status=later.status,
        note=later.note or earlier.note,
        source=later.source or earlier.source,
        plural=later.plural or earlier.plural,
    )


def _merged(earlier: Mapping[str, str], later: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType({**earlier, **later}) if later else earlier


def describe_layer(
    earlier: Mapping[str, Concept], layer: Mapping[str, Concept], replaces: frozenset[str]
) -> Iterator[str]:
    """What a layer does to the concepts before it, one line a concept (``validate -v``)."""
    for concept_id, concept in layer.items():
        before = earlier.get(concept_id)
        if before is None:
            yield T_("adds concept {concept}", concept=concept_id)
        elif concept_id in replaces:
            yield T_("replaces concept {concept} (replace = true)", concept=concept_id)
        else:
            yield T_("extends concept {concept}: {changes}", concept=concept_id,
                     changes=_term_changes(before, concept))


def _term_changes(before: Concept, layer: Concept) -> str:
    known = {(t.lang, t.text): t for t in before.terms}
    added = [t for t in layer.terms if (t.lang, t.text) not in known]
    changed = [
        t for t in layer.terms
        if (t.lang, t.text) in known and _layer_term(known[(t.lang, t.text)], t)
        != known[(t.lang, t.text)]
    ]
    parts: list[str] = []
    if added:
        parts.append(T_("adds {terms}", terms=", ".join(
            f"{t.text!r} ({t.lang}, {t.status.value})" for t in added)))
    if changed:
        parts.append(T_("changes {terms}", terms=", ".join(
            f"{t.text!r} ({t.lang}: {known[(t.lang, t.text)].status.value} -> {t.status.value})"
            for t in changed)))
    if len(parts) == 2:
        return T_("{first}; {second}", first=parts[0], second=parts[1])
    return parts[0] if parts else T_("nothing new in its terms")
