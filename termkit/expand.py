# ruff: noqa: RUF001 -- full-width parentheses are how Chinese defines acronyms
"""``expand``: acronyms spelled out, at their first use or everywhere.

The library behind ``termkit expand``::

    from termkit.expand import expand_text
    expand_text("The OEWG met.", termbase, lang="en")
    # 'The open-ended working group (OEWG) met.'

Acronyms are found by the engine ``check`` uses (:func:`termkit.analysis.analyse_document`): the document is
normalised once (PDF line breaks joined, full-width forms folded, Markdown code, URLs and link
targets masked), matched leftmost-longest, and every hit is located in the original text. Edits
are made there, so that nothing outside them moves:

- ``first`` (default) inserts the full form before the first use of each acronym the document does
  not define yet, in the language's convention: ``full form (ACR)``, ``全称（ACR）``;
- ``all`` replaces every acronym by its full form (plural acronyms by plural full forms) and drops
  the parenthesised acronym of a definition (``全称（ACR）`` → ``全称``).

What is left alone, and why, is recorded as :class:`Note` values: homonyms that neither the
document nor the ``prefer`` setting resolves (French EMAPE), unknown acronyms, acronyms marked
``well-known`` (``first`` mode), numbered sessions (``UNEA 6``, ``all`` mode; in ``first`` mode
a session that is the first use gets the body's name, ``United Nations Environment Assembly
(UNEA 6)``, as ``check`` suggests), and places where an edit would not read right (``an NGO`` →
``an non-governmental…`` in ``first`` mode, ``les ONG`` without a recorded French plural).

:func:`find_acronym_uses` is the shared first step, which ``glossary`` uses too.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from termkit.analysis import VerdictKind
from termkit.analysis.acronym_uses import AcronymUse, DocumentAcronyms, find_acronym_uses
from termkit.edits import Edit, apply_edits, narrow_fix
from termkit.forms import (
    definition_form,
    french_plural,
    full_form,
    local_replacement,
    parentheses,
)
from termkit.i18n import T_, either
from termkit.langtags import primary_subtag
from termkit.model import Concept, Termbase, TermType
from termkit.settings import CheckSettings

if TYPE_CHECKING:
    from termkit.text import LineIndex, Suppressions

__all__ = [
    "ExpandMode",
    "ExpandResult",
    "Note",
    "NoteAction",
    "definition_form",
    "expand_text",
    "expand_with_report",
    "french_plural",
    "full_form",
]


class ExpandMode(str, enum.Enum):
    """``first``: define each acronym at its first use; ``all``: replace every acronym."""

    FIRST = "first"
    ALL = "all"


class NoteAction(str, enum.Enum):
    """What ``expand`` did with one acronym use."""

    EXPANDED = "expanded"  # full form inserted
    REPLACED = "replaced"  # acronym replaced by its full form
    REMOVED = "removed"  # the parenthesised acronym of a definition dropped (``all`` mode)
    REDUCED = "reduced"  # a later definition reduced to its acronym (``first`` mode)
    LOCALIZED = "localized"  # acronym replaced by the text language's own
    SKIPPED = "skipped"  # left alone; the note's detail says why


@dataclass(frozen=True)
class Note:
    """What happened to one acronym use, for ``--report``.

    ``action`` says what was done; ``detail`` is the new text, or why nothing was done.
    ``start``/``end`` locate the acronym in the original.
    """

    start: int
    end: int
    acronym: str
    action: NoteAction
    detail: str
    concept: str | None = None
    homonym: bool = False  # skipped because it names several concepts (always worth saying)


_SPELLED_OUT = (NoteAction.EXPANDED, NoteAction.REPLACED, NoteAction.REMOVED)


@dataclass(frozen=True)
class ExpandResult:
    """The expanded text, the edits that made it from the original, and what was done where."""

    text: str
    changes: tuple[Edit, ...]
    notes: tuple[Note, ...]

    @property
    def expanded(self) -> tuple[Note, ...]:
        """Notes of the acronyms that were spelled out (inserted, replaced or removed)."""
        return tuple(n for n in self.notes if n.action in _SPELLED_OUT)

    @property
    def skipped(self) -> tuple[Note, ...]:
        """Notes of the acronyms that were left alone, with the reason."""
        return tuple(n for n in self.notes if n.action is NoteAction.SKIPPED)


# --- the language of a definition ------------------------------------------------------------


def _is_plural(use: AcronymUse, concept: Concept) -> bool:
    """``NGOs``: a plural the matcher made, or a recorded acronym that is another one plus s."""
    if use.occurrence.plural:
        return True
    for term in use.occurrence.terms:
        if term.concept_id != concept.id or not term.text.endswith("s") or len(term.text) < 3:
            continue
        singular = term.text[:-1]
        if any(t.text == singular for t in concept.terms_in(term.lang, TermType.ACRONYM)):
            return True
    return False


# French marks the plural on the determiner, not on the acronym: les ONG, des AME.
_FRENCH_PLURAL_BEFORE = re.compile(
    r"(?:^|(?<=[\s(«“]))(?:les|des|aux|ces|leurs|nos|vos|ses|mes|tes|plusieurs|quelques|"
    r"certains|certaines|divers|diverses|[0-9]+)[ \t\u00a0]+\Z",
    re.IGNORECASE,
)


def _plural_use(text: str, use: AcronymUse, concept: Concept) -> bool:
    """Is this use of the acronym plural (``NGOs``; in French, ``les ONG``)?"""
    if _is_plural(use, concept):
        return True
    if primary_subtag(use.lang) == "fr":
        return bool(_FRENCH_PLURAL_BEFORE.search(text, max(0, use.start - 16), use.start))
    return False


def _local_acronym(use: AcronymUse, concept: Concept, plural: bool) -> str | None:
    """The text language's own form of a foreign acronym (UNEP → PNUE in French), or None: its
    preferred acronym, else its preferred short form (ASGM → EMAPE d'or, singular only), else
    its first admitted acronym (OEWG → GTCNL)."""
    local = local_replacement(concept, use.lang, TermType.ACRONYM)
    if local is not None and local.type is not TermType.ACRONYM:
        return None if plural else local.text
    acronyms = concept.acronyms(use.lang)
    if local is None and not acronyms:
        return None
    local = local or acronyms[0]
    if plural:
        if local.plural:
            return local.plural
        if primary_subtag(use.lang) == "en" and not local.text.endswith("s"):
            return local.text + "s"
    return local.text


# --- reading the text around an acronym --------------------------------------------------------

_SPACES = " \t\u00a0\u3000"
_OPENERS = "\"'“‘«([*_"
_CLOSERS = "\"'”’»)]*_"
_BULLETS = "#•*+->–—"
# Words ending with a full stop that do not end a sentence ("e.g. UNEP" is not a sentence start).
_ABBREVIATIONS = (
    "e.g. i.e. cf. vs. viz. p. pp. para. paras. no. nos. art. arts. fig. approx. ca. incl. "
    "resp. mr. ms. mrs. dr. st. m. mme. mm."
)
_NOT_SENTENCE_END = frozenset(_ABBREVIATIONS.split())


def _sentence_start(text: str, index: int) -> bool:
    """Does a sentence (or a paragraph, heading or list item) start at ``text[index]``?

    PDF text wraps lines mid-sentence, so a line start is a sentence start only after a blank
    line, a list or heading marker, or a line that ends a sentence.
    """
    i = index - 1
    while i >= 0 and (text[i] in _SPACES or text[i] in _OPENERS):
        i -= 1
    if i < 0:
        return True
    if text[i] in _BULLETS or (text[i] == "." and i > 0 and text[i - 1].isdigit()):
        k = i - 1
        while k >= 0 and (text[k] in _SPACES or text[k] in _BULLETS or text[k].isdigit()):
            k -= 1
        if k < 0 or text[k] in "\r\n":
            return True
    newlines = 0
    while i >= 0 and (text[i] in _SPACES or text[i] in "\r\n" or text[i] in _OPENERS):
        newlines += text[i] == "\n"
        i -= 1
    if i < 0 or newlines >= 2:
        return True
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    if i < 0 or text[i] not in ".!?…。！？":
        return False
    word_start = i
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    return text[word_start : i + 1].lstrip(_OPENERS).lower() not in _NOT_SENTENCE_END


def _capitalised(full: str) -> str:
    return full[:1].upper() + full[1:]


_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“‘]))(an?)[ \t\u00a0]+\Z", re.IGNORECASE)
_ELISION_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“‘«]))([ldLD]['’])\Z")
_AN_EXCEPTIONS = ("uni", "use", "usu", "uti", "ure", "eu", "one", "once", "ubiq")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")


def _wants_an(words: str) -> bool:
    """Whether the English article before ``words`` is ``an`` (by the usual spelling rules)."""
    lower = words.lower()
    if lower.startswith(_SILENT_H):
        return True
    return lower[:1] in "aeiou" and not lower.startswith(_AN_EXCEPTIONS) and lower[:1] != ""


def _article_before(text: str, start: int) -> re.Match[str] | None:
    """``a``/``an`` right before ``start`` (``an NGO``), on the same line."""
    return _ARTICLE_BEFORE.search(text, max(0, start - 8), start)


def _article_mismatch(text: str, start: int, full: str, lang: str) -> str | None:
    """Why ``full`` cannot go after what precedes ``start`` as it is: ``an`` + consonant sound in
    English, ``l'`` + consonant in French. None when it reads right."""
    primary = primary_subtag(lang)
    if primary == "en":
        article = _article_before(text, start)
        if article and (article.group(1).lower() == "an") != _wants_an(full):
            wanted = "an" if _wants_an(full) else "a"
            return T_("the article {article!r} would have to become {wanted!r}",
                      article=article.group(1), wanted=wanted)
        return None
    if primary == "fr":
        elided = _ELISION_BEFORE.search(text, max(0, start - 3), start)
        if elided and full[:1].lower() not in "aeiouyhàâéèêëîïôûù":
            return T_("the elided article {article!r} would have to become 'le' or 'la'",
                      article=elided.group(1))
    return None


def _number_follows(text: str, end: int) -> bool:
    """``ISO 14001``, ``ISO/IEC``: an acronym that names a standard or a document, not a body."""
    return bool(re.match(r"[ \u00a0]?[0-9]{3,}|/", text[end : end + 6]))


def _parentheses_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(ACR)`` or ``（ACR）`` (quotes allowed inside) around ``text[start:end]``: the offsets of
    the opener and of the closer, or None when the parenthesis holds more than the acronym."""
    i = start - 1
    while i >= 0 and text[i] in " \"'“‘\u3000":
        i -= 1
    j = end
    while j < len(text) and text[j] in " \"'”’\u3000":
        j += 1
    if i < 0 or j >= len(text) or text[i] not in "(（" or text[j] not in ")）":
        return None
    return i, j


def _removal(text: str, opener: int, closer: int) -> Edit:
    """Drop ``(ACR)`` and one space next to it, never a line break."""
    start, end = opener, closer + 1
    if start > 0 and text[start - 1] in " \t\u00a0":
        start -= 1
    elif end < len(text) and text[end] in " \t\u00a0" and (start == 0 or text[start - 1] in "\r\n"):
        end += 1
    return Edit(start, end, "")


# --- expanding -----------------------------------------------------------------------------------


def expand_text(
    text: str,
    termbase: Termbase,
    lang: str | None = None,
    mode: ExpandMode | str = ExpandMode.FIRST,
    *,
    markdown: bool = False,
    latin_lang: str = "auto",
    localize_acronyms: bool = False,
    prefer: Mapping[str, str] | None = None,
    include_well_known: bool = False,
) -> str:
    """``text`` with its acronyms expanded (see :func:`expand_with_report`)."""
    return expand_with_report(
        text,
        termbase,
        lang,
        mode,
        markdown=markdown,
        latin_lang=latin_lang,
        localize_acronyms=localize_acronyms,
        prefer=prefer,
        include_well_known=include_well_known,
    ).text


def expand_with_report(
    text: str,
    termbase: Termbase,
    lang: str | None = None,
    mode: ExpandMode | str = ExpandMode.FIRST,
    *,
    markdown: bool = False,
    latin_lang: str = "auto",
    localize_acronyms: bool = False,
    prefer: Mapping[str, str] | None = None,
    include_well_known: bool = False,
) -> ExpandResult:
    """Expand the acronyms of ``text``; return the new text, the edits and a note per acronym.

    ``lang`` forces the document's language (``zh``, ``en``, ``fr``); without it each paragraph's
    language follows its script (Han: ``zh``; Latin: ``latin_lang``, by default ``auto``: English or
    French as the document's words say), as in ``check``.
    ``mode`` is ``first`` (define each acronym at its first use, unless the document defines it
    there already) or ``all`` (replace every acronym by its full form). ``localize_acronyms``
    replaces another language's acronym by the text language's own (ASGM → EMAPE in French).
    ``prefer`` says which concept a homonym acronym means (``{"EMAPE": "ASGM"}``).
    ``include_well_known`` also defines acronyms the termbase marks ``well-known`` (``first``).
    ``markdown`` masks code, URLs and link targets, which are never touched.

    In ``first`` mode without ``localize_acronyms`` every change is an insertion.
    """
    from termkit.errors import InputError
    from termkit.text import LineIndex, find_suppressions

    try:
        mode = ExpandMode(mode)
    except ValueError:
        raise InputError(T_("mode must be 'first' or 'all', not {mode!r}", mode=mode)) from None
    found = find_acronym_uses(
        text,
        termbase,
        CheckSettings(lang=lang, latin_lang=latin_lang),
        markdown=markdown,
        prefer=prefer,
    )
    expansion = _Expansion(
        text=text,
        termbase=termbase,
        localize=localize_acronyms,
        include_well_known=include_well_known,
        suppressions=find_suppressions(text, markdown=markdown),
        lines=LineIndex(text),
        uses=found.uses,
    )
    if mode is ExpandMode.FIRST:
        expansion.first_uses()
    else:
        expansion.all_uses()
    expansion.unknown_acronyms(found)
    changes = tuple(sorted(expansion.changes, key=lambda c: (c.start, c.end)))
    notes = tuple(sorted(expansion.notes, key=lambda n: (n.start, n.end)))
    return ExpandResult(apply_edits(text, changes), changes, notes)


@dataclass
class _Expansion:
    """Works out the changes and notes for one document; see :func:`expand_with_report`."""

    text: str
    termbase: Termbase
    localize: bool
    include_well_known: bool
    suppressions: Suppressions
    lines: LineIndex
    uses: tuple[AcronymUse, ...]

    def __post_init__(self) -> None:
        self.changes: list[Edit] = []
        self.notes: list[Note] = []
        self._homonyms_named: set[tuple[str, ...]] = set()

    # -- helpers --

    def _note(
        self, use: AcronymUse, action: NoteAction, detail: str, *, homonym: bool = False
    ) -> None:
        self.notes.append(
            Note(use.start, use.end, use.occurrence.text, action, detail, use.concept_id, homonym)
        )

    def _suppressed(self, use: AcronymUse, *codes: str) -> bool:
        if not self.suppressions:
            return False
        line = self.lines.line_col(use.start)[0]
        return self.suppressions.is_suppressed(line, *codes)

    def _homonym(self, use: AcronymUse) -> None:
        example = use.candidates[0]
        self._note(
            use,
            NoteAction.SKIPPED,
            T_("{acronym} names {candidates}; define it in the text or set {setting} in "
               "termkit.toml", acronym=use.acronym, candidates=either(use.candidates),
               setting="prefer = { " + use.acronym + ' = "' + example + '" }'),
            homonym=True,
        )

    def _localize(self, use: AcronymUse, concept: Concept) -> bool:
        """Replace a foreign acronym by the text language's own; True when it was."""
        if not (self.localize and use.foreign):
            return False
        local = _local_acronym(use, concept, _is_plural(use, concept))
        if local is None:
            return False
        occurrence = use.occurrence
        session = occurrence.text[len(use.acronym) :] if occurrence.session else ""
        self._replace_acronym(use, local + session)
        self._note(use, NoteAction.LOCALIZED, local + session)
        return True

    def _replace_acronym(self, use: AcronymUse, replacement: str) -> None:
        fix = narrow_fix(use.occurrence, replacement)
        if fix is not None:
            self.changes.append(Edit(fix.start, fix.end, fix.replacement))

    def _local_text(self, use: AcronymUse, concept: Concept) -> str:
        """The acronym as it will read after localising (for the definition's parentheses)."""
        if self.localize and use.foreign:
            local = _local_acronym(use, concept, _is_plural(use, concept))
            if local is not None:
                return local
        return self.text[use.start : use.end]

    def _full(self, use: AcronymUse, concept: Concept) -> str | None:
        """The full form this use needs (plural or not); notes why not when there is none."""
        plural = _plural_use(self.text, use, concept)
        full = full_form(concept, use.lang, plural=plural)
        if full is not None:
            return full
        singular = full_form(concept, use.lang)
        if singular is None:
            self._note(use, NoteAction.SKIPPED, T_("{concept} has no full form in {lang}",
                                                   concept=concept.id, lang=use.lang))
        else:
            self._note(
                use,
                NoteAction.SKIPPED,
                T_("used in the plural, and the termbase records no {lang} plural of {term!r} (add "
                   'plural = "…" to that term)', lang=use.lang, term=singular),
            )
        return None

    # -- first mode --

    def first_uses(self) -> None:
        """Define each acronym at its first use, unless the document defines it there."""
        handled: set[tuple[str, bool]] = set()
        later_sites: dict[tuple[str, bool], AcronymUse] = {}
        for use in self.uses:
            if use.site is not None:
                later_sites.setdefault(self._key(use), use)
        for use in self.uses:
            if use.concept_id is None:
                if use.candidates not in self._homonyms_named:
                    self._homonyms_named.add(use.candidates)
                    self._homonym(use)
                continue
            concept = self.termbase[use.concept_id]
            key = self._key(use)
            if self._markup_inside(use):
                continue  # noted; the next use without markup is the first one to define
            if key in handled:
                self._localize(use, concept)
                continue
            handled.add(key)
            if self._suppressed(use, "TK202", "undefined-acronym"):
                self._note(use, NoteAction.SKIPPED, T_("the line says termkit: ignore"))
                continue
            self._first_use(use, concept, later_sites.get(key))

    def _key(self, use: AcronymUse) -> tuple[str, bool]:
        # Localised, a foreign acronym becomes the text's own: one acronym to the reader.
        concept_id, foreign = use.key
        return (concept_id, foreign and not self.localize)

    def _first_use(self, use: AcronymUse, concept: Concept, later: AcronymUse | None) -> None:
        if use.site is not None:
            self._localize(use, concept)
            kind = use.verdict.kind if use.verdict is not None else VerdictKind.MATCHES
            detail = T_("defined here")
            if kind is VerdictKind.OTHER_CONCEPT:
                detail = T_("defined here with another concept's name (check reports TK201)")
            elif kind is VerdictKind.UNMATCHED and use.site.full:
                detail = T_("defined here as {full!r}, not a term of {concept}",
                            full=use.site.full, concept=concept.id)
            elif kind is VerdictKind.UNMATCHED or not (use.site.full or use.site.preceding):
                detail = T_("already in parentheses")
            self._note(use, NoteAction.SKIPPED, detail)
            return
        if concept.well_known and not self.include_well_known:
            self._localize(use, concept)
            self._note(use, NoteAction.SKIPPED, T_("well known (well-known = true in the termbase)"))
            return
        full = self._full(use, concept)
        if full is None:
            if self._localize(use, concept):
                self.notes.append(self.notes.pop(-2))  # the reason last
            return
        mismatch = _article_mismatch(self.text, use.start, full, use.lang)
        if mismatch is not None:
            self._localize(use, concept)
            self._note(use, NoteAction.SKIPPED, T_("{reason}; expand it by hand", reason=mismatch))
            return
        if primary_subtag(use.lang) not in ("zh", "ja") and _sentence_start(self.text, use.start):
            full = _capitalised(full)
        opening, closing = parentheses(use.lang)
        acronym = self._local_text(use, concept)
        if self._localize(use, concept):
            self.notes.pop()  # one note says it all
        self.changes.append(Edit(use.start, use.start, full + opening))
        self.changes.append(Edit(use.end, use.end, closing))
        session: str = ""
        if use.occurrence.session:
            # As check's TK202 suggests: the body's name, the session kept in the parentheses.
            session = T_("; a numbered session: naming the session in full may read better")
        defined_later: str = ""
        if later is not None and later.start > use.start:
            line = self.lines.line_col(later.start)[0]
            defined_later = T_(" (the text defines it later, on line {line})", line=line)
        detail = T_("{definition}{session}{later}", definition=definition_form(
            full, acronym, use.lang), session=session, later=defined_later)
        self._note(use, NoteAction.EXPANDED, detail)
        if later is not None and later.start > use.start and later.lang == use.lang:
            # (a definition in another language's passage is that passage's own)
            self._reduce_later_definition(later)

    def _reduce_later_definition(self, use: AcronymUse) -> None:
        """The first use now defines the acronym: a later definition with a rendering of the
        concept as its long form becomes the acronym alone (two definitions read as a slip)."""
        site = use.site
        assert site is not None
        closer = self._closer_after(use.end)
        if (
            not use.long_form_names_concept
            or site.long_form_inside
            or site.full_start is None
            or closer is None
        ):
            self._note(use, NoteAction.SKIPPED, T_("a second definition now; reduce it by hand"))
            return
        start = site.full_start
        if start > 0 and self.text[start - 1] in "\"“‘«《「『":
            start -= 1  # the quotes or title marks around the long form go with it
        self.changes.append(Edit(start, use.start, ""))
        self.changes.append(Edit(use.end, closer + 1, ""))  # ``( UNEP )``: its spaces too
        self._note(
            use, NoteAction.REDUCED,
            T_("defined at its first use now: the long form and brackets removed")
        )

    # -- all mode --

    def all_uses(self) -> None:
        """Replace every acronym by its full form; drop the parenthesised acronym of a definition."""
        for use in self.uses:
            if use.concept_id is None:
                if use.candidates not in self._homonyms_named:
                    self._homonyms_named.add(use.candidates)
                    self._homonym(use)
                else:
                    self._note(use, NoteAction.SKIPPED,
                               T_("{acronym} is a homonym (see above)", acronym=use.acronym))
                continue
            if self._suppressed(use):
                self._note(use, NoteAction.SKIPPED, T_("the line says termkit: ignore"))
                continue
            if self._markup_inside(use):
                continue
            self._replace_use(use, self.termbase[use.concept_id])

    def _markup_inside(self, use: AcronymUse) -> bool:
        """Markdown markup inside the acronym as written (``*NPP*s``, ``**UNEP**s``): replacing
        or wrapping it would delete the markup or move it into the parentheses. Noted, left."""
        from termkit.text.markdown import MARKUP_CHARACTERS

        written = self.text[use.start : use.end]
        if not any(c in written and c not in use.occurrence.text for c in MARKUP_CHARACTERS):
            return False
        self._note(use, NoteAction.SKIPPED, T_(
            "Markdown markup inside {written!r}: spell it out by hand", written=written))
        return True

    def _replace_use(self, use: AcronymUse, concept: Concept) -> None:
        if use.occurrence.session:
            self._note(use, NoteAction.SKIPPED, T_("numbered session"))
            return
        if use.site is not None and self._definition_site(use, concept):
            return
        if _number_follows(self.text, use.end):
            self._note(use, NoteAction.SKIPPED, T_("followed by a number or a slash (a standard or symbol)"))
            return
        full = self._full(use, concept)
        if full is None:
            return
        if primary_subtag(use.lang) == "fr" and _article_mismatch(self.text, use.start, full, "fr"):
            self._note(use, NoteAction.SKIPPED, T_(
                "elided article before it: expand it by hand ({full!r})", full=full))
            return
        if primary_subtag(use.lang) == "en":
            article = _article_before(self.text, use.start)
            if article and (article.group(1).lower() == "an") != _wants_an(full):
                written = article.group(1)
                fixed = "an" if _wants_an(full) else "a"
                fixed = fixed.capitalize() if written[0].isupper() else fixed
                self.changes.append(Edit(article.start(1), article.end(1), fixed))
        if primary_subtag(use.lang) not in ("zh", "ja") and _sentence_start(self.text, use.start):
            full = _capitalised(full)
        self.changes.append(Edit(use.start, use.end, full))
        self._note(use, NoteAction.REPLACED, full)

    def _definition_site(self, use: AcronymUse, concept: Concept) -> bool:
        """Handle an acronym that is a definition's; False when it is to be replaced as any use."""
        site, verdict = use.site, use.verdict
        assert site is not None
        kind = verdict.kind if verdict is not None else VerdictKind.UNKNOWN
        long_form_named = use.long_form_names_concept
        if long_form_named and site.long_form_inside and site.full_end is not None:
            # ACR (long form) → long form
            opener = self.text.find("(", use.end, site.full_start)
            if opener < 0:
                opener = self.text.find("（", use.end, site.full_start)
            closer = self._closer_after(site.full_end)
            if opener < 0 or closer is None:
                self._note(use, NoteAction.SKIPPED, T_("definition written in a form expand does not read"))
                return True
            self.changes.append(Edit(use.start, opener + 1, ""))
            self.changes.append(Edit(closer, closer + 1, ""))
            self._note(use, NoteAction.REMOVED, T_("the long form follows in parentheses"))
            return True
        if long_form_named:
            around = _parentheses_around(self.text, use.start, use.end)
            if around is None:
                self._note(use, NoteAction.SKIPPED, T_("the parenthesis holds more than the acronym"))
                return True
            self.changes.append(_removal(self.text, *around))
            self._note(use, NoteAction.REMOVED, T_("the long form precedes it"))
            return True
        if kind is VerdictKind.OTHER_CONCEPT:
            self._note(use, NoteAction.SKIPPED, T_("introduced with another concept's name (check: TK201)"))
            return True
        if site.full:
            self._note(use, NoteAction.SKIPPED, T_(
                "introduced as {full!r}, not a term of {concept}", full=site.full, concept=concept.id))
            return True
        return False  # (GEF) with no long form before it: replace it inside its parentheses

    def _closer_after(self, index: int) -> int | None:
        j = index
        while j < len(self.text) and self.text[j] in " \"'”’\u3000\r\n":
            j += 1
        return j if j < len(self.text) and self.text[j] in ")）" else None

    # -- unknown acronyms --

    def unknown_acronyms(self, found: DocumentAcronyms) -> None:
        """Note acronym-shaped words the termbase does not know (once per spelling)."""
        from termkit.definitions import looks_like_acronym

        normalized = found.normalized
        covered = sorted(
            (u.occurrence.norm_start, u.occurrence.norm_start + len(u.occurrence.text))
            for u in found.uses
        )
        starts = [c[0] for c in covered]
        defined = {site.acronym: site.full for site in found.unknown_definitions}
        seen: set[str] = set()
        for match in _ACRONYM_SHAPE.finditer(normalized.text):
            word = match.group()
            if word in seen or _ROMAN.fullmatch(word) or not looks_like_acronym(word):
                continue
            k = bisect_right(starts, match.start()) - 1
            if k >= 0 and covered[k][0] <= match.start() < covered[k][1]:
                continue
            seen.add(word)
            start, end = normalized.span_to_original(match.start(), match.end())
            detail: str = T_("not in the termbase")
            if defined.get(word):
                detail = T_("not in the termbase (the text defines it as {long_form!r})",
                            long_form=defined[word])
            self.notes.append(Note(start, end, word, NoteAction.SKIPPED, detail))


_ACRONYM_SHAPE = re.compile(r"(?<![A-Za-z0-9&\-])[A-Z][A-Za-z0-9&\-]*[A-Z0-9]s?(?![A-Za-z0-9&\-])")
_ROMAN = re.compile(r"[IVXLCDM]+")
