"""Reading input files safely: regular files only, and none larger than a documented limit.

A named pipe (FIFO) blocks the reader until some other program writes to it, and a device such as
``/dev/zero`` never ends: either, given as a document or a termbase, or met in a folder walk,
would hang termkit or fill the memory. So only regular files are read (:class:`NotRegularFileError`
for anything else, found without opening it for a blocking read), and no more of them, nor of
standard input, than a :class:`SizeLimit` allows (:class:`FileTooLargeError`).

The limits (:data:`DOCUMENT_LIMIT`, :data:`TERMBASE_LIMIT`) leave room to spare: the
20,000-concept benchmark termbase weighs 8.5 MB as TOML (52 MB as TBX, 62 MB as JSON), and
checking a 10 MB document takes some 200 MB of memory. An environment variable raises either.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from typing import BinaryIO

from termkit.errors import InputError
from termkit.i18n import T_
from termkit.patterns import compile_pattern

__all__ = [
    "DOCUMENT_LIMIT",
    "TERMBASE_LIMIT",
    "FileTooLargeError",
    "NotRegularFileError",
    "SizeLimit",
    "file_kind",
    "read_regular_file",
    "read_stream",
]

_MIB = 1 << 20
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
_SIZE = compile_pattern(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)
_CHUNK = 1 << 16


@dataclass(frozen=True)
class SizeLimit:
    """The largest input of one kind, in bytes: ``default``, unless ``env`` names another size
    (``512M``, ``2G``, ``1048576``; K, M and G count in 1024s)."""

    what: str  # "a document", for messages
    default: int
    env: str

    def bytes(self) -> int:
        """The limit in force; :class:`~termkit.errors.InputError` for a malformed ``env``."""
        value = os.environ.get(self.env, "").strip()
        if not value:
            return self.default
        match = _SIZE.fullmatch(value)
        if match is None or int(match[1]) == 0:
            raise InputError(
                T_(
                    "{env}={value!r}: expected a size such as 512M or 2G",
                    env=self.env, value=value,
                ),
            )
        return int(match[1]) * _UNITS[match[2].lower()]


DOCUMENT_LIMIT = SizeLimit("a document", 256 * _MIB, "TERMKIT_MAX_DOCUMENT_SIZE")
"""Documents, standard input and files to import (TBX and JSON are some 6 times bigger than the
TOML they hold)."""
TERMBASE_LIMIT = SizeLimit("a termbase", 64 * _MIB, "TERMKIT_MAX_TERMBASE_SIZE")
"""TOML termbases: room for some 150,000 concepts."""


def _size_text(size: int) -> str:
    if size % _MIB == 0:
        return f"{size // _MIB} MiB"
    return f"{size:,} bytes"


class NotRegularFileError(OSError):
    """Not a regular file (a named pipe, a device, a socket): never read."""

    def __init__(self, path: str, mode: int) -> None:
        super().__init__(
            errno.EINVAL,
            f"is {file_kind(mode)}, not a regular file",
            path,
        )


class FileTooLargeError(OSError):
    """More bytes than the :class:`SizeLimit` of what is being read."""

    def __init__(self, path: str, limit: SizeLimit, maximum: int, size: int | None) -> None:
        actual = f"{_size_text(size)}, " if size is not None else ""
        super().__init__(
            errno.EFBIG,
            f"too large: {actual}over the limit of {_size_text(maximum)} for {limit.what} "
            f"({limit.env} raises it)",
            path,
        )


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, for messages: ``a named pipe (FIFO)``…"""
    if stat.S_ISFIFO(mode):
        return T_("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return T_("a device")
    if stat.S_ISSOCK(mode):
        return T_("a socket")
    if stat.S_ISDIR(mode):
        return T_("a folder")
    return T_("a special file")


def read_regular_file(
    path: str | os.PathLike[str], limit: SizeLimit
) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` (a link followed), and its status as it was
    opened (taken before the read, so that a write during the read makes it stale).

    Raises :class:`NotRegularFileError` for a FIFO, a device or a socket, without blocking on
    it; :class:`FileTooLargeError` past ``limit``; ``IsADirectoryError`` for a folder and any
    other ``OSError`` as ``open`` does.
    """
    name = os.fspath(path)
    _check_regular(name, os.stat(name).st_mode)  # a device is never even opened
    # Non-blocking, in case a FIFO took the file's place since: opening it would wait for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(name, flags | getattr(os, "O_CLOEXEC", 0))
    with open(descriptor, "rb", buffering=0) as stream:
        status = os.fstat(descriptor)
        _check_regular(name, status.st_mode)
        maximum = limit.bytes()
        if status.st_size > maximum:
            raise FileTooLargeError(name, limit, maximum, status.st_size)
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(descriptor, True)
        return _read_at_most(stream, name, limit, maximum, status.st_size), status


def _check_regular(name: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(name, mode)


def read_stream(stream: BinaryIO, name: str, limit: SizeLimit) -> bytes:
    """All of ``stream`` (standard input), or :class:`FileTooLargeError` past ``limit``."""
    return _read_at_most(stream, name, limit, limit.bytes(), None)


def _read_at_most(
    stream: BinaryIO, name: str, limit: SizeLimit, maximum: int, size: int | None
) -> bytes:
    """Read to the end, or raise once more than ``maximum`` bytes came. ``size``: a regular
    file's size, read in one go (a short read then means the end); None for a stream."""
    chunks: list[bytes] = []
    total = 0
    want = min(size, maximum) + 1 if size is not None else _CHUNK
    while True:
        chunk = stream.read(want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > maximum:
            raise FileTooLargeError(name, limit, maximum, None)
        if size is not None and len(chunk) < want:
            break  # a regular file's end (a file that grew, or /proc's, reads on)
        # Growing chunks: few reads for a long stream, no large buffer for a short one.
        want = min(max(total, _CHUNK), maximum + 1 - total)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
