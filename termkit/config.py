"""Project configuration: ``termkit.toml``, or ``[tool.termkit]`` in ``pyproject.toml``.

Found by walking up from the working directory; ``--config`` names one explicitly. Paths in the
configuration are relative to the file that holds them. :func:`load_config` returns a frozen
:class:`CheckConfig` whose every value was checked here, once: a wrong type or value is a
:class:`~termkit.errors.TermbaseError` at the key's line and column.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from termkit.errors import TermbaseError
from termkit.i18n import T_

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["CONFIG_KEYS", "FAIL_ON", "CheckConfig", "find_config", "load_config"]

FAIL_ON = ("error", "warning", "info", "never")


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class CheckConfig:
    """The settings of a configuration file, each checked; None (or empty) where not set.
    ``path`` is None when no configuration was found."""

    path: Path | None = None
    termbases: tuple[Path, ...] = ()
    default_termbase: bool = True
    lang: str | None = None
    latin_lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()  # formats a folder walk reads too: docx, html, pdf
    fail_on: str | None = None
    near_miss_threshold: float | None = None
    jobs: int | None = None
    prefer: Mapping[str, str] = field(default_factory=_empty)
    severity: Mapping[str, str] = field(default_factory=_empty)  # rule -> its severity here
    # where the keys stand: () for termkit.toml's top level, ("tool", "termkit") in pyproject.toml
    table: tuple[str, ...] = ()

    def error_at(self, key: str, message: str) -> TermbaseError:
        """``message`` about ``key``'s value, located at the key's line and column: for what
        only the termbase or the rules can judge (``lang = "xx"``, ``select = ["TK999"]``)."""
        if self.path is None:
            return TermbaseError(message)
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return TermbaseError(message, str(self.path))
        return _located(self.path, text, (*self.table, key), message)


class _Invalid(Exception):
    """A value that its key does not take; the message says what it takes."""


def _string(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid("must be a string (a language tag such as \"zh\", \"en\", \"fr\")")
    return value


def _strings(value: object) -> tuple[str, ...]:
    """A string or a list of strings (``select = "TK1"`` is ``["TK1"]``)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise _Invalid("must be a string or a list of strings")


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("must be true or false")
    return value


def _fail_on(value: object) -> str:
    if value not in FAIL_ON:
        raise _Invalid(f"must be one of {', '.join(repr(v) for v in FAIL_ON)}")
    return str(value)


def _threshold(value: object) -> float:
    # bool is an int to Python, not a number to a reader
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _Invalid("must be a number from 0 to 100")
    if not 0 <= value <= 100:
        raise _Invalid(f"must be a number from 0 to 100, not {value}")
    return float(value)


def _jobs(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Invalid("must be a whole number, 0 for one per CPU")
    return value


def _per_file_ignores(value: object) -> Mapping[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise _Invalid('must be a table of glob = ["CODE", …]')
    table: dict[str, tuple[str, ...]] = {}
    for glob, codes in value.items():
        try:
            table[glob] = _strings(codes)
        except _Invalid:
            raise _Invalid(
                f'must be a table of glob = ["CODE", …]; {glob!r} has {codes!r}'
            ) from None
    return MappingProxyType(table)


_SEVERITIES = ("error", "warning", "info")


def _severity(value: object) -> Mapping[str, str]:
    """``[severity]``: rule (code or name) = "error" | "warning" | "info", as Vale sets levels."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and v in _SEVERITIES for k, v in value.items()
    ):
        raise _Invalid('must be a table of RULE = "error", "warning" or "info"')
    return MappingProxyType(dict(value))


def _prefer(value: object) -> Mapping[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise _Invalid('must be a table of ACRONYM = "concept id or term"')
    return MappingProxyType(dict(value))


def _include(value: object) -> tuple[str, ...]:
    from termkit.documents import DOCUMENT_FORMATS

    formats = _strings(value)
    if not all(name in DOCUMENT_FORMATS for name in formats):
        raise _Invalid(f"must be a list of formats among {', '.join(DOCUMENT_FORMATS)}")
    return formats


# Each key, its field, and how its value is checked and converted.
_KEYS: dict[str, tuple[str, Callable[[object], Any]]] = {
    "termbases": ("termbases", _strings),
    "default-termbase": ("default_termbase", _boolean),
    "lang": ("lang", _string),
    "latin-lang": ("latin_lang", _string),
    "select": ("select", _strings),
    "ignore": ("ignore", _strings),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "exclude": ("exclude", _strings),
    "include": ("include", _include),
    "fail-on": ("fail_on", _fail_on),
    "near-miss-threshold": ("near_miss_threshold", _threshold),
    "jobs": ("jobs", _jobs),
    "prefer": ("prefer", _prefer),
    "severity": ("severity", _severity),
}
CONFIG_KEYS = tuple(_KEYS)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``termkit.toml``, or ``pyproject.toml`` with a ``[tool.termkit]`` table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "termkit.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_termkit_table(pyproject):
            return pyproject
    return None


def _has_termkit_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.termkit" in text


def load_config(path: str | os.PathLike[str] | None = None, *, search: bool = True) -> CheckConfig:
    """Read and check the configuration at ``path``, or the one found from the working directory."""
    found = Path(path) if path is not None else (find_config() if search else None)
    if found is None:
        return CheckConfig()
    text, data = _read(found)
    tool = data.get("tool")
    if found.name == "pyproject.toml" or (isinstance(tool, dict) and "termkit" in tool):
        # pyproject.toml's [tool.termkit]; termkit.toml may hold one too
        prefix: tuple[str, ...] = ("tool", "termkit")
        table = tool.get("termkit", {}) if isinstance(tool, dict) else {}
    else:
        prefix, table = (), data
    if not isinstance(table, dict):
        raise TermbaseError(T_("[tool.termkit] must be a table"), str(found))
    values: dict[str, Any] = {"path": found, "table": prefix}
    for key, value in table.items():
        if key not in _KEYS:
            import difflib

            close = difflib.get_close_matches(key, CONFIG_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise _located(found, text, (*prefix, key), f"unknown configuration key {key!r}{hint}")
        name, check = _KEYS[key]
        try:
            values[name] = check(value)
        except _Invalid as exc:
            raise _located(found, text, (*prefix, key), f"{key!r} {exc}") from None
    values["termbases"] = tuple(found.parent / t for t in values.get("termbases", ()))
    return CheckConfig(**values)


def _read(found: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = found.read_text(encoding="utf-8-sig")
        return text, tomllib.loads(text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise TermbaseError(T_("cannot read configuration: {reason}", reason=reason), str(found)) from None
    except UnicodeDecodeError:
        raise TermbaseError(T_("configuration is not valid UTF-8"), str(found)) from None
    except tomllib.TOMLDecodeError as exc:
        from termkit.termbase.schema import syntax_diagnostic

        diag = syntax_diagnostic(str(found), exc)
        raise TermbaseError(diag.message, diag.path, diag.line, diag.column) from None


def _located(found: Path, text: str, key: tuple[str, ...], message: str) -> TermbaseError:
    """``message`` at the line and column where ``key`` stands in the file."""
    from termkit.termbase.positions import TomlPositions

    position = TomlPositions(text).find(key)
    line, column = position if position is not None else (None, None)
    return TermbaseError(message, str(found), line, column)
