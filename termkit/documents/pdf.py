"""PDF files: the text layer, page by page, located by page and line on the page.

Read with pypdf. Measured against pdfminer.six on Chinese text (``benchmarks/bench_pdf_readers.py``):
pypdf kept every character of the sample bulletin set in a CJK font (pdfminer.six lost the
middle dots of transliterated names, ``马蒂娜·罗恩``, and the bullets), read a 90-page Chinese PDF
four times as fast (1.2 s against 4.7 s), and keeps the order in which the page draws its text,
which for the bulletins and for two columns drawn column by column is the reading order.
pypdf's layout mode (which keeps blank lines) reads two columns across, line by line, so the text
is read in the plain mode and a paragraph break is put where the gap between two lines is more
than 1.3 times the page's usual line spacing.

The text of the pages is then what ``check`` reads of a plain-text file extracted from PDF: the
wrap-aware normalisation joins lines broken inside terms (``全球政府\\n间会议``). A page ends with a
line break, not a paragraph break, so a sentence goes on across pages.
"""

from __future__ import annotations

import io
import logging
import warnings
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from termkit.errors import InputError
from termkit.i18n import T_

__all__ = ["PdfDocument", "read_pdf"]

_PARAGRAPH_GAP = 1.3  # a gap this many times the usual line spacing ends a paragraph


@dataclass(frozen=True)
class PdfDocument:
    """A PDF's text: ``text`` (what is checked) and, per text line, where it starts in ``text``,
    its page and its line on the page (1-based)."""

    path: str
    text: str
    line_starts: tuple[int, ...]
    places: tuple[tuple[int, int], ...]  # (page, line on the page) of each line
    pages: int

    def place(self, offset: int) -> tuple[int, int, int]:
        """(page, line on the page, column) of an offset in :attr:`text`."""
        index = max(bisect_right(self.line_starts, offset) - 1, 0)
        page, line = self.places[index]
        return page, line, offset - self.line_starts[index] + 1

    @property
    def display_text(self) -> str:
        """The pages' lines, pages separated by form feeds (for showing a finding's line)."""
        pages: list[list[str]] = [[] for _page in range(self.pages)]
        ends = [*self.line_starts[1:], len(self.text) + 1]
        for (page, _line), start, end in zip(self.places, self.line_starts, ends, strict=True):
            pages[page - 1].append(self.text[start:end].rstrip("\n"))
        return "\f".join("\n".join(lines) for lines in pages)


def _page_lines(page: object) -> list[str]:
    """The page's lines, with an empty line where a paragraph ends."""
    pieces: list[tuple[str, float | None]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_rest: object) -> None:
        if text:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((text, y))

    plain: str = page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    # a page's text ends with a line break: no empty line after its last line
    lines = plain.rstrip("\n").split("\n")
    if not pieces:
        return lines
    # the height of each line: the y of the first piece that starts it
    heights: list[float | None] = []
    piece_index = 0
    for line in lines:
        y: float | None = None
        consumed = ""
        while piece_index < len(pieces) and len(consumed.replace("\n", "")) < len(line):
            text, where = pieces[piece_index]
            if y is None and text.strip():
                y = where
            consumed += text
            piece_index += 1
        heights.append(y)
    gaps = [
        round(abs(a - b), 1) for a, b in pairwise(heights)
        if a is not None and b is not None and abs(a - b) > 0.5
    ]
    if not gaps:
        return lines
    usual = Counter(gaps).most_common(1)[0][0]
    out: list[str] = []
    for index, line in enumerate(lines):
        if index and out:
            a, b = heights[index - 1], heights[index]
            if a is not None and b is not None and abs(a - b) > usual * _PARAGRAPH_GAP:
                out.append("")
        out.append(line)
    return out


def read_pdf(data: bytes, path: str) -> PdfDocument:
    """Read a PDF's text layer. Raises :class:`InputError` (one line) for an encrypted PDF
    without a password, a PDF with no text layer (scanned) and one the reader cannot parse."""
    try:
        import pypdf
        from pypdf.errors import PyPdfError
    except ImportError:
        raise InputError(
            T_("reading PDF needs pypdf: pip install pypdf"), path
        ) from None
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # its warnings about damage: the error says it in one line
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read(pypdf, PyPdfError, data, path)
    finally:
        logger.setLevel(level)


def _read(pypdf: Any, PyPdfError: type[Exception], data: bytes, path: str) -> PdfDocument:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # pypdf raises several kinds here; all mean "locked"
                opened = False
            if not opened:
                raise InputError(T_("an encrypted PDF: termkit reads no password-protected PDF"), path)
        pages = [_page_lines(page) for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, Exception) as error:  # a damaged PDF can make pypdf raise anything
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(T_("cannot read the PDF: {reason}", reason=reason), path) from None
    if not any(line.strip() for lines in pages for line in lines):
        raise InputError(
            T_("no text in this PDF (a scanned document? run OCR on it first)"), path
        )
    parts: list[str] = []
    starts: list[int] = []
    places: list[tuple[int, int]] = []
    position = 0
    for page_number, lines in enumerate(pages, start=1):
        on_page = 0
        for line in lines:
            if line:
                on_page += 1
                starts.append(position)
                places.append((page_number, on_page))
            parts.append(line)
            position += len(line) + 1
    text = "\n".join(parts)
    return PdfDocument(path, text, tuple(starts), tuple(places), len(pages))
