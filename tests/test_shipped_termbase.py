"""The shipped termbase ``termbases/gimm.toml``: it loads, validates and holds the reference facts.

Part (a) compares it row by row with ``../shared/reference/gimm-terms.tsv`` and skips where that
file is absent; part (b) needs no reference data and always runs.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from termkit.model import Concept, Status, Term, Termbase, TermType
from termkit.termbase import default_termbase_paths, load_termbase, validate_paths

REPO = Path(__file__).resolve().parents[1]
GIMM = REPO / "termbases" / "gimm.toml"
SHARED = Path(__file__).resolve().parents[2] / "shared"
TSV = SHARED / "reference" / "gimm-terms.tsv"
NO_TSV = f"../shared is absent: {TSV} not found, so the termbase cannot be compared with its facts"
LANGUAGES = ("en", "fr", "zh")


def _tsv_rows() -> list[dict[str, str]]:
    """The TSV's data rows (comment lines start with '#'), or [] where ../shared is absent."""
    if not TSV.is_file():
        return []
    with TSV.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


ROWS = _tsv_rows()
SKIP_ALL = [pytest.param(None, marks=pytest.mark.skip(reason=NO_TSV), id="no-tsv")]


def _row_params() -> list[Any]:
    if not ROWS:
        return SKIP_ALL
    return [pytest.param(row, id=f"{row['concept']}-{row['lang']}-{row['term']}") for row in ROWS]


def _count_params() -> list[Any]:
    if not ROWS:
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=NO_TSV), id="no-tsv")]
    counts = Counter((row["concept"], row["lang"]) for row in ROWS)
    return [pytest.param(key, n, id=f"{key[0]}-{key[1]}") for key, n in counts.items()]


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    """The shipped termbase file on its own (other shipped files, if any, cannot disturb counts)."""
    return load_termbase([GIMM], include_default=False)


def own_terms(concept: Concept, lang: str) -> tuple[Term, ...]:
    """The terms the file gives ``lang``, without acronyms borrowed from another language."""
    return tuple(t for t in concept.terms_in(lang) if t.borrowed_from is None)


# (a) Against the reference TSV.


@pytest.mark.parametrize("row", _row_params())
def test_every_tsv_row_is_a_term_with_its_status_type_source_and_note(
    termbase: Termbase, row: dict[str, str]
) -> None:
    assert row["concept"] in termbase
    concept = termbase[row["concept"]]
    found = [t for t in own_terms(concept, row["lang"]) if t.text == row["term"]]
    assert len(found) == 1, found
    term = found[0]
    assert term.status is Status(row["status"])
    assert term.type is TermType(row["type"])
    assert term.source == row["source"]
    assert term.note == (row["note"] or None)
    assert term.plural is None  # the TSV lists plural acronyms as terms of their own


@pytest.mark.parametrize(("key", "expected"), _count_params())
def test_term_count_per_concept_and_language_equals_the_tsv(
    termbase: Termbase, key: tuple[str, str], expected: int
) -> None:
    concept_id, lang = key
    assert len(own_terms(termbase[concept_id], lang)) == expected


def test_concepts_are_the_tsv_concepts_in_the_tsv_order(termbase: Termbase) -> None:
    if not ROWS:
        pytest.skip(NO_TSV)
    tsv_ids = list(dict.fromkeys(row["concept"] for row in ROWS))
    assert list(termbase.concepts) == tsv_ids
    assert sum(len(own_terms(c, lang)) for c in termbase for lang in LANGUAGES) == len(ROWS)


# (b) Without the TSV.


# The reference gives CAMMA no French terms; the termbase does not invent them, so validate warns.
NO_FRENCH = {"CAMMA"}


def test_shipped_termbase_validates_with_only_the_missing_french_warned() -> None:
    diagnostics = validate_paths([GIMM])
    assert [d.severity for d in diagnostics] == ["warning"] * len(NO_FRENCH)
    assert [d.message for d in diagnostics] == [
        f"concept {cid!r} has no preferred term in 'fr'" for cid in sorted(NO_FRENCH)
    ]


def test_default_load_includes_the_shipped_termbase(termbase: Termbase) -> None:
    assert GIMM in [p.resolve() for p in default_termbase_paths()]
    default = load_termbase()
    assert set(termbase.concepts) <= set(default.concepts)


def test_header(termbase: Termbase) -> None:
    assert termbase.name == "Minerals and metals (UNEA)"
    assert termbase.languages == LANGUAGES
    assert dict(termbase.acronyms_from) == {"zh": "en"}
    assert len(termbase) == 34


def test_every_concept_has_a_domain_and_a_one_sentence_english_definition(
    termbase: Termbase,
) -> None:
    bad: list[str] = []
    for concept in termbase:
        definition = concept.definitions.get("en", "")
        one_sentence = (
            definition[:1].isupper()
            and definition.endswith(".")
            and "\n" not in definition
            and re.search(r"[.!?;]\s", definition) is None
        )
        if not concept.domain or not one_sentence:
            bad.append(f"{concept.id}: {concept.domain!r} {definition!r}")
    assert bad == []


def test_every_concept_has_a_preferred_full_form_in_every_language(termbase: Termbase) -> None:
    missing = [
        f"{concept.id} ({lang})"
        for concept in termbase
        for lang in LANGUAGES
        if concept.preferred_term(lang, TermType.FULL) is None
    ]
    assert missing == [f"{cid} (fr)" for cid in sorted(NO_FRENCH)]


def test_every_term_records_a_known_source(termbase: Termbase) -> None:
    sources = Counter(t.source for t in termbase.terms() if t.borrowed_from is None)
    assert set(sources) <= {"glossary", "text", "UN", "ENB-fr", "org"}, sources


@pytest.mark.parametrize(
    ("concept_id", "acronym", "status"),
    [
        ("UNEA", "UNEA", Status.PREFERRED),
        ("ISO", "ISO", Status.PREFERRED),
        ("SDG", "SDGs", Status.PREFERRED),
        ("IPLC", "IPLCs", Status.PREFERRED),
        ("IPLC", "IPLC", Status.ADMITTED),
        ("MEA", "MEAs", Status.ADMITTED),
    ],
)
def test_chinese_borrows_the_english_acronyms(
    termbase: Termbase, concept_id: str, acronym: str, status: Status
) -> None:
    borrowed = [t for t in termbase[concept_id].terms_in("zh") if t.text == acronym]
    assert len(borrowed) == 1
    assert borrowed[0].borrowed_from == "en"
    assert borrowed[0].type is TermType.ACRONYM
    assert borrowed[0].status is status


def test_chinese_acronyms_are_exactly_the_english_ones(termbase: Termbase) -> None:
    own_chinese: set[str] = set()
    for concept in termbase:
        english = [(t.text, t.status) for t in concept.acronyms("en")]
        chinese = [(t.text, t.status) for t in concept.acronyms("zh")]
        assert chinese == english, concept.id
        if any(t.borrowed_from is None for t in concept.acronyms("zh")):
            own_chinese.add(concept.id)
    # The reference records CAMMA as written in the bulletin's Chinese text; the rest are borrowed.
    assert own_chinese == {"CAMMA"}
    assert termbase["MINAMATA"].acronyms("zh") == ()


@pytest.mark.parametrize(
    ("acronym", "lang", "expected"),
    [
        ("EMAPE", "fr", {"ASM": Status.PREFERRED, "ASGM": Status.ADMITTED}),  # a homonym
        ("GRULAC", "fr", {"GRULAC": Status.PREFERRED}),
        ("IRP", "fr", {"IRP": Status.PREFERRED}),
        ("GIER", "fr", {"IRP": Status.ADMITTED}),
        ("CEE", "fr", {"UNECE": Status.ADMITTED}),
        ("EMAPE", "en", {}),
    ],
)
def test_acronym_owners(
    termbase: Termbase, acronym: str, lang: str, expected: dict[str, Status]
) -> None:
    owners = termbase.concepts_with_acronym(acronym, lang)
    got = {c.id: next(t.status for t in c.acronyms(lang) if t.text == acronym) for c in owners}
    assert got == expected


def test_well_known_acronyms(termbase: Termbase) -> None:
    assert {c.id for c in termbase if c.well_known} == {"ISO", "NGO"}


@pytest.mark.parametrize(
    ("concept_id", "related_id"),
    [
        ("ASGM", "ASM"),
        ("ASM", "ASGM"),
        ("UNEA", "UNEP"),
        ("UNEP", "UNEA"),
        ("GIMM", "UNEA"),
        ("GIMM", "NPP"),
        ("SDG", "2030-agenda"),
        ("2030-agenda", "SDG"),
        ("MINAMATA", "ASGM"),
        ("IRP", "UNEP"),
    ],
)
def test_related_links(termbase: Termbase, concept_id: str, related_id: str) -> None:
    assert related_id in termbase[concept_id].related
