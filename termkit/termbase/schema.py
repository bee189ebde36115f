"""Read one TOML termbase into the model, collecting every problem as a located diagnostic.

One pass serves both loading (stop at the first error) and ``termkit validate`` (list them all), so the
two can never disagree about what a valid termbase is.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from termkit.errors import format_location
from termkit.i18n import T_
from termkit.langtags import normalize_tag, prepare_tags
from termkit.model import Concept, Status, Term, Termbase, TermType, new_term
from termkit.patterns import compile_pattern
from termkit.termbase.positions import KeyPath, TomlPositions

__all__ = ["TERM_KEYS", "Diagnostic", "Severity", "parse_termbase_text"]

Severity = str  # "error" | "warning"

TERMBASE_KEYS = ("name", "languages", "acronyms-from")
CONCEPT_KEYS = ("domain", "definition", "note", "related", "well-known", "replace")
TERM_KEYS: Mapping[str, tuple[Status, TermType]] = MappingProxyType(
    {
        "full": (Status.PREFERRED, TermType.FULL),
        "acronym": (Status.PREFERRED, TermType.ACRONYM),
        "short": (Status.PREFERRED, TermType.SHORT),
        "admitted": (Status.ADMITTED, TermType.FULL),
        "admitted-acronym": (Status.ADMITTED, TermType.ACRONYM),
        "admitted-short": (Status.ADMITTED, TermType.SHORT),
        "deprecated": (Status.DEPRECATED, TermType.FULL),
        "deprecated-acronym": (Status.DEPRECATED, TermType.ACRONYM),
        "deprecated-short": (Status.DEPRECATED, TermType.SHORT),
    }
)
LANG_KEYS = (*TERM_KEYS, "note")
_TERM_KEY_ITEMS = tuple(TERM_KEYS.items())
_LANG_KEY_SET = frozenset(LANG_KEYS)
TERM_TABLE_KEYS = ("term", "note", "source", "plural")
_TOML_ERROR_AT = compile_pattern(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_ERROR_EOF = compile_pattern(r"^(?P<msg>.*?)\s*\(at end of document\)$")


# Control characters, line and paragraph separators (Unicode categories Cc, Zl, Zp): a term
# with one never matches text, whose line breaks and tabs read as spaces.
_CONTROL = compile_pattern("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ALNUM = compile_pattern(r"[^\W_]")  # a letter or digit (str.isalnum), found in C
# A term that term() takes without a word: a letter or digit, no control character, nothing
# str.strip() would strip at either end (\s is its whitespace), no two spaces in a row.
_PRINTABLE = "[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029 ]"
_CLEAN_TERM = compile_pattern(
    rf"(?=.*?[^\W_])(?!\s){_PRINTABLE}+(?: {_PRINTABLE}+)*(?<!\s)", re.DOTALL
)


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a termbase, at a place in its file."""

    path: str
    line: int | None
    column: int | None
    severity: Severity
    message: str
    concept: str | None = None

    def __str__(self) -> str:
        return f"{format_location(self.path, self.line, self.column)}: {self.severity}: {self.message}"

    def localized(self) -> str:
        """:meth:`__str__` with the message in the interface language (``termkit.i18n``)."""
        from termkit.i18n import translated

        where = format_location(self.path, self.line, self.column)
        return f"{where}: {self.severity}: {translated(self.message)}"


def _did_you_mean(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return T_(" (did you mean {key!r}?)", key=close[0]) if close else ""


class _Reader:
    """Turns one parsed TOML document into concepts, noting every problem it meets."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.positions = TomlPositions(text)
        self.diagnostics: list[Diagnostic] = []

    def report(
        self,
        where: KeyPath,
        message: str,
        severity: Severity = "error",
        literal: str | None = None,
        concept: str | None = None,
    ) -> None:
        pos = (
            self.positions.find_value(where, literal)
            if literal is not None
            else self.positions.find(where)
        )
        line, col = pos if pos else (None, None)
        self.diagnostics.append(Diagnostic(self.path, line, col, severity, message, concept))

    def check_keys(self, where: KeyPath, table: Mapping[str, Any], known: Iterable[str]) -> None:
        known = tuple(known)
        for key in table:
            if key not in known:
                what = ".".join(where) or "top level"
                self.report(
                    (*where, key),
                    T_(
                        "unknown key {key!r} in [{what}]{value}",
                        key=key, what=what, value=_did_you_mean(key, known),
                    ),
                )

    def language(self, where: KeyPath, tag: object) -> str | None:
        if not isinstance(tag, str):
            self.report(where, T_(
                "language tag must be a string, not {name}",
                name=type(tag).__name__,
            ))
            return None
        try:
            return normalize_tag(tag)
        except ValueError as exc:
            self.report(where, str(exc), literal=tag)
            return None

    def string(self, where: KeyPath, value: object) -> str | None:
        if value is None or isinstance(value, str):
            return value
        self.report(where, T_(
            "{value!r} must be a string, not {name}",
            value=where[-1], name=type(value).__name__,
        ))
        return None

    def read(self, data: Mapping[str, Any]) -> Termbase:
        self.check_keys((), data, ("termbase", "concept"))
        header = data.get("termbase", {})
        if not isinstance(header, dict):
            self.report(("termbase",), T_("[termbase] must be a table"))
            header = {}
        self.check_keys(("termbase",), header, TERMBASE_KEYS)
        name = self.string(("termbase", "name"), header.get("name")) or self.path

        languages: list[str] = []
        raw_languages = header.get("languages", [])
        if not isinstance(raw_languages, list):
            self.report(("termbase", "languages"), T_("'languages' must be an array of language tags"))
            raw_languages = []
        for tag in raw_languages:
            lang = self.language(("termbase", "languages"), tag)
            if lang is not None and lang in languages:
                self.report(
                    ("termbase", "languages"),
                    T_(
                        "language {lang!r} is declared twice in [termbase] languages",
                        lang=lang,
                    ),
                    literal=tag if isinstance(tag, str) else None,
                )
            elif lang is not None:
                languages.append(lang)

        acronyms_from: dict[str, str] = {}
        raw_from = header.get("acronyms-from", {})
        if not isinstance(raw_from, dict):
            self.report(("termbase", "acronyms-from"), T_("'acronyms-from' must be a table"))
            raw_from = {}
        for borrower, lender in raw_from.items():
            where = ("termbase", "acronyms-from", borrower)
            b = self.language(where, borrower)
            lend = self.language(where, lender)
            if b and lend:
                acronyms_from[b] = lend

        concepts: dict[str, Concept] = {}
        replaces: set[str] = set()
        raw_concepts = data.get("concept", {})
        if not isinstance(raw_concepts, dict):
            self.report(("concept",), T_("'concept' must be a table of concepts"))
            raw_concepts = {}
        # Each parsed table is dropped once read, so that the TOML tables of a 20,000-concept
        # termbase and its concepts are not all held at once (23 MB less at a cold run's peak).
        for concept_id in list(raw_concepts):
            body = raw_concepts.pop(concept_id)
            if isinstance(body, dict) and self.replace_flag(("concept", concept_id), body):
                replaces.add(concept_id)
            concept = self.concept(concept_id, body, languages)
            if concept is not None:
                concepts[concept_id] = concept
        return Termbase(
            name=name,
            languages=tuple(languages),
            concepts=MappingProxyType(concepts),
            acronyms_from=MappingProxyType(acronyms_from),
            sources=(self.path,),
            replaces=frozenset(replaces),
        )

    def replace_flag(self, where: KeyPath, body: Mapping[str, Any]) -> bool:
        """``replace = true``: the concept replaces one of the same id in an earlier termbase."""
        flag = body.get("replace", False)
        if not isinstance(flag, bool):
            self.report((*where, "replace"), T_("'replace' must be true or false"))
            return False
        return flag

    def concept(self, concept_id: str, body: object, declared: list[str]) -> Concept | None:
        """The concept ``[concept.<concept_id>]``, or None when ``body`` is no table."""
        where: KeyPath = ("concept", concept_id)
        if not concept_id.strip():
            self.report(where, T_("a concept id must not be empty"))
            return None
        if not isinstance(body, dict):
            self.report(where, T_(
                "concept {concept_id!r} must be a table",
                concept_id=concept_id,
            ))
            return None
        # Read in the order of the diagnostics: keys, concept fields, languages, then the checks
        # across languages; domain and note last.
        lang_keys = self.language_keys(where, concept_id, body)
        definitions = self.definitions(where, body)
        related = self.related(where, body)
        well_known = self.well_known(where, body)
        terms, language_notes = self.language_sections(where, concept_id, body, lang_keys, declared)
        self.check_repeated_terms(concept_id, terms)
        self.check_preferred(where, concept_id, terms, declared)
        domain, note = body.get("domain"), body.get("note")
        return Concept(
            id=concept_id,
            terms=tuple(term for term, _ in terms),
            domain=domain if domain is None else self.string((*where, "domain"), domain),
            definitions=MappingProxyType(definitions),
            note=note if note is None else self.string((*where, "note"), note),
            language_notes=MappingProxyType(language_notes),
            related=tuple(related),
            well_known=well_known,
        )

    def language_keys(
        self, where: KeyPath, concept_id: str, body: Mapping[str, Any]
    ) -> dict[str, str]:
        """The keys of a concept that are language tags, each with its normalised tag; any other
        key that is no concept field is reported."""
        lang_keys: dict[str, str] = {}
        for key in body:
            if key in CONCEPT_KEYS:
                continue
            try:
                lang_keys[key] = normalize_tag(key)
            except ValueError:
                self.report(
                    (*where, key),
                    T_(
                        "unknown key {key!r} in concept {concept_id!r}: neither a concept field "
                        "nor a language tag{value}",
                        key=key, concept_id=concept_id, value=_did_you_mean(key, CONCEPT_KEYS),
                    ),
                )
        return lang_keys

    def definitions(self, where: KeyPath, body: Mapping[str, Any]) -> dict[str, str]:
        """The concept's definitions by language; a bare string is the English one."""
        definitions: dict[str, str] = {}
        raw_defs = body.get("definition", {})
        if isinstance(raw_defs, str):
            raw_defs = {"en": raw_defs}
        if not isinstance(raw_defs, dict):
            self.report((*where, "definition"), T_("'definition' must be a table: definition.en = '…'"))
            raw_defs = {}
        for tag, text in raw_defs.items():
            lang = self.language((*where, "definition", tag), tag)
            value = self.string((*where, "definition", tag), text)
            if lang and value:
                definitions[lang] = value
        return definitions

    def related(self, where: KeyPath, body: Mapping[str, Any]) -> list[str]:
        """The ids of the related concepts; a bare string is one."""
        related = body.get("related", [])
        if isinstance(related, str):
            related = [related]
        if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
            self.report((*where, "related"), T_("'related' must be an array of concept ids"))
            related = []
        return related

    def well_known(self, where: KeyPath, body: Mapping[str, Any]) -> bool:
        """``well-known``: readers know the acronym without a definition (UN, EU, ISO)."""
        well_known = body.get("well-known", False)
        if not isinstance(well_known, bool):
            self.report((*where, "well-known"), T_("'well-known' must be true or false"))
            well_known = False
        return well_known

    def language_sections(
        self,
        where: KeyPath,
        concept_id: str,
        body: Mapping[str, Any],
        lang_keys: Mapping[str, str],
        declared: list[str],
    ) -> tuple[list[tuple[Term, KeyPath]], dict[str, str]]:
        """The terms of every language section of a concept, each with its key path, and the
        sections' notes by language."""
        terms: list[tuple[Term, KeyPath]] = []
        language_notes: dict[str, str] = {}
        for key, lang in lang_keys.items():
            lang_body = body[key]
            if isinstance(lang_body, dict) and (note := lang_body.get("note")) is not None:
                note = self.string((*where, key, "note"), note)
                if note:
                    language_notes[lang] = note
            if declared and lang not in declared:
                self.report(
                    (*where, key),
                    T_(
                        "language {lang!r} is not declared in [termbase] languages ({value})",
                        lang=lang, value=', '.join(declared),
                    ),
                )
            terms.extend(self.language_terms((*where, key), concept_id, lang, lang_body))
        return terms, language_notes

    def check_repeated_terms(self, concept_id: str, terms: list[tuple[Term, KeyPath]]) -> None:
        """Report a term given two statuses in one language (an error) or listed twice."""
        if len({term.text for term, _ in terms}) == len(terms):
            return  # no text twice, in any language: the common case, without a key each
        seen: dict[tuple[str, str], Term] = {}
        for term, term_where in terms:
            other = seen.get((term.lang, term.text))
            if other is None:
                seen[(term.lang, term.text)] = term
            elif other.status is not term.status:
                self.report(
                    term_where,
                    T_(
                        "{text!r} is both {status} and {other_status} in concept {concept_id!r} "
                        "({lang})",
                        text=term.text, status=other.status.value, other_status=term.status.value,
                        concept_id=concept_id, lang=term.lang,
                    ),
                    literal=term.text,
                )
            elif other.type is term.type:
                self.report(
                    term_where,
                    T_(
                        "{text!r} is listed twice in concept {concept_id!r} ({lang})",
                        text=term.text, concept_id=concept_id, lang=term.lang,
                    ),
                    severity="warning",
                    literal=term.text,
                )

    def check_preferred(
        self,
        where: KeyPath,
        concept_id: str,
        terms: list[tuple[Term, KeyPath]],
        declared: list[str],
    ) -> None:
        """Warn about each declared language in which the concept has no preferred term."""
        preferred = {t.lang for t, _ in terms if t.status is Status.PREFERRED}
        for lang in declared:
            if lang not in preferred:
                self.report(
                    where,
                    T_(
                        "concept {concept_id!r} has no preferred term in {lang!r}",
                        concept_id=concept_id, lang=lang,
                    ),
                    severity="warning",
                    concept=concept_id,
                )

    def language_terms(
        self, where: KeyPath, concept_id: str, lang: str, body: object
    ) -> list[tuple[Term, KeyPath]]:
        """The terms of one language section, each with the key path it was written under."""
        if not isinstance(body, dict):
            self.report(where, T_(
                "[{value}] must be a table of terms",
                value='.'.join(where),
            ))
            return []
        if not body.keys() <= _LANG_KEY_SET:
            self.check_keys(where, body, LANG_KEYS)
        terms: list[tuple[Term, KeyPath]] = []
        clean = _CLEAN_TERM.fullmatch
        # The keys in TERM_KEYS's order, whatever the file's (TOML has no None to confuse get)
        for key, (status, term_type) in _TERM_KEY_ITEMS:
            values = body.get(key)
            if values is None:
                continue
            term_where = (*where, key)
            if type(values) is str and clean(values):  # one term, the common case
                terms.append((new_term(values, lang, term_type, status, concept_id), term_where))
                continue
            if not isinstance(values, list):
                values = [values]
            for value in values:
                if type(value) is str and clean(value):
                    # The common case, with nothing to report: the term as term() makes it.
                    terms.append((new_term(value, lang, term_type, status, concept_id), term_where))
                    continue
                term = self.term(term_where, value, concept_id, lang, status, term_type)
                if term is not None:
                    terms.append((term, term_where))
        return terms

    def term(
        self,
        where: KeyPath,
        value: object,
        concept_id: str,
        lang: str,
        status: Status,
        term_type: TermType,
    ) -> Term | None:
        details: dict[str, Any] = {}
        if isinstance(value, dict):
            self.check_keys(where, value, TERM_TABLE_KEYS)
            details = value
            value = value.get("term")
            if value is None:
                self.report(where, T_("a term table needs a 'term' key: { term = \"…\" }"))
                return None
        if not isinstance(value, str):
            self.report(where, T_(
                "a term must be a string, not {name}",
                name=type(value).__name__,
            ))
            return None
        if not value.strip():
            self.report(where, T_(
                "empty term in concept {concept_id!r} ({lang})",
                concept_id=concept_id, lang=lang,
            ), literal=value)
            return None
        if _CONTROL.search(value):
            # Text is matched with its line breaks and tabs read as spaces: this never matches.
            self.report(
                where, T_(
                    "term {value!r} contains a line break or control character",
                    value=value,
                ), literal=value
            )
            return None
        if not _ALNUM.search(value):
            # A warning: real exchange files hold such placeholders ("-"); it matches nothing.
            self.report(
                where, T_(
                    "term {value!r} has no letter or digit: it matches no text",
                    value=value,
                ),
                severity="warning", literal=value,
            )
        if value != value.strip() or "  " in value:
            self.report(
                where,
                T_("term {value!r} has leading, trailing or doubled spaces", value=value),
                literal=value,
            )
            return None
        return Term(
            text=value,
            lang=lang,
            type=term_type,
            status=status,
            concept_id=concept_id,
            note=self.string(where, details.get("note")),
            source=self.string(where, details.get("source")),
            plural=self.string(where, details.get("plural")),
        )


def toml_parser() -> Any:
    """The TOML parser: ``tomli`` where it is installed (the same parser as the standard
    library's ``tomllib``, with the same results and messages, but its wheels are compiled: a
    20,000-concept termbase parses in 2.1 s instead of 4.0; ``pip install termkit[fast]``), else
    ``tomllib`` (Python 3.11 and later; ``tomli`` is a dependency before)."""
    try:
        import tomli
    except ImportError:  # pragma: no cover - tomli is installed with the test extras
        import tomllib  # type: ignore[import-not-found,unused-ignore]  # 3.11+

        return tomllib
    return tomli


def parse_termbase_text(text: str, path: str) -> tuple[Termbase | None, list[Diagnostic]]:
    """Parse and check one termbase's text; the termbase is None when the TOML does not parse."""
    from termkit.termbase.plaintoml import read_plain_toml

    if text.startswith("\ufeff"):
        text = text[1:]
    prepare_tags()  # before the document's tables fill memory (see prepare_tags)
    # Plain TOML (a generated or exported termbase) is read five times faster than tomli
    # reads it, to the same tables; anything else, and every error, is tomli's.
    data = read_plain_toml(text)
    if data is None:
        # Imported here: a termbase served from the compiled cache never needs the TOML parser.
        tomllib = toml_parser()
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            return None, [syntax_diagnostic(path, exc)]
        except RecursionError:  # the parser recurses into each array and inline table
            message = T_("TOML nested too deeply (arrays or inline tables hundreds deep)")
            return None, [Diagnostic(path, None, None, "error", message)]
    reader = _Reader(path, text)
    termbase = reader.read(data)
    return termbase, reader.diagnostics


def syntax_diagnostic(path: str, exc: Exception) -> Diagnostic:
    message = str(exc).splitlines()[0] if str(exc) else "invalid TOML"
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    match = _TOML_ERROR_AT.match(message)
    if match:
        message = match["msg"]
        line, col = int(match["line"]), int(match["col"])
    elif (eof := _TOML_ERROR_EOF.match(message)) is not None:
        message = eof["msg"] + " at end of file"
    return Diagnostic(path, line, col, "error", T_("TOML syntax error: {message}", message=message))
