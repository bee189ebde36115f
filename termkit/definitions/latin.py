"""Acronym definitions in Latin-script text (English, French): Schwartz–Hearst, extended.

Schwartz & Hearst (PSB 2003): the short form is in parentheses; the long form is the shortest run
of words before it whose characters cover the short form's letters and digits in order, the first
one starting a word. Extensions for the text termkit reads:

* ``SF (long form)`` as well as ``long form (SF)``; ``long form ("SF")``; square brackets;
* a marker word before the short form: ``(or SF)``, ``(i.e., SF)``, ``(hereafter SF)``,
  ``(hereinafter "SF")``, ``(referred to as SF)``, ``(known as SF)``, ``(abbreviated as SF)``;
* both forms inside one parenthesis after a mention: ``(SF; long form)``, ``(long form, SF)``;
* a possessive after the long form: ``World Health Organization's (WHO)``, ``Least Developed
  Countries’ (LDCs)``; a quoted name, without its quotation marks: ``the “Global Mercury
  Partnership” (GMP)``, ``le programme « Planète » (PLN)``;
* UN bodies' names: ``United Nations`` / ``Nations Unies`` count as one word the acronym may
  leave out (``OHCHR``, ``HCDH``), and a capitalised complement may take a name past the word
  limit (``Food and Agriculture Organization of the United Nations (FAO)``); a name whose words'
  initials spell the acronym keeps its complement even when the complement alone spells it less
  well (``United Nations Environment Assembly of the United Nations Environment Programme
  (UNEA)``, and its French ``… du Programme des Nations Unies pour l'environnement (ANUE)``);
* short forms with digits, hyphens, lower-case letters and a plural ``s`` (``NGOs``);
* long forms across line breaks (whitespace is normalised in ``Definition.full``);
* French elisions and articles (``l'``, ``d'``, ``la``, ``des``…) never start a long form, letters
  compare without accents (``économiques`` gives the E of OCDE), and French acronyms whose letters
  follow another order than the words (``Panel international des ressources (IRP)``) are found
  when the initials of the content words are exactly the acronym's letters; a long form does not
  start inside a name (``Réseau international pour l'élimination des polluants (IPEN)`` is an
  English acronym, not a definition);
* numbered sessions: ``fifth session of the United Nations Environment Assembly (UNEA-5)``
  defines UNEA;
* digits written as number words, ordinals or Roman numerals (``two-dimensional (2D)``,
  ``factor VIII-associated gene A (F8A)``);
* the long form is a noun phrase: no verb "to be", pronoun or demonstrative inside it, no
  ``non-`` or ``anti-`` in front that the short form has no letter for (``non-high-density
  lipoprotein (HDL)``), a trailing complement counted as one word (``Trial for Smoking
  Cessation``);
* when the letters are not in the words' order: the words' initials in another order
  (``Myotonic dystrophy (DM)``, ``tidal volume (V(T))``), or a part of the short form written
  as is or defined earlier (``intracellular FasL domain (FasL ICD)``, ``DM`` … ``DMPK``);
* not definitions: labels of a series (``(2a)``, ``(2b)``), suspended compounds (``Si- (…) and
  C-containing``).

Biomedical notations, which MEDLINE abstracts (the detector's benchmark) write and bulletins do
not, are read by :mod:`termkit.definitions.biomedical`: Greek letters spelled out (in
:func:`_is_short_form`), chemical names' prefixes (in :func:`_plausible`), one-letter short forms
and concentrations (in :func:`definition_at`), then its recognisers, tried in
:func:`_spelled_before` when no long form spells the whole short form (``FEV(1.0)``, ``cdc2``,
``M-``, ``Kd``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from termkit.definitions import biomedical
from termkit.definitions.base import (
    STOPWORDS,
    AcronymCandidate,
    Definition,
    Parenthesis,
    ShortForm,
    clause_start,
    definition_spanning,
    ends_in_predicate,
    extended_to,
    fold,
    iter_parentheses,
    last_match,
    letters_of,
    looks_like_acronym,
    normalize_space,
    rstrip_index,
)
from termkit.patterns import compile_pattern

__all__ = ["find_latin_candidates", "find_latin_definitions"]

QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "„": "“", "”": "”"}

# Words that start a long form but are not part of it.
FRENCH_ARTICLES = frozenset(
    {"le", "la", "les", "l", "du", "des", "de", "d", "un", "une", "au", "aux"}
)
ENGLISH_ARTICLES = frozenset({"the", "a", "an"})
# Words French acronyms skip (``Organisation de coopération et de développement économiques``).
FRENCH_FUNCTION_WORDS = FRENCH_ARTICLES | {"et", "à", "en", "pour", "sur", "dans", "par", "contre"}
ELISION = compile_pattern(r"(?:[lLdD]|[qQ]u|[jJ]usqu)['’]")

MAX_PRECEDING_WORDS = 15

_SESSION_NUMBER = compile_pattern(r"^(?P<base>.*?[A-Za-z])[- ](?P<number>\d{1,2})$")


@dataclass(frozen=True)
class _LongForm:
    """A candidate long form: where it starts, and how well the short form's letters fit it."""

    start: int
    initials: int  # letters at the start of a word
    untouched: int  # content words holding no letter
    content_words: int

    @property
    def score(self) -> int:
        return self.initials - self.untouched


def find_latin_definitions(text: str, lang: str = "en") -> list[Definition]:
    """Every acronym definition in ``text``, a Latin-script (English or French) text."""
    found: list[Definition] = []
    known: dict[str, str] = {}  # short forms defined so far, for nested ones (DM → DMPK)
    for group in iter_parentheses(text, brackets=True):
        definition = definition_at(text, group, lang, known)
        if definition is not None:
            found.append(definition)
            known.setdefault(definition.acronym, definition.full)
    return found


def find_latin_candidates(text: str, lang: str = "en") -> list[AcronymCandidate]:
    """Every ``(ACR)`` whose content looks like an acronym, with the words before it."""
    found: list[AcronymCandidate] = []
    for group in iter_parentheses(text):
        short = _short_form_in(text, group)
        if short is None or not looks_like_acronym(short.text):
            continue
        if ends_in_predicate(text, group.open):
            continue  # ``we will strengthen (IPBES)``: a use; nothing before it names it
        start, end = preceding_words(text, group.open)
        found.append(
            AcronymCandidate(
                acronym=short.text,
                lang=lang,
                acronym_span=(short.start, short.end),
                preceding=normalize_space(text[start:end]),
                preceding_span=(start, end),
                quoted=short.quoted,
            )
        )
    return found


def preceding_words(text: str, open_index: int) -> tuple[int, int]:
    """The span of the words before ``text[open_index]``: back to a clause end, at most 15."""
    start = clause_start(text, open_index, MAX_PRECEDING_WORDS)
    return start, rstrip_index(text, start, open_index)


# --- the short form -----------------------------------------------------------------------------


def _short_form_in(text: str, group: Parenthesis, start: int | None = None) -> ShortForm | None:
    """The parenthesis' content up to ``;`` or ``, `` (``(ToM; Smith 2009)``), unquoted.

    ``start`` (inside the parenthesis) skips what comes before it: a marker word.
    """
    end = group.inner[1]
    start = group.inner[0] if start is None else start
    cut = re.search(r";|,\s", text[start:end])
    if cut:
        end = start + cut.start()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    quoted = False
    if end - start >= 2 and QUOTES.get(text[start]) == text[end - 1]:
        start, end, quoted = start + 1, end - 1, True
        while start < end and text[start].isspace():  # « PNN »
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    if start >= end:
        return None
    return ShortForm(text[start:end], start, end, quoted)


def _is_short_form(candidate: str) -> bool:
    """Schwartz–Hearst's test, tightened: 2–12 characters, 1–2 tokens, starts alphanumeric.

    A short form without capitals or digits must be short (``aa``, ``bpm``): longer lower-case
    words in parentheses are glosses (``(astronaut)``, ``(and brains)``); so is a capitalised
    word (``(Triese)``). Two tokens need a capital in the first (``MEF cells``, ``E site``)
    unless it is a Greek letter (``gamma IFN``). A Greek letter's name counts as one character
    (``5alpha-red-IR``).
    """
    tokens = candidate.split()
    # MEDLINE spells Greek letters out (``5alpha-red-IR``): each counts as one character
    greek_as_one = biomedical.SPELLED_GREEK_LETTER.sub("a", candidate)
    if not 2 <= len(greek_as_one) <= 12 or not 1 <= len(tokens) <= 2:
        return False
    if not candidate[0].isalnum() or not any(c.isalpha() for c in candidate):
        return False
    if len(tokens) == 2 and re.fullmatch(r"[\d.,]+", tokens[0]):
        return False  # a quantity and its unit: ``(80 nmol)``
    if not any(c.isupper() or c.isdigit() for c in candidate):
        return len(candidate) <= 5 and len(tokens) == 1
    if re.fullmatch(r"[A-Z][a-z]{4,}", biomedical.SPELLED_GREEK_LETTER.sub("b", candidate)):
        return False  # a capitalised word, not ``Abeta``
    return not (
        len(tokens) == 2 and tokens[0].islower() and tokens[0] not in biomedical.GREEK_LETTER_NAMES
    )


# --- long form (SF) -----------------------------------------------------------------------------


def definition_at(
    text: str, group: Parenthesis, lang: str, known: Mapping[str, str] | None = None
) -> Definition | None:
    """The definition that the parenthesis ``group`` of ``text`` closes or holds, if any.

    ``known`` maps the short forms defined earlier in the text to their long forms: a long
    form may hold one of them (``myotonic dystrophy protein kinase gene (DMPK)``).
    """
    known = {} if known is None else known
    glued = group.open > 0 and text[group.open - 1].isalnum()
    # ``(i.e., WHO)``: a marker word announces the short form; when the words before do not
    # spell it, the parenthesis is read as any other (``MRI (or CT)``)
    marked = _marked_short_form(text, group)
    found = None if marked is None else _spelled_before(text, group, marked, lang, known)
    short = None if found is not None else _short_form_in(text, group)
    if short is None:
        pass
    elif len(short.text) == 1:
        # ``segment(s)`` is a plural, not a definition; ``progesterone (P)`` is biomedical
        found = None if glued else biomedical.one_letter(text, group, short, lang)
    elif _is_series_label(text, group, short.text):
        found = None
    elif short.text.startswith("["):
        # ``[Ca2+]i``: a concentration, which only biomedical text writes
        found = biomedical.concentration(text, group, short, lang, known, _long_short)
    elif _is_short_form(short.text):
        found = _spelled_before(text, group, short, lang, known) or _inside_short_long(
            text, group, short, lang
        )
        if found is None and len(short.text.split()) == 2:
            # ``hGH (human GH)``: two words in parentheses may be the long form
            found = _short_long(text, group, lang)
    else:
        found = _inside_long_short(text, group, lang) or _short_long(text, group, lang)
    # ``log(RT)``, ``CB(1)``: a parenthesis glued to a word is a call or a subscript, unless
    # that very word is the long form (``ubiquitin(Ub)``) or its head, which gives the short
    # form's last letter (``soluble CD40 ligand(CD40L)``: a space left out).
    if found is not None and glued:
        word_start = group.open
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        if found.pattern == "short-long":
            return None
        if found.full_span[0] != word_start and not _ends_with_head(text, found, word_start):
            return None
    if found is not None and found.full_span[1] <= group.open and ends_in_predicate(text, group.open):
        return None
    return found


def _spelled_before(
    text: str, group: Parenthesis, short: ShortForm, lang: str, known: Mapping[str, str]
) -> Definition | None:
    """``long form (SF)`` and its variants: the long form is written before ``group``.

    A name (run on past its acronym's words when it is a body's), a numbered session's name,
    then the biomedical recognisers: notations whose long form does not spell every character
    of the short form (``FEV(1.0)``, ``cdc2``, ``M-``, ``Kd``).
    """
    found = _name_before(text, group, short, lang, known) or _numbered_session(
        text, group, short, lang, known
    )
    if found is not None:
        return found
    for recognise in biomedical.RECOGNISERS:
        found = recognise(text, group, short, lang, _long_short)
        if found is not None:
            return found
    return None


# Words that announce the short form inside the parenthesis: ``(or WHO)``, ``(i.e., WHO)``,
# ``(hereafter WHO)``, ``(hereinafter "WHO")``, ``(referred to as WHO)``, ``(abbreviated as
# WHO)``. ``or`` and ``i.e.`` also introduce alternatives and glosses (``(or placebo)``), so
# the short form they announce must hold a capital.
_LOOSE_MARKER = compile_pattern(r"(?:or|i\.\s?e\.?|ie)(?:,\s*|\s+)")
_MARKER = compile_pattern(
    r"(?i:(?:here(?:in)?after|henceforth)(?:,?\s+(?:referred\s+to\s+as|called|termed))?"
    r"|(?:also\s+)?(?:referred\s+to|known)\s+as"
    r"|abbreviated(?:\s+(?:as|to))?|abbr(?:ev)?\.)(?:,\s*|:\s*|\s+)"
)


def _marked_short_form(text: str, group: Parenthesis) -> ShortForm | None:
    """The short form a marker word announces at the start of ``group``: ``(i.e., WHO)``."""
    start, end = group.inner
    while start < end and text[start].isspace():
        start += 1
    loose = _LOOSE_MARKER.match(text, start, end)
    marker = loose or _MARKER.match(text, start, end)
    if marker is None:
        return None
    short = _short_form_in(text, group, marker.end())
    if short is None or not _is_short_form(short.text):
        return None
    if loose and not any(c.isupper() for c in short.text):
        return None
    return short


def _inside_short_long(
    text: str, group: Parenthesis, short: ShortForm, lang: str
) -> Definition | None:
    """``a mention (WHO; World Health Organization)``: the short form, then its long form, both
    inside the parenthesis, after a mention of the concept that spells neither."""
    separator = re.compile(r"\s*(?:;|,)\s+").match(text, short.end, group.close)
    if short.quoted or separator is None:
        return None
    if sum(c.isupper() for c in short.text) + any(c.isdigit() for c in short.text) < 2:
        return None
    inner_start = separator.end()
    cut = re.search(r";|,\s", text[inner_start : group.close])
    inner_end = inner_start + cut.start() if cut else group.close
    inner_end = rstrip_index(text, inner_start, inner_end)
    start = _spelled_after(text, short.text, inner_start, inner_end, lang)
    if start is None:
        return None
    return definition_spanning(text, short, start, inner_end, lang, "short-long")


def _ends_with_head(text: str, found: Definition, word_start: int) -> bool:
    """Whether ``found``'s long form ends with the word at ``word_start``, a word whose initial
    is the short form's last letter (``CD40 ligand`` for ``CD40L``)."""
    word = text[word_start : found.full_span[1]]
    letters = letters_of(found.acronym)
    return (
        found.full_span[0] < word_start
        and word.isalpha()
        and len(word) >= 3
        and fold(word[0]) == letters[-1:]
    )


def _is_series_label(text: str, group: Parenthesis, short_form: str) -> bool:
    """``2a``, ``2b``, ``2c``: a compound number with a letter, one of a series of labels.

    Chemistry and figure captions number items ``(1a)``, ``(2b)``; such a label is not an
    abbreviation when a neighbouring label of its series is also in parentheses nearby.
    """
    label = re.fullmatch(r"(\d{1,3})([a-z])", short_form)
    if label is None:
        return False
    number, letter = label.groups()
    siblings = {number + chr(ord(letter) + step) for step in (-1, 1)}
    nearby = text[max(0, group.open - 300) : group.close + 300]
    return any(re.search(rf"[(\[]{sibling}[)\]]", nearby) for sibling in siblings)


def _inside_long_short(text: str, group: Parenthesis, lang: str) -> Definition | None:
    """``(blood-brain barrier, BBB)``: long form and short form inside one parenthesis."""
    start, end = group.inner
    comma = last_match(re.compile(r"[,;]\s+"), text, start, end)
    if comma is None:
        return None
    short_start = comma.end()
    short_end = rstrip_index(text, short_start, end)
    short = ShortForm(text[short_start:short_end], short_start, short_end, False)
    if not _is_short_form(short.text) or not any(c.isupper() for c in short.text):
        return None
    inner_end = comma.start()
    return _long_short(text, Parenthesis(inner_end, end), short, lang, floor=start)


# ``'s`` or ``’s`` right before a parenthesis, after a letter
_POSSESSIVE = compile_pattern(r"(?<=[^\W\d_])['’]s\s*$")


def _long_short(
    text: str,
    group: Parenthesis,
    short: ShortForm,
    lang: str,
    floor: int = 0,
    letters: str | None = None,
    initials_only: bool = False,
    known: Mapping[str, str] | None = None,
) -> Definition | None:
    """``long form (SF)``: the long form ends before ``group``, not before ``floor``.

    ``letters`` are those the long form must spell, by default all of the short form's; with
    ``initials_only``, each of them must start a word, and every word must give one.
    """
    if letters is None:
        letters = letters_of(short.text)
    if len(letters) < 2:
        return None
    possessive = _POSSESSIVE.search(text, max(floor, group.open - 8), group.open)
    if possessive is not None:
        # ``the World Health Organization's (WHO) report``: the owner is the long form
        owner = Parenthesis(possessive.start(), group.close)
        found_owner = _long_short(
            text, owner, short, lang, floor, letters, initials_only=initials_only, known=known
        )
        if found_owner is not None:
            return found_owner
    max_words = min(len(letters) + 5, len(letters) * 2)
    window_start, window_end = _window(text, group.open, max_words)
    window_start = max(window_start, floor)
    # ``the “Global Mercury Partnership” (GMP)``: the long form is the name inside the quotes;
    # ``the Alliance for “Responsible Mining” (ARM)``: a name that ends with a quoted part
    quoted_start, quoted_end = _inside_quotes(text, window_start, window_end)
    found = _best_long_form(text, quoted_start, quoted_end, letters)
    if found is not None or (quoted_start, quoted_end) == (window_start, window_end):
        window_start, window_end = quoted_start, quoted_end
    else:
        found = _best_long_form(text, window_start, window_end, letters)
    # French text often carries English acronyms (``internationale de normalisation (ISO)``):
    # in French a long form of several words must give more than its first letter at a word start.
    if found is not None and lang == "fr" and found.initials < 2 <= found.content_words:
        found = None
    if initials_only and (
        found is None
        or found.untouched
        or not found.initials == found.content_words == len(letters)
    ):
        return None
    start = None
    if found is not None:
        start = _skip_leading_articles(text, found.start, window_end, lang)
        start = _skip_opposing_prefix(text, start, short.text)
        if not _plausible(text[start:window_end], short.text, max_words) or (
            lang == "fr" and _starts_inside_name(text, start)
        ):
            start = None
    if start is None and not initials_only:
        # letters in another order than the words: French word order, Latin names
        # (``Myotonic dystrophy (DM)``: dystrophia myotonica), symbols with a subscript
        # (``tidal volume (V(T))``)
        start = _initials_any_order(
            text, window_start, window_end, letters, french=lang == "fr"
        )
        if start is None:
            start = _embedded_symbol(text, window_start, window_end, short.text, known or {})
        if start is not None:
            start = _skip_leading_articles(text, start, window_end, lang)
            if not _plausible(text[start:window_end], short.text, max_words):
                start = None
    if start is None:
        return None
    return definition_spanning(
        text, short, start, window_end, lang, "quoted" if short.quoted else "long-short"
    )


# A closing quotation mark, and the marks that open what it closes
_OPENING_QUOTES = {'"': '"', "”": "“„", "»": "«", "’": "‘", "'": "'"}


def _inside_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` narrowed to the quoted name it ends with, if it ends with one.

    ``the so-called “Global Mercury Partnership” (GMP)``, ``le programme « Planète » (PLN)``:
    the quotation marks belong to the sentence, not to the name; the long form is found
    inside them (and cannot start before the opening mark). A closing mark with no opening
    one in the window (a long quotation) only moves the end. ``’`` and ``'`` are also
    apostrophes: they close a quotation only when a mark at a word's start opens one, and
    after an ``s`` with none they are a plural's possessive (``Least Developed Countries’
    (LDCs)``), which is no part of the name either.
    """
    if end <= start or text[end - 1] not in _OPENING_QUOTES:
        return start, end
    close = end - 1
    mark = text[close]
    opened = -1
    for opening in _OPENING_QUOTES[mark]:
        at = text.rfind(opening, start, close)
        while at > start and opening == "'" and text[at - 1].isalnum():
            at = text.rfind(opening, start, at)  # ``Alzheimer's``, ``l'Assemblée``
        opened = max(opened, at)
    if opened < 0 and mark in "'’":
        if text[close - 1 : close] not in ("s", "S"):
            return start, end
        return start, rstrip_index(text, start, close)
    inner_start = start if opened < 0 else opened + 1
    while inner_start < close and text[inner_start].isspace():
        inner_start += 1
    inner_end = rstrip_index(text, inner_start, close)
    if inner_start >= inner_end:
        return start, end
    return inner_start, inner_end


# A capitalised word right before a long form, and what comes before that word
_WORD_BEFORE = compile_pattern(r"(?P<before>\S*)\s+(?P<word>[^\W\d_]+)\s+$")


def _starts_inside_name(text: str, start: int) -> bool:
    """Whether a French long form starts inside the name it is part of: ``le Réseau
    international pour l'élimination des polluants (IPEN)``.

    French capitalises a name's first word only; a long form that starts with a lower-case
    word right after a capitalised one (not an article, not the first word of a sentence) has
    lost the head of its name. The acronym is then an English one, which the French words
    cannot spell, and whatever they seem to spell is no definition.
    """
    if not text[start : start + 1].islower():
        return False
    found = _WORD_BEFORE.search(text, max(0, start - 60), start)
    if found is None:
        return False
    word, before = found.group("word"), found.group("before")
    if not word[0].isupper() or word.isupper() or word.lower() in FRENCH_FUNCTION_WORDS:
        return False
    return before != "" and before[-1] not in ".!?:;…»\""  # not a sentence's first word


MAX_COMPLEMENT_WORDS = 8


def _name_before(
    text: str, group: Parenthesis, short: ShortForm, lang: str, known: Mapping[str, str]
) -> Definition | None:
    """``long form (SF)``, where a body's name may run on past its acronym's words.

    The complement's own words may spell the acronym too, less well: in ``United Nations
    Environment Assembly of the United Nations Environment Programme (UNEA)`` the last four
    words give U, N, E and the A inside "Programme". When the long form found does not give
    every letter as a word's initial and the name before a complement does, that name wins.
    """
    found = _long_short(text, group, short, lang, known=known)
    if found is not None and _spelled_by_initials(found.full, short.text):
        return found
    named = _name_with_complement(text, group, short, lang, known, found is not None)
    return named or found


def _spelled_by_initials(long_form: str, short_form: str) -> bool:
    """Whether the initials of the long form's content words (and of their hyphenated parts)
    are the short form's letters, in order."""
    words = (_without_elision(word) for word in long_form.split())
    parts = (part for word in words for part in re.split(r"[-/]", word))
    initials = "".join(
        fold(part[0]) for part in parts if part[:1].isalnum() and part.lower() not in STOPWORDS
    )
    return initials == letters_of(short_form)


# A name's complement: ``of the United Nations``, ``on Mining, Minerals…``; not ``to``, whose
# complement names something else (``Conference of the Parties to the Minamata Convention``).
# French: ``du Programme…``, ``de la Convention…``, ``de l'Organisation…``
_ENGLISH_COMPLEMENT = compile_pattern(r"\s(?:of|for|in|on|with)\s+")
_FRENCH_COMPLEMENT = compile_pattern(r"\s(?:du|des|de(?:\s+la)?)\s+|\s(?:de\s+)?[lLdD]['’]")


def _name_with_complement(
    text: str,
    group: Parenthesis,
    short: ShortForm,
    lang: str,
    known: Mapping[str, str],
    by_initials: bool = False,
) -> Definition | None:
    """``Intergovernmental Forum on Mining, Minerals, Metals and Sustainable Development
    (IGF)``, ``Food and Agriculture Organization of the United Nations (FAO)``: a body's name
    whose acronym spells the words before its complement only.

    Schwartz–Hearst's word limit (twice the short form's letters) leaves such a name's first
    words out of reach. Here the name before the complement spells the short form, and both are
    capitalised as names are: in English every content word (``tumour necrosis factor in
    Patients With Sepsis (TNF)`` is no name), in French the first (``Assemblée des Nations Unies
    pour l'environnement du Programme des Nations Unies pour l'environnement (ANUE)``). The
    complement holds at most eight content words. With ``by_initials``, the initials of the
    name's words must be the short form's letters.
    """
    if short.quoted:
        return None
    french = lang == "fr"
    end = rstrip_index(text, 0, group.open)
    floor = clause_start(text, end, MAX_COMPLEMENT_WORDS * 2)
    pattern = _FRENCH_COMPLEMENT if french else _ENGLISH_COMPLEMENT
    for preposition in reversed(list(pattern.finditer(text, floor, end))):
        words = [w.strip(",;") for w in text[preposition.end() : end].split()]
        content = [w for w in words if w.lower() not in STOPWORDS]
        if len(content) > MAX_COMPLEMENT_WORDS or not _capitalised(content, french):
            if french:
                continue  # « des Nations Unies pour l'environnement »: lower case after the head
            return None  # an earlier preposition's complement holds this one
        if not content:
            continue
        head = _long_short(text, Parenthesis(preposition.start(), group.close), short, lang,
                           known=known)  # fmt: skip
        if head is None:
            continue
        name = text[head.full_span[0] : head.full_span[1]].split()
        if not _capitalised([w for w in name if w.lower() not in STOPWORDS], french):
            continue
        if french and _spelled_before_a(text, head, short, lang, known):
            continue
        if by_initials and not _spelled_by_initials(head.full, short.text):
            continue
        return extended_to(text, head, end)
    return None


_A_COMPLEMENT = compile_pattern(r"\s(?:à|au|aux)\s")


def _spelled_before_a(
    text: str, head: Definition, short: ShortForm, lang: str, known: Mapping[str, str]
) -> bool:
    """Whether the words before the head's last ``à``/``au``/``aux`` spell the short form
    already: ``Conférence des Parties à la Convention…`` is the Parties' conference *to* the
    Convention (as English ``to``), while ``Groupe de travail à composition non limitée`` needs
    the words after ``à`` for its letters."""
    last = last_match(_A_COMPLEMENT, text, head.full_span[0], head.full_span[1])
    if last is None:
        return False
    before = Parenthesis(last.start(), last.end())
    return _long_short(text, before, short, lang, known=known) is not None


def _capitalised(words: list[str], french: bool) -> bool:
    """Whether ``words`` are capitalised as a name's are: every one in English, the first in
    French (after an elision: ``l'Organisation``)."""
    if french:
        return bool(words) and _without_elision(words[0])[:1].isupper()
    return all(w[:1].isupper() for w in words)


def _without_elision(word: str) -> str:
    elision = ELISION.match(word)
    return word[elision.end() :] if elision else word


def _numbered_session(
    text: str, group: Parenthesis, short: ShortForm, lang: str, known: Mapping[str, str]
) -> Definition | None:
    """``fifth session of the United Nations Environment Assembly (UNEA-5)`` defines UNEA."""
    match = _SESSION_NUMBER.match(short.text)
    if match is None:
        return None
    base = match.group("base")
    base_form = ShortForm(base, short.start, short.start + len(base), False)
    found = _name_before(text, group, base_form, lang, known)
    if found is None:
        return None
    before = text[max(0, found.full_span[0] - 40) : found.full_span[0]].lower()
    if not re.search(r"session|meeting|réunion|conference|conférence", before):
        return None
    return Definition(
        acronym=base,
        full=found.full,
        lang=lang,
        acronym_span=found.acronym_span,
        full_span=found.full_span,
        pattern="numbered-session",
    )


# A long form is a noun phrase: it holds no verb "to be" or "to have", relative pronoun,
# demonstrative or possessive (``these cells were exposed to tumor necrosis factor (TNF)``).
NOT_IN_LONG_FORM = (
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "which", "that",
    "who", "whom", "whose", "these", "those", "this", "its", "their", "our", "his", "her", "we",
    "they", "it", "than", "when", "where", "while",
)  # fmt: skip
# lower case or capitalised, not in capitals: ``IT``, ``HAS`` are acronyms
_NOT_IN_LONG_FORM = compile_pattern(
    r"\b(?:" + "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in NOT_IN_LONG_FORM) + r")\b"
)


def _window(text: str, end: int, max_words: int) -> tuple[int, int]:
    """The text a long form ending before ``end`` may span: ``max_words`` words of one clause,
    after the last word that cannot be part of a noun phrase."""
    start = clause_start(text, end, max_words)
    boundary = last_match(_NOT_IN_LONG_FORM, text, start, end)
    if boundary is not None:
        start = boundary.end()
        while start < end and text[start].isspace():
            start += 1
    return start, rstrip_index(text, start, end)


def _token_boundary(char: str) -> bool:
    # CJK text and full-width punctuation end a Latin token: ``据International Energy Agency``
    return char.isspace() or char == "/" or ord(char) >= 0x2E80


def _is_word_start(text: str, index: int, floor: int) -> bool:
    return index == floor or not text[index - 1].isalnum()


def _best_long_form(text: str, start: int, end: int, letters: str) -> _LongForm | None:
    """The long form ending at ``end`` (not starting before ``start``), or None.

    Schwartz–Hearst take the shortest run whose characters cover the letters in order, the
    first letter starting a word. That often stops inside a word (``Index of Erectile Function
    (IIEF)`` matches the second I in "Erectile"); here every run that covers the letters is
    scored by how many letters start words, less one for each content word no letter touches,
    and the best wins (the shortest among equals).
    """
    chars = _folded(text, start, end, letters)
    best: _LongForm | None = None
    for first in range(end - 1, start - 1, -1):
        found = _long_form_from(text, chars, start, first, end, letters)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
    "sixth": "6", "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}  # fmt: skip
_NUMBER_WORD = compile_pattern(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)


ROMAN_NUMERALS = {
    "I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8",
    "IX": "9", "XI": "11", "XII": "12", "XIII": "13",
}  # fmt: skip
_ROMAN_NUMERAL = compile_pattern(
    r"(?<!\w)(?:" + "|".join(sorted(ROMAN_NUMERALS, key=len, reverse=True)) + r")(?!\w)"
)


def _folded(text: str, start: int, end: int, letters: str) -> list[str]:
    """``text[start:end]`` folded for matching ``letters``.

    A number word or a Roman numeral whose value the short form writes in digits starts with
    those digits: ``two-dimensional (2D)``, ``factor VIII-associated gene A (F8A)``.
    """
    segment = text[start:end]
    # fold() of an ASCII character is its lower case (a fifth of find_definitions' time).
    chars = list(segment.lower()) if segment.isascii() else [fold(c) for c in segment]
    for word in _NUMBER_WORD.finditer(text, start, end):
        digits = NUMBER_WORDS[word.group().lower()]
        if digits in letters:
            for offset, digit in enumerate(digits):
                chars[word.start() - start + offset] = digit
    for numeral in _ROMAN_NUMERAL.finditer(text, start, end):
        digits = ROMAN_NUMERALS[numeral.group()]
        if digits in letters:
            for offset, digit in enumerate(digits):
                chars[numeral.start() - start + offset] = digit
    return chars


# Latin phrases whose first word is a stopword in English: ``in vitro fertilization (IVF)``
_LATIN_PHRASE = compile_pattern(r"(?:in|ex|de)\s+(?:vitro|vivo|situ|utero|silico|novo)\b", re.I)


def _long_form_from(
    text: str, chars: list[str], floor: int, first: int, end: int, letters: str
) -> _LongForm | None:
    """The long form whose first letter is ``text[first]``, or None.

    ``chars`` is ``_folded(text, floor, end, letters)``. Rejected: a first letter that does not
    start a word, a long form that starts with a stopword (``and Space Operations Center``),
    and alignments that leave two content words without a letter of the short form.
    """
    if chars[first - floor] != letters[0] or not text[first].isalnum():
        return None
    if not _is_word_start(text, first, floor):
        return None
    word = re.match(r"[^\W_]+", text[first:end])
    stopword = word is not None and len(word.group()) > 1 and word.group().lower() in STOPWORDS
    if stopword and not _LATIN_PHRASE.match(text, first, end):
        return None
    aligned = _align(text, chars[first - floor :], first, letters)
    if aligned is None:
        return None
    # The long form starts with the whole token (``Delta-9-Tetrahydrocannabinol``), not past a
    # slash (``Ngn3/paired box factor 6 (PAX6)``).
    start = first
    while start > floor and not _token_boundary(text[start - 1]):
        start -= 1
    untouched = _untouched_words(text, start, end, aligned)
    if untouched >= 2:
        named = _named_complement(text, chars[first - floor :], first, start, end, letters)
        if named is None:
            return None
        aligned, untouched = named
    return _LongForm(
        start=start,
        initials=sum(1 for i in aligned if _is_word_start(text, i, start)),
        untouched=untouched,
        content_words=_untouched_words(text, start, end, []),
    )


_PREPOSITION = compile_pattern(r"\s(?:of|for|in|on|with|to)\s+")


def _named_complement(
    text: str, chars: list[str], first: int, start: int, end: int, letters: str
) -> tuple[list[int], int] | None:
    """``Community Intervention Trial for Smoking Cessation (COMMIT)``: in a proper name (a
    trial, an institution, a scale), a capitalised complement opened by a preposition may hold
    no letter of the short form; it counts as one untouched word. The alignment in the words
    before it, and the untouched words, or None."""
    for preposition in reversed(list(_PREPOSITION.finditer(text, first, end))):
        complement = text[preposition.end() : end].split()
        if not all(w[:1].isupper() for w in complement if w.lower() not in STOPWORDS):
            continue
        aligned = _align(text, chars[: preposition.start() - first], first, letters)
        if aligned is None:
            continue
        untouched = _untouched_words(text, start, preposition.start(), aligned) + 1
        if untouched < 2:
            return aligned, untouched
    return None


def _align(text: str, chars: list[str], first: int, letters: str) -> list[int] | None:
    """Positions in ``text[first:]`` spelling ``letters`` in order, the first at ``first``.

    ``chars`` holds the folded characters from ``first`` to the end of the long form. Of all
    alignments, the one that puts the most letters at word starts and touches the most words
    (dynamic programming over positions); None when the letters are not all there. The start
    of a stopword counts as no word start: ``des`` can give the D of HCDH, ``droits`` should.
    """
    n, m = len(chars), len(letters)
    initial = [i == 0 or not text[first + i - 1].isalnum() for i in range(n)]
    for i in range(1, n):
        if initial[i] and chars[i] in _STOPWORD_INITIALS:
            word = _WORD.match(text, first + i)
            initial[i] = word is None or word.group().lower() not in STOPWORDS
    token = [0] * n
    for i in range(1, n):
        token[i] = token[i - 1] + (text[first + i - 1].isspace() and not text[first + i].isspace())
    impossible = -1
    # gain[i][j]: best score with letter i at position j; back[i][j]: where letter i - 1 sits
    gain = [[impossible] * n for _ in range(m)]
    back = [[-1] * n for _ in range(m)]
    gain[0][0] = 2
    for i in range(1, m):
        previous = gain[i - 1]
        best_all, best_all_at = impossible, -1  # over k < j
        before_token, before_token_at = impossible, -1  # over k in earlier tokens
        in_token, in_token_at = impossible, -1  # over k < j in j's token
        for j in range(1, n):
            k = j - 1
            if token[j] != token[k]:
                before_token, before_token_at = best_all, best_all_at
                in_token, in_token_at = impossible, -1
            if previous[k] > best_all:
                best_all, best_all_at = previous[k], k
            if token[k] == token[j] and previous[k] > in_token:
                in_token, in_token_at = previous[k], k
            if chars[j] != letters[i]:
                continue
            options = []
            if before_token != impossible:
                options.append((before_token + 1, before_token_at))
            if in_token != impossible:
                options.append((in_token, in_token_at))
            if options:
                value, at = max(options)
                gain[i][j] = value + initial[j]
                back[i][j] = at
    last = max(range(n), key=lambda j: (gain[m - 1][j], j))
    if gain[m - 1][last] == impossible:
        return None
    positions = [last]
    for i in range(m - 1, 0, -1):
        positions.append(back[i][positions[-1]])
    return [first + p for p in reversed(positions)]


# Names that acronyms of the bodies they name leave out as a whole: ``Office of the United
# Nations High Commissioner for Human Rights (OHCHR)``, ``Haut-Commissariat des Nations Unies
# aux droits de l'homme (HCDH)``. Each counts as one word without a letter, not two.
ONE_WORD_NAMES = frozenset({("united", "nations"), ("nations", "unies")})


_WORD = compile_pattern(r"[^\W_]+")
_STOPWORD_INITIALS = frozenset(word[0] for word in STOPWORDS)


def _untouched_words(text: str, start: int, end: int, aligned: list[int]) -> int:
    """Content words (whitespace-separated) of ``text[start:end]`` holding no aligned letter."""
    hits = set(aligned)
    count = 0
    previous = ""  # the previous word, lower case, when it held no letter
    for word in re.finditer(r"\S+", text[start:end]):
        bare = word.group().strip(",;:.()[]\"'“”‘’")
        if bare.lower() in STOPWORDS or not any(c.isalpha() for c in bare):
            previous = ""
            continue
        untouched = not any(start + i in hits for i in range(word.start(), word.end()))
        if untouched and (previous, bare.lower()) not in ONE_WORD_NAMES:
            count += 1
        previous = bare.lower() if untouched else ""
    return count


_FRENCH_WORD = compile_pattern(r"[^\W\d_]+")  # elisions split off: l'Assemblée gives Assemblée
_ANY_WORD = compile_pattern(r"\S+")


def _initials_any_order(
    text: str, start: int, end: int, letters: str, *, french: bool = False
) -> int | None:
    """The last content words whose initials are exactly the letters, in another order (French
    acronyms often follow another word order than their long form)."""
    pattern, function_words = (
        (_FRENCH_WORD, FRENCH_FUNCTION_WORDS) if french else (_ANY_WORD, STOPWORDS)
    )
    words = [(m.start(), m.group()) for m in pattern.finditer(text, start, end)]
    content = [(pos, w) for pos, w in words if w.lower() not in function_words]
    count = len(letters)
    if len(content) < count:
        return None
    last = content[-count:]
    if Counter(fold(w[0]) for _, w in last) != Counter(letters):
        return None
    return last[0][0]


def _embedded_symbol(
    text: str, start: int, end: int, short_form: str, known: Mapping[str, str]
) -> int | None:
    """``intracellular FasL domain (FasL ICD)``, ``B2-type cyclin (CYCB2)``: a long form that
    holds part of its short form as written, a symbol, while its other words spell the rest.

    The symbol (a prefix or suffix of the short form, two characters or more, with a capital
    or a digit) must stand as a token in ``text[start:end]``, or be a short form defined
    earlier (``known``) whose long form is there: ``Myotonic dystrophy (DM)`` … ``myotonic
    dystrophy protein kinase gene (DMPK)``. The rest must be spelled by the other words, in
    order, as for any long form; one letter must be the initial of the one other word
    (``intracellular pH (pHi)``).
    """
    compact = short_form.replace(" ", "")
    best: int | None = None
    for size in range(2, len(compact)):
        for symbol, rest in ((compact[:size], compact[size:]), (compact[-size:], compact[:-size])):
            if not any(c.isupper() or c.isdigit() for c in symbol):
                continue
            place = _symbol_place(text, start, end, symbol, known)
            if place is None:
                continue
            letters = letters_of(rest.strip("-"))
            if not letters or not letters.isalpha():
                continue
            # the symbol stands for itself: hide it from the letter search
            place_start, place_end = place
            masked = text[:place_start] + "_" * (place_end - place_start) + text[place_end:]
            found = _best_long_form(masked, start, end, letters)
            if found is None:
                continue
            if len(letters) == 1 and not found.initials == found.content_words == 1:
                continue  # one letter: the initial of the one word besides the symbol (pHi)
            first, untouched = found.start, found.untouched
            if place_start < found.start:
                # words between the symbol and the spelled words hold no letter
                first = place_start
                while first > start and not _token_boundary(text[first - 1]):
                    first -= 1
                symbol_end = place_end
                while symbol_end < end and not _token_boundary(text[symbol_end]):
                    symbol_end += 1
                untouched += _untouched_words(text, symbol_end, found.start, [])
            spelled = masked[first:end].replace("_", "")
            if untouched > 1 or sum(c.isalnum() for c in spelled) <= len(letters):
                continue  # ``type II MS (MS II)``: nothing is spelled out, the rest is as written
            best = first if best is None else max(best, first)
    return best


def _symbol_place(
    text: str, start: int, end: int, symbol: str, known: Mapping[str, str]
) -> tuple[int, int] | None:
    """Where ``symbol`` stands in ``text[start:end]``: as a token, or as its known long form."""
    # str.rfind, not a regex per symbol: this runs for every parenthesis no rule explains
    at = text.rfind(symbol, start, end)
    while at >= 0:
        after = at + len(symbol)
        if (at == 0 or not _is_word_char(text[at - 1])) and (
            after == len(text) or not _is_word_char(text[after])
        ):
            return at, after
        at = text.rfind(symbol, start, at)
    if symbol in known:
        words = (re.escape(word) for word in known[symbol].split())
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
        place = last_match(pattern, text, start, end)
        if place is not None:
            return place.span()
    return None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_OPPOSING_PREFIX = compile_pattern(r"(?:non|anti)-(?=[^\W_])", re.IGNORECASE)


def _skip_opposing_prefix(text: str, start: int, short_form: str) -> int:
    """Drop ``non-`` or ``anti-`` when the short form has no letter for it.

    ``non-high-density lipoprotein (HDL)``, ``anti-tumor necrosis factor (TNF) therapy``: the
    prefix negates or opposes the concept the short form names (the text goes on to say
    ``non-HDL``, ``anti-TNF``). Kept: ``non-small cell lung cancer (NSCLC)``, ``IK(N)``, and
    a short form with a sign, which stands for the whole phrase (``anti-MuSK antibodies
    (MuSK+)``: positive for them).
    """
    prefix = _OPPOSING_PREFIX.match(text, start)
    if prefix is None or short_form.endswith(("+", "-")):
        return start
    if fold(prefix.group()[0]) in letters_of(short_form):
        return start
    return prefix.end()


def _skip_leading_articles(text: str, start: int, end: int, lang: str) -> int:
    """Drop ``l'``, ``d'`` and (in French) articles that precede the long form proper."""
    articles = FRENCH_ARTICLES if lang == "fr" else frozenset()
    while start < end:
        elision = ELISION.match(text, start)
        if elision:
            start = elision.end()
            continue
        word = re.match(r"(\w+)\s+", text[start:end])
        if word and word.group(1).lower() in articles:
            start += word.end()
            continue
        break
    while start < end and text[start] in "\"'“‘«":
        start += 1
    return start


def _plausible(long_form: str, short_form: str, max_words: int) -> bool:
    """Schwartz–Hearst's checks on the pair found, and balanced brackets."""
    name_start = biomedical.chemical_name_start(long_form)  # past ``(-)-[125I]-``
    if len(long_form) < len(short_form) or not long_form[name_start : name_start + 1].isalnum():
        return False
    if long_form[-1] in "-/":
        return False
    # The short form itself inside the long form: ``5 mg/kg (5 mg)``, ``ER stress (ER)``.
    if re.search(rf"(?<![^\W_]){re.escape(short_form)}(?![^\W_])", long_form):
        return False
    depth = 0
    for char in long_form:
        depth += (char in "([{") - (char in ")]}")
        if depth < 0:
            return False
    return depth == 0 and len(long_form.split()) <= max_words


# --- SF (long form) -----------------------------------------------------------------------------


def _short_long(text: str, group: Parenthesis, lang: str) -> Definition | None:
    """``ASGM (artisanal and small-scale gold mining)``: the short form before the parenthesis."""
    before = re.search(r"(\S+)\s*$", text[max(0, group.open - 30) : group.open])
    if before is None:
        return None
    short_text = before.group(1).rstrip(",")
    if short_text.endswith("-"):
        return None  # a suspended compound: ``Si- (silylene, …) and C-containing species``
    short_start = group.open - len(before.group(0))
    # two capitals, or a capital and a digit: not a capitalised word (``The [TSC Charter]``)
    capitals = sum(c.isupper() for c in short_text)
    digits = any(c.isdigit() for c in short_text)
    if not _is_short_form(short_text) or capitals + digits < 2 or not capitals:
        return None
    inner_start, inner_end = group.inner
    cut = re.search(r";|,\s", text[inner_start:inner_end])
    if cut:
        inner_end = inner_start + cut.start()
    inner_end = rstrip_index(text, inner_start, inner_end)
    start = _spelled_after(text, short_text, inner_start, inner_end, lang)
    if start is None:
        return None
    short = ShortForm(short_text, short_start, short_start + len(short_text), False)
    return definition_spanning(text, short, start, inner_end, lang, "short-long")


def _spelled_after(
    text: str, short_text: str, inner_start: int, inner_end: int, lang: str
) -> int | None:
    """Where the long form of ``short_text`` starts if ``text[inner_start:inner_end]``, past an
    article, spells it out from its first word; None if it does not."""
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    letters = letters_of(short_text)
    if len(letters) < 2:
        return None
    lead = _skip_leading_articles(text, inner_start, inner_end, lang)
    if lang != "fr":
        word = re.match(r"(\w+)\s+", text[lead:inner_end])
        if word and word.group(1).lower() in ENGLISH_ARTICLES:
            lead += word.end()
    chars = _folded(text, lead, inner_end, letters)
    found = _long_form_from(text, chars, lead, lead, inner_end, letters)
    if found is None:
        return None
    max_words = min(len(letters) + 5, len(letters) * 2)
    if not _plausible(text[found.start : inner_end], short_text, max_words):
        return None
    return found.start
