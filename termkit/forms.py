"""How terms are written in running text: an acronym's definition, a full form in the plural.

Shared by ``expand`` (which writes them) and ``check`` (whose messages propose them), so that the
two always agree on what a definition of NGOs looks like.
"""

from __future__ import annotations

import re

from termkit.langtags import primary_subtag
from termkit.model import Concept, Status, Term, TermType

__all__ = [
    "definition_form",
    "english_plural",
    "french_plural",
    "full_form",
    "full_form_key",
    "local_replacement",
    "parentheses",
    "preferred_replacement",
    "term_plural",
]


def parentheses(lang: str) -> tuple[str, str]:
    """The parentheses a definition takes: full-width in Chinese and Japanese."""
    return ("（", "）") if primary_subtag(lang) in ("zh", "ja") else (" (", ")")


def full_form_key(term: str) -> str:
    """What full forms are compared on: case, whitespace and hyphens ignored, apostrophes and
    full-width forms folded as check folds them (l’environnement is l'environnement)."""
    from termkit.text.normalize import fold

    return re.sub(r"[\s\-\u2010-\u2015]+", "", fold(term)).casefold()


def definition_form(full: str, acronym: str, lang: str) -> str:
    """An acronym introduced in ``lang``'s convention: ``full (ACR)``, ``全称（ACR）``."""
    opening, closing = parentheses(lang)
    return f"{full}{opening}{acronym}{closing}"


def full_form(concept: Concept, lang: str, *, plural: bool = False) -> str | None:
    """The concept's full form in ``lang`` (preferred first), in the plural when asked.

    A plural is the term's recorded ``plural``, else in English the regular plural of its last
    word (agreement → agreements; a capitalised name such as Global Environment Facility stays
    as it is), in French that of :func:`french_plural`; Chinese and Japanese do not inflect.
    None when the concept has no full form in ``lang``, or when a plural is asked for and
    neither the termbase nor the language's rule gives one.
    """
    terms = sorted(concept.terms_in(lang, TermType.FULL), key=lambda t: t.status.rank)
    if not terms:
        return None
    return term_plural(terms[0], names_as_they_are=True) if plural else terms[0].text


def term_plural(term: Term, *, names_as_they_are: bool = False) -> str | None:
    """``term`` in the plural: its recorded ``plural``, else its language's regular plural; an
    acronym takes an ``s`` (none after an S: SIDS), in any language (Chinese writes NGOs too);
    other terms in Chinese and Japanese, which do not inflect, stay as they are. None when the
    rule cannot make one, as for an English name (Global Environment Facility), which
    ``names_as_they_are`` returns unchanged instead."""
    if term.plural:
        return term.plural
    if term.type is TermType.ACRONYM:
        return term.text if term.text[-1:] in ("s", "S") else term.text + "s"
    if not inflects(term.lang):
        return term.text
    if primary_subtag(term.lang) == "en":
        regular = english_plural(term.text)
        return regular or (term.text if names_as_they_are else None)
    if primary_subtag(term.lang) == "fr":
        return french_plural(term.text)
    return None


# French words that end the part of a term that agrees in number: its complement stays
# (accords multilatéraux sur l'environnement).
_FRENCH_STOP_WORDS = "à au aux avec chez contre dans de des du en entre la le les par pour sans sous sur"
_FRENCH_STOPS = frozenset(_FRENCH_STOP_WORDS.split())
_FRENCH_AL_PLURAL_S = "bal banal carnaval fatal festival final natal naval"  # not -aux
_FRENCH_AL_S = frozenset(_FRENCH_AL_PLURAL_S.split())


_PLURAL_ES_ENDINGS = ("x", "z", "ch", "sh")  # and s, but a word in s is left alone


def english_plural(phrase: str) -> str | None:
    """The regular English plural of a phrase's last word (agreement → agreements, facility →
    facilities), or None when the last word is not a plain lower-case word or is plural already.
    Irregular plurals go in the termbase's ``plural`` field."""
    head, _, last = phrase.rpartition(" ")
    if not last.isalpha() or not last.islower() or len(last) < 3 or last.endswith("s"):
        return None
    # String tests, not regular expressions: a cold start makes the plural of every English
    # full form (tests/test_forms.py compares them with the expressions they replace).
    if last[-1] == "y" and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(_PLURAL_ES_ENDINGS):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def french_plural(phrase: str) -> str | None:
    """The regular French plural of a common-noun phrase (proposition non normative →
    propositions non normatives; accord multilatéral sur l'environnement → accords multilatéraux
    sur l'environnement): every word before the first preposition or article agrees, ``non``
    and ``et`` excepted. None for a name (a capital first letter) or a phrase the rule cannot
    read; irregular plurals go in the termbase's ``plural`` field."""
    words = phrase.split(" ")
    if not words[0][:1].islower():
        return None
    out: list[str] = []
    for i, word in enumerate(words):
        bare = word.lower()
        if "," in word:
            return None
        if bare in _FRENCH_STOPS or bare.startswith(("d'", "l'", "d’", "l’")):
            return " ".join(out + words[i:]) if i else None
        if bare in ("non", "et", "ou") or bare.endswith(("s", "x", "z")):
            out.append(word)
        elif bare.endswith("al") and bare not in _FRENCH_AL_S:
            out.append(word[:-2] + "aux")
        elif bare.endswith(("eau", "au", "eu")) and bare not in ("pneu", "bleu"):
            out.append(word + "x")
        elif bare.isalpha() or "-" in bare:
            out.append(word + "s")
        else:
            return None
    return " ".join(out)


def inflects(lang: str) -> bool:
    return primary_subtag(lang) not in ("zh", "ja", "ko")


def preferred_replacement(concept: Concept, lang: str, term_type: TermType) -> Term | None:
    """The one preferred term of ``term_type`` in ``lang``, or None when there are none or several."""
    preferred = concept.terms_in(lang, term_type, Status.PREFERRED)
    return preferred[0] if len(preferred) == 1 else None


def local_replacement(concept: Concept, lang: str, term_type: TermType) -> Term | None:
    """What ``lang`` writes instead of another language's term of ``term_type``: its one preferred
    term of that type; for an acronym without one, its preferred short form (ASGM is « EMAPE d'or »
    in French, where EMAPE alone is ASM's acronym and only admitted for ASGM)."""
    own = preferred_replacement(concept, lang, term_type)
    if own is None and term_type is TermType.ACRONYM:
        own = preferred_replacement(concept, lang, TermType.SHORT)
    return own
