"""TBX (ISO 30042) in and out: v3 (``tbx/conceptEntry/langSec/termSec``, TBX-Basic dialect, DCA
style) and v2 (``martif/termEntry/langSet/tig``, which most CAT tools import).

How the model maps to TBX-Basic (the same data categories in v2 and v3):

=====================  ===============================================================
model                  TBX
=====================  ===============================================================
concept id             ``id`` of the entry; characters an XML ID cannot hold are written
                       ``_xHHHH_`` (``2030-agenda`` → ``_x0032_030-agenda``)
domain                 ``<descrip type="subjectField">`` on the entry
definition (lang)      ``<descrip type="definition">`` in the language section (on the
                       entry with ``xml:lang`` when the language has no terms)
concept note           ``<note>`` on the entry
language note          ``<note>`` in the language section (on the entry with ``xml:lang``
                       when the language has no terms)
related                ``<ref type="crossReference" target="ID">`` on the entry
well-known             ``<admin type="projectSubset">well-known</admin>`` on the entry
term type              ``<termNote type="termType">`` fullForm, acronym, shortForm
status                 ``<termNote type="administrativeStatus">`` preferredTerm-admn-sts, …
term source            ``<admin type="source">`` in the term section
term note              ``<note>`` in the term section
plural                 ``<note>plural: …</note>`` in the term section (TBX-Basic has no
                       category for it)
name                   ``<titleStmt><title>`` in the header
languages,             ``<p type="termkit:languages">en fr zh</p>`` and
acronyms-from          ``<p type="termkit:acronyms-from">zh=en</p>`` in ``<sourceDesc>``
=====================  ===============================================================

Reading accepts v3 in both styles (DCA ``<descrip type="definition">`` and DCT
``<basic:definition>``) and v2 (``tig`` and ``ntig``). Data categories the model has no field for
(part of speech, gender, context…) are kept as ``category: value`` lines in the nearest note;
transactions, back matter and header prose are dropped; the report counts both.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from termkit.errors import InputError
from termkit.i18n import T_
from termkit.interchange.common import (
    DraftConcept,
    DraftTerm,
    DraftTermbase,
    ImportReport,
    ImportResult,
    collapse_space,
    own_terms,
)
from termkit.interchange.xmlsafe import parse_xml
from termkit.langtags import normalize_tag
from termkit.model import Concept, Status, Termbase, TermType
from termkit.reading import DOCUMENT_LIMIT, read_regular_file

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "TBX_NAMESPACE",
    "decode_id",
    "encode_id",
    "read_tbx",
    "tbx_version",
    "validate_tbx",
    "write_tbx",
]

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CORE_RNG_URL = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng"
)
BASIC_SCH_URL = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"
)
PLURAL_PREFIX = "plural: "
WELL_KNOWN = "well-known"

STATUS_TO_TBX = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
TYPE_TO_TBX = {TermType.FULL: "fullForm", TermType.ACRONYM: "acronym", TermType.SHORT: "shortForm"}
_TBX_TO_TYPE = {v.lower(): k for k, v in TYPE_TO_TBX.items()}
# Term types the model folds into its three, keeping the original in the term note.
_NEAR_TYPES = {
    "abbreviation": TermType.ACRONYM,
    "initialism": TermType.ACRONYM,
    "clippedterm": TermType.SHORT,
}
_NEAR_STATUSES = {
    "superseded": Status.DEPRECATED,
    "obsolete": Status.DEPRECATED,
    "standardized": Status.PREFERRED,
    "legal": Status.PREFERRED,
    "regulated": Status.PREFERRED,
}

# --- concept ids as XML IDs ------------------------------------------------------------------

_ESCAPED = re.compile(r"_x([0-9A-F]{4,6})_")


def encode_id(concept_id: str) -> str:
    """A concept id as an XML ID (an NCName): other characters become ``_xHHHH_``."""
    out: list[str] = []
    for i, ch in enumerate(concept_id):
        safe = ch.isascii() and (
            ch.isalpha() or ch == "_" or (i > 0 and (ch.isdigit() or ch in ".-"))
        )
        if ch == "_" and _ESCAPED.match(concept_id, i):
            safe = False  # a literal "_x0041_" must not decode to "A"
        out.append(ch if safe else f"_x{ord(ch):04X}_")
    return "".join(out) or "_"


def decode_id(xml_id: str) -> str:
    """The concept id an XML ID stands for (the inverse of :func:`encode_id`). An escape of
    no character (``_xD800_``, a surrogate; ``_x110000_``, past Unicode) is kept as it is
    written: :func:`encode_id` never writes one."""
    return _ESCAPED.sub(_unescaped, xml_id)


def _unescaped(escape: re.Match[str]) -> str:
    code = int(escape[1], 16)
    if code > sys.maxunicode or 0xD800 <= code <= 0xDFFF:
        return escape[0]
    return chr(code)


# --- writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Names:
    """Element names of one TBX version."""

    root: str
    header: str
    entry: str
    lang: str
    term: str
    namespace: str | None


_V3 = _Names("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec", TBX_NAMESPACE)
_V2 = _Names("martif", "martifHeader", "termEntry", "langSet", "tig", None)


def write_tbx(
    termbase: Termbase, *, version: int = 3, generator: str = "termkit"
) -> tuple[str, list[str]]:
    """The termbase as TBX-Basic (v3 DCA style, or v2); returns the XML and warnings.

    A concept with no terms cannot be a TBX entry: it is left out and named in the warnings.
    """
    from lxml import etree

    names = _V3 if version == 3 else _V2
    ns = f"{{{names.namespace}}}" if names.namespace else ""
    warnings: list[str] = []
    exported = {c.id for c in termbase if own_terms(c)}

    def sub(
        parent: etree._Element, tag: str, text: str | None = None, **attrs: str
    ) -> etree._Element:
        element = etree.SubElement(parent, ns + tag)
        for key, value in attrs.items():
            element.set(XML_LANG if key == "lang" else key, value)
        if text is not None:
            try:
                element.text = text
            except ValueError:
                raise InputError(T_(
                    "{start!r}… holds a character XML cannot carry (a control character)",
                    start=text[:40])) from None
        return element

    languages = termbase.languages or tuple(
        dict.fromkeys(t.lang for t in termbase.terms() if t.borrowed_from is None)
    )
    nsmap = {None: names.namespace} if names.namespace else None
    root = etree.Element(ns + names.root, nsmap=nsmap)
    if version == 3:
        root.set("type", "TBX-Basic")
        root.set("style", "dca")
    else:
        root.set("type", "TBX-Basic")
    root.set(XML_LANG, languages[0] if languages else "en")
    header = sub(root, names.header)
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", termbase.name)
    source_desc = sub(file_desc, "sourceDesc")
    sub(source_desc, "p", f"Exported by {generator} from a TOML termbase.")
    sub(source_desc, "p", " ".join(termbase.languages), type="termkit:languages")
    if termbase.acronyms_from:
        pairs = " ".join(f"{b}={lend}" for b, lend in termbase.acronyms_from.items())
        sub(source_desc, "p", pairs, type="termkit:acronyms-from")
    if version == 2:
        encoding = sub(header, "encodingDesc")
        sub(encoding, "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = sub(sub(root, "text"), "body")

    for concept in termbase:
        if concept.id not in exported:
            warnings.append(T_("concept {concept!r} has no terms: TBX cannot hold it, left out",
                               concept=concept.id))
            continue
        _write_concept(concept, body, sub, names, exported, warnings)
    if not exported:
        raise InputError(T_("nothing to export: no concept has a term in the chosen languages"))

    etree.indent(root, space="  ")
    prolog = ['<?xml version="1.0" encoding="UTF-8"?>']
    if version == 3:
        for href, schema in (
            (CORE_RNG_URL, "http://relaxng.org/ns/structure/1.0"),
            (BASIC_SCH_URL, "http://purl.oclc.org/dsdl/schematron"),
        ):
            prolog.append(
                f'<?xml-model href="{href}" type="application/xml" schematypens="{schema}"?>'
            )
    else:
        prolog.append('<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">')
    xml = "\n".join([*prolog, etree.tostring(root, encoding="unicode")])
    return xml + "\n", warnings


def _write_concept(
    concept: Concept,
    body: etree._Element,
    sub: Callable[..., etree._Element],
    names: _Names,
    exported: set[str],
    warnings: list[str],
) -> None:
    entry = sub(body, names.entry, id=encode_id(concept.id))
    terms = own_terms(concept)
    languages = list(dict.fromkeys(t.lang for t in terms))
    if concept.domain is not None:
        sub(entry, "descrip", concept.domain, type="subjectField")
    if concept.well_known:
        sub(entry, "admin", WELL_KNOWN, type="projectSubset")
    if concept.note is not None:
        sub(entry, "note", concept.note)
    for related in concept.related:
        if related in exported:
            sub(entry, "ref", related, type="crossReference", target=encode_id(related))
        else:
            warnings.append(T_("concept {concept!r}: link to {related!r} left out with it",
                               concept=concept.id, related=related))
    # Languages without terms have no language section: their data goes on the entry.
    for lang, text in concept.definitions.items():
        if lang not in languages:
            sub(entry, "descrip", text, type="definition", lang=lang)
    for lang, text in concept.language_notes.items():
        if lang not in languages:
            sub(entry, "note", text, lang=lang)
    for lang in languages:
        section = sub(entry, names.lang, lang=lang)
        if lang in concept.definitions:
            sub(section, "descrip", concept.definitions[lang], type="definition")
        if lang in concept.language_notes:
            sub(section, "note", concept.language_notes[lang])
        for term in terms:
            if term.lang != lang:
                continue
            term_sec = sub(section, names.term)
            sub(term_sec, "term", term.text)
            sub(term_sec, "termNote", TYPE_TO_TBX[term.type], type="termType")
            sub(term_sec, "termNote", STATUS_TO_TBX[term.status], type="administrativeStatus")
            if term.source is not None:
                sub(term_sec, "admin", term.source, type="source")
            if term.note is not None:
                sub(term_sec, "note", term.note)
            if term.plural is not None:
                sub(term_sec, "note", PLURAL_PREFIX + term.plural)


# --- reading ---------------------------------------------------------------------------------


def tbx_version(root: etree._Element) -> int | None:
    """3 for ``<tbx>``, 2 for ``<martif>``, None for anything else."""
    from lxml import etree

    name = etree.QName(root).localname
    return 3 if name == "tbx" else 2 if name == "martif" else None


def read_tbx(data: bytes, path: str) -> ImportResult:
    """Read TBX v3 or v2 (told apart by the root element) into a termbase and a report."""
    from lxml import etree

    root = parse_xml(data, path).getroot()
    version = tbx_version(root)
    if version is None:
        raise InputError(
            T_(
                "not a TBX file: the root element is <{localname}>, expected <tbx> (TBX v3) or "
                "<martif> (TBX v2)",
                localname=etree.QName(root).localname,
            ),
            path,
            root.sourceline,
        )
    reader = _TbxReader(root, path)
    return reader.read()


class _TbxReader:
    """One pass over a parsed TBX document, filling a draft termbase."""

    def __init__(self, root: etree._Element, path: str) -> None:
        from lxml import etree

        self.etree = etree
        self.root = root
        self.path = path
        self.core = etree.QName(root).namespace  # None for v2 and namespace-less v3
        self.report = ImportReport()
        self.exact = False  # texts are kept as written only in files termkit wrote
        self.root_lang = root.get(XML_LANG, "")

    # element helpers
    def local(self, element: etree._Element) -> str:
        return self.etree.QName(element).localname

    def is_core(self, element: etree._Element, *names: str) -> bool:
        qname = self.etree.QName(element)
        return qname.namespace == self.core and qname.localname in names

    def category(self, element: etree._Element) -> str:
        """The data category: ``type`` of a DCA element, the name of a DCT one."""
        if self.etree.QName(element).namespace != self.core:
            return self.local(element)
        return element.get("type") or self.local(element)

    def text(self, element: etree._Element) -> str:
        raw = "".join(element.itertext())
        return raw if self.exact else collapse_space(raw)

    def children(self, element: etree._Element) -> Iterator[etree._Element]:
        return (child for child in element if isinstance(child.tag, str))

    # document
    def read(self) -> ImportResult:
        name = Path(self.path).stem
        languages: list[str] = []
        acronyms_from: dict[str, str] = {}
        header_paragraphs = 0
        header = next(
            (c for c in self.children(self.root) if self.is_core(c, "tbxHeader", "martifHeader")),
            None,
        )
        if header is not None:
            for p in header.iter():
                if not isinstance(p.tag, str):
                    continue
                kind = p.get("type")
                if self.is_core(p, "title"):
                    name = collapse_space("".join(p.itertext())) or name
                elif self.is_core(p, "p") and kind == "termkit:languages":
                    self.exact = True
                    languages = "".join(p.itertext()).split()
                elif self.is_core(p, "p") and kind == "termkit:acronyms-from":
                    for pair in "".join(p.itertext()).split():
                        borrower, _, lender = pair.partition("=")
                        if borrower and lender:
                            acronyms_from[borrower] = lender
                elif self.is_core(p, "p") and kind != "XCSURI":
                    header_paragraphs += 1
        if header_paragraphs and not self.exact:
            self.report.dropped["header paragraphs"] += header_paragraphs
        draft = DraftTermbase(
            name=name,
            path=self.path,
            languages=languages,
            acronyms_from=acronyms_from,
            report=self.report,
        )
        body = next(self.root.iter(self.qualified("body")), None)
        entries = (
            []
            if body is None
            else [e for e in self.children(body) if self.is_core(e, "conceptEntry", "termEntry")]
        )
        for number, entry in enumerate(entries, start=1):
            draft.concepts.append(self.entry(entry, number))
        for back in self.root.iter(self.qualified("back")):
            if len(back):
                self.report.drop("back matter (refObjectSec, refObjectList)")
        return draft.finish()

    def qualified(self, name: str) -> str:
        return f"{{{self.core}}}{name}" if self.core else name

    def entry(self, entry: etree._Element, number: int) -> DraftConcept:
        raw_id = entry.get("id")
        concept = DraftConcept(id=decode_id(raw_id) if raw_id else f"c{number}")
        for child in self.children(entry):
            if self.is_core(child, "langSec", "langSet"):
                self.language(concept, child)
            else:
                self.concept_item(concept, child)
        return concept

    def concept_item(self, concept: DraftConcept, element: etree._Element) -> None:
        """One child of an entry that is not a language section."""
        lang = element.get(XML_LANG)
        if self.is_core(element, "transacGrp"):
            self.report.drop("transactions (dates, responsibility)")
            return
        if self.is_core(element, "descripGrp", "adminGrp"):
            for item in self.children(element):
                self.concept_item(concept, item)
            return
        category = self.category(element)
        text = self.text(element)
        if not text and category != "note":
            return
        if category == "note":
            if lang:
                concept.add_language_note(lang, text)
            else:
                concept.notes.append(text)
        elif category == "subjectField" and concept.domain is None:
            concept.domain = text
        elif category == "definition":
            concept.add_definition(lang or self.root_lang or "en", text)
        elif category == "crossReference":
            target = element.get("target")
            concept.related.append(decode_id(target) if target else text)
        elif category == "projectSubset" and text == WELL_KNOWN:
            concept.well_known = True
        else:
            target = element.get("target")
            concept.notes.append(f"{category}: {text}" + (f" <{target}>" if target else ""))
            self.report.keep(f"{category} (concept note)")

    def language(self, concept: DraftConcept, section: etree._Element) -> None:
        lang = section.get(XML_LANG) or self.root_lang
        try:
            normalize_tag(lang)
        except ValueError:
            # A section in no known language cannot be a language table: keep its terms readable.
            terms = [
                self.term(c, lang)
                for c in self.children(section)
                if self.is_core(c, "termSec", "tig", "ntig")
            ]
            texts = ", ".join(repr(t.text) for t in terms if t is not None)
            concept.notes.append(f"terms in unknown language {lang!r}: {texts}")
            self.report.keep(
                f"terms in language sections with an invalid xml:lang {lang!r} (concept note)"
            )
            return
        for child in self.children(section):
            if self.is_core(child, "termSec", "tig", "ntig"):
                term = self.term(child, lang)
                if term is not None:
                    concept.terms.append(term)
            elif self.is_core(child, "transacGrp"):
                self.report.drop("transactions (dates, responsibility)")
            elif self.is_core(child, "descripGrp", "adminGrp"):
                self.language_items(concept, lang, list(self.children(child)))
            else:
                self.language_items(concept, lang, [child])

    def language_items(self, concept: DraftConcept, lang: str, items: list[etree._Element]) -> None:
        for item in items:
            category = self.category(item)
            text = self.text(item)
            if self.is_core(item, "transacGrp"):
                self.report.drop("transactions (dates, responsibility)")
            elif not text:
                continue
            elif category == "definition":
                concept.add_definition(lang, text)
            elif category == "note":
                concept.add_language_note(lang, text)
            else:
                concept.add_language_note(lang, f"{category}: {text}")
                self.report.keep(f"{category} (language note)")

    def term(self, section: etree._Element, lang: str) -> DraftTerm | None:
        """A termSec / tig / ntig as a draft term (None when it has no term text)."""
        items: list[etree._Element] = []
        for child in self.children(section):
            if self.is_core(child, "termGrp", "termNoteGrp"):
                items.extend(self.children(child))  # ntig's termGrp holds term and termNotes
            else:
                items.append(child)
        term_element = next((i for i in items if self.is_core(i, "term")), None)
        text = collapse_space("".join(term_element.itertext())) if term_element is not None else ""
        if not text:
            self.report.drop("empty terms")
            return None
        if self.exact and term_element is not None:
            text = "".join(term_element.itertext())
        draft = DraftTerm(text=text, lang=lang)
        for item in items:
            if item is term_element:
                continue
            self.term_item(draft, item)
        return draft

    def term_item(self, draft: DraftTerm, item: etree._Element) -> None:
        if self.is_core(item, "transacGrp"):
            self.report.drop("transactions (dates, responsibility)")
            return
        if self.is_core(item, "descripGrp", "adminGrp"):
            parts = list(self.children(item))
            described = [f"{self.category(p)}: {self.text(p)}" for p in parts if self.text(p)]
            if described:
                draft.notes.append("; ".join(described))
                self.report.keep(f"{self.category(parts[0])} (term note)")
            return
        category = self.category(item)
        text = self.text(item)
        if not text:
            return
        if category == "termType":
            key = text.replace(" ", "").lower()
            if key in _TBX_TO_TYPE:
                draft.type = _TBX_TO_TYPE[key]
            else:
                draft.type = _NEAR_TYPES.get(key, TermType.FULL)
                draft.notes.append(f"termType: {text}")
                self.report.keep("termType other than fullForm/acronym/shortForm (term note)")
        elif category == "administrativeStatus":
            key = text.lower().removesuffix("-admn-sts").removesuffix("term")
            if key in ("preferred", "admitted", "deprecated"):
                draft.status = Status(key)
            else:
                draft.status = _NEAR_STATUSES.get(key)
                draft.notes.append(f"administrativeStatus: {text}")
                self.report.keep(
                    "administrativeStatus other than preferred/admitted/deprecated (term note)"
                )
        elif category == "source":
            draft.sources.append(text)
        elif category == "note":
            if self.exact and text.startswith(PLURAL_PREFIX) and "\n" not in text:
                draft.plural = text[len(PLURAL_PREFIX) :]
            else:
                draft.notes.append(text)
        else:
            target = item.get("target")
            draft.notes.append(f"{category}: {text}" + (f" <{target}>" if target else ""))
            self.report.keep(f"{category} (term note)")


# --- validation ------------------------------------------------------------------------------


def validate_tbx(data: bytes, path: str, schema_path: str) -> list[str]:
    """Check a TBX file against a RelaxNG schema (the TBX core structure); ``path:line:col:``
    messages, empty when valid. Raises InputError when the file or the schema cannot be read."""
    from lxml import etree

    tree = parse_xml(data, path)
    try:
        schema_tree = parse_xml(read_regular_file(schema_path, DOCUMENT_LIMIT)[0], schema_path)
        schema = etree.RelaxNG(schema_tree)
    except OSError as exc:
        raise InputError(T_("cannot read schema: {value}", value=exc.strerror or exc), schema_path) from None
    except etree.RelaxNGParseError as exc:
        raise InputError(T_("not a RelaxNG schema: {reason}", reason=exc), schema_path) from None
    if schema.validate(tree):
        return []
    messages: list[str] = []
    for error in schema.error_log:
        where = f"{path}:{error.line}" + (f":{error.column}" if error.column > 0 else "")
        messages.append(f"{where}: {error.message}")
    return messages
