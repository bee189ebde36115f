"""Writing files safely: the one atomic replace every writer uses, and the lock of an edit.

Every file termkit writes (a fixed document, an edited or merged termbase, an export, an import)
goes through :func:`write_file`: the bytes go to a temporary file in the target's folder, are
flushed to disk and renamed over the target, so that a reader sees the old file or the new one,
never half of one, and a failure (a full disk, a read-only folder) leaves the original as it was.

A replaced file keeps its owner, group and permission bits; a new file gets the mode the umask
gives (as ``open`` would), not the temporary file's 0600. A read-only file (no write bit, or not
writable by this user) is refused, and so is a file whose owner or group this user cannot give
the new file: replacing it would take it from its owner. A file that changed on disk since it was
read (its :class:`FileStamp` differs) is not replaced either: the rename would throw the other
writer's change away.

Edits of a termbase (``termkit add``, ``termkit merge -o`` onto a termbase) hold its
:func:`edit_lock` from reading it to writing it, so that parallel edits wait for each other
rather than fail or, worse, overwrite each other.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from termkit.errors import FileChangedError, WriteError
from termkit.i18n import T_
from termkit.reading import DOCUMENT_LIMIT, SizeLimit, read_regular_file

__all__ = [
    "LOCK_TIMEOUT",
    "FileStamp",
    "edit_lock",
    "lock_path",
    "read_bytes_stamped",
    "write_file",
]

LOCK_TIMEOUT = 60.0
"""Seconds an edit waits for another termkit process editing the same file."""


@dataclass(frozen=True)
class FileStamp:
    """One version of a file as the file system tells it apart: device, inode, size, mtime.

    An append changes the size, a rewrite the mtime (in nanoseconds), a replacement the inode.
    """

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, status: os.stat_result) -> FileStamp:
        """The stamp of a file from its ``os.stat`` (or ``os.fstat``) result."""
        return cls(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def read_bytes_stamped(
    path: str | os.PathLike[str], limit: SizeLimit = DOCUMENT_LIMIT
) -> tuple[bytes, FileStamp]:
    """The bytes of the file at ``path`` and its stamp, for :func:`write_file`'s ``expected``.

    The stamp is taken before the bytes are read: a write during the read makes it stale, so
    that the change is seen at write time rather than lost. Only a regular file of no more
    than ``limit`` is read (:func:`termkit.reading.read_regular_file`). Raises OSError as
    ``open`` does.
    """
    data, status = read_regular_file(path, limit)
    return data, FileStamp.of(status)


def write_file(
    path: str | os.PathLike[str], data: bytes, *, expected: FileStamp | None = None
) -> None:
    """Replace (or create) the file at ``path`` with ``data``, atomically; a link is followed.

    ``expected``: the stamp of the file when it was read; if the file has changed since,
    nothing is written and :class:`~termkit.errors.FileChangedError` is raised (also when it
    changes while the new content is being written). A device or a pipe (``/dev/stdout``,
    ``/dev/null``) is written to directly, since it cannot be replaced. Raises
    :class:`~termkit.errors.WriteError` (a read-only file, an owner this user cannot keep, a
    missing or read-only folder, a full disk), the original left as it was and no temporary
    file behind.
    """
    name = os.fspath(path)
    try:
        status: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _write_error(error, name) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise WriteError(T_("is a folder, not a file"), name)
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_directly(name, data)
        return
    target = os.path.realpath(name)
    if status is None and expected is not None:
        raise _changed(name)  # deleted since it was read: making it again would undo that
    if status is not None:
        _check_replaceable(name, target, status, expected)
    try:
        _replace(name, target, data, status, expected)
    except OSError as error:
        raise _write_error(error, name) from None


def _check_replaceable(
    name: str, target: str, status: os.stat_result, expected: FileStamp | None
) -> None:
    if expected is not None and FileStamp.of(status) != expected:
        raise _changed(name)
    # No write bit at all is a file someone made read-only on purpose: root respects it too.
    if not status.st_mode & 0o222 or not _writable(target):
        raise WriteError(
            T_("read-only file: not replaced (make it writable first if it should change)"), name
        )


def _writable(target: str) -> bool:
    effective = os.access in os.supports_effective_ids
    return os.access(target, os.W_OK, effective_ids=effective)


def _changed(name: str) -> FileChangedError:
    return FileChangedError(
        T_(
            "changed on disk since termkit read it (another program wrote to it): nothing "
            "written; run termkit again"
        ),
        name,
    )


def _unchanged(target: str, expected: FileStamp) -> bool:
    try:
        return FileStamp.of(os.stat(target)) == expected
    except FileNotFoundError:
        return False


def _replace(
    name: str,
    target: str,
    data: bytes,
    status: os.stat_result | None,
    expected: FileStamp | None,
) -> None:
    folder, base = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            _copy_metadata(stream.fileno(), temporary, name, status)
            os.fsync(stream.fileno())
        if expected is not None and not _unchanged(target, expected):
            raise _changed(name)  # changed while this process wrote: the last look
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _copy_metadata(
    descriptor: int, temporary: str, name: str, status: os.stat_result | None
) -> None:
    """Give the temporary file the owner, group and mode of the file it replaces, or the mode the
    umask gives a new file."""
    if status is None:
        mode = 0o666 & ~_umask()
    else:
        mode = stat.S_IMODE(status.st_mode)
        own = os.fstat(descriptor)
        wanted = (status.st_uid, status.st_gid)
        if hasattr(os, "fchown") and (own.st_uid, own.st_gid) != wanted:
            try:
                os.fchown(descriptor, *wanted)
            except PermissionError:
                raise WriteError(
                    T_(
                        "owned by user {st_uid}, group {st_gid}: replacing it would change its "
                        "owner or group, so it is not replaced (run as its owner)",
                        st_uid=status.st_uid, st_gid=status.st_gid,
                    ),
                    name,
                ) from None
    # After the chown, which clears the set-user-id and set-group-id bits.
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:  # pragma: no cover - Windows before Python 3.13
        os.chmod(temporary, mode)


def _umask() -> int:
    # The only portable way to read the umask is to set it; put back at once.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _write_directly(name: str, data: bytes) -> None:
    try:
        with open(name, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise _write_error(error, name) from None


def _write_error(error: OSError, name: str) -> WriteError:
    folder = os.path.dirname(os.path.abspath(name))
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return WriteError(T_("cannot write: no such folder {folder}", folder=folder), name)
    if isinstance(error, PermissionError):
        return WriteError(
            T_("cannot write: permission denied (in {folder})", folder=folder), name
        )
    return WriteError(T_("cannot write: {reason}", reason=error.strerror or error), name)


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


def lock_path(path: str | os.PathLike[str]) -> str:
    """The lock file of ``path``: ``.NAME.lock`` next to the file (its link followed)."""
    folder, base = os.path.split(os.path.realpath(path))
    return os.path.join(folder, f".{base}.lock")


@contextlib.contextmanager
def edit_lock(path: str | os.PathLike[str], timeout: float | None = None) -> Iterator[None]:
    """Hold the edit lock of ``path`` for a read–modify–write of it.

    Another termkit process editing the same file waits for it (up to ``timeout`` seconds, by
    default :data:`LOCK_TIMEOUT`, then :class:`~termkit.errors.WriteError`), so that no edit
    overwrites another. The lock is a ``.NAME.lock`` file next to ``path`` (:func:`lock_path`),
    left there after the edit: removing it would let a process that waits on it lock a file
    no other process can see any more.
    """
    import filelock

    name = os.fspath(path)
    seconds = LOCK_TIMEOUT if timeout is None else timeout
    where = lock_path(path)
    if not os.path.isdir(os.path.dirname(where)):
        # filelock would make the missing folders, and the write would then succeed there.
        raise _write_error(FileNotFoundError(), name)
    lock = filelock.FileLock(where, timeout=seconds)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise WriteError(
            T_(
                "another termkit process has been editing it for {seconds:g} s (lock file "
                "{lock_file}): try again",
                seconds=seconds, lock_file=lock.lock_file,
            ),
            name,
        ) from None
    except OSError as error:
        raise _write_error(error, name) from None
    try:
        yield
    finally:
        lock.release()
