# ruff: noqa: RUF001 -- full-width parentheses are part of the test texts
"""The multi-pattern term matcher: leftmost-longest, word boundaries, case, plurals, sessions."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest

from termkit.forms import english_plural
from termkit.matcher import Match, TermMatcher, _is_word_char
from termkit.model import Termbase
from termkit.termbase import load_termbase, load_termbase_text

# A small termbase of our own: the shipped one is still being written, and these cases need terms
# it does not have (ISA, COP28, working group on X…). The shipped one is used further down.
TERMBASE = """
[termbase]
name = "matcher tests"
languages = ["en", "fr", "zh"]
acronyms-from = { zh = "en" }

[concept.ISA.en]
full = "International Seabed Authority"
acronym = "ISA"

[concept.NGO.en]
full = "non-governmental organization"
acronym = "NGO"

[concept.IPLC.en]
full = "Indigenous Peoples and local communities"
acronym = ["IPLCs", "IPLC"]

[concept.SIDS.en]
full = "small island developing States"
acronym = "SIDS"

[concept.UN.en]
full = "United Nations"
acronym = "UN"

[concept.UNEP.en]
full = "United Nations Environment Programme"
acronym = "UNEP"
admitted = "UN Environment Programme"

[concept.UNEP.zh]
full = "联合国环境规划署"
deprecated = "联合国环境署"

[concept.UNEA.en]
full = "United Nations Environment Assembly"
acronym = "UNEA"

[concept.UNEA.fr]
full = "Assemblée des Nations Unies pour l'environnement"
acronym = "ANUE"

[concept.UNEA.zh]
full = "联合国环境大会"

[concept.COP.en]
full = "Conference of the Parties"
acronym = "COP"

[concept.COP28.en]
full = "twenty-eighth Conference of the Parties"
acronym = "COP28"

[concept.ISO.en]
full = "International Organization for Standardization"
acronym = "ISO"

[concept.OEWG.en]
full = "open-ended working group"
acronym = "OEWG"

[concept.WG.en]
full = "working group"

[concept.WGX.en]
full = "working group on X"

[concept.GM.en]
full = "gold mining"

[concept.MS.en]
full = "mining sector"

[concept.ASGM.en]
full = "artisanal and small-scale gold mining"
admitted = "artisanal and small scale gold mining"
acronym = "ASGM"

[concept.ASGM.fr]
full = "extraction minière artisanale et à petite échelle d'or"
acronym = "EMAPE"

[concept.ASGM.zh]
full = "手工和小规模采金"
admitted = "手工和小规模采金业"

[concept.ASM.en]
full = "artisanal and small-scale mining"
acronym = "ASM"

[concept.ASM.fr]
full = "exploitation minière artisanale et à petite échelle"
admitted-acronym = "EMAPE"

[concept.MSP.en]
full = "multistakeholder partnership"

[concept.PAREN.zh]
full = "全球环境基金（第八期）"

[concept.A2030.en]
full = "2030 Agenda"
"""


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase_text(TERMBASE)


@pytest.fixture(scope="module")
def matcher(termbase: Termbase) -> TermMatcher:
    return TermMatcher.compile(termbase)


def found(matches: list[Match]) -> list[tuple[str, str]]:
    """(text as found, concept ids joined) for each match, in order."""
    return [(m.text, "+".join(m.concept_ids)) for m in matches]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Leftmost-longest: one match for the longer term, nothing inside it.
        ("手工和小规模采金业", "zh", [("手工和小规模采金业", "ASGM")]),
        ("开展手工和小规模采金活动", "zh", [("手工和小规模采金", "ASGM")]),
        (
            "the United Nations Environment Programme",
            "en",
            [("United Nations Environment Programme", "UNEP")],
        ),
        (
            "the UN Environment Programme and the UN",
            "en",
            [("UN Environment Programme", "UNEP"), ("UN", "UN")],
        ),
        # Latin terms stand between non-letters; CJK terms do not need to.
        ("ISAAC met ISA", "en", [("ISA", "ISA")]),
        ("ISAAC and ISA", "en", [("ISA", "ISA")]),
        ("ISA-led, (ISA) and ISA's", "en", [("ISA", "ISA")] * 3),
        ("XISA ISAX ISA_", "en", [("ISA", "ISA")]),
        ("在UNEP的支持下", "zh", [("UNEP", "UNEP")]),
        ("联合国环境署（UNEA）", "zh", [("联合国环境署", "UNEP"), ("UNEA", "UNEA")]),
        ("联合国环境署(UNEA)", "zh", [("联合国环境署", "UNEP"), ("UNEA", "UNEA")]),
        # A failed hit must not hide a shorter one at the same place, or a later one inside it.
        ("the working group on Xylophones", "en", [("working group", "WG")]),
        ("the working group on X met", "en", [("working group on X", "WGX")]),
        ("goldmining, xgold mining sector", "en", [("mining sector", "MS")]),
        ("12030 Agenda, 2030 Agenda", "en", [("2030 Agenda", "A2030")]),
        # Case: full forms ignore it, acronyms keep it.
        ("Open-ended working group met.", "en", [("Open-ended working group", "OEWG")]),
        ("OPEN-ENDED WORKING GROUP", "en", [("OPEN-ENDED WORKING GROUP", "OEWG")]),
        ("iso and Iso are not ISO", "en", [("ISO", "ISO")]),
        ("un and Un are not UN", "en", [("UN", "UN")]),
        # Language filter: only the terms of the language asked for.
        ("United Nations Environment Assembly", "fr", []),
        ("联合国环境大会", "en", []),
        ("ANUE and UNEA", "fr", [("ANUE", "UNEA")]),
        # Homonyms: one spelling, several concepts.
        ("les EMAPE", "fr", [("EMAPE", "ASGM+ASM")]),
        # Hyphen variants are different terms, both known.
        (
            "artisanal and small scale gold mining and artisanal and small-scale gold mining",
            "en",
            [
                ("artisanal and small scale gold mining", "ASGM"),
                ("artisanal and small-scale gold mining", "ASGM"),
            ],
        ),
        # Full-width forms in a term are folded like the normaliser folds the text.
        ("全球环境基金(第八期)", "zh", [("全球环境基金(第八期)", "PAREN")]),
    ],
)
def test_find(matcher: TermMatcher, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher.find(text, lang)) == expected


def test_hyphen_variants_keep_their_own_spelling(matcher: TermMatcher) -> None:
    text = "artisanal and small scale gold mining and artisanal and small-scale gold mining"
    assert [m.terms[0].text for m in matcher.find(text, "en")] == [
        "artisanal and small scale gold mining",
        "artisanal and small-scale gold mining",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NGOs", [("NGOs", "NGO", True, None)]),
        ("the NGOs and one NGO", [("NGOs", "NGO", True, None), ("NGO", "NGO", False, None)]),
        ("NGOss", []),
        # A listed form is that term, not a plural.
        ("IPLCs and IPLC", [("IPLCs", "IPLC", False, None), ("IPLC", "IPLC", False, None)]),
        # No plural made for an acronym that ends in s.
        ("SIDS and SIDSs", [("SIDS", "SIDS", False, None)]),
        (
            "UNEA 5, UNEA-5, UNEA5 and UNEA 6 ",
            [
                ("UNEA 5", "UNEA", False, "5"),
                ("UNEA-5", "UNEA", False, "5"),
                ("UNEA5", "UNEA", False, "5"),
                ("UNEA 6", "UNEA", False, "6"),
            ],
        ),
        ("UNEA-12.", [("UNEA-12", "UNEA", False, "12")]),
        # Three digits are not a session; the acronym still stands alone after a space.
        ("UNEA 123", [("UNEA", "UNEA", False, None)]),
        ("UNEA123", []),
        ("UNEA 5a", [("UNEA", "UNEA", False, None)]),
        # An acronym with digits that is itself a term is that term.
        ("COP28 and COP 28", [("COP28", "COP28", False, None), ("COP 28", "COP", False, "28")]),
    ],
)
def test_plurals_and_sessions(
    matcher: TermMatcher, text: str, expected: list[tuple[str, str, bool, str | None]]
) -> None:
    matches = matcher.find(text, "en")
    assert [(m.text, "+".join(m.concept_ids), m.plural, m.session) for m in matches] == expected


def test_sessions_in_chinese_text(matcher: TermMatcher) -> None:
    matches = matcher.find("联合国环境大会第五届会议（UNEA 5）和UNEA6", "zh")
    assert [(m.text, m.session) for m in matches] == [
        ("联合国环境大会", None),
        ("UNEA 5", "5"),
        ("UNEA6", "6"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "l'Assemblée des Nations Unies pour l'environnement",
        "l’Assemblée des Nations Unies pour l’environnement",
        "L’ASSEMBLÉE DES NATIONS UNIES POUR L'ENVIRONNEMENT",
    ],
)
def test_french_elisions_and_apostrophes(matcher: TermMatcher, text: str) -> None:
    (match,) = matcher.find(text, "fr")
    assert match.concept_ids == ("UNEA",)
    assert (match.start, match.end) == (2, len(text))
    assert match.text == text[2:]


@pytest.mark.parametrize(
    "prefix",
    ["", "中文", "𠀀𠀁", "İİ", "é", "Ｆ", "👍🏽 "],
)
def test_offsets_are_characters_of_the_scanned_string(matcher: TermMatcher, prefix: str) -> None:
    text = f"{prefix} the International Seabed Authority (ISA) met"
    matches = matcher.find(text, "en")
    assert [text[m.start : m.end] for m in matches] == ["International Seabed Authority", "ISA"]
    assert [m.text for m in matches] == ["International Seabed Authority", "ISA"]


def test_match_terms_are_the_termbase_terms(matcher: TermMatcher, termbase: Termbase) -> None:
    (match,) = matcher.find("手工和小规模采金业", "zh")
    assert match.terms == termbase["ASGM"].terms_in("zh")[1:2]
    (borrowed,) = matcher.find("（ASGM）", "zh")
    assert [t.borrowed_from for t in borrowed.terms] == ["en"]


def test_languages_compile_on_first_use(termbase: Termbase) -> None:
    matcher = TermMatcher.compile(termbase, ["zh"])
    assert found(matcher.find("ISA", "en")) == [("ISA", "ISA")]
    assert matcher.find("ISA", "de") == []
    assert matcher.find("", "en") == []


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("small", "scale", True),  # the termbase writes small-scale
        ("open", "ended", True),
        ("Open", "Ended", True),
        ("multi", "stakeholder", False),  # it writes multistakeholder
        ("multi", "national", True),  # it knows neither: keep the text as written
        ("artisanal and small", "scale", True),
    ],
)
def test_keep_hyphen(matcher: TermMatcher, left: str, right: str, expected: bool) -> None:
    assert matcher.keep_hyphen(left, right) is expected


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        *[("a", True), ("Z", True), ("5", True), ("é", True), ("Ж", True), ("\u0301", True)],
        *[("中", False), ("の", False), ("한", False), ("𠀀", False), (" ", False), ("-", False)],
        *[("'", False), ("’", False), ("（", False), ("_", False)],
    ],
)
def test_word_characters(char: str, expected: bool) -> None:
    assert _is_word_char(char) is expected


# --- leftmost-longest with boundaries, against a brute-force reference ----------------------------

ACRONYMS = ["ISA", "AB", "ABC", "BC", "B", "UNEP", "UN", "EP", "NGO"]
PIECES = [
    "ISA",
    "AC",
    "AB",
    "C",
    "B",
    "UN",
    "EP",
    "NGO",
    "s",
    " ",
    "-",
    "5",
    "12",
    "x",
    "中",
    "(",
    ")",
]


def reference(
    text: str, patterns: list[str], acronyms: bool = True
) -> list[tuple[int, int, str | None]]:
    """Leftmost-longest valid matches, the slow obvious way: try every position, longest first.

    ``keys`` maps each pattern to whether it is a made-up plural (which takes no session).
    """
    keys = {p: not acronyms for p in patterns}
    for p in patterns if acronyms else ():
        if not p.endswith(("s", "S")):
            keys.setdefault(p + "s", True)

    def word(i: int) -> bool:
        return 0 <= i < len(text) and _is_word_char(text[i])

    out: list[tuple[int, int, str | None]] = []
    position = 0
    while position < len(text):
        for key in sorted(keys, key=len, reverse=True):
            end = position + len(key)
            if not text.startswith(key, position) or word(position - 1):
                continue
            session = None if keys[key] else re.match(r"[ \-]?([0-9]{1,2})(?![0-9])", text[end:])
            if session and not word(end + session.end()):
                out.append((position, end + session.end(), session.group(1)))
                position = end + session.end()
                break
            if not word(end):
                out.append((position, end, None))
                position = end
                break
        else:
            position += 1
    return out


def test_random_texts_match_the_reference() -> None:
    toml = '[termbase]\nname = "r"\nlanguages = ["en"]\n' + "".join(
        f'[concept.C{i}.en]\nacronym = "{a}"\n' for i, a in enumerate(ACRONYMS)
    )
    matcher = TermMatcher.compile(load_termbase_text(toml))
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        got = [(m.start, m.end, m.session) for m in matcher.find(text, "en")]
        assert got == reference(text, ACRONYMS), text


FULL_FORMS = ["gold mining", "mining sector", "mining", "old min", "in", "sector x"]
WORDS = ["gold", "Gold", " ", "mining", "MINING", "sector", "x", "in", "old", "min", "s", "-", "中"]


def test_random_texts_match_the_reference_for_full_forms() -> None:
    toml = '[termbase]\nname = "r"\nlanguages = ["en"]\n' + "".join(
        f'[concept.F{i}.en]\nfull = "{f}"\n' for i, f in enumerate(FULL_FORMS)
    )
    matcher = TermMatcher.compile(load_termbase_text(toml))
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 10)))
        got = [(m.start, m.end) for m in matcher.find(text, "en")]
        # Full forms take no session; English ones take a regular plural (gold minings).
        with_plurals = FULL_FORMS + [p for f in FULL_FORMS if (p := english_plural(f))]
        want = [(s, e) for s, e, _ in reference(text.lower(), with_plurals, acronyms=False)]
        assert got == want, text


def test_long_text_with_failed_hits_near_window_edges() -> None:
    """The rescan after a failed hit works in windows; matches across their edges are kept."""
    toml = (
        '[termbase]\nname = "w"\nlanguages = ["en"]\n'
        '[concept.L.en]\nfull = "alpha beta gamma delta epsilon"\n'
        '[concept.S.en]\nfull = "alpha"\n'
        '[concept.T.en]\nfull = "delta epsilon zeta"\n'
    )
    matcher = TermMatcher.compile(load_termbase_text(toml))
    for pad in range(0, 300, 7):
        text = "x" * pad + "xalpha beta gamma delta epsilon zeta " + "y" * pad + " alpha"
        assert found(matcher.find(text, "en")) == [("delta epsilon zeta", "T"), ("alpha", "S")]


# --- the shipped termbase and a real bulletin ------------------------------------------------


def test_real_bulletin_with_the_shipped_termbase(samples_dir: Path) -> None:
    termbase = load_termbase(cache=False)
    matcher = TermMatcher.compile(termbase, ["zh"])
    raw = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    # A crude stand-in for the normaliser: join lines, fold the parentheses.
    text = raw.replace("\n", "").replace("（", "(").replace("）", ")")
    matches = matcher.find(text, "zh")
    spelled = {m.text for m in matches}
    assert {"联合国环境署", "UNEA", "多边环境协议", "GIMM"} <= spelled
    assert any(m.session == "5" and m.text.startswith("UNEA") for m in matches)
    assert any(m.text == "NPPs" for m in matches)
    (wrong,) = [m for m in matches if text[m.end : m.end + 6] == "(UNEA)"]
    assert wrong.text == "联合国环境署"
    assert wrong.concept_ids == ("UNEP",)
    # Leftmost-longest and non-overlapping, in order.
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


# A hyphen at a PDF line end: kept when any language of the termbase writes the pair with one.
HYPHEN_TERMBASE = """
[termbase]
name = "hyphen order"
languages = ["en", "fr"]

[concept.COOP.en]
full = "technical partnership"
deprecated = "cooperation agreement"

[concept.COOP.fr]
full = "co-operation technique"
"""


def test_a_files_findings_do_not_depend_on_the_files_checked_before_it() -> None:
    from termkit.check import CheckSettings, check_text

    # TK101 alone: no foreign acronyms to look for, so an English check loads English only.
    settings = CheckSettings(lang="en", select=["TK101"])

    def found(termbase: Termbase, text: str) -> list[tuple[str, str]]:
        return [(f.code, f.found) for f in check_text(text, termbase, settings=settings)]

    wrapped = "The parties signed a co-\noperation agreement.\n"
    alone = found(load_termbase_text(HYPHEN_TERMBASE), wrapped)
    termbase = load_termbase_text(HYPHEN_TERMBASE)
    assert found(termbase, "The parties met.\n") == []  # loads the English automata only
    assert found(termbase, wrapped) == alone
    # The French pair keeps the hyphen, so the deprecated English spelling is not there.
    assert alone == []
    assert found(termbase, "The parties signed a cooperation agreement.\n") == [
        ("TK101", "cooperation agreement")
    ]


def test_folding_keeps_every_characters_case() -> None:
    """The matcher sorts a term into the exact or the folded automaton by whether it has case,
    and skips folding the terms with case when it builds only the exact one: fold() must never
    give a character case, or take it away."""
    from termkit.text.normalize import fold

    # Every character but surrogates and the controls (which no term holds), folded at once
    chars = "".join(
        chr(code) for code in range(0x20, 0x110000)
        if not 0xD800 <= code < 0xE000 and not 0x7F <= code < 0xA0
    )
    folded = fold(chars)
    assert len(folded) == len(chars)
    changed = [(c, f) for c, f in zip(chars, folded, strict=True) if c != f]
    assert changed  # full-width forms, apostrophes, spaces…
    assert all((c.lower() == c.upper()) == (f.lower() == f.upper()) for c, f in changed)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matches_kept_while_resolving_are_those_kept_after(
    samples_dir: Path, lang: str, seed: int
) -> None:
    """``find(…, keep=)`` drops matches before building them (issue 17); it must drop exactly
    those a filter of the full result would, and change no other match: on the real bulletins,
    English and Chinese, with the shipped termbase, whose exact and folded spans meet."""
    termbase = load_termbase(cache=False)
    matcher = TermMatcher.compile(termbase, [lang])
    text = "\n".join(
        (samples_dir / name).read_text(encoding="utf-8")
        for name in ("gimm-bulletin-part1.en.md", "gimm-bulletin-part1.zh.md")
    )
    every = matcher.find(text, lang)
    assert len(every) > 50
    chooser = random.Random(seed)
    dropped = {m.start for m in every if chooser.random() < 0.4}
    asked: list[int] = []

    def keep(start: int) -> bool:
        asked.append(start)
        return start not in dropped

    kept = matcher.find(text, lang, keep=keep)
    assert kept == [m for m in every if m.start not in dropped]
    assert asked == sorted(asked) and len(asked) == len(set(asked))  # text order, once each
    assert matcher.find(text, lang, keep=lambda start: False) == []
    acronyms = matcher.find_acronyms(text, lang)
    assert matcher.find_acronyms(text, lang, keep=keep) == [
        m for m in acronyms if m.start not in dropped
    ]


def test_one_scan_per_lender_finds_what_one_per_borrowing_language_did(samples_dir: Path) -> None:
    """Other languages' acronyms (TK205) are looked for once per lending language, for every
    language in play (issue 17); per language, as before, they must come out the same: the
    English and Chinese bulletins in one mixed document, French acronyms added to both."""
    from termkit.analysis import Needs, analyse_document, matcher_for
    from termkit.analysis.document import _occurrences
    from termkit.analysis.languages import LanguageMap, foreign_acronym_lenders
    from termkit.model import TermType
    from termkit.settings import CheckSettings

    termbase = load_termbase(cache=False)
    text = "\n\n".join(
        (samples_dir / name).read_text(encoding="utf-8")
        for name in ("gimm-bulletin-part1.en.md", "gimm-bulletin-part1.zh.md")
    ) + "\n\nThe GEF (not the FEM) met the CDB.\n\n全球环境基金（FEM）与ITIE开会。\n"
    settings = CheckSettings()
    analysis = analyse_document(text, termbase, settings, markdown=True, needs=Needs.OTHER_ACRONYMS)
    normalized = analysis.normalized
    languages = LanguageMap.for_document(termbase, normalized, settings, analysis.latin_lang)
    assert len(languages.in_play) == 2
    matcher = matcher_for(termbase)
    own = {o.norm_start for o in analysis.occurrences if o.is_acronym}
    foreign, borrowed = [], []
    for lang in languages.in_play:  # the way it was done: one scan per language and lender
        for other in foreign_acronym_lenders(termbase, lang):
            found = [
                m for m in matcher.find_acronyms(normalized.text, other)
                if m.start not in own and languages.at(m.start) == lang
            ]
            def has_own(m: Match, lang: str = lang) -> bool:
                return bool(termbase[m.terms[0].concept_id].terms_in(lang, TermType.ACRONYM))

            foreign += _occurrences([m for m in found if has_own(m)], lang, normalized)
            borrowed += _occurrences([m for m in found if not has_own(m)], lang, normalized)
    foreign.sort(key=lambda o: o.start)
    borrowed.sort(key=lambda o: o.start)
    assert len(foreign) + len(borrowed) >= 3
    assert {o.lang for o in (*foreign, *borrowed)} == set(languages.in_play)
    assert list(analysis.foreign) == foreign
    assert list(analysis.borrowed) == borrowed


@pytest.mark.parametrize("before", ["", "é", "\U0001d4b3", "\ud800", "ü\u4e2d\U0001f600 ", "abc "])
def test_anchor_hits_are_character_offsets_whatever_the_bytes_before(before: str) -> None:
    """The near-miss anchors give character offsets: each hit's offsets hold
    the anchor's own text after characters of one to four bytes (and a lone surrogate)."""
    from termkit.matcher import _fold_case
    from termkit.text.normalize import fold

    matcher = TermMatcher.compile(load_termbase(), ["zh", "en"])
    term = "矿物和金属管理所涉环境问题全球政府间会议"
    for lang, text in (("zh", f"{before}{term}。{before}{term}"),
                       ("en", f"{before}the global industry standard on tailings {before}management")):
        prefixes, suffixes = matcher._anchors_for(lang)
        assert prefixes is not None
        hits = [
            (start, end, pid, anchors)
            for anchors in (prefixes, suffixes) if anchors is not None
            for start, end, pid in anchors.overlapping(text)
        ]
        assert hits
        for start, end, pid, anchors in hits:
            keys = {_fold_case(fold(t.text)) for t in anchors.terms_of(pid)}
            found = text[start:end]
            assert any(key.startswith(found) or key.endswith(found) for key in keys), found
        if lang == "zh":
            at = len(before)
            assert (at, at + 4) in {(start, end) for start, end, _, a in hits if a is prefixes}
            assert {(at + len(term) - 4, at + len(term)), (2 * at + 2 * len(term) + 1 - 4,
                    2 * at + 2 * len(term) + 1)} <= {(s, e) for s, e, _, a in hits if a is suffixes}
