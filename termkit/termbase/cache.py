"""A compiled cache of loaded termbases, keyed on the content of their files.

Parsing a 20,000-concept TOML termbase takes seconds; reading it back from here takes
milliseconds. The key hashes every termbase file's path and bytes, in order, the
``include_default`` flag and the termkit and Python versions: an edited file is never served
stale, whatever its mtime says.

Entries live in the user cache directory (``TERMKIT_CACHE_DIR`` overrides it,
``TERMKIT_NO_CACHE=1`` turns the cache off). Each entry is written to a temporary file and
renamed into place, so a concurrent reader sees the old file or the new one, never half of one.
A file carries its length, a label naming the format, key and kind it was written for, and a
CRC-32 of both; anything that does not check out (truncated, corrupt, another version, or a file
copied or renamed over another entry's) is ignored and rebuilt, silently. Payloads are
``marshal`` data (strings, numbers, tuples, bytes), not pickles: a cache file cannot run code,
and ``marshal`` loads faster.

A termbase read from the cache decodes each concept on first use (:class:`CachedConcepts`):
building 200,000 :class:`~termkit.model.Term` objects up front would cost more than half a
second, and a check run touches only the concepts it meets. A concept that does not decode
then (damage the CRC cannot see: a bug, or bytes changed and the CRC made again) has the
termbase built from its files after all, and the entry replaced. The matcher keeps its compiled
automata here too, under the same key (:func:`cache_key_of`), so a second run pays neither
the TOML parse nor the automaton build; it handles damage found in use the same way.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import mmap
import os
import stat
import struct
import sys
import tempfile
import time
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager, suppress
from dataclasses import fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from termkit._version import __version__
from termkit.cachedir import CACHE_DIR_ENV, NO_CACHE_ENV, cache_directory
from termkit.i18n import T_
from termkit.model import Concept, Status, Term, Termbase, TermType, new_term
from termkit.process import one_shot
from termkit.reading import TERMBASE_LIMIT, NotRegularFileError, read_regular_file
from termkit.trace import note

__all__ = [
    "CACHE_DIR_ENV",
    "NO_CACHE_ENV",
    "CachedConcepts",
    "EncodedTerm",
    "cache_directory",
    "cache_key_of",
    "cached_termbase",
    "content_digest",
    "decode_term",
    "decode_termbase",
    "encode_term",
    "encode_termbase",
    "mapped_termbase",
    "pack_payload",
    "paused_gc",
    "read_entry",
    "remove_entry",
    "termbase_key",
    "termbase_reference",
    "unpack_payload",
    "write_entry",
]

StrPath = str | os.PathLike[str]
# A cached termbase's origin: its files (besides the shipped one, absolute), whether the shipped
# one is included, the cache directory its entry is in, and the digest of the files' contents
# (content_digest: the same files elsewhere, whatever their paths and Python)
Origin = tuple[tuple[str, ...], bool, str, str]
EncodedTerm = tuple[str, str, str, str, str, str | None, str | None, str | None, str | None]

# Bump when the layout of an entry changes; the model's field names are part of the key as well.
FORMAT = 3
_HEAD_LENGTH = struct.Struct("<Q")  # first in a packed payload (pack_payload)
Buffer = bytes | bytearray | memoryview
KEEP_TERMBASES = 8  # entries (with their matcher automata) of the most recently used termbases
KEEP_VARIANTS = 2  # per termbase, variants of its entries (``kind@variant``: automata builds)
_MAGIC = b"TKCACHE\x02"
# Magic, payload length, CRC-32 of the label and the payload, label length. The label, which
# follows, says what the entry is (``FORMAT key kind``): a file renamed or copied over another
# entry's (matcher-en-exact over matcher-fr-exact) passes any checksum, and would be used.
_HEADER = struct.Struct("<8sQII")
_SUFFIX = ".tkc"
_STALE_TEMP_SECONDS = 3600
_MODEL_FIELDS = tuple(f.name for cls in (Termbase, Concept, Term) for f in fields(cls))
_TYPES = {t.value: t for t in TermType}
_STATUSES = {s.value: s for s in Status}
_VALUES: dict[TermType | Status, str] = {member: member.value for member in (*TermType, *Status)}


def termbase_key(paths: Sequence[StrPath], include_default: bool) -> str | None:
    """A hash of the files' content, their paths and everything else the loaded termbase depends on.

    None when a file cannot be read (loading will then report it properly). Hashing is cheap next
    to parsing (about 5 ms for an 8 MB file), so content is always hashed, never trusted to mtimes.
    """
    return _hashes(paths, include_default)[0]


def content_digest(paths: Sequence[StrPath]) -> str | None:
    """A hash of the files' contents, in order, and of what decides how termkit reads them (its
    version, the model): equal for the same files at other paths, on another Python. None when
    a file cannot be read."""
    return _hashes(paths, False)[1]


def _hashes(paths: Sequence[StrPath], include_default: bool) -> tuple[str | None, str | None]:
    """:func:`termbase_key` and :func:`content_digest` of the files, from one read of each."""
    digest = hashlib.sha256()
    header = f"termkit-cache {FORMAT} {__version__} {sys.version} {include_default} {_MODEL_FIELDS}"
    digest.update(header.encode("utf-8"))
    contents = hashlib.sha256()
    contents.update(f"termkit-files {FORMAT} {__version__} {_MODEL_FIELDS}".encode())
    for path in paths:
        name = os.fspath(path).encode("utf-8", "surrogatepass")
        try:
            # Read, not mapped: an editor that truncates the file while it is mapped would kill
            # this process with SIGBUS. (Cache entries are only ever replaced by a rename.)
            data, _ = read_regular_file(path, TERMBASE_LIMIT)
        except OSError:
            return None, None
        # Length-prefixed, so that no two different file lists hash the same stream.
        digest.update(struct.pack("<QQ", len(name), len(data)))
        digest.update(name)
        digest.update(data)
        contents.update(struct.pack("<Q", len(data)))
        contents.update(data)
    return digest.hexdigest()[:32], contents.hexdigest()[:32]


def _mapped(path: StrPath) -> mmap.mmap | bytes:
    """The bytes of the cache entry at ``path``, mapped rather than read: they are parsed once,
    straight from the page cache, without a copy in between. Raises OSError, also for what is
    not a regular file (a FIFO would block the open, ``/dev/zero`` never end the read). Only
    for files that are replaced by a rename, never truncated in place: those would raise
    SIGBUS."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFileError(os.fspath(path), status.st_mode)
        if status.st_size == 0:
            return b""  # nothing to map
        try:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system that cannot map files
            return file.read(status.st_size)


def _entry_path(directory: Path, key: str, kind: str) -> Path:
    return directory / f"{key}.{kind}{_SUFFIX}"


def _label(key: str, kind: str) -> bytes:
    return f"{FORMAT} {key} {kind}".encode("utf-8", "surrogatepass")


def read_entry(key: str, kind: str, directory: Path | None = None) -> memoryview | None:
    """The payload stored under ``key`` and ``kind``, or None when absent, disabled or damaged,
    or when the entry's header says it is another one (another key, kind or format)."""
    directory = directory or cache_directory()
    if directory is None:
        return None
    try:
        data = _mapped(_entry_path(directory, key, kind))
    except OSError:
        return None
    if len(data) < _HEADER.size:
        return None
    magic, length, checksum, label_length = _HEADER.unpack_from(data)
    label = _label(key, kind)
    view = memoryview(data)
    payload = view[_HEADER.size + len(label) :]
    if (
        magic != _MAGIC
        or label_length != len(label)
        or view[_HEADER.size : _HEADER.size + len(label)] != label
        or len(payload) != length
        or zlib.crc32(payload, zlib.crc32(label)) != checksum
    ):
        return None
    return payload


def remove_entry(key: str, kind: str, directory: Path | None = None) -> None:
    """Delete the entry stored under ``key`` and ``kind``, if there is one: it proved damaged."""
    directory = directory or cache_directory()
    if directory is not None:
        _unlink(_entry_path(directory, key, kind))


def write_entry(
    key: str,
    kind: str,
    payload: Buffer | Sequence[Buffer],
    directory: Path | None = None,
) -> None:
    """Store ``payload`` atomically (temporary file + rename); failures only cost the cache.

    ``payload`` may come in pieces, written one after the other as if joined: a large entry is
    then never copied whole in memory.

    A ``kind`` may name a variant after ``@`` (``matcher-en-exact@1a2b3c4d``: automata of one
    daachorse build). Each write prunes the cache: the entries of all but the most recently
    used termbases go, and of each termbase all but its most recent variants, so that new
    builds of the same termkit (a reinstall, a rebuilt pre-commit environment) do not pile up.
    """
    directory = directory or cache_directory()
    if directory is None:
        return
    target = _entry_path(directory, key, kind)
    temp_name: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "wb", dir=directory, prefix=".tmp-", suffix=_SUFFIX, delete=False
        ) as temp:
            temp_name = temp.name
            label = _label(key, kind)
            pieces = [payload] if isinstance(payload, (bytes, bytearray, memoryview)) else payload
            checksum = zlib.crc32(label)
            for piece in pieces:
                checksum = zlib.crc32(piece, checksum)
            length = sum(memoryview(piece).nbytes for piece in pieces)
            temp.write(_HEADER.pack(_MAGIC, length, checksum, len(label)))
            temp.write(label)
            for piece in pieces:
                temp.write(piece)
        os.replace(temp_name, target)
        temp_name = None
    except OSError:
        return  # a read-only or full disk, or a rename that Windows refuses: run uncached
    finally:
        if temp_name is not None:
            _unlink(Path(temp_name))
    _prune(directory, keep=key)


def pack_payload(head: Any, sections: Sequence[Buffer]) -> list[Buffer]:
    """A payload for :func:`write_entry` in pieces, written one after the other and never
    joined: the length of the ``marshal``-ed ``head`` and the sections' lengths, ``head``, and
    the ``sections`` as they are (an automaton of 40 MB, say)."""
    lengths = [memoryview(section).nbytes for section in sections]
    encoded = marshal.dumps((head, lengths))
    return [_HEAD_LENGTH.pack(len(encoded)), encoded, *sections]


def unpack_payload(payload: Buffer) -> tuple[Any, list[memoryview]]:
    """The head and sections :func:`pack_payload` packed, the sections views of ``payload``;
    raises ValueError (or another exception) on a damaged payload."""
    view = memoryview(payload)
    (length,) = _HEAD_LENGTH.unpack_from(view)
    offset = _HEAD_LENGTH.size + length
    head, lengths = marshal.loads(view[_HEAD_LENGTH.size : offset])
    sections: list[memoryview] = []
    for size in lengths:
        sections.append(view[offset : offset + size])
        offset += size
    if offset != len(view):
        raise ValueError(T_("damaged cache entry"))
    return head, sections


def _unlink(path: Path) -> None:
    with suppress(OSError):
        path.unlink()


def _prune(directory: Path, keep: str) -> None:
    """Delete all but the most recently used termbases' entries, all but the most recent
    variants of each (see :func:`write_entry`), and leftover temporary files."""
    termbases: dict[str, float] = {}
    variants: dict[tuple[str, str], float] = {}
    entries: list[tuple[str, str, Path]] = []
    now = time.time()
    try:
        listing = list(directory.iterdir())
    except OSError:
        return
    for path in listing:
        name = path.name
        if not name.endswith(_SUFFIX):
            continue
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        if name.startswith(".tmp-"):
            if now - mtime > _STALE_TEMP_SECONDS:
                _unlink(path)  # left by a process that died while writing
            continue
        key, _, kind = name[: -len(_SUFFIX)].partition(".")
        variant = kind.partition("@")[2]
        entries.append((key, variant, path))
        termbases[key] = max(termbases.get(key, 0.0), mtime)
        if variant:
            variants[key, variant] = max(variants.get((key, variant), 0.0), mtime)
    kept = {*sorted(termbases, key=termbases.__getitem__, reverse=True)[:KEEP_TERMBASES], keep}
    recent_variants = sorted(variants, key=variants.__getitem__, reverse=True)
    kept_variants: set[tuple[str, str]] = set()
    for key in kept:
        kept_variants.update([v for v in recent_variants if v[0] == key][:KEEP_VARIANTS])
    for key, variant, path in entries:
        if key not in kept or (variant and (key, variant) not in kept_variants):
            _unlink(path)


def encode_term(term: Term) -> EncodedTerm:
    """A term as a tuple of plain values (for ``marshal``); :func:`decode_term` reverses it."""
    values = _VALUES  # a dict, not the enums' .value property: faster, and this is per term
    return (
        term.text,
        term.lang,
        values[term.type],
        values[term.status],
        term.concept_id,
        term.note,
        term.source,
        term.plural,
        term.borrowed_from,
    )


def decode_term(values: EncodedTerm) -> Term:
    """The term :func:`encode_term` encoded; raises (ValueError, KeyError…) on damaged values."""
    text, lang, type_, status, concept_id, note, source, plural, borrowed_from = values
    if type(text) is not str or type(lang) is not str or type(concept_id) is not str:
        raise ValueError(T_("damaged term"))  # the optional strings are only ever shown or compared
    return new_term(
        text, lang, _TYPES[type_], _STATUSES[status], concept_id, note, source, plural,
        borrowed_from,
    )


def _well_formed(values: EncodedTerm) -> bool:
    """Whether ``values`` decodes (:func:`decode_term`) without building the term."""
    return (
        type(values) is tuple
        and len(values) == 9
        and type(values[0]) is str
        and type(values[1]) is str
        and type(values[4]) is str
        and values[2] in _TYPES
        and values[3] in _STATUSES
    )


def _encode_concept(concept: Concept) -> bytes:
    return marshal.dumps(
        (
            concept.id,
            tuple(map(encode_term, concept.terms)),
            concept.domain,
            dict(concept.definitions),
            concept.note,
            dict(concept.language_notes),
            tuple(concept.related),
            concept.well_known,
        )
    )


def _decode_concept(data: bytes) -> Concept:
    concept_id, terms, domain, definitions, note, language_notes, related, well_known = (
        marshal.loads(data)
    )
    if not (
        _strings(concept_id, *related)
        and type(definitions) is dict
        and type(language_notes) is dict
        and type(well_known) is bool
    ):
        raise ValueError(T_("damaged concept"))
    return Concept(
        id=concept_id,
        terms=tuple(decode_term(t) for t in terms),
        domain=domain,
        definitions=MappingProxyType(definitions),
        note=note,
        language_notes=MappingProxyType(language_notes),
        related=related,
        well_known=well_known,
    )


class CachedConcepts(Mapping[str, Concept]):
    """The concepts of a termbase that went through the cache, each decoded on first use.

    A read-only mapping like the ``MappingProxyType`` the loader builds, in the same order; it also
    knows the cache key of the files it came from, for the matcher's compiled automata.

    An entry may pass its checksum and still not decode (a bug, or bytes changed on purpose and
    the checksum made again); that shows only when a concept is first used, long after loading.
    Then ``rebuild`` is called once: it builds the termbase from its files (and replaces the
    entry), and every concept is served from that build from then on.
    """

    __slots__ = ("_decoded", "_encoded", "_rebuild", "cache_key", "origin", "shape")

    def __init__(
        self,
        encoded: Mapping[str, bytes],
        *,
        cache_key: str,
        rebuild: Callable[[], Mapping[str, Concept]] | None = None,
        origin: Origin | None = None,
    ) -> None:
        self._encoded = encoded
        self._decoded: dict[str, Concept] = {}
        self._rebuild = rebuild
        self.cache_key = cache_key
        # How to find the entry again in another process: see :func:`termbase_reference`
        self.origin = origin
        self.shape: tuple[object, ...] | None = None  # the fields of the termbase it came in

    def __getitem__(self, concept_id: str) -> Concept:
        concept = self._decoded.get(concept_id)
        if concept is None:
            encoded = self._encoded[concept_id]  # KeyError: no such concept
            # A racing thread may decode the same concept twice: harmless, both are equal.
            concept = self._decoded[concept_id] = self._decode(concept_id, encoded)
        return concept

    def _decode(self, concept_id: str, encoded: bytes) -> Concept:
        try:
            return _decode_concept(encoded)
        except Exception:  # any damage: the concept as its file says it
            return self._rebuilt()[concept_id]

    def _rebuilt(self) -> Mapping[str, Concept]:
        """Every concept, built from the termbase's files (see the class's documentation)."""
        from termkit.errors import TermbaseError

        if self._rebuild is None:
            raise TermbaseError(
                T_(
                    "damaged cache entry {cache_key}: delete it and run again",
                    cache_key=self.cache_key,
                ),
            )
        rebuild, self._rebuild = self._rebuild, None
        concepts = rebuild()
        if list(concepts) != list(self._encoded):
            raise TermbaseError(
                T_(
                    "the termbase files changed while termkit was reading them: run termkit "
                    "again",
                )
            )
        self._decoded.update(concepts)  # in place: transient_values may be iterating
        return concepts

    def transient_encoded(self, langs: Set[str]) -> Iterator[EncodedTerm]:
        """Every term of ``langs``, in concept order, as :func:`encode_term` encodes it, made for
        the moment only: an automaton build reads every term of its language and keeps none
        (a cold start builds three languages' automata, and decoded every concept in full for
        each), and stores them encoded again. Each is checked as :func:`decode_term` would."""
        decoded = self._decoded
        encoded_concepts = self._encoded
        # Each concept read where it lies in the entry, not copied out first (0.1 s of 80,000)
        pairs = (
            encoded_concepts.views()
            if isinstance(encoded_concepts, _Slices)
            else encoded_concepts.items()
        )
        for concept_id, encoded in pairs:
            concept = decoded.get(concept_id)
            if concept is None:
                try:
                    terms = marshal.loads(encoded)[1]
                    found = [t for t in terms if t[1] in langs]
                    if not all(map(_well_formed, found)):
                        raise ValueError(T_("damaged term"))
                except Exception:  # any damage: the concept as its file says it
                    concept = self._rebuilt()[concept_id]
                else:
                    yield from found
                    continue
            for term in concept.terms:
                if term.lang in langs:
                    yield encode_term(term)

    def transient_values(self) -> Iterator[Concept]:
        """Every concept, decoded for the moment only: a compile reads them all once, and a
        check afterwards touches few of them."""
        decoded = self._decoded
        for concept_id, encoded in self._encoded.items():
            concept = decoded.get(concept_id)
            yield concept if concept is not None else self._decode(concept_id, encoded)

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._encoded

    def __repr__(self) -> str:
        return f"CachedConcepts({len(self)} concepts, {len(self._decoded)} decoded)"


def cache_key_of(termbase: Termbase) -> str | None:
    """The cache key of the files ``termbase`` was loaded from, when it went through the cache."""
    concepts = termbase.concepts
    return concepts.cache_key if isinstance(concepts, CachedConcepts) else None


def _encode_termbase(termbase: Termbase) -> list[Buffer]:
    # One blob of concatenated concepts and their end offsets: marshal then loads three objects
    # instead of 20,000, and each concept is sliced out when it is first used.
    ids = tuple(termbase.concepts)
    # Appended to one buffer, and written after the head as it is (pack_payload): a list of
    # them, its join and a marshal of that would each hold them all again (55 MB at 80,000
    # concepts).
    encoded = bytearray()
    ends = array("Q")
    concepts = termbase.concepts
    for concept_id in ids:
        encoded += _encode_concept(concepts[concept_id])
        ends.append(len(encoded))
    head = (
        FORMAT,
        termbase.name,
        tuple(termbase.languages),
        dict(termbase.acronyms_from),
        tuple(termbase.sources),
        ids,
        ends.tobytes(),
    )
    return pack_payload(head, [encoded])


def _decode_termbase(
    payload: Buffer | list[Buffer],
    key: str,
    rebuild: Callable[[], Mapping[str, Concept]] | None = None,
    origin: Origin | None = None,
) -> Termbase:
    """The termbase :func:`_encode_termbase` stored; raises on a damaged one (its concepts
    decode later: see :class:`CachedConcepts`)."""
    if isinstance(payload, list):  # the pieces pack_payload made
        head, blob = marshal.loads(payload[1])[0], memoryview(payload[2])
    else:
        # Copied out of the mapped entry, which is then unmapped as before: an entry stays
        # mapped only while it is read (Windows lets no one replace or delete a mapped file).
        head, (section,) = unpack_payload(payload)
        blob = memoryview(section.tobytes())
    format_, name, languages, acronyms_from, sources, ids, ends_bytes = head
    ends = array("Q")
    ends.frombytes(ends_bytes)
    if format_ != FORMAT or len(ends) != len(ids) or (ends and ends[-1] != len(blob)):
        raise ValueError(T_("cache entry of another format"))
    if not _strings(name, *languages, *sources, *ids, *acronyms_from, *acronyms_from.values()):
        raise ValueError(T_("damaged cache entry"))
    concepts = CachedConcepts(
        _Slices(ids, ends, blob), cache_key=key, rebuild=rebuild, origin=origin
    )
    termbase = Termbase(
        name=name,
        languages=languages,
        concepts=concepts,
        acronyms_from=MappingProxyType(acronyms_from),
        sources=sources,
    )
    concepts.shape = _shape(termbase)
    return termbase


def _strings(*values: object) -> bool:
    return all(type(value) is str for value in values)


class _Slices(Mapping[str, bytes]):
    """Concept id → its encoded bytes, sliced on demand out of one blob."""

    __slots__ = ("_blob", "_ends", "_ids", "_index")

    def __init__(self, ids: tuple[str, ...], ends: array[int], blob: Buffer) -> None:
        self._ids = ids
        self._ends = ends
        self._blob = memoryview(blob)
        self._index = {concept_id: i for i, concept_id in enumerate(ids)}

    def __getitem__(self, concept_id: str) -> bytes:
        i = self._index[concept_id]
        return self._blob[self._ends[i - 1] if i else 0 : self._ends[i]].tobytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def views(self) -> Iterator[tuple[str, memoryview]]:
        """Every concept id with its encoded bytes, in order, as views into the blob."""
        blob = self._blob
        start = 0
        for concept_id, end in zip(self._ids, self._ends, strict=True):
            yield concept_id, blob[start:end]
            start = end

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._index


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that all stay alive.

    Building a 20,000-concept termbase creates some 300,000 objects; the collector would walk the
    growing heap again and again for nothing (35-40% of the load time).

    In a ``termkit check`` started from the command line (:func:`termkit.process.one_shot`),
    what was made meanwhile and is still alive is then frozen (``gc.freeze``) rather than walked
    by the collector's next pass: the process ends with the check, and that one pass took 71 ms
    of a 1.7 s check of 10 MB (the concepts decoded for the findings, the findings). What is
    frozen is never collected, which only a process that ends soon can afford: the language
    server, an interactive lookup, the tests and programs that use termkit as a library go on,
    and their collector simply resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if one_shot():
                gc.freeze()
            gc.enable()



def cached_termbase(
    paths: Sequence[StrPath],
    include_default: bool,
    build: Callable[[], Termbase],
    *,
    enabled: bool = True,
    given: Sequence[StrPath] | None = None,
) -> Termbase:
    """The termbase of ``paths`` from the cache, or ``build()`` it and store it for next time.

    ``build`` raises on an invalid termbase, so only termbases that loaded without errors
    are cached. With ``enabled`` false (or ``TERMKIT_NO_CACHE`` set) it only builds. ``given``
    are the files a caller named (``paths`` less the shipped termbase): with them the termbase
    pickles as a reference to its entry (:func:`termbase_reduction`).
    """
    directory = cache_directory() if enabled else None
    key, digest = _hashes(paths, include_default) if directory is not None else (None, None)
    if directory is None or key is None:
        note(1, T_("termbase: compiled from its files (cache off)"))
        with paused_gc():
            return build()

    def rebuild() -> Mapping[str, Concept]:
        # A concept of the entry did not decode: build it all again, and store that instead.
        remove_entry(key, "termbase", directory)
        built, _ = _build_and_store(paths, include_default, build, key, directory)
        return built.concepts

    origin: Origin | None = None
    if given is not None and digest is not None:
        origin = (tuple(os.path.abspath(p) for p in given), include_default,
                  os.fspath(directory), digest)
    payload = read_entry(key, "termbase", directory)
    if payload is not None:
        try:
            termbase = _decode_termbase(payload, key, rebuild, origin)
        except Exception:  # any damage means: rebuild
            payload = None  # unmapped, so that Windows lets the rebuilt entry replace it
        else:
            _touch(_entry_path(directory, key, "termbase"))
            note(1, T_("termbase: from the compiled cache ({directory})", directory=directory))
            return termbase
    note(1, T_("termbase: compiled from its files, and cached for the next run ({directory})",
               directory=directory))
    # The collector stays paused until the built termbase is gone: resumed in between (a library
    # or the language server), it would walk every object the build made, all about to be freed
    # (75 ms for 20,000 concepts); in a check started from the command line the pause's end
    # freezes what is alive (paused_gc), so the parse's cycles are collected before it.
    with paused_gc():
        termbase, encoded = _build_and_store(paths, include_default, build, key, directory)
        if encoded is None:
            return termbase
        # Served as a warm run serves it, decoded concept by concept, rather than as built: the
        # 20,000 concepts built from TOML would stay in memory through the automaton builds.
        del termbase
        gc.collect()  # the parse's reference cycles (a few objects now), before a freeze
        # Decoded once the build is freed: its small objects (the concept ids) then fill a
        # few fresh blocks of memory instead of the holes the parse left all over the heap,
        # whose every block they would keep from going back to the system (160 MB after a
        # cold load of 80,000 concepts: 167 blocks of 1 MB held by 12 MB of objects).
        return _decode_termbase(encoded, key, rebuild, origin)


def _build_and_store(
    paths: Sequence[StrPath],
    include_default: bool,
    build: Callable[[], Termbase],
    key: str,
    directory: Path,
) -> tuple[Termbase, list[Buffer] | None]:
    """``build()`` the termbase and store it under ``key``; the entry's payload in pieces
    (:func:`pack_payload`), or None when it was not stored."""
    with paused_gc():
        termbase = build()
    # A file edited while we parsed it must not be stored under the old content's key.
    if termbase_key(paths, include_default) != key:
        return termbase, None
    try:
        encoded = _encode_termbase(termbase)
    except ValueError:
        return termbase, None  # a value marshal cannot store (a model extension): run uncached
    write_entry(key, "termbase", encoded, directory)
    return termbase, encoded


def _touch(path: Path) -> None:
    """Mark an entry as recently used, so that pruning keeps it."""
    with suppress(OSError):
        os.utime(path)


# -- pickling (see termkit.termbase): a reference to the entry, not the concepts ---------------


def termbase_reference(termbase: Termbase) -> tuple[str, tuple[str, ...], bool, str, str] | None:
    """``(key, files, include_default, cache directory, content digest)`` of a termbase that came
    through the cache, as it came (a copy made with other fields, ``replace(termbase, …)``, is
    not what the entry holds); None for another."""
    concepts = termbase.concepts
    if not isinstance(concepts, CachedConcepts) or concepts.origin is None:
        return None
    if concepts.shape is None or concepts.shape != _shape(termbase):
        return None
    return (concepts.cache_key, *concepts.origin)


def _shape(termbase: Termbase) -> tuple[object, ...]:
    return (termbase.name, tuple(termbase.languages), tuple(sorted(termbase.acronyms_from.items())),
            tuple(termbase.sources), termbase.replaces)



def mapped_termbase(
    key: str, origin: Origin, rebuild: Callable[[], Mapping[str, Concept]]
) -> Termbase | None:
    """The termbase of the entry ``key`` in the origin's cache directory, or None when that is
    not there (another machine) or does not decode."""
    directory = origin[2]
    if not os.path.isdir(directory):
        return None
    payload = read_entry(key, "termbase", Path(directory))
    if payload is None:
        return None
    try:
        termbase = _decode_termbase(payload, key, rebuild, origin)
    except Exception:  # damaged: the caller builds it from its files
        return None
    _touch(_entry_path(Path(directory), key, "termbase"))  # in use: kept by pruning
    return termbase


def encode_termbase(termbase: Termbase) -> bytes:
    """The termbase as its cache entry holds it (raises ValueError for a model extension that
    ``marshal`` cannot store)."""
    return b"".join(_encode_termbase(termbase))


def decode_termbase(encoded: bytes) -> Termbase:
    """The termbase :func:`encode_termbase` encoded, every concept decoded: a termbase of its
    own, with no cache key (its automata are compiled for it, never shared through the cache)."""
    lazy = _decode_termbase(encoded, "")
    concepts = {concept_id: lazy.concepts[concept_id] for concept_id in lazy.concepts}
    return Termbase(
        name=lazy.name, languages=lazy.languages, concepts=MappingProxyType(concepts),
        acronyms_from=lazy.acronyms_from, sources=lazy.sources,
    )
