"""Typed exceptions. The library raises them; only the CLI turns them into messages and exit codes."""

from __future__ import annotations

__all__ = [
    "FileChangedError",
    "InputError",
    "TermbaseError",
    "TermkitError",
    "WriteError",
    "format_location",
]


def format_location(path: str | None, line: int | None = None, column: int | None = None) -> str:
    """``path:line:col`` with whatever parts are known (``<string>`` when there is no path)."""
    where = path or "<string>"
    if line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    return where


class TermkitError(Exception):
    """Base class: an error with an optional location, shown to users as one line."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.path is None and self.line is None:
            return self.message
        return f"{format_location(self.path, self.line, self.column)}: {self.message}"

    def localized(self) -> str:
        """:meth:`__str__` with the message in the interface language (``termkit.i18n``)."""
        from termkit.i18n import translated

        message = translated(self.message)
        if self.path is None and self.line is None:
            return message
        return f"{format_location(self.path, self.line, self.column)}: {message}"


class TermbaseError(TermkitError):
    """A termbase (or configuration file) that cannot be read or is invalid."""


class InputError(TermkitError):
    """A document or argument that cannot be read or used."""


class WriteError(InputError):
    """A file that cannot be written; the original, if there is one, is left as it was."""


class FileChangedError(WriteError):
    """A file that changed on disk since it was read: replacing it would lose that change."""
