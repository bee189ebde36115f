"""What the command line does when something fails outside the library's typed errors.

- An unexpected exception (a bug) is one line, ``termkit: internal error: … — please report``,
  and exit status 2, never a traceback and never 1, which means "findings" (ruff's convention:
  2 is abnormal termination). ``--traceback``, anywhere on the command line, prints the
  traceback too.
- Output that cannot be written (``> /dev/full``, a full disk) is one line and exit status 2;
  a closed pipe (``termkit check … | head``) stays silent, as click makes it, with status 1.
- Output that the stream's encoding cannot represent (``PYTHONIOENCODING=ascii``) is written
  with backslash escapes (``\\u591a``) rather than failing; a file name's undecodable bytes
  (``bad\\xff.md``, held as lone surrogates) are written as those bytes, as ``ls`` would.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import sys
from collections.abc import Sequence

__all__ = [
    "EXIT_ABNORMAL",
    "OUTPUT_ERRORS",
    "TRACEBACK_OPTION",
    "report_failure",
    "take_traceback_option",
    "tolerate_unencodable_output",
    "unwritable_output",
]

EXIT_ABNORMAL = 2
TRACEBACK_OPTION = "--traceback"
OUTPUT_ERRORS = "termkit-output"
"""The codec error handler :func:`tolerate_unencodable_output` gives standard output and error."""


def take_traceback_option(args: Sequence[str]) -> tuple[list[str], bool]:
    """``args`` without ``--traceback``, and whether it was there. It is taken wherever it
    stands before ``--``: the message that suggests it is read after the command has run, and
    appending the option is what a user does."""
    rest: list[str] = []
    found = False
    for index, arg in enumerate(args):
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == TRACEBACK_OPTION:
            found = True
        else:
            rest.append(arg)
    return rest, found


def _tolerant(error: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    code = ord(error.object[error.start])
    if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode (surrogateescape): the byte
        return bytes([code - 0xDC00]), error.start + 1
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}", error.start + 1


codecs.register_error(OUTPUT_ERRORS, _tolerant)


def tolerate_unencodable_output() -> None:
    """Let standard output and error write what their encoding cannot represent (see the
    module's documentation) instead of raising UnicodeEncodeError halfway through a report."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) != OUTPUT_ERRORS:
            try:
                reconfigure(errors=OUTPUT_ERRORS)
            except (OSError, ValueError):  # closed, or not a real text stream (a test's)
                continue


def unwritable_output(error: OSError) -> str | None:
    """The one-line message for an error writing output, or None when it is not one. A file
    termkit opens has a name on its OSError; a write to standard output has none."""
    if error.filename is not None:
        return None
    return f"cannot write output: {error.strerror or error}"


def report_failure(error: BaseException, show_traceback: bool) -> int:
    """Tell the user about ``error``, which escaped every command, in one line; the exit status."""
    if isinstance(error, OSError) and error.errno == errno.EPIPE:
        return 1  # the reader went away (| head): nothing to say, as click does
    if show_traceback:
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    if isinstance(error, OSError):
        message = unwritable_output(error) or f"{error.filename}: {error.strerror or error}"
        _print(f"termkit: error: {message}")
        return EXIT_ABNORMAL
    what = str(error).strip().splitlines()
    detail = f"{type(error).__name__}: {what[0]}" if what else type(error).__name__
    hint = "" if show_traceback else "; run with --traceback for details"
    _print(f"termkit: internal error: {detail} — please report{hint}")
    return EXIT_ABNORMAL


def _print(line: str) -> None:
    # With no standard error either, the exit status says it.
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)
