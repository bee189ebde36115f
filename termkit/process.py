"""What the process termkit runs in is for: a module of its own, which imports nothing.

The ``termkit`` command's process ends when its command does (``termkit.cli.run`` leaves
through ``os._exit``), so whatever a command loads or finds lives to the end; a test run, the
language server or a program that uses termkit as a library goes on after a call. A few
choices differ between the two (see :func:`termkit.termbase.cache.paused_gc`).
"""

from __future__ import annotations

__all__ = ["ends_with_command", "one_shot"]

_one_shot = False


def ends_with_command() -> None:
    """Say that this process ends when the command it runs does (the console entry point)."""
    global _one_shot
    _one_shot = True


def one_shot() -> bool:
    """Whether :func:`ends_with_command` was called in this process."""
    return _one_shot
