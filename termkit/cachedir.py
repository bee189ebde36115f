"""Where termkit keeps what it compiles once and reuses (termbases, their automata, regular
expressions): a module of its own, which imports nothing of termkit's."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["CACHE_DIR_ENV", "NO_CACHE_ENV", "cache_directory"]

CACHE_DIR_ENV = "TERMKIT_CACHE_DIR"
NO_CACHE_ENV = "TERMKIT_NO_CACHE"


def cache_directory() -> Path | None:
    """Where cache entries live, or None when ``TERMKIT_NO_CACHE`` switches the cache off, or
    when there is no home folder to put it in (a container's user without one, no
    ``TERMKIT_CACHE_DIR``): termkit then compiles what it needs in each run."""
    if os.environ.get(NO_CACHE_ENV, "").strip().lower() not in ("", "0", "false", "no"):
        return None
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    try:
        return _default_directory()
    except RuntimeError:  # Path.home(): "Could not determine home directory."
        return None


def _default_directory() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "termkit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "termkit"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says relative paths are invalid and must be ignored.
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "termkit"
