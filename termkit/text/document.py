"""Reading and writing documents: decoding, BOMs, line endings, atomic writes, file walks."""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from termkit.errors import InputError
from termkit.files import FileStamp, read_bytes_stamped, write_file
from termkit.i18n import T_
from termkit.patterns import compile_pattern
from termkit.reading import DOCUMENT_LIMIT, NotRegularFileError, file_kind, read_stream

__all__ = [
    "DOCUMENT_SUFFIXES",
    "INCLUDABLE_SUFFIXES",
    "SKIPPED_FOLDERS",
    "BinaryFileError",
    "Document",
    "SpecialFileError",
    "decode_document",
    "encode_document",
    "iter_document_paths",
    "read_document",
    "read_document_bytes",
    "write_document",
    "write_stdout_bytes",
]

STDIN_PATH = "<stdin>"
DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".rst"})
"""The files that a folder walk yields (files named explicitly are read whatever they are)."""
INCLUDABLE_SUFFIXES = {"docx": (".docx",), "html": (".html", ".htm"), "pdf": (".pdf",)}
"""The formats a folder walk also yields when asked (``--include``): not by default, so that a
pre-commit hook does not start reading binaries."""
SKIPPED_FOLDERS = frozenset(
    {"node_modules", "__pycache__", "venv", ".venv", "build", "dist", "_build", "site-packages"}
)
"""Folders never walked into (besides hidden ones)."""

_BINARY_SNIFF = 8192
# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_FOR = {name: bom for bom, name in _BOMS}
_WIDE_ENCODINGS = ("utf-16", "utf-32")
_STRICT_ABOUT_SURROGATES = ("utf-8", "utf-16", "utf-32")
_SURROGATE = compile_pattern("[\ud800-\udfff]")


class BinaryFileError(InputError):
    """The file looks binary (a NUL byte in its first 8 KB and no UTF-16/32 BOM)."""


class SpecialFileError(BinaryFileError):
    """Not a regular file (a FIFO, a device): skipped in a folder walk, as binary files are."""


@dataclass(frozen=True)
class Document:
    """A decoded document and what is needed to write it back as it was.

    ``text`` has no BOM and keeps its line endings; ``encoding`` is a Python codec name
    (``utf-8``, ``utf-16-le``, ``gb18030``…); ``newline`` is the dominant line ending, for
    writers that add lines. ``stamp`` tells the file as it was read (None for standard input
    and documents made in code): :func:`write_document` refuses to replace a file that has
    changed since.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    stamp: FileStamp | None = field(default=None, compare=False)
    # Markdown or not, as the command line said (``--input-format``); None: as its name says
    markdown: bool | None = field(default=None, compare=False)

    @property
    def is_markdown(self) -> bool:
        """Read as Markdown: as ``--input-format`` said, else by the file's name."""
        if self.markdown is not None:
            return self.markdown
        from termkit.text.prepare import is_markdown_path

        return is_markdown_path(self.path)


def _dominant_newline(text: str) -> str:
    if "\r" not in text:  # the common case, found without counting
        return "\n"
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    best = max(counts, key=lambda newline: counts[newline])  # ties: the first, "\n"
    return best if counts[best] else "\n"


def _location(text_before: str) -> tuple[int, int]:
    """1-based line and column just after ``text_before``."""
    from termkit.text.lines import LineIndex

    return LineIndex(text_before).line_col(len(text_before))


def _codec_name(encoding: str, path: str) -> str:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(T_("unknown encoding {encoding!r}", encoding=encoding), path) from None
    # bytes.decode refuses what CPython marks so: bytes-to-bytes codecs (base64, zlib, hex).
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(T_("{encoding!r} is not a text encoding", encoding=encoding), path)
    name = info.name
    if name == "utf-8-sig":
        return "utf-8"
    if name in _WIDE_ENCODINGS:
        # Without a BOM, Python's utf-16/utf-32 decoders read little-endian; writing needs the
        # explicit form, since the plain codec would add a BOM.
        return name + "-le"
    return name


def _decode(data: bytes, encoding: str, path: str, explicit: bool) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line: int | None = None
        column: int | None = None
        with contextlib.suppress(UnicodeDecodeError):
            line, column = _location(data[: error.start].decode(encoding))
        if explicit:
            message = f"cannot decode as {encoding} (byte 0x{data[error.start]:02x})"
        else:
            message = "not valid UTF-8; use --encoding (e.g. gb18030, utf-16)"
        raise InputError(message, path, line, column) from None
    if not encoding.startswith(_STRICT_ABOUT_SURROGATES) and _SURROGATE.search(text):
        text = _paired_surrogates(text, encoding, path)
    return text


def _paired_surrogates(text: str, encoding: str, path: str) -> str:
    """``text`` with each surrogate pair as the character it encodes (``\\ud83d\\ude00`` in
    unicode_escape is one emoji); a lone surrogate is no character, and an error: UTF-8, 16 and
    32 refuse to decode one too."""
    data = text.encode("utf-16-le", "surrogatepass")
    try:
        return data.decode("utf-16-le")
    except UnicodeDecodeError as error:
        line, column = _location(data[: error.start].decode("utf-16-le"))
        code = int.from_bytes(data[error.start : error.start + 2], "little")
        raise InputError(
            T_(
                "cannot decode as {encoding}: it makes a lone surrogate (U+{code:04X}), which "
                "is not a character",
                encoding=encoding, code=code,
            ),
            path,
            line,
            column,
        ) from None


def read_document(path: str | Path, encoding: str | None = None) -> Document:
    """Read and decode a document; ``"-"`` reads standard input (as ``<stdin>``).

    A BOM (UTF-8, UTF-16, UTF-32) decides the encoding; otherwise ``encoding``, by default
    UTF-8. Raises :class:`InputError` when the bytes do not decode (with the line and column
    of the first bad byte) or are more than the document size limit allows
    (:data:`~termkit.reading.DOCUMENT_LIMIT`), :class:`BinaryFileError` for binary files, and
    :class:`SpecialFileError` for a FIFO or a device, which is never read.
    """
    stamp: FileStamp | None = None
    if str(path) == "-":
        display = STDIN_PATH
        data = _read_stdin()
    else:
        display = str(path)
        data, stamp = read_document_bytes(path)
    return decode_document(display, data, encoding, stamp)


def read_document_bytes(path: str | Path) -> tuple[bytes, FileStamp]:
    """A document file's bytes and stamp (for :func:`~termkit.files.write_file`), no more than
    the document size limit; :class:`InputError` (one line) when it cannot be read, a
    :class:`SpecialFileError` for a FIFO or a device."""
    display = str(path)
    try:
        return read_bytes_stamped(path, DOCUMENT_LIMIT)
    except FileNotFoundError:
        raise InputError(T_("no such file"), display) from None
    except IsADirectoryError:
        raise InputError(T_("is a folder, not a file"), display) from None
    except NotRegularFileError as error:
        # Skipped with a notice in a folder walk; a file named so is refused before this.
        raise SpecialFileError(str(error.strerror), display) from None
    except OSError as error:
        raise InputError(T_("cannot read: {reason}", reason=error.strerror or error), display) from None


def decode_document(
    display: str, data: bytes, encoding: str | None = None, stamp: FileStamp | None = None,
    *, declared: str | None = None,
) -> Document:
    """A document from its bytes, as :func:`read_document` decodes them: a BOM decides, else
    ``encoding``, else ``declared`` (what the file says of itself: an HTML page's
    ``<meta charset>``), else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _decode(data[len(bom) :], name, display, explicit=False)
            return Document(display, text, name, True, _dominant_newline(text), stamp)
    chosen = encoding or declared
    codec = _codec_name(chosen, display) if chosen else "utf-8"
    if not codec.startswith(_WIDE_ENCODINGS) and b"\x00" in data[:_BINARY_SNIFF]:
        raise BinaryFileError(T_("binary file (NUL byte)"), display)
    text = _decode(data, codec, display, explicit=chosen is not None)
    return Document(display, text, codec, False, _dominant_newline(text), stamp)


class NotStreamable(Exception):
    """A document that :func:`read_document_chunks` does not read: it is read whole instead,
    which says what is wrong with it, if anything."""


# Files from this size on are checked in blocks (see termkit.text.blocks), unless
# TERMKIT_WHOLE_DOCUMENTS is set: their analysis would take some 10 times their size.
STREAM_FROM = 8 * 1024 * 1024
_STREAM_CHUNK = 1 << 20


def streams(path: str | Path) -> bool:
    """Whether the file at ``path`` is large enough to be read in chunks when checked."""
    if str(path) == "-" or os.environ.get("TERMKIT_WHOLE_DOCUMENTS", "").strip() not in ("", "0"):
        return False
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size >= STREAM_FROM


def read_document_chunks(path: str | Path, encoding: str | None = None) -> Iterator[str]:
    """The text of the document file at ``path``, decoded as :func:`read_document` decodes it,
    in chunks of about a megabyte. Raises :class:`NotStreamable` where reading it whole would
    raise an error or decode it otherwise (bad bytes, a NUL byte, surrogates, too large)."""
    display = str(path)
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below, in the generator)
    except OSError as error:
        raise NotStreamable(display) from error
    with stream:
        try:
            status = os.fstat(stream.fileno())
            limit = DOCUMENT_LIMIT.bytes()
        except (OSError, InputError) as error:
            raise NotStreamable(display) from error
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            raise NotStreamable(display)
        try:
            head = stream.read(_STREAM_CHUNK)
        except OSError as error:
            raise NotStreamable(display) from error
        bom, codec = next(((b, name) for b, name in _BOMS if head.startswith(b)), (b"", None))
        if codec is None:
            try:
                codec = _codec_name(encoding, display) if encoding else "utf-8"
            except InputError as error:
                raise NotStreamable(display) from error
            if not codec.startswith(_WIDE_ENCODINGS) and b"\x00" in head[:_BINARY_SNIFF]:
                raise NotStreamable(display)
        decoder = codecs.getincrementaldecoder(codec)()
        surrogates = not codec.startswith(_STRICT_ABOUT_SURROGATES)
        data, read = head[len(bom) :], len(head)
        while True:
            final = not data or read > limit
            try:
                text = decoder.decode(data, final=final)
            except UnicodeDecodeError as error:
                raise NotStreamable(display) from error
            if surrogates and _SURROGATE.search(text):
                raise NotStreamable(display)
            if read > limit:  # grew past the limit while read
                raise NotStreamable(display)
            if text:
                yield text
            if final:
                return
            try:
                data = stream.read(_STREAM_CHUNK)
            except OSError as error:
                raise NotStreamable(display) from error
            read += len(data)


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # closed (``<&-``), or a text-only replacement
        raise InputError(T_("standard input is closed"), STDIN_PATH)
    try:
        return read_stream(stream, STDIN_PATH, DOCUMENT_LIMIT)
    except OSError as error:
        raise InputError(T_("cannot read: {reason}", reason=error.strerror or error), STDIN_PATH) from None


def encode_document(document: Document, new_text: str) -> bytes:
    """``new_text`` as the document's file holds text: its encoding, and its BOM if it had one."""
    try:
        data = new_text.encode(document.encoding)
    except UnicodeEncodeError as error:
        line, column = _location(new_text[: error.start])
        raise InputError(
            T_(
                "cannot encode {value!r} as {encoding}",
                value=new_text[error.start], encoding=document.encoding,
            ),
            document.path,
            line,
            column,
        ) from None
    return _BOM_FOR.get(document.encoding, b"") + data if document.bom else data


def write_stdout_bytes(data: bytes) -> None:
    """Write bytes to standard output as they are (no newline translation, no re-encoding)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stream (rare): the bytes' own encoding is lost anyway
        sys.stdout.write(data.decode("utf-8", "replace"))
    else:
        stream.write(data)
        stream.flush()


def write_document(document: Document, new_text: str) -> None:
    """Replace the document's file with ``new_text``, atomically, as it was encoded.

    Same encoding and BOM; ``new_text`` is written as it is (its line endings are not
    converted). The file is replaced as :func:`termkit.files.write_file` replaces files
    (atomically, a symbolic link followed, its owner and mode kept); on failure, a
    :class:`~termkit.errors.WriteError`, the original is untouched. A file that changed on
    disk since it was read is left as it is (:class:`~termkit.errors.FileChangedError`).
    """
    if document.path == STDIN_PATH:
        raise InputError(T_("cannot write back to standard input"), document.path)
    write_file(document.path, encode_document(document, new_text), expected=document.stamp)


def _excluded(relative: str, name: str, exclude: Sequence[str]) -> bool:
    return any(
        fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(name, pattern)
        for pattern in exclude
    )


def _walk(
    root: Path, exclude: Sequence[str], respect_gitignore: bool = True,
    suffixes: frozenset[str] = DOCUMENT_SUFFIXES,
) -> list[Path]:
    from termkit.text.ignore import GitIgnores
    from termkit.trace import note

    ignores = GitIgnores(root) if respect_gitignore else None
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        base = Path(folder)
        relative_base = base.relative_to(root)
        if ignores is not None and base != root:
            ignores.enter(base)
        kept = []
        for sub in sorted(subfolders):
            why = _skipped_folder(sub, relative_base, base, exclude)
            if not why and ignores is not None and ignores.ignored(base / sub, is_dir=True):
                why = T_("ignored by .gitignore")
            if why:
                note(2, T_("skipped {path}/: {why}", path=base / sub, why=why))
            else:
                kept.append(sub)
        subfolders[:] = kept
        for file_name in files:
            if file_name.startswith(".") or Path(file_name).suffix.lower() not in suffixes:
                continue
            relative = (relative_base / file_name).as_posix()
            path = base / file_name
            if _excluded(relative, file_name, exclude) or _excluded(
                path.as_posix(), file_name, exclude
            ):
                note(2, T_("skipped {path}: excluded", path=path))
            elif ignores is not None and ignores.ignored(path, is_dir=False):
                note(2, T_("skipped {path}: ignored by .gitignore", path=path))
            else:
                found.append(path)
    return sorted(found, key=lambda path: path.parts)


def _skipped_folder(sub: str, relative_base: Path, base: Path, exclude: Sequence[str]) -> str:
    """Why a folder met in a walk is not entered ("" when it is)."""
    if sub.startswith("."):
        return T_("hidden")
    if sub in SKIPPED_FOLDERS:
        return T_("a folder of tools, not documents")
    if _excluded((relative_base / sub).as_posix(), sub, exclude) or _excluded(
        (base / sub).as_posix(), sub, exclude
    ):
        return T_("excluded")
    return ""


def iter_document_paths(
    paths: Sequence[str],
    exclude: Sequence[str] = (),
    *,
    force_exclude: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    respect_gitignore: bool = True,
    include: Sequence[str] = (),
) -> Iterator[Path | str]:
    """The documents that ``paths`` name, each once, in a stable order.

    ``"-"`` passes through. A file named explicitly is yielded whatever its extension (and even
    when ``exclude`` matches it, unless ``force_exclude``: pre-commit passes files explicitly).
    A folder is walked recursively for ``.txt``, ``.md``, ``.markdown`` and ``.rst`` files,
    sorted, skipping hidden files and folders, :data:`SKIPPED_FOLDERS` and whatever matches an
    ``exclude`` glob (``fnmatch`` on the POSIX path relative to the folder, on the path as
    given, and on the name). A path that does not exist, or is neither a regular file nor a
    folder (a FIFO, a device), raises :class:`InputError`; such a file met in a walk is
    yielded, for :func:`read_document` to refuse with a :class:`SpecialFileError`, which
    callers skip with a notice as they skip binary files. With ``on_error``, such a path is
    passed to it and the others are still yielded (one missing file among those pre-commit
    passes must not hide the findings of the rest). Inside a git work tree a walk skips what
    ``.gitignore`` files ignore, unless ``respect_gitignore`` is false (a file named is read).
    ``include`` names formats of :data:`INCLUDABLE_SUFFIXES` a walk yields too (``docx``…).
    """
    seen: set[str] = set()
    suffixes = DOCUMENT_SUFFIXES.union(
        *(INCLUDABLE_SUFFIXES.get(name, ()) for name in include)
    )
    for given in paths:
        if given == "-":
            yield given
            continue
        path = Path(given)
        error: InputError | None
        try:
            mode = path.stat().st_mode
        except OSError:
            error = InputError(T_("no such file or folder"), given)
        else:
            if stat.S_ISDIR(mode):
                candidates = _walk(path, exclude, respect_gitignore, suffixes)
                error = None
            elif stat.S_ISREG(mode):
                if force_exclude and _excluded(path.as_posix(), path.name, exclude):
                    continue
                candidates = [path]
                error = None
            else:
                # Reading a FIFO waits for a writer and a device never ends: named, an error.
                error = InputError(
                    T_(
                        "is {kind}, not a regular file: termkit reads only regular files (and - "
                        "for standard input)",
                        kind=file_kind(mode),
                    ),
                    given,
                )
        if error is not None:
            if on_error is None:
                raise error
            on_error(error)
            continue
        for candidate in candidates:
            key = os.path.normpath(candidate)
            if key not in seen:
                seen.add(key)
                yield candidate
