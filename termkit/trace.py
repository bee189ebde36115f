"""What ``-v`` and ``-vv`` say: which configuration and termbases were loaded, from the cache or
not, which files were skipped and why. Library code calls :func:`note`; the CLI decides whether
and where it is shown. Nothing is imported and nothing is kept when no one listens."""

from __future__ import annotations

import sys

__all__ = ["note", "set_verbosity"]

_verbosity = 0


def set_verbosity(verbosity: int) -> None:
    """Show notes of ``level`` up to ``verbosity`` (the CLI's -v count; -1 for --quiet)."""
    global _verbosity
    _verbosity = verbosity


def note(level: int, message: str) -> None:
    """Say ``message`` on stderr when the user asked for ``level`` (1: -v, 2: -vv)."""
    if level <= _verbosity:
        from termkit.i18n import translated

        print(f"termkit: {translated(message)}", file=sys.stderr)
