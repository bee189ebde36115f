"""``termkit expand`` (issue 4): acronyms spelled out at their first use, or everywhere.

Tables of (language, text, expected text) for each language's definition convention, texts that
must come back unchanged, ``--mode all``, homonyms, localised acronyms; every ``first``-mode
result is checked to be the original plus insertions only, and ``check`` run on it to find no
acronym used before its definition (TK202).
"""

from __future__ import annotations

import codecs
import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.check import check_text
from termkit.cli import cli
from termkit.edits import Edit, apply_edits
from termkit.errors import InputError
from termkit.expand import (
    ExpandResult,
    NoteAction,
    expand_text,
    expand_with_report,
    full_form,
)
from termkit.model import Termbase
from termkit.termbase import load_termbase, load_termbase_text

# A termbase of our own for what the shipped one does not hold (recorded plurals, a made-up
# homonym): these rows must not move when the shipped termbase grows.
OWN_TERMBASE = """\
[termbase]
name = "expand tests"
languages = ["en", "fr", "zh"]
acronyms-from = { zh = "en" }

[concept.PWD.en]
full = { term = "person with disabilities", plural = "persons with disabilities" }
acronym = "PWD"

[concept.PWD.fr]
full = { term = "personne handicapée", plural = "personnes handicapées" }
acronym = "PH"

[concept.PWD.zh]
full = "残疾人"

[concept.RC.en]
full = "review committee"
acronym = "RC"

[concept.RC.fr]
full = "Comité d'examen"
acronym = "CEX"

[concept.COP.en]
full = "Conference of the Parties"
acronym = "COP"

[concept.COP.fr]
full = "Conférence des Parties"
acronym = "CP"

[concept.COP.zh]
full = "缔约方大会"

[concept.CP.en]
full = "cleaner production"
acronym = "CP"

[concept.CP.fr]
full = "production plus propre"
acronym = "CP"

[concept.CP.zh]
full = "清洁生产"
"""


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


@pytest.fixture(scope="module")
def own() -> Termbase:
    return load_termbase_text(OWN_TERMBASE)


def only_insertions(before: str, after: str) -> bool:
    """``after`` is ``before`` with text inserted and nothing else changed."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


def without_insertions(result: ExpandResult) -> str:
    """Take the recorded insertions back out of the expanded text."""
    pieces, position, shift = [], 0, 0
    for change in result.changes:
        assert change.start == change.end, f"not an insertion: {change}"
        at = change.start + shift
        pieces.append(result.text[position:at])
        position = at + len(change.replacement)
        shift += len(change.replacement)
    pieces.append(result.text[position:])
    return "".join(pieces)


# --- each language's definition convention -------------------------------------------------------

CONVENTIONS = [
    # English: full form (ACR); the article and everything around it are the text's own.
    ("en", "The OEWG met in Geneva.", "The open-ended working group (OEWG) met in Geneva."),
    ("en", "Delegates thanked the GEF.", "Delegates thanked the Global Environment Facility (GEF)."),
    ("en", "UNEP presented its report.",
     "United Nations Environment Programme (UNEP) presented its report."),
    # A lower-case full form at a sentence start takes a capital; mid-sentence it does not.
    ("en", "OEWG members met. Then the OEWG adjourned.",
     "Open-ended working group (OEWG) members met. Then the OEWG adjourned."),
    ("en", "Several NPPs were merged.", "Several non-prescriptive proposals (NPPs) were merged."),
    ("en", "Parties to MEAs spoke.",
     "Parties to multilateral environmental agreements (MEAs) spoke."),
    # French: forme complète (SIGLE).
    ("fr", "Le PNUE a présenté son rapport.",
     "Le Programme des Nations Unies pour l'environnement (PNUE) a présenté son rapport."),
    ("fr", "L'AIE a publié des données.",
     "L'Agence internationale de l'énergie (AIE) a publié des données."),
    ("fr", "ITIE : les membres ont approuvé.",
     "Initiative pour la transparence dans les industries extractives (ITIE) : les membres ont "
     "approuvé."),
    # Chinese: 全称（ACR）with full-width parentheses, around the borrowed English acronym.
    ("zh", "以跟进GIMM产出的提案。", "以跟进矿物和金属管理所涉环境问题全球政府间会议（GIMM）产出的提案。"),
    ("zh", "她强调了GRULAC对以下方面的支持。",
     "她强调了拉丁美洲和加勒比地区小组（GRULAC）对以下方面的支持。"),
    ("zh", "各方讨论了NPPs。", "各方讨论了非指令性建议（NPPs）。"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CONVENTIONS)
def test_first_use_is_written_as_the_languages_definition(
    termbase: Termbase, lang: str, text: str, expected: str
) -> None:
    result = expand_with_report(text, termbase, lang)
    assert result.text == expected
    assert only_insertions(text, result.text)
    assert without_insertions(result) == text


# --- what stays as it is ------------------------------------------------------------------------

UNCHANGED = [
    # Defined at its first use already, in each language's convention.
    ("en", "The open-ended working group (OEWG) met. The OEWG agreed."),
    ("fr", "Le Programme des Nations Unies pour l'environnement (PNUE) et le PNUE."),
    ("zh", "联合国环境规划署（UNEP）引用的预测表明，UNEP认为。"),
    # Already in parentheses with no long form before it: it reads as a definition; leave it.
    ("zh", "（GEF）负责资金。"),
    # Introduced with another concept's name: check's business (TK201), not expand's.
    ("zh", "在结束联合国环境署（UNEA）授权的进程时。"),
    # Unknown acronyms, and known ones only inside other words.
    ("en", "The XYZW and ISAAC reported; UNEAFORUM too."),
    # Well-known acronyms need no definition (termbase: well-known = true).
    ("en", "ISO standards and NGOs."),
    # Only the first use of each acronym gets a definition; a later definition does not count
    # twice, and an ACR (long form) definition counts as one.
    ("en", "UNEP (United Nations Environment Programme) said that UNEP would."),
]


@pytest.mark.parametrize(("lang", "text"), UNCHANGED)
def test_texts_that_stay_unchanged(termbase: Termbase, lang: str, text: str) -> None:
    assert expand_text(text, termbase, lang) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Inline code, fenced code, URLs and link targets are never touched; link text is prose.
        ("`UNEP` and [UNEP](https://unep.org/UNEP).",
         "`UNEP` and [United Nations Environment Programme (UNEP)](https://unep.org/UNEP)."),
        ("```\nOEWG\n```\n\nSee https://example.org/OEWG and the OEWG.",
         "```\nOEWG\n```\n\nSee https://example.org/OEWG and the open-ended working group (OEWG)."),
        ("<!-- OEWG -->\nThe OEWG met.", "<!-- OEWG -->\nThe open-ended working group (OEWG) met."),
    ],
)
def test_markdown_code_urls_and_link_targets_are_never_touched(
    termbase: Termbase, text: str, expected: str
) -> None:
    assert expand_text(text, termbase, "en", markdown=True) == expected


def test_a_suppressed_line_is_left_alone(termbase: Termbase) -> None:
    text = "The OEWG met.  <!-- termkit: ignore TK202 -->\nThe OEWG agreed."
    result = expand_with_report(text, termbase, "en")
    assert result.text == text
    assert [n.detail for n in result.skipped if n.acronym == "OEWG"] == [
        "the line says termkit: ignore"
    ]


# --- line-wrapped text (PDF extraction) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # The insertion goes where the acronym starts, on its own line; no line is re-flowed.
        ("en", "Delegates from the\nOEWG met.", "Delegates from the\nopen-ended working group (OEWG) met."),
        # A session number on the next line is still the acronym's.
        ("en", "at UNEA\n6 delegates", "at United Nations Environment Assembly (UNEA\n6) delegates"),
        # Chinese broken in the middle of words, CRLF line endings kept.
        ("zh", "以跟进\r\nGIMM产出的\r\n提案。",
         "以跟进\r\n矿物和金属管理所涉环境问题全球政府间会议（GIMM）产出的\r\n提案。"),
    ],
)
def test_line_wrapped_text_keeps_its_lines(
    termbase: Termbase, lang: str, text: str, expected: str
) -> None:
    result = expand_with_report(text, termbase, lang)
    assert result.text == expected
    assert result.text.count("\n") == text.count("\n")
    assert without_insertions(result) == text


def test_a_definition_split_across_lines_counts(termbase: Termbase) -> None:
    text = "而联合国环境规划署\n（UNEP）引用的预测表明，UNEP认为。"
    assert expand_text(text, termbase, "zh") == text


# --- --mode all -----------------------------------------------------------------------------------

MODE_ALL = [
    ("en", "The OEWG met. NGOs and an NGO spoke.",
     "The open-ended working group met. Non-governmental organizations and a non-governmental "
     "organization spoke."),
    # A definition's parenthesised acronym is dropped, with one space, never a line break.
    ("en", "The Global Environment Facility (GEF) and the GEF.",
     "The Global Environment Facility and the Global Environment Facility."),
    ("en", "UNEP (United Nations Environment Programme) said.", "United Nations Environment Programme said."),
    ("en", "the Environment\n(GEF) and", "the Environment\n(Global Environment Facility) and"),
    # Numbered sessions and standards stay.
    ("en", "UNEA 6 and ISO 14001.", "UNEA 6 and ISO 14001."),
    ("zh", "联合国环境规划署（UNEP）认为，GIMM产出的提案。",
     "联合国环境规划署认为，矿物和金属管理所涉环境问题全球政府间会议产出的提案。"),
    ("fr", "Le PNUE et l'ITIE.",
     "Le Programme des Nations Unies pour l'environnement et l'Initiative pour la transparence "
     "dans les industries extractives."),
    # a definition written with a near miss of the concept's term keeps its long form alone
    ("en", "The Intergovernmental Forum on Mining, Minerals, Metals & Sustainable Development (IGF) "
     "met.", "The Intergovernmental Forum on Mining, Minerals, Metals & Sustainable Development met."),
    ("fr", "Le Forum intergouvernemental sur les mines, minéraux, métaux et le développement durable "
     "(IGF) a parlé.",
     "Le Forum intergouvernemental sur les mines, minéraux, métaux et le développement durable a "
     "parlé."),
    ("zh", "矿产、金属和可持续发展政府间论坛（IGF）发言。", "矿产、金属和可持续发展政府间论坛发言。"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), MODE_ALL)
def test_mode_all_replaces_every_acronym(
    termbase: Termbase, lang: str, text: str, expected: str
) -> None:
    assert expand_text(text, termbase, lang, mode="all") == expected


@pytest.mark.parametrize(
    ("lang", "text", "mode", "expected"),
    [
        # The termbase's recorded plural wins over the English rule.
        ("en", "Two PWDs spoke.", "first", "Two persons with disabilities (PWDs) spoke."),
        ("en", "Two PWDs spoke.", "all", "Two persons with disabilities spoke."),
        ("en", "A PWD spoke.", "all", "A person with disabilities spoke."),
        # French marks the plural on the determiner: les PH.
        ("fr", "Les PH ont parlé.", "all", "Les personnes handicapées ont parlé."),
        ("fr", "La PH a parlé.", "all", "La personne handicapée a parlé."),
    ],
)
def test_plural_acronyms_become_plural_full_forms(
    own: Termbase, lang: str, text: str, mode: str, expected: str
) -> None:
    assert expand_text(text, own, lang, mode=mode) == expected


def test_no_acronym_of_another_language_expanded_on_a_default_reading(tmp_path: Path) -> None:
    # too short to say French: read as English by default, where PNUE is foreign; left alone
    path = tmp_path / "a.md"
    path.write_text("Rapport annuel du PNUE\n", encoding="utf-8")
    for extra in ([], ["--localize-acronyms"]):
        result = run(str(path), *extra)
        assert result.stdout == "Rapport annuel du PNUE\n"  # type: ignore[attr-defined]


def test_markup_inside_an_acronym_is_left_alone(termbase: Termbase) -> None:
    # replacing NPP*s would delete the closing star; wrapping it would move it into parentheses
    text = "The *NPP*s were discussed; later the **NPP**s adopted. The UNEP spoke.\n"
    for mode in ("first", "all"):
        result = expand_text(text, termbase, "en", mode=mode, markdown=True)
        assert result.startswith("The *NPP*s were discussed; later the **NPP**s adopted. The ")
        assert "United Nations Environment Programme" in result
    # the first use without markup is then the one that defines
    text = "The *NPP*s were discussed.\n\nLater the NPP was adopted.\n"
    assert expand_text(text, termbase, "en", markdown=True) == (
        "The *NPP*s were discussed.\n\nLater the non-prescriptive proposal (NPP) was adopted.\n"
    )


def test_a_borrowed_acronym_is_expanded_in_the_text_language(termbase: Termbase) -> None:
    # GISTM has no French acronym: French text writes the English one, and reads the French name
    assert expand_text("La GISTM a été citée.", termbase, "fr") == (
        "La Norme industrielle mondiale pour la gestion des résidus miniers (GISTM) a été citée."
    )


def test_french_plurals_follow_the_regular_rule(termbase: Termbase) -> None:
    assert expand_text("Les ONG ont parlé.", termbase, "fr", mode="all") == (
        "Les organisations non gouvernementales ont parlé."
    )
    assert expand_text("Les AME et les PNN.", termbase, "fr", mode="all") == (
        "Les accords multilatéraux sur l'environnement et les propositions non normatives."
    )


def test_a_french_plural_the_rule_cannot_make_is_left_alone(own: Termbase) -> None:
    result = expand_with_report("Les CEX ont siégé.", own, "fr", mode="all")
    assert result.text == "Les CEX ont siégé."
    assert "records no fr plural of \"Comité d'examen\"" in result.skipped[0].detail


def test_first_mode_does_not_write_a_wrong_article(termbase: Termbase) -> None:
    text = "An NGO spoke, and an OEWG met."
    result = expand_with_report(text, termbase, "en", include_well_known=True)
    # "an non-governmental organization" would be wrong; "an open-ended working group" is right.
    assert result.text == "An NGO spoke, and an open-ended working group (OEWG) met."
    assert "'An' would have to become 'a'" in result.skipped[0].detail


# --- homonyms, foreign and localised acronyms -------------------------------------------------------


def test_homonym_is_left_alone_and_named(termbase: Termbase) -> None:
    text = "L'EMAPE est la principale source d'émissions de mercure."
    result = expand_with_report(text, termbase, "fr")
    assert result.text == text
    (note,) = [n for n in result.notes if n.homonym]
    assert note.acronym == "EMAPE"
    assert "ASGM" in note.detail and "ASM" in note.detail and "prefer" in note.detail


def test_homonym_resolved_by_the_configuration(termbase: Termbase) -> None:
    text = "L'EMAPE est la principale source d'émissions de mercure."
    expected = (
        "L'extraction minière artisanale et à petite échelle d'or (EMAPE) est la principale "
        "source d'émissions de mercure."
    )
    assert expand_text(text, termbase, "fr", prefer={"EMAPE": "ASGM"}) == expected
    # A term of the concept names it as well as its id.
    assert expand_text(text, termbase, "fr", prefer={"EMAPE": "ASGM"}) == expand_text(
        text, termbase, "fr", prefer={"EMAPE": "artisanal and small-scale gold mining"}
    )


def test_homonym_resolved_by_the_documents_definition(termbase: Termbase) -> None:
    text = (
        "L'exploitation minière artisanale et à petite échelle (EMAPE) est informelle. "
        "L'EMAPE emploie des millions de personnes."
    )
    result = expand_with_report(text, termbase, "fr", mode="all")
    assert "L'exploitation minière artisanale et à petite échelle emploie" in result.text
    assert not [n for n in result.notes if n.homonym]


def test_homonym_in_another_termbase(own: Termbase) -> None:
    # French CP: Conférence des Parties or production plus propre.
    result = expand_with_report("La CP s'est réunie.", own, "fr")
    assert result.text == "La CP s'est réunie."
    assert [n.acronym for n in result.notes if n.homonym] == ["CP"]
    assert expand_text("La CP s'est réunie.", own, "fr", prefer={"CP": "COP"}) == (
        "La Conférence des Parties (CP) s'est réunie."
    )


def test_foreign_acronym_keeps_its_spelling_by_default(termbase: Termbase) -> None:
    text = "Les émissions de l'ASGM augmentent; l'ASGM reste informelle."
    assert expand_text(text, termbase, "fr") == (
        "Les émissions de l'extraction minière artisanale et à petite échelle d'or (ASGM) "
        "augmentent; l'ASGM reste informelle."
    )


def test_localize_acronyms_uses_the_short_form_where_the_acronym_is_a_homonym(
    termbase: Termbase,
) -> None:
    # ASGM's French short form is « EMAPE d'or »: EMAPE alone is ASM's preferred acronym.
    text = "Les émissions de l'ASGM augmentent; l'ASGM reste informelle."
    assert expand_text(text, termbase, "fr", localize_acronyms=True) == (
        "Les émissions de l'extraction minière artisanale et à petite échelle d'or (EMAPE d'or) "
        "augmentent; l'EMAPE d'or reste informelle."
    )


# --- reports ------------------------------------------------------------------------------------------


def test_report_says_what_was_done_and_why(termbase: Termbase) -> None:
    text = "The OEWG met. The OEWG and the XYZW agreed. ISO was cited."
    result = expand_with_report(text, termbase, "en")
    notes = {(n.acronym, n.action) for n in result.notes}
    assert notes == {("OEWG", "expanded"), ("XYZW", "skipped"), ("ISO", "skipped")}
    reasons = {n.acronym: n.detail for n in result.skipped}
    assert reasons["XYZW"] == "not in the termbase"
    assert reasons["ISO"].startswith("well known")
    assert [n.acronym for n in result.expanded] == ["OEWG"]


def test_a_later_definition_is_reported(termbase: Termbase) -> None:
    text = "The GEF pays.\n\nThe Global Environment Facility (GEF) said so."
    result = expand_with_report(text, termbase, "en")
    assert result.text.startswith("The Global Environment Facility (GEF) pays.")
    assert "defines it later, on line 3" in result.expanded[0].detail


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The GEF pays.\n\nThe Global Environment Facility (GEF) said so.",
         "The Global Environment Facility (GEF) pays.\n\nThe GEF said so."),
        # a near miss is a rendering of the concept too (check: TK104)
        ("en", "UNEP spoke. Later the United Nations Environment Program (UNEP) said more.",
         "United Nations Environment Programme (UNEP) spoke. Later the UNEP said more."),
        ("en", 'UNEP spoke.\n\nThe "United Nations Environment Programme" (UNEP) said more.',
         "United Nations Environment Programme (UNEP) spoke.\n\nThe UNEP said more."),
        ("fr", "Le PNUE parle. Le Programme des Nations Unies pour l'environnement (PNUE) conclut.",
         "Le Programme des Nations Unies pour l'environnement (PNUE) parle. Le PNUE conclut."),
        ("zh", "UNEP表示支持。联合国环境规划署（UNEP）也表示。",
         "联合国环境规划署（UNEP）表示支持。UNEP也表示。"),
        ("en", "UNEP spoke. The United Nations Environment Programme ( UNEP ) said more.",
         "United Nations Environment Programme (UNEP) spoke. The UNEP said more."),
        # another body's name is not reduced: check reports it (TK201)
        ("zh", "UNEA表示支持。联合国环境署（UNEA）也表示。",
         "联合国环境大会（UNEA）表示支持。联合国环境署（UNEA）也表示。"),
    ],
)
def test_first_mode_reduces_a_later_definition(
    termbase: Termbase, lang: str, text: str, expected: str
) -> None:
    result = expand_with_report(text, termbase, lang)
    assert result.text == expected
    reduced = [n for n in result.notes if n.action is NoteAction.REDUCED]
    assert len(reduced) == (0 if "联合国环境署" in text else 1)


def test_include_well_known(termbase: Termbase) -> None:
    assert expand_text("NGOs spoke.", termbase, "en", include_well_known=True) == (
        "Non-governmental organizations (NGOs) spoke."
    )


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("OEWG", True),
        ("Then. OEWG", True),
        ("It said: “OEWG", False),
        ("e.g. OEWG", False),
        ("the\nOEWG", False),  # a wrapped line
        ("Done.\nOEWG", True),
        ("heading\n\nOEWG", True),  # a new paragraph
        ("- OEWG", True),  # a list item
        ("## OEWG", True),
        ("1. OEWG", True),
    ],
)
def test_capital_at_a_sentence_start(termbase: Termbase, text: str, capital: bool) -> None:
    expanded = expand_text(text + " met.", termbase, "en")
    assert ("Open-ended working group (OEWG)" in expanded) is capital
    assert ("open-ended working group (OEWG)" in expanded) is not capital


# --- the round trip: expand, then check -----------------------------------------------------------

ENGLISH_REPORT = """\
The Global Intergovernmental Meeting on the Environmental Aspects of Minerals and Metals
Management convened in Geneva. Opening the meeting, the Co-Chair recalled that UNEA 5 had
mandated the process, and that the NPPs would go to UNEA 6.

UNEP reported on five regional consultations. The EEG, GRULAC and WEOG each presented
their outcomes; several delegates called for an OEWG to follow up on the GIMM, while
others preferred a role for the IRP. NGOs and MEAs secretariats took part. The GISTM
was cited as a model, and EPR schemes were discussed under SCP.
"""

FRENCH_REPORT = """\
La Réunion intergouvernementale mondiale s'est tenue à Genève. Le PNUE a présenté les
résultats des consultations régionales, et l'ANUE examinera les PNN à sa sixième session.
Le GRULAC et le WEOG ont soutenu la création d'un observatoire; l'AIE a fourni des données,
et l'ITIE a été citée. Les délégués ont évoqué la REP et l'EMAPE.
"""


@pytest.mark.parametrize(
    ("text", "lang", "prefer"),
    [
        (ENGLISH_REPORT, "en", {}),
        (FRENCH_REPORT, "fr", {"EMAPE": "ASGM"}),
        ("该区域支持GIMM产出的提案；GRULAC和WEOG的磋商；UNEA 6将审议NPPs。", "zh", {}),
        (ENGLISH_REPORT, None, {}),
    ],
)
def test_round_trip_expand_then_check_finds_no_undefined_acronym(
    termbase: Termbase, text: str, lang: str | None, prefer: dict[str, str]
) -> None:
    before = [f for f in check_text(text, termbase, lang) if f.code == "TK202"]
    assert before, "the test text should use acronyms before defining them"
    result = expand_with_report(text, termbase, lang, prefer=prefer)
    assert only_insertions(text, result.text)
    assert without_insertions(result) == text
    after = [f.found for f in check_text(result.text, termbase, lang) if f.code == "TK202"]
    assert after == []


def test_round_trip_on_the_bulletin(termbase: Termbase, samples_dir: Path) -> None:
    text = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    result = expand_with_report(text, termbase, "zh", include_well_known=True)
    # The bulletin defines every acronym at its first use, as 全称（ACR）: nothing to insert.
    assert result.text == text
    assert {n.acronym for n in result.skipped if n.detail.startswith("defined here")} >= {
        "IEA", "UNEP", "NPPs", "GIMM", "SCP", "EPR", "MEAs", "NGOs", "OEWG", "GRULAC", "ASM"
    }
    assert [f for f in check_text(result.text, termbase, "zh") if f.code == "TK202"] == []


def test_bulletin_mode_all(termbase: Termbase, samples_dir: Path) -> None:
    text = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    result = expand_with_report(text, termbase, "zh", mode="all")
    out = result.text
    assert "根据国际能源署的数据" in out
    assert "矿物和金属管理所涉环境问题全球政府间会议产出的提案" in out  # GIMM产出 spelled out
    assert "（NPPs）" not in out and "（UNEP）" not in out
    # Sessions, the symbol UNEP/5/12/1, the URLs and TK201's UNEA stay as they are.
    assert "（UNEA 5）" in out and "（UNEP/5/12/1）" in out and "联合国环境署（UNEA）" in out
    for line in text.splitlines():
        if line.startswith("https://"):
            assert line in out.splitlines()
    assert out.count("\n") == text.count("\n")


# --- library details ----------------------------------------------------------------------------------


def test_apply_changes_refuses_overlaps() -> None:
    assert apply_edits("abc", [Edit(1, 1, "X"), Edit(1, 2, "Y")]) == "aXYc"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abc", [Edit(0, 2, "X"), Edit(1, 3, "Y")])


def test_bad_mode_is_an_input_error(termbase: Termbase) -> None:
    with pytest.raises(InputError, match="mode"):
        expand_text("The OEWG", termbase, "en", mode="some")


def test_full_form_plurals(termbase: Termbase, own: Termbase) -> None:
    assert full_form(termbase["MEA"], "en", plural=True) == "multilateral environmental agreements"
    assert full_form(termbase["GEF"], "en", plural=True) == "Global Environment Facility"
    assert full_form(termbase["NGO"], "zh", plural=True) == "非政府组织"
    assert full_form(termbase["NGO"], "fr", plural=True) == "organisations non gouvernementales"
    assert full_form(termbase["UNEP"], "fr", plural=True) is None
    assert full_form(own["PWD"], "fr", plural=True) == "personnes handicapées"
    assert full_form(termbase["MINAMATA"], "en") == "Minamata Convention on Mercury"


# --- the command line -------------------------------------------------------------------------------


def run(*args: str, input: str | bytes | None = None) -> object:
    return CliRunner().invoke(cli, ["expand", *args], input=input)


def test_cli_writes_to_stdout(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("The OEWG met.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["expand", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "The open-ended working group (OEWG) met.\n"
    assert path.read_text(encoding="utf-8") == "The OEWG met.\n"


def test_cli_reads_stdin() -> None:
    result = CliRunner().invoke(cli, ["expand", "-", "--lang", "zh"], input="以跟进GIMM产出的提案。")
    assert result.exit_code == 0, result.output
    assert result.stdout == "以跟进矿物和金属管理所涉环境问题全球政府间会议（GIMM）产出的提案。"


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [("utf-8", False, "\n"), ("utf-8", True, "\r\n"), ("utf-16-le", True, "\r\n"), ("gb18030", False, "\n")],
)
def test_cli_in_place_keeps_encoding_bom_and_line_endings(
    tmp_path: Path, encoding: str, bom: bool, newline: str
) -> None:
    text = newline.join(["以跟进GIMM产出的", "提案。", "The OEWG met.", ""])
    boms = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE}
    path = tmp_path / "draft.txt"
    path.write_bytes((boms[encoding] if bom else b"") + text.encode(encoding))
    args = ["expand", str(path), "--in-place"]
    if not bom and encoding != "utf-8":
        args += ["--encoding", encoding]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    if bom:
        assert data.startswith(boms[encoding])
        data = data[len(boms[encoding]) :]
    written = data.decode(encoding)
    assert written == newline.join(
        [
            "以跟进矿物和金属管理所涉环境问题全球政府间会议（GIMM）产出的",
            "提案。",
            "The open-ended working group (OEWG) met.",
            "",
        ]
    )
    assert "Expanded 2 in" in result.stderr


def test_cli_report_and_homonyms_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Le PNUE et l'EMAPE.\n", encoding="utf-8")
    quiet = CliRunner().invoke(cli, ["expand", str(path), "--lang", "fr"])
    assert quiet.exit_code == 0
    # A homonym is always named; nothing else without --report.
    assert quiet.stderr.count("\n") == 1 and "skipped EMAPE" in quiet.stderr
    loud = CliRunner().invoke(cli, ["expand", str(path), "--lang", "fr", "--report"])
    assert f"{path}:1:4: expanded PNUE: Programme des Nations Unies" in loud.stderr
    assert "1 expanded, 1 left alone" in loud.stderr


def test_cli_prefer_from_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "termkit.toml"
    config.write_text('prefer = { EMAPE = "ASGM" }\n', encoding="utf-8")
    path = tmp_path / "note.txt"
    path.write_text("L'EMAPE pollue.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["expand", str(path), "--lang", "fr", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "L'extraction minière artisanale et à petite échelle d'or (EMAPE) pollue."
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "config", "message"),
    [
        (["/no/such/file.txt"], None, "no such file"),
        (["a.txt", "b.txt"], None, "give one PATH"),
        (["-", "--in-place"], None, "standard input"),
        (["draft.txt", "--lang", "de"], None, "no language 'de'"),
        (["draft.txt"], "prefer = 3\n", "'prefer' must be a table"),
        (["draft.txt"], 'prefer = { EMAPE = "NOPE" }\n', "names no concept"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], config: str | None,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.txt").write_text("The OEWG met.", encoding="utf-8")
    if config is not None:
        (tmp_path / "termkit.toml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(cli, ["expand", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stderr.startswith("termkit: error:") and result.stderr.count("\n") == 1


def test_cli_bad_mode_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["expand", "-", "--mode", "some"], input="x")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
