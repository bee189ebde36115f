"""Regular expressions compiled once per installation, not once per run.

A character class that spans the CJK blocks takes milliseconds to compile (``re`` visits every
code point of its ranges to build the class's bitmap), and termkit's normaliser and definition
detectors hold some thirty such patterns: about 70 ms of every command, a third of a pre-commit
run on two small files. :func:`compile_pattern` compiles a pattern as ``re.compile`` does, keeps
the compiled code in the cache folder, and in later runs hands that code straight to the regular
expression engine (``_sre.compile``, which checks it), so that nothing is compiled again.

The code is ``re``'s internal format, so the file is per Python build (its version string, its
``_sre`` magic number) and per termkit version, and the shortcut is taken only on the Pythons
whose ``re`` is known to work so (3.11 to 3.14); elsewhere, and whenever anything fails, it is
plain ``re.compile``. A damaged or foreign file is ignored (it carries a digest of its content)
and written anew.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import Any

from termkit._version import __version__
from termkit.compiled import CompiledStore

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
# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup): _sre.compile's arguments
Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
# One file per termkit version too: a version's patterns are a fixed set, which older versions'
# would otherwise pile onto, to be read in every run.
_BUILD = f"{__version__}|{sys.version}|{sys.implementation.cache_tag}|{getattr(_sre, 'MAGIC', '')}"
_store = CompiledStore("patterns", b"TKRE\x01", _BUILD, most=4096)
save = _store.save


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the compiled code kept in the cache when it is there."""
    if not _SUPPORTED:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    parts = _store.get(key)
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
    _store.put(key, parts)
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
