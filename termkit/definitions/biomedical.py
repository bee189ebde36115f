"""Biomedical notations in acronym definitions: what MEDLINE abstracts write that bulletins do not.

The Latin-script detector (:mod:`termkit.definitions.latin`) is scored on MEDLINE abstracts
(``benchmarks/abbrev_score.py``, the Ab3P gold standard). Their short forms follow notations of
their own, read here so that the detector's main path reads as the bulletins need it:

* Greek letters spelled out count as one character of a short form (``5alpha-red-IR``,
  ``gamma IFN``): :data:`GREEK_LETTER_NAMES`, :data:`SPELLED_GREEK_LETTER`;
* a stereo descriptor or isotope label starts a chemical name (``(-)-[125I]-cyanopindolol``):
  :func:`chemical_name_start`;
* a letter alone names the one word before it (``progesterone (P)``): :func:`one_letter`;
* concentrations in square brackets, ions named (``intracellular free Ca2+ concentration
  ([Ca2+]i)``): :func:`concentration`;
* then, when no long form spells the whole short form, the recognisers of :data:`RECOGNISERS`,
  in order: subscripts in parentheses (``FEV(1.0)``), a family member's number the long form
  leaves out (``cdc2``), signs (``M protein-negative (M-)``), a quantity's symbol with a
  subscript (``dissociation constant (Kd)``, ``association rate (k(a))``).

Most of them adjust what the long form must spell and leave the search to latin.py, which passes
its search in (:class:`LongFormSearch`): this module does not import latin.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Protocol

from termkit.definitions.base import (
    STOPWORDS,
    Definition,
    Parenthesis,
    ShortForm,
    clause_start,
    definition_spanning,
    extended_to,
    fold,
    letters_of,
    rstrip_index,
)
from termkit.patterns import compile_pattern

__all__ = [
    "GREEK_LETTER_NAMES",
    "ION_NAMES",
    "LATIN_ELEMENT_SYMBOLS",
    "RECOGNISERS",
    "SPELLED_GREEK_LETTER",
    "LongFormSearch",
    "Recogniser",
    "chemical_name_start",
    "concentration",
    "numeric_subscript",
    "one_letter",
    "signed",
    "subscripted_symbol",
    "unspelled_number",
]


class LongFormSearch(Protocol):
    """latin.py's search for ``long form (SF)``: the definition of ``short`` whose long form
    ends before ``group`` and spells ``letters`` (by default all of the short form's); with
    ``initials_only``, each letter starts a word and each word gives one. ``known`` maps the
    short forms defined earlier to their long forms."""

    def __call__(
        self,
        text: str,
        group: Parenthesis,
        short: ShortForm,
        lang: str,
        *,
        letters: str | None = None,
        initials_only: bool = False,
        known: Mapping[str, str] | None = None,
    ) -> Definition | None: ...


# A recogniser of :data:`RECOGNISERS`: the definition that ``short``, in ``group`` of ``text``,
# makes in its notation, or None; the search is latin.py's.
Recogniser = Callable[[str, Parenthesis, ShortForm, str, LongFormSearch], Definition | None]


# --- Greek letters and chemical names -----------------------------------------------------------

GREEK_LETTER_NAMES = frozenset(
    {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
     "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi",
     "psi", "omega"}
)  # fmt: skip


# A Greek letter's name, not a part of a word (``IL-1beta``, ``TNFalpha``, not ``metabolic``)
SPELLED_GREEK_LETTER = compile_pattern(
    r"(?<![a-z])(?:"
    # longest first, then alphabetical: the same pattern whatever the hash seed (a set's order
    # is not), so that the compiled-patterns cache keeps one entry for it, not one per run
    + "|".join(sorted((g for g in GREEK_LETTER_NAMES if len(g) > 2), key=lambda g: (-len(g), g)))
    + r")(?![a-z])"
)


# A stereo descriptor or an isotope label before a chemical name: ``(-)-``, ``(R)-``,
# ``[125I]-``, ``[3H]``. They belong to the name's token, hence to the long form.
_CHEMICAL_PREFIX = compile_pattern(r"(?:\([^()\s]{1,6}\)|\[[^\[\]\s]{1,8}\])-?")


def chemical_name_start(long_form: str) -> int:
    """Where ``long_form`` starts past its stereo descriptors and isotope labels, if any:
    ``(-)-[125I]-cyanopindolol`` gives the index of ``c``; 0 when there are none."""
    name_start = 0
    while prefix := _CHEMICAL_PREFIX.match(long_form, name_start):
        name_start = prefix.end()
    return name_start


# --- short forms of their own shape: one letter, [concentration] ------------------------------


def one_letter(text: str, group: Parenthesis, short: ShortForm, lang: str) -> Definition | None:
    """``progesterone (P)``: a one-letter short form names the one word before it."""
    if len(short.text) != 1 or not short.text.isalpha() or short.quoted:
        return None  # a quoted letter names a symbol: ``the small ('S') subunit``
    # ``carotid artery (A), … vertebral artery (B)``: labels of a list, not abbreviations
    following = chr(ord(short.text) + 1)
    if re.search(rf"[(\[]{following}[)\]]", text[group.close : group.close + 300]):
        return None
    before = text[max(0, group.open - 40) : group.open]
    word = re.search(r"(?<![\w'’-])([^\W\d_]{4,})\s*$", before)
    if word is None:
        return None
    long_form = word.group(1)
    if fold(long_form[0]) != fold(short.text) or long_form.lower() in STOPWORDS:
        return None
    if long_form.isupper():
        return None
    start = group.open - len(word.group(0))
    return Definition(
        acronym=short.text,
        full=long_form,
        lang=lang,
        acronym_span=(short.start, short.end),
        full_span=(start, start + len(long_form)),
        pattern="long-short",
    )


# Ions whose concentration texts write ``[Ca2+]i`` for "intracellular calcium concentration"
ION_NAMES = {
    "Ca": "calcium", "K": "potassium", "Na": "sodium", "Mg": "magnesium", "Cl": "chloride",
    "H": "hydrogen", "Zn": "zinc", "Fe": "iron", "Cu": "copper",
}  # fmt: skip
_ION = compile_pattern(r"(?P<element>[A-Z][a-z]?)\d?[+-]")
_CONCENTRATION = compile_pattern(r"\[(?P<species>[^\[\]\s]+)\](?P<where>[a-z]{0,2})")


_FREE = compile_pattern(r"(?<![\w-])free(?![\w-])", re.IGNORECASE)
_FREE_LOOKBACK = 80  # characters: the few words of a concentration's name


def _blank(pattern: re.Pattern[str], text: str, start: int, end: int) -> str:
    """``text`` with the matches of ``pattern`` in ``text[start:end]`` turned into spaces:
    words that hold no letter vanish from the search, and every offset stays the same."""
    blanked = pattern.sub(lambda match: " " * len(match.group()), text[start:end])
    return text[:start] + blanked + text[end:]


def concentration(
    text: str,
    group: Parenthesis,
    short: ShortForm,
    lang: str,
    known: Mapping[str, str],
    search: LongFormSearch,
) -> Definition | None:
    """``intracellular Ca2+ concentration ([Ca2+]i)``, ``creatine kinase concentration
    ([CK])``: square brackets write a concentration; the species (and where it is measured,
    ``i`` intracellular, ``e`` extracellular) is spelled before the word "concentration".
    ``free`` (``intracellular free calcium concentration``: the unbound ion, which is what
    the notation measures) may have no letter in it (it has in ``free fatty acid``)."""
    notation = _CONCENTRATION.fullmatch(short.text)
    word = re.search(r"\bconcentrations?\s*$", text[max(0, group.open - 40) : group.open])
    if notation is None or word is None:
        return None
    word_start = group.open - len(word.group())
    species = notation.group("species") + notation.group("where")
    inner = ShortForm(species, short.start, short.end, short.quoted)
    ion = _ION.fullmatch(notation.group("species"))
    if ion is not None and ion.group("element") in ION_NAMES:
        known = {**known, ion.group(): ION_NAMES[ion.group("element")]}
    owner = Parenthesis(word_start, group.close)
    found = search(text, owner, inner, lang, known=known)
    if found is None:
        searched = _blank(_FREE, text, max(0, word_start - _FREE_LOOKBACK), word_start)
        found = search(searched, owner, inner, lang, known=known)
    if found is None or found.full_span[1] != rstrip_index(text, 0, word_start):
        return None
    return extended_to(text, replace(found, acronym=short.text, acronym_span=(short.start, short.end)),
                       rstrip_index(text, word_start, group.open))  # fmt: skip


# --- the recognisers, tried when no long form spells the whole short form -----------------------


_SUBSCRIPT = compile_pattern(r"(?P<head>.*[^\W\d_])\((?P<number>\d[\d.,]*)\)")


def numeric_subscript(
    text: str, group: Parenthesis, short: ShortForm, lang: str, search: LongFormSearch
) -> Definition | None:
    """``forced expiratory volumes (FEV(1.0))``: ASCII text writes subscripts in parentheses
    (FEV₁, IC₅₀); a long form may leave the subscript number out."""
    match = _SUBSCRIPT.fullmatch(short.text)
    if match is None:
        return None
    return search(text, group, short, lang, letters=letters_of(match.group("head")))


_TRAILING_NUMBER = compile_pattern(r"(?P<head>[^\W\d_]{2,})(?P<number>\d{1,2})")


def unspelled_number(
    text: str, group: Parenthesis, short: ShortForm, lang: str, search: LongFormSearch
) -> Definition | None:
    """``cell division control (cdc2)``: a number that names one member of a family (a gene,
    an isoform) may be left out of the long form when each word gives its initial."""
    match = _TRAILING_NUMBER.fullmatch(short.text)
    if match is None:
        return None
    letters = letters_of(match.group("head"))
    return search(text, group, short, lang, letters=letters, initials_only=True)


_SIGNED = compile_pattern(r"(?P<head>[^\W\d_])\(?(?P<sign>[+-])\)?")


def signed(
    text: str, group: Parenthesis, short: ShortForm, lang: str, search: LongFormSearch
) -> Definition | None:
    """``M protein-negative (M-)``: a one-letter short form with a sign, which the long form
    spells ``positive`` or ``negative``."""
    match = _SIGNED.fullmatch(short.text)
    if match is None:
        return None
    word = "positive" if match.group("sign") == "+" else "negative"
    if not re.search(rf"{word}\s*$", text[max(0, group.open - 40) : group.open]):
        return None
    letters = letters_of(match.group("head")) + word[0]
    return search(text, group, short, lang, letters=letters)


# A quantity's symbol, one letter, with a subscript of one to three letters: in parentheses
# (``k(a)``, ``K(A)``), or lower case glued to a capital (``Kd``, ``Isc``; a lower-case symbol
# glued to its subscript reads as a unit: ``mean diameter (mm)``).
_SYMBOL_SUBSCRIPT = compile_pattern(
    r"[^\W\d_]\((?P<enclosed>[^\W\d_]{1,3})\)|[A-Z](?P<glued>[a-z]{1,3})"
)
# Elements whose symbols come from their Latin names (natrium, plumbum…): the words before
# them cannot spell them (``blood lead (Pb)``), and they are not quantities.
LATIN_ELEMENT_SYMBOLS = frozenset({"Na", "Fe", "Cu", "Ag", "Au", "Sn", "Sb", "Pb", "Hg"})


def subscripted_symbol(
    text: str, group: Parenthesis, short: ShortForm, lang: str, search: LongFormSearch
) -> Definition | None:
    """``dissociation constant (Kd)``, ``short-circuit current (Isc)``, ``association rate
    (k(a))``: a physical quantity written as a symbol with a subscript.

    The symbol is a convention of notation (K a constant, k a rate, I a current) that the long
    form names with its head noun, the word before the parenthesis, without spelling its
    letter; the subscript says which quantity it is, and its letters are the initials of the
    words that qualify the head, just before it (hyphenated parts count: short-circuit → sc).
    Tried only when no long form spells the whole short form, and only in English: French puts
    the qualifiers after the head (``constante de dissociation``). ``search`` is not needed:
    the words are matched here, letter for word.
    """
    match = _SYMBOL_SUBSCRIPT.fullmatch(short.text)
    if match is None or short.quoted or lang == "fr" or short.text in LATIN_ELEMENT_SYMBOLS:
        return None
    subscript = "".join(fold(c) for c in match.group("enclosed") or match.group("glued"))
    end = rstrip_index(text, 0, group.open)
    head = re.search(r"(?<![\w'’-])[^\W\d_]{3,}$", text[max(0, end - 40) : end])
    if head is None or head.group().lower() in STOPWORDS:
        return None
    head_start = end - len(head.group())
    floor = clause_start(text, head_start, len(subscript))
    words = list(re.finditer(r"\S+", text[floor:head_start]))
    for count in range(1, min(len(subscript), len(words)) + 1):
        qualifiers = [w.group() for w in words[-count:]]
        parts = [part for word in qualifiers for part in word.split("-")]
        if not all(part.isalpha() and part.lower() not in STOPWORDS for part in parts):
            continue
        if "".join(fold(part[0]) for part in parts) != subscript:
            continue
        start = floor + words[-count].start()
        return definition_spanning(text, short, start, end, lang, "long-short")
    return None


# Tried in this order, after the long-form search and the numbered sessions found nothing.
RECOGNISERS: tuple[Recogniser, ...] = (
    numeric_subscript,
    unspelled_number,
    signed,
    subscripted_symbol,
)
