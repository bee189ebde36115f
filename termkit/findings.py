"""What ``check`` reports: findings with a location, a rule, a severity and perhaps a fix."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from termkit.edits import Edit

__all__ = ["Finding", "Fix", "Severity", "SourceRef"]


class Severity(str, enum.Enum):
    """How much a finding matters; ``--fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


# A finding's fix is an edit of the document.
Fix = Edit


@dataclass(frozen=True)
class SourceRef:
    """A translation check's finding's source side: the source segment's text, the source
    term the finding is about (None for a finding about the target alone), and where that term
    (or the segment) is in the source file, 1-based."""

    path: str
    text: str
    found: str | None
    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    """One problem in a document. Lines and columns are 1-based, columns in Unicode characters;
    ``end_line``/``end_column`` point just past the found text."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    found: str
    concept: str | None = None
    expected: str | None = None
    fix: Fix | None = None
    start: int = 0  # offsets in the original document text
    end: int = 0
    # A translation check's finding: the segment's id and its source side
    segment: str | None = None
    source: SourceRef | None = None
    # A PDF's finding: its page (``line`` is then the line on the page)
    page: int | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.page or 0, self.line, self.column, self.code)

    @property
    def place(self) -> str:
        """``path:line:col``, or ``path:pPAGE:line:col`` in a PDF."""
        page = "" if self.page is None else f"p{self.page}:"
        return f"{self.path}:{page}{self.line}:{self.column}"
