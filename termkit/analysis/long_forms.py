"""Which long form a definition introduces: the one decision ``check`` and ``extract`` share.

The definition detector (:mod:`termkit.definitions`) reads a long form from the words alone, so it
cuts a name at a character that usually ends one: ``自由、事前和知情同意（FPIC）`` gives
``事前和知情同意`` (``、`` mostly separates list items), ``手工和小规模采矿（ASM）`` may give
``小规模采矿``. Where a term of the termbase ends where the detector's long form ends and starts
before it, the term is the long form: the termbase knows the name is longer. A term that is
shorter never shortens the detector's long form (国际资源委员会 stays whole though 资源委员会 might
be a term).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from termkit.analysis.types import Occurrence

__all__ = ["longer_term", "terms_by_end"]


def terms_by_end(occurrences: Iterable[Occurrence]) -> dict[int, Occurrence]:
    """The occurrences of full forms and short forms (not acronyms), keyed on where they end in
    the original text."""
    return {o.end: o for o in occurrences if not o.is_acronym}


def longer_term(
    full_start: int, full_end: int, by_end: Mapping[int, Occurrence]
) -> Occurrence | None:
    """The term occurrence that a long form at ``full_start:full_end`` (original offsets) is
    the end of, when the term starts before it; else None."""
    term = by_end.get(full_end)
    if term is None or term.start >= full_start:
        return None
    return term
