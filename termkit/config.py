"""Project configuration: ``termkit.toml``, or ``[tool.termkit]`` in ``pyproject.toml``.

Found by walking up from the working directory; ``--config`` names one explicitly. Paths in the
configuration are relative to the file that holds them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from termkit.errors import TermbaseError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["CONFIG_KEYS", "Config", "find_config", "load_config"]

CONFIG_KEYS = (
    "termbases",
    "default-termbase",
    "lang",
    "latin-lang",
    "select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "fail-on",
    "near-miss-threshold",
    "jobs",
    "prefer",
)


@dataclass(frozen=True)
class Config:
    """Settings from a configuration file; ``path`` is None when none was found."""

    path: Path | None = None
    termbases: tuple[Path, ...] = ()
    default_termbase: bool = True
    settings: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, key: str, default: Any = None) -> Any:
        """A setting by its configuration key (``fail-on``), or ``default``."""
        return self.settings.get(key, default)

    def get_list(self, key: str) -> list[str]:
        """A list-of-strings setting (``exclude``, ``select``); a single string is a list of one.
        Raises TermbaseError naming the file when it is anything else."""
        value = self.settings.get(key, [])
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TermbaseError(f"'{key}' must be a list of strings", str(self.path))
        return value


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


def load_config(path: str | os.PathLike[str] | None = None, *, search: bool = True) -> Config:
    """Read the configuration at ``path``, or the one found from the working directory."""
    found = Path(path) if path is not None else (find_config() if search else None)
    if found is None:
        return Config()
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise TermbaseError(f"cannot read configuration: {reason}", str(found)) from None
    except UnicodeDecodeError:
        raise TermbaseError("configuration is not valid UTF-8", str(found)) from None
    except tomllib.TOMLDecodeError as exc:
        from termkit.termbase.schema import syntax_diagnostic

        diag = syntax_diagnostic(str(found), exc)
        raise TermbaseError(diag.message, diag.path, diag.line, diag.column) from None
    if found.name == "pyproject.toml":
        table = data.get("tool", {}).get("termkit", {})
    else:
        table = data.get("tool", {}).get("termkit", data)
    if not isinstance(table, dict):
        raise TermbaseError("[tool.termkit] must be a table", str(found))
    unknown = [key for key in table if key not in CONFIG_KEYS]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], CONFIG_KEYS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise TermbaseError(f"unknown configuration key {unknown[0]!r}{hint}", str(found))
    termbases = table.get("termbases", [])
    if isinstance(termbases, str):
        termbases = [termbases]
    if not isinstance(termbases, list) or not all(isinstance(t, str) for t in termbases):
        raise TermbaseError("'termbases' must be an array of paths", str(found))
    default = table.get("default-termbase", True)
    if not isinstance(default, bool):
        raise TermbaseError("'default-termbase' must be true or false", str(found))
    return Config(
        path=found,
        termbases=tuple(found.parent / t for t in termbases),
        default_termbase=default,
        settings=MappingProxyType(dict(table)),
    )
