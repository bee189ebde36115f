# ruff: noqa: RUF001
"""The normalised view of line-wrapped text and its map back to the original."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from termkit.text import NormalizedText, fold, normalize, normalize_document

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "gimm-bulletin-zh-part1.txt"


@pytest.fixture(scope="module")
def sample() -> str:
    if not SAMPLE.is_file():
        pytest.skip(f"../shared is absent: no {SAMPLE.name} to test the real bulletin with")
    return SAMPLE.read_text(encoding="utf-8")


def original_indices(normalized: NormalizedText) -> list[int]:
    return [normalized.to_original(i) for i in range(len(normalized.text))]


# (input, normalised text, {normalised index: original index})
NORMALIZE_TABLE: list[tuple[str, str, dict[int, int]]] = [
    # CJK on both sides of a line break: the break disappears
    ("全球政府\n间会议", "全球政府间会议", {3: 3, 4: 5, 6: 7}),
    ("全球政府 \n  间会议", "全球政府间会议", {3: 3, 4: 8}),
    ("联合国环境规划署\n（UNEP）", "联合国环境规划署(UNEP)", {7: 7, 8: 9, 13: 14}),
    ("提出“非指令性建议”\n（NPPs）", "提出“非指令性建议”(NPPs)", {9: 9, 10: 11}),
    # a digit or a bracket next to a CJK character: also joined
    ("到2040\n年的", "到2040年的", {4: 4, 5: 6}),
    ("将增加\n20倍", "将增加20倍", {3: 4}),
    ("马蒂娜·罗\n恩-布洛萨尔", "马蒂娜·罗恩-布洛萨尔", {4: 4, 5: 6}),
    # a Latin letter next to a CJK character, or two Latin words: one space
    ("以跟进\nGIMM产出", "以跟进 GIMM产出", {3: 3, 4: 4}),
    ("open-ended\nworking group", "open-ended working group", {10: 10, 11: 11}),
    ("open-ended  \n   working group", "open-ended working group", {10: 10, 11: 16}),
    # hyphen at a line end: kept, line break dropped (no callback)
    ("small-\nscale", "small-scale", {5: 5, 6: 7}),
    ("罗恩-\n布洛萨尔", "罗恩-布洛萨尔", {2: 2, 3: 4}),
    ("2040-\n2050", "2040-2050", {4: 4, 5: 6}),
    ("small\u2010\nscale", "small-scale", {5: 5, 6: 7}),
    # a dash with spaces is not a hyphenated word
    ("the meeting -\nwhich", "the meeting - which", {13: 13, 14: 14}),
    # blank lines: a paragraph separator "\n"...
    ("结束。\n\n下一段", "结束。\n下一段", {3: 3, 4: 5}),
    ("first.\n \n\n  second", "first.\nsecond", {6: 6, 7: 12}),
    ("Djaheezah \n\nSubratty", "Djaheezah\nSubratty", {9: 9, 10: 12}),
    # ...except inside a CJK sentence broken by PDF extraction
    ("在联合\n\n国环境大会", "在联合国环境大会", {2: 2, 3: 5}),
    ("布洛萨\n\n尔（Martine", "布洛萨尔(Martine", {3: 5, 4: 6}),
    # spaces
    ("  a  b  ", "a b", {0: 2, 1: 3, 2: 5}),
    ("a\tb\u00a0c\u202fd\u3000e", "a b c d e", {2: 2, 8: 8}),
    ("a \u3000 b", "a b", {1: 1, 2: 4}),
    # rare spaces and line breaks (the normaliser starts over when it meets them)
    ("a\u2003\u2003b\u2028c", "a b c", {2: 3, 4: 5}),
    ("全球\u2028政府\u2029\u2029间会议", "全球政府间会议", {2: 3, 4: 7}),
    ("（UNEP）\u2009said", "(UNEP) said", {0: 0, 7: 7}),
    # line endings
    ("open-ended\r\nworking\r\n\r\ngroup", "open-ended working\ngroup", {11: 12, 18: 19, 19: 23}),
    ("全球政府\r\n间会议", "全球政府间会议", {4: 6}),
    ("a\rb", "a b", {2: 2}),
    ("a\fb", "a b", {2: 2}),
    # invisible characters go
    ("co\u00adop", "coop", {2: 3}),
    ("manage\u00ad\nment", "management", {6: 8}),
    ("word\u00ad\n\nnext", "word\nnext", {4: 5, 5: 7}),
    ("UN\u200bEP", "UNEP", {2: 3}),
    # folding: one character for one
    ("（ＵＮＥＰ）", "(UNEP)", {0: 0, 5: 5}),
    ("２０３０年", "2030年", {4: 4}),
    ("l’environnement", "l'environnement", {1: 1}),
    ("，。、《》“”！？；：", "，。、《》“”！？；：", {}),
    ("｡｢｣､", "。「」、", {}),
    ("", "", {}),
    ("   \n\n  ", "", {}),
]


@pytest.mark.parametrize(("text", "expected", "mapping"), NORMALIZE_TABLE)
def test_normalize(text: str, expected: str, mapping: dict[int, int]) -> None:
    normalized = normalize(text)
    assert normalized.text == expected
    for index, original in mapping.items():
        assert normalized.to_original(index) == original, index


@pytest.mark.parametrize(("text", "expected", "mapping"), NORMALIZE_TABLE)
def test_every_character_maps_to_itself(text: str, expected: str, mapping: dict[int, int]) -> None:
    normalized = normalize(text)
    folded = fold(text)
    positions = original_indices(normalized)
    assert positions == sorted(positions), "the map keeps the order"
    for index, original in enumerate(positions):
        char = normalized.text[index]
        if char in " \n":
            assert not folded[original].strip() or folded[original] in "-\u00ad", (index, original)
        else:
            assert folded[original] == char, (index, original)


@pytest.mark.parametrize(
    ("keep", "text", "expected", "asked"),
    [
        (
            True,
            "artisanal and small-\nscale gold mining",
            "artisanal and small-scale gold mining",
            ("small", "scale"),
        ),
        (False, "the manage-\nment of tailings", "the management of tailings", ("manage", "ment")),
        (False, "Rohn-Bross-\nard", "Rohn-Brossard", ("Bross", "ard")),
    ],
)
def test_keep_hyphen_callback_decides_between_latin_letters(
    keep: bool, text: str, expected: str, asked: tuple[str, str]
) -> None:
    questions: list[tuple[str, str]] = []

    def keep_hyphen(left: str, right: str) -> bool:
        questions.append((left, right))
        return keep

    normalized = normalize(text, keep_hyphen=keep_hyphen)
    assert normalized.text == expected
    assert questions == [asked]
    # the joined word maps back over the hyphen and the line break
    start = expected.index(asked[0])
    end = start + len(expected.split(asked[0], 1)[1].split(" ")[0]) + len(asked[0])
    original_start, original_end = normalized.span_to_original(start, end)
    assert text[original_start:original_end] == f"{asked[0]}-\n{asked[1]}"


def test_keep_hyphen_is_not_asked_about_non_latin_words() -> None:
    normalized = normalize("罗恩-\n布洛萨尔 and 2040-\n2050", keep_hyphen=lambda a, b: False)
    assert normalized.text == "罗恩-布洛萨尔 and 2040-2050"


def test_span_to_original_covers_a_term_broken_over_lines() -> None:
    text = "关于矿产和金属管理所涉环境问题的全球政府间会\n议简报"
    normalized = normalize(text)
    start = normalized.text.index("全球政府间会议")
    span = normalized.span_to_original(start, start + len("全球政府间会议"))
    assert text[span[0] : span[1]] == "全球政府间会\n议"
    assert normalized.span_to_original(start, start) == (span[0], span[0])


def test_to_original_at_the_end_and_out_of_range() -> None:
    normalized = normalize("  word  \n\n")
    assert normalized.text == "word"
    assert normalized.to_original(4) == 6  # just after "d", not after the trailing spaces
    with pytest.raises(IndexError):
        normalized.to_original(5)
    with pytest.raises(IndexError):
        normalized.to_original(-1)


def test_source_is_the_unmasked_text() -> None:
    text = "见 https://x.org 全球政府\n间会议"
    masked = text.replace("https://x.org", " " * len("https://x.org"))
    normalized = normalize(masked, source=text)
    assert normalized.source is text
    assert normalized.text == "见 全球政府间会议"
    with pytest.raises(ValueError, match="same length"):
        normalize(masked, source=text + "x")


def test_paragraph_spans_and_slices_map_to_the_document() -> None:
    text = "第一段\n文字。\n\n  Second\nparagraph.\n\n\n第三段"
    normalized = normalize(text)
    assert normalized.text == "第一段文字。\nSecond paragraph.\n第三段"
    spans = normalized.paragraph_spans()
    assert [normalized.text[s:e] for s, e in spans] == [
        "第一段文字。",
        "Second paragraph.",
        "第三段",
    ]
    assert normalized.paragraph_at(8) == spans[1]
    second = normalized.slice(*spans[1])
    assert second.text == "Second paragraph."
    assert second.source is text
    assert second.to_original(0) == text.index("Second")
    assert second.to_original(7) == text.index("paragraph")
    assert second.to_original(len(second.text)) == text.index("paragraph.") + len("paragraph.")
    inner = second.slice(7, 16)
    assert inner.text == "paragraph"
    assert inner.span_to_original(0, 9) == (text.index("paragraph"), text.index("paragraph") + 9)


def test_fold_keeps_the_length() -> None:
    text = "（ＵＮＥＰ）\r\n\t２０３０，l’x\u2011y\u3000｡"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "(UNEP)\n  2030，l'x-y 。"


# --- the real bulletin ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term",
    [
        "关于矿产和金属管理所涉环境问题的全球政府间会议简报",  # "全球政府间会\n议简报"
        "联合国环境规划署(UNEP)引用的预测",  # "联合国环境规划署\n（UNEP）引用"
        "联合国环境大会第五届会议(UNEA 5)授权开展一项进程",  # "进\n程"
        "2030年可持续发展议程",  # "2030年\n 可持续发展议程"
        "在联合国环境大会第六届会议上报告",  # blank line inside: "在联合\n\n国环境大会"
        "马蒂娜·罗恩-布洛萨尔(Martine Rohn-Brossard)",  # "罗\n恩-布洛萨\n\n尔（Martine"
        "在结束联合国环境署(UNEA)授权的进程时",  # "在结束\n联合国环境署"
        "“非指令性建议”(NPPs)",
        "到2040年，清洁能源技术",
    ],
)
def test_sample_terms_broken_by_line_wraps_come_back_whole(sample: str, term: str) -> None:
    normalized = normalize_document(sample, markdown=False)
    assert term in normalized.text
    start = normalized.text.index(term)
    original_start, original_end = normalized.span_to_original(start, start + len(term))
    original = sample[original_start:original_end]
    assert re.sub(r"\s", "", fold(original)) == re.sub(r"\s", "", term)


def test_sample_urls_do_not_reach_the_normalised_text(sample: str) -> None:
    normalized = normalize_document(sample, markdown=False)
    assert "http" not in normalized.text
    assert "ENVIRONMENTAL ASPECTS" not in normalized.text
    assert "English.pdf" not in normalized.text


# --- property: rewrapping a paragraph does not change its normalised text --------------------


def _sample_paragraphs(sample: str) -> list[str]:
    """The bulletin's mostly-Chinese paragraphs, unwrapped, with their full-width brackets."""
    normalized = normalize_document(sample, markdown=False)
    paragraphs = [normalized.text[s:e] for s, e in normalized.paragraph_spans()]
    return [
        p.replace("(", "（").replace(")", "）")
        for p in paragraphs
        if len(p) > 40 and "http" not in p
    ]


def _cjk(char: str) -> bool:
    return bool(re.match(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]", char))


def _joinable(left: str, right: str) -> bool:
    """Where the rules say a line break vanishes (step 5 of the module doc)."""
    neutral = "0123456789()[]%/'·—‘’“”…"
    return (_cjk(left) and (_cjk(right) or right in neutral)) or (
        _cjk(right) and (_cjk(left) or left in neutral)
    )


def _rewrap_chinese(text: str, rng: random.Random) -> str:
    """Line breaks (with stray spaces, CRLF, blank lines) where a PDF could put them."""
    out = [text[0]]
    for left, right in itertools.pairwise(text):
        if _joinable(left, right) and rng.random() < 0.15:
            # a blank line only joins a CJK character that ends no sentence to a CJK character
            blank = _cjk(left) and _cjk(right) and left not in "。！？；：」』"
            out.append(rng.choice(["\n", " \n", "\n  ", "\r\n", "\n \n" if blank else "\n"]))
        out.append(right)
    return "".join(out)


def _rewrap_latin(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    out = [words[0]]
    for word in words[1:]:
        out.append(rng.choice([" ", " ", " ", "\n", " \n", "\n ", "  ", "\r\n"]))
        out.append(word)
    return "".join(out)


ENGLISH = (
    "The Global Intergovernmental Meeting on Minerals and Metals (GIMM) discussed an "
    "open-ended working group, artisanal and small-scale gold mining, the Global Industry "
    "Standard on Tailings Management (GISTM) and the 2030 Agenda for Sustainable Development."
)


@pytest.mark.parametrize("seed", range(8))
def test_rewrapped_chinese_paragraphs_normalise_alike(sample: str, seed: int) -> None:
    rng = random.Random(seed)
    for paragraph in _sample_paragraphs(sample):
        rewrapped = _rewrap_chinese(paragraph, rng)
        normalized = normalize(rewrapped)
        assert normalized.text == normalize(paragraph).text
        _assert_maps_to_same_characters(normalized, rewrapped)


@pytest.mark.parametrize("seed", range(8))
def test_rewrapped_latin_paragraphs_normalise_alike(seed: int) -> None:
    rng = random.Random(seed)
    rewrapped = _rewrap_latin(ENGLISH, rng)
    # also break a hyphenated word at its hyphen
    rewrapped = rewrapped.replace("small-scale", rng.choice(["small-scale", "small-\nscale"]))
    normalized = normalize(rewrapped)
    assert normalized.text == ENGLISH
    _assert_maps_to_same_characters(normalized, rewrapped)


def _assert_maps_to_same_characters(normalized: NormalizedText, original: str) -> None:
    folded = fold(original)
    previous = -1
    for index, char in enumerate(normalized.text):
        position = normalized.to_original(index)
        assert position > previous
        previous = position
        if char == " ":
            assert folded[position] in " \n"
        else:
            assert folded[position] == char, (index, char, folded[position])


# --- a callable type check: the callback signature the matcher implements -----------------------


def test_keep_hyphen_type_accepts_a_plain_function() -> None:
    spellings = {"small-scale"}
    keep: Callable[[str, str], bool] = lambda left, right: f"{left}-{right}" in spellings  # noqa: E731
    assert normalize("small-\nscale", keep_hyphen=keep).text == "small-scale"
    assert normalize("manage-\nment", keep_hyphen=keep).text == "management"


def test_to_original_all_agrees_with_to_original(sample: str) -> None:
    normalized = normalize_document(sample, markdown=False)
    indices = list(range(len(normalized.text) + 1))
    assert normalized.to_original_all(indices) == [normalized.to_original(i) for i in indices]
    start, end = normalized.paragraph_spans()[3]
    view = normalized.slice(start, end)
    indices = list(range(len(view.text) + 1))
    assert view.to_original_all(indices) == [view.to_original(i) for i in indices]
    assert normalized.to_original_all([]) == []
    with pytest.raises(IndexError):
        normalized.to_original_all([0, len(normalized.text) + 1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one space between Chinese characters on a line is read as nothing (PDF text)
        ("2030年 可持续发展议程", "2030年可持续发展议程"),
        ("多边环境 协议。", "多边环境协议。"),
        # between Chinese and Latin, or two spaces (a masked URL or code span), it stays
        ("联合国 UNEP 会议", "联合国 UNEP 会议"),
        ("多边环境  协议", "多边环境 协议"),
    ],
)
def test_a_space_between_chinese_characters(text: str, expected: str) -> None:
    normalized = normalize(text)
    assert normalized.text == expected
    # every character still maps back to itself in the original
    assert all(text[normalized.to_original(i)] == c for i, c in enumerate(normalized.text)
               if not c.isspace())
