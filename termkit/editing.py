"""Editing TOML termbases in place: ``termkit add`` (a term or a concept) and ``termkit merge``.

Edits change as little of the text as they can, so that everything a terminologist wrote
(comments, key order, blank lines, quoting) stays as it was. A term whose key or language already
has a value goes into that value, edited through tomlkit's document model: appended to an array
(its comments and layout kept), added to an inline table (``en = { full = … }``). Otherwise a
line scan places it: a new key after the last key of its language, wherever that language is
written (``[concept.ID.LANG]``, ``LANG.KEY`` in ``[concept.ID]``, ``ID.LANG.KEY`` in
``[concept]``); a new language after the last table of its concept (or beside its dotted keys);
a new concept at the end. (tomlkit alone would put a new key after the comment that introduces
the next table and drop the blank lines between tables.) Every edit is then checked by loading
the result: an edit that would add a validation error (a duplicate, a term another concept holds,
an undeclared language) is refused and the file left untouched. Writes are atomic and keep the
file's BOM and line endings; an edit holds the file's lock (:func:`termkit.files.edit_lock`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from termkit.errors import InputError, TermbaseError
from termkit.files import FileStamp, edit_lock, read_bytes_stamped, write_file
from termkit.i18n import T_
from termkit.interchange.toml_writer import concept_to_toml, term_values_toml, toml_key, toml_string
from termkit.langtags import normalize_tag
from termkit.model import Concept, Status, Term, Termbase
from termkit.termbase import cross_concept_diagnostics, merge_termbases, read_termbase_file
from termkit.termbase.positions import KeyPath, bracket_depth_change, split_key
from termkit.termbase.schema import TERM_KEYS, parse_termbase_text

__all__ = [
    "Conflict",
    "MergeConflictError",
    "MergeResult",
    "TermToAdd",
    "TomlFile",
    "add_terms",
    "add_terms_to_text",
    "check_editable",
    "merge_files",
    "merge_files_into",
]


# --- the file as text --------------------------------------------------------------------------


@dataclass(frozen=True)
class TomlFile:
    """A TOML file's text, with what must survive an edit: its BOM and line endings; and its
    stamp, so that an edit does not overwrite a change made since it was read."""

    path: str
    text: str
    bom: bool = False
    newline: str = "\n"
    stamp: FileStamp | None = field(default=None, compare=False)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> TomlFile:
        """Read a termbase file; errors name the file."""
        name = os.fspath(path)
        try:
            raw, stamp = read_bytes_stamped(path)
        except OSError as exc:
            raise TermbaseError(
                T_(
                    "cannot read termbase: {value}",
                    value=exc.strerror or exc,
                ),
                name,
            ) from None
        bom = raw.startswith(b"\xef\xbb\xbf")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TermbaseError(T_("termbase is not valid UTF-8"), name) from None
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(name, text.replace("\r\n", "\n"), bom, newline, stamp)

    def encoded(self, text: str) -> bytes:
        """``text`` (with ``\\n`` line ends) as this file's bytes."""
        body = text.replace("\n", self.newline) if self.newline != "\n" else text
        return (b"\xef\xbb\xbf" if self.bom else b"") + body.encode("utf-8")


@dataclass
class _Key:
    path: KeyPath
    first: int
    last: int


@dataclass
class _Table:
    path: KeyPath
    header: int | None  # None for the top level before any header
    keys: list[_Key] = field(default_factory=list)

    @property
    def content_end(self) -> int:
        """The last line that belongs to the table (its header, else its last key)."""
        ends = [k.last for k in self.keys]
        if self.header is not None:
            ends.append(self.header)
        return max(ends, default=-1)


def _scan(lines: Sequence[str]) -> list[_Table]:
    """Tables and keys with the lines they span (values over several lines included)."""
    tables = [_Table((), None)]
    in_multiline: str | None = None
    depth = 0
    for index, line in enumerate(lines):
        current = tables[-1]
        if in_multiline is not None or depth > 0:
            current.keys[-1].last = index
            if in_multiline is not None:
                if in_multiline in line:
                    in_multiline = None
            else:
                depth = max(0, depth + bracket_depth_change(line))
            continue
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            parsed = split_key(stripped[2 if stripped.startswith("[[") else 1 :])
            if parsed is not None:
                tables.append(_Table(parsed[0], index))
            continue
        parsed = split_key(stripped)
        if parsed is None or not stripped[parsed[1] :].startswith("="):
            continue
        current.keys.append(_Key(parsed[0], index, index))
        value = stripped[parsed[1] + 1 :]
        for quote in ('"""', "'''"):
            if value.count(quote) == 1:
                in_multiline = quote
        if in_multiline is None:
            depth = max(0, bracket_depth_change(value))
    return tables


def _same_lang(key: str, lang: str) -> bool:
    try:
        return normalize_tag(key) == lang
    except ValueError:
        return False


# --- add ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermToAdd:
    """One term for ``termkit add``: ``key`` is a term key of the format (``full``, ``acronym``,
    ``admitted``, ``deprecated-acronym``…), which gives its status and type."""

    key: str
    text: str
    note: str | None = None
    source: str | None = None
    plural: str | None = None

    def as_value(self) -> dict[str, str | None]:
        return {"term": self.text, "plural": self.plural, "note": self.note, "source": self.source}


def add_terms_to_text(text: str, concept_id: str, lang: str, terms: Sequence[TermToAdd]) -> str:
    """``text`` with ``terms`` added to ``concept_id`` in ``lang``, everything else unchanged.

    No checking: :func:`add_terms` checks the result. Raises :class:`TermbaseError` for a
    layout the editor cannot add to (a term written as dotted keys, ``acronym.term = …``).
    """
    lines = text.split("\n")
    ends_with_newline = text.endswith("\n")
    if ends_with_newline:
        lines.pop()
    for term in terms:
        lines = _add_one(lines, concept_id, lang, term)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Placed:
    """A key of the file with its table and its full path (the table's path, then its own)."""

    table: _Table
    key: _Key
    full: KeyPath


def _part_matches(have: str, want: str, index: int) -> bool:
    # Index 2 of ("concept", ID, LANG, KEY) is a language: "EN" and "en" are one.
    return _same_lang(have, want) if index == 2 else have == want


def _matches(full: KeyPath, wanted: KeyPath) -> bool:
    """``full`` agrees with ``wanted`` as far as both go (the shorter may end early)."""
    pairs = zip(full, wanted, strict=False)
    return all(_part_matches(have, want, index) for index, (have, want) in enumerate(pairs))


def _add_one(lines: list[str], concept_id: str, lang: str, term: TermToAdd) -> list[str]:
    """``lines`` with ``term`` added: to the value that holds its key or its language (an array,
    an inline table), else as a new key after the language's keys, else as a new table."""
    tables = _scan(lines)
    wanted = ("concept", concept_id, lang, term.key)
    placed = [_Placed(t, k, (*t.path, *k.path)) for t in tables for k in t.keys]
    for place in placed:
        if not _matches(place.full, wanted):
            continue
        if len(place.full) > len(wanted):
            dotted = ".".join(place.key.path)
            raise TermbaseError(
                T_(
                    "the {key} terms of {concept_id!r} ({lang}) are written as dotted keys "
                    "({dotted} = …): add this one by hand, or write them as {key} = {{ … }}",
                    key=term.key, concept_id=concept_id, lang=lang, dotted=dotted,
                )
            )
        # The term key itself (extend it), or an inline table on the way (add inside it).
        edited = _edit_value(lines, place, wanted, term)
        if edited is not None:
            return edited
    new_value = term_values_toml([term.as_value()])
    # The language's keys, wherever they are: [concept.ID.LANG] keys, LANG.KEY in [concept.ID],
    # ID.LANG.KEY in [concept], concept.ID.LANG.KEY at the top.
    in_lang = [p for p in placed if len(p.full) > 3 and _matches(p.full, wanted[:3])]
    lang_table = next(
        (t for t in tables if len(t.path) == 3 and _matches(t.path, wanted[:3])), None
    )
    if in_lang or lang_table is not None:
        if in_lang:
            last = max(in_lang, key=lambda p: p.key.last)
            prefix = last.key.path[: len(last.key.path) - (len(last.full) - 3)]
            after, indent = last.key.last, _indent(lines[last.key.first])
        else:
            assert lang_table is not None
            prefix, after, indent = (), lang_table.content_end, ""
        dotted = ".".join(toml_key(p) for p in (*prefix, term.key))
        return [*lines[: after + 1], f"{indent}{dotted} = {new_value}", *lines[after + 1 :]]
    concept_tables = [t for t in tables if _matches(t.path, wanted[:2]) and len(t.path) >= 2]
    in_concept = [p for p in placed if len(p.full) > 2 and _matches(p.full, wanted[:2])]
    if not concept_tables and in_concept:
        # A concept written in dotted keys (ID.en.full under [concept]): its new language too.
        last = max(in_concept, key=lambda p: p.key.last)
        prefix = last.key.path[: len(last.key.path) - (len(last.full) - 2)]
        dotted = ".".join(toml_key(p) for p in (*prefix, lang, term.key))
        line = f"{_indent(lines[last.key.first])}{dotted} = {new_value}"
        return [*lines[: last.key.last + 1], line, *lines[last.key.last + 1 :]]
    block = [f"[concept.{toml_key(concept_id)}.{toml_key(lang)}]", f"{term.key} = {new_value}"]
    if concept_tables:
        after = max(t.content_end for t in concept_tables)
        return [*lines[: after + 1], "", *block, *lines[after + 1 :]]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return [*lines, "", *block] if lines else block


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _edit_value(
    lines: list[str], place: _Placed, wanted: KeyPath, term: TermToAdd
) -> list[str] | None:
    """``lines`` with ``term`` added inside the value of ``place``, through tomlkit's document
    model (so that comments inside an array stay); None when that value is not where the term
    goes (a plain value on the way to it)."""
    import tomlkit
    from tomlkit.items import Array, InlineTable

    key = place.key
    source = "\n".join(lines[key.first : key.last + 1])
    stripped = source.lstrip()
    parsed = split_key(stripped)
    assert parsed is not None
    written_key, rest = stripped[: parsed[1]], stripped[parsed[1] :]
    document = tomlkit.parse("v " + rest)
    new_value = term_values_toml([term.as_value()])
    # Walk down the inline tables to the one that holds (or is to hold) the term key.
    parent: MutableMapping[str, Any] = document
    name = "v"
    remaining = wanted[len(place.full) :]
    while remaining:
        table = parent[name]
        if not isinstance(table, InlineTable):
            return None
        index = len(wanted) - len(remaining)
        found = next((k for k in table if _part_matches(k, remaining[0], index)), None)
        if found is None:
            # Not there yet: ``rest.of.path = value`` at the end of this inline table.
            dotted = ".".join(toml_key(p) for p in remaining)
            parent[name] = tomlkit.parse(
                "v = " + _inline_with(table.as_string(), f"{dotted} = {new_value}")
            )["v"]
            break
        parent, name, remaining = table, found, remaining[1:]
    else:
        old = parent[name]
        if isinstance(old, Array):
            old.append(tomlkit.parse(f"v = {new_value}")["v"])  # keeps its comments and layout
        elif len(wanted) - len(place.full) == 0:
            return _extend_line(lines, key, term, old)
        else:
            parent[name] = tomlkit.parse(f"v = [{old.as_string().strip()}, {new_value}]")["v"]
    edited = _indent(lines[key.first]) + written_key + document.as_string()[2:]
    return [*lines[: key.first], *edited.split("\n"), *lines[key.last + 1 :]]


def _inline_with(source: str, entry: str) -> str:
    """The inline table ``source`` (``{ a = 1 }``) with ``entry`` added last, spaced as it is."""
    inner = source.strip()[1:-1]
    head = inner.rstrip()
    pad = inner[len(head) :]  # the space before "}", kept after the new entry
    return "{" + (head + ", " if head.strip() else pad) + entry + pad + "}"


def _extend_line(lines: list[str], key: _Key, term: TermToAdd, old: Any) -> list[str]:
    """Turn ``key = old`` (one term) into ``key = [old, new]``, keeping its trailing comment."""
    values = [old.unwrap(), term.as_value()]
    comment = old.trivia.comment
    indent = _indent(lines[key.first])
    dotted = ".".join(toml_key(p) for p in key.path)
    line = f"{indent}{dotted} = {term_values_toml(values)}" + (f"  {comment}" if comment else "")
    return [*lines[: key.first], *line.split("\n"), *lines[key.last + 1 :]]


def check_editable(path: str | os.PathLike[str]) -> None:
    """Refuse to edit the termbase shipped inside the installed package."""
    package_dir = Path(__file__).resolve().parent
    try:
        Path(path).resolve().relative_to(package_dir)
    except ValueError:
        return
    raise TermbaseError(
        T_(
            "this is the termbase shipped inside termkit's installation: edit a termbase of "
            "your own (--termbase FILE), whose concepts replace the shipped ones",
        ),
        os.fspath(path),
    )


def _error_messages(text: str, path: str, others: Sequence[Termbase]) -> set[str]:
    termbase, diagnostics = parse_termbase_text(text, path)
    messages = {d.message for d in diagnostics if d.severity == "error"}
    if termbase is not None:
        combined = merge_termbases([*others, termbase])
        messages |= {
            d.message for d in cross_concept_diagnostics(combined) if d.severity == "error"
        }
    return messages


def _load_others(paths: Sequence[str | os.PathLike[str]], target: Path) -> list[Termbase]:
    others: list[Termbase] = []
    for other in paths:
        if Path(other).resolve() == target.resolve():
            continue
        termbase, _ = read_termbase_file(other)
        if termbase is not None:
            others.append(termbase)
    return others


@dataclass(frozen=True)
class Extension:
    """What ``termkit add`` would write for a concept that an earlier termbase already has:
    only the terms that are new to it (or that change a term's status or type)."""

    extends: str | None  # the file of the earlier concept, or None when the id is new
    new: tuple[TermToAdd, ...]
    known: tuple[TermToAdd, ...]  # already there, as given: not written again


def extension_of(
    concept_id: str,
    lang: str,
    terms: Sequence[TermToAdd],
    others: Sequence[str | os.PathLike[str]],
    target: str | os.PathLike[str],
) -> Extension:
    """Split ``terms`` into those the termbases loaded before ``target`` already give
    ``concept_id`` (same language, text, status and type) and the rest."""
    from termkit.termbase import merge_termbases

    layers = _load_others(others, Path(target))
    owners = [t for t in layers if concept_id in t.concepts]
    if not owners:
        return Extension(None, tuple(terms), ())
    earlier = merge_termbases(layers)[concept_id]
    lang = normalize_tag(lang)
    have = {(t.text, t.status, t.type) for t in earlier.terms_in(lang) if t.borrowed_from is None}
    known = tuple(t for t in terms if (t.text, *TERM_KEYS[t.key]) in have)
    new = tuple(t for t in terms if t not in known)
    return Extension(owners[-1].sources[0], new, known)


def add_terms(
    path: str | os.PathLike[str],
    concept_id: str,
    lang: str,
    terms: Sequence[TermToAdd],
    *,
    others: Sequence[str | os.PathLike[str]] = (),
    dry_run: bool = False,
) -> str:
    """Add ``terms`` to ``concept_id`` in ``lang`` in the TOML file ``path``, in place.

    ``others`` are the termbases loaded with it (the shipped one, configured ones): a term one of
    them gives another concept is refused too. Raises :class:`TermbaseError` (file untouched) when
    the edit would not validate. Returns the new text. Holds the file's
    :func:`~termkit.files.edit_lock` while it reads and writes it, and refuses to write when the
    file changed since it was read all the same (another program than termkit wrote to it).
    """
    check_editable(path)
    if not terms:
        raise InputError(T_("nothing to add: give a term (--full, --acronym, --admitted…)"))
    unknown_keys = [t.key for t in terms if t.key not in TERM_KEYS]
    if unknown_keys:
        raise InputError(T_("unknown term key {value!r}", value=unknown_keys[0]))
    try:
        lang = normalize_tag(lang)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    # Held from reading to writing: a parallel add or merge waits rather than being lost.
    lock: AbstractContextManager[None] = nullcontext() if dry_run else edit_lock(path)
    with lock:
        file = TomlFile.read(path)
        new_text = _added_text(file, concept_id, lang, terms, others)
        if not dry_run:
            write_file(path, file.encoded(new_text), expected=file.stamp)
    return new_text


def _added_text(
    file: TomlFile,
    concept_id: str,
    lang: str,
    terms: Sequence[TermToAdd],
    others: Sequence[str | os.PathLike[str]],
) -> str:
    """The file's text with ``terms`` added, checked; raises when the edit is refused."""
    termbase, diagnostics = parse_termbase_text(file.text, file.path)
    if termbase is None:
        first = diagnostics[0]
        raise TermbaseError(first.message, first.path, first.line, first.column)
    if termbase.languages and lang not in termbase.languages:
        raise TermbaseError(
            T_(
                "language {lang!r} is not declared in [termbase] languages ({value}): declare "
                "it first",
                lang=lang, value=', '.join(termbase.languages),
            ),
            file.path,
        )
    concept = termbase.concepts.get(concept_id)
    seen: dict[str, str] = {}
    for term in terms:
        if not term.text.strip() or term.text != " ".join(term.text.split()):
            raise InputError(
                T_(
                    "term {text!r} is empty or has leading, trailing or doubled spaces",
                    text=term.text,
                )
            )
        held = concept.terms_in(lang) if concept is not None else ()
        for other in held:
            if other.text == term.text:
                raise TermbaseError(
                    T_(
                        "{text!r} is already a term of concept {concept_id!r} ({lang}, {status} "
                        "{type})",
                        text=term.text, concept_id=concept_id, lang=lang,
                        status=other.status.value, type=other.type.value,
                    ),
                    file.path,
                )
        if term.text in seen:
            raise InputError(
                T_(
                    "{text!r} is given twice ({value} and {key})",
                    text=term.text, value=seen[term.text], key=term.key,
                ),
            )
        seen[term.text] = term.key
    try:
        new_text = add_terms_to_text(file.text, concept_id, lang, terms)
    except TermbaseError as exc:
        raise TermbaseError(exc.message, file.path) from None
    loaded_others = _load_others(others, Path(file.path))
    introduced = _error_messages(new_text, file.path, loaded_others) - _error_messages(
        file.text, file.path, loaded_others
    )
    if introduced:
        raise TermbaseError(
            "refused, the file is unchanged: " + "; ".join(sorted(introduced)), file.path
        )
    _check_added(new_text, file.path, concept_id, lang, terms)
    return new_text


def _check_added(
    text: str, path: str, concept_id: str, lang: str, terms: Sequence[TermToAdd]
) -> None:
    """A safety net for the editing: every term must load where it was asked to go."""
    termbase, _ = parse_termbase_text(text, path)
    concept = termbase.concepts.get(concept_id) if termbase is not None else None
    for term in terms:
        status, term_type = TERM_KEYS[term.key]
        wanted = Term(
            term.text, lang, term_type, status, concept_id, term.note, term.source, term.plural
        )
        if concept is None or wanted not in concept.terms:
            raise TermbaseError(
                T_(
                    "could not add {text!r} to the layout of this file (please report it): the "
                    "file is unchanged",
                    text=term.text,
                ),
                path,
            )


# --- merge -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """One thing two termbases say differently about one concept."""

    concept_id: str
    what: str
    first: str
    second: str

    def __str__(self) -> str:
        where = f"concept {self.concept_id!r}" if self.concept_id else "[termbase]"
        return f"{where}: {self.what}: {self.first!r} (first) vs {self.second!r} (second)"


class MergeConflictError(TermbaseError):
    """Two termbases disagree and no ``prefer`` was given; ``conflicts`` lists where."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        super().__init__(f"{len(conflicts)} conflict(s): choose a side with --prefer first|second")
        self.conflicts = tuple(conflicts)


@dataclass(frozen=True)
class MergeResult:
    """The merged TOML text, the termbase it holds, and the conflicts that were resolved."""

    text: str
    termbase: Termbase
    conflicts: tuple[Conflict, ...]


def _preferred(concept: Concept) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for term in concept.terms:
        if term.status is Status.PREFERRED:
            out.setdefault((term.lang, term.type.value), []).append(term.text)
    return out


def _merge_concept(
    first: Concept, second: Concept, prefer: str | None
) -> tuple[Concept, list[Conflict]]:
    cid = first.id
    conflicts: list[Conflict] = []
    a_pref, b_pref = _preferred(first), _preferred(second)
    for key in a_pref.keys() & b_pref.keys():
        if sorted(a_pref[key]) != sorted(b_pref[key]):
            conflicts.append(
                Conflict(
                    cid,
                    f"preferred {key[1]} ({key[0]})",
                    ", ".join(a_pref[key]),
                    ", ".join(b_pref[key]),
                )
            )
    a_terms = {(t.lang, t.text): t for t in first.terms}
    for term in second.terms:
        other = a_terms.get((term.lang, term.text))
        if other is None or other == term:
            continue
        if (other.status, other.type) != (term.status, term.type):
            if other.status is Status.PREFERRED and term.status is Status.PREFERRED:
                continue  # already reported as a preferred-term conflict
            conflicts.append(
                Conflict(
                    cid,
                    f"status of {term.text!r} ({term.lang})",
                    f"{other.status.value} {other.type.value}",
                    f"{term.status.value} {term.type.value}",
                )
            )
        for attr in ("note", "source", "plural"):
            a_value, b_value = getattr(other, attr), getattr(term, attr)
            if a_value is not None and b_value is not None and a_value != b_value:
                conflicts.append(
                    Conflict(cid, f"{attr} of {term.text!r} ({term.lang})", a_value, b_value)
                )
    for attr in ("domain", "note"):
        a_value, b_value = getattr(first, attr), getattr(second, attr)
        if a_value is not None and b_value is not None and a_value != b_value:
            conflicts.append(Conflict(cid, attr, a_value, b_value))
    for attr in ("definitions", "language_notes"):
        a_map: Mapping[str, str] = getattr(first, attr)
        b_map: Mapping[str, str] = getattr(second, attr)
        for lang in a_map.keys() & b_map.keys():
            if a_map[lang] != b_map[lang]:
                label = "definition" if attr == "definitions" else "language note"
                conflicts.append(Conflict(cid, f"{label} ({lang})", a_map[lang], b_map[lang]))
    if first.well_known != second.well_known:
        conflicts.append(
            Conflict(
                cid, "well-known", str(first.well_known).lower(), str(second.well_known).lower()
            )
        )

    winner, loser = (second, first) if prefer == "second" else (first, second)
    win_texts = {(t.lang, t.text) for t in winner.terms}
    win_pref = {(t.lang, t.type) for t in winner.terms if t.status is Status.PREFERRED}
    terms = list(winner.terms) + [
        t
        for t in loser.terms
        if (t.lang, t.text) not in win_texts
        and not (t.status is Status.PREFERRED and (t.lang, t.type) in win_pref)
    ]
    merged = Concept(
        id=cid,
        terms=_loader_order(terms),
        domain=winner.domain if winner.domain is not None else loser.domain,
        definitions=MappingProxyType({**loser.definitions, **winner.definitions}),
        note=winner.note if winner.note is not None else loser.note,
        language_notes=MappingProxyType({**loser.language_notes, **winner.language_notes}),
        related=tuple(dict.fromkeys([*winner.related, *loser.related])),
        well_known=winner.well_known if first.well_known != second.well_known else first.well_known,
    )
    return merged, conflicts


def _loader_order(terms: Sequence[Term]) -> tuple[Term, ...]:
    """Terms in the order loading a TOML file gives: by language, then by term key."""
    languages = list(dict.fromkeys(t.lang for t in terms))
    keys = list(TERM_KEYS.values())
    return tuple(
        sorted(terms, key=lambda t: (languages.index(t.lang), keys.index((t.status, t.type))))
    )


def _read_clean(path: str | os.PathLike[str]) -> tuple[TomlFile, Termbase]:
    file = TomlFile.read(path)
    termbase, diagnostics = parse_termbase_text(file.text, file.path)
    errors = [d for d in diagnostics if d.severity == "error"]
    if termbase is None or errors:
        first = errors[0] if errors else diagnostics[0]
        raise TermbaseError(first.message, first.path, first.line, first.column)
    return file, termbase


def merge_files(
    first: str | os.PathLike[str],
    second: str | os.PathLike[str],
    *,
    prefer: str | None = None,
) -> MergeResult:
    """Merge two TOML termbases into the text of a third, keeping the first file's layout.

    Concepts only in one file are taken as they are; a concept in both is combined (terms and
    fields of both). Where they disagree (different preferred terms, statuses, fields) the side
    named by ``prefer`` (``"first"`` or ``"second"``) wins; without it a
    :class:`MergeConflictError` lists every conflict.
    """
    if prefer not in (None, "first", "second"):
        raise InputError(
            T_(
                "prefer must be 'first' or 'second', not {prefer!r}",
                prefer=prefer,
            ),
        )
    return _merge(_read_clean(first), _read_clean(second), prefer)


def merge_files_into(
    first: str | os.PathLike[str],
    second: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    prefer: str | None = None,
) -> MergeResult:
    """Merge as :func:`merge_files` does and write the result to ``output`` (UTF-8).

    ``output`` may be one of the two. When it exists, its :func:`~termkit.files.edit_lock` is
    held from reading to writing, so that a parallel ``termkit add`` or merge on it waits, and
    a change another program made to it since it was read is refused
    (:class:`~termkit.errors.FileChangedError`). A new file needs no lock: nobody edits it yet.
    """
    if prefer not in (None, "first", "second"):
        raise InputError(
            T_(
                "prefer must be 'first' or 'second', not {prefer!r}",
                prefer=prefer,
            ),
        )
    lock: AbstractContextManager[None] = (
        edit_lock(output) if os.path.lexists(output) else nullcontext()
    )
    with lock:
        read = (_read_clean(first), _read_clean(second))
        result = _merge(*read, prefer)
        stamp = next((f.stamp for f, _ in read if _same_file(f.path, output)), None)
        write_file(output, result.text.encode("utf-8"), expected=stamp)
    return result


def _same_file(path: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:  # one of them does not exist (yet)
        return False


def _merge(
    first: tuple[TomlFile, Termbase], second: tuple[TomlFile, Termbase], prefer: str | None
) -> MergeResult:
    (a_file, a), (b_file, b) = first, second
    conflicts: list[Conflict] = []
    concepts: dict[str, Concept] = {}
    for concept in a:
        if concept.id in b.concepts:
            merged, found = _merge_concept(concept, b[concept.id], prefer)
            conflicts.extend(found)
            concepts[concept.id] = merged
        else:
            concepts[concept.id] = concept
    for concept in b:
        concepts.setdefault(concept.id, concept)
    acronyms_from = dict(a.acronyms_from)
    for borrower, lender in b.acronyms_from.items():
        if acronyms_from.get(borrower, lender) != lender:
            conflicts.append(
                Conflict("", f"acronyms-from {borrower}", acronyms_from[borrower], lender)
            )
            if prefer == "second":
                acronyms_from[borrower] = lender
        else:
            acronyms_from[borrower] = lender
    if conflicts and prefer is None:
        raise MergeConflictError(conflicts)
    merged_tb = Termbase(
        name=a.name,
        languages=tuple(dict.fromkeys([*a.languages, *b.languages])),
        concepts=MappingProxyType(concepts),
        acronyms_from=MappingProxyType(acronyms_from),
        sources=(a_file.path,),
    )
    text = _render_merge(a_file, a, b_file, b, merged_tb)
    return MergeResult(text, merged_tb, tuple(conflicts))


def _render_merge(
    a_file: TomlFile, a: Termbase, b_file: TomlFile, b: Termbase, merged: Termbase
) -> str:
    """The first file's text with changed concepts re-rendered and new ones appended; checked
    against the merged model, with a plain rendering as the fallback."""
    from termkit.interchange.toml_writer import termbase_to_toml

    try:
        text = _edit_merge(a_file, a, b_file, b, merged)
    except _LayoutError:
        text = None
    if text is None or not _loads_as(text, a_file.path, merged):
        text = termbase_to_toml(merged)
    introduced = _error_messages(text, a_file.path, [])
    if introduced:
        raise TermbaseError(
            "the merged termbase would not validate: " + "; ".join(sorted(introduced))
        )
    return text


class _LayoutError(Exception):
    """The first file's layout is one the line editor does not handle."""


def _loads_as(text: str, path: str, expected: Termbase) -> bool:
    termbase, diagnostics = parse_termbase_text(text, path)
    if termbase is None or any(d.severity == "error" for d in diagnostics):
        return False
    return (
        dict(termbase.concepts) == dict(expected.concepts)
        and termbase.languages == expected.languages
        and dict(termbase.acronyms_from) == dict(expected.acronyms_from)
    )


def _edit_merge(
    a_file: TomlFile, a: Termbase, b_file: TomlFile, b: Termbase, merged: Termbase
) -> str:
    lines = a_file.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    tables = _scan(lines)
    if any(t.path == ("concept",) and t.keys for t in tables):
        raise _LayoutError  # concepts written as dotted keys under [concept]
    replacements: dict[int, list[str]] = {}
    removed: set[int] = set()
    for concept in merged:
        if a.concepts.get(concept.id) == concept or concept.id not in a.concepts:
            continue
        own = [t for t in tables if t.path[:2] == ("concept", concept.id) and t.header is not None]
        if not own:
            raise _LayoutError
        for table in own:
            assert table.header is not None
            removed.update(range(table.header, table.content_end + 1))
        first_header = min(t.header for t in own if t.header is not None)
        replacements[first_header] = concept_to_toml(concept).rstrip("\n").split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if index in replacements:
            out.extend(replacements[index])
        if index in removed:
            continue
        if not line.strip() and (index - 1) in removed and out and not out[-1].strip():
            continue  # the blank line that followed a removed table
        out.append(line)
    out = _set_header(out, merged)
    b_lines = b_file.text.split("\n")
    b_tables = _scan(b_lines)
    for concept in merged:
        if concept.id in a.concepts:
            continue
        while out and not out[-1].strip():
            out.pop()
        out.append("")
        if b.concepts.get(concept.id) == concept:
            out.extend(_concept_lines(b_lines, b_tables, concept.id))
        else:
            out.extend(concept_to_toml(concept).rstrip("\n").split("\n"))
    return "\n".join(out) + "\n"


def _concept_lines(lines: list[str], tables: list[_Table], concept_id: str) -> list[str]:
    """A concept's tables as written in its file, with the comments right above each."""
    out: list[str] = []
    for table in tables:
        if table.path[:2] != ("concept", concept_id) or table.header is None:
            continue
        start = table.header
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        if out:
            out.append("")
        out.extend(lines[start : table.content_end + 1])
    if not out:
        raise _LayoutError
    return out


def _set_header(lines: list[str], merged: Termbase) -> list[str]:
    """Rewrite ``languages`` and ``acronyms-from`` in [termbase] when the merge changed them."""
    tables = _scan(lines)
    header = next((t for t in tables if t.path == ("termbase",)), None)
    if header is None:
        raise _LayoutError
    current, _ = parse_termbase_text("\n".join(lines), "<merge>")
    if current is None:
        raise _LayoutError
    wanted = {
        ("languages",): "languages = [" + ", ".join(toml_string(x) for x in merged.languages) + "]",
    }
    if merged.acronyms_from:
        pairs = ", ".join(
            f"{toml_key(k)} = {toml_string(v)}" for k, v in merged.acronyms_from.items()
        )
        wanted[("acronyms-from",)] = f"acronyms-from = {{ {pairs} }}"
    if current.languages == merged.languages and dict(current.acronyms_from) == dict(
        merged.acronyms_from
    ):
        return lines
    out = list(lines)
    for key_path, line in sorted(wanted.items(), reverse=True):
        key = next((k for k in header.keys if k.path == key_path), None)
        if key is not None:
            out[key.first : key.last + 1] = [line]
        else:
            at = header.content_end + 1
            out[at:at] = [line]
        header = next(t for t in _scan(out) if t.path == ("termbase",))
    return out
