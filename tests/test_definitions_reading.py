"""Both views of a text read at once (:class:`termkit.definitions.Reading`) give what each
detector gives alone, and what the Chinese detector gave when each view read the parentheses
itself (the reference below is that code, kept as it was)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from termkit.definitions import (
    AcronymCandidate,
    Definition,
    Reading,
    base,
    find_definitions,
    find_parenthesised_acronyms,
)
from termkit.definitions import chinese as zh
from termkit.definitions.base import Parenthesis, iter_parentheses, normalize_space
from termkit.definitions.latin import definition_at, preceding_words

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _reference_candidates(text: str, lang: str) -> list[AcronymCandidate]:
    """``find_chinese_candidates`` as it was: every parenthesis read for this view alone."""
    folded = zh._fold_wraps(text)
    found: list[AcronymCandidate] = []
    for group in iter_parentheses(folded.text):
        acronym = zh._acronym_in(folded.text, group)
        if acronym is None:
            continue
        start, end, quoted = acronym
        if zh._after_latin(folded.text, group.open):
            run_start, run_end = preceding_words(folded.text, group.open)
        else:
            quoted_name = zh._quoted_name(folded.text, group.open)
            if quoted_name is not None:
                run_start, run_end = quoted_name
            else:
                run_start, run_end = zh._run_start(folded.text, group.open), group.open
                letters = zh._letter_count(folded.text[start:end])
                trimmed = zh._trim(folded.text, run_start, run_end, letters)
                if zh._is_predicate(folded.text, trimmed, run_end):
                    continue
        found.append(
            AcronymCandidate(
                acronym=folded.text[start:end],
                lang=lang,
                acronym_span=folded.span(start, end),
                preceding=normalize_space(folded.text[run_start:run_end]),
                preceding_span=folded.span(run_start, run_end),
                quoted=quoted,
            )
        )
    return found


def _reference_definition_at(folded: zh._Folded, group: Parenthesis, lang: str) -> Definition | None:
    text = folded.text
    acronym = zh._acronym_in(text, group)
    if acronym is None:
        return None
    acronym_start, acronym_end, _ = acronym
    short = text[acronym_start:acronym_end]
    quoted = zh._quoted_name(text, group.open)
    if quoted is not None:
        start, end = quoted
        pattern = "book-title" if text[end] in "》』" else "quoted"
    else:
        end = group.open
        start = zh._trim(text, zh._run_start(text, end), end, zh._letter_count(short))
        if zh._is_predicate(text, start, end):
            return None
        pattern = "long-short"
    session = zh._numbered_session(text, start, end, short)
    if session is not None:
        end, short = session
        acronym_end = acronym_start + len(short)
        pattern = "numbered-session"
    if end - start < 2:
        return None
    return Definition(
        acronym=short,
        full=normalize_space(text[start:end]),
        lang=lang,
        acronym_span=folded.span(acronym_start, acronym_end),
        full_span=folded.span(start, end),
        pattern=pattern,
    )


def _reference_definitions(text: str, lang: str) -> list[Definition]:
    """``find_chinese_definitions`` as it was."""
    folded = zh._fold_wraps(text)
    found: list[Definition] = []
    for group in iter_parentheses(folded.text):
        if zh._after_latin(folded.text, group.open):
            latin = definition_at(folded.text, group, "en")
            definition = None if latin is None else zh._unfolded(latin, folded)
        else:
            definition = _reference_definition_at(folded, group, lang)
        if definition is not None:
            found.append(definition)
    return found


def _assert_same_views(text: str, lang: str) -> None:
    candidates = tuple(find_parenthesised_acronyms(text, lang))
    definitions = tuple(find_definitions(text, lang))
    if lang.startswith("zh"):
        assert candidates == tuple(_reference_candidates(text, lang))
        assert definitions == tuple(_reference_definitions(text, lang))
    reading = Reading(text, lang)
    assert (reading.candidates(), reading.definitions()) == (candidates, definitions)
    reading = Reading(text, lang)  # asked the other way round
    assert (reading.definitions(), reading.candidates()) == (definitions, candidates)


def _paragraphs(*paths: Path) -> list[str]:
    return [
        paragraph
        for path in paths
        for paragraph in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        if "(" in paragraph or "（" in paragraph
    ]


@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
def test_reading_the_samples_gives_what_each_view_gives(samples_dir: Path, lang: str) -> None:
    paragraphs = _paragraphs(
        *sorted(samples_dir.glob("*.md")),
        samples_dir / "gimm-bulletin-zh-part1.txt",
        *sorted(EXAMPLES.glob("draft-*.md")),
    )
    assert len(paragraphs) > 50
    for paragraph in paragraphs:
        _assert_same_views(paragraph, lang)


def test_reading_a_whole_chinese_bulletin_at_once(samples_dir: Path) -> None:
    """Line wraps folded, spans mapped back: the whole file as one text."""
    _assert_same_views((samples_dir / "gimm-bulletin-zh-part1.txt").read_text("utf-8"), "zh")


# Pieces of Chinese reports and English names quoted in them: names, acronyms, quotes, sessions,
# predicates, openers, conjunctions, line wraps and paragraph breaks.
_PIECES = [
    "联合国环境规划署", "联合国环境大会", "第五届会议", "第六届会议", "生产者延伸责任", "可持续消费和生产",
    "各方同意支持", "决定执行", "在", "根据", "建立", "的", "和", "与", "及", "、", "，", "。", "24项",
    "“非指令性建议”", "《关于汞的水俣公约》", "（", "）", "(", ")", "（UNEP）", "（UNEA 5）", "(UNEA-6)",
    "（NPPs）", "（“GMP”）", "（EPR; 2019）", "(SCP)", "（2019）", "（见附件）", "Global Mercury Partnership",
    "联合国环境大会第五届会议（UNEA 5）", "the Environment Programme", "UNEP", "ASGM", " ", "\n", "\n\n",
    "  \n", "\u3000", "[EEG]", "我们将加强",
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "。（UNEP）", "，是（GEF）", "在的（UNEP）", "，建立的（UNEP）", "各方同意支持（GEF）",
        "与UNEP（联合国）",
    ],
)
def test_reading_runs_of_every_length_gives_what_each_view_gives(text: str) -> None:
    """Runs of none, one, two and more characters before the parenthesis: the shorter ones are
    not trimmed, ``在的`` is (a two-character long form is left, a one-character one is not)."""
    _assert_same_views(text, "zh")


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from(["zh", "zh-Hans", "en"]))
def test_reading_any_mix_gives_what_each_view_gives(pieces: list[str], lang: str) -> None:
    _assert_same_views("".join(pieces), lang)


def _reference_looks_like_acronym(text: str) -> bool:
    """``looks_like_acronym`` as it was, before its fast path for ``UNEP``."""
    text = text.strip()
    tokens = text.split()
    if not tokens or len(tokens) > 2 or len(text) > 14:
        return False
    if not all(base._ACRONYM_TOKEN.fullmatch(token) for token in tokens):
        return False
    if base._DOCUMENT_SYMBOL.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    return capitals >= 2 and capitals * 2 >= len(letters)


def _reference_letter_count(acronym: str) -> int:
    """``_letter_count`` as it was, before its fast path for ``UNEP``."""
    match = zh._ACRONYM_SESSION.match(acronym)
    if match:
        acronym = match.group("base")
    if len(acronym) >= 3 and acronym.endswith("s") and acronym[-2].isupper():
        acronym = acronym[:-1]
    return max(1, sum(1 for c in acronym if c.isalnum()))


# What parentheses hold: capitals (the fast path's), small letters, accented and Han letters,
# digits, separators of tokens and symbols.
_CONTENT = st.text(alphabet="ABCNUPEFGsaeÉé中国0159 -/&.+\u3000\t", max_size=18)


@given(st.one_of(_CONTENT, st.from_regex(r"\s*[A-Z]{1,16}\s*", fullmatch=True)))
def test_an_acronym_looks_as_it_did(content: str) -> None:
    assert base.looks_like_acronym(content) == _reference_looks_like_acronym(content)


@given(st.one_of(_CONTENT, st.from_regex(r"[A-Z]{0,16}", fullmatch=True)))
def test_an_acronym_has_as_many_letters_as_it_had(content: str) -> None:
    assert zh._letter_count(content) == _reference_letter_count(content)


@given(
    st.text(alphabet="联合国的和与在了是一个24项（）(“”UNEP ", max_size=12),
    st.integers(0, 12),
    st.integers(0, 1),
    st.integers(1, 6),
)
def test_a_run_shorter_than_two_characters_is_never_trimmed(
    text: str, start: int, size: int, letters: int
) -> None:
    """What lets a paragraph's reading skip ``_trim`` for such runs (most of check's)."""
    start = min(start, len(text))
    end = min(start + size, len(text))
    assert zh._trim(text, start, end, letters) == start


_REFERENCE_CLAUSE_END = re.compile(
    r"[;:!?](?=\s)|(?<=[^\W\d_]{2})\.(?=\s)|(?<=\d)\.(?=\s+[A-Z])|[，。；：！？、]"  # noqa: RUF001
)


def _reference_clause_start(text: str, end: int, max_words: int) -> int:
    """``clause_start`` as it was: every clause end from 600 characters back iterated over."""
    floor = max(0, end - 600)
    for boundary in (base._PARAGRAPH, _REFERENCE_CLAUSE_END):
        last = base.last_match(boundary, text, floor, end)
        if last is not None:
            floor = last.end()
    open_brackets: list[int] = []
    for index in range(floor, end):
        char = text[index]
        if char in "([{（":
            open_brackets.append(index)
        elif char in ")]}）" and open_brackets:
            open_brackets.pop()
    if open_brackets:
        floor = open_brackets[-1] + 1
    words = list(re.finditer(r"\S+", text[floor:end]))
    if len(words) > max_words:
        return floor + words[-max_words].start()
    return floor + words[0].start() if words else end


# Clause ends and what they need around them: letters, digits, capitals, spaces, line breaks.
_CLAUSE_TEXT = st.text(alphabet="ab AZ19.;:!?，。、\n\t(）e.g", max_size=80)


@given(_CLAUSE_TEXT, st.integers(0, 80), st.integers(1, 15), st.integers(0, 700))
def test_a_clause_starts_where_it_did(text: str, end: int, max_words: int, pad: int) -> None:
    """Also past the 600 characters looked back: ``pad`` words of padding before the text."""
    padding = "word " * (pad // 5)
    text, end = padding + text, min(len(padding) + end, len(padding) + len(text))
    assert base.clause_start(text, end, max_words) == _reference_clause_start(text, end, max_words)


def test_clause_starts_in_the_samples_are_where_they_were(samples_dir: Path) -> None:
    for path in sorted(samples_dir.glob("*.md")):
        text = path.read_text("utf-8")
        for end in [m.start() for m in re.finditer(r"[(（]", text)]:
            assert base.clause_start(text, end, 15) == _reference_clause_start(text, end, 15)
