"""What termkit compiles once per installation instead of once per run, kept in its cache folder.

Two kinds of compiled things are kept, each in a file of its own per termkit version and Python build:

- regular expressions (:mod:`termkit.patterns`): a character class spanning the CJK blocks takes
  milliseconds to compile, and termkit holds some thirty of them;
- the methods that :mod:`dataclasses` writes for a class (``__init__``, ``__eq__``, ``__repr__``,
  ``__hash__``, and a frozen class's ``__setattr__`` and ``__delattr__``): ``dataclasses`` writes
  their source and compiles it each time a class is defined, some 260 functions for the classes a
  check needs, 20 ms of a 90 ms pre-commit run. :func:`keep_generated_code` lets the command line
  compile each source text once and reuse the code object, the way Python reuses a module's
  bytecode from ``__pycache__``.

A file is ``magic + digest + marshal(dict)``: a damaged, foreign or truncated file is ignored
and written anew, and any failure to read or write one only costs the compiling. Writes are
atomic. A file that grows past its limit starts over, so entries of older termkits go. The
digest finds damage, not tampering: the code file is read only when it is the user's own and
no one else may write it, as Python trusts ``__pycache__``, and the cache folder must be as
private as the user's own files.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import functools
import hashlib
import marshal
import os
import stat
import sys
import tempfile
import threading
from types import CodeType
from typing import Any

from termkit._version import __version__
from termkit.cachedir import cache_directory

__all__ = ["CompiledStore", "keep_generated_code"]


class CompiledStore:
    """A dictionary of marshallable values kept in ``<cache>/<stem>-<build>.bin``: read on the
    first :meth:`get`, written at exit with what :meth:`put` added (or by :meth:`save`)."""

    def __init__(
        self, stem: str, magic: bytes, build: str, most: int, *, own_only: bool = False
    ) -> None:
        self.stem, self.magic, self.most = stem, magic, most
        # Only a file this user owns and no one else may write (where there are owners): one
        # that holds code to run must not be anyone else's to change.
        self.own_only = own_only
        self.tag = hashlib.blake2b(build.encode(), digest_size=8).hexdigest()
        self.known: dict[Any, Any] | None = None  # what the file held; None: not read yet
        self.new: dict[Any, Any] = {}  # compiled in this run, not written yet
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any | None:
        with self._lock:
            if self.known is None:
                try:
                    self.known = self._load()
                except Exception:  # no home folder, an unreadable cache…: compile each time
                    self.known = {}
            value = self.known.get(key)
            return self.new.get(key) if value is None else value

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            if not self.new:
                atexit.register(self.save)
            self.new[key] = value

    def forget(self) -> None:
        """Read the file again on the next :meth:`get` (as a later run would)."""
        with self._lock:
            self.known = None

    def path(self) -> str | None:
        directory = cache_directory()
        return None if directory is None else os.path.join(directory, f"{self.stem}-{self.tag}.bin")

    def _load(self) -> dict[Any, Any]:
        path = self.path()
        if path is None:
            return {}
        try:
            with open(path, "rb") as stream:
                if self.own_only and not _own(os.fstat(stream.fileno())):
                    return {}
                data = stream.read()
        except OSError:
            return {}
        start = len(self.magic) + 16
        body = data[start:]
        digest = hashlib.blake2b(body, digest_size=16).digest()
        if not data.startswith(self.magic) or data[len(self.magic) : start] != digest:
            return {}
        try:
            known: Any = marshal.loads(body)
        except (EOFError, ValueError, TypeError):
            return {}
        return known if type(known) is dict else {}

    def save(self) -> None:
        """Write what this run compiled (atomically); a failure only costs the next run the
        compiling. Registered to run at exit."""
        with contextlib.suppress(Exception):  # never a traceback at exit for a cache
            self._save()

    def _save(self) -> None:
        with self._lock:
            if not self.new:
                return
            known = self.known or {}
            known = {} if len(known) + len(self.new) > self.most else dict(known)
            known.update(self.new)
            self.new.clear()
        path = self.path()
        if path is None:
            return
        body = marshal.dumps(known)
        data = self.magic + hashlib.blake2b(body, digest_size=16).digest() + body
        temp: str | None = None
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            descriptor, temp = tempfile.mkstemp(prefix=f".{self.stem}-", dir=os.path.dirname(path))
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temp, path)
            temp = None
        except OSError:
            pass
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


def _own(status: os.stat_result) -> bool:
    """Whether a file is this user's and no one else may write it (True where there are no
    owners to ask about)."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return True
    return status.st_uid == geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@functools.cache
def _code() -> CompiledStore:
    """The store of generated methods' code, per termkit version, Python build, bytecode and code options."""
    import importlib.util

    magic = importlib.util.MAGIC_NUMBER.hex()
    ranges = "no_debug_ranges" in sys._xoptions or bool(os.environ.get("PYTHONNODEBUGRANGES"))
    python = f"{sys.version}|{sys.implementation.cache_tag}|{magic}|{sys.flags.optimize}|{ranges}"
    build = f"{__version__}|{python}"
    return CompiledStore("code", b"TKCO\x01", build, most=4096, own_only=True)


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` as :mod:`dataclasses` calls it, with a source text compiled once per
    installation. ``compile(…, dont_inherit=True)`` with no flags is what ``exec`` does with a
    string from ``dataclasses``, which has no ``__future__`` imports, so the code is the same.
    An entry that is not the code of such a text is compiled again."""
    if type(source) is str:
        store = _code()
        code = store.get(source)
        if type(code) is not CodeType or code.co_filename != "<string>":
            code = compile(source, "<string>", "exec", dont_inherit=True)
            store.put(source, code)
        source = code
    builtins.exec(source, globals, locals)


def keep_generated_code() -> None:
    """Compile the methods :mod:`dataclasses` generates once per installation, from now on in
    this process (the command line's entry point calls it; a library user's process is left
    alone). It gives ``dataclasses`` a module global named ``exec``, which its calls find
    before the builtin; on any other Python than CPython, it does nothing."""
    if sys.implementation.name != "cpython" or cache_directory() is None:
        return
    import dataclasses

    if "exec" not in vars(dataclasses):
        dataclasses.exec = _exec  # type: ignore[attr-defined]
