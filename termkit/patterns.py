"""Regular expressions compiled once per installation, not once per run.

A character class that spans the CJK blocks takes milliseconds to compile (``re`` visits every
code point of its ranges to build the class's bitmap), and termkit's normaliser and definition
detectors hold some thirty such patterns: about 70 ms of every command, a third of a pre-commit
run on two small files. :func:`compile_pattern` compiles a pattern as ``re.compile`` does, keeps
the compiled code in the cache folder, and in later runs hands that code straight to the regular
expression engine (``_sre.compile``, which checks it), so that nothing is compiled again.

The code is ``re``'s internal format, so the file is per Python build (its version string, its
``_sre`` magic number), and the shortcut is taken only on the Pythons whose ``re`` is known to
work so (3.11 to 3.14); elsewhere, and whenever anything fails, it is plain ``re.compile``. A
damaged or foreign file is ignored (it carries a digest of its content) and written anew.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
from typing import Any

from termkit.cachedir import cache_directory

__all__ = ["compile_pattern"]

_sre: Any
_compiler: Any
_parser: Any
try:
    import _sre  # type: ignore[import-not-found,no-redef]
    from re import _compiler, _parser  # type: ignore[attr-defined,no-redef]
except ImportError:  # Python 3.10 (sre_compile), or another implementation
    _sre = _compiler = _parser = None

_SUPPORTED = (
    sys.implementation.name == "cpython"
    and (3, 11) <= sys.version_info[:2] <= (3, 14)
    and _compiler is not None
    and hasattr(_compiler, "_code")
)
_MAGIC = b"TKRE\x01"
_MOST = 4096  # patterns in the file; beyond, it starts over (patterns of older termkits go)

# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup): _sre.compile's arguments
Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_known: dict[tuple[str, int], Parts] | None = None
_new: dict[tuple[str, int], Parts] = {}
_lock = threading.Lock()


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the compiled code kept in the cache when it is there."""
    if not _SUPPORTED:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    with _lock:
        global _known
        if _known is None:
            try:
                _known = _load()
            except Exception:  # no home folder, an unreadable cache…: compile as re does
                _known = {}
        parts = _known.get(key) or _new.get(key)
    if parts is not None:
        with contextlib.suppress(Exception):  # not what this Python's engine takes: compile
            return _sre.compile(pattern, *parts)  # type: ignore[no-any-return]
    try:
        parts = _compile(pattern, int(flags))
        compiled: re.Pattern[str] = _sre.compile(pattern, *parts)
    except re.error:
        raise
    except Exception:  # re's internals are not what they were: no shortcut then
        return re.compile(pattern, flags)
    with _lock:
        if not _new:
            atexit.register(save)
        _new[key] = parts
    return compiled


def _compile(pattern: str, flags: int) -> Parts:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, as plain values."""
    parsed = _parser.parse(pattern, flags)
    code = [int(value) for value in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
        tuple(indexgroup),
    )


def _path() -> str | None:
    directory = cache_directory()
    if directory is None:
        return None
    build = f"{sys.version}|{sys.implementation.cache_tag}|{getattr(_sre, 'MAGIC', '')}"
    tag = hashlib.blake2b(build.encode(), digest_size=8).hexdigest()
    return os.path.join(directory, f"patterns-{tag}.bin")


def _load() -> dict[tuple[str, int], Parts]:
    path = _path()
    if path is None:
        return {}
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError:
        return {}
    body = data[len(_MAGIC) + 16 :]
    digest = hashlib.blake2b(body, digest_size=16).digest()
    if not data.startswith(_MAGIC) or data[len(_MAGIC) : len(_MAGIC) + 16] != digest:
        return {}
    try:
        known: Any = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return known if type(known) is dict else {}


def save() -> None:
    """Write the patterns compiled in this run to the cache (atomically); failures only cost
    the next run the compiling. Called at exit."""
    with contextlib.suppress(Exception):  # never a traceback at exit for a cache
        _save()


def _save() -> None:
    with _lock:
        if not _new:
            return
        known = {} if _known is None or len(_known) + len(_new) > _MOST else dict(_known)
        known.update(_new)
        _new.clear()
    path = _path()
    if path is None:
        return
    body = marshal.dumps(known)
    data = _MAGIC + hashlib.blake2b(body, digest_size=16).digest() + body
    temp: str | None = None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        descriptor, temp = tempfile.mkstemp(prefix=".patterns-", dir=os.path.dirname(path))
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
