"""The language of each place in a document: which of the termbase's languages are in play, and
which one a match at a given offset of the normalised text is in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from termkit.errors import InputError
from termkit.model import Termbase
from termkit.settings import CheckSettings
from termkit.text.languages import Languages
from termkit.text.scripts import has_han, has_latin, has_lower_latin

if TYPE_CHECKING:
    from termkit.text import NormalizedText

__all__ = ["LanguageMap", "foreign_acronym_lenders", "optional_language", "termbase_language"]


def termbase_language(termbase: Termbase, lang: str, option: str) -> str:
    """The termbase language serving ``lang``; InputError naming ``option`` when there is none."""
    from termkit.langtags import resolve_language

    return resolve_language(lang, termbase.languages, option)


def optional_language(termbase: Termbase, lang: str, default: str, option: str) -> str | None:
    """The termbase language serving ``lang``, or None when the termbase lacks the default one.

    A language the user asked for (not the default) must exist: checking nothing in silence
    would pass every draft.
    """
    try:
        return termbase_language(termbase, lang, option)
    except InputError:
        if lang != default:
            raise
        return None


def foreign_acronym_lenders(termbase: Termbase, lang: str) -> list[str]:
    """Languages whose acronyms are foreign in ``lang`` text: not its own, not borrowed by it."""
    own_source = termbase.acronyms_from.get(lang, lang)
    # A language that borrows its acronyms (zh from en) lends nothing of its own.
    return [
        other
        for other in termbase.languages
        if other not in (lang, own_source) and other not in termbase.acronyms_from
    ]


class LanguageMap:
    """Which termbase language each offset of a normalised document is in.

    ``in_play`` lists the languages worth scanning for: the one forced with ``--lang``, else
    those whose script the document contains (most drafts are one script). ``at(index)`` is
    asked for every match, so it decides by the cheapest test that settles it: one language in
    play; a paragraph without Han (Latin); Han without lower-case Latin letters (only acronyms
    such as UNEA: Chinese); only mixed paragraphs are split into language runs.
    """

    def __init__(
        self,
        normalized: NormalizedText,
        in_play: list[str],
        *,
        latin: str | None,
        latin_lang: str,
        han_lang: str,
        forced: str | None = None,
    ) -> None:
        self.normalized = normalized
        self.in_play = in_play
        self.latin = latin  # the termbase language of Latin-script text, if it has one
        self._forced = forced
        self._latin_lang = latin_lang
        self._han_lang = han_lang
        self._by_text_lang: dict[str, str] = {}
        self._runs = Languages(normalized, latin_lang=latin_lang, han_lang=han_lang)
        self._scripts: dict[int, str | None] = {}  # paragraph start -> its one language
        self._last: tuple[int, int, str | None] = (1, 0, None)  # the last paragraph asked about

    @classmethod
    def for_document(
        cls, termbase: Termbase, normalized: NormalizedText, settings: CheckSettings, latin_lang: str
    ) -> LanguageMap:
        """The map for one document, ``latin_lang`` being its Latin-script language."""
        # A termbase need not have both a Latin-script and a Han language: text in a script
        # whose language it lacks has nothing to match.
        latin = optional_language(termbase, latin_lang, "en", "--latin-lang")
        han = optional_language(termbase, settings.han_lang, "zh", "han-lang")
        han_lang = settings.han_lang
        if settings.lang:
            forced = termbase_language(termbase, settings.lang, "--lang")
            return cls(
                normalized, [forced], latin=latin, latin_lang=latin_lang, han_lang=han_lang,
                forced=forced,
            )
        text = normalized.text
        present = ((latin, has_latin(text)), (han, has_han(text)))
        in_play = [lang for lang, there in present if lang is not None and there]
        languages = cls(normalized, in_play, latin=latin, latin_lang=latin_lang, han_lang=han_lang)
        languages._by_text_lang = {latin_lang: latin or "", settings.han_lang: han or ""}
        return languages

    def at(self, index: int) -> str:
        """The language of the match starting at ``index`` of the normalised text."""
        if self._forced is not None:
            return self._forced
        if len(self.in_play) == 1:
            # One script in play: a hit is in it, unless it lies in the other script's
            # passages, which that language (absent from the termbase) cannot match.
            return self.in_play[0]
        start, end, known = self._last
        if not start <= index <= end:  # hits come in text order: mostly the last paragraph
            start, end = self.normalized.paragraph_at(index)
            known = self._script_of(start, end)
            self._last = (start, end, known)
        return self._by_text_lang.get(known or self._runs.at(index), self.in_play[0])

    def is_in(self, *langs: str) -> Callable[[int], bool]:
        """Whether the match starting at an index is in one of ``langs`` (:meth:`at`), as a
        function."""
        if self._forced is not None or len(self.in_play) == 1:
            constant = self.at(0) in langs
            return lambda index: constant
        if len(langs) == 1:
            (lang,) = langs
            return lambda index: self.at(index) == lang
        return lambda index: self.at(index) in langs

    def _script_of(self, start: int, end: int) -> str | None:
        """The one language of the paragraph ``text[start:end]`` by its scripts, None if mixed."""
        scripts = self._scripts
        if start not in scripts:
            text = self.normalized.text
            if not has_han(text, start, end):
                scripts[start] = self._latin_lang
            elif not has_lower_latin(text, start, end):
                scripts[start] = self._han_lang
            else:
                scripts[start] = None  # mixed: language runs decide
        return scripts[start]
