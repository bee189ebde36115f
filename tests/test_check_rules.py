"""The rules of ``termkit check`` (issue 3), table-driven, with the shipped termbase.

Each row is a document, its language (None: by script, per paragraph), the rules selected
(empty: the defaults) and the exact findings expected as ``(code, found)`` pairs: a rule that
fires where it should not, or not where it should, fails the row.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from termkit.check import CheckSettings, apply_fixes, check_text
from termkit.errors import InputError
from termkit.findings import Finding, Severity
from termkit.model import Termbase
from termkit.rules import all_rules, select_rules
from termkit.termbase import load_termbase

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"

Pairs = set[tuple[str, str]]


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def run(
    termbase: Termbase,
    text: str,
    lang: str | None = None,
    select: tuple[str, ...] = (),
    *,
    markdown: bool = False,
    **settings: object,
) -> list[Finding]:
    return check_text(
        text,
        termbase,
        lang,
        markdown=markdown,
        settings=CheckSettings(select=select, **settings),  # type: ignore[arg-type]
    )


def pairs(findings: list[Finding]) -> Pairs:
    return {(f.code, f.found) for f in findings}


# --- the rules, one table per language -----------------------------------------------------

CHINESE: list[tuple[str, str, tuple[str, ...], Pairs]] = [
    ("tk101", "各多边环境协议秘书处。", (), {("TK101", "多边环境协议")}),
    ("tk101-pdf-break", "各多边环境\n协议秘书处。", (), {("TK101", "多边环境协议")}),
    ("tk101-break-in-last-word", "多边环境协\n议", (), {("TK101", "多边环境协议")}),
    ("tk101-deprecated-long-form-not-tk104", "国际矿业与金属理事会（ICMM）",
     (), {("TK101", "国际矿业与金属理事会")}),
    ("tk102-off-by-default", "建议设立不限成员名额工作组。", (), set()),
    ("tk102-selected", "建议设立不限成员名额工作组。", ("TK102",),
     {("TK102", "不限成员名额工作组")}),
    # Leftmost-longest: the admitted 手工和小规模采金业, not the preferred 手工和小规模采金 in it.
    ("tk102-longest-match", "在手工和小规模采金业（ASGM）地区。", ("TK102",),
     {("TK102", "手工和小规模采金业")}),
    ("tk103", "自由、事前和知情同意，自由、事前和知情同意，自由、事先和知情同意。", (),
     {("TK103", "自由、事先和知情同意")}),
    ("tk103-one-per-minority",
     "拉丁美洲和加勒比地区小组、拉丁美洲和加勒比地区小组、拉丁美洲和加勒比地区小组、"
     "拉丁美洲和加勒比国家组、拉丁美洲和加勒比国家组、拉丁美洲及加勒比地区组。", (),
     {("TK103", "拉丁美洲和加勒比国家组"), ("TK103", "拉丁美洲及加勒比地区组")}),
    # two admitted renderings and no preferred one: both are to change
    ("tk103-admitted-only", "拉丁美洲和加勒比国家组和拉丁美洲及加勒比地区组。", (),
     {("TK103", "拉丁美洲和加勒比国家组"), ("TK103", "拉丁美洲及加勒比地区组")}),
    # the preferred rendering, used once (a glossary), is never the finding: the body's is
    ("tk103-never-on-the-preferred",
     "正文：自由、事先和知情同意，自由、事先和知情同意。\n\n术语表：自由、事前和知情同意（FPIC）", (),
     {("TK103", "自由、事先和知情同意")}),
    ("tk104", "国际采矿及金属理事会（ICMM）", (), {("TK104", "国际采矿及金属理事会")}),
    ("tk201", "联合国环境署（UNEA）", ("TK201",), {("TK201", "联合国环境署（UNEA）")}),
    ("tk202", "会议讨论了NPPs。", (), {("TK202", "NPPs")}),
    ("tk202-definition-after-use", "UNEP表示支持。联合国环境规划署（UNEP）也表示。", (),
     {("TK202", "UNEP")}),
    ("tk202-defined-before", "联合国环境规划署（UNEP）表示，UNEP 支持。", (), set()),
    ("tk202-quoted-definition", "提出“非指令性建议”（NPPs）。NPPs 将在会上审议。", (), set()),
    ("tk202-plural-defines-singular", "“非指令性建议”（NPPs）。每项NPP都。", (), set()),
    ("tk202-book-title-definition", "《生物多样性公约》（CBD）缔约方。CBD秘书处。", (), set()),
    ("tk202-well-known", "非政府组织和NGOs参加了会议，ISO也参加了。", (), set()),
    ("tk203", "联合国环境规划署（UNEP）……联合国环境规划署（UNEP）", ("TK203",), {("TK203", "UNEP")}),
    # off by default: ENB-style bulletins define acronyms again in each section
    ("tk203-off-by-default", "联合国环境规划署（UNEP）……联合国环境规划署（UNEP）", (), set()),
    ("tk203-not-for-sessions",
     "联合国环境大会第五届会议（UNEA 5）……联合国环境大会第六届会议（UNEA 6）", ("TK203",), set()),
    ("tk204", "蓝色星球联盟（BPA）举行会议。", ("ALL",), {("TK204", "BPA")}),
    ("sessions", "联合国环境大会第五届会议（UNEA5）和UNEA-5以及UNEA 6。", (), set()),
    # two session numbers listed: the name before them still defines the acronym
    ("sessions-listed-slash", "联合国环境大会第五/六届会议（UNEA 5）通过了决议。", (), set()),
    ("sessions-listed-comma", "联合国环境大会第五、六届会议（UNEA 5）通过了决议。", (), set()),
    # no name, no definition: a verb phrase before the parenthesis
    ("no-name-no-definition", "各方同意支持（GEF）的工作。", ("TK201", "TK204"), set()),
    ("list-is-not-a-session", "在汞、铅和镉（UNEA）方面", ("TK201",), {("TK201", "铅和镉（UNEA）")}),
    # zh borrows the English acronyms: UNEP in Chinese text is not foreign.
    ("borrowed-acronym", "联合国环境规划署（UNEP）表示支持。", ("ALL",), set()),
]

ENGLISH: list[tuple[str, str, tuple[str, ...], Pairs]] = [
    ("tk101", "The Extraction Industries Transparency Initiative met.", (),
     {("TK101", "Extraction Industries Transparency Initiative")}),
    ("tk101-line-break", "The Extraction\nIndustries Transparency Initiative met.", (),
     {("TK101", "Extraction Industries Transparency Initiative")}),
    ("tk101-case-insensitive-full-form", "the extraction industries transparency initiative", (),
     {("TK101", "extraction industries transparency initiative")}),
    ("tk102-selected", "The UN Environment Programme met.", ("TK102",),
     {("TK102", "UN Environment Programme")}),
    ("tk102-off", "The UN Environment Programme met.", (), set()),
    ("tk103",
     "The Latin American and Caribbean Group and the Group of Latin American and Caribbean "
     "States, then the Group of Latin American and Caribbean States again.", (),
     {("TK103", "Latin American and Caribbean Group")}),
    # the preferred name once (the glossary) and the admitted one twice: the admitted is flagged
    ("tk103-never-on-the-preferred",
     "The Latin American and Caribbean Group met. The Latin American and Caribbean Group "
     "spoke.\n\nGlossary: Group of Latin American and Caribbean States (GRULAC)", (),
     {("TK103", "Latin American and Caribbean Group")}),
    ("tk104", "The Global Industry Standard on Tailing Management (GISTM) was adopted.", (),
     {("TK104", "Global Industry Standard on Tailing Management")}),
    ("tk104-detected-long-form", "The United Nations Environment Platform (UNEP) met.", (),
     {("TK104", "United Nations Environment Platform")}),
    ("tk201-other-concept", "asked the UN Environment Programme (UNEA) to act.", (),
     {("TK201", "UN Environment Programme (UNEA)")}),
    ("tk201-unmatched", "The Universal Natural Energy Project (UNEP) met.", (),
     {("TK201", "Universal Natural Energy Project (UNEP)")}),
    # a body's formal name holds its parent's: UNEP's name ends it, yet it names UNEA
    ("tk201-formal-name",
     "The United Nations Environment Assembly of the United Nations Environment Programme "
     "(UNEA) met.", ("ALL",), set()),
    ("tk201-formal-name-session",
     "The fifth session of the United Nations Environment Assembly of the United Nations "
     "Environment Programme (UNEA-5) met. UNEA adopted resolutions.", ("ALL",), set()),
    ("tk201-not-a-formal-name",
     "The Assembly, not the United Nations Environment Programme (UNEA), decided.", (),
     {("TK201", "United Nations Environment Programme (UNEA)")}),
    ("tk202", "UNEP met.", (), {("TK202", "UNEP")}),
    ("tk202-long-form-inside", "UNEP (United Nations Environment Programme) met. UNEP again.",
     (), set()),
    ("tk202-plural-well-known", "NGOs met.", (), set()),
    ("tk202-before-definition", "The ASGM sector. Artisanal and small-scale gold mining (ASGM).",
     (), {("TK202", "ASGM")}),
    ("tk203",
     "The United Nations Environment Programme (UNEP) met. Later the United Nations "
     "Environment Programme (UNEP) met again.", ("TK203",), {("TK203", "UNEP")}),
    ("tk204", "The Blue Planet Alliance (BPA) and the BPA met.", ("ALL",), {("TK204", "BPA")}),
    ("tk205-french-acronym-in-english", "The ANUE met.", (), {("TK205", "ANUE")}),
    ("isa-not-in-isaac", "The ISAAC project started.", (), set()),
    ("isa-next-to-isaac", "The ISAAC and ISA met.", (), {("TK202", "ISA")}),
    ("acronyms-case-sensitive", "The unep and Unep are not acronyms.", (), set()),
    ("sessions-defined",
     "The United Nations Environment Assembly (UNEA) met; UNEA 5, UNEA-5 and UNEA5 followed.",
     (), set()),
    ("session-space", "UNEA 5 met.", (), {("TK202", "UNEA 5")}),
    ("no-name-no-definition", "We will strengthen (IPBES) and its work.", ("TK201", "TK204"), set()),
    ("no-name-known-acronym", "Parties will support (GEF) projects.", ("TK201", "TK202"),
     {("TK202", "GEF")}),
    ("session-hyphen", "UNEA-5 met.", (), {("TK202", "UNEA-5")}),
    ("session-glued", "UNEA5 met.", (), {("TK202", "UNEA5")}),
    ("hyphen-at-line-end", "Artisanal and small-\nscale gold mining (ASGM) matters. ASGM.",
     ("ALL",), set()),
]

FRENCH: list[tuple[str, str, tuple[str, ...], Pairs]] = [
    ("no-name-no-definition", "Nous allons renforcer (IPBES) ses travaux.", ("TK201", "TK204"),
     set()),
    ("tk205", "Les délégués ont parlé de l'ASGM.", (), {("TK205", "ASGM")}),
    ("tk205-after-definition",
     "L'extraction minière artisanale et à petite échelle d'or (EMAPE) progresse; "
     "l'ASGM aussi.", (), {("TK205", "ASGM")}),
    ("tk205-english-acronym-with-french-one",
     "La Commission économique des Nations Unies pour l'Europe (CEE-ONU) et la UNECE.", (),
     {("TK205", "UNECE")}),
    ("tk101", "Le Panel international des ressources s'est réuni.", (),
     {("TK101", "Panel international des ressources")}),
    ("tk103",
     "Le consentement préalable, donné librement et en connaissance de cause et le "
     "consentement libre, préalable et éclairé.", (),
     {("TK103", "consentement libre, préalable et éclairé")}),
    ("tk103-never-on-the-preferred",
     "Le consentement libre, préalable et éclairé, puis le consentement libre, préalable et "
     "éclairé.\n\nGlossaire : consentement préalable, donné librement et en connaissance de "
     "cause", (), {("TK103", "consentement libre, préalable et éclairé")}),
    ("tk201", "le Programme des Nations Unies pour l'environnement (ANUE)", (),
     {("TK201", "Programme des Nations Unies pour l'environnement (ANUE)")}),
    ("tk201-formal-name",
     "La cinquième session de l'Assemblée des Nations Unies pour l'environnement du Programme "
     "des Nations Unies pour l'environnement (ANUE-5) s'est tenue.", ("ALL",), set()),
    # full forms in the plural are the terms, not near misses
    ("plural-full-forms",
     "Les accords multilatéraux sur l'environnement (AME) et des organisations non "
     "gouvernementales (ONG) ont été cités.", (), set()),
    # GISTM has no French acronym: French text writes the English one, with the French name
    ("borrowed-acronym", "La Norme industrielle mondiale sur la gestion des résidus miniers "
     "(GISTM) a été citée.", (), set()),
    ("borrowed-acronym-mismatch", "Le Conseil international des mines et des métaux (GISTM) a "
     "parlé.", (), {("TK201", "Conseil international des mines et des métaux (GISTM)")}),
    # its English name is a name of it, if not the French one
    ("borrowed-acronym-english-name", "Le Global Industry Standard on Tailings Management "
     "(GISTM) a été cité par la délégation.", (), set()),
    # used before any definition, as the text's own acronyms are
    ("borrowed-acronym-undefined", "La GISTM a été citée par les délégués et par le PNUE.", (),
     {("TK202", "GISTM"), ("TK202", "PNUE")}),
    ("tk202-acronym-shared-with-english", "Le GRULAC s'est réuni.", (),
     {("TK202", "GRULAC")}),
    ("elisions",
     "L'Assemblée des Nations Unies pour l'environnement (ANUE) s'est réunie; l'ANUE a décidé.",
     ("ALL",), set()),
    ("typographic-apostrophes",
     "L’Assemblée des Nations Unies pour l’environnement (ANUE) s’est réunie ; l’ANUE a décidé.",
     ("ALL",), set()),
    ("same-acronym-in-both-languages",
     "Le Conseil international des mines et des métaux (ICMM) a parlé; l'ICMM aussi.",
     ("ALL",), set()),
]

ROWS = [
    pytest.param(text, lang, select, expected, id=f"{lang}-{name}")
    for lang, table in (("zh", CHINESE), ("en", ENGLISH), ("fr", FRENCH))
    for name, text, select, expected in table
]


@pytest.mark.parametrize(("text", "lang", "select", "expected"), ROWS)
def test_rule_table(
    termbase: Termbase, text: str, lang: str, select: tuple[str, ...], expected: Pairs
) -> None:
    assert pairs(run(termbase, text, lang, select)) == expected


# --- details of findings: fixes, messages, concepts --------------------------------------------

FIXES = [
    ("zh", "各多边环境协议秘书处。", "各多边环境协定秘书处。"),
    # The fix edits one character and keeps the PDF line break where it was.
    ("zh", "多边环境\n协议", "多边环境\n协定"),
    ("zh", "各多边环境\r\n协议秘书处。", "各多边环境\r\n协定秘书处。"),
    ("zh", "国际矿业与金属理事会（ICMM）", "国际采矿与金属理事会（ICMM）"),
    ("en", "The Extraction\nIndustries Transparency Initiative met.",
     "The Extractive\nIndustries Transparency Initiative met."),
    ("en", "the extraction industries transparency initiative",
     "the Extractive Industries Transparency Initiative"),
    # ASGM has no preferred French acronym (EMAPE alone is ASM's): its short form, EMAPE d'or
    ("fr", "Les délégués ont parlé de l'ASGM.", "Les délégués ont parlé de l'EMAPE d'or."),
    ("fr", "Le Panel international des ressources s'est réuni.",
     "Le Groupe international d'experts sur les ressources s'est réuni."),
    # A line break outside the characters that change stays where it is.
    ("fr", "Le Panel international des\nressources.",
     "Le Groupe international d'experts sur les\nressources."),
    ("en", "The ANUE met.", "The UNEA met."),
]


def test_a_plural_is_fixed_with_the_preferred_terms_plural() -> None:
    from termkit.termbase import load_termbase_text

    own = load_termbase_text(
        '[termbase]\nname = "t"\nlanguages = ["en", "fr"]\n\n[concept.RCM.fr]\n'
        'full = "mécanisme régional de contrôle"\ndeprecated = "dispositif régional de contrôle"\n'
        '\n[concept.NGO.en]\nfull = "non-governmental organization"\n'
        'deprecated = "non-governmental organisation"\n'
    )
    # French plurals are no suffix: every word before the complement agrees
    text = "Les dispositifs régionaux de contrôle ont siégé."
    (finding,) = run(own, text, "fr")
    assert finding.expected == "mécanismes régionaux de contrôle"
    assert finding.fix is not None
    assert apply_fixes(text, [finding.fix])[0] == "Les mécanismes régionaux de contrôle ont siégé."
    text = "Two non-governmental organisations spoke."
    (finding,) = run(own, text, "en")
    assert finding.fix is not None
    assert apply_fixes(text, [finding.fix])[0] == "Two non-governmental organizations spoke."


def test_no_plural_fix_where_the_rule_makes_none() -> None:
    from termkit.termbase import load_termbase_text

    own = load_termbase_text(
        '[termbase]\nname = "t"\nlanguages = ["en", "zh"]\nacronyms-from = { zh = "en" }\n\n'
        '[concept.MS.en]\nfull = "Member State"\ndeprecated = "member country"\n'
        'acronym = "SIDS"\ndeprecated-acronym = "SID"\n'
        '\n[concept.NGO.en]\nacronym = "NGO"\ndeprecated-acronym = "ENGO"\n'
    )
    def tk101(text: str, lang: str) -> Finding:
        (finding,) = [f for f in run(own, text, lang) if f.code == "TK101"]
        return finding

    # a capitalised name has no regular plural: no fix, not the singular
    finding = tk101("The member countries met.", "en")
    assert (finding.expected, finding.fix) == (None, None)
    # an acronym ending in S takes no s; a borrowed acronym keeps its s in Chinese
    assert tk101("Two SIDs spoke.", "en").expected == "SIDS"
    assert tk101("会议邀请了ENGOs参加", "zh").expected == "NGOs"


@pytest.mark.parametrize(("lang", "text", "fixed"), FIXES)
def test_fixes(termbase: Termbase, lang: str, text: str, fixed: str) -> None:
    findings = run(termbase, text, lang)
    result, count = apply_fixes(text, [f.fix for f in findings if f.fix])
    assert (result, count) == (fixed, 1)
    # Fixed text has nothing left to fix: fixes are idempotent.
    again = run(termbase, result, lang)
    assert [f for f in again if f.fix] == []


@pytest.mark.parametrize(
    ("lang", "text", "code", "concept", "expected", "words"),
    [
        ("zh", "各多边环境协议秘书处。", "TK101", "MEA", "多边环境协定", ["多边环境协议", "多边环境协定"]),
        ("zh", "自由、事前和知情同意，自由、事前和知情同意，自由、事先和知情同意。", "TK103", "FPIC",
         "自由、事前和知情同意",
         ["自由、事先和知情同意", "(1×)", "(2×)", "preferred", "自由、事前和知情同意"]),
        ("zh", "国际采矿及金属理事会（ICMM）", "TK104", "ICMM", "国际采矿与金属理事会",
         ["国际采矿与金属理事会", "%"]),
        ("zh", "联合国环境署（UNEA）", "TK201", "UNEA", "联合国环境大会", ["names UNEP", "UNEA"]),
        ("zh", "会议讨论了NPPs。", "TK202", "NPP", "非指令性建议", ["NPPs", "非指令性建议（NPPs）"]),
        ("zh", "联合国环境规划署（UNEP）……联合国环境规划署（UNEP）", "TK203", "UNEP", None,
         ["line 1"]),
        ("zh", "蓝色星球联盟（BPA）举行会议。", "TK204", None, "蓝色星球联盟", ["BPA", "蓝色星球联盟"]),
        # the concept named in the text's language, not by its id (ASGM again)
        ("fr", "Les délégués ont parlé de l'ASGM.", "TK205", "ASGM", "EMAPE d'or",
         ["ASGM is the English acronym of extraction minière artisanale", "uses EMAPE d'or, EMAPE"]),
        # no preferred French acronym and no short form: the admitted one is named, not offered
        ("fr", "Le groupe a parlé de l'OEWG.", "TK205", "OEWG", None,
         ["OEWG is the English acronym of groupe de travail", "French text uses GTCNL"]),
        ("en", "The Global Industry Standard on Tailing Management (GISTM) was adopted.", "TK104",
         "GISTM", "Global Industry Standard on Tailings Management", ["GISTM", "% similar"]),
    ],
)
def test_finding_details(
    termbase: Termbase,
    lang: str,
    text: str,
    code: str,
    concept: str | None,
    expected: str | None,
    words: list[str],
) -> None:
    (finding,) = [f for f in run(termbase, text, lang, ("ALL",)) if f.code == code]
    assert finding.concept == concept
    assert finding.expected == expected
    for word in words:
        assert word in finding.message


@pytest.mark.parametrize(
    ("lang", "text", "found", "concept"),
    [
        ("en", "UNEA 5 met.", "UNEA 5", "UNEA"),
        ("en", "UNEA-5 met.", "UNEA-5", "UNEA"),
        ("en", "UNEA5 met.", "UNEA5", "UNEA"),
        ("en", "UNEA-12 met.", "UNEA-12", "UNEA"),
        ("en", "The ISAs met.", "ISAs", "ISA"),  # a plural the termbase does not list
        ("zh", "各ISAs。", "ISAs", "ISA"),
        ("zh", "联合国环境大会第六届会议（UNEA 6 ）", None, None),  # defined, space in brackets
    ],
)
def test_acronym_forms_are_the_concept(
    termbase: Termbase, lang: str, text: str, found: str | None, concept: str | None
) -> None:
    findings = run(termbase, text, lang)
    if found is None:
        assert findings == []
        return
    assert [(f.code, f.found, f.concept) for f in findings] == [("TK202", found, concept)]


def test_acronym_plural_and_session_after_the_definition(termbase: Termbase) -> None:
    text = "The International Seabed Authority (ISA) met; ISAs followed, and ISA 3."
    assert run(termbase, text, "en", ("ALL",)) == []


def test_tk103_names_every_other_rendering(termbase: Termbase) -> None:
    text = (
        "拉丁美洲和加勒比地区小组、拉丁美洲和加勒比地区小组、拉丁美洲和加勒比地区小组、"
        "拉丁美洲和加勒比国家组、拉丁美洲和加勒比国家组、拉丁美洲及加勒比地区组。"
    )
    findings = {f.found: f for f in run(termbase, text, "zh") if f.code == "TK103"}
    rare = findings["拉丁美洲及加勒比地区组"].message
    assert "(1×)" in rare and "拉丁美洲和加勒比地区小组' (3×)" in rare
    assert "拉丁美洲和加勒比国家组' (2×)" in rare
    assert "preferred: '拉丁美洲和加勒比地区小组'" in rare
    # The finding points at the first use of the minority rendering.
    assert findings["拉丁美洲和加勒比国家组"].column == text.index("拉丁美洲和加勒比国家组") + 1


def test_tk205_offers_a_homonym_where_it_is_the_concepts_preferred_acronym(
    termbase: Termbase,
) -> None:
    # EMAPE is ASM's preferred French acronym, though ASGM admits it too
    (finding,) = [f for f in run(termbase, "L'ASM progresse.", "fr") if f.code == "TK205"]
    assert finding.message.endswith("French text uses EMAPE")
    assert finding.expected == "EMAPE"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("zh", "联合国环境署（UNEA）"), ("en", "asked the UN Environment Programme (UNEA) to act.")],
)
def test_tk201_found_text_is_balanced(termbase: Termbase, lang: str, text: str) -> None:
    (finding,) = run(termbase, text, lang)
    assert finding.found.count("(") + finding.found.count("（") == finding.found.count(
        ")"
    ) + finding.found.count("）")


def test_tk201_when_the_clause_also_names_the_acronyms_concept(termbase: Termbase) -> None:
    text = (
        "The United Nations Environment Assembly (UNEA) asked the UN Environment Programme "
        "(UNEA) to act."
    )
    assert pairs(run(termbase, text, "en")) == {("TK201", "UN Environment Programme (UNEA)")}


def test_chinese_acronym_then_long_form_defines_it(termbase: Termbase) -> None:
    assert run(termbase, "UNEP（联合国环境规划署）表示支持，UNEP还表示。", "zh") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UNEA（联合国环境署）表示支持。", {("TK201", "UNEA（联合国环境署）")}),
        ("ICMM（国际采矿及金属理事会）表示", {("TK104", "国际采矿及金属理事会")}),
        # A place or a gloss in parentheses after an acronym is no definition to judge.
        ("UNEP（内罗毕）表示支持。UNEP还表示。", {("TK202", "UNEP")}),
    ],
)
def test_chinese_acronym_then_long_form_is_judged(
    termbase: Termbase, text: str, expected: set[tuple[str, str]]
) -> None:
    assert pairs(run(termbase, text, "zh")) == expected


def test_span_near_miss_without_an_acronym(termbase: Termbase) -> None:
    """TK104 also flags a span that resembles a long term where no acronym introduces it."""
    findings = run(termbase, "各国讨论了国际采矿及金属理事会的作用。", "zh")
    assert [(f.code, f.found, f.concept) for f in findings] == [
        ("TK104", "国际采矿及金属理事会", "ICMM")
    ]
    assert "90%" in findings[0].message


def test_span_near_miss_is_deterministic_and_prefers_the_preferred_term() -> None:
    code = (
        "from termkit.termbase import load_termbase\n"
        "from termkit.check import check_text\n"
        "found = check_text('各国讨论了国际采矿及金属理事会的作用。', load_termbase(), 'zh')\n"
        "print([f.expected for f in found])\n"
    )
    proposals = {
        subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True, text=True, encoding="utf-8", check=True,
        ).stdout.strip()
        for seed in range(6)
    }
    assert proposals == {"['国际采矿与金属理事会']"}


def test_english_span_near_miss_one_letter_off(termbase: Termbase) -> None:
    text = "The Global Industry Standard on Tailing Management was adopted."
    assert pairs(run(termbase, text, "en")) == {
        ("TK104", "Global Industry Standard on Tailing Management")
    }


# --- languages ---------------------------------------------------------------------------------


def test_english_name_in_chinese_paragraph_is_checked_as_english(termbase: Termbase) -> None:
    text = "代表团引用了 Extraction Industries Transparency Initiative 这一名称。"
    (finding,) = run(termbase, text)
    assert finding.code == "TK101"
    assert finding.expected == "Extractive Industries Transparency Initiative"
    # Forced to Chinese, the English name is not checked at all (never as Chinese).
    assert run(termbase, text, "zh") == []


def test_english_and_chinese_renderings_are_not_one_inconsistency(termbase: Termbase) -> None:
    text = "会议引用了 Latin American and Caribbean Group 的说法，拉丁美洲和加勒比地区小组表示同意。"
    findings = run(termbase, text, None, ("ALL",))
    assert pairs(findings) == {("TK102", "Latin American and Caribbean Group")}
    # Checked as English: the preferred term offered is the English one.
    assert findings[0].expected == "Group of Latin American and Caribbean States"


def test_acronyms_in_chinese_text_belong_to_the_chinese_passage(termbase: Termbase) -> None:
    """With French as the Latin-script language, （UNEP） in Chinese is still not foreign."""
    text = "联合国环境规划署（UNEP）表示支持。"
    assert run(termbase, text, None, ("ALL",), latin_lang="fr") == []


def test_latin_lang_setting_checks_latin_text_as_french(termbase: Termbase) -> None:
    text = "Les délégués ont parlé de l'ASGM."
    assert pairs(run(termbase, text, latin_lang="en")) == {("TK202", "ASGM")}
    assert pairs(run(termbase, text, latin_lang="fr")) == {("TK205", "ASGM")}
    # The library's default is the command line's: "auto", French as the words say.
    assert pairs(run(termbase, text)) == {("TK205", "ASGM")}


def test_mixed_document_paragraph_by_paragraph(termbase: Termbase) -> None:
    text = (
        "各多边环境协议秘书处。\n\n"
        "The Extraction Industries Transparency Initiative met.\n"
    )
    findings = run(termbase, text)
    assert [(f.code, f.line, f.expected) for f in findings] == [
        ("TK101", 1, "多边环境协定"),
        ("TK101", 3, "Extractive Industries Transparency Initiative"),
    ]


def test_unknown_language_is_an_input_error(termbase: Termbase) -> None:
    with pytest.raises(InputError):
        run(termbase, "text", "de")


# --- Markdown and suppressions -----------------------------------------------------------------

EITI_BAD = "Extraction Industries Transparency Initiative"

MARKDOWN = [
    ("fenced-code", f"Text.\n\n```\n{EITI_BAD}\n```\n", set()),
    ("tilde-fence", "Text.\n\n~~~\n多边环境协议\n~~~\n", set()),
    ("indented-code", f"Para.\n\n    {EITI_BAD} indented\n", set()),
    ("inline-code", f"Text `{EITI_BAD}` here.\n", set()),
    ("inline-code-zh", "代码中的写法不检查：`多边环境协议`。\n", set()),
    ("url", "See https://example.org/Extraction-Industries-Transparency-Initiative ok.\n", set()),
    ("link-target", "See [the initiative](https://example.org/多边环境协议).\n", set()),
    ("link-target-with-spaces", f"See [the initiative](<https://example.org/{EITI_BAD}>).\n",
     set()),
    ("link-text-is-checked", f"See [{EITI_BAD}](https://example.org/).\n", {("TK101", EITI_BAD)}),
    ("link-text-zh", "[多边环境协议](https://example.org/)\n", {("TK101", "多边环境协议")}),
    ("html-comment", f"<!-- {EITI_BAD} -->\nText.\n", set()),
    ("prose-after-code", f"```\ncode\n```\n\nThe {EITI_BAD}.\n", {("TK101", EITI_BAD)}),
    # emphasis and link brackets are markup: a term across them is a term, a definition in
    # bold or in link text is a definition
    # found is the text at the span, markup included
    ("emphasis-inside-a-term-zh", "各**多边环境**协议秘书处。\n", {("TK101", "多边环境**协议")}),
    ("bold-definition", "The **Blue Planet Alliance** (BPA) met; the BPA spoke.\n",
     {("TK204", "BPA")}),
    ("link-text-definition",
     "The [United Nations Environment Programme](https://unep.org) (UNEP) met. UNEP spoke.\n",
     set()),
    ("bold-acronym-mismatch", "The **UN Environment Programme** (UNEA) met.\n",
     {("TK201", "UN Environment Programme** (UNEA)")}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in MARKDOWN])
def test_markdown(termbase: Termbase, text: str, expected: Pairs) -> None:
    assert pairs(run(termbase, text, markdown=True)) == expected


def test_a_bold_long_form_is_read_without_its_markup(termbase: Termbase) -> None:
    text = "The **Blue Planet Alliance** (BPA) met.\n"
    (finding,) = run(termbase, text, markdown=True)
    assert (finding.code, finding.expected) == ("TK204", "Blue Planet Alliance")


def test_a_fix_never_deletes_markup(termbase: Termbase) -> None:
    # the fix would replace "Panel international** des" and lose the closing **
    text = "Le **Panel international** des ressources a parlé.\n"
    (finding,) = run(termbase, text, "fr", markdown=True)
    assert (finding.code, finding.fix) == ("TK101", None)
    # markup outside what changes stays, and the fix is made
    text = "The **Extraction Industries** Transparency Initiative met.\n"
    (finding,) = run(termbase, text, "en", markdown=True)
    assert finding.fix is not None
    assert apply_fixes(text, [finding.fix]) == (
        "The **Extractive Industries** Transparency Initiative met.\n", 1
    )


def test_markdown_masking_only_for_markdown(termbase: Termbase) -> None:
    text = f"Text `{EITI_BAD}` here.\n"
    assert pairs(run(termbase, text, markdown=False)) == {("TK101", EITI_BAD)}


SUPPRESSIONS = [
    ("ignore-all", f"The {EITI_BAD}. termkit: ignore\n", False, set()),
    ("ignore-code", f"The {EITI_BAD}. <!-- termkit: ignore TK101 -->\n", True, set()),
    ("ignore-name", f"The {EITI_BAD}. # termkit: ignore deprecated-term\n", False, set()),
    ("ignore-other-code", f"The {EITI_BAD}. <!-- termkit: ignore TK202 -->\n", True,
     {("TK101", EITI_BAD)}),
    ("ignore-one-line-only", f"The {EITI_BAD}. termkit: ignore\nThe {EITI_BAD}.\n", False,
     {("TK101", EITI_BAD)}),
    ("ignore-zh", "各多边环境协议秘书处。<!-- termkit: ignore TK101 -->\n", True, set()),
    ("ignore-code-keeps-others", "UNEP 和多边环境协议。termkit: ignore TK101\n", False,
     {("TK202", "UNEP")}),
    ("off-on-markdown",
     f"<!-- termkit: off -->\nThe {EITI_BAD}.\n<!-- termkit: on -->\n\nThe {EITI_BAD} again.\n",
     True, {("TK101", EITI_BAD)}),
    ("off-to-the-end", f"Fine.\n\n<!-- termkit: off -->\n\nThe {EITI_BAD}.\n", True, set()),
    ("off-on-plain", f"termkit: off\nThe {EITI_BAD}.\ntermkit: on\nThe {EITI_BAD}.\n", False,
     {("TK101", EITI_BAD)}),
    # In Markdown, off/on count only inside an HTML comment, not in prose or code.
    ("off-in-markdown-prose", f"Write `termkit: off` to stop.\n\nThe {EITI_BAD}.\n", True,
     {("TK101", EITI_BAD)}),
]


@pytest.mark.parametrize(
    ("text", "markdown", "expected"), [pytest.param(t, m, e, id=i) for i, t, m, e in SUPPRESSIONS]
)
def test_suppressions(termbase: Termbase, text: str, markdown: bool, expected: Pairs) -> None:
    assert pairs(run(termbase, text, markdown=markdown)) == expected


def test_suppressed_off_block_in_the_shipped_example(termbase: Termbase) -> None:
    """examples/draft-zh.md quotes 多边环境协议 in an off block, in code and in a link target."""
    path = Path(__file__).resolve().parents[1] / "examples" / "draft-zh.md"
    text = path.read_text(encoding="utf-8")
    lines = [f.line for f in run(termbase, text, markdown=True) if f.found == "多边环境协议"]
    assert len(lines) == 1
    assert "多边环境协议在矿业治理" in text.splitlines()[lines[0] - 1]


# --- clean documents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "latin_lang"),
    [
        ("clean-zh.txt", "zh", "en"),
        ("clean-zh.txt", None, "en"),
        ("clean-en.txt", "en", "en"),
        ("clean-en.txt", None, "en"),
        ("clean-fr.txt", "fr", "en"),
        ("clean-fr.txt", None, "fr"),
    ],
)
def test_clean_document_has_no_findings(
    termbase: Termbase, name: str, lang: str | None, latin_lang: str
) -> None:
    """Only preferred terms, each acronym defined once before use: nothing, even with every
    rule selected (TK102 included)."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert run(termbase, text, lang, ("ALL",), latin_lang=latin_lang) == []


@pytest.mark.parametrize("name", ["clean-zh.txt", "clean-en.txt", "clean-fr.txt"])
def test_clean_documents_use_many_terms(termbase: Termbase, name: str) -> None:
    """The clean documents are not trivially clean: they define several acronyms."""
    from termkit.analysis import analyse_document

    text = (FIXTURES / name).read_text(encoding="utf-8")
    lang = name.removeprefix("clean-").removesuffix(".txt")
    found = analyse_document(text, termbase, CheckSettings(lang=lang), markdown=False)
    occurrences, sites = found.occurrences, found.sites
    assert len({c for o in occurrences for c in o.concept_ids}) >= 5
    assert len(sites) >= 4


# --- locations ---------------------------------------------------------------------------------


def test_locations_are_one_based_unicode_columns(termbase: Termbase) -> None:
    text = "第一行。\n第二行：各多边环境\n协议。\n"
    (finding,) = run(termbase, text, "zh")
    assert (finding.line, finding.column) == (2, 6)
    assert (finding.end_line, finding.end_column) == (3, 3)
    assert text[finding.start : finding.end] == "多边环境\n协议"


def wide(text: str) -> str:
    """``text`` in full-width forms (U+FF01-U+FF5E), as Chinese documents sometimes write Latin."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# The deprecated "Extraction Industries Transparency Initiative" (EITI), in full-width letters
WIDE_EITI = " ".join(map(wide, ["Extraction", "Industries", "Transparency", "Initiative"]))


def test_full_width_forms_fold(termbase: Termbase) -> None:
    """Full-width brackets and letters fold to ASCII: a full-width acronym is the acronym."""
    assert run(termbase, "联合国环境规划署(UNEP)表示，ＵＮＥＰ支持。", "zh") == []
    # found is the text as written, full-width
    assert pairs(run(termbase, "会议讨论了ＮＰＰｓ。", "zh")) == {("TK202", wide("NPPs"))}


@pytest.mark.parametrize(
    ("text", "lang", "code", "found"),
    [
        (f"The {wide('OEWG')} met.", "en", "TK202", wide("OEWG")),
        (f"Le {wide('UNEP')} s'est réuni. Le PNUE aussi.", "fr", "TK205", wide("UNEP")),
        (f"The {WIDE_EITI} met.", "en", "TK101", WIDE_EITI),
        # a line break inside the span reads as the normaliser reads it
        ("The Extraction\nIndustries Transparency Initiative met.", "en", "TK101",
         "Extraction Industries Transparency Initiative"),
        ("各多边环境\n协议秘书处。", "zh", "TK101", "多边环境协议"),
    ],
)
def test_found_is_the_text_at_the_span(
    termbase: Termbase, text: str, lang: str, code: str, found: str
) -> None:
    (finding,) = [f for f in run(termbase, text, lang, ("ALL",)) if f.code == code]
    assert finding.found == found
    written = text[finding.start : finding.end]
    assert "".join(written.split()) == "".join(found.split())


def test_a_fix_in_a_full_width_term_is_full_width(termbase: Termbase) -> None:
    text = f"The {WIDE_EITI} met."
    fixed, _ = apply_fixes(text, [f.fix for f in run(termbase, text, "en") if f.fix])
    assert fixed == f"The {wide('Extractive Industries Transparency Initiative')} met."


def test_a_line_break_between_full_width_words_is_a_space(termbase: Termbase) -> None:
    text = f"The {wide('United Nations')}\n{wide('Environment Programme')} met."
    assert run(termbase, text, "en", ("ALL",)) == []  # UNEP's own name, not a near miss


def test_no_fix_joins_lines(termbase: Termbase) -> None:
    """An acronym hyphenated across lines is reported, but replacing it would join the lines."""
    text = "Les délégués ont parlé de l'AS-\nGM et de l'UNEP.\n"
    findings = {f.found: f for f in run(termbase, text, "fr") if f.code == "TK205"}
    assert findings["ASGM"].fix is None and findings["ASGM"].expected == "EMAPE d'or"
    assert findings["UNEP"].fix is not None


def test_findings_are_sorted_by_position(termbase: Termbase) -> None:
    text = (FIXTURES / "problems-zh.txt").read_text(encoding="utf-8")
    findings = run(termbase, text, "zh", ("ALL",))
    assert [f.start for f in findings] == sorted(f.start for f in findings)


# --- settings, registry ------------------------------------------------------------------------


def test_published_rules_keep_their_codes_names_and_severities() -> None:
    """Users select, ignore and suppress by these: a code or a name never changes meaning.
    (New rules add to the registry; this table lists the ones published so far.)"""
    rules = {r.code: (r.name, r.severity) for r in all_rules()}
    published = {
        "TK001": ("unused-suppression", Severity.WARNING),
        "TK101": ("deprecated-term", Severity.ERROR),
        "TK102": ("admitted-term", Severity.INFO),
        "TK103": ("inconsistent-rendering", Severity.WARNING),
        "TK104": ("near-miss", Severity.WARNING),
        "TK201": ("acronym-mismatch", Severity.ERROR),
        "TK202": ("undefined-acronym", Severity.WARNING),
        "TK203": ("redefined-acronym", Severity.INFO),
        "TK204": ("unknown-acronym", Severity.INFO),
        "TK205": ("foreign-acronym", Severity.WARNING),
        "TK301": ("term-not-rendered", Severity.WARNING),
        "TK302": ("wrong-concept", Severity.ERROR),
        "TK303": ("acronym-form", Severity.INFO),
    }
    assert {code: rules.get(code) for code in published} == published
    assert all(re.fullmatch(r"TK\d{3}", code) for code in rules)
    assert len({name for name, _ in rules.values()}) == len(rules)


@pytest.mark.parametrize(
    ("select", "ignore", "codes"),
    [
        ((), (), ["TK101", "TK103", "TK104", "TK201", "TK202", "TK204", "TK205", "TK301", "TK302"]),
        (("ALL",), (), [r.code for r in all_rules()]),
        (("TK1",), (), ["TK101", "TK102", "TK103", "TK104"]),
        (("TK2",), ("TK204", "redefined-acronym"), ["TK201", "TK202", "TK205"]),
        (("deprecated-term", "tk205"), (), ["TK101", "TK205"]),
        ((), ("TK1", "TK3"), ["TK201", "TK202", "TK204", "TK205"]),
    ],
)
def test_select_and_ignore(
    select: tuple[str, ...], ignore: tuple[str, ...], codes: list[str]
) -> None:
    assert [r.code for r in select_rules(select, ignore)] == codes


def test_unknown_rule_is_an_input_error() -> None:
    with pytest.raises(InputError, match="TK999"):
        select_rules(["TK999"])


def test_ignore_and_per_file_ignores_in_settings(termbase: Termbase) -> None:
    text = "UNEP 和多边环境协议。"
    assert pairs(run(termbase, text, "zh", ignore=("TK101",))) == {("TK202", "UNEP")}
    settings = CheckSettings(per_file_ignores={"drafts/*.txt": ["TK202"]})
    ignored = check_text(text, termbase, "zh", path="drafts/a.txt", settings=settings)
    kept = check_text(text, termbase, "zh", path="final/a.txt", settings=settings)
    assert pairs(ignored) == {("TK101", "多边环境协议")}
    assert pairs(kept) == {("TK101", "多边环境协议"), ("TK202", "UNEP")}


@pytest.mark.parametrize(("threshold", "found"), [(65.0, True), (85.0, True), (95.0, False)])
def test_near_miss_threshold(termbase: Termbase, threshold: float, found: bool) -> None:
    text = "国际采矿及金属理事会（ICMM）"  # 90% similar to 国际采矿与金属理事会
    codes = {f.code for f in run(termbase, text, "zh", near_miss_threshold=threshold)}
    assert ("TK104" in codes) is found


def test_check_text_defaults_and_path(termbase: Termbase) -> None:
    """The library call needs only a text and a termbase."""
    (finding,) = check_text("各多边环境协议秘书处。", termbase)
    assert finding.path == "<string>"
    (finding,) = check_text("各多边环境协议秘书处。", termbase, "zh", path="a/b.txt")
    assert finding.path == "a/b.txt"
    assert check_text("", termbase) == []


def test_library_does_not_need_click() -> None:
    code = (
        "import sys\n"
        "from termkit.termbase import load_termbase\n"
        "from termkit.check import check_text\n"
        "found = check_text('各多边环境协议秘书处。', load_termbase(), lang='zh')\n"
        "assert [f.code for f in found] == ['TK101'], found\n"
        "assert 'click' not in sys.modules, 'click imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_tk202_proposes_the_plural_definition_expand_writes(termbase: Termbase) -> None:
    (finding,) = run(termbase, "The MEAs met.", "en")
    assert finding.code == "TK202"
    assert "introduce it as 'multilateral environmental agreements (MEAs)'" in finding.message


@pytest.mark.parametrize("text", ["（）——", "(1) (2)", "()", "。（）\n\n（"])
def test_documents_without_letters_have_no_findings_and_no_crash(
    termbase: Termbase, text: str
) -> None:
    # A bug found by tests/test_fuzz.py: parentheses and no letters crashed the analysis.
    assert run(termbase, text, None) == []


def test_a_match_never_reaches_across_masked_markdown(termbase: Termbase) -> None:
    # Found by the fuzz test: ASM, a comment, a full-width 1 matched as the session "ASM 1". It is
    # dropped (the text then says nothing reliable about ASM there).
    text = "ASM<!-- termkit: on -->\uff11 met."
    findings = check_text(text, termbase, lang="en", markdown=True)
    assert all("<!--" not in text[f.start : f.end] for f in findings)
    assert "ASM 1" not in [f.found for f in findings]


def test_a_stray_space_inside_a_chinese_term(termbase: Termbase) -> None:
    """PDF text puts spaces between Han characters: no near miss on a term that only has one,
    and a deprecated term with one is still the deprecated term (its fix keeps the space)."""
    text = "各方讨论了2030年 可持续发展议程和多边环境 协议。"
    findings = run(termbase, text, "zh")
    assert [(f.code, f.found) for f in findings] == [("TK101", "多边环境 协议")]  # as written
    fixed, _ = apply_fixes(text, [f.fix for f in findings if f.fix])
    assert fixed == "各方讨论了2030年 可持续发展议程和多边环境 协定。"
    # a URL between two words is not a stray space
    assert run(termbase, "多边环境 https://example.org 协议", "zh") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("L'Assemblée des Nations Unies pour l'environnement (ANUE) a siégé.", "fr"),
        ("Le Programme des Nations Unies pour l'environnement (PNUE) à Genève.", "fr"),
        ("The Café Forum met; the United Nations Environment Programme (UNEP) spoke.", "en"),
    ],
)
def test_decomposed_accents_match_as_composed_ones(
    termbase: Termbase, text: str, lang: str
) -> None:
    """Text copied from macOS or PDF often has NFD accents (e + U+0301): matched on NFC, it
    gives what the composed text gives, located in and quoting the original."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    composed = run(termbase, text, lang, ("ALL",))
    found = run(termbase, decomposed, lang, ("ALL",))
    assert [(f.code, unicodedata.normalize("NFC", f.found)) for f in found] == [
        (f.code, f.found) for f in composed
    ]
    for finding in found:  # the span covers the marks: found is the text at the span
        assert decomposed[finding.start : finding.end] == finding.found


def test_a_deprecated_term_in_decomposed_form_is_fixed_whole(termbase: Termbase) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Le Groupe de l'évaluation, le Panel international des "
                                        "ressources, a siégé à Genève.")
    (finding,) = [f for f in run(termbase, text, "fr") if f.code == "TK101"]
    assert finding.fix is not None
    fixed, _ = apply_fixes(text, [finding.fix])
    assert unicodedata.normalize("NFC", fixed) == (
        "Le Groupe de l'évaluation, le Groupe international d'experts sur les ressources, a "
        "siégé à Genève."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a caption in English with a Chinese definition: judged as Chinese
        ("Amina J. Mohammed, Deputy Secretary-General of the United Nations, 联合国环境署（UNEA）",
         {("TK201", "联合国环境署（UNEA）")}),
        ("Photo: Inger Andersen, Executive Director of UNEP, 联合国环境规划署（UNEP）", set()),
        ("Légende : Inger Andersen, directrice exécutive du PNUE, 联合国环境署（UNEA）",
         {("TK201", "联合国环境署（UNEA）")}),
    ],
)
def test_a_chinese_definition_on_a_latin_line_is_chinese(
    termbase: Termbase, text: str, expected: Pairs
) -> None:
    assert {(f.code, f.found) for f in run(termbase, text, None, ("TK201",))} == expected


def test_a_chinese_long_form_in_a_table_cell_starts_at_its_first_character(
    termbase: Termbase,
) -> None:
    table = (
        "| ACR | English | Chinese |\n|---|---|---|\n"
        "| WEOG | Western European and Others Group (WEOG) | 西欧和其他地区（WEOG） |\n"
    )
    (finding,) = run(termbase, table, None, ("TK104",), markdown=True)
    row = table.splitlines()[2]
    assert (finding.found, finding.column) == ("西欧和其他地区", row.index("西欧") + 1)


@pytest.mark.parametrize(
    ("text", "lang"), [("会议开幕。（UNEP）", "zh"), ("The meeting opened; (UNEP) met.", "en")]
)
def test_an_acronym_mismatch_let_be_decodes_no_concept(text: str, lang: str) -> None:
    """A site with no long form (nothing before the parenthesis) is not reported by TK201, so
    its concept is not read: on the 10 MB corpus most unmatched sites are such, and their
    concepts were 3,800 of the 8,900 decoded."""
    termbase = load_termbase()  # a fresh load, served from the cache: nothing decoded yet
    assert repr(termbase.concepts).endswith(", 0 decoded)")
    assert run(termbase, text, lang, ("TK201",)) == []
    assert repr(termbase.concepts).endswith(", 0 decoded)")
