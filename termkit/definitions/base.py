"""Plain data shared by the definition detectors, and the text helpers they both need.

The last part holds what the Latin-script detector (:mod:`termkit.definitions.latin`) shares with
its biomedical recognisers (:mod:`termkit.definitions.biomedical`): the short form and the letters
a long form must spell, the window a long form may span, the definition a span makes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from termkit.patterns import compile_pattern
from termkit.text.scripts import HAN

__all__ = [
    "CLOSERS",
    "OPENERS",
    "PATTERNS",
    "STOPWORDS",
    "AcronymCandidate",
    "Definition",
    "Parenthesis",
    "ShortForm",
    "clause_start",
    "definition_spanning",
    "ends_in_predicate",
    "extended_to",
    "fold",
    "iter_parentheses",
    "last_match",
    "letters_of",
    "looks_like_acronym",
    "normalize_space",
    "rstrip_index",
    ]

# How a definition is written; `Definition.pattern` takes one of these values.
PATTERNS = (
    "long-short",  # long form (SF)
    "short-long",  # SF (long form)
    "quoted",  # long form ("SF"), or “名称”（ACR） with the name in quotes
    "book-title",  # 《公约名》（ACR）
    "numbered-session",  # 联合国环境大会第五届会议（UNEA 5）, fifth session of the … (UNEA-5)
)

OPENERS = "(（"
CLOSERS = ")）"


@dataclass(frozen=True)
class Definition:
    """An acronym defined in a text: ``acronym`` and its long form ``full``, as written.

    ``full`` has its whitespace normalised (line breaks joined); the spans index the text the
    detector was given, so ``text[slice(*acronym_span)]`` is the acronym as written there.
    ``pattern`` says how the definition was written (one of :data:`PATTERNS`).
    """

    acronym: str
    full: str
    lang: str
    acronym_span: tuple[int, int]
    full_span: tuple[int, int]
    pattern: str


@dataclass(frozen=True)
class AcronymCandidate:
    """An acronym in parentheses, ``(ACR)`` or ``（ACR）``, with the text written before it.

    ``preceding`` is the text before the opening parenthesis back to a clause boundary (Chinese)
    or the words back to a clause boundary, at most 15 (Latin scripts), whitespace-normalised;
    ``preceding_span`` indexes the original text. ``preceding`` may be empty (the parenthesis
    opens a clause). ``quoted`` is true for ``("ACR")``.
    """

    acronym: str
    lang: str
    acronym_span: tuple[int, int]
    preceding: str
    preceding_span: tuple[int, int]
    quoted: bool = False


@dataclass(frozen=True)
class Parenthesis:
    """One parenthesised group: ``text[open]`` is the opener, ``text[close]`` the closer."""

    open: int
    close: int

    @property
    def inner(self) -> tuple[int, int]:
        return (self.open + 1, self.close)


# A paragraph break (a blank line) ends every search: parentheses and long forms do not cross it.
PARAGRAPH_BREAK = compile_pattern(r"\n[ \t\r\f\v\u3000]*\n")
_MAX_INNER = 200
# One character class (no alternation) lets the regex engine scan fast: 3× faster than
# ``[()（）]|\n\s*\n``; line breaks are then checked for a paragraph break.
_BRACKET_OR_NEWLINE = compile_pattern(r"[()（）\[\]\n]")


def iter_parentheses(text: str, brackets: bool = False) -> Iterator[Parenthesis]:
    """Every parenthesised group, ASCII or full-width, nested ones included, in text order.

    A group whose closer is missing, too far (200 characters) or beyond a paragraph break is
    skipped. Either closer closes either opener: PDF text mixes ``（UNEA 6 )``. With
    ``brackets``, square brackets count too (``electroencephalogram [EEG]``).
    """
    stack: list[int] = []
    groups: list[Parenthesis] = []
    # The regex jumps from one bracket or line break to the next: ``check`` runs this on every
    # paragraph of large corpora, and a Python loop over every character was its cost.
    for match in _BRACKET_OR_NEWLINE.finditer(text):
        char = match.group()
        index = match.start()
        if char == "\n":
            if stack and PARAGRAPH_BREAK.match(text, index):
                stack.clear()  # no group crosses a paragraph break
        elif char in "[]" and not brackets:
            continue
        elif char in OPENERS or char == "[":
            stack.append(index)
        elif stack:
            if (text[stack[-1]] == "[") != (char == "]"):
                continue  # ``[`` closes only with ``]``, a parenthesis only with a parenthesis
            start = stack.pop()
            if index - start <= _MAX_INNER:
                groups.append(Parenthesis(start, index))
    yield from sorted(groups, key=lambda g: g.open)


# CJK punctuation, kana and full-width forms, and every Han character (extension B and later too)
_CJK = f"\u3000-\u9fff\uff00-\uffef{HAN}"
_SPACE_IN_CJK = compile_pattern(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def normalize_space(text: str) -> str:
    """Collapse whitespace runs (line breaks included) to one space; join CJK across breaks."""
    return " ".join(_SPACE_IN_CJK.sub("", text).split())


def fold(char: str) -> str:
    """Lower case without accents, for comparing acronym letters: ``É`` → ``e``."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_DOCUMENT_SYMBOL = compile_pattern(r"/\s*\d|\d\s*/|^[A-Z]+/[A-Z]+/")
_ACRONYM_TOKEN = compile_pattern(r"[^\W_](?:[\w&'’./+-]*[^\W_])?[+]?")


def looks_like_acronym(text: str) -> bool:
    """Whether ``text`` (a parenthesis' content) has the shape of an acronym.

    At most two tokens and 14 characters, at least two capital letters, and as many capitals as
    other letters at least (``NGOs``, ``RNase P``, ``UNEA 5``, ``CEE-ONU``, ``PoCA 2002``):
    personal names (``Martine Rohn-Brossard``), words, years and document symbols
    (``UNEP/5/12/1``) are not acronyms.
    """
    text = text.strip()
    if 2 <= len(text) <= 14 and text.isascii() and text.isalpha() and text.isupper():
        return True  # ``UNEP``, most of what ``check`` meets: the tests below all pass
    tokens = text.split()
    if not tokens or len(tokens) > 2 or len(text) > 14:
        return False
    if not all(_ACRONYM_TOKEN.fullmatch(token) for token in tokens):
        return False
    if _DOCUMENT_SYMBOL.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    return capitals >= 2 and capitals * 2 >= len(letters)


# --- Latin scripts: shared by latin.py and biomedical.py ------------------------------------------

# Words a long form may hold without a letter of its acronym: ``Open Researcher and Contributor
# iD (ORCID)``. Never the first word of a long form.
STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
     "to", "via", "with", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les",
     "par", "pour", "sur", "à"}
)  # fmt: skip

# A clause ends at ; : ! ? and at a full stop that ends a sentence (not ``e.g.``, ``T. brucei``),
# and at Chinese punctuation (English quoted in Chinese text).
_CLAUSE_END = r"[;:!?](?=\s)|(?<=[^\W\d_]{2})\.(?=\s)|(?<=\d)\.(?=\s+[A-Z])|[，。；：！？、]"  # noqa: RUF001
# The last clause end before a point: every alternative is one character, so the greedy ``.*``
# backs off from the point to the nearest one, where iterating over them all from 600
# characters back made a match object of each (a quarter of the English candidates' time).
_LAST_CLAUSE_END = compile_pattern(rf"(?s:.*)(?:{_CLAUSE_END})")
_PARAGRAPH = compile_pattern(r"\n[ \t\r\f\v]*\n")
_LOOKBACK = 600  # characters: far more than 15 words, and it keeps long documents linear


@dataclass(frozen=True)
class ShortForm:
    """A short form as written: ``text[start:end]``, quotation marks left out (``quoted``)."""

    text: str
    start: int
    end: int
    quoted: bool


def letters_of(short_form: str) -> str:
    """The characters a long form must cover: letters and digits, folded; not a plural s."""
    if len(short_form) >= 3 and short_form[-1] == "s" and short_form[-2].isupper():
        short_form = short_form[:-1]
    return "".join(fold(c) for c in short_form if c.isalnum())


def definition_spanning(
    text: str, short: ShortForm, start: int, end: int, lang: str, pattern: str
) -> Definition:
    """The definition of ``short`` whose long form is ``text[start:end]``."""
    return Definition(
        acronym=short.text,
        full=normalize_space(text[start:end]),
        lang=lang,
        acronym_span=(short.start, short.end),
        full_span=(start, end),
        pattern=pattern,
    )


def extended_to(text: str, found: Definition, end: int) -> Definition:
    """``found`` with its long form running on to ``end`` (a complement, a head noun)."""
    start = found.full_span[0]
    return replace(found, full=normalize_space(text[start:end]), full_span=(start, end))


def clause_start(text: str, end: int, max_words: int) -> int:
    """Where the long-form search starts: ``max_words`` words back, not past a clause end
    or out of an enclosing bracket (``(cefsulodin (CFS)``)."""
    floor = max(0, end - _LOOKBACK)
    if text.find("\n", floor, end) >= 0:  # a paragraph break needs a line break
        paragraph = last_match(_PARAGRAPH, text, floor, end)
        if paragraph is not None:
            floor = paragraph.end()
    clause_end = _LAST_CLAUSE_END.match(text, floor, end)
    if clause_end is not None:
        floor = clause_end.end()
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


def last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[start:end]`` (positions index ``text``)."""
    last = None
    for last in pattern.finditer(text, start, end):  # noqa: B007 -- keeping the last one
        pass
    return last


def rstrip_index(text: str, start: int, end: int) -> int:
    """``end`` moved back over the whitespace, commas and colons that end ``text[start:end]``."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:"):
        end -= 1
    return end


# Auxiliaries and modals after which a lowercase word is a verb, not the end of a name:
# ``we will strengthen (IPBES)``, ``nous allons renforcer (IPBES)``.
_MODAL_WORDS = frozenset((
    "will", "shall", "would", "should", "must", "can", "could", "may", "might", "cannot",
    "va", "vont", "vais", "allons", "allez", "doit", "doivent", "devons", "devez", "peut",
    "peuvent", "pouvons", "pouvez", "faut", "veut", "veulent", "voulons",
))  # fmt: skip
_LAST_TWO_WORDS = compile_pattern(r"([^\W\d_]+)\s+([^\W\d_]+)\s*$")


def ends_in_predicate(text: str, end: int) -> bool:
    """Whether the words before ``text[end]`` are a verb after a modal (``we will strengthen``,
    ``nous allons renforcer``, ``pour renforcer``): an acronym in parentheses after them is
    used, not defined: nothing before it names it."""
    match = _LAST_TWO_WORDS.search(text, max(0, end - 60), end)
    if match is None:
        return False
    before, verb = match.group(1), match.group(2)
    if not verb.islower():
        return False
    before = before.casefold()
    return before in _MODAL_WORDS or (before == "pour" and verb.endswith(("er", "ir", "re")))
