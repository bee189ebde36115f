"""Round trips TOML → TBX v3 / TBX v2 / CSV / TSV / JSON → TOML give equal termbases.

Two termbases: the shipped one (termbases/gimm.toml) and a generated one with tricky text
(quotes, apostrophes, ``&<>``, newlines, CJK, homonym acronyms, ids an XML ID cannot hold).
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from termkit.interchange import export_termbase, import_as_toml, import_termbase
from termkit.interchange.tbx import decode_id, encode_id
from termkit.interchange.toml_writer import termbase_to_toml
from termkit.model import Termbase
from termkit.termbase import load_termbase, load_termbase_text

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "termbases" / "gimm.toml"
FORMATS = ["tbx", "tbx2", "csv", "tsv", "json"]

TRICKY = [
    'say "quoted"',
    "l'apostrophe d'usage",
    "a & b < c > d",
    "line one\nline two\n  indented",
    "tab\tinside",
    "联合国环境大会",
    "trailing backslash \\",
    "]]> and <!-- not a comment -->",
    "plural: looks like a marker but has\na newline",
]


def comparable(termbase: Termbase) -> Termbase:
    """A termbase without the file it came from, for equality."""
    return replace(termbase, sources=())


def generated_termbase(seed: int = 20240917) -> Termbase:
    """Random concepts from a fixed seed, written as TOML and loaded like a user's file."""
    rng = random.Random(seed)
    langs = ["en", "fr", "zh"]
    ids = ["OEWG", "2030-agenda", "café", "a.b", "_x0041_", "x y", *(f"C{n}" for n in range(30))]
    lines = [
        "[termbase]",
        'name = "generated \\"tricky\\" termbase"',
        'languages = ["en", "fr", "zh", "de"]',
        'acronyms-from = { zh = "en" }',
        "",
    ]
    from termkit.interchange.toml_writer import toml_key, toml_string

    used: set[tuple[str, str]] = set()

    def fresh(lang: str, base: str) -> str:
        n = 0
        text = base
        while (lang, text.casefold()) in used:
            n += 1
            text = f"{base} {n}"
        used.add((lang, text.casefold()))
        return text

    for index, cid in enumerate(ids):
        head = f"[concept.{toml_key(cid)}]"
        fields = []
        if rng.random() < 0.6:
            fields.append(f"domain = {toml_string(rng.choice(['UN bodies', 'mining', '采矿']))}")
        if rng.random() < 0.5:
            fields.append(f"definition.en = {toml_string(rng.choice(TRICKY), multiline=True)}")
        if rng.random() < 0.2:
            fields.append(f"definition.de = {toml_string('Begriff ohne deutsche Benennung')}")
        if rng.random() < 0.4:
            fields.append(f"note = {toml_string(rng.choice(TRICKY), multiline=True)}")
        if index > 0 and rng.random() < 0.4:
            fields.append(f"related = [{toml_string(ids[rng.randrange(index)])}]")
        if rng.random() < 0.15:
            fields.append("well-known = true")
        if fields:
            lines += [head, *fields, ""]
        for lang in langs:
            if rng.random() < 0.15:
                continue
            lines.append(f"[concept.{toml_key(cid)}.{lang}]")
            base = {"en": "working group", "fr": "groupe de travail", "zh": "工作组"}[lang]
            full = fresh(lang, f"{base} {index}")
            if rng.random() < 0.5:
                lines.append(
                    f"full = {{ term = {toml_string(full)}, "
                    f"note = {toml_string(rng.choice(TRICKY))}, source = {toml_string('UN')} }}"
                )
            else:
                lines.append(f"full = {toml_string(full)}")
            if lang != "zh" and rng.random() < 0.7:
                # A few shared acronyms make homonyms, which are legal.
                acronym = rng.choice(["EMAPE", "OEWG", f"A{index}", f"B{index}"])
                plural = f', plural = "{acronym}s"' if rng.random() < 0.3 else ""
                lines.append(f'acronym = {{ term = "{acronym}"{plural} }}')
            if rng.random() < 0.3:
                lines.append(
                    f"admitted-short = {toml_string(fresh(lang, f'{base} short {index}'))}"
                )
            if rng.random() < 0.3:
                lines.append(
                    f"deprecated = [{toml_string(fresh(lang, f'{base} old {index}'))}, "
                    f"{toml_string(fresh(lang, f'{base} older {index}'))}]"
                )
            if rng.random() < 0.2:
                lines.append(f"note = {toml_string(rng.choice(TRICKY), multiline=True)}")
            lines.append("")
        if rng.random() < 0.1:
            lines += [f"[concept.{toml_key(cid)}.de]", 'note = "noch keine Benennung"', ""]
    return load_termbase_text("\n".join(lines), "generated.toml")


@pytest.fixture(scope="module")
def shipped() -> Termbase:
    if not SHIPPED.is_file():
        pytest.skip("termbases/gimm.toml is not there yet")
    return load_termbase([SHIPPED], include_default=False)


@pytest.fixture(scope="module")
def generated() -> Termbase:
    return generated_termbase()


def round_trip(termbase: Termbase, fmt: str) -> Termbase:
    exported = export_termbase(termbase, fmt)
    assert exported.warnings == ()
    suffix = {"tbx2": "tbx"}.get(fmt, fmt)
    text, _ = import_as_toml(exported.text.encode("utf-8"), f"exported.{suffix}")
    return load_termbase_text(text, "reimported.toml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_shipped_termbase_round_trips(shipped: Termbase, fmt: str) -> None:
    assert comparable(round_trip(shipped, fmt)) == comparable(shipped)


@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_termbase_round_trips(generated: Termbase, fmt: str) -> None:
    again = round_trip(generated, fmt)
    assert comparable(again) == comparable(generated)
    # Equality covers these; spelled out so that a failure says what was lost.
    assert again.languages == ("en", "fr", "zh", "de")
    assert dict(again.acronyms_from) == {"zh": "en"}
    assert again.name == 'generated "tricky" termbase'


def test_generated_termbase_is_tricky_enough(generated: Termbase) -> None:
    notes = [t.note for t in generated.terms() if t.note] + [c.note for c in generated if c.note]
    assert any("\n" in n for n in notes)
    assert any("&" in n for n in notes)
    assert len(generated.concepts_with_acronym("EMAPE")) > 1
    assert any(t.plural for t in generated.terms())
    assert any(t.borrowed_from == "en" for t in generated.terms("zh"))
    assert any(c.well_known for c in generated)
    assert any("de" in c.language_notes for c in generated)


def test_toml_writer_round_trips(generated: Termbase) -> None:
    text = termbase_to_toml(generated)
    assert comparable(load_termbase_text(text)) == comparable(generated)


@pytest.mark.parametrize(
    ("concept_id", "xml_id"),
    [
        ("OEWG", "OEWG"),
        ("2030-agenda", "_x0032_030-agenda"),
        ("x y", "x_x0020_y"),
        ("café", "caf_x00E9_"),
        ("_x0041_", "_x005F_x0041_"),
        ("a.b-c_d", "a.b-c_d"),
    ],
)
def test_concept_ids_as_xml_ids(concept_id: str, xml_id: str) -> None:
    assert encode_id(concept_id) == xml_id
    assert decode_id(xml_id) == concept_id


@pytest.mark.parametrize("fmt", ["tbx", "csv", "json"])
def test_language_selection(shipped: Termbase, fmt: str) -> None:
    exported = export_termbase(shipped, fmt, languages=["fr"])
    suffix = {"tbx2": "tbx"}.get(fmt, fmt)
    result = import_termbase(exported.text.encode(), f"x.{suffix}")
    assert {t.lang for t in result.termbase.terms()} == {"fr"}
    assert result.termbase.languages == ("fr",)
