"""Writing files safely: the one atomic replace every writer uses.

Every file termkit writes (a fixed document, an edited or merged termbase, an export, an import)
goes through :func:`write_file`: the bytes go to a temporary file in the target's folder, are
flushed to disk and renamed over the target, so that a reader sees the old file or the new one,
never half of one, and a failure (a full disk, a read-only folder) leaves the original as it was.

A replaced file keeps its permission bits.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from termkit.errors import WriteError

__all__ = ["write_file"]


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace (or create) the file at ``path`` with ``data``, atomically; a link is followed.

    A device or a pipe (``/dev/stdout``, ``/dev/null``) is written to directly, since it cannot
    be replaced. Raises :class:`~termkit.errors.WriteError` (a missing or read-only folder, a
    full disk), the original left as it was and no temporary file behind.
    """
    name = os.fspath(path)
    try:
        status: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _write_error(error, name) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise WriteError("is a folder, not a file", name)
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_directly(name, data)
        return
    target = os.path.realpath(name)
    try:
        _replace(target, data, status)
    except OSError as error:
        raise _write_error(error, name) from None


def _replace(target: str, data: bytes, status: os.stat_result | None) -> None:
    folder, base = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if status is not None:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _write_directly(name: str, data: bytes) -> None:
    try:
        with open(name, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise _write_error(error, name) from None


def _write_error(error: OSError, name: str) -> WriteError:
    folder = os.path.dirname(os.path.abspath(name))
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return WriteError(f"cannot write: no such folder {folder}", name)
    if isinstance(error, PermissionError):
        return WriteError(f"cannot write: permission denied (in {folder})", name)
    return WriteError(f"cannot write: {error.strerror or error}", name)


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk where the OS allows it (POSIX); best effort."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
