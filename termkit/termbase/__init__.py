"""Loading termbases: TOML files (and the shipped one) into one :class:`~termkit.model.Termbase`."""

from __future__ import annotations

import copyreg
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from termkit.errors import TermbaseError
from termkit.i18n import T_
from termkit.model import Concept, Status, Termbase, TermType, new_term
from termkit.reading import TERMBASE_LIMIT, read_regular_file
from termkit.termbase.schema import Diagnostic, parse_termbase_text

__all__ = [
    "Diagnostic",
    "default_termbase_paths",
    "layer_changes",
    "load_termbase",
    "load_termbase_text",
    "merge_termbases",
    "read_termbase_file",
    "termbase_from_reference",
    "validate_paths",
]

StrPath = str | os.PathLike[str]


def default_termbase_paths() -> list[Path]:
    """The shipped termbase files: package data in a wheel, ``termbases/`` in a source checkout."""
    package_dir = Path(__file__).resolve().parent.parent
    for folder in (package_dir / "_termbases", package_dir.parent / "termbases"):
        if folder.is_dir():
            found = sorted(folder.glob("*.toml"))
            if found:
                return found
    raise TermbaseError(
        T_(
            "the shipped termbase is missing from this installation of termkit",
        ),
    )


def read_termbase_file(path: StrPath) -> tuple[Termbase | None, list[Diagnostic]]:
    """Read and check one TOML termbase file; unreadable files become a diagnostic too."""
    name = os.fspath(path)
    try:
        raw, _ = read_regular_file(path, TERMBASE_LIMIT)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = T_("cannot read termbase: {reason}", reason=reason)
        return None, [Diagnostic(name, None, None, "error", message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Diagnostic(name, line, col, "error", T_("termbase is not valid UTF-8"))]
    return parse_termbase_text(text, name)


def load_termbase_text(text: str, path: str = "<string>") -> Termbase:
    """Load one termbase from TOML text (for tests and tools); raises TermbaseError on errors."""
    termbase, diagnostics = parse_termbase_text(text, path)
    _raise_first_error(diagnostics)
    assert termbase is not None
    _raise_first_error(cross_concept_diagnostics(termbase))
    return finish_termbase(termbase)


def load_termbase(
    paths: Iterable[StrPath] = (),
    *,
    include_default: bool = True,
    cache: bool = True,
) -> Termbase:
    """Load the shipped termbase (unless ``include_default`` is false), then each of ``paths``.

    Later termbases extend earlier ones; a concept id that comes again replaces the earlier concept.
    Raises :class:`TermbaseError` naming the file, line and column of the first error.
    With ``cache`` (and unless ``TERMKIT_NO_CACHE`` is set), files that have not changed since
    they last loaded without errors come from the compiled cache (:mod:`termkit.termbase.cache`).
    """
    all_paths: list[StrPath] = [*default_termbase_paths()] if include_default else []
    given = list(paths)
    all_paths.extend(given)
    if not all_paths:
        raise TermbaseError(T_("no termbase given (and the shipped one is switched off)"))

    def build() -> Termbase:
        parts: list[Termbase] = []
        for path in all_paths:
            termbase, diagnostics = read_termbase_file(path)
            _raise_first_error(diagnostics)
            assert termbase is not None
            parts.append(termbase)
        merged = merge_termbases(parts)
        _raise_first_error(cross_concept_diagnostics(merged))
        return finish_termbase(merged)

    from termkit.termbase.cache import cached_termbase

    return cached_termbase(all_paths, include_default, build, enabled=cache, given=given)


# -- pickling ------------------------------------------------------------------------------------

_MAPPED: dict[str, Termbase] = {}  # termbases unpickled in this process, by cache key
_MAPPED_LOCK = threading.Lock()
_KEEP_MAPPED = 8


def _reduce_termbase(termbase: Termbase) -> tuple[Callable[..., Termbase], tuple[object, ...]]:
    """How a :class:`~termkit.model.Termbase` pickles.

    One that came through the compiled cache pickles as a reference to its entry (the key, its
    files, the cache directory, a digest of the files: some hundred bytes): a worker maps the
    entry, as a second run would, and keeps the termbase (with its compiled matcher) for every
    task after the first, instead of receiving 20,000 concepts per task. Another termbase (or a
    copy made with other fields) pickles as the compact encoding the cache stores. Its derived
    data (the matcher) is never pickled.
    """
    from termkit.termbase.cache import encode_termbase, termbase_reference

    reference = termbase_reference(termbase)
    if reference is not None:
        return termbase_from_reference, reference
    return _termbase_from_encoding, (encode_termbase(termbase), tuple(termbase.replaces))


copyreg.pickle(Termbase, _reduce_termbase)


def termbase_from_reference(
    key: str, paths: tuple[str, ...], include_default: bool, directory: str, digest: str
) -> Termbase:
    """The termbase a pickled reference names: the one this process already has, else the
    cache entry in ``directory`` (the same machine), else built from its files (another machine:
    they must be at the same absolute paths) after checking that their contents are those the
    sender loaded (``digest``)."""
    with _MAPPED_LOCK:  # worker threads unpickle at once; the matcher is built once per process
        termbase = _MAPPED.pop(key, None)
        if termbase is None:
            termbase = _from_reference(key, paths, include_default, directory, digest)
        _MAPPED[key] = termbase  # the most recently used last
        while len(_MAPPED) > _KEEP_MAPPED:
            _MAPPED.pop(next(iter(_MAPPED)))
        return termbase


def _from_reference(
    key: str, paths: tuple[str, ...], include_default: bool, directory: str, digest: str
) -> Termbase:
    from termkit.termbase.cache import content_digest, mapped_termbase

    def check_files() -> None:
        files: list[StrPath] = [*default_termbase_paths(), *paths] if include_default else [
            *paths]
        if content_digest(files) != digest:
            raise TermbaseError(
                T_("the termbase's files changed since it was sent to this worker (or this "
                   "worker runs another version of termkit)"),
                paths[0] if paths else None,
            )

    def rebuild() -> Mapping[str, Concept]:  # a damaged entry: the files, if they are the same
        check_files()
        return load_termbase(paths, include_default=include_default, cache=False).concepts

    termbase = mapped_termbase(key, (paths, include_default, directory, digest), rebuild)
    if termbase is None:
        check_files()
        termbase = load_termbase(paths, include_default=include_default)
    return termbase


def _termbase_from_encoding(encoded: bytes, replaces: tuple[str, ...]) -> Termbase:
    from termkit.termbase.cache import decode_termbase

    termbase = decode_termbase(encoded)
    return replace(termbase, replaces=frozenset(replaces)) if replaces else termbase


def _raise_first_error(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        if diagnostic.severity == "error":
            raise TermbaseError(
                diagnostic.message, diagnostic.path, diagnostic.line, diagnostic.column
            )


def merge_termbases(parts: Sequence[Termbase]) -> Termbase:
    """Combine termbases in order: a later concept with a known id extends the earlier one
    (:mod:`termkit.termbase.layers`), or replaces it when marked ``replace = true``."""
    from termkit.termbase.layers import layer_concept

    if len(parts) == 1:
        return parts[0]
    languages: dict[str, None] = {}
    concepts: dict[str, Concept] = {}
    acronyms_from: dict[str, str] = {}
    for part in parts:
        languages.update(dict.fromkeys(part.languages))
        for concept_id, concept in part.concepts.items():
            earlier = concepts.get(concept_id)
            if earlier is not None and concept_id not in part.replaces:
                concept = layer_concept(earlier, concept)
            concepts[concept_id] = concept
        acronyms_from.update(part.acronyms_from)
    return Termbase(
        name=" + ".join(p.name for p in parts),
        languages=tuple(languages),
        concepts=MappingProxyType(concepts),
        acronyms_from=MappingProxyType(acronyms_from),
        sources=tuple(s for p in parts for s in p.sources),
    )


def finish_termbase(termbase: Termbase) -> Termbase:
    """Copy lent acronyms into the languages that borrow them (``acronyms-from``)."""
    if not termbase.acronyms_from:
        return termbase
    concepts: dict[str, Concept] = {}
    lending = termbase.acronyms_from.items()
    acronym = TermType.ACRONYM
    for concept in termbase:
        terms = concept.terms
        acronyms = [t for t in terms if t.type is acronym]
        if not acronyms:
            concepts[concept.id] = concept  # nothing to lend (and nothing borrowed before)
            continue
        own = tuple(t for t in terms if t.borrowed_from is None)
        borrowed = tuple(
            # new_term: replace(term, lang=…, borrowed_from=…), for every acronym of a termbase
            new_term(term.text, borrower, term.type, term.status, term.concept_id, term.note,
                     term.source, term.plural, lender)
            for borrower, lender in lending
            if not any(t.lang == borrower and t.borrowed_from is None for t in acronyms)
            for term in acronyms
            if term.lang == lender and term.borrowed_from is None
        )
        terms = own + borrowed
        if terms == concept.terms:
            concepts[concept.id] = concept
        elif type(concept) is Concept:  # replace(), without its cost (80,000 of them)
            concepts[concept.id] = Concept(
                id=concept.id, terms=terms, domain=concept.domain,
                definitions=concept.definitions, note=concept.note,
                language_notes=concept.language_notes, related=concept.related,
                well_known=concept.well_known,
            )
        else:
            concepts[concept.id] = replace(concept, terms=terms)
    return replace(termbase, concepts=MappingProxyType(concepts))


def cross_concept_diagnostics(termbase: Termbase) -> list[Diagnostic]:
    """Problems between concepts: a full form on two concepts of one language, dangling links."""
    diagnostics: list[Diagnostic] = []
    where = termbase.sources[-1] if termbase.sources else "<termbase>"
    # One table per language, keyed by the casefolded text, or by the text itself when that is
    # the same: no key tuple, nor a second copy of each lower-case or Chinese term (at 80,000
    # concepts the tuples and copies took 100 MB).
    owners: dict[str, dict[str, str]] = {}
    acronym = TermType.ACRONYM
    for concept in termbase:
        for term in concept.terms:
            if term.type is acronym or term.borrowed_from is not None:
                continue  # acronyms may be homonyms (EMAPE names ASGM and ASM)
            text = term.text
            folded = text.casefold()
            of_lang = owners.get(term.lang)
            if of_lang is None:
                of_lang = owners[term.lang] = {}
            first = of_lang.setdefault(text if folded == text else folded, concept.id)
            if first != concept.id:
                diagnostics.append(
                    Diagnostic(
                        where,
                        None,
                        None,
                        "error",
                        T_("{text!r} ({lang}) is a term of both {first!r} and {second!r}",
                           text=term.text, lang=term.lang, first=first, second=concept.id),
                        concept=concept.id,
                    )
                )
        for related in concept.related:
            if related not in termbase.concepts:
                diagnostics.append(
                    Diagnostic(
                        where,
                        None,
                        None,
                        "error",
                        T_("concept {concept!r} is related to unknown concept {related!r}",
                           concept=concept.id, related=related),
                        concept=concept.id,
                    )
                )
    for borrower, lender in termbase.acronyms_from.items():
        if lender not in termbase.languages:
            diagnostics.append(
                Diagnostic(
                    where,
                    None,
                    None,
                    "error",
                    T_("acronyms-from: {borrower!r} borrows from {lender!r}, which is not a "
                       "language of the termbase", borrower=borrower, lender=lender),
                )
            )
    return diagnostics


def validate_paths(paths: Sequence[StrPath]) -> list[Diagnostic]:
    """Every problem in ``paths``, each file on its own and then all of them together."""
    diagnostics: list[Diagnostic] = []
    parts: list[Termbase] = []
    extended: set[str] = set()
    for path in paths:
        termbase, found = read_termbase_file(path)
        if termbase is not None:
            extends = {
                concept_id
                for concept_id in termbase.concepts
                if concept_id not in termbase.replaces and any(concept_id in p for p in parts)
            }
            # A concept that extends an earlier one need not be complete on its own: whether it
            # has a preferred term in each language is judged on the concept the layers make.
            found = [d for d in found if d.concept not in extends]
            extended |= extends
            parts.append(termbase)
        diagnostics.extend(found)
    if parts:
        merged = merge_termbases(parts)
        layered = [
            Diagnostic("", None, None, "warning",
                       T_("concept {concept_id!r} has no preferred term in {lang!r}",
                          concept_id=concept_id, lang=lang), concept_id)
            for concept_id in sorted(extended)
            for lang in merged.languages
            if not merged[concept_id].terms_in(lang, status=Status.PREFERRED)
        ]
        diagnostics.extend(_located([*cross_concept_diagnostics(merged), *layered], parts))
    return diagnostics


def layer_changes(paths: Sequence[StrPath]) -> list[tuple[str, str]]:
    """What each termbase after the first does to the concepts before it: (path, change)."""
    from termkit.termbase.layers import describe_layer

    changes: list[tuple[str, str]] = []
    parts: list[Termbase] = []
    for path in paths:
        termbase, _ = read_termbase_file(path)
        if termbase is None:
            continue
        if parts:
            before = merge_termbases(parts).concepts
            changes += [
                (os.fspath(path), change)
                for change in describe_layer(before, termbase.concepts, termbase.replaces)
            ]
        parts.append(termbase)
    return changes


def _located(diagnostics: list[Diagnostic], parts: list[Termbase]) -> list[Diagnostic]:
    """Give cross-concept diagnostics the position of the concept they name, where findable."""
    from termkit.termbase.positions import TomlPositions

    located: list[Diagnostic] = []
    positions: dict[str, TomlPositions] = {}
    for diagnostic in diagnostics:
        concept_id = diagnostic.concept
        owner = next((p for p in reversed(parts) if concept_id in p.concepts), None)
        if owner is None or concept_id is None:
            located.append(diagnostic)
            continue
        path = owner.sources[0]
        if path not in positions:
            try:
                raw, _ = read_regular_file(path, TERMBASE_LIMIT)
                positions[path] = TomlPositions(raw.decode("utf-8-sig"))
            except (OSError, UnicodeDecodeError):  # changed since it was read: no position
                located.append(diagnostic)
                continue
        pos = positions[path].find(("concept", concept_id))
        line, col = pos if pos else (None, None)
        located.append(replace(diagnostic, path=path, line=line, column=col))
    return located
