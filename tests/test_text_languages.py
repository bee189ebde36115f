"""Lines and columns, language runs, paragraphs and the prepare() pipeline."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from termkit.text import (
    LanguageRun,
    Languages,
    LineIndex,
    language_at,
    language_runs,
    normalize,
    normalize_document,
    paragraphs,
    prepare,
    split_paragraphs,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "gimm-bulletin-zh-part1.txt"


@pytest.fixture(scope="module")
def sample() -> str:
    if not SAMPLE.is_file():
        pytest.skip(f"../shared is absent: no {SAMPLE.name} to test the real bulletin with")
    return SAMPLE.read_text(encoding="utf-8")


# --- LineIndex -----------------------------------------------------------------------------------

LINE_TABLE = [
    ("abc", 0, (1, 1)),
    ("abc", 3, (1, 4)),
    ("ab\ncd", 2, (1, 3)),
    ("ab\ncd", 3, (2, 1)),
    ("ab\r\ncd", 2, (1, 3)),
    ("ab\r\ncd", 3, (1, 4)),  # the "\n" of "\r\n" is still on line 1
    ("ab\r\ncd", 4, (2, 1)),
    ("ab\rcd\ref", 6, (3, 1)),
    ("a\n\n\nb", 4, (4, 1)),
    ("全球政府\n间会议", 6, (2, 2)),  # columns count characters, not bytes
    ("𠀀x\ny", 1, (1, 2)),  # an astral character is one column
    ("a\n", 2, (2, 1)),
]


@pytest.mark.parametrize(("text", "index", "expected"), LINE_TABLE)
def test_line_col(text: str, index: int, expected: tuple[int, int]) -> None:
    lines = LineIndex(text)
    assert lines.line_col(index) == expected
    assert lines.offset(*expected) == index


def test_line_index_bounds() -> None:
    lines = LineIndex("a\nb")
    assert lines.line_count == 2
    with pytest.raises(IndexError):
        lines.line_col(4)
    with pytest.raises(IndexError):
        lines.offset(3, 1)


# --- language runs -------------------------------------------------------------------------------


def runs_of(text: str, **langs: str) -> list[tuple[str, str]]:
    runs = language_runs(text, **langs)
    assert runs[0].start == 0 and runs[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(runs))
    return [(run.lang, text[run.start : run.end]) for run in runs]


RUNS_TABLE = [
    ("", []),
    ("The open-ended working group met.", [("en", "The open-ended working group met.")]),
    (
        "Le groupe de travail à composition non limitée",
        [("en", "Le groupe de travail à composition non limitée")],
    ),
    ("联合国环境规划署(UNEP)引用的预测", [("zh", "联合国环境规划署(UNEP)引用的预测")]),
    ("联合国环境大会第五届会议(UNEA 5)授权", [("zh", "联合国环境大会第五届会议(UNEA 5)授权")]),
    ("非指令性建议(NPPs)和CEE-ONU", [("zh", "非指令性建议(NPPs)和CEE-ONU")]),
    (
        "联合主席马蒂娜·罗恩-布洛萨尔(Martine Rohn-Brossard)(瑞士)宣布",
        [
            ("zh", "联合主席马蒂娜·罗恩-布洛萨尔("),
            ("en", "Martine Rohn-Brossard"),
            ("zh", ")(瑞士)宣布"),
        ],
    ),
    (
        "Shelia Aggarwal-Khan, 联合国环境署(UNEP)工业与经济司司长",
        [
            ("en", "Shelia Aggarwal-Khan"),
            ("zh", ", 联合国环境署(UNEP)工业与经济司司长"),
        ],
    ),
    (
        "The Chinese term 全球政府间会议 means GIMM.",
        [
            ("en", "The Chinese term "),
            ("zh", "全球政府间会议"),
            ("en", " means GIMM."),
        ],
    ),
    ("。。。", [("en", "。。。")]),
    ("全球", [("zh", "全球")]),
]


@pytest.mark.parametrize(("text", "expected"), RUNS_TABLE)
def test_language_runs(text: str, expected: list[tuple[str, str]]) -> None:
    if not expected:
        assert language_runs(text) == []
    else:
        assert runs_of(text) == expected


def test_language_runs_use_the_given_languages() -> None:
    text = "Le groupe de travail à composition non limitée (全球政府间会议)"
    assert runs_of(text, latin_lang="fr", han_lang="zh-Hans") == [
        ("fr", "Le groupe de travail à composition non limitée ("),
        ("zh-Hans", "全球政府间会议"),
        ("fr", ")"),
    ]
    # a Han character weighs three Latin letters: this one is Chinese with a French run
    assert runs_of("Le groupe 全球政府间会议", latin_lang="fr") == [
        ("fr", "Le groupe"),
        ("zh", " 全球政府间会议"),
    ]


def test_language_at() -> None:
    runs = [LanguageRun(0, 3, "zh"), LanguageRun(3, 10, "en")]
    assert [language_at(runs, i) for i in (0, 2, 3, 9, 10, 11)] == [
        "zh",
        "zh",
        "en",
        "en",
        "en",
        None,
    ]


@pytest.mark.parametrize(
    ("line", "latin"),
    [
        ("恩-布洛萨尔（Martine Rohn-Brossard）（瑞士）和萨克", ["Martine Rohn-Brossard"]),
        ("兰·赛达（Saqlain Syedah ）（巴基斯坦）宣布。在结束", ["Saqlain Syedah"]),
        ("环境署的希拉·阿加瓦尔-汗（Sheila Aggarwal-Khan）指", ["Sheila Aggarwal-Khan"]),
        ("Shelia Aggarwal-Khan, 联合国环境署（UNEP）工业与经济司司长", ["Shelia Aggarwal-Khan"]),
        ("联合国环境大会第五届会议（UNEA 5）授权开展一项进", []),
        ("（NPPs）。这些提案将在2024年2月举行的联合国环境大", []),
        ("建立一个不限成员名额的工作组（OEWG），以跟进", []),
        ("小组的磋商对废弃矿址和尾矿坝、立法空白和非法采矿表示", []),
    ],
)
def test_language_runs_on_lines_of_the_sample(sample: str, line: str, latin: list[str]) -> None:
    assert line in sample  # the table quotes the bulletin
    text = normalize(line).text
    assert [t for lang, t in runs_of(text) if lang == "en"] == latin
    assert runs_of(text)[0][0] == ("en" if line.startswith("Shelia") else "zh")


def test_languages_helper_caches_per_paragraph() -> None:
    normalized = normalize("The term 全球政府间会议.\n\n联合主席(Martine Rohn-Brossard)宣布")
    languages = Languages(normalized, latin_lang="fr")
    text = normalized.text
    assert languages.at(text.index("term")) == "fr"
    assert languages.at(text.index("全球")) == "zh"
    assert languages.at(text.index("联合")) == "zh"
    assert languages.at(text.index("Martine")) == "fr"
    start, runs = languages.runs_at(text.index("Martine"))
    assert start == text.index("联合") and languages.runs_at(start)[1] is runs


# --- paragraphs ----------------------------------------------------------------------------------

SPLIT_TABLE = [
    ("one\n\ntwo", ["one", "two"]),
    ("  one\n  more \n \n\t\ntwo  \n", ["one\n  more", "two"]),
    ("第一段。\n\n第二段", ["第一段。", "第二段"]),
    ("在联合\n\n国环境大会", ["在联合\n\n国环境大会"]),  # a PDF blank line inside a sentence
    ("标题\n\n2019年，", ["标题", "2019年，"]),  # the next paragraph does not start with CJK
    ("a\r\n\r\nb", ["a", "b"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_TABLE)
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_paragraphs(text)] == expected


def test_split_paragraphs_without_joining() -> None:
    text = "在联合\n\n国环境大会"
    assert [text[s:e] for s, e in split_paragraphs(text, join_broken=False)] == [
        "在联合",
        "国环境大会",
    ]


def test_split_paragraphs_on_the_sample(sample: str) -> None:
    spans = split_paragraphs(sample)
    texts = [sample[s:e] for s, e in spans]
    # "此外，这些磋商还探讨了决议授权环境署执行主任在联合\n\n国环境大会第六届会议上报告"
    assert any("在联合\n\n国环境大会第六届会议上报告" in t for t in texts)
    assert any(t.startswith("在此次会议期间") for t in texts)
    assert all(t == t.strip() for t in texts)


def test_prepare_plain_text() -> None:
    text = (
        "联合国环境规划署\n（UNEP）发布了报告。\n\n"
        "See https://unep.org for the open-\nended working group."
    )
    result = prepare(text, markdown=False, keep_hyphen=lambda a, b: True)
    assert [p.text for p in result] == [
        "联合国环境规划署(UNEP)发布了报告。",
        "See for the open-ended working group.",
    ]
    first, second = result
    assert (first.start, first.end) == (0, text.index("。") + 1)
    assert text[second.start : second.end] == text[text.index("See") :]
    index = second.text.index("open-ended")
    span = second.normalized.span_to_original(index, index + len("open-ended"))
    assert text[span[0] : span[1]] == "open-\nended"
    assert [(r.lang, first.text[r.start : r.end]) for r in first.runs] == [("zh", first.text)]


def test_prepare_markdown_masks_and_keeps_blank_lines() -> None:
    text = (
        "# 简报\n\n在联合\n\n国环境大会 `UNEP`\n\n```\nGIMM\n```\n\n[全球政府间会议](https://x.org)"
    )
    result = prepare(text, markdown=True)
    assert [p.text for p in result] == ["# 简报", "在联合", "国环境大会", "全球政府间会议"]
    assert text[result[-1].start : result[-1].end] == "全球政府间会议"  # the brackets are markup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("first  \n\nsecond \n", [(0, 5), (9, 15)]),
        ("  a -\n\n\t b\u3000\n\n全球 \n 政府\u3000\n\nc", [(2, 5), (9, 10), (13, 20), (23, 24)]),
        ("one\r\n\r\ntwo\r\n", [(0, 3), (7, 10)]),
    ],
)
def test_paragraph_bounds_exclude_surrounding_whitespace(
    text: str, expected: list[tuple[int, int]]
) -> None:
    assert [(p.start, p.end) for p in prepare(text, markdown=False)] == expected
    assert split_paragraphs(text) == expected


def test_a_paragraph_that_is_a_url_to_a_file_is_masked_whole() -> None:
    # A line that starts with a URL and ends with a file name is masked (spaces in file names):
    # nothing is left of its paragraph to check.
    text = "https://x.org/a b.pdf\n\nx"
    assert split_paragraphs(text) == [(0, 21), (23, 24)]
    assert [(p.start, p.end) for p in prepare(text, markdown=False)] == [(23, 24)]


def test_normalize_document_and_paragraphs_agree() -> None:
    text = "a b\n\n全球政府\n间会议\n\nlast"
    normalized = normalize_document(text, markdown=False)
    assert normalized.text == "a b\n全球政府间会议\nlast"
    assert [p.text for p in paragraphs(normalized)] == ["a b", "全球政府间会议", "last"]
    assert [(p.start, p.end) for p in paragraphs(normalized)] == split_paragraphs(text)


def test_paragraphs_of_the_sample_point_into_the_sample(sample: str) -> None:
    for paragraph in prepare(sample, markdown=False):
        original = sample[paragraph.start : paragraph.end]
        assert original == original.strip()
        assert paragraph.text[0] == original[0] or original[0] in "（）"
        for index in range(0, len(paragraph.text), 7):
            position = paragraph.normalized.to_original(index)
            assert paragraph.start <= position < paragraph.end


# --- guess_latin_language -----------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("Les délégués ont parlé de l'ASGM et du mercure.", ["en", "fr", "zh"], "fr"),
        ("The delegates discussed the ASGM sector and the use of mercury.", ["en", "fr"], "en"),
        # French names quoted in English text, English names in French text: the sentence decides
        ("The Assemblée des Nations Unies pour l'environnement is the name that the French text "
         "of the resolution uses for the Assembly.", ["en", "fr"], "en"),
        ("Le Global Industry Standard on Tailings Management a été cité par les délégués et par "
         "le PNUE.", ["en", "fr"], "fr"),
        # three different words of one language decide, even in a short line
        ("Le PNUE a publié son rapport sur l’ANUE-6.", ["en", "fr"], "fr"),
        ("The ANUE met.", ["en", "fr"], None),
        # French place names in an English line say nothing, or less than the English words
        ("UNEP/GEF workshop, Maison de la Paix", ["en", "fr"], None),
        ("UNEP side event at the Maison de la Paix (Genève), then a reception at the Palais des "
         "Nations.", ["en", "fr"], "en"),
        # French without accents is French; quoted speech counts (it is mostly in the text's
        # language), so a long quoted English title can outweigh a short French line
        ("Le PNUE et l'ICMM publient un rapport sur la GISTM.", ["en", "fr"], "fr"),
        ("« Nous devons agir maintenant pour la nature et pour le climat », a déclaré Mme Andersen "
         "(PNUE).", ["en", "fr"], "fr"),
        ("Venue: Palais des Nations, Salle des Assemblées. Organizer: UNEP", ["en", "fr"], None),
        # no evidence, a tie, or a single candidate
        ("UNEA UNEP ASGM", ["en", "fr"], None),
        ("the le", ["en", "fr"], None),
        ("le la les des", ["en", "zh"], "en"),
        ("le la les des", ["zh"], None),
        # the termbase's own tags come back
        ("Les délégués ont parlé de l'ASGM.", ["en-GB", "fr-CA"], "fr-CA"),
    ],
)  # fmt: skip
def test_guess_latin_language(text: str, languages: list[str], expected: str | None) -> None:
    from termkit.text.languages import guess_latin_language

    assert guess_latin_language(text, languages) == expected


@pytest.mark.parametrize(("name", "expected"), [("draft-en.md", "en"), ("draft-fr.md", "fr"),
                                                ("draft-zh.md", None)])  # fmt: skip
def test_guess_latin_language_of_the_examples(name: str, expected: str | None) -> None:
    from termkit.text.languages import guess_latin_language

    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert guess_latin_language(text, ["en", "fr", "zh"]) == expected


def test_function_words_counted_as_substrings_are() -> None:
    """The distinct function words of a sample, found with one split, are those the substring
    test finds: words next to each other, at the ends, after line breaks and punctuation, doubled
    spaces, elisions; and in the example drafts."""
    import random

    from termkit.text.languages import FUNCTION_WORDS, _distinct_function_words

    pieces = [w.strip(" ") for words in FUNCTION_WORDS.values() for w in words]
    pieces += ["", "x", "the\n", ",", "l'onu", "d’eau", "thé", "é", "\t", "  ", "(of)"]
    rnd = random.Random(17)
    samples = [
        " " + " ".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))) for _ in range(5000)
    ]
    samples += [" " + (EXAMPLES / n).read_text(encoding="utf-8").lower()
                for n in ("draft-en.md", "draft-fr.md", "draft-zh.md")]
    for sample in samples:
        assert _distinct_function_words(sample, ["en", "fr"]) == {
            code: sum(word in sample for word in FUNCTION_WORDS[code]) for code in ("en", "fr")
        }, sample
