"""What the process termkit runs in is for: a module of its own, which imports nothing.

A ``termkit check`` started from the command line ends when the check does (``termkit.cli.run``
leaves through ``os._exit``), so whatever it loads or finds lives to the end. The language
server, an interactive lookup, a test run or a program that uses termkit as a library goes on
after a call. A few choices differ between the two (see
:func:`termkit.termbase.cache.paused_gc`): a command says that the process ends with it
(:func:`command_ends_process`), and that counts only in a process the console entry point
started (:func:`started_from_command_line`), never in a test's or a host program's.
"""

from __future__ import annotations

__all__ = ["command_ends_process", "one_shot", "started_from_command_line"]

_from_command_line = False
_one_shot = False


def started_from_command_line() -> None:
    """Say that the console entry point started this process (``termkit.cli.run``)."""
    global _from_command_line
    _from_command_line = True


def command_ends_process() -> None:
    """Say that the process ends when the running command does (a batch command such as
    ``check``), which holds only when the console entry point started it."""
    global _one_shot
    _one_shot = _from_command_line


def one_shot() -> bool:
    """Whether this process ends when its command does (see the module's documentation)."""
    return _one_shot
