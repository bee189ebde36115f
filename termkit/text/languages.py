"""Which language each stretch of text is in: runs of one language in a paragraph, the language
at an offset of a normalised document, and the guess of a document's Latin-script language."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from termkit.text.normalize import CJK, compiled
from termkit.text.scripts import HAN, LATIN

if TYPE_CHECKING:
    from termkit.text.normalize import NormalizedText

__all__ = [
    "AUTO",
    "LanguageRun",
    "Languages",
    "guess_latin_language",
    "language_at",
    "language_runs",
    "main_script_language",
]


@dataclass(frozen=True)
class LanguageRun:
    """``text[start:end]`` is in language ``lang``."""

    start: int
    end: int
    lang: str


# Patterns compiled on first use (see normalize.compiled): most commands never need them.
_LATIN = LATIN
_HAN_CHAR = f"[{HAN}]"
# Counted as runs (fewer objects than single characters). "[x][x]*" rather than "[x]+" lets
# `re` skip ahead fast where the characters are rare (Latin letters in Chinese text); Han runs
# are dense where they matter.
_HAN_LETTERS = f"[{HAN}]+"
_LATIN_LETTERS = f"[{_LATIN}][{_LATIN}]*"
_HAN_RUN = f"[{HAN}][{CJK}]*"
# What follows a Han run in Latin-script text and still belongs to it: an acronym in brackets
# right after it, the Chinese way of defining one (联合国环境署（UNEA）, 第5/12号决议（UNEA 5/12）).
_HAN_RUN_TAIL = (
    f"(?:(?:(?<=[（(])|[ ]?[（(])[A-Z][A-Za-z0-9./&-]*(?: [0-9][0-9./-]*)?[）)][{CJK}]*)?"
)
# A Latin-script token (a word, possibly hyphenated or with an apostrophe, or a number) and a
# sequence of them separated by spaces or light punctuation.
_TOKEN = f"[{_LATIN}0-9](?:[{_LATIN}0-9'.-]*[{_LATIN}0-9])?"
_LATIN_SEQUENCE = f"{_TOKEN}(?:(?: *[,;:/&.] *| +){_TOKEN})*"


def _has_lower(token: str) -> bool:
    return token != token.upper()


def language_runs(text: str, *, latin_lang: str = "en", han_lang: str = "zh") -> list[LanguageRun]:
    """Split a normalised paragraph into runs of one language each, covering all of it.

    A paragraph that is mostly Han (a Han character counting as three Latin letters) is
    ``han_lang``, except for sequences of Latin-script words among which at least two have
    lower-case letters (``Martine Rohn-Brossard``, ``Shelia Aggarwal-Khan``): those are
    ``latin_lang`` runs.
    Acronyms (``UNEA 5``, ``NPPs``, ``CEE-ONU``) stay in the Han run: Chinese text writes
    English acronyms. Any other paragraph is ``latin_lang``, with its runs of Han characters
    (and the CJK punctuation that follows them) as ``han_lang`` runs.
    """
    if not text:
        return []
    if text.isascii():
        return [LanguageRun(0, len(text), latin_lang)]
    latin = sum(map(len, compiled(_LATIN_LETTERS).findall(text)))
    if not latin:
        lang = han_lang if compiled(_HAN_CHAR).search(text) else latin_lang
        return [LanguageRun(0, len(text), lang)]
    # A Han character says about as much as three Latin letters (UN translations run at about
    # that ratio): "兰·赛达(Saqlain Syedah )(巴基斯坦)宣布。在结束" is Chinese. A Han character
    # takes three UTF-8 bytes, which gives a cheap upper bound to skip counting them in Latin
    # text that merely has accents.
    han_at_most = (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2
    if 3 * han_at_most > latin and 3 * sum(map(len, compiled(_HAN_LETTERS).findall(text))) > latin:
        majority, minority = han_lang, latin_lang
        spans = [
            match.span()
            for match in compiled(_LATIN_SEQUENCE).finditer(text)
            if sum(map(_has_lower, compiled(_TOKEN).findall(match.group()))) >= 2
        ]
    else:
        majority, minority = latin_lang, han_lang
        # A Han run takes the acronyms and numbers after it: a caption such as "Amina Yusuf,
        # 联合国环境署（UNEA）" is Chinese from its first Han character on.
        spans = [match.span() for match in compiled(_HAN_RUN + _HAN_RUN_TAIL).finditer(text)]
    runs: list[LanguageRun] = []
    position = 0
    for start, end in spans:
        if start > position:
            runs.append(LanguageRun(position, start, majority))
        runs.append(LanguageRun(start, end, minority))
        position = end
    if position < len(text):
        runs.append(LanguageRun(position, len(text), majority))
    return runs


def language_at(
    runs: Sequence[LanguageRun], index: int, starts: Sequence[int] | None = None
) -> str | None:
    """The language of the run holding ``index`` (None outside the runs). ``starts``, the runs'
    starts, saves building them again when many indexes are asked of one paragraph."""
    if starts is None:
        starts = [run.start for run in runs]
    k = bisect_right(starts, index) - 1
    if k >= 0 and index < runs[k].end:
        return runs[k].lang
    if k >= 0 and index == runs[k].end == runs[-1].end:
        return runs[k].lang
    return None



def main_script_language(
    texts: Iterable[str], *, latin_lang: str = "en", han_lang: str = "zh"
) -> str:
    """The texts' main language by script: ``han_lang`` when Han characters are at least as many
    as Latin letters over all of them, else ``latin_lang``."""
    han = latin = 0
    for text in texts:
        counted = script_letters(text)
        han += counted[0]
        latin += counted[1]
    return han_lang if han and han >= latin else latin_lang


def script_letters(text: str) -> tuple[int, int]:
    """How many Han characters and Latin letters ``text`` holds."""
    return (
        sum(map(len, compiled(_HAN_LETTERS).findall(text))),
        sum(map(len, compiled(_LATIN_LETTERS).findall(text))),
    )


# ``latin-lang = "auto"``: the language of Latin-script text is guessed from its words.
AUTO = "auto"

# Frequent short words of one language that the other does not use (French ``a``, ``en`` and
# English ``a``, ``on``, ``as`` are left out: each is a word of both, or a common token), with
# French elisions (`` l'``, `` d'``). Each is looked for with spaces around in the lower-cased
# text (a word between two spaces; an elision after one), and on a tie counted with str.count.
# Words at a line's start or end are missed, which only thins the evidence.
FUNCTION_WORDS = {
    "en": (" the ", " of ", " and ", " to ", " is ", " that ", " with ", " for ", " are ",
           " was ", " were ", " by ", " from ", " at ", " in ", " it ", " this ", " which ",
           " has ", " have ", " will ", " be ", " then ", " its "),
    "fr": (" les ", " des ", " de ", " la ", " le ", " et ", " du ", " pour ", " est ", " sur ",
           " une ", " au ", " aux ", " ont ", " été ", " par ", " qui ", " que ", " sont ",
           " avec ", " dans ", " ces ", " cette ", " leur ", " l'", " d'", " l’", " d’"),
}  # fmt: skip
GUESS_SAMPLE = 16 * 1024  # characters: a long document's first pages say enough
# The function words that stand between two spaces, as a set (the sample's words are looked up
# in it: 52 substring searches cost a 2 KB Markdown file 54 µs), and those that start a word (l').
_WHOLE_WORDS = {
    code: frozenset(word.strip(" ") for word in words if word.endswith(" "))
    for code, words in FUNCTION_WORDS.items()
}
_WORD_STARTS = {
    code: tuple(word for word in words if not word.endswith(" "))
    for code, words in FUNCTION_WORDS.items()
}


def guess_latin_language(text: str, languages: Iterable[str]) -> str | None:
    """Which of ``languages`` (termbase language tags) the Latin-script words of ``text`` are in.

    English and French are told apart by their function words (``the``, ``of``… against
    ``le``, ``des``, ``l'``…) in the first 16,384 characters: three different ones of one
    language, more than the other has (then more occurrences), decide. ``Le PNUE a publié son
    rapport sur l'ANUE`` is French (le, sur, l'); ``Palais des Nations, Salle des Assemblées.
    Organizer: UNEP`` says nothing (des, twice). None when no tag of ``languages`` is English or
    French, or when the words do not say. With one candidate language, that one.
    """
    tags = {tag.split("-")[0].lower(): tag for tag in reversed(list(languages))}
    candidates = [code for code in FUNCTION_WORDS if code in tags]
    if len(candidates) < 2:
        return tags[candidates[0]] if candidates else None
    sample = " " + text[:GUESS_SAMPLE].lower()
    # Different words, not occurrences: names carry a few French words into English text
    # (Maison de la Paix), and repeat them.
    distinct = _distinct_function_words(sample, candidates)
    ranked = sorted(candidates, key=lambda code: distinct[code], reverse=True)
    best, second = ranked[0], ranked[1]
    if distinct[best] < 3:
        return None
    if distinct[best] == distinct[second]:
        # as many different words: the more frequent ones decide
        counts = {code: sum(map(sample.count, FUNCTION_WORDS[code])) for code in (best, second)}
        if counts[best] == counts[second]:
            return None
        best = max((best, second), key=lambda code: counts[code])
    return tags[best]


def _distinct_function_words(sample: str, codes: Iterable[str]) -> dict[str, int]:
    """For each language of ``codes``, how many of its function words are in ``sample`` (which
    starts with a space): ``sum(word in sample for word in FUNCTION_WORDS[code])``, computed
    with one split. " the " is in the sample when "the" is one of the pieces between two spaces
    (not the first, before the leading space, nor the last, after no space)."""
    words = set(sample.split(" ")[1:-1])
    return {
        code: len(_WHOLE_WORDS[code] & words) + sum(start in sample for start in _WORD_STARTS[code])
        for code in codes
    }


class Languages:
    """The language at any index of a normalised document, paragraph by paragraph, on demand."""

    __slots__ = ("_cache", "han_lang", "latin_lang", "normalized")

    def __init__(
        self, normalized: NormalizedText, *, latin_lang: str = "en", han_lang: str = "zh"
    ) -> None:
        self.normalized = normalized
        self.latin_lang = latin_lang
        self.han_lang = han_lang
        # paragraph start -> its runs (relative to that start) and their starts
        self._cache: dict[int, tuple[list[LanguageRun], list[int]]] = {}

    def runs_at(self, index: int) -> tuple[int, list[LanguageRun]]:
        """The start of the paragraph holding ``index`` and its runs (relative to that start)."""
        start, (runs, _) = self._runs_and_starts(index)
        return start, runs

    def _runs_and_starts(self, index: int) -> tuple[int, tuple[list[LanguageRun], list[int]]]:
        start, end = self.normalized.paragraph_at(index)
        cached = self._cache.get(start)
        if cached is None:
            runs = language_runs(
                self.normalized.text[start:end],
                latin_lang=self.latin_lang,
                han_lang=self.han_lang,
            )
            # Built once per paragraph: a 1 MB paragraph has thousands of runs and as many hits.
            cached = self._cache[start] = (runs, [run.start for run in runs])
        return start, cached

    def at(self, index: int) -> str:
        """The language of the character at ``index`` of the normalised document."""
        start, (runs, starts) = self._runs_and_starts(index)
        return language_at(runs, index - start, starts) or self.latin_lang
