"""Acronym definitions in Chinese text: ``全称（ACR）``, ``“名称”（ACR）``, ``《公约》（ACR）``.

Chinese texts write the English acronym after the Chinese full form. Letters cannot be matched
against Chinese characters, so the long form is the run of text before the parenthesis back to a
clause boundary, trimmed by rules measured on a real bulletin (``../shared/samples``):

1. The run stops at punctuation, brackets, quotes, Latin text and paragraph breaks (``、`` too:
   lists are far more common than names that contain it).
2. It starts after the last preposition or particle that opens a phrase (在, 由, 对, 就, 据, 根据,
   通过, 包括, 而, 了…) unless that character is part of a word (自由, 存在, 数据…), after the
   last verb that takes it as object and never sits inside a name (建立, 宣布, 结束, 要求…), and
   after the last counted noun (一个, 24项).
3. Other verbs (促进, 支持…), numbers with a classifier, demonstratives (这些, 该, 各 and 各国
   but not in 各国家… or 各国议会联盟), quantifiers (许多, 一些, 所有 but not in 所有权), full
   dates and conjunctions are dropped from its start.
4. ``的`` splits the run when what follows has at least one character per letter of the acronym
   (``举行的联合国环境大会`` → 联合国环境大会, but ``不限成员名额的工作组`` stays whole).
5. ``和`` and ``与`` before 联合国 always split it (no name runs on into a UN body's); otherwise
   they split it only when it is too long for the acronym (three characters or
   more per letter) and the last conjunct is not (``循环经济和生产者延伸责任（EPR）`` →
   生产者延伸责任, but ``可持续消费和生产（SCP）`` stays whole).
6. A numbered session ``联合国环境大会第五届会议（UNEA 5）`` defines UNEA as 联合国环境大会.

Names in ``“”`` or ``《》`` right before the parenthesis are taken whole, with no trimming.
"""

# ruff: noqa: RUF001 -- full-width punctuation is what this module reads

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from termkit.definitions.base import (
    AcronymCandidate,
    Definition,
    Parenthesis,
    iter_parentheses,
    looks_like_acronym,
    normalize_space,
)
from termkit.patterns import compile_pattern
from termkit.text.scripts import HAN

__all__ = ["ChineseReading", "find_chinese_candidates", "find_chinese_definitions"]

# Characters of Chinese running text, between which a line break is only a wrap.
# CJK radicals, symbols and kana, the Han characters, full-width forms and CJK punctuation.
_WIDE = "\u2e80-\u33ff\u4dc0-\u4dff" + HAN + "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u00b7\u2014\u2026"
_WRAP = compile_pattern(
    rf"(?<=[{_WIDE}])[ \t\u3000]*\r?\n[ \t\u3000]*(?=\S)"
    rf"|(?<=\S)[ \t\u3000]*\r?\n[ \t\u3000]*(?=[{_WIDE}])"
)

# What a long form may hold: Han characters, digits, and the joiners of names.
_RUN_CHAR = compile_pattern(rf"[{HAN}0-9０-９·・－-]")
_NUMERAL = compile_pattern("[0-9０-９一二三四五六七八九十]")

# Phrase openers: the long form starts after the last one (rule 2).
OPENERS = (
    "根据", "通过", "包括", "关于", "按照", "依据", "经过", "对于", "为了", "除了", "以及", "并且",
    "而且", "但是", "例如", "比如", "其中", "再次", "已经", "正在", "曾经", "同时", "随后", "此外",
    "另外", "以便", "即", "在", "由", "对", "就", "将", "把", "被", "让",
    "而", "从", "向", "了", "于", "据",
)  # fmt: skip
# ...unless the character is part of one of these words.
OPENER_WORDS = (
    "存在", "现在", "所在", "正在", "实在", "自由", "理由", "经由", "相对", "面对", "针对", "反对",
    "绝对", "应对", "成就", "即将", "必将", "服从", "方向", "导向", "倾向", "意向", "面向", "走向",
    "动向", "转让", "出让", "大使", "特使", "行使", "然而", "从而", "因而", "进而", "反而", "继而",
    "了解", "于是", "对话", "对象", "对外", "向量", "从事", "被告", "就业", "在线", "即时",
    "数据", "证据", "占据", "收据", "单据", "票据",
)  # fmt: skip
# Verbs that take the term as object and never sit inside a name: the long form starts after the
# last one (rule 2).
CLAUSE_VERBS = (
    "宣布", "结束", "要求", "请求", "邀请", "呼吁", "鼓励", "欢迎", "注意到", "认识到", "强调",
    "表示", "指出", "参加", "出席", "授权", "批准", "讨论", "涉及", "推动", "主办", "总结", "建立",
    "设立", "创建", "成立", "召开", "举行", "提出", "制定", "通过了", "启动",
)  # fmt: skip
# Verbs that may also start a name (促进会, 技术支持), dropped only from the start (rule 3).
VERBS = (
    "促进", "支持", "报告", "发布", "加强", "开展", "实施", "执行", "审议", "采用", "利用", "使用",
    "加入", "参与", "成为", "作为", "称为", "简称", "名为", "题为", "是", "有", "请", "称", "为",
    "与会", "代表", "规范",
)  # fmt: skip
_COUNTED = compile_pattern(r"[0-9０-９一二三四五六七八九十百千两几多数]+[个项份种]")
_LEADING = compile_pattern(
    r"(?:这些|那些|这个|那个|该|此|各国(?![家议])|各(?!国议会)|每|其|本|这|那|许多|一些|若干|很多|诸多"
    r"|所有(?![权制者])"
    r"|[0-9０-９一二三四五六七八九十百千两几多数]+[个项份种类名位家条批]"
    r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|的|和|与|及|或|并|如(?![何果今此同])|诸如)"
)
# 及 joins the parts of formal names (联合国粮食及农业组织, 拉丁美洲及加勒比), so it never splits.
_CONJUNCTIONS = ("和", "与")
# Words that make the verb after them a predicate: 各方同意支持（GEF）, 各国决定执行（NAP）, 以下简称. Only
# words that end no name: 要 (主要), 会 (大会) or 应 (相应) are left out.
_MODALS = (
    "同意", "决定", "愿意", "继续", "承诺", "希望", "打算", "计划", "必须", "需要", "应当", "应该",
    "可以", "能够", "将", "以下",
)  # fmt: skip
_SESSION = compile_pattern(r"第([0-9一二三四五六七八九十]+)(?:届|次)(?:会议|会)?(?:续会)?$")
_ACRONYM_SESSION = compile_pattern(r"^(?P<base>[A-Za-z][\w&-]*?[A-Za-z])[- ]?(?P<number>\d{1,2})$")
_QUOTE_PAIRS = {"”": "“", "》": "《", "」": "「", "』": "『", '"': '"'}
_MAX_RATIO = 3.0  # characters per acronym letter beyond which a long form is suspect (rule 5)
_MAX_RUN = 40
# What rule 2 of _trim looks for at each character: a word, or the first character of a count.
_RULE_2_WORDS = OPENERS + CLAUSE_VERBS
_COUNT_CHARS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千两几多数")


@dataclass(frozen=True)
class _Folded:
    """The text with line wraps removed, and where each of its characters came from."""

    text: str
    origin: Sequence[int]  # a range when nothing was folded

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``self.text[start:end]`` came from."""
        if start >= end:
            point = self.origin[start] if start < len(self.origin) else len(self.origin)
            return (point, point)
        return (self.origin[start], self.origin[end - 1] + 1)


def _fold_wraps(text: str) -> _Folded:
    """Join lines that wrap inside Chinese text; blank lines (paragraph breaks) stay."""
    if "\n" not in text:
        # A paragraph that check has normalised already: no regex pass (5% of a 10 MB check)
        # and no list of every character's origin.
        return _Folded(text, range(len(text)))
    kept: list[str] = []
    origin: list[int] = []
    position = 0
    for wrap in _WRAP.finditer(text):
        kept.append(text[position : wrap.start()])
        origin.extend(range(position, wrap.start()))
        position = wrap.end()
    kept.append(text[position:])
    origin.extend(range(position, len(text)))
    return _Folded("".join(kept), origin)


def find_chinese_definitions(
    text: str, lang: str = "zh", latin_lang: str = "en"
) -> list[Definition]:
    """Every acronym definition in ``text``, a Chinese text (spans index ``text``).

    A parenthesis that follows Latin text (an English name quoted in a Chinese report) is read
    by the Latin-script detector, and its definition has ``latin_lang`` as its language.
    """
    return ChineseReading(text, lang, latin_lang).definitions()


def find_chinese_candidates(text: str, lang: str = "zh") -> list[AcronymCandidate]:
    """Every ``（ACR）`` with the run of text before it back to a clause boundary."""
    return ChineseReading(text, lang).candidates()


class _Group(NamedTuple):
    """One parenthesis as both views read it: the acronym inside (None when its content does
    not look like one) and, when the text before it is Chinese, the run before it: a quoted
    name's span (``quoted_name``), or where the run starts and where its long form starts once
    trimmed (None when the run is a predicate, which names nothing). A named tuple: one is
    made for every parenthesis ``check`` meets."""

    group: Parenthesis
    after_latin: bool
    acronym: tuple[int, int, bool] | None
    quoted_name: tuple[int, int] | None = None
    run_start: int = 0
    long_form_start: int | None = None


class ChineseReading:
    """A Chinese text's parentheses, read once for both views: the candidates (``check`` must
    see every ``（ACR）``) and the definitions. Both trim the same run before each parenthesis
    the same way, and ``check`` asks for both in most paragraphs that have an acronym (on the
    10 MB corpus, reading each parenthesis once cut the definition sites from 300 to 255 ms)."""

    def __init__(self, text: str, lang: str = "zh", latin_lang: str = "en") -> None:
        self._folded = _fold_wraps(text)
        self._lang = lang
        self._latin_lang = latin_lang
        self._groups = [
            _read_group(self._folded.text, group) for group in iter_parentheses(self._folded.text)
        ]

    def candidates(self) -> list[AcronymCandidate]:
        """What :func:`find_chinese_candidates` returns."""
        folded = self._folded
        found: list[AcronymCandidate] = []
        for read in self._groups:
            if read.acronym is None:
                continue
            start, end, quoted = read.acronym
            if read.after_latin:
                from termkit.definitions.latin import preceding_words

                run_start, run_end = preceding_words(folded.text, read.group.open)
            elif read.quoted_name is not None:
                run_start, run_end = read.quoted_name
            elif read.long_form_start is None:
                continue  # a predicate: 各方同意支持（GEF）
            else:
                run_start, run_end = read.run_start, read.group.open
            found.append(
                AcronymCandidate(
                    acronym=folded.text[start:end],
                    lang=self._lang,
                    acronym_span=folded.span(start, end),
                    preceding=normalize_space(folded.text[run_start:run_end]),
                    preceding_span=folded.span(run_start, run_end),
                    quoted=quoted,
                )
            )
        return found

    def definitions(self) -> list[Definition]:
        """What :func:`find_chinese_definitions` returns."""
        folded = self._folded
        found: list[Definition] = []
        for read in self._groups:
            if read.after_latin:
                from termkit.definitions.latin import definition_at

                latin = definition_at(folded.text, read.group, self._latin_lang)
                definition = None if latin is None else _unfolded(latin, folded)
            else:
                definition = _definition_of(folded, read, self._lang)
            if definition is not None:
                found.append(definition)
        return found


def _read_group(text: str, group: Parenthesis) -> _Group:
    """What both views need of ``group``: its acronym, and the run before it trimmed (rules 1
    to 5) unless Latin text or a quoted name comes before it."""
    acronym = _acronym_in(text, group)
    after_latin = _after_latin(text, group.open)
    if acronym is None or after_latin:
        return _Group(group, after_latin, acronym)
    quoted_name = _quoted_name(text, group.open)
    if quoted_name is not None:
        return _Group(group, after_latin, acronym, quoted_name)
    start, end, _ = acronym
    run_start = _run_start(text, group.open)
    long_form_start = run_start
    if group.open - run_start >= 2:  # no rule trims a shorter run (most of the benchmark corpus's)
        long_form_start = _trim(text, run_start, group.open, _letter_count(text[start:end]))
    if _is_predicate(text, long_form_start, group.open):
        return _Group(group, after_latin, acronym, None, run_start, None)
    return _Group(group, after_latin, acronym, None, run_start, long_form_start)


def _after_latin(text: str, open_index: int) -> bool:
    before = text[max(0, open_index - 2) : open_index].rstrip()
    return bool(before) and before[-1].isascii() and before[-1].isalnum()


def _unfolded(definition: Definition, folded: _Folded) -> Definition:
    """``definition`` with spans in the original text rather than the folded one."""
    return replace(
        definition,
        acronym_span=folded.span(*definition.acronym_span),
        full_span=folded.span(*definition.full_span),
    )


def _acronym_in(text: str, group: Parenthesis) -> tuple[int, int, bool] | None:
    """The acronym's span in the parenthesis (quotes and spaces trimmed), or None."""
    start, end = group.inner
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    quoted = end - start >= 2 and text[start] in "\"“'‘" and text[end - 1] in "\"”'’"
    if quoted:
        start, end = start + 1, end - 1
    if not looks_like_acronym(text[start:end]):
        return None
    return start, end, quoted


def _definition_of(folded: _Folded, read: _Group, lang: str) -> Definition | None:
    """The definition a parenthesis after Chinese text makes, from what :func:`_read_group`
    read of it: ``long form（ACR）``, ``“名称”（ACR）``, ``《公约》（ACR）``, or a numbered session."""
    text = folded.text
    if read.acronym is None:
        return None
    acronym_start, acronym_end, _ = read.acronym
    short = text[acronym_start:acronym_end]
    if read.quoted_name is not None:
        start, end = read.quoted_name
        pattern = "book-title" if text[end] in "》』" else "quoted"
    elif read.long_form_start is None:
        return None  # 各方同意支持（GEF）的工作: a use; nothing before it names it
    else:
        start, end = read.long_form_start, read.group.open
        pattern = "long-short"
    session = _numbered_session(text, start, end, short)
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


_PREDICATE_VERBS = VERBS + CLAUSE_VERBS


def _is_predicate(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a verb phrase that names nothing: a verb alone (加强, 简称)
    or after a modal (同意支持, 将加强, 决定执行). ``技术支持`` is a name."""
    verb = _word_ending(text, start, end, _PREDICATE_VERBS)
    if verb is None:
        return False
    before = end - len(verb)
    return before == start or _word_ending(text, start, before, _MODALS) is not None


def _word_ending(text: str, start: int, end: int, words: tuple[str, ...]) -> str | None:
    """The longest of ``words`` that ``text[start:end]`` ends with, or None."""
    if not text.endswith(words, start, end):
        return None  # the common case, in one call (the server checks as the user types)
    found = [word for word in words if text.endswith(word, start, end)]
    return max(found, key=len, default=None)


def _quoted_name(text: str, open_index: int) -> tuple[int, int] | None:
    """``“非指令性建议”（NPPs）``, ``《公约》（ACR）``: the span inside the quotes, or None."""
    close = open_index - 1
    while close >= 0 and text[close] in " \t":
        close -= 1
    if close < 0 or text[close] not in _QUOTE_PAIRS:
        return None
    opener = _QUOTE_PAIRS[text[close]]
    start = text.rfind(opener, max(0, close - _MAX_RUN), close)
    if start < 0 or "\n" in text[start:close]:
        return None
    return start + 1, close


def _letter_count(acronym: str) -> int:
    """How many letters the long form spells out: not a plural ``s`` nor a session number."""
    if acronym.isascii() and acronym.isalpha() and acronym.isupper():
        return len(acronym)  # ``UNEP``: no number, no plural ``s``, every character a letter
    match = _ACRONYM_SESSION.match(acronym)
    if match:
        acronym = match.group("base")
    if len(acronym) >= 3 and acronym.endswith("s") and acronym[-2].isupper():
        acronym = acronym[:-1]
    return max(1, sum(1 for c in acronym if c.isalnum()))


def _run_start(text: str, end: int) -> int:
    """Where the run of Chinese text that ends at ``end`` starts (rule 1). A ``、`` or ``/``
    between two numerals joins them (第五、六届会议, 第五/六届会议): it lists numbers, not names."""
    start = end
    while start > 0 and end - start < _MAX_RUN:
        joins_numerals = (
            text[start - 1] in "、/／"
            and start >= 2
            and start < len(text)
            and bool(_NUMERAL.match(text[start - 2]) and _NUMERAL.match(text[start]))
        )
        if not (joins_numerals or _RUN_CHAR.match(text[start - 1])):
            break
        start -= 1
    return start


def _is_opener_at(text: str, index: int, opener: str) -> bool:
    """Whether ``opener`` at ``index`` opens a phrase rather than sitting inside a word."""
    for word in OPENER_WORDS:
        offset = word.find(opener)
        while offset >= 0:
            if text.startswith(word, index - offset):
                return False
            offset = word.find(opener, offset + 1)
    return True


def _word_at(text: str, index: int, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` that starts at ``text[index]``, or None."""
    # One startswith with the whole tuple rejects most positions: half of _trim's time was the
    # word-by-word loop.
    if not text.startswith(words, index):
        return None
    return next(word for word in words if text.startswith(word, index))


def _trim(text: str, start: int, end: int, letters: int) -> int:
    """Where the long form starts within ``text[start:end]`` (rules 2 to 5)."""
    # Rule 2: after the last phrase opener, clause verb or counted noun (一个, 24项).
    for index in range(end - 1, start - 1, -1):
        if not (text.startswith(_RULE_2_WORDS, index) or text[index] in _COUNT_CHARS):
            continue  # most characters start none of them: one test instead of three
        opener = _word_at(text, index, OPENERS)
        if opener and index + len(opener) < end and _is_opener_at(text, index, opener):
            start = index + len(opener)
            break
        verb = _word_at(text, index, CLAUSE_VERBS)
        if verb and end - index - len(verb) >= 2:
            start = index + len(verb)
            break
        counted = _COUNTED.match(text, index, end)
        if counted and end - counted.end() >= 2 and not _COUNTED.match(text, index - 1, end):
            start = counted.end()
            break
    # Rule 3: verbs, numbers, demonstratives and dates at the start.
    while True:
        verb = _word_at(text, start, VERBS)
        leading = _LEADING.match(text, start, end)
        if verb and end - start - len(verb) >= 2:
            start += len(verb)
        elif leading and end - leading.end() >= 2:
            start = leading.end()
        else:
            break
    # Rule 4: after the last 的 when enough is left.
    particle = text.rfind("的", start, end)
    if particle >= 0 and end - particle - 1 >= max(letters, 2):
        start = particle + 1
    # Rule 5: after the last conjunction when the whole is too long and the rest is not. A
    # leading 联合国 often has no letter (联合国粮食和农业组织（FAO）), so it does not count.
    # A conjunction before 联合国 always ends what comes before: no name runs on into a UN
    # body's (许多国家与联合国环境规划署（UNEP）: countries, with UNEP).
    united = max(text.rfind(c + "联合国", start, end) for c in _CONJUNCTIONS)
    if united >= 0:
        start = united + 1  # the conjunctions are one character
    length = end - start - (3 if text.startswith("联合国", start) else 0)
    if length / letters >= _MAX_RATIO:
        for index in range(end - 2, start, -1):
            conjunction = next((c for c in _CONJUNCTIONS if text.startswith(c, index)), None)
            if conjunction is None:
                continue
            rest = end - index - len(conjunction)
            if rest >= 2 and rest / letters < _MAX_RATIO:
                start = index + len(conjunction)
            break
    return start


def _numbered_session(text: str, start: int, end: int, acronym: str) -> tuple[int, str] | None:
    """``联合国环境大会第五届会议（UNEA 5）``: (end of 联合国环境大会, UNEA), or None."""
    acronym_match = _ACRONYM_SESSION.match(acronym)
    session = _SESSION.search(text, start, end)
    if acronym_match is None or session is None or session.end() != end:
        return None
    if _chinese_number(session.group(1)) != int(acronym_match.group("number")):
        return None
    return session.start(), acronym_match.group("base")


_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_number(numeral: str) -> int:
    """``五`` → 5, ``十二`` → 12, ``二十`` → 20, ``7`` → 7 (what session numbers need)."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _DIGITS.get(numeral, -1)
    tens, _, units = numeral.partition("十")
    return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(units, 0)
