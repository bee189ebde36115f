"""Acronym definitions found in documents, compared with the termbase: candidates for new terms.

The library behind ``termkit extract``::

    from termkit.extract import extract_text, classify
    found = extract_text("the open-ended working group (OEWG) met", "en", path="notes.txt")
    found = classify(found, termbase)  # status: new, known or differs

Each :class:`Candidate` is one distinct (acronym, full form) pair of one file, with where it is
first defined and how many times. Renderers for TSV, JSON and TOML (concepts ready to paste into
a termbase) close the module.
"""

from __future__ import annotations

import enum
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from termkit.definitions import Definition, find_definitions
from termkit.forms import full_form_key
from termkit.model import Term, Termbase, TermType
from termkit.text.languages import guess_latin_language, main_script_language
from termkit.text.lines import LineIndex
from termkit.text.scripts import has_han

__all__ = [
    "Candidate",
    "CandidateStatus",
    "classify",
    "definition_places",
    "detect_language",
    "extract_paths",
    "extract_text",
    "full_form_key",
    "render_json",
    "render_toml",
    "render_tsv",
]


class CandidateStatus(str, enum.Enum):
    """How a definition compares with the termbase."""

    NEW = "new"  # no concept has the acronym in that language
    KNOWN = "known"  # a concept has the acronym and this full form
    DIFFERS = "differs"  # concepts have the acronym, none with this full form


@dataclass(frozen=True)
class Candidate:
    """One distinct (acronym, full form) pair defined in one file.

    ``line`` and ``column`` (1-based, columns in characters) locate the first definition;
    ``count`` is how many times the file defines the pair. ``concepts`` are the termbase concepts
    that have the acronym (empty when new); ``full_form_of`` the other concepts that have the full
    form as a term in that language: a new acronym for a known concept (``groupe de travail à
    composition non limitée (GTCNL)``: OEWG), or an acronym paired with another body's name
    (``联合国环境署（UNEA）``: UNEP). Both are set, and ``status``, by :func:`classify`.
    """

    acronym: str
    full: str
    lang: str
    path: str
    line: int
    column: int
    count: int
    pattern: str
    status: CandidateStatus | None = None
    concepts: tuple[str, ...] = ()
    full_form_of: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"



def detect_language(text: str, latin: str = "en") -> str:
    """``zh`` when Han characters are at least as many as Latin letters, else ``latin``."""
    return main_script_language([text], latin_lang=latin)


def definition_places(
    text: str,
    lang: str,
    termbase: Termbase | None = None,
    *,
    markdown: bool = False,
    latin_lang: str | None = None,
) -> list[Definition]:
    """Every definition in ``text``, one per place, with spans in ``text``.

    The long form is decided as ``check`` decides it (:func:`termkit.analysis.long_forms.
    longer_term`): the detector's, unless a term of ``termbase`` ends where it ends and starts
    before it (``自由、事前和知情同意（FPIC）``: the detector alone would cut at ``、``). With
    ``markdown``, code, URLs and link targets are masked and emphasis and link brackets dropped
    first, as ``check`` does.
    """
    normalized = None
    searched = text
    if markdown:
        from termkit.text import normalize_document

        normalized = normalize_document(text, markdown=True)
        searched = normalized.text
    definitions = find_definitions(searched, lang)
    if normalized is not None:
        to_original = normalized.span_to_original
        definitions = [
            replace(
                d,
                acronym_span=to_original(*d.acronym_span),
                full_span=to_original(*d.full_span),
            )
            for d in definitions
        ]
    if not definitions or termbase is None or not len(termbase):
        return definitions
    from termkit.analysis import analyse_document
    from termkit.analysis.long_forms import longer_term, terms_by_end
    from termkit.settings import CheckSettings

    settings = CheckSettings(latin_lang=latin_lang or "auto")
    analysis = analyse_document(text, termbase, settings, markdown=markdown)
    by_end = terms_by_end(analysis.occurrences)
    decided = []
    for definition in definitions:
        term = longer_term(*definition.full_span, by_end)
        if term is not None:
            definition = replace(definition, full=term.text, full_span=(term.start, term.end))
        decided.append(definition)
    return decided


def extract_text(
    text: str,
    lang: str,
    path: str = "<string>",
    *,
    markdown: bool = False,
    termbase: Termbase | None = None,
    latin_lang: str | None = None,
) -> list[Candidate]:
    """The definitions in ``text``, one :class:`Candidate` per distinct (acronym, full form).

    Long forms are decided by :func:`definition_places` (with ``termbase``, as ``check`` decides
    them). Locations index ``text``.
    """
    definitions = [
        # zero-width spaces out: an HTML page's tags read as them (termkit.documents.html)
        replace(d, full=" ".join(d.full.replace("\u200b", "").split())) if "\u200b" in d.full
        else d
        for d in definition_places(text, lang, termbase, markdown=markdown, latin_lang=latin_lang)
    ]
    counts = Counter((d.acronym, d.full) for d in definitions)
    first: dict[tuple[str, str], Definition] = {}
    for definition in definitions:
        first.setdefault((definition.acronym, definition.full), definition)
    found = []
    lines = LineIndex(text)  # \n, \r\n and \r end lines, as for check
    for key, definition in first.items():
        line, column = lines.line_col(min(definition.full_span[0], definition.acronym_span[0]))
        found.append(
            Candidate(
                acronym=definition.acronym,
                full=definition.full,
                lang=definition.lang,  # English quoted in a Chinese text is English
                path=path,
                line=line,
                column=column,
                count=counts[key],
                pattern=definition.pattern,
            )
        )
    return found


def _plural_keys(key: str) -> set[str]:
    return {key, key + "s", key + "es"}


def _termbase_language(lang: str, termbase: Termbase) -> str:
    """The termbase language that serves ``lang`` (``zh-Hans`` → ``zh``), else ``lang``."""
    if lang in termbase.languages:
        return lang
    from termkit.langtags import match_language

    try:
        return match_language(lang, termbase.languages) or lang
    except ValueError:
        return lang


def _term_keys(term: Term, latin: bool) -> set[str]:
    """The keys a full form matches ``term`` on: its own, its plural's (recorded, or French
    regular: accords multilatéraux sur l'environnement), and with a plural ``s``."""
    from termkit.forms import french_plural
    from termkit.langtags import primary_subtag

    keys = {full_form_key(term.text)}
    if term.plural:
        keys.add(full_form_key(term.plural))
    elif primary_subtag(term.lang) == "fr" and (plural := french_plural(term.text)):
        keys.add(full_form_key(plural))
    if latin:
        keys = set().union(*(_plural_keys(k) for k in keys))
    return keys


class _FullForms:
    """The concepts each full or short form names, per language, indexed on first use."""

    def __init__(self, termbase: Termbase) -> None:
        self._termbase = termbase
        self._index: dict[tuple[str, bool], dict[str, list[str]]] = {}

    def concepts(self, full: str, lang: str) -> list[str]:
        latin = not has_han(full)
        index = self._index.get((lang, latin))
        if index is None:
            index = self._index[(lang, latin)] = {}
            for term in self._termbase.terms(lang):
                if term.type is not TermType.ACRONYM:
                    for key in _term_keys(term, latin):
                        ids = index.setdefault(key, [])
                        if term.concept_id not in ids:
                            ids.append(term.concept_id)
        return index.get(full_form_key(full), [])


def classify(candidates: Iterable[Candidate], termbase: Termbase) -> list[Candidate]:
    """Each candidate with its status, the concepts that have its acronym and the other
    concepts that have its full form.

    The acronym is looked up in the candidate's language, borrowed acronyms included (Chinese
    writes English ones), and without a plural ``s`` when the plural is not recorded. The full
    form is known when it equals a term (full or short form, any status) of one of those
    concepts, ignoring case, whitespace and hyphens (and a plural ``s`` in Latin-script
    languages); compared the same way with every concept's terms, it gives ``full_form_of``.
    """
    classified = []
    full_forms = _FullForms(termbase)
    for candidate in candidates:
        lang = _termbase_language(candidate.lang, termbase)
        concepts = termbase.concepts_with_acronym(candidate.acronym, lang)
        if not concepts and re.search(r"[A-Z]s$", candidate.acronym):
            concepts = termbase.concepts_with_acronym(candidate.acronym[:-1], lang)
        ids = tuple(c.id for c in concepts)
        named = full_forms.concepts(candidate.full, lang)
        if not concepts:
            status = CandidateStatus.NEW
        elif any(concept_id in named for concept_id in ids):
            status = CandidateStatus.KNOWN
        else:
            status = CandidateStatus.DIFFERS
        others = tuple(concept_id for concept_id in named if concept_id not in ids)
        classified.append(replace(candidate, status=status, concepts=ids, full_form_of=others))
    return classified


def extract_paths(
    paths: Sequence[str | os.PathLike[str]],
    termbase: Termbase,
    lang: str | None = None,
    *,
    latin_lang: str | None = None,
    include_known: bool = False,
    encoding: str | None = None,
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
    input_format: str | None = None,
) -> list[Candidate]:
    """Classified candidates from every document, in path and text order.

    ``paths`` name files, folders (walked for .txt, .md, .markdown, .rst, minus ``exclude``
    globs) or ``-`` (standard input); files are decoded as :func:`~termkit.text.document.
    read_document` does (a BOM decides, else ``encoding``, else UTF-8). ``lang`` is the
    documents' language; when None, each file's is guessed by script (mostly Han → ``zh``, else
    ``latin_lang``, or when that is None English or French as the file's words say, else
    ``en``). Known definitions are left out unless ``include_known``.
    """
    from termkit.documents import read_as_text
    from termkit.text.document import iter_document_paths

    found: list[Candidate] = []
    for path in iter_document_paths([os.fspath(p) for p in paths], exclude, include=include):
        document = read_as_text(path, encoding, input_format, located=True)
        latin = latin_lang or guess_latin_language(document.text, termbase.languages) or "en"
        file_lang = lang or detect_language(document.text, latin)
        markdown = document.is_markdown
        candidates = extract_text(
            document.text, file_lang, document.path, markdown=markdown, termbase=termbase,
            latin_lang=latin_lang,
        )
        found.extend(classify(candidates, termbase))
    if include_known:
        return found
    return [c for c in found if c.status is not CandidateStatus.KNOWN]


# --- rendering ----------------------------------------------------------------------------------


def _preferred_fulls(termbase: Termbase, candidate: Candidate) -> list[str]:
    lang = _termbase_language(candidate.lang, termbase)
    fulls: list[str] = []
    for concept_id in candidate.concepts:
        term = termbase[concept_id].preferred_term(lang)
        if term is not None and term.text not in fulls:
            fulls.append(term.text)
    return fulls


def _tsv_field(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value)


def render_tsv(candidates: Sequence[Candidate], termbase: Termbase) -> str:
    """A header line, then one tab-separated line per candidate.

    Columns: status, acronym, full, lang, count, location (path:line:col), ``termbase``: the
    preferred full forms, in that language, of the concepts that have the acronym, and
    ``full form of``: the other concepts whose term the full form is.
    """
    lines = ["status\tacronym\tfull\tlang\tcount\tlocation\ttermbase\tfull form of"]
    for c in candidates:
        status = c.status.value if c.status else ""
        fields = [status, c.acronym, c.full, c.lang, str(c.count), c.location]
        fields.append("; ".join(_preferred_fulls(termbase, c)))
        fields.append("; ".join(c.full_form_of))
        lines.append("\t".join(_tsv_field(f) for f in fields))
    return "\n".join(lines) + "\n"


def render_json(candidates: Sequence[Candidate]) -> str:
    """A JSON array: one object per candidate (``concepts``, ``full_form_of`` and ``pattern``
    besides the fields the issue names)."""
    rows = [
        {
            "acronym": c.acronym,
            "full": c.full,
            "lang": c.lang,
            "path": c.path,
            "line": c.line,
            "column": c.column,
            "count": c.count,
            "status": c.status.value if c.status else None,
            "concepts": list(c.concepts),
            "full_form_of": list(c.full_form_of),
            "pattern": c.pattern,
        }
        for c in candidates
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string once non-ASCII stays as written.
    return json.dumps(value, ensure_ascii=False)


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _concept_id(acronym: str, taken: set[str]) -> str:
    base = re.sub(r"[^\w-]+", "-", acronym).strip("-") or "concept"
    concept_id, number = base, 2
    while concept_id in taken:
        concept_id, number = f"{base}-{number}", number + 1
    taken.add(concept_id)
    return concept_id


def render_toml(candidates: Sequence[Candidate], termbase: Termbase) -> str:
    """New acronyms as ``[concept.ID]`` tables ready to paste into a termbase.

    One concept per acronym and language: the most frequent full form is ``full``, the others
    ``admitted``. When the termbase says the language writes another language's acronyms
    (``acronyms-from``), the acronym goes under that language. Definitions that differ from the
    termbase (and, with ``--all``, known ones), and new acronyms of concepts the termbase has
    by that full form, become comments with the ``termkit add`` command that records them.
    """
    out: list[str] = []
    taken = set(termbase.concepts)
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for c in candidates:
        groups.setdefault((c.acronym, c.lang), []).append(c)
    for (acronym, lang), group in groups.items():
        status = group[0].status
        if status is CandidateStatus.NEW and not any(c.full_form_of for c in group):
            out.append(_new_concept(acronym, lang, group, termbase, taken))
        else:
            out.append(_comment_block(acronym, lang, group, termbase))
    return "\n".join(out)


def _where(group: Sequence[Candidate]) -> str:
    return ", ".join(f"{c.location} x{c.count}" if c.count > 1 else c.location for c in group)


def _by_frequency(group: Sequence[Candidate]) -> list[str]:
    totals: Counter[str] = Counter()
    for c in group:
        totals[c.full] += c.count
    return [full for full, _ in totals.most_common()]


def _new_concept(
    acronym: str, lang: str, group: Sequence[Candidate], termbase: Termbase, taken: set[str]
) -> str:
    concept_id = _toml_key(_concept_id(acronym, taken))
    fulls = _by_frequency(group)
    lang = _termbase_language(lang, termbase)
    acronym_lang = termbase.acronyms_from.get(lang, lang)
    lines = [f"# {acronym}: defined in {_where(group)}", f"[concept.{concept_id}]", ""]
    if acronym_lang != lang:
        lines += [f"[concept.{concept_id}.{_toml_key(acronym_lang)}]"]
        lines += [f"acronym = {_toml_string(acronym)}", ""]
    lines += [f"[concept.{concept_id}.{_toml_key(lang)}]", f"full = {_toml_string(fulls[0])}"]
    if len(fulls) > 1:
        lines.append(f"admitted = [{', '.join(_toml_string(f) for f in fulls[1:])}]")
    if acronym_lang == lang:
        lines.append(f"acronym = {_toml_string(acronym)}")
    return "\n".join(lines) + "\n"


def _comment_block(
    acronym: str, lang: str, group: Sequence[Candidate], termbase: Termbase
) -> str:
    lines = []
    concept = group[0].concepts[0] if group[0].concepts else acronym
    base_lang = _termbase_language(lang, termbase)
    acronym_lang = termbase.acronyms_from.get(base_lang, base_lang)
    for c in group:
        status = c.status.value if c.status else "?"
        has = "; ".join(_preferred_fulls(termbase, c)) or "no full form"
        if c.status is CandidateStatus.NEW:
            has = "no such acronym"
        lines.append(
            f"# {status}: {c.acronym} ({c.lang}) = {c.full!s}, in {c.location}"
            f"{f' x{c.count}' if c.count > 1 else ''}; termbase: {has}"
        )
        owners = ", ".join(c.full_form_of)
        if c.status is CandidateStatus.DIFFERS and owners:
            # ``联合国环境署（UNEA）``: an acronym paired with another body's name
            lines.append(f"#   {c.full} names {owners}, not {concept}: check the text")
        elif owners:
            lines.append(f"#   {c.full} is a term of {owners}")
        if c.status is CandidateStatus.NEW and len(c.full_form_of) == 1:
            # a known concept's acronym in that language, or a borrowed one
            owner = c.full_form_of[0]
            own = [t.text for t in termbase[owner].acronyms(acronym_lang)]
            command = f"termkit add {_shell(owner)} --lang {acronym_lang}"
            if own:
                # UNEP has PNUE in French: PNU is more likely a typo than a second acronym
                lines.append(
                    f"#   {owner} has {', '.join(own)}: check the text; a variant is recorded "
                    f"with {command} --admitted-acronym {_shell(c.acronym)}"
                )
            else:
                lines.append(f"#   {command} --acronym {_shell(c.acronym)}")
        elif c.status is CandidateStatus.DIFFERS and not c.full_form_of:
            lines.append(
                f"#   termkit add {_shell(concept)} --lang {lang} --admitted {_shell(c.full)}"
            )
    return "\n".join(lines) + "\n"


def _shell(value: str) -> str:
    import shlex

    return shlex.quote(value)
