"""Finding the terms of a termbase in normalised text, with automata compiled once per language.

Each language has up to two leftmost-longest Aho-Corasick automata (daachorse, byte-wise, UTF-8):

- *folded*: full and short forms of cased scripts, lowercased, scanned over the lowercased
  text, so that ``Open-ended working group`` matches at the start of a sentence;
- *exact*: acronyms (case matters: ``iso`` is not ISO), their plurals (``NGOs``), and terms of
  scripts without case (Chinese), scanned over the text as it is.

Leftmost-longest: ``手工和小规模采金业`` is one match, never ``手工和小规模采金`` plus debris, and
nothing matches inside a longer known term. A term whose first or last character is a letter or
digit of a script that separates words with spaces must stand between non-letters there (``ISA``
never inside ``ISAAC``); CJK terms match anywhere. When a hit fails that test the scan looks again
from there, so a shorter or later valid match is never lost (``ISAAC and ISA`` finds ``ISA``).
An acronym directly followed by a session number (``UNEA 5``, ``UNEA-5``, ``UNEA5``) is one
match with ``session="5"``. Typographic apostrophes count as ``'`` (``l’Assemblée``).

Compiled automata are kept in the termbase cache (:mod:`termkit.termbase.cache`) when the
termbase came from it, so a second run loads them in milliseconds instead of building them.
"""

from __future__ import annotations

import functools
import itertools
import marshal
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from termkit.errors import TermkitError
from termkit.i18n import T_
from termkit.model import Status, Term, Termbase, TermType
from termkit.patterns import compile_pattern
from termkit.shards import ShardedAutomaton, shard_order
from termkit.termbase.cache import (
    Buffer,
    CachedConcepts,
    EncodedTerm,
    cache_key_of,
    decode_term,
    encode_term,
    pack_payload,
    paused_gc,
    read_entry,
    remove_entry,
    unpack_payload,
    write_entry,
)

__all__ = ["Match", "NearMiss", "TermMatcher"]

# Bump when the compiled tables change shape, so that older cache entries are rebuilt.
_TABLES_FORMAT = 7

# Per-pattern flags, one byte each.
_NEED_LEFT = 1  # first character is a word character: the one before must not be
_NEED_RIGHT = 2  # likewise for the last character and the one after
_ACRONYM = 4  # may carry a session number
_PLURAL = 8  # a plural the matcher made (or the termbase recorded) for a term
_EDGES = _NEED_LEFT | _NEED_RIGHT

# The normaliser folds these too; folding them here again keeps find() right on raw text.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
# An acronym's session number: "UNEA 5", "UNEA-5", "UNEA5" (one or two digits, no more).
_SESSION = re.compile(rb"[ \-]?([0-9]{1,2})(?![0-9])")
_SESSION_LEAD = frozenset(b" -0123456789")
_ASCII_WORD = bytes(1 if chr(b).isalnum() else 0 for b in range(128))
_TOKENS = compile_pattern(r"[^\W_]+(?:-[^\W_]+)*")
_SURROGATE = compile_pattern("[\ud800-\udfff]")

_T = TypeVar("_T")
_F = TypeVar("_F", bound=Callable[..., Any])
_Hit = tuple[int, int, int, "str | None"]  # start, end (bytes), pattern id, session
_Span = _Hit  # the same with character offsets
# Word pairs written with a hyphen, words written solid.
_HyphenIndex = tuple[frozenset[tuple[str, str]], frozenset[str]]


@dataclass(frozen=True)
class Match:
    """A term found in a text: where, as written, and every term of the language spelled so."""

    start: int
    end: int
    text: str
    terms: tuple[Term, ...]
    plural: bool = False
    session: str | None = None

    @property
    def concept_ids(self) -> tuple[str, ...]:
        """The concepts the match names (several for homonymous acronyms): those whose preferred
        term it is first, then in termbase order."""
        return tuple(dict.fromkeys(t.concept_id for t in self.terms))


@dataclass(frozen=True)
class NearMiss:
    """A span that is no known term but closely resembles ``term`` (``score`` 0–100)."""

    start: int
    end: int
    text: str
    term: Term
    score: float


# Near misses are found between an anchor at a term's start and one at its end: the first and last
# four characters of a Chinese term, the first two words and the last word of a Latin one (shorter
# anchors hit everywhere). Shorter terms vary too little to tell a variant from another word.
_ANCHOR_CHARS = 4
_ANCHOR_WORDS = 2
_MIN_CJK_LENGTH = 8
_MIN_LATIN_WORDS = 4
_ANCHORS_FORMAT = 7
_NEAR_MISS_CHUNK = 1 << 18  # characters
_MAX_NEAR_MISS_LENGTH = 160  # characters; longer variants are not looked for


def _unspaced(code: int) -> bool:
    """Scripts written without spaces between words (CJK, Hangul syllables as particles, Thai…)."""
    return (
        0x2E80 <= code <= 0xA4CF
        or 0xAC00 <= code <= 0xD7AF
        or 0x1100 <= code <= 0x11FF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF66 <= code <= 0xFFDC
        or 0x0E00 <= code <= 0x0EFF
        or 0x1780 <= code <= 0x17FF
        or code >= 0x20000
    )


@functools.lru_cache(maxsize=4096)
def _is_word_char(char: str) -> bool:
    """A letter, digit or combining mark of a script that separates words with spaces."""
    if len(char) != 1:
        return False
    if char.isalnum():
        return not _unspaced(ord(char))
    return unicodedata.category(char).startswith("M")


def _word_before(data: bytes, index: int) -> bool:
    byte = data[index - 1]
    if byte < 0x80:
        return bool(_ASCII_WORD[byte])
    lead = index - 1
    while lead > 0 and data[lead] & 0xC0 == 0x80:
        lead -= 1
    return _is_word_char(data[lead:index].decode("utf-8", "surrogatepass"))


def _word_at(data: bytes, index: int) -> bool:
    byte = data[index]
    if byte < 0x80:
        return bool(_ASCII_WORD[byte])
    size = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
    return _is_word_char(data[index : index + size].decode("utf-8", "surrogatepass"))


def _accept(data: bytes, start: int, end: int, pid: int, flags: int) -> _Hit | None:
    """The hit if it stands between word boundaries (an acronym may take a session number)."""
    if flags & _NEED_LEFT and start and _word_before(data, start):
        return None
    size = len(data)
    if flags & _ACRONYM and end < size and data[end] in _SESSION_LEAD:
        session = _SESSION.match(data, end)
        if session is not None and (session.end() == size or not _word_at(data, session.end())):
            return (start, session.end(), pid, session.group(1).decode("ascii"))
    if flags & _NEED_RIGHT and end < size and _word_at(data, end):
        return None
    return (start, end, pid, None)


def _fold_case(text: str) -> str:
    """Lowercase ``text`` without changing its length, so that offsets stay valid."""
    folded = text.lower()
    if len(folded) != len(text):
        # Rare characters lowercase to two (İ → i̇): keep those as they are.
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return folded


def _edge_flags(key: str) -> int:
    flags = _NEED_LEFT if _is_word_char(key[0]) else 0
    return flags | (_NEED_RIGHT if _is_word_char(key[-1]) else 0)


class _PatternSet:
    """One automaton, and for each of its patterns its flags and the terms it spells.

    The terms are kept encoded (:func:`~termkit.termbase.cache.encode_term`, marshalled), one
    blob for all patterns, and each pattern's decoded on first use: a build never makes a
    :class:`~termkit.model.Term`, and the cache stores the blob as it is.
    """

    __slots__ = ("_automaton", "_blob", "_ends", "_terms", "flags", "max_bytes")

    def __init__(
        self,
        automaton: Any,  # byte-wise DoubleArrayAhoCorasick, or character-wise for overlapping
        flags: bytes,
        ends: array[int],
        blob: bytes | bytearray,
        max_bytes: int,
    ) -> None:
        self._automaton = automaton
        self.flags = flags
        # The terms of pattern i are decoded on first use from blob[ends[i - 1]:ends[i]].
        self._terms: list[tuple[Term, ...] | None] = [None] * len(ends)
        self._ends = ends
        self._blob = memoryview(blob)
        self.max_bytes = max_bytes

    @classmethod
    def build(
        cls,
        terms: _Table,
        flags: bytes,
        *,
        overlapping: bool = False,
    ) -> _PatternSet | None:
        """Compile the patterns ``terms`` maps to their (encoded) terms, whose flags are
        ``flags``, in the same order; None when there are none.

        ``overlapping``: a character-wise automaton for :meth:`overlapping` (every hit, even
        those inside or across others) instead of byte-wise leftmost-longest :meth:`scan`.
        """
        if not terms:
            return None
        if len(flags) != len(terms):
            raise ValueError("one flag per pattern")  # a bug, not damage: never caught as such
        import daachorse

        automaton: Any
        spellings = list(terms)
        if not overlapping and (shards := shard_order(spellings)) is not None:
            automaton = ShardedAutomaton.build(spellings, shards)  # a very large table
            longest = automaton.longest
        else:
            keys = [key.encode("utf-8", "surrogatepass") for key in spellings]
            automaton = (
                daachorse.CharwiseDoubleArrayAhoCorasick(spellings, daachorse.MATCH_KIND_STANDARD)
                if overlapping
                else daachorse.DoubleArrayAhoCorasick(keys, daachorse.MATCH_KIND_LEFTMOST_LONGEST)
            )
            longest = max(map(len, keys))
            del keys
        del spellings
        # Appended to one buffer: a list of them and its join would each hold them all again.
        dumps = marshal.dumps
        blob = bytearray()
        ends = array("Q")
        for spelled in terms.values():
            blob += dumps((spelled,) if type(spelled) is tuple else tuple(spelled))
            ends.append(len(blob))
        return cls(automaton, flags, ends, blob, longest)

    def dump(self) -> tuple[tuple[object, bytes, int, int], list[Buffer]]:
        """The pattern set for the cache: plain values (``marshal``), and the large parts (the
        automaton or its shards, the terms' blob) as they are, to be written without a copy."""
        automaton = self._automaton
        shards, automata = (
            automaton.serialize()
            if isinstance(automaton, ShardedAutomaton)
            else (None, [automaton.serialize()])
        )
        return (
            (shards, self.flags, self.max_bytes, len(automata) + 2),
            [*automata, memoryview(self._ends).cast("B"), self._blob],
        )

    @classmethod
    def load(
        cls,
        plain: tuple[object, bytes, int, int],
        sections: Sequence[memoryview],
        *,
        overlapping: bool = False,
    ) -> _PatternSet:
        """The pattern set :meth:`dump` gave; raises ValueError on a damaged one."""
        import daachorse

        shards, flags, max_bytes, _ = plain
        *automata, ends_bytes, blob = sections
        ends = array("Q")
        ends.frombytes(ends_bytes)
        if len(flags) != len(ends) or (ends and ends[-1] != len(blob)):
            raise ValueError(T_("damaged pattern set"))
        automaton: Any
        if shards is not None and not overlapping:
            automaton = ShardedAutomaton.deserialize(shards, [bytes(a) for a in automata])
            if automaton.size != len(ends):
                raise ValueError(T_("damaged pattern set"))
        elif len(automata) == 1:
            kind = (
                daachorse.CharwiseDoubleArrayAhoCorasick
                if overlapping
                else daachorse.DoubleArrayAhoCorasick
            )
            automaton = kind.deserialize(bytes(automata[0]))
        else:
            raise ValueError(T_("damaged pattern set"))
        return cls(automaton, flags, ends, bytes(blob), max_bytes)

    def terms_of(self, pid: int) -> tuple[Term, ...]:
        """The terms pattern ``pid`` spells (decoded from the cache on first use)."""
        terms = self._terms[pid]
        if terms is None:
            ends = self._ends
            encoded = marshal.loads(self._blob[ends[pid - 1] if pid else 0 : ends[pid]])
            terms = self._terms[pid] = tuple(map(decode_term, encoded))
        return terms

    def overlapping(self, text: str) -> list[tuple[int, int, int]]:
        """Every hit in ``text`` as (start, end, pattern id), character offsets, overlaps kept
        (a set built with ``overlapping=True``)."""
        try:
            hits: list[tuple[int, int, int]] = self._automaton.find_overlapping(text)
        except UnicodeEncodeError:
            # A lone surrogate (text made in code: check_text("The \\ud800")), which the
            # automaton cannot take: one U+FFFD for each keeps every offset, and matches no term.
            hits = self._automaton.find_overlapping(_SURROGATE.sub("\ufffd", text))
        return hits

    def scan(self, data: bytes) -> list[_Hit]:
        """Every valid leftmost-longest hit in ``data``, in order, as byte offsets."""
        flags = self.flags
        hits = self._automaton.find(data)
        found: list[_Hit] = []
        i, count = 0, len(hits)
        while i < count:
            start, end, pid = hits[i]
            flag = flags[pid]
            if not flag & _EDGES:
                found.append((start, end, pid, None))
                i += 1
                continue
            hit = _accept(data, start, end, pid, flag)
            if hit is not None and hit[1] == end:
                found.append(hit)
                i += 1
                continue
            # Rare: a hit inside a longer word, or one that took a session number. The automaton's
            # own scan went on from its end; scan again from here until we are back in step with it.
            if hit is not None:
                found.append(hit)
                position = hit[1]
            else:
                position = self._step(data, start, found)
            while True:
                while i < count and hits[i][0] < position:
                    i += 1
                if hits[i - 1][1] <= position:
                    # No automaton hit straddles `position`, so its scan from here is ours.
                    break
                position = self._step(data, position, found)
        return found

    def _step(self, data: bytes, position: int, found: list[_Hit]) -> int:
        """Look for the leftmost-longest valid hit from ``position``; return where to go on."""
        size, longest = len(data), self.max_bytes
        stop = min(size, position + max(4 * longest, 256))
        window: list[tuple[int, int, int]] = self._automaton.find(data[position:stop])
        if not window:
            return size if stop == size else stop - longest + 1
        start, end, pid = (position + window[0][0], position + window[0][1], window[0][2])
        if stop < size and start + longest > stop:
            # A longer candidate (here or a little earlier) might run past the window's end.
            return min(start, stop - longest + 1)
        while True:
            hit = _accept(data, start, end, pid, self.flags[pid])
            if hit is not None:
                found.append(hit)
                return hit[1]
            # The longest pattern here failed: try the shorter ones that start here too.
            shorter: list[tuple[int, int, int]] = (
                self._automaton.find(data[start : end - 1]) if end - 1 > start else []
            )
            if not shorter or shorter[0][0] != 0:
                return start + 1
            end, pid = start + shorter[0][1], shorter[0][2]


# The compiled tables of a language come in parts, each a cache entry of its own: "exact", the
# automaton of acronyms and of terms without case; "folded", the case-folded one; and "words",
# the Latin-script words of its terms (for keep_hyphen). A French text's check needs the first
# two, an English text's only the French acronyms (TK205), in the exact one.


def _dump_part(value: _PatternSet | str | None, engine: str) -> list[Buffer]:
    plain, sections = value.dump() if isinstance(value, _PatternSet) else (value, [])
    return pack_payload((_TABLES_FORMAT, engine, plain), sections)


def _load_part(payload: memoryview, part: str, engine: str) -> _PatternSet | str | None:
    """The part :func:`_dump_part` stored; raises ValueError when it is of another version."""
    (format_, stored_engine, plain), sections = unpack_payload(payload)
    if format_ != _TABLES_FORMAT or stored_engine != engine:
        raise ValueError(T_("compiled tables of another version"))
    if part == "words":
        if not isinstance(plain, str):
            raise ValueError(T_("damaged word list"))
        return plain
    return _PatternSet.load(plain, sections) if plain else None


def _part_entry(
    lang: str, part: str
) -> tuple[str, Callable[[memoryview], tuple[_PatternSet | str | None]]]:
    """The cache entry of ``part`` of the tables of ``lang``: its kind, and its loader."""
    engine = _engine_tag()
    return _engine_kind(f"matcher-{lang}-{part}"), lambda payload: (
        _load_part(payload, part, engine),
    )


def _load_anchors(payload: memoryview) -> _Anchors | None:
    """The anchors :func:`_dump_anchors` stored; None when of another version."""
    (format_, stored_engine, prefix, suffix), sections = unpack_payload(payload)
    if format_ != _ANCHORS_FORMAT or stored_engine != _engine_tag():
        return None
    split = prefix[-1] if prefix else 0  # how many sections are the prefixes'
    return (
        _PatternSet.load(prefix, sections[:split], overlapping=True) if prefix else None,
        _PatternSet.load(suffix, sections[split:], overlapping=True) if suffix else None,
    )


def _dump_anchors(built: _Anchors) -> list[Buffer]:
    prefix, suffix = (pattern_set.dump() if pattern_set else (None, []) for pattern_set in built)
    return pack_payload((_ANCHORS_FORMAT, _engine_tag(), prefix[0], suffix[0]),
                        [*prefix[1], *suffix[1]])


@functools.cache
def _engine_tag() -> str:
    """Identifies the installed daachorse build, whose serialised automata the cache holds."""
    import os

    import daachorse

    extension = getattr(daachorse, "daachorse", None)
    try:
        stat = os.stat(getattr(extension, "__file__", None) or "")
    except OSError:
        return "daachorse"
    return f"daachorse-{stat.st_size}-{stat.st_mtime_ns}"


def _engine_kind(kind: str) -> str:
    """The cache entry name for automata of this daachorse build. Two installs of termkit (the
    user's, pre-commit's) share the cache directory: under one name they would each throw the
    other's automata away and compile their own, seconds on every other run."""
    import zlib

    return f"{kind}@{zlib.crc32(_engine_tag().encode()):08x}"


def _compiled_terms(termbase: Termbase, langs: Set[str]) -> Iterator[EncodedTerm]:
    """The terms of ``langs`` for a compile, encoded (:func:`encode_term`), in concept order:
    those from the cache as they are stored, never decoded into :class:`~termkit.model.Term`
    objects (a compile reads every term; a check afterwards decodes the few it finds)."""
    concepts = termbase.concepts
    if isinstance(concepts, CachedConcepts):
        yield from concepts.transient_encoded(langs)
        return
    for concept in concepts.values():
        for term in concept.terms:
            if term.lang in langs:
                yield encode_term(term)


# An encoded term's fields (see encode_term)
_TEXT: Final = 0
_LANG: Final = 1
_TYPE: Final = 2
_STATUS: Final = 3
_PLURAL_FORM: Final = 7
_ACRONYM_TYPE = TermType.ACRONYM.value
_STATUS_RANKS = {status.value: status.rank for status in Status}
# A key's terms: the one term most keys have as it is (a list for each of 450,000 keys took 37 MB
# at 80,000 concepts), a list of them for the others.
_Spelled = EncodedTerm | list[EncodedTerm]
_Table = dict[str, _Spelled]
_Anchors = tuple[_PatternSet | None, _PatternSet | None]
_DEPRECATED = Status.DEPRECATED.value


def _add(table: _Table, key: str, term: EncodedTerm) -> None:
    """Add ``term`` to the terms ``table`` holds for ``key``."""
    held = table.get(key)
    if held is None:
        table[key] = term
    elif type(held) is list:
        held.append(term)
    else:
        table[key] = [held, term]  # type: ignore[list-item]  # held is one term


def _terms(spelled: _Spelled) -> list[EncodedTerm]:
    """The terms of a table's value, as a list."""
    return spelled if type(spelled) is list else [spelled]  # type: ignore[list-item]


# The exact and folded tables, each with its keys that only plurals spell (see _sorted_terms)
_Sorted = tuple[_Table, set[str], _Table, set[str]]


def _compile_part(sorted_terms: _Sorted, part: str) -> _PatternSet | str | None:
    """Compile one part of a language's tables (exact, folded or words) from its terms."""
    exact, exact_plurals, folded, folded_plurals = sorted_terms
    if part == "exact":
        flags = bytes(
            _edge_flags(key) | _PLURAL if key in exact_plurals else _term_flags(key, _terms(terms))
            for key, terms in exact.items()
        )
        return _PatternSet.build(exact, flags)
    if part == "folded":
        # No acronym is folded: only edges count there
        flags = bytes(
            _edge_flags(key) | _PLURAL if key in folded_plurals else _edge_flags(key)
            for key in folded
        )
        return _PatternSet.build(folded, flags)
    # The words of the Latin-script terms, for keep_hyphen; one regex pass over all the keys.
    words = set(_TOKENS.findall("\n".join((*exact, *folded)).lower()))
    return "\n".join(sorted(w for w in words if not _unspaced(ord(w[0]))))


def _sorted_terms(
    termbase: Termbase,
    lang: str,
    *,
    folded_too: bool = True,
    anchors: tuple[_Table, _Table] | None = None,
    collect: Mapping[str, list[EncodedTerm]] | None = None,
    terms: Iterable[EncodedTerm] | None = None,
) -> _Sorted:
    """Sort the terms of ``lang`` into the exact and folded automata, with plurals; each table
    comes with the keys that only plurals spell (their flags say so: :func:`_compile_part`).

    Without ``folded_too`` the folded table stays empty (and its plurals unmade): another
    language's acronyms (TK205) need only the exact one. ``anchors``, prefix and suffix tables,
    are filled as :func:`_compile_anchors` fills them, in the same pass over the terms.
    ``collect`` maps other languages to lists that the same pass fills with the terms of theirs
    that a sort without ``folded_too`` would read: given to that sort as ``terms``, they spare
    it a pass over the termbase (which, served from the cache, reads every concept).
    """
    # Terms are written the way the normaliser writes text (full-width forms, apostrophes).
    from termkit.forms import english_plural, french_plural
    from termkit.text.normalize import fold

    exact: _Table = {}
    folded: _Table = {}
    plurals: list[tuple[bool, str, EncodedTerm]] = []  # (in the exact table?, key, term)
    primary = lang.split("-")[0]
    english, french = primary == "en", primary == "fr"
    if terms is None:
        terms = _compiled_terms(termbase, {lang, *(collect or ())})
    for term in terms:
        if collect and term[_LANG] != lang:
            if _in_exact_only(term):
                collect[term[_LANG]].append(term)
            continue
        if not (folded_too or _in_exact_only(term)):
            continue  # a folded term, not wanted
        text = term[_TEXT]
        acronym = term[_TYPE] == _ACRONYM_TYPE
        if not text.isascii():
            text = fold(text)
        # Acronyms keep their case (iso is not ISO); so may terms without case (Chinese).
        in_exact = acronym or text.lower() == text.upper()
        if not (in_exact or folded_too):
            continue
        key = text if in_exact else _fold_case(text)
        if key == text:
            key = text  # one string for both (the key of most lower-case terms)
        _add(exact if in_exact else folded, key, term)
        if anchors is not None and not acronym and term[_STATUS] != _DEPRECATED:
            _add_anchor(anchors, key, term)
        plural = term[_PLURAL_FORM]
        if plural:
            plural = fold(plural)
            plurals.append((in_exact, plural if in_exact else _fold_case(plural), term))
        elif acronym and text[-1].isalnum() and text[-1] not in "sS":
            plurals.append((True, text + "s", term))
        elif not in_exact and english and (regular := english_plural(key)):
            # multilateral environmental agreements (MEAs): a full form in the plural.
            plurals.append((False, regular, term))
        elif not in_exact and french and (regular := french_plural(text)):
            # accords multilatéraux sur l'environnement (AME): every word before the complement
            # agrees; names (a capital first letter) have no plural.
            plurals.append((False, _fold_case(regular), term))
    # Homonyms: the concept whose preferred term the key is comes first (EMAPE: ASM, then ASGM).
    for table in (exact, folded):
        for spelled in table.values():
            if type(spelled) is list:
                spelled.sort(key=lambda t: _STATUS_RANKS[t[_STATUS]])
    # The keys only plurals spell, not a dict of every key's flags (20 MB at 80,000 concepts):
    # _compile_part works the flags out as it builds.
    exact_plurals: set[str] = set()
    folded_plurals: set[str] = set()
    for in_exact, key, term in plurals:
        table, plural_keys = (exact, exact_plurals) if in_exact else (folded, folded_plurals)
        # A plural that is itself a term (NGOs listed on its own) is that term, not a plural.
        if key and (key not in table or key in plural_keys):
            _add(table, key, term)
            plural_keys.add(key)
    return exact, exact_plurals, folded, folded_plurals


def _in_exact_only(term: EncodedTerm) -> bool:
    """Whether a sort without its folded table (another language's acronyms) reads ``term``:
    an acronym, or a term without case, which the exact table holds (fold() keeps every
    character's case)."""
    text = term[_TEXT]
    return term[_TYPE] == _ACRONYM_TYPE or text.lower() == text.upper()


def _compile_anchors(termbase: Termbase, lang: str) -> _Anchors:
    """The start and end anchors of the long full and short forms of ``lang`` (not deprecated)."""
    from termkit.text.normalize import fold

    tables: tuple[_Table, _Table] = ({}, {})
    for term in _compiled_terms(termbase, {lang}):
        if term[_TYPE] == _ACRONYM_TYPE or term[_STATUS] == _DEPRECATED:
            continue
        text = term[_TEXT]
        _add_anchor(tables, _fold_case(text if text.isascii() else fold(text)), term)
    return _anchor_sets(tables)


def _add_anchor(tables: tuple[_Table, _Table], key: str, term: EncodedTerm) -> None:
    """File ``term`` (a full or short form, not deprecated) in the prefix and suffix tables of
    the anchors, by ``key``, its text folded as the folded automaton's keys are."""
    prefixes, suffixes = tables
    if key.lower() == key.upper():  # no case: Chinese
        if len(key) >= _MIN_CJK_LENGTH:
            _add(prefixes, key[:_ANCHOR_CHARS], term)
            _add(suffixes, key[-_ANCHOR_CHARS:], term)
        return
    words = key.split()
    if len(words) >= _MIN_LATIN_WORDS:
        # Two words start the span, one ends it: a typo in the last words (Tailing Management)
        # must not hide the variant. The end is looked for in the text, not with an anchor.
        _add(prefixes, " ".join(words[:_ANCHOR_WORDS]), term)


def _anchor_sets(tables: tuple[_Table, _Table]) -> _Anchors:
    prefixes, suffixes = tables
    # No boundary flags: a failed boundary makes the scan look again from there, which common
    # words inside longer words would make the rule's main cost; the pairing checks boundaries.
    return (
        _PatternSet.build(prefixes, bytes(len(prefixes)), overlapping=True),
        _PatternSet.build(suffixes, bytes(len(suffixes)), overlapping=True),
    )


def _specialises(found: str, term: str) -> bool:
    """Whether ``found`` is ``term`` with a modifier inserted: 不限成员名额的技术工作组 is a
    technical working group, not a variant spelling of 不限成员名额的工作组. A one-character
    insertion (的) or any change to the term's own characters still counts as a variant."""
    from rapidfuzz.distance import Indel

    if Indel.distance(found, term) != len(found) - len(term):
        return False  # something of the term itself was dropped or changed
    inserted = len(found) - len(term)
    if " " in term:
        return len(found.split()) > len(term.split())
    return inserted >= 2


def _paragraph_chunks(text: str, size: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pieces of ``text`` of about ``size`` characters, cut after a newline."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size)
        end = len(text) if cut < 0 else cut + 1
        yield start, end
        start = end


def _inside_known(
    spans: list[tuple[int, int]], starts: list[int], start: int, end: int
) -> bool:
    """Whether ``start:end`` lies within one of the sorted ``spans``."""
    index = bisect_right(starts, start) - 1
    return index >= 0 and spans[index][1] >= end


def _term_flags(key: str, terms: list[EncodedTerm]) -> int:
    acronym = any(t[_TYPE] == _ACRONYM_TYPE for t in terms)
    return _edge_flags(key) | (_ACRONYM if acronym else 0)


def _spans(patterns: _PatternSet, scanned: str) -> list[_Span]:
    """The valid hits of ``patterns`` in ``scanned``, with character offsets."""
    data = scanned.encode("utf-8", "surrogatepass")
    hits = patterns.scan(data)
    if not hits or len(data) == len(scanned):  # ASCII: byte offsets are character offsets
        return hits
    return [
        (start, end, pid, session)
        for (start, end), (_, _, pid, session) in zip(_char_spans(data, hits), hits, strict=True)
    ]


def _char_spans(data: bytes, hits: list[_Hit]) -> list[tuple[int, int]]:
    """Byte offsets of ordered hits in UTF-8 ``data`` → character offsets."""
    spans: list[tuple[int, int]] = []
    byte_at = char_at = 0
    for start, end, _, _ in hits:
        char_at += len(data[byte_at:start].decode("utf-8", "surrogatepass"))
        byte_at = start
        spans.append((char_at, char_at + len(data[start:end].decode("utf-8", "surrogatepass"))))
    return spans


def _term_order(term: Term) -> tuple[int, str, str]:
    """Preferred before admitted, then by concept and text: the same answer whatever the hash
    seed, and on equal scores the better status wins."""
    return (term.status.rank, term.concept_id, term.text)


class _NearMissSearch:
    """One :meth:`TermMatcher.find_near_misses` call: the text (and its case-folded copy, which
    is searched), the spans of the terms found in it, and the best near miss at each start.

    A near miss runs from a prefix anchor's hit to where the term could end: a Latin term's last
    word found in the window after its start (:meth:`latin_ends`), which costs far less than an
    automaton of last words that hit everywhere, or a Chinese term's suffix anchor, its last four
    characters (:meth:`chinese_ends`).
    """

    def __init__(
        self, text: str, lowered: str, known: Iterable[tuple[int, int]], threshold: float
    ) -> None:
        self.text = text
        self.lowered = lowered
        self.threshold = threshold
        # rapidfuzz on first use: 6 ms of a pre-commit run, and a clean text scores nothing
        self.ratio: Callable[[str, str], float] | None = None
        self.spans = sorted(known)
        self.span_starts = [start for start, _ in self.spans]
        self.best: dict[int, NearMiss] = {}
        self.suffix_sets: dict[int, frozenset[Term]] = {}

    def boundary(self, index: int) -> bool:
        """Whether ``index`` is past either end of the text or on no word character."""
        lowered = self.lowered
        return not (0 <= index < len(lowered) and _is_word_char(lowered[index]))

    def scan(
        self, base: int, limit: int, prefixes: _PatternSet, suffixes: _PatternSet | None
    ) -> None:
        """Look for near misses starting in ``lowered[base:limit]``, whole paragraphs."""
        lowered = self.lowered
        chunk = lowered[base:limit]
        suffix_hits = sorted(
            (base + end, pid) for _, end, pid in (suffixes.overlapping(chunk) if suffixes else ())
        )
        suffix_ends = [end for end, _ in suffix_hits]
        for start, _, pid in prefixes.overlapping(chunk):
            start += base
            if _is_word_char(lowered[start]) and not self.boundary(start - 1):
                continue
            starting = sorted(prefixes.terms_of(pid), key=_term_order)
            latin = [t for t in starting if " " in t.text]
            for term in latin:
                self.latin_ends(start, term)
            if len(latin) == len(starting) or suffixes is None:
                continue
            chinese = frozenset(starting).difference(latin)
            self.chinese_ends(start, chinese, suffixes, suffix_hits, suffix_ends)

    def latin_ends(self, start: int, term: Term) -> None:
        """Consider every span from ``start`` to ``term``'s last word, standing as a word, in
        the window the length of ``term`` allows."""
        lowered = self.lowered
        last_word = _fold_case(term.text).rsplit(" ", 1)[-1]
        size = len(term.text)
        low, high = start + int(size * 0.7), start + int(size * 1.4) + 1
        at = lowered.find(last_word, max(start, low - len(last_word)), high)
        while at >= 0:
            end = at + len(last_word)
            if self.boundary(at - 1) and self.boundary(end):
                self.consider(start, end, term)
            at = lowered.find(last_word, at + 1, high)

    def chinese_ends(
        self,
        start: int,
        chinese: frozenset[Term],
        suffixes: _PatternSet,
        suffix_hits: list[tuple[int, int]],
        suffix_ends: list[int],
    ) -> None:
        """Consider every span from ``start`` to a suffix anchor's hit (sorted ``suffix_hits``,
        their ends ``suffix_ends``) of one of the ``chinese`` terms, up to the longest length."""
        first = bisect_right(suffix_ends, start)
        last = bisect_right(suffix_ends, start + _MAX_NEAR_MISS_LENGTH)
        for end, suffix_pid in suffix_hits[first:last]:
            if suffix_pid not in self.suffix_sets:
                self.suffix_sets[suffix_pid] = frozenset(suffixes.terms_of(suffix_pid))
            for term in sorted(chinese & self.suffix_sets[suffix_pid], key=_term_order):
                self.consider(start, end, term)

    def consider(self, start: int, end: int, term: Term) -> None:
        """Keep ``text[start:end]`` as the near miss at ``start`` if it resembles ``term``
        enough, is no known term and is not ``term`` with a modifier, and scores best there."""
        size = len(term.text)
        if not size * 0.7 <= end - start <= size * 1.4 + 1:
            return
        found = self.lowered[start:end]
        if "\n" in found or _inside_known(self.spans, self.span_starts, start, end):
            return
        wanted = _fold_case(term.text)
        if self.ratio is None:
            from rapidfuzz.fuzz import ratio

            self.ratio = ratio
        score = self.ratio(found, wanted)
        if score < self.threshold or score >= 100 or _specialises(found, wanted):
            return
        current = self.best.get(start)
        if current is None or score > current.score:
            self.best[start] = NearMiss(start, end, self.text[start:end], term, score)

    def chosen(self) -> list[NearMiss]:
        """The near misses kept, best first where they overlap, in text order."""
        chosen: list[NearMiss] = []
        for miss in sorted(self.best.values(), key=lambda m: (-m.score, m.start)):
            if all(miss.end <= other.start or miss.start >= other.end for other in chosen):
                chosen.append(miss)
        return sorted(chosen, key=lambda m: m.start)


def _rebuilt_when_damaged(method: _F) -> _F:
    """Run a lookup again with tables compiled afresh when it fails on tables loaded from the
    cache. An entry may pass its checksum and still be damaged (a bug, or bytes changed on
    purpose and the checksum made again), which shows only in use: a pattern's terms decode
    on first use, long after loading. The entries the matcher loaded are removed, so that the
    next run does not meet the damage again. A failure with fresh tables is a bug: raised."""

    @functools.wraps(method)
    def lookup(self: TermMatcher, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except TermkitError:
            raise  # the termbase's own error (its files changed meanwhile, say), not damage
        except Exception:
            if not self._forget_loaded():
                raise
            return method(self, *args, **kwargs)

    return lookup  # type: ignore[return-value]


class TermMatcher:
    """Every term of a termbase, per language, compiled into automata once; see the module doc."""

    def __init__(self, termbase: Termbase) -> None:
        """Prefer :meth:`compile`; a matcher made here compiles each language on first use."""
        self.termbase = termbase
        self._parts: dict[tuple[str, str], Any] = {}  # (lang, part) → automaton or word list
        self._last_lowered: tuple[str, str] | None = None  # (text, _fold_case(text))
        self._anchors: dict[str, tuple[_PatternSet | None, _PatternSet | None]] = {}
        self._near_miss_languages: set[str] = set()  # see expect_near_misses
        self._acronym_languages: set[str] = set()  # see expect_acronyms
        self._hyphens: _HyphenIndex | None = None
        self._loaded: set[str] = set()  # kinds of the cache entries its tables came from

    @classmethod
    def compile(cls, termbase: Termbase, languages: Iterable[str] | None = None) -> TermMatcher:
        """Compile the terms of ``languages`` (default: every language of the termbase) now.

        Other languages compile when :meth:`find` first asks for them.
        """
        matcher = cls(termbase)
        if languages is None:
            languages = dict.fromkeys((*termbase.languages, *termbase.acronyms_from))
        for lang in languages:
            matcher.preload(lang)
        return matcher

    def expect_near_misses(self, languages: Iterable[str]) -> None:
        """Near misses will be looked for in ``languages``: their anchors are then compiled with
        their tables, from one pass over their terms, when both are missing from the cache."""
        self._near_miss_languages.update(languages)

    def expect_acronyms(self, languages: Iterable[str]) -> None:
        """The acronyms of ``languages`` will be looked for (:meth:`find_acronyms`): when their
        tables are missing from the cache, the next full sort of another language's terms
        collects theirs, in the same pass, and their tables are built from them (a cold check
        of 80,000 concepts reads every concept once, not once more for the French acronyms)."""
        self._acronym_languages.update(languages)

    def preload(self, lang: str, *, anchors: bool = False) -> None:
        """Load (or compile) the automata of ``lang`` now, and its near-miss anchors with
        ``anchors``, rather than on first use."""
        if anchors:
            self.expect_near_misses([lang])
        self._tables(lang, "exact", "folded")
        if anchors:
            self._anchors_for(lang)

    def preload_acronyms(self, lang: str) -> None:
        """Load what :meth:`find_acronyms` needs for ``lang`` now."""
        self._tables(lang, "exact")

    def _tables(self, lang: str, *names: str) -> tuple[Any, ...]:
        """Parts ``names`` (exact, folded, words) of the tables of ``lang``, from the cache, or
        compiled and stored there. One automaton is built at a time, and only those asked for:
        a cold run's peak memory is the largest build, not all of them (daachorse needs ~100 MB
        to build 100,000 patterns), and an English text's check never builds the French full
        forms. The terms are sorted once for the parts built together, and not kept.

        A full sort also files the near-miss anchors of ``lang``, when near misses are to be
        looked for in it (:meth:`expect_near_misses`) and the cache lacks them, and builds them
        first: a cold check reads every term of its language once, not twice (0.35 s of 80,000
        concepts), and the anchors' tables are gone before the largest build. It collects the
        terms of the acronym tables the cache lacks of the languages :meth:`expect_acronyms`
        announced, and builds those tables from them before its own.
        """
        missing = [name for name in names if (lang, name) not in self._parts]
        if missing:
            # Only the exact table asked for (another language's acronyms): no folded one.
            folded_too = any(name != "exact" for name in missing)

            def sort() -> _Sorted:
                anchors: tuple[_Table, _Table] | None = None
                collect: dict[str, list[EncodedTerm]] = {}
                if folded_too:
                    if lang in self._near_miss_languages and not self._anchors_at_hand(lang):
                        anchors = ({}, {})
                    collect = {
                        other: [] for other in sorted(self._acronym_languages)
                        if other != lang and not self._part_at_hand(other, "exact")
                    }
                sorted_terms = _sorted_terms(
                    self.termbase, lang, folded_too=folded_too, anchors=anchors, collect=collect
                )
                while collect:
                    # Built now, not when first asked for: an English and Chinese document's
                    # cold check of 80,000 concepts peaks 7.5 MB higher with the French acronym
                    # table built before the Chinese tables, some 28 MB with its terms kept
                    # till then.
                    other, terms = collect.popitem()
                    acronyms = functools.cache(functools.partial(
                        _sorted_terms, self.termbase, other, folded_too=False, terms=terms
                    ))
                    del terms
                    self._parts[(other, "exact")] = self._part_of(other, "exact", acronyms, True)
                    del acronyms  # and with it the terms, before the anchors are built
                if anchors is not None:
                    self._anchors_for(lang, anchors)
                return sorted_terms

            sorted_terms = functools.cache(sort)
            for name in missing:
                last = name == missing[-1]
                self._parts[(lang, name)] = self._part_of(lang, name, sorted_terms, last)
        return tuple(self._parts[(lang, name)] for name in names)

    def _part_of(
        self, lang: str, name: str, sorted_terms: functools._lru_cache_wrapper[_Sorted],
        last: bool,
    ) -> Any:
        def build() -> tuple[Any]:
            part = _compile_part(sorted_terms(), name)
            if last:  # the sorted terms go before the part is saved (80,000 concepts: 145 MB)
                sorted_terms.cache_clear()
            return (part,)

        kind, load = _part_entry(lang, name)
        engine = _engine_tag()
        (value,) = self._cached(kind, load, build, lambda built: _dump_part(built[0], engine))
        return value

    def _cached(
        self,
        kind: str,
        load: Callable[[memoryview], _T | None],
        build: Callable[[], _T],
        dump: Callable[[_T], Buffer | Sequence[Buffer]],
    ) -> _T:
        """What the termbase cache holds under ``kind`` for this termbase (``load`` gives None
        or raises when it does not fit), else ``build()`` it and store ``dump`` of it."""
        loaded = self._load_cached(kind, load)
        if loaded is not None:
            return loaded
        self._last_lowered = None  # a build needs the memory more (13 MB for a 10 MB text)
        with paused_gc():
            built = build()
        # Served as built: a pattern set holds its terms encoded, as a warm run's loaded one does.
        self._store(kind, dump(built))
        return built

    def _load_cached(self, kind: str, load: Callable[[memoryview], _T | None]) -> _T | None:
        key = cache_key_of(self.termbase)
        if key is None or (payload := read_entry(key, kind)) is None:
            return None
        try:
            loaded = load(payload)
        except Exception:  # any damage means: build it again (and replace the entry)
            return None
        if loaded is not None:
            self._loaded.add(kind)
        return loaded

    def _forget_loaded(self) -> bool:
        """Remove the cache entries this matcher loaded, and drop its tables, so that they
        are compiled again on next use; False when it loaded none."""
        key = cache_key_of(self.termbase)
        if key is None or not self._loaded:
            return False
        for kind in self._loaded:
            remove_entry(key, kind)
        self._loaded.clear()
        self._parts.clear()
        self._anchors.clear()
        self._hyphens = None
        return True

    def _store(self, kind: str, payload: Buffer | Sequence[Buffer]) -> None:
        """Write ``payload`` to the cache under ``kind`` (unless this termbase is uncached)."""
        key = cache_key_of(self.termbase)
        if key is not None:
            write_entry(key, kind, payload)

    def _lowered(self, text: str) -> str:
        """``_fold_case(text)``, kept for the last text: a check lowers the same document in
        :meth:`find` and in :meth:`find_near_misses`, for each language (40 ms per 10 MB)."""
        last = self._last_lowered
        if last is not None and last[0] is text:
            return last[1]
        lowered = _fold_case(text)
        self._last_lowered = (text, lowered)
        return lowered

    @_rebuilt_when_damaged
    def find(
        self, text: str, lang: str, keep: Callable[[int], bool] | None = None
    ) -> list[Match]:
        """The terms of ``lang`` in ``text`` (borrowed acronyms too), leftmost-longest, in order.

        ``text`` is normalised (:func:`termkit.text.normalize`: line breaks inside terms removed,
        full-width forms folded); offsets index it. ``lang`` is a language tag of the termbase.
        ``keep(start)``, asked in text order once the hits are resolved (so that it changes no
        other match), says which matches are wanted: those it drops (a Chinese paragraph's
        English acronym, for the English scan) are never built nor their terms decoded.
        """
        exact: _PatternSet | None
        folded: _PatternSet | None
        exact, folded = self._tables(lang, "exact", "folded")
        if not text:
            return []
        exact_text = text.translate(_APOSTROPHES) if "\u2019" in text or "\u02bc" in text else text
        found = _spans(exact, exact_text) if exact is not None else []
        other = _spans(folded, self._lowered(exact_text)) if folded is not None else []
        if exact is None or not found:
            return self._matches(folded, other, text, keep) if folded is not None else []
        if folded is None or not other:
            return self._matches(exact, found, text, keep)
        return self._merged(exact, found, folded, other, text, keep)

    @_rebuilt_when_damaged
    def find_acronyms(
        self, text: str, lang: str, keep: Callable[[int], bool] | None = None
    ) -> list[Match]:
        """Only the acronyms of ``lang`` in ``text`` (one automaton: cheaper than :meth:`find`).

        ``check`` uses it to find another language's acronyms in a text (TK205). ``keep`` as
        for :meth:`find`.
        """
        exact: _PatternSet | None
        (exact,) = self._tables(lang, "exact")
        if exact is None or not text:
            return []
        exact_text = text.translate(_APOSTROPHES) if "\u2019" in text or "\u02bc" in text else text
        return [
            match
            for match in self._matches(exact, _spans(exact, exact_text), text, keep)
            if all(term.is_acronym for term in match.terms)
        ]

    @staticmethod
    def _matches(
        patterns: _PatternSet,
        spans: list[_Span],
        text: str,
        keep: Callable[[int], bool] | None = None,
    ) -> list[Match]:
        flags, terms_of = patterns.flags, patterns.terms_of
        return [
            Match(start, end, text[start:end], terms_of(pid), bool(flags[pid] & _PLURAL), session)
            for start, end, pid, session in spans
            if keep is None or keep(start)
        ]

    @staticmethod
    def _merged(
        exact: _PatternSet,
        exact_spans: list[_Span],
        folded: _PatternSet,
        folded_spans: list[_Span],
        text: str,
        keep: Callable[[int], bool] | None = None,
    ) -> list[Match]:
        """The spans of both automata as one leftmost-longest sequence; equal spans pool terms.
        A span ``keep`` drops still takes its place (no shorter or later one replaces it)."""
        sets = (exact, folded)
        ordered = sorted(
            [(s, -e, 0, pid, session) for s, e, pid, session in exact_spans]
            + [(s, -e, 1, pid, session) for s, e, pid, session in folded_spans]
        )
        merged: list[Match] = []
        last_end = -1
        kept = False  # whether the last span that took its place was kept
        for start, negative_end, which, pid, session in ordered:
            end = -negative_end
            patterns = sets[which]
            if start >= last_end:
                last_end = end
                kept = keep is None or keep(start)
                if kept:
                    plural = bool(patterns.flags[pid] & _PLURAL)
                    terms = patterns.terms_of(pid)
                    merged.append(Match(start, end, text[start:end], terms, plural, session))
            elif kept and (start, end) == (merged[-1].start, merged[-1].end):
                last = merged[-1]
                terms = tuple(dict.fromkeys((*last.terms, *patterns.terms_of(pid))))
                merged[-1] = Match(start, end, last.text, terms, last.plural, last.session)
        return merged

    @_rebuilt_when_damaged
    def find_near_misses(
        self,
        text: str,
        lang: str,
        known: Iterable[tuple[int, int]],
        threshold: float = 80.0,
    ) -> list[NearMiss]:
        """Spans of ``text`` that are no term but resemble a term of ``lang`` (rapidfuzz ratio at
        least ``threshold``): a variant such as 矿物和金属管理问题全球政府间会议 for
        矿物和金属管理所涉环境问题全球政府间会议. ``known`` are the spans of terms found in ``text``;
        a span inside one is never a near miss. Deprecated terms are not proposed.
        """
        prefixes, suffixes = self._anchors_for(lang)
        if prefixes is None or not text:
            return []
        # The normaliser has folded apostrophes already; raw text gets them folded here.
        if "\u2019" in text or "\u02bc" in text:
            text = text.translate(_APOSTROPHES)
        search = _NearMissSearch(text, self._lowered(text), known, threshold)
        # In chunks of whole paragraphs (a near miss never crosses one), so that the anchors'
        # hits of a long document never sit in memory all at once.
        for base, limit in _paragraph_chunks(search.lowered, _NEAR_MISS_CHUNK):
            search.scan(base, limit, prefixes, suffixes)
        return search.chosen()

    def _anchors_for(
        self, lang: str, tables: tuple[_Table, _Table] | None = None
    ) -> _Anchors:
        """The near-miss anchors of ``lang``: from memory, the cache, or built (from ``tables``,
        filed by :func:`_sorted_terms`, when given)."""
        anchors = self._anchors.get(lang)
        if anchors is None:
            anchors = self._anchors[lang] = self._cached(
                _engine_kind(f"anchors-{lang}"),
                _load_anchors,
                (lambda: _anchor_sets(tables)) if tables is not None
                else (lambda: _compile_anchors(self.termbase, lang)),
                _dump_anchors,
            )
        return anchors

    def _part_at_hand(self, lang: str, name: str) -> bool:
        """Whether part ``name`` of the tables of ``lang`` is in memory, or now loaded from the
        cache."""
        if (lang, name) not in self._parts:
            loaded = self._load_cached(*_part_entry(lang, name))
            if loaded is None:
                return False
            self._parts[(lang, name)] = loaded[0]
        return True

    def _anchors_at_hand(self, lang: str) -> bool:
        """Whether the anchors of ``lang`` are in memory, or now loaded from the cache."""
        if lang not in self._anchors:
            loaded = self._load_cached(_engine_kind(f"anchors-{lang}"), _load_anchors)
            if loaded is None:
                return False
            self._anchors[lang] = loaded
        return True

    @_rebuilt_when_damaged
    def keep_hyphen(self, left: str, right: str) -> bool:
        """Whether a hyphen that ends a line between ``left`` and ``right`` belongs to the word.

        True when the termbase spells ``left-right`` (small-scale), False when it spells
        ``leftright`` (multistakeholder), True when it knows neither (keeping text is safe).
        Looks at the terms of every language of the termbase.
        """
        pairs, joined = self._hyphen_index()
        left_part = left.lower().rsplit("-", 1)[-1]
        right_part = right.lower().split("-", 1)[0]
        if (left_part, right_part) in pairs:
            return True
        return left_part + right_part not in joined

    def _hyphen_index(self) -> _HyphenIndex:
        """Built from the words of every language's terms, not only of the languages loaded so
        far: the answer for one document must not depend on the documents checked before it."""
        if self._hyphens is None:

            def load(payload: memoryview) -> _HyphenIndex | None:
                format_, pairs, joined = marshal.loads(payload)
                return (pairs, joined) if format_ == _TABLES_FORMAT else None

            self._hyphens = self._cached(
                "hyphens",
                load,
                self._build_hyphen_index,
                lambda built: marshal.dumps((_TABLES_FORMAT, *built)),
            )
        return self._hyphens

    def _build_hyphen_index(self) -> _HyphenIndex:
        languages = dict.fromkeys((*self.termbase.languages, *self.termbase.acronyms_from))
        words = {
            word
            for lang in languages
            for word in self._tables(lang, "words")[0].split("\n")
            if word
        }
        pairs = {pair for word in words if "-" in word for pair in itertools.pairwise(word.split("-"))}
        return frozenset(pairs), frozenset(w for w in words if "-" not in w)
