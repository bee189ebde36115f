"""Acronym definitions in running text: ``long form (ACR)`` and its variants, in zh, en and fr.

One detector serves ``extract``, ``check`` (the acronym rules) and ``glossary``::

    >>> from termkit.definitions import find_definitions
    >>> [(d.acronym, d.full) for d in find_definitions("the open-ended working group (OEWG)", "en")]
    [('OEWG', 'open-ended working group')]

``find_definitions`` returns what the text defines, with spans into the text it was given.
``find_parenthesised_acronyms`` is the cheaper, looser view for rules that must see every
``(ACR)`` / ``（ACR）``, whether or not the words before it spell the acronym out.
:class:`Reading` gives both views of one text, reading each Chinese parenthesis once.

Both take plain strings, raw (line breaks, full-width parentheses) or normalised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from termkit.definitions.base import PATTERNS, AcronymCandidate, Definition, looks_like_acronym

if TYPE_CHECKING:
    from termkit.definitions.chinese import ChineseReading

__all__ = [
    "PATTERNS",
    "AcronymCandidate",
    "Definition",
    "Reading",
    "find_definitions",
    "find_parenthesised_acronyms",
    "looks_like_acronym",
]


def _is_chinese(lang: str) -> bool:
    primary = lang.replace("_", "-").split("-", 1)[0].lower()
    return primary in {"zh", "cmn", "yue", "wuu", "lzh"}


def find_definitions(text: str, lang: str) -> list[Definition]:
    """Every acronym definition in ``text``, in text order.

    ``lang`` picks the detector: Chinese (``zh``, ``zh-Hans``…) reads ``全称（ACR）``; every other
    language is read as a Latin-script text (Schwartz–Hearst, extended; ``fr`` adds French
    articles and elisions). Each :class:`Definition` carries ``lang`` as given.
    """
    if _is_chinese(lang):
        from termkit.definitions.chinese import find_chinese_definitions

        return find_chinese_definitions(text, lang)
    from termkit.definitions.latin import find_latin_definitions

    return find_latin_definitions(text, lang)


def find_parenthesised_acronyms(text: str, lang: str) -> list[AcronymCandidate]:
    """Every ``(ACR)`` or ``（ACR）`` in ``text`` with the text written before it, in text order.

    Unlike :func:`find_definitions` this does not ask the text before the parenthesis to spell
    the acronym out: ``联合国环境署（UNEA）`` and ``the Environment Programme (UNEA)`` are both
    returned, so that a rule can compare ``preceding`` with the terms of the acronym's concept.

    * The content must look like an acronym (:func:`looks_like_acronym`): two capitals at least,
      at most two tokens (``UNEA 5``, ``RNase P``), not a name, year, unit or document symbol.
      ``("ACR")`` counts, with ``quoted`` set; ``(ACR; Smith 2009)`` gives ``ACR``.
    * ``preceding`` is, in Chinese, the run of text back to the nearest punctuation, bracket,
      Latin text or paragraph break (clause-opening words such as 在 or 根据 are kept: callers
      test whether ``preceding`` *ends with* a term), or the name inside “” or 《》 right before
      the parenthesis; in Latin scripts, the words back to the nearest clause end (``; : ! ?``,
      a sentence's full stop, a paragraph break, an unclosed bracket), at most 15 words.
    * Line breaks inside ``preceding`` are joined (Chinese) or become spaces; its span indexes
      ``text`` as given.
    """
    if _is_chinese(lang):
        from termkit.definitions.chinese import find_chinese_candidates

        return find_chinese_candidates(text, lang)
    from termkit.definitions.latin import find_latin_candidates

    return find_latin_candidates(text, lang)


class Reading:
    """Both views of one text: :func:`find_parenthesised_acronyms` (``candidates``) and
    :func:`find_definitions` (``definitions``), each worked out when first asked and kept.

    The Chinese detector trims the run before a parenthesis the same way for both views, and
    ``check`` asks for both in most paragraphs with an acronym: a Chinese text's parentheses
    are read once for the two. The Latin-script views share little, and are found apart.
    """

    def __init__(self, text: str, lang: str) -> None:
        self._text = text
        self._lang = lang
        self._chinese: ChineseReading | None = None
        if _is_chinese(lang):
            from termkit.definitions.chinese import ChineseReading

            self._chinese = ChineseReading(text, lang)
        self._candidates: tuple[AcronymCandidate, ...] | None = None
        self._definitions: tuple[Definition, ...] | None = None

    def candidates(self) -> tuple[AcronymCandidate, ...]:
        """What ``find_parenthesised_acronyms(text, lang)`` returns."""
        if self._candidates is None:
            found = (
                self._chinese.candidates()
                if self._chinese is not None
                else find_parenthesised_acronyms(self._text, self._lang)
            )
            self._candidates = tuple(found)
        return self._candidates

    def definitions(self) -> tuple[Definition, ...]:
        """What ``find_definitions(text, lang)`` returns."""
        if self._definitions is None:
            found = (
                self._chinese.definitions()
                if self._chinese is not None
                else find_definitions(self._text, self._lang)
            )
            self._definitions = tuple(found)
        return self._definitions
